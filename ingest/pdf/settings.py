"""Named tolerances of the PDF reader, in PDF points unless a name says otherwise.

One frozen dataclass so a caller (or a test) can change a tolerance by name instead of
hunting for numbers in the code; :data:`DEFAULT` is what :func:`ingest.pdf.read` uses.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfSettings:
    # --- ruling lines -> grid -------------------------------------------------------
    snap_tolerance: float = 3.0  # parallel ruling segments closer than this are one line
    join_tolerance: float = 3.0  # collinear segments with a gap below this are joined
    intersection_tolerance: float = 3.0
    edge_min_length: float = 3.0
    ruling_slope_tolerance: float = 0.5  # a segment whose ends differ this little in y (x) is horizontal (vertical)
    grid_tolerance: float = 2.0  # cell edges within this are the same grid line
    min_fill_size: float = 2.0  # a filled rectangle thinner than this is a border, not a fill
    fill_cover: float = 0.5  # share of a cell a filled rectangle must cover to be its fill
    white_level: float = 0.97  # RGB channels all above this: white (no fill)
    black_level: float = 0.03  # all below this: black (a border drawn as a filled box)

    # --- characters -> lines and words ------------------------------------------------
    line_overlap: float = 0.5  # share of the smaller height two glyphs must share to be on one line
    word_gap: float = 0.2  # x gap, in font sizes, that makes a space between glyphs
    span_gap: float = 1.5  # x gap, in font sizes, that splits a line into column segments
    bare_span_gap: float = 0.5  # the same where no space glyph lies in the gap
    duplicate_tolerance: float = 1.0  # a glyph repeated within this of itself is printed twice over
    bold_share: float = 0.6  # share of bold glyphs that makes a line or cell bold
    # font-name parts that mark a bold face ("Arial-BoldMT", "Arial,Bold", "Arial,B", "Frutiger-Bd")
    bold_markers: tuple[str, ...] = ("bold", "black", "heavy", ",b", "-bd", "_bd")

    # --- paragraphs and headings ------------------------------------------------------
    wrap_slack: float = 0.6  # room, in font sizes, beyond the next word that marks a line as ended early
    # room below which a line surely wrapped; between the two, a line ends early only in a table
    # column whose lines mostly end early (one name per line)
    short_line_slack: float = 0.35
    paragraph_spacing: float = 0.2  # extra gap over the tightest line gap, in line heights, between paragraphs
    paragraph_gap: float = 0.6  # vertical gap, in line heights, that starts a paragraph
    heading_size: float = 1.15  # font size relative to body text that makes a heading
    heading_max_chars: int = 200
    bold_heading_max_chars: int = 120
    list_indent_tolerance: float = 6.0  # list labels this close in x are at one level

    # --- page furniture (running headers, footers, page numbers) ----------------------
    margin_zone: float = 0.15  # share of the page height at top and bottom searched for furniture
    furniture_share: float = 0.5  # share of pages a running line must repeat on
    furniture_y_tolerance: float = 4.0

    # --- tables over page breaks ------------------------------------------------------
    column_tolerance: float = 3.0  # x positions of two tables' column lines that match
    page_foot_tolerance: float = 40.0  # a table ending this close to the page area's foot reaches it
    footnote_size: float = 0.9  # text below this share of the body size under a table is a footnote
    page_top_tolerance: float = 8.0  # a table starting this close to the page area's top opens the page

    band_gap: float = 0.5  # gap, in line heights, within which text touches a banded table's edge

    # --- unruled tables -----------------------------------------------------------------
    unruled_min_rows: int = 3  # lines with two or more aligned segments
    unruled_min_columns: int = 2
    column_align_tolerance: float = 4.0  # segment starts within this are one column

    # --- scanned pages (OCR; see scan.py), lengths in points ---------------------------
    ocr_dpi: int = 300  # a scanned page is rendered at this resolution for recognition
    ocr_analysis_dpi: int = 150  # its fills are found at about this resolution
    ocr_max_skew: float = 3.0  # degrees: a page turned by up to this much is straightened
    ocr_ink_level: int = 160  # grey level (0-255) above which a pixel is never ink, whatever Otsu says
    ocr_ink_chroma: int = 60  # ink is grey: a dark pixel whose channels differ more than this is a colour (a fill) ...
    ocr_ink_black: int = 110  # ... unless none of its channels reaches this (nearly black)
    ocr_paper_level: int = 200  # grey level above which a pixel is read as paper by Tesseract
    ocr_rule_length: float = 20.0  # a run of ink this long (and no thicker than below) is a ruling line
    ocr_rule_thickness: float = 4.0
    ocr_rule_min_length: float = 6.0  # a shorter run counts as a line only between two lines across it
    ocr_tint_tolerance: float = 24.0  # grey levels from the paper's colour that make a pixel a fill's
    ocr_line_contrast: int = 12  # grey levels a line on a dark fill differs from it by
    ocr_colour_step: float = 40.0  # a change of colour this large between neighbouring areas ends a fill
    ocr_min_fill: float = 6.0  # a filled area narrower than this is not a cell's fill
    ocr_fill_snap: float = 6.0  # a fill's edge this close to a ruling line is moved onto it
    ocr_bold_stroke: float = 1.3  # strokes this much wider than the page's usual, for the size, are bold
    ocr_image_share: float = 0.3  # share of a page without text that images must cover to be a scan
    ocr_page_timeout: float = 0.0  # seconds Tesseract may take on one page (0: the batch's limit only)
    # a scan with a hidden OCR text layer (see scanned.py): read from its image again (--ocr auto) when
    # the layer is poor: fewer word-like tokens than the first share, or that far below the median
    # of the document's hidden layers (one page scanned badly among good ones)
    ocr_layer_invisible: float = 0.5  # share of a page's glyphs drawn invisibly that makes them a hidden layer
    ocr_layer_min_words: float = 0.8
    ocr_layer_below_document: float = 0.15
    ocr_layer_min_tokens: int = 12  # a layer of fewer tokens is not judged (kept)


DEFAULT = PdfSettings()
