"""The library API: files in, normalised actions out. The CLI is a thin shell over this."""
from __future__ import annotations

import glob
import os
import time
import traceback
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from .errors import InputError
from .model import Action, Extraction, PlanNotes

if TYPE_CHECKING:  # pragma: no cover
    from .batch import BatchOptions
    from .tables import Tables

#: extensions picked up when walking a folder (explicitly named files are sniffed whatever their name)
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".xhtml", ".txt", ".md", ".markdown")
#: plain text also holds READMEs, notes and build logs: found in a folder or by a glob, such a file
#: counts as a plan only when actions are found in it (a file named on its own always counts)
PLAIN_TEXT_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True)
class ConvertOptions:
    """What changes the conversion of one file (the batch settings are in :class:`~actionplans.batch.BatchOptions`)."""

    plan_date: Optional[str] = None  # ISO date, when the document does not state one
    authority: Optional[str] = None  # council name, when the document does not state one
    roster: Optional[str] = None  # path of a CSV of officers: name, role, aliases
    acronyms: Optional[str] = None  # path of a CSV of acronyms: abbreviation, expansion
    expand_acronyms: bool = False  # add expanded copies of the text columns
    password: Optional[str] = None  # opens encrypted PDFs
    pdf_engine: Optional[str] = None  # where PDF geometry is read from: "pdfium" (default) or "pdfminer"


@dataclass(frozen=True)
class FileResult:
    """The outcome of one input. Small and picklable: what crosses from a worker process.

    ``extraction`` (the whole Document) is kept only by :func:`convert_file` run in-process;
    the batch workers drop it.
    """

    path: str
    format: str = ""
    actions: list[Action] = field(default_factory=list)
    extraction: Optional[Extraction] = None
    error: Optional[str] = None
    seconds: float = 0.0
    pages: Optional[int] = None
    n_tables: int = 0
    sha256: str = ""
    officers: tuple[tuple[str, str, str], ...] = ()  # (name, role, source): the resolved roster
    acronyms: tuple[tuple[str, str, str], ...] = ()  # (abbreviation, expansion, source): the plan's own, and those its rows use
    resumed: bool = False  # taken from the resume journal, not converted again
    expanded: tuple[dict, ...] = ()  # with --expand-acronyms: {"<column>_expanded": text} per action
    stated_authority: str = ""  # the council the document itself names
    stated_plan_date: str = ""  # the plan's date as the document states it
    conflicts: tuple[str, ...] = ()  # where --authority / --plan-date disagreed with the document (which won)
    plan: PlanNotes = PlanNotes()  # the plan date as written, document-level warnings (documents table)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def source_file(self) -> str:
        return Path(self.path).name


def _is_document_name(p: Path) -> bool:
    return p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith((".", "~$"))


def _walk(root: Path) -> list[Path]:
    """Every file below ``root``, sorted, without entering hidden folders (.git, .venv, ...)."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend(Path(folder) / f for f in files)
    return sorted(out)


@dataclass(frozen=True)
class Inputs:
    """What a list of files, folders and globs names (see :func:`collect_inputs`)."""

    files: tuple[Path, ...]  # the documents to convert, in order
    skipped: tuple[str, ...]  # found in a folder or by a glob, but not documents by their name
    text_found: frozenset[str]  # plain-text files found in a folder or by a glob: plans only if they hold actions

    def is_plan(self, result: "FileResult") -> bool:
        """False for a plain-text file found by a walk that converted without a single action:
        a README or notes beside the plans, not a plan (a failure still counts, to be reported)."""
        return not (result.path in self.text_found and result.ok and not result.actions)


def find_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Expand files, folders (recursively) and globs. Returns (documents, skipped); see :func:`collect_inputs`."""
    found = collect_inputs(inputs)
    return list(found.files), list(found.skipped)


def collect_inputs(inputs: Iterable[str]) -> Inputs:
    """Expand files, folders (recursively) and globs.

    A file named on its own is always taken (its content decides the format); from
    folders and glob matches only files with a document extension are taken, the rest
    are listed as skipped, and plain-text files among them (.txt, .md) count as plans only
    when actions are found in them (``Inputs.is_plan``). Hidden folders are not entered.
    Raises FileNotFoundError for an input that names nothing.
    """
    found: list[Path] = []
    skipped: list[str] = []
    text_found: set[str] = set()
    seen: set[Path] = set()

    def add(p: Path) -> bool:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(p)
            return True
        return False

    def offer(p: Path) -> None:
        if _is_document_name(p):
            if add(p) and p.suffix.lower() in PLAIN_TEXT_SUFFIXES:
                text_found.add(str(p))
        else:
            skipped.append(str(p))

    for item in inputs:
        item = os.fspath(item)
        if os.path.exists(item):
            named, paths = True, [Path(item)]
        else:
            named, paths = False, [Path(p) for p in sorted(glob.glob(item, recursive=True))]
        if not paths:
            raise FileNotFoundError(item)
        for p in paths:
            if p.is_dir():
                for sub in _walk(p):
                    if sub.is_file():
                        offer(sub)
            elif named:
                add(p)
            elif p.is_file():
                offer(p)
    return Inputs(tuple(found), tuple(skipped), frozenset(text_found))


def extract_file(path: str | os.PathLike, options: ConvertOptions = ConvertOptions()) -> Extraction:
    """Read and extract one document (no normalisation; the plan facts are the document's own)."""
    from actionplans.extract import extract
    from actionplans.ingest import read

    doc = read(path, password=options.password, pdf_engine=options.pdf_engine)
    return extract(doc)  # the document's own word; options fill its blanks in normalise/


#: longest error reason passed on (a reason is one line, never the file's content)
MAX_REASON = 300


