"""Action plans laid out as forms: one label column, one value column, a block of rows per action.

    | Recommendation | Ensure that ...        |
    | Action         | Develop a new ...      |
    | Lead officer   | Head of Service        |
    | Timescale      | March 2024             |

This module only says where the labels and values are. A form is read by laying it out as the
table it stands for: a header row of its labels, one body row per block (per action), each value
under its label. That table is mapped by the same evidence as any other (:func:`columns.map_columns`:
the labels' wording as headers, the values' content, one joint assignment), so a label in words
no vocabulary holds is still read from what its values hold, and the same rules decide.

Blocks: a label that comes round again starts the next block; so does a label that, where it
first appeared, stood before the block's first label (a recommendation given once over several
blocks of actions). Such a "parent" label's value covers the blocks under it until it comes again,
as a cell merged down over their rows would in a table.

The thresholds (``form_label_share``, ``form_max_label_chars``, ``form_max_label_words``,
``form_min_named_fields``) are fields of :class:`~actionplans.extract.settings.ExtractSettings`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from actionplans.model import Cell, Row, Table

from .columns import ColumnMap, map_columns
from .evidence import is_imperative
from .grid import Grid
from .labels import label_fields as labelled_fields
from .labels import leading_ref
from .settings import DEFAULT, ExtractSettings
from .table_info import RowValues
from .vocabulary import best_field, words

#: fields a form of actions gives beside the action (as a table's companion columns)
_COMPANIONS = ("owner", "due", "owner_due", "rag", "progress", "measures")


@dataclass(frozen=True)
class FormReading:
    """A form laid out as the table it stands for, and how that table's columns were mapped."""

    table: Table  # header row: the labels; then one row per block
    grid: Grid
    columns: ColumnMap
    source_rows: tuple[int, ...]  # per body row: that row's number in the source (a sheet's own row number, or 1-based)
    blocks: int

    @property
    def fields(self) -> tuple[str, ...]:
        return self.columns.fields


def _label(grid: Grid, r: int) -> str:
    return " ".join(grid.text(r, 0).split())


def _value(grid: Grid, r: int) -> str:
    return "\n".join(t.strip() for t in grid.row_texts(r)[1:] if t.strip())


def _is_label(text: str, settings: ExtractSettings = DEFAULT) -> bool:
    """A label cell: short, a few words, not a sentence (a table's first column of prose is none)."""
    return bool(text) and len(text) <= settings.form_max_label_chars and len(text.split()) <= settings.form_max_label_words \
        and not (text.rstrip().endswith((".", ";")) and len(text.split()) > 3)


def _key(label: str) -> tuple[str, ...]:
    """A label's identity, whatever its number or colon: "Action 2:" and "Action 1" are one label."""
    return tuple(w for w in words(label) if not w.isdigit()) or (label.casefold(),)


def _named_field(label: str, settings: ExtractSettings = DEFAULT) -> Optional[str]:
    """The field a label's wording names, read as a labelled line is, else by its most specific phrase."""
    named = labelled_fields(label, compound=True, settings=settings)
    if named:
        return named[0]
    m = best_field(label, settings)
    return m.field if m is not None else None


def _labelled_rows(grid: Grid, settings: ExtractSettings = DEFAULT
                   ) -> tuple[list[tuple[int, tuple[str, ...]]], dict[tuple[str, ...], str]]:
    """(row, key) of the rows that hold a label beside a value, and each key's label as first written."""
    labelled: list[tuple[int, tuple[str, ...]]] = []
    keys_text: dict[tuple[str, ...], str] = {}
    for r in range(grid.n_rows):
        label = _label(grid, r)
        if _is_label(label, settings) and (_value(grid, r) or grid[r][0].cell.colspan < grid.n_cols):
            k = _key(label)
            labelled.append((r, k))
            keys_text.setdefault(k, label.rstrip(" :"))
    return labelled, keys_text


