"""extract/ mechanisms on small purpose-made tables, including layouts no seed has."""
import dataclasses

from actionplans.extract import extract
from actionplans.extract.cell_items import action_items
from actionplans.extract.items import align, cross_reference, split_items
from actionplans.extract.vocabulary import best_field
from actionplans.model import Cell, Document, Fidelity, Heading, ListItem, Paragraph, Row, Table


def table(rows, header_rows=1, **kw):
    def cell(v):
        if v is None or isinstance(v, Cell):
            return v
        return Cell(text=v)
    return Table(rows=tuple(Row(cells=tuple(cell(c) for c in r), is_header=i < header_rows) for i, r in enumerate(rows)), **kw)


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def test_headers_no_seed_uses_map_to_fields():
    cases = {
        "What we will do": "action", "How will we know we have succeeded?": "measures",
        "Accountable officer": "owner", "Target date for completion": "due", "BRAG status": "rag",
        "Ofsted recommendation": "recommendation", "Progress update (March)": "progress",
        "Resources required": "other", "Rec. No.": "recommendation_ref", "Deadline": "due",
        "Responsible manager": "owner", "Evidence of impact": "measures", "Monitored by": "other",
    }
    for header, expected in cases.items():
        m = best_field(header)
        assert m is not None and m.field == expected, (header, m)


def test_monitoring_column_is_not_taken_for_the_owner():
    assert best_field("Who is responsible for monitoring + how?").field == "other"
    assert best_field("Who is responsib le for leading within which agency?").field == "owner"


def test_layout_with_merged_recommendation_and_split_header():
    """A layout from no seed: a recommendation merged down over three actions, a two-row header."""
    t = Table(rows=(
        Row(cells=(Cell("Ofsted recommendation", rowspan=2), Cell("What we will do", rowspan=2),
                   Cell("Accountable officer", rowspan=2), Cell("Milestones", colspan=2), None), is_header=True),
        Row(cells=(None, None, None, Cell("Start"), Cell("Deadline")), is_header=True),
        Row(cells=(Cell("R1 Improve the timeliness of assessments", rowspan=3), Cell("Recruit two team managers"),
                   Cell("Jo Bloggs"), Cell("Jan 2024"), Cell("Mar 2024"))),
        Row(cells=(None, Cell("Weekly performance clinic"), Cell("Ann Other"), Cell(""), Cell("Ongoing"))),
        Row(cells=(None, Cell("Audit 20 cases a month"), Cell("QA team"), Cell("Feb 2024"), Cell("Jun 2024"))),
    ))
    ex = extract(doc(Heading("Improving assessments", level=1), t))
    assert [r.action for r in ex.records] == ["Recruit two team managers", "Weekly performance clinic",
                                              "Audit 20 cases a month"]
    assert all((r.recommendation_ref, r.recommendation) == ("R1", "Improve the timeliness of assessments")
               for r in ex.records)
    assert all(r.theme == "Improving assessments" for r in ex.records)
    assert [r.owner_raw for r in ex.records] == ["Jo Bloggs", "Ann Other", "QA team"]
    assert ex.records[2].due_raw == "Jun 2024"
    assert dict(ex.records[0].extra)["Milestones Start"] == "Jan 2024"


def test_headerless_columns_decided_by_content_and_bold_paragraph_recommendation():
    """No header words at all: refs, names, dates and RAG letters tell the columns apart."""
    rows = [["1", "Refresh the threshold document", "Sam Jones", "Oct 2023", "G"],
            ["2", "Train all team managers", "Lee Smith", "Dec 2023", "A"],
            ["3", "", "", "", ""]]
    ex = extract(doc(Paragraph("Partners understand and apply thresholds consistently across the area.", bold=True),
                     table(rows, header_rows=0)))
    assert [(r.action_ref, r.owner_raw, r.due_raw, r.rag_raw) for r in ex.records] == [
        ("1", "Sam Jones", "Oct 2023", "G"), ("2", "Lee Smith", "Dec 2023", "A")]
    assert ex.records[0].recommendation.startswith("Partners understand")
    assert ex.tables[0].dropped == ((3, "blank row"),)


