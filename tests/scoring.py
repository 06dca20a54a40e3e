"""Score actions against the gold of a seed (../shared/gold) with the project's own scorer.

The scorer is tests/gold_scoring.py; only the gold files live in ../shared, so a test using
this needs ``needs_gold`` (tests/structured.py).
"""
from __future__ import annotations

from typing import Iterable, Optional

from gold_scoring import PlanScore, action_rows, load_gold, score
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
