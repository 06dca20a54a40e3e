"""Reading back the tables ``convert`` writes (``diff`` and ``compare`` take them as inputs):
which files are ours, and how many rows one may hold.

- **Row cap**: a table is read only up to ``max_rows`` rows (default :data:`DEFAULT_MAX_ROWS`,
  the commands' ``--max-rows``; 0 or None: no cap). Compression makes rows cheap on disk and
  dear in memory — a 376 KB Parquet file of 20 million identical rows takes 10 GB once read —
  so the count is checked before the rows are (Parquet: its footer's row count; CSV, JSON
  Lines and XLSX: while streaming, stopping at the first row over the cap).
- **Our own workbook**: an ``.xlsx`` is an actions table written by ``convert`` when it has a
  sheet named ``actions`` whose header row (one of its first rows) is made of the schema's
  column names (docs/schema.md: ``action``, ``action_ref``, ``rag`` …); any other workbook is
  a spreadsheet tracker, a plan document to convert.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Optional

from .errors import InputError
from .model import COLUMNS

__all__ = ["DEFAULT_MAX_ROWS", "cell_text", "check_rows", "too_many_rows", "own_workbook", "xlsx_rows", "parquet_rows"]

#: rows read from one table by default (diff and compare's --max-rows)
DEFAULT_MAX_ROWS = 1_000_000
#: the sheet of our workbook that holds the actions
ACTIONS_SHEET = "actions"
#: a header row is looked for among this many rows at the top of the sheet
HEADER_ROWS = 5
_SCHEMA = frozenset(COLUMNS)


def cell_text(value) -> str:
    """A cell read back as text: '' for missing; dates as ISO; whole floats without '.0'."""
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


def too_many_rows(max_rows: int) -> InputError:
    return InputError(f"more than {max_rows:,} rows: raise --max-rows if the table is genuine (0: no limit)")


def check_rows(count: int, max_rows: Optional[int]) -> None:
    """InputError when ``count`` rows are over the cap ``max_rows`` (0 or None: no cap)."""
    if max_rows and count > max_rows:
        raise too_many_rows(max_rows)


def parquet_rows(path: str | os.PathLike) -> int:
    """The rows a Parquet file holds, from its footer (nothing is decompressed)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _is_header(values) -> bool:
    """True for a row of schema column names: ``action`` among them, at least three of the schema's
    names, and they make at least half the named cells (a column the user added is allowed)."""
    names = [str(v).strip() for v in values if v not in (None, "")]
    ours = [n for n in names if n in _SCHEMA]
    return "action" in ours and len(ours) >= 3 and 2 * len(ours) >= len(names)


def _header_at(ws) -> Optional[int]:
    """The 0-based index of the header row among the first rows of ``ws``, or None."""
    for i, row in enumerate(ws.iter_rows(max_row=HEADER_ROWS, values_only=True)):
        if _is_header(row):
            return i
    return None


def own_workbook(path: str | os.PathLike) -> bool:
    """True for an XLSX written by ``convert``: a sheet named ``actions`` with a header row of the
    schema's column names. False for any other workbook (a tracker) and for a file openpyxl cannot open."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - not a workbook we can read: not ours (converting it will say why)
        return False
    try:
        return ACTIONS_SHEET in wb.sheetnames and _header_at(wb[ACTIONS_SHEET]) is not None
    except Exception:  # noqa: BLE001
        return False
    finally:
        wb.close()


def xlsx_rows(path: str | os.PathLike, max_rows: Optional[int] = DEFAULT_MAX_ROWS) -> list[dict]:
    """The rows of our workbook's actions sheet as dicts by column name (blank rows left out),
    streamed: InputError as soon as the sheet has more than ``max_rows`` rows."""
    from openpyxl import load_workbook

    wb = load_workbook(Path(path), read_only=True, data_only=True)
    try:
        if ACTIONS_SHEET not in wb.sheetnames:
            raise InputError(f"no '{ACTIONS_SHEET}' sheet: not an actions table written by convert")
        ws = wb[ACTIONS_SHEET]
        at = _header_at(ws)
        if at is None:
            raise InputError(f"the '{ACTIONS_SHEET}' sheet has no header row of the schema's columns "
                             f"(see docs/schema.md)")
        rows = ws.iter_rows(min_row=at + 1, values_only=True)
        header = ["" if h is None else str(h).strip() for h in next(rows, ())]
        out, seen = [], 0
        for values in rows:
            seen += 1  # every row counts, blank or not: a sheet of millions of empty rows is stopped too
            check_rows(seen, max_rows)
            if any(v not in (None, "") for v in values):
                out.append(dict(zip(header, values)))
        return out
    finally:
        wb.close()
