"""Write the tables of a batch as CSV (+ CSVW metadata), Parquet, XLSX or JSON Lines.

Every file is written to a temp file beside the target and renamed into place, so an
interrupted run leaves the previous output or none, never half of one.

Blank is blank, in every format: a value that is not there (an empty text, no date, no number,
an ``extra`` with no other columns) is an empty field in CSV, null in Parquet and JSON Lines
and an empty cell in XLSX — never "" in one format and null in another, never "{}".
"""
from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from .model import COLUMNS, Action
from .outputlock import temp_prefix
from .tables import ACTIONS, ColumnSpec, TableSpec, Tables, cells, date_value, is_na
from .cellsafe import EXCEL_SAFE_NOTE, guard
from .xlsx import RAG_FILLS, XLSX_MAX_CELL, excel_safe, write_workbook

__all__ = ["FORMATS", "OutputError", "check_named_format", "report_format", "output_files", "file_in_the_way", "RAG_FILLS", "XLSX_MAX_CELL", "excel_safe", "output_format", "side_path",
           "write_tables", "write_csv", "arrow_table", "csvw_metadata"]

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

FORMATS = ("csv", "parquet", "xlsx", "jsonl")
_SUFFIX_FORMAT = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx",
                  ".jsonl": "jsonl", ".ndjson": "jsonl"}
_FORMAT_SUFFIX = {"csv": ".csv", "parquet": ".parquet", "xlsx": ".xlsx", "jsonl": ".jsonl"}



#: every extension a command writes, by the format it names (convert's tables, diff's changes,
#: compare's report): an output whose name says one format and --format another is refused
NAMED_FORMATS = {**_SUFFIX_FORMAT, ".html": "html", ".htm": "html"}


class OutputError(Exception):
    """The output cannot be written (bad format name, unwritable place); one-line reason."""


def check_named_format(target: str | os.PathLike, fmt: str) -> None:
    """OutputError when ``target``'s extension names a format other than ``fmt`` (``-o x.csv
    --format html``); a name that says no known format (``x``, ``x.dat``) takes ``fmt``."""
    suffix = Path(target).suffix.lower()
    named = NAMED_FORMATS.get(suffix)
    if named is not None and named != fmt:
        raise OutputError(f"the output {Path(target).name!r} is named as {named} but --format is {fmt}: "
                          f"rename it or leave out --format")


def report_format(target: str | os.PathLike) -> str:
    """compare writes HTML: OutputError for an output named as another format (``-o report.csv``)."""
    named = NAMED_FORMATS.get(Path(target).suffix.lower())
    if named is not None and named != "html":
        raise OutputError(f"compare writes an HTML report, but the output {Path(target).name!r} is named as "
                          f"{named}: name it .html (--tables DIR writes the views as CSV)")
    return "html"


def output_format(target: str | os.PathLike, fmt: Optional[str] = None) -> str:
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise OutputError(f"unknown output format {fmt!r} (use one of {', '.join(FORMATS)})")
        check_named_format(target, fmt)
        return fmt
    suffix = Path(target).suffix.lower()
    if suffix not in _SUFFIX_FORMAT:
        raise OutputError(f"cannot tell the output format from {Path(target).name!r}: "
                          f"name it .csv, .parquet, .xlsx or .jsonl, or give --format")
    return _SUFFIX_FORMAT[suffix]


def side_path(target: Path, table: str, fmt: str) -> Path:
    """``out/actions.csv`` -> ``out/actions.documents.csv``."""
    target = Path(target)
    stem = target.name[: -len(target.suffix)] if target.suffix else target.name
    return target.with_name(f"{stem}.{table}{_FORMAT_SUFFIX[fmt]}")


