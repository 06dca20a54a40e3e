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
from .settings import DEFAULT, ExtractSettings

#: fields a column can be mapped to; "other" columns are kept in ``extra``
FIELDS = ("theme", "recommendation_ref", "recommendation", "action_ref", "action", "owner", "due", "start", "rag",
          "measures", "progress", "other")

#: two words are the same word at or above this rapidfuzz ratio (words of 4+ letters); the default of
#: ``ExtractSettings.word_match``
WORD_MATCH = DEFAULT.word_match


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


def _word_eq(a: str, b: str, word_match: float = WORD_MATCH) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4:
        return False
    if a.startswith(b) or b.startswith(a):  # cut-off header cells: "timesca", "responsib"
        return min(len(a), len(b)) >= 5
    return fuzz.ratio(a, b) >= word_match


@dataclass(frozen=True)
class PhraseMatch:
    """A field named in a header: ``phrase`` is the words naming it (the head noun with the words
    that modify it, or an idiom), starting at word ``position``; ``grade`` says how directly
    (:data:`GRADES`: the field's own name, a synonym, or a related word)."""
    field: str
    phrase: str
    position: int  # word index where the phrase starts
    grade: float = 1.0

    @property
    def strength(self) -> int:
        return len(self.phrase.replace(" ", ""))


#: how strongly a head noun names its field, by the list of ``columns.json`` it is in: the field's
#: own name ("Actions"), a synonym ("Interventions"), or a related word ("Key milestones", "Agency
#: response": action-like, outranked by a column headed as the actions in the same table)
GRADES = {"names": 1.0, "synonyms": 0.85, "related": 0.6}
#: a header's reading at or below this grade gives way to a column named more directly (:func:`outranked`)
RELATED = GRADES["related"]


@dataclass(frozen=True)
class _Lexicon:
    """The column vocabulary (``data/columns.json``) by word class."""

    heads: dict[str, tuple[str, ...]]  # head noun -> the fields it names, the first when nothing else decides
    grades: dict[str, dict[str, float]]  # head noun -> field -> grade
    light: dict[str, frozenset[str]]  # heads whose complement names the content ("Evidence of impact") -> its fields
    participles: frozenset[str]  # words following a head as its modifier ("Date due", "Actions agreed")
    modifiers: frozenset[str]  # words only modifying a head
    own_field_modifiers: frozenset[str]  # modifiers that modify only a head of their own field
    qualifiers: dict[str, dict[str, str]]  # head field ("*" any) -> {modifying word: the field it turns to}
    complement_fields: frozenset[str]
    cuts: frozenset[str]
    joiners: frozenset[str]
    function_words: frozenset[str]  # pronouns, articles, question words: no noun of a sentence
    time_words: frozenset[str]  # months, quarters: they follow a head without being one ("RAG Sept")
    openers: frozenset[str]  # question words
    question_verbs: dict[str, dict[str, str]]  # question word -> its verb -> the field it asks for
    by_time: frozenset[str]  # "<word> by" asks when ("Complete by")
    by_agent: frozenset[str]  # "<word> by" asks who ("Who by"), as after a doing ("Actioned by")
    phrases: tuple[tuple[str, tuple[str, ...]], ...]  # (field, idiom words)

    @property
    def light_fields(self) -> frozenset[str]:
        return frozenset(f for fs in self.light.values() for f in fs)


