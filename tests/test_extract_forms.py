"""Forms (label | value, a block of rows per action) read by the same column evidence as tables:
labels in words no vocabulary holds are read from what their values hold."""
from actionplans.inspect import describe, render_text
from actionplans.extract import extract
from actionplans.extract.forms import read_form
from actionplans.extract.grid import Grid
from actionplans.model import Cell, Document, Heading, Row, Table

ACTIONS = [("Introduce a monthly audit of supervision records", "Jane Smith", "March 2024", "Amber"),
           ("Refresh of the threshold document with partners", "Raj Patel", "June 2024", "Green"),
           ("Training programme for first line managers", "Ann Other", "September 2024", "Red")]
# labels of no vocabulary: only their values say what they hold
LABELS = ("Commitment", "Steward", "Milestone date", "Assessment")


def table(rows):
    return Table(rows=tuple(Row(cells=tuple(Cell(text=c) if isinstance(c, str) else c for c in r)) for r in rows))


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def block(values):
    return [[label, value] for label, value in zip(LABELS, values)]


def test_a_form_with_unknown_labels_is_read_from_its_values():
    rows = [r for a in ACTIONS for r in block(a)]
    ex = extract(doc(Heading("Supervision", level=2), table(rows)))
    assert ex.tables[0].kind == "action-form"
    assert dict(ex.tables[0].columns) == {"Commitment": "action", "Steward": "owner", "Milestone date": "due",
                                          "Assessment": "rag"}
    assert [(r.action, r.owner_raw, r.due_raw, r.rag_raw) for r in ex.records] == list(ACTIONS)
    assert [r.source_row for r in ex.records] == [1, 5, 9]  # each block's first row in the form
    assert all(r.theme == "Supervision" for r in ex.records)


def test_one_form_per_action_labelled_alike_is_mapped_on_all_of_them():
    """Alone, a one-block form of unknown labels shows nothing; three labelled alike show their columns."""
    ex = extract(doc(Heading("Supervision", level=2), *[table(block(a)) for a in ACTIONS]))
    assert [t.kind for t in ex.tables] == ["action-form"] * 3
    assert any("labelled alike" in n for n in ex.tables[0].notes)
    assert [(r.action, r.owner_raw, r.rag_raw, r.source_table) for r in ex.records] == [
        (a, o, r, k) for k, (a, o, _, r) in enumerate(ACTIONS, start=1)]
    alone = extract(doc(table(block(ACTIONS[0]))))
    assert alone.records == ()


def test_a_recommendation_given_once_covers_the_blocks_under_it():
    rows = [["Area to improve", "Strengthen management oversight of casework so that plans progress without delay"]]
    rows += [r for a in ACTIONS[:2] for r in block(a)]
    rows += [["Area to improve", "Improve the timeliness of assessments for children in need of help"]] + block(ACTIONS[2])
    form = read_form(Grid(table(rows)))
    assert form is not None and form.blocks == 3
    # laid out as a table: the recommendation's cell merged down over the second block, as a table would merge it
    assert form.table.rows[1].cells[0].rowspan == 2
    ex = extract(doc(table(rows)))
    assert [r.recommendation for r in ex.records] == ["Strengthen management oversight of casework so that plans progress without delay"] * 2 + [
        "Improve the timeliness of assessments for children in need of help"]
    assert [r.action for r in ex.records] == [a[0] for a in ACTIONS]


def test_a_table_with_a_repeated_header_row_is_no_form():
    rows = [["Action", "Lead", "Due"], ["Launch the early help hub", "Head of Early Help", "April 2024"],
            ["Action", "Lead", "Due"], ["Publish the offer", "Head of Early Help", "May 2024"]]
    assert read_form(Grid(table(rows))) is None or extract(doc(table(rows))).tables[0].kind == "actions"


def test_a_column_of_repeated_themes_is_no_form():
    rows = [["Leadership", "Recruit two team managers", "Jane Smith"], ["Leadership", "Weekly clinic", "Jane Smith"],
            ["Early help", "Launch the hub", "Raj Patel"], ["Early help", "Publish the offer", "Raj Patel"]]
    assert read_form(Grid(table(rows))) is None


def test_inspect_shows_a_form_s_labels_with_their_evidence_and_rank():
    rows = [r for a in ACTIONS for r in block(a)]
    text = render_text(describe(extract(doc(table(rows)))))
    assert "kind: action-form" in text and "rank 1 of 1 tables as actions" in text
    assert "Steward" in text and "-> owner" in text
    assert "read as a form: 3 block(s)" in text


# -- paragraphs with labelled lines, on the same evidence ------------------------------------------

from actionplans.model import ListItem, Paragraph  # noqa: E402
from actionplans.extract.lists import document_labels  # noqa: E402


def labelled_list():
    blocks = [Heading("Supervision", level=1)]
    for k, (action, owner, due, rag) in enumerate(ACTIONS, start=1):
        blocks += [ListItem(action, label=f"1.{k}"), Paragraph(f"Steward: {owner}"),
                   Paragraph(f"Checkpoint: {due}"), Paragraph(f"Assessment: {rag}")]
    return doc(*blocks)


def test_a_document_s_own_labels_are_read_from_their_values():
    d = labelled_list()
    labels = document_labels(d.blocks)
    assert labels.known == {("steward",): ("owner",), ("checkpoint",): ("due",), ("assessment",): ("rag",)}
    ex = extract(d)
    assert [(r.action_ref, r.action, r.owner_raw, r.due_raw, r.rag_raw) for r in ex.records] == [
        (f"1.{k}", a, o, d_, r) for k, (a, o, d_, r) in enumerate(ACTIONS, start=1)]


