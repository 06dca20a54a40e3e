"""Ruled tables of one PDF page: the grid from the ruling lines, spans, text, bold, fill.

The cells that the ruling lines (stroked lines and the edges of rectangles) enclose come
from cells.py (pdfplumber's table finder, same cells, faster). pdfplumber's row/column view
gives ``None`` for merged cells, so here the grid is rebuilt from the cells' edges: every distinct x (y) of a cell edge is a grid line,
and a cell covering several grid intervals — because a ruling segment between them is
missing — gets that many columns (rows) of span.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

import numpy as np

from actionplans.header_rows import count_styled_header_rows
from actionplans.model import Cell, Fidelity, Row, Table

from .cells import ruled_tables_cells
from .geometry import BBox, area, cluster_values, colour_hex, nearest_index, overlap_area
from .source import Glyphs, PageObjects
from .rulings import is_box
from .settings import PdfSettings
from .text import Line, LineTally, block_text, group_lines_by


@dataclass(frozen=True)
class PlacedCell:
    """A cell with its box on the page."""

    bbox: BBox
    text: str
    bold: bool = False
    fill: Optional[str] = None
    tables: tuple[Table, ...] = ()  # tables drawn inside the cell (read apart from its text)
    confidence: Optional[float] = None  # text recognised in a scan: its words' mean confidence (0-100)


@dataclass(frozen=True)
class PageTable:
    """A table as found on one page, before tables are joined over page breaks."""

    page: int
    bbox: BBox
    cells: tuple[PlacedCell, ...]
    xs: tuple[float, ...]  # grid lines, left to right
    ys: tuple[float, ...]  # grid lines, top to bottom
    ruled: bool = True
    # (x0, x1, how its lines ended) of each column, and the cells (index, lines) with a line
    # SHORT of the edge by too little to tell: read again by read_short_lines
    columns: tuple[tuple[float, float, LineTally], ...] = ()
    short: tuple[tuple[int, tuple[Line, ...]], ...] = ()

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def bottom(self) -> float:
        return self.bbox[3]


@dataclass(frozen=True)
class Placement:
    row: int
    col: int
    rowspan: int
    colspan: int


def place(bboxes: Sequence[BBox], xs: Sequence[float], ys: Sequence[float]) -> list[Optional[Placement]]:
    """Each box's grid slot and spans on the grid (xs, ys); None for a box that covers
    no whole grid interval."""
    out: list[Optional[Placement]] = []
    for x0, top, x1, bottom in bboxes:
        c0, c1 = nearest_index(xs, x0), nearest_index(xs, x1)
        r0, r1 = nearest_index(ys, top), nearest_index(ys, bottom)
        out.append(Placement(r0, c0, r1 - r0, c1 - c0) if c1 > c0 and r1 > r0 else None)
    return out


def grid_rows(table: PageTable, xs: Optional[Sequence[float]] = None) -> list[list[Optional[Cell]]]:
    """The table as rows of model cells, one slot per grid column (``xs`` overrides the
    table's own column lines, to lay a continuation on its first part's columns)."""
    xs = tuple(xs) if xs is not None else table.xs
    n_rows, n_cols = len(table.ys) - 1, len(xs) - 1
    grid: list[list[Optional[Cell]]] = [[None] * n_cols for _ in range(n_rows)]
    covered = [[False] * n_cols for _ in range(n_rows)]
    for cell, p in zip(table.cells, place([c.bbox for c in table.cells], xs, table.ys)):
        if p is None or covered[p.row][p.col]:
            continue
        grid[p.row][p.col] = Cell(text=cell.text, rowspan=p.rowspan, colspan=p.colspan,
                                  bold=cell.bold, fill=cell.fill, tables=cell.tables, confidence=cell.confidence)
        for r in range(p.row, p.row + p.rowspan):
            for c in range(p.col, p.col + p.colspan):
                covered[r][c] = True
    for r in range(n_rows):  # a slot no ruled cell encloses: an empty cell keeps the grid whole
        for c in range(n_cols):
            if not covered[r][c]:
                grid[r][c] = Cell(text="")
    return grid


def fill_boxes(objects: PageObjects, settings: PdfSettings) -> list[tuple[BBox, str]]:
    """Filled rectangles of the page that are backgrounds (not borders, not white/black)."""
    out = []
    boxes = [*objects.rects, *(c for c in objects.curves
                           if is_box(c.get("pts") or [], settings.ruling_slope_tolerance))]
    for rect in boxes:
        if not rect.get("fill"):
            continue
        box = (rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        if box[2] - box[0] < settings.min_fill_size or box[3] - box[1] < settings.min_fill_size:
            continue
        colour = colour_hex(rect.get("non_stroking_color"), settings.white_level, settings.black_level)
        if colour:
            out.append((box, colour))
    return out


def cell_fill(box: BBox, fills: Sequence[tuple[BBox, str]], settings: PdfSettings) -> Optional[str]:
    """The colour of the last-painted fill covering most of ``box``."""
    need = settings.fill_cover * area(box)
    found = None
    for fbox, colour in fills:
        if need > 0 and overlap_area(box, fbox) >= need:
            found = colour  # later rectangles are painted over earlier ones
    return found


@dataclass(frozen=True)
class _Grid:
    """A ruled table's grid before its text: cell boxes and placements, which cell owns each
    grid slot, and the glyphs inside with the cell each falls in."""

    bbox: BBox
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    boxes: list[BBox]
    placements: list[Optional[Placement]]
    owner: list[list[int]]  # [row][column]
    inside: np.ndarray  # glyph indices, painting order
    cell_of: np.ndarray  # the owning cell of each glyph in ``inside``


def ruled_tables(objects: PageObjects, page_no: int, fills: Sequence[tuple[BBox, str]],
                 edges: tuple[list, list], settings: PdfSettings,
                 index: Optional["GlyphIndex"] = None) -> tuple[list[PageTable], list[Line]]:
    """The page's tables enclosed by its ruling ``edges`` (horizontal, vertical), and the lines
    of the glyphs outside them; ``index`` is the page's :class:`GlyphIndex` when the caller has
    built it already. The lines of every cell and of the text around the tables are grouped in
    one pass over the page."""
    placed = index if index is not None else GlyphIndex(objects.glyphs)
    horizontal, vertical = edges
    grids: list[_Grid] = []
    if len(horizontal) >= 2 and len(vertical) >= 2:
        for bbox, boxes in ruled_tables_cells(horizontal, vertical, settings):
            grid = _grid(bbox, list(boxes), placed.within(bbox), placed, settings)
            if grid is not None:
                grids.append(grid)
    nested = _nested(grids)
    if nested:  # a nested table's glyphs are its own, not text of the cell that holds it
        taken = np.concatenate([grids[i].inside for i in nested])
        for o in set(outer for outer, _ in nested.values()):
            keep = ~np.isin(grids[o].inside, taken)
            grids[o] = replace(grids[o], inside=grids[o].inside[keep], cell_of=grids[o].cell_of[keep])
    outside = placed.outside([g.bbox for g in grids])
    # group -1: the text outside the tables; a table's cells from its offset on
    offsets = np.cumsum([0] + [len(g.boxes) for g in grids])
    which = np.concatenate([outside] + [g.inside for g in grids])
    groups = np.concatenate([np.full(len(outside), -1, dtype=np.intp)]
                            + [g.cell_of + offset for g, offset in zip(grids, offsets.tolist())])
    lines_of = group_lines_by(placed.glyphs, which, groups, page_no, settings)
    tables = [_table(page_no, g, lines_of, offset, fills, settings) for g, offset in zip(grids, offsets.tolist())]
    for inner in sorted(nested, key=lambda i: -area(grids[i].bbox)):  # innermost first into its cell
        outer, box = nested[inner]
        cells = list(tables[outer].cells)
        k = next((k for k, c in enumerate(cells) if c.bbox == box), None)
        if k is not None:
            cells[k] = replace(cells[k], tables=cells[k].tables + (nested_table(tables[inner]),))
            tables[outer] = replace(tables[outer], cells=tuple(cells))
    return [t for i, t in enumerate(tables) if i not in nested], lines_of.get(-1, [])


def _nested(grids: Sequence["_Grid"]) -> dict[int, tuple[int, BBox]]:
    """The grids drawn inside a cell of another grid (a small table of figures in a
    commentary cell): {inner grid: (the grid holding it, the box of its cell)}, the
    smallest cell holding it. Such a table is no part of the page's grid of tables."""
    out: dict[int, tuple[int, BBox]] = {}
    for i, g in enumerate(grids):
        best = None
        for j, h in enumerate(grids):
            if j == i or not _inside(g.bbox, h.bbox):
                continue
            for box in h.boxes:
                if _inside(g.bbox, box) and (best is None or area(box) < area(best[1])):
                    best = (j, box)
        if best is not None:
            out[i] = best
    return out


