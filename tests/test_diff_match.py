"""Matching the actions of two versions: renumbered, reworded, reused numbers, duplicate and
blank references, plans without references, repeated texts; and the changes of one pair."""
from __future__ import annotations

from actionplans.model import Action
from actionplans.plandiff import diff_versions
from actionplans.plandiff.load import PlanVersion
from actionplans.plandiff.match import match_actions, ref_key

TEXTS = [
    "Audit all open child protection plans to confirm each has an up-to-date assessment.",
    "Introduce weekly management oversight of cases stepped down to child in need.",
    "Review the threshold document with partners and publish a revised version.",
    "Recruit permanent team managers to every locality team.",
    "Deliver training on chronologies and analysis to all frontline practitioners.",
    "Ensure every care leaver has a pathway plan reviewed within six months.",
]


def acts(*items, rec="") -> tuple[Action, ...]:
    """Actions from (ref, text) pairs, or texts alone (blank refs)."""
    out = []
    for item in items:
        ref, text = item if isinstance(item, tuple) else ("", item)
        out.append(Action(action_ref=ref, action=text, recommendation_ref=rec, source_file="p.docx"))
    return tuple(out)


def pairs(old, new):
    return [(m.old, m.new, m.how) for m in match_actions(old, new)]


def changes(old, new):
    d = diff_versions(PlanVersion("old.csv", "csv", old), PlanVersion("new.csv", "csv", new))
    return [(c.change, c.old, c.new, c.match) for c in d.changes]


def test_ref_key_ignores_brackets_stops_and_case():
    assert ref_key("(ii).") == ref_key("ii") == ref_key(" II)")
    assert ref_key("1.2") != ref_key("1.20")
    assert ref_key("") == ""


def test_an_action_inserted_renumbers_the_rest():
    old = acts(*[(f"{n + 1}", t) for n, t in enumerate(TEXTS[:4])])
    new = acts(("1", TEXTS[0]), ("2", TEXTS[4]), *[(f"{n + 3}", t) for n, t in enumerate(TEXTS[1:4])])
    assert pairs(old, new) == [(0, 0, "ref+text"), (1, 2, "text"), (2, 3, "text"), (3, 4, "text")]
    assert changes(old, new) == [("added", "", TEXTS[4], ""), ("renumbered", "2", "3", "text"),
                                 ("renumbered", "3", "4", "text"), ("renumbered", "4", "5", "text")]


def test_renumbered_and_reworded_is_still_the_action():
    old = acts(("1", TEXTS[0]), ("2", TEXTS[1]), ("3", TEXTS[2]))
    reworded = "Review the threshold document with all partners and publish the revised version online."
    new = acts(("1", TEXTS[0]), ("2", reworded))  # action 2 removed, 3 moved up and reworded
    assert pairs(old, new) == [(0, 0, "ref+text"), (2, 1, "text")]
    kinds = [c[0] for c in changes(old, new)]
    assert kinds == ["removed", "renumbered", "reworded"]


def test_reworded_under_its_number_is_matched_by_ref():
    old = acts(("1", TEXTS[0]), ("2", "Recruit permanent team managers to every locality team."))
    new = acts(("1", TEXTS[0]), ("2", "Make permanent appointments to all locality team manager posts."))
    (_, (i, j, how)) = pairs(old, new)  # similarity 0.68: not enough for text alone (0.75)
    assert (i, j, how) == (1, 1, "ref")
    assert changes(old, new)[0][0] == "reworded"


def test_a_number_reused_for_other_words_is_removed_and_added():
    old = acts(("1", TEXTS[0]), ("2", TEXTS[3]))
    new = acts(("1", TEXTS[0]), ("2", TEXTS[5]))
    assert pairs(old, new) == [(0, 0, "ref+text")]
    assert [c[0] for c in changes(old, new)] == ["removed", "added"]


def test_without_references_the_text_decides():
    old = acts(*TEXTS[:4])
    new = acts(TEXTS[2], TEXTS[0], TEXTS[3] + " by March", TEXTS[1])
    assert sorted(pairs(old, new)) == [(0, 1, "text"), (1, 3, "text"), (2, 0, "text"), (3, 2, "text")]
    assert [c[0] for c in changes(old, new)] == ["reworded"]  # order alone is no change


def test_duplicate_references_are_told_apart_by_text():
    old = acts(("1", TEXTS[0]), ("1", TEXTS[1]), ("1", TEXTS[2]))
    new = acts(("1", TEXTS[2]), ("1", TEXTS[0]), ("1", TEXTS[1]))
    assert sorted(pairs(old, new)) == [(0, 1, "ref+text"), (1, 2, "ref+text"), (2, 0, "ref+text")]


