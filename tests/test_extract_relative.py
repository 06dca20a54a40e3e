"""Relative choice: a document's most action-like content is read, ranked against its other
candidates, rather than measured against fixed cut-offs alone."""
from actionplans.extract import extract
from actionplans.model import Cell, Document, Paragraph, Row, Table, TableKind


def table(rows, header_rows=1):
    return Table(rows=tuple(Row(cells=tuple(c if isinstance(c, Cell) or c is None else Cell(c) for c in r),
                                is_header=i < header_rows) for i, r in enumerate(rows)))


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


REMARKS = [
    ("Refresh of the multi-agency threshold guidance with partners", "Draft shared with the partnership in May."),
    ("Training programme for all team managers on supervision", "Two of four cohorts have attended so far."),
    ("Weekly performance clinic for the front door service", "Well attended; figures improving each month."),
]


def remarks_table(header=("Key actions", "Remarks"), rows=REMARKS):
    return table([list(header)] + [list(r) for r in rows])


def test_a_plan_whose_only_table_has_actions_and_remarks_is_read():
    """No lead, date, RAG or progress column: the table scores below "other" on its own, but it is
    the most action-like content of the document, so its rows are the actions, with a warning."""
    ex = extract(doc(Paragraph("Improvement plan"), remarks_table()))
    assert [r.action for r in ex.records] == [a for a, _ in REMARKS]
    assert all(any("most action-like table" in w for w in r.warnings) for r in ex.records)
    rep = ex.tables[0]
    assert rep.kind == TableKind.ACTIONS and rep.action_rank == (1, 1)


def test_blank_second_header_cell_still_reads():
    ex = extract(doc(remarks_table(header=("Action", ""))))
    assert len(ex.records) == 3


def test_only_the_best_candidate_is_chosen_not_every_prose_table():
    """A narrative two-column table beside the action table stays out: the relative choice takes
    the best table (and the ones headed as it is), not every table that holds prose."""
    narrative = table([["Section", "Summary"],
                       ["Background", "The inspection took place in March and looked at help and protection services."],
                       ["Governance", "The improvement board meets monthly and reports to the chief executive."]])
    ex = extract(doc(narrative, remarks_table()))
    kinds = [t.kind for t in ex.tables]
    assert kinds == [TableKind.OTHER, TableKind.ACTIONS]
    assert [t.action_rank for t in ex.tables] == [(2, 2), (1, 2)]


def test_tables_headed_alike_are_read_alike():
    """Three tables of one plan with the same header: the ones too short to show what they are on
    their own are read as the others are."""
    ex = extract(doc(Paragraph("Theme 1"), remarks_table(rows=REMARKS[:1]),
                     Paragraph("Theme 2"), remarks_table(rows=REMARKS[1:])))
    assert [r.action for r in ex.records] == [a for a, _ in REMARKS]
    assert all(t.kind == TableKind.ACTIONS for t in ex.tables)


def test_no_promotion_when_the_document_has_real_action_tables():
    """A strong action table elsewhere: a differently headed two-column prose table is not promoted."""
    actions = table([["Action", "Lead officer", "Target date", "RAG"],
                     ["Review the threshold guidance", "Jo Bloggs", "March 2024", "Green"],
                     ["Train managers in supervision", "Ann Other", "June 2024", "Amber"]])
    notes = table([["Area", "Commentary"],
                   ["Front door", "Contacts are screened within a day and the quality of decisions is improving."],
                   ["Assessment", "Timeliness has improved and most assessments are completed in 45 days."]])
    ex = extract(doc(actions, notes))
    assert [t.kind for t in ex.tables] == [TableKind.ACTIONS, TableKind.OTHER]
    assert len(ex.records) == 2


def test_a_full_width_row_of_a_two_column_table_is_a_section_row():
    t = table([["Specific actions", "Observations"],
               [Cell("Priority 1 – Learning from audit", colspan=2), None],
               *[list(r) for r in REMARKS]])
    ex = extract(doc(t))
    assert len(ex.records) == 3
    assert all(r.theme == "Learning from audit" or r.theme.endswith("Learning from audit") for r in ex.records)


