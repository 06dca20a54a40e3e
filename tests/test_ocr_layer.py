"""Scans with a hidden OCR text layer (--ocr auto): the layer is kept when it reads as words, and a
poor one (garbage tokens) is read again from the page image (ingest/pdf/scanned.py). The PDFs are
made here with pypdfium2: a page image (the committed scanned fixture, or a drawn page) with
invisible text (render mode 3) laid over it, as OCR programs leave a searchable scan."""
from __future__ import annotations

import ctypes
import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from actionplans.ingest.pdf import ocr
from actionplans.ingest.pdf.reader import read as read_pdf
from actionplans.ingest.pdf.scanned import Scanner, word_likeness
from actionplans.ingest.pdf.settings import DEFAULT

SCANS = Path(__file__).parent / "fixtures" / "scans"
NO_OCR = ocr.check()
needs_tesseract = pytest.mark.skipif(NO_OCR is not None, reason=f"OCR cannot run here: {NO_OCR}")

GOOD = ("Publish a single referral form for schools, health and police by March 2025. "
        "Audit twenty contacts a month and feed back to the referring agency (1.2). "
        "Recruit two experienced social workers to the duty team; Head of Early Help.")
GARBAGE = ("Pub1ish a sin9le refcrral f0rm fcr sch00ls, hea1th ancl po1ice ~ |l| Xq#rt "
           "Au;dit tvventy c0ntacts a rnonth ancl feecl bacK t0 tlie referr1ng agcncy ,.; "
           "Recru1t tw0 expcr1enced s0cial w0rkers t0 tlie cluty tcam Hcad 0f Ear1y He1p")


def _layered(src_pdf: Path, dst: Path, text: str, mode: int = 3) -> Path:
    """``src_pdf`` with ``text`` laid over every page in lines of ten words, drawn with text render
    ``mode`` (3: invisible)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(src_pdf))
    words = text.split()
    lines = [" ".join(words[k:k + 10]) for k in range(0, len(words), 10)]
    for i in range(len(pdf)):
        page = pdf[i]
        _, height = page.get_size()
        for k, line in enumerate(lines):
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(10))
            buf = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFTextObj_SetTextRenderMode(obj, mode)
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, height - 100 - 14 * k)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
        page.close()
    pdf.save(str(dst))
    pdf.close()
    return dst


def _image_pdf(dst: Path) -> Path:
    """A page that is one image: a few dark bars, like a scan with little on it."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for y in range(200, 600, 60):
        draw.rectangle([150, y, 900, y + 20], fill="black")
    image.save(dst, "PDF", resolution=150.0)
    return dst


def test_word_likeness_tells_words_from_garbage():
    good, n = word_likeness(GOOD)
    assert n >= 30 and good / n > 0.95
    bad, m = word_likeness(GARBAGE)
    assert m >= 30 and bad / m < 0.6
    # numbers, dates, references, acronyms and their plurals, names with an apostrophe are words
    assert word_likeness("15/05/2020 £1,200 10% 1st A1.1 R2 (iv) 2.3a LSCB IROs O'Neill children's 17-year-olds") == (13, 13)
    # punctuation of prose says nothing
    assert word_likeness("- – & /") == (0, 0)


def test_a_good_hidden_layer_is_read_as_it_is(tmp_path, monkeypatch):
    pdf = _layered(_image_pdf(tmp_path / "scan.pdf"), tmp_path / "good.pdf", GOOD)

    def no_ocr(self, page):
        raise AssertionError("a good hidden layer must not be read by OCR")

    monkeypatch.setattr(Scanner, "read", no_ocr)
    doc = read_pdf(pdf)
    assert "referral form" in str(doc.blocks)
    assert not any("hidden OCR" in note for note in doc.notes)


