"""bench/unseen_forge.py: our own wordings replace the plan forge's pools in memory (issue 18).

The forge (../shared/tools/forge) is read-only and may change; these tests catch a forge update that
renames or reshapes a pool we replace, so the yardstick never silently forges with the forge's own words.
No LibreOffice: plans are built in memory only.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORGE = ROOT.parent / "shared" / "tools" / "forge"
POOLS = ROOT / "bench" / "unseen_pools.json"

pytestmark = pytest.mark.skipif(not (FORGE / "forge.py").exists(),
                                reason=f"the plan forge is not at {FORGE} (../shared/tools/forge); nothing to check against")

FORGE_MODULES = ("pools_topics", "pools", "pools_more", "forge", "archetypes", "build", "cms_html", "content",
                 "convert", "docx_writer", "layout", "matter", "blocks", "dates", "families", "values")


@pytest.fixture()
def uf():
    """bench/unseen_forge.py loaded as a module; the forge's modules and sys.path restored afterwards."""
    path_before = list(sys.path)
    saved = {n: sys.modules.pop(n) for n in FORGE_MODULES if n in sys.modules}
    spec = importlib.util.spec_from_file_location("unseen_forge_under_test", ROOT / "bench" / "unseen_forge.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    try:
        yield mod
    finally:
        for n in FORGE_MODULES:
            sys.modules.pop(n, None)
        sys.modules.update(saved)
        sys.path[:] = path_before


def test_every_replaced_pool_exists_in_the_forge_with_the_same_type(uf):
    modules = uf.import_forge(FORGE)
    data = uf.load_pools(POOLS)
    assert set(data) <= set(modules)
    for mod, pools in data.items():
        for name, value in pools.items():
            assert hasattr(modules[mod], name), f"{mod}.{name} is not in the forge (renamed?)"
            orig = getattr(modules[mod], name)
            ours = uf.conform(orig, value)
            assert type(ours) is type(orig), f"{mod}.{name}: {type(ours).__name__} vs {type(orig).__name__}"
            if isinstance(orig, (list, tuple)) and orig and isinstance(orig[0], tuple):
                assert all(isinstance(x, tuple) for x in ours), f"{mod}.{name}: items must be tuples"


def test_our_pools_fit_the_forge_in_shape_keys_and_placeholders(uf):
    problems = uf.check_pools(uf.import_forge(FORGE), uf.load_pools(POOLS))
    assert problems == []


def test_the_check_catches_a_renamed_or_reshaped_pool(uf):
    modules = uf.import_forge(FORGE)
    data = uf.load_pools(POOLS)

    renamed = copy.deepcopy(data)
    renamed["pools"]["HEADER_SYNONYMS"] = renamed["pools"].pop("HEADERS")
    assert any("HEADER_SYNONYMS" in p and "no such pool" in p for p in uf.check_pools(modules, renamed))

    reshaped = copy.deepcopy(data)
    reshaped["pools"]["ROLES"] = [r[0] for r in reshaped["pools"]["ROLES"]]       # strings, not (role, short) pairs
    assert any(p.startswith("pools.ROLES") for p in uf.check_pools(modules, reshaped))

    lost_key = copy.deepcopy(data)
    del lost_key["pools_more"]["STATUS_WORDS"]["slipping"]                        # values.py maps statuses by key
    assert any("STATUS_WORDS" in p and "slipping" in p for p in uf.check_pools(modules, lost_key))

    bad_field = copy.deepcopy(data)
    bad_field["pools"]["PROGRESS"].append("Reported to {panel} in {m1}.")           # content.py fills m1, m2, d1, board
    assert any("panel" in p for p in uf.check_pools(modules, bad_field))


def test_plans_built_with_our_pools_use_our_words_and_derive_gold_from_them(uf):
    modules = uf.import_forge(FORGE)
    data = uf.load_pools(POOLS)
    originals = {(m, n): getattr(modules[m], n) for m, pools in data.items() for n in pools}
    originals[("pools", "TOPICS")] = modules["pools"].TOPICS
    originals[("pools", "SEED_ACTIONS")] = modules["pools"].SEED_ACTIONS
    uf.apply_pools(modules, data)
    try:
        import forge
        authorities = {a[0] for a in data["pools"]["AUTHORITIES"]}
        roles = {r[0]: r[1] for r in data["pools"]["ROLES"]}
        status = data["pools_more"]["STATUS_WORDS"]
        for i in range(6):
            b, _ = forge.make_plan(99, i)
            plan = b.plan
            assert plan.authority in authorities

            def ours(x):
                return x.replace("{board}", plan.board).replace("{board_long}", plan.board_long) \
                    .replace("{la}", plan.authority)
            texts = {ours(a) for t in data["pools_topics"]["TOPICS"] for a in t["actions"]}
            texts |= {ours(a) for v in data["pools_topics"]["SEED_ACTIONS"].values() for a in v}
            if b.L.get("archetype") != "milestones":       # milestones are object + predicate
                for a in plan.actions():
                    assert a.text.replace("\u2019", "'") in texts
            assert all(o.role.replace("\u2019", "'") in roles for o in plan.cast)
            # a role's short form as an owner: the gold accepts our role's wording for it
            for o in plan.cast:
                if o.short:
                    text, alts = b.owner_written(o, force_style="short")
                    assert text == o.short and o.role in alts
            # progress words: the colour the gold gives and our word for it agree
            b.L["rag_style"] = "status_words"
            for color, st in (("green", "on_track"), ("amber", "slipping"), ("red", "off_track")):
                assert b.rag_display(color, st)[0] in status[st]
    finally:
        for (m, n), v in originals.items():
            setattr(modules[m], n, v)
