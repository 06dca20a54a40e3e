"""Side data: glossaries (acronyms), RAG keys and rosters of named officers."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from actionplans.model import Document, Paragraph, Table
from actionplans.normalise.rag import colour_word
from actionplans.normalise.recognise import is_person_name, is_role_or_team

from .grid import Grid
from .vocabulary import words


@lru_cache(maxsize=None)
def side_vocabulary() -> dict:
    return json.loads(resources.files("actionplans.extract").joinpath("data/side.json").read_text("utf-8"))


_ACRONYM = re.compile(r"^[A-Za-z&/'’0-9.\- ]{1,12}$")


def is_acronym(text: str) -> bool:
    t = " ".join(text.split())
    if not t or not _ACRONYM.match(t) or len(t.split()) > 2:
        return False
    caps = sum(1 for ch in t if ch.isupper())
    return caps >= 2 or (caps >= 1 and ("&" in t or any(ch.isdigit() for ch in t)))


def glossary_pairs(grid: Grid, n_header: int) -> list[tuple[str, str]]:
    """(abbreviation, expansion) pairs when the table is a glossary, else []."""
    if grid.n_cols < 2 or grid.n_cols % 2:
        return []
    head_words = set(words(" ".join(grid.text(r, c) for r in range(n_header) for c in range(grid.n_cols))))
    headed = bool(head_words & set(side_vocabulary()["glossary_headers"]))
    pairs, tried = [], 0
    for r in range(n_header, grid.n_rows):
        for c in range(0, grid.n_cols, 2):
            abbr, exp = " ".join(grid.text(r, c).split()), " ".join(grid.text(r, c + 1).split())
            if not abbr and not exp:
                continue
            tried += 1
            if is_acronym(abbr) and exp and len(exp) > len(abbr):
                pairs.append((abbr, exp))
    if not tried:
        return []
    share = len(pairs) / tried
    return pairs if share >= 0.8 or (headed and share >= 0.5) else []


def _colour(text: str) -> str | None:
    """The RAG value of the colour word a key's cell opens with ("Blue (B)", "Amber – at risk"), or
    that follows its own letter ("R – Red", "A: Amber")."""
    toks = words(text)
    if not toks:
        return None
    value = colour_word(toks[0])
    if value is None and len(toks) > 1 and len(toks[0]) == 1 and toks[1].startswith(toks[0]):
        value = colour_word(toks[1])
    return value


def rag_key(grid: Grid) -> list[tuple[str, str]]:
    """The plan's own RAG meanings: (word, letter, meaning or #RRGGBB) -> RAG value."""
    colour_cells = [(r, c) for r in range(grid.n_rows) for c in range(grid.n_cols)
                    if grid.is_origin(r, c) and _colour(grid.text(r, c)) and len(words(grid.text(r, c))) <= 3]
    if len(colour_cells) < 3:
        return []
    rows = {r for r, _ in colour_cells}
    across = len(rows) < len(colour_cells)  # colours side by side: meanings below them
    key: list[tuple[str, str]] = []
    for r, c in colour_cells:
        cell = grid[r][c].cell
        value = _colour(cell.text)
        toks = words(cell.text)
        key.extend((t, value) for t in toks[:2] if t == toks[0] or len(toks[0]) == 1)  # "r" and "red" of "R – Red"
        for letter in re.findall(r"\(([A-Za-z]{1,3})\)", cell.text):
            key.append((letter.casefold(), value))
        if cell.fill:
            key.append((cell.fill.upper(), value))
        rr, cc = (r + 1, c) if across else (r, c + 1)
        if rr < grid.n_rows and cc < grid.n_cols:
            meaning = " ".join(grid.text(rr, cc).split())
            if meaning and not _colour(meaning):
                key.append((meaning.casefold().rstrip("."), value))
    return key


_NAME = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Cllr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+){1,2}"
_NAME_ROLE = re.compile(rf"^\s*(?P<name>{_NAME})\s*(?:\((?P<role1>[^)]+)\)|[,]?\s*[-–—:,]+\s*(?P<role2>.+))\s*$")


def _is_role(text: str) -> bool:
    return is_role_or_team(text)


def name_and_role(text: str) -> tuple[str, str] | None:
    """("Sarah Webb", "Head of Strategic Safeguarding") from "Sarah Webb - Head of Strategic Safeguarding"."""
    m = _NAME_ROLE.match(" ".join(text.split()))
    if not m or not is_person_name(m.group("name")):  # "Detective Chief Inspector, Public Protection Unit"
        return None
    role = (m.group("role1") or m.group("role2") or "").strip(" ,-–")
    if not role or not _is_role(role):
        return None
    return m.group("name"), role


def roster(doc: Document, side_tables: Iterable[Table]) -> list[tuple[str, str]]:
    """Named officers with their roles, from lines and non-action table cells that pair them."""
    found: dict[str, str] = {}
    texts: list[str] = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    for t in side_tables:
        for row in t.rows:
            for cell in row.cells:
                if cell is not None:
                    texts.extend(cell.text.split("\n"))
    for text in texts:
        nr = name_and_role(text)
        if nr and nr[0] not in found:
            found[nr[0]] = nr[1]
    return list(found.items())
