"""Join a PDF reader's continuation tables the way extract/ does, for comparisons with the
structured seeds: drop repeated header rows, append a cut row's cells to the row above
column by column, and lengthen row spans that a page break cut short."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from actionplans.model import Cell, Row, Table


def join_continuations(tables: list[Table]) -> list[Table]:
    out: list[Table] = []
    for table in tables:
        if not (table.continues_previous and out):
            out.append(table)
            continue
        rows = [list(r.cells) for r in out[-1].rows]
        meta = list(out[-1].rows)
        for row in table.rows:
            if row.repeated_header:
                continue
            cells = list(row.cells)
            if row.cut_from_previous and rows:
                _append_cut(rows, cells)
                continue
            _extend_spans(rows, cells)
            rows.append(cells)
            meta.append(row)
        out[-1] = replace(out[-1], rows=tuple(Row(cells=tuple(c), page=m.page, is_header=m.is_header)
                                              for c, m in zip(rows, meta)))
    return out


def _append_cut(rows: list[list[Optional[Cell]]], cut: list[Optional[Cell]]) -> None:
    for c, piece in enumerate(cut):
        if piece is None or not piece.text.strip():
            continue
        r, oc = _origin(rows, len(rows) - 1, c)
        if r is None:
            continue
        cell = rows[r][oc]
        before = cell.text.rstrip()
        glue = "\n" if before.endswith((".", "!", "?", ":", ";")) or piece.text[:1].isupper() else " "
        rows[r][oc] = replace(cell, text=f"{before}{glue}{piece.text}" if before else piece.text)


def _extend_spans(rows: list[list[Optional[Cell]]], new: list[Optional[Cell]]) -> None:
    """A rowspan cell that ran to the page foot continues as an empty cell on the next
    page: lengthen the span instead of keeping the empty cell."""
    last = len(rows) - 1
    for c, piece in enumerate(new):
        if piece is None or piece.text.strip() or c >= len(rows[last]):
            continue
        r, oc = _origin(rows, last, c)
        if r is None or oc != c:
            continue
        cell = rows[r][oc]
        if cell.rowspan > 1 and r + cell.rowspan - 1 == last:
            rows[r][oc] = replace(cell, rowspan=cell.rowspan + piece.rowspan)
            for cc in range(c, c + cell.colspan):
                if cc < len(new):
                    new[cc] = None


def _origin(rows, r: int, c: int):
    for rr in range(r, -1, -1):
        row = rows[rr]
        for cc in range(min(c, len(row) - 1), -1, -1):
            cell = row[cc]
            if cell is None:
                continue
            if cc + cell.colspan > c and rr + cell.rowspan > r:
                return rr, cc
            break
    return None, None
