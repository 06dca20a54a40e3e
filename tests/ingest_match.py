"""Cell-by-cell comparison of a reader's tables with the structured JSON of a seed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from actionplans.model import Cell, Document, Table
from structured import load_document, norm_text


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