def test_repeated_texts_pair_in_plan_order():
    old = acts(("a", "Ongoing"), ("b", TEXTS[0]), ("c", "Ongoing"))
    new = acts(("x", "Ongoing"), ("y", TEXTS[0]), ("z", "Ongoing"))
    assert pairs(old, new) == [(0, 0, "text"), (1, 1, "text"), (2, 2, "text")]


def test_same_ref_under_another_recommendation_is_not_the_same_ref():
    old = acts(("1", "Recruit permanent team managers to every locality team."), rec="2") + acts(("1", TEXTS[4]), rec="3")
    new = acts(("1", "Make permanent appointments to all locality team manager posts."), rec="3")
    # the new action shares ref 1 with both, but only recommendation 3's action has it (and its words differ)
    assert pairs(old, new) == []


def test_one_close_pair_beats_two_loose_ones(monkeypatch):
    import numpy as np

    from actionplans.plandiff import match

    # old 0 is new 0 nearly word for word; the crossed pairs only just pass: two loose matches
    # score more in total (1.56 > 0.98) but gain less over the threshold (0.06 < 0.23)
    sim = np.array([[0.98, 0.78], [0.78, 0.30]])
    monkeypatch.setattr(match, "similarity_matrix", lambda old, new, **kw: sim)
    assert pairs(acts("a", "b"), acts("c", "d")) == [(0, 0, "text")]


def test_changes_of_one_pair():
    old = (Action(action_ref="1", action=TEXTS[0], rag="Red", due_end="2025-03-31", due_raw="March 2025",
                  owners="Head of Safeguarding", progress="Started."),)
    new = (Action(action_ref="1", action=TEXTS[0].upper(), rag="Red", due_end="2025-02-28", due_raw="Feb 2025",
                  owners="head of safeguarding", owner_raw="HoS", progress="Half the audits done."),)
    got = changes(old, new)
    # case alone is no rewording and no new owner; a date brought forward slips negative days
    assert got == [("due", "2025-03-31", "2025-02-28", "ref+text"),
                   ("progress", "Started.", "Half the audits done.", "ref+text")]
    d = diff_versions(PlanVersion("o", "csv", old), PlanVersion("n", "csv", new))
    assert d.changes[0].days_slipped == -31
    assert (d.summary.brought_forward, d.summary.days_brought_forward, d.summary.slipped) == (1, 31, 0)


def test_undated_due_change_counts_without_days():
    old = (Action(action_ref="1", action=TEXTS[0], due_raw="Ongoing"),)
    new = (Action(action_ref="1", action=TEXTS[0], due_raw="Quarterly"),)
    d = diff_versions(PlanVersion("o", "csv", old), PlanVersion("n", "csv", new))
    assert [(c.change, c.old, c.new, c.days_slipped) for c in d.changes] == [("due", "Ongoing", "Quarterly", None)]
    assert d.summary.due_undated == 1 and d.summary.slipped == 0


def test_empty_versions():
    d = diff_versions(PlanVersion("o", "csv", ()), PlanVersion("n", "csv", acts(("1", TEXTS[0]))))
    assert [c.change for c in d.changes] == ["added"]
    assert diff_versions(PlanVersion("o", "csv", ()), PlanVersion("n", "csv", ())).changes == ()


def test_ref_matrix_agrees_with_same_ref():
    from actionplans.plandiff.match import same_ref, same_ref_matrix

    old = acts(("1", "a"), ("", "b"), ("(2).", "c"), rec="R1") + acts(("2", "d"), ("1", "e"))
    new = acts(("2", "a"), ("1", "b"), ("", "c"), rec="R1") + acts(("1", "d"), rec="R2")
    m = same_ref_matrix(old, new)
    assert m.tolist() == [[same_ref(a, b) for b in new] for a in old]
    # 1/R1~1/R1, (2)./R1~2/R1, 2/-~2/R1, 1/-~1/R1 and 1/-~1/R2; not 1/R1~1/R2, never a blank ref
    assert m.sum() == 5 and not m[0, 3] and not m[1].any()


def test_similarity_skips_only_pairs_that_cannot_match():
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    from actionplans.plandiff.match import similarity_matrix

    texts = TEXTS + [t.replace("all", "every") for t in TEXTS] + ["Ongoing", ""]
    exact = (process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=utils.default_process)
             + process.cdist(texts, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process)) / 200
    assert np.allclose(similarity_matrix(texts, texts), exact)
    need = np.zeros_like(exact, dtype=bool)
    need[0, 1] = True
    quick = similarity_matrix(texts, texts, need=need, text_min=0.75)
    reachable = (exact >= 0.75) | need
    assert np.allclose(quick[reachable], exact[reachable])
    assert (quick[~reachable] < 0.75).all()


