"""extract/ on the seeds' clean layouts: every gold action found, nothing else, in its context."""
import pytest

from actionplans.extract import extract
from actionplans.normalise import normalise
from scoring import field, misses, precision_beside_optional, score_actions
from structured import load_document, needs_layouts, needs_shared, seeds


@needs_shared("seeds/structured")
@pytest.mark.parametrize("seed", seeds())
def test_structured_layout_gives_the_gold_actions(seed):
    ex = extract(load_document(seed))
    actions = normalise(ex)
    result = score_actions(actions, seed)
    assert result.recall >= 0.95, misses(result)
    assert precision_beside_optional(actions, seed) >= 0.95
    for name in ("recommendation", "theme", "action_ref", "recommendation_ref"):
        acc = field(result, name)
        assert acc is None or acc >= 0.95, (name, misses(result, name, 3))


@needs_layouts
def test_side_tables_are_read_not_turned_into_actions():
    ex = extract(load_document("001_17cf1543151ab3d9"))
    acronyms = dict(ex.side.acronyms)
    assert acronyms["CAT"] == "Childrens Assessment team"
    assert acronyms["CPWP"] == "Children placed with"
    kinds = [t.kind for t in ex.tables]
    assert kinds == ["actions", "glossary"]


@needs_layouts
def test_rag_key_and_roster_and_plan_date():
    ex = extract(load_document("002_c3f8460906c6c51e"))
    key = dict(ex.side.rag_key)
    assert key["gr"] == "Grey" and key["b"] == "Blue" and key["completed"] == "Blue"
    names = dict(ex.side.roster)
    assert "Sue Butcher" in names and "Rose Collinson" in names
    assert ex.plan.plan_date == "2012-12-10"


@needs_layouts
def test_roster_from_named_officer_lines():
    ex = extract(load_document("004_0181fde6aaa631cd"))
    names = dict(ex.side.roster)
    assert names["James Vaughan"] == "DC Superintendent, Head of Protective Services"
    assert names["Ceri Burton"] == "IRO Manager"
    assert ex.plan.plan_date == "2011-07"


@needs_layouts
def test_numbered_items_pair_with_their_timescales_and_leads():
    ex = extract(load_document("000_9d4ebbcf78c32af3"))
    r = next(r for r in ex.records if r.recommendation_ref == "3.0" and r.action.startswith("Review of frontline"))  # 3.0 iii), timescales listed in one paragraph
    assert (r.action_ref, r.due_raw, r.owner_raw) == ("iii", "Sept 13 – Jan 14", "AD")
    access = next(r for r in ex.records if r.action.startswith("Access to research"))
    assert (access.action_ref, access.owner_raw, access.due_raw) == ("ii", "AD", "Aug 13.")
    see = next(r for r in ex.records if r.action.startswith("See 3.0 above"))
    assert any("3.0" in w for w in see.warnings)
