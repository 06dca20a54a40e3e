"""One plan laid out as no seed is, as DOCX and as LibreOffice made PDF and HTML of it
(tests/fixtures/unseen/make_unseen.py): every format must give the same actions."""
import pytest

from actionplans import convert_file
from structured import ROOT

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
EXPECTED = [
    # (recommendation_ref, action_ref, action, owners, due_start, due_end, rag, rag_raw); due_start
    # comes from the "Milestones / Start" column where a row has one, else from the deadline
    ("A1", "a", "Daily triage meeting with police and health", "Head of MASH", "2024-01-01", "2024-03-31", "Green", "#92D050"),
    ("A1", "b", "Weekly tracker of open section 47 enquiries", "Performance Manager", "2024-01-01", "2024-04-30", "Green", "#92D050"),
    ("A1", "", "Audit 30 strategy discussions each quarter", "Principal Social Worker", "2024-07-01", "2024-09-30", "Amber", "#FFC000"),
    ("A2", "", "Relaunch the child in need plan template", "Service Manager, Children in Need", "2024-02-01", "2024-08-31", "Red", "#FF0000"),
]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_every_format_gives_the_same_actions(fmt):
    result = convert_file(UNSEEN / f"eastvale.{fmt}")
    assert result.ok, result.error
    got = [(a.recommendation_ref, a.action_ref, a.action, a.owners, a.due_start, a.due_end, a.rag, a.rag_raw)
           for a in result.actions]
    assert got == EXPECTED
    first = result.actions[0]
    assert first.theme == "Priority A: Children in need of help and protection"
    assert first.recommendation.startswith("Improve the timeliness of strategy discussions")
    assert '"Milestones Start": "Jan 2024"' in first.extra  # the start as written is kept
    assert "MASH=Multi-Agency Safeguarding Hub" in first.acronyms  # from the plan's own glossary
    assert first.plan_date == "2024-02-14"  # "Version 3, 14 February 2024"
