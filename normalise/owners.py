"""Lead / owner cells -> canonical owners.

``split_owner_cell`` cuts a cell into owners: one per line or list item ("i) AD ii) SGU"),
on ";" always, and on "/", "," and "and"/"&" only between owners that stand by themselves -
a person, a role, a team or service ("Commissioning Team"), a short form - never inside one
role or team ("Head of Quality and Performance", "Safeguarding and Review Unit", "Team
Manager, Referral and Assessment", "EH/Early Years & Children's Centres"). A comma part that
is no owner by itself qualifies the one before it. After a person, a role is that person's
role ("Margaret Ashworth, Head of Housing Options" -> the name) unless the roster gives the
role to someone else or the segment lists three or more owners; an organisation is an
affiliation and is dropped ("James Vaughan, Wiltshire Police"); a team or short form is a
second owner. "Name – Role" and "Name (Role)" give the name. Names or roles run together are
cut with roster evidence (its names and roles, and roles the plan writes alone elsewhere), and
roles also after a word that ends a job title ("Principal Social Worker Head of Corporate
Parenting"). A trailing "(to be appointed)" is kept in the warnings. Short forms stay as
written; one whose expansion is no owner qualifies the one before it, and so does any short form
but a job title after a job title's short form ("HoS CiC", "TM MASH").

Compound owners: a title is read in the plural too, so after a complete title "and" starts a
second owner ("Health visitors and the finance team"); names before a plural title share it
("Jane Smith and Tom Brown, Heads of Service" -> the two names); a short title and its
department is an owner ("AD Safeguarding and Head of QA" -> two); owners each followed by a
bracketed agency with nothing between are cut after each bracket ("A Hartley (CSC) D Okafor
(Police)"). Per line: a lead label is dropped ("Lead:", "Owner –"); a one-word line is joined to
the next only when the next can carry on a name ("Glynis" / "Williams", not "Jones" / "New Head
of Service"); an organisation on the line after "Name, Title" employs that person (noted).

Word tests are in ``owner_words``, the roster (name matching, known roles) in ``roster``;
both are re-exported here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .owner_words import (MEMO_TEXTS, _low, _not_name_words, _words, has_word, is_acronym, is_person,
                          is_plural_of, is_role, is_team, _is_affiliation, _role_takes_qualifier, role_abbreviation,
                          strip_label, tidy_owner)
from .roster import (GIVEN_NAME_CUTOFF, NAME_CUTOFF, Roster, RosterEntry, best_spellings,
                     load_roster_file)
from .text import tidy

__all__ = ["OwnerCell", "RosterEntry", "Roster", "split_owner_cell", "is_person", "is_role", "is_acronym",
           "is_team", "is_owner_like", "load_roster_file", "tidy_owner", "best_spellings",
           "NAME_CUTOFF", "GIVEN_NAME_CUTOFF"]


@dataclass(frozen=True)
class OwnerCell:
    owners: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (name, bracketed note) e.g. a role after a name


def _owner_like(text: str, roster: Optional["Roster"]) -> bool:
    toks = text.split()
    if len(toks) > 1 and toks[0] in _DETERMINERS:  # "the finance team", "the Virtual School"
        rest = " ".join(toks[1:])
        return _owner_like(rest[:1].upper() + rest[1:], roster)
    return is_person(text, roster) or is_role(text) or is_team(text) or (
        0 < len(toks) <= 3 and all(is_acronym(t) for t in toks)) or (  # "PSW", "HoS CiC"
        roster is not None and roster.knows_role(text)) or _abbreviated_title(toks, roster)


#: words that may open an owner named as a group ("the finance team")
_DETERMINERS = frozenset({"the", "The"})
#: small words inside a department's name ("HoS Children in Care")
_LINKS = frozenset({"of", "and", "in", "for", "the", "&"})


def _abbreviated_title(toks: list[str], roster: Optional["Roster"]) -> bool:
    """A job title written short and its department: "AD Safeguarding", "SM Leaving Care",
    "HoS Children in Care", "TM MASH" (the short form is a job title by what it stands for)."""
    if not 2 <= len(toks) <= 6 or not role_abbreviation(toks[0], roster) or toks[-1] in _LINKS:
        return False
    return all(t[:1].isupper() or t in _LINKS for t in toks[1:])


def _plural_title(text: str) -> bool:
    """A job title in the plural: its head noun ("Heads of Service", "Service Managers",
    "Designated Nurses") is the plural of a word that ends a job title."""
    toks = text.split()
    if not toks or not toks[0][:1].isupper():
        return False
    cut = next((i for i, t in enumerate(toks) if t.casefold() in ("of", "for", "in")), len(toks))
    return cut > 0 and is_plural_of("role_noun", toks[cut - 1].strip(",.;"))


def _ends_a_title(text: str) -> bool:
    """A job title complete in itself, of two words or more and with no "of"/"for" to carry on
    ("Health visitors", "Team Manager"): what follows "and" is a second owner, not more of it."""
    toks = text.split()
    return len(toks) >= 2 and has_word("role_noun", toks[-1]) and not any(
        t.casefold() in ("of", "for", "in", "to") for t in toks)


#: what may follow a complete job title and "and" as a second owner: a short noun phrase
_SHORT_OWNER = re.compile(r"(?:the\s+)?[^\W\d_][\w'’&-]*(?:\s+[^\W\d_][\w'’&-]*){0,3}", re.IGNORECASE)
#: words of a clause, not of a name ("Team Manager and consult with partners")
_CLAUSE_WORDS = frozenset({"with", "to", "for", "of", "on", "by", "in", "at", "from", "will", "be", "is", "are",
                           "all", "other", "relevant"})


def _short_owner(text: str) -> bool:
    """A group named in a few words ("business support", "the finance team"), no clause."""
    return bool(_SHORT_OWNER.fullmatch(text)) and not any(t.casefold() in _CLAUSE_WORDS for t in text.split())


def is_owner_like(text: str, roster: Optional["Roster"] = None) -> bool:
    """A person, a role, a short form or a team: something that can own an action by itself."""
    return _owner_like(tidy_owner(text), roster)


# ---------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------

_ITEM_MARKER = re.compile(
    r"(?:^|(?<=\s))(?:\(?(?:[ivx]{1,5}|\d{1,2}|[a-h])\)\.?|(?-i:[ivx]{1,5})\.|\d{1,2}\.)(?=\s|$)"
    r"|^\s*(?:[•\u2022\u25aa*]|-(?=\s))",
    re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*")
#: where a segment is cut: "/", " - ", ",", "and" / "&", ";"
_SLASH = re.compile(r"\s*/\s*")
_SPACED_DASH = re.compile(r"\s+-\s+")
_COMMA = re.compile(r"\s*,\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")
_SEMICOLON = re.compile(r"\s*;\s*")
_NAME_MARKS = re.compile(r"[,/;]")
_WORD_CHAR = re.compile(r"\w")
#: a cell that says the same thing twice
_REPEATED = re.compile(r"(.{6,}?)[\s.,]+\1[.\s]*")
# how lines of a cell are put back together or cut apart (see _lines)
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z'’\-]+")
_CAPITAL = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_OPEN_END = re.compile(r"(?:\b(?:of|for|and|the|to|in)|[&,\-]|\w['’]s)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-z])\.\s+(?=[A-Z])")
_LAST_WORD = re.compile(r"[\w'’]+$")
_ROMAN = re.compile(r"[ivx]+")


@lru_cache(maxsize=None)
def _vacancy_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"(?<!\w){re.escape(v)}(?!\w)") for v in _words("vacancy"))


@lru_cache(maxsize=MEMO_TEXTS)
def _vacancy(note: str) -> bool:
    n = note.casefold()
    return any(p.search(n) for p in _vacancy_patterns())


def _split_on(text: str, pattern: re.Pattern) -> list[str]:
    return [p for p in (tidy_owner(x) for x in pattern.split(text)) if p]


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
        if head and is_person(_NAME_MARKS.split(head)[-1].strip(), roster):
            notes.append((head, note))
            return " "
        return m.group(0)

    tagged = _tagged_owners(seg, roster)
    if tagged:  # "A Hartley (CSC) D Okafor (Police)"
        return [o for p in tagged for o in _split_segment(p, roster, warnings, notes)]
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
    parts = _split_on(seg, _SLASH)
    if len(parts) > 1 and all(_owner_like(p, roster) for p in parts):
        return [o for p in parts for o in _split_segment(p, roster, warnings, notes)]
    if len(parts) > 1:
        return [seg]
    # "Jane Smith - Head of Safeguarding" / "DCS - Jane Smith": the person, the role noted
    parts = _split_on(seg, _SPACED_DASH)
    if len(parts) == 2:  # "Jane Smith and Tom Brown – Heads of Service"
        shared = _names_sharing_title(_split_on(parts[0], _COMMA), parts[1], roster, notes)
        if shared:
            return shared
    if len(parts) == 2 and sum(is_person(p, roster) for p in parts) == 1:
        person, other = (parts[0], parts[1]) if is_person(parts[0], roster) else (parts[1], parts[0])
        if is_role(other) or is_acronym(other) or (roster is not None and roster.knows_role(other)):
            # "Jane Smith – Principal Social Worker, Head of Early Help": the role, then more owners
            role, *more = _comma_groups(_split_on(other, _COMMA), roster)
            notes.append((person, role))
            return [person] + [o for g in more for o in _split_segment(g, roster, warnings, notes)]
    # ",": a list of owners, a person's role or affiliation, or a role's department
    parts = _split_on(seg, _COMMA)
    if len(parts) > 1:  # "Jane Smith and Tom Brown, Heads of Service": the title is each one's
        return _names_sharing_title(parts[:-1], parts[-1], roster, notes) or _comma_list(parts, roster, warnings, notes)
    # "and" / "&": between owners that stand by themselves, never inside one role or team
    # ("Head of Quality and Performance", "Safeguarding and Review Unit")
    # A one-word start shares the head noun that follows ("Police and Crime Commissioner",
    # "Health and Wellbeing Board"), unless it is a short form ("DCS and PSW").
    parts = _split_on(seg, _AND)
    if len(parts) > 1 and all(_owner_like(p, roster) for p in parts) and (
            len(parts[0].split()) > 1 or is_acronym(parts[0])):
        return [o for p in parts for o in _split_segment(p, roster, warnings, notes)]
    # after a complete job title ("Health visitors", "Team Manager") "and" starts a second owner,
    # a group named in a few words ("business support", "housing colleagues")
    if len(parts) == 2 and _ends_a_title(parts[0]) and _short_owner(parts[1]) and not is_person(
            parts[0], roster):
        return [parts[0]] + _split_segment(parts[1], roster, warnings, notes)
    # a team and a person run together: "CWD Team Theresa Ambler" (line break lost in an export)
    toks = seg.split()
    for i in range(1, len(toks) - 2):
        if has_word("unit", toks[i]) and is_team(" ".join(toks[:i + 1])):
            rest = " ".join(toks[i + 1:])
            if is_person(rest, roster) or len(_run_together(toks[i + 1:], roster)) > 1:
                return [" ".join(toks[:i + 1])] + _split_segment(rest, roster, warnings, notes)
    # roles run together: "Principal Social Worker Head of Corporate Parenting"
    roles = _roles_run_together(seg)
    if len(roles) > 1:
        return roles
    # run together: "SGU SGS", "Julia Cramp Rebecca Barson"; but a short form whose expansion
    # is no owner ("CiC" = Children in Care) qualifies the one before it ("HoS CiC"), and so does
    # any short form but a job title after a job title's short form ("TM MASH", "AD CSC")
    toks = seg.split()
    if len(toks) > 1 and all(is_acronym(t) for t in toks):
        out: list[str] = []
        for t in toks:
            meaning = roster.expansion(t) if roster is not None else ""
            after_title = bool(out) and " " not in out[-1] and role_abbreviation(out[-1], roster) and not (
                role_abbreviation(t, roster))
            if out and (meaning and not _owner_like(meaning, None) or after_title):
                out[-1] = f"{out[-1]} {t}"
            else:
                out.append(t)
        return out
    return [seg]


#: the end of a bracketed note followed by another owner ("A Hartley (CSC) D Okafor (Police)")
_NOTE_THEN_OWNER = re.compile(r"\)\s+(?=[A-Z])")


def _tagged_owners(seg: str, roster: Optional["Roster"]) -> list[str]:
    """Owners each followed by a bracketed note (an agency, a role) with nothing between them
    ("A Hartley (CSC) D Okafor (Police)", "AH (CSC) DO (Police)"): cut after each note when every
    piece opens with an owner; [] otherwise."""
    cuts = [m.end() for m in _NOTE_THEN_OWNER.finditer(seg)]
    if not cuts:
        return []
    pieces = [seg[i:j].strip() for i, j in zip([0] + cuts, cuts + [len(seg)])]
    heads = [tidy_owner(p.split("(")[0]) for p in pieces]
    if all(h and _owner_like(h, roster) for h in heads):
        return pieces
    return []


def _names_sharing_title(name_parts: list[str], title: str, roster: Optional["Roster"],
                         notes: list[tuple[str, str]]) -> list[str]:
    """The people of "Jane Smith and Tom Brown, Heads of Service" (the plural title is each
    one's, noted), when every name part is a person; [] otherwise."""
    if not _plural_title(title):
        return []
    names = [n for p in name_parts for n in _split_on(p, _AND)]
    if len(names) < 2 or not all(is_person(n, roster) for n in names):
        return []
    notes.extend((n, title) for n in names)
    return names


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
        if i - start < 2 or not has_word("role_noun", prev) or not nxt[:1].isupper():
            continue
        rest = toks[i:]
        cut = next((j for j in range(i + 1, len(toks)) if has_word("role_noun", toks[j - 1])
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
        if groups and (not _owner_like(p, roster) or _department(groups[-1], p, roster)):
            groups[-1] = f"{groups[-1]}, {p}"
        else:
            groups.append(p)
    return groups


def _department(title: str, team: str, roster: Optional["Roster"]) -> bool:
    """Is ``team`` the department of a bare job title before it ("Detective Chief Inspector,
    Public Protection Unit")? Not when the plan names the team as an owner of its own elsewhere
    ("PSCB Independent Chair, Leaving Care Team" where "Leaving Care Team" leads other actions)."""
    return (is_role(title) and not is_person(title, roster) and _role_takes_qualifier(title)
            and is_team(team) and not is_role(team) and not is_person(team, roster)
            and not (roster is not None and roster.seen_role(team)))


def _comma_list(parts: list[str], roster: Optional["Roster"], warnings: list[str],
                notes: list[tuple[str, str]]) -> list[str]:
    """Owners of a comma-separated segment.

    A part that is no owner by itself ("Referral and Assessment") qualifies the part before it.
    After a person: a role is that person's role (noted), unless the roster gives the role to
    someone else or the segment lists three or more owners; an organisation is an affiliation
    (dropped); a team or short form is a second owner. After a bare job title a team is its department ("Detective Chief Inspector, Public
    Protection Unit").
    """
    groups = _comma_groups(parts, roster)
    if len(groups) == 1:
        return groups
    listing = len(groups) > 2  # "A, B, C": a list of owners, not a name and its role
    out: list[str] = []
    last_kind = ""
    for g in groups:
        # a person written with their title ("Bernadette Cole – Head of Early Help") is a person
        person = is_person(g, roster) or any(is_person(p, roster) for p in _split_on(g, _SPACED_DASH)[:1]
                                             if len(_split_on(g, _SPACED_DASH)) == 2)
        if out and last_kind == "person" and not person:
            owner = out[-1]
            # a named organisation is the person's employer (", Wiltshire Police"); a short form
            # (", CCG", ", DMT") is a second owner, as a team is
            if _is_affiliation(g) and not is_role(g) and not is_acronym(g):
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
    if roster is None or len(toks) < 4 or any(not _WORD_CHAR.search(t) for t in toks):
        return []  # a dash between the words is a written separator: the other rules read it
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
        if out and _CAPITALISED_WORD.fullmatch(out[-1]) and _low(out[-1]) not in _not_name_words() and (
                _CAPITAL.match(line)) and _name_goes_on(line) or (out and _OPEN_END.search(out[-1])) or (
                out and _LOWER.match(line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    parts: list[str] = []
    for line in out:
        start = 0
        for m in _SENTENCE_END.finditer(line):
            word = _LAST_WORD.findall(line[:m.start()])
            if word and len(word[0]) > 2 and _low(word[0]) not in _words("title") and not _ROMAN.fullmatch(word[0]):
                parts.append(line[start:m.start()])
                start = m.end()
        parts.append(line[start:])
    return parts


def _name_goes_on(line: str) -> bool:
    """Can ``line`` carry on a name broken after its first word ("Glynis" / "Williams ...")? Not
    when it opens with a role, organisation or ordinary word ("Jones" / "New Head of Service")."""
    first = line.split()[0].strip(",;:/")
    return _low(first) not in _not_name_words() and not has_word("role", first) and not has_word(
        "org", first) and not is_acronym(first)


def _employer(owner: str) -> bool:
    """A named organisation ("Norfolk and Suffolk NHS Foundation Trust", "Clinical Commissioning
    Group"), not a role or a short form."""
    return len(owner.split()) >= 2 and _is_affiliation(owner) and not is_role(owner)


def split_owner_cell(raw: Optional[str], roster: Optional["Roster"] = None) -> OwnerCell:
    """Cut one lead cell into owners as written (tidied). Never raises."""
    text = tidy(raw or "")
    if not text:
        return OwnerCell()
    warnings: list[str] = []
    notes: list[tuple[str, str]] = []
    owners: list[str] = []
    titled = ""  # the person of the line before, written with their title ("Jane Smith, Head of X")
    for line in _lines(text):
        side, rest = strip_label(line)
        if side == "owner" and rest:  # "Lead: Jane Smith", "Owner – Head of Service"
            line = rest
        found: list[str] = []
        noted = len(notes)
        for item in _ITEM_MARKER.split(line):
            for seg in _SEMICOLON.split(item or ""):
                repeated = _REPEATED.fullmatch(seg.strip())
                if repeated:  # a cell that says the same thing twice
                    seg = repeated.group(1)
                found.extend(_split_segment(seg, roster, warnings, notes))
        if titled and len(found) == 1 and _employer(found[0]):
            # "Jane Smith, Patient Safety Lead" / "Norfolk NHS Foundation Trust": her employer
            notes.append((titled, found[0]))
            titled = ""
            continue
        titled = found[0] if (len(found) == 1 and is_person(found[0], roster)
                              and any(n == found[0] for n, _ in notes[noted:])) else ""
        owners.extend(found)
    unique = list(dict.fromkeys(o for o in owners if o and _WORD_CHAR.search(o)))
    return OwnerCell(tuple(unique), tuple(warnings), tuple(notes))
