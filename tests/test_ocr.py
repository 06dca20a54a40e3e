"""Scanned PDFs: the page image read into the PDF reader's glyphs and shapes (ingest/pdf/scan.py),
Tesseract through pytesseract (ingest/pdf/ocr.py), which pages are read so (scanned.py), the
cells' OCR confidence and the warning on a low one, and the --ocr option.

The image analysis is tested on synthetic pages drawn here; the scanned fixtures
(tests/fixtures/scans, built by make_scans.py from a plan of our own wording) are converted
and compared with their expected actions only where Tesseract is installed."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from actionplans.errors import InputError
from actionplans.extract.records import ocr_confidence_note
from actionplans.ingest.pdf import ocr, scan, scanned
from actionplans.ingest.pdf.ocr import Recognition, TextLine, Word, parse_hocr
from actionplans.ingest.pdf.reader import read as read_pdf
from actionplans.ingest.pdf.reader import with_confidence
from actionplans.ingest.pdf.settings import DEFAULT
from actionplans.ingest.pdf.tables import PageTable, PlacedCell
from actionplans.model import Cell, Row
from actionplans.options import OptionError, check_options, ocr_value
from actionplans.settings import ConvertOptions
from frames import iso_dates

SCANS = Path(__file__).parent / "fixtures" / "scans"
PDF_FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
DPI = 300
PT = DPI / 72

NO_OCR = ocr.check()
needs_tesseract = pytest.mark.skipif(NO_OCR is not None, reason=f"OCR cannot run here: {NO_OCR}")


# --- synthetic pages ------------------------------------------------------------------------------


def _grid_page(fills: dict[tuple[int, int], tuple[int, int, int]] = None):
    """A white page with a 3 x 3 ruled grid (lines 2 px), short strokes like letters in the cells,
    and the cells in ``fills`` coloured. Returns (rgb, column x's, row y's)."""
    image = Image.new("RGB", (1400, 1000), "white")
    draw = ImageDraw.Draw(image)
    xs, ys = [100, 500, 900, 1300], [100, 300, 500, 700]
    for (r, c), colour in (fills or {}).items():
        draw.rectangle([xs[c], ys[r], xs[c + 1], ys[r + 1]], fill=colour)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill="black", width=2)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill="black", width=2)
    for r in range(3):  # "text": stems 30 px tall (7 pt), bars 12 px wide
        for c in range(3):
            for k in range(6):
                x0, y0 = xs[c] + 30 + 25 * k, ys[r] + 40
                draw.rectangle([x0, y0, x0 + 3, y0 + 30], fill="black")
                draw.rectangle([x0, y0 + 30, x0 + 12, y0 + 33], fill="black")
    return np.asarray(image), xs, ys


def test_runs_keeps_runs_by_their_length():
    mask = np.array([[1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1]], dtype=bool)
    assert scan.runs(mask, 3).astype(int).tolist() == [[1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1]]
    assert scan.runs(mask, 1, 3).astype(int).tolist() == [[1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0]]
    # runs never continue from the end of one row into the next
    two = np.array([[0, 1, 1], [1, 1, 0]], dtype=bool)
    assert scan.runs(two, 3).sum() == 0


def test_otsu_splits_ink_from_paper():
    gray = np.array([20] * 100 + [235] * 900, dtype=np.uint8).reshape(10, 100)
    assert 20 <= scan.otsu(gray) < 235


@pytest.mark.parametrize("angle", [1.2, -0.7, 2.5])
def test_skew_angle_finds_how_far_the_page_is_turned(angle):
    image = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 800, 40):  # lines of "text": dashes along a row
        for x in range(100, 1100, 30):
            draw.rectangle([x, y, x + 20, y + 12], fill=0)
    turned = np.asarray(image.rotate(angle, resample=Image.BILINEAR, fillcolor=255))
    assert scan.skew_angle(turned < 128, 3.0) == pytest.approx(angle, abs=0.1)


def test_straighten_turns_the_page_back():
    rgb, xs, ys = _grid_page()
    turned = np.asarray(Image.fromarray(rgb).rotate(1.0, resample=Image.BILINEAR, fillcolor=(255, 255, 255)))
    page = scan.straighten(turned, DPI, DEFAULT)
    assert page.angle == pytest.approx(1.0, abs=0.1)
    dark = page.gray < 128
    rulings = scan.find_rulings(dark, DPI, DEFAULT)
    assert len(rulings.horizontal) == 4 and len(rulings.vertical) == 4


def test_rulings_are_the_grid_not_the_letters():
    rgb, xs, ys = _grid_page()
    dark = rgb[..., 0] < 128
    rulings = scan.find_rulings(dark, DPI, DEFAULT)
    assert sorted(round(s[1]) for s in rulings.horizontal) == ys
    assert sorted(round(s[0]) for s in rulings.vertical) == xs
    for x0, top, x1, bottom in rulings.horizontal:
        assert abs(x0 - xs[0]) <= 2 and abs(x1 - xs[-1]) <= 2  # the frame's width, to the line's thickness
    # the grid's lines are painted out of what Tesseract reads; the letters are not
    assert rulings.mask[ys[1], 700] and rulings.mask[400, xs[2]]
    assert not rulings.mask[ys[0] + 55, xs[0] + 31]


def test_a_short_line_counts_only_between_two_long_ones():
    image = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(100, 100), (1300, 100)], fill=0, width=2)
    draw.line([(100, 160), (1300, 160)], fill=0, width=2)  # a one-line row, 60 px (14 pt) tall
    for x in (100, 700, 1300):
        draw.line([(x, 100), (x, 160)], fill=0, width=2)
    draw.line([(400, 400), (400, 460)], fill=0, width=2)  # as short, but meeting nothing: a stroke
    rulings = scan.find_rulings(np.asarray(image) < 128, DPI, DEFAULT)
    assert sorted(round(s[0]) for s in rulings.vertical) == [100, 700, 1300]


def test_no_line_between_light_letters_on_a_dark_fill():
    image = Image.new("RGB", (1400, 1000), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([300, 300, 700, 500], fill=(200, 30, 30))  # a red cell ...
    for k in range(5):  # ... with white text: letter-high gaps in the fill
        draw.rectangle([380 + 40 * k, 380, 400 + 40 * k, 420], fill="white")
    rgb = np.asarray(image)
    dark = scan.PageImage(rgb, DPI, 0.0).gray < 160
    rulings = scan.find_rulings(dark, DPI, DEFAULT)
    assert not [s for s in rulings.vertical if 300 < s[0] < 700]


def test_fills_take_their_cells_colours():
    red, green = (230, 40, 40), (0, 160, 80)
    rgb, xs, ys = _grid_page({(0, 2): red, (1, 2): green, (2, 0): (190, 215, 240)})
    page = scan.PageImage(rgb, DPI, 0.0)
    dark = page.gray < min(scan.otsu(page.gray), DEFAULT.ocr_ink_level)
    # the black lines between the red and green cells are found among the grey pixels only
    def over_red(found):
        return sorted(round(s[1]) for s in found.horizontal if s[0] <= 1100 <= s[2] and s[1] < ys[2] - 2)

    assert over_red(scan.find_rulings(dark, DPI, DEFAULT)) == []
    rulings = scan.find_rulings(dark, DPI, DEFAULT, scan.grey_ink(rgb, dark, DEFAULT))
    assert over_red(rulings) == [ys[0], ys[1]]
    fills = scan.find_fills(page, dark, rulings, DEFAULT)
    by_cell = {}
    for fill in fills:
        snapped = scan.snap_fill(fill.box, rulings, DEFAULT.ocr_fill_snap * PT)
        cx, cy = (snapped[0] + snapped[2]) / 2, (snapped[1] + snapped[3]) / 2
        cell = (int(np.searchsorted(ys, cy)) - 1, int(np.searchsorted(xs, cx)) - 1)
        by_cell[cell] = (fill.rgb, tuple(round(v) for v in snapped))
    assert set(by_cell) == {(0, 2), (1, 2), (2, 0)}
    for cell, colour in (((0, 2), red), ((1, 2), green), ((2, 0), (190, 215, 240))):
        got, box = by_cell[cell]
        assert max(abs(a - b) for a, b in zip(got, colour)) <= 8, (cell, got)
        r, c = cell
        assert box == (xs[c], ys[r], xs[c + 1], ys[r + 1])  # snapped to the cell's rulings


def test_reading_image_whitens_fills_and_keeps_text():
    rgb, xs, ys = _grid_page({(0, 0): (230, 40, 40)})
    page = scan.PageImage(rgb, DPI, 0.0)
    gray = page.gray
    dark = gray < 160
    rulings = scan.find_rulings(dark, DPI, DEFAULT)
    fills = scan.find_fills(page, dark, rulings, DEFAULT)
    reading = scan.reading_image(page, gray, rulings, fills, DEFAULT)
    assert reading[ys[0] + 150, xs[0] + 300] == 255  # the red fill, away from its text
    assert reading[ys[0] + 55, xs[0] + 31] < 100  # a letter's stroke on it
    assert reading[ys[1], 700] == 255  # a ruling


def test_words_become_glyphs_with_spaces_and_confidence():
    line = TextLine(x0=100, top=80, x1=400, bottom=125, baseline=120.0, slope=0.0, size=42.0, descent=9.0)
    found = Recognition(words=(Word("Audit", 100, 85, 200, 120, 91.0, 0), Word("cases", 230, 88, 330, 120, 55.0, 0)),
                        lines=(line,))
    glyphs = scan.words_to_glyphs(found, (72 / DPI, 72 / DPI, 0.0, 0.0), bold_words={1})
    assert "".join(glyphs.text) == "Audit cases"
    assert glyphs.blank.tolist()[5] and not glyphs.blank.tolist()[4]
    assert glyphs.confidence.tolist() == [91.0] * 5 + [55.0] * 6
    # every glyph spans the line's font size from its baseline, in points
    assert set(np.round(glyphs.top, 3).tolist()) == {round((120 - 33) * 72 / DPI, 3)}
    assert set(np.round(glyphs.bottom - glyphs.top, 3).tolist()) == {round(42 * 72 / DPI, 3)}
    assert glyphs.x0[0] == pytest.approx(100 * 72 / DPI) and glyphs.x1[4] == pytest.approx(200 * 72 / DPI)
    assert [glyphs.fonts[f] for f in glyphs.font.tolist()][-1] == "OCR-Bold"


def test_bold_words_by_stroke_width():
    dark = np.zeros((200, 2000), dtype=bool)
    words, line = [], TextLine(0, 0, 2000, 100, 90.0, 0.0, 40.0, 8.0)
    for k in range(10):
        x = 20 + 190 * k
        width = 8 if k == 3 else 3  # one word in strokes three times as wide
        for s in range(5):
            dark[50:90, x + 30 * s:x + 30 * s + width] = True
        words.append(Word("word", x, 50, x + 150, 90, 90.0, 0))
    assert scan.bold_words(Recognition(tuple(words), (line,)), dark, DEFAULT) == {3}


def test_edge_between_two_coloured_cells_carries_on_a_blurred_line():
    image = Image.new("RGB", (1400, 1000), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([900, 100, 1300, 300], fill=(250, 5, 5))
    draw.rectangle([900, 300, 1300, 500], fill=(250, 190, 0))
    for y in (100, 500):
        draw.line([(100, y), (1300, y)], fill="black", width=2)
    draw.line([(100, 300), (900, 300)], fill="black", width=2)  # the line stops where the fills begin
    for x in (100, 900, 1300):
        draw.line([(x, 100), (x, 500)], fill="black", width=2)
    page = scan.PageImage(np.asarray(image), DPI, 0.0)
    dark = page.gray < 160
    rulings = scan.find_rulings(dark, DPI, DEFAULT, scan.grey_ink(page.rgb, dark, DEFAULT))
    small = page.reduced(2)
    found = scan.tints(small, scan.pooled(dark, 2), DEFAULT)
    joined = scan.with_fill_edges(rulings, small, found, 2, DEFAULT)
    middle = [s for s in joined.horizontal if abs(s[1] - 300) <= 4]
    assert middle and min(s[0] for s in middle) <= 102 and max(s[2] for s in middle) >= 1290


def test_specks_and_line_remains_are_not_words():
    line = TextLine(0, 0, 1000, 50, 45.0, 0.0, 40.0, 8.0)
    assert ocr.is_speck(Word("|", 10, 10, 12, 12, 80.0, 0), line.size)  # 2 px: dirt
    assert ocr.is_speck(Word("~", 10, 10, 40, 40, 30.0, 0), line.size)  # a mark read with low confidence
    assert not ocr.is_speck(Word("-", 10, 20, 40, 26, 80.0, 0), line.size)  # a dash, read with confidence
    assert not ocr.is_speck(Word("a", 10, 10, 30, 40, 35.0, 0), line.size)
    rulings = scan.Rulings([], [(500.0, 0.0, 500.0, 900.0)], np.zeros((1, 1), bool), np.zeros((1, 1), bool))
    found = Recognition((Word("|", 497, 100, 503, 140, 90.0, 0), Word("|", 200, 100, 206, 140, 90.0, 0),
                         Word("Lead", 520, 100, 600, 140, 95.0, 0)), (line,))
    kept = scan.without_line_marks(found, rulings, 8.0)
    assert [(w.text, w.x0) for w in kept.words] == [("|", 200), ("Lead", 520)]


def test_numbers_read_with_letters_for_digits_are_put_right():
    assert ocr.number_read_as_letters("Al.1") == "A1.1"
    assert ocr.number_read_as_letters("1O") == "10"
    assert ocr.number_read_as_letters("2.l") == "2.1"
    for word in ("Lead", "Il", "I", "R1", "a1", "Officer"):
        assert ocr.number_read_as_letters(word) == word


def test_unread_ink_and_full_stops():
    ink = np.zeros((400, 1200), dtype=bool)
    ink[100:140, 100:125] = True  # "1", read
    ink[133:140, 130:137] = True  # its full stop, left off
    ink[100:140, 200:400] = True  # "Ensure", read
    ink[250:290, 100:130] = True  # "G" alone, not read
    ink[300:302, 600:602] = True  # a speck
    line = TextLine(100, 100, 400, 140, 140.0, 0.0, 42.0, 8.0)
    found = Recognition((Word("1", 100, 100, 125, 140, 95.0, 0), Word("Ensure", 200, 100, 400, 140, 96.0, 0)), (line,))
    boxes, dots = scan.unread_ink(found, ink, DPI)
    assert len(boxes) == 1
    x0, top, x1, bottom = boxes[0]  # the "G", with the margin its letters were joined over
    assert 90 <= x0 <= 100 and 130 <= x1 <= 140 and 248 <= top <= 250 and 290 <= bottom <= 292
    assert len(dots) == 1
    stopped = scan.with_full_stops(found, dots)
    assert [w.text for w in stopped.words] == ["1.", "Ensure"]


def test_page_lists_are_written_as_ranges():
    assert scanned._pages([1, 2, 3, 5]) == "pages 1-3, 5"
    assert scanned._pages([4]) == "page 4"


HOCR = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 1000 800'>
 <span class='ocr_line' title="bbox 10 20 300 60; baseline 0.01 -8; x_size 36; x_descenders 8; x_ascenders 9">
  <span class='ocrx_word' title='bbox 10 22 120 52; x_wconf 96'>Review</span>
  <span class='ocrx_word' title='bbox 140 20 300 60; x_wconf 71'><strong>plans</strong></span>
 </span>
 <span class='ocr_caption' title="bbox 10 100 90 130; x_size 28">
  <span class='ocrx_word' title='bbox 10 100 90 130; x_wconf 88'>Lead</span>
 </span>
</div></body></html>"""


