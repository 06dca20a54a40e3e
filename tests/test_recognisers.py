"""One recogniser per kind of value, shared by extract and normalise, each from one data file.

Extract's cell tests (``extract/patterns.py``, ``extract/evidence.py``) ask normalise's recognisers
(``normalise/recognise.py``), so a month spelling, a look-alike letter or an owner word listed in
normalise's data files is known to extract too, and both stages read the same cell alike.
"""
from __future__ import annotations

from datetime import date

import pytest

from actionplans.extract import patterns
from actionplans.extract.evidence import is_role_text
from actionplans.extract.plan import stated_date
from actionplans.extract.vocabulary import words
from actionplans.normalise import _data
from actionplans.normalise.dates import DateContext, parse_due
from actionplans.normalise.owner_words import is_person
from actionplans.normalise.owners import split_owner_cell
from actionplans.normalise.rag import fold_confusables


# --- each recogniser from its data file ------------------------------------------------------


def test_every_month_and_season_of_months_csv_is_a_date_to_extract():
    names = [r["name"] for r in _data.rows("months.csv")]
    assert "febuary" in names  # a misspelling councils write, listed in the data file only
    for name in names:
        assert patterns.is_date_like(f"{name.title()} 2014"), name
    assert patterns.is_date_like("Febuary 2014")
    assert patterns.split_dates("Febuary 2014 – Jun 2014 Sept 14") == ["Febuary 2014 – Jun 2014", "Sept 14"]


def test_no_deadline_words_of_date_phrases_csv_are_timescales_but_status_words_are_not():
    rows = _data.rows("date_phrases.csv")
    open_words = [r["phrase"] for r in rows if r["kind"] == "open"]
    assert "to be determined" in open_words and "tbd" in open_words
    for phrase in open_words:
        assert patterns.is_date_like(phrase.upper()), phrase
    for phrase in (r["phrase"] for r in rows if r["kind"] == "done"):  # "Complete": a RAG status
        assert not patterns.is_date_like(phrase.title()), phrase
        assert patterns.is_rag_token(phrase.title()) or phrase == "in place" or phrase == "achieved"
    # every kind of no deadline still gives blank dates and no "no date found" warning in normalise
    for phrase in ("Ongoing", "Monthly", "Complete", "N/A"):
        due = parse_due(phrase, DateContext(plan_date=date(2014, 1, 1)))
        assert (due.start, due.end) == ("", "") and not any("no date" in w for w in due.warnings), phrase


def test_every_confusable_of_the_csv_is_folded_by_extract():
    rows = [r for r in _data.rows("confusables.csv") if len(r["char"]) == 1]
    assert len(rows) > 100
    for r in rows:
        assert patterns.fold_lookalikes(r["char"]) == r["latin"], r["code"]
    # Cyrillic "Е" and "е" (not among the letters extract used to list) read as Latin in its words
    assert words("Аmbеr – ЕARLY") == ["amber", "early"]
    assert fold_confusables is patterns.fold_lookalikes  # one folding function


@pytest.mark.parametrize("kind", ["org", "unit", "thing"])
def test_owner_words_csv_words_make_a_phrase_no_person(kind):
    listed = [r["word"] for r in _data.rows("owner_words.csv") if r["kind"] == kind and r["word"].isalpha()]
    assert listed
    assert patterns.is_person_name("Harriet Ormsby")
    for word in listed:
        assert not patterns.is_person_name(f"Harriet {word.title()}"), word


def test_thing_words_are_plural_too():
    assert not patterns.is_person_name("Safeguarding Procedures")
    assert not is_person("Graduated Response Frameworks")
    assert not patterns.is_person_name("By By By")  # "by" is no name


def test_role_words_and_short_forms_of_the_data_files_are_roles_to_extract():
    roles = [r["word"] for r in _data.rows("owner_words.csv") if r["kind"] == "role" and r["word"].isalpha()]
    for word in roles:
        assert is_role_text(f"Locality {word.title()}"), word
    # a short form known by what it stands for (role_abbreviations.csv), with a department
    assert is_role_text("HoS Children in Care")
    assert is_role_text("AD Safeguarding and SM Leaving Care")


# --- extract and normalise agree on a cell ----------------------------------------------------

_TIMESCALES = ["Sept 13", "Dec-14", "31/03/2015", "Q3 2014/15", "2014/15", "March 2014 and ongoing",
               "End of June 2013", "Spring 2014", "Sept – Dec 2013", "By 31st Dec 2012", "Within 3 months",
               "Immediate", "2013", "December."]


@pytest.mark.parametrize("cell", _TIMESCALES)
def test_a_timescale_to_extract_is_one_normalise_reads(cell):
    assert patterns.is_date_like(cell)
    due = parse_due(cell, DateContext(plan_date=date(2013, 1, 15)))
    assert due.end, cell


_NOT_TIMESCALES = ["Report progress to the Scrutiny Committee every quarter.",
                   "Monthly report now produced; performance up from 68% to 83%.",
                   "Review all cases in pre-proceedings for more than 16 weeks.",
                   "April Jones", "Complete", "Ofsted 2013 report"]


