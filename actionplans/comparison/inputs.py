"""The inputs of a comparison: plan documents (converted here) and actions tables written by
``convert`` (CSV, Parquet, JSON Lines), in any mix, read into one actions frame of text columns."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..errors import InputError

#: suffixes read as actions tables (anything else is a plan document, or a folder of them)
TABLE_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: the columns a table must have to be read as actions
REQUIRED = ("authority", "action")
#: the columns of SCHEMA.md a comparison reads (the others, e.g. extra and progress, are not loaded)
NEEDED = ("authority", "authority_code", "plan_title", "plan_date", "source_file", "source_table", "source_row",
          "recommendation_ref", "recommendation", "action_ref", "action", "owner_raw", "owners", "due_end", "rag",
          "acronyms", "warnings")
OFFICER_COLUMNS = ("source_file", "name", "role")


@dataclass(frozen=True)
class Inputs:
    actions: pd.DataFrame  # the NEEDED columns of SCHEMA.md, every value a str ("" when blank)
    officers: pd.DataFrame  # source_file, name, role: the plans' officers, where known
    failed: pd.DataFrame  # source_file, error: plan documents that could not be converted


def is_table(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in TABLE_SUFFIXES and Path(path).is_file()


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


def read_table(path: str | os.PathLike, wanted: Iterable[str] = NEEDED) -> pd.DataFrame:
    """The ``wanted`` columns of one table file (those it has); raises InputError naming the file
    when it cannot be read."""
    wanted = frozenset(wanted)
    path = Path(path)
    kind = TABLE_SUFFIXES[path.suffix.lower()]
    try:
        if kind == "csv":  # convert guards cells against formula injection (cellsafe): undo it
            from ..cellsafe import unguard

            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", usecols=lambda c: c in wanted)
            return df.apply(lambda col: col.map(lambda v: unguard(v) if isinstance(v, str) else v)) if len(df) else df
        if kind == "parquet":
            return _read_parquet_as_text(path, wanted)
        return pd.read_json(path, lines=True, dtype=False)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read this {kind} table ({type(exc).__name__})") from exc
    except Exception as exc:  # pyarrow and the parsers raise their own types for a damaged file
        raise InputError(f"{path}: cannot read this {kind} table ({type(exc).__name__})") from exc


def read_actions_table(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An actions table written by ``convert`` and, when beside it, its officers side table."""
    from ..writers import side_path

    df = read_table(path)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{path}: not an actions table written by convert (no {', '.join(missing)} column)")
    actions = _as_text(df, NEEDED)
    officers_file = side_path(Path(path), "officers", TABLE_SUFFIXES[Path(path).suffix.lower()])
    officers = pd.DataFrame(columns=OFFICER_COLUMNS)
    if officers_file.is_file():
        side = read_table(officers_file, OFFICER_COLUMNS)
        if all(c in side.columns for c in OFFICER_COLUMNS):
            officers = _as_text(side, OFFICER_COLUMNS)
    return actions, officers


def load_inputs(inputs: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = (),
                **convert_options) -> Inputs:
    """Read tables and convert documents (``convert_options``: those of :func:`actionplans.convert`);
    folders are walked leaving out ``exclude`` (the files being written) and pages actionplans wrote.
    Raises FileNotFoundError for an input that names nothing, InputError for a bad table."""
    from ..pipeline import convert_tables, find_inputs

    tables, documents = [], []
    for item in inputs:
        (tables if is_table(item) else documents).append(os.fspath(item))
    frames, officers, failed = [], [], []
    for path in tables:
        actions, side = read_actions_table(path)
        frames.append(actions)
        officers.append(side)
    if documents:
        files, _ = find_inputs(documents, exclude=exclude)
        if files:
            converted = convert_tables([str(f) for f in files], **convert_options)
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
