"""Refs in layouts no sample has: a spanned header in unknown words over a ref column and its text,
compound refs kept whole, bare lower-case roman labels."""
from actionplans.extract import extract
from actionplans.extract.numbering import parse_label
from actionplans.model import Cell, Document, Row, Table


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def test_an_unknown_header_over_refs_and_text_numbers_the_recommendations():
    header = Row(cells=(Cell("Where we must do better", colspan=2), None, Cell("Improvement actions"),
                        Cell("Officer responsible"), Cell("Date for completion")), is_header=True)
    rec = "Partners should share information about children missing from home promptly"
    rows = [Row(cells=(Cell("4 (i)", rowspan=2), Cell(rec, rowspan=2), Cell("Monthly analysis of missing episodes"),
                       Cell("Jane Smith"), Cell("March 2024"))),
            Row(cells=(None, None, Cell("Return interviews offered within three days"), Cell("Raj Patel"),
                       Cell("April 2024"))),
            Row(cells=(Cell("4 (ii)"), Cell("Children at risk of exploitation should be identified earlier by all"),
                       Cell("Screening tool used at the front door"), Cell("Ann Other"), Cell("May 2024")))]
    ex = extract(doc(Table(rows=(header, *rows))))
    assert [(r.recommendation_ref, r.recommendation[:20], r.action_ref) for r in ex.records] == [
        ("4 (i)", rec[:20], ""), ("4 (i)", rec[:20], ""), ("4 (ii)", "Children at risk of ", "")]


def test_a_compound_action_ref_keeps_its_brackets():
    header = Row(cells=(Cell("Ref"), Cell("Action"), Cell("Lead")), is_header=True)
    rows = [Row(cells=(Cell("2 (i)"), Cell("Review the out of hours rota with the duty managers"), Cell("Jane Smith"))),
            Row(cells=(Cell("(b)"), Cell("Audit contacts each quarter with the front door team"), Cell("Raj Patel")))]
    ex = extract(doc(Table(rows=(header, *rows))))
    assert [r.action_ref for r in ex.records] == ["2 (i)", "b"]


def test_a_bare_lower_case_roman_numeral_labels_an_action():
    found = parse_label("iv Review the threshold document with partners")
    assert found is not None and found.label.text == "iv" and found.text.startswith("Review")
    assert parse_label("I Establish a panel") is None  # capital I: the word
    assert parse_label("v Smith") is None  # too short to be a numbered action
    assert parse_label("ii introduce the panel") is None  # no capital after it