def csvw_path(target: Path) -> Path:
    return Path(f"{target}-metadata.json")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success rename it into place, else remove it.
    An OSError names ``target`` (the path the user gave), never the temp file. The temp name is
    short (``.ap-<pid>-<host>-<random>.part``, :mod:`actionplans.outputlock`): an output named near
    the file system's 255-byte limit still works, and a killed run's leftovers are known as ours."""
    target = Path(target)
    blocker = file_in_the_way(target)
    if blocker is not None:
        raise in_the_way_error(target, blocker)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=".part", dir=target.parent)
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the output is an ordinary file
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.filename is not None and str(exc.filename) == tmp:
            raise type(exc)(exc.errno, exc.strerror, str(target)) from None
        raise


def in_the_way_error(target: Path, blocker: Path) -> OSError:
    if blocker == target:
        return IsADirectoryError(21, "it is a folder", str(target))
    return NotADirectoryError(20, f"{blocker} is a file, not a folder", str(target))


def file_in_the_way(target: str | os.PathLike) -> Optional[Path]:
    """The file that stops ``target`` being written: ``a.csv`` for ``a.csv/x.csv`` when ``a.csv``
    is a file, or ``target`` itself when it is a folder; None when nothing is in the way."""
    target = Path(target)
    if target.is_dir():
        return target
    for parent in target.parents:
        if parent.exists():
            return parent if not parent.is_dir() else None
    return None


def _is_text(col: ColumnSpec) -> bool:
    return col.kind in ("text", "enum", "json")


def _blank(value) -> bool:
    return value is None or value == ""


# ---------------------------------------------------------------------------
# CSV + CSVW
# ---------------------------------------------------------------------------


def _csv_value(value, col: ColumnSpec, safe: bool) -> str:
    if value is None:
        return ""
    if col.kind == "number":
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return excel_safe(text) if (safe and _is_text(col)) else text


def write_csv_frame(df: "pd.DataFrame", spec: TableSpec, target: Path, safe: bool = True, bom: bool = False) -> None:
    """RFC 4180: UTF-8, CRLF line ends, fields quoted when they hold a comma, quote or line break.
    ``bom`` starts the file with the UTF-8 byte order mark, which Excel needs to read a CSV it is
    given by double-click as UTF-8 rather than as the PC's legacy code page."""
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(spec.names)
        for row in cells(df, spec):
            w.writerow([_csv_value(v, c, safe) for v, c in zip(row, spec.columns)])


_CSVW_TYPES = {"text": "string", "int": "integer", "number": "double", "json": "json", "bool": "boolean"}


def _csvw_datatype(col: ColumnSpec):
    if col.kind == "date":
        return {"base": "date", "format": "yyyy-MM-dd"}
    if col.kind == "enum":
        return {"base": "string", "format": "^(" + "|".join(re.escape(v) for v in col.values) + ")$"}
    return _CSVW_TYPES[col.kind]


def csvw_table(spec: TableSpec, url: str) -> dict:
    return {
        "url": url,
        "dc:title": spec.name,
        "dc:description": spec.description,
        "tableSchema": {"columns": [
            {"name": c.name, "titles": c.name, "datatype": _csvw_datatype(c), "dc:description": c.description,
             "null": ""}
            for c in spec.columns]},
    }


def csvw_metadata(tables: list[tuple[TableSpec, Path]], base: Path, safe: bool = True) -> dict:
    """CSV on the Web metadata (W3C; recommended by GOV.UK for publishing CSV) for the written tables."""
    meta = {
        "@context": "http://www.w3.org/ns/csvw",
        "dc:title": "Children's services inspection action plans: normalised actions",
        "dc:creator": "actionplans",
        "dialect": {"encoding": "utf-8", "header": True, "delimiter": ",", "doubleQuote": True,
                    "lineTerminators": ["\r\n"]},
        "tables": [csvw_table(spec, os.path.relpath(path, base.parent)) for spec, path in tables],
    }
    if safe:
        meta["rdfs:comment"] = EXCEL_SAFE_NOTE
    return meta


