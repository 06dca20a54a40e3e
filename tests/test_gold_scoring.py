"""The gold scorer itself, on hand-made plans of two or three actions.

Each test would fail if a matching or field rule of gold/README.md were implemented wrongly.
"""
import json

import pytest

from actionplans.model import Action
from gold_scoring import action_row, load_gold, pair, score


def row(action, **cols):
    return {"action": action, **cols}


REVIEW = "Review the initial child protection conference arrangements"
TRAIN = "Deliver joint training for social workers and health visitors"
PANEL = "Establish a monthly panel to review all children placed out of area"


# ---------------------------------------------------------------- pairing, recall, precision

def test_every_gold_action_found_once_gives_full_recall_and_precision():
    golds = [{"action": "Review the initial child protection"}, {"action": "Deliver joint training for social"}]
    s = score(golds, [row(TRAIN), row(REVIEW)])
    assert (s.recall, s.precision, s.matched) == (1.0, 1.0, 2)


def test_a_missing_action_lowers_recall_and_an_extra_row_lowers_precision():
    golds = [{"action": "Review the initial child protection"}, {"action": "Deliver joint training for social"}]
    s = score(golds, [row(REVIEW), row(PANEL), row("Narrative paragraph read as an action by mistake")])
    assert s.recall == 0.5
    assert s.precision == pytest.approx(1 / 3)
    assert [m.gold["action"] for m in s.missing_actions()] == ["Deliver joint training for social"]


def test_snippet_matches_fuzzily_despite_quotes_dashes_case_and_spacing():
    golds = [{"action": "Ensure the child\u2019s voice is heard \u2013 in every   assessment"}]
    s = score(golds, [row("1.2 ENSURE THE CHILD'S VOICE IS HEARD - IN EVERY ASSESSMENT and plan")])
    assert s.recall == 1.0


def test_a_long_snippet_tolerates_a_typo_a_short_one_does_not():
    long_gold = [{"action": "Establish a monthly panel to review all children"}]
    assert score(long_gold, [row("Establish a monthly panle to review all children placed")]).recall == 1.0
    short_gold = [{"action": "Audit 20 case files"}]  # under 30 characters: must be nearly verbatim
    assert score(short_gold, [row("Audit 30 case files")]).recall == 0.0
    assert score(short_gold, [row("Audit 20 case files each month")]).recall == 1.0


def test_an_unrelated_row_is_not_paired():
    s = score([{"action": "Review the initial child protection"}], [row(PANEL)])
    assert (s.recall, s.precision) == (0.0, 0.0)


def test_one_row_serves_one_gold_action_only():
    golds = [{"action": "Review the initial child protection"}, {"action": "Review the initial child protection"}]
    s = score(golds, [row(REVIEW)])
    assert s.matched == 1 and s.recall == 0.5 and s.precision == 1.0


def test_same_action_under_two_recommendations_goes_to_the_row_in_the_right_place():
    golds = [
        {"action": "Audit case files monthly and report", "recommendation": "Improve supervision"},
        {"action": "Audit case files monthly and report", "recommendation": "Strengthen the front door"},
    ]
    rows = [row("Audit case files monthly and report", recommendation="Strengthen the front door"),
            row("Audit case files monthly and report", recommendation="Improve supervision")]
    assert pair(golds, rows) == {0: 1, 1: 0}
    assert score(golds, rows).fields == 1.0


def test_the_better_match_wins_a_contested_row():
    golds = [{"action": "Deliver joint training for social workers"},
             {"action": "Deliver joint training for social workers and health visitors"}]
    rows = [row(TRAIN)]
    # both occur verbatim: the tie goes to the snippet closest in length to the row's text
    assert pair(golds, rows) == {1: 0}


def test_optional_actions_are_neither_missing_nor_extra():
    golds = [{"action": "Review the initial child protection"}, {"action": "As above", "optional": True}]
    found = score(golds, [row(REVIEW), row("As above")])
    assert (found.recall, found.precision, found.gold_actions) == (1.0, 1.0, 1)
    absent = score(golds, [row(REVIEW)])
    assert (absent.recall, absent.precision) == (1.0, 1.0)


def test_no_rows_against_gold_scores_zero_everywhere():
    s = score([{"action": "Review the initial child protection", "rag": "red"}], [])
    assert (s.recall, s.precision, s.fields) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------- field rules

def one(gold_fields, **cols):
    """Field accuracy of a single gold action found in a single row."""
    s = score([{"action": "Review the initial child protection", **gold_fields}], [row(REVIEW, **cols)])
    assert s.recall == 1.0
    return s.fields


def test_recommendation_and_theme_are_snippets_null_wants_blank():
    assert one({"recommendation": "core groups meet regularly"},
               recommendation="Ensure that core groups meet regularly and that all") == 1.0
    assert one({"recommendation": "core groups meet regularly"}, recommendation="Improve supervision") == 0.0
    assert one({"theme": None}, theme="") == 1.0
    assert one({"theme": None}, theme="Children in care") == 0.0


