"""Column mapping by evidence, table kind by score, merged cells as group keys, exact
structure never re-cut: on small tables laid out as no sample is."""
from actionplans.extract import extract
from actionplans.extract.columns import map_columns
from actionplans.extract.context import context_line, is_caption
from actionplans.extract.grid import Grid
from actionplans.extract.tables import classify
from actionplans.model import TableKind as Kind
from actionplans.extract.vocabulary import header_fields
from actionplans.normalise import normalise
from actionplans.model import Cell, Document, Fidelity, Heading, Paragraph, Row, Table


def table(rows, header_rows=1, **kw):
    def cell(v):
        return v if v is None or isinstance(v, Cell) else Cell(text=v)
    return Table(rows=tuple(Row(cells=tuple(cell(c) for c in r), is_header=i < header_rows)
                            for i, r in enumerate(rows)), **kw)


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def fields_of(rows, header_rows=1):
    return map_columns(Grid(table(rows, header_rows))).fields


# --- header evidence ----------------------------------------------------------------------

def test_a_header_joining_two_names_names_both_fields():
    assert set(header_fields("Who by / by when")) == {"owner", "due"}
    assert set(header_fields("Lead officer and date")) == {"owner", "due"}
    assert set(header_fields("Recommendation / Action")) == {"recommendation", "action"}


def test_a_phrase_inside_the_winning_phrase_and_an_aside_name_nothing():
    assert header_fields("Who is responsible for monitoring + how?") == {"other": 1.0}
    # the words in brackets explain the column; they are not a second column name
    assert set(header_fields("Intended outcome (draft – based on the theme of the plan)")) == {"measures"}


# --- column scorer --------------------------------------------------------------------------

BODY = [
    ["1", "Develop a multi-agency neglect strategy with partners", "Head of Early Help", "March 2024", "2", "A"],
    ["2", "Review the threshold document and train all staff", "Jo Bloggs", "June 2024", "3", "G"],
    ["3", "Introduce monthly audits of supervision records", "QA Team", "Sept 2024", "1", "R"],
]


def test_a_score_column_beside_the_rag_column_is_not_the_rag():
    fields = fields_of([["No.", "What will be done", "Accountability", "Timeline", "Priority (1-4)", "Status"]] + BODY)
    assert fields == ("action_ref", "action", "owner", "due", "other", "rag")


def test_columns_without_known_headers_are_decided_by_what_they_hold():
    fields = fields_of([["#", "Workstream detail", "Who", "Month", "Level", "Traffic light"]] + BODY)
    assert fields[0] == "action_ref" and fields[1] == "action" and fields[3] == "due"
    assert fields[5] == "rag" and fields[4] == "other"


def test_recommendation_column_one_per_row_is_the_action_column():
    """No action column: a prose recommendation column, one recommendation per row, is the action."""
    rows = [["Ref", "Recommendation", "Lead", "Deadline"],
            ["R1", "Ensure that strategy discussions are held promptly", "Head of MASH", "Mar 2024"],
            ["R2", "Improve the quality of supervision so that it is reflective", "PSW", "Jun 2024"]]
    m = map_columns(Grid(table(rows)))
    assert m.fields == ("action_ref", "action", "owner", "due")
    assert m.notes and "read as the actions" in m.notes[0]


def test_merged_recommendation_column_stays_the_recommendation():
    rows = [["Recommendation", "Actions", "Lead", "Due"],
            [Cell("Ensure that plans are specific and measurable", rowspan=2), "Audit 20 plans a month", "QA lead",
             "May 2024"],
            [None, "Train staff in outcome-focused planning", "PSW", "June 2024"]]
    assert fields_of(rows) == ("recommendation", "action", "owner", "due")


def test_a_combined_lead_and_date_column_is_one_field_split_per_row():
    rows = [["Action", "Who by / by when", "RAG"],
            ["Publish the local offer for care leavers", "Jane Smith – March 2013", "G"],
            ["Establish a NEET panel", "Head of Service (June 2013)", "A"]]
    assert fields_of(rows) == ("action", "owner_due", "rag")
    actions = normalise(extract(doc(table(rows))))  # extract keeps the cell whole; normalise cuts it
    assert [(a.owners, a.due_end) for a in actions] == [("Jane Smith", "2013-03-31"),
                                                        ("Head of Service", "2013-06-30")]


# --- kind scorer ----------------------------------------------------------------------------

