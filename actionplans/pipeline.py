"""The library API: files in, normalised actions out. The CLI is a thin shell over this.

The parts live in modules of their own: the options in :mod:`~actionplans.settings`, the result
of one file in :mod:`~actionplans.results`, finding the inputs in :mod:`~actionplans.inputs`,
converting one file in :mod:`~actionplans.conversion`, running many in :mod:`~actionplans.batch`.
Their public names are imported here too, so ``actionplans.pipeline`` still offers them.
"""
from __future__ import annotations

import os
from dataclasses import fields
from typing import Iterable

from .batch import run_batch
from .conversion import (convert_file, convert_files, crash_reason, expand_acronyms, extract_file,  # noqa: F401
                         one_line, side_tables)
from .inputs import DOCUMENT_SUFFIXES, PLAIN_TEXT_SUFFIXES, Inputs, collect_inputs, find_inputs  # noqa: F401
from .options import check_options
from .results import FileResult  # noqa: F401
from .settings import BatchOptions, ConvertOptions
from .tables import Tables, build_tables


def _split_options(options: dict) -> tuple[ConvertOptions, BatchOptions]:
    names = {f.name for f in fields(ConvertOptions)}
    batch_names = {f.name for f in fields(BatchOptions)}
    unknown = set(options) - names - batch_names
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return (ConvertOptions(**{k: v for k, v in options.items() if k in names}),
            BatchOptions(**{k: v for k, v in options.items() if k in batch_names}))


def convert_tables(paths: Iterable[str] | str | Inputs, progress=None, **options) -> Tables:
    """Like :func:`convert`, returning all four tables (actions, documents, officers, acronyms).

    ``options`` are the fields of :class:`ConvertOptions` and of
    :class:`BatchOptions` (jobs, timeout, memory_limit, dask, journal, resume);
    a bad value raises :class:`~actionplans.options.OptionError` (a ValueError) before any file
    is read. ``progress`` is called with each FileResult as it completes (in completion order).
    Plain-text files found in a folder or by a glob that hold no actions are left out (see
    :func:`collect_inputs`).
    """
    convert_options, batch_options = _split_options(options)
    convert_options = check_options(convert_options)
    if not isinstance(paths, Inputs):
        paths = collect_inputs([os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)])
    results = run_batch(paths.files, convert_options, batch_options, on_result=progress)
    return build_tables([r for r in results if paths.is_plan(r)])


def with_datetimes(df, spec):
    """``df`` with its date columns (ISO text, "" when blank) as ``datetime64[s]`` (NaT when blank).
    Seconds, not pandas' default nanoseconds: any year a plan writes fits (a typo such as "3013"
    would not in nanoseconds)."""
    import numpy as np
    import pandas as pd

    for col in spec.columns:
        if col.kind == "date" and col.name in df.columns:
            values = np.array([v if isinstance(v, str) and v else "NaT" for v in df[col.name]], dtype="datetime64[s]")
            df[col.name] = pd.Series(values, index=df.index)
    return df


def convert(paths: Iterable[str] | str, **options):
    """Convert files, folders or globs; return a pandas DataFrame in the columns of SCHEMA.md.

    Each file runs in a worker process (``jobs``, ``timeout``, ``memory_limit``; ``jobs=0`` runs
    in this process). A file that fails costs only itself: ``df.attrs["documents"]`` lists one
    dict per input, in the columns of the documents table (``actionplans.tables.DOCUMENTS``: status,
    error, the plan date as written, the council and date the document states, option conflicts,
    document-level warnings …);
    ``df.attrs["officers"]`` and ``df.attrs["acronyms"]`` hold the side tables as lists of dicts.

    The date columns (``plan_date``, ``due_start``, ``due_end``) are ``datetime64[s]``, NaT where
    blank: ``df[df.due_end < "2014-01-01"]`` and ``df.due_end.dt.year`` work as they are. (The
    files ``convert`` writes hold dates as the format's date: ISO text in CSV, ``date32`` in
    Parquet; see docs/reading.md.)
    """
    tables = convert_tables(paths, **options)
    df = with_datetimes(tables.actions, tables.actions_spec)
    for name in ("documents", "officers", "acronyms"):
        side = getattr(tables, name)
        df.attrs[name] = side.astype(object).where(side.notna(), None).to_dict("records")
    return df
