"""Owners' roles normalised across councils (the role patterns in data/roles.json).

An owner is written as a name ("Sue Butcher"), a job title ("Head of Service, Children in
Care"), an acronym ("AD", "WSCB Chair") or a team. The role is read from the owner's text
together with what the plan says about it: the officer's role from the plan's list of
officers, and the expansions of the acronyms it uses (``SGU=Safeguarding Unit``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .patterns import compile_phrases, load_data

_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*$|^[A-Z]\.?$|^(?:Mc|Mac|O')[A-Z][a-z]+$")


@dataclass(frozen=True)
class RoleRules:
    roles: tuple[tuple[str, re.Pattern], ...]
    person: str  # the role of a named officer whose title the plan does not give
    other: str  # the role of an owner no pattern knows

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(r for r, _ in self.roles) + (self.person, self.other)


@lru_cache(maxsize=None)
def load_roles() -> RoleRules:
    data = load_data("roles.json")
    roles = tuple((r["role"], compile_phrases(r.get("phrases", []), r.get("acronyms", []))) for r in data["roles"])
    return RoleRules(roles, data["person"], data["other"])


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words and nothing else: a person's name ("Sue Butcher", "Mary-Jane O'Neil")."""
    words = text.replace(",", " ").split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def normalise_role(owner: str, role: str = "", expansions: str = "", rules: RoleRules | None = None) -> str:
    """The normalised role of one owner. ``role`` is the officer's title from the plan, where it
    gives one; ``expansions`` the spelt-out acronyms of the owner's text."""
    rules = rules or load_roles()
    text = " ; ".join(t for t in (owner, role, expansions) if t)
    for label, pattern in rules.roles:
        if pattern.search(text):
            return label
    if looks_like_name(owner):
        return rules.person
    return rules.other


def acronym_expansions(owner: str, acronyms: dict[str, str]) -> str:
    """The expansions of the acronyms written in ``owner``, from ``{abbreviation: expansion}``."""
    found = [acronyms[w] for w in re.findall(r"[A-Za-z&]+", owner) if w in acronyms]
    return " ; ".join(found)


def parse_acronyms(cell: str) -> dict[str, str]:
    """The ``acronyms`` column (``ABBR=Expansion; ...``) as a dict."""
    out = {}
    for part in (cell or "").split(";"):
        abbr, sep, expansion = part.partition("=")
        if sep and abbr.strip():
            out[abbr.strip()] = expansion.strip()
    return out
