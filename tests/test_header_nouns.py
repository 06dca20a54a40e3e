"""Column headers read by their head nouns, graded, and decided per table.

Every header here is written for this test in the way UK councils word their action plans
(Ofsted, SEND, Care Inspectorate Wales / Scotland, youth justice); none is taken from the
samples, the forge's pools or the own-wording pools. Each table asserts which column gets which
field: the header's head noun names the field (a modifier only modifies it), a column headed by
the field's own name or a synonym outranks one headed by a related word in the same table, and a
header whose head noun names nothing is left to its cells."""
import pytest

from actionplans.extract import extract
from actionplans.extract.columns import map_columns
from actionplans.extract.grid import Grid
from actionplans.extract.vocabulary import GRADES, best_field, header_fields, outranked
from actionplans.model import Cell, Document, Row, Table

# what each field's cells hold, three rows each
CELLS = {
    "action_ref": ["A1", "A2", "A3"],
    "recommendation": ["Leaders should make sure that the quality of supervision improves across all teams",
                       "Leaders should make sure that children's plans are specific and reviewed on time",
                       "Leaders should make sure that the voice of the child informs every assessment"],
    "action": ["Introduce a supervision audit tool and audit ten files each month",
               "Train all social workers in writing specific, measurable plans",
               "Launch a participation group for children in care and report its views"],
    "owner": ["Head of Safeguarding", "Principal Social Worker", "Participation Manager"],
    "due": ["March 2025", "June 2025", "September 2025"],
    "start": ["January 2025", "February 2025", "April 2025"],
    "rag": ["G", "A", "R"],
    "progress": ["Audit tool agreed by the senior leadership team and first audits completed in January",
                 "Two training sessions delivered with sixty staff attending so far this quarter",
                 "First meeting held in February with eight young people taking part in it"],
    "measures": ["Ninety per cent of supervision files audited as good or better by the end of the year",
                 "Plans audited as specific in at least eighty per cent of sampled cases each quarter",
                 "Children's views are recorded in every assessment sampled in the monthly audit"],
    "theme": ["Quality of practice", "Quality of practice", "Quality of practice"],
    "extra": ["Within existing budget", "Training budget", "None required"],
}


def _table(columns):
    """A table of one header row and three body rows: ``columns`` is (header, what its cells hold)."""
    head = Row(cells=tuple(Cell(text=h) for h, _ in columns), is_header=True)
    body = tuple(Row(cells=tuple(Cell(text=CELLS[kind][r]) for _, kind in columns)) for r in range(3))
    return Table(rows=(head,) + body)


def _fields(columns):
    return dict(zip((h for h, _ in columns), map_columns(Grid(_table(columns))).fields))


TABLES = [
    # an Ofsted improvement plan
    [("Action code", "action_ref"), ("Weaknesses highlighted by inspectors", "recommendation"),
     ("Planned interventions", "action"), ("Named officer", "owner"), ("Completion deadline", "due"),
     ("Delivery RAG", "rag")],
    # a Welsh (CIW) plan asking questions
    [("Inspectorate finding", "recommendation"), ("What we will put in place", "action"),
     ("Officer accountable", "owner"), ("To be finished by", "due"), ("Commentary this quarter", "progress")],
    # a Scottish joint inspection plan
    [("Improvement strand", "theme"), ("Agreed improvement action(s)", "action"),
     ("Senior manager responsible", "owner"), ("Expected timescale", "due"),
     ("How success will be measured", "measures")],
    # a SEND written statement of action
    [("Inspectors' concern", "recommendation"), ("Actions the partnership will take", "action"),
     ("Lead organisation", "owner"), ("Target month", "due"), ("Performance indicators used", "measures"),
     ("Overall rating", "rag")],
    # a youth justice plan
    [("Plan item", "action_ref"), ("Necessary actions", "action"), ("Accountable director", "owner"),
     ("Date to start", "start"), ("Revised deadline", "due"), ("Latest progress narrative", "progress")],
    # a partnership plan with a resources column kept in extra
    [("Corrective actions planned", "action"), ("Responsible head of service", "owner"), ("Deadline month", "due"),
     ("Funding implications", "extra"), ("Position at month end", "progress")],
    # one column of tasks only: a related head is the actions when nothing names them more directly
    [("Tasks involved", "action"), ("Organisation leading", "owner"), ("Finish by", "due")],
    # activities with no other action column
    [("Activities to deliver", "action"), ("Key contact", "owner"), ("Timeframe (quarter)", "due"),
     ("Status this quarter", "rag")],
    # a question for the lead, a closing 'by' for the date
    [("Which inspection requirement?", "recommendation"), ("Intervention required", "action"),
     ("Who will lead it", "owner"), ("Deliver by", "due"), ("Evidence of difference made", "measures")],
    # a lead written by its role, a date with a month after it
    [("Requirement from the report", "recommendation"), ("Action(s) to deliver the improvement", "action"),
     ("Lead practitioner", "owner"), ("Timescale (month)", "due"), ("RAG at last review", "rag")],
    # -ize spelling, a compound written apart
    [("Actions to be undertaken", "action"), ("Lead organization", "owner"), ("Time scale", "due"),
     ("Notes on delivery", "progress")],
    # a progress indicator beside the progress column: its head noun is the indicator
    [("Key improvement actions", "action"), ("Service lead", "owner"), ("Due month", "due"),
     ("Progress indicator", "measures"), ("Progress up to now", "progress")],
]

