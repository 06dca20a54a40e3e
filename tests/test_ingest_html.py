"""HTML reader: the LibreOffice-exported samples against their structured layouts, a
Word-style export, a real LibreOffice export of the DOCX feature fixture, encodings and
hostile nesting."""
from __future__ import annotations

from pathlib import Path

import pytest

from actionplans.errors import InputError
from actionplans.ingest import html as html_reader
from actionplans.ingest.html import tables as html_tables
from actionplans.model import Heading, ListItem, Paragraph, Table
from structured import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _sample(seed: str) -> Path:
    path = SAMPLES / f"{seed}.html"
    if not path.exists():
        pytest.skip(f"sample {path.name} not built")
    return path


# --- the samples (tables, titles and text against the layouts: test_ingest_exact_samples.py) -


def test_sample_bold_from_css_classes():
    seed = "000_9d4ebbcf78c32af3"
    table = html_reader.read(_sample(seed)).tables[0]
    assert all(c.bold for c in table.rows[0].cells)  # <span class="T1"> with .T1 {font-weight:bold}
    assert table.rows[1].cells[0].bold
    assert not table.rows[1].cells[1].bold
    assert table.rows[1].cells[2].text == "i) Dec 13.\nii) Sept 13\niii) Oct 13"


# --- Word-style export -------------------------------------------------------------------


@pytest.fixture(scope="module")
def word():
    return html_reader.read(FIXTURES / "word_export.html")


def test_word_title_headings_and_paragraphs(word):
    assert word.title == "Children\u2019s Services Improvement Plan"  # MsoTitle beats <title>
    assert word.blocks[0] == Heading("Children\u2019s Services Improvement Plan", level=0)
    assert word.blocks[1] == Heading("Recommendation 1", level=1)
    assert word.blocks[2] == Paragraph("Lead: Director of Children\u2019s Services", bold=False)
    assert word.blocks[3] == Paragraph("All of this is bold", bold=True)


def test_windows_1252_bytes_and_hidden_text(word):
    # raw cp1252 bytes (£, en dash, é) decoded by the meta charset; display:none dropped
    assert word.blocks[4] == Paragraph("Costs rose by \u00a35 \u2013 7 % \u2013 caf\u00e9")


def test_word_mso_list_paragraphs_and_ol_labels(word):
    items = [(b.text, b.label, b.level) for b in word.blocks if isinstance(b, ListItem)]
    assert items == [
        ("Audit of case files", "1)", 0),
        ("Monthly dip sample", "\u2022", 1),  # Symbol-font middle dot shown as a bullet
        ("Third point", "iii.", 0),  # <ol type=i start=3>
        ("Fourth point", "iv.", 0),
        ("nested bullet", "\u2022", 1),
        ("Ninth", "ix.", 0),  # <li value=9>
    ]


def test_word_table_spans_and_text(word):
    table = word.tables[0]
    assert table.n_cols == 4
    assert table.rows[0].cells[1].text == "Action and lead" and table.rows[0].cells[1].colspan == 2
    assert table.rows[0].cells[2] is None
    assert table.rows[1].cells[0].rowspan == 2 and table.rows[2].cells[0] is None
    assert table.rows[1].cells[1].text == "Review the IRO service\nReport to board"  # <p>s and &nbsp;
    assert table.rows[1].cells[2].text == "Head of QA\nService Manager"  # <br>
    assert [r.is_header for r in table.rows] == [False] * 6  # <td><b> is left to extract/


def test_word_table_bold(word):
    table = word.tables[0]
    assert all(c.bold for c in table.rows[0].cells if c is not None)  # <td><b>
    assert table.rows[1].cells[2].bold  # class rule font-weight:700
    assert not table.rows[2].cells[2].bold  # <i> is not bold


def test_word_table_fills(word):
    table = word.tables[0]
    assert table.rows[1].cells[3].fill == "#C00000"  # .rag-red {background:...}, text only &nbsp;
    assert table.rows[1].cells[3].text == ""
    assert table.rows[2].cells[3].fill == "#FFC000"  # td.amber, rgb()
    assert table.rows[3].cells[1].fill == "#00B050"  # bgcolor
    assert table.rows[3].cells[2].fill == "#FFFF00"  # inline named colour
    assert table.rows[3].cells[3].fill == "#008000"  # table.plan td.done outranks td.done
    assert table.rows[4].cells[3].fill is None  # transparent
    assert table.rows[1].cells[0].fill is None


