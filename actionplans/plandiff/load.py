"""One version of a plan, read from a plan document or from an actions table written by
``actionplans convert`` (CSV, Parquet, JSON Lines, XLSX; columns of docs/schema.md)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Optional, Union

from ..errors import InputError
from ..model import COLUMNS, Action
from ..conversion import convert_file
from ..settings import ConvertOptions
from ..cellsafe import unguard

#: extensions read as actions tables; anything else is converted as a plan document
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


def _text(value) -> str:
    """A cell as text: '' for missing; dates as ISO; whole floats without '.0'."""
    if value is None or (isinstance(value, (float, dt.datetime)) and value != value):  # NaN, NaT
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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


def _csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _jsonl_rows(path: Path) -> list[dict]:
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
    return rows


def _parquet_rows(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _xlsx_rows(path: Path) -> list[dict]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb["actions"] if "actions" in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, ())]
        return [dict(zip(header, r)) for r in rows if any(v not in (None, "") for v in r)]
    finally:
        wb.close()


_READERS = {"csv": _csv_rows, "jsonl": _jsonl_rows, "parquet": _parquet_rows, "xlsx": _xlsx_rows}


def read_table(path: Path, kind: str) -> tuple[Action, ...]:
    """The actions of a table written by ``actionplans convert``. Raises InputError."""
    try:
        rows = _READERS[kind](path)
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


def load_version(source: Union[str, os.PathLike], options: ConvertOptions = ConvertOptions()) -> PlanVersion:
    """Read one version: an actions table by its extension, else a plan document converted
    now with ``options``. Raises InputError (one line) when it cannot be read."""
    path = Path(source)
    if not path.is_file():
        raise InputError("no such file")
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind:
        return PlanVersion(str(source), kind, read_table(path, kind))
    result = convert_file(path, options)
    if not result.ok:
        raise InputError(result.error or "cannot convert this file")
    return PlanVersion(str(source), "document", tuple(result.actions))


def version_from_rows(rows: Iterable[dict], label: str) -> PlanVersion:
    """A version from rows already in memory (e.g. ``df.to_dict("records")`` of a converted table)."""
    return PlanVersion(label, "table", tuple(action_from_row(r) for r in rows))