def _write_csv_all(tables: Tables, target: Path, side: bool, safe: bool, bom: bool = False) -> list[Path]:
    written = []
    for spec, df in tables.frames(side, lazy=True):  # the rows as they are: no DataFrame needed
        path = target if spec.name == ACTIONS.name else side_path(target, spec.name, "csv")
        write_csv_frame(df, spec, path, safe, bom)
        written.append((spec, path))
    meta = csvw_path(target)
    with atomic_path(meta) as tmp:
        tmp.write_text(json.dumps(csvw_metadata(written, target, safe), indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    return [p for _, p in written] + [meta]


# ---------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------


def _json_value(value, col: ColumnSpec):
    if _blank(value):
        return None
    if col.kind == "json":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def write_jsonl_frame(df: "pd.DataFrame", spec: TableSpec, target: Path) -> None:
    """One JSON object per line; the extra column as an object; every blank value as null."""
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for row in cells(df, spec):
            obj = {c.name: _json_value(v, c) for v, c in zip(row, spec.columns)}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# Parquet
# ---------------------------------------------------------------------------


def arrow_table(df: "pd.DataFrame", spec: TableSpec):
    """Typed Arrow table: dates as date32, ints as int32, enums (RAG) as dictionary (a pandas
    category); every blank value is null. Column descriptions go in the field metadata."""
    import pyarrow as pa

    arrays, schema_fields = [], []
    for col in spec.columns:
        values = [None if is_na(v) or v == "" else v for v in df[col.name].tolist()]
        if col.kind == "date":
            typ, data = pa.date32(), [date_value(v) for v in values]
        elif col.kind == "int":
            typ, data = pa.int32(), [None if v is None else int(v) for v in values]
        elif col.kind == "number":
            typ, data = pa.float64(), values
        elif col.kind == "bool":
            typ, data = pa.bool_(), values
        elif col.kind == "enum":
            typ, data = pa.dictionary(pa.int8(), pa.string()), values
        else:
            typ, data = pa.string(), [None if v is None else str(v) for v in values]
        if col.kind == "enum":
            arr = pa.array(data, type=pa.string()).dictionary_encode()
            arr = arr.cast(typ) if arr.type != typ else arr
        else:
            arr = pa.array(data, type=typ)
        arrays.append(arr)
        schema_fields.append(pa.field(col.name, typ, metadata={"description": col.description}))
    return pa.Table.from_arrays(arrays, schema=pa.schema(schema_fields, metadata={"table": spec.name}))


def write_parquet_frame(df: "pd.DataFrame", spec: TableSpec, target: Path) -> None:
    import pyarrow.parquet as pq

    table = arrow_table(df, spec)
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp)


# ---------------------------------------------------------------------------
# XLSX (the sheet layout is in xlsx.py)
# ---------------------------------------------------------------------------


def _write_xlsx_all(tables: Tables, target: Path, side: bool, safe: bool) -> list[Path]:
    with atomic_path(target) as tmp:
        write_workbook(tables.frames(side), tmp, safe)
    return [target]


# ---------------------------------------------------------------------------
# dispatch
# ---------------------------------------------------------------------------


def output_files(target: str | os.PathLike, fmt: Optional[str] = None, side: bool = False) -> list[Path]:
    """Every file :func:`write_tables` writes for ``target`` (the table, its side tables, the CSVW
    metadata), to check before converting that none of them is an input."""
    target = Path(target)
    fmt = output_format(target, fmt)
    out = [target]
    if side and fmt != "xlsx":
        out += [side_path(target, name, fmt) for name in ("documents", "officers", "acronyms")]
    if fmt == "csv":
        out.append(csvw_path(target))
    return out


def write_tables(tables: Tables, target: str | os.PathLike, fmt: Optional[str] = None, side: bool = False,
                 safe: bool = True, bom: bool = False) -> list[Path]:
    """Write the actions (and with ``side`` the documents, officers and acronyms tables).

    CSV, Parquet and JSON Lines write one file per table (``actions.documents.csv`` beside
    ``actions.csv``) and CSV also ``actions.csv-metadata.json``; XLSX writes one sheet per
    table. ``safe`` (the default) guards CSV text cells against formula injection with a leading
    ``'`` (:mod:`actionplans.cellsafe`); XLSX cells are text and need no guard. ``bom`` starts
    each CSV with the UTF-8 byte order mark (for Excel; see docs/reading.md). Returns the paths
    written.
    """
    target = Path(target)
    fmt = output_format(target, fmt)
    if fmt == "csv":
        return _write_csv_all(tables, target, side, safe, bom)
    if fmt == "xlsx":
        return _write_xlsx_all(tables, target, side, safe)
    written = []
    for spec, df in tables.frames(side, lazy=fmt == "jsonl"):
        path = target if spec.name == ACTIONS.name else side_path(target, spec.name, fmt)
        (write_parquet_frame if fmt == "parquet" else write_jsonl_frame)(df, spec, path)
        written.append(path)
    return written


def write_csv(actions: Iterable[Action], target: Path, safe: bool = True) -> int:
    """The actions alone as CSV (kept for callers that hold Action rows, not a batch)."""
    n = 0
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(COLUMNS)
        for a in actions:
            w.writerow(["" if v is None else (guard(v) if safe and isinstance(v, str) else str(v)) for v in astuple(a)])
            n += 1
    return n
