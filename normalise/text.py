"""Whitespace tidying shared by every normaliser."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


class _Controls(dict):
    """A str.translate table deleting control, format and surrogate characters (but "\n"
    and "\t"), each character's category looked up once (a plan has a few hundred)."""

    def __missing__(self, code: int):
        ch = chr(code)
        keep = ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
        self[code] = code if keep else None
        return self[code]


_CONTROLS = _Controls()


#: distinct texts whose tidied form is remembered (cell texts repeat: owners, dates, RAG words)
MEMO_TEXTS = 8192
_ANY_SPACE = re.compile(r"\s+")


def tidy(text: object, keep_newlines: bool = True) -> str:
    """Collapse runs of whitespace to one space; keep single "\\n" paragraph breaks if asked.

    Accepts anything (None, numbers) so a malformed record never raises here.
    """
    if text is None:
        return ""
    return _tidy(text if type(text) is str else str(text), keep_newlines)


@lru_cache(maxsize=MEMO_TEXTS)
def _tidy(s: str, keep_newlines: bool) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    s = s.translate(_CONTROLS)
    s = _SPACES.sub(" ", s)
    if keep_newlines:
        s = _BLANK_LINES.sub("\n", s.strip())
    else:
        s = _ANY_SPACE.sub(" ", s)
    return s.strip()


def one_line(text: object) -> str:
    """``tidy`` with paragraph breaks turned into spaces."""
    return tidy(text, keep_newlines=False)


def fold_dashes(text: str) -> str:
    """En/em dashes, minus signs and friends as ASCII "-"."""
    return _DASHES.sub("-", text)


#: longest cell text a warning quotes; the row holds the whole cell beside it
QUOTE_MAX = 40


def quote(text: object, limit: int = QUOTE_MAX) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" — for quoting a cell in a warning."""
    s = one_line(text)
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"