def test_a_poor_hidden_layer_is_judged_and_read_again(tmp_path, monkeypatch):
    pdf = _layered(_image_pdf(tmp_path / "scan.pdf"), tmp_path / "poor.pdf", GARBAGE)
    read_pages = []

    def fake_read(self, page):  # what OCR gives back: here the good text, in the page's place
        read_pages.append(page.number)
        assert len(page.objects.glyphs) == 0  # the layer is not handed on
        return good_page

    good_doc = _layered(_image_pdf(tmp_path / "scan2.pdf"), tmp_path / "good.pdf", GOOD)
    from actionplans.ingest.pdf.engines import open_source

    source = open_source(good_doc, "pdfium", None)
    good_page = next(source.pages())
    source.close()
    monkeypatch.setattr(ocr, "check", lambda: None)
    monkeypatch.setattr(Scanner, "read", fake_read)
    doc = read_pdf(pdf)
    assert read_pages == [1]
    assert "referral form" in str(doc.blocks) and "Pub1ish" not in str(doc.blocks)
    assert any("page 1 had a poor hidden OCR text layer" in note for note in doc.notes)


def test_a_poor_hidden_layer_is_kept_and_said_when_ocr_cannot_run(tmp_path, monkeypatch):
    pdf = _layered(_image_pdf(tmp_path / "scan.pdf"), tmp_path / "poor.pdf", GARBAGE)
    monkeypatch.setattr(ocr, "check", lambda: "the tesseract program is not installed (...)")
    doc = read_pdf(pdf)
    assert "Pub1ish" in str(doc.blocks)
    assert any("poor hidden OCR text layer" in n and "read as it is" in n for n in doc.notes)


def test_visible_text_and_other_modes_are_not_judged(tmp_path):
    from actionplans.ingest.pdf.engines import open_source

    pdf = _layered(_image_pdf(tmp_path / "scan.pdf"), tmp_path / "visible.pdf", GARBAGE, mode=0)
    doc = read_pdf(pdf)  # visible text over an image is the PDF's own: never replaced
    assert "Pub1ish" in str(doc.blocks) and not doc.notes
    hidden = _layered(_image_pdf(tmp_path / "scan2.pdf"), tmp_path / "hidden.pdf", GARBAGE)
    source = open_source(hidden, "pdfium", None)
    page = next(source.pages())
    source.close()
    assert page.objects.invisible == len(page.objects.glyphs) > 0
    auto, never = Scanner(hidden, None, "auto", DEFAULT), Scanner(hidden, None, "never", DEFAULT)
    assert auto.hidden_layer(page) < 0.6
    assert never.hidden_layer(page) is None
    auto.close()
    never.close()


def test_one_page_far_below_the_documents_other_layers_is_poor(monkeypatch):
    monkeypatch.setattr(ocr, "check", lambda: None)
    scanner = Scanner(Path("unused.pdf"), None, "auto", DEFAULT)
    scanner.layers = {1: 0.97, 2: 0.96, 3: 0.98, 4: 0.81}  # page 4 above the floor, far below the rest
    assert scanner.poor_layers() == [4]
    scanner.layers = {1: 0.97, 2: 0.96, 3: 0.98}
    assert scanner.poor_layers() == []
    scanner.layers = {1: 0.5, 2: 0.55}  # all poor: the floor, whatever the document's median
    assert scanner.poor_layers() == [1, 2]


@needs_tesseract
def test_a_scan_with_a_garbage_layer_gives_the_expected_actions(tmp_path):
    from rapidfuzz import fuzz

    from actionplans.pipeline import convert

    pdf = _layered(SCANS / "plan_300dpi.pdf", tmp_path / "layered.pdf", GARBAGE)
    df = convert([str(pdf)], jobs=0).fillna("")
    expected = [json.loads(x) for x in (SCANS / "plan.expected.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(df) == len(expected)
    for row, want in zip(df.itertuples(), expected):
        assert fuzz.ratio(row.action, want["action"]) >= 95, (row.action, want["action"])
        assert (row.theme, str(row.due_end)[:10], row.rag) == (want["theme"], want["due_end"], want["rag"])
