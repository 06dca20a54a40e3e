"""Authority name and GSS code at the plan's date (normalise/authority.py)."""
import re
from datetime import date

import pytest

from actionplans.model import Cell, Document, Heading, Paragraph, Row, Table
from actionplans.normalise.authority import authorities, find_in_document, lookup, resolve_authority


def code(name, on=None):
    a, _ = lookup(name, on)
    return a.code if a else None


def test_snapshot_has_the_current_councils_of_each_nation():
    current = [a for a in authorities() if a.valid_to is None]
    by_nation = {n: sum(a.nation == n for a in current) for n in ("England", "Wales", "Scotland", "Northern Ireland")}
    assert by_nation == {"England": 153, "Wales": 22, "Scotland": 32, "Northern Ireland": 5}
    assert len({a.code for a in authorities()}) == len(authorities())
    pattern = {"England": r"E(06|08|09|10)\d{6}", "Wales": r"W06\d{6}", "Scotland": r"S12\d{6}", "Northern Ireland": r"ZT00\d"}
    assert all(re.fullmatch(pattern[a.nation], a.code) for a in authorities())
    assert code("Walsall") == "E08000030"
    assert code("City of London") == "E09000001"
    assert code("Isles of Scilly") == "E06000053"


def test_isles_of_scilly_code_dates_from_2009():
    scilly = [a for a in authorities() if a.name == "Isles of Scilly"]
    assert [(a.code, a.valid_from) for a in scilly] == [("E06000053", date(2009, 4, 1))]
    a, warnings = lookup("Council of the Isles of Scilly", date(2005, 6, 1))
    assert a.code == "E06000053" and "2009-04-01" in warnings[0]


@pytest.mark.parametrize("name, expected", [
    ("Bristol, City of", "E06000023"), ("Herefordshire, County of", "E06000019"),
    ("Kingston upon Hull, City of", "E06000010"), ("Hull City Council", "E06000010"),
    ("Orkney Islands Council", "S12000023"), ("Orkney", "S12000023"), ("The Highland Council", "S12000017"),
    ("Comhairle nan Eilean Siar", "S12000013"), ("Western Isles", "S12000013"),
    ("Rhondda Cynon Taf County Borough Council", "W06000016"), ("Rhondda Cynon Taff", "W06000016"),
    ("City and County of Swansea", "W06000011"), ("Caerdydd", "W06000015"), ("Isle of Anglesey County Council", "W06000001"),
    ("Belfast Health and Social Care Trust", "ZT001"), ("Western HSC Trust", "ZT005"),
])
def test_uk_names_and_ons_spellings(name, expected):
    assert code(name) == expected


def test_scottish_recodings_follow_the_plan_date():
    assert code("Fife", date(2016, 5, 1)) == "S12000015"
    assert code("Fife Council", date(2019, 5, 1)) == "S12000047"
    assert code("Glasgow City Council", date(2021, 1, 1)) == "S12000049"
    assert code("Glasgow", date(2005, 1, 1)) == "S12000043"


def test_bodies_running_childrens_services_give_their_council():
    a, warnings = lookup("Birmingham Children's Trust")
    assert (a.name, a.code, warnings) == ("Birmingham", "E08000025", [])
    assert code("Slough Children's Services Trust") == "E06000039"
    # a body of two successor councils: the councils valid at the date, and a warning naming them
    a, warnings = lookup("Northamptonshire Children's Trust", date(2022, 1, 1))
    assert a.code in ("E06000061", "E06000062") and "West Northamptonshire" in warnings[0]
    # the county, abolished in 2021, is not offered
    assert warnings[0].endswith("for North Northamptonshire, West Northamptonshire; took North Northamptonshire")
    a, _ = lookup("Northamptonshire Children's Trust", date(2021, 1, 1))
    assert a.code == "E10000021"
    # found in text, a body's name counts for its council rather than the county inside it
    m = find_in_document(_doc(Heading("Northamptonshire Children's Trust improvement plan")), date(2022, 3, 1))
    assert m.code in ("E06000061", "E06000062") and m.contenders


@pytest.mark.parametrize("text, expected", [
    ("Angus McDonald will chair the group", ""), ("Angus Council improvement plan", "S12000041"),
    ("Pupils completing the Duke of Edinburgh award", ""), ("City of Edinburgh Council plan", "S12000036"),
    ("research by the University of Glasgow", ""), ("Glasgow City Council action plan", "S12000049"),
    ("Working together for children and families", ""), ("Stirling work by the team", ""),
    ("Orkney Health and Care service plan", "S12000023"), ("Newport Pagnell children's centre", ""),
    ("Newport City Council", "W06000022"), ("Powys children's services plan", "W06000023"),
    ("Southern HSC Trust family support", "ZT004"),
])
def test_uk_councils_in_text_without_ordinary_words(text, expected):
    assert find_in_document(_doc(Paragraph(text)), date(2022, 1, 1)).code == expected


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