EXPECTED = {"extra": "other"}


@pytest.mark.parametrize("columns", TABLES, ids=[c[1][0] for c in TABLES])
def test_each_column_gets_the_field_of_its_head_noun(columns):
    fields = _fields(columns)
    assert fields == {h: EXPECTED.get(kind, kind) for h, kind in columns}


def test_the_column_headed_action_outranks_related_heads_in_one_table():
    """A multi-agency review plan (the layout of a real one, worded afresh): the partner agency's
    response and the interim milestones are action-like, the indicator of progress is an indicator;
    the column headed as the action is the actions."""
    rows = [
        ["Review recommendation", "Partner agency response", "Interim milestones", "Agreed partnership action",
         "Accountable body", "Target month", "Delivery indicator"],
        ["Partners should agree one pathway for urgent referrals between GPs and the mental health trust",
         "The trust welcomes this recommendation and has met with the commissioners to agree next steps in the spring",
         "Draft pathway circulated to practices for comment by the end of the first quarter of the year",
         "Agree a single referral pathway for urgent cases", "Mental Health Trust", "May 2025", ""],
        ["", "Commissioners will monitor the pathway through the quality meeting each month from the summer onwards",
         "Pathway signed off by the partnership board and published on the websites of all partners",
         "Publish the pathway and brief all practices", "Clinical Commissioning Group", "July 2025", ""],
    ]
    t = Table(rows=tuple(Row(cells=tuple(Cell(text=v) for v in r), is_header=i == 0) for i, r in enumerate(rows)))
    fields = map_columns(Grid(t)).fields
    assert fields[3] == "action"
    assert fields[1] != "action" and fields[2] != "action"
    ex = extract(Document(source="t.docx", format="docx", blocks=(t,)))
    assert [r.action for r in ex.records] == ["Agree a single referral pathway for urgent cases",
                                              "Publish the pathway and brief all practices"]


def test_headers_are_graded_by_how_directly_their_head_names_the_field():
    assert header_fields("Necessary actions") == {"action": GRADES["names"]}
    assert header_fields("Planned interventions") == {"action": GRADES["synonyms"]}
    assert header_fields("Partner agency response") == {"action": GRADES["related"]}
    # a modifier that is the field's own name lifts its head one grade
    assert header_fields("Action milestones")["action"] == GRADES["synonyms"]
    assert header_fields("Named officer")["owner"] == GRADES["synonyms"]
    assert header_fields("Lead coordinator")["owner"] == GRADES["names"]


def test_a_head_noun_no_field_is_named_by_names_nothing():
    # the known words only modify the head; they do not name the column
    assert best_field("Progress tracker reference").field == "action_ref"
    for header in ("Scope of the recommendation", "Action plan owner's signature", "Progress chart"):
        assert best_field(header) is None, header
    assert best_field("Progress indicator").field == "measures"


def test_related_readings_give_way_only_to_direct_ones():
    readings = [{"action": GRADES["related"]}, {"action": GRADES["names"]}, {"due": GRADES["related"]}]
    assert outranked(readings) == [{}, {"action": 1.0}, {"due": GRADES["related"]}]
    # what is kept in extra is never given up
    assert outranked([{"other": 1.0}, {"other": 1.0}]) == [{"other": 1.0}, {"other": 1.0}]


def test_questions_name_the_field_of_their_verb():
    assert best_field("How will we know it is working").field == "measures"
    assert best_field("What do partners need to change").field == "recommendation"
    assert best_field("What are we going to deliver").field == "action"
    assert best_field("How will delivery be monitored").field == "other"
