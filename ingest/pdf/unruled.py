"""Unruled tables: columns found from text alignment alone (best effort).

A run of consecutive lines that are split into segments at wide gaps, with the segments
starting at the same x positions line after line, is a table: each aligned x is a column,
lines that only continue a cell (one segment, ending before the next column) join the row
above, and a wider vertical gap than the run's line spacing starts a new row.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from .geometry import cluster_values, slot_index
from .settings import PdfSettings
from .tables import PageTable, PlacedCell
from .text import LIST_LABEL, Line, block_text


def _matches(x: float, columns: Sequence[float], tol: float) -> int:
    for i, c in enumerate(columns):
        if abs(x - c) <= tol:
            return i
    return -1


def _continues(line: Line, columns: list[float], prev: Line, settings: PdfSettings) -> bool:
    """Does a one-segment ``line`` continue a cell of the run (not leave the table)?"""
    tol = settings.column_align_tolerance
    seg = line.segments[0]
    col = _matches(seg.x0, columns, tol)
    if col < 0:
        return False
    nxt = columns[col + 1] if col + 1 < len(columns) else float("inf")
    height = max(1.0, prev.bottom - prev.top)
    return seg.x1 < nxt - tol and line.top - prev.bottom <= 1.5 * height


def find_unruled(lines: Sequence[Line], page: int, settings: PdfSettings,
                 rules: Sequence[tuple[float, float, float]] = ()) -> tuple[list[PageTable], list[Line]]:
    """Split ``lines`` (a page's lines outside ruled tables) into unruled tables and the
    lines that remain body text. ``rules`` are the page's horizontal rulings (y, x0, x1)
    outside ruled tables: where they run across a table they mark its rows."""
    tol = settings.column_align_tolerance
    tables: list[PageTable] = []
    rest: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.segments) < 2:
            rest.append(line)
            i += 1
            continue
        columns = [s.x0 for s in line.segments]
        run = [line]
        j = i + 1
        while j < len(lines):
            cand, prev = lines[j], run[-1]
            if cand.top - prev.bottom > 3.0 * max(1.0, prev.bottom - prev.top):
                break
            if len(cand.segments) >= 2:
                hits = [_matches(s.x0, columns, tol) for s in cand.segments]
                if sum(h >= 0 for h in hits) < 2:
                    break
                columns = sorted(set(columns) | {s.x0 for s, h in zip(cand.segments, hits) if h < 0})
            elif not _continues(cand, columns, prev, settings):
                break
            run.append(cand)
            j += 1
        table = _table(run, page, settings, rules)
        if table is None:
            rest.append(line)
            i += 1
            continue
        tables.append(table)
        i = j
    return tables, rest


def _table(run: list[Line], page: int, settings: PdfSettings, rules: Sequence[tuple[float, float, float]] = ()):
    tol = settings.column_align_tolerance
    multi = [ln for ln in run if len(ln.segments) >= 2]
    if len(multi) < settings.unruled_min_rows:
        return None
    starts = cluster_values([s.x0 for ln in multi for s in ln.segments], tol)
    support = [sum(any(abs(s.x0 - x) <= tol for s in ln.segments) for ln in multi) for x in starts]
    columns = [x for x, n in zip(starts, support) if n >= 2]
    if len(columns) < settings.unruled_min_columns:
        return None
    if len(columns) == 2 and all(LIST_LABEL.match(ln.segments[0].text) for ln in multi):
        return None  # a bulleted or numbered list: its labels line up, but it is no table
    right = max(ln.x1 for ln in run) + 1.0
    xs = tuple([columns[0] - 1.0] + [c - 1.0 for c in columns[1:]] + [right])
    rows = _rows_by_rules(run, xs, rules) or split_rows(run, settings)
    ys = tuple([rows[0][0].top - 1.0] + [r[0].top - 1.0 for r in rows[1:]] + [rows[-1][-1].bottom + 1.0])
    cells = []
    for r, row_lines in enumerate(rows):
        per_col: dict[int, list] = {}
        for ln in row_lines:
            for seg in ln.segments:
                per_col.setdefault(slot_index(xs, seg.x0 + 1.0), []).append((ln, seg))
        for c in range(len(xs) - 1):
            parts = per_col.get(c, [])
            seg_lines = [Line(segments=(seg,), page=page) for _, seg in parts]
            n_chars = sum(seg.chars for _, seg in parts)
            bold = n_chars > 0 and sum(seg.bold_chars for _, seg in parts) >= settings.bold_share * n_chars
            cells.append(PlacedCell(bbox=(xs[c], ys[r], xs[c + 1], ys[r + 1]),
                                    text=block_text(seg_lines, xs[c], xs[c + 1], settings), bold=bold))
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return PageTable(page=page, bbox=bbox, cells=tuple(cells), xs=xs, ys=ys, ruled=False)


def _crosses(y: float, line: Line) -> bool:
    """Does height ``y`` run through the body of ``line`` (glyph boxes overhang a little)?"""
    quarter = (line.bottom - line.top) / 4
    return line.top + quarter < y < line.bottom - quarter


def _rows_by_rules(run: list[Line], xs: Sequence[float], rules: Sequence[tuple[float, float, float]]
                   ) -> list[list[Line]]:
    """Rows split at the horizontal rules that run across the table between its lines;
    empty when no rule does."""
    width = xs[-1] - xs[0]
    cuts = sorted(y for y, x0, x1 in rules
                  if min(x1, xs[-1]) - max(x0, xs[0]) >= 0.6 * width
                  and run[0].top < y < run[-1].bottom
                  and not any(_crosses(y, ln) for ln in run))
    if not cuts:
        return []
    rows: list[list[Line]] = []
    for ln in run:
        band = bisect_left(cuts, (ln.top + ln.bottom) / 2)
        while len(rows) <= band:
            rows.append([])
        rows[band].append(ln)
    return [r for r in rows if r]


def split_rows(run: list[Line], settings: PdfSettings) -> list[list[Line]]:
    gaps = [b.top - a.bottom for a, b in zip(run, run[1:])]
    height = max(1.0, min(ln.bottom - ln.top for ln in run))
    varied = bool(gaps) and max(gaps) - min(gaps) > 0.3 * height
    rows: list[list[Line]] = [[run[0]]]
    for gap, line in zip(gaps, run[1:]):
        if varied:
            new_row = gap > min(gaps) + 0.3 * height
        else:
            new_row = len(line.segments) >= 2
        if new_row:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows
