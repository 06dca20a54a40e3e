"""The words action plans head their columns with, loaded from ``data/columns.json``, and the
reading of a header by them: its head noun names the field ("Target completion DATE", "Strategic
lead OFFICER(s)", "ACTIONS agreed"), the words modifying the head may turn it ("REVIEW date" is no
deadline, "RISK rating" no RAG), and a few idioms have no head noun ("By whom", "How will we
know"). Words are compared fuzzily, plurals, possessives and cut-off cells read as the word."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Optional

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .patterns import fold_lookalikes

#: fields a column can be mapped to; "other" columns are kept in ``extra``
FIELDS = ("theme", "recommendation_ref", "recommendation", "action_ref", "action", "owner", "due", "start", "rag",
          "measures", "progress", "other")

#: two words are the same word at or above this rapidfuzz ratio (words of 4+ letters)
WORD_MATCH = 82.0


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


def _word_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4:
        return False
    if a.startswith(b) or b.startswith(a):  # cut-off header cells: "timesca", "responsib"
        return min(len(a), len(b)) >= 5
    return fuzz.ratio(a, b) >= WORD_MATCH


@dataclass(frozen=True)
class PhraseMatch:
    """A field named in a header: ``phrase`` is the words naming it (the head noun with the words
    that modify it, or an idiom), starting at word ``position``."""
    field: str
    phrase: str
    position: int  # word index where the phrase starts

    @property
    def strength(self) -> int:
        return len(self.phrase.replace(" ", ""))


@dataclass(frozen=True)
class _Lexicon:
    """The column vocabulary (``data/columns.json``) by word class."""

    heads: dict[str, tuple[str, ...]]  # head noun -> the fields it names, the first when nothing else decides
    light: frozenset[str]  # heads whose complement names the content ("Evidence of impact")
    light_fields: frozenset[str]
    participles: frozenset[str]  # words following a head as its modifier ("Date due", "Actions agreed")
    modifiers: frozenset[str]  # words only modifying a head
    qualifiers: dict[str, dict[str, str]]  # head field ("*" any) -> {modifying word: the field it turns to}
    complement_fields: frozenset[str]
    cuts: frozenset[str]
    joiners: frozenset[str]
    function_words: frozenset[str]  # pronouns, articles, question words: no noun of a sentence
    phrases: tuple[tuple[str, tuple[str, ...]], ...]  # (field, idiom words)


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/columns.json").read_text("utf-8"))
    heads: dict[str, list[str]] = {}
    for fld, nouns in raw["heads"].items():
        if fld not in FIELDS:
            raise ValueError(f"columns.json: unknown field {fld!r}")
        for n in nouns:
            heads.setdefault(n, []).append(fld)
    for n, flds in raw.get("shared_heads", {}).items():
        if any(f not in FIELDS for f in flds):
            raise ValueError(f"columns.json: unknown field in shared head {n!r}")
        heads[n] = list(dict.fromkeys(flds + heads.get(n, [])))
    phrases = []
    for fld, ps in raw.get("phrases", {}).items():
        if fld not in FIELDS:
            raise ValueError(f"columns.json: unknown field {fld!r}")
        phrases.extend((fld, tuple(words(p))) for p in ps)
    quals = {f: dict(q) for f, q in raw.get("qualifiers", {}).items()}
    return _Lexicon(heads={n: tuple(f) for n, f in heads.items()}, light=frozenset(raw.get("light_heads", ())),
                    light_fields=frozenset(raw.get("light_fields", ())),
                    participles=frozenset(raw.get("participles", ())), modifiers=frozenset(raw.get("modifiers", ())),
                    qualifiers=quals, complement_fields=frozenset(raw.get("complement_fields", ())),
                    cuts=frozenset(raw.get("cuts", ())), joiners=frozenset(raw.get("joiners", ())),
                    function_words=frozenset(raw.get("function_words", ())),
                    phrases=tuple(sorted(phrases, key=lambda fp: -len("".join(fp[1])))))


@lru_cache(maxsize=None)
def column_vocabulary() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Field -> the words naming it: its head nouns (one word each) and its idioms."""
    lex = _lexicon()
    out: dict[str, list[tuple[str, ...]]] = {f: [] for f in FIELDS}
    for n, flds in lex.heads.items():
        for f in flds:
            out[f].append((n,))
    for f, p in lex.phrases:
        out[f].append(p)
    return {f: tuple(ps) for f, ps in out.items() if ps}