def test_parse_hocr_gives_words_lines_and_confidences():
    found = parse_hocr(HOCR)
    assert [(w.text, w.confidence, w.line) for w in found.words] == [("Review", 96.0, 0), ("plans", 71.0, 0),
                                                                      ("Lead", 88.0, 1)]
    first = found.lines[0]
    assert (first.size, first.descent, first.baseline, first.slope) == (36.0, 8.0, 52.0, 0.01)
    assert found.lines[1].size == 28.0


# --- which pages, and what without OCR ------------------------------------------------------------


def test_check_names_what_to_install(monkeypatch):
    import sys

    ocr.check.cache_clear()
    monkeypatch.setitem(sys.modules, "pytesseract", None)  # not installed
    try:
        reason = ocr.check()
    finally:
        ocr.check.cache_clear()
    assert "pytesseract" in reason and "pip install 'actionplans[ocr]'" in reason
    assert "apt-get install tesseract-ocr" in reason


def test_a_scan_without_ocr_fails_in_one_line(monkeypatch):
    monkeypatch.setattr(ocr, "check", lambda: "the tesseract program is not installed (" + ocr.INSTALL + ")")
    with pytest.raises(InputError) as err:
        read_pdf(SCANS / "plan_200dpi.pdf")
    message = str(err.value)
    assert "\n" not in message and "no text layer" in message and "apt-get install tesseract-ocr" in message
    with pytest.raises(InputError, match="cannot run"):
        read_pdf(PDF_FIXTURES / "rag_fills.pdf", ocr="always")


