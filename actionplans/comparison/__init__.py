"""Compare action plans across councils: one self-contained HTML report and its views as tables.

    import actionplans
    views = actionplans.compare(["plans/", "more/actions.csv"], as_of="2014-01-01")
    views.overview                      # one DataFrame per view; views.tables() gives them by name
    actionplans.compare_report(views, "report.html")
"""
from __future__ import annotations

import datetime as dt
from dataclasses import fields
import os
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

import pandas as pd

from ..owntables import DEFAULT_MAX_ROWS
from .inputs import frame_inputs, is_table, load_inputs
from .views import Comparison, build

#: the views, in the order Comparison.tables() gives them (``--tables DIR`` writes ``DIR/<view>.csv``)
VIEW_NAMES = tuple(f.name for f in fields(Comparison) if f.name != "as_of")

__all__ = ["compare", "Comparison", "VIEW_NAMES", "is_table", "write_report", "write_view_tables", "parse_as_of"]


def parse_as_of(value: Union[str, dt.date, None]) -> dt.date:
    """``value`` as a date (ISO ``YYYY-MM-DD``); today when None. Raises ValueError for a bad date."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"--as-of must be a date YYYY-MM-DD, not {value!r}") from None


def compare(df_or_paths: Union[pd.DataFrame, str, os.PathLike, Iterable[Union[str, os.PathLike]]], *,
            as_of: Union[str, dt.date, None] = None, row_cap: int = 5,
            exclude: Iterable[Union[str, os.PathLike]] = (), max_rows: Optional[int] = DEFAULT_MAX_ROWS,
            progress: Optional[Callable] = None, on_note: Optional[Callable[[str], None]] = None,
            keep_duplicates: bool = False,
            **convert_options) -> Comparison:
    """The views of a comparison as DataFrames.

    ``df_or_paths``: an actions DataFrame (e.g. from :func:`actionplans.convert`), or plan files,
    folders and actions tables written by ``convert`` (CSV, Parquet, JSON Lines, XLSX) in any mix;
    plan documents are converted with ``convert_options`` (those of :func:`actionplans.convert`,
    ``jobs``, ``timeout`` and ``memory_limit`` included: each document in an isolated worker
    process). ``max_rows`` (default 1,000,000; 0: no cap): rows read from one table at most.
    A file given twice, or two files with the same bytes, count once; ``on_note`` is called with
    a line saying so. ``progress``: see :func:`~actionplans.comparison.inputs.load_inputs`.
    ``as_of`` (default today) decides what is overdue: due_end before it and not Blue (complete).
    ``row_cap``: rows listed per authority and topic in ``topic_rows``. ``exclude``: files the
    caller is about to write (the report, its tables), left out when folders are walked.
    The same plan given in several files (e.g. its DOCX, PDF and HTML: the same authority and
    date, near-identical rows) is counted once and its other files listed (``views.duplicates``,
    the overview's "same plan also in"); ``keep_duplicates`` counts every file as a plan.
    """
    when = parse_as_of(as_of)
    if isinstance(df_or_paths, pd.DataFrame):
        inputs = frame_inputs(df_or_paths)
    else:
        paths = [df_or_paths] if isinstance(df_or_paths, (str, os.PathLike)) else list(df_or_paths)
        inputs = load_inputs(paths, exclude=exclude, max_rows=max_rows, progress=progress, **convert_options)
        for note in inputs.notes:
            if on_note is not None:
                on_note(note)
    return build(inputs, when, row_cap=row_cap, keep_duplicates=keep_duplicates)


def write_view_tables(views: Comparison, folder: Union[str, os.PathLike], safe: bool = True) -> list[Path]:
    """Each view as ``<folder>/<view>.csv`` (UTF-8, CRLF, quoted where needed; written whole or not
    at all). Arrow writes them: action_topics has a row per action, 600,000 at 2,000 plans.
    ``safe`` (the default) guards text cells against formula injection (:mod:`actionplans.cellsafe`)."""
    from ..writers import atomic_path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in views.tables().items():
        target = folder / f"{name}.csv"
        with atomic_path(target) as tmp:
            _write_csv(_guarded(df) if safe else df, tmp)
        written.append(target)
    return written


def _guarded(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its text cells guarded against formula injection (numbers and dates untouched)."""
    from ..cellsafe import guard

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(lambda v: guard(v) if isinstance(v, str) else v)
    return out


def _write_csv(df: pd.DataFrame, target: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        options = pacsv.WriteOptions(eol="\r\n", quoting_style="needed")
    except TypeError:  # an older Arrow without these options
        df.to_csv(target, index=False, encoding="utf-8", lineterminator="\r\n")
        return
    pacsv.write_csv(pa.Table.from_pandas(df, preserve_index=False), target, write_options=options)


def write_report(views: Comparison, target: Union[str, os.PathLike], tables_dir: Optional[str] = None) -> Path:
    """The HTML report of ``views`` written to ``target``; ``tables_dir`` is named in the page
    as where the full tables are."""
    from ..writers import atomic_path
    from .render import render_report

    target = Path(target)
    html = render_report(views, tables_dir=tables_dir)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target
