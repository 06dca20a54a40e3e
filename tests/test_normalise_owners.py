"""Lead cells -> owners, matched to a roster (normalise/owners.py)."""
import pytest

from actionplans.errors import InputError
from actionplans.model import Document, Extraction, RawRecord, SideData
from actionplans.normalise import build_roster, normalise
from actionplans.settings import ConvertOptions
from actionplans.normalise.owners import Roster, RosterEntry, load_roster_file, split_owner_cell


def roster(*names):
    return Roster(RosterEntry(n, "", (), "document") for n in names)


@pytest.mark.parametrize("raw, owners", [
    ("Julie Lewis / Alison Ellison", ["Julie Lewis", "Alison Ellison"]),
    ("Julie Lewis/Alison Ellison", ["Julie Lewis", "Alison Ellison"]),
    ("Louise Hughes and Sue Butcher", ["Louise Hughes", "Sue Butcher"]),
    ("Chair / DCS", ["Chair", "DCS"]),
    ("Sue Butcher, Jane Parry, Kate Bargh", ["Sue Butcher", "Jane Parry", "Kate Bargh"]),
    ("SGU SGS", ["SGU", "SGS"]),
    ("i) AD ii) SGU iii) AD", ["AD", "SGU"]),  # one owner once
    ("ii). AD", ["AD"]),
    ("James Vaughan, Wiltshire Police", ["James Vaughan"]),
    ("Ceri Burton , Audit Action group", ["Ceri Burton"]),
    ("WSCB Chair.", ["WSCB Chair"]),
    ("Placement Service.", ["Placement Service"]),
    ("PP&P", ["PP&P"]),
    ("Assistant Director (AD)", ["Assistant Director"]),
    ("Rose Collinson (Interim Executive Director Children Services)", ["Rose Collinson"]),
    # team names are not cut on "and" or "/" unless both sides are owners by themselves
    ("Health and Partnerships.", ["Health and Partnerships"]),
    ("Early Help/Early Years and Children's Centres", ["Early Help/Early Years and Children's Centres"]),
    ("EH/Early Years & Children's Centres", ["EH/Early Years & Children's Centres"]),
    ("EH, Early Years and Children's Centres.", ["EH, Early Years and Children's Centres"]),
    ("Head of Strategy, planning and performance", ["Head of Strategy, planning and performance"]),
    ("Head of Strategy, planning and performance / Business manager for Quality assurance",
     ["Head of Strategy, planning and performance", "Business manager for Quality assurance"]),
    # export damage
    ("Glynis\nWilliams /Alison Ellison", ["Glynis Williams", "Alison Ellison"]),
    ("Director of\nChildren's Services", ["Director of Children's Services"]),
    ("Assistant Director. EH/Early years and Children's Centres.",
     ["Assistant Director", "EH/Early years and Children's Centres"]),
    ("Head of Service family focus Head of Service family focus", ["Head of Service family focus"]),
])
def test_split(raw, owners):
    assert list(split_owner_cell(raw).owners) == owners


def test_names_run_together_are_cut_with_roster_evidence():
    r = roster("Julia Cramp", "Rebecca Barson")
    assert split_owner_cell("Julia Cramp Rebecca Barson", r).owners == ("Julia Cramp", "Rebecca Barson")
    # without evidence the cell is left alone rather than guessed at
    assert split_owner_cell("Julia Cramp Rebecca Barson").owners == ("Julia Cramp Rebecca Barson",)


def test_vacant_post_is_noted_in_warnings():
    cell = split_owner_cell("Head of Corporate Parenting (to be appointed)")
    assert cell.owners == ("Head of Corporate Parenting",)
    assert cell.warnings == ("owner 'Head of Corporate Parenting' (to be appointed)",)