def _inside(box: BBox, outer: BBox, tol: float = 0.5) -> bool:
    return (box[0] >= outer[0] - tol and box[1] >= outer[1] - tol
            and box[2] <= outer[2] + tol and box[3] <= outer[3] + tol and box != outer)


def nested_table(table: PageTable) -> Table:
    """A table drawn inside a cell, as a model table of its own (header rows by their style)."""
    grid = grid_rows(table)
    n = count_styled_header_rows(grid)
    rows = tuple(Row(cells=tuple(r), page=table.page, is_header=i < n) for i, r in enumerate(grid))
    return Table(rows=rows, page=table.page, fidelity=Fidelity.RULED)


class GlyphIndex:
    """A page's glyphs by the height of their centres, sorted once: the glyphs in a box are
    found by bisection instead of a scan of the page per table."""

    def __init__(self, glyphs: Glyphs):
        self.glyphs = glyphs
        self.cy = (glyphs.top + glyphs.bottom) * 0.5
        self.cx = (glyphs.x0 + glyphs.x1) * 0.5
        self.order = np.lexsort((np.arange(len(glyphs)), self.cx, self.cy))  # by y, then x, then painting order
        self.ys = self.cy[self.order]
        self.xs = self.cx[self.order]

    def within(self, box: BBox) -> np.ndarray:
        """Indices of the glyphs whose centre lies in ``box``, top to bottom."""
        lo, hi = np.searchsorted(self.ys, box[1], "left"), np.searchsorted(self.ys, box[3], "right")
        xs = self.xs[lo:hi]
        return self.order[lo:hi][(xs >= box[0]) & (xs <= box[2])]

    def outside(self, boxes: Sequence[BBox]) -> np.ndarray:
        """Indices, in painting order, of the glyphs whose centre lies in none of ``boxes``."""
        inside = np.zeros(len(self.glyphs), dtype=bool)
        for box in boxes:
            inside[self.within(box)] = True
        return np.flatnonzero(~inside)


