"""The numbering grammar (extract/numbering.py) and what items/records do with it, on layouts
no sample has: multi-level numbers in one cell, typed prefixes in lead and date cells, R1 / A1.2,
keyword labels, and the traps that only look like labels (dates, quantities, initials)."""
from __future__ import annotations

import pytest

from actionplans.extract.items import align, split_items
from actionplans.extract.numbering import (COMPOUND, DECIMAL, KEYWORD, LETTER, PREFIXED, ROMAN, continues,
                                           parent_ref, parse_label, parse_ref, strip_label)
from actionplans.extract.records import Context, records_from_row, split_recommendation
from actionplans.extract.table_info import RowValues


@pytest.mark.parametrize("paragraph, text, kind, parts, rest", [
    ("1.1.1 Develop a protocol", "1.1.1", DECIMAL, ("1", "1", "1"), "Develop a protocol"),
    ("1.1. Develop", "1.1", DECIMAL, ("1", "1"), "Develop"),
    ("2. Review", "2", DECIMAL, ("2",), "Review"),
    ("3) Review", "3", DECIMAL, ("3",), "Review"),
    ("(4) Review", "4", DECIMAL, ("4",), "Review"),
    ("1.2a Audit files", "1.2a", DECIMAL, ("1", "2a"), "Audit files"),
    ("i) Review of IRO service", "i", ROMAN, ("i",), "Review of IRO service"),
    ("(ii) Guidance", "ii", ROMAN, ("ii",), "Guidance"),
    ("iii. Audit", "iii", ROMAN, ("iii",), "Audit"),
    ("iv). Audit", "iv", ROMAN, ("iv",), "Audit"),
    ("IV. Audit", "IV", ROMAN, ("IV",), "Audit"),
    ("(a) Publish", "a", LETTER, ("a",), "Publish"),
    ("a. Publish", "a", LETTER, ("a",), "Publish"),
    ("B) Publish", "B", LETTER, ("B",), "Publish"),
    ("[c] Publish", "c", LETTER, ("c",), "Publish"),
    ("R1 Ensure that", "R1", PREFIXED, ("1",), "Ensure that"),
    ("R12: Ensure that", "R12", PREFIXED, ("12",), "Ensure that"),
    ("A1.2 Develop", "A1.2", PREFIXED, ("1", "2"), "Develop"),
    ("A3.1 – Develop", "A3.1", PREFIXED, ("3", "1"), "Develop"),
    ("2 (i) Review", "2(i)", COMPOUND, ("2", "i"), "Review"),
    ("1.3(b) Review", "1.3(b)", COMPOUND, ("1", "3", "b"), "Review"),
    ("4 (iii) Review", "4(iii)", COMPOUND, ("4", "iii"), "Review"),
    ("R1(a): Ensure that", "R1(a)", COMPOUND, ("1", "a"), "Ensure that"),
    ("1(a)(ii) Audit", "1(a)(ii)", COMPOUND, ("1", "a", "ii"), "Audit"),
    ("B (ii) Publish", "B(ii)", COMPOUND, ("B", "ii"), "Publish"),
    ("2.1 [c] Publish", "2.1(c)", COMPOUND, ("2", "1", "c"), "Publish"),
    ("Recommendation 1: Ensure", "1", KEYWORD, ("1",), "Ensure"),
    ("Recommendation 4 – Ensure", "4", KEYWORD, ("4",), "Ensure"),
    ("Rec 2 Ensure", "2", KEYWORD, ("2",), "Ensure"),
    ("Rec. 3: Ensure", "3", KEYWORD, ("3",), "Ensure"),
    ("Para 13 Ensure", "13", KEYWORD, ("13",), "Ensure"),
    ("Section 4: Early help", "4", KEYWORD, ("4",), "Early help"),
    ("1.1.12 Develop", "1.1.12", DECIMAL, ("1", "1", "12"), "Develop"),
    ("2.4.1 review the protocol", "2.4.1", DECIMAL, ("2", "4", "1"), "review the protocol"),
    ("2.4.3 March 2019", "2.4.3", DECIMAL, ("2", "4", "3"), "March 2019"),
    ("2.4.1 Head of Safeguarding", "2.4.1", DECIMAL, ("2", "4", "1"), "Head of Safeguarding"),
])
def test_label_forms(paragraph, text, kind, parts, rest):
    found = parse_label(paragraph)
    assert found is not None, paragraph
    assert (found.label.text, found.label.kind, found.label.parts, found.text) == (text, kind, parts, rest)


