"""Score extraction output against the gold files with the project's shared scorer."""
from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from actionplans.writers import write_csv
from structured import GOLD, SHARED


def _scorer():
    spec = importlib.util.spec_from_file_location("score_actions", SHARED / "tools" / "score_actions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_actions(actions, seed: str) -> dict:
    sa = _scorer()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.csv"
        write_csv(actions, out)
        return sa.score(sa.load_gold(GOLD / f"{seed}.jsonl"), sa.load_output(out))


def field(result: dict, name: str):
    """Accuracy of one field, or None when the gold does not check it."""
    return result["per_field"][name][0]