def _inflections(w: str) -> set[str]:
    """A base word's written forms: plural ("officers", "boxes", "priorities")."""
    out = {w, w + "s"}
    if w.endswith(("s", "x", "ch", "sh")):
        out.add(w + "es")
    if w.endswith("y") and len(w) > 2:
        out.add(w[:-1] + "ies")
    return out


@dataclass(frozen=True)
class _PhraseIndex:
    """Every word of the lexicon in its written forms, for fuzzy matching."""

    base: dict[str, str]  # written form -> base word
    words: frozenset[str]
    fuzzy: tuple[str, ...]  # the words of 4 letters or more, compared by rapidfuzz
    extending: dict[str, frozenset[str]]  # a start of 5 letters or more -> the words starting with it


@lru_cache(maxsize=None)
def _phrase_index() -> _PhraseIndex:
    lex = _lexicon()
    bases = set(lex.heads) | lex.participles | lex.modifiers | {w for q in lex.qualifiers.values() for w in q}
    bases |= lex.cuts | lex.joiners | lex.function_words
    base: dict[str, str] = {}
    for b in sorted(bases):
        for form in sorted(_inflections(b)):
            base.setdefault(form, b)
    for b in sorted(bases):
        base[b] = b  # a base word is itself, not another word's plural
    vocab = tuple(dict.fromkeys(list(base) + [w for _, p in lex.phrases for w in p]))  # idioms' words too
    extending: dict[str, set[str]] = {}
    for w in vocab:
        for k in range(5, len(w) + 1):
            extending.setdefault(w[:k], set()).add(w)
    return _PhraseIndex(base=base, words=frozenset(vocab), fuzzy=tuple(w for w in vocab if len(w) >= 4),
                        extending={p: frozenset(ws) for p, ws in extending.items()})


#: rapidfuzz's cut-off when gathering the words that may be the same as a token; each is then
#: checked with _word_eq itself, so this only needs to lie below WORD_MATCH
_GATHER_CUTOFF = WORD_MATCH - 5


@lru_cache(maxsize=16384)
def _same_words(token: str) -> frozenset[str]:
    """The vocabulary's words that ``token`` is the same word as (:func:`_word_eq`): a header's
    words are compared with the vocabulary once each, not once per phrase and position."""
    index = _phrase_index()
    found = {token} & index.words
    if len(token) >= 4:
        # a word the token starts, or starts with (a cut-off header cell), or close in spelling
        found.update(token[:k] for k in range(5, len(token) + 1) if token[:k] in index.words)
        found.update(index.extending.get(token, ()))
        found.update(w for w, _, _ in process.extract(token, index.fuzzy, scorer=fuzz.ratio, processor=None,
                                                      score_cutoff=_GATHER_CUTOFF, limit=None))
    return frozenset(w for w in found if _word_eq(w, token))


@lru_cache(maxsize=16384)
def _base(token: str) -> Optional[str]:
    """The lexicon's base word ``token`` is (its plural, a misspelling, a cut-off start), or None.
    An exact form wins; else the closest in spelling."""
    index = _phrase_index()
    if token in index.base:
        return index.base[token]
    # an idiom's word alone is no word of a name; and a word close in spelling is the same word
    # when one letter is wrong, lost, added or swapped ("Oficer", "Tmescale"), not another word
    # of the same stem ("responsive" is no "response", "offer" no "officer")
    same = [w for w in _same_words(token) if w in index.base
            and (w.startswith(token) or token.startswith(w) or OSA.distance(w, token) <= 1)]
    if not same:
        return None
    best = max(same, key=lambda w: (fuzz.ratio(w, token), -len(w), w))
    return index.base[best]


@dataclass(frozen=True)
class _Unit:
    """One word of a header, or one idiom (several words), read against the lexicon."""

    start: int  # first word index
    end: int  # past the last word
    base: Optional[str]  # lexicon word; None for an idiom or an unknown word
    idiom: Optional[str] = None  # the idiom's field

    def heads(self, lex: _Lexicon) -> tuple[str, ...]:
        if self.idiom:
            return (self.idiom,)
        return lex.heads.get(self.base, ()) if self.base else ()