def test_roster_matching_case_initial_and_typo():
    r = roster("Rose Case", "Sue Butcher")
    assert r.match("Rose case") == ("Rose Case", None)
    assert r.match("S Butcher") == ("Sue Butcher", None)
    assert r.match("S. Butcher") == ("Sue Butcher", None)
    name, warning = r.match("Sue Butchr")
    assert name == "Sue Butcher" and "read as Sue Butcher" in warning
    assert r.match("WSCB Chair") == ("WSCB Chair", None)  # roles are not fuzzy-matched
    assert r.match("SGU") == ("SGU", None)


def test_two_people_with_one_surname_are_never_merged():
    r = roster("Sue Butcher", "Sam Butcher")
    assert r.match("Sam Butcher") == ("Sam Butcher", None)
    assert r.match("Sue Butcher") == ("Sue Butcher", None)
    name, warning = r.match("S Butcher")
    assert name == "S Butcher" and "could be" in warning
    name, warning = r.match("Butcher")
    assert name == "Butcher" and "could be" in warning
    # a name not on the roster that shares a surname stays itself, with a warning
    name, warning = roster("Sue Butcher").match("Tom Butcher")
    assert name == "Tom Butcher" and "shares a surname" in warning


def test_given_names_must_agree_for_a_fuzzy_match():
    r = roster("Jane Parry")
    name, _ = r.match("Joan Parry")
    assert name == "Joan Parry"


def _ex(owner_cells, side_roster=()):
    recs = tuple(RawRecord(source_table=1, source_row=i + 1, action=f"Action {i}", owner_raw=o)
                 for i, o in enumerate(owner_cells))
    return Extraction(document=Document("t.txt", "txt", ()), records=recs, side=SideData(roster=side_roster))


def test_plan_roster_unifies_spellings_across_rows():
    ex = _ex(["Rose Case", "Rose case", "S Butcher", "Sue Butcher", "WSCB chair", "WSCB Chair", "WSCB Chair"])
    owners = [a.owners for a in normalise(ex)]
    assert owners == ["Rose Case", "Rose Case", "Sue Butcher", "Sue Butcher", "WSCB Chair", "WSCB Chair", "WSCB Chair"]


def test_document_roster_and_user_file(tmp_path):
    f = tmp_path / "officers.csv"
    f.write_text("name,role,aliases\nSusan Butcher,AD,Sue Butcher;SB\n", encoding="utf-8")

    opts = ConvertOptions(roster=str(f))

    ex = _ex(["Sue Butcher", "SB", "Julia Cramp Rebecca Barson"],
             side_roster=(("Julia Cramp", "Director"), ("Rebecca Barson", "Head of Service")))
    owners = [a.owners for a in normalise(ex, opts)]
    assert owners == ["Susan Butcher", "Susan Butcher", "Julia Cramp; Rebecca Barson"]
    assert any(e.source == "user" for e in build_roster(ex, opts).entries)


def test_bad_roster_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_roster_file(str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="'name' column"):
        load_roster_file(str(bad))


@pytest.mark.parametrize("junk", [None, "", ";;;", "/ / /", "i) ii) iii)", "(((", "\x00", "a" * 5000, "Mr", "&"])
def test_junk_never_raises(junk):
    assert isinstance(split_owner_cell(junk, roster("Sue Butcher")).owners, tuple)


def test_owner_missing_from_the_users_roster_file_is_warned(tmp_path):
    f = tmp_path / "officers.csv"
    f.write_text("name,role\nSue Butcher,AD\n", encoding="utf-8")

    opts = ConvertOptions(roster=str(f))

    out = normalise(_ex(["Sue Butcher", "Kate Bargh", "WSCB Chair"]), opts)
    assert "roster file" not in out[0].warnings
    assert "owner 'Kate Bargh' is not in the roster file" in out[1].warnings
    assert "roster file" not in out[2].warnings  # roles are not expected on a roster of people