def test_section_rows_set_the_theme_and_repeated_headers_are_dropped():
    rows = [["Action", "Lead", "Due"],
            [Cell("Early help", colspan=3), None, None],
            ["Launch the early help hub", "Head of Early Help", "April 2024"],
            ["Action", "Lead", "Due"],
            ["Publish the offer", "Head of Early Help", "May 2024"]]
    ex = extract(doc(table(rows)))
    assert [r.theme for r in ex.records] == ["Early help", "Early help"]
    assert (4, "repeated header row") in ex.tables[0].dropped


def test_row_cut_by_a_page_break_is_joined():
    head = ["No.", "Action", "Lead", "Timescale"]
    first = table([head, ["1", "Review all child protection plans to identify", "Head of QA", "Mar"]])
    rest = Table(rows=(Row(cells=tuple(Cell(t) for t in head), is_header=True, repeated_header=True),
                       Row(cells=(Cell(""), Cell("those that need improvement"), Cell(""), Cell("2024")),
                           cut_from_previous=True)),
                 continues_previous=True)
    ex = extract(doc(first, rest))
    assert len(ex.records) == 1
    assert ex.records[0].action == "Review all child protection plans to identify those that need improvement"
    assert ex.records[0].due_raw == "Mar 2024"


def test_split_items_inline_and_continuations():
    items = split_items("i) Development of MASH. ii) New team. iii) Review.", False)
    assert [(i.label, i.text) for i in items] == [("i", "Development of MASH."), ("ii", "New team."), ("iii", "Review.")]
    items = split_items("i) Assistant Director.\nEH/Early years.\nii) Health.", False)
    assert [i.label for i in items] == ["i", "ii"] and "EH/Early years." in items[0].text
    assert len(split_items("First line\nsecond line", False)) == 1
    assert len(split_items("First line\nsecond line", True)) == 2


def test_align_by_number_order_and_single_value():
    items = split_items("i) a\nii) b\niii) c\niv) d", False)
    assert align(items, "Sept 13 Sept 13 Sept 13 – Jan 14. Sept 13", dates=True)[0] == [
        "Sept 13", "Sept 13", "Sept 13 – Jan 14", "Sept 13"]
    assert align(items, "ii) Aug 13\niii) Oct 13\niii) Jan 14")[0] == ["", "Aug 13", "Oct 13", "Jan 14"]
    assert align(items, "March 14")[0] == ["March 14"] * 4
    values, warning = align(items, "A\nB")
    assert warning and values[:2] == ["A", "B"]


def test_cross_references():
    assert cross_reference("As above") == "above"
    assert cross_reference("See 3.0 above") == "3.0"
    assert cross_reference("Seek the views of children on the service") is None


def test_unmarked_header_is_not_joined_with_a_full_width_section_row():
    """HTML exports lose the header marking: a section row under the labels stays a theme."""
    rows = [["Recommendation", "Action", "Lead", "Timescale"],
            [Cell("Children in care", colspan=4), None, None, None],
            ["Improve care plans", "Audit all care plans", "Head of LAC", "June 2024"]]
    ex = extract(doc(table(rows, header_rows=0)))
    assert ex.tables[0].header_rows == 1
    assert [r.theme for r in ex.records] == ["Children in care"]


def test_headerless_body_inherits_a_damaged_header_split_and_merged_cells():
    """A converter put the header in a table of its own, split "Ref" into a stray column and ran
    three headers into one cell; the body table after it still maps column by column."""
    header = table([["Ref", "", "Action to be taken", "Deadline", "Responsible manager", "Success criteria Update BRAG"]],
                   header_rows=1, fidelity=Fidelity.RECOVERED)
    body = table([["A1", "", "Recruit a permanent service manager", "March 2025", "Kim Lee", "Post filled", "Advert out", "A"],
                  ["A2", "", "Launch the new front door", "May 2025", "Raj Patel", "Hub open", "On track", "G"]],
                 header_rows=0, fidelity=Fidelity.RECOVERED)
    ex = extract(doc(Heading("Front door", level=1), header, Paragraph("Contacts are handled quickly and consistently by the front door."), body))
    assert [(r.action_ref, r.owner_raw, r.due_raw, r.measures, r.progress, r.rag_raw) for r in ex.records] == [
        ("A1", "Kim Lee", "March 2025", "Post filled", "Advert out", "A"),
        ("A2", "Raj Patel", "May 2025", "Hub open", "On track", "G")]
    assert ex.records[0].recommendation.startswith("Contacts are handled")


