"""Action plans laid out as forms: one label column, one value column, a block of rows per action.

    | Recommendation | Ensure that ...        |
    | Action         | Develop a new ...      |
    | Lead officer   | Head of Service        |
    | Timescale      | March 2024             |

A label that comes round again starts the next action.
"""
from __future__ import annotations

from typing import Optional

from .grid import Grid
from .labels import label_fields as labelled_fields
from .labels import leading_ref
from .patterns import is_date_like, is_rag_token
from .table_info import RowValues
from .vocabulary import best_field

#: share of the rows whose first cell must be a known label
LABEL_SHARE = 0.6
#: a label cell is short
MAX_LABEL_CHARS = 60
#: a value of at least this many words that is not a date is prose
MIN_PROSE_WORDS = 5


def _label_field(label: str) -> Optional[str]:
    """The field a form's label names: read as a labelled line is ("Progress rating" is a
    rating, "Who and when" the owner and then the date), else by its most specific phrase
    ("Lead officer for this action")."""
    if not label or len(label) > MAX_LABEL_CHARS:
        return None
    named = labelled_fields(label, compound=True)
    if named:
        return named[0]
    m = best_field(label)
    return m.field if m is not None else None


def label_fields(grid: Grid) -> Optional[list[Optional[str]]]:
    """The field each row's label names, when the table is a form of actions; else None."""
    if grid.n_cols < 2 or grid.n_rows < 3:
        return None
    fields: list[Optional[str]] = []
    for r in range(grid.n_rows):
        fields.append(_label_field(_label(grid, r)))
    if "action" not in fields:
        action_label = _action_label(grid, fields)
        for r in range(grid.n_rows):  # every block of a form cut by a page break and joined
            if action_label and _label(grid, r) == action_label:
                fields[r] = "action"
    named = [f for f in fields if f]
    if len(named) < LABEL_SHARE * grid.n_rows or "action" not in named:
        return None
    if len(set(named) - {"other"}) < 3:
        return None
    return fields


def _label(grid: Grid, r: int) -> str:
    return " ".join(grid.text(r, 0).split())


def _action_label(grid: Grid, fields: list[Optional[str]]) -> Optional[str]:
    """The label of the rows that hold the action when no label names it: the recommendation
    (a form whose recommendation is the action), else a label read as a date whose value is
    prose, not a date ("Milestones | 1.1 Review the procedures ...")."""
    rec_labels = {_label(grid, r) for r, f in enumerate(fields) if f == "recommendation"}
    if len(rec_labels) == 1:
        return rec_labels.pop()
    for r, fld in enumerate(fields):
        value = " ".join(" ".join(grid.row_texts(r)[1:]).split())
        if fld == "due" and len(value.split()) >= MIN_PROSE_WORDS and not is_date_like(value):
            return _label(grid, r)
    return None


def form_rows(grid: Grid, fields: list[Optional[str]]) -> list[RowValues]:
    """One RowValues per action block; the value is the rest of the row's text."""
    out: list[RowValues] = []
    cur: Optional[RowValues] = None
    rated = "rag" in fields
    for r, fld in enumerate(fields):
        value = "\n".join(t.strip() for t in grid.row_texts(r)[1:] if t.strip())
        label = _label(grid, r)
        if fld == "progress" and not rated and is_rag_token(value):  # "Current position | On track": the RAG
            fld = "rag"
        if fld is None or fld == "other":
            if cur is not None and (label or value):
                cur.extra.append((label or f"row {r + 1}", value))
            continue
        if cur is None or (fld in cur.values and "action" in cur.values):
            cur = RowValues(row=grid.table.rows[r].source_row or r + 1, page=grid.table.rows[r].page)
            out.append(cur)
        if fld == "rag":
            cur.rag_fill = cur.rag_fill or next((s.cell.fill for s in grid[r][1:] if s.cell.fill), None)
        parts = [(fld, value)]
        if set(labelled_fields(label, compound=True) or ()) >= {"owner", "due"}:  # "Who and when"
            parts = [("owner", value)]  # normalise cuts lead from date
        for name, text in parts:
            if text:
                cur.values[name] = (cur.values.get(name, "") + "\n" + text).strip()
    for rv in out:  # a number typed before the action: its ref, when no row gives one
        ref, text = leading_ref(rv.get("action"))
        if ref and text and not rv.get("action_ref"):
            rv.values["action_ref"], rv.values["action"] = ref, text
    return [rv for rv in out if rv.get("action")]