def label_keys(grid: Grid, settings: ExtractSettings = DEFAULT,
               min_rows: int = 3) -> Optional[tuple[tuple[str, ...], ...]]:
    """The keys of a table's labels in order, when every row holds a label (a form of one block
    may share them with the document's other forms); else None."""
    if grid.n_cols < 2 or grid.n_rows < min_rows:
        return None
    labelled, _ = _labelled_rows(grid, settings)
    return tuple(k for _, k in labelled) if len(labelled) == grid.n_rows else None


def read_form(grid: Grid, mapped: Optional[ColumnMap] = None,
              settings: ExtractSettings = DEFAULT) -> Optional[FormReading]:
    """``grid`` read as a form of actions, or None when it is not laid out as one. ``mapped``: the
    columns of the same labels mapped on several forms of the document together (one action per
    table, each with the same labels), used instead of this form's own mapping."""
    if grid.n_cols < 2 or grid.n_rows < 3:
        return None
    labelled, keys_text = _labelled_rows(grid, settings)
    if len(labelled) < settings.form_label_share * grid.n_rows or len(keys_text) < 2:
        return None
    order = {k: i for i, k in enumerate(keys_text)}
    # blocks of (row, key): a key already in the block, or one that first stood before the block's
    # first key, starts the next block
    blocks: list[list[tuple[int, tuple[str, ...]]]] = []
    for r, k in labelled:
        if blocks and k not in {kk for _, kk in blocks[-1]} and order[k] > order[blocks[-1][0][1]]:
            blocks[-1].append((r, k))
        else:
            blocks.append([(r, k)])
    seen_in: dict[tuple[str, ...], int] = {}
    for b in blocks:
        for k in {kk for _, kk in b}:
            seen_in[k] = seen_in.get(k, 0) + 1
    if len(blocks) >= 2:
        # a form repeats its labels, block after block: most labelled rows hold a label that comes round
        # again (a table's header repeated after a page break is one such row among many); a column of
        # repeated values (a theme or RAG per row) makes blocks of one row each
        again = sum(1 for _, k in labelled if seen_in[k] >= 2)
        if len(labelled) < 2 * len(blocks) or 2 * again < len(labelled):
            return None
    elif mapped is None:
        named = {f for _, k in labelled if (f := _named_field(keys_text[k], settings)) and f != "other"}
        if len(named) < settings.form_min_named_fields:
            return None
    # the block-opening label found in most blocks opens an action; the labels that first stood before
    # it are parents, given once over the blocks below them (a recommendation over its actions)
    starters = {b[0][1] for b in blocks}
    opener = max(starters, key=lambda k: (seen_in[k], order[k]))  # in every block, as each block has its action
    parents = {k for k in keys_text if order[k] < order[opener]}
    table = _as_table(grid, blocks, list(keys_text), keys_text, parents)
    vgrid = Grid(table)
    cols = map_columns(vgrid, n_header=1, settings=settings) if mapped is None or len(mapped.fields) != vgrid.n_cols else mapped
    if len(blocks) == 1 and mapped is None and not _action_labelled(cols):
        return None  # one block alone cannot show by its values which label is the action (a page's fragment of a form)
    return FormReading(table=table, grid=vgrid, columns=cols,
                       source_rows=tuple(grid.table.rows[b[0][0]].source_row or b[0][0] + 1 for b in blocks),
                       blocks=len(blocks))


#: words a value needs before its repeats over consecutive blocks count as one merged value (a lead's
#: name or a RAG word repeated by chance does not)
REPEATED_VALUE_WORDS = 4