def test_wrapped_row_without_its_number_joins_the_row_above():
    rows = [["No.", "Action", "Lead", "Due"],
            ["1", "Ensure that the domestic abuse referral", "Anne", "June 2013"],
            ["", "team is appropriately staffed", "Thompson", ""],
            ["2", "Review leaflets for children", "Rose Collinson", "Sept 2013"]]
    ex = extract(doc(table(rows, fidelity=Fidelity.RECOVERED)))
    assert [r.action for r in ex.records] == ["Ensure that the domestic abuse referral team is appropriately staffed",
                                              "Review leaflets for children"]
    assert ex.records[0].owner_raw == "Anne Thompson"


def test_row_chopped_across_columns_becomes_the_recommendation():
    rows = [["No.", "Action", "Lead", "Due"],
            ["1", "Audit case files", "Head of QA", "Jan 2024"],
            ["that the", "quality of plans is", "consistently", "good"],
            ["2", "Train managers", "Head of QA", "Feb 2024"]]
    ex = extract(doc(table(rows, fidelity=Fidelity.RECOVERED)))
    assert [r.action for r in ex.records] == ["Audit case files", "Train managers"]
    assert ex.records[1].recommendation == "that the quality of plans is consistently good"


def test_row_shifted_left_by_a_lost_cell_is_put_back():
    rows = [["Action No.", "Reference to", "Action", "Timescale", "Lead", "Measures", "RAG"],
            ["2.1", "IN 2.1", "Train all front line staff in child protection", "30 Apr 2013", "Kim Lee", "100%", "A"],
            ["2.2", "Evaluate the decisions taken after the inspection to ensure they are fit", "31 Dec 2012",
             "Rose Collinson", "Feedback from staff", "", ""]]
    ex = extract(doc(table(rows, fidelity=Fidelity.RECOVERED)))
    second = ex.records[1]
    assert second.action.startswith("Evaluate the decisions")
    assert (second.due_raw, second.owner_raw, second.measures) == ("31 Dec 2012", "Rose Collinson", "Feedback from staff")
    assert any("shifted" in w for w in second.warnings)


def test_recommendation_paragraph_keeps_its_bullets_and_skips_footnotes():
    from actionplans.model import ListItem
    t = table([["Action", "Lead", "Due"], ["Publish thresholds", "Head of Service", "May 2024"]])
    later = table([["Action", "Lead", "Due"], ["Audit referrals", "Head of Service", "June 2024"]])
    ex = extract(doc(Heading("Outcomes:", level=3), ListItem("Children are safe.", label="1."),
                     Paragraph("Strengthen the role of the safeguarding partnership in order to:"),
                     ListItem("establish clear thresholds;", label="•"), t,
                     Paragraph("¹ https://www.gov.uk/guidance"), later))
    assert ex.records[0].recommendation == ("Strengthen the role of the safeguarding partnership in order to:\n"
                                            "establish clear thresholds;")
    assert ex.records[1].recommendation == ex.records[0].recommendation  # carried over the footnote


