"""Compare the tables a reader found with the clean layout of a seed (structured JSON).

Two figures per document:

* ``cells``: the fraction of the layout's non-empty cells whose whitespace-normalised text
  occurs as a cell of the reader's tables (each found cell used once);
* ``rows``: the fraction of the layout's rows whose every cell text equals, in order, the
  non-empty cells of some row the reader found.

Rows the reader flagged ``cut_from_previous`` can be rejoined first (``rejoin=True``): each
cell is appended to the same column of the row before, as extract/ is expected to do.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from actionplans.model import Document, Table
from structured import load_document, norm_text


@dataclass(frozen=True)
class Match:
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


def table_rows(doc: Document, rejoin: bool = False) -> list[list[str]]:
    """Every row of every table as a list of normalised cell texts (spanned slots left out)."""
    rows: list[list[str]] = []
    last_body = None
    for table in doc.tables:
        for row in table.rows:
            texts = [norm_text(c.text) if c is not None else None for c in row.cells]
            if rejoin and row.cut_from_previous and last_body is not None:
                prev = rows[last_body]
                merged = []
                for i, t in enumerate(texts):
                    p = prev[i] if i < len(prev) else None
                    if t is None or p is None:
                        merged.append(p if t is None else t)
                    else:
                        merged.append(" ".join(x for x in (p, t) if x))
                rows[last_body] = merged
            else:
                rows.append(texts)
                if not row.is_header:
                    last_body = len(rows) - 1
    return [[t for t in r if t is not None] for r in rows]


def compare(found: Document, seed: str, rejoin: bool = False) -> Match:
    truth = table_rows(load_document(seed))
    mine = table_rows(found, rejoin=rejoin)
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
    return Match(cells_found, cells_total, rows_found, sum(1 for r in truth if any(r)))


def tables_of(doc: Document) -> list[Table]:
    return doc.tables
