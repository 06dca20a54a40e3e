"""Acronyms: Schwartz–Hearst, sources and precedence, the acronyms column (normalise/acronyms.py)."""
import pytest

from actionplans.errors import InputError
from actionplans.model import Action, Cell, Document, Paragraph, Row, Table
from actionplans.normalise.acronyms import (Definition, build_definitions, expand_text, expanded_columns,
                                            format_acronyms, load_acronym_file, row_acronyms)
from actionplans.normalise.schwartz_hearst import best_long_form, find_definitions


@pytest.mark.parametrize("text, pair", [
    ("Review of the Independent Reviewing Officer (IRO) service.", ("IRO", "Independent Reviewing Officer")),
    ("IRO (Independent Reviewing Officer) caseloads", ("IRO", "Independent Reviewing Officer")),
    ("i) Assistant Director (AD)", ("AD", "Assistant Director")),
    ("the Multi-Agency Safeguarding Hub (MASH) will", ("MASH", "Multi-Agency Safeguarding Hub")),
    ("work with the Clinical Commissioning Group (CCG) to", ("CCG", "Clinical Commissioning Group")),
    ("Section 47 (S47) enquiries", ("S47", "Section 47")),
])
def test_schwartz_hearst_both_ways_round(text, pair):
    assert pair in list(find_definitions(text))


@pytest.mark.parametrize("text", [
    "Agenda items to be scheduled for September 2012 (AF)",  # letters do not spell a nearby phrase
    "Report to the board (see above)",
    "Children in care (2012)",
    "(IRO)",
])
def test_schwartz_hearst_rejects_non_definitions(text):
    assert list(find_definitions(text)) == []


def test_best_long_form_takes_the_shortest_covering_tail():
    assert best_long_form("HWBB", "the shadow Health and Wellbeing Board") == "Health and Wellbeing Board"
    assert best_long_form("XYZ", "nothing to see") is None


def _doc(*texts, table=None):
    blocks = [Paragraph(t) for t in texts]
    if table:
        blocks.append(Table(rows=tuple(Row(cells=tuple(Cell(c) for c in r)) for r in table)))
    return Document("t.txt", "txt", tuple(blocks))


def test_precedence_glossary_inline_user_dictionary():
    doc = _doc("The Children's Assessment Service (CAT) and Local Safeguarding Children Board (LSCB) ...",
               table=[["a cell naming the Quality Assurance Framework (QAF)"]])
    defs = build_definitions(
        glossary=[("CAT", "Childrens Assessment team")],
        document=doc,
        user=[Definition("LSCB", "user's LSCB", "user"), Definition("SGU", "Safeguarding Unit", "user"),
              Definition("CAT", "user's CAT", "user")],
    )
    assert (defs.get("CAT").expansion, defs.get("CAT").source) == ("Childrens Assessment team", "glossary")
    assert (defs.get("LSCB").expansion, defs.get("LSCB").source) == ("Local Safeguarding Children Board", "inline")
    assert defs.get("QAF").source == "inline"  # found inside a table cell too
    assert (defs.get("SGU").expansion, defs.get("SGU").source) == ("Safeguarding Unit", "user")
    assert (defs.get("MARAC").expansion, defs.get("MARAC").source) == (
        "Multi-Agency Risk Assessment Conference", "dictionary")


def test_packaged_dictionary_is_substantial_and_sourced():
    defs = [d for d in build_definitions() if d.source == "dictionary"]
    assert len(defs) >= 100
    keys = {d.abbreviation for d in defs}
    for abbr in ("LSCB", "MASH", "CAF", "CIN", "CP", "LAC", "IRO", "LADO", "MARAC", "MAPPA", "DCS", "CSC", "NQSW",
                 "CSE", "QAF", "SCR", "TAC", "S47", "ICPC", "EPO", "PPO", "CAMHS"):
        assert abbr in keys, abbr


def test_row_acronyms_in_order_of_first_use_with_plurals():
    defs = build_definitions(glossary=[("CiCC", "Children in care Council"), ("C&R", "Contract and Referrals")])
    found = row_acronyms(["Review of IRO's caseloads by the LSCB", "CiCC and C&R; IROs again"], defs)
    assert format_acronyms(found) == ("IRO=Independent Reviewing Officer; LSCB=Local Safeguarding Children Board; "
                                      "CiCC=Children in care Council; C&R=Contract and Referrals")


def test_row_acronyms_are_case_sensitive_and_whole_words():
    defs = build_definitions(glossary=[("IN", "Improvement Notice")], packaged=False)
    assert row_acronyms(["work in progress", "LINK", "INFO"], defs) == []
    assert [d.abbreviation for d in row_acronyms(["IN 2.1"], defs)] == ["IN"]


def test_expand_text_first_use_only_and_not_twice():
    defs = build_definitions()
    assert expand_text("IRO to review IRO caseloads", defs) == "IRO (Independent Reviewing Officer) to review IRO caseloads"
    already = "Independent Reviewing Officer (IRO) review"
    assert expand_text(already, defs) == already


def test_expanded_columns_names_and_content():
    defs = build_definitions()
    cols = expanded_columns(Action(action="MASH go-live", owner_raw="DCS", theme="CSE"), defs)
    assert set(cols) == {"theme_expanded", "recommendation_expanded", "action_expanded", "owner_raw_expanded",
                         "measures_expanded", "progress_expanded"}
    assert cols["action_expanded"] == "MASH (Multi-Agency Safeguarding Hub) go-live"
    assert cols["recommendation_expanded"] == ""


def test_user_acronym_file(tmp_path):
    f = tmp_path / "acr.csv"
    f.write_text("abbreviation,expansion\nSGU,Safeguarding Unit\nPP&P,\"Policy, Performance & Planning\"\n",
                 encoding="utf-8")
    defs = load_acronym_file(str(f))
    assert [(d.abbreviation, d.expansion, d.source) for d in defs] == [
        ("SGU", "Safeguarding Unit", "user"), ("PP&P", "Policy, Performance & Planning", "user")]
    with pytest.raises(InputError, match="not found"):
        load_acronym_file(str(tmp_path / "nope.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("SGU\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        load_acronym_file(str(bad))


def test_short_acronyms_are_not_read_in_capitalised_headings():
    defs = build_definitions(glossary=[("IN", "Improvement Notice")])
    assert row_acronyms(["SERVICES FOR CHILDREN IN CARE"], defs) == []
    assert [d.abbreviation for d in row_acronyms(["THE LSCB AND PARTNERS", "IN 2.1"], defs)] == ["LSCB", "IN"]


@pytest.mark.parametrize("text", ["Calls to the 'Out of Hours' (OOH) service rose.",
                                  "Calls to the \u2018Out of Hours\u2019 (OOH) service rose.",
                                  "Calls to the 'Out of Hours (OOH)' service rose.",
                                  'Calls to the "Out of Hours" (OOH) service rose.'])
def test_quotes_around_a_long_form_are_not_part_of_it(text):
    assert list(find_definitions(text)) == [("OOH", "Out of Hours")]


def test_an_apostrophe_inside_or_ending_a_long_form_stays():
    assert list(find_definitions("The Parents\u2019 Forum (PF) met.")) == [("PF", "Parents\u2019 Forum")]
