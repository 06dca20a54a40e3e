"""The words action plans use, loaded from data files, and fuzzy phrase matching on them."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from rapidfuzz import fuzz, process

from .patterns import fold_lookalikes
from .settings import DEFAULT, ExtractSettings

#: fields a column can be mapped to; "other" columns are kept in ``extra``
FIELDS = ("theme", "recommendation_ref", "recommendation", "action_ref", "action", "owner", "due", "start", "rag",
          "measures", "progress", "other")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``; spaced-out capitals ("R A G") are closed up."""
    return list(_words(text or ""))


_TOKEN = re.compile(r"[a-z0-9]+")
#: a token of one letter
_LONE_LETTER = re.compile(r"(?<![a-z0-9])[a-z](?![a-z0-9])")


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """(A header or label is tokenised by several tests in turn: once per text.)"""
    text = fold_lookalikes(text).casefold()
    text = text.replace("&", " and ")
    toks = _TOKEN.findall(text)
    if not _LONE_LETTER.search(text):  # no spaced-out capitals to close up
        return tuple(toks)
    out: list[str] = []
    run: list[str] = []
    for t in toks + [""]:
        if len(t) == 1 and t.isalpha():
            run.append(t)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if t:
            out.append(t)
    return tuple(out)


def _word_eq(a: str, b: str, settings: ExtractSettings = DEFAULT) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4:
        return False
    if a.startswith(b) or b.startswith(a):  # cut-off header cells: "timesca", "responsib"
        return min(len(a), len(b)) >= 5
    return fuzz.ratio(a, b) >= settings.word_match


@dataclass(frozen=True)
class PhraseMatch:
    field: str
    phrase: str
    position: int  # word index where the phrase starts

    @property
    def strength(self) -> int:
        return len(self.phrase.replace(" ", ""))


@lru_cache(maxsize=None)
def column_vocabulary() -> dict[str, tuple[tuple[str, ...], ...]]:
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/columns.json").read_text("utf-8"))
    vocab = {}
    for fld, phrases in raw.items():
        if fld.startswith("_"):
            continue
        if fld not in FIELDS:
            raise ValueError(f"columns.json: unknown field {fld!r}")
        vocab[fld] = tuple(tuple(words(p)) for p in phrases)
    return vocab


@dataclass(frozen=True)
class _PhraseIndex:
    """The column vocabulary laid out for matching: every (field, phrase) in order, the
    phrases by their first word, and every word the phrases use."""

    entries: tuple[tuple[str, tuple[str, ...]], ...]
    joined: tuple[str, ...]  # per entry: its words closed up
    empty: tuple[int, ...]  # entries of no words (they match anywhere, at 0)
    long: dict[str, tuple[int, ...]]  # the entries whose closed-up phrase has ``closed_min`` letters or
    # more, by its first three letters
    by_first: dict[str, tuple[int, ...]]  # first word -> entries (ascending) opening with it
    words: frozenset[str]
    fuzzy: tuple[str, ...]  # the words of 4 letters or more, compared by rapidfuzz
    extending: dict[str, frozenset[str]]  # a start of 5 letters or more -> the words starting with it


@lru_cache(maxsize=None)
def _phrase_index(closed_min: int = DEFAULT.closed_min) -> _PhraseIndex:
    entries = tuple((fld, phrase) for fld, phrases in column_vocabulary().items() for phrase in phrases)
    joined = tuple("".join(p) for _, p in entries)
    by_first: dict[str, list[int]] = {}
    for i, (_, phrase) in enumerate(entries):
        if phrase:
            by_first.setdefault(phrase[0], []).append(i)
    vocab = tuple(dict.fromkeys(w for _, p in entries for w in p))
    extending: dict[str, set[str]] = {}
    for w in vocab:
        for k in range(5, len(w) + 1):
            extending.setdefault(w[:k], set()).add(w)
    return _PhraseIndex(entries=entries, joined=joined, empty=tuple(i for i, (_, p) in enumerate(entries) if not p),
                        long=_by_opening(joined, closed_min),
                        by_first={w: tuple(ix) for w, ix in by_first.items()}, words=frozenset(vocab),
                        fuzzy=tuple(w for w in vocab if len(w) >= 4),
                        extending={p: frozenset(ws) for p, ws in extending.items()})


def _by_opening(joined: tuple[str, ...], closed_min: int) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for i, j in enumerate(joined):
        if len(j) >= closed_min:
            out.setdefault(j[:3], []).append(i)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=16384)
def _same_words(token: str, settings: ExtractSettings = DEFAULT) -> frozenset[str]:
    """The vocabulary's words that ``token`` is the same word as (:func:`_word_eq`): a header's
    words are compared with the vocabulary once each, not once per phrase and position."""
    index = _phrase_index(settings.closed_min)
    found = {token} & index.words
    if len(token) >= 4:
        # a word the token starts, or starts with (a cut-off header cell), or close in spelling
        found.update(token[:k] for k in range(5, len(token) + 1) if token[:k] in index.words)
        found.update(index.extending.get(token, ()))
        # rapidfuzz's cut-off when gathering: each word is then checked with _word_eq itself, so
        # this only needs to lie below ``word_match``
        found.update(w for w, _, _ in process.extract(token, index.fuzzy, scorer=fuzz.ratio, processor=None,
                                                      score_cutoff=settings.word_match - 5, limit=None))
    return frozenset(w for w in found if _word_eq(w, token, settings))


