"""extract/ mechanisms on small purpose-made tables, including layouts no seed has."""
from actionplans.extract import extract
from actionplans.extract.items import align, cross_reference, split_items
from actionplans.extract.vocabulary import best_field
from actionplans.model import Cell, Document, Heading, Paragraph, Row, Table


def table(rows, header_rows=1, **kw):
    def cell(v):
        if v is None or isinstance(v, Cell):
            return v
        return Cell(text=v)
    return Table(rows=tuple(Row(cells=tuple(cell(c) for c in r), is_header=i < header_rows) for i, r in enumerate(rows)), **kw)


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def test_headers_no_seed_uses_map_to_fields():
    cases = {
        "What we will do": "action", "How will we know we have succeeded?": "measures",
        "Accountable officer": "owner", "Target date for completion": "due", "BRAG status": "rag",
        "Ofsted recommendation": "recommendation", "Progress update (March)": "progress",
        "Resources required": "other", "Rec. No.": "recommendation_ref", "Deadline": "due",
        "Responsible manager": "owner", "Evidence of impact": "measures", "Monitored by": "other",
    }
    for header, expected in cases.items():
        m = best_field(header)
        assert m is not None and m.field == expected, (header, m)


def test_monitoring_column_is_not_taken_for_the_owner():
    assert best_field("Who is responsible for monitoring + how?").field == "other"
    assert best_field("Who is responsib le for leading within which agency?").field == "owner"


def test_layout_with_merged_recommendation_and_split_header():
    """A layout from no seed: a recommendation merged down over three actions, a two-row header."""
    t = Table(rows=(
        Row(cells=(Cell("Ofsted recommendation", rowspan=2), Cell("What we will do", rowspan=2),
                   Cell("Accountable officer", rowspan=2), Cell("Milestones", colspan=2), None), is_header=True),
        Row(cells=(None, None, None, Cell("Start"), Cell("Deadline")), is_header=True),
        Row(cells=(Cell("R1 Improve the timeliness of assessments", rowspan=3), Cell("Recruit two team managers"),
                   Cell("Jo Bloggs"), Cell("Jan 2024"), Cell("Mar 2024"))),
        Row(cells=(None, Cell("Weekly performance clinic"), Cell("Ann Other"), Cell(""), Cell("Ongoing"))),
        Row(cells=(None, Cell("Audit 20 cases a month"), Cell("QA team"), Cell("Feb 2024"), Cell("Jun 2024"))),
    ))
    ex = extract(doc(Heading("Improving assessments", level=1), t))
    assert [r.action for r in ex.records] == ["Recruit two team managers", "Weekly performance clinic",
                                              "Audit 20 cases a month"]
    assert all(r.recommendation == "R1 Improve the timeliness of assessments" for r in ex.records)
    assert all(r.theme == "Improving assessments" for r in ex.records)
    assert [r.owner_raw for r in ex.records] == ["Jo Bloggs", "Ann Other", "QA team"]
    assert ex.records[2].due_raw == "Jun 2024"
    assert dict(ex.records[0].extra)["Milestones Start"] == "Jan 2024"


def test_headerless_columns_decided_by_content_and_bold_paragraph_recommendation():
    """No header words at all: refs, names, dates and RAG letters tell the columns apart."""
    rows = [["1", "Refresh the threshold document", "Sam Jones", "Oct 2023", "G"],
            ["2", "Train all team managers", "Lee Smith", "Dec 2023", "A"],
            ["3", "", "", "", ""]]
    ex = extract(doc(Paragraph("Partners understand and apply thresholds consistently across the area.", bold=True),
                     table(rows, header_rows=0)))
    assert [(r.action_ref, r.owner_raw, r.due_raw, r.rag_raw) for r in ex.records] == [
        ("1", "Sam Jones", "Oct 2023", "G"), ("2", "Lee Smith", "Dec 2023", "A")]
    assert ex.records[0].recommendation.startswith("Partners understand")
    assert ex.tables[0].dropped == ((3, "blank row"),)


def test_section_rows_set_the_theme_and_repeated_headers_are_dropped():
    rows = [["Action", "Lead", "Due"],
            [Cell("Early help", colspan=3), None, None],
            ["Launch the early help hub", "Head of Early Help", "April 2024"],
            ["Action", "Lead", "Due"],
            ["Publish the offer", "Head of Early Help", "May 2024"]]
    ex = extract(doc(table(rows)))
    assert [r.theme for r in ex.records] == ["Early help", "Early help"]
    assert (4, "repeated header row") in ex.tables[0].dropped


def test_row_cut_by_a_page_break_is_joined():
    head = ["No.", "Action", "Lead", "Timescale"]
    first = table([head, ["1", "Review all child protection plans to identify", "Head of QA", "Mar"]])
    rest = Table(rows=(Row(cells=tuple(Cell(t) for t in head), is_header=True, repeated_header=True),
                       Row(cells=(Cell(""), Cell("those that need improvement"), Cell(""), Cell("2024")),
                           cut_from_previous=True)),
                 continues_previous=True)
    ex = extract(doc(first, rest))
    assert len(ex.records) == 1
    assert ex.records[0].action == "Review all child protection plans to identify those that need improvement"
    assert ex.records[0].due_raw == "Mar 2024"


def test_split_items_inline_and_continuations():
    items = split_items("i) Development of MASH. ii) New team. iii) Review.", False)
    assert [(i.label, i.text) for i in items] == [("i", "Development of MASH."), ("ii", "New team."), ("iii", "Review.")]
    items = split_items("i) Assistant Director.\nEH/Early years.\nii) Health.", False)
    assert [i.label for i in items] == ["i", "ii"] and "EH/Early years." in items[0].text
    assert len(split_items("First line\nsecond line", False)) == 1
    assert len(split_items("First line\nsecond line", True)) == 2


def test_align_by_number_order_and_single_value():
    items = split_items("i) a\nii) b\niii) c\niv) d", False)
    assert align(items, "Sept 13 Sept 13 Sept 13 – Jan 14. Sept 13", dates=True)[0] == [
        "Sept 13", "Sept 13", "Sept 13 – Jan 14", "Sept 13"]
    assert align(items, "ii) Aug 13\niii) Oct 13\niii) Jan 14")[0] == ["", "Aug 13", "Oct 13", "Jan 14"]
    assert align(items, "March 14")[0] == ["March 14"] * 4
    values, warning = align(items, "A\nB")
    assert warning and values[:2] == ["A", "B"]


def test_cross_references():
    assert cross_reference("As above") == "above"
    assert cross_reference("See 3.0 above") == "3.0"
    assert cross_reference("Seek the views of children on the service") is None


def test_unmarked_header_is_not_joined_with_a_full_width_section_row():
    """HTML exports lose the header marking: a section row under the labels stays a theme."""
    rows = [["Recommendation", "Action", "Lead", "Timescale"],
            [Cell("Children in care", colspan=4), None, None, None],
            ["Improve care plans", "Audit all care plans", "Head of LAC", "June 2024"]]
    ex = extract(doc(table(rows, header_rows=0)))
    assert ex.tables[0].header_rows == 1
    assert [r.theme for r in ex.records] == ["Children in care"]
