"""The inputs of a comparison: plan documents (converted here, in the batch's isolated workers)
and actions tables written by ``convert`` (CSV, Parquet, JSON Lines, and XLSX when convert wrote
it), in any mix, read into one actions frame of text columns. A table is read up to ``max_rows``
rows; a file given twice (the same file, or the same bytes) is read once."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

import pandas as pd

from ..errors import InputError
from ..owntables import DEFAULT_MAX_ROWS, cell_text, check_rows, own_workbook, parquet_rows, xlsx_rows

#: suffixes read as actions tables (anything else is a plan document, or a folder of them)
TABLE_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".xlsx": "xlsx"}
#: the columns a table must have to be read as actions
REQUIRED = ("authority", "action")
#: the columns of SCHEMA.md a comparison reads (the others, e.g. extra and progress, are not loaded)
NEEDED = ("authority", "authority_code", "plan_title", "plan_date", "source_file", "source_table", "source_row",
          "recommendation_ref", "recommendation", "action_ref", "action", "owner_raw", "owners", "due_end", "rag",
          "acronyms", "warnings", "theme")
OFFICER_COLUMNS = ("source_file", "name", "role")


@dataclass(frozen=True)
class Inputs:
    actions: pd.DataFrame  # the NEEDED columns of SCHEMA.md, every value a str ("" when blank)
    officers: pd.DataFrame  # source_file, name, role: the plans' officers, where known
    failed: pd.DataFrame  # source_file, error: plan documents that could not be converted
    notes: tuple[str, ...] = ()  # what the reading left out, e.g. a file given twice


def is_table(path: str | os.PathLike) -> bool:
    """True for an actions table to read (by its extension; an ``.xlsx`` only when convert wrote
    it: any other workbook is a tracker plan, converted as a document)."""
    kind = TABLE_SUFFIXES.get(Path(path).suffix.lower())
    return kind is not None and Path(path).is_file() and (kind != "xlsx" or own_workbook(path))


def _text_column(col: pd.Series) -> pd.Series:
    """A column as str, blank for null; whole floats (ints read through a null-able reader) without '.0'."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype):  # the dates of actionplans.convert()'s frame
        return col.dt.strftime("%Y-%m-%d").astype(object).where(col.notna(), "")
    if isinstance(col.dtype, pd.StringDtype):  # already text (CSV read as str, Parquet strings)
        return col.fillna("") if col.hasnans else col
    if pd.api.types.is_float_dtype(col) and (col.dropna() % 1 == 0).all():
        col = col.astype("Int64")
    return col.astype(object).where(col.notna(), "").astype(str)