def test_plan_laid_out_as_a_form_gives_one_action_per_block():
    """A layout from no seed: label | value rows, a block per action, the labels repeating."""
    rows = [["Recommendation", "Improve the quality of supervision"],
            ["Action", "Introduce a supervision audit"],
            ["Lead officer", "Head of Children's Social Care"],
            ["Target date", "March 2024"],
            ["RAG status", "Amber"],
            ["Action", "Train all first line managers"],
            ["Lead officer", "Workforce Development Manager"],
            ["Target date", "June 2024"],
            ["RAG status", "Green"]]
    ex = extract(doc(Heading("Supervision", level=2), table(rows, header_rows=0)))
    assert ex.tables[0].kind == "action-form"
    assert [(r.action, r.owner_raw, r.due_raw, r.rag_raw) for r in ex.records] == [
        ("Introduce a supervision audit", "Head of Children's Social Care", "March 2024", "Amber"),
        ("Train all first line managers", "Workforce Development Manager", "June 2024", "Green")]
    assert all(r.recommendation == "Improve the quality of supervision" for r in ex.records)
    assert all(r.theme == "Supervision" for r in ex.records)


def test_a_numbered_list_item_alone_above_a_table_is_its_recommendation():
    """'1.2 Ensure that …' set as a Word list item (its number the list's label), then the table of
    its actions: the recommendation and its ref, as a numbered paragraph would be."""
    rows = [["Action", "Lead", "Due"], ["Audit strategy discussions each quarter", "Jane Smith", "March 2024"]]
    ex = extract(doc(Heading("Front door", level=2),
                     ListItem("Ensure that strategy discussions are held promptly and involve all agencies.",
                              label="1.2"), table(rows)))
    assert [(r.recommendation_ref, r.recommendation[:30]) for r in ex.records] == [
        ("1.2", "Ensure that strategy discussio")]


def test_a_lead_cell_with_one_labelled_block_per_action_pairs_block_by_block():

    actions = "Introduce plain-language letters.\nEstablish a gateway panel to track every case."
    lead = "Lead: Jane Smith\nDeadline: October 2021\nLead: Fostering Service\nDeadline: May 2021"
    items, note = action_items(actions, lead, "")
    assert [i.text for i in items] == ["Introduce plain-language letters.",
                                       "Establish a gateway panel to track every case."]
    assert note is None
    owners, warning = align(items, lead)
    assert owners == ["Lead: Jane Smith\nDeadline: October 2021", "Lead: Fostering Service\nDeadline: May 2021"]
    assert warning is None


def test_labelled_blocks_run_together_by_an_export_are_cut_again():
    from actionplans.extract.items import labelled_blocks
    ran_together = "Lead: Jane Smith Deadline: Aug-21 Lead: Omar Khan Deadline: Nov-21"
    assert labelled_blocks(ran_together) == ["Lead: Jane Smith\nDeadline: Aug-21", "Lead: Omar Khan\nDeadline: Nov-21"]
    # one lead and one date: no blocks; labels that do not repeat in the same order: no blocks
    assert labelled_blocks("Lead: Jane Smith\nDeadline: Aug-21") is None
    assert labelled_blocks("Lead: Jane Smith\nDeadline: Aug-21\nLead: Omar Khan\nSupport: Finance") is None
    assert labelled_blocks("Jane Smith\nAug-21\nOmar Khan\nNov-21") is None
    # a label of four words run into the line before it ("… Gledhill To be completed by: …")
    assert labelled_blocks("Lead – Ann Lee\nTo be completed by: On-going\nLead – Raj Patel To be completed by: May-22") == [
        "Lead – Ann Lee\nTo be completed by: On-going", "Lead – Raj Patel\nTo be completed by: May-22"]


def test_an_action_paragraph_run_together_pairs_by_sentence_with_the_lead_blocks():
    lead = "Lead: Jane Smith\nDeadline: Jan-21\nLead: Omar Khan\nDeadline: Apr-22\nLead: Ann Lee\nDeadline: Dec-21"
    items, _ = action_items("Train staff in restorative approaches. Sign up to the national protocol.\n"
                            "Quarterly reporting of first-time entrants to the board.", lead, "")
    assert [i.text for i in items] == ["Train staff in restorative approaches.", "Sign up to the national protocol.",
                                       "Quarterly reporting of first-time entrants to the board."]
    # two sentences beside one lead: one action, as before
    items, _ = action_items("Train staff. Review in March.", "Lead: Jane Smith\nDeadline: Jan-21", "")
    assert len(items) == 1


