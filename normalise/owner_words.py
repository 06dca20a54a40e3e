"""Word tests for owner cells: is a text a person, a role, a team, a short form?

The vocabulary lives in ``data/owner_words.csv`` (role words, role nouns, organisation and
team head nouns, honorifics, vacancy notes, ordinary words that are no personal name).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from . import _data
from .text import fold_dashes, tidy

__all__ = ["is_person", "is_role", "is_acronym", "is_team", "tidy_owner"]


# ---------------------------------------------------------------------------
# Vocabulary and word tests
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in _data.rows("owner_words.csv") if r["kind"] == kind)


@lru_cache(maxsize=None)
def _not_name_words() -> frozenset[str]:
    """Words no personal name holds: role, organisation and ordinary words."""
    return _words("role") | _words("org") | _words("common")


#: distinct texts whose word tests are remembered (owner cells repeat the same few leads)
MEMO_TEXTS = 8192


_TOKEN = re.compile(r"[\w'’&\-.]+")
_NAME_TOKEN = re.compile(r"(?:Mc|Mac|O'|O’|D'|D’)?[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?(?:[A-Z][a-z]+)?$")
_INITIAL = re.compile(r"[A-Z]\.?$")
_ACRONYM = re.compile(r"(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z0-9&]*[A-Z0-9]$")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _low(token: str) -> str:
    return token.casefold().replace("’", "'").strip(".")


@lru_cache(maxsize=MEMO_TEXTS)
def is_acronym(text: str) -> bool:
    """'SGU', 'PP&P', 'CiCC', 'AD' (two or more capitals, no spaces)."""
    t = text.strip().strip(".")
    return bool(t) and " " not in t and bool(_ACRONYM.match(t))


@lru_cache(maxsize=MEMO_TEXTS)
def is_role(text: str) -> bool:
    return any(_low(t) in _words("role") for t in _tokens(text))


@lru_cache(maxsize=MEMO_TEXTS)
def _has_org_word(text: str) -> bool:
    return any(_low(t) in _words("org") for t in _tokens(text))


def _strip_title(tokens: list[str]) -> list[str]:
    while tokens and _low(tokens[0]) in _words("title"):
        tokens = tokens[1:]
    return tokens


def is_person(text: str, roster: Optional[Any] = None) -> bool:
    """Does ``text`` look like one personal name ("Sue Butcher", "S Butcher", "Linda McCrum")?"""
    if roster is not None and roster.knows(text):
        return True
    return _looks_like_person(text)


@lru_cache(maxsize=MEMO_TEXTS)
def _looks_like_person(text: str) -> bool:
    """``is_person`` without a roster: two to four words that read as a personal name."""
    toks = _strip_title(text.split())
    if not 2 <= len(toks) <= 4:
        return False
    not_name = _not_name_words()
    if any(_low(t) in not_name for t in toks):
        return False
    first, rest = toks[0], toks[1:]
    if not (_NAME_TOKEN.match(first) or _INITIAL.match(first)):
        return False
    return all(_NAME_TOKEN.match(t) for t in rest)


@lru_cache(maxsize=MEMO_TEXTS)
def is_team(text: str) -> bool:
    """A team, service or organisation named by its head noun ("Commissioning Team", "Legal
    Services", "Public Protection Unit", "Police", "Wiltshire Police")."""
    toks = _tokens(text)
    if not toks or not toks[0][:1].isupper():
        return False
    last = _low(toks[-1])
    if last in _words("org"):
        return True
    return len(toks) >= 2 and last in _words("unit")


@lru_cache(maxsize=MEMO_TEXTS)
def _is_affiliation(text: str) -> bool:
    """An organisation after a person's name (", Wiltshire Police", ", Audit Action group")."""
    toks = _tokens(text)
    return bool(toks) and _low(toks[-1]) in _words("org")


_QUALIFIED = re.compile(r"\b(?:of|for|in)\b|[()]", re.IGNORECASE)
_SPACE_BEFORE_MARK = re.compile(r"\s+([,;/])")
_TRAILING_STOPS = re.compile(r"[.\s]+$")


@lru_cache(maxsize=MEMO_TEXTS)
def _role_takes_qualifier(role: str) -> bool:
    """A bare job title ("Team Manager", "Detective Chief Inspector") may be followed by its
    department after a comma; one already qualified ("Head of X", "Lead Member for Y",
    "Head of Service (CiC)", "LSCB Business Manager", "Police Inspector") may not."""
    if _QUALIFIED.search(role):
        return False
    return not any(is_acronym(t) or _low(t) in _words("org") for t in role.split())


@lru_cache(maxsize=MEMO_TEXTS)
def tidy_owner(text: str) -> str:
    """Whitespace collapsed, stray punctuation and trailing full stops dropped."""
    s = tidy(fold_dashes(text), keep_newlines=False)
    s = _SPACE_BEFORE_MARK.sub(r"\1", s)
    s = s.strip(" \t,;:/-")
    s = _TRAILING_STOPS.sub("", s)
    return s.strip(" ,;:-")
