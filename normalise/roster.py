"""Known people: the user's roster file, the document's named officers, names seen in the plan.

``Roster`` canonicalises personal names: exact (ignoring case), initial + surname
("S Butcher"), surname alone, then a fuzzy match (rapidfuzz, explicit processor and cut-off)
that never joins two people whose given names differ ("Sue Butcher" / "Sam Butcher"). It also
knows the roles the roster names and who holds them, roles the plan writes as owners of their
own, and what the plan's short forms stand for; ``owners`` asks it before cutting a cell.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from rapidfuzz import fuzz, process, utils

from actionplans.errors import InputError

from .owner_words import _INITIAL, _low, _strip_title, is_acronym, is_person, is_role, tidy_owner

__all__ = ["RosterEntry", "Roster", "load_roster_file", "best_spellings", "NAME_CUTOFF", "GIVEN_NAME_CUTOFF"]

#: rapidfuzz score (0-100) a personal name must reach to be read as a roster name
NAME_CUTOFF = 88.0
#: and the given names alone, so that two people with one surname are never joined
GIVEN_NAME_CUTOFF = 80.0


@dataclass(frozen=True)
class RosterEntry:
    name: str
    role: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""  # "user", "document", "plan"


# ---------------------------------------------------------------------------
# Roster
# ---------------------------------------------------------------------------


def _surname(name: str) -> str:
    toks = _strip_title(name.split())
    return _low(toks[-1]) if toks else ""


def _given(name: str) -> str:
    toks = _strip_title(name.split())
    return _low(toks[0]) if len(toks) > 1 else ""


def _well_cased(name: str) -> int:
    return sum(1 for t in name.split() if t[:1].isupper())


class Roster:
    """Known people: the user's file, the document's named officers, names seen in the plan."""

    def __init__(self, entries: Iterable[RosterEntry] = (), terms: Optional[dict[str, str]] = None):
        self._by_key: dict[str, RosterEntry] = {}
        self._alias: dict[str, str] = {}
        self._terms: dict[str, str] = dict(terms or {})  # short form -> expansion (glossary first)
        self._seen_roles: set[str] = set()
        self._role_holders: Optional[dict[str, str]] = None  # _roles(), until an entry is added
        for e in entries:
            self.add(e)

    def add(self, entry: RosterEntry) -> None:
        name = tidy_owner(entry.name)
        if not name:
            return
        self._role_holders = None
        key = name.casefold()
        old = self._by_key.get(key)
        if old is None:
            self._by_key[key] = RosterEntry(name, entry.role, entry.aliases, entry.source)
        else:  # keep the first source's spelling unless this one is better cased
            better = name if old.source == entry.source and _well_cased(name) > _well_cased(old.name) else old.name
            self._by_key[key] = RosterEntry(better, old.role or entry.role, old.aliases + entry.aliases, old.source)
        for a in entry.aliases:
            if a.strip():
                self._alias.setdefault(tidy_owner(a).casefold(), key)

    @property
    def entries(self) -> list[RosterEntry]:
        return list(self._by_key.values())

    def note_role(self, role: str) -> None:
        """A role or team written as an owner on its own somewhere in the plan (evidence for
        cutting roles that an export ran together and for reading a team as an owner, never
        for keeping words together)."""
        self._seen_roles.add(tidy_owner(role).casefold())

    def seen_role(self, text: str) -> bool:
        return tidy_owner(text).casefold() in self._seen_roles or self.knows_role(text)

    def define(self, short: str, expansion: str) -> None:
        """Learn what a short form stands for (the plan's glossary, then the packaged one)."""
        self._terms.setdefault(short, expansion)

    def expansion(self, short: str) -> str:
        return self._terms.get(short, "")

    def knows_role(self, text: str) -> bool:
        """Is ``text`` a role the roster names ("Team Manager, Referral and Assessment")?"""
        return tidy_owner(text).casefold() in self._roles()

    def holder_of(self, role: str) -> str:
        """The person the roster gives ``role`` to, or ""."""
        return self._roles().get(tidy_owner(role).casefold(), "")

    def role_of(self, name: str) -> str:
        key = tidy_owner(name).casefold()
        entry = self._by_key.get(self._alias.get(key, key))
        return entry.role if entry else ""

    def _roles(self) -> dict[str, str]:
        """Role (casefolded) -> the name holding it, from the entries not seen only in the plan
        (built once per state of the entries; read-only to callers)."""
        if self._role_holders is None:
            roles: dict[str, str] = {}
            for e in self._by_key.values():
                role = tidy_owner(e.role)
                if role and e.source != "plan":
                    roles.setdefault(role.casefold(), e.name)
            self._role_holders = roles
        return self._role_holders

    def knows(self, name: str) -> bool:
        key = tidy_owner(name).casefold()
        return key in self._by_key or key in self._alias

    def source_of(self, name: str) -> str:
        """Where a known name came from ("user", "document", "plan"), or "" when unknown."""
        key = tidy_owner(name).casefold()
        key = self._alias.get(key, key)
        entry = self._by_key.get(key)
        return entry.source if entry else ""

    def match(self, name: str) -> tuple[str, Optional[str]]:
        """(canonical name, warning or None) for an owner written as ``name``."""
        text = tidy_owner(name)
        key = text.casefold()
        if key in self._by_key:
            return self._by_key[key].name, None
        if key in self._alias:
            return self._by_key[self._alias[key]].name, None
        toks = _strip_title(text.split())
        if not toks or is_acronym(text) or is_role(text):
            return text, None
        people = [e for e in self._by_key.values() if is_person(e.name)]
        surname = _low(toks[-1])
        same_surname = [e for e in people if _surname(e.name) == surname]
        if len(toks) == 2 and _INITIAL.match(toks[0]):  # "S Butcher"
            hits = [e for e in same_surname if _given(e.name)[:1] == toks[0][0].casefold()]
            if len(hits) == 1:
                return hits[0].name, None
            if len(hits) > 1:
                return text, f"owner '{text}' could be {' or '.join(e.name for e in hits)}, kept as written"
            return text, None
        if len(toks) == 1 and toks[0][:1].isupper():  # a surname alone
            if len(same_surname) == 1:
                return same_surname[0].name, f"owner '{text}' read as {same_surname[0].name}"
            if len(same_surname) > 1:
                return text, f"owner '{text}' could be {' or '.join(e.name for e in same_surname)}, kept as written"
            return text, None
        if not is_person(text):
            return text, None
        choices = {e.name: e.name for e in people}
        hit = process.extractOne(text, choices, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                                 score_cutoff=NAME_CUTOFF)
        if hit is None:
            others = [e.name for e in same_surname]
            if others:
                return text, f"owner '{text}' shares a surname with {' and '.join(others)}, not merged"
            return text, None
        cand = hit[0]
        given_score = fuzz.ratio(_given(text), _given(cand))
        if _surname(cand) == surname and given_score < GIVEN_NAME_CUTOFF:
            return text, f"owner '{text}' shares a surname with {cand}, not merged"
        if given_score < GIVEN_NAME_CUTOFF:
            return text, None
        return cand, f"owner '{text}' read as {cand}"


def load_roster_file(path: str) -> list[RosterEntry]:
    """A user's roster CSV: columns name, role, aliases (aliases separated by ';' or '|')."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"roster file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read roster file {path}: {type(exc).__name__}") from None
    reader = csv.DictReader(text.splitlines())
    fields = [f.strip().casefold() for f in (reader.fieldnames or [])]
    if "name" not in fields:
        raise InputError(f"roster file {path} needs a 'name' column (name, role, aliases)")
    out = []
    for row in reader:
        r = {(k or "").strip().casefold(): (v or "").strip() for k, v in row.items() if k}
        if r.get("name"):
            aliases = tuple(a.strip() for a in re.split(r"[;|]", r.get("aliases", "")) if a.strip())
            out.append(RosterEntry(r["name"], r.get("role", ""), aliases, "user"))
    return out


def best_spellings(owners: Iterable[str]) -> dict[str, str]:
    """casefold -> the spelling to use for owners written in several cases ("WSCB chair")."""
    counts = Counter(owners)
    best: dict[str, str] = {}
    for name, n in counts.items():
        key = name.casefold()
        cur = best.get(key)
        if cur is None or (_well_cased(name), n) > (_well_cased(cur), counts[cur]):
            best[key] = name
    return best

