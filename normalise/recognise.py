"""What kind of value a short text is: one recogniser per kind, shared by extract and normalise.

Extract asks these to tell what a column holds; normalise reads the same values with the same
grammar and words. Each kind has one recogniser and its vocabulary lives in one packaged data
file, so a word added there is known to both stages:

- look-alike letters (Greek, Cyrillic, fullwidth ... written for Latin ones): ``fold_lookalikes``,
  from ``data/confusables.csv``;
- dates: the timescale grammar of :mod:`.dates` (``data/months.csv``, ``data/date_phrases.csv``),
  asked through ``is_date_like``, ``date_expressions``, ``split_dates``, ``without_dates`` and
  ``written_date``;
- people, roles and teams: the word tests of :mod:`.owner_words` (``data/owner_words.csv``,
  ``data/role_abbreviations.csv``, ``data/acronyms.csv``), asked through ``is_person_name`` and
  ``is_role_or_team``;
- RAG ratings: :func:`.rag.rag_word` (``data/rag_words.csv``, ``data/progress_states.csv``).

This module imports no module of ``extract`` (extract imports normalise, not the other way).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from . import _data
from .dates import DateContext, DateSpan, _grammar, _read, date_spans
from .owner_words import has_word, is_acronym, is_person, is_role, is_team, role_abbreviation
from .text import fold_dashes

__all__ = ["fold_lookalikes", "is_date_like", "date_expressions", "split_dates", "without_dates", "written_date",
           "is_person_name", "is_role_or_team"]

#: distinct cell texts whose tests are remembered (a cell is tested by several column features)
MEMO_TEXTS = 8192

# ---------------------------------------------------------------------------
# Look-alike letters
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _confusables() -> dict[int, str]:
    return {ord(r["char"]): r["latin"] for r in _data.rows("confusables.csv") if len(r["char"]) == 1}


def fold_lookalikes(text: str) -> str:
    """NFKC, then Greek / Cyrillic / Cherokee / small-capital look-alikes as Latin letters
    ("Ｒed Аmber" -> "Red Amber"), by ``data/confusables.csv``."""
    text = text or ""
    if text.isascii():  # NFKC leaves ASCII as it is, and the look-alikes are none of it
        return text
    return unicodedata.normalize("NFKC", text).translate(_confusables())


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

#: How much a date expression says that the text holds a timescale:
#: - anywhere in the text: a date with its year ("Sept 13", "31/03/2015", "Q3 2014/15",
#:   "2014/15", "Implement by March 2014") or a word of no deadline yet ("Ongoing", "TBC",
#:   "To be agreed by the board");
#: - when it opens the text or follows a date word: a relative time or "now" ("Within 3 months
#:   of the plan", "Immediate", "Target: Immediate"), not one inside a sentence ("Review cases open over 12 months", "Monthly
#:   report now produced");
#: - when the text holds nothing else: a month or season without a year ("March", "Sept - Dec",
#:   not "April Jones"), a year alone ("2014", not "Ofsted 2013 report"), a repeat ("Monthly");
#: - never: a status ("Complete", "In place") or "N/A".
def _strength(span: DateSpan) -> str:
    if span.kind == "marker":
        return ""
    if span.kind == "open":
        return {"open": "anywhere", "repeat": "whole"}.get(span.form, "")
    if span.kind == "date":
        return "whole" if span.form == "by" else "anywhere"
    if span.kind in ("relative", "now"):
        return "opening"
    return "whole"


#: what may stand between the date expressions of a text made only of them
_BETWEEN = re.compile(r"[\s\W_]*")
#: what joins two dates into one range ("Sept 13 – Jan 14", "April to June 2014")
_RANGE_JOIN = re.compile(r"\s*(?:-|to|until|till)\s*", re.IGNORECASE)
#: what joins a date to a word of no deadline ("Dec 2012 and ongoing")
_AND_JOIN = re.compile(r"\s*(?:and|&|then)\s*", re.IGNORECASE)
#: the longest text read as a short timescale cell
DATE_TEXT_CHARS = 80


def _blanked(text: str, spans) -> str:
    chars = list(text)
    for s in spans:
        chars[s.start:s.end] = " " * (s.end - s.start)
    return "".join(chars)


@lru_cache(maxsize=MEMO_TEXTS)
def date_expressions(text: str) -> tuple[DateSpan, ...]:
    """The date expressions of ``text`` (no marker words such as "by"), by the timescale grammar,
    positions those of ``text``."""
    return tuple(s for s in date_spans(text) if s.kind != "marker")


@lru_cache(maxsize=MEMO_TEXTS)
def is_date_like(text: str) -> bool:
    """Does this short text give a timescale? By the timescale grammar's date expressions in it
    and how much each says so (see ``_strength``)."""
    t = " ".join((text or "").split())
    if not t or len(t) > DATE_TEXT_CHARS:
        return False
    spans = date_spans(t)
    found = [(s, _strength(s)) for s in spans if _strength(s)]
    if not found:
        return False
    if any(how == "anywhere" for _, how in found):
        return True
    markers = [s for s in spans if s.kind == "marker"]
    first = found[0][0]
    if found[0][1] == "opening" and _BETWEEN.fullmatch(_blanked(t[:first.start], markers)):
        return True
    for s, how in found:  # "Target: Immediate", "Deadline - within 3 months"
        if how == "opening" and any(m.end <= s.start and _BETWEEN.fullmatch(t[m.end:s.start]) for m in markers):
            return True
    return bool(_BETWEEN.fullmatch(_blanked(t, markers + [s for s, _ in found])))


def _groups(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, has a year) of each date or range of dates in ``text``: dates joined by a dash
    or "to" are one range; a word of no deadline after "and" goes with the date before it."""
    out: list[list] = []
    for s in date_expressions(text):
        gap = text[out[-1][1]:s.start] if out else ""
        if s.form == "by":  # a year alone is no date of its own ("Decemebr 2011 31 December 2011")
            continue
        if s.kind in ("date", "month"):
            if out and _RANGE_JOIN.fullmatch(gap):
                out[-1][1] = s.end
                out[-1][2] = out[-1][2] or s.kind == "date"
            else:
                out.append([s.start, s.end, s.kind == "date"])
        elif s.kind == "open" and out and _AND_JOIN.fullmatch(gap):
            out[-1][1] = s.end
    return [(a, b, y) for a, b, y in out]