# ---------------------------------------------------------------------------
# large versions: candidates only, the same pairs as every pair
# ---------------------------------------------------------------------------

WORDS = ("audit review train recruit deliver ensure publish agree report monitor case plans files "
         "managers partners practitioners leavers assessments chronologies thresholds supervision "
         "locality frontline quarterly monthly weekly every all new revised permanent senior").split()


def _large_versions(n: int, seed: int = 5):
    """Two versions of n actions: texts drawn from a small vocabulary (many near neighbours),
    boilerplate copies, then the new version reworded here and there, renumbered and shuffled."""
    import random

    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))) for _ in range(n - 20)]
    texts += ["Ongoing"] * 12 + ["Complete - see progress report"] * 8
    old = tuple(Action(action_ref=f"{i % 30 + 1}", recommendation_ref=str(i // 30), action=t)
                for i, t in enumerate(texts))
    new = []
    for a in old:
        words = a.action.split()
        r = rng.random()
        if r < 0.2 and len(words) > 4:
            del words[rng.randrange(len(words))]
        elif r < 0.35:
            words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
        ref = a.action_ref if rng.random() < 0.7 else str(rng.randrange(1, 31))
        new.append(Action(action_ref=ref, recommendation_ref=a.recommendation_ref, action=" ".join(words)))
    rng.shuffle(new)
    return old, tuple(new[:-7])


def test_candidates_give_the_pairs_every_pair_gives(monkeypatch):
    from actionplans.plandiff import match

    old, new = _large_versions(240)
    full = [(m.old, m.new, m.how, m.confidence) for m in match.match_all_pairs(old, new)]
    fast = [(m.old, m.new, m.how, m.confidence) for m in match.match_candidates(old, new)]
    assert len(full) > 200 and fast == full
    monkeypatch.setattr(match, "EXPAND_MAX", 4)  # boilerplate copies paired with their nearest only
    monkeypatch.setattr(match, "ALL_PAIRS_MAX", 100)  # match_actions takes the candidates' road
    assert [(m.old, m.new, m.how, m.confidence) for m in match.match_actions(old, new)] == full


def test_candidate_pairs_hold_each_actions_best_partner():
    import numpy as np
    from rapidfuzz import utils

    from actionplans.plandiff import match

    old, new = _large_versions(160, seed=9)
    sim = match.similarity_matrix([a.action for a in old], [a.action for a in new])
    words_old = [utils.default_process(a.action) for a in old]
    words_new = [utils.default_process(a.action) for a in new]
    pairs = match.candidate_pairs(words_old, words_new)
    best_new = {(i, int(sim[i].argmax())) for i in range(len(old)) if sim[i].max() >= 0.75}
    best_old = {(int(sim[:, j].argmax()), j) for j in range(len(new)) if sim[:, j].max() >= 0.75}
    assert len(best_new) > 100 and best_new <= pairs and best_old <= pairs
    assert len(pairs) < len(old) * len(new) / 4  # candidates, not every pair


def test_duplicate_texts_pair_in_order_not_crossed():
    from actionplans.plandiff import match

    # both "Ongoing" rows come before the new ones: crossed and parallel pairs are the same
    # total distance apart, so only a squared distance prefers the parallel pairs
    old = acts(("a", "Ongoing"), ("b", "Ongoing"), *[(f"x{n}", t) for n, t in enumerate(TEXTS)])
    new = acts(*[(f"y{n}", t) for n, t in enumerate(TEXTS)], ("c", "Ongoing"), ("d", "Ongoing"))
    expected = [(0, 6, "text"), (1, 7, "text")]
    assert [p for p in pairs(old, new) if p[0] < 2] == expected
    fast = [(m.old, m.new, m.how) for m in match.match_candidates(old, new) if m.old < 2]
    assert fast == expected


def test_nearest_and_distinct_helpers():
    from actionplans.plandiff.match import _distinct, _nearest

    assert _distinct(["a", "b", "a", "c", "b"]) == (["a", "b", "c"], [[0, 2], [1, 4], [3]])
    assert _nearest(0.5, [0, 10, 40, 50, 60, 99], 99, 2) == [50, 40]
    assert _nearest(0.0, [0, 10, 40], 99, 5) == [0, 10, 40]
