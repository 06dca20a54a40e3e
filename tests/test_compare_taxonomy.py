"""The topic tagger and the role normaliser of ``actionplans compare``, on texts from several
councils: rows of the samples and invented texts in the style of other councils' plans."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from actionplans.comparison.roles import acronym_expansions, load_roles, looks_like_name, normalise_role, parse_acronyms
from actionplans.comparison.topics import load_topics, matched, tag, tag_matrix

# (text, topics it must carry, topics it must not carry)
TOPIC_CASES = [
    # rows of the samples (Walsall, Wiltshire, Southwark, Cheshire East)
    ("Implement a robust system of decision making and management oversight at the point of contact with "
     "children's social care", {"Management oversight"}, {"Private fostering"}),
    ("Children & Young People who are privately fostered are identified by the local authority in conjunction "
     "with partners.", {"Private fostering", "Partnership working"}, {"Placement sufficiency and stability"}),
    ("Ensure children are visited with a frequency linked to the level of their need are always seen alone "
     "during statutory visits and that their views are recorded on case files.",
     {"Voice of the child", "Recording and case records"}, set()),
    ("Implement the routine use of chronologies in children's social care services",
     {"Quality of assessment and plans"}, {"Voice of the child"}),
    ("Implement revised management process for S47 in line with statutory timescales",
     {"Child protection conferences and plans"}, set()),
    ("Within six months: Southwark NHS Primary Care Trust and the local authority to ensure that young people's "
     "health needs are fully addressed in preparation for leaving care",
     {"Care leavers", "Health assessments and health needs"}, set()),
    # invented, in the style of other councils
    ("MASH to apply the revised threshold document consistently to all contacts received",
     {"Front door and MASH", "Thresholds"}, set()),
    ("Team managers to evidence fortnightly supervision on the child's file", {"Supervision"}, set()),
    ("A supervision order is sought where the threshold is met", {"Thresholds"}, {"Supervision"}),
    ("Reduce average caseloads of social workers to 18 through the recruitment of permanent staff",
     {"Workforce and caseloads"}, set()),
    ("Return home interviews offered to every young person following a missing episode",
     {"Missing children"}, set()),
    ("CSE risk assessment tool embedded across all partner agencies", {"Child sexual exploitation",
                                                                        "Partnership working"}, set()),
    ("Initial health assessments completed within 20 working days of a child entering care",
     {"Health assessments and health needs"}, {"Quality of assessment and plans"}),
    ("Pathway plans reviewed with every care leaver aged 18 to 21", {"Care leavers"}, set()),
    ("Increase the number of in-house foster carers to improve placement sufficiency",
     {"Placement sufficiency and stability"}, {"Private fostering"}),
    ("Allegations against staff referred to the LADO within one working day", {"LADO and allegations"}, set()),
    ("Short breaks offer for disabled children reviewed", {"Disabled children"}, set()),
    ("Monthly case file audits moderated by the Principal Social Worker", {"Quality assurance and audit"}, set()),
    ("Early help assessment (EHA) completed for families stepping down from social care", {"Early help",
                                                                                           "Thresholds"}, set()),
    ("Reduce delay for children with a plan for adoption; track SGO applications", {"Permanence and adoption"},
     set()),
]


@pytest.mark.parametrize("text, want, not_want", TOPIC_CASES, ids=[c[0][:40] for c in TOPIC_CASES])
def test_topics_of_texts_from_several_councils(text, want, not_want):
    got = set(tag(text))
    assert want <= got, f"missing {want - got}"
    assert not (not_want & got), f"wrongly tagged {not_want & got}"


def test_text_without_a_theme_gets_no_topic():
    assert tag("Agenda items to be scheduled for September 2012") == ()
    assert tag("") == ()


def test_acronyms_match_as_written_phrases_in_any_case():
    assert "Child sexual exploitation" in tag("CSE strategy refreshed")
    assert "Child sexual exploitation" not in tag("the cse of things")  # an acronym is matched as written
    assert "Management oversight" in tag("MANAGEMENT OVERSIGHT IS EVIDENT ON FILES")


def test_matched_says_which_words_tagged_a_text():
    words = matched("Evidence of management oversight at the front door")
    assert words["Management oversight"].lower() == "management oversight"
    assert words["Front door and MASH"].lower() == "front door"


def test_tag_matrix_agrees_with_tag():
    texts = [c[0] for c in TOPIC_CASES] + [""]
    m = tag_matrix(texts)
    labels = [t.label for t in load_topics()]
    assert m.shape == (len(texts), len(labels))
    for row, text in zip(m, texts):
        assert {labels[j] for j in row.nonzero()[0]} == set(tag(text))


def test_taxonomy_is_packaged_data_with_the_issue_themes():
    data = json.loads(resources.files("actionplans.comparison").joinpath("data/topics.json").read_text("utf-8"))
    labels = {t["label"] for t in data["topics"]}
    for theme in ("Management oversight", "Supervision", "Voice of the child", "Front door and MASH", "Thresholds",
                  "Early help", "Child sexual exploitation", "Missing children", "Private fostering", "Care leavers",
                  "Workforce and caseloads", "Quality assurance and audit", "Partnership working",
                  "LADO and allegations", "Disabled children", "Health assessments and health needs"):
        assert theme in labels
    assert len({t["id"] for t in data["topics"]}) == len(data["topics"])


# (owner as written, role from the plan's officers, acronym expansions, normalised role)
ROLE_CASES = [
    ("Rose Collinson", "interim Director, Children's Services", "", "Director of Children's Services"),  # Walsall
    ("Sue Butcher", "Interim Assistant Director for Specialist Services", "", "Assistant Director"),  # Walsall
    ("WSCB Chair", "", "", "LSCB / partnership business manager"),  # Walsall
    ("AD", "", "", "Assistant Director"),
    ("Head of Corporate Parenting", "", "", "Head of Service"),
    ("Business manager Looked After Children", "", "", "Service or team manager"),  # Southwark
    ("EH, Early Years and Children's Centres", "", "", "Early help"),
    ("Nancy Meehan", "", "", "Named officer (role not given)"),  # Cheshire East: no roles in the plan
    # invented, other councils' styles
    ("DCS", "", "", "Director of Children's Services"),
    ("Strategic Director, People", "", "", "Director of Children's Services"),
    ("HoS Safeguarding", "", "", "Head of Service"),
    ("PSW", "", "", "Principal Social Worker"),
    ("Principal Social Worker / Head of Practice", "", "", "Principal Social Worker"),
    ("IRO Service Manager", "", "", "IRO service"),
    ("Child Protection Conference Chair", "", "", "IRO service"),
    ("LSCB Business Manager", "", "", "LSCB / partnership business manager"),
    ("Designated Nurse, CCG", "", "", "Health"),
    ("Head of Safeguarding, Hospital Trust", "", "", "Health"),
    ("DCI Public Protection", "", "", "Police"),
    ("Detective Inspector, Public Protection Unit", "", "", "Police"),
    ("Virtual School Head", "", "", "Education"),
    ("SGU", "", "Safeguarding Unit", "IRO service"),
    ("J. Smith", "Team Manager, Referral and Assessment", "", "Service or team manager"),
    ("PP&P", "", "", "Other"),
]


@pytest.mark.parametrize("owner, role, expansions, want", ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_roles_normalised_across_councils(owner, role, expansions, want):
    assert normalise_role(owner, role, expansions) == want


def test_one_role_compared_across_authorities():
    # the same job written four councils' ways is one role
    spellings = ["Assistant Director Children's Social Care", "AD Safeguarding", "Deputy Director, Children's Services",
                 "Asst. Director"]
    roles = {normalise_role(s) for s in spellings}
    assert roles == {"Assistant Director"}


def test_acronym_expansions_come_from_the_rows():
    acronyms = parse_acronyms("SGU=Safeguarding Unit; PP&P=Policy, Performance and Partnerships; x")
    assert acronyms == {"SGU": "Safeguarding Unit", "PP&P": "Policy, Performance and Partnerships"}
    assert acronym_expansions("SGU; Head of Service", acronyms) == "Safeguarding Unit"
    assert normalise_role("PP&P", "", acronym_expansions("PP&P", acronyms)) == "Quality assurance and performance"


def test_names_are_told_from_teams():
    assert looks_like_name("Sue Butcher") and looks_like_name("Mary-Jane O'Neil") and looks_like_name("Linda McCrum")
    assert not looks_like_name("Placement Service and Fostering Team Leaders")
    assert not looks_like_name("SGU") and not looks_like_name("Sue")


def test_role_patterns_are_packaged_data():
    rules = load_roles()
    for role in ("Director of Children's Services", "Assistant Director", "Head of Service", "Principal Social Worker",
                 "IRO service", "LSCB / partnership business manager", "Health", "Police", "Education"):
        assert role in rules.labels
