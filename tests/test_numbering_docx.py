"""Word auto-numbering read through the numbering grammar: a multi-level list (1 / 1.1 / 1.1.1)
over a heading, a recommendation paragraph and the action paragraphs of a table cell, a level
whose number has no punctuation ("1<TAB>Leadership"), typed numbers in the lead and date cells,
and a ref cell that is only an empty Word-numbered paragraph. No sample is laid out like this."""
from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from actionplans.extract import extract
from actionplans.ingest import docx as docx_reader
from actionplans.model import Heading, ListItem

W = nsdecls("w")

NUMBERING = f"""<w:root {W}>
<w:abstractNum w:abstractNumId="70">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="71">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="70"><w:abstractNumId w:val="70"/></w:num>
<w:num w:numId="71"><w:abstractNumId w:val="71"/></w:num>
</w:root>"""


def _p(text: str = "", num: tuple[str, int] | None = None, style: str | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p {W}><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{c}</w:tc>" for c in cells) + "</w:tr>"


def _plan(path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for el in parse_xml(NUMBERING):
        numbering.append(el)
    sect = document.element.body[-1]
    sect.addprevious(parse_xml(_p("Leadership and governance", num=("70", 0), style="Heading1")))
    sect.addprevious(parse_xml(_p("Ensure that the board challenges performance", num=("70", 1))))
    table = (f"<w:tbl {W}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
             + _row(_p("Ref"), _p("Action"), _p("Lead officer"), _p("Target date"))
             + _row(_p("", num=("71", 0)),
                    _p("Report performance to the board quarterly", num=("70", 2))
                    + _p("Audit board minutes for challenge", num=("70", 2)),
                    _p("1.1.1 Head of Performance") + _p("1.1.2 Board Manager"),
                    _p("1.1.1 March 2019") + _p("1.1.2 June 2019"))
             + "</w:tbl>")
    sect.addprevious(parse_xml(table))
    document.save(path)
    return path


def test_multi_level_word_numbers_render_in_full(tmp_path):
    doc = docx_reader.read(_plan(tmp_path / "plan.docx"))
    heading, rec = doc.blocks[0], doc.blocks[1]
    assert heading == Heading("1\tLeadership and governance", level=1)  # no punctuation: a tab
    assert isinstance(rec, ListItem) and (rec.label, rec.text) == ("1.1", "Ensure that the board challenges performance")
    cells = doc.tables[0].rows[1].cells
    assert cells[0].text == "i)"  # an empty numbered paragraph shows its number
    assert cells[1].text == ("1.1.1 Report performance to the board quarterly\n"
                             "1.1.2 Audit board minutes for challenge")


def test_word_numbers_become_refs_and_typed_labels_leave_lead_and_date(tmp_path):
    ex = extract(docx_reader.read(_plan(tmp_path / "plan.docx")))
    got = [(r.action_ref, r.recommendation_ref, r.action, r.owner_raw, r.due_raw) for r in ex.records]
    assert got == [
        ("1.1.1", "1.1", "Report performance to the board quarterly", "Head of Performance", "March 2019"),
        ("1.1.2", "1.1", "Audit board minutes for challenge", "Board Manager", "June 2019"),
    ]


def test_html_cell_that_is_only_a_numbered_empty_item_shows_its_number(tmp_path):
    """LibreOffice writes a Word-numbered empty ref cell as <ol type="i" start="2"><li><p></p></ol>."""
    from actionplans.ingest import read

    page = tmp_path / "plan.html"
    page.write_text(
        "<html><body><table><tr><th>Ref</th><th>Action</th><th>Lead</th></tr>"
        "<tr><td><ol type=\"i\" start=\"2\"><li><p> </p></ol></td><td><p>Deliver training</p></td>"
        "<td><p>A.</p><ol type=\"A\"><li>Head of Service</li></ol></td></tr></table></body></html>",
        encoding="utf-8")
    cells = read(page).tables[0].rows[1].cells
    assert cells[0].text == "ii."
    assert cells[1].text == "Deliver training"
    assert cells[2].text == "A.\nA.\tHead of Service"  # a browser's "A." before text, kept apart from an initial