#: a plural or possessive ending written apart: "Officer(s)", "Children's", "Partners'"
_ENDINGS = re.compile(r"\((?:e?s)\)|(?<=\w)['’`]s\b|(?<=s)['’`](?!\w)", re.I)
#: the end of an aside whose opening bracket lies in another cell: "number on left links to …)"
_ASIDE_END = re.compile(r"^[^(]*\)")
#: what separates two column names in one header ("Lead / date", "Target; deadline")
_PART_MARKS = re.compile(r"\s*[/\\|;+]\s*")


def _clean(header: str) -> str:
    """A header without plural and possessive endings, and without asides in brackets (unless
    it is all asides)."""
    text = _ASIDE_END.sub(" ", _ENDINGS.sub("", " ".join((header or "").split())))
    bare = _ASIDE.sub(" ", text)
    return bare if words(bare) else text


def _units(toks: tuple[str, ...]) -> list[_Unit]:
    """The header's words as units: idioms (longest first) over the words they cover, else one
    unit per word with its lexicon base."""
    lex = _lexicon()
    sames = [_same_words(t) for t in toks]
    taken: dict[int, _Unit] = {}
    for fld, phrase in lex.phrases:
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if any(k in taken for k in range(i, i + n)):
                continue
            if n == 1 and i > 0 and phrase[0] in lex.cuts:  # "By:" alone is a date; "Monitored by" is no date
                continue
            if all(phrase[k] == toks[i + k] or phrase[k] in sames[i + k] for k in range(n)):
                u = _Unit(i, i + n, None, fld)
                for k in range(i, i + n):
                    taken[k] = u
    out: list[_Unit] = []
    i = 0
    while i < len(toks):
        if i in taken:
            out.append(taken[i])
            i = taken[i].end
            continue
        out.append(_Unit(i, i + 1, _base(toks[i])))
        i += 1
    return out


def _is_head(u: _Unit, before: list[_Unit], lex: _Lexicon) -> bool:
    """Is ``u`` a head noun here? A participle after a head is its modifier ("Date due")."""
    if not u.heads(lex):
        return False
    if u.base in lex.participles and any(b.heads(lex) and b.base not in lex.participles for b in before):
        return False
    return True


def _qualified(field: str, words_: list[_Unit], lex: _Lexicon) -> str:
    """The field after the words modifying its head: the first qualifier found wins."""
    for u in words_:
        if u.base is None:
            continue
        for key in (field, "*"):
            turned = lex.qualifiers.get(key, {}).get(u.base)
            if turned and turned != field:
                return turned
    return field


def _read(units: list[_Unit], lex: _Lexicon) -> Optional[tuple[str, tuple[str, ...], int, int]]:
    """(field, other readings, start, end) of one column name: the head noun of its first noun
    phrase, turned by its qualifiers; None when no word of it names a field."""
    if not units:
        return None
    at = next((k for k, u in enumerate(units) if u.heads(lex)), None)
    if at is None:
        return None
    # the noun phrase: from the start (or just before the first head, when a cut lies between)
    # to the first cut after it
    def cut(u: _Unit) -> bool:  # (joined names are apart already: a joiner left here joins modifiers)
        return u.base in lex.cuts and u.base not in lex.joiners and u.base not in lex.heads and not u.idiom

    start = 0
    for k in range(at):
        if cut(units[k]):
            start = k + 1
    if start and sum(1 for u in units[:at] if u.base is None and not u.idiom) > 1:
        return None  # the first noun phrase names nothing: a sentence ("Plans for every young person"), no header
    stop = next((k for k in range(at + 1, len(units)) if cut(units[k])), len(units))
    phrase = units[start:stop]
    heads = [k for k, u in enumerate(phrase) if _is_head(u, phrase[:k], lex)]
    h = heads[-1]
    head = phrase[h]
    readings = head.heads(lex)
    field = readings[0]
    complement = units[stop:]
    if head.base in lex.light:
        inner = next((u for u in complement if u.heads(lex) and u.heads(lex)[0] in lex.light_fields), None)
        if inner is not None:
            field, readings = inner.heads(lex)[0], inner.heads(lex)
    # the modifiers nearest the head first; a modifier joined to another ("Start and end date")
    # modifies both, so it does not turn the head
    mods = [u for k, u in enumerate(phrase) if k != h and not (k + 1 < len(phrase) and phrase[k + 1].base
                                                                 in lex.joiners)]
    mods.sort(key=lambda u: abs(u.start - head.start))
    turned = _qualified(field, mods, lex)
    if turned == field and field in lex.complement_fields:
        turned = _qualified(field, complement, lex)
    others = tuple(f for f in readings if f != turned) if turned == field else ()
    first = next((u.start for u in phrase if u.base is not None or u.idiom), head.start)
    last = max(u.end for u in phrase[h:] if u.base is not None or u.idiom)
    return turned, others, first, last


