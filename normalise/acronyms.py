"""Acronym definitions and the ``acronyms`` column.

Definitions are gathered from four sources; the first to define an abbreviation wins:
1. ``glossary``   - the document's own glossary tables (``SideData.acronyms``);
2. ``inline``     - definitions in the document's text, both ways round (Schwartz–Hearst);
3. ``user``       - a user file (``--acronyms file.csv``: abbreviation, expansion);
4. ``dictionary`` - the packaged ``data/acronyms.csv`` of English children's-services terms.
The document's own definitions come first because councils use the same letters for
different things ("CAT" is "Childrens Assessment team" in one plan). A user file outranks the
generic dictionary: it is the user's knowledge of their own councils.

``row_acronyms`` lists the defined acronyms a row uses, in order of first use;
``expanded_columns`` gives copies of the text columns with each acronym's expansion added
after its first use, for ``--expand-acronyms``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from actionplans.errors import InputError
from actionplans.model import Action, Cell, Document, Heading, ListItem, Paragraph, Table

from . import _data
from .schwartz_hearst import find_definitions
from .text import one_line

__all__ = ["Definition", "Definitions", "build_definitions", "document_texts", "load_acronym_file",
           "row_acronyms", "format_acronyms", "expand_text", "expanded_columns", "TEXT_COLUMNS", "SOURCES"]

SOURCES = ("glossary", "inline", "user", "dictionary")

#: the Action text columns searched for acronyms (and expanded by ``expanded_columns``)
TEXT_COLUMNS = ("theme", "recommendation", "action", "owner_raw", "measures", "progress")


@dataclass(frozen=True)
class Definition:
    abbreviation: str
    expansion: str
    source: str  # one of SOURCES


class Definitions:
    """Abbreviation -> Definition, the first source to define one winning."""

    def __init__(self, definitions: Iterable[Definition] = ()):
        self._defs: dict[str, Definition] = {}
        # what a text uses and its expanded copy, per text, while the definitions stay as they are
        # (a plan repeats its themes and recommendations row after row)
        self._uses: dict[str, tuple[str, ...]] = {}
        self._expanded: dict[str, str] = {}
        for d in definitions:
            self.add(d)
        self._pattern: Optional[re.Pattern] = None

    def add(self, d: Definition) -> None:
        abbr, exp = one_line(d.abbreviation).strip(" :=-"), one_line(d.expansion).strip(" :=-")
        if abbr and exp and abbr not in self._defs and exp.casefold() != abbr.casefold():
            self._defs[abbr] = Definition(abbr, exp, d.source)
            self._pattern = None
            self._uses.clear()
            self._expanded.clear()

    def get(self, abbr: str) -> Optional[Definition]:
        return self._defs.get(abbr)

    def __len__(self) -> int:
        return len(self._defs)

    def __iter__(self) -> Iterator[Definition]:
        return iter(self._defs.values())

    def pattern(self) -> Optional[re.Pattern]:
        if self._pattern is None and self._defs:
            keys = sorted(self._defs, key=len, reverse=True)
            alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
            self._pattern = re.compile(rf"(?<![\w&])({alt})(?:['’]?s)?(?![\w&])")
        return self._pattern


def _cell_texts(cell: Cell) -> Iterator[str]:
    yield cell.text
    for t in cell.tables:
        yield from _table_texts(t)


def _table_texts(table: Table) -> Iterator[str]:
    for row in table.rows:
        for cell in row.cells:
            if cell is not None:
                yield from _cell_texts(cell)


def document_texts(doc: Optional[Document]) -> Iterator[str]:
    """Every text of a document: title, headings, paragraphs, list items, table cells."""
    if doc is None:
        return
    if doc.title:
        yield doc.title
    for b in doc.blocks:
        if isinstance(b, (Heading, Paragraph, ListItem)):
            yield b.text
        elif isinstance(b, Table):
            yield from _table_texts(b)


def load_acronym_file(path: str) -> list[Definition]:
    """A user's acronym CSV: abbreviation, expansion (a header row is optional)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"acronyms file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read acronyms file {path}: {type(exc).__name__}") from None
    rows = [r for r in csv.reader(text.splitlines()) if any(c.strip() for c in r)]
    if rows and [c.strip().casefold() for c in rows[0][:2]] in (["abbreviation", "expansion"], ["acronym", "expansion"],
                                                                 ["abbr", "expansion"], ["acronym", "meaning"]):
        rows = rows[1:]
    out = []
    for i, r in enumerate(rows, 1):
        if len(r) < 2 or not r[0].strip() or not r[1].strip():
            raise InputError(f"acronyms file {path}: line {i} needs 'abbreviation,expansion'")
        out.append(Definition(r[0].strip(), r[1].strip(), "user"))
    return out


