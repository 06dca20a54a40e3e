"""Comparing a reader's tables with the clean layout of a seed (structured JSON): the one
helper the reader tests share.

* :func:`join_continuations`: the reader's tables as extract/ reads them: a table that
  continues the one before over a page break is appended to it, its repeated header rows
  dropped; a row cut by a page break (``cut_from_previous``) is appended to the row above,
  cell by cell into the cell covering that column; a row span that ran to the page foot is
  lengthened instead of starting an empty cell. Spans are resolved by the model
  (:meth:`Table.grid`).
* :func:`compare_tables` / :func:`compare_with_seed`: slot by slot (text, spans, fill), for
  readers that know the structure (DOCX, HTML, ruled PDF).
* :func:`compare_text`: by cell text, for readers that recover the structure (text exports,
  Markdown, unruled PDF): the share of the layout's non-empty cells found as cells (each found
  cell used once), and the share of its rows found whole.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Optional

from actionplans.model import Cell, Document, Row, Table
from structured import load_document, norm_text

# ---------------------------------------------------------------------------
# rejoining what page breaks cut
# ---------------------------------------------------------------------------


def join_continuations(tables: list[Table]) -> list[Table]:
    out: list[Table] = []
    for table in tables:
        if table.continues_previous and out:
            rows, meta = [list(r.cells) for r in out[-1].rows], list(out[-1].rows)
            body = [row for row in table.rows if not row.repeated_header]
        else:
            rows, meta, body = [], [], list(table.rows)
            out.append(table)
        for row in body:
            cells = list(row.cells)
            if row.cut_from_previous and rows:
                _append_cut(rows, cells)
                continue
            if rows:
                _extend_spans(rows, cells)
            rows.append(cells)
            meta.append(row)
        out[-1] = replace(out[-1], rows=tuple(Row(cells=tuple(c), page=m.page, is_header=m.is_header)
                                              for c, m in zip(rows, meta)))
    return out


def _grid(rows: list[list[Optional[Cell]]]):
    return Table(rows=tuple(Row(cells=tuple(r)) for r in rows)).grid()


def _append_cut(rows: list[list[Optional[Cell]]], cut: list[Optional[Cell]]) -> None:
    last = _grid(rows)[-1]
    for c, piece in enumerate(cut):
        if piece is None or not piece.text.strip():
            continue
        if c >= len(last) or not last[c].covered:  # no cell above this one: it stays where it is
            rows[-1].extend([None] * (c + 1 - len(rows[-1])))
            rows[-1][c] = piece
            continue
        r, oc = last[c].origin_row, last[c].origin_col
        cell = rows[r][oc]
        before = cell.text.rstrip()
        glue = "\n" if before.endswith((".", "!", "?", ":", ";")) or piece.text[:1].isupper() else " "
        rows[r][oc] = replace(cell, text=f"{before}{glue}{piece.text}" if before else piece.text)


def _extend_spans(rows: list[list[Optional[Cell]]], new: list[Optional[Cell]]) -> None:
    """A rowspan cell that ran to the page foot continues as an empty cell on the next
    page: lengthen the span instead of keeping the empty cell."""
    last = len(rows) - 1
    slots = _grid(rows)[last]
    for c, piece in enumerate(new):
        if piece is None or piece.text.strip() or c >= len(slots) or not slots[c].covered:
            continue
        r, oc = slots[c].origin_row, slots[c].origin_col
        if oc != c:
            continue
        cell = rows[r][oc]
        if cell.rowspan > 1 and r + cell.rowspan - 1 == last:
            rows[r][oc] = replace(cell, rowspan=cell.rowspan + piece.rowspan)
            for cc in range(c, c + cell.colspan):
                if cc < len(new):
                    new[cc] = None


# ---------------------------------------------------------------------------
# slot by slot
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchReport:
    slots: int  # grid slots compared (the larger of the two grids, table by table)
    matched: int
    tables_expected: int
    tables_found: int
    mismatches: tuple[str, ...]  # a few examples, for the assertion message

    @property
    def fraction(self) -> float:
        return self.matched / self.slots if self.slots else 1.0


def same_cell(got: Optional[Cell], want: Optional[Cell]) -> bool:
    if isinstance(got, str) or isinstance(want, str):  # a slot one grid lacks
        return False
    if got is None or want is None:
        return got is None and want is None
    return (norm_text(got.text) == norm_text(want.text) and got.rowspan == want.rowspan
            and got.colspan == want.colspan and (got.fill or None) == (want.fill or None))


def compare_tables(got: list[Table], want: list[Table], max_examples: int = 8) -> MatchReport:
    slots = matched = 0
    examples: list[str] = []
    for t, (gt, wt) in enumerate(zip(got, want)):
        n_rows = max(len(gt.rows), len(wt.rows))
        n_cols = max(gt.n_cols, wt.n_cols)
        for r in range(n_rows):
            for c in range(n_cols):
                g = _slot(gt, r, c)
                w = _slot(wt, r, c)
                slots += 1
                if same_cell(g, w):
                    matched += 1
                elif len(examples) < max_examples:
                    examples.append(f"table {t + 1} row {r + 1} col {c + 1}: got {_show(g)} want {_show(w)}")
    for extra in (got[len(want):] or want[len(got):]):
        slots += sum(len(row.cells) for row in extra.rows)
    return MatchReport(slots, matched, len(want), len(got), tuple(examples))


def compare_with_seed(document: Document, seed: str) -> MatchReport:
    return compare_tables(document.tables, load_document(seed).tables)


def _slot(table: Table, r: int, c: int):
    if r >= len(table.rows) or c >= len(table.rows[r].cells):
        return "missing"
    return table.rows[r].cells[c]


def _show(cell) -> str:
    if cell is None or isinstance(cell, str):
        return repr(cell)
    return f"{norm_text(cell.text)[:60]!r} span={cell.rowspan}x{cell.colspan} fill={cell.fill}"


# ---------------------------------------------------------------------------
# by cell text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextMatch:
    cells_found: int
    cells_total: int
    rows_found: int
    rows_total: int

    @property
    def cells(self) -> float:
        return self.cells_found / self.cells_total if self.cells_total else 1.0

    @property
    def rows(self) -> float:
        return self.rows_found / self.rows_total if self.rows_total else 1.0

    def __str__(self) -> str:
        return (f"cells {self.cells_found}/{self.cells_total} = {self.cells:.3f}, "
                f"rows {self.rows_found}/{self.rows_total} = {self.rows:.3f}")


def table_rows(tables: list[Table]) -> list[list[str]]:
    """Every row of every table as its normalised cell texts (spanned slots left out)."""
    return [[norm_text(c.text) for c in row.cells if c is not None] for t in tables for row in t.rows]


def compare_text(found: Document, seed: str, rejoin: bool = False) -> TextMatch:
    """``rejoin``: first join what page breaks cut (:func:`join_continuations`). The layout
    gives every page's part of a table its header, so the repeated headers the join drops are
    still counted as found rows."""
    truth = table_rows(load_document(seed).tables)
    mine = table_rows(found.tables)
    if rejoin:
        repeated = Table(rows=tuple(row for t in found.tables for row in t.rows if row.repeated_header))
        mine = table_rows(join_continuations(found.tables)) + table_rows([repeated])
    pool = Counter(t for r in mine for t in r if t)
    cells_total = cells_found = 0
    for row in truth:
        for text in row:
            if not text:
                continue
            cells_total += 1
            if pool[text] > 0:
                pool[text] -= 1
                cells_found += 1
    mine_rows = Counter(tuple(t for t in r if t) for r in mine)
    rows_found = 0
    for row in truth:
        key = tuple(t for t in row if t)
        if key and mine_rows[key] > 0:
            mine_rows[key] -= 1
            rows_found += 1
    return TextMatch(cells_found, cells_total, rows_found, sum(1 for r in truth if any(r)))