def split_dates(text: str) -> list[str]:
    """The separate dates or ranges of a one-paragraph timescale cell ("Sept 13 Oct 13" ->
    ["Sept 13", "Oct 13"]; "Sept 13 – Jan 14" is one)."""
    folded = fold_dashes(text)  # one character for one: positions are kept
    return [text[a:b].strip() for a, b, _ in _groups(folded)]


def without_dates(text: str) -> str:
    """The text with its date expressions, and the words that introduce them, taken out
    ("Jane Smith (March 2013)" -> "Jane Smith ()"; "Jane Smith by end of March 2014" ->
    "Jane Smith"). A month without a year stays unless it is part of a dated range
    ("April Jones" keeps its name)."""
    folded = fold_dashes(text)
    cut = [(a, b) for a, b, dated in _groups(folded) if dated]
    cut += [(s.start, s.end) for s in date_expressions(folded) if _strength(s) and s.kind != "month"
            and not any(a <= s.start and s.end <= b for a, b in cut)]
    markers = [s for s in date_spans(folded) if s.kind == "marker"]
    grown = True
    while grown:  # the words that go with a date taken out: "by end of", "Target:", "across the ... financial year"
        grown = False
        for m in markers:
            if (m.start, m.end) in cut:
                continue
            before = any(_BETWEEN.fullmatch(folded[m.end:a]) for a, _ in cut if a >= m.end)
            after = any(_BETWEEN.fullmatch(folded[b:m.start]) for _, b in cut if b <= m.start)
            if before or after:
                cut.append((m.start, m.end))
                grown = True
    chars = list(text)
    for a, b in cut:
        chars[a:b] = " " * (b - a)
    return " ".join("".join(chars).split())


#: grammar forms that give a day, and the group holding their year
_DAY_FORMS = {"iso": "iy", "num": "ny", "dmy": "dy", "mdy": "uy", "mdy4": "vy"}
_MONTH_FORMS = {"my": "myy"}


