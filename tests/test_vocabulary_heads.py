"""The column vocabulary reads a header by its head noun and the words modifying it.

Every wording here is written for this test (none is taken from the samples or a forged plan):
a header names a field when its head noun, or a synonym, is one the field is named by, whatever
modifies it; a modifier or complement that changes what the column holds ("Review date", "Risk
rating", "Responsible for monitoring") turns it, most often to "other" (kept in extra)."""
import pytest

from actionplans.extract.labels import read_labels
from actionplans.extract.vocabulary import best_field, fields_in_order, header_fields, names_columns_only

NAMED = [
    # owner
    ('Nominated lead', 'owner'), ('Lead practitioner', 'owner'), ('Senior responsible owner', 'owner'),
    ('Designated officer(s)', 'owner'), ('Service manager responsible', 'owner'),
    ('Officers accountable', 'owner'), ("Manager's name", 'owner'), ('Owners (named individuals)', 'owner'),
    ('Who will lead this?', 'owner'), ('Accountable director', 'owner'), ('Responsible manager(s)', 'owner'),
    # due
    ('Original deadline', 'due'), ('Agreed completion date', 'due'), ('Target month for delivery', 'due'),
    ('Dates for completion', 'due'), ('Expected end date', 'due'), ('Deadline(s)', 'due'),
    ('Timescales for delivery', 'due'), ('When by?', 'due'), ('Latest timescale', 'due'),
    # start
    ('Planned start date', 'start'), ('Commencement date', 'start'),
    # action
    ('Interim milestones', 'action'), ('Improvement tasks', 'action'), ('Agreed interventions', 'action'),
    ('Activities planned', 'action'), ('Actions (short term)', 'action'), ('Tasks to complete', 'action'),
    ('Work to be done', 'action'), ('Steps we will take', 'action'), ('Our agreed actions', 'action'),
    # recommendation
    ('Areas of weakness identified', 'recommendation'), ('Issues raised by Ofsted', 'recommendation'),
    ('Identified gap', 'recommendation'), ('Key concerns', 'recommendation'),
    # rag
    ('Current RAG rating', 'rag'), ('RAG (as at last review)', 'rag'), ('Status of delivery', 'rag'),
    ('Delivery confidence', 'rag'), ('Overall RAG', 'rag'), ('BRAG rating (current)', 'rag'),
    # measures
    ('Indicators of success', 'measures'), ('Impact on children', 'measures'),
    ('Outcome measures for children', 'measures'), ('KPIs', 'measures'),
    # progress
    ('Update for this quarter', 'progress'), ('Progress notes', 'progress'),
    ('Commentary on progress', 'progress'), ('Position at last review', 'progress'),
    ('Progress against risks', 'progress'),
    # theme
    ('Strategic theme', 'theme'), ('Workstreams', 'theme'),
    # action_ref
    ('Reference no', 'action_ref'), ('Task number', 'action_ref'),
    # recommendation_ref
    ('Recommendation ref', 'recommendation_ref'), ('Report paragraph', 'recommendation_ref'),
    ('Ofsted para', 'recommendation_ref'),
]

NOT_A_FIELD = [
    # monitoring, resources, risk, review dates, dates completed: kept in extra
    'Monitoring officer', 'Monitoring and review', 'Evaluated by', 'Resources needed', 'Costs and funding',
    'Budget implications', 'Risks to delivery', 'Risk owner', 'Risk RAG', 'Likelihood score',
    'Date of next review', 'Review due', 'Next review date', 'Actual completion date', 'Date achieved',
    'Date signed off', 'Priority rating', 'Partner agencies involved', 'Supported by', 'QA reference',
    'Audit number',
]


@pytest.mark.parametrize("header, field", NAMED)
def test_a_header_names_the_field_of_its_head_noun(header, field):
    m = best_field(header)
    assert m is not None and m.field == field, (header, m)


@pytest.mark.parametrize("header", NOT_A_FIELD)
def test_a_qualified_header_names_no_field_of_an_action(header):
    m = best_field(header)
    assert m is not None and m.field == "other", (header, m)


def test_a_qualifier_turns_only_the_head_it_modifies():
    # "risk" in the complement of an action or a progress column is what the column is about
    assert best_field("Actions to reduce risk").field == "action"
    assert best_field("Progress against risks").field == "progress"
    # but the complement of a lead, a date or a reference says whose, when or to what
    assert best_field("Officer responsible for monitoring").field == "other"
    assert best_field("Officer responsible for delivery").field == "owner"
    assert best_field("Date of completion").field == "due"
    assert best_field("Date of review").field == "other"
    assert best_field("Reference to report").field == "recommendation_ref"


def test_plurals_possessives_misspellings_and_cut_off_words_are_the_word():
    for header in ("Lead Officer(s)", "Lead officers'", "Leads", "Lead Oficer", "Responsib"):
        assert best_field(header).field == "owner", header
    for header in ("Timescales", "Tmescale", "Deadlines", "Timesca"):
        assert best_field(header).field == "due", header
    assert best_field("Priorities").field == "recommendation"
    assert best_field("Activities").field == "action"


def test_coordinated_modifiers_share_the_head():
    assert header_fields("Start and end date") == {"due": 1.0}
    assert header_fields("Review and target date")["due"] == 1.0


def test_joined_names_and_heads_naming_two_fields():
    assert header_fields("Lead officer / deadline") == {"owner": 1.0, "due": 0.9}
    assert header_fields("Who leads and when") == {"owner": 1.0, "due": pytest.approx(0.9 * 0.85)}
    # milestones are the steps of an action, or their dates: the cells decide between them; both
    # readings are only related to the field (a column headed as the actions outranks them)
    assert header_fields("Interim milestones") == {"action": 0.6, "due": pytest.approx(0.9 * 0.6)}
    # a part that names what is kept in extra is said too, below the lead
    assert header_fields("Lead / support") == {"owner": 1.0, "other": 0.9}


def test_several_names_in_one_cell_in_order():
    found = fields_in_order("Agreed actions Named officer Revised deadline Delivery status")
    assert [m.field for m in found] == ["action", "owner", "due", "rag"]
    assert [m.phrase for m in found] == ["agreed actions", "named officer", "revised deadline", "delivery status"]
    # a head that cannot modify another ends its name
    assert [m.field for m in fields_in_order("Intervention Deadline")] == ["action", "due"]


def test_labels_with_modifiers_are_read():
    lead, labels = read_labels("Nominated lead: Jo Bloggs Revised deadline: May 2015 Delivery status: Amber")
    assert lead == ""
    assert [(lab.fields, lab.value) for lab in labels] == [
        (("owner",), "Jo Bloggs"), (("due",), "May 2015"), (("rag",), "Amber")]


def test_titles_made_of_column_names():
    assert names_columns_only("Agreed actions, named leads and deadlines")
    assert not names_columns_only("Children missing from education")


def test_a_modifier_naming_one_reading_of_a_shared_head_settles_it():
    """'criteria' is read as measures or as the recommendation; 'Success criteria' is the
    measures alone ('success' names them), so no second reading is left for the recommendation."""
    from actionplans.extract.vocabulary import _reading

    match, others = _reading("Success criteria")
    assert match.field == "measures" and "recommendation" not in dict(others)
    match, others = _reading("Criteria")
    assert match.field == "measures" and "recommendation" in dict(others)
