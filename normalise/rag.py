"""RAG cells -> Red / Amber / Green / Blue / Grey.

Read, in order: the document's own key (``SideData.rag_key``: a word or a ``#RRGGBB`` fill
with its RAG value), then RAG letters and colour words (``data/rag_words.csv``) after folding
look-alike characters (``data/confusables.csv``: Greek Α, Cyrillic А/В, fullwidth ...), then
the cell's fill: the nearest reference colour in CIELAB (``data/rag_colours.csv``, or the
key's own colours, which win), then the progress state its words state ("Complete", "work is
behind schedule", "not yet started": ``data/progress_words.csv`` by head words, modifiers and
negation, ``data/progress_states.csv`` for the value of each state). A state takes the value
the key gives the same state where the key names it; else done is Blue where the plan rates
in BRAG (it says "BRAG", or its key or RAG cells use blue: :func:`plan_key`) and Green
otherwise. Text that names no RAG ("O") gives a blank with a warning.

:func:`rag_word` is the one recogniser of RAG words: extract/ asks it whether a cell holds a
rating (a column of them is the RAG column) and which colour a key's cell names.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

from actionplans.model import Extraction, Table

from . import _data
from .recognise import fold_lookalikes
from .text import quote

__all__ = ["RAG_VALUES", "RagReading", "RagKey", "fold_confusables", "read_rag", "rag_from_fill",
           "rag_from_text", "parse_hex", "build_key", "plan_key", "rag_word", "colour_word", "progress_state",
           "names_brag"]

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
    """A document's own RAG key: words and fills with their RAG values, and the scale the plan
    rates on (how its progress words are read)."""

    words: tuple[tuple[str, str], ...] = ()
    fills: tuple[tuple[str, str], ...] = ()
    states: tuple[tuple[str, str], ...] = ()  # (progress state, RAG value) the key's words give
    brag: bool = False  # the plan rates in BRAG: done is Blue
    graded: bool = False  # the plan's status words grade progress (on track, late): in progress is Green


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _words() -> dict[str, str]:
    """RAG letters and colour words -> value (not the scale words)."""
    return {r["word"]: r["rag"] for r in _data.rows("rag_words.csv") if r["kind"] in ("letter", "colour")}


@lru_cache(maxsize=None)
def _colours() -> dict[str, str]:
    return {r["word"]: r["rag"] for r in _data.rows("rag_words.csv") if r["kind"] == "colour"}


@lru_cache(maxsize=None)
def _scale_words() -> re.Pattern:
    """Words naming a scale with blue ("BRAG"), letters also written apart ("B/R/A/G", "B-RAG")."""
    alts = [r"[\s/.\-]?".join(map(re.escape, r["word"])) for r in _data.rows("rag_words.csv") if r["kind"] == "scale"]
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(alts) or '(?!)'})(?![a-z0-9])")


@lru_cache(maxsize=None)
def _palette() -> tuple[tuple[tuple[float, float, float], str], ...]:
    out = []
    for r in _data.rows("rag_colours.csv"):
        rgb = parse_hex(r["hex"])
        if rgb is not None:
            out.append((_lab(rgb), r["rag"]))
    return tuple(out)


#: NFKC, then Greek / Cyrillic / Cherokee / small-capital look-alikes as Latin letters: the one
#: folding of ``data/confusables.csv`` (``recognise.fold_lookalikes``), extract's as well
fold_confusables = fold_lookalikes


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
# Progress states ("Complete", "some slippage", "not yet started")
# ---------------------------------------------------------------------------

#: a cell of at most this many words is a rating when its words name one (what extract counts)
TERSE_WORDS = 6
#: a longer cell is read for its status only up to this many words (a note, not a rating)
STATUS_MAX_WORDS = 12
#: the longest phrase of progress_words.csv, in words
_PHRASE_MAX = 4
#: clause breaks: a modifier reaches only the head of its own clause
_BREAK = "|"


@dataclass(frozen=True)
class _State:
    rag: str
    brag: str
    graded: str
    grades: bool
    rank: int
    moves: dict  # modifier class -> state


@lru_cache(maxsize=None)
def _states() -> dict[str, _State]:
    out = {}
    for r in _data.rows("progress_states.csv"):
        fixed = {"state", "rag", "brag", "graded", "grades", "rank"}
        out[r["state"]] = _State(r["rag"], r["brag"], r["graded"], r["grades"] == "yes", int(r["rank"]),
                                 {k: v for k, v in r.items() if k not in fixed})
    return out


@lru_cache(maxsize=None)
def _phrases() -> dict[tuple[str, ...], tuple[str, str]]:
    """progress_words.csv: (words) -> (kind, meaning)."""
    return {tuple(r["phrase"].split()): (r["kind"], r["meaning"]) for r in _data.rows("progress_words.csv")}


@lru_cache(maxsize=None)
def _known_words() -> frozenset[str]:
    return frozenset(w for phrase in _phrases() for w in phrase)


_CLAUSE_DASH = re.compile(r"\s[-\u2010-\u2015\u2212]+\s|[\u2013\u2014]")
_STATUS_TOKEN = re.compile(r"[a-z0-9]+|[,;:()\[\]/.|+]")


def _status_tokens(text: str) -> list[str]:
    """Lower-case words, with one _BREAK where a clause ends (punctuation, a spaced dash)."""
    folded = fold_confusables(text).casefold().replace("&", " and ")
    folded = _CLAUSE_DASH.sub(" | ", folded).replace("-", " ")
    out: list[str] = []
    for tok in _STATUS_TOKEN.findall(folded):
        if not tok[0].isalnum():
            if out and out[-1] != _BREAK:
                out.append(_BREAK)
            continue
        out.extend(_unglued(tok))
    while out and out[-1] == _BREAK:
        out.pop()
    return out


def _unglued(tok: str) -> list[str]:
    """A token two known words run together by a text export ("someslippage") as the two."""
    known = _known_words()
    if tok in known or len(tok) < 5 or tok.isdigit():
        return [tok]
    for i in range(2, len(tok) - 1):
        if tok[:i] in known and tok[i:] in known:
            return [tok[:i], tok[i:]]
    return [tok]


def _move(state: str, modifiers: list[str]) -> str:
    for kind in reversed(modifiers):  # the nearest modifier first: "not significantly delayed"
        state = _states()[state].moves.get(kind) or state
    return state


@lru_cache(maxsize=8192)
def progress_state(text: str, max_words: int = STATUS_MAX_WORDS) -> Optional[str]:
    """The progress state a status cell states ("done", "on_track", "late", "off_track",
    "not_started", "in_progress", "partial", "not_met"), or None.

    Phrases of ``progress_words.csv`` are matched longest first; modifiers change the state of
    the next head in their clause ("not yet complete", "largely complete", "significant
    slippage"); of several states the highest ranked stands ("underway but late" is late). A
    text is a status only when it has at most ``max_words`` words and opens with its status
    (after modifiers and fillers: "Complete - reported to Board") or most of its words are
    those of statuses ("work is now behind schedule")."""
    toks = _status_tokens(text)
    words = [t for t in toks if t != _BREAK]
    if not words or len(words) > max_words:
        return None
    phrases = _phrases()
    found: list[str] = []
    pending: list[str] = []
    known = 0
    opens = None  # does the first word that is not a modifier or filler begin a head?
    i = 0
    while i < len(toks):
        if toks[i] == _BREAK:
            pending = []
            i += 1
            continue
        for n in range(min(_PHRASE_MAX, len(toks) - i), 0, -1):
            hit = phrases.get(tuple(toks[i:i + n]))
            if hit and _BREAK not in toks[i:i + n]:
                break
        else:
            hit, n = None, 1
        if hit is None:
            if opens is None:
                opens = False
        else:
            kind, meaning = hit
            known += n
            if kind == "head":
                if opens is None:
                    opens = True
                found.append(_move(meaning, pending))
                pending = []
            elif kind == "modifier":
                pending.append(meaning)
        i += n
    if not found or not (opens or 2 * known >= len(words)):
        return None
    states = _states()
    return max(found, key=lambda s: states[s].rank)


def state_rag(state: str, key: "RagKey" = None) -> str:
    """The RAG value of a progress state: the key's value for that state, else by the plan's scale."""
    key = key or RagKey()
    named = dict(key.states).get(state)
    if named:
        return named
    st = _states()[state]
    return st.brag if key.brag else st.graded if key.graded else st.rag


def colour_word(text: str) -> Optional[str]:
    """The RAG value of a colour word ("Blue", "amber"), for the colour cells of a key; None for
    anything else (letters, progress words)."""
    return _colours().get(_norm_word(text))


@lru_cache(maxsize=8192)
def rag_word(text: str) -> Optional[str]:
    """The RAG value a short rating cell names, or None: a RAG letter or colour word ("A",
    "Amber", "R/A", a look-alike "А"), or a status of at most TERSE_WORDS words ("Complete",
    "behind schedule"; done read as Green). The one recogniser of RAG words: extract/ asks it
    which cells are ratings."""
    norm = _norm_word(text)
    if not norm:
        return None
    toks = norm.split()
    if len(toks) > TERSE_WORDS:
        return None
    words = _words()
    if norm in words:
        return words[norm]
    if len(toks) <= 2 and all(t in words for t in toks):  # "R/A", "Amber Green": a rating between two
        return words[toks[-1]]
    state = progress_state(text, TERSE_WORDS)
    return state_rag(state) if state else None


def names_brag(text: str) -> bool:
    """Does the text say the plan rates in BRAG: a scale word ("BRAG", "B/R/A/G"), or a short
    line giving blue the meaning done ("Blue – completed and embedded")?"""
    folded = fold_confusables(text or "").casefold()
    if _scale_words().search(folded):
        return True
    toks = _NON_ALNUM.sub(" ", folded).split()
    blue = [t for t in toks if _colours().get(t) == "Blue"]
    if not blue or len(toks) > STATUS_MAX_WORDS:
        return False
    rest = " ".join(t for t in toks if t not in blue)
    return progress_state(rest) == "done"


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
    """A RagKey from SideData.rag_key pairs; pairs whose value names no RAG are dropped. A
    meaning that states progress ("Completed", "On track") gives that state its value."""
    words, fills, states = [], [], {}
    for k, v in pairs:
        value = _value(v or "")
        if not value or not (k or "").strip():
            continue
        if parse_hex(k) is not None and k.strip().startswith("#"):
            fills.append((k.strip(), value))
        else:
            words.append((_norm_word(k), value))
            state = progress_state(k)
            if state:
                states.setdefault(state, value)
    brag = any(v == "Blue" for _, v in words + fills)
    return RagKey(words=tuple(words), fills=tuple(fills), states=tuple(states.items()), brag=brag)


def _from_text(text: str, key: RagKey) -> tuple[Optional[str], list[str], str]:
    """(RAG value or None, warnings, how: "word" for a key word, letter or colour, "state" for
    a progress state)."""
    warnings: list[str] = []
    norm = _norm_word(text)
    if not norm:
        return None, warnings, ""
    key_words = dict(key.words)
    for table in (key_words, _words()):
        if norm in table:
            return table[norm], warnings, "word"
    for kw, value in key.words:  # "Completed – reported to board" with "Completed" in the key
        if len(kw) >= 4 and re.match(rf"{re.escape(kw)}\b", norm):
            return value, warnings, "word"
    hits = [key_words.get(t) or _words().get(t) for t in norm.split()]
    found = list(dict.fromkeys(h for h in hits if h))
    if len(found) == 1 and (len(norm.split()) <= 3 or any(len(t) > 2 and t in _words() for t in norm.split())):
        return found[0], warnings, "word"
    if len(found) > 1 and len(norm.split()) <= 4:
        warnings.append(f"mixed RAG '{quote(text)}': took {found[-1]}")
        return found[-1], warnings, "word"
    state = progress_state(text)
    if state:
        return state_rag(state, key), warnings, "state"
    return None, warnings, ""


def rag_from_text(text: str, key: RagKey = RagKey()) -> tuple[Optional[str], list[str]]:
    """(RAG value or None, warnings) for the text of a RAG cell."""
    value, warnings, _ = _from_text(text, key)
    return value, warnings


def _document_texts(doc) -> Iterable[str]:
    for b in doc.blocks:
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row.cells:
                    if cell is not None and cell.text:
                        yield cell.text
        elif getattr(b, "text", None):
            yield b.text


def plan_key(ex: Extraction) -> RagKey:
    """The document's key (:func:`build_key`) with the scale the plan rates on: BRAG where the
    document names it (:func:`names_brag`), its key gives blue a meaning or its RAG cells use
    blue (a letter, a word or a fill); graded where its RAG cells grade progress (on track,
    late), so that "in progress" is the Green of a plan on course and not the middle step."""
    key = build_key(ex.side.rag_key)
    cells = [(r.rag_raw or "", r.rag_fill) for r in ex.records]
    brag = (key.brag or any(_words().get(_norm_word(t)) == "Blue" or rag_from_fill(f, key) == "Blue"
                            for t, f in cells)
            or any(names_brag(t) for t in dict.fromkeys(_document_texts(ex.document))))  # each text once
    states = _states()
    graded = any((st := progress_state(t)) and states[st].grades for t, _ in cells if t.strip())
    return replace(key, brag=brag, graded=graded)


def read_rag(raw: Optional[str], fill: Optional[str] = None, key: RagKey = RagKey()) -> RagReading:
    """Read one RAG cell from its text and fill. Never raises."""
    text = (raw or "").strip()
    warnings: list[str] = []
    from_text, w, how = _from_text(text, key)
    warnings += w
    from_fill = rag_from_fill(fill, key)
    rgb = parse_hex(fill)
    shown = text or ("#%02X%02X%02X" % rgb if rgb else "")
    if how == "state" and from_fill and from_fill not in (from_text, "Grey"):
        # the colour is the rating; the words' value is only read from them (a grey fill is no rating)
        warnings.append(f"RAG text '{quote(text)}' reads as {from_text}, the cell colour as {from_fill}: "
                        f"took the colour")
        return RagReading(from_fill, shown, tuple(warnings))
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