def test_word_highlighted_text_fills_an_unshaded_cell(word):
    amber, part, marked = word.tables[0].rows[5].cells[1:]
    assert (amber.text, amber.fill) == ("Amber", "#FFFF00")  # span background / mso-highlight
    assert (part.text, part.fill) == ("Part plain", None)  # only part of the text
    assert (marked.text, marked.fill) == ("Marked", "#FFFF00")  # <mark>


def test_word_nested_table(word):
    cell = word.tables[0].rows[4].cells[1]
    assert cell.text == "Outer" and cell.colspan == 2
    assert cell.tables[0].text_grid() == [["Inner 1", "Inner 2"]]
    assert cell.tables[0].rows[0].cells[0].fill == "#FFFFFF"  # #FFF
    assert len(word.tables) == 2


def test_thead_th_rows_are_headers(word):
    glossary = word.tables[1]
    assert [r.is_header for r in glossary.rows] == [True, False]
    assert glossary.rows[0].cells[0].bold


# --- a real LibreOffice export of the DOCX feature fixture -------------------------------


@pytest.fixture(scope="module")
def libreoffice():
    return html_reader.read(FIXTURES / "libreoffice_features.html")


def test_libreoffice_list_labels_from_floated_spans(libreoffice):
    table = libreoffice.tables[0]
    assert table.rows[1].cells[1].text == "i) Review of IRO service\nii) Guidance to staff\niii) Audit of files"
    assert table.rows[3].cells[1].text == "i) Second list\nii) again"
    items = [(b.label, b.text, b.level) for b in libreoffice.blocks if isinstance(b, ListItem)]
    assert items[:3] == [("1.", "Leadership", 0), ("1.1", "Board oversight", 1), ("1.1.1", "Quarterly report", 2)]
    assert ("III)", "Roman from three", 4) in items
    assert ("\u2022", "A bullet", 5) in items
    assert items[-2:] == [("5.", "Restarted list", 0), ("6.", "Next", 0)]


def test_libreoffice_merges_fills_and_nested_table(libreoffice):
    table = libreoffice.tables[0]
    assert table.rows[1].cells[0].rowspan == 3 and table.rows[1].cells[0].bold
    assert table.rows[1].cells[2].fill == "#FF0000"
    assert table.rows[4].cells[1].colspan == 2 and table.rows[4].cells[1].fill == "#BFBFBF"
    assert table.rows[2].cells[1].tables[0].text_grid() == [["Inner A", "Inner B"], ["Inner C", "Inner D"]]
    assert libreoffice.blocks[2] == Paragraph("All bold by style", bold=True)
    # RAG words shown by a highlight (span class rule) and by paragraph shading
    assert [(c.text, c.fill) for c in table.rows[5].cells] == [
        ("Amber", "#FFFF00"), ("Green", "#00B050"), ("Part plain", None)]


# --- encodings and hostile input ----------------------------------------------------------


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.html"
    path.write_bytes("\ufeff<html><body><p>Caf\u00e9 \u2013 plan</p></body></html>".encode("utf-16-le"))
    assert html_reader.read(path).blocks == (Paragraph("Caf\u00e9 \u2013 plan"),)


def test_utf8_without_declaration(tmp_path):
    path = tmp_path / "u8.html"
    path.write_bytes("<table><tr><td>\u00a3100 \u2013 ok</td></tr></table>".encode("utf-8"))
    assert html_reader.read(path).tables[0].rows[0].cells[0].text == "\u00a3100 \u2013 ok"


def test_deeply_nested_markup_does_not_crash():
    depth = 5000
    html = "<html><body>" + "<div><span>" * depth + "deep" + "</span></div>" * depth + "<p>after</p></body></html>"
    document = html_reader.parse(html)
    assert [b.text for b in document.blocks] == ["deep", "after"]


def test_deeply_nested_tables_are_capped():
    depth = 200
    html = "<table><tr><td>x" * depth + "</td></tr></table>" * depth
    document = html_reader.parse(html)
    table = document.tables[0]
    level = 0
    while table.rows[0].cells[0].tables:
        table = table.rows[0].cells[0].tables[0]
        level += 1
    assert level == html_reader.MAX_TABLE_DEPTH - 1
    assert table.rows[0].cells[0].text.count("x") == depth - html_reader.MAX_TABLE_DEPTH + 1


def test_deeply_nested_lists_are_linear():
    depth = 3000
    html = "<ul><li>a" * depth + "</li></ul>" * depth
    items = [b for b in html_reader.parse(html).blocks if isinstance(b, ListItem)]
    assert len(items) == depth and items[-1].level == depth - 1


