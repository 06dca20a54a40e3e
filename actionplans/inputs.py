"""What the inputs name: files, folders (walked) and globs into the documents to convert."""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .results import FileResult

__all__ = ["Inputs", "collect_inputs", "find_inputs", "DOCUMENT_SUFFIXES", "PLAIN_TEXT_SUFFIXES"]

#: extensions picked up when walking a folder (explicitly named files are sniffed whatever their name)
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".xhtml", ".txt", ".md", ".markdown",
                     ".xlsx", ".xlsm", ".ods", ".csv")
#: plain text also holds READMEs, notes and build logs: found in a folder or by a glob, such a file
#: counts as a plan only when actions are found in it (a file named on its own always counts)
PLAIN_TEXT_SUFFIXES = (".txt", ".md", ".markdown")


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

    def is_plan(self, result: FileResult) -> bool:
        """False for a plain-text file found by a walk that converted without a single action:
        a README or notes beside the plans, not a plan (a failure still counts, to be reported)."""
        return not (result.path in self.text_found and result.ok and not result.actions)


def find_inputs(inputs: Iterable[str], exclude: Iterable[os.PathLike | str] = ()) -> tuple[list[Path], list[str]]:
    """Expand files, folders (recursively) and globs. Returns (documents, skipped); see :func:`collect_inputs`."""
    found = collect_inputs(inputs, exclude=exclude)
    return list(found.files), list(found.skipped)


def _output_files(outputs: Iterable[os.PathLike | str]) -> tuple[set[Path], list[tuple[Path, str, str]]]:
    """The files an output writes (``out.csv`` and its side tables ``out.documents.csv`` ...), to be left
    out of the inputs: a tracker folder is also where a table of actions gets written."""
    exact: set[Path] = set()
    families: list[tuple[Path, str, str]] = []
    for out in outputs:
        p = Path(out).resolve()
        exact.add(p)
        families.append((p.parent, p.stem + ".", p.suffix.lower()))
    return exact, families


def collect_inputs(inputs: Iterable[str], exclude: Iterable[os.PathLike | str] = ()) -> Inputs:
    """Expand files, folders (recursively) and globs.

    A file named on its own is always taken (its content decides the format); from
    folders and glob matches only files with a document extension are taken, the rest
    are listed as skipped, and plain-text files among them (.txt, .md) count as plans only
    when actions are found in them (``Inputs.is_plan``). Hidden folders are not entered.
    Files found in a folder or by a glob that ``exclude`` writes (the output table and its side
    tables), and pages actionplans wrote (a compare report or diff page, known by their generator
    tag), are left out. Raises FileNotFoundError for an input that names nothing.
    """
    from .outputs import written_by_actionplans

    exact, families = _output_files(exclude)

    def is_output(p: Path) -> bool:
        key = p.resolve()
        return key in exact or any(key.parent == d and key.name.startswith(stem) and key.suffix.lower() == suffix
                                   for d, stem, suffix in families)

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
        if exact and is_output(p):
            return
        if p.suffix.lower() in (".html", ".htm") and written_by_actionplans(p):
            skipped.append(str(p))
            return
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