def test_keyword_and_letter_roles():
    assert parse_label("Recommendation 1: Ensure").label.role == "recommendation"
    assert parse_label("Para 13 Ensure").label.role == "paragraph"
    assert parse_label("R1 Ensure").label.role == "recommendation"
    assert parse_label("A1.2 Develop").label.role == "action"


@pytest.mark.parametrize("paragraph", [
    "31.03.21",  # a date cell
    "31.03.21 review",
    "01.04.2021 to 31.03.2022",
    "1.4.21 (review)",  # reads as a date; "1.1.12 Develop" would be a label
    "1.4.21 onwards",
    "Q1 2021/22",  # a quarter
    "H2 2020",
    "16 and 17 year olds are assessed",  # a number in prose
    "3 Social Workers recruited",  # a bare number without punctuation or tab
    "1.5 days a week",  # a quantity
    "2.5 FTE social workers",
    "2.3 above.",  # a wrapped line of "as set out in paragraph 2.3 above."
    "£1.5m investment",
    "1,000 children",
    "A. Hartley",  # an initial
    "J. Smith, Head of Service",
    "I will review",
    "i.e. the service",
    "e.g. audits",
    "Section 47 enquiries are timely",  # a keyword and a number with no punctuation
    "2020/21",
    "1.",  # a label with no text
    "(a)",
    "Develop 1.1 further",
])
def test_false_labels(paragraph):
    assert parse_label(paragraph) is None


def test_tab_marks_a_word_number_without_punctuation():
    """The DOCX reader writes Word's numbers with a tab when they carry no punctuation."""
    assert parse_label("1\tDevelop a protocol").label.text == "1"
    assert parse_label("A.\tDevelop").label.text == "A"
    assert parse_label("iv\tDevelop").label.kind == ROMAN
    assert parse_label("1 Develop") is None


def test_whole_cell_refs():
    assert parse_ref("2.3.1").text == "2.3.1"
    assert parse_ref("(a)").text == "a"
    assert parse_ref(" R1 ").text == "R1"
    assert parse_ref("Rec 1:").text == "1"
    assert parse_ref("iii)").kind == ROMAN
    assert parse_ref("1.").text == "1"
    assert parse_ref("31.03.21") is None
    assert parse_ref("1.1.12").text == "1.1.12"  # not a date: one-digit day and month
    assert parse_ref("March 2019") is None
    assert parse_ref("2.3.1 Develop") is None


def test_parent_refs():
    assert parent_ref(parse_ref("2.3.1")) == "2.3"
    assert parent_ref(parse_ref("2.3")) == "2"
    assert parent_ref(parse_ref("1.2a")) == "1"
    assert parent_ref(parse_ref("A1.2")) == "1"
    assert parent_ref(parse_ref("2(i)")) == "2"
    assert parent_ref(parse_ref("1(a)(ii)")) == "1(a)"
    assert parent_ref(parse_ref("R1 (b)")) == "R1"
    assert parent_ref(parse_ref("R1")) is None
    assert parent_ref(parse_ref("7")) is None
    assert parent_ref(parse_ref("ii")) is None


def test_sequences():
    assert continues(parse_ref("i"), parse_ref("ii"))
    assert continues(parse_ref("1.1.1"), parse_ref("1.1.2"))
    assert not continues(parse_ref("1.1.1"), parse_ref("1.2.2"))
    assert continues(parse_ref("h"), parse_ref("i"))  # a letter after h, not the roman one
    assert continues(parse_ref("iv"), parse_ref("v"))  # the roman five after four, not the letter
    assert not continues(parse_ref("a"), parse_ref("ii"))
    assert not continues(parse_ref("R1"), parse_ref("A2"))


def test_strip_label():
    assert strip_label("2.4.1 Head of Safeguarding") == "Head of Safeguarding"
    assert strip_label("Head of Safeguarding") == "Head of Safeguarding"


# -- items ---------------------------------------------------------------------------------


def test_multi_level_labels_split_a_cell():
    items = split_items("1.1.1 Hold joint planning meetings\n1.1.2 Review custody\nwith the police", False)
    assert [(i.label, i.text) for i in items] == [
        ("1.1.1", "Hold joint planning meetings"), ("1.1.2", "Review custody\nwith the police")]


def test_lead_and_date_cells_pair_by_label_and_lose_it():
    items = split_items("2.4.1 Develop a protocol\n2.4.2 Audit files\n2.4.3 Train staff", False)
    owners, warning = align(items, "2.4.1 Head of Safeguarding\n2.4.2 QA Manager\n2.4.3 PSW")
    assert warning is None and owners == ["Head of Safeguarding", "QA Manager", "PSW"]
    dues, _ = align(items, "2.4.2 June 2019\n2.4.3 March 2019", dates=True)
    assert dues == ["", "June 2019", "March 2019"]


