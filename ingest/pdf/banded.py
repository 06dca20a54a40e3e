"""Banded tables: shaded rows with unshaded rows between them and no borders.

Only the shaded rows' backgrounds are drawn, so the ruling-line finder sees one small
table per shaded row, and the unshaded rows between them as loose lines of text. Two such
tables one above the other with the same column lines, with nothing but text laid in those
columns between them, are one table: the text between becomes its row(s).
"""
from __future__ import annotations

from typing import Sequence

from .continuation import same_columns
from .geometry import slot_index
from .settings import PdfSettings
from .tables import PageTable, PlacedCell
from .text import Line, block_text
from .unruled import split_rows


def _between(lines: Sequence[Line], upper: PageTable, lower: PageTable, tol: float) -> list[Line]:
    return [ln for ln in lines if ln.top >= upper.bottom - tol and ln.bottom <= lower.top + tol]


def _columns_touched(lines: Sequence[Line], xs: Sequence[float], tol: float) -> set[int]:
    """The columns the lines' segments sit in; empty when a segment crosses a column line
    (text running across the columns is not a row of this table)."""
    touched: set[int] = set()
    for ln in lines:
        for seg in ln.segments:
            c = slot_index(xs, seg.x0 + tol)
            if seg.x0 < xs[0] - tol or seg.x1 > xs[c + 1] + tol:
                return set()
            touched.add(c)
    return touched


def bridge_bands(tables: list[PageTable], lines: list[Line], settings: PdfSettings
                 ) -> tuple[list[PageTable], list[Line]]:
    """Join ruled tables that are the shaded bands of one table; the lines between them
    become rows when each sits inside one column and they fill more than one column.
    Returns the tables and the lines left over."""
    tol = settings.column_tolerance
    ordered = sorted(tables, key=lambda t: t.top)
    out: list[PageTable] = []
    used: set[int] = set()
    banded: set[int] = set()  # ids of tables joined from bands
    for table in ordered:
        prev = out[-1] if out else None
        if prev is None or not (same_columns(table.xs, prev.xs, tol) and same_columns(prev.xs, table.xs, tol)):
            out.append(table)
            continue
        gap_lines = _between(lines, prev, table, tol)
        overlapping = [ln for ln in lines if ln.bottom > prev.bottom + tol and ln.top < table.top - tol]
        touched = _columns_touched(gap_lines, prev.xs, tol)
        if (not gap_lines or len(gap_lines) != len(overlapping)
                or len(touched) < min(2, len(prev.xs) - 1)):
            out.append(table)
            continue
        used.update(id(ln) for ln in gap_lines)
        out[-1] = _join(prev, gap_lines, table, settings)
        banded.add(id(out[-1]))
    for i, table in enumerate(out):
        shaded_only = all(c.fill for c in table.cells)
        if not (id(table) in banded or shaded_only) or len(table.xs) < 3:
            continue  # only banded tables have unshaded rows outside their shaded ones
        rest = [ln for ln in lines if id(ln) not in used]
        above, below = _edge_row(rest, table, settings, above=True), _edge_row(rest, table, settings, above=False)
        for row, is_above in ((above, True), (below, False)):
            if row:
                used.update(id(ln) for ln in row)
                table = _add_row(table, row, settings, above=is_above)
        out[i] = table
    return out, [ln for ln in lines if id(ln) not in used]


def _edge_row(lines: Sequence[Line], table: PageTable, settings: PdfSettings, above: bool) -> list[Line]:
    """The lines of an unshaded row right above (or below) a banded table: touching it,
    close together, each segment inside one of its columns, in two columns or more."""
    tol = settings.column_tolerance
    order = sorted(lines, key=lambda ln: ln.top, reverse=above)
    row: list[Line] = []
    for ln in order:
        height = max(1.0, ln.bottom - ln.top)
        edge = row[-1] if row else None
        gap = ((edge.top if edge else table.top) - ln.bottom) if above else (ln.top - (edge.bottom if edge else table.bottom))
        if gap < -tol:
            continue  # beside or inside the table, not past its edge
        if gap > settings.band_gap * height:
            break
        row.append(ln)
    if not row or len(_columns_touched(row, table.xs, tol)) < 2:
        return []
    return sorted(row, key=lambda ln: ln.top)


def _add_row(table: PageTable, row: list[Line], settings: PdfSettings, above: bool) -> PageTable:
    pad = 2.0
    if above:
        bounds = (min(ln.top for ln in row) - pad, table.top)
    else:
        bounds = (table.bottom, max(ln.bottom for ln in row) + pad)
    cells = _row_cells(row, table.xs, bounds, table.page, settings)
    ys = tuple(sorted(set(table.ys) | set(bounds)))
    bbox = (table.bbox[0], min(table.top, bounds[0]), table.bbox[2], max(table.bottom, bounds[1]))
    ordered = (*cells, *table.cells) if above else (*table.cells, *cells)
    return PageTable(page=table.page, bbox=bbox, cells=tuple(ordered), xs=table.xs, ys=ys, ruled=table.ruled)


def _row_cells(row_lines: Sequence[Line], xs: Sequence[float], bounds: tuple[float, float], page: int,
               settings: PdfSettings) -> list[PlacedCell]:
    per_col: dict[int, list] = {}
    for ln in row_lines:
        for seg in ln.segments:
            per_col.setdefault(slot_index(xs, seg.x0 + 1.0), []).append(seg)
    cells = []
    for c in range(len(xs) - 1):
        segs = per_col.get(c, [])
        seg_lines = [Line(segments=(s,), page=page) for s in segs]
        n_chars = sum(s.chars for s in segs)
        bold = n_chars > 0 and sum(s.bold_chars for s in segs) >= settings.bold_share * n_chars
        cells.append(PlacedCell(bbox=(xs[c], bounds[0], xs[c + 1], bounds[1]),
                                text=block_text(seg_lines, xs[c], xs[c + 1], settings), bold=bold))
    return cells


def _join(upper: PageTable, gap: list[Line], lower: PageTable, settings: PdfSettings) -> PageTable:
    rows = split_rows(gap, settings)
    xs = upper.xs
    bounds = [upper.bottom] + [r[0].top - 1.0 for r in rows[1:]] + [lower.top]
    cells = list(upper.cells)
    for r, row_lines in enumerate(rows):
        cells.extend(_row_cells(row_lines, xs, (bounds[r], bounds[r + 1]), upper.page, settings))
    cells.extend(lower.cells)
    ys = tuple(sorted(set(upper.ys) | set(bounds) | set(lower.ys)))
    bbox = (min(upper.bbox[0], lower.bbox[0]), upper.top, max(upper.bbox[2], lower.bbox[2]), lower.bottom)
    return PageTable(page=upper.page, bbox=bbox, cells=tuple(cells), xs=xs, ys=ys, ruled=upper.ruled)
