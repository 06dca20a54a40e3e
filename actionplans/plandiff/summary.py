"""The summary of a diff: how many actions matched and how, what changed, RAG moves, dates slipped."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Sequence

from ..report.page import plural as _n
from .changes import CHANGE_KINDS, Change
from .match import HOW, Match

#: RAG values from worst to done; a move to the right is an improvement
RAG_ORDER = ("Red", "Amber", "Green", "Blue")


@dataclass(frozen=True)
class DiffSummary:
    old_name: str
    new_name: str
    old_actions: int
    new_actions: int
    matched: tuple[tuple[str, int], ...]  # (how, count) for every way of matching, in match.HOW order
    lowest_text_match: float | None  # the lowest similarity among pairs matched by text alone
    changes: tuple[tuple[str, int], ...]  # (kind, count) for every kind, in CHANGE_KINDS order
    rag_moves: tuple[tuple[str, str, int], ...]  # (from, to, count), most frequent first
    rag_better: int  # moves towards Blue (Red -> Amber, Amber -> Green ...)
    rag_worse: int
    slipped: int  # due dates moved later
    days_slipped: int  # by how many days in total
    longest_slip: int
    brought_forward: int  # due dates moved earlier
    days_brought_forward: int
    due_undated: int  # due changes without a date on both sides (no days to count)

    def count(self, kind: str) -> int:
        return dict(self.changes)[kind]

    def rag_move(self, old: str, new: str) -> int:
        return sum(n for a, b, n in self.rag_moves if (a, b) == (old, new))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["matched"] = dict(self.matched)
        d["changes"] = dict(self.changes)
        d["rag_moves"] = [{"from": a or "(none)", "to": b or "(none)", "actions": n} for a, b, n in self.rag_moves]
        return d

    def lines(self) -> list[str]:
        """The summary as a few lines of text (stderr, the top of the HTML page)."""
        matched = dict(self.matched)
        how = ", ".join(f"{n:,} by {h}" for h, n in self.matched if n)
        low = f" (lowest text similarity {self.lowest_text_match:.2f})" if self.lowest_text_match is not None else ""
        out = [f"{self.old_name}: {_n(self.old_actions, 'action')} -> "
               f"{self.new_name}: {_n(self.new_actions, 'action')}; "
               f"{sum(matched.values()):,} matched" + (f" ({how}){low}" if how else "")]
        kinds = ", ".join(f"{n:,} {k}" for k, n in self.changes)
        out.append(f"changes: {kinds}")
        if self.rag_moves:
            moves = ", ".join(f"{a or '(none)'}→{b or '(none)'} {n:,}" for a, b, n in self.rag_moves)
            out.append(f"RAG: {moves} ({self.rag_better:,} better, {self.rag_worse:,} worse)")
        if self.slipped or self.brought_forward or self.due_undated:
            line = (f"due dates: {self.slipped:,} slipped by {_n(self.days_slipped, 'day')} in total"
                    + (f" (longest {self.longest_slip:,})" if self.slipped else ""))
            if self.brought_forward:
                line += (f", {self.brought_forward:,} brought forward by "
                         f"{_n(self.days_brought_forward, 'day')} in total")
            if self.due_undated:
                line += f", {self.due_undated:,} changed without a date on both sides"
            out.append(line)
        return out


def _rank(rag: str) -> int | None:
    return RAG_ORDER.index(rag) if rag in RAG_ORDER else None


def rag_direction(old: str, new: str) -> int:
    """1 when a move from ``old`` to ``new`` is better (towards Blue), -1 worse, 0 when it is
    neither or cannot be said (a blank or a rating outside Red/Amber/Green/Blue on either side)."""
    a, b = _rank(old), _rank(new)
    if a is None or b is None or a == b:
        return 0
    return 1 if b > a else -1


def summarise(old_name: str, new_name: str, old_actions: int, new_actions: int,
              matches: Sequence[Match], changes: Sequence[Change]) -> DiffSummary:
    how = Counter(m.how for m in matches)
    text_scores = [m.confidence for m in matches if m.how == "text"]
    kinds = Counter(c.change for c in changes)
    rag = [c for c in changes if c.change == "rag"]
    moves = Counter((c.old, c.new) for c in rag)
    due = [c for c in changes if c.change == "due"]
    later = [c.days_slipped for c in due if c.days_slipped is not None and c.days_slipped > 0]
    earlier = [-c.days_slipped for c in due if c.days_slipped is not None and c.days_slipped < 0]
    return DiffSummary(
        old_name=old_name, new_name=new_name, old_actions=old_actions, new_actions=new_actions,
        matched=tuple((h, how[h]) for h in HOW),
        lowest_text_match=min(text_scores) if text_scores else None,
        changes=tuple((k, kinds[k]) for k in CHANGE_KINDS),
        rag_moves=tuple((a, b, n) for (a, b), n in sorted(moves.items(), key=lambda kv: (-kv[1], kv[0]))),
        rag_better=sum(1 for c in rag if rag_direction(c.old, c.new) > 0),
        rag_worse=sum(1 for c in rag if rag_direction(c.old, c.new) < 0),
        slipped=len(later), days_slipped=sum(later), longest_slip=max(later, default=0),
        brought_forward=len(earlier), days_brought_forward=sum(earlier),
        due_undated=sum(1 for c in due if c.days_slipped is None),
    )