def test_ocr_never_reads_no_scan():
    with pytest.raises(InputError, match=r"no text layer.*--ocr auto"):
        read_pdf(SCANS / "plan_200dpi.pdf", ocr="never")


def test_a_born_digital_pdf_is_not_recognised(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("a page with text was sent to OCR")

    monkeypatch.setattr(scanned.Scanner, "read", fail)
    doc = read_pdf(PDF_FIXTURES / "rag_fills.pdf", ocr="auto")
    assert doc.tables and not doc.notes


def test_unknown_ocr_mode_is_refused():
    assert ocr_value(" Always ") == "always"
    with pytest.raises(OptionError, match="auto, always or never"):
        ocr_value("sometimes")
    with pytest.raises(OptionError):
        check_options(ConvertOptions(ocr="yes"))
    assert check_options(ConvertOptions(ocr="NEVER")).ocr == "never"


# --- confidence -----------------------------------------------------------------------------------


def test_cells_take_the_mean_confidence_of_their_glyphs():
    table = PageTable(page=1, bbox=(0, 0, 200, 100), xs=(0, 100, 200), ys=(0, 100),
                      cells=(PlacedCell(bbox=(0, 0, 100, 100), text="a b"),
                             PlacedCell(bbox=(100, 0, 200, 100), text="")))
    points = (np.array([10.0, 50.0, 300.0]), np.array([10.0, 50.0, 50.0]), np.array([90.0, 60.0, 10.0]))
    cells = with_confidence(table, points).cells
    assert [c.confidence for c in cells] == [75.0, None]


def test_low_confidence_row_is_warned():
    low = Row(cells=(Cell("Audit ca5es", confidence=52.0), None, Cell("Head of 5ervice", confidence=64.0)))
    note = ocr_confidence_note(low)
    assert note and "58%" in note
    assert ocr_confidence_note(Row(cells=(Cell("Audit cases", confidence=93.0),))) is None
    assert ocr_confidence_note(Row(cells=(Cell("Audit cases"),))) is None  # not a scan


# --- the scanned fixtures, through Tesseract --------------------------------------------------------


def _expected() -> list[dict]:
    return [json.loads(line) for line in (SCANS / "plan.expected.jsonl").read_text(encoding="utf-8").splitlines()]


@needs_tesseract
@pytest.mark.parametrize("name", ["plan_300dpi.pdf", "plan_200dpi.pdf"])
def test_scanned_plan_gives_the_expected_actions(name):
    from rapidfuzz import fuzz

    from actionplans.pipeline import convert

    df = iso_dates(convert([str(SCANS / name)], jobs=0)).fillna("")
    expected = _expected()
    assert len(df) == len(expected)
    for row, want in zip(df.itertuples(), expected):
        assert fuzz.ratio(row.action, want["action"]) >= 95, (row.action, want["action"])
        assert fuzz.ratio(row.owners, want["owner"]) >= 90, (row.owners, want["owner"])
        assert (row.theme, row.due_end, row.rag) == (want["theme"], want["due_end"], want["rag"])
    assert set(df["source_page"].astype(int)) == {1, 2}


@needs_tesseract
def test_scanned_plan_is_read_as_tables_with_confidence():
    doc = read_pdf(SCANS / "plan_300dpi.pdf")
    assert any("OCR: pages 1-2" in note for note in doc.notes)
    first, second = doc.tables[0], doc.tables[1]
    assert second.continues_previous
    header = [c.text for c in first.rows[0].cells]
    assert header == ["Ref", "Action", "Lead officer", "Target date", "RAG"]
    confidences = [c.confidence for r in first.rows for c in r.cells if c is not None and c.text]
    assert confidences and all(0 < v <= 100 for v in confidences)


def _dark_header_page():
    """A table whose header row is navy with white letters (its black borders lost in the navy),
    a light blue row under it with bold black letters close under the header's bottom edge, and two
    plain rows; blurred a little, as a scan is. Returns (rgb, column x's, row y's)."""
    from PIL import ImageFilter

    navy, blue = (31, 56, 100), (180, 198, 231)
    image = Image.new("RGB", (1400, 1000), "white")
    draw = ImageDraw.Draw(image)
    xs, ys = [100, 800, 1300], [100, 168, 233, 400, 560]
    draw.rectangle([xs[0], ys[0], xs[-1], ys[1]], fill=navy)
    draw.rectangle([xs[0], ys[1], xs[-1], ys[2]], fill=blue)
    for x in xs:  # borders: black, 3 px
        draw.line([(x, ys[0]), (x, ys[-1])], fill="black", width=3)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill="black", width=3)
    for c in range(2):  # white "letters" on the navy, from near the left border
        for k in range(14):
            x0 = xs[c] + 25 + 22 * k
            draw.rectangle([x0, ys[0] + 18, x0 + 11, ys[0] + 50], fill="white")
    for k in range(42):  # bold black "letters" in the blue row, just under the navy's edge
        x0 = xs[0] + 20 + 28 * k
        draw.rectangle([x0, ys[1] + 5, x0 + 14, ys[1] + 34], fill="black")
    for r in (2, 3):  # plain text in the body cells
        for c in range(2):
            for k in range(6):
                x0 = xs[c] + 30 + 25 * k
                draw.rectangle([x0, ys[r] + 40, x0 + 3, ys[r] + 70], fill="black")
    return np.asarray(image.filter(ImageFilter.GaussianBlur(0.8))), xs, ys


