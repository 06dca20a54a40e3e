"""Timescale cells -> due_start / due_end (normalise/dates.py)."""
from datetime import date

import pytest

from actionplans.normalise.dates import DateContext, context_for, explicit_years, parse_due

PLAN = DateContext(plan_date=date(2012, 12, 10))


def span(raw, ctx):
    due = parse_due(raw, ctx)
    return due.start, due.end
NONE = DateContext()


@pytest.mark.parametrize("raw, start, end", [
    ("31 Jan 2013", "2013-01-31", "2013-01-31"),
    ("31st Dec 2012", "2012-12-31", "2012-12-31"),
    ("10th Dec 2012", "2012-12-10", "2012-12-10"),
    ("31/03/2014", "2014-03-31", "2014-03-31"),
    ("31.3.14", "2014-03-31", "2014-03-31"),
    ("2013-03-31", "2013-03-31", "2013-03-31"),
    ("Dec 13", "2013-12-01", "2013-12-31"),
    ("Sept.13", "2013-09-01", "2013-09-30"),
    ("Oct. 13", "2013-10-01", "2013-10-31"),
    ("Sept 2013.", "2013-09-01", "2013-09-30"),
    ("March 14", "2014-03-01", "2014-03-31"),
    ("Jun 2013", "2013-06-01", "2013-06-30"),
    ("Feb 2012", "2012-02-01", "2012-02-29"),  # leap year
    ("Sept 13 – Jan 14", "2013-09-01", "2014-01-31"),
    ("Dec 13 – March 14", "2013-12-01", "2014-03-31"),
    ("January 2012 & July 2012", "2012-01-01", "2012-07-31"),
    ("31 Oct 2012 Review: 30 Jun 2013", "2012-10-31", "2013-06-30"),
    ("Rushall: 31 Jan 2013 Others: 30 Jun 2013", "2013-01-31", "2013-06-30"),
    ("Diagnostic – Jan 2013", "2013-01-01", "2013-01-31"),
    ("2013/14", "2013-04-01", "2014-03-31"),
    ("2013-14", "2013-04-01", "2014-03-31"),
    ("2013/2014", "2013-04-01", "2014-03-31"),
    ("Q1 2013/14", "2013-04-01", "2013-06-30"),
    ("Q2 2013/14", "2013-07-01", "2013-09-30"),
    ("Q4 2013/14", "2014-01-01", "2014-03-31"),
    ("Spring 2014", "2014-03-01", "2014-05-31"),
    ("Winter 2013", "2013-12-01", "2014-02-28"),
    ("End of June 2013", "2013-06-30", "2013-06-30"),
    ("By end of March 2016", "2016-03-31", "2016-03-31"),
    ("Dec 2012 and ongoing", "2012-12-01", "2012-12-31"),
    ("December 2012 onwards", "2012-12-01", "2012-12-31"),
    ("May 2013 and then ongoing.", "2013-05-01", "2013-05-31"),
    ("Define requirement - 31st Dec 2012\nAppointment - tba", "2012-12-31", "2012-12-31"),
    ("WSCB to consider – 31 Jan 2013\nPlan for WSCB work – 31 Mar 2013\nFollowing timescale to be set by WSCB",
     "2013-01-31", "2013-03-31"),
    ("i) Dec 13.", "2013-12-01", "2013-12-31"),
    ("1) 31 Jan 2013", "2013-01-31", "2013-01-31"),
])
def test_explicit_dates(raw, start, end):
    due = parse_due(raw, PLAN)
    assert (due.start, due.end) == (start, end)


@pytest.mark.parametrize("raw", ["Began June 2011", "Starting July 2011", "To begin September 2011"])
def test_start_words_give_a_start_not_a_deadline(raw):
    due = parse_due(raw, NONE)
    assert due.start.startswith("2011-0") and due.start.endswith("-01")
    assert due.end == ""


@pytest.mark.parametrize("raw", ["ongoing", "tba", "TBC", "To be agreed by WSCB", "To be determined by Ofsted",
                                 "Immediate and ongoing", "", "   "])
def test_no_deadline_is_blank(raw):
    due = parse_due(raw, PLAN)
    assert (due.start, due.end) == ("", "")


