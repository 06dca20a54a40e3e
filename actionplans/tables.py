"""The output tables of a batch: actions (SCHEMA.md) and the side tables
documents, officers and acronyms — their columns, types and descriptions, and
how they are built from the per-file results.

Every writer (CSV + CSVW, Parquet, XLSX, JSON Lines) works from these specs, so a
column is described once.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import asdict, dataclass, fields
from importlib import resources
from typing import TYPE_CHECKING, Iterator, Optional

from .model import COLUMNS, Action, Format
from .normalise.partial_dates import PRECISIONS, whole_date

from .results import FileResult

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: column kinds: text, int, number, date, enum, json, bool
KINDS = ("text", "int", "number", "date", "enum", "json", "bool")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # one of KINDS
    description: str = ""
    values: tuple[str, ...] = ()  # the allowed values of an enum


@dataclass(frozen=True)
class TableSpec:
    name: str  # "actions", "documents", "officers", "acronyms"
    description: str
    columns: tuple[ColumnSpec, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


# SCHEMA.md says "text"/"int"/"date"/"enum"/"JSON"; enums list their values here.
_ENUM_VALUES = {
    "source_format": tuple(f.value for f in Format),
    "rag": ("Red", "Amber", "Green", "Blue", "Grey"),
}


def _load_action_columns() -> tuple[ColumnSpec, ...]:
    text = resources.files("actionplans").joinpath("data/columns.csv").read_text(encoding="utf-8")
    specs = {}
    for row in csv.DictReader(text.splitlines()):
        kind = row["type"].strip().lower()
        specs[row["name"]] = ColumnSpec(row["name"], kind, row["description"], _ENUM_VALUES.get(row["name"], ()))
    # the model decides the order; a column the data file does not describe is still written, as text
    return tuple(specs.get(name, ColumnSpec(name, "text")) for name in COLUMNS)


ACTIONS = TableSpec("actions", "One row per action of the inspection action plans.", _load_action_columns())
#: --expand-acronyms: copies of these columns with every acronym spelt out, added after the contract's columns
EXPANDED_COLUMNS = ("theme", "recommendation", "action", "owner_raw", "measures", "progress")
ACTIONS_EXPANDED = TableSpec(ACTIONS.name, ACTIONS.description, ACTIONS.columns + tuple(
    ColumnSpec(f"{c}_expanded", "text", f"{c}, with each acronym followed by its expansion in brackets")
    for c in EXPANDED_COLUMNS))

DOCUMENTS = TableSpec("documents", "One row per input file: how its conversion went.", (
    ColumnSpec("path", "text", "the input file as found"),
    ColumnSpec("source_file", "text", "its file name, as in the actions' source_file"),
    ColumnSpec("format", "text", "format read: html, docx, pdf, txt, md (blank when unreadable)"),
    ColumnSpec("pages", "int", "pages of a paged format"),
    ColumnSpec("tables", "int", "tables found in the document"),
    ColumnSpec("actions", "int", "actions converted"),
    ColumnSpec("seconds", "number", "seconds the conversion took"),
    ColumnSpec("status", "enum", "ok, or failed", ("ok", "failed")),
    ColumnSpec("error", "text", "one-line reason the file failed"),
    ColumnSpec("sha256", "text", "SHA-256 of the file's content (used by --resume)"),
    ColumnSpec("plan_date", "date", "the plan's date as in the actions' plan_date: a date stated to the month "
                                    "or year is its first day"),
    ColumnSpec("plan_date_as_written", "text", "the plan date as the document (or --plan-date) gives it, "
                                               "e.g. 'July 2011'"),
    ColumnSpec("plan_date_precision", "enum", "how precisely the plan date is stated: day, month or year",
               PRECISIONS),
    ColumnSpec("stated_authority", "text", "the council the document itself names (blank when it names none); "
                                           "--authority is used only where it is blank"),
    ColumnSpec("stated_plan_date", "text", "the plan's date as the document states it (blank when it states none); "
                                           "--plan-date is used only where it is blank or gives just the month"),
    ColumnSpec("option_conflicts", "text", "where --authority or --plan-date disagreed with the document, whose own "
                                           "value was kept, e.g. \"--authority 'Walsall' not used: the document "
                                           "names Wiltshire\"; separated by '; '"),
    ColumnSpec("warnings", "text", "what a user could act on about the whole document (said once here, not on "
                                   "every action), '; '-separated, e.g. 'authority not named in the document'"),
))

OFFICERS = TableSpec("officers", "Named officers and their roles, as resolved from each plan's roster.", (
    ColumnSpec("source_file", "text", "file the roster came from"),
    ColumnSpec("name", "text", "officer's name"),
    ColumnSpec("role", "text", "officer's role or title"),
    ColumnSpec("source", "enum", "user: the --roster file; document: the plan's list of officers; "
                                 "plan: a personal name seen in its rows", ("user", "document", "plan")),
))

ACRONYMS = TableSpec("acronyms", "Acronyms with their expansions, from each plan's glossary and its rows.", (
    ColumnSpec("source_file", "text", "file the acronym came from"),
    ColumnSpec("abbreviation", "text", "the acronym as written"),
    ColumnSpec("expansion", "text", "what it stands for"),
    ColumnSpec("origin", "enum", "glossary: the plan's glossary; inline: defined in its text, e.g. "
                                 "'Local Safeguarding Children Board (LSCB)'; user: the --acronyms file; dictionary: "
                                 "the packaged list; rows: only seen in the actions' acronyms column. User and "
                                 "dictionary entries are listed only where the plan's rows use them",
               ("glossary", "inline", "user", "dictionary", "rows")),
))

SIDE_TABLES = (DOCUMENTS, OFFICERS, ACRONYMS)


class Rows:
    """One table's rows as the Python values a writer takes (None, str, int, float, bool), in its
    spec's columns: what :func:`cells` yields for the frame :func:`frame` builds, got without
    pandas (writing CSV or JSON Lines needs no DataFrame; importing pandas and pyarrow costs
    more than converting a small plan)."""

    def __init__(self, spec: TableSpec, rows: list[dict]):
        self.spec = spec
        self.dicts = rows  # as built, before the columns' values are normalised

    def __len__(self) -> int:
        return len(self.dicts)

    def values(self, spec: Optional[TableSpec] = None) -> Iterator[list]:
        for row in self.dicts:
            yield [cell_value(col, row.get(col.name)) for col in (spec or self.spec).columns]


class Tables:
    """The tables of one batch: actions, documents, officers and acronyms (the side tables may
    be empty). Each is a pandas DataFrame (``tables.actions`` ...), built when first asked for;
    the CSV and JSON Lines writers take the rows without one (:meth:`frames` with ``lazy``)."""

    NAMES = ("actions", "documents", "officers", "acronyms")

    def __init__(self, actions: "pd.DataFrame | None" = None, documents: "pd.DataFrame | None" = None,
                 officers: "pd.DataFrame | None" = None, acronyms: "pd.DataFrame | None" = None,
                 actions_spec: TableSpec = ACTIONS, rows: Optional[dict[str, Rows]] = None):
        self.actions_spec = actions_spec  # ACTIONS_EXPANDED with --expand-acronyms
        self._frames = {"actions": actions, "documents": documents, "officers": officers, "acronyms": acronyms}
        self._rows = dict(rows or {})

    def _frame(self, name: str) -> "pd.DataFrame":
        if self._frames[name] is None:
            rows = self._rows[name]
            self._frames[name] = frame(rows.spec, rows.dicts)
        return self._frames[name]

    @property
    def actions(self) -> "pd.DataFrame":
        return self._frame("actions")

    @property
    def documents(self) -> "pd.DataFrame":
        return self._frame("documents")

    @property
    def officers(self) -> "pd.DataFrame":
        return self._frame("officers")

    @property
    def acronyms(self) -> "pd.DataFrame":
        return self._frame("acronyms")

    def _table(self, name: str, lazy: bool):
        if lazy and self._frames[name] is None and name in self._rows:
            return self._rows[name]
        return self._frame(name)

    def frames(self, side: bool = True, lazy: bool = False) -> list[tuple[TableSpec, "pd.DataFrame | Rows"]]:
        """(spec, table) of the actions and, with ``side``, the side tables. With ``lazy`` a
        table not yet made a DataFrame comes as its :class:`Rows` (:func:`cells` reads both)."""
        out = [(self.actions_spec, self._table("actions", lazy))]
        if side:
            out += [(DOCUMENTS, self._table("documents", lazy)), (OFFICERS, self._table("officers", lazy)),
                    (ACRONYMS, self._table("acronyms", lazy))]
        return out

    def count(self, name: str) -> int:
        """Rows of one table (no DataFrame built for it)."""
        if self._frames[name] is None and name in self._rows:
            return len(self._rows[name])
        return len(self._frame(name))

    def column(self, name: str, column: str) -> list:
        """One column's values as the writers write them (None where blank in a number, int or
        date column: see :func:`cell_value`), no DataFrame built for it."""
        if self._frames[name] is None and name in self._rows:
            rows = self._rows[name]
            col = next(c for c in rows.spec.columns if c.name == column)
            return [cell_value(col, row.get(column)) for row in rows.dicts]
        spec = self.actions_spec if name == "actions" else spec_of(name)
        i = spec.names.index(column)
        return [row[i] for row in cells(self._frame(name), spec)]


def _missing(v) -> bool:
    return v is None or v == "" or (isinstance(v, float) and v != v)


def _blank_json(v) -> bool:
    """A JSON column with nothing in it ("{}", "[]", "null") is blank, like an empty text."""
    return _missing(v) or str(v).strip() in ("{}", "[]", "null")


def frame(spec: TableSpec, rows: list[dict]) -> "pd.DataFrame":
    """A frame in the spec's columns: text as str ("" when blank), ints as Int64, numbers as float,
    dates as whole ISO dates (one stated to the month or year is its first day; see
    ``normalise.partial_dates``), an empty JSON object as blank."""
    import pandas as pd

    data = {}
    for col in spec.columns:
        values = [row.get(col.name) for row in rows]
        if col.kind == "int":
            data[col.name] = pd.array([None if _missing(v) else int(v) for v in values], dtype="Int64")
        elif col.kind == "number":
            data[col.name] = pd.array([None if _missing(v) else float(v) for v in values], dtype="float64")
        elif col.kind == "bool":
            data[col.name] = pd.array([bool(v) for v in values], dtype=bool)
        elif col.kind == "date":
            data[col.name] = pd.array(["" if _missing(v) else whole_date(v) for v in values], dtype=object)
        elif col.kind == "json":
            data[col.name] = pd.array(["" if _blank_json(v) else str(v) for v in values], dtype=object)
        else:
            data[col.name] = pd.array(["" if v is None else str(v) for v in values], dtype=object)
    return pd.DataFrame(data, columns=spec.names)


def cell_value(col: ColumnSpec, v):
    """The value of one cell as :func:`cells` gives it for the frame :func:`frame` builds
    (the two are kept in step: tests/test_writers.py checks them on every kind of column)."""
    if col.kind == "int":
        return None if _missing(v) else int(v)
    if col.kind == "number":
        return None if _missing(v) else float(v)
    if col.kind == "bool":
        return bool(v)
    if col.kind == "date":
        v = "" if _missing(v) else whole_date(v)
    elif col.kind == "json":
        v = "" if _blank_json(v) else str(v)
    else:
        v = "" if v is None else str(v)
    return None if is_na(v) else v


def is_na(value) -> bool:
    """A missing value as pandas or pyarrow hands it back (None, NaN, pd.NA)."""
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


def cells(df: "pd.DataFrame | Rows", spec: TableSpec) -> Iterator[list]:
    """A table's rows as Python values: None for missing, str/int/float otherwise."""
    if isinstance(df, Rows):
        yield from df.values(spec)
        return
    for row in df[spec.names].itertuples(index=False, name=None):
        yield [None if is_na(v) else (v.item() if hasattr(v, "item") else v) for v in row]


