"""Tables over page breaks: header rows, continuations, repeated headers, cut rows.

Works on the page tables in reading order. A table that opens its page right after a table
that closed the previous page (reaching the foot of the page area, or leaving less room than
the new table's first row needs), with the same column lines, continues it; its first rows are
a repeated header when they repeat the first part's header text; and its first body row is
the rest of a row cut by the page break when the first part reached the foot of the page
area and that row's leftmost cell is empty or its text carries on a sentence (opens in lower
case, or the row holds text only under unfinished text: "… to the", no full stop where the
column's cells have one).
Rows are marked, not merged: extract/ joins them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Mapping, Optional, Sequence

from actionplans.header_rows import count_styled_header_rows
from actionplans.model import Cell, Fidelity, Row, Table

from .settings import PdfSettings
from .tables import PageTable, grid_rows
from .text import CARRIES_ON, SENTENCE_END, typed_label

Grid = list[list[Optional[Cell]]]


@dataclass(frozen=True)
class Placed:
    """A page table with its place in the reading order."""

    table: PageTable
    first_on_page: bool  # nothing but page furniture above it on its page
    last_on_page: bool  # nothing but page furniture and footnotes below it on its page
    notes_bottom: Optional[float] = None  # bottom of the footnotes below it, if any

    @property
    def foot(self) -> float:
        """How far down the page the table's flow reaches (footnotes sit at the foot)."""
        return max(self.table.bottom, self.notes_bottom or self.table.bottom)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _row_key(row: Sequence[Optional[Cell]]) -> tuple[str, ...]:
    return tuple(_norm(c.text) for c in row if c is not None)


def same_columns(xs: Sequence[float], head: Sequence[float], tol: float) -> bool:
    """Do the column lines ``xs`` fit the columns ``head`` (same outer edges, every line
    of ``xs`` on one of ``head``'s; a continuation may miss lines hidden by spans)?"""
    if len(xs) < 2 or len(head) < 2:
        return False
    if abs(xs[0] - head[0]) > tol or abs(xs[-1] - head[-1]) > tol:
        return False
    return all(any(abs(x - h) <= tol for h in head) for x in xs)


def _continues_sentence(cell: Optional[Cell], above: Optional[Cell]) -> bool:
    """Does ``cell`` carry on the sentence of ``above``: it opens in lower case (not with a
    list label: "ii. Train …") after text with no full stop?"""
    if cell is None or not cell.text.strip():
        return False
    first = cell.text.strip()[0]
    before = (above.text.strip() if above is not None else "")
    if not before or typed_label(cell.text.strip()) is not None:
        return False
    return first.islower() and before[-1] not in ".!?:;"


def _only_carries_on(row: Sequence[Optional[Cell]], last_above: Sequence[Optional[Cell]],
                     stops: Sequence[float]) -> bool:
    """Does the row hold text only under cells whose text is unfinished: it ends with a word
    that needs more ("… quarterly to the"), or with no full stop in a column whose cells end
    with one (``stops``: the share of each column's cells that do), the row's other cells empty
    ("… quarterly to the Children's" over "Trust Board.")?"""
    held = [(k, c, a) for k, (c, a) in enumerate(zip(row, last_above)) if c is not None and c.text.strip()]

    def unfinished(k: int, above: Optional[Cell]) -> bool:
        text = above.text.strip() if above is not None else ""
        if not text:
            return False
        return bool(CARRIES_ON.search(text)) or (k < len(stops) and stops[k] >= FULL_STOPS
                                                 and not SENTENCE_END.search(text))

    return bool(held) and all(unfinished(k, a) and typed_label(c.text.strip()) is None for k, c, a in held)


#: a column whose cells end a sentence in this share of them: one that does not is unfinished
FULL_STOPS = 0.8


def sentence_stops(grid: Grid) -> list[float]:
    """Per column, the share of its cells with text (two at least) that end with a full stop."""
    out = []
    for k in range(max((len(r) for r in grid), default=0)):
        texts = [r[k].text.strip() for r in grid if k < len(r) and r[k] is not None and r[k].text.strip()]
        out.append(sum(1 for t in texts if SENTENCE_END.search(t)) / len(texts) if len(texts) >= 2 else 0.0)
    return out


