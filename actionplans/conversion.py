"""The conversion of one file: read, extract, normalise, and the side tables of its plan.
Never raises for bad input (the reason is in ``FileResult.error``): the batch runs this in
each worker, the library and ``inspect`` in-process.

The stages (ingest, extract, normalise: numpy, scipy, pdfplumber) are imported when the first
file is converted, not with the package: ``import actionplans`` and ``actionplans --help`` stay
quick (0.25 s against 1.5 s). No circle depends on it: the stages import only the model."""
from __future__ import annotations

import os
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import InputError
from .gcpause import paused_gc
from .model import Action, Extraction, PlanNotes
from .results import FileResult
from .settings import ConvertOptions

if TYPE_CHECKING:  # pragma: no cover
    from .normalise import NormalisedDocument

__all__ = ["convert_file", "convert_files", "extract_file", "side_tables", "expand_acronyms", "one_line",
           "crash_reason"]


def extract_file(path: str | os.PathLike, options: ConvertOptions = ConvertOptions()) -> Extraction:
    """Read and extract one document (no normalisation; the plan facts are the document's own)."""
    from .extract import extract
    from .ingest import read

    doc = read(path, password=options.password, pdf=options.pdf, pdf_engine=options.pdf_engine, ocr=options.ocr)
    with paused_gc():  # after the read: the PDF reader pauses the collector page by page itself
        return extract(doc, options.extract)  # the document's own word; options fill its blanks in normalise/


#: longest error reason passed on (a reason is one line, never the file's content)
MAX_REASON = 300


def one_line(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def _source_roots() -> list[tuple[Path, str]]:
    """The folders the package's code is installed from, with the names a report gives them
    (found from the import system, never guessed from a path: a clone may sit in a folder
    called 'actionplans' too)."""
    from importlib.util import find_spec

    roots = []
    for package, name in (("actionplans.ingest", "ingest"), ("actionplans.extract", "extract"),
                          ("actionplans.normalise", "normalise"), ("actionplans", "actionplans")):
        spec = find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            roots.append((Path(folder).resolve(), name))
    return roots


def crash_reason(exc: BaseException) -> str:
    """A one-line reason for an unexpected exception. It names the exception type and where
    in the package it was raised, never its message: a message may quote the file's text."""
    where = ""
    roots = _source_roots()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename).resolve()
        for root, name in roots:
            if path.is_relative_to(root):
                where = f" in {name}/{path.relative_to(root).as_posix()} line {frame.lineno}"
                break
        if where:
            break
    return f"cannot convert: internal error{where} ({type(exc).__name__}); please report it"


def convert_file(path: str | os.PathLike, options: ConvertOptions = ConvertOptions()) -> FileResult:
    """Convert one file; never raises for bad input — the reason is in ``FileResult.error``."""
    from . import normalise as norm

    start = time.perf_counter()
    fmt, ex, actions, error, plan = "", None, [], None, None
    try:
        ex = extract_file(path, options)
        fmt = ex.document.format.value
        with paused_gc():
            plan = norm.normalise_document(ex, options)
        actions = list(plan.actions)
    except InputError as exc:
        error = one_line(exc) or "cannot read this file"
    except MemoryError:
        error = "out of memory while converting (raise --memory-limit if the file is genuine)"
    except RecursionError:
        error = "document structure nested too deeply"
    except Exception as exc:  # a reader bug must cost this file only, never the batch
        error = crash_reason(exc)
    if ex is None:
        return FileResult(path=str(path), error=error, seconds=time.perf_counter() - start)
    with paused_gc():
        officers, acronyms = side_tables(plan) if error is None else ((), ())
    expanded = expand_acronyms(plan) if error is None and options.expand_acronyms else ()
    return FileResult(
        path=str(path), format=fmt, actions=actions if error is None else [], extraction=ex, error=error,
        seconds=time.perf_counter() - start, pages=ex.document.pages, n_tables=len(ex.document.tables),
        officers=officers, acronyms=acronyms, expanded=expanded,
        stated_authority=plan.authority.stated if plan else "", stated_plan_date=plan.plan_date.stated if plan else "",
        conflicts=plan.conflicts if plan else (), plan=plan.notes if plan and error is None else PlanNotes(),
    )


def expand_acronyms(plan: "NormalisedDocument") -> tuple[dict, ...]:
    """For --expand-acronyms: each action's text columns with the acronyms spelt out."""
    from .normalise import expanded_columns

    return tuple(expanded_columns(a, plan.definitions) for a in plan.actions)


#: acronym sources listed for every document; the others (user file, dictionary) only where a row uses them
_OWN_ACRONYMS = ("glossary", "inline")


def _used_acronyms(actions: list[Action]) -> dict[str, str]:
    used: dict[str, str] = {}
    for a in actions:
        for part in a.acronyms.split(";"):
            abbr, sep, expansion = part.partition("=")
            if sep and abbr.strip():
                used.setdefault(abbr.strip(), expansion.strip())
    return used


def side_tables(plan: "NormalisedDocument"):
    """(officers, acronyms) of one document: the roster normalise/ resolved (user file, the
    plan's officers, names seen in its rows) and the plan's own acronym definitions plus those
    its rows use."""
    officers = tuple((e.name, e.role, e.source) for e in plan.roster.entries)
    used = _used_acronyms(plan.actions)
    definitions = [(d.abbreviation, d.expansion, d.source) for d in plan.definitions]
    acronyms = [d for d in definitions if d[2] in _OWN_ACRONYMS or d[0] in used]
    listed = {d[0] for d in acronyms}
    acronyms += [(abbr, expansion, "rows") for abbr, expansion in used.items() if abbr not in listed]
    return officers, tuple(acronyms)


def convert_files(paths: Sequence[Path], options: ConvertOptions = ConvertOptions()) -> list[FileResult]:
    """Convert files one after another in this process (no isolation; see :mod:`actionplans.batch`)."""
    return [convert_file(p, options) for p in paths]
