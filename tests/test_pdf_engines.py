"""The two PDF geometry sources give the same document.

pdfminer (through pdfplumber) is the reference; pdfium is the default. On every PDF of the
samples and the fixtures both must give the same tables — every cell's text, spans and
page, and the header, continuation and cut-row marks — and the same text blocks. Bad input
must fail with the same one-line reasons whichever engine reads it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from actionplans.errors import InputError
from actionplans.ingest.pdf import read
from actionplans.ingest.pdf.engines import ENGINES, open_source
from actionplans.model import Table

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDFS = sorted([*ROOT.glob("samples/*.pdf"), *FIXTURES.glob("**/*.pdf")])
PDFS = [p for p in PDFS if p.name != "encrypted.pdf"]


def _tables(doc) -> list:
    out = []
    for table in doc.tables:
        rows = []
        for row in table.rows:
            cells = tuple(None if c is None else (c.text, c.rowspan, c.colspan) for c in row.cells)
            rows.append((row.page, row.is_header, row.repeated_header, row.cut_from_previous, cells))
        out.append((table.page, table.continues_previous, table.fidelity, rows))
    return out


def _texts(doc) -> list:
    return [(type(b).__name__, getattr(b, "text", None), getattr(b, "page", None))
            for b in doc.blocks if not isinstance(b, Table)]


def test_there_are_pdfs_to_compare():
    assert len(PDFS) >= 10


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_both_engines_give_the_same_tables_and_text(path):
    reference = read(path, engine="pdfminer")
    fast = read(path, engine="pdfium")
    assert fast.pages == reference.pages
    assert _tables(fast) == _tables(reference)
    assert _texts(fast) == _texts(reference)


def _glyphs(path: Path, engine: str) -> list[dict]:
    source = open_source(path, engine)
    try:
        return [g for page in source.pages() for g in page.objects.glyphs.rows() if g["text"].strip()]
    finally:
        source.close()


@pytest.mark.parametrize("name", ["rag_fills.pdf", "rotated_page.pdf", "vertical_text.pdf"])
def test_glyph_boxes_agree(name):
    """Upright, rotated-page and quarter-turned text: same glyphs, same advance and size.
    Along the line pdfium's box reaches past the advance where a glyph's ink overhangs it
    ("k", "f": up to a tenth of the size). Across the line a box starts at the font's descent, which pdfminer takes from the font
    descriptor (0 when it has none) and pdfium from the font program when the descriptor
    gives none: there the boxes may sit apart by up to the descent (a fifth of the size)."""
    path = FIXTURES / "pdf" / name
    miner, pdfium = _glyphs(path, "pdfminer"), _glyphs(path, "pdfium")
    assert [g["text"] for g in pdfium] == [g["text"] for g in miner]
    for a, b in zip(miner, pdfium):
        along, across = (("x0", "x1"), ("top", "bottom")) if a["upright"] else (("top", "bottom"), ("x0", "x1"))
        for key in along:
            assert abs(a[key] - b[key]) < 0.1 + 0.1 * a["size"], (a["text"], key, a[key], b[key])
        # pdfminer's size is the box's height: for turned text that is the advance again
        assert abs(a["size"] - b["size"]) < (0.1 if a["upright"] else 0.1 + 0.1 * a["size"])
        assert abs((a[across[1]] - a[across[0]]) - (b[across[1]] - b[across[0]])) < 0.1
        for key in across:
            assert abs(a[key] - b[key]) <= 0.25 * (a[across[1]] - a[across[0]]), (a["text"], key, a[key], b[key])
        assert a["upright"] == b["upright"]


def test_shapes_and_fill_colours_agree():
    path = FIXTURES / "pdf" / "rag_fills.pdf"
    found = {}
    for engine in ENGINES:
        source = open_source(path, engine)
        (page,) = list(source.pages())
        source.close()
        shapes = [*page.objects.rects, *page.objects.lines, *page.objects.curves]
        found[engine] = sorted((round(s["x0"]), round(s["top"]), round(s["x1"]), round(s["bottom"]),
                                bool(s["fill"]), bool(s["stroke"])) for s in shapes)
    assert found["pdfium"] == found["pdfminer"]


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_reasons_are_the_same_for_both_engines(engine):
    path = FIXTURES / "pdf" / "encrypted.pdf"
    with pytest.raises(InputError, match=r"^encrypted PDF \(password needed; use --password\)$"):
        read(path, engine=engine)
    with pytest.raises(InputError, match=r"^encrypted PDF \(the password given does not open it\)$"):
        read(path, engine=engine, password="wrong")
    doc = read(path, engine=engine, password="secret")
    assert any("Action plan (restricted)" in getattr(b, "text", "") for b in doc.blocks)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\nthis is not really a pdf\n%%EOF\n", b"PK\x03\x04 a zip"])
def test_damaged_pdf_is_a_one_line_input_error_with_both_engines(tmp_path, engine, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"^unreadable PDF: ") as err:
        read(path, engine=engine)
    assert "\n" not in str(err.value) and len(str(err.value)) < 200


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_without_text_layer_is_named_with_both_engines(tmp_path, engine):
    import pypdfium2 as pdfium

    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.save(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match="no text layer"):
        read(tmp_path / "scan.pdf", engine=engine)


def test_pdfium_text_without_unicode_map_is_an_input_error(monkeypatch):
    from actionplans.ingest.pdf import geometry_pdfium as module

    api = module._get_api()
    monkeypatch.setattr(api, "unicode_error", lambda textpage, index: 1)  # as for a font with no ToUnicode
    with pytest.raises(InputError, match="cannot be decoded"):
        read(FIXTURES / "pdf" / "rag_fills.pdf", engine="pdfium")


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown PDF engine"):
        open_source(FIXTURES / "pdf" / "rag_fills.pdf", "ghostscript")


def test_engine_option_reaches_the_reader_from_the_cli(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from actionplans.cli import main
    from actionplans.ingest import pdf as pdf_module

    used = []
    real = pdf_module.read

    def spy(path, *args, **kwargs):
        used.append(kwargs.get("engine"))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pdf_module, "read", spy)
    sample = FIXTURES / "pdf" / "rag_fills.pdf"
    res = CliRunner().invoke(main, ["convert", str(sample), "-o", str(tmp_path / "o.csv"), "-j", "0",
                                    "--pdf-engine", "pdfminer"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["inspect", str(sample), "--pdf-engine", "pdfminer"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["inspect", str(sample)])
    assert res.exit_code == 0, res.output
    assert used == ["pdfminer", "pdfminer", "pdfium"]
    res = CliRunner().invoke(main, ["inspect", str(sample), "--pdf-engine", "poppler"])
    assert res.exit_code == 2


def _one_page_pdf(content: bytes) -> bytes:
    """A one-page PDF (300 x 200 pt, Helvetica as /F1) drawing ``content``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_pdfium_leaves_out_what_a_clipping_path_hides(tmp_path):
    """Text and a rule drawn inside a 10 x 10 pt clip far from them are not shown; pdfminer
    (which ignores clipping) keeps them, pdfium does not."""
    content = (b"q 0 0 10 10 re W n BT /F1 12 Tf 100 100 Td (Hidden) Tj ET 50 50 m 250 50 l S Q "
               b"BT /F1 12 Tf 100 150 Td (Shown) Tj ET 50 20 m 250 20 l S")
    path = tmp_path / "clipped.pdf"
    path.write_bytes(_one_page_pdf(content))
    seen = {}
    for engine in ENGINES:
        source = open_source(path, engine)
        (page,) = list(source.pages())
        source.close()
        seen[engine] = ("".join(page.objects.glyphs.text),
                        sorted(round(line["top"]) for line in page.objects.lines))
    assert seen["pdfium"] == ("Shown", [180])
    assert seen["pdfminer"] == ("HiddenShown", [150, 180])


