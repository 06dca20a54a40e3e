"""What kind of table this is: actions, or side material (glossary, RAG key, risks, indicators...)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from actionplans.model import Table

from .columns import ColumnMap, map_columns
from .forms import label_fields
from .grid import Grid
from .side import glossary_pairs, rag_key, side_vocabulary
from .vocabulary import words

#: a table is an action table when it has an action column and at least one of these
ACTION_COMPANIONS = ("owner", "due", "rag", "progress")


@dataclass
class TableInfo:
    index: int  # 1-based, in document order
    table: Table
    grid: Grid
    columns: ColumnMap
    kind: str
    glossary: list
    rag_key: list
    form_fields: Optional[list] = None  # per row, for a form of actions (label column)


def _mentions(headers: tuple[str, ...], vocab_key: str) -> bool:
    vocab = {tuple(words(p)) for p in side_vocabulary()[vocab_key]}
    for h in headers:
        toks = words(h)
        for phrase in vocab:
            n = len(phrase)
            if any(tuple(toks[i:i + n]) == phrase for i in range(len(toks) - n + 1)):
                return True
    return False


def classify(table: Table, index: int) -> TableInfo:
    grid = Grid(table)
    cols = map_columns(grid)
    gloss = glossary_pairs(grid, cols.header_rows)
    key = rag_key(grid)
    is_actions = cols.has("action") and any(cols.has(f) for f in ACTION_COMPANIONS)
    if gloss and not cols.has("action"):
        kind = "glossary"
    elif key and not is_actions:
        kind = "rag-key"
    elif _mentions(cols.headers, "risk_headers") and not cols.has("owner"):
        kind = "risk"
    elif is_actions:
        kind = "actions"
    elif _mentions(cols.headers, "indicator_headers") or cols.has("measures"):
        kind = "indicators"
    else:
        kind = "other"
    # a column of labels naming action fields, one value beside each, is a form of actions even
    # when its first row looks like a header ("Key actions | Review the ...")
    form = label_fields(grid) if kind in ("other", "indicators", "risk", "actions") else None
    if form is not None:
        kind = "action-form"
    return TableInfo(index, table, grid, cols, kind, gloss if kind == "glossary" else [],
                     key if kind == "rag-key" else [], form)


#: kinds of table a form cut by a page break may have been given, part by part
_FORM_PART_KINDS = ("action-form", "other", "indicators")


def join_split_forms(infos: list[TableInfo]) -> None:
    """A form of actions cut by a page break: the part after the break (a table that continues
    the previous one, with as many columns) is read together with the part before it. When
    together they are a form, the first part becomes the whole form and the later part is
    marked "form-continued" (read with it, not again)."""
    head: Optional[TableInfo] = None
    for info in infos:
        if (head is not None and info.table.continues_previous and info.grid.n_cols == head.grid.n_cols
                and info.kind in _FORM_PART_KINDS):
            joined = Table(rows=head.table.rows + info.table.rows, page=head.table.page,
                           continues_previous=head.table.continues_previous)
            grid = Grid(joined)
            fields = label_fields(grid)
            if fields is not None:
                head.table, head.grid, head.form_fields, head.kind = joined, grid, fields, "action-form"
                info.kind = "form-continued"
                continue
        head = info if info.kind in _FORM_PART_KINDS else None
