"""Repairs for tables whose structure a reader had to infer (PDF, text and Markdown exports).

A DOCX or HTML table states its cells and merges exactly (:class:`~actionplans.model.Fidelity`
``EXACT``) and a ruled PDF table draws them (``RULED``), so only the header refit runs on
ruled tables and nothing on exact ones. Tables recovered from text (``RECOVERED``: unruled
PDF, text and Markdown exports) are damaged by converters in known ways, each undone here
and logged with its reason for ``inspect``:

- a full-width row chopped into the columns ("that the | with timescales | …"): it is the
  recommendation of the rows below;
- a row shifted left by a lost empty cell: put back under its headers;
- a row without a number in a numbered table: the rest of the row above, wrapped by the
  converter or cut by a page break;
- a headerless table that carries on an earlier one: the earlier header laid over it,
  with columns dropped or split until it fits (:func:`columns.fit_columns`).
"""
from __future__ import annotations

import re
from typing import Optional

from actionplans.model import Fidelity, Table

from .columns import ColumnMap
from .numbering import parse_ref
from .patterns import is_date_like, is_ref
from .settings import DEFAULT, ExtractSettings
from .table_info import TableInfo

_REF_THEN_TEXT = re.compile(r"^(?P<ref>\d{1,3}(?:\.\d{1,3}){1,3})\s+(?P<rest>[a-z].*)$", re.S)


def may_refit(table: Table) -> bool:
    """A headerless table's columns may be matched to an earlier header by dropping or
    splitting columns only where the reader inferred the grid (PDF rules, text positions)."""
    return table.fidelity != Fidelity.EXACT


def may_repair(table: Table) -> bool:
    """Row and cell repairs (chopped rows, shifted cells, rows joined for want of a number)
    run only where the cells themselves were recovered from text: a ruled PDF table draws
    its cells, and a DOCX or HTML table states them."""
    return table.fidelity == Fidelity.RECOVERED


def shifted_cell(texts: list[str], cols: ColumnMap) -> Optional[int]:
    """Where a converter dropped an empty cell and moved the rest of the row left: the action
    column holds a date, the timescale column none, and the column left of the action holds
    the prose. Returns the column at which to insert the lost cell, or None."""
    action, due = cols.columns("action"), cols.columns("due")
    if len(action) != 1 or len(due) != 1 or action[0] == 0 or due[0] != action[0] + 1:
        return None
    a = action[0]
    if (is_date_like(texts[a]) and len(texts[a]) < 60 and not is_date_like(texts[due[0]])
            and len(texts[a - 1]) > 40 and not texts[-1].strip()):
        return a - 1
    return None


def chopped_row_text(info: TableInfo, r: int, cols: ColumnMap) -> Optional[str]:
    """A full-width row that an export chopped into the columns ("that the | with timescales |
    ..."), recognised in a numbered table by words, not a number, in the number column."""
    ref_cols = cols.columns("action_ref")
    if not ref_cols:
        return None
    ref = info.grid.text(r, ref_cols[0]).strip()
    if (not ref or is_ref(ref) or parse_ref(ref) is not None or _REF_THEN_TEXT.match(ref)
            or not any(ch.isalpha() for ch in ref)):
        return None
    texts = [t.strip() for t in info.grid.row_texts(r) if t.strip()]
    return " ".join(" ".join(t.split()) for t in texts) if len(texts) >= 2 else None


def numbers_every_row(info: TableInfo, cols: ColumnMap, settings: ExtractSettings = DEFAULT) -> bool:
    """Are the action refs filled in nearly every row (``refs_filled_share`` of them), so that a row
    without one is the rest of the row above (wrapped by a converter or a page break)?"""
    refs = [bool(info.grid.text(r, c).strip()) for c in cols.columns("action_ref")[:1]
            for r in range(cols.header_rows, info.grid.n_rows)]
    return bool(refs) and sum(refs) / len(refs) >= settings.refs_filled_share
