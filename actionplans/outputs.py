"""Outputs that must not overwrite inputs, and files the tool itself wrote (left out of folder walks).

An output that is also an input (the same file after resolving links) is refused before
anything is read: ``diff a.html b.html -o b.html`` would otherwise destroy ``b.html``. A file
found in a folder walk that actionplans wrote (a report or diff page, a table it wrote) is not
read as a plan; an output that would overwrite a file the walk found and that actionplans did not
write is refused too.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Iterable, Optional

__all__ = ["GENERATOR", "same_file", "clash", "written_by_actionplans", "OUR_TABLE_HEADERS"]

#: the <meta name="generator"> every HTML page actionplans writes carries
GENERATOR = "actionplans"
_GENERATOR_TAG = f'<meta name="generator" content="{GENERATOR}'.encode()


def same_file(a: os.PathLike | str, b: os.PathLike | str) -> bool:
    """True when ``a`` and ``b`` are one file (links resolved; one that does not exist yet
    compares by its resolved path)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def clash(outputs: Iterable[os.PathLike | str], inputs: Iterable[os.PathLike | str]) -> Optional[tuple[Path, Path]]:
    """The first (output, input) pair that are one file, or None."""
    inputs = [Path(i) for i in inputs]
    for out in outputs:
        for inp in inputs:
            if same_file(out, inp):
                return Path(out), inp
    return None


def OUR_TABLE_HEADERS() -> tuple[tuple[str, ...], ...]:
    """The header rows of the CSV tables actionplans writes (convert's tables, diff's changes)."""
    from .plandiff.result import CHANGE_COLUMNS
    from .tables import ACRONYMS, ACTIONS, ACTIONS_EXPANDED, DOCUMENTS, OFFICERS

    return tuple(tuple(s.names) for s in (ACTIONS, ACTIONS_EXPANDED, DOCUMENTS, OFFICERS, ACRONYMS)) + (tuple(CHANGE_COLUMNS),)


def _csv_header(path: Path) -> tuple[str, ...]:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        head = fh.read(65536)
    rows = list(csv.reader(io.StringIO(head.split("\n", 1)[0])))
    return tuple(rows[0]) if rows else ()


def written_by_actionplans(path: os.PathLike | str, headers: Iterable[tuple[str, ...]] = ()) -> bool:
    """True for a file actionplans wrote: an HTML page with its generator tag, a CSV whose header
    is one of its tables' (or one of ``headers``), an XLSX whose first sheet is its actions or changes."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            with open(path, "rb") as fh:
                return _GENERATOR_TAG in fh.read(4096)
        if suffix == ".csv":
            return _csv_header(path) in set(OUR_TABLE_HEADERS()) | set(headers)
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True)
            try:
                ws = wb.worksheets[0]
                first = next(ws.iter_rows(max_row=1, values_only=True), ())
                return ws.title in ("actions", "changes") and tuple(v or "" for v in first) in set(OUR_TABLE_HEADERS())
            finally:
                wb.close()
    except Exception:  # noqa: BLE001 - unreadable: not ours
        return False
    return False