def test_a_date_cell_run_into_one_line_pairs_its_dates_with_the_action_paragraphs():
    actions = ("Introduce an electronic plan and train teachers in its use.\n"
               "Head teacher to quality-assure every plan each term.\n"
               "Monitor daily attendance through a commissioned service.")
    items, note = action_items(actions, "Ruth Okafor", "August 2021 March 2022 October 2021")
    assert len(items) == 3 and note is None
    dues, _ = align(items, "August 2021 March 2022 October 2021", dates=True)
    assert dues == ["August 2021", "March 2022", "October 2021"]
    # one date beside the same paragraphs: not a pairing (one action, one lead and date for all)
    items, note = action_items(actions, "Ruth Okafor", "August 2021")
    assert len(items) == 1


def test_a_document_control_heading_over_the_version_table_is_no_theme():
    versions = table([["Version", "Date", "Author", "Summary of changes"], ["0.1", "3 May 2021", "KL", "First draft"]],
                     header_rows=0)
    actions = table([["Action", "Lead", "By when"], ["Recruit two team managers", "Jo Bloggs", "Mar 2024"]])
    ex = extract(doc(Heading("Version history", level=2), versions, actions))
    assert [(r.action, r.theme) for r in ex.records] == [("Recruit two team managers", "")]
    ex = extract(doc(Heading("Front door", level=2), actions))  # a real theme heading still counts
    assert [r.theme for r in ex.records] == ["Front door"]


def test_a_headerless_table_cut_by_a_page_break_keeps_its_columns_after_the_break():
    first = table([
        ["1. Improve the quality of child protection plans", "Audit twenty plans every month and report the findings",
         "Jo Bloggs", "March 2024"],
        ["", "Deliver training on outcome-focused planning to all social workers", "Ann Other", "June 2024"],
        ["2. Ensure that reviewing officers challenge drift", "Introduce an escalation protocol for reviewing officers",
         "Kim Lee", "March 2024"],
        ["", "Report escalations quarterly to the board", "Raj Patel", "Ongoing"],
    ], header_rows=0, page=2)
    rest = table([["", "Revised plan template consulted on with families",
                   "Participation Officer and the Service Manager for Children with Disabilities", "March 2024"]],
                 header_rows=0, page=3, continues_previous=True)
    ex = extract(doc(first, rest))
    assert [r.owner_raw for r in ex.records] == ["Jo Bloggs", "Ann Other", "Kim Lee", "Raj Patel",
                                                 "Participation Officer and the Service Manager for Children with Disabilities"]
    # the same table, not said to continue (a new table on the next page): read on its own
    alone = dataclasses.replace(rest, continues_previous=False)
    ex = extract(doc(first, alone))
    assert ex.records[-1].owner_raw == ""


def test_the_rest_of_an_indicator_table_after_a_page_break_is_no_action_table():
    actions = table([["Action", "Lead", "By when"], ["Recruit two team managers", "Jo Bloggs", "Mar 2024"]])
    indicators = table([["Indicator", "Baseline", "Target", "Latest", "RAG"],
                        ["Assessments completed within 45 working days", "61%", "85%", "72%", "Amber"]], page=4)
    rest = table([["Child in need plans reviewed within three months", "59%", "76%", "63%", "Amber"],
                  ["Strategy discussions held within one working day", "70%", "95%", "81%", "Red"]],
                 header_rows=0, page=5, continues_previous=True)
    ex = extract(doc(actions, indicators, rest))
    assert [r.action for r in ex.records] == ["Recruit two team managers"]
    assert [str(t.kind) for t in ex.tables][1:] == ["indicators", "indicators"]


def test_an_action_table_over_three_pages_stays_actions_after_each_break():
    head = table([["Action", "Lead", "By when"], ["Recruit two team managers", "Jo Bloggs", "Mar 2024"]], page=3)
    second = table([["Audit twenty cases a month", "Ann Other", "Jun 2024"]], header_rows=0, page=4,
                    continues_previous=True)
    third = table([["Report to the board", "Kim Lee", "2007."]], header_rows=0, page=5, continues_previous=True)
    ex = extract(doc(head, second, third))
    assert [r.action for r in ex.records] == ["Recruit two team managers", "Audit twenty cases a month",
                                              "Report to the board"]