def is_cut_row(row: Sequence[Optional[Cell]], last_above: Sequence[Optional[Cell]],
               stops: Sequence[float] = ()) -> bool:
    """Is ``row`` the rest of ``last_above`` cut by a page break (given that the table
    above reached the foot of the page)?

    Evidence: its key cell — the leftmost column where the row above has a cell of its own,
    not one spanning down from higher rows (a span that runs on over the break leaves an
    empty cell on the new page too) — is empty while other cells have text; or a cell
    carries on the sentence of the cell above it (opens in lower case), or the row holds text
    only under cells whose text is unfinished (:func:`_only_carries_on`, with ``stops`` from
    :func:`sentence_stops` of the part above)."""
    key = next((c for c, above in enumerate(last_above[:len(row)])
                if above is not None and above.rowspan == 1), None)
    lead = row[key] if key is not None else None
    if lead is not None and not lead.text.strip() and any(c is not None and c.text.strip() for c in row):
        return True
    return (any(_continues_sentence(c, a) for c, a in zip(row, last_above))
            or _only_carries_on(row, last_above, stops))


def _reached_foot(prev: Placed, table: PageTable, foot: float, settings: PdfSettings) -> bool:
    """Did the table of ``prev`` fill its page, so that ``table``, at the top of the next,
    may carry it on? It reaches the foot of the page area, or the first row of ``table``
    would not have fitted below it (a row that may not be split is moved whole: a tall row
    leaves that much room behind)."""
    if prev.foot >= foot - settings.page_foot_tolerance:
        return True
    return len(table.ys) > 1 and prev.foot + (table.ys[1] - table.ys[0]) > foot


def join_tables(placed: Sequence[Placed], areas: Mapping[int, tuple[float, float]],
                settings: PdfSettings) -> list[Table]:
    """The model tables, in order, with continuation, header and cut-row marks.

    ``areas`` gives, by page number, the (top, bottom) of the area content fills: a continuation
    starts at its top (an invisible empty paragraph above a table pushes a new table
    down) right after a table that reached its foot."""
    out: list[Table] = []
    head_xs: tuple[float, ...] = ()
    head_keys: list[tuple[str, ...]] = []
    prev: Optional[Placed] = None
    last_grid: Grid = []
    for item in placed:
        t = item.table
        continues = (prev is not None and item.first_on_page and prev.last_on_page
                     and t.page == prev.table.page + 1
                     and t.top <= areas[t.page][0] + settings.page_top_tolerance
                     and _reached_foot(prev, t, areas[prev.table.page][1], settings)
                     and same_columns(t.xs, head_xs, settings.column_tolerance))
        grid = grid_rows(t, head_xs if continues else None)
        flags = [dict(is_header=False, repeated_header=False, cut_from_previous=False) for _ in grid]
        if continues:
            k = len(head_keys) or 1
            repeated = 0
            if len(grid) >= k and [_row_key(r) for r in grid[:k]] == _head_keys(out, head_keys, k):
                repeated = k
            for f in flags[:repeated]:
                f.update(is_header=True, repeated_header=True)
            if repeated and not head_keys:
                start = _chain_start(out)
                out[start] = _mark_header(out[start], 1)
                head_keys = [_row_key(r) for r in grid[:1]]
            if repeated < len(grid) and is_cut_row(grid[repeated], last_grid[-1] if last_grid else [],
                                                   sentence_stops(last_grid)):
                flags[repeated]["cut_from_previous"] = True
        else:
            n = count_styled_header_rows(grid)
            for f in flags[:n]:
                f["is_header"] = True
            head_xs = t.xs
            head_keys = [_row_key(r) for r in grid[:n]]
        rows = tuple(Row(cells=tuple(r), page=t.page, **f) for r, f in zip(grid, flags))
        out.append(Table(rows=rows, page=t.page, continues_previous=continues,
                         fidelity=Fidelity.RULED if t.ruled else Fidelity.RECOVERED))
        prev, last_grid = item, grid
    return out


def _head_keys(out: list[Table], head_keys: list[tuple[str, ...]], k: int) -> list[tuple[str, ...]]:
    if head_keys:
        return head_keys[:k]
    start = out[_chain_start(out)]
    return [_row_key(r.cells) for r in start.rows[:k]]


def _chain_start(out: list[Table]) -> int:
    i = len(out) - 1
    while i > 0 and out[i].continues_previous:
        i -= 1
    return i


def _mark_header(table: Table, n: int) -> Table:
    rows = tuple(replace(r, is_header=True) if i < n else r for i, r in enumerate(table.rows))
    return replace(table, rows=rows)