@pytest.mark.parametrize("cell", _NOT_TIMESCALES)
def test_no_timescale_to_extract(cell):
    assert not patterns.is_date_like(cell)


@pytest.mark.parametrize("cell", ["Linda McCrum", "Bridget O'Neill", "Dr J. Patel / Sue Wood",
                                  "Jane Smith and Raj Patel"])
def test_a_person_to_extract_is_a_person_to_normalise(cell):
    assert patterns.is_person_name(cell)
    owners = split_owner_cell(cell).owners
    assert owners and all(is_person(o) for o in owners), owners


@pytest.mark.parametrize("cell", ["Principal Social Worker", "Public Law Outline", "Early Help Strategy",
                                  "Assistant Director", "Quality Assurance Manager", "Child Protection"])
def test_no_person_to_either(cell):
    assert not patterns.is_person_name(cell)
    assert not is_person(cell)


# --- notable cells where the old extract-only tests and the shared ones differ ------------------


def test_a_relative_time_inside_a_sentence_is_no_timescale_but_after_a_label_is():
    assert not patterns.is_date_like("Care proceedings concluded within 26 weeks")
    assert not patterns.is_date_like("Monthly report now in place")  # "now" inside a sentence
    assert patterns.is_date_like("Within 3 months of the plan being agreed")
    assert patterns.is_date_like("Owner: Jane Smith, Team Manager Target: Immediate")


def test_words_of_no_deadline_beyond_tbc():
    assert patterns.is_date_like("To be agreed by WSCB")
    assert patterns.is_date_like("To be determined")
    assert patterns.is_date_like("(quarterly)")  # a repeat alone is a timescale
    assert not patterns.is_date_like("Quarterly reports to the board on caseloads")


def test_split_and_without_dates_use_the_grammar_spans():
    assert patterns.split_dates("Sept 13 Sept 13 – Jan 14. Sept 13") == ["Sept 13", "Sept 13 – Jan 14", "Sept 13"]
    assert patterns.split_dates("31/03/2014 30.06.14") == ["31/03/2014", "30.06.14"]
    # a misspelt month before its year is read (dates.respell_months), in place; a year alone is no date
    assert patterns.split_dates("Decemebr 2011 31 December 2011") == ["Decemebr 2011", "31 December 2011"]
    assert patterns.split_dates("Marsh 2011 31 December 2011") == ["31 December 2011"]
    assert patterns.without_dates("Jane Smith by end of March 2014") == "Jane Smith"
    assert patterns.without_dates("Jane Smith (Apr-14)") == "Jane Smith ( )"
    assert patterns.without_dates("April Jones – Sept – Dec 2013") == "April Jones –"


def test_a_role_word_in_a_sentence_is_no_role():
    assert not is_role_text("Guidance rewritten and shared with managers in April 2011.")
    assert not is_role_text("Agency social workers below 15% of the workforce")
    assert is_role_text("Jane Smith and Raj Patel, Locality Managers")
    assert is_role_text("Family support workers and the data team")
    assert is_role_text("Learning and Development Lead – 31 Aug 2010")
    assert not is_role_text("TBC")


def test_plan_date_by_the_grammar():
    assert stated_date("Version 3, 14 February 2024") == ("2024-02-14", "14 February 2024")
    assert stated_date("Updated 31/03/2014") == ("2014-03-31", "31/03/2014")
    assert stated_date("Action plan July 2011") == ("2011-07", "July 2011")
    assert stated_date("Reviewed Sept 13") is None  # a two-digit year states no plan date


def test_no_date_starts_inside_a_version_number_or_after_a_spaced_dash():
    # "Version 2.1 – July 2019" states July 2019, not the 1st; nor "Version 3 – December 2019" the 3rd
    assert stated_date("Version 2.1 – July 2019") == ("2019-07", "July 2019")
    assert stated_date("Version 3 – December 2019") == ("2019-12", "December 2019")
    due = parse_due("1.1 March 2014")
    assert (due.start, due.end) == ("2014-03-01", "2014-03-31")
    assert parse_due("03-Dec-2019").start == "2019-12-03"  # a day and month joined by a dash still are one


def test_a_roster_line_pairs_a_person_with_a_role():
    from actionplans.extract.side import name_and_role
    assert name_and_role("Jane Smith, Detective Chief Inspector, Public Protection Unit") == (
        "Jane Smith", "Detective Chief Inspector, Public Protection Unit")
    # a job title before a team is no person with a role
    assert name_and_role("Detective Chief Inspector, Public Protection Unit") is None
    assert name_and_role("Raj Patel (VSH)") == ("Raj Patel", "VSH")  # a short form as the role


def test_the_words_around_a_date_go_with_it():
    from actionplans.extract.evidence import _date_and_lead
    cell = "Commissioning Team – Q2 2025-26 Jane Smith – Across the 2025/26 financial year"
    assert patterns.without_dates(cell) == "Commissioning Team – Jane Smith –"
    assert _date_and_lead(cell)  # a lead and a timescale in one cell
    # normalise cuts the same cell into the same lead and timescale
    from actionplans.normalise.owner_due import split_owner_due
    owner, due = split_owner_due("Jane Smith – across financial year 2010/11")
    assert (owner, due) == ("Jane Smith", "across financial year 2010/11")
