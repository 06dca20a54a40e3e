"""One version of a plan, read from a plan document or from an actions table written by
``actionplans convert`` (CSV, Parquet, JSON Lines, XLSX; columns of docs/schema.md)."""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

from ..errors import InputError
from ..model import COLUMNS, Action
from ..owntables import DEFAULT_MAX_ROWS, cell_text, check_rows, own_workbook, parquet_rows, xlsx_rows
from ..settings import BatchOptions, ConvertOptions
from ..cellsafe import unguard

#: extensions read as actions tables (an .xlsx only when convert wrote it); anything else is converted as a plan document
TABLE_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl",
                  ".ndjson": "jsonl", ".xlsx": "xlsx"}
#: columns a table must have to be read as actions (a diff's own changes table has no rag or due_end)
_REQUIRED = ("action", "action_ref", "rag", "due_end")
_INT_FIELDS = {f.name for f in fields(Action) if f.name in ("source_page", "source_table", "source_row")}


@dataclass(frozen=True)
class PlanVersion:
    """The actions of one version of a plan, in plan order, with where they were read from."""

    path: str  # the input as given
    kind: str  # "document" (converted now) or the table format ("csv", "parquet", "jsonl", "xlsx")
    actions: tuple[Action, ...]

    @property
    def name(self) -> str:
        return Path(self.path).name


#: a cell as text ('' for missing; dates as ISO; whole floats without '.0')
_text = cell_text


def _int(value: str) -> Optional[int]:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def _unguard(text: str) -> str:
    """Undo convert's --excel-safe: the ' it puts before a cell a spreadsheet would run."""
    return unguard(text)


def action_from_row(row: dict) -> Action:
    """An Action from one table row; a column the row lacks is blank."""
    values = {}
    for name in COLUMNS:
        text = _unguard(_text(row.get(name)))
        values[name] = _int(text) if name in _INT_FIELDS else text
    if not values["extra"]:
        values["extra"] = "{}"
    return Action(**values)


def _csv_rows(path: Path, max_rows: Optional[int]) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            rows.append(row)
            check_rows(len(rows), max_rows)
    return rows


def _jsonl_rows(path: Path, max_rows: Optional[int]) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except ValueError:
                    raise InputError(f"line {n} is not JSON")
                if not isinstance(obj, dict):
                    raise InputError(f"line {n} is not a JSON object")
                rows.append(obj)
                check_rows(len(rows), max_rows)
    return rows


def _parquet_rows(path: Path, max_rows: Optional[int]) -> list[dict]:
    import pyarrow.parquet as pq

    check_rows(parquet_rows(path), max_rows)  # from the footer, before a row is decompressed
    return pq.read_table(path).to_pylist()


_READERS = {"csv": _csv_rows, "jsonl": _jsonl_rows, "parquet": _parquet_rows, "xlsx": xlsx_rows}


def table_kind(path: str | os.PathLike) -> Optional[str]:
    """The table format ``path`` is read as, or None for a plan document: by its extension, and for
    ``.xlsx`` by its content (a workbook ``convert`` wrote is a table, any other a tracker plan)."""
    kind = TABLE_SUFFIXES.get(Path(path).suffix.lower())
    if kind == "xlsx" and not own_workbook(path):
        return None
    return kind


def read_table(path: Path, kind: str, max_rows: Optional[int] = DEFAULT_MAX_ROWS) -> tuple[Action, ...]:
    """The actions of a table written by ``actionplans convert``, at most ``max_rows`` of them
    (0 or None: no cap). Raises InputError."""
    try:
        rows = _READERS[kind](path, max_rows)
    except InputError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read this {kind} table ({getattr(exc, 'strerror', None) or type(exc).__name__})")
    except Exception as exc:  # a damaged file in any of four formats: one line, never its content
        raise InputError(f"cannot read this {kind} table ({type(exc).__name__})")
    missing = [c for c in _REQUIRED if c not in rows[0]] if rows else []
    if missing:
        raise InputError(f"not an actions table: it lacks {', '.join(repr(c) for c in missing)} "
                         f"(see docs/schema.md)")
    actions = tuple(action_from_row(r) for r in rows)
    plans = sorted({a.source_file for a in actions if a.source_file})
    if len(plans) > 1:
        shown = ", ".join(plans[:3]) + (", …" if len(plans) > 3 else "")
        raise InputError(f"holds the actions of {len(plans)} plans ({shown}); diff compares one plan "
                         f"with another: keep one plan's rows")
    return actions


def load_versions(sources: Sequence[Union[str, os.PathLike]], options: ConvertOptions = ConvertOptions(),
                  batch: BatchOptions = BatchOptions(), max_rows: Optional[int] = DEFAULT_MAX_ROWS,
                  on_result: Optional[Callable] = None) -> list[PlanVersion]:
    """Read each version: an actions table (by its extension; an ``.xlsx`` by its content), at most
    ``max_rows`` rows, or a plan document converted with ``options`` in the batch's isolated
    worker processes, with its time and memory limits (``batch``: those of ``convert``; ``jobs=0``
    converts in this process). ``on_result`` is called with each document's FileResult as it
    completes. Raises InputError ("path: reason", one line, the path as given) for the first
    version that cannot be read."""
    from ..batch import run_batch

    kinds = []
    for source in sources:
        if not Path(source).is_file():
            raise InputError(f"{os.fspath(source)}: no such file")
        kinds.append(table_kind(source))
    documents = [os.fspath(s) for s, k in zip(sources, kinds) if k is None]
    converted = iter(run_batch(documents, options, batch, on_result=on_result) if documents else ())
    versions = []
    for source, kind in zip(sources, kinds):
        if kind:
            try:
                versions.append(PlanVersion(str(source), kind, read_table(Path(source), kind, max_rows)))
            except InputError as exc:
                raise InputError(f"{os.fspath(source)}: {exc}") from None
            continue
        result = next(converted)
        if not result.ok:
            raise InputError(f"{os.fspath(source)}: {result.error or 'cannot convert this file'}")
        versions.append(PlanVersion(str(source), "document", tuple(result.actions)))
    return versions


def load_version(source: Union[str, os.PathLike], options: ConvertOptions = ConvertOptions(),
                 batch: BatchOptions = BatchOptions(jobs=0), max_rows: Optional[int] = DEFAULT_MAX_ROWS) -> PlanVersion:
    """Read one version (see :func:`load_versions`; a document is converted in this process unless
    ``batch`` says otherwise). Raises InputError (one line) when it cannot be read."""
    try:
        return load_versions([source], options, batch, max_rows)[0]
    except InputError as exc:
        prefix = f"{os.fspath(source)}: "
        message = str(exc)
        raise InputError(message[len(prefix):] if message.startswith(prefix) else message) from None


def version_from_rows(rows: Iterable[dict], label: str) -> PlanVersion:
    """A version from rows already in memory (e.g. ``df.to_dict("records")`` of a converted table)."""
    return PlanVersion(label, "table", tuple(action_from_row(r) for r in rows))
