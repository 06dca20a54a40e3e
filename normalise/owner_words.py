"""Word tests for owner cells: is a text a person, a role, a team, a short form, a label?

The vocabulary lives in ``data/owner_words.csv`` (role words, role nouns, organisation and
team head nouns, honorifics, vacancy notes, ordinary and thing words that are no personal name), listed
in the singular: a plural ("Health visitors", "Heads of Service", "Service Managers") is read
by its singular. Short forms of job titles ("AD", "HoS", "SM") are known by what they stand for
(``data/role_abbreviations.csv`` and the packaged ``data/acronyms.csv``, or the plan's
glossary through the roster). A label opening a line of a lead cell ("Lead:", "Owner –",
"Target date:", "Deadline –") is known by the column vocabulary of ``extract`` (the words
councils head the lead and timescale columns with, read from its data file).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

import json
from importlib import resources

from . import _data
from .text import fold_dashes, tidy

__all__ = ["is_person", "is_role", "is_acronym", "is_team", "tidy_owner", "has_word", "is_plural_of",
           "role_abbreviation", "label_side", "strip_label"]


# ---------------------------------------------------------------------------
# Vocabulary and word tests
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in _data.rows("owner_words.csv") if r["kind"] == kind)


@lru_cache(maxsize=None)
def _not_name_words() -> frozenset[str]:
    """Words no personal name holds: role, organisation, ordinary and thing words."""
    return _words("role") | _words("org") | _words("common") | _words("thing")


#: kinds of words that, singular or plural, make a phrase no personal name ("Heads", "Police",
#: "Commissioning Office", "Safeguarding Procedures")
_NOT_NAME_KINDS = ("role", "org", "unit", "thing")

#: distinct texts whose word tests are remembered (owner cells repeat the same few leads)
MEMO_TEXTS = 8192


def _singulars(word: str) -> tuple[str, ...]:
    """The singulars an English plural may have ("visitors" -> "visitor", "nurses" -> "nurse",
    "boxes" -> "box", "secretaries" -> "secretary"); () for a word that is no plural."""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "'s", "us")):
        return ()
    out = [word[:-1]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    return tuple(out)


@lru_cache(maxsize=MEMO_TEXTS)
def has_word(kind: str, token: str) -> bool:
    """Is ``token`` a word of ``kind`` in owner_words.csv, or the plural of one?"""
    low = _low(token)
    words = _words(kind)
    return low in words or any(s in words for s in _singulars(low))


def is_plural_of(kind: str, token: str) -> bool:
    """Is ``token`` the plural of a word of ``kind`` ("Managers", "Heads")?"""
    low = _low(token)
    return low not in _words(kind) and any(s in _words(kind) for s in _singulars(low))


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
    return any(has_word("role", t) for t in _tokens(text))


@lru_cache(maxsize=MEMO_TEXTS)
def _has_org_word(text: str) -> bool:
    return any(has_word("org", t) for t in _tokens(text))


@lru_cache(maxsize=None)
def _packaged_short_forms() -> dict[str, str]:
    """Short form -> what it stands for: the job titles' short forms, then the packaged acronyms;
    keyed as written and casefolded ("HoS", "hos")."""
    out: dict[str, str] = {}
    for name in ("role_abbreviations.csv", "acronyms.csv"):
        for r in _data.rows(name):
            out.setdefault(r["abbreviation"], r["expansion"])
    for k, v in list(out.items()):
        out.setdefault(k.casefold(), v)
    return out


#: "Head of ..." written short: "HoS", "HoCP" (a lower-case "o" between capitals)
_HEAD_OF = re.compile(r"Ho[A-Z][A-Za-z]*$")


def role_abbreviation(token: str, roster: Optional[Any] = None) -> bool:
    """Is ``token`` the short form of a job title ("AD", "HoS", "SM", "DCS")? By what it stands
    for: the plan's glossary (through ``roster``) first, then the packaged tables; a "Ho..."
    short form is a "Head of ..." when nothing says otherwise."""
    t = token.strip(".")
    if not is_acronym(t):
        return False
    meaning = roster.expansion(t) if roster is not None else ""
    if not meaning:
        forms = _packaged_short_forms()
        meaning = forms.get(t) or forms.get(t.casefold(), "")
    if meaning:
        return is_role(meaning)
    return bool(_HEAD_OF.match(t))


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
    if any(_low(t) in not_name or any(has_word(kind, t) for kind in _NOT_NAME_KINDS) for t in toks):
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
    if has_word("org", toks[-1]):
        return True
    return len(toks) >= 2 and has_word("unit", toks[-1])


@lru_cache(maxsize=MEMO_TEXTS)
def _is_affiliation(text: str) -> bool:
    """An organisation after a person's name (", Wiltshire Police", ", Audit Action group")."""
    toks = _tokens(text)
    return bool(toks) and has_word("org", toks[-1])


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
    return not any(is_acronym(t) or has_word("org", t) for t in role.split())