def _conjuncts(units: list[_Unit], lex: _Lexicon) -> list[list[_Unit]]:
    """The header's units cut at "and" / "or", a lone modifier joined to what follows ("Start
    and end date", "Lead and support officer") kept with it."""
    parts: list[list[_Unit]] = [[]]
    for u in units:
        if u.base in lex.joiners and not u.idiom and parts[-1]:
            parts.append([])
        parts[-1].append(u)
    out: list[list[_Unit]] = []
    for k, p in enumerate(parts):
        nxt = parts[k + 1] if k + 1 < len(parts) else None
        body = [u for u in p if u.base not in lex.joiners]
        nbody = [u for u in nxt if u.base not in lex.joiners] if nxt else []
        if len(body) == 1 and len(nbody) >= 2 and nbody[0].base in lex.modifiers:
            after = _read(nbody, lex)
            if after is not None and body[0].base in lex.qualifiers.get(after[0], {}):
                nxt[:0] = p  # "Start and end date": the lone word modifies the next head too
                continue
        out.append(p)
    return out


@lru_cache(maxsize=4096)
def _reading(header: str) -> Optional[tuple[PhraseMatch, tuple[str, ...]]]:
    text = _clean(header)
    lex = _lexicon()
    offset = 0
    for part in _PART_MARKS.split(text):
        toks = tuple(words(part))
        if not toks:
            continue
        for conj in _conjuncts(_units(toks), lex):
            found = _read(conj, lex)
            if found is not None:
                fld, others, s, e = found
                return PhraseMatch(fld, " ".join(toks[s:e]), offset + s), others
        offset += len(toks)
    return None


@lru_cache(maxsize=4096)
def best_field(header: str) -> Optional[PhraseMatch]:
    """The field ``header`` names (None if none): the head noun of its first column name, with
    the words modifying it ("Target completion date": due; "Review date": other), or an idiom
    ("By whom"). Plural and possessive endings, misspellings and cut-off words are read as the
    word ("Lead Officer(s)", "Timesca")."""
    found = _reading(" ".join((header or "").split()))
    return found[0] if found else None


@lru_cache(maxsize=1024)
def fields_in_order(header: str) -> tuple[PhraseMatch, ...]:
    """Every field named in ``header``, left to right, for a cell that a converter filled with
    several column headers ("Measures Review note for this period R A G"), or a label naming
    two ("Who and when"). Each is a run of lexicon words: modifiers, then a head noun and the
    participles after it; a head that cannot modify another ends its run ("Intervention
    Deadline" names two)."""
    lex = _lexicon()
    found: list[PhraseMatch] = []
    offset = 0
    for part in _PART_MARKS.split(_ENDINGS.sub("", header or "")):
        toks = tuple(words(part))
        found.extend(replace(m, position=m.position + offset) for m in _fields_in_part(toks, lex))
        offset += len(toks)
    return tuple(found)