def test_owners_run_into_one_line_are_cut_when_only_one_cut_reads_as_owners():
    from actionplans.extract.items import run_together_owners
    assert run_together_owners("Jacqueline Moss CWD Team", 2) == ["Jacqueline Moss", "CWD Team"]
    assert run_together_owners("EDT Bernadette Cole", 2) == ["EDT", "Bernadette Cole"]
    # marked by the cell itself, one name, or prose: not cut
    assert run_together_owners("Jacqueline Moss / CWD Team", 2) is None
    assert run_together_owners("Jane Smith", 2) is None
    assert run_together_owners("Review all cases monthly", 2) is None
    assert run_together_owners("New Head of Service", 2) is None  # not "New Head" + "of Service"
    assert run_together_owners("Director of Specialist Children's Services", 2) is None  # two roles: no sure cut
    # in a PDF, two actions beside a lead cell whose line break was lost pair one owner each
    actions = "Hold quarterly meetings with the court.\nIntroduce a court tracker for care proceedings."
    items, note = action_items(actions, "Jacqueline Moss CWD Team", "September 2008", run_together=True)
    assert len(items) == 2 and note is None
    assert align(items, "Jacqueline Moss CWD Team", run_together=True)[0] == ["Jacqueline Moss", "CWD Team"]
    # a Word or HTML cell states its paragraphs: no cut
    assert align(items, "Jacqueline Moss CWD Team")[0] == ["Jacqueline Moss CWD Team"] * 2


def test_a_recommendation_column_numbered_as_outcomes_gives_the_recommendation_ref():
    from actionplans.extract.records import split_recommendation
    assert split_recommendation("Outcome 1: Children in care attending school", in_its_column=True) == (
        "1", "Children in care attending school")
    # a paragraph above a table: "Outcome 1:" may number a theme, not a recommendation
    assert split_recommendation("Outcome 1: Children in care attending school")[0] == ""
    rows = [["Reference", "Outcome for children and families", "Actions to be taken", "Lead(s)"],
            ["1.1", Cell("Outcome 1: Children in care attending school and making progress", rowspan=2),
             "Virtual School to quality check every PEP each term", "Jo Bloggs"],
            ["1.2", None, "Pupil premium plus spent on each child's PEP targets", "Ann Other"]]
    ex = extract(doc(table(rows)))
    assert [(r.recommendation_ref, r.recommendation) for r in ex.records] == [
        ("1", "Children in care attending school and making progress")] * 2


def test_an_outcome_column_left_over_beside_a_measures_column_is_the_recommendation():
    """'What good looks like' (worded as measures) over its actions, left of them, left unmapped
    while 'Success indicators' took the measures: the outcome column is the recommendation."""
    from actionplans.extract.columns import _recommendations_under_outcome_header, map_columns
    from actionplans.extract.grid import Grid
    rows = [["What good looks like", "Key tasks", "Lead manager", "Date due", "Success indicators"]]
    groups = [("Caseloads that allow good work", 2), ("Records that tell the child's story", 1),
              ("A case system that helps rather than hinders", 3), ("Plans that children understand", 3)]
    for outcome, n in groups:
        for k in range(n):
            rows.append([Cell(outcome, rowspan=n) if k == 0 else None, f"Audit twenty cases a month, round {k + 1}",
                         "Kirsty Hall", "March 2024", "Average caseload of 17 or fewer"])
    grid = Grid(table(rows))
    evidence = list(map_columns(grid).evidence)
    fields = [None, "action", "owner", "due", "measures"]  # the outcome column lost the measures to column 5
    assert _recommendations_under_outcome_header(grid, range(1, grid.n_rows), fields, evidence) == 0
    # a column worded as no field is not taken for the recommendation
    assert _recommendations_under_outcome_header(grid, range(1, grid.n_rows), [None, "action", "owner", "due", None],
                                                 [replace_header(evidence[0])] + evidence[1:]) is None


def replace_header(ev):
    return dataclasses.replace(ev, header_scores=())