def test_relative_timescales_count_from_the_plan_date():
    assert span("Within 3 months", PLAN) == ("2012-12-10", "2013-03-10")
    assert span("WITHIN SIX MONTHS", PLAN) == ("2012-12-10", "2013-06-10")
    assert span("IMMEDIATE", PLAN) == ("2012-12-10", "2012-12-10")
    assert parse_due("within two weeks", PLAN).end == "2012-12-24"


@pytest.mark.parametrize("raw", ["IMMEDIATE", "WITHIN 3 MONTHS", "Within six months"])
def test_relative_timescales_without_plan_date_are_blank_and_flagged(raw):
    due = parse_due(raw, NONE)
    assert (due.start, due.end) == ("", "")
    assert due.needs_plan_date  # normalise says so once for the document, not on every row
    assert not parse_due(raw, PLAN).needs_plan_date


def test_impossible_day_is_clamped_with_warning():
    due = parse_due("31 June 2013", PLAN)
    assert (due.start, due.end) == ("2013-06-30", "2013-06-30")
    assert any(w.startswith("invalid date: 31 June 2013") for w in due.warnings)
    assert parse_due("29 Feb 2013", PLAN).end == "2013-02-28"


def test_deadline_before_plan_date_is_kept_and_warned():
    due = parse_due("28 Feb 2012", PLAN)
    assert due.end == "2012-02-28"
    assert any("before the plan date" in w for w in due.warnings)
    assert not any("before the plan date" in w for w in parse_due("28 Feb 2013", PLAN).warnings)


def test_sept_13_is_a_month_and_year_not_a_day():
    due = parse_due("Sept 13", NONE)
    assert (due.start, due.end) == ("2013-09-01", "2013-09-30")
    assert any("two-digit year" in w and "2013" in w for w in due.warnings)
    # with an ordinal it is a day, and the year comes from the plan date
    assert parse_due("Sept 13th", PLAN).end == "2013-09-13"


def test_two_digit_year_follows_the_plan_century():
    assert parse_due("Dec 98", DateContext(plan_date=date(1999, 1, 1))).end == "1998-12-31"
    assert parse_due("Dec 98", DateContext(plan_date=date(2012, 1, 1))).end == "1998-12-31"
    assert parse_due("Jan 05", DateContext(plan_date=date(2004, 6, 1))).end == "2005-01-31"


def test_missing_year_from_the_cell_then_plan_date_then_other_dates():
    # from a later date in the same cell; a month after it belongs to the year before
    assert span("Nov – Feb 2014", NONE) == ("2013-11-01", "2014-02-28")
    # from the plan date: the next such month on or after it
    due = parse_due("October and ongoing", PLAN)
    assert (due.start, due.end) == ("2013-10-01", "2013-10-31")
    assert any("from the plan date" in w for w in due.warnings)
    assert parse_due("December", PLAN).end == "2012-12-31"
    # from the plan's other dates
    due = parse_due("October", DateContext(default_year=2011))
    assert due.end == "2011-10-31" and any("other dates" in w for w in due.warnings)
    # nothing to go on: blank and said so
    due = parse_due("October and ongoing", NONE)
    assert due.end == "" and any("year not given" in w for w in due.warnings)


def test_prose_numbers_are_not_dates():
    for raw in ["17.24%", "3 agencies", "1", "Rushall may finish first"]:
        due = parse_due(raw, PLAN)
        assert (due.start, due.end) == ("", ""), raw


def test_context_takes_the_most_common_written_year():
    ctx = context_for(["31 Jan 2013", "Feb 2013", "June 2011", "Sept 13", None], None)
    assert ctx.default_year == 2013 and ctx.plan_date is None
    assert explicit_years("Sept 13 – Jan 2014") == [2014]


@pytest.mark.parametrize("junk", [None, "\x00\x01", "Q9 2013", "99/99/9999", "31 Febtember 2013", "((((", "2013-02-30",
                                  "Dec" * 500, "0 Jan 2013", "fy 2013/19"])
def test_junk_never_raises(junk):
    due = parse_due(junk, PLAN)
    assert isinstance(due.start, str) and isinstance(due.end, str)