def _entries(section: dict) -> dict:
    """A section of the data file without its comments ("_" keys)."""
    return {k: v for k, v in section.items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/columns.json").read_text("utf-8"))
    grades: dict[str, dict[str, float]] = {}
    for fld, lists in raw["heads"].items():
        if fld not in FIELDS:
            raise ValueError(f"columns.json: unknown field {fld!r}")
        for grade, nouns in _entries(lists).items():
            if grade not in GRADES:
                raise ValueError(f"columns.json: unknown grade {grade!r} of {fld!r}")
            for n in nouns:
                grades.setdefault(n, {}).setdefault(fld, GRADES[grade])
    order: dict[str, list[str]] = {}
    for n, fs in grades.items():
        order[n] = sorted(fs, key=lambda f: -fs[f])  # a noun's most direct reading first, then file order
    shared_grade = GRADES[raw.get("shared_grade", "related")]
    for n, flds in raw.get("shared_heads", {}).items():
        if any(f not in FIELDS for f in flds):
            raise ValueError(f"columns.json: unknown field in shared head {n!r}")
        for f in flds:
            grades.setdefault(n, {}).setdefault(f, shared_grade)
        order[n] = list(dict.fromkeys(flds + order.get(n, [])))
    phrases = []
    for fld, ps in raw.get("phrases", {}).items():
        if fld not in FIELDS:
            raise ValueError(f"columns.json: unknown field {fld!r}")
        phrases.extend((fld, tuple(words(p))) for p in ps)
    raw_q = raw.get("questions", {})
    verbs: dict[str, dict[str, str]] = {}  # question word -> verb -> field
    for opener, by_field in _entries(raw_q).items():
        if any(f not in FIELDS for f in _entries(by_field)):
            raise ValueError(f"columns.json: unknown field in questions {opener!r}")
        verbs[opener] = {v: f for f, vs in _entries(by_field).items() for v in vs}
    for opener, like in raw_q.get("_also", {}).items():  # "which", "why": asked as "what"
        verbs[opener] = verbs[like]
    openers = list(verbs)
    quals = {f: dict(q) for f, q in raw.get("qualifiers", {}).items()}
    light = {n: frozenset(FIELDS if "*" in fs else fs) for n, fs in raw.get("light_heads", {}).items()}
    return _Lexicon(heads={n: tuple(f) for n, f in order.items()}, grades=grades, light=light,
                    participles=frozenset(raw.get("participles", ())), modifiers=frozenset(raw.get("modifiers", ())),
                    own_field_modifiers=frozenset(raw.get("own_field_modifiers", ())),
                    qualifiers=quals, complement_fields=frozenset(raw.get("complement_fields", ())),
                    cuts=frozenset(raw.get("cuts", ())), joiners=frozenset(raw.get("joiners", ())),
                    function_words=frozenset(raw.get("function_words", ())),
                    time_words=frozenset(raw.get("time_words", ())), openers=frozenset(openers),
                    question_verbs=verbs, by_time=frozenset(raw.get("by_time", ())),
                    by_agent=frozenset(raw.get("by_agent", ())),
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
    """A base word's written forms: plural ("officers", "boxes", "priorities"), and the -ize
    spelling of an -ise word ("organization", "prioritized")."""
    out = {w, w + "s"}
    if w.endswith(("s", "x", "ch", "sh")):
        out.add(w + "es")
    if w.endswith("y") and len(w) > 2:
        out.add(w[:-1] + "ies")
    for form in list(out):
        if _ISE.search(form):
            out.add(_ISE.sub(lambda m: m.group(0).replace("is", "iz"), form))
    return out


#: the British -ise/-isation spelling, written -ize/-ization elsewhere
_ISE = re.compile(r"is(?=ation|e[ds]?$|ing$)")


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
    bases |= lex.cuts | lex.joiners | lex.function_words | set(lex.light)
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
def _same_words(token: str, word_match: float = WORD_MATCH) -> frozenset[str]:
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
    return frozenset(w for w in found if _word_eq(w, token, word_match))


@lru_cache(maxsize=16384)
def _base(token: str, word_match: float = WORD_MATCH) -> Optional[str]:
    """The lexicon's base word ``token`` is (its plural, a misspelling, a cut-off start), or None.
    An exact form wins; else the closest in spelling."""
    index = _phrase_index()
    if token in index.base:
        return index.base[token]
    # an idiom's word alone is no word of a name; and a word close in spelling is the same word
    # when one letter is wrong, lost, added or swapped ("Oficer", "Tmescale"), not another word
    # of the same stem ("responsive" is no "response", "offer" no "officer"); the first letter is
    # seldom the one mistyped ("leading" is no "heading")
    same = [w for w in _same_words(token, word_match) if w in index.base
            and (w.startswith(token) or token.startswith(w) or OSA.distance(w, token) <= 1 and w[0] == token[0])]
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
    word: str = ""  # the word as written (lower-cased)
    asked: bool = False  # a question's verb ("How will we KNOW"): it heads the header

    def heads(self, lex: _Lexicon) -> tuple[str, ...]:
        if self.idiom:
            return (self.idiom,)
        return lex.heads.get(self.base, ()) if self.base else ()

    def grade(self, field: str, lex: _Lexicon) -> float:
        """How directly this word names ``field`` (0 when it does not): an idiom or a question's
        verb as a synonym does."""
        if self.idiom:
            return GRADES["synonyms"] if field == self.idiom else 0.0
        return lex.grades.get(self.base, {}).get(field, 0.0) if self.base else 0.0


#: a word after a head that is no noun of its own: a participle or adverb ("Actions outstanding",
#: "Date revised", "Progress currently"), a number or a short word ("RAG Q2", "Progress so far")
_NOT_A_NOUN = re.compile(r"(?:ed|ing|ly)$|^.{0,3}$|\d")


def _unknown_noun(u: _Unit, lex: _Lexicon) -> bool:
    """Is ``u`` a noun the lexicon does not know? A phrase headed by one names nothing: its known
    words only modify it ("Progress indicator" is no progress, "Scope of recommendation" no
    recommendation)."""
    return (u.base is None and not u.idiom and bool(u.word) and not _NOT_A_NOUN.search(u.word)
            and u.word not in lex.time_words)


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


#: verbs that may only ask the question ("What DO we need to change")
_AUXILIARIES = frozenset({"do", "does", "did"})


def _units(toks: tuple[str, ...], word_match: float = WORD_MATCH) -> list[_Unit]:
    """The header's words as units: idioms (longest first) over the words they cover, a question's
    verb ("How will we KNOW"), a closing "by" with the word before it ("Complete by": when;
    "Actioned by": who), a compound written apart ("Time scale", "Work stream"), else one unit
    per word with its lexicon base."""
    lex = _lexicon()
    index = _phrase_index()
    sames = [_same_words(t, word_match) for t in toks]
    taken: dict[int, _Unit] = {}
    for fld, phrase in lex.phrases:
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if any(k in taken for k in range(i, i + n)):
                continue
            if all(phrase[k] == toks[i + k] or phrase[k] in sames[i + k] for k in range(n)):
                u = _Unit(i, i + n, None, fld, " ".join(toks[i:i + n]))
                for k in range(i, i + n):
                    taken[k] = u
    if toks and toks[0] in lex.openers:  # a question names the field of its verb ("How will we know")
        verbs = lex.question_verbs[toks[0]]
        found = []
        for i, t in enumerate(toks[1:], 1):
            verb = t if t in verbs else t[:-1] if t.endswith("s") else None  # "looks", "knows"
            if i not in taken and verb in verbs and not (i + 1 < len(toks) and toks[i + 1] == "to"):
                found.append((i, verbs[verb]))  # (not "What we need TO do": the infinitive is the verb)
        # "do" asks the question ("What do partners need to change") when another verb follows
        main = [(i, f) for i, f in found if toks[i] not in _AUXILIARIES] or found
        if main:
            i, fld = main[0]
            taken[i] = _Unit(i, i + 1, None, fld, toks[i], asked=True)
    if toks and toks[-1] == "by" and len(toks) - 1 not in taken:
        i = len(toks) - 1
        if len(toks) == 1:
            taken[i] = _Unit(i, i + 1, None, "due", "by")  # "By:" alone
        else:
            prev = _base(toks[i - 1], word_match) or toks[i - 1]
            if toks[i - 1] in lex.by_time or prev in lex.by_time or "due" in lex.heads.get(prev, ()):
                u = _Unit(i - 1, i + 1, None, "due", " ".join(toks[i - 1:]))
                taken[i - 1] = taken[i] = u
            elif i - 1 not in taken and (prev in lex.participles or toks[i - 1].endswith("ed")
                                         or "action" in lex.heads.get(prev, ()) or toks[i - 1] in lex.by_agent):
                if "other" not in lex.heads.get(prev, ()):
                    # the agent of a doing ("Actioned by", "Action by", "Delivered by", "Who by")
                    u = _Unit(i - 1, i + 1, None, "owner", " ".join(toks[i - 1:]))
                    taken[i - 1] = taken[i] = u
            elif i - 1 not in taken and lex.heads.get(prev):
                # after a name of its own the "by" is the next label ("Service Manager | By: May")
                taken[i] = _Unit(i, i + 1, None, "due", "by")
    for i in range(len(toks) - 1):  # "By whom", "By when", "By date": the lead or the date
        if toks[i] == "by" and i not in taken and i + 1 not in taken:
            named = [f for f in lex.heads.get(_base(toks[i + 1], word_match) or "", ()) if f in ("owner", "due")][:1]
            if named:
                taken[i] = taken[i + 1] = _Unit(i, i + 2, None, named[0], " ".join(toks[i:i + 2]))
    out: list[_Unit] = []
    i = 0
    while i < len(toks):
        if i in taken:
            out.append(taken[i])
            i = taken[i].end
            continue
        if i + 1 < len(toks) and i + 1 not in taken and toks[i] + toks[i + 1] in index.base and \
                toks[i + 1] not in lex.cuts:
            out.append(_Unit(i, i + 2, index.base[toks[i] + toks[i + 1]], None, toks[i] + toks[i + 1]))
            i += 2
            continue
        out.append(_Unit(i, i + 1, _base(toks[i], word_match), None, toks[i]))
        i += 1
    return out


def _is_head(u: _Unit, before: list[_Unit], lex: _Lexicon) -> bool:
    """Is ``u`` a head noun here? A participle after a head is its modifier ("Date due"), and a
    light noun after a head says nothing of its own ("Action description", "Progress evidence")."""
    if not u.heads(lex):
        return False
    if u.base in lex.participles and any(b.heads(lex) and b.base not in lex.participles for b in before):
        return False
    if lex.light.get(u.base) == frozenset(FIELDS) and any(b.heads(lex) for b in before):
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


#: one column name read: (field, other readings with their grades, first word, past the last word, grade)
_Reading = tuple[str, tuple[tuple[str, float], ...], int, int, float]


def _last_noun(units: list[_Unit], lex: _Lexicon) -> Optional[_Unit]:
    """The last word of a noun phrase that may be its head: not a participle or light noun after
    a head, a function word, a month or the like."""
    for k in range(len(units) - 1, -1, -1):
        u = units[k]
        if u.idiom or _unknown_noun(u, lex):
            return u
        if u.base is None or u.base in lex.function_words:
            continue
        if u.heads(lex) and _is_head(u, units[:k], lex):
            return u
    return None


def _read(units: list[_Unit], lex: _Lexicon, second_reading: float = DEFAULT.second_reading) -> Optional[_Reading]:
    """The reading of one column name: the head noun of its first noun phrase, turned by its
    qualifiers; None when no word of it names a field, or its head noun is one the lexicon does
    not know (its known words only modify it)."""
    if not units:
        return None
    at = next((k for k, u in enumerate(units) if u.asked), None)  # a question is read from its verb
    if at is None:
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
    if start and units[0].word not in lex.openers:  # (a question's opening has its verb: "What needs…")
        first = next(k for k in range(at) if cut(units[k]))
        opening = _last_noun(units[:first], lex)
        if opening is not None and _unknown_noun(opening, lex):
            return None  # the first noun phrase names nothing ("Scope of recommendation", "Plans for every…")
    # (an article or pronoun after the head opens a clause: "Actions | the partnership will take",
    # "Commentary | this quarter")
    stop = next((k for k in range(at + 1, len(units)) if cut(units[k]) or units[k].base in lex.function_words
                 and not units[k].idiom), len(units))
    phrase = units[start:stop]
    heads = [k for k, u in enumerate(phrase) if _is_head(u, phrase[:k], lex)]
    h = next((k for k in heads if phrase[k].asked), heads[-1])  # a question's verb heads it
    head = phrase[h]
    # "Progress indicator": the head is a word no field is named by. (After a verb's form the
    # words are its complement, no noun it modifies: "Judged good".)
    verb = head.base in lex.participles or head.word.endswith("ed")
    if not verb and not any(u.idiom for u in phrase) and any(_unknown_noun(u, lex) for u in phrase[h + 1:]):
        # unless a word that turns any head names the field ("RAG assessment")
        strong = next((lex.qualifiers["*"][u.base] for u in phrase if u.base in lex.qualifiers.get("*", {})), None)
        if strong is None:
            return None
        first = next(u.start for u in phrase if u.base is not None or u.idiom)
        return strong, (), first, phrase[-1].end, GRADES["synonyms"]
    readings = head.heads(lex)
    field = readings[0]
    grade_of = head
    complement = units[stop:]
    if head.base in lex.light:
        # the complement names the content ("Area for improvement"), or else a modifier naming it
        # directly does ("Improvement area"; a "Priority area" stays a part of the plan)
        inner = next((u for u in complement if u.heads(lex) and u.heads(lex)[0] in lex.light[head.base]), None)
        if inner is None:
            inner = next((u for u in reversed(phrase[:h]) if u.heads(lex) and u.heads(lex)[0] in lex.light[head.base]
                          and u.grade(u.heads(lex)[0], lex) >= GRADES["synonyms"]), None)
        if inner is not None:
            field, readings, grade_of = inner.heads(lex)[0], inner.heads(lex), inner
    # the modifiers nearest the head first; a modifier joined to another ("Start and end date")
    # modifies both, so it does not turn the head
    mods = [u for k, u in enumerate(phrase) if k != h and not (k + 1 < len(phrase) and phrase[k + 1].base
                                                                 in lex.joiners)]
    mods.sort(key=lambda u: abs(u.start - head.start))
    if len(readings) > 1:  # a head of two fields ("criteria"): a modifier naming one of them settles it
        named = [f for f in readings if any(m.grade(f, lex) >= GRADES["synonyms"] for m in mods)]
        if len(named) == 1:
            field, readings = named[0], (named[0],)
    turned = _qualified(field, mods, lex)
    if turned == field and field in lex.complement_fields:
        turned = _qualified(field, complement, lex)
    if turned != field:
        grade, others = 1.0, ()  # a qualifier decides ("Review date", "Start date")
    else:
        grade = grade_of.grade(field, lex)
        # a modifier that is the field's own name names it one grade more directly ("Action
        # milestones", "Lead officer")
        if any(m.grade(field, lex) >= GRADES["names"] for m in mods):
            grade = min((g for g in GRADES.values() if g > grade), default=grade)
        others = tuple((f, second_reading * (grade_of.grade(f, lex) or RELATED)) for f in readings if f != turned)
    first = next((u.start for u in phrase if u.base is not None or u.idiom), head.start)
    last = max(u.end for u in phrase[h:] if u.base is not None or u.idiom)
    return turned, others, first, last, grade


def _conjuncts(units: list[_Unit], lex: _Lexicon,
               second_reading: float = DEFAULT.second_reading) -> list[list[_Unit]]:
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
            after = _read(nbody, lex, second_reading)
            if after is not None and body[0].base in lex.qualifiers.get(after[0], {}):
                nxt[:0] = p  # "Start and end date": the lone word modifies the next head too
                continue
        out.append(p)
    return out


def _sentence(units: list[_Unit], lex: _Lexicon, sentence_unknown: int = DEFAULT.sentence_unknown) -> bool:
    """A text with ``sentence_unknown`` nouns the lexicon does not know, and no fewer than the words it
    knows, is a sentence ("No young person in unsuitable housing"), not a column's name."""
    if any(u.asked for u in units):
        return False
    unknown = sum(1 for u in units if _unknown_noun(u, lex))
    known = sum(1 for u in units if u.idiom or u.base is not None and u.base not in lex.cuts
                and u.base not in lex.function_words)
    return unknown >= sentence_unknown and unknown >= known


@lru_cache(maxsize=4096)
def _reading(header: str, settings: ExtractSettings = DEFAULT) -> Optional[tuple[PhraseMatch, tuple[tuple[str, float], ...]]]:
    text = _clean(header)
    lex = _lexicon()
    offset = 0
    # (letters set apart by the marks are one word: "B/R/A/G")
    for part in [text] if len(words(text)) == 1 else _PART_MARKS.split(text):
        toks = tuple(words(part))
        if not toks:
            continue
        units = _units(toks, settings.word_match)
        if _sentence(units, lex, settings.sentence_unknown):
            offset += len(toks)
            continue
        for conj in _conjuncts(units, lex, settings.second_reading):
            found = _read(conj, lex, settings.second_reading)
            if found is not None:
                fld, others, s, e, grade = found
                return PhraseMatch(fld, " ".join(toks[s:e]), offset + s, grade), others
        offset += len(toks)
    return None


@lru_cache(maxsize=4096)
def best_field(header: str, settings: ExtractSettings = DEFAULT) -> Optional[PhraseMatch]:
    """The field ``header`` names (None if none): the head noun of its first column name, with
    the words modifying it ("Target completion date": due; "Review date": other), or an idiom
    ("By whom"). Plural and possessive endings, misspellings and cut-off words are read as the
    word ("Lead Officer(s)", "Timesca")."""
    found = _reading(" ".join((header or "").split()), settings)
    return found[0] if found else None


@lru_cache(maxsize=1024)
def fields_in_order(header: str, settings: ExtractSettings = DEFAULT) -> tuple[PhraseMatch, ...]:
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
        found.extend(replace(m, position=m.position + offset) for m in _fields_in_part(toks, lex, settings))
        offset += len(toks)
    return tuple(found)


def _fields_in_part(toks: tuple[str, ...], lex: _Lexicon, settings: ExtractSettings = DEFAULT) -> list[PhraseMatch]:
    units = _units(toks, settings.word_match)
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
            plural = bool(prev.base) and written != prev.base and written.endswith("s")
            if plural:
                modifies = False  # a noun modifies another in the singular: "Actions", "Services" end a name
            if prev.base in lex.own_field_modifiers and u.heads(lex) and lex.heads[prev.base][0] not in u.heads(lex):
                modifies = False  # "Lead officer" is one name, "Lead | Timescale" two
            follows = u.base in lex.participles and not u.idiom
            if prev.idiom or u.idiom or ((prev_head or plural) and not modifies and not follows):
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
            last = units[e - 1]
            plural = bool(last.base) and toks[last.start] != last.base and toks[last.start].endswith("s")
            if all(b.base in lex.cuts and b.base not in lex.joiners and not b.idiom for b in between) and (
                    between or f is None and not plural):  # ("Legal Services | Timescale" stay apart)
                whole = _read(units[s:r[1]], lex, settings.second_reading) if r[2] is not None else None
                if whole is not None and (f is None or r[2] == f or whole[0] != f):
                    merged[-1] = (s, r[1], whole[0])
                    continue
        merged.append(r)
    return [PhraseMatch(f, " ".join(toks[units[s].start:units[e - 1].end]), units[s].start) for s, e, f in merged
            if f is not None]


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

    The head noun of the header's first column name names its field (1.0); a head noun that
    names two fields ("Milestones": the actions, or their dates) gives the other 0.9. A header
    that joins two names ("Who by / by when", "Lead officer and date", "Recommendation /
    action") names the field of each part too (0.9), so a column can hold either, or both at
    once. A part inside the winning name ("Start" in "Start and end date") counts for nothing.
    """
    header = " ".join((header or "").split())
    found = _reading(header, settings)
    if found is None:
        return {}
    best, others = found
    out = {best.field: best.grade}
    for f, g in others:
        out.setdefault(f, g)
    parts = [p for p in _JOINERS.split(_ASIDE.sub(" ", header)) if p and p.strip()]
    if any(len(words(p)) > settings.part_max_words for p in parts):
        parts = []
    if len(parts) > 1:
        whole = words(header)
        span = _span(best)
        if len(span) < len(whole):  # the winner does not cover the joined names
            for part in parts:
                m = best_field(part, settings)
                if m is None or m.field in out:
                    continue
                # the part's words must not lie inside the winning name
                if set(_span(m)) and " ".join(words(part)) in best.phrase:
                    continue
                out[m.field] = settings.second_reading * m.grade
    return out


def outranked(readings: list[dict[str, float]]) -> list[dict[str, float]]:
    """The header readings (:func:`header_fields`) of one table's columns, relative to each other:
    a column naming a field only by a related word ("Key milestones", "Agency response": action-like)
    gives that field up when another column of the table names it by its name or a synonym
    ("Action to be taken"); with no such column it keeps it. What is kept in extra is never given up."""
    direct = {f for r in readings for f, g in r.items() if g > RELATED}
    return [{f: g for f, g in r.items() if f == "other" or g > RELATED or f not in direct} for r in readings]
