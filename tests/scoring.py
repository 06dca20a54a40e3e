"""Score actions against the expected actions of a seed (samples/expected, a copy of the
shared gold) with the project's own scorer, tests/gold_scoring.py."""
from __future__ import annotations

from typing import Iterable, Optional

from gold_scoring import PlanScore, action_rows, load_gold, pair, score
from structured import GOLD


def score_actions(actions: Iterable, seed: str) -> PlanScore:
    return score(load_gold(GOLD / f"{seed}.jsonl"), action_rows(actions))


def field(result: PlanScore, name: str) -> Optional[float]:
    """Accuracy of one field, or None when the gold does not check it."""
    return result.per_field[name].accuracy


def misses(result: PlanScore, name: Optional[str] = None, n: int = 5) -> list:
    """The first ``n`` gold actions not found (``name`` None) or wrong in field ``name``, for messages."""
    found = result.missing_actions() if name is None else result.wrong_fields(name)
    return found[:n]


def precision_beside_optional(actions: Iterable, seed: str) -> float:
    """Precision where an optional gold line stands for its whole source row.

    An optional line (a row the gold's author reconstructed and would accept or not) is
    matched to one output row; when the run reads that source row as several actions (its
    paragraphs paired with as many leads), the others are parts of the same optional row,
    not extra actions. Every other row counts as in :func:`gold_scoring.score`.
    """
    actions = list(actions)
    golds = load_gold(GOLD / f"{seed}.jsonl")
    rows = action_rows(actions)
    pairs = pair(golds, rows)
    optional_sources = {(rows[ri].get("source_table"), rows[ri].get("source_row"))
                        for gi, ri in pairs.items() if golds[gi].get("optional")}
    counted = [ri for ri, row in enumerate(rows)
               if (row.get("source_table"), row.get("source_row")) not in optional_sources]
    matched = sum(1 for gi, ri in pairs.items() if not golds[gi].get("optional") and ri in counted)
    return matched / len(counted) if counted else 0.0


def required_fields_score(actions: Iterable, seed: str) -> PlanScore:
    """Field accuracy over the required gold lines only. An optional line (seed 003's
    reconstructed S47 row) lists the whole row's leads; the run reads that row as three
    actions with a lead each, so its fields are not the normaliser's to match."""
    golds = [g for g in load_gold(GOLD / f"{seed}.jsonl") if not g.get("optional")]
    return score(golds, action_rows(actions))