def date_value(value) -> Optional[dt.date]:
    """The date a date column's text stands for, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def document_row(r: FileResult) -> dict:
    return {"path": r.path, "source_file": r.source_file, "format": r.format, "pages": r.pages,
            "tables": r.n_tables, "actions": len(r.actions), "seconds": round(r.seconds, 3),
            "status": "ok" if r.ok else "failed", "error": r.error or "", "sha256": r.sha256,
            "plan_date": r.plan.plan_date, "plan_date_as_written": r.plan.plan_date_as_written,
            "plan_date_precision": r.plan.plan_date_precision,
            "stated_authority": r.stated_authority, "stated_plan_date": r.stated_plan_date,
            "option_conflicts": "; ".join(r.conflicts), "warnings": "; ".join(r.plan.warnings)}


def officer_rows(r: FileResult) -> list[dict]:
    return [{"source_file": r.source_file, "name": name, "role": role, "source": source}
            for name, role, source in r.officers]


def acronym_rows(r: FileResult) -> list[dict]:
    return [{"source_file": r.source_file, "abbreviation": abbr, "expansion": expansion, "origin": origin}
            for abbr, expansion, origin in r.acronyms]


def action_rows(actions: list[Action], expanded: tuple[dict, ...] = ()) -> list[dict]:
    rows = [asdict(a) for a in actions]
    for row, more in zip(rows, expanded):
        row.update(more)
    return rows


def build_tables(results: list[FileResult]) -> Tables:
    """The four tables of a batch, rows in input order (DataFrames made when first asked for)."""
    spec = ACTIONS_EXPANDED if any(r.expanded for r in results) else ACTIONS
    return Tables(actions_spec=spec, rows={
        "actions": Rows(spec, [row for r in results for row in action_rows(r.actions, r.expanded)]),
        "documents": Rows(DOCUMENTS, [document_row(r) for r in results]),
        "officers": Rows(OFFICERS, [row for r in results for row in officer_rows(r)]),
        "acronyms": Rows(ACRONYMS, [row for r in results for row in acronym_rows(r)]),
    })


def spec_of(name: str) -> Optional[TableSpec]:
    return {s.name: s for s in (ACTIONS, *SIDE_TABLES)}.get(name)


assert all(c.kind in KINDS for s in (ACTIONS, *SIDE_TABLES) for c in s.columns)
assert [f.name for f in fields(Action)] == ACTIONS.names