def _outcome_table(outcome_first: bool):
    outcome = "Timely decisions on every contact, recorded with the reasons for them"
    head = ["Intended outcome", "Action", "Lead", "By when"]
    rows = [[Cell(outcome, rowspan=2), "Refresh of the threshold guidance", "Jo Bloggs", "March 2024"],
            [None, "Daily review of contacts awaiting a decision", "Ann Other", "April 2024"]]
    if not outcome_first:
        head = head[1:] + head[:1]
        rows = [r[1:] + r[:1] for r in rows]
    return table([head] + rows)


def test_outcomes_in_noun_phrases_merged_before_their_actions_are_the_recommendation():
    """No recommendation column; a column headed as outcomes, each cell merged over its actions and
    standing left of them, is their parent whatever its wording (no verb needed)."""
    ex = extract(doc(_outcome_table(outcome_first=True)))
    assert [r.recommendation for r in ex.records] == [
        "Timely decisions on every contact, recorded with the reasons for them"] * 2
    assert all(any("headed as outcomes" in w for w in r.warnings) for r in ex.records)


def test_outcomes_after_their_actions_stay_measures():
    """The same column after the actions (where plans put measures of success) keeps its header's
    reading: no recommendation is made of it."""
    ex = extract(doc(_outcome_table(outcome_first=False)))
    assert all(not r.recommendation for r in ex.records)
    assert all(r.measures.startswith("Timely decisions") for r in ex.records)


def test_actions_written_as_noun_phrases_and_results_read_as_actions():
    from actionplans.extract.evidence import is_action_phrase
    actions = ["Refresh of the multi-agency threshold document", "Training programme for all team managers",
               "Policy agreed by the safeguarding board", "New supervision policy signed off by the leadership team",
               "Audit tool to be developed with partners", "Implementation of the revised case recording system",
               "Develop a new care plan format"]
    not_actions = ["Children are seen alone at every visit", "The service is judged good",
                   "Two of four cohorts have attended so far", "Jo Bloggs", "March 2024",
                   "they are completed by suitably qualified workers"]
    assert [t for t in actions if not is_action_phrase(t)] == []
    assert [t for t in not_actions if is_action_phrase(t)] == []


def test_a_milestones_column_under_an_unknown_header_is_the_action_column():
    """No column is headed as the actions ("What will be in place"); its cells are milestones written
    as results ("Panel in place and chaired by…"), not commands: the column is still the actions."""
    t = table([["Recommendation", "What will be in place", "Lead officer", "Completion date", "RAG"],
               [Cell("1 Ensure partner agencies are held to account for their work", rowspan=3),
                "Joint improvement board established and reviewed by the chief executive", "Kim Lee", "31.08.19", "G"],
               [None, "Partnership performance framework in place and reported quarterly", "Raj Patel", "March 2020",
                "A"],
               [None, "Business plan consulted on and agreed by all partners", "Kim Lee", "31.03.19", "G"]])
    ex = extract(doc(t))
    assert [r.action[:25] for r in ex.records] == ["Joint improvement board e", "Partnership performance f",
                                                  "Business plan consulted o"]
    assert all(r.recommendation.startswith("Ensure partner agencies") for r in ex.records)


def test_recommendations_one_per_row_are_the_actions_whatever_their_wording():
    """No action column: the recommendation column, one per row, is what the plan tracks, written as
    "X should…" as often as "Ensure…"; a column headed "Impact" beside it stays the measures even
    when its cells read like actions."""
    t = table([["No.", "Ofsted recommendation", "Named lead", "Target", "Impact", "RAG"],
               ["R1", "Children's social care should assess every homeless 16 or 17 year old", "Jo Bloggs",
                "May 2013", "Assessment of every young person completed within ten days", "R"],
               ["R2", "Young people who are homeless must never be placed in bed and breakfast", "Ann Other",
                "July 2013", "Placement panel established to review every emergency placement", "A"]])
    ex = extract(doc(t))
    assert [r.action[:30] for r in ex.records] == ["Children's social care should ", "Young people who are homeless "]
    assert all(r.measures for r in ex.records)