def _grid(bbox: BBox, boxes: list[BBox], inside: np.ndarray, index: GlyphIndex,
          settings: PdfSettings) -> Optional[_Grid]:
    """The grid of the table in ``bbox`` from its cell ``boxes``; ``inside`` are the indices of
    the glyphs centred in it."""
    tol = settings.grid_tolerance
    xs = cluster_values([b[0] for b in boxes] + [b[2] for b in boxes], tol)
    ys = cluster_values([b[1] for b in boxes] + [b[3] for b in boxes], tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    placements = place(boxes, xs, ys)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    slots = [[-1] * n_cols for _ in range(n_rows)]  # the cell owning each grid slot
    for i, p in enumerate(placements):
        if p is None:
            continue
        for r in range(p.row, p.row + p.rowspan):
            row = slots[r]
            for c in range(p.col, p.col + p.colspan):
                if row[c] < 0:
                    row[c] = i
    for r in range(n_rows):  # a slot no ruled cell encloses keeps its text as a cell of its own
        for c in range(n_cols):
            if slots[r][c] < 0:
                slots[r][c] = len(boxes)
                boxes.append((xs[c], ys[r], xs[c + 1], ys[r + 1]))
                placements.append(Placement(r, c, 1, 1))
    owner = np.array(slots, dtype=np.intp)
    # each glyph's grid slot (clamped to the grid), then its cell; a cell's glyphs in painting order
    inside = np.sort(inside)
    rows = np.clip(np.searchsorted(ys, index.cy[inside], "right") - 1, 0, n_rows - 1)
    cols = np.clip(np.searchsorted(xs, index.cx[inside], "right") - 1, 0, n_cols - 1)
    return _Grid(bbox=bbox, xs=xs, ys=ys, boxes=boxes, placements=placements, owner=slots, inside=inside,
                 cell_of=owner[rows, cols])


def _table(page_no: int, grid: _Grid, lines_of: dict[int, list[Line]], offset: int,
           fills: Sequence[tuple[BBox, str]], settings: PdfSettings) -> PageTable:
    """The table of ``grid`` with its cells' text, bold and fill; a cell's lines are in
    ``lines_of`` under its index plus ``offset``."""
    cells = []
    tallies: dict[int, LineTally] = {}  # how the lines of each column's cells ended
    short: list[tuple[int, tuple[Line, ...]]] = []  # cells with lines SHORT of the edge
    for i, (box, p) in enumerate(zip(grid.boxes, grid.placements)):
        if p is None or grid.owner[p.row][p.col] != i:
            continue
        lines = lines_of.get(offset + i, [])
        bold_chars = sum(s.bold_chars for ln in lines for s in ln.segments)
        n_chars = sum(ln.chars for ln in lines)
        tally = None
        if p.colspan == 1 and len(lines) > 1:
            tally = tallies.setdefault(p.col, LineTally())
            before = tally.short
        cells.append(PlacedCell(bbox=box, text=block_text(lines, box[0], box[2], settings, tally=tally),
                                bold=n_chars > 0 and bold_chars >= settings.bold_share * n_chars,
                                fill=cell_fill(box, fills, settings)))
        if tally is not None and tally.short > before:
            short.append((len(cells) - 1, tuple(lines)))
    return PageTable(page=page_no, bbox=grid.bbox, cells=tuple(cells), xs=grid.xs, ys=grid.ys,
                     columns=tuple((grid.xs[c], grid.xs[c + 1], t) for c, t in sorted(tallies.items())),
                     short=tuple(short))


def read_short_lines(tables: Sequence[PageTable], settings: PdfSettings) -> list[PageTable]:
    """The tables with the cells of columns whose lines are broken short (a list of names,
    one a line, each leaving room for the next word or nearly: :class:`LineTally`, counted
    over every page's table with that column) read again, so that a line ended just short of
    the next word ends there too."""
    totals: dict[tuple[int, int], LineTally] = {}
    for t in tables:
        for x0, x1, tally in t.columns:
            total = totals.setdefault((round(x0), round(x1)), LineTally())
            total.ended += tally.ended
            total.wrapped += tally.wrapped
            total.short += tally.short
    out = []
    for t in tables:
        cells = list(t.cells)
        for k, lines in t.short:
            box = cells[k].bbox
            total = totals.get((round(box[0]), round(box[2])))
            if total is not None and total.broken_short:
                cells[k] = replace(cells[k], text=block_text(lines, box[0], box[2], settings, short_breaks=True))
        out.append(replace(t, cells=tuple(cells)) if t.short else t)
    return out