def test_a_recurring_note_under_narrative_paragraphs_makes_no_action():
    d = doc(Paragraph("The board met monthly and reviewed the performance of the front door in detail."),
            Paragraph("Note: figures are provisional until the annual return is published."),
            Paragraph("Partners agreed that the threshold document needed to be refreshed during the year."),
            Paragraph("Note: the refresh was delayed by the restructure of the early help service."))
    assert extract(d).records == ()


def test_candidates_are_ranked_with_why_the_chosen_one_was_read():
    side = table([["Abbreviation", "Meaning"], ["DCS", "Director of Children's Services"],
                  ["IRO", "Independent Reviewing Officer"]])
    ex = extract(doc(side, *labelled_list().blocks))
    cands = {c.what: c for c in ex.candidates}
    assert cands["labelled paragraphs"].chosen and cands["labelled paragraphs"].actions == 3
    assert "'Steward': owner" in cands["labelled paragraphs"].why
    assert ex.candidates[0].what == "labelled paragraphs"
    text = render_text(describe(ex))
    assert "where the actions are" in text and "1. labelled paragraphs: score" in text


def test_a_lead_beside_a_labelled_date_is_a_lead_and_date_cell():
    """Mechanism 5: the date's label ("Complete by:") is no part of the lead."""
    from actionplans.extract.evidence import _date_and_lead
    assert _date_and_lead("W Farrant / I Siddiqui\nComplete by: 2022/23")
    assert _date_and_lead("Lead: Jane Smith\nBy: May 2024")
    assert _date_and_lead("Head of Service - March 2024")
    assert not _date_and_lead("Target: March 2024")  # a date alone
    assert not _date_and_lead("Review the policy\nBy: March 2024")  # an action, not a lead


def test_a_form_cut_by_a_page_break_into_two_tables_is_read_as_one():
    """The reader did not mark the second part as a continuation; its labels complete the first's,
    in the order the document's other forms give them."""
    def paged(rows, page):
        return Table(rows=tuple(Row(cells=tuple(Cell(text=c) for c in r), page=page) for r in rows), page=page)

    first, cut, last = (block(a) for a in ACTIONS)
    ex = extract(doc(paged(first, 1), paged(cut[:2], 1), paged(cut[2:], 2), paged(last, 2)))
    assert [t.kind for t in ex.tables] == ["action-form", "action-form", "form-continued", "action-form"]
    assert [(r.action, r.owner_raw, r.due_raw, r.rag_raw) for r in ex.records] == list(ACTIONS)


def test_label_min_uses_decides_which_unknown_labels_are_the_document_s_own():
    from actionplans.extract.settings import ExtractSettings
    d = labelled_list()  # each unknown label opens a line in three blocks
    assert document_labels(d.blocks, ExtractSettings(label_min_uses=3)).known
    assert document_labels(d.blocks, ExtractSettings(label_min_uses=4)).known == {}


def test_a_label_inside_a_line_leaves_the_value_its_unknown_words_and_brackets():
    from actionplans.extract.labels import read_labels
    _, labels = read_labels("Lead: Head of BI and Head of QA Timescale: June 2010 Progress rating: On target")
    assert [(lab.label, lab.value) for lab in labels] == [
        ("Lead", "Head of BI and Head of QA"), ("Timescale", "June 2010"), ("Progress rating", "On target")]
    _, labels = read_labels("Lead: Jane Hill (Head of Quality Assurance) Timescale: May 2014")
    assert labels[0].value == "Jane Hill (Head of Quality Assurance)"


def test_a_lead_and_a_date_due_label_in_one_cell_are_cut_apart():
    from actionplans.normalise.owner_due import split_owner_due
    assert split_owner_due("Kamran Aziz\nDate due: 02.12.10") == ("Kamran Aziz", "02.12.10")


def test_a_recommendation_repeated_in_each_form_of_one_action_is_the_recommendation():
    """One form per action, each repeating the recommendation it answers word for word under a label
    that names no recommendation: the repeats make it one value over those actions, as a merged cell."""
    recs = ["Strengthen management oversight of casework so that plans progress without delay"] * 2 + [
        "Improve the timeliness of assessments for children in need of help"]
    forms = [table([["Ref", f"1.{k}"], ["Intended outcome", rec], ["Action", a], ["Lead", "Jane Smith" if k < 3 else o],
                    ["RAG", r], ["Success measure", "85% of assessments completed within 45 working days"]])
             for k, (rec, (a, o, _, r)) in enumerate(zip(recs, ACTIONS), start=1)]
    ex = extract(doc(Heading("Supervision", level=2), *forms))
    assert [r.recommendation for r in ex.records] == recs
    assert [r.action for r in ex.records] == [a[0] for a in ACTIONS]
    # a short value repeated by chance (the same lead) is no merged value: each form keeps its own
    pooled = read_form(Grid(table([row for f in forms for row in ((c.text for c in r.cells) for r in f.rows)])))
    assert pooled.table.rows[1].cells[1].rowspan == 2  # the recommendation, over two blocks
    assert all(r.cells[3].rowspan == 1 for r in pooled.table.rows[1:])
    # a shared measure, no directive, stays each block's own
    assert all(r.cells[5].rowspan == 1 for r in pooled.table.rows[1:])
    assert [r.measures for r in ex.records] == ["85% of assessments completed within 45 working days"] * 3
