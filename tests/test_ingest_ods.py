"""The ODS reader: the tracker of tests/sheet_trackers.py as LibreOffice saved it (committed, so the suite
runs without LibreOffice), and small packages written here for spans, repeats and hostile input."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from actionplans.errors import InputError
from actionplans.ingest import read, sniff_format
from actionplans.ingest.ods.reader import MAX_REPEAT
from actionplans.model import Format, Heading
from actionplans.pipeline import convert
from sheet_trackers import EXPECTED, HIDDEN_ROW_ACTION, HIDDEN_TEXT
from frames import iso_dates

FIXTURE = Path(__file__).parent / "fixtures" / "sheets" / "tracker.ods"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def ods(path: Path, tables: str, styles: str = "", prolog: str = "") -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {NS}>'
               f"<office:automatic-styles>{styles}</office:automatic-styles>"
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    return path


def cell(text: str = "", **attrs) -> str:
    a = " ".join(f'table:{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f"<table:table-cell {a}><text:p>{text}</text:p></table:table-cell>" if text else f"<table:table-cell {a}/>"


def row(*cells: str, **attrs) -> str:
    a = " ".join(f'table:{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f"<table:table-row {a}>{''.join(cells)}</table:table-row>"


def test_ods_tracker_gives_the_expected_actions():
    df = iso_dates(convert([str(FIXTURE)], jobs=0)).fillna("")
    got = [(r.theme, r.recommendation, r.action, r.owners, r.due_start, r.due_end, r.rag) for r in df.itertuples()]
    assert got == EXPECTED
    text = df.astype(str).to_csv()
    assert HIDDEN_TEXT not in text and HIDDEN_ROW_ACTION not in text
    assert set(df["source_format"]) == {"ods"}
    assert (df.iloc[0].source_page, df.iloc[0].source_row) == (2, 5)


def test_ods_model():
    assert sniff_format(FIXTURE) == "ods"
    doc = read(FIXTURE)
    assert doc.format is Format.ODS
    assert doc.title == "Children's Services Improvement Tracker 2024"
    assert [b.text for b in doc.blocks if isinstance(b, Heading)][:2] == ["Key", "Early help"]
    key, early, perm = doc.tables
    assert key.rows[1].cells[0].fill == "#FF0000"
    assert early.n_cols == 6 and early.rows[1].cells[1].rowspan == 2 and early.rows[2].cells[1] is None
    assert early.rows[1].cells[4].text == "2024-06-30"      # the date value, not "30/06/2024"
    assert early.rows[2].cells[4].text == "September 2024"  # a month-and-year date style
    assert early.rows[3].cells[4].text == "2024-03-31"      # shown "3/31/2024" by a US date style
    assert perm.rows[1].cells[4].text == "25%" and perm.rows[1].cells[5].text == "TRUE"
    assert any("hidden column(s) G" in n for n in doc.notes)


def test_spans_styles_and_hidden_sheet(tmp_path):
    styles = ('<style:style style:name="red" style:family="table-cell"><style:table-cell-properties '
              'fo:background-color="#ff0000"/></style:style>'
              '<style:style style:name="b" style:family="table-cell"><style:text-properties fo:font-weight="bold"/>'
              '</style:style><style:style style:name="hid" style:family="table"><style:table-properties '
              'table:display="false"/></style:style>')
    tables = ('<table:table table:name="Plan">'
              + row(cell("Recommendation", style_name="b"), cell("Action", style_name="b"), cell("RAG", style_name="b"))
              + row(cell("Keep children safe", number_rows_spanned="2"), cell("Audit cases"), cell(style_name="red"))
              + row("<table:covered-table-cell/>", cell("Train staff"), cell("G"))
              + "</table:table>"
              + '<table:table table:name="Old" table:style-name="hid">' + row(cell("Old action"), cell("x"))
              + "</table:table>")
    doc = read(ods(tmp_path / "s.ods", tables, styles))
    t = doc.tables[0]
    assert t.rows[0].cells[0].bold and t.rows[1].cells[0].rowspan == 2 and t.rows[2].cells[0] is None
    assert t.rows[1].cells[2].fill == "#FF0000"
    assert "Old action" not in str(doc.blocks) and doc.notes == ("sheet 'Old' is hidden: not read",)


def test_hostile_repeats_are_capped(tmp_path):
    tables = ('<table:table table:name="T">'
              '<table:table-column table:number-columns-repeated="1000000"/>'
              + row(cell("Action"), cell("Lead"))
              + row(cell("Repeated action"), cell("Lead officer"), number_rows_repeated="1000000")
              + row(cell(number_columns_repeated="1000000"), number_rows_repeated="1000000")
              + row(cell("x", number_columns_repeated="1000000"))
              + "</table:table>")
    doc = read(ods(tmp_path / "h.ods", tables))
    rows = sum(len(t.rows) for t in doc.tables)
    assert rows <= MAX_REPEAT + 2
    assert any(f"read {MAX_REPEAT} times" in n for n in doc.notes)


def test_bad_packages_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="DOCTYPE/ENTITY"):
        read(ods(tmp_path / "d.ods", "", prolog='<!DOCTYPE x [<!ENTITY a "aaaa">]>'))
    broken = ods(tmp_path / "b.ods", '<table:table table:name="T">' + row(cell("a")))  # never closed
    with pytest.raises(InputError, match="malformed XML"):
        read(broken)
    cut = tmp_path / "cut.ods"
    cut.write_bytes(FIXTURE.read_bytes()[:3000])
    with pytest.raises(InputError, match="corrupt or truncated"):
        read(cut)
    odt = tmp_path / "t.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="OpenDocument text file, not a spreadsheet"):
        read(odt)


def test_frozen_rows_from_the_view_settings():
    from lxml import etree

    from actionplans.ingest.ods.reader import _frozen

    settings = etree.fromstring(
        '<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings>'
        '<config:config-item-map-named config:name="Tables">'
        '<config:config-item-map-entry config:name="Plan">'
        '<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>'
        '<config:config-item config:name="VerticalSplitPosition" config:type="int">3</config:config-item>'
        '</config:config-item-map-entry><config:config-item-map-entry config:name="Notes">'
        '<config:config-item config:name="VerticalSplitMode" config:type="short">0</config:config-item>'
        '</config:config-item-map-entry></config:config-item-map-named></office:settings></office:document-settings>')
    assert _frozen(settings) == {"Plan": 3}


def test_conditional_formats_give_the_fill():
    """LibreOffice kept the tracker's rules (equal "R", equal "A", contains "G") as calcext conditions."""
    perm = read(FIXTURE).tables[2]
    assert [r.cells[6].fill for r in perm.rows[1:]] == ["#00B050", "#FFC000", "#FF0000"]
