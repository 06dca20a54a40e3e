"""Lead / owner cells -> canonical owners.

``split_owner_cell`` cuts a cell into owners: one per line or list item ("i) AD ii) SGU"),
on ";" always, on "/" when every side is an owner by itself (a person, a role, an acronym:
"Julie Lewis / Alison Ellison", "Chair / DCS", but not "EH/Early Years & Children's
Centres"), on "and"/"&"/"," when every side is a person ("Louise Hughes and Sue Butcher",
"Sue Butcher, Jane Parry, Kate Bargh" but not "Health and Partnerships"), and between names
run together ("Julia Cramp Rebecca Barson", "SGU SGS"). An affiliation after a person's name
is dropped ("James Vaughan, Wiltshire Police"), so is a trailing note in brackets ("(to be
appointed)" is kept in the warnings). Acronyms stay as written.

``Roster`` canonicalises personal names: exact (ignoring case), initial + surname
("S Butcher"), surname alone, then a fuzzy match (rapidfuzz, explicit processor and cut-off)
that never joins two people whose given names differ ("Sue Butcher" / "Sam Butcher").
The word lists live in ``data/owner_words.csv``.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from rapidfuzz import fuzz, process, utils

from actionplans.errors import InputError

from . import _data
from .text import fold_dashes, tidy

__all__ = ["OwnerCell", "RosterEntry", "Roster", "split_owner_cell", "is_person", "is_role", "is_acronym",
           "is_team", "is_owner_like",
           "load_roster_file", "tidy_owner"]

#: rapidfuzz score (0-100) a personal name must reach to be read as a roster name
NAME_CUTOFF = 88.0
#: and the given names alone, so that two people with one surname are never joined
GIVEN_NAME_CUTOFF = 80.0


@dataclass(frozen=True)
class OwnerCell:
    owners: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (name, bracketed note) e.g. a role after a name


@dataclass(frozen=True)
class RosterEntry:
    name: str
    role: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""  # "user", "document", "plan"


# ---------------------------------------------------------------------------
# Vocabulary and word tests
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in _data.rows("owner_words.csv") if r["kind"] == kind)


_TOKEN = re.compile(r"[\w'’&\-.]+")
_NAME_TOKEN = re.compile(r"(?:Mc|Mac|O'|O’|D'|D’)?[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?(?:[A-Z][a-z]+)?$")
_INITIAL = re.compile(r"[A-Z]\.?$")
_ACRONYM = re.compile(r"(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z0-9&]*[A-Z0-9]$")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _low(token: str) -> str:
    return token.casefold().replace("’", "'").strip(".")


def is_acronym(text: str) -> bool:
    """'SGU', 'PP&P', 'CiCC', 'AD' (two or more capitals, no spaces)."""
    t = text.strip().strip(".")
    return bool(t) and " " not in t and bool(_ACRONYM.match(t))


def is_role(text: str) -> bool:
    return any(_low(t) in _words("role") for t in _tokens(text))


def _has_org_word(text: str) -> bool:
    return any(_low(t) in _words("org") for t in _tokens(text))


def _strip_title(tokens: list[str]) -> list[str]:
    while tokens and _low(tokens[0]) in _words("title"):
        tokens = tokens[1:]
    return tokens


def is_person(text: str, roster: Optional["Roster"] = None) -> bool:
    """Does ``text`` look like one personal name ("Sue Butcher", "S Butcher", "Linda McCrum")?"""
    if roster is not None and roster.knows(text):
        return True
    toks = _strip_title(text.split())
    if not 2 <= len(toks) <= 4:
        return False
    if any(_low(t) in _words("role") | _words("org") | _words("common") for t in toks):
        return False
    first, rest = toks[0], toks[1:]
    if not (_NAME_TOKEN.match(first) or _INITIAL.match(first)):
        return False
    return all(_NAME_TOKEN.match(t) for t in rest)


def is_team(text: str) -> bool:
    """A team, service or organisation named by its head noun ("Commissioning Team", "Legal
    Services", "Public Protection Unit", "Police", "Wiltshire Police")."""
    toks = _tokens(text)
    if not toks or not toks[0][:1].isupper():
        return False
    last = _low(toks[-1])
    if last in _words("org"):
        return True
    return len(toks) >= 2 and last in _words("unit")


def _is_affiliation(text: str) -> bool:
    """An organisation after a person's name (", Wiltshire Police", ", Audit Action group")."""
    toks = _tokens(text)
    return bool(toks) and _low(toks[-1]) in _words("org")


def _owner_like(text: str, roster: Optional["Roster"]) -> bool:
    toks = text.split()
    return is_person(text, roster) or is_role(text) or is_team(text) or (
        0 < len(toks) <= 3 and all(is_acronym(t) for t in toks)) or (  # "PSW", "HoS CiC"
        roster is not None and roster.knows_role(text))


def is_owner_like(text: str, roster: Optional["Roster"] = None) -> bool:
    """A person, a role, a short form or a team: something that can own an action by itself."""
    return _owner_like(tidy_owner(text), roster)


def _role_takes_qualifier(role: str) -> bool:
    """A bare job title ("Team Manager", "Detective Chief Inspector") may be followed by its
    department after a comma; one already qualified ("Head of X", "Lead Member for Y",
    "Head of Service (CiC)") may not."""
    return not re.search(r"\b(?:of|for|in)\b|[()]", role, re.IGNORECASE)


# ---------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------

_ITEM_MARKER = re.compile(
    r"(?:^|(?<=\s))(?:\(?(?:[ivx]{1,5}|\d{1,2}|[a-h])\)\.?|(?-i:[ivx]{1,5})\.|\d{1,2}\.)(?=\s|$)"
    r"|^\s*(?:[•\u2022\u25aa*]|-(?=\s))",
    re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*")


def tidy_owner(text: str) -> str:
    """Whitespace collapsed, stray punctuation and trailing full stops dropped."""
    s = tidy(fold_dashes(text), keep_newlines=False)
    s = re.sub(r"\s+([,;/])", r"\1", s)
    s = s.strip(" \t,;:/-")
    s = re.sub(r"[.\s]+$", "", s)
    return s.strip(" ,;:-")


def _vacancy(note: str) -> bool:
    n = note.casefold()
    return any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", n) for v in _words("vacancy"))


def _split_on(text: str, pattern: str) -> list[str]:
    return [p for p in (tidy_owner(x) for x in re.split(pattern, text)) if p]


def _split_segment(seg: str, roster: Optional["Roster"], warnings: list[str],
                   notes: list[tuple[str, str]]) -> list[str]:
    # bracketed notes: "(to be appointed)" -> warning; "(AD)" and "Name (role)" -> dropped;
    # anything else ("Head of Service (Safeguarding)") qualifies the owner and stays
    def drop(m: re.Match) -> str:
        note = m.group(1).strip()
        head = tidy_owner(seg[:m.start()])
        if _vacancy(note):
            warnings.append(f"owner '{head}' ({note})")
            return " "
        if is_acronym(note) or not note:
            return " "
        if head and is_person(re.split(r"[,/;]", head)[-1].strip(), roster):
            notes.append((head, note))
            return " "
        return m.group(0)

    seg = tidy_owner(_BRACKET.sub(drop, seg))
    if not seg:
        return []
    if roster is not None and roster.knows_role(seg):  # one role the plan itself names
        return [seg]
    joined = _run_together(seg.split(), roster)
    if joined:
        return joined
    if is_person(seg, roster):
        return [seg]
    # "/": each side an owner by itself ("Jane Smith – Head of X / Team Manager, Y / CWD Team")
    parts = _split_on(seg, r"\s*/\s*")
    if len(parts) > 1 and all(_owner_like(p, roster) for p in parts):
        return [o for p in parts for o in _split_segment(p, roster, warnings, notes)]
    if len(parts) > 1:
        return [seg]
    # "Jane Smith - Head of Safeguarding" / "DCS - Jane Smith": the person, the role noted
    parts = _split_on(seg, r"\s+-\s+")
    if len(parts) == 2 and sum(is_person(p, roster) for p in parts) == 1:
        person, other = (parts[0], parts[1]) if is_person(parts[0], roster) else (parts[1], parts[0])
        if is_role(other) or is_acronym(other) or (roster is not None and roster.knows_role(other)):
            # "Jane Smith – Principal Social Worker, Head of Early Help": the role, then more owners
            role, *more = _comma_groups(_split_on(other, r"\s*,\s*"), roster)
            notes.append((person, role))
            return [person] + [o for g in more for o in _split_segment(g, roster, warnings, notes)]
    # ",": a list of owners, a person's role or affiliation, or a role's department
    parts = _split_on(seg, r"\s*,\s*")
    if len(parts) > 1:
        return _comma_list(parts, roster, warnings, notes)
    # "and" / "&": between owners that stand by themselves, never inside one role or team
    # ("Head of Quality and Performance", "Safeguarding and Review Unit")
    parts = _split_on(seg, r"\s+(?:and|&)\s+")
    if len(parts) > 1 and all(_owner_like(p, roster) for p in parts):
        return [o for p in parts for o in _split_segment(p, roster, warnings, notes)]
    # roles run together: "Principal Social Worker Head of Corporate Parenting"
    roles = _roles_run_together(seg)
    if len(roles) > 1:
        return roles
    # run together: "SGU SGS", "Julia Cramp Rebecca Barson"; but a short form whose expansion
    # is no owner ("CiC" = Children in Care) qualifies the one before it ("HoS CiC")
    toks = seg.split()
    if len(toks) > 1 and all(is_acronym(t) for t in toks):
        out: list[str] = []
        for t in toks:
            meaning = roster.expansion(t) if roster is not None else ""
            if out and meaning and not _owner_like(meaning, None):
                out[-1] = f"{out[-1]} {t}"
            else:
                out.append(t)
        return out
    return [seg]


def _roles_run_together(seg: str) -> list[str]:
    """Cut after a word that ends a job title when a capitalised job title of two or more words
    follows ("Principal Social Worker | Head of Corporate Parenting", "Performance Manager |
    Chair of the Board"); a department after a title ("Team Manager Referral and Assessment")
    has no role word and stays."""
    toks = seg.split()
    out: list[str] = []
    start = 0
    for i in range(1, len(toks) - 1):
        prev, nxt = toks[i - 1], toks[i]
        if i - start < 2 or _low(prev) not in _words("role_noun") or not nxt[:1].isupper():
            continue
        rest = toks[i:]
        cut = next((j for j in range(i + 1, len(toks)) if _low(toks[j - 1]) in _words("role_noun")
                    and j - i >= 2 and toks[j][:1].isupper()), len(toks))
        if cut - i >= 2 and is_role(" ".join(toks[i:cut])) and is_role(" ".join(toks[start:i])) and rest:
            out.append(" ".join(toks[start:i]))
            start = i
    if not out:
        return [seg]
    out.append(" ".join(toks[start:]))
    return out


def _comma_groups(parts: list[str], roster: Optional["Roster"]) -> list[str]:
    """Comma parts joined back where a part is no owner by itself ("Team Manager", "Referral and
    Assessment" -> "Team Manager, Referral and Assessment")."""
    groups: list[str] = []
    for p in (r for part in parts for r in _roles_run_together(part)):
        if groups and not _owner_like(p, roster):
            groups[-1] = f"{groups[-1]}, {p}"
        else:
            groups.append(p)
    return groups


def _comma_list(parts: list[str], roster: Optional["Roster"], warnings: list[str],
                notes: list[tuple[str, str]]) -> list[str]:
    """Owners of a comma-separated segment.

    A part that is no owner by itself ("Referral and Assessment") qualifies the part before it.
    After a person: a role is that person's role (noted), unless the roster gives the role to
    someone else or the segment lists three or more owners; an organisation is an affiliation (dropped); a team or short form is a second
    owner. After a bare job title a team is its department ("Detective Chief Inspector, Public
    Protection Unit").
    """
    groups: list[str] = []
    for g in _comma_groups(parts, roster):
        # a bare job title and its department ("Detective Chief Inspector, Public Protection Unit")
        if groups and is_role(groups[-1]) and not is_person(groups[-1], roster) and _role_takes_qualifier(
                groups[-1]) and is_team(g) and not is_role(g) and not is_person(g, roster):
            groups[-1] = f"{groups[-1]}, {g}"
        else:
            groups.append(g)
    if len(groups) == 1:
        return groups
    listing = len(groups) > 2  # "A, B, C": a list of owners, not a name and its role
    out: list[str] = []
    last_kind = ""
    for g in groups:
        person = is_person(g, roster)
        if out and last_kind == "person" and not person:
            owner = out[-1]
            if _is_affiliation(g) and not is_role(g):
                notes.append((owner, g))
                continue
            if is_role(g) and not is_acronym(g):
                holder = roster.holder_of(g) if roster is not None else ""
                if holder.casefold() == owner.casefold() or not holder and not listing:
                    notes.append((owner, g))
                    continue
            if is_acronym(g) and roster is not None and roster.role_of(owner).casefold() == g.casefold():
                notes.append((owner, g))
                continue
        out.extend(_split_segment(g, roster, warnings, notes))
        last_kind = "person" if person else "other"
    return out


def _run_together(toks: list[str], roster: Optional["Roster"]) -> list[str]:
    """Cut a run of personal names or roles written without separators (an export that lost the
    line breaks: "Principal Social Worker Head of Corporate Parenting"), when the roster backs
    every piece."""
    if roster is None or len(toks) < 4:
        return []
    out, i = [], 0
    while i < len(toks):
        for n in range(min(10, len(toks) - i), 1, -1):
            cand = " ".join(toks[i:i + n])
            if cand[-1] in ",;:/-" or any(t[-1] in ",;:/" for t in toks[i:i + n - 1]) and not roster.knows_role(cand):
                continue  # a written separator: the other rules read it
            if n == len(toks):
                continue
            if roster.knows(cand) or roster.seen_role(cand):
                out.append(cand)
                i += n
                break
        else:
            return []
    return out if len(out) > 1 else []


def _lines(text: str) -> list[str]:
    """The cell's lines, with a name broken over two lines put back ("Glynis" / "Williams ...")
    and sentences run together by an export cut apart ("Assistant Director. EH/Early years")."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and re.fullmatch(r"[A-Z][a-z'’\-]+", out[-1]) and _low(out[-1]) not in (
                _words("role") | _words("org") | _words("common")) and re.match(r"[A-Z]", line) or (
                out and re.search(r"(?:\b(?:of|for|and|the|to|in)|[&,\-]|\w['’]s)\s*$", out[-1], re.IGNORECASE)) or (
                out and re.match(r"[a-z]", line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    parts: list[str] = []
    for line in out:
        start = 0
        for m in re.finditer(r"(?<=[a-z])\.\s+(?=[A-Z])", line):
            word = re.findall(r"[\w'’]+$", line[:m.start()])
            if word and len(word[0]) > 2 and _low(word[0]) not in _words("title") and not re.fullmatch(
                    r"[ivx]+", word[0]):
                parts.append(line[start:m.start()])
                start = m.end()
        parts.append(line[start:])
    return parts


def split_owner_cell(raw: Optional[str], roster: Optional["Roster"] = None) -> OwnerCell:
    """Cut one lead cell into owners as written (tidied). Never raises."""
    text = tidy(raw or "")
    if not text:
        return OwnerCell()
    warnings: list[str] = []
    notes: list[tuple[str, str]] = []
    owners: list[str] = []
    for line in _lines(text):
        for item in _ITEM_MARKER.split(line):
            for seg in re.split(r"\s*;\s*", item or ""):
                repeated = re.fullmatch(r"(.{6,}?)[\s.,]+\1[.\s]*", seg.strip())
                if repeated:  # a cell that says the same thing twice
                    seg = repeated.group(1)
                owners.extend(_split_segment(seg, roster, warnings, notes))
    unique = list(dict.fromkeys(o for o in owners if o and re.search(r"\w", o)))
    return OwnerCell(tuple(unique), tuple(warnings), tuple(notes))


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
        for e in entries:
            self.add(e)

    def add(self, entry: RosterEntry) -> None:
        name = tidy_owner(entry.name)
        if not name:
            return
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
        """A role written as an owner on its own somewhere in the plan (evidence for cutting
        roles that an export ran together, never for keeping words together)."""
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
        roles: dict[str, str] = {}
        for e in self._by_key.values():
            role = tidy_owner(e.role)
            if role and e.source != "plan":
                roles.setdefault(role.casefold(), e.name)
        return roles

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
