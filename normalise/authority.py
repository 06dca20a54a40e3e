"""The council a plan belongs to, and its code at the plan's date.

``data/authorities.csv`` (built by ``tools/authorities/build_authorities.py`` from mySociety's UK
local authority names and codes plus a hand-kept file) lists every UK authority with children's
services duties since 1998 with valid_from / valid_to: English county, unitary, metropolitan and
London councils, Welsh and Scottish councils (ONS GSS codes) and Northern Ireland's Health and
Social Care Trusts (ODS codes), so a plan from 2015 about Northamptonshire gets E10000021 and one
from 2022 about North Northamptonshire gets E06000061. Bodies that run a council's children's
services (children's trusts and companies) resolve to their council(s). Names are matched with
their usual variants ("Walsall Council", "Walsall MBC", "London Borough of Southwark", "Bristol,
City of"); letters such as "CE" count only when written as "CE council". In a document, council
names are looked for in the title, headings, paragraphs and table cells; the best-supported name
wins (headings weigh more, then how often, then how early). A safeguarding board's acronym alone
is not evidence, nor a name that is also an ordinary word without a council suffix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from actionplans.model import Document, Heading, ListItem, Paragraph, Table

from . import _data
from .dates import parse_iso

__all__ = ["Authority", "AuthorityMatch", "authorities", "bodies", "lookup", "suggest", "find_in_document", "resolve_authority"]


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    type: str
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    aliases: tuple[str, ...] = ()  # also searched for in text; one ending in "+" only with a council suffix
    suffix_only: bool = False  # in text only with a council suffix ("Reading Borough Council")
    abbreviations: tuple[str, ...] = ()
    nation: str = ""
    other_names: tuple[str, ...] = ()  # spellings accepted as a name given, not searched for in text
    given_only: bool = False  # never searched for in text (the name is also an ordinary phrase)
    councils: tuple[str, ...] = ()  # for a body running children's services: its councils' codes
    note: str = ""

    def valid_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class AuthorityMatch:
    name: str = ""
    code: str = ""
    warnings: tuple[str, ...] = ()
    evidence: str = ""  # what was found, e.g. "'Walsall' x12 (first in a heading)"
    source: str = ""  # "document" (stated or found in its text), "option" (--authority), "" (unknown)
    contenders: tuple[str, ...] = ()  # other councils the document names nearly as much (a close call)
    conflict: str = ""  # the option named another council than the document; the document's was kept
    stated: str = ""  # the council the document itself names ("" when it names none)


_SUFFIX = (r"(?:\s+(?:Metropolitan\s+Borough|Metropolitan\s+District|County\s+Borough|Borough|City|County|District|Islands)?\s*Council"
           r"|\s+M\.?B\.?C\.?|\s+C\.?C\.?(?=\W|$))")
_PREFIX = r"(?:(?:The\s+)?(?:London\s+Borough|Royal\s+Borough|Metropolitan\s+Borough|Borough|County|City\s+and\s+County|City)\s+of\s+)"


def _names(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in (text or "").split(";") if a.strip())


@lru_cache(maxsize=None)
def _rows() -> tuple[Authority, ...]:
    out = []
    for r in _data.rows("authorities.csv"):
        out.append(Authority(
            code=r["code"], name=r["name"], type=r["type"],
            valid_from=parse_iso(r["valid_from"]), valid_to=parse_iso(r["valid_to"]),
            aliases=_names(r["aliases"]), suffix_only=r["match"].casefold() == "suffix",
            abbreviations=_names(r["abbreviations"]), nation=r["nation"], other_names=_names(r["other_names"]),
            given_only=r["match"].casefold() == "given", councils=_names(r["councils"]), note=r["note"],
        ))
    return tuple(out)


@lru_cache(maxsize=None)
def authorities() -> tuple[Authority, ...]:
    """The councils (and Northern Ireland's Health and Social Care Trusts), one row per code."""
    return tuple(a for a in _rows() if a.code)


@lru_cache(maxsize=None)
def bodies() -> tuple[Authority, ...]:
    """Bodies that run children's services for a council (children's trusts and companies)."""
    return tuple(a for a in _rows() if not a.code)


@lru_cache(maxsize=None)
def _by_code() -> dict[str, Authority]:
    return {a.code: a for a in authorities()}


_ANY_SPACE = re.compile(r"\s+")
_LEADING_PREFIX = re.compile(rf"^{_PREFIX}", re.IGNORECASE)
_TRAILING_SUFFIX = re.compile(rf"{_SUFFIX}\s*$", re.IGNORECASE)
_TRAILING_SERVICE = re.compile(r"\s+(?:Children'?s\s+Services|Children\s+Services|Unitary\s+Authority)\s*$",
                               re.IGNORECASE)


def _key(name: str) -> str:
    s = name.casefold().replace("&", " and ").replace("-", " ").replace(".", " ").replace(",", " ")
    return _ANY_SPACE.sub(" ", s).strip()


_LEADING_THE = re.compile(r"^The\s+", re.IGNORECASE)


def _strip_affixes(name: str) -> str:
    s = _LEADING_PREFIX.sub("", name.strip())
    s = _LEADING_THE.sub("", s)
    s = _TRAILING_SUFFIX.sub("", s)
    s = _TRAILING_SERVICE.sub("", s)
    return s.strip()


def _all_names(a: Authority) -> tuple[str, ...]:
    return (a.name, *(n.rstrip("+") for n in a.aliases), *a.other_names)


@lru_cache(maxsize=None)
def _by_name() -> dict[str, tuple[Authority, ...]]:
    index: dict[str, list[Authority]] = {}
    for a in authorities():
        for n in _all_names(a):
            index.setdefault(_key(n), []).append(a)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


@lru_cache(maxsize=None)
def _bodies_by_name() -> dict[str, Authority]:
    return {_key(n): b for b in bodies() for n in _all_names(b)}


def _councils_of(body: Authority, on: Optional[date]) -> list[Authority]:
    """The councils a body runs children's services for: those with a code valid on ``on`` (or
    current, with no date) when there are any, else all of them."""
    found = [a for code in body.councils if (a := _by_code().get(code)) is not None]
    current = [a for a in found if (a.valid_on(on) if on is not None else a.valid_to is None)]
    return current or found


def _pick(cands: Iterable[Authority], on: Optional[date]) -> tuple[Optional[Authority], list[str]]:
    cands = list(dict.fromkeys(cands))
    if not cands:
        return None, []
    if on is not None:
        valid = [a for a in cands if a.valid_on(on)]
        if valid:
            return valid[0], []
        nearest = min(cands, key=lambda a: min(abs(((a.valid_from or on) - on).days), abs(((a.valid_to or on) - on).days)))
        span = f"valid {nearest.valid_from or '...'} to {nearest.valid_to or 'now'}"
        return nearest, [f"authority {nearest.name} has no code valid on {on.isoformat()}, took {nearest.code} ({span})"]
    current = [a for a in cands if a.valid_to is None]
    if len(cands) > 1:
        chosen = current[0] if current else max(cands, key=lambda a: a.valid_to or date.max)
        return chosen, [f"authority {chosen.name} has had several codes and the plan date is unknown, took {chosen.code}"]
    return cands[0], []


def lookup(name: str, on: Optional[date] = None) -> tuple[Optional[Authority], list[str]]:
    """The authority a name refers to ("Walsall MBC", "London Borough of Southwark", "Dorset",
    "Bristol, City of", "Orkney Islands Council"); a body that runs a council's children's
    services ("Birmingham Children's Trust") gives its council."""
    if not name or not name.strip():
        return None, []
    variants = (name, _strip_affixes(name))
    for variant in variants:
        cands = _by_name().get(_key(variant))
        if cands:
            return _pick(cands, on)
    for variant in variants:
        body = _bodies_by_name().get(_key(variant))
        if body is not None:
            councils = _councils_of(body, on)
            if not councils:
                return None, []
            chosen, warnings = _pick([councils[0]], on)
            names = list(dict.fromkeys(a.name for a in councils))
            if len(names) > 1:
                warnings.append(f"authority: {body.name} runs children's services for {', '.join(names)}; took {chosen.name}")
            return chosen, warnings
    return None, []


def _searched() -> tuple[Authority, ...]:
    """The councils and bodies whose names are looked for in a document's text."""
    return tuple(a for a in _rows() if not a.given_only)


@lru_cache(maxsize=None)
def _document_pattern() -> re.Pattern:
    alts = []
    for a in _searched():
        for n in (a.name, *a.aliases):
            suffix = a.suffix_only or n.endswith("+")
            n = n.rstrip("+")
            body = r"\s+".join("(?:and|&)" if w == "and" else re.escape(w) for w in n.split())
            alts.append((len(n), body + (_SUFFIX if suffix else "")))
        for ab in a.abbreviations:
            alts.append((len(ab), re.escape(ab) + r"\s+(?i:council)"))
    alts.sort(key=lambda x: -x[0])
    body = "|".join(f"(?:{p})" for _, p in dict.fromkeys(alts))
    return re.compile(rf"(?<![\w-])(?:{_PREFIX})?(?:{body})(?![\w-])")


_LETTERS = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=None)
def _document_anchors() -> Optional[frozenset[str]]:
    """The letters every name of :func:`_document_pattern` opens with ("St" of "St. Helens",
    "CW" of "CW&C"): a match opens on one of them as a whole run of letters (the pattern is
    case-sensitive there and wants no word character before the match, and the prefix it allows
    ends in a space), so a text holding none of them as a run of letters holds no match.
    None when some name opens with no letter (then every text is searched)."""
    anchors = set()
    for a in _searched():
        for first in [n.split()[0] for n in (a.name, *a.aliases)] + list(a.abbreviations):
            m = _LETTERS.match(first)
            if m is None or first == "and":
                return None
            anchors.add(m.group(0))
    return frozenset(anchors)


