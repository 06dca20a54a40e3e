"""A table as a rectangular grid in which every slot knows the cell covering it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from actionplans.model import Cell, Table

EMPTY = Cell(text="")


@dataclass(frozen=True)
class Slot:
    cell: Cell
    origin_row: int
    origin_col: int

    @property
    def text(self) -> str:
        return self.cell.text


class Grid:
    """``grid[r][c]`` is the :class:`Slot` covering row r, column c (spans resolved)."""

    def __init__(self, table: Table):
        self.table = table
        self.n_rows = len(table.rows)
        self.n_cols = table.n_cols
        slots: list[list[Optional[Slot]]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell is None:
                    continue
                for rr in range(r, min(r + max(cell.rowspan, 1), self.n_rows)):
                    for cc in range(c, min(c + max(cell.colspan, 1), self.n_cols)):
                        if slots[rr][cc] is None or (rr, cc) == (r, c):
                            slots[rr][cc] = Slot(cell, r, c)
        blank = Slot(EMPTY, -1, -1)
        self.slots = [[s if s is not None else blank for s in row] for row in slots]

    def __getitem__(self, r: int) -> list[Slot]:
        return self.slots[r]

    def text(self, r: int, c: int) -> str:
        return self.slots[r][c].cell.text if 0 <= c < self.n_cols else ""

    def is_origin(self, r: int, c: int) -> bool:
        s = self.slots[r][c]
        return s.origin_row == r and s.origin_col == c

    def row_cells(self, r: int) -> list[Slot]:
        """The distinct cells of row r, left to right (a cell spanning columns once)."""
        out, seen = [], set()
        for s in self.slots[r]:
            key = (s.origin_row, s.origin_col)
            if key in seen:
                continue
            seen.add(key)
            out.append(s)
        return out

    def row_texts(self, r: int) -> list[str]:
        """Each column's own text in row r: a cell spanning columns gives its text once."""
        out = []
        for c in range(self.n_cols):
            s = self.slots[r][c]
            out.append(s.cell.text if s.origin_col == c else "")
        return out