def test_bracket_that_qualifies_a_role_is_kept():
    assert split_owner_cell("Head of Service (Safeguarding)").owners == ("Head of Service (Safeguarding)",)
    cell = split_owner_cell("Rose Collinson (Interim Executive Director)")
    assert cell.owners == ("Rose Collinson",) and cell.notes == (("Rose Collinson", "Interim Executive Director"),)


def test_person_and_role_joined_by_a_dash():
    assert split_owner_cell("Jane Smith - Head of Safeguarding").owners == ("Jane Smith",)
    assert split_owner_cell("DCS – Jane Smith").owners == ("Jane Smith",)
    assert split_owner_cell("Early Help - Family Support").owners == ("Early Help - Family Support",)


def test_a_one_off_misspelling_is_matched_to_the_usual_spelling_whatever_the_order():
    out = normalise(_ex(["Rebecca Barsen", "Rebecca Barson", "Rebecca Barson"]))
    assert [a.owners for a in out] == ["Rebecca Barson"] * 3
    assert "read as Rebecca Barson" in out[0].warnings


@pytest.mark.parametrize("raw, owners", [
    ("ii. SGU iii. AD", ["SGU", "AD"]),
    ("1. Jane Smith 2. John Brown", ["Jane Smith", "John Brown"]),
    ("- Jane Smith\n• AD", ["Jane Smith", "AD"]),
    ("I. Jones", ["I. Jones"]),  # an initial, not a list number
])
def test_list_markers(raw, owners):
    assert list(split_owner_cell(raw).owners) == owners


@pytest.mark.parametrize("raw, owners", [
    # teams and services own actions by themselves: cut on "/", "," and "and"
    ("Owen Lloyd / CWD Team", ["Owen Lloyd", "CWD Team"]),
    ("Head of Commissioning / Early Help Service", ["Head of Commissioning", "Early Help Service"]),
    ("Dawn Rigby, Commissioning Team", ["Dawn Rigby", "Commissioning Team"]),
    ("EDT, Early Help Service", ["EDT", "Early Help Service"]),
    ("Health partners, Joanne Tillotson, Head of Early Help", ["Health partners", "Joanne Tillotson", "Head of Early Help"]),
    ("Legal Services and Police", ["Legal Services", "Police"]),
    # one role or team with "and" / "," inside is never cut
    ("Head of Quality and Performance", ["Head of Quality and Performance"]),
    ("Safeguarding and Review Unit", ["Safeguarding and Review Unit"]),
    ("Police and Crime Commissioner", ["Police and Crime Commissioner"]),
    ("Health and Wellbeing Board", ["Health and Wellbeing Board"]),
    ("DCS and PSW", ["DCS", "PSW"]),
    ("Team Manager, Referral and Assessment", ["Team Manager, Referral and Assessment"]),
    ("Assistant Director, Safeguarding and Quality Assurance", ["Assistant Director, Safeguarding and Quality Assurance"]),
    ("Detective Chief Inspector, Public Protection Unit", ["Detective Chief Inspector, Public Protection Unit"]),
    # a title that already names its organisation takes no department: a second owner
    ("PSCB Independent Chair, Leaving Care Team", ["PSCB Independent Chair", "Leaving Care Team"]),
    ("Assistant Director, Safeguarding and Quality Assurance / Head of HR (Children's)",
     ["Assistant Director, Safeguarding and Quality Assurance", "Head of HR (Children's)"]),
    # roles joined by "and" are two owners
    ("Head of Early Help and Principal Social Worker", ["Head of Early Help", "Principal Social Worker"]),
    # a person and their role, however written, inside a list
    ("Deborah Quinn – Team Manager, Referral and Assessment/Stephen Gale (Service Manager, Child Protection)"
     "/Margaret Ashworth, Head of Housing Options", ["Deborah Quinn", "Stephen Gale", "Margaret Ashworth"]),
    ("Patricia Greaves – Head of Corporate Parenting / Owen Lloyd", ["Patricia Greaves", "Owen Lloyd"]),
    ("Emma Pickering – Principal Social Worker, Head of Early Help", ["Emma Pickering", "Head of Early Help"]),
    ("Margaret Ashworth, Head of Housing Options", ["Margaret Ashworth"]),
    ("Kevin Ashcroft, PSW", ["Kevin Ashcroft", "PSW"]),
])
def test_split_teams_roles_and_lists(raw, owners):
    assert list(split_owner_cell(raw).owners) == owners