def _dictionary() -> list[Definition]:
    return [Definition(r["abbreviation"], r["expansion"], "dictionary") for r in _data.rows("acronyms.csv")]


def build_definitions(glossary: Iterable[tuple[str, str]] = (), document: Optional[Document] = None,
                      user: Iterable[Definition] = (), packaged: bool = True) -> Definitions:
    defs = Definitions(Definition(a, e, "glossary") for a, e in glossary)
    for text in document_texts(document):
        for short, long in find_definitions(text):
            defs.add(Definition(short, long, "inline"))
    for d in user:
        defs.add(Definition(d.abbreviation, d.expansion, "user"))
    if packaged:
        for d in _dictionary():
            defs.add(d)
    return defs


def _shouting(line: str) -> bool:
    """A line written in capitals ("CHILDREN IN CARE"), where short words are not acronyms."""
    if len(line.split()) < 3:
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


_SPACES = re.compile(r"\s+")


def _uses(text: str, pat: re.Pattern) -> Iterator[str]:
    for line in (text or "").split("\n"):
        loud = None  # asked only of a line with a short match
        for m in pat.finditer(line):
            key = _SPACES.sub(" ", m.group(1))
            if len(key) < 3:
                if loud is None:
                    loud = _shouting(line)
                if loud:
                    continue
            yield key


def row_acronyms(texts: Iterable[str], defs: Definitions) -> list[Definition]:
    """The defined acronyms used in ``texts``, in order of first use."""
    pat = defs.pattern()
    if pat is None:
        return []
    seen: dict[str, Definition] = {}
    for text in texts:
        uses = defs._uses.get(text)
        if uses is None:
            uses = defs._uses[text] = tuple(_uses(text, pat))
        for key in uses:
            d = defs.get(key)
            if d is not None and key not in seen:
                seen[key] = d
    return list(seen.values())


def format_acronyms(found: Iterable[Definition]) -> str:
    return "; ".join(f"{d.abbreviation}={d.expansion}" for d in found)


def expand_text(text: str, defs: Definitions) -> str:
    """``text`` with "ABBR (Expansion)" at each acronym's first use, unless already expanded there."""
    pat = defs.pattern()
    if not text or pat is None:
        return text or ""
    expanded = defs._expanded.get(text)
    if expanded is None:
        expanded = defs._expanded[text] = _expand(text, defs, pat)
    return expanded


def _expand(text: str, defs: Definitions, pat: re.Pattern) -> str:
    done: set[str] = set()
    out, last = [], 0
    for m in pat.finditer(text):
        key = _SPACES.sub(" ", m.group(1))
        d = defs.get(key)
        if d is None or key in done:
            continue
        done.add(key)
        around = text[max(0, m.start() - len(d.expansion) - 3):m.end() + len(d.expansion) + 3].casefold()
        if d.expansion.casefold() in around:
            continue
        out.append(text[last:m.end()])
        out.append(f" ({d.expansion})")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def expanded_columns(action: Action, definitions: Definitions) -> dict[str, str]:
    """For ``--expand-acronyms``: ``{"<column>_expanded": text}`` for each column of TEXT_COLUMNS.

    Each acronym in the column gets its expansion in brackets after its first use
    ("IRO (Independent Reviewing Officer) to review ..."); the original columns are unchanged.
    """
    return {f"{col}_expanded": expand_text(getattr(action, col, "") or "", definitions) for col in TEXT_COLUMNS}
