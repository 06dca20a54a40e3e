"""PDF reader: a PDF's glyphs and vector shapes -> one :class:`Document`.

Each page's glyphs and shapes come once from a geometry source (pdf_source: pdfium by
default, pdfminer on request; /Rotate applied, top-down coordinates): its ruling
lines, classed with a tolerance (rulings.py), give the ruled tables, whose grid, spans,
text, bold and fill are worked out from the cells' edges (tables.py); shaded bands of a
borderless table are joined with the plain rows between them (banded.py); the glyphs
outside tables become lines (text.py). Across the document, running headers, footers and
page numbers are set aside (furniture.py), unruled tables are found from text alignment
(unruled.py), the remaining lines become headings, paragraphs and list items (layout.py),
and tables over page breaks are marked as continuations with repeated headers and cut
rows (continuation.py). Tolerances are named in settings.py.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Union

import numpy as np

from actionplans.errors import InputError
from actionplans.gcpause import paused_gc
from actionplans.model import Block, Document, Table

from .banded import bridge_bands
from .continuation import Placed, join_tables
from .furniture import PageLines, find_furniture, page_areas
from .layout import classify, group_paragraphs
from .rulings import ruling_edges
from .settings import DEFAULT, PdfSettings
from .engines import open_source
from .scanned import DEFAULT_MODE, Scanner
from .source import DEFAULT_ENGINE, Glyphs, PageGeometry, PageObjects
from .tables import GlyphIndex, PageTable, PlacedCell, fill_boxes, read_short_lines, ruled_tables
from .text import WORD_BREAK, Line, read_word_breaks
from .unruled import find_unruled


@dataclass(frozen=True)
class PageContent:
    lines: PageLines
    tables: tuple[PageTable, ...]
    sizes: tuple[tuple[float, int], ...]  # (font size, glyphs) over the whole page
    undecodable: int = 0  # glyphs the engine could not map to Unicode ("(cid:12)" in pdfminer)
    # a page read by OCR: the centres (x, y) and confidences of its glyphs that show something
    confidence: Optional[tuple[np.ndarray, np.ndarray, np.ndarray]] = None


def read(path: Path, settings: PdfSettings = DEFAULT, password: Optional[str] = None,
         engine: str = DEFAULT_ENGINE, ocr: str = DEFAULT_MODE) -> Document:
    """Read the PDF at ``path`` (``password`` opens an encrypted one) with the geometry
    ``engine`` ("pdfium" or "pdfminer", see pdf_source); ``ocr`` ("auto", "always", "never")
    says which pages are recognised from their image (see scanned.py). Raises InputError with
    a one-line reason when it is encrypted, damaged or not a PDF, or has no text to read."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    source = open_source(path, engine, password)
    scanner = None
    try:
        scanner = Scanner(path, password, ocr, settings)
        contents = []
        bboxes = []
        pages = source.pages()
        while True:
            with paused_gc():  # a page's glyphs hold no cycles (see actionplans.gcpause)
                page = next(pages, None)
                if page is None:
                    break
                if scanner.wants(page):
                    page = scanner.read(page)
                else:
                    scanner.hidden_layer(page)
                bboxes.append(page.bbox)
                contents.append(_read_page(page, settings))
                del page  # its glyphs go while the collector rests: it never walks them
        # scans whose hidden OCR layer is poor, judged against the document's others: read again
        for number in scanner.poor_layers():
            blank = PageGeometry(number=number, bbox=bboxes[number - 1],
                                 objects=PageObjects(glyphs=Glyphs.empty(), rects=(), lines=(), curves=()))
            with paused_gc():
                contents[number - 1] = _read_page(scanner.read(blank), settings)
        title = source.title
    finally:
        source.close()
        if scanner is not None:
            scanner.close()
    if not contents:
        raise InputError("unreadable PDF: no pages found")
    if not any(c.sizes for c in contents):
        raise scanner.no_text_error()
    undecodable = sum(c.undecodable for c in contents)
    if undecodable > 0.5 * sum(n for c in contents for _, n in c.sizes):
        raise InputError("PDF text cannot be decoded (its fonts have no Unicode map)")
    return Document(source=path.name, format="pdf", blocks=tuple(_blocks(contents, settings)),
                    pages=len(contents), title=title, notes=scanner.notes())


def _read_page(page: PageGeometry, settings: PdfSettings) -> PageContent:
    found = page.objects
    page_no = page.number
    x0, top, x1, bottom = page.bbox
    glyphs = found.glyphs
    # text placed off the page is not shown
    on_page = (glyphs.x1 > x0) & (glyphs.x0 < x1) & (glyphs.bottom > top) & (glyphs.top < bottom)
    if not on_page.all():
        glyphs = glyphs.take(np.flatnonzero(on_page))
        found = replace(found, glyphs=glyphs)
    # visible glyphs by font size, to half a point (sizes in the order they first appear)
    values, first, counts = np.unique(glyphs.size[~glyphs.blank], return_index=True, return_counts=True)
    sizes: Counter = Counter()
    for k in np.argsort(first, kind="stable").tolist():
        sizes[round(float(values[k]) * 2) / 2] += int(counts[k])
    index = GlyphIndex(glyphs)
    edges = ruling_edges(found, settings)
    tables, lines = ruled_tables(found, page_no, fill_boxes(found, settings), edges, settings, index)
    tables, lines = bridge_bands(tables, lines, settings)
    page_lines = PageLines(page=page_no, width=page.width, height=page.height,
                           lines=tuple(lines),
                           content_top=min((t.top for t in tables), default=float("inf")),
                           content_bottom=max((t.bottom for t in tables), default=float("-inf")),
                           rules=tuple((e["top"], e["x0"], e["x1"]) for e in edges[0]
                                       if not any(t.bbox[1] - 1 <= e["top"] <= t.bbox[3] + 1
                                                  and t.bbox[0] - 1 <= e["x0"] and e["x1"] <= t.bbox[2] + 1
                                                  for t in tables)))
    confidence = None
    if glyphs.confidence is not None:
        shown = np.flatnonzero(~glyphs.blank)
        confidence = (index.cx[shown], index.cy[shown], glyphs.confidence[shown])
    return PageContent(lines=page_lines, tables=tuple(tables), sizes=tuple(sizes.items()),
                       undecodable=found.undecodable, confidence=confidence)