def written_date(text: str) -> Optional[tuple[str, str]]:
    """(ISO date, the words that state it) of the first day written with a four-digit year
    ("10th Dec 2012", "31/03/2014" -> a day), else of the first month so written ("July 2011"
    -> "2011-07"); None when the text states neither."""
    folded = fold_dashes(text or "")
    month: Optional[tuple[str, str]] = None
    for m in _grammar().finditer(folded):
        form = m.lastgroup or ""
        year_group = _DAY_FORMS.get(form) or _MONTH_FORMS.get(form)
        if not year_group or len(m.group(year_group) or "") != 4:
            continue
        found = _read(m, DateContext(), [])
        if found is None or found.start is None:
            continue
        words = text[m.start():m.end()]
        if form in _DAY_FORMS:
            return found.start.isoformat(), words
        if month is None:
            month = found.start.isoformat()[:7], words
    return month


# ---------------------------------------------------------------------------
# People, roles and teams
# ---------------------------------------------------------------------------

#: what separates the people of a cell naming several ("Jane Smith / Raj Patel", "... and ...")
_NAME_SEPARATOR = re.compile(r"[/\n;]|\band\b")


@lru_cache(maxsize=MEMO_TEXTS)
def is_person_name(text: str) -> bool:
    """Is the text one or more personal names ("Jane Smith", "Dr J. Patel / Sue O'Neill")?
    Each by :func:`.owner_words.is_person`: two to four capitalised words, none of them a role,
    organisation, team or other word of ``owner_words.csv`` that no name holds."""
    parts = [p.strip(" ,.") for p in _NAME_SEPARATOR.split(text or "")]
    parts = [p for p in parts if p]
    return bool(parts) and all(is_person(" ".join(p.split())) for p in parts)


#: a short form or a joiner between short forms ("DCS", "AD CSC / PSW")
_SHORT_FORM_OR_JOINER = re.compile(r"[A-Z]{2,6}s?|[/&,;+-]|and")
_TOKEN = re.compile(r"[\w'’&.-]+")
#: the kinds of ``owner_words.csv`` whose words a role's or team's name is made of
_OWNER_KINDS = ("role", "role_noun", "org", "unit", "common", "thing", "title", "vacancy")


def _owner_word(token: str) -> bool:
    return any(has_word(kind, token) for kind in _OWNER_KINDS)


def _head_noun(token: str) -> bool:
    return any(has_word(kind, token) for kind in ("role", "role_noun", "unit", "org"))


@lru_cache(maxsize=MEMO_TEXTS)
def is_role_or_team(text: str) -> bool:
    """Does the text name a role, team or agency ("Head of Service", "Service Managers",
    "Commissioning Team", "Wiltshire Police", "Jane Smith and Raj Patel, Locality Managers"), or
    only short forms ("DCS", "AD CSC / PSW", "HoS CiC")? A role word of ``owner_words.csv``, a
    team's head noun, or a short form of a job title (by what it stands for) — in a name, not in a
    sentence: no numbers (its dates set aside), and its lower-case words are words of
    ``owner_words.csv`` or modify the head noun that follows ("Health visitors and the data team",
    not "Guidance shared with managers")."""
    t = " ".join((text or "").split())
    if is_date_like(t):  # "Learning and Development Lead – 31 Aug 2010"
        t = without_dates(t)
    toks = _TOKEN.findall(t)
    if not any(ch.isalpha() for ch in t) or any(ch.isdigit() for ch in t):
        return False
    for i, w in enumerate(toks):  # a lower-case word of its own only before a head noun ("the data team")
        if w[:1].islower() and not _owner_word(w) and not (i + 1 < len(toks) and _head_noun(toks[i + 1])):
            return False
    if is_role(t) or is_team(t) or any(w[:1].isupper() and (has_word("unit", w) or has_word("org", w)) for w in toks):
        return True  # a role word, or a team's or agency's head noun ("CLA Team W Hepworth")
    if all(_SHORT_FORM_OR_JOINER.fullmatch(w) for w in t.replace("/", " / ").split()):
        return True
    return any(is_acronym(w) and role_abbreviation(w) for w in toks)  # "AD Safeguarding"