def test_status_words_in_an_action_table_do_not_make_it_a_rag_key():
    rows = [["Ref", "Action", "Lead", "Progress"],
            ["1", "Develop a new neglect strategy with partners", "Kim Lee", "Green – on track"],
            ["2", "Review supervision policy and audit practice", "Raj Patel", "Amber – some slippage"],
            ["3", "Introduce a MASH dashboard for managers", "Ann Other", "Red – delayed"],
            ["4", "Recruit two permanent team managers", "Jo Bloggs", "Green – on track"]]
    info = classify(table(rows), 1)
    assert info.kind == Kind.ACTIONS
    assert info.scores[Kind.ACTIONS] > info.scores.get(Kind.RAG_KEY, 0)


def test_a_small_table_of_colours_and_meanings_is_a_rag_key():
    rows = [["Rating", "Meaning"], ["Red", "Not on track"], ["Amber", "Some slippage"], ["Green", "On track"]]
    info = classify(table(rows), 1)
    assert info.kind == Kind.RAG_KEY and ("red", "Red") in info.rag_key


def test_an_impact_column_does_not_make_an_action_table_a_risk_register():
    rows = [["Action No.", "Action required", "Resource implications", "Who and when", "Risk"],
            ["1", "Ensure that children in care who offend are diverted", "None", "Janet Fielding – Dec 2006", "Low"],
            ["2", "Improve joint working with the Youth Offending Service", "Officer time", "Hannah Beckett – Jan 2007",
             "Medium"]]
    assert classify(table(rows), 1).kind == Kind.ACTIONS


def test_a_risk_register_is_not_an_action_table():
    rows = [["Risk", "Likelihood", "Impact", "Mitigation", "Owner"],
            ["Staff turnover delays the plan", "3", "4", "Recruitment campaign", "Head of HR"],
            ["Data quality hides drift", "2", "3", "Monthly audit", "BI Manager"]]
    assert classify(table(rows), 1).kind == Kind.RISK


def test_a_table_of_names_beside_roles_is_a_roster():
    rows = [["Name", "Job title"], ["Helen Dudley", "Business Intelligence Manager"],
            ["David Okafor", "Head of Youth Offending Service"], ["Bernadette Cole", "Team Manager, Referral and Assessment"]]
    info = classify(table(rows), 1)
    assert info.kind == Kind.ROSTER
    ex = extract(doc(table(rows)))
    assert ("Helen Dudley", "Business Intelligence Manager") in ex.side.roster


def test_an_undecided_table_with_action_prose_is_read_with_a_warning():
    rows = [["No.", "Intended outcome", "Date", "Lead Officer(s)"],
            ["1", "Ensure that young people presenting as homeless are assessed", "July 2024", "E Marsh"],
            ["2", "Improve the timeliness of health assessments for children in care", "Aug 2024", "P Crane"]]
    ex = extract(doc(table(rows)))
    assert [r.action_ref for r in ex.records] == ["1", "2"]
    assert all(any("reads as actions" in w for w in r.warnings) for r in ex.records)


# --- merged cells and exact structure ----------------------------------------------------------

def test_a_merged_ref_cell_is_a_group_key_not_a_reason_to_join_rows():
    """Word/HTML: a ref merged down over three rows gives its value to each; the rows stay apart."""
    rows = [["Ref", "Action", "Lead", "Due", "RAG"],
            [Cell("1", rowspan=3), "Publish a revised QA framework", "Head of QA", "Mar 2024", "G"],
            [None, "Train managers in the framework", "PSW", "Apr 2024", "A"],
            [None, "Audit the first quarter against it", Cell("Head of QA"), "Jun 2024", "R"]]
    ex = extract(doc(table(rows)))
    assert [r.action for r in ex.records] == ["Publish a revised QA framework", "Train managers in the framework",
                                              "Audit the first quarter against it"]
    assert [r.action_ref for r in ex.records] == ["1", "1", "1"]
    assert [r.rag_raw for r in ex.records] == ["G", "A", "R"]


def test_a_merged_lead_cell_gives_its_lead_to_every_row():
    rows = [["Action", "Lead", "Due"],
            ["Publish a revised QA framework", Cell("Head of QA", rowspan=2), "Mar 2024"],
            ["Train managers in the framework", None, "Apr 2024"]]
    ex = extract(doc(table(rows)))
    assert [r.owner_raw for r in ex.records] == ["Head of QA", "Head of QA"]