def _matches_at(index: _PhraseIndex, entry: int, sames: list[frozenset[str]], i: int) -> bool:
    """Does the phrase of ``entry``, whose first word matches word ``i``, match from there on?"""
    phrase = index.entries[entry][1]
    n = len(phrase)
    return i + n <= len(sames) and all(phrase[k] in sames[i + k] for k in range(1, n))


def _first_positions(index: _PhraseIndex, sames: list[frozenset[str]]) -> dict[int, int]:
    """Entry -> the first word index where its phrase occurs, for the phrases that occur."""
    first: dict[int, int] = {}
    for i, same in enumerate(sames):
        for w in same:
            for entry in index.by_first.get(w, ()):
                if entry not in first and _matches_at(index, entry, sames, i):
                    first[entry] = i
    return first


@lru_cache(maxsize=4096)
def best_field(header: str, settings: ExtractSettings = DEFAULT) -> Optional[PhraseMatch]:
    """The field whose most specific phrase occurs in ``header`` (None if none does).

    Specificity is the phrase's length; between equals the earlier phrase wins. Words that
    an export split ("responsib le", "monitorin g") are found by comparing the phrase with
    the header's letters closed up.
    """
    toks = words(header)
    if not toks:
        return None
    closed = "".join(toks)
    index = _phrase_index(settings.closed_min)
    first = _first_positions(index, [_same_words(t, settings) for t in toks])
    found = dict(first)
    for entry in {e for i in range(len(closed) - 2) for e in index.long.get(closed[i:i + 3], ())}:
        if entry not in found:
            at = closed.find(index.joined[entry])
            if at >= 0:
                found[entry] = len(closed[:at]) // 6  # approximate word index, only used to break ties
    found.update((entry, 0) for entry in index.empty)
    best: Optional[tuple[int, int, int]] = None  # (strength, -position, entry)
    for entry in sorted(found):
        pos = found[entry]
        strength = len(index.joined[entry])
        if best is None or (strength, -pos) > best[:2]:
            best = (strength, -pos, entry)
    if best is None:
        return None
    fld, phrase = index.entries[best[2]]
    return PhraseMatch(fld, " ".join(phrase), -best[1])


@lru_cache(maxsize=1024)
def fields_in_order(header: str, settings: ExtractSettings = DEFAULT) -> tuple[PhraseMatch, ...]:
    """Every field named in ``header``, left to right, for a cell that a converter filled with
    several column headers ("Measures Review note for this period R A G")."""
    toks = words(header)
    index = _phrase_index(settings.closed_min)
    sames = [_same_words(t, settings) for t in toks]
    found: list[PhraseMatch] = []
    i = 0
    while i < len(toks):
        best: Optional[int] = None  # the longest phrase matching here; the earliest of equals
        for entry in sorted({e for w in sames[i] for e in index.by_first.get(w, ())}):
            if _matches_at(index, entry, sames, i):
                if best is None or len(index.joined[entry]) > len(index.joined[best]):
                    best = entry
        if best is None:
            i += 1
            continue
        fld, phrase = index.entries[best]
        found.append(PhraseMatch(fld, " ".join(phrase), i))
        i += len(phrase)
    return tuple(found)


#: words and marks that join two column names in one header ("Lead / date", "Who and when")
_JOINERS = re.compile(r"\s*(?:/|\\|&|\+|;|\band\b|\bor\b)\s*", re.I)
_ASIDE = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")


def _span(m: PhraseMatch) -> range:
    return range(m.position, m.position + len(m.phrase.split()))


#: words that join the names of columns in a title ("Actions and progress made", "Actions & timescales")
_TITLE_JOINERS = frozenset({"and", "or", "the", "with", "our"})
#: fields whose names make a title describe a table's columns rather than a part of the plan
_COLUMN_FIELDS = frozenset({"action", "owner", "due", "start", "rag", "progress", "measures", "action_ref"})


@lru_cache(maxsize=1024)
def names_columns_only(title: str, settings: ExtractSettings = DEFAULT) -> bool:
    """Is ``title`` made only of the names of a table's columns ("Action and progress made",
    "Actions, leads and timescales", "Key actions")? Such a line above a table says what the
    table holds; it is no theme or recommendation."""
    toks = words(title)
    found = fields_in_order(title, settings)
    if not toks or not found or any(m.field not in _COLUMN_FIELDS for m in found):
        return False
    covered = {i for m in found for i in _span(m)}
    return all(i in covered or t in _TITLE_JOINERS for i, t in enumerate(toks))


def header_fields(header: str, settings: ExtractSettings = DEFAULT) -> dict[str, float]:
    """How strongly ``header`` names each field, 0..1.

    The header's most specific phrase names its field (1.0). A header that joins two names
    ("Who by / by when", "Lead officer and date", "Recommendation / action") names the field of
    each part too (0.9), so a column can hold either, or both at once. A phrase inside the
    winning phrase ("who is responsible" inside "who is responsible for monitoring") counts
    for nothing.
    """
    header = " ".join((header or "").split())
    best = best_field(header, settings)
    if best is None:
        return {}
    out = {best.field: 1.0}
    parts = [p for p in _JOINERS.split(_ASIDE.sub(" ", header)) if p and p.strip()]
    if any(len(words(p)) > settings.part_max_words for p in parts):  # a description, not a column name
        parts = []
    if len(parts) > 1:
        whole = words(header)
        span = _span(best)
        if len(span) < len(whole):  # the winner does not cover the joined names
            for part in parts:
                m = best_field(part, settings)
                if m is None or m.field in out:
                    continue
                # the part's phrase must not lie inside the winning phrase
                if " ".join(words(part)) in best.phrase:
                    continue
                out[m.field] = 0.9
    return out