def _as_table(grid: Grid, blocks, keys: list[tuple[str, ...]], keys_text: dict, parents: set) -> Table:
    """The form as a table: the labels as a header row, a row per block. A value runs on over the
    rows below it with no label of their own; a parent label's value is merged down over the blocks
    that lack it, as a table merges a recommendation's cell over its actions."""
    col = {k: i for i, k in enumerate(keys)}
    labelled_rows = {r for b in blocks for r, _ in b}
    texts: list[dict[int, list[str]]] = []
    fills: list[dict[int, Optional[str]]] = []
    for b in blocks:
        t: dict[int, list[str]] = {}
        f: dict[int, Optional[str]] = {}
        for i, (r, k) in enumerate(b):
            stop = b[i + 1][0] if i + 1 < len(b) else grid.n_rows
            parts = [_value(grid, r)]
            parts += ["\n".join(x.strip() for x in grid.row_texts(rr) if x.strip())
                      for rr in range(r + 1, stop) if rr not in labelled_rows]
            t.setdefault(col[k], []).extend(p for p in parts if p)
            f[col[k]] = f.get(col[k]) or next((s.cell.fill for s in grid[r][1:] if s.cell.fill), None)
        texts.append(t)
        fills.append(f)
    # per row and column: the rows a parent's value covers (its own and the following rows lacking it)
    span = [[1] * len(keys) for _ in blocks]
    covered = [[False] * len(keys) for _ in blocks]
    for c, k in enumerate(keys):
        if k not in parents:
            continue
        top = None
        for i in range(len(blocks)):
            if c in texts[i]:
                top = i
            elif top is not None:
                span[top][c] += 1
                covered[i][c] = True
    # a directive written again, word for word, in the blocks that follow (each form repeating the
    # recommendation its actions answer: "Improve …", "Ensure that …") is one value over those
    # blocks, as a merged cell is; a shared measure ("85% of assessments on time") stays each block's
    for c, k in enumerate(keys):
        if k in parents:
            continue
        top = None
        for i in range(len(blocks)):
            value = "\n".join(texts[i].get(c, []))
            if (top is not None and value and value == "\n".join(texts[top].get(c, []))
                    and len(value.split()) >= REPEATED_VALUE_WORDS and is_imperative(value)):
                span[top][c] += 1
                covered[i][c] = True
            else:
                top = i
    rows = [Row(cells=tuple(Cell(keys_text[k], bold=True) for k in keys), is_header=True,
                page=grid.table.rows[0].page)]
    for i, b in enumerate(blocks):
        cells = tuple(None if covered[i][c] else
                      Cell("\n".join(texts[i].get(c, [])), rowspan=span[i][c], fill=fills[i].get(c))
                      for c in range(len(keys)))
        rows.append(Row(cells=cells, page=grid.table.rows[b[0][0]].page))
    return Table(rows=tuple(rows), page=grid.table.page, continues_previous=grid.table.continues_previous)


def _action_labelled(cols: ColumnMap) -> bool:
    """Is the action column found by its label (as the action, or as the recommendation a form tracks as its action)?"""
    return any(f == "action" and how == "header" for f, how in zip(cols.fields, cols.how))


def is_action_form(form: Optional[FormReading]) -> bool:
    """Does the form hold actions: a label read as the action, and at least one of its companions?"""
    return form is not None and "action" in form.fields and any(f in form.fields for f in _COMPANIONS)


def form_rows(form: FormReading) -> list[RowValues]:
    """One RowValues per action block (``row`` and ``page`` those of the block's first row in the form)."""
    from .records import row_values  # records imports this module's neighbours; late, to keep the layers flat
    from .table_info import TableInfo
    from actionplans.model import TableKind

    info = TableInfo(0, form.table, form.grid, form.columns, TableKind.ACTIONS, [], [])
    out: list[RowValues] = []
    for r in range(1, form.grid.n_rows):
        rv = row_values(info, r, form.columns)
        rv.row = form.source_rows[r - 1]
        ref, text = leading_ref(rv.get("action"))  # a number typed before the action: its ref, when no label gives one
        if ref and text and not rv.get("action_ref"):
            rv.values["action_ref"], rv.values["action"] = ref, text
        if rv.get("action").strip():
            out.append(rv)
    return out