def test_text_without_a_date_is_warned_unless_it_says_there_is_none():
    assert any("no date found" in w for w in parse_due("As above", PLAN).warnings)
    assert not parse_due("To be agreed by WSCB", PLAN).warnings


@pytest.mark.parametrize("raw, start, end", [
    ("01/2014", "2014-01-01", "2014-01-31"),
    ("March/April 2013", "2013-03-01", "2013-04-30"),
    ("Jan-Mar 2013", "2013-01-01", "2013-03-31"),
    ("Mar-13", "2013-03-01", "2013-03-31"),
    ("From Jan 2013 to Mar 2013", "2013-01-01", "2013-03-31"),
    ("Completed June 2013", "2013-06-01", "2013-06-30"),
    ("6 weeks", "2012-12-10", "2013-01-21"),
    ("Monthly", "", ""),
    ("twice a year", "", ""),
])
def test_more_forms(raw, start, end):
    assert span(raw, PLAN) == (start, end)


def test_two_digit_financial_years_and_quarters():
    assert span("12/13", PLAN) == ("2012-04-01", "2013-03-31")
    assert span("Q3 12/13", PLAN) == ("2012-10-01", "2012-12-31")
    assert span("Q1 2014", PLAN) == ("2014-01-01", "2014-03-31")  # no financial year written: calendar quarter
    assert span("13/15", PLAN) == ("", "")  # not consecutive years: not a financial year
    assert any("financial year 2012/2013" in w for w in parse_due("12/13", NONE).warnings)
    assert not parse_due("12/13", PLAN).warnings  # a 2012 plan anchors the century: routine, no warning


@pytest.mark.parametrize("raw, start, end", [
    # quarters of the UK financial year (Q1 = April - June), however the year is written
    ("Q1 2021-22", "2021-04-01", "2021-06-30"),
    ("Q4 2013/14", "2014-01-01", "2014-03-31"),
    ("Quarter 2 2019/20", "2019-07-01", "2019-09-30"),
    ("Q3 of 2019/2020", "2019-10-01", "2019-12-31"),
    ("2019/20 Q2", "2019-07-01", "2019-09-30"),
    # school terms: the term of the year written, not a season inferred from elsewhere
    ("Autumn term 2020", "2020-09-01", "2020-12-31"),
    ("Spring term 2021", "2021-01-01", "2021-03-31"),
    ("Summer term 2014", "2014-04-01", "2014-07-31"),
    ("Spring 2021", "2021-03-01", "2021-05-31"),
    # ranges: the first month's start to the last month's end; "May" opens a range too
    ("April - June 2021", "2021-04-01", "2021-06-30"),
    ("May - August 2014", "2014-05-01", "2014-08-31"),
    ("May to July 2014", "2014-05-01", "2014-07-31"),
    ("Sept 13-Jan 14", "2013-09-01", "2014-01-31"),
    ("By 6 May 2018", "2018-05-06", "2018-05-06"),
    ("End Oct 13", "2013-10-31", "2013-10-31"),
    ("Mar-21", "2021-03-01", "2021-03-31"),
    ("2020-21", "2020-04-01", "2021-03-31"),
])
def test_council_wordings(raw, start, end):
    assert span(raw, PLAN) == (start, end)


@pytest.mark.parametrize("raw", ["Ongoing", "On-going", "Complete", "Completed", "TBC", "To be confirmed", "TBA",
                                 "Staff may attend", "May"])
def test_no_deadline_words_and_may_the_verb_are_blank(raw):
    assert span(raw, PLAN) == ("", "")


def test_date_spans_name_the_kind_and_place_of_each_date():
    from actionplans.normalise.dates import date_spans
    text = "Jane Smith – by end of March 2013 and ongoing"
    found = [(text[s.start:s.end], s.kind) for s in date_spans(text)]
    assert ("March 2013", "date") in found
    assert ("ongoing", "open") in found
    assert any(kind == "marker" and "end of" in t.lower() for t, kind in found)
    assert not any("Jane" in t or "Smith" in t for t, _ in found)
    assert [s.kind for s in date_spans("April Jones")] == ["month"]  # a month without a year: weak
    assert date_spans("Head of Service (Children in Care)") == []


