"""Score output rows against a gold file, by the rules of the project's gold/README.md.

The project's own copy of those rules, so that the suite needs nothing outside the repository.
A gold line names one action by a snippet of its text; it is paired with at most one output row
(fuzzy snippet match, best pairs first), then each field the line gives is checked on that row:

- ``recommendation``, ``theme``: the snippet occurs (fuzzily) in that column; ``null`` = blank
- ``context``: the snippet occurs in ``theme`` or in ``recommendation``
- ``action_ref``, ``recommendation_ref``: equal, ignoring case, spaces, brackets and a final dot
- ``owners``: the same set as the row's ``;``-separated owners; ``"A|B"`` accepts either spelling
- ``due_start``, ``due_end``: the row's ISO date cut to the gold's precision is equal; ``null`` = blank
- ``rag``: equal ignoring case; ``null`` = blank
- a field that is absent or ``"?"`` is not checked; an ``optional`` line is neither missed nor extra

Rows are mappings of SCHEMA.md column names to text (a CSV row, or :func:`action_row`).
"""
from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

Row = Mapping[str, Any]
Gold = Mapping[str, Any]

# a snippet "occurs" in a column when partial_ratio reaches this
SNIPPET_OCCURS = 90.0
# an output row is a candidate for a gold action at this partial_ratio of the action snippet;
# a short snippet pairs with any similar sentence, so it must occur nearly verbatim
ACTION_PAIRS = 88.0
SHORT_ACTION_PAIRS = 96.0
SHORT_SNIPPET = 30

CHECKED_FIELDS: tuple[str, ...] = ("recommendation", "theme", "context", "action_ref", "recommendation_ref",
                                   "owners", "due_start", "due_end", "rag")
# fields that place an action; they break ties between rows holding the same action text
PLACING_FIELDS: tuple[str, ...] = ("recommendation", "theme", "context")

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


# ---------------------------------------------------------------- text comparison

