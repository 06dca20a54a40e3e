"""The committed forge set (tests/fixtures/forge: 30 synthetic plans, every format) scored against its gold.

Issue #9 sets the target: mean recall, precision and field accuracy of 0.95 per format and over
all files; the suite asserts it. It also holds a floor (what the code scored when the floor was
last measured, less 0.02), so that a regression fails before it reaches the target. Raise a
FLOOR when the code improves.
"""
from __future__ import annotations

import csv
import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest

from actionplans import convert_file
from gold_scoring import PlanScore, action_rows, load_gold, score

FORGE = Path(__file__).resolve().parent / "fixtures" / "forge"
MANIFEST = list(csv.DictReader(open(FORGE / "MANIFEST.csv", encoding="utf-8")))
FORMATS = sorted({e["format"] for e in MANIFEST})
ALL = "all"

# the issue's target, for every format and over all files
TARGET_RECALL = 0.95
TARGET_PRECISION = 0.95
TARGET_FIELDS = 0.95

# (recall, precision, fields): measured on 2026-12-07 on the set regenerated with forge v2 (issue 18),
# less 0.02; a regression below these fails even while the means stay above the target
FLOOR_RECALL = {"docx": 0.980, "pdf": 0.975, "html": 0.980, "html-cms": 0.980, ALL: 0.979}
FLOOR_PRECISION = {"docx": 0.980, "pdf": 0.955, "html": 0.980, "html-cms": 0.980, ALL: 0.973}
FLOOR_FIELDS = {"docx": 0.969, "pdf": 0.952, "html": 0.969, "html-cms": 0.965, ALL: 0.964}


@dataclass(frozen=True)
class FileOutcome:
    file: str
    format: str
    family: str  # the forge's layout family (table, forms, list), to read the table by
    score: PlanScore
    error: Optional[str]


@pytest.fixture(scope="module")
def outcomes() -> list[FileOutcome]:
    done = []
    for entry in MANIFEST:
        result = convert_file(FORGE / entry["file"])
        gold = load_gold(FORGE / f"{entry['seed']}.jsonl")
        plan = entry["file"].split(".")[0]
        family = json.loads((FORGE / "gold" / f"{plan}.meta.json").read_text(encoding="utf-8"))["dims"]["family"]
        done.append(FileOutcome(entry["file"], entry["format"], family,
                                score(gold, action_rows(result.actions)), result.error))
    return done


def of_format(outcomes: list[FileOutcome], fmt: str) -> list[FileOutcome]:
    return [o for o in outcomes if fmt in (ALL, o.format)]


def means(chosen: list[FileOutcome]) -> tuple[float, float, float]:
    return (statistics.mean(o.score.recall for o in chosen),
            statistics.mean(o.score.precision for o in chosen),
            statistics.mean(o.score.fields for o in chosen))


def table(chosen: list[FileOutcome], bars: tuple[float, float, float]) -> str:
    """One line per file, worst first; `*` marks a figure under its bar."""
    lines = [f"{'file':18s} {'family':6s} {'gold':>4s} {'rows':>4s} {'recall':>7s} {'precis':>7s} {'fields':>7s}  error"]
    for o in sorted(chosen, key=lambda o: (o.score.recall + o.score.precision + o.score.fields, o.file)):
        s = o.score
        figures = " ".join(f"{v:6.3f}{'*' if v < bar else ' '}"
                           for v, bar in zip((s.recall, s.precision, s.fields), bars))
        lines.append(f"{o.file:18s} {o.family:6s} {s.gold_actions:4d} {s.output_rows:4d} {figures}  {o.error or ''}")
    r, p, f = means(chosen)
    lines.append(f"{'mean':18s} {'':6s} {'':4s} {'':4s} {r:6.3f}  {p:6.3f}  {f:6.3f}")
    return "\n".join(lines)


def assert_means_reach(chosen: list[FileOutcome], fmt: str, bars: tuple[float, float, float]) -> None:
    r, p, f = means(chosen)
    short = [f"{name} {got:.3f} < {bar:.3f}"
             for name, got, bar in zip(("recall", "precision", "fields"), (r, p, f), bars) if got < bar]
    assert not short, f"{fmt} ({len(chosen)} files): {', '.join(short)}\n{table(chosen, bars)}"


def test_the_set_is_complete():
    assert len(MANIFEST) == 106 and FORMATS == ["docx", "html", "html-cms", "pdf"]
    for entry in MANIFEST:
        assert (FORGE / entry["file"]).is_file(), entry["file"]
        assert (FORGE / f"{entry['seed']}.jsonl").is_file(), entry["seed"]
    assert set(FLOOR_RECALL) == set(FLOOR_PRECISION) == set(FLOOR_FIELDS) == {*FORMATS, ALL}


def test_every_file_converts(outcomes):
    failed = [(o.file, o.error) for o in outcomes if o.error]
    assert not failed, failed


@pytest.mark.parametrize("fmt", [*FORMATS, ALL])
def test_forge_set_holds_the_floor(outcomes, fmt):
    assert_means_reach(of_format(outcomes, fmt), fmt, (FLOOR_RECALL[fmt], FLOOR_PRECISION[fmt], FLOOR_FIELDS[fmt]))


@pytest.mark.parametrize("fmt", [*FORMATS, ALL])
def test_forge_set_reaches_the_issue_target(outcomes, fmt):
    assert_means_reach(of_format(outcomes, fmt), fmt, (TARGET_RECALL, TARGET_PRECISION, TARGET_FIELDS))
