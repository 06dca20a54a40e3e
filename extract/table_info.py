"""The row and table types the modules of extract/ share: a leaf, so that the table
classifier (``tables``), the row reader (``records``), the forms reader (``forms``) and the
repairs (``repairs``) import the types without importing one another.

:class:`RowValues` is one table row's text by field; :class:`TableInfo` is one table with
its grid, column map and the kind it was judged to be (``TableKind`` of the model).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from actionplans.model import Table, TableKind

from .columns import ColumnMap
from .grid import Grid
from .numbering import parse_label

__all__ = ["RowValues", "TableInfo"]


@dataclass
class RowValues:
    """One table row's text by field, before it is split into actions."""

    row: int  # 1-based within the table (a spreadsheet row: its number in the sheet)
    page: Optional[int]
    values: dict[str, str] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)
    rag_fill: Optional[str] = None
    cut_from_previous: bool = False
    warnings: list[str] = field(default_factory=list)
    carried: set = field(default_factory=set)  # fields given by a cell merged down from a row above
    #: the cells' line breaks were inferred from a page (a PDF), not stated by the file: a lead cell
    #: may hold owners an export ran into one line
    lines_inferred: bool = False

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def join(self, later: "RowValues") -> None:
        """Append a row cut off by a page break, column by column: on the same line, or on a
        line of its own where the rest opens with a list label ("1.2.2 Add …": the break
        fell between two numbered paragraphs)."""
        for k, v in later.values.items():
            if v.strip():
                sep = "\n" if parse_label(v.strip().split("\n", 1)[0]) is not None else " "
                self.values[k] = (self.values.get(k, "").rstrip() + sep + v.strip()).strip()
        self.extra = _merge_extra(self.extra, later.extra)
        self.rag_fill = self.rag_fill or later.rag_fill
        self.warnings.extend(w for w in later.warnings if w not in self.warnings)


def _merge_extra(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = dict(a)
    for k, v in b:
        if v.strip():
            out[k] = (out.get(k, "") + " " + v).strip()
    return list(out.items())



@dataclass
class TableInfo:
    index: int  # 1-based, in document order
    table: Table
    grid: Grid
    columns: ColumnMap
    kind: TableKind
    glossary: list
    rag_key: list
    form: Optional[object] = None  # a form of actions laid out as a table (forms.FormReading)
    scores: dict[TableKind, float] = field(default_factory=dict)  # for inspect
    roster: list = field(default_factory=list)  # (name, role) pairs of a roster table

    @property
    def runner_up(self) -> tuple[Optional[TableKind], float]:
        ranked = sorted(((k, v) for k, v in self.scores.items() if k != self.kind), key=lambda kv: -kv[1])
        return ranked[0] if ranked else (None, 0.0)