def plain(text: Optional[str]) -> str:
    """Text as compared: NFKC, straight quotes, ASCII hyphens, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return " ".join(text.split()).casefold()


def plain_ref(text: Optional[str]) -> str:
    return re.sub(r"[\s()\[\]]", "", plain(text)).rstrip(".")


def plain_name(text: Optional[str]) -> str:
    return " ".join(re.sub(r"[^\w&]", " ", plain(text)).split())


def similarity(snippet: str, text: str) -> float:
    """How well an already plain snippet occurs in an already plain text, 0-100."""
    if snippet in text:
        return 100.0
    if not text:
        return 0.0
    return fuzz.partial_ratio(snippet, text)


def occurs(snippet: Optional[str], text: Optional[str]) -> bool:
    s = plain(snippet)
    return not s or similarity(s, plain(text)) >= SNIPPET_OCCURS


def is_blank(value: Any) -> bool:
    return not str(value or "").strip()


# ---------------------------------------------------------------- field rules

def owners_agree(gold: Sequence[str], got: Optional[str]) -> bool:
    """Same owners both ways; each gold owner may list spellings as ``A|B``."""
    have = [plain_name(part) for part in re.split(r"[;\n]", got or "") if part.strip()]
    if len(have) != len(gold):
        return False
    for owner in gold:
        spellings = {plain_name(s) for s in owner.split("|")}
        taken = next((h for h in have if h in spellings), None)
        if taken is None:
            return False
        have.remove(taken)
    return True


def date_agrees(gold: Optional[str], got: Optional[str]) -> bool:
    """``2021-03`` accepts ``2021-03`` and ``2021-03-31``, not ``2021``; ``None`` wants a blank."""
    got = (got or "").strip()
    if gold is None:
        return got == ""
    return got[:len(gold)] == gold  # a shorter (coarser) date cannot equal the cut


def field_agrees(name: str, gold: Any, row: Row) -> bool:
    got = row.get(name) or ""
    if name == "context":
        return occurs(gold, row.get("theme")) or occurs(gold, row.get("recommendation"))
    if name in ("recommendation", "theme"):
        return is_blank(got) if gold is None else occurs(gold, got)
    if name in ("action_ref", "recommendation_ref"):
        return plain_ref(gold) == plain_ref(got)
    if name == "owners":
        return owners_agree(gold or [], got)
    if name in ("due_start", "due_end"):
        return date_agrees(gold, got)
    if name == "rag":
        return plain(gold) == plain(got)
    raise ValueError(f"no rule for gold field {name!r}")


def checked(gold: Gold) -> list[str]:
    """The fields this gold line asks to be checked."""
    return [f for f in CHECKED_FIELDS if f in gold and gold[f] != "?"]


# ---------------------------------------------------------------- pairing gold lines with rows

def pair(golds: Sequence[Gold], rows: Sequence[Row]) -> dict[int, int]:
    """Gold index -> row index, one to one.

    Every (gold, row) pair whose action snippet occurs well enough is a candidate; candidates are
    taken best first: higher similarity, then more placing fields agreeing (the same action text
    under two recommendations), then the row whose action length is nearest the snippet's.
    """
    row_texts = [plain(r.get("action")) for r in rows]
    candidates: list[tuple[float, int, float, int, int]] = []
    for gi, gold in enumerate(golds):
        snippet = plain(gold.get("action"))
        bar = ACTION_PAIRS if len(snippet) >= SHORT_SNIPPET else SHORT_ACTION_PAIRS
        for ri, text in enumerate(row_texts):
            if not text:
                continue
            sim = similarity(snippet, text)
            if sim < bar:
                continue
            placed = sum(1 for f in PLACING_FIELDS
                         if gold.get(f) not in (None, "?") and field_agrees(f, gold[f], rows[ri]))
            candidates.append((sim, placed, -abs(len(text) - len(snippet)), gi, ri))
    candidates.sort(reverse=True)
    pairs: dict[int, int] = {}
    taken_rows: set[int] = set()
    for *_, gi, ri in candidates:
        if gi not in pairs and ri not in taken_rows:
            pairs[gi] = ri
            taken_rows.add(ri)
    return pairs


# ---------------------------------------------------------------- scores

@dataclass(frozen=True)
class Miss:
    gold: Gold
    field: Optional[str] = None  # None: no row has this action
    got: str = ""


@dataclass(frozen=True)
class FieldTally:
    right: int
    checked: int

    @property
    def accuracy(self) -> Optional[float]:
        return self.right / self.checked if self.checked else None


@dataclass(frozen=True)
class PlanScore:
    gold_actions: int  # required ones
    output_rows: int
    matched: int  # required gold actions paired with a row
    recall: float
    precision: float
    fields: float
    per_field: Mapping[str, FieldTally]
    misses: tuple[Miss, ...]

    def missing_actions(self) -> list[Miss]:
        return [m for m in self.misses if m.field is None]

    def wrong_fields(self, name: Optional[str] = None) -> list[Miss]:
        return [m for m in self.misses if m.field is not None and (name is None or m.field == name)]


def score(golds: Sequence[Gold], rows: Sequence[Row]) -> PlanScore:
    pairs = pair(golds, rows)
    tallies = {f: [0, 0] for f in CHECKED_FIELDS}
    misses: list[Miss] = []
    required = [gi for gi, g in enumerate(golds) if not g.get("optional")]
    for gi, gold in enumerate(golds):
        if gi not in pairs:
            if not gold.get("optional"):
                misses.append(Miss(gold))
            continue
        row = rows[pairs[gi]]
        for name in checked(gold):
            tallies[name][1] += 1
            if field_agrees(name, gold[name], row):
                tallies[name][0] += 1
            else:
                misses.append(Miss(gold, name, str(row.get(name) or "")))
    matched = sum(1 for gi in required if gi in pairs)
    optional_rows = sum(1 for gi in pairs if golds[gi].get("optional"))
    counted_rows = len(rows) - optional_rows
    right = sum(t[0] for t in tallies.values())
    total = sum(t[1] for t in tallies.values())
    if total:
        fields = right / total
    else:  # nothing checked: right only when nothing was there to find
        fields = 1.0 if matched or not required else 0.0
    return PlanScore(
        gold_actions=len(required),
        output_rows=len(rows),
        matched=matched,
        recall=matched / len(required) if required else 1.0,
        precision=matched / counted_rows if counted_rows else 0.0,
        fields=fields,
        per_field={f: FieldTally(*t) for f, t in tallies.items()},
        misses=tuple(misses),
    )


# ---------------------------------------------------------------- input

def load_gold(path: str | Path) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def action_row(action: Any) -> dict[str, str]:
    """An :class:`actionplans.model.Action` (or any dataclass) as a row of text."""
    return {k: "" if v is None else str(v) for k, v in dataclasses.asdict(action).items()}


def action_rows(actions: Iterable[Any]) -> list[dict[str, str]]:
    return [action_row(a) for a in actions]
