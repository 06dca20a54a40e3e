"""The changes between two versions of a plan, one row per change, from the matched actions."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import Action
from .match import Match, ref_key

#: the kinds of change, in the order they are listed for one action
CHANGE_KINDS = ("added", "removed", "renumbered", "reworded", "rag", "due", "owner", "progress")


@dataclass(frozen=True)
class Change:
    """One change. ``old``/``new`` index the versions' actions (None on the side that lacks it)."""

    change: str  # one of CHANGE_KINDS
    old_index: Optional[int]
    new_index: Optional[int]
    old: str = ""
    new: str = ""
    days_slipped: Optional[int] = None  # due changes with a date on both sides: new minus old deadline
    match: str = ""  # how the pair was matched (match.HOW); blank for added and removed
    confidence: Optional[float] = None


def _words(text: str) -> str:
    """Text as compared for rewording: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", text or "").casefold().split())


def _spaces(text: str) -> str:
    return " ".join((text or "").split())


def _date(value: str) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _owner_set(a: Action) -> frozenset[str]:
    text = a.owners or a.owner_raw
    return frozenset(_spaces(p).casefold() for p in re.split(r"[;\n]", text) if p.strip())


def _owner_text(a: Action) -> str:
    return a.owners or _spaces(a.owner_raw)


def _due_text(a: Action) -> str:
    return a.due_end or _spaces(a.due_raw)


def _renumbered(a: Action, b: Action) -> Optional[tuple[str, str]]:
    if ref_key(a.action_ref) != ref_key(b.action_ref):
        return a.action_ref, b.action_ref
    rec_a, rec_b = ref_key(a.recommendation_ref), ref_key(b.recommendation_ref)
    if rec_a and rec_b and rec_a != rec_b:
        return f"recommendation {a.recommendation_ref}", f"recommendation {b.recommendation_ref}"
    return None


def _due(a: Action, b: Action) -> Optional[tuple[str, str, Optional[int]]]:
    old_end, new_end = _date(a.due_end), _date(b.due_end)
    if old_end and new_end:
        return None if old_end == new_end else (a.due_end, b.due_end, (new_end - old_end).days)
    if old_end or new_end or _spaces(a.due_raw).casefold() != _spaces(b.due_raw).casefold():
        return _due_text(a), _due_text(b), None
    return None


def pair_changes(a: Action, b: Action, m: Match) -> list[Change]:
    """What changed between the old action ``a`` and the new action ``b`` matched as ``m``."""
    out: list[tuple[str, str, str, Optional[int]]] = []
    moved = _renumbered(a, b)
    if moved:
        out.append(("renumbered", *moved, None))
    if _words(a.action) != _words(b.action):
        out.append(("reworded", _spaces(a.action), _spaces(b.action), None))
    old_rag, new_rag = (a.rag, b.rag) if (a.rag or b.rag) else (_spaces(a.rag_raw), _spaces(b.rag_raw))
    if old_rag != new_rag:
        out.append(("rag", old_rag, new_rag, None))
    due = _due(a, b)
    if due:
        out.append(("due", *due))
    if _owner_set(a) != _owner_set(b):
        out.append(("owner", _owner_text(a), _owner_text(b), None))
    if _spaces(a.progress) != _spaces(b.progress):
        out.append(("progress", _spaces(a.progress), _spaces(b.progress), None))
    return [Change(kind, m.old, m.new, old, new, days, m.how, m.confidence) for kind, old, new, days in out]


def list_changes(old: Sequence[Action], new: Sequence[Action], matches: Sequence[Match]) -> list[Change]:
    """Every change, in the new plan's order; a removed action is listed where it stood, after
    the action that preceded it in the old plan."""
    new_of_old = {m.old: m.new for m in matches}
    old_of_new = {m.new: m for m in matches}
    placed: list[tuple[float, int, Change]] = []
    for j, b in enumerate(new):
        m = old_of_new.get(j)
        if m is None:
            placed.append((j, 0, Change("added", None, j, "", _spaces(b.action))))
        else:
            placed += [(j, n, c) for n, c in enumerate(pair_changes(old[m.old], b, m))]
    anchor = -1.0
    for i, a in enumerate(old):
        if i in new_of_old:
            anchor = new_of_old[i]
        else:
            placed.append((anchor + 0.5, i, Change("removed", i, None, _spaces(a.action), "")))
    return [c for _, _, c in sorted(placed, key=lambda t: (t[0], t[1]))]