def test_a_dark_header_row_is_cells_with_its_fill():
    """The navy header's outline is its cells' edges (its black borders are lost in the navy, and
    the edge to the blue row is broken by the bold text touching it); each header cell has the navy
    fill, the blue row its own, and the white text on the navy is made dark for Tesseract."""
    from actionplans.ingest.pdf.cells import ruled_tables_cells
    from actionplans.ingest.pdf.rulings import ruling_edges
    from actionplans.ingest.pdf.source import Glyphs, PageObjects

    rgb, xs, ys = _dark_header_page()
    image = scan.PageImage(rgb, DPI, 0.0)
    gray = image.gray
    dark = gray < min(scan.otsu(gray), DEFAULT.ocr_ink_level)
    rulings = scan.find_rulings(dark, DPI, DEFAULT, scan.grey_ink(rgb, dark, DEFAULT))
    factor = 2
    small = image.reduced(factor)
    found = scan.tints(small, scan.pooled(dark, factor), DEFAULT)
    rulings = scan.with_fill_edges(rulings, small, found, factor, DEFAULT)
    rulings = scan.with_lines_in_fills(rulings, gray, dark, scan.pooled(rulings.blocks, factor), DPI, factor, DEFAULT)

    def across(y):  # the horizontal rulings at y, as (x0, x1)
        return [(round(s[0]), round(s[2])) for s in rulings.horizontal if abs(s[1] - y) <= 3]

    assert any(x0 <= xs[0] + 3 and x1 >= xs[-1] - 3 for x0, x1 in across(ys[0]))  # the header's top
    assert any(x0 <= xs[0] + 3 and x1 >= xs[-1] - 3 for x0, x1 in across(ys[1]))  # ... its bottom, whole
    assert any(abs(s[0] - xs[1]) <= 3 and s[1] <= ys[0] + 3 for s in rulings.vertical)  # the line inside it
    # the page's grid: the header row's two cells, apart from the blue row
    lines = tuple(scan._line(s, (1 / PT, 1 / PT, 0.0, 0.0)) for s in rulings.horizontal + rulings.vertical)
    edges = ruling_edges(PageObjects(glyphs=Glyphs.empty(), rects=(), lines=lines, curves=()), DEFAULT)
    (table, boxes), = ruled_tables_cells(edges[0], edges[1], DEFAULT)
    boxes = [tuple(v * PT for v in b) for b in boxes]  # points to pixels
    for want in [(xs[0], ys[0], xs[1], ys[1]), (xs[1], ys[0], xs[2], ys[1]), (xs[0], ys[1], xs[1], ys[2])]:
        assert any(max(abs(a - b) for a, b in zip(box, want)) <= 4 for box in boxes), (want, boxes)
    fills = scan.cell_fills(small, found, [tuple(v / factor for v in b) for b in boxes], DEFAULT)
    by_top = {}
    for fill in fills:
        by_top.setdefault(round(fill.box[1] * factor / 5) * 5, []).append(fill.rgb)
    header_fills = by_top[round(ys[0] / 5) * 5]
    assert len(header_fills) == 2 and all(max(abs(a - b) for a, b in zip(c, (31, 56, 100))) <= 25 for c in header_fills)
    # the white text on the navy is what Tesseract reads, dark on white
    page_fills = [scan.Fill(tuple(v * factor for v in f.box), f.rgb) for f in fills]
    reading = scan.reading_image(image, gray, rulings, page_fills, DEFAULT, scan.grey_ink(rgb, dark, DEFAULT))
    assert reading[ys[0] + 33, xs[0] + 30] < 100  # a white letter's stroke, now dark
    assert reading[ys[0] + 10, xs[0] + 400] > 200  # the navy around it, now paper
    # the header's border is a table line, painted out: no dark streak along its edges to read
    assert rulings.mask[ys[0], xs[0] + 400] and rulings.mask[ys[1], xs[0] + 400]
    assert (reading[ys[0] - 3:ys[0] + 4, xs[0]:xs[-1]] == 255).all()