def _blocks(contents: list[PageContent], settings: PdfSettings) -> list[Block]:
    if any(t.short for c in contents for t in c.tables):
        tables = iter(read_short_lines([t for c in contents for t in c.tables], settings))
        contents = [replace(c, tables=tuple(next(tables) for _ in c.tables)) for c in contents]
    pages = [c.lines for c in contents]
    furniture = find_furniture(pages, settings)
    areas = page_areas(pages, furniture)
    laid: list[list[Union[PageTable, Line]]] = []
    body_lines: list[Line] = []
    for pi, content in enumerate(contents):
        kept = [ln for li, ln in enumerate(content.lines.lines) if (pi, li) not in furniture]
        unruled, rest = find_unruled(kept, content.lines.page, settings, content.lines.rules)
        body_lines.extend(rest)
        tables = [*content.tables, *unruled]
        if content.confidence is not None:
            tables = [with_confidence(t, content.confidence) for t in tables]
        items: list[Union[PageTable, Line]] = [*tables, *rest]
        items.sort(key=lambda it: (it.top, it.bbox[0] if isinstance(it, PageTable) else it.x0))
        laid.append(items)
    if any(WORD_BREAK in c.text or c.tables for items in laid for t in items if isinstance(t, PageTable)
           for c in t.cells):
        laid = _word_breaks_read(laid, contents)
    sizes: Counter = Counter()
    for content in contents:
        sizes.update(dict(content.sizes))
    body = sizes.most_common(1)[0][0] if sizes else 0.0  # the text size of the document
    rights: dict[int, float] = {}  # right edge of each page's text
    for ln in body_lines:
        rights[ln.page] = max(rights.get(ln.page, ln.x1), ln.x1)
    placed: list[Placed] = []
    slots: list[Union[tuple[Line, ...], int]] = []  # a paragraph's lines, or an index into placed
    run: list[Line] = []  # body lines not yet grouped; a paragraph may run on over a page break
    for items in laid:
        for k, item in enumerate(items):
            if isinstance(item, Line):
                run.append(item)
                continue
            slots.extend(group_paragraphs(run, rights, settings))
            run = []
            slots.append(len(placed))
            below = items[k + 1:]
            notes = _only_notes(below, body, settings)
            placed.append(Placed(table=item, first_on_page=k == 0, last_on_page=notes,
                                 notes_bottom=max((ln.bottom for ln in below), default=None) if notes else None))
    slots.extend(group_paragraphs(run, rights, settings))
    tables = iter(join_tables(placed, areas, settings))
    texts = iter(classify([s for s in slots if not isinstance(s, int)], body, settings))
    return [next(tables) if isinstance(s, int) else next(texts) for s in slots]


def with_confidence(table: PageTable, points: tuple[np.ndarray, np.ndarray, np.ndarray]) -> PageTable:
    """``table`` with each cell's OCR confidence: the mean of the glyphs centred in its box
    (``points``: the glyphs' centres and confidences), None for a cell without text."""
    xs, ys, conf = points
    cells = []
    for cell in table.cells:
        x0, top, x1, bottom = cell.bbox
        inside = (xs >= x0) & (xs <= x1) & (ys >= top) & (ys <= bottom)
        value = round(float(conf[inside].mean()), 1) if inside.any() else None
        cells.append(replace(cell, confidence=value))
    return replace(table, cells=tuple(cells))


def _word_breaks_read(laid: list[list[Union[PageTable, Line]]],
                      contents: list[PageContent]) -> list[list[Union[PageTable, Line]]]:
    """The tables of ``laid`` with the WORD_BREAK marks in their cells resolved by the words
    of the whole document (text.read_word_breaks)."""
    texts = [ln.text for c in contents for ln in c.lines.lines]
    texts += [cell.text for items in laid for t in items if isinstance(t, PageTable) for cell in t.cells]
    resolve = read_word_breaks(texts)

    def nested(table: Table) -> Table:
        return replace(table, rows=tuple(replace(r, cells=tuple(
            c if c is None else replace(c, text=resolve(c.text), tables=tuple(map(nested, c.tables)))
            for c in r.cells)) for r in table.rows))

    def cell(c: PlacedCell) -> PlacedCell:
        if WORD_BREAK in c.text or c.tables:
            return replace(c, text=resolve(c.text), tables=tuple(map(nested, c.tables)))
        return c

    return [[replace(it, cells=tuple(map(cell, it.cells))) if isinstance(it, PageTable) else it for it in items]
            for items in laid]


def _only_notes(items: list, body: float, settings: PdfSettings) -> bool:
    """Is nothing below a table but footnotes (text smaller than the body text)?"""
    return all(isinstance(it, Line) and it.size < body * settings.footnote_size for it in items)


