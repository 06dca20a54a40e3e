"""The library API: files in, normalised actions out. The CLI is a thin shell over this."""
from __future__ import annotations

import glob
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .errors import InputError
from .model import COLUMNS, Action, Extraction

#: extensions picked up when walking a folder (explicitly named files are sniffed whatever their name)
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".xhtml", ".txt", ".md", ".markdown")


@dataclass(frozen=True)
class ConvertOptions:
    plan_date: Optional[str] = None  # ISO date, when the document does not state one
    authority: Optional[str] = None  # council name, when the document does not state one
    roster: Optional[str] = None  # path of a CSV of officers: name, role, aliases
    acronyms: Optional[str] = None  # path of a CSV of acronyms: abbreviation, expansion
    expand_acronyms: bool = False  # add expanded copies of the text columns


@dataclass
class FileResult:
    path: str
    format: str = ""
    actions: list[Action] = field(default_factory=list)
    extraction: Optional[Extraction] = None
    error: Optional[str] = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def find_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Expand files, folders (recursively) and globs. Returns (documents, skipped).

    Named files are always returned (their content decides the format); inside folders
    only files with a document extension are taken, the rest are listed as skipped.
    """
    found: list[Path] = []
    skipped: list[str] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(p)

    for item in inputs:
        paths = [Path(item)] if os.path.exists(item) else [Path(p) for p in sorted(glob.glob(item, recursive=True))]
        if not paths:
            raise FileNotFoundError(item)
        for p in paths:
            if p.is_dir():
                for sub in sorted(p.rglob("*")):
                    if sub.is_file():
                        if sub.suffix.lower() in DOCUMENT_SUFFIXES and not sub.name.startswith((".", "~$")):
                            add(sub)
                        else:
                            skipped.append(str(sub))
            else:
                add(p)
    return found, skipped


def extract_file(path: str | os.PathLike, options: ConvertOptions = ConvertOptions()) -> Extraction:
    """Read and extract one document (no normalisation)."""
    from actionplans.extract import extract
    from actionplans.ingest import read

    doc = read(path)
    return extract(doc, plan_date=options.plan_date, authority=options.authority)


def convert_file(path: str | os.PathLike, options: ConvertOptions = ConvertOptions()) -> FileResult:
    """Convert one file; never raises for bad input — the reason is in ``FileResult.error``."""
    from actionplans.normalise import normalise

    start = time.perf_counter()
    result = FileResult(path=str(path))
    try:
        ex = extract_file(path, options)
        result.format = ex.document.format
        result.extraction = ex
        result.actions = normalise(ex, options)
    except InputError as exc:
        result.error = str(exc)
    except MemoryError:
        result.error = "out of memory while reading"
    except RecursionError:
        result.error = "document structure nested too deeply"
    except Exception as exc:  # a reader bug must cost this file only, never the batch
        result.error = f"cannot convert ({type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else 'no detail'})"
    result.seconds = time.perf_counter() - start
    return result


def convert_files(paths: Sequence[Path], options: ConvertOptions = ConvertOptions()) -> list[FileResult]:
    return [convert_file(p, options) for p in paths]


def convert(paths: Iterable[str] | str, **options):
    """Convert files, folders or globs; return a pandas DataFrame in the columns of SCHEMA.md.

    ``df.attrs["documents"]`` lists one dict per input (path, format, actions, seconds, error).
    """
    import pandas as pd

    if isinstance(paths, (str, os.PathLike)):
        paths = [str(paths)]
    files, _ = find_inputs([str(p) for p in paths])
    results = convert_files(files, ConvertOptions(**options))
    rows = [asdict(a) for r in results for a in r.actions]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df.attrs["documents"] = [
        {"path": r.path, "format": r.format, "actions": len(r.actions), "seconds": round(r.seconds, 3),
         "status": "ok" if r.ok else "failed", "error": r.error or ""}
        for r in results
    ]
    return df