def test_exact_table_rows_are_never_re_cut():
    """A row with words in the number column is a chopped row only in a damaged export."""
    rows = [["No.", "Action", "Lead", "Due"],
            ["1", "Audit case files", "Head of QA", "Jan 2024"],
            ["Item", "Review supervision", "PSW", "Feb 2024"],
            ["", "Train all managers", "PSW", "Mar 2024"]]
    exact = extract(doc(table(rows)))
    assert [r.action for r in exact.records] == ["Audit case files", "Review supervision", "Train all managers"]
    damaged = extract(doc(table(rows, fidelity=Fidelity.RECOVERED)))
    assert len(damaged.records) < 3
    assert damaged.tables[0].repairs  # and inspect says why


# --- headings, rows and captions -----------------------------------------------------------

def test_context_lines_by_wording_and_depth():
    assert context_line("1. Learning from audit").role == "theme"
    line = context_line("1 Ensure that complaints are responded to within timescales")
    assert (line.role, line.ref) == ("recommendation", "1")
    assert context_line("Recommendation 2: Improve supervision").ref == "2"
    assert context_line("R3: Improve supervision").ref == "R3"
    assert context_line("2.3 Quality of plans").role == "recommendation"
    assert context_line("Priority 2 – Help and protection").role == "theme"
    assert is_caption("EARLY HELP", False) and is_caption("Table 2: Help and protection", False)
    assert not is_caption("We will review all plans.", True)


def test_heading_recommendation_under_theme_heading_and_caption_theme():
    rows = [["Action", "Lead", "Due"], ["Publish the local offer", "Head of Care Leavers", "Mar 2024"]]
    ex = extract(doc(Heading("Support for care leavers", level=2),
                     Heading("3 Improve the proportion of care leavers in education, employment or training", level=3),
                     table(rows),
                     Paragraph("YOUTH JUSTICE", bold=True), table(rows)))
    first, second = ex.records
    assert (first.theme, first.recommendation_ref) == ("Support for care leavers", "3")
    assert first.recommendation.startswith("Improve the proportion")
    assert second.theme == "YOUTH JUSTICE"


def test_full_width_rows_theme_then_recommendation():
    rows = [["Action", "Lead", "Due"],
            [Cell("1. Placement sufficiency", colspan=3, fill="#D9D9D9"), None, None],
            [Cell("Increase the range and availability of local foster carers", colspan=3, bold=True), None, None],
            ["Launch a recruitment campaign", "Head of Fostering", "Mar 2024"]]
    ex = extract(doc(table(rows)))
    r = ex.records[0]
    assert r.theme == "1. Placement sufficiency"
    assert r.recommendation == "Increase the range and availability of local foster carers"


# --- several unnumbered paragraphs in one action cell --------------------------------------------

def _row_records(action, owner, due):
    rows = [["Action", "Lead", "Due"], [action, owner, due]]
    return extract(doc(table(rows))).records


def test_plain_paragraphs_paired_with_as_many_leads_are_one_action_each():
    recs = _row_records("Audit the short breaks offer\nAlign EHC plans and child in need plans",
                        "Gail Summers\nDeborah Quinn", "2011/12\n2012/13")
    assert [(r.action, r.owner_raw, r.due_raw) for r in recs] == [
        ("Audit the short breaks offer", "Gail Summers", "2011/12"),
        ("Align EHC plans and child in need plans", "Deborah Quinn", "2012/13")]


def test_bulleted_paragraphs_are_one_action_each_under_a_single_lead():
    recs = _row_records("• Publish the local offer\n• Establish a NEET panel", "Head of Care Leavers", "March 2024")
    assert [(r.action, r.owner_raw) for r in recs] == [("Publish the local offer", "Head of Care Leavers"),
                                                        ("Establish a NEET panel", "Head of Care Leavers")]


def test_an_intro_and_its_bullets_or_steps_under_one_lead_stay_one_action():
    recs = _row_records("Review commissioned arrangements to secure\n- increased capacity\n- better outreach",
                        "Director of Commissioning", "June 2013")
    assert len(recs) == 1 and recs[0].action.startswith("Review commissioned")
    steps = _row_records("Review current transition support\nReview and rectify all pathway plans",
                         "Business manager Looked after children", "June 2013")
    assert len(steps) == 1
    assert any("several unnumbered paragraphs" in w for w in steps[0].warnings)


def test_the_latest_of_two_progress_columns_is_the_progress():
    rows = [["Action", "Lead", "Progress (June)", "RAG", "Progress (September)", "RAG"],
            ["Develop a neglect strategy", "Kim Lee", "Draft written and shared", "A", "Strategy agreed by board", "G"],
            ["Review supervision policy", "Raj Patel", "Not started yet", "R", "Policy revised and issued", "A"]]
    assert fields_of(rows) == ("action", "owner", "other", "other", "progress", "rag")