def _texts(doc: Document) -> Iterable[tuple[str, int]]:
    """(text, weight): title and headings weigh most, then paragraphs, then table cells."""
    if doc.title:
        yield doc.title, 3
    for b in doc.blocks:
        if isinstance(b, Heading):
            yield b.text, 3
        elif isinstance(b, (Paragraph, ListItem)):
            yield b.text, 2
        elif isinstance(b, Table):
            for row in b.rows:
                for cell in row.cells:
                    if cell is not None:
                        yield cell.text, 1


def _which(found: str, on: Optional[date]) -> list[Authority]:
    """The council(s) a name found in text stands for: one, or each council of a body that runs
    several councils' children's services."""
    for variant in (found, _strip_affixes(found)):
        if _key(variant) in _by_name():
            a, _ = lookup(variant, on)
            return [a] if a is not None else []
        body = _bodies_by_name().get(_key(variant))
        if body is not None:
            return list({a.name: a for a in _councils_of(body, on)}.values())
    m = re.match(r"(\S+)\s+council", found, re.IGNORECASE)
    if m:
        return [x for x in authorities() if m.group(1) in x.abbreviations][:1]
    return []


def find_in_document(doc: Optional[Document], on: Optional[date] = None) -> AuthorityMatch:
    """The council named in a document, or an empty match."""
    if doc is None:
        return AuthorityMatch()
    pat = _document_pattern()
    anchors = _document_anchors()
    scores: dict[str, list] = {}
    order = 0
    # a plan repeats many cells ("Ongoing", a lead's name): each text is searched once, each
    # name found looked up once
    names_in: dict[str, list[str]] = {}
    councils_of: dict[str, list[Authority]] = {}
    for text, weight in _texts(doc):
        text = text or ""
        names = names_in.get(text)
        if names is None:
            if anchors is not None and anchors.isdisjoint(_LETTERS.findall(text)):
                names = []
            else:
                names = [m.group(0) for m in pat.finditer(text)]
            names_in[text] = names
        for name in names:
            found = councils_of.get(name)
            if found is None:
                found = councils_of[name] = _which(name, on)
            if found:
                order += 1
            for a in found:
                s = scores.setdefault(a.name, [0, 0, order, name])
                s[0] += weight
                s[1] += 1
    if not scores:
        return AuthorityMatch()
    name, (score, count, first, shown) = max(scores.items(), key=lambda kv: (kv[1][0], kv[1][1], -kv[1][2]))
    a, warnings = lookup(name, on)
    others = sorted((n for n in scores if n != name), key=lambda n: -scores[n][0])
    close = [n for n in others if scores[n][0] * 2 > score]
    if close:
        warnings.append(f"authority: the document also names {', '.join(close[:3])}, took {name}")
    return AuthorityMatch(a.name if a else name, a.code if a else "", tuple(warnings),
                          f"'{shown}' x{count}", "document", tuple(close), stated=a.name if a else name)