def _as_text(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """The ``columns`` of ``df`` as text, blanks as "" (Parquet dates and nulls included); missing ones blank."""
    n = len(df)
    out = {c: (_text_column(df[c]).reset_index(drop=True) if c in df.columns else pd.Series([""] * n, dtype=str))
           for c in columns}
    return pd.DataFrame(out, columns=list(columns))


def _read_parquet_as_text(path: Path, wanted) -> pd.DataFrame:
    """The ``wanted`` columns of a Parquet table, cast to text by Arrow (dates as ISO, ints without '.0')."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    names = pq.read_schema(path).names
    table = pq.read_table(path, columns=[c for c in names if c in wanted])
    columns = []
    for column in table.columns:
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            column = pc.cast(column, pa.string())
        columns.append(pc.fill_null(column, ""))
    return pa.table(columns, names=table.column_names).combine_chunks().to_pandas()


def _read_xlsx_as_text(path: Path, wanted, max_rows: Optional[int]) -> pd.DataFrame:
    from ..cellsafe import unguard

    rows = xlsx_rows(path, max_rows)
    names = [c for c in (rows[0] if rows else {}) if c in wanted]
    return pd.DataFrame({c: [unguard(cell_text(r.get(c))) for r in rows] for c in names}, columns=names)


def read_table(path: str | os.PathLike, wanted: Iterable[str] = NEEDED,
               max_rows: Optional[int] = DEFAULT_MAX_ROWS) -> pd.DataFrame:
    """The ``wanted`` columns of one table file (those it has), at most ``max_rows`` rows (0 or
    None: no cap); raises InputError naming the file when it cannot be read or holds more rows."""
    wanted = frozenset(wanted)
    path = Path(path)
    kind = TABLE_SUFFIXES[path.suffix.lower()]
    over = max_rows + 1 if max_rows else None  # one row past the cap is read to know it is over
    try:
        if kind == "csv":  # convert guards cells against formula injection (cellsafe): undo it
            from ..cellsafe import unguard

            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", usecols=lambda c: c in wanted,
                             nrows=over)
            check_rows(len(df), max_rows)
            return df.apply(lambda col: col.map(lambda v: unguard(v) if isinstance(v, str) else v)) if len(df) else df
        if kind == "parquet":
            check_rows(parquet_rows(path), max_rows)  # from the footer, before a row is decompressed
            return _read_parquet_as_text(path, wanted)
        if kind == "xlsx":
            return _read_xlsx_as_text(path, wanted, max_rows)
        df = pd.read_json(path, lines=True, dtype=False, nrows=over)
        check_rows(len(df), max_rows)
        return df
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read this {kind} table ({type(exc).__name__})") from exc
    except Exception as exc:  # pyarrow and the parsers raise their own types for a damaged file
        raise InputError(f"{path}: cannot read this {kind} table ({type(exc).__name__})") from exc


def read_actions_table(path: str | os.PathLike, max_rows: Optional[int] = DEFAULT_MAX_ROWS
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An actions table written by ``convert`` and, when beside it, its officers side table (an
    XLSX holds it as its ``officers`` sheet: not read, the roles come from the actions' owners)."""
    from ..writers import side_path

    df = read_table(path, max_rows=max_rows)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{path}: not an actions table written by convert (no {', '.join(missing)} column)")
    actions = _as_text(df, NEEDED)
    kind = TABLE_SUFFIXES[Path(path).suffix.lower()]
    officers_file = side_path(Path(path), "officers", kind) if kind != "xlsx" else None
    officers = pd.DataFrame(columns=OFFICER_COLUMNS)
    if officers_file is not None and officers_file.is_file():
        side = read_table(officers_file, OFFICER_COLUMNS, max_rows)
        if all(c in side.columns for c in OFFICER_COLUMNS):
            officers = _as_text(side, OFFICER_COLUMNS)
    return actions, officers


def walked_table_role(path: Path) -> Optional[str]:
    """What a CSV or XLSX found in a folder is, when actionplans wrote it: "actions" for an actions
    table of convert's (read as a table, not converted as a tracker), "other" for another of its
    tables (a side table, a compare view, a diff's changes: left out), None for anything else."""
    from ..outputs import OUR_TABLE_HEADERS, _csv_header, written_by_actionplans
    from ..tables import ACTIONS, ACTIONS_EXPANDED

    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            header = _csv_header(path)
        except OSError:
            return None
        if header in (tuple(ACTIONS.names), tuple(ACTIONS_EXPANDED.names)):
            return "actions"
        return "other" if header in set(OUR_TABLE_HEADERS()) else None
    if suffix == ".xlsx":
        if own_workbook(path):
            return "actions"
        return "other" if written_by_actionplans(path) else None
    return None


def _once(paths: Iterable[str], notes: list[str]) -> list[str]:
    """``paths`` with each file kept once: the same file (links resolved) or the same bytes given
    again is left out, with a note saying which it repeats."""
    from ..journal import file_sha256

    kept: list[str] = []
    seen_file: dict[object, str] = {}
    seen_bytes: dict[tuple, str] = {}
    for path in paths:
        file_keys: list[object] = [Path(path).resolve()]
        content = None
        try:
            st = os.stat(path)
            file_keys.append((st.st_dev, st.st_ino))
            content = (st.st_size, file_sha256(path))
        except OSError:  # unreadable: kept, its reader says why
            pass
        first = next((seen_file[k] for k in file_keys if k in seen_file), None)
        if first is not None:
            notes.append(f"{path}: the same file as {first}: counted once")
            continue
        seen_file.update((k, path) for k in file_keys)
        if content is not None and content in seen_bytes:
            notes.append(f"{path}: the same content as {seen_bytes[content]}: counted once")
            continue
        if content is not None:
            seen_bytes[content] = path
        kept.append(path)
    return kept


def load_inputs(inputs: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = (),
                max_rows: Optional[int] = DEFAULT_MAX_ROWS, progress: Optional[Callable] = None,
                **convert_options) -> Inputs:
    """Read tables (up to ``max_rows`` rows each) and convert documents (``convert_options``: those
    of :func:`actionplans.convert`, the batch's jobs, timeout and memory_limit included: documents
    convert in isolated worker processes); folders are walked leaving out ``exclude`` (the files
    being written) and pages actionplans wrote. A file given twice, or two files with the same
    bytes, are read once (``Inputs.notes`` says so). ``progress``, when given, is called with the
    documents to convert (an :class:`actionplans.inputs.Inputs`) and returns the callable that sees
    each FileResult as it completes (a progress bar). Raises FileNotFoundError for an input that
    names nothing, InputError for a bad table."""
    from ..inputs import Inputs as Documents, collect_inputs
    from ..pipeline import convert_tables

    tables, documents = [], []
    for item in inputs:
        (tables if is_table(item) else documents).append(os.fspath(item))
    found = collect_inputs(documents, exclude=exclude) if documents else None
    walked_documents: list[str] = []
    if found is not None:
        named = {Path(d).resolve() for d in documents if Path(d).is_file()}
        for f in found.files:
            role = None if f.resolve() in named else walked_table_role(f)
            if role == "actions":  # convert's table found in a folder: read as the table it is
                tables.append(str(f))
            elif role is None:
                walked_documents.append(str(f))
    notes: list[str] = []
    frames, officers, failed = [], [], []
    for path in _once(tables, notes):
        actions, side = read_actions_table(path, max_rows)
        frames.append(actions)
        officers.append(side)
    if found is not None:
        files = _once(walked_documents, notes)
        if files:
            found = Documents(tuple(Path(f) for f in files), found.skipped,
                              frozenset(t for t in found.text_found if t in set(files)))
            converted = convert_tables(found, progress=progress(found) if progress else None, **convert_options)
            frames.append(_as_text(converted.actions, NEEDED))
            officers.append(_as_text(converted.officers, OFFICER_COLUMNS))
            docs = converted.documents
            bad = docs[docs["status"] == "failed"]
            failed.append(pd.DataFrame({"source_file": bad["source_file"].astype(str),
                                        "error": bad["error"].astype(str)}))
    return Inputs(
        actions=pd.concat(frames, ignore_index=True) if frames else _as_text(pd.DataFrame(), NEEDED),
        officers=pd.concat(officers, ignore_index=True) if officers else pd.DataFrame(columns=OFFICER_COLUMNS),
        failed=pd.concat(failed, ignore_index=True) if failed else pd.DataFrame(columns=["source_file", "error"]),
        notes=tuple(notes),
    )


def frame_inputs(df: pd.DataFrame) -> Inputs:
    """An actions frame given directly (e.g. from :func:`actionplans.convert`); its officers from
    ``df.attrs["officers"]`` when there."""
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"not an actions table (no {', '.join(missing)} column)")
    officers = pd.DataFrame(df.attrs.get("officers") or [], columns=list(OFFICER_COLUMNS))
    docs = pd.DataFrame(df.attrs.get("documents") or [], columns=["source_file", "status", "error"])
    bad = docs[docs["status"] == "failed"]
    return Inputs(actions=_as_text(df, NEEDED), officers=_as_text(officers, OFFICER_COLUMNS),
                  failed=_as_text(bad, ["source_file", "error"]))