def one_line(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def crash_reason(exc: BaseException) -> str:
    """A one-line reason for an unexpected exception. It names the exception type and where
    in the package it was raised, never its message: a message may quote the file's text."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        parts = Path(frame.filename).parts
        for root in ("ingest", "extract", "normalise", "actionplans"):
            if root in parts:
                rel = "/".join(parts[len(parts) - parts[::-1].index(root) - 1:])
                where = f" in {rel} line {frame.lineno}"
                break
        if where:
            break
    return f"cannot convert: internal error{where} ({type(exc).__name__}); please report it"


def convert_file(path: str | os.PathLike, options: ConvertOptions = ConvertOptions()) -> FileResult:
    """Convert one file; never raises for bad input — the reason is in ``FileResult.error``."""
    from actionplans.normalise import normalise_document

    start = time.perf_counter()
    fmt, ex, actions, error, plan = "", None, [], None, None
    try:
        ex = extract_file(path, options)
        fmt = ex.document.format
        plan = normalise_document(ex, options)
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
    officers, acronyms = side_tables(ex, options, actions) if error is None else ((), ())
    expanded = expand_acronyms(ex, options, actions) if error is None and options.expand_acronyms else ()
    return FileResult(
        path=str(path), format=fmt, actions=actions if error is None else [], extraction=ex, error=error,
        seconds=time.perf_counter() - start, pages=ex.document.pages, n_tables=len(ex.document.tables),
        officers=officers, acronyms=acronyms, expanded=expanded,
        stated_authority=plan.authority.stated if plan else "", stated_plan_date=plan.plan_date.stated if plan else "",
        conflicts=plan.conflicts if plan else (), plan=plan.notes if plan and error is None else PlanNotes(),
    )


def expand_acronyms(ex: Extraction, options: ConvertOptions, actions: list[Action]) -> tuple[dict, ...]:
    """For --expand-acronyms: each action's text columns with the acronyms spelt out."""
    from actionplans import normalise as norm

    definitions = norm.document_definitions(ex, options)
    return tuple(norm.expanded_columns(a, definitions) for a in actions)


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


def side_tables(ex: Extraction, options: ConvertOptions, actions: list[Action]):
    """(officers, acronyms) of one document: the roster normalise/ resolved (user file, the
    plan's officers, names seen in its rows) and the plan's own acronym definitions plus those
    its rows use. Falls back on the plan's side data when normalise/ cannot say."""
    from actionplans import normalise as norm

    try:
        officers = tuple((e.name, e.role, e.source) for e in norm.build_roster(ex, options).entries)
    except Exception:  # the side tables must never cost the file its actions
        officers = tuple((name, role, "document") for name, role in ex.side.roster)
    used = _used_acronyms(actions)
    try:
        definitions = [(d.abbreviation, d.expansion, d.source) for d in norm.document_definitions(ex, options)]
    except Exception:
        definitions = [(abbr, expansion, "glossary") for abbr, expansion in ex.side.acronyms]
    acronyms = [d for d in definitions if d[2] in _OWN_ACRONYMS or d[0] in used]
    listed = {d[0] for d in acronyms}
    acronyms += [(abbr, expansion, "rows") for abbr, expansion in used.items() if abbr not in listed]
    return officers, tuple(acronyms)


def convert_files(paths: Sequence[Path], options: ConvertOptions = ConvertOptions()) -> list[FileResult]:
    """Convert files one after another in this process (no isolation; see :mod:`actionplans.batch`)."""
    return [convert_file(p, options) for p in paths]


def _split_options(options: dict) -> tuple[ConvertOptions, "BatchOptions"]:
    from .batch import BatchOptions

    names = {f.name for f in fields(ConvertOptions)}
    batch_names = {f.name for f in fields(BatchOptions)}
    unknown = set(options) - names - batch_names
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return (ConvertOptions(**{k: v for k, v in options.items() if k in names}),
            BatchOptions(**{k: v for k, v in options.items() if k in batch_names}))


def convert_tables(paths: Iterable[str] | str | Inputs, progress=None, **options) -> "Tables":
    """Like :func:`convert`, returning all four tables (actions, documents, officers, acronyms).

    ``options`` are the fields of :class:`ConvertOptions` and of
    :class:`~actionplans.batch.BatchOptions` (jobs, timeout, memory_limit, dask, journal, resume);
    a bad value raises :class:`~actionplans.options.OptionError` (a ValueError) before any file
    is read. ``progress`` is called with each FileResult as it completes (in completion order).
    Plain-text files found in a folder or by a glob that hold no actions are left out (see
    :func:`collect_inputs`).
    """
    from .batch import run_batch
    from .options import check_options
    from .tables import build_tables

    convert_options, batch_options = _split_options(options)
    convert_options = check_options(convert_options)
    if not isinstance(paths, Inputs):
        paths = collect_inputs([os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)])
    results = run_batch(paths.files, convert_options, batch_options, on_result=progress)
    return build_tables([r for r in results if paths.is_plan(r)])


def convert(paths: Iterable[str] | str, **options):
    """Convert files, folders or globs; return a pandas DataFrame in the columns of SCHEMA.md.

    Each file runs in a worker process (``jobs``, ``timeout``, ``memory_limit``; ``jobs=0`` runs
    in this process). A file that fails costs only itself: ``df.attrs["documents"]`` lists one
    dict per input (path, format, pages, tables, actions, seconds, status, error, sha256);
    ``df.attrs["officers"]`` and ``df.attrs["acronyms"]`` hold the side tables as lists of dicts.
    """
    tables = convert_tables(paths, **options)
    df = tables.actions
    for name in ("documents", "officers", "acronyms"):
        side = getattr(tables, name)
        df.attrs[name] = side.astype(object).where(side.notna(), None).to_dict("records")
    return df