def test_huge_spans_are_bounded():
    html = '<table><tr><td rowspan="99999" colspan="99999">x</td></tr><tr><td>y</td></tr></table>'
    table = html_reader.parse(html).tables[0]
    assert table.rows[0].cells[0].rowspan == 2  # clipped to the rows there are
    assert table.rows[0].cells[0].colspan == html_tables.MAX_COLSPAN == 256  # capped
    assert table.rows[1].cells[256].text == "y"  # placed after the covered slots
    assert table.n_cols == 257


def test_unreadable_file(tmp_path):
    with pytest.raises(InputError):
        html_reader.read(tmp_path / "missing.html")


def test_single_file_web_page_mht(tmp_path):
    import quopri

    html = ('<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"></head>'
            '<body><p class=MsoNormal>Caf\u00e9 plan = more</p><table><tr><td bgcolor=red>R</td></tr></table>'
            '</body></html>').encode("cp1252")
    mht = (b'From: <Saved by Microsoft Word>\r\nMIME-Version: 1.0\r\n'
           b'Content-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
           b'This document is a Single File Web Page.\r\n\r\n------=_NextPart_01\r\n'
           b'Content-Location: file:///C:/plan.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n'
           b'Content-Type: text/html; charset="windows-1252"\r\n\r\n' + quopri.encodestring(html)
           + b'\r\n\r\n------=_NextPart_01--\r\n')
    path = tmp_path / "plan.mht"
    path.write_bytes(mht)
    document = html_reader.read(path)
    assert document.blocks[0] == Paragraph("Caf\u00e9 plan = more")
    assert document.tables[0].rows[0].cells[0].fill == "#FF0000"


def test_latin1_label_read_as_windows_1252(tmp_path):
    path = tmp_path / "latin1.html"
    path.write_bytes(b'<html><head><meta charset="ISO-8859-1"></head><body><p>\x93Good\x94 \x96 \xa3</p></body></html>')
    assert html_reader.read(path).blocks == (Paragraph("\u201cGood\u201d \u2013 \u00a3"),)


def test_libreoffice_starwriter_filter():
    """The other LibreOffice HTML filter: <thead> for repeated header rows, <ol type="i"> in
    cells, <font> tags, whitespace-indented markup."""
    document = html_reader.read(FIXTURES / "libreoffice_starwriter.html")
    table = document.tables[0]
    assert [r.is_header for r in table.rows] == [True, False, False, False, False, False]
    assert table.rows[1].cells[1].text == "i. Review of IRO service\nii. Guidance to staff\niii. Audit of files"
    assert table.rows[1].cells[2].fill == "#FF0000" and table.rows[1].cells[2].text == ""
    assert table.rows[2].cells[1].tables[0].text_grid() == [["Inner A", "Inner B"], ["Inner C", "Inner D"]]
    assert document.blocks[0] == Paragraph("Improvement Plan 2024")
    assert document.title is None  # an empty <title> and no Title class


def test_caption_reads_as_paragraph_before_its_table():
    document = html_reader.parse("<table><caption>Table 2: <b>Actions</b></caption><tr><td>a</td></tr></table>")
    assert document.blocks[0] == Paragraph("Table 2: Actions")
    assert document.blocks[1].text_grid() == [["a"]]


def test_row_style_given_to_each_of_its_cells_and_not_past_a_nested_table():
    # a row's declarations are read once for all its cells (issue 21): each cell still gets
    # the row's fill and weight, and a nested table's row does not pass its own to the cells after it
    doc = html_reader.parse(
        "<html><head><style>.hot { background-color: #FF0000 } .plain { font-weight: normal }</style></head><body>"
        "<table><tr class='hot' style='font-weight:bold'><td>a</td>"
        "<td>b<table><tr style='background-color:#00FF00;font-weight:normal'><td>n1</td><td>n2</td></tr>"
        "<tr><td>n3</td><td>n4</td></tr></table></td>"
        "<td>c</td><td class='plain' style='background-color:#0000FF'>d</td></tr>"
        "<tr><td>e</td><td>f</td><td>g</td><td>h</td></tr></table></body></html>")
    rows = doc.tables[0].rows
    assert [(c.text, c.fill, c.bold) for c in rows[0].cells] == [
        ("a", "#FF0000", True), ("b", "#FF0000", True), ("c", "#FF0000", True), ("d", "#0000FF", False)]
    assert [(c.fill, c.bold) for c in rows[1].cells] == [(None, False)] * 4
    nested = rows[0].cells[1].tables[0].rows
    assert [(c.fill, c.bold) for c in nested[0].cells] == [("#00FF00", False)] * 2
    assert [(c.fill, c.bold) for c in nested[1].cells] == [(None, True)] * 2  # bold from the outer row