def test_indicators_one_per_row_are_not_made_actions():
    """A table of indicators under a header the vocabulary reads as recommendations: its cells are
    neither commands nor "should" sentences, so no action column is made of them."""
    t = table([["", "Owner", "Success indicator", "Recommendation", "2012/13", "2013/14"],
               ["1", "Jo Bloggs", "Baseline 40%", "% of referrals closed at referral reduces from September", "", ""],
               ["2", "Ann Other", "Baseline 12%", "Repeat referrals within twelve months fall below 15%", "", ""]])
    assert extract(doc(t)).records == ()


def test_a_first_row_repeated_over_several_tables_is_their_header():
    """No reader mark and no known field in the first row ("Planned work | Context"): it opens every
    table of the plan word for word, so it is their header, not an action."""
    def t(rows):
        return table([["Planned work", "Context"]] + rows, header_rows=0)
    ex = extract(doc(t([list(REMARKS[0])]), t([list(r) for r in REMARKS[1:]])))
    assert [r.action for r in ex.records] == [a for a, _ in REMARKS]
    assert all(rep.header_rows == 1 for rep in ex.tables)


def test_between_two_unheaded_prose_columns_the_leftmost_is_the_action():
    rows = [["Refresh of the threshold guidance with partners", "Guidance was last revised three years ago"],
            ["Training programme for every team manager", "Managers asked for more help with supervision"]]
    ex = extract(doc(table([["Planned work", "Context"]] + rows)))
    assert [r.action for r in ex.records] == [r[0] for r in rows]


def test_tables_headed_alike_are_mapped_alike():
    """Tables under one header are mapped alike: a column takes the field most of their rows give it
    (here a short table whose own mapping missed the actions), with a note in inspect."""
    from dataclasses import replace
    from actionplans.extract.tables import classify_tables, map_alike
    head = ["Recommendation", "Milestones", "Owner", "Completion date", "Status"]
    one = table([head, ["Ensure managers oversee plans", "Audit of twenty plans a month by team managers",
                        "Jo Bloggs", "March 2024", "G"]])
    longer = table([head,
                    [Cell("Improve the timeliness of assessments", rowspan=3),
                     "Weekly performance clinic chaired by the head of service", "Ann Other", "April 2024", "A"],
                    [None, "Recruitment of two permanent team managers", "Jo Bloggs", "May 2024", "G"],
                    [None, "Review of assessment templates with practitioners", "Ann Other", "June 2024", "R"]])
    infos = classify_tables((one, longer))
    assert infos[1].columns.fields[:2] == ("recommendation", "action")
    # the short table read its recommendation as the action and its milestones as nothing
    infos[0].columns = replace(infos[0].columns, fields=("action", "other") + infos[0].columns.fields[2:])
    map_alike(infos)
    assert infos[0].columns.fields == infos[1].columns.fields
    assert any("headed alike" in n for n in infos[0].columns.notes)


def test_a_column_headed_as_progress_is_not_the_action_column_on_its_cells_alone():
    """"Update" holds notes that read like actions ("Audit completed…"); with no action column, the
    recommendations one per row are the actions and the update stays the progress."""
    t = table([["No", "Ofsted recommendation", "Lead", "By when", "Update", "Evidence"],
               ["1", "Improve the timeliness of decision-making in the front door", "Jo Bloggs", "June 2018",
                "Audit of contacts completed and reported to the board", "Audit report"],
               ["2", "Ensure that strategy discussions are held promptly with partners", "Ann Other", "July 2018",
                "Protocol agreed with police and health", "Protocol"]])
    ex = extract(doc(t))
    assert [r.action[:25] for r in ex.records] == ["Improve the timeliness of", "Ensure that strategy disc"]
    assert "Audit of contacts completed" in ex.records[0].progress + dict(ex.records[0].extra).get("Update", "")


