"""Whole pipeline on plans laid out as no seed is: the project is judged on councils it has not seen."""
import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from actionplans import convert_file


def shade(cell, hex_fill):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    cell._tc.get_or_add_tcPr().append(shd)


def test_docx_with_merged_recommendation_and_rag_shown_only_by_colour(tmp_path):
    d = docx.Document()
    d.add_heading("Northshire County Council – Ofsted improvement plan, March 2024", level=0)
    d.add_heading("Priority 1: Help and protection", level=1)
    t = d.add_table(rows=3, cols=5)
    for c, text in enumerate(["Area for improvement", "What we will do", "Who", "By when", "RAG"]):
        t.cell(0, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0)).text = "R1. Strengthen management oversight of child in need plans"
    t.cell(1, 1).text = "Weekly case review by team managers"
    t.cell(1, 2).text = "Jo Bloggs / Sam Smith"
    t.cell(1, 3).text = "Q1 2024/25"
    shade(t.cell(1, 4), "FFC000")  # amber, a shade off the standard, no text
    t.cell(2, 1).text = "Monthly audit of CIN plans"
    t.cell(2, 2).text = "Head of QA"
    t.cell(2, 3).text = "Within 3 months"
    shade(t.cell(2, 4), "00B050")  # green
    path = tmp_path / "northshire.docx"
    d.save(path)

    result = convert_file(path)
    assert result.ok, result.error
    rows = result.actions
    assert [r.action for r in rows] == ["Weekly case review by team managers", "Monthly audit of CIN plans"]
    assert all(r.recommendation_ref == "R1" or r.recommendation.startswith("R1") for r in rows)
    assert all("management oversight" in r.recommendation for r in rows)
    assert [r.theme for r in rows] == ["Priority 1: Help and protection"] * 2
    assert [r.rag for r in rows] == ["Amber", "Green"]
    assert rows[0].rag_raw == "#FFC000"
    assert rows[0].owners == "Jo Bloggs; Sam Smith"
    assert (rows[0].due_start, rows[0].due_end) == ("2024-04-01", "2024-06-30")  # Q1 of the financial year
    assert rows[1].due_end == "2024-06-01"  # three months from the plan's date (March 2024, read as its first day)


def test_html_plan_with_th_header_rowspan_and_css_class_fill(tmp_path):
    html = """<html><head><style>.red { background-color: #ff0000 } .grn { background: rgb(0,176,80) }</style></head>
    <body><h2>Looked after children</h2>
    <table border=1>
      <thead><tr><th>Ref</th><th>Recommendation</th><th>Key actions</th><th>Lead</th><th>Deadline</th><th>Status</th></tr></thead>
      <tr><td>4.1</td><td rowspan=2>Care leavers have up to date pathway plans</td>
          <td>Audit all pathway plans</td><td>Head&nbsp;of Service</td><td>31/05/2024</td><td class="red">R</td></tr>
      <tr><td>4.2</td><td>Recruit two personal advisers</td><td>Kim Lee</td><td>Summer 2024</td><td class="grn"></td></tr>
    </table></body></html>"""
    path = tmp_path / "plan.html"
    path.write_text(html, encoding="utf-8")
    result = convert_file(path)
    assert result.ok, result.error
    rows = result.actions
    assert [(r.action_ref, r.action) for r in rows] == [("4.1", "Audit all pathway plans"),
                                                        ("4.2", "Recruit two personal advisers")]
    assert [r.recommendation for r in rows] == ["Care leavers have up to date pathway plans"] * 2
    assert [r.theme for r in rows] == ["Looked after children"] * 2
    assert [r.rag for r in rows] == ["Red", "Green"]
    assert rows[0].due_end == "2024-05-31"
    assert rows[0].owners == "Head of Service"


def test_docx_with_start_date_column_gives_due_start_and_review_date_is_no_deadline(tmp_path):
    d = docx.Document()
    d.add_heading("Eastborough Council – children's services improvement plan, July 2013", level=0)
    t = d.add_table(rows=4, cols=6)
    for c, text in enumerate(["Ref", "Action", "Lead officer", "Start date", "Target date", "Review date"]):
        t.cell(0, c).text = text
    rows = [("1", "Review the threshold document with partners", "Head of Early Help", "Sept 2013", "March 2014",
             "Jan 2014"),
            ("2", "Audit the quality of supervision records", "Principal Social Worker", "", "Dec 2013", ""),
            ("3", "Train all team managers on management oversight", "Workforce Lead", "June 2014", "Jan 2014", "")]
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    path = tmp_path / "eastborough.docx"
    d.save(path)

    rows = convert_file(path).actions
    assert [r.action_ref for r in rows] == ["1", "2", "3"]
    # the deadline column gives due_raw and due_end; the start column gives due_start
    assert [r.due_raw for r in rows] == ["March 2014", "Dec 2013", "Jan 2014"]
    assert (rows[0].due_start, rows[0].due_end) == ("2013-09-01", "2014-03-31")
    # no start given: the deadline's own period, as without a start column
    assert (rows[1].due_start, rows[1].due_end) == ("2013-12-01", "2013-12-31")
    # a start after the deadline is not used, and the row says so
    assert (rows[2].due_start, rows[2].due_end) == ("2014-01-01", "2014-01-31")
    assert "start date 'June 2014' is after the due date" in rows[2].warnings
    # the start and review dates as written stay in extra; a review date is not the deadline
    assert '"Start date": "Sept 2013"' in rows[0].extra and '"Review date": "Jan 2014"' in rows[0].extra