def test_context_may_be_in_theme_or_recommendation_but_not_elsewhere():
    assert one({"context": "Children in care"}, theme="Children in care", recommendation="") == 1.0
    assert one({"context": "Children in care"}, theme="", recommendation="Children in care") == 1.0
    assert one({"context": "Children in care"}, theme="", recommendation="", progress="Children in care") == 0.0


def test_refs_ignore_case_spaces_brackets_and_a_final_dot():
    assert one({"action_ref": "a"}, action_ref="(A)") == 1.0
    assert one({"action_ref": "2.3.1"}, action_ref=" 2.3.1. ") == 1.0
    assert one({"recommendation_ref": "R 1"}, recommendation_ref="r1") == 1.0
    assert one({"action_ref": "2.3"}, action_ref="2.3.1") == 0.0
    assert one({"action_ref": None}, action_ref="") == 1.0
    assert one({"action_ref": None}, action_ref="1") == 0.0


def test_owners_are_a_set_with_alternative_spellings():
    gold = {"owners": ["DCS|Director of Children's Services", "Tracey Holt"]}
    assert one(gold, owners="Tracey Holt; Director of Children\u2019s Services") == 1.0
    assert one(gold, owners="DCS;Tracey Holt") == 1.0
    assert one(gold, owners="Tracey Holt") == 0.0                       # one missing
    assert one(gold, owners="DCS; Tracey Holt; Angela Bright") == 0.0   # one too many
    assert one(gold, owners="DCS; Director of Children's Services") == 0.0  # one person twice is not two
    assert one({"owners": []}, owners="") == 1.0
    assert one({"owners": ["QA Team"]}, owners="Q.A. Team") == 0.0      # punctuation is a space, not nothing


def test_owner_punctuation_and_case_are_ignored():
    assert one({"owners": ["Head of Service (CiC)"]}, owners="head of service - CiC") == 1.0


def test_dates_are_cut_to_the_gold_precision():
    assert one({"due_end": "2021-03"}, due_end="2021-03-31") == 1.0
    assert one({"due_end": "2021"}, due_end="2021-03-31") == 1.0
    assert one({"due_end": "2021-03-31"}, due_end="2021-03") == 0.0     # coarser than the gold
    assert one({"due_end": "2021-03"}, due_end="2021-04-01") == 0.0
    assert one({"due_start": None}, due_start="") == 1.0
    assert one({"due_start": None}, due_start="2021-03") == 0.0


def test_rag_ignores_case_and_null_wants_blank():
    assert one({"rag": "amber"}, rag="Amber") == 1.0
    assert one({"rag": "amber"}, rag="red") == 0.0
    assert one({"rag": None}, rag="") == 1.0
    assert one({"rag": None}, rag="green") == 0.0


def test_question_mark_and_absent_fields_are_not_checked():
    s = score([{"action": "Review the initial child protection", "action_ref": "?", "rag": "red"}],
              [row(REVIEW, action_ref="9.9", rag="red")])
    assert s.per_field["action_ref"].checked == 0
    assert s.per_field["rag"].right == 1 and s.fields == 1.0


def test_field_accuracy_counts_fields_not_actions():
    golds = [{"action": "Review the initial child protection", "rag": "red", "due_end": "2021"},
             {"action": "Deliver joint training for social", "rag": "red", "due_end": "2021"}]
    s = score(golds, [row(REVIEW, rag="red", due_end="2021-01-01"), row(TRAIN, rag="red", due_end="2022-01-01")])
    assert s.fields == 0.75
    assert [(m.field, m.got) for m in s.wrong_fields()] == [("due_end", "2022-01-01")]


def test_fields_of_unpaired_gold_actions_are_not_counted():
    golds = [{"action": "Review the initial child protection", "rag": "red"},
             {"action": "Deliver joint training for social", "rag": "red"}]
    s = score(golds, [row(REVIEW, rag="red")])
    assert s.per_field["rag"].checked == 1 and s.fields == 1.0


# ---------------------------------------------------------------- input

def test_load_gold_skips_blank_and_comment_lines(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text("// note\n" + json.dumps({"action": "x"}) + "\n\n", encoding="utf-8")
    assert load_gold(path) == [{"action": "x"}]


def test_an_action_model_scores_like_its_row():
    a = Action(action=REVIEW, owners="DCS; Tracey Holt", due_end="2021-03-31", rag="red", source_page=None)
    r = action_row(a)
    assert r["source_page"] == "" and r["owners"] == "DCS; Tracey Holt"
    s = score([{"action": "Review the initial child protection", "owners": ["Tracey Holt", "DCS"],
                "due_end": "2021-03", "rag": "red"}], [r])
    assert s.fields == 1.0