def test_numbered_dates_in_a_due_column_are_still_dates():
    rows = [["Action", "Responsible officer", "Due date", "Commentary"],
            ["1) Review the conference process\n2) Deliver joint training\n3) Establish a monthly panel",
             "1) Commissioning Team\n2) Janet Fielding\n3) Early Help Service",
             "1) 17 February 2016\n2) 28th June 2016\n3) 31 May 2016", "Training booked for all teams in March."]]
    assert fields_of(rows) == ("action", "owner", "due", "progress")
    ex = extract(doc(table(rows)))
    assert [r.due_raw for r in ex.records] == ["17 February 2016", "28th June 2016", "31 May 2016"]


def test_a_column_of_strategy_names_is_no_lead_beside_a_lead_and_date_column():
    rows = [["How we will achieve this", "Related strategy", "Responsibility / timescale"],
            ["Introduce mobile devices for social workers", "BSCB Business Plan", "Margaret Ashworth\n30 June 2010"],
            ["Check that case summaries are updated", "Early Help Strategy", "Victoria Penrose\nMarch 2010"]]
    assert fields_of(rows) == ("action", "other", "owner_due")


def test_a_title_line_above_a_recommendation_heading_is_the_theme():
    rows = [["Action", "Lead", "Due"], ["Introduce mobile devices", "Kim Lee", "June 2010"]]
    ex = extract(doc(Heading("The Improvement Plan", level=1), Paragraph("CASE RECORDING", bold=True),
                     Heading("Ensure that the electronic case management system supports good practice", level=2),
                     table(rows)))
    (r,) = ex.records
    assert r.theme == "CASE RECORDING" and r.recommendation.startswith("Ensure that the electronic")


def test_a_header_giving_a_scale_heads_scores_not_refs():
    rows = [["What needs to improve", "Action required", "Owner", "Date", "Priority (1-4)"],
            ["Ensure that disputes are resolved", "a) Introduce a quality assurance form", "Louise Okonjo", "14.04.18", "1"],
            ["Ensure that IROs challenge drift", "b) IROs to have midway contact", "Claire Donnelly", "31.10.19", "2"]]
    assert fields_of(rows)[3:] == ("due", "other")
    assert [r.action_ref for r in extract(doc(table(rows))).records] == ["a", "b"]


def test_an_action_column_headed_by_a_date_word_is_read_by_its_cells():
    """'Milestones' names dates in the vocabulary, but a column of imperative prose is the actions."""
    rows = [["Milestones", "#", "Who and when", "RAG rating"],
            ["Develop a neglect strategy with partners and schools", "1", "Kim Lee – March 2020", "G"],
            ["Review the supervision policy and audit practice", "2", "Raj Patel – June 2020", "A"]]
    assert fields_of(rows) == ("action", "action_ref", "owner_due", "rag")


def test_a_list_of_report_references_is_no_prose():
    # a short continuation of a table: the references cells are long, but numbers, not words
    rows = [["Action No.", "Reference to:", "Action", "Lead", "Timescale"],
            ["3.3", "OIS 2012 IN 1.4, 1.6 1.1, 1.2, 1.5, 1.7", "Ensure that assessments are of a satisfactory "
             "quality and contain an analysis of risk", "Head of Service", "31 Mar 2013"],
            ["3.4", "OIS 2012 1.1, 1.2, 1.5 1.7", "Ensure children are visited with a frequency linked to "
             "the level of need", "Team managers", "31 Jan 2013"]]
    assert fields_of(rows)[:3] == ("action_ref", "recommendation_ref", "action")


def test_a_start_date_column_is_the_start_beside_the_deadline():
    rows = [["Action", "Lead", "Start date", "Target date"],
            ["Review the threshold document with partners", "Head of Early Help", "Sept 2013", "March 2014"],
            ["Audit supervision records in every team", "Principal Social Worker", "Oct 2013", "Dec 2013"]]
    assert fields_of(rows) == ("action", "owner", "start", "due")


def test_of_two_progress_columns_headed_alike_the_later_wins_whatever_their_cells():
    rows = [["Action", "Lead", "Progress (September)", "RAG", "Progress (November)", "RAG"],
            ["Audit case plans of children placed with parents", "Julie Lewis",
             "analysis of cases undertaken and potential revocations identified in six cases", "",
             "auditing underway", "A"],
            ["Establish a 16 plus working group to identify gaps", "Julie Lewis",
             "establishment of working group and terms of reference agreed", "", "work plan agreed", "G"]]
    fields = fields_of(rows)
    assert fields[2] == "other" and fields[4] == "progress"
    assert fields[3] == "other" and fields[5] == "rag"