def test_with_start_takes_due_start_from_a_start_cell():
    from actionplans.normalise.dates import DateContext, parse_due, with_start
    ctx = DateContext()
    due = parse_due("31 March 2014", ctx)
    assert with_start(due, "Sept 13", ctx).start == "2013-09-01"
    assert with_start(due, "Sept 13", ctx).end == "2014-03-31"
    assert with_start(due, "", ctx) == due
    unread = with_start(due, "when funding allows", ctx)
    assert unread.start == due.start and any("no date found in start date" in w for w in unread.warnings)
    late = with_start(due, "May 2014", ctx)
    assert late.start == due.start and any("after the due date" in w for w in late.warnings)
    # a start alone, with no deadline cell: a start and no deadline
    assert with_start(parse_due("", ctx), "April 2014", ctx) == type(due)("2014-04-01", "", ())


def test_a_misspelt_month_before_a_year_or_after_a_day_is_read_with_a_warning():
    from actionplans.normalise.dates import date_spans, parse_due
    for written, start in [("Setpember 2014", "2014-09-01"), ("Janaury 2015", "2015-01-01"),
                           ("3 Decemebr 2013", "2013-12-03"), ("Novmeber '14", "2014-11-01")]:
        due = parse_due(written)
        assert due.start == start, written
        assert any("month misspelt" in w for w in due.warnings), written
    # another word of five letters before a year is no month ("Marsh" is not "March")
    assert parse_due("Marsh 2014").start == "2014-01-01"
    assert not any("misspelt" in w for w in parse_due("Marsh 2014").warnings)
    # the cell-cutting reader keeps positions: a transposition is read in place
    assert [s.kind for s in date_spans("Jane Smith Setpember 2014")] == ["date"]


@pytest.mark.parametrize("raw, start, end", [
    ("February 2-19", "2019-02-01", "2019-02-28"),   # the 0 typed as its neighbour, "-"
    ("Sept 2-18", "2018-09-01", "2018-09-30"),
    ("Mar 2=21 / Jun 2-21", "2021-03-01", "2021-06-30"),
])
def test_a_mistyped_year_after_a_month_is_read_and_warned(raw, start, end):
    due = parse_due(raw)
    assert (due.start, due.end) == (start, end)
    assert any(w.startswith("year mistyped") for w in due.warnings)


def test_a_mistyped_year_that_does_not_fit_the_plan_is_not_read_as_one():
    # a plan whose timescales are in 2010: "February 2-19" is not read as 2019
    due = parse_due("February 2-19", DateContext(default_year=2010))
    assert not due.end.startswith("2019")
    assert not any(w.startswith("year mistyped") for w in due.warnings)


@pytest.mark.parametrize("raw", ["February 2-19, 2014", "2-19 February", "February 12-19"])
def test_day_ranges_are_not_mistyped_years(raw):
    due = parse_due(raw)
    assert not due.end.startswith("2019")
    assert not any(w.startswith("year mistyped") for w in due.warnings)


@pytest.mark.parametrize("written, start", [("Apirl 2023", "2023-04-01"), ("Jnue 2022", "2022-06-01"),
                                            ("Mya 2022", "2022-05-01"), ("3 Jnue 2022", "2022-06-03")])
def test_a_short_month_with_two_letters_swapped_is_read_with_a_warning(written, start):
    due = parse_due(written)
    assert due.start == start
    assert any("month misspelt" in w for w in due.warnings)


@pytest.mark.parametrize("written", ["Amy 2022", "Cot 2022", "Arm 2022", "Jane 2022"])
def test_words_a_swap_away_from_a_month_that_a_typo_would_not_make_are_no_month(written):
    due = parse_due(written)
    assert not any("misspelt" in w for w in due.warnings)
    assert due.start in ("", "2022-01-01")  # the year alone, or nothing


def test_a_lead_and_a_mistyped_year_in_one_cell_are_cut_apart():
    from actionplans.normalise.owner_due import split_owner_due
    assert split_owner_due("Nigel Sharrock\nJan 2-19") == ("Nigel Sharrock", "Jan 2-19")
    assert parse_due("Jan 2-19").end == "2019-01-31"
