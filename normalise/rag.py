"""RAG cells -> Red / Amber / Green / Blue / Grey.

Read, in order: the document's own key (``SideData.rag_key``: a word or a ``#RRGGBB`` fill
with its RAG value), then RAG letters and colour words (``data/rag_words.csv``) after folding
look-alike characters (``data/confusables.csv``: Greek Α, Cyrillic А/В, fullwidth ...), then
the cell's fill: the nearest reference colour in CIELAB (``data/rag_colours.csv``, or the
key's own colours, which win). A progress word such as "Complete" counts only when the key
lists it. Text that names no RAG ("O") gives a blank with a warning.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from . import _data
from .text import quote

__all__ = ["RAG_VALUES", "RagReading", "RagKey", "fold_confusables", "read_rag", "rag_from_fill",
           "rag_from_text", "parse_hex", "build_key"]

RAG_VALUES = ("Red", "Amber", "Green", "Blue", "Grey")

#: largest CIE76 distance at which a fill still counts as a reference colour
FILL_CUTOFF = 30.0
#: a key colour of the document itself is trusted a little further
KEY_FILL_CUTOFF = 40.0


@dataclass(frozen=True)
class RagReading:
    rag: str = ""
    raw: str = ""  # the text as found, or the fill as #RRGGBB
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RagKey:
    """A document's own RAG key: words and fills with their RAG values."""

    words: tuple[tuple[str, str], ...] = ()
    fills: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _confusables() -> dict[int, str]:
    return {ord(r["char"]): r["latin"] for r in _data.rows("confusables.csv") if len(r["char"]) == 1}


@lru_cache(maxsize=None)
def _words() -> dict[str, str]:
    return {r["word"]: r["rag"] for r in _data.rows("rag_words.csv")}


@lru_cache(maxsize=None)
def _palette() -> tuple[tuple[tuple[float, float, float], str], ...]:
    out = []
    for r in _data.rows("rag_colours.csv"):
        rgb = parse_hex(r["hex"])
        if rgb is not None:
            out.append((_lab(rgb), r["rag"]))
    return tuple(out)


def fold_confusables(text: str) -> str:
    """NFKC, then Greek / Cyrillic / Cherokee / small-capital look-alikes as Latin letters."""
    return unicodedata.normalize("NFKC", text or "").translate(_confusables())


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _norm_word(text: str) -> str:
    folded = fold_confusables(text).casefold()
    return _NON_ALNUM.sub(" ", folded).strip()


# ---------------------------------------------------------------------------
# Colour
# ---------------------------------------------------------------------------


def parse_hex(text: Optional[str]) -> Optional[tuple[int, int, int]]:
    """'#RRGGBB', 'RRGGBB' or '#RGB' -> (r, g, b); None for anything else."""
    if not text:
        return None
    s = str(text).strip().lstrip("#")
    if re.fullmatch(r"[0-9a-fA-F]{3}", s):
        s = "".join(ch * 2 for ch in s)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", s):
        return None
    return int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16)


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """sRGB -> CIELAB (D65)."""
    def lin(c: float) -> float:
        c /= 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _nearest(lab: tuple[float, float, float], refs: Iterable[tuple[tuple[float, float, float], str]],
             cutoff: float) -> Optional[str]:
    best, best_d = None, cutoff
    for ref, rag in refs:
        d = math.dist(lab, ref)
        if d <= best_d:
            best, best_d = rag, d
    return best


def rag_from_fill(fill: Optional[str], key: RagKey = RagKey()) -> Optional[str]:
    """The RAG value of a cell fill, or None ("" from the palette means: not a RAG colour)."""
    rgb = parse_hex(fill)
    if rgb is None:
        return None
    lab = _lab(rgb)
    key_refs = [(_lab(c), v) for h, v in key.fills if (c := parse_hex(h)) is not None]
    if key_refs:
        hit = _nearest(lab, key_refs, KEY_FILL_CUTOFF)
        if hit:
            return hit
    return _nearest(lab, _palette(), FILL_CUTOFF) or None


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def _value(text: str) -> Optional[str]:
    """A RAG value named by a key's value cell ("Blue", "B", "Completed (Blue)")."""
    norm = _norm_word(text)
    if norm in _words():
        return _words()[norm]
    hits = {_words()[t] for t in norm.split() if len(t) > 2 and t in _words()}
    return hits.pop() if len(hits) == 1 else None


def build_key(pairs: Iterable[tuple[str, str]]) -> RagKey:
    """A RagKey from SideData.rag_key pairs; pairs whose value names no RAG are dropped."""
    words, fills = [], []
    for k, v in pairs:
        value = _value(v or "")
        if not value or not (k or "").strip():
            continue
        if parse_hex(k) is not None and k.strip().startswith("#"):
            fills.append((k.strip(), value))
        else:
            words.append((_norm_word(k), value))
    return RagKey(words=tuple(words), fills=tuple(fills))


def rag_from_text(text: str, key: RagKey = RagKey()) -> tuple[Optional[str], list[str]]:
    """(RAG value or None, warnings) for the text of a RAG cell."""
    warnings: list[str] = []
    norm = _norm_word(text)
    if not norm:
        return None, warnings
    key_words = dict(key.words)
    for table in (key_words, _words()):
        if norm in table:
            return table[norm], warnings
    for kw, value in key.words:  # "Completed – reported to board" with "Completed" in the key
        if len(kw) >= 4 and re.match(rf"{re.escape(kw)}\b", norm):
            return value, warnings
    hits = [key_words.get(t) or _words().get(t) for t in norm.split()]
    found = list(dict.fromkeys(h for h in hits if h))
    if len(found) == 1 and (len(norm.split()) <= 3 or any(len(t) > 2 and t in _words() for t in norm.split())):
        return found[0], warnings
    if len(found) > 1 and len(norm.split()) <= 4:
        warnings.append(f"mixed RAG '{quote(text)}': took {found[-1]}")
        return found[-1], warnings
    return None, warnings


def read_rag(raw: Optional[str], fill: Optional[str] = None, key: RagKey = RagKey()) -> RagReading:
    """Read one RAG cell from its text and fill. Never raises."""
    text = (raw or "").strip()
    warnings: list[str] = []
    from_text, w = rag_from_text(text, key)
    warnings += w
    from_fill = rag_from_fill(fill, key)
    rgb = parse_hex(fill)
    shown = text or ("#%02X%02X%02X" % rgb if rgb else "")
    if from_text:
        if from_fill and from_fill != from_text:
            warnings.append(f"RAG text '{quote(text)}' disagrees with the cell colour ({from_fill}), took the text")
        return RagReading(from_text, shown, tuple(warnings))
    if text:
        if from_fill:
            warnings.append(f"unreadable RAG '{quote(text)}', took the cell colour ({from_fill})")
            return RagReading(from_fill, shown, tuple(warnings))
        warnings.append(f"unreadable RAG '{quote(text)}'")
        return RagReading("", shown, tuple(warnings))
    if from_fill:
        return RagReading(from_fill, shown, tuple(warnings))
    if rgb is not None and _nearest(_lab(rgb), _palette(), FILL_CUTOFF) is None:
        warnings.append(f"cell colour {shown} is not a RAG colour")
    return RagReading("", shown, tuple(warnings))
