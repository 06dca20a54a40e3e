"""Authority name and GSS code at the plan's date (normalise/authority.py)."""
import re
from datetime import date

import pytest

from actionplans.model import Cell, Document, Heading, Paragraph, Row, Table
from actionplans.normalise.authority import authorities, find_in_document, lookup, resolve_authority


def code(name, on=None):
    a, _ = lookup(name, on)
    return a.code if a else None


def test_snapshot_has_the_current_upper_tier_councils():
    current = [a for a in authorities() if a.valid_to is None]
    assert len(current) == 153
    assert len({a.code for a in authorities()}) == len(authorities())
    assert all(re.fullmatch(r"E(06|08|09|10)\d{6}", a.code) for a in authorities())
    assert code("Walsall") == "E08000030"
    assert code("City of London") == "E09000001"
    assert code("Isles of Scilly") == "E06000053"


@pytest.mark.parametrize("name, before, after, when", [
    ("Northamptonshire", "E10000021", None, date(2021, 4, 1)),
    ("North Northamptonshire", None, "E06000061", date(2021, 4, 1)),
    ("West Northamptonshire", None, "E06000062", date(2021, 4, 1)),
    ("Cumbria", "E10000006", None, date(2023, 4, 1)),
    ("Cumberland", None, "E06000063", date(2023, 4, 1)),
    ("Westmorland and Furness", None, "E06000064", date(2023, 4, 1)),
    ("North Yorkshire", "E10000023", "E06000065", date(2023, 4, 1)),
    ("Somerset", "E10000027", "E06000066", date(2023, 4, 1)),
    ("Buckinghamshire", "E10000002", "E06000060", date(2020, 4, 1)),
    ("Dorset", "E10000009", "E06000059", date(2019, 4, 1)),
    ("Bournemouth, Christchurch and Poole", None, "E06000058", date(2019, 4, 1)),
    ("Wiltshire", "E10000033", "E06000054", date(2009, 4, 1)),
    ("Cheshire East", None, "E06000049", date(2009, 4, 1)),
    ("Cheshire West and Chester", None, "E06000050", date(2009, 4, 1)),
])
def test_code_valid_at_the_plan_date(name, before, after, when):
    day_before = date.fromordinal(when.toordinal() - 1)
    a_before, _ = lookup(name, day_before)
    a_after, _ = lookup(name, when)
    if before:
        assert a_before.code == before
    if after:
        assert a_after.code == after
    if before and not after:  # abolished: still found, with a warning
        a, warnings = lookup(name, when)
        assert a.code == before and warnings


def test_unknown_date_takes_the_current_code_and_says_so():
    a, warnings = lookup("Dorset")
    assert a.code == "E06000059" and warnings
    a, warnings = lookup("Walsall")
    assert a.code == "E08000030" and warnings == []


@pytest.mark.parametrize("variant", ["Walsall Council", "Walsall MBC", "Walsall Metropolitan Borough Council",
                                     "walsall m.b.c.", "WALSALL COUNCIL"])
def test_name_variants(variant):
    assert code(variant) == "E08000030"


def test_london_and_city_variants():
    assert code("London Borough of Southwark") == "E09000028"
    assert code("Royal Borough of Kensington & Chelsea") == "E09000020"
    assert code("Kingston upon Hull City Council") == "E06000010"
    assert code("Stoke on Trent") == "E06000021"
    assert code("Narnia") is None


def _doc(*blocks):
    return Document("t.txt", "txt", tuple(blocks))


def _table(*texts):
    return Table(rows=tuple(Row(cells=(Cell(t),)) for t in texts))


def test_found_in_headings_over_passing_mentions():
    doc = _doc(Heading("Walsall Children's Services Improvement Plan"),
               Paragraph("Peer review by Wolverhampton in March."),
               _table("Walsall Safeguarding Children Board", "Sandwell and Wolverhampton partners"))
    m = find_in_document(doc, date(2012, 12, 10))
    assert (m.name, m.code) == ("Walsall", "E08000030")


def test_abbreviation_needs_council_and_board_acronyms_are_not_enough():
    assert find_in_document(_doc(Paragraph("Outcome of the themed audit within CE was reported."))).name == ""
    assert find_in_document(_doc(Paragraph("Approved by the BSCB."))).name == ""
    m = find_in_document(_doc(_table("fcs for CE council")))
    assert (m.name, m.code) == ("Cheshire East", "E06000049")


def test_ordinary_words_need_a_council_suffix():
    assert find_in_document(_doc(Paragraph("Reading the plan, Mr Sutton agreed."))).name == ""
    assert find_in_document(_doc(Paragraph("Reading Borough Council"))).code == "E06000038"


def test_longest_name_wins():
    assert find_in_document(_doc(Heading("North Yorkshire County Council")), date(2015, 1, 1)).code == "E10000023"
    assert find_in_document(_doc(Heading("Central Bedfordshire Council")), date(2015, 1, 1)).code == "E06000056"


def test_the_document_wins_and_a_given_name_only_fills_the_blank():
    """Issue #10: --authority on a batch must not relabel a plan that names its own council."""
    doc = _doc(Heading("Walsall plan"))
    m = resolve_authority("Wiltshire Council", doc, date(2011, 7, 1))
    assert (m.name, m.code, m.source, m.stated) == ("Walsall", "E08000030", "document", "Walsall")
    assert m.conflict == "--authority 'Wiltshire Council' not used: the document names Walsall"
    agreeing = resolve_authority("Walsall MBC", doc)
    assert (agreeing.name, agreeing.source, agreeing.conflict) == ("Walsall", "document", "")
    silent = _doc(Heading("Improvement plan"))
    m = resolve_authority("Wiltshire Council", silent, date(2011, 7, 1))
    assert (m.name, m.code, m.source, m.stated, m.conflict) == ("Wiltshire", "E06000054", "option", "", "")
    m = resolve_authority("Atlantis", silent)
    assert (m.name, m.code) == ("Atlantis", "") and m.warnings
    assert resolve_authority(None, doc).name == "Walsall"
    assert resolve_authority(None, silent).name == ""


def test_a_given_name_decides_a_close_call_between_councils_the_document_names():
    doc = _doc(Heading("Walsall and Sandwell joint plan"), Paragraph("Sandwell Council will lead; Walsall Council too."))
    found = find_in_document(doc)
    other = ({"Walsall", "Sandwell"} - {found.name}).pop()
    assert other in found.contenders
    m = resolve_authority(other, doc)
    assert (m.name, m.source, m.conflict, m.stated) == (other, "option", "", found.name)


def test_a_council_named_once_in_passing_is_no_close_call():
    doc = _doc(Heading("Wiltshire Council improvement plan"), Heading("Wiltshire Council: supervision"),
               _table("visit to Walsall Council"))
    m = resolve_authority("Walsall", doc)
    assert (m.name, m.source) == ("Wiltshire", "document") and "Walsall" in m.conflict