def test_lead_cell_labelled_out_of_order_pairs_by_label():
    items = split_items("a) Develop\nb) Audit", False)
    owners, _ = align(items, "b) Jane Smith\na) John Brown")
    assert owners == ["John Brown", "Jane Smith"]


def test_one_value_applies_to_all_and_order_pairs_unlabelled_values():
    items = split_items("(i) Develop\n(ii) Audit\n(iii) Train", False)
    assert align(items, "Head of Service")[0] == ["Head of Service"] * 3
    assert align(items, "Jane\nJohn\nAsha")[0] == ["Jane", "John", "Asha"]


def test_label_stripped_from_the_date_of_a_single_action():
    """"2.4.3 March 2019" is the date March 2019 of action 2.4.3, never 3 March 2019."""
    items = split_items("2.4.3 Train staff", False)
    assert align(items, "2.4.3 March 2019", dates=True)[0] == ["March 2019"]
    assert align(items, "31.03.21", dates=True)[0] == ["31.03.21"]
    assert align(items, "16 and 17 year olds team")[0] == ["16 and 17 year olds team"]


# -- records -------------------------------------------------------------------------------


def _row(**values):
    return RowValues(row=1, page=None, values=dict(values))


def test_typed_prefix_is_the_action_ref_and_its_parent_the_recommendation_ref():
    rv = _row(action="1.2.1 Develop a protocol\n1.2.2 Audit files", owner="1.2.1 Jane Smith\n1.2.2 John Brown",
              due="1.2.1 March 2019\n1.2.2 June 2019")
    recs = records_from_row(rv, 1, Context(recommendation="Ensure that plans are SMART"))
    assert [(r.action_ref, r.recommendation_ref, r.action, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.2.1", "1.2", "Develop a protocol", "Jane Smith", "March 2019"),
        ("1.2.2", "1.2", "Audit files", "John Brown", "June 2019")]


def test_known_recommendation_ref_is_kept():
    recs = records_from_row(_row(action="A1.2 Develop a protocol"), 1,
                            Context(recommendation="R1: Ensure that plans are SMART"))
    assert (recs[0].action_ref, recs[0].recommendation_ref) == ("A1.2", "R1")
    assert recs[0].recommendation == "Ensure that plans are SMART"


def test_label_repeating_the_ref_column_is_not_appended():
    recs = records_from_row(_row(action_ref="2.3", action="2.3 Develop a protocol"), 1, Context())
    assert recs[0].action_ref == "2.3" and recs[0].action == "Develop a protocol"
    recs = records_from_row(_row(action_ref="2.3", action="2.3.1 Develop\n2.3.2 Audit"), 1, Context())
    assert [r.action_ref for r in recs] == ["2.3.1", "2.3.2"]
    recs = records_from_row(_row(action_ref="4", action="i) Develop\nii) Audit"), 1, Context())
    assert [r.action_ref for r in recs] == ["4.i", "4.ii"]


def test_recommendation_refs():
    assert split_recommendation("Recommendation 1: Ensure that plans are SMART") == ("1", "Ensure that plans are SMART")
    assert split_recommendation("R2: Ensure") == ("R2", "Ensure")
    assert split_recommendation("Rec 3\nEnsure that plans are SMART") == ("3", "Ensure that plans are SMART")
    assert split_recommendation("IN 3.1 Ensure that") == ("IN 3.1", "Ensure that")
    assert split_recommendation("Ensure that 16 and 17 year olds") == ("", "Ensure that 16 and 17 year olds")


def test_own_decimal_number_wins_over_an_unrelated_ref_cell():
    """"1.3 Review ..." beside a "2" is action 1.3, not 2.1.3; a lone numbered action keeps its number."""
    recs = records_from_row(_row(action_ref="2", action="1.3 Review the arrangements"), 1, Context())
    assert recs[0].action_ref == "1.3"
    recs = records_from_row(_row(action_ref="3", action="1. Carry out a data cleansing exercise"), 1, Context())
    assert recs[0].action_ref == "1"


def test_parent_is_not_taken_from_a_theme_number_or_a_composed_ref():
    rec = "Ensure that plans are SMART"
    # actions 1.1, 1.2 under "Theme 1: ...": the 1 is the theme's, not a recommendation's
    recs = records_from_row(_row(action="1.3 Develop"), 1, Context(theme="Theme 1: Early help", recommendation=rec))
    assert (recs[0].action_ref, recs[0].recommendation_ref) == ("1.3", "")
    # row 7 with sub-actions 1. and 2.: "7.1" is made up, its parent is nobody's number
    recs = records_from_row(_row(action_ref="7", action="1. Develop\n2. Audit"), 1, Context(recommendation=rec))
    assert [(r.action_ref, r.recommendation_ref) for r in recs] == [("7.1", ""), ("7.2", "")]
    # no recommendation shown: a parent under the theme's number is still a recommendation's
    recs = records_from_row(_row(action="2.3.1 Develop"), 1, Context(theme="2. Children in care"))
    assert recs[0].recommendation_ref == "2.3"
    recs = records_from_row(_row(action="2.3 Develop"), 1, Context(theme="Children in care"))
    assert recs[0].recommendation_ref == ""
    # a heading numbered like a recommendation ("1.1 Improve ...") over actions 1.1.1, 1.1.2
    recs = records_from_row(_row(action="1.1.2 Develop"), 1, Context(theme="1.1 Improve attendance"))
    assert recs[0].recommendation_ref == "1.1"


def test_progress_cell_labelled_like_the_actions_pairs_by_label_else_is_shared():
    rv = _row(action="i) Develop\nii) Audit", progress="ii) Audit booked for May\ni) Protocol signed off")
    recs = records_from_row(rv, 1, Context())
    assert [r.progress for r in recs] == ["Protocol signed off", "Audit booked for May"]
    rv = _row(action="i) Develop\nii) Audit", progress="Work under way.\nReported to the board.")
    recs = records_from_row(rv, 1, Context())
    assert [r.progress for r in recs] == ["Work under way.\nReported to the board."] * 2


def test_ref_column_number_gives_no_derived_recommendation_ref():
    recs = records_from_row(_row(action_ref="2.3", action="Develop"), 1, Context(recommendation="Ensure"))
    assert (recs[0].action_ref, recs[0].recommendation_ref) == ("2.3", "")


def test_parent_shared_by_two_recommendations_is_not_their_ref():
    from actionplans.extract.records import drop_parents_shared_by_recommendations

    def rows(*pairs):
        out = []
        for action, rec in pairs:
            out += records_from_row(_row(action=action), 1, Context(recommendation=rec))
        return out
    # "2.1, 2.2" under one recommendation and "2.3" under the next: the 2 is a theme's
    shared = drop_parents_shared_by_recommendations(
        rows(("2.1 Develop", "Ensure plans are SMART"), ("2.2 Audit", "Ensure plans are SMART"),
             ("2.3 Train", "Improve supervision")))
    assert [r.recommendation_ref for r in shared] == ["", "", ""]
    # one parent per recommendation: kept; an explicit "R1:" is never touched
    kept = drop_parents_shared_by_recommendations(
        rows(("1.1 Develop", "Ensure plans are SMART"), ("2.1 Train", "Improve supervision"),
             ("3.1 Audit", "R1: Ensure"), ("3.2 Audit", "R2: Improve")))
    assert [r.recommendation_ref for r in kept] == ["1", "2", "R1", "R2"]


def test_compound_refs_are_read_whole_everywhere():
    """"3 (ii)" is one ref, in a ref cell, before a recommendation's text, and as a cell of refs;
    it is never cut into "3" and a text "(ii)"."""
    from actionplans.extract.labels import leading_ref, recommendation_of, recommendation_ref
    from actionplans.extract.patterns import is_ref
    from actionplans.normalise import _ref

    assert parse_ref("3 (ii)").text == "3(ii)" and parse_ref("4(iii)").kind == COMPOUND
    assert parse_ref("Q1(a)") is None  # a quarter is never a label
    assert recommendation_ref("3 (ii)") == ("3(ii)", "")
    assert leading_ref("2 (i) Ensure that plans are reviewed") == ("2(i)", "Ensure that plans are reviewed")
    assert recommendation_of(["5 (iv) Ensure that plans are reviewed"]) == ("5(iv)", "Ensure that plans are reviewed")
    assert all(is_ref(t) for t in ("3 (ii)", "2(i)", "R1(a)", "1(a)(ii)"))
    assert not is_ref("Review (ii)")
    # normalise keeps the brackets of the sub-item and drops only those around a whole ref
    assert [_ref(t) for t in ("3 (ii)", "1(a)(ii)", "(a)", "ii)", "[b]")] == ["3 (ii)", "1(a)(ii)", "a", "ii", "b"]