def _fields_in_part(toks: tuple[str, ...], lex: _Lexicon) -> list[PhraseMatch]:
    units = _units(toks)
    runs: list[tuple[int, int, str]] = []  # (first unit, past the last unit, field)
    run: list[int] = []

    def close() -> None:
        heads = [k for k in run if _is_head(units[k], [units[j] for j in run if j < k], lex)]
        if heads:
            h = heads[-1]
            fld = _qualified(units[h].heads(lex)[0], [units[k] for k in run if k != h], lex)
            runs.append((run[0], run[-1] + 1, fld))
        elif run:
            runs.append((run[0], run[-1] + 1, None))  # a question's opening ("What we | will do")
        run.clear()

    for i, u in enumerate(units):
        known = u.idiom is not None or (u.base is not None and u.base not in lex.cuts)
        if not known:
            close()
            continue
        if run:
            prev = units[run[-1]]
            prev_head = _is_head(prev, [units[j] for j in run[:-1]], lex)
            modifies = prev.base in lex.modifiers or prev.base in {w for q in lex.qualifiers.values() for w in q}
            written = toks[prev.start]
            if prev.base and written != prev.base and written.endswith("s"):
                modifies = False  # a noun modifies another in the singular: "Actions" ends its name
            follows = u.base in lex.participles and not u.idiom
            if prev.idiom or u.idiom or (prev_head and not modifies and not follows):
                close()
        run.append(i)
    close()
    # a name and its complement after a preposition are one name ("Update on progress",
    # "Area for improvement", "Responsible for monitoring"), unless the complement names
    # another field of its own ("Review note for this period RAG")
    merged: list[tuple[int, int, str]] = []
    for r in runs:
        if merged:
            s, e, f = merged[-1]
            between = units[e:r[0]]
            if all(b.base in lex.cuts and b.base not in lex.joiners and not b.idiom for b in between) and (
                    between or f is None):
                whole = _read(units[s:r[1]], lex) if r[2] is not None else None
                if whole is not None and (f is None or r[2] == f or whole[0] != f):
                    merged[-1] = (s, r[1], whole[0])
                    continue
        merged.append(r)
    return [PhraseMatch(f, " ".join(toks[units[s].start:units[e - 1].end]), units[s].start) for s, e, f in merged
            if f is not None]


#: words and marks that join two column names in one header ("Lead / date", "Who and when")
_JOINERS = re.compile(r"\s*(?:/|\\|&|\+|;|\band\b|\bor\b)\s*", re.I)
_ASIDE = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
#: a joined part longer than this is a description, not a column name
PART_MAX_WORDS = 5


def _span(m: PhraseMatch) -> range:
    return range(m.position, m.position + len(m.phrase.split()))


#: words that join the names of columns in a title ("Actions and progress made", "Actions & timescales")
_TITLE_JOINERS = frozenset({"and", "or", "the", "with", "our"})
#: fields whose names make a title describe a table's columns rather than a part of the plan
_COLUMN_FIELDS = frozenset({"action", "owner", "due", "start", "rag", "progress", "measures", "action_ref"})


@lru_cache(maxsize=1024)
def names_columns_only(title: str) -> bool:
    """Is ``title`` made only of the names of a table's columns ("Action and progress made",
    "Actions, leads and timescales", "Key actions")? Such a line above a table says what the
    table holds; it is no theme or recommendation."""
    toks = words(title)
    found = fields_in_order(title)
    if not toks or not found or any(m.field not in _COLUMN_FIELDS for m in found):
        return False
    covered = {i for m in found for i in _span(m)}
    return all(i in covered or t in _TITLE_JOINERS for i, t in enumerate(toks))


def header_fields(header: str) -> dict[str, float]:
    """How strongly ``header`` names each field, 0..1.

    The head noun of the header's first column name names its field (1.0); a head noun that
    names two fields ("Milestones": the actions, or their dates) gives the other 0.9. A header
    that joins two names ("Who by / by when", "Lead officer and date", "Recommendation /
    action") names the field of each part too (0.9), so a column can hold either, or both at
    once. A part inside the winning name ("Start" in "Start and end date") counts for nothing.
    """
    header = " ".join((header or "").split())
    found = _reading(header)
    if found is None:
        return {}
    best, others = found
    out = {best.field: 1.0}
    for f in others:
        out.setdefault(f, 0.9)
    parts = [p for p in _JOINERS.split(_ASIDE.sub(" ", header)) if p and p.strip()]
    if any(len(words(p)) > PART_MAX_WORDS for p in parts):
        parts = []
    if len(parts) > 1:
        whole = words(header)
        span = _span(best)
        if len(span) < len(whole):  # the winner does not cover the joined names
            for part in parts:
                m = best_field(part)
                if m is None or m.field in out:
                    continue
                # the part's words must not lie inside the winning name
                if set(_span(m)) and " ".join(words(part)) in best.phrase:
                    continue
                out[m.field] = 0.9
    return out