def test_the_roster_decides_name_comma_role():
    r = Roster([RosterEntry("Jane Smith", "Head of Early Help", (), "document"),
                RosterEntry("Tom Lee", "Head of Safeguarding", (), "document")])
    # the role is the person's own: one owner
    assert split_owner_cell("Jane Smith, Head of Early Help", r).owners == ("Jane Smith",)
    # the roster gives the role to someone else: two owners
    assert split_owner_cell("Jane Smith, Head of Safeguarding", r).owners == ("Jane Smith", "Head of Safeguarding")


def test_a_role_the_roster_names_is_never_cut():
    r = Roster([RosterEntry("Jane Smith", "Manager, Help and Advice Unit", (), "document")])
    assert split_owner_cell("Manager, Help and Advice Unit", r).owners == ("Manager, Help and Advice Unit",)
    assert split_owner_cell("Manager, Help and Advice Unit", None).owners == (
        "Manager, Help and Advice Unit",)  # a bare job title and its department


def test_run_together_short_forms_cut_unless_one_qualifies_the_other():
    assert split_owner_cell("SGU SGS", Roster()).owners == ("SGU", "SGS")
    r = Roster(terms={"HoS": "Head of Service", "CiC": "Children in Care"})
    assert split_owner_cell("HoS CiC", r).owners == ("HoS CiC",)
    assert split_owner_cell("HoS CiC / PSW", r).owners == ("HoS CiC", "PSW")


def test_roles_run_together_are_cut_when_the_roster_names_them():
    r = Roster([RosterEntry("Usha Patel", "Head of Quality", (), "document"),
                RosterEntry("Michelle Dunmore", "Safeguarding Lead", (), "document")])
    assert split_owner_cell("Head of Quality Safeguarding Lead", r).owners == ("Head of Quality", "Safeguarding Lead")
    assert split_owner_cell("Head of Quality Safeguarding Lead", Roster()).owners == (
        "Head of Quality Safeguarding Lead",)
    # roles the plan writes as owners of their own elsewhere count as evidence too
    seen = Roster()
    seen.note_role("Head of Quality")
    seen.note_role("Safeguarding Lead")
    assert split_owner_cell("Head of Quality Safeguarding Lead", seen).owners == ("Head of Quality", "Safeguarding Lead")


@pytest.mark.parametrize("raw, owners", [
    ("Principal Social Worker Head of Corporate Parenting", ["Principal Social Worker", "Head of Corporate Parenting"]),
    ("Performance Manager Chair of the Improvement Board", ["Performance Manager", "Chair of the Improvement Board"]),
    ("Principal Social Worker Head of Service, Assessment and Intervention",
     ["Principal Social Worker", "Head of Service, Assessment and Intervention"]),
    # a title and its department, or a qualified title, stay whole
    ("Team Manager Referral and Assessment", ["Team Manager Referral and Assessment"]),
    ("Lead Member for Children's Services", ["Lead Member for Children's Services"]),
    ("Assistant Director Children's Social Care", ["Assistant Director Children's Social Care"]),
    ("Designated Nurse for Children Looked After", ["Designated Nurse for Children Looked After"]),
])
def test_roles_run_together_by_an_export_are_cut(raw, owners):
    assert list(split_owner_cell(raw).owners) == owners