def test_a_key_whose_meanings_read_like_actions_is_still_a_rag_key():
    # "Rating | Meaning" is no header the vocabulary knows, and "Work progressing as expected" opens
    # with a word of doing: only the cells call column 2 the actions, which must not outweigh the key
    green, amber, red = (Cell(text=w, fill=f) for w, f in (("Green", "#00FF00"), ("Amber", "#FFC000"),
                                                           ("Red", "#C00000")))
    t = table([[Cell(text="Rating", fill="#D9D9D9"), Cell(text="Meaning", fill="#D9D9D9")],
               [green, "Work progressing as expected"],
               [amber, "Some slippage but plans in place to recover"],
               [red, "Work is not progressing as expected and needs attention"]], header_rows=0)
    info = classify(t, 1)
    assert info.kind == Kind.RAG_KEY and ("green", "Green") in info.rag_key


# --- a recommendation column headed as outcomes ------------------------------------------------

def _outcome_table(first, second):
    return [["No", "Intended outcome", "Action", "Responsibility", "Target date"],
            ["1.1", Cell(first, rowspan=2), "Introduce mobile devices for recording visits", "Head of Service", "Mar 2024"],
            ["1.2", None, "Replace the case management system", "ICT Manager", "Sep 2024"],
            ["2.1", Cell(second, rowspan=2), "Launch a foster carer recruitment campaign", "Fostering Manager", "Jan 2025"],
            ["2.2", None, "Review the fees paid to foster carers", "Fostering Manager", "Apr 2025"]]


def test_recommendations_merged_over_their_actions_under_an_outcome_header_are_the_recommendation():
    """A column headed "Intended outcome" whose cells span their actions and open with a verb
    (after a "Recommendation 1:" label) holds the recommendations, however it is headed."""
    rows = _outcome_table("Recommendation 1: Ensure that case records are up to date and accurate",
                          "Increase the range and availability of local foster placements")
    assert fields_of(rows)[1] == "recommendation"
    ex = extract(doc(table(rows)))
    assert [r.recommendation for r in ex.records][::2] == [
        "Ensure that case records are up to date and accurate",
        "Increase the range and availability of local foster placements"]
    assert [r.recommendation_ref for r in ex.records][:2] == ["1", "1"]
    assert all(any("headed as outcomes but holds recommendations" in w for w in r.warnings) for r in ex.records)


def test_outcomes_merged_over_their_actions_are_their_recommendation_but_one_per_row_stay_measures():
    """The same layout with outcomes in the column ("Children are…"), each merged over the actions
    to its right: the column groups them, so it is their parent (issue 18: outcomes written as noun
    phrases were left as measures). Outcomes one per row (no grouping) stay the measures even when
    they open with a verb."""
    rows = _outcome_table("Case records are up to date, accurate and reflect the child's views",
                          "Children live in local foster placements that meet their needs")
    assert fields_of(rows)[1] == "recommendation"
    one_per_row = [["No", "Intended outcome", "Action", "Responsibility", "Target date"],
                   ["1", "Ensure that records are accurate", "Audit 20 records a month", "QA Lead", "Mar 2024"],
                   ["2", "Improve placement stability", "Hold stability meetings", "Head of LAC", "Jun 2024"]]
    assert fields_of(one_per_row)[1] == "measures"


def test_a_column_of_dates_under_a_measures_word_is_the_due_date():
    """'Target' names a measure of success as often as a target date: its cells decide."""
    from actionplans.extract import extract
    from actionplans.model import Cell, Document, Row, Table
    rows = [("Action", "Lead", "Target", "Update"),
            ("Refresh the threshold document with partners", "Jane Smith", "March 2024", "Draft with the board"),
            ("Audit supervision records each quarter", "Raj Patel", "June 2024", "First audit done"),
            ("Training programme for first line managers", "Ann Other", "Q3 2024/25", "Sessions booked")]
    t = Table(rows=tuple(Row(cells=tuple(Cell(c) for c in r), is_header=i == 0) for i, r in enumerate(rows)))
    ex = extract(Document(source="t.docx", format="docx", blocks=(t,)))
    assert dict(ex.tables[0].columns)["Target"] == "due"
    assert [r.due_raw for r in ex.records] == ["March 2024", "June 2024", "Q3 2024/25"]