def test_pdfium_clip_of_several_paths_and_objects_sharing_a_page(tmp_path, monkeypatch):
    """Clips are read for all of a page's text objects at once: a clip made of two paths (a
    triangle, then a rectangle: pdfium keeps both) hides text outside the overlap of their
    boxes; text inside it, text in a clip of its own and text with none stay, in order. The
    hiding is the reader's own: pdfium's text page keeps that text."""
    content = (b"q 0 0 m 120 0 l 0 120 l h W n 20 5 150 100 re W n "
               b"BT /F1 12 Tf 25 10 Td (In) Tj ET BT /F1 12 Tf 200 90 Td (Out) Tj ET Q "
               b"q 180 100 100 60 re W n BT /F1 12 Tf 200 120 Td (Own) Tj ET Q "
               b"BT /F1 12 Tf 10 180 Td (Free) Tj ET")
    path = tmp_path / "clips.pdf"
    path.write_bytes(_one_page_pdf(content))

    def text() -> str:
        source = open_source(path, "pdfium")
        try:
            (page,) = list(source.pages())
        finally:
            source.close()
        return "".join(page.objects.glyphs.text)

    assert text() == "InOwnFree"
    from actionplans.ingest.pdf import geometry_pdfium

    monkeypatch.setattr(geometry_pdfium, "_hidden_by_clip", lambda api, handles: np.zeros(len(handles), dtype=bool))
    assert text() == "InOutOwnFree"