@lru_cache(maxsize=MEMO_TEXTS)
def tidy_owner(text: str) -> str:
    """Whitespace collapsed, stray punctuation and trailing full stops dropped."""
    s = tidy(fold_dashes(text), keep_newlines=False)
    s = _SPACE_BEFORE_MARK.sub(r"\1", s)
    s = s.strip(" \t,;:/-")
    s = _TRAILING_STOPS.sub("", s)
    return s.strip(" ,;:-")


# ---------------------------------------------------------------------------
# Labels in a lead cell ("Lead:", "Owner –", "Target date:", "Deadline –")
# ---------------------------------------------------------------------------

#: the column fields whose header words label a line of a lead-and-date cell, and the side
#: of the cell each labels
_LABEL_SIDES = {"owner": "owner", "due": "due", "start": "due"}
_HEADER_TOKEN = re.compile(r"[a-z0-9]+")


def header_words(text: str) -> list[str]:
    """Lower-cased words of a label, "&" read as "and" (as ``extract.vocabulary.words``)."""
    return _HEADER_TOKEN.findall(text.casefold().replace("&", " and "))


@lru_cache(maxsize=None)
def _label_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Side -> the header phrases of its columns, from extract's column vocabulary
    (``extract/data/columns.json``, the words councils head their columns with). Read as data:
    extract imports normalise's recognisers, so normalise imports no extract module.
    The vocabulary names a column by its head noun ("date", "lead"), the words that may modify
    it ("target" date, "named" lead), a closing "by" ("complete by": when; "actioned by": who) and
    a few idioms: a label is a head noun, a modifier and a head noun, "by" and a head noun ("by
    whom"), a word and a closing "by", or an idiom."""
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/columns.json").read_text("utf-8"))
    out: dict[str, list[tuple[str, ...]]] = {}
    by_time = list(raw.get("by_time", ()))
    for fld, side in _LABEL_SIDES.items():
        lists = raw["heads"].get(fld, {})
        # a field's own names and synonyms ("lead", "officer"); its related nouns are too often a
        # lead's own words ("Performance Team", "Lead Agency") to be read as a label
        nouns = [n for grade in ("names", "synonyms") for n in lists.get(grade, ())]
        nouns += [n for n, fs in raw.get("shared_heads", {}).items() if fld in fs]  # "Target"
        phrases = nouns + [f"{m} {n}" for m in raw.get("modifiers", ()) for n in nouns if m != n]
        phrases += [f"{a} {b}" for a in nouns for b in nouns if a != b]  # two of its names: "Date due", "Lead officer"
        phrases += [f"by {n}" for n in nouns]
        if fld == "due":
            phrases += ["by"] + [f"{w} by" for w in by_time]
        if fld == "owner":
            doers = [n for grade, ns in raw["heads"].get("action", {}).items() if not grade.startswith("_") for n in ns]
            kept = {n for grade, ns in raw["heads"].get("other", {}).items() if not grade.startswith("_") for n in ns}
            phrases += [f"{w} by" for w in doers + [p for p in raw.get("participles", ())
                                                    if p not in by_time and p not in kept]]
        out.setdefault(side, []).extend(tuple(header_words(p)) for p in phrases + raw["phrases"].get(fld, []))
    return {side: tuple(p for p in phrases if p) for side, phrases in out.items()}
#: a label is a short header phrase
_LABEL_WORDS = 4


@lru_cache(maxsize=None)
def _label_phrases_by_initial() -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Side -> first letter of a phrase's first word -> the phrases (``"*"``: all of them)."""
    out: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
    for side, phrases in _label_phrases().items():
        index: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            index.setdefault(p[0][:1], []).append(p)
        out[side] = {k: tuple(v) for k, v in index.items()}
        out[side]["*"] = phrases
    return out


def _same_word(a: str, b: str) -> bool:
    """Two label words are the same word: equal, one the other's plural, or one a longer form
    of the other ("complete" / "completed", "timescale" / "timescales")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 2 or long_ == short + "s"


@lru_cache(maxsize=MEMO_TEXTS)
def label_side(text: str) -> str:
    """"owner" or "due" when ``text`` is a header phrase of the lead or the timescale column
    ("Lead", "Owner", "Who", "Target date", "Deadline", "Complete by", "Target" as the start of
    "Target date"), else "". A phrase of both sides, or of neither, is no label."""
    ws = tuple(header_words(text))
    if not ws or len(ws) > _LABEL_WORDS or len(text) > 40:
        return ""
    # only phrases whose first word opens with the text's first letter can match it (two words
    # are the same word only so, see _same_word); a first word "" or "s" is checked against all
    by_initial = _label_phrases_by_initial()
    everything = ws[0] in ("", "s")

    def sides(prefix: bool) -> set[str]:
        return {side for side, index in by_initial.items()
                for p in (index["*"] if everything else index.get(ws[0][0], ()))
                if (len(p) > len(ws) if prefix else len(p) == len(ws))
                and all(_same_word(a, b) for a, b in zip(p, ws))}

    found = sides(False) or sides(True)
    return found.pop() if len(found) == 1 else ""


#: a label opening a line: a few words, then a colon or a dash ("Lead:", "Deadline – ")
_OPENING_LABEL = re.compile(r"\s*([^\W\d][\w'’ ]{0,40}?)\s*(?::|(?<=\s)-|-(?=\s))\s*")
#: a label inside a line, set off by a colon or a spaced dash ("Who: Jane Smith Target date: May
#: 2014", "Independent reviewing officers Deadline – Ongoing")
_INNER_LABEL = re.compile(r"(?<![\w'’])((?:[^\W\d][\w'’]*\s+){0,2}[^\W\d][\w'’]*)(?:\s*:|\s+-)\s+")


def strip_label(line: str) -> tuple[str, str]:
    """(side, rest) of a line that opens with a label ("Target date: May 2014" -> ("due",
    "May 2014"), "Lead – Jane Smith" -> ("owner", "Jane Smith")); ("", line) when it opens with
    none. A line that is only a label ("Timescale") gives its side and ""."""
    folded = fold_dashes(line)
    side = label_side(folded.strip(" :-"))
    if side and len(header_words(folded)) <= _LABEL_WORDS and not re.search(r"\d", folded):
        return side, ""
    m = _OPENING_LABEL.match(folded)
    if m:
        side = label_side(m.group(1)) or _due_label_ending(m.group(1))
        if side:
            return side, line[m.end():].strip()
    return "", line


def _due_label_ending(label: str) -> str:
    """"due" when the label ends in a timescale label after words of its own ("To be completed by"
    ends in "completed by"), else "". Only the timescale side: the words before a lead label often
    make it another thing ("Supported by", "Monitored by")."""
    starts = [w.start() for w in re.finditer(r"\S+", label)][1:-1]  # an ending of two words or more, not "by"
    return "due" if any(label_side(label[k:]) == "due" for k in starts) else ""


def inner_due_label(line: str) -> Optional[tuple[int, int]]:
    """(start, end) of a timescale label inside a line after some other text ("Who: Jane Smith
    Target date: May 2014" -> the span of "Target date: "), or None. The longest label wins
    ("Action by:" is a lead label, not "by:"). The caller checks that a timescale follows."""
    folded = fold_dashes(line)
    for m in _INNER_LABEL.finditer(folded):
        starts = [w.start() for w in re.finditer(r"\S+", m.group(1))]
        for k in starts:
            side = label_side(m.group(1)[k:])
            if side:
                if side == "due" and folded[:m.start(1) + k].strip():
                    return m.start(1) + k, m.end()
                break
    return None