def test_a_header_row_left_alone_at_the_foot_of_a_page_heads_the_next_page_s_table():
    """The header's 'Key milestone' names a date, but the body under it holds the actions: header
    and body mapped together decide; alone, the body's first row (whose words name fields) was read
    as its header."""
    header = Table(rows=(Row(cells=tuple(Cell(t) for t in ("Recommendation", "Key milestone", "Lead officer",
                                                            "Due", "Position statement")), is_header=True, page=1),),
                   page=1)
    body = [("The partnership should review the threshold document and its use by all agencies",
             "Threshold document reviewed and relaunched with partners", "Head of Service", "March 2024",
             "Draft agreed by the board; launch events booked for all agencies"),
            ("The partnership should review the threshold document and its use by all agencies",
             "Audit of threshold decisions at the front door each quarter", "Principal Social Worker", "June 2024",
             "First audit completed in April with a report to the board"),
            ("Improve the quality of plans for children in need of help and protection",
             "Training programme for managers on outcome-focused planning", "Workforce Lead", "May 2024",
             "Two of four sessions delivered; the rest are booked for the spring")]
    t2 = Table(rows=tuple(Row(cells=tuple(Cell(c) for c in r), page=2) for r in body), page=2)
    ex = extract(doc(header, t2))
    assert [(r.action[:20], r.owner_raw, r.due_raw) for r in ex.records] == [
        ("Threshold document r", "Head of Service", "March 2024"),
        ("Audit of threshold d", "Principal Social Worker", "June 2024"),
        ("Training programme f", "Workforce Lead", "May 2024")]
    assert ex.records[0].recommendation.startswith("The partnership should review")
    assert any("left alone at the foot" in n for n in ex.tables[1].notes)


def test_a_repeated_first_row_of_one_label_and_a_blank_is_the_tables_header():
    """'Key tasks | (blank)' over a remarks column opens every table of the plan: it is their header,
    not an action; the tables are read alike."""
    def t(*rows):
        return Table(rows=tuple(Row(cells=tuple(Cell(c) for c in r)) for r in (("Key tasks", ""),) + rows))
    ex = extract(doc(t(("Refresh of the threshold document with all partner agencies", "Draft with the board")),
                     t(("Training programme for first line managers on supervision", "Two sessions held"),
                       ("Audit of supervision records every quarter by the service", ""))))
    assert [r.action[:20] for r in ex.records] == ["Refresh of the thres", "Training programme f", "Audit of supervision"]
    assert all(t_.header_rows == 1 for t_ in ex.tables)


def test_a_header_row_cut_by_a_page_break_is_read_whole_over_its_body():
    """'Current' at the foot of the page and 'RAG' at the top of the next (the rest of the header
    row, cut by the break): the column is 'Current RAG', its fills the actions' ratings."""
    header = Table(rows=(Row(cells=tuple(Cell(t, bold=True) for t in ("Issue identified", "Milestone", "Owner",
                                                                       "Target date", "Current")),
                             is_header=True, page=1),), page=1)
    rest = Row(cells=tuple(Cell(t, bold=bool(t)) for t in ("", "", "", "", "RAG")), page=2, cut_from_previous=True)
    body = [("Leaders should make sure that every agency understands when to refer a child",
             "Front door service manager post filled", "Head of Service", "March 2024"),
            ("Leaders should make sure that every agency understands when to refer a child",
             "Threshold guidance relaunched with partners", "Principal Social Worker", "June 2024")]
    rows = (rest,) + tuple(Row(cells=tuple(Cell(c) for c in r) + (Cell("", fill="#00FF00"),), page=2) for r in body)
    ex = extract(doc(header, Table(rows=rows, page=2, continues_previous=True)))
    assert [r.action for r in ex.records] == ["Front door service manager post filled",
                                              "Threshold guidance relaunched with partners"]
    assert dict(ex.tables[1].columns)["Current RAG"] == "rag"
    assert all(r.rag_fill == "#00FF00" for r in ex.records)
