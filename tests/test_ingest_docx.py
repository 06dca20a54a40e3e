"""DOCX reader: the real samples against their structured layouts, plus purpose-made files
for auto-numbering, merged cells, fills, nested tables and hostile packages."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from actionplans.errors import InputError
from actionplans.ingest import docx as docx_reader
from actionplans.ingest.docx import package as docx_package
from actionplans.model import Heading, ListItem, Paragraph
from fixtures.docx_builder import BODY_LIST, feature_docx, rewrite_part
from structured import SAMPLES, load_document, needs_layouts


def _sample(seed: str) -> Path:
    path = SAMPLES / f"{seed}.docx"
    if not path.exists():
        pytest.skip(f"sample {path.name} not built")
    return path


# --- the samples (tables, titles and text against the layouts: test_ingest_exact_samples.py) -


@needs_layouts
def test_sample_bold_cells_follow_the_layout():
    seed = "000_9d4ebbcf78c32af3"
    table = docx_reader.read(_sample(seed)).tables[0]
    want = load_document(seed).tables[0]
    assert table.rows[0].cells[0].bold  # header
    assert table.rows[1].cells[0].bold == want.rows[1].cells[0].bold is True
    assert table.rows[1].cells[1].bold is False
    assert table.rows[1].cells[1].text.startswith("i) Review of Independent Reviewing Officer")
    assert table.rows[1].cells[1].text.count("\n") == 2  # three paragraphs


# --- purpose-made features ---------------------------------------------------------------


@pytest.fixture(scope="module")
def feature(tmp_path_factory):
    path = feature_docx(tmp_path_factory.mktemp("docx") / "features.docx")
    return docx_reader.read(path)


def test_title_heading_and_bold_style(feature):
    assert feature.title == "Improvement Plan 2024"
    assert feature.blocks[0] == Heading("Improvement Plan 2024", level=0)
    assert feature.blocks[1] == Heading("Priority actions", level=2)
    assert feature.blocks[2] == Paragraph("All bold by style", bold=True)


def test_content_control_revisions_links_fields(feature):
    # deleted text and field codes dropped, inserted text, link text and field results kept,
    # the text box's text not mixed in, a line break kept as "\n"
    assert feature.blocks[3] == Paragraph("Review new policy page 3\nsecond line")


def test_vmerge_over_three_rows(feature):
    table = feature.tables[0]
    origin = table.rows[1].cells[0]
    assert origin.text == "Theme one" and origin.rowspan == 3 and origin.bold
    assert [table.rows[r].cells[0] for r in (2, 3)] == [None, None]
    assert table.origin(3, 0) is origin


def test_header_row_marked_by_tblheader_only(feature):
    table = feature.tables[0]
    assert [r.is_header for r in table.rows] == [True, False, False, False, False, False]
    assert all(c.bold for c in table.rows[0].cells)


def test_lower_roman_auto_numbering_in_cells_and_restart_with_new_num(feature):
    table = feature.tables[0]
    assert table.rows[1].cells[1].text == "i) Review of IRO service\nii) Guidance to staff\niii) Audit of files"
    # a second w:num over the same list definition with a startOverride starts again ...
    assert table.rows[3].cells[1].text == "i) Second list\nii) again"
    # ... a third without one continues the definition's count, as Word and LibreOffice do
    assert table.rows[3].cells[2].text == "G\niii) Continued"


def test_rag_fills_without_text(feature):
    table = feature.tables[0]
    red, theme, auto = (table.rows[r].cells[2] for r in (1, 2, 3))
    assert (red.text, red.fill) == ("", "#FF0000")
    assert (theme.text, theme.fill) == ("", "#F79646")  # accent6 of the default Office theme
    assert auto.fill is None and auto.text.startswith("G")


def test_text_highlight_or_paragraph_shading_fills_an_unshaded_cell(feature):
    amber, green, part = feature.tables[0].rows[5].cells
    assert (amber.text, amber.fill) == ("Amber", "#FFFF00")
    assert (green.text, green.fill) == ("Green", "#00B050")
    assert (part.text, part.fill) == ("Part plain", None)  # only some of the text is highlighted


def test_grid_before_and_grid_span(feature):
    row = feature.tables[0].rows[4]
    assert row.cells[0] is not None and row.cells[0].text == ""
    assert row.cells[1].text == "Spanning" and row.cells[1].colspan == 2
    assert row.cells[1].fill == "#BFBFBF"  # Word's own value for background1 shaded BF
    assert row.cells[2] is None


def test_nested_table_kept_apart_from_cell_text(feature):
    cell = feature.tables[0].rows[2].cells[1]
    assert cell.text == "Outer text"
    assert len(cell.tables) == 1
    inner = cell.tables[0]
    assert inner.text_grid() == [["Inner A", "Inner B"], ["Inner C", "Inner D"]]
    # accent1 (#4F81BD) tinted 0x66/255 toward white
    assert inner.rows[1].cells[1].fill == "#B9CDE5"
    assert len(feature.tables) == 1  # the nested table is not a body block


def test_multi_level_numbering_with_restart(feature):
    items = [b for b in feature.blocks if isinstance(b, ListItem)]
    assert [(i.text, i.label, i.level) for i in items] == [(t, label, lvl) for _n, lvl, t, label in BODY_LIST]


# --- hostile and damaged packages ----------------------------------------------------------


def test_doctype_is_refused(tmp_path):
    good = feature_docx(tmp_path / "good.docx")
    xml = zipfile.ZipFile(good).read("word/document.xml")
    head, _, rest = xml.partition(b"?>")
    evil = head + b'?><!DOCTYPE w [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' + rest
    bad = rewrite_part(good, tmp_path / "evil.docx", "word/document.xml", evil)
    with pytest.raises(InputError, match="DOCTYPE"):
        docx_reader.read(bad)


def test_doctype_in_utf16_part_is_refused(tmp_path):
    good = feature_docx(tmp_path / "good.docx")
    evil = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16-le")
    bad = rewrite_part(good, tmp_path / "evil16.docx", "word/styles.xml", evil)
    with pytest.raises(InputError, match="DOCTYPE"):
        docx_reader.read(bad)


def test_oversized_part_is_refused(tmp_path, monkeypatch):
    good = feature_docx(tmp_path / "good.docx")
    monkeypatch.setattr(docx_package, "MAX_PART_BYTES", 2000)
    with pytest.raises(InputError, match="too large"):
        docx_reader.read(good)


def test_oversized_total_is_refused(tmp_path, monkeypatch):
    good = feature_docx(tmp_path / "good.docx")
    monkeypatch.setattr(docx_package, "MAX_TOTAL_BYTES", 20_000)
    with pytest.raises(InputError, match="too large uncompressed"):
        docx_reader.read(good)


def test_truncated_docx(tmp_path):
    data = feature_docx(tmp_path / "good.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="corrupt or truncated DOCX"):
        docx_reader.read(cut)


def test_malformed_xml(tmp_path):
    good = feature_docx(tmp_path / "good.docx")
    bad = rewrite_part(good, tmp_path / "bad.docx", "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(InputError):
        docx_reader.read(bad)


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        docx_reader.read(path)


def test_table_style_header_bold_and_shading(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.style = document.styles["Medium Shading 1 Accent 1"]  # firstRow: bold on accent1; firstCol: bold
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    document.save(tmp_path / "styled.docx")
    rows = docx_reader.read(tmp_path / "styled.docx").tables[0].rows
    assert [(c.bold, c.fill) for c in rows[0].cells] == [(True, "#4F81BD")] * 3
    assert [c.bold for c in rows[1].cells] == [True, False, False]
    assert all(c.fill is None for c in rows[2].cells)  # banding is decoration, not a fill
    assert [r.is_header for r in rows] == [False, False, False]  # no w:tblHeader


def test_legacy_hmerge_and_orphan_vmerge(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def tc(text, props=""):
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    restart, cont, v_cont = '<w:hMerge w:val="restart"/>', "<w:hMerge/>", "<w:vMerge/>"
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
           f'<w:tr>{tc("wide", restart)}{tc("", cont)}{tc("orphan", v_cont)}</w:tr>'
           f'<w:tr>{tc("a")}{tc("b")}{tc("c", v_cont)}</w:tr></w:tbl>')
    document = docx.Document()
    document.element.body[-1].addprevious(parse_xml(xml))
    document.save(tmp_path / "legacy.docx")
    rows = docx_reader.read(tmp_path / "legacy.docx").tables[0].rows
    assert rows[0].cells[0].text == "wide" and rows[0].cells[0].colspan == 2 and rows[0].cells[1] is None
    # a vMerge continuation in the first row has nothing to continue: it is a cell of its own
    assert rows[0].cells[2].text == "orphan"
    # ... and the one below it continues it, its own text hidden as Word hides it
    assert rows[0].cells[2].rowspan == 2 and rows[1].cells[2] is None


def test_unpreserved_space_at_run_edges_and_symbols(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.element.body[-1].addprevious(parse_xml(
        f'<w:p {nsdecls("w")}><w:r><w:t>Part</w:t></w:r><w:r><w:t> glued</w:t></w:r>'
        f'<w:r><w:t xml:space="preserve"> kept </w:t></w:r>'
        f'<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>'))
    document.save(tmp_path / "space.docx")
    # and a Wingdings tick (w:sym) comes out as a Unicode check mark
    assert docx_reader.read(tmp_path / "space.docx").blocks == (Paragraph("Partglued kept \u2713"),)


@pytest.mark.parametrize("content_type", [
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
])
def test_macro_enabled_and_template_packages_are_read(tmp_path, content_type):
    good = feature_docx(tmp_path / "good.docx")
    types = zipfile.ZipFile(good).read("[Content_Types].xml")
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert main in types
    variant = rewrite_part(good, tmp_path / "variant.docm", "[Content_Types].xml",
                           types.replace(main, content_type.encode()))
    document = docx_reader.read(variant)
    assert document.title == "Improvement Plan 2024" and len(document.tables) == 1


def test_cell_and_run_properties_read_as_word_reads_them(tmp_path):
    """The reader finds each property element once per cell / run (issue 21); what it reads must
    stay what ``find`` gave: the first element of a tag counts, a comment among the properties
    is no property, a deleted row is left out, and a run's shading and bold come from its own rPr."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def tc(text, props="", rpr=""):
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p></w:tc>"

    two_spans = '<!-- note --><w:gridSpan w:val="2"/><w:gridSpan w:val="3"/>'
    shd = '<w:shd w:val="clear" w:fill="FF0000"/><w:shd w:val="clear" w:fill="00FF00"/>'
    bold_run = "<w:rPr><w:b/><w:shd w:val='clear' w:fill='FFFF00'/></w:rPr>"
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
           f'<w:tr>{tc("wide", two_spans)}{tc("red", shd)}</w:tr>'
           f'<w:tr><w:trPr><w:del w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:trPr>'
           f'{tc("gone")}{tc("gone")}{tc("gone")}</w:tr>'
           f'<w:tr>{tc("a")}{tc("b", rpr=bold_run)}{tc("c")}</w:tr></w:tbl>')
    document = docx.Document()
    document.element.body[-1].addprevious(parse_xml(xml))
    document.save(tmp_path / "props.docx")
    rows = docx_reader.read(tmp_path / "props.docx").tables[0].rows
    assert len(rows) == 2  # the deleted row is gone
    assert rows[0].cells[0].text == "wide" and rows[0].cells[0].colspan == 2 and rows[0].cells[1] is None
    assert rows[0].cells[2].fill == "#FF0000"  # the first w:shd, as Word reads it
    assert [c.text for c in rows[1].cells] == ["a", "b", "c"]
    assert rows[1].cells[1].bold and not rows[1].cells[0].bold
    assert rows[1].cells[1].fill == "#FFFF00"  # shading behind all of its text fills the cell