def test_name_role_and_department_then_more_owners():
    cell = split_owner_cell("Fiona McAllister, Detective Chief Inspector, Public Protection Unit / Gareth Pryce")
    assert cell.owners == ("Fiona McAllister", "Gareth Pryce")
    # a PDF line break after a possessive is inside the role
    assert split_owner_cell("Director of Children’s\nServices / Police").owners == ("Director of Children’s Services",
                                                                                   "Police")


def test_a_written_dash_is_not_a_run_together():
    r = Roster([RosterEntry("Fiona McAllister", "Service Manager", (), "document")])
    assert split_owner_cell("Fiona McAllister – Service Manager", r).owners == ("Fiona McAllister",)


def test_a_team_the_plan_names_as_an_owner_elsewhere_is_no_department():
    assert split_owner_cell("Independent Chair, Leaving Care Team").owners == ("Independent Chair, Leaving Care Team",)
    seen = Roster()
    seen.note_role("Leaving Care Team")
    assert split_owner_cell("Independent Chair, Leaving Care Team", seen).owners == ("Independent Chair",
                                                                                     "Leaving Care Team")
    # the same reading after "Name – Title"
    assert split_owner_cell("Hazel Kerr – Detective Chief Inspector, Public Protection Unit / Simon Thorne").owners == (
        "Hazel Kerr", "Simon Thorne")


def test_a_team_and_a_person_run_together_are_cut():
    assert split_owner_cell("CWD Team Theresa Ambler").owners == ("CWD Team", "Theresa Ambler")
    r = roster("William Ashby", "Theresa Ambler")
    assert split_owner_cell("Fostering Service William Ashby Theresa Ambler", r).owners == (
        "Fostering Service", "William Ashby", "Theresa Ambler")
    for whole in ("Early Help Service Manager", "Virtual School Head Teacher", "Team Around the Family"):
        assert split_owner_cell(whole).owners == (whole,)


# ---------------------------------------------------------------------------
# Compound owners: plural titles, short titles, shared titles, agency notes, lines
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, owners", [
    # a plural job title is complete: "and" starts a second owner, a group named in a few words
    ("Designated doctors and the adoption team", ["Designated doctors", "the adoption team"]),
    ("Family group conference coordinators and business support",
     ["Family group conference coordinators", "business support"]),
    ("Reviewing Officers & Education Colleagues", ["Reviewing Officers", "Education Colleagues"]),
    ("Youth justice workers and the police", ["Youth justice workers", "the police"]),
    # "and" inside a department or after "of" stays
    ("Director of Education and Skills", ["Director of Education and Skills"]),
    ("Heads of Fostering and Adoption", ["Heads of Fostering and Adoption"]),
    ("Team Manager and consult with partners", ["Team Manager and consult with partners"]),  # a clause
    ("Social workers and all other agencies", ["Social workers and all other agencies"]),
    # job titles written short, with their department, are owners of their own
    ("GM Permanence & HoS Fostering", ["GM Permanence", "HoS Fostering"]),
    ("DDCS and Head of Inclusion", ["DDCS", "Head of Inclusion"]),
    ("HoEH CIN", ["HoEH CIN"]),  # a department after a short title qualifies it
    ("PSW LADO", ["PSW", "LADO"]),  # two short titles run together are two
    # names sharing a plural title: the people, each with the title
    ("Ayesha Khan, Ben Ortiz and Carla Diaz, Service Leads", ["Ayesha Khan", "Ben Ortiz", "Carla Diaz"]),
    ("Ayesha Khan & Ben Ortiz – Practice Supervisors", ["Ayesha Khan", "Ben Ortiz"]),
    # owners each followed by a bracketed agency, with nothing between them
    ("R Patel (YJS) M Green (Health) T Osei (Education)", ["R Patel", "M Green", "T Osei"]),
    ("RP (CSC) MG (NHS)", ["RP", "MG"]),
    # a short form after a person is a second owner; a named organisation is the employer
    ("Priya Shah, CCG", ["Priya Shah", "CCG"]),
    ("Priya Shah, Leeds City Council", ["Priya Shah"]),
    ("Ana Lima, Rui Costa – Head of Inclusion", ["Ana Lima", "Rui Costa"]),
])
def test_compound_owners(raw, owners):
    assert list(split_owner_cell(raw).owners) == owners


