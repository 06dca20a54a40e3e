"""A table as a rectangular grid in which every slot knows the cell covering it (the spans
are resolved by the model, :meth:`Table.grid`; this adds extract's ways of reading the rows)."""
from __future__ import annotations

from actionplans.model import EMPTY_CELL, Slot, Table

EMPTY = EMPTY_CELL


class Grid:
    """``grid[r][c]`` is the :class:`Slot` covering row r, column c (spans resolved)."""

    def __init__(self, table: Table):
        self.table = table
        self.n_rows = len(table.rows)
        self.n_cols = table.n_cols
        self.slots = table.grid()
        self._filled: list[int] | None = None
        self._lines: dict[int, tuple[str, ...]] = {}

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

    def filled(self, r: int) -> int:
        """How many of row r's own texts (:meth:`row_texts`) are not blank; counted once per grid
        (every column's evidence asks it of the rows where that column is blank)."""
        if self._filled is None:
            self._filled = [sum(1 for x in self.row_texts(i) if x.strip()) for i in range(self.n_rows)]
        return self._filled[r]

    def row_lines(self, r: int) -> tuple[str, ...]:
        """Row r's own texts (:meth:`row_texts`) each on one line, white space collapsed; worked
        out once per row (the tests of repeated headers and of guidance rows both read them)."""
        lines = self._lines.get(r)
        if lines is None:
            lines = self._lines[r] = tuple(" ".join(t.split()) for t in self.row_texts(r))
        return lines
