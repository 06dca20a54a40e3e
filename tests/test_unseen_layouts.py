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