def test_a_shared_plural_title_is_noted_for_each_person():
    cell = split_owner_cell("Ayesha Khan and Ben Ortiz, Heads of Service")
    assert cell.owners == ("Ayesha Khan", "Ben Ortiz")
    assert cell.notes == (("Ayesha Khan", "Heads of Service"), ("Ben Ortiz", "Heads of Service"))


def test_the_plans_glossary_decides_what_a_short_title_is():
    # without a glossary "SM" is a Service Manager: two owners
    assert split_owner_cell("SM Fostering and Head of Inclusion").owners == ("SM Fostering", "Head of Inclusion")
    # a plan whose glossary gives "SM" another meaning: no job title, the cell is not cut
    r = Roster(terms={"SM": "Strategy Meeting"})
    assert split_owner_cell("SM Fostering and Head of Inclusion", r).owners == ("SM Fostering and Head of Inclusion",)


@pytest.mark.parametrize("raw, owners", [
    # a one-word line is joined to the next only when the next can carry on a name
    ("Okoro\nInterim Head of Service", ["Okoro", "Interim Head of Service"]),
    ("Okoro\nDCS", ["Okoro", "DCS"]),
    ("Chidi\nOkoro / DCS", ["Chidi Okoro", "DCS"]),
    # an organisation on the line after "Name, Title" employs that person
    ("Priya Shah, Named Nurse\nLeeds Community Healthcare NHS Trust\nTom Reid, Detective Inspector\n"
     "West Yorkshire Police", ["Priya Shah", "Tom Reid"]),
    # without the title the organisation line is an owner as written
    ("Priya Shah\nLeeds Community Healthcare NHS Trust", ["Priya Shah", "Leeds Community Healthcare NHS Trust"]),
    # a lead label is no owner; a title that looks like a column header stays when it is the owner
    ("Lead officer – Priya Shah / Tom Reid", ["Priya Shah", "Tom Reid"]),
    ("Owner: YOT Manager", ["YOT Manager"]),
    ("Responsible Officer", ["Responsible Officer"]),
])
def test_lines_of_a_lead_cell(raw, owners):
    assert list(split_owner_cell(raw).owners) == owners


def test_owner_word_morphology_and_labels():
    from actionplans.normalise.owner_words import (is_person, is_plural_of, is_role, is_team, label_side,
                                                   role_abbreviation)
    assert is_role("Independent visitors") and is_role("Secretaries") and is_team("Legal Colleagues")
    assert is_plural_of("role_noun", "Supervisors") and not is_plural_of("role_noun", "Supervisor")
    assert not is_person("Practice Supervisors") and is_person("Ruth Childs")  # an ordinary word's plural can be a name
    assert role_abbreviation("TL") and role_abbreviation("HoCP") and not role_abbreviation("CSC")
    assert not role_abbreviation("Smith")
    assert [label_side(t) for t in ("Lead", "Owner", "Who", "Accountable officer", "Target", "Target date",
                                    "Deadline", "Complete by", "Head", "Jane Smith", "Status")] == [
        "owner", "owner", "owner", "owner", "due", "due", "due", "due", "", "", ""]


def test_a_line_labelled_by_words_ending_in_a_timescale_label_is_the_timescale():
    from actionplans.normalise.owner_due import split_owner_due
    assert split_owner_due("Lead – Heather Nuttall\nTo be completed by: March 21") == ("Heather Nuttall", "March 21")
    assert split_owner_due("Lead – Heather Nuttall\nTo be completed by: On-going") == ("Heather Nuttall", "On-going")
    # "by" alone after other words names who: no timescale
    assert split_owner_due("Monitored by: Head of Service") == ("Monitored by: Head of Service", "")