def suggest(name: str, limit: int = 3) -> list[str]:
    """Council names close to a misspelt one ("Walsal" -> Walsall), best first."""
    from rapidfuzz import fuzz, process, utils

    names = list(dict.fromkeys(a.name for a in authorities()))
    found = process.extract(_strip_affixes(name), names, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit, score_cutoff=80)
    return [n for n, _, _ in found]


def _given(name: str, on: Optional[date]) -> AuthorityMatch:
    a, warnings = lookup(name, on)
    if a is not None:
        return AuthorityMatch(a.name, a.code, tuple(warnings), f"given as '{name.strip()}'", "option")
    return AuthorityMatch(name.strip(), "", (f"authority '{name.strip()}' is not in the table of UK councils",),
                          f"given as '{name.strip()}'", "option")


def _stated(name: str, on: Optional[date]) -> AuthorityMatch:
    a, warnings = lookup(name, on)
    if a is not None:
        return AuthorityMatch(a.name, a.code, tuple(warnings), f"stated as '{name.strip()}'", "document", stated=a.name)
    return AuthorityMatch(name.strip(), "", (), f"stated as '{name.strip()}'", "document", stated=name.strip())


def resolve_authority(given: Optional[str], doc: Optional[Document], on: Optional[date] = None,
                      stated: Optional[str] = None) -> AuthorityMatch:
    """The council a plan belongs to. What the document says wins: the council it states
    (``stated``, e.g. from its metadata), else the council its text names most. ``given``
    (``--authority``) fills only what the document leaves blank, or decides between councils
    the document names about equally; where it names another council than the document, the
    document's is kept and ``conflict`` says so."""
    given = (given or "").strip()
    found = _stated(stated, on) if stated and stated.strip() else find_in_document(doc, on)
    if not given:
        return found
    option = _given(given, on)
    if not found.name:
        return option
    if option.name.casefold() == found.name.casefold():
        return found
    if option.name in found.contenders:  # a close call in the document: the user's word decides it
        return replace(option, stated=found.name,
                       evidence=f"{option.evidence}; the document names it nearly as much as {found.name}")
    return replace(found, conflict=f"--authority '{given}' not used: the document names {found.name}")
