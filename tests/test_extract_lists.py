"""Plans without action tables (labelled paragraphs and list items) and plans laid out as one
small label | value form per action, on layouts no sample has."""
from __future__ import annotations

import dataclasses

from dataclasses import replace
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from actionplans.extract import extract
from actionplans.normalise import normalise
from actionplans.extract.labels import read_labels, recommendation_of, recommendation_ref
from actionplans.ingest import read
from actionplans.model import Cell, Document, Heading, ListItem, Paragraph, Row, Table


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def P(text, bold=False):
    return Paragraph(text=text, bold=bold)


def form(*pairs):
    return Table(rows=tuple(Row(cells=(Cell(text=a, bold=True), Cell(text=b))) for a, b in pairs))


def actions(d):
    return list(extract(d).records)


# -- labelled lines ---------------------------------------------------------------------------

def test_labels_are_read_through_the_column_vocabulary():
    lead, labels = read_labels("Accountable officer: Jane Smith Target completion date: June 2015 "
                               "RAG rating: Red Update on progress: Draft agreed: out for comment.")
    assert lead == ""
    assert [(lab.fields, lab.value) for lab in labels] == [
        (("owner",), "Jane Smith"), (("due",), "June 2015"), (("rag",), "Red"),
        (("progress",), "Draft agreed: out for comment.")]


def test_words_before_a_colon_that_the_vocabulary_does_not_cover_are_no_label():
    assert read_labels("Progress will be reported to members: every quarter")[1] == []
    # two fields side by side with nothing joining them are not one combined label
    lead, labels = read_labels("Lead: Head of Early Intervention Deadline: May 2016")
    assert [(lab.fields, lab.value) for lab in labels] == [(("owner",), "Head of Early Intervention"),
                                                           (("due",), "May 2016")]


def test_recommendation_numbers():
    assert recommendation_ref("Recommendation 4 – Improve the timeliness of plans.") == (
        "4", "Improve the timeliness of plans.")
    assert recommendation_ref("R12: Improve the timeliness of plans.") == ("R12", "Improve the timeliness of plans.")
    assert recommendation_ref("Improve 16 and 17 year olds' access to housing.") == (
        "", "Improve 16 and 17 year olds' access to housing.")
    assert recommendation_of(["Rec 3", "Improve the timeliness of initial child protection conferences."]) == (
        "3", "Improve the timeliness of initial child protection conferences.")


# -- lists --------------------------------------------------------------------------------------

def test_numbered_paragraphs_with_label_lines_under_theme_and_recommendation_headings():
    d = doc(
        Heading("Improvement plan", level=1),
        Heading("Priority 2 – Children in care", level=2),
        Heading("Strengthen the oversight of placement stability for children in care.", level=3),
        P("2.1.1 Introduce a placement stability meeting for every child with two moves in a year."),
        P("Accountable: Ola Mensah"),
        P("Completion date: 31/01/2017"),
        P("BRAG: Blue"),
        P("2.1.2 Report placement moves to the Corporate Parenting Panel every quarter."),
        P("Accountable: Ola Mensah and Dev Rao"),
        P("Completion date: 30/04/2017"),
        P("BRAG: Amber"),
    )
    recs = actions(d)
    assert [r.action_ref for r in recs] == ["2.1.1", "2.1.2"]
    assert recs[0].action == "Introduce a placement stability meeting for every child with two moves in a year."
    assert recs[1].owner_raw == "Ola Mensah and Dev Rao"
    assert recs[1].due_raw == "30/04/2017" and recs[1].rag_raw == "Amber"
    assert all(r.theme == "Priority 2 – Children in care" for r in recs)
    assert all(r.recommendation.startswith("Strengthen the oversight") for r in recs)
    assert recs[0].source_table is None


def test_label_lines_in_one_paragraph_and_action_with_its_labels():
    d = doc(
        Heading("Early help", level=1),
        P("(a) Publish an early help offer for families with children under five. "
          "Owner: Head of Early Help; Timescale: Autumn 2016; Status: Green"),
        P("(b) Train health visitors in the early help assessment."),
        P("Owner: Designated Nurse\nTimescale: Spring 2017\nStatus: Amber"),
    )
    recs = actions(d)
    assert [(r.action_ref, r.owner_raw, r.due_raw, r.rag_raw) for r in recs] == [
        ("a", "Head of Early Help", "Autumn 2016", "Green"),
        ("b", "Designated Nurse", "Spring 2017", "Amber")]
    assert recs[0].action == "Publish an early help offer for families with children under five."
    assert all(r.theme == "Early help" for r in recs)


def test_recommendation_paragraphs_and_word_numbered_list_items():
    d = doc(
        Heading("Help and protection", level=1),
        P("Recommendation 5: Ensure that strategy discussions include all relevant agencies.", bold=True),
        ListItem("Invite health and education to every strategy discussion.", label="5.1"),
        P("Lead officer: Mo Kahn"),
        P("Due date: March 2018"),
        ListItem("Audit twenty strategy discussions each quarter.", label="5.2"),
        P("Lead officer: Mo Kahn"),
        P("Due date: June 2018"),
        P("Recommendation 6: Improve the quality of return home interviews.", bold=True),
        ListItem("Commission return home interviews from an independent provider.", label="6.1"),
        P("Lead officer: Ann Lee"),
        P("Due date: May 2018"),
    )
    recs = actions(d)
    assert [r.action_ref for r in recs] == ["5.1", "5.2", "6.1"]
    assert [r.recommendation_ref for r in recs] == ["5", "5", "6"]
    assert recs[2].recommendation == "Improve the quality of return home interviews."
    assert recs[0].action == "Invite health and education to every strategy discussion."


def test_narrative_numbered_list_without_labels_gives_nothing():
    d = doc(
        Heading("Introduction", level=1),
        P("The inspection found three areas for improvement:"),
        ListItem("Management oversight of casework is not consistently effective.", label="1."),
        ListItem("Plans for children in need are not specific enough.", label="2."),
        P("1. The council accepted every recommendation and this plan sets out its response."),
        P("2. Progress will be reported: to the Improvement Board every month."),
        P("Date: 12 March 2019"),
    )
    assert actions(d) == []


def test_one_labelled_field_is_no_action():
    one = doc(P("The director will present the annual report to members."), P("Date: 12 March 2019"))
    assert actions(one) == []
    leads = doc(Heading("Help and protection", level=1), P("This theme covers the front door and assessment."),
                P("Theme lead: Sam Ode"), Heading("Children in care", level=1),
                P("This theme covers placements and permanence."), P("Theme lead: Kim Ray"))
    assert actions(leads) == []
    both = doc(P("Review the threshold document with partners."), P("Lead: Sam Ode"), P("By: July 2019"))
    assert [(r.owner_raw, r.due_raw) for r in actions(both)] == [("Sam Ode", "July 2019")]


def test_pdf_label_line_taken_for_a_heading_still_belongs_to_the_action():
    d = doc(
        Heading("Care leavers", level=1),
        P("Open a drop-in hub for care leavers in the town centre."),
        P("Responsible manager: Lee Hart"),
        Heading("Progress rating: Green", level=3),
    )
    recs = actions(d)
    assert len(recs) == 1 and recs[0].rag_raw == "Green" and recs[0].theme == "Care leavers"


# -- forms -------------------------------------------------------------------------------------

def test_forms_with_recommendation_rows_and_a_header_like_first_row():
    d = doc(
        Heading("Workforce", level=1),
        form(("What we will do", "Recruit twelve permanent social workers."), ("Accountable officer", "HR Lead"),
             ("Target date", "June 2017"), ("RAG", "A")),
        form(("What we will do", "Cap caseloads at eighteen children."),
             ("Accountable officer", "Principal Social Worker"),
             ("Target date", "March 2017"), ("RAG", "G")),
        form(("Area for improvement", "Reduce the reliance on agency staff."),
             ("What we will do", "Run a regional recruitment campaign."), ("Accountable officer", "HR Lead"),
             ("Target date", "May 2017"), ("RAG", "R")),
    )
    # the reader took the first form row for a header row: still a form
    first = d.blocks[1]
    d = doc(d.blocks[0], Table(rows=(Row(cells=first.rows[0].cells, is_header=True),) + first.rows[1:]), *d.blocks[2:])
    recs = actions(d)
    assert [r.action for r in recs] == ["Recruit twelve permanent social workers.",
                                        "Cap caseloads at eighteen children.",
                                        "Run a regional recruitment campaign."]
    assert [r.owner_raw for r in recs] == ["HR Lead", "Principal Social Worker", "HR Lead"]
    assert recs[2].recommendation == "Reduce the reliance on agency staff."
    assert all(r.theme == "Workforce" for r in recs)


def test_forms_under_recommendation_heading_and_numbered_paragraph():
    d = doc(
        Heading("Participation", level=2),
        Heading("Ensure that the views of children shape the services they receive.", level=3),
        form(("Task", "Set up a children in care council."), ("Lead person", "Participation Officer"),
             ("Deadline", "July 2015"), ("Status", "Green")),
        P("Rec 2", bold=True),
        P("Improve the response to children who go missing from care."),
        form(("Task", "Offer every child a return home interview."), ("Lead person", "Missing Coordinator"),
             ("Deadline", "August 2015"), ("Status", "Amber")),
    )
    recs = actions(d)
    assert len(recs) == 2
    assert recs[0].theme == "Participation" and recs[0].recommendation.startswith("Ensure that the views")
    assert (recs[1].recommendation_ref, recs[1].recommendation) == (
        "2", "Improve the response to children who go missing from care.")


# -- end to end: a DOCX written here ----------------------------------------------------------

W = nsdecls("w")
_NUMBERING = f"""<w:root {W}>
<w:abstractNum w:abstractNumId="70">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="70"><w:abstractNumId w:val="70"/></w:num>
</w:root>"""


def _numbered(document, text):
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="70"/></w:numPr>'))


def test_docx_with_word_numbered_actions_and_label_lines(tmp_path: Path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for el in parse_xml(_NUMBERING):
        numbering.append(el)
    document.add_heading("Fostering sufficiency", level=1)
    intro = document.add_paragraph()
    intro.add_run("Increase the number of local foster carers so that children can stay close to home.").bold = True
    _numbered(document, "Launch a fostering recruitment campaign with neighbouring councils.")
    p = document.add_paragraph()
    p.add_run("Lead: ").bold = True
    p.add_run("Fostering Team Manager")
    document.add_paragraph("Target date: December 2020")
    document.add_paragraph("RAG: Amber")
    _numbered(document, "Review the fees and allowances paid to foster carers.")
    document.add_paragraph("Lead: Head of Finance")
    document.add_paragraph("Target date: March 2021")
    document.add_paragraph("RAG: Green")
    path = tmp_path / "list_plan.docx"
    document.save(path)

    recs = list(extract(read(path)).records)
    assert [r.action_ref for r in recs] == ["1", "2"]
    assert recs[0].action == "Launch a fostering recruitment campaign with neighbouring councils."
    assert (recs[0].owner_raw, recs[0].due_raw, recs[0].rag_raw) == ("Fostering Team Manager", "December 2020", "Amber")
    assert recs[1].owner_raw == "Head of Finance"
    assert all(r.theme == "Fostering sufficiency" for r in recs)
    assert all(r.recommendation.startswith("Increase the number of local foster carers") for r in recs)


def test_cover_page_labels_under_the_title_are_no_action():
    d = doc(P("Children's Services Improvement Plan 2019 to 2021", bold=True), P("Status: Final draft"),
            P("Date: 12 March 2019"), P("Review date: March 2020"))
    assert actions(d) == []


def test_inspect_counts_paragraph_actions_and_names_forms():
    from actionplans.inspect import describe, render_text
    d = doc(P("Review the threshold document with partners."), P("Lead: Sam Ode"), P("By: May 2020"),
            form(("Action", "Refresh the neglect strategy."), ("Lead", "Kim Ray"), ("Deadline", "June 2020")))
    info = describe(extract(d))
    assert info["actions"] == 2 and info["paragraph_actions"] == 1
    text = render_text(info)
    assert "1 actions written as paragraphs" in text and "a form of actions" in text


def test_form_cut_by_a_page_break_is_read_whole_and_a_number_heading_numbers_the_recommendation():
    first = Table(rows=(Row(cells=(Cell(text="Ref"), Cell(text="3.2"))),
                        Row(cells=(Cell(text="Action"),
                                   Cell(text="Agree a protocol for joint visits with the police."))),),
                  page=4)
    rest = Table(rows=(Row(cells=(Cell(text="Responsible officer"), Cell(text="Head of Safeguarding"))),
                       Row(cells=(Cell(text="Completion date"), Cell(text="April 2016"))),
                       Row(cells=(Cell(text="RAG"), Cell(text="G")))),
                 page=5, continues_previous=True)
    d = doc(Heading("Recommendation 3", level=2),
            P("Improve the quality of joint child protection enquiries with the police."), first, rest)
    recs = actions(d)
    assert len(recs) == 1
    r = recs[0]
    assert (r.action_ref, r.owner_raw, r.due_raw, r.rag_raw) == ("3.2", "Head of Safeguarding", "April 2016", "G")
    assert (r.recommendation_ref, r.recommendation) == (
        "3", "Improve the quality of joint child protection enquiries with the police.")


def test_labelled_ref_and_action_lines_without_tables():
    d = doc(
        Heading("Leadership", level=1),
        P("Recommendation: Ensure that senior leaders have a clear line of sight to frontline practice."),
        P("Ref: 1.1"), P("Action: Directors to hold monthly practice weeks in every team."),
        P("Owner: Director of Children's Services"), P("Timescale: Quarterly from April 2015"),
        P("Ref: 1.2"), P("Action: Report audit findings to the Improvement Board each month."),
        P("Owner: Head of Quality Assurance"), P("Timescale: May 2015"),
    )
    recs = actions(d)
    assert [(r.action_ref, r.owner_raw) for r in recs] == [("1.1", "Director of Children's Services"),
                                                           ("1.2", "Head of Quality Assurance")]
    assert recs[1].action == "Report audit findings to the Improvement Board each month."
    assert all(r.recommendation.startswith("Ensure that senior leaders") and r.theme == "Leadership" for r in recs)


def test_label_headings_of_a_pdf_export():
    d = doc(
        Heading("Public law outline", level=1),
        Heading("What needs to improve:", level=3),
        P("Ensure that the pre-proceedings stage is used effectively to avoid delay."),
        P("R8 Hold quarterly meetings with the Designated Family Judge."),
        Heading("Responsible officer: Simon Thorne", level=1),
        P("Target date: Autumn term 2008"),
    )
    recs = actions(d)
    assert [(r.action_ref, r.owner_raw, r.theme) for r in recs] == [("R8", "Simon Thorne", "Public law outline")]
    assert recs[0].recommendation.startswith("Ensure that the pre-proceedings")


def test_form_whose_recommendation_is_the_action():
    d = doc(*[form(("No.", f"R{k}"), ("Area for improvement", text), ("Lead officer", lead), ("Timescale", due),
                   ("RAG", "G"))
              for k, text, lead, due in [(1, "Ensure that return home interviews are offered to every child.", "A Lee",
                                          "2015/16"),
                                         (2, "Improve the timeliness of initial health assessments.", "B Khan",
                                          "Spring 2016")]])
    recs = actions(d)
    assert [(r.action_ref, r.action[:20], r.owner_raw) for r in recs] == [
        ("R1", "Ensure that return h", "A Lee"), ("R2", "Improve the timeline", "B Khan")]


def test_form_whose_action_row_is_labelled_like_a_date_column():
    d = doc(form(("Milestones", "2.1 Agree a transitions protocol with adult social care."),
                 ("Accountable lead", "Fiona Mc"), ("Due date", "31st July 2019"), ("RAG", "A")),
            form(("Milestones", "2.2 Pilot joint transition reviews at age 14."),
                 ("Accountable lead", "Ian Roe"), ("Due date", "March 2020"), ("RAG", "G")))
    expected = [("2.1", "Agree a transitions protocol with adult social care.", "31st July 2019"),
                ("2.2", "Pilot joint transition reviews at age 14.", "March 2020")]
    assert [(r.action_ref, r.action, r.due_raw) for r in actions(d)] == expected
    # a PDF reader that takes the second form for the first one's continuation: still two actions
    joined = doc(d.blocks[0], replace(d.blocks[1], continues_previous=True))
    assert [(r.action_ref, r.action, r.due_raw) for r in actions(joined)] == expected


def _action_table(action):
    return Table(rows=(Row(cells=(Cell(text="Action"), Cell(text="Lead"), Cell(text="Timescale")), is_header=True),
                       Row(cells=(Cell(text=action), Cell(text="Head of Service"), Cell(text="May 2014")))))


def test_numbered_outcomes_under_a_repeated_label_heading_are_not_the_recommendation():
    blocks = []
    for theme, rec in (("Theme 1 - Partnership", "Strengthen the role of the safeguarding board in challenge."),
                       ("Theme 2 - Workforce", "Implement a programme of induction and training for all staff.")):
        blocks += [Heading(theme, level=1), Heading("Outcomes:", level=3),
                   P("1. There are robust partnership arrangements that achieve good outcomes for children."),
                   P("2. Clear multi-agency thresholds are in place and understood by all partners."),
                   P(rec), _action_table(f"Deliver the first step for {theme}.")]
    recs = actions(doc(*blocks))
    assert [r.recommendation for r in recs] == ["Strengthen the role of the safeguarding board in challenge.",
                                                "Implement a programme of induction and training for all staff."]
    assert [r.theme for r in recs] == ["Theme 1 - Partnership", "Theme 2 - Workforce"]


def test_a_numbered_recommendation_paragraph_right_after_a_heading_heads_the_form():
    d = doc(Heading("Out of hours services", level=2),
            P("1. Ensure that the out of hours service shares information with daytime teams.", bold=True),
            form(("ACTION", "1. Give EDT workers remote access to the case record."), ("RESPONSIBILITY", "C Hale"),
                 ("TARGET DATE", "Feb 18")))
    (r,) = actions(d)
    assert (r.recommendation_ref, r.action_ref, r.theme) == ("1", "1", "Out of hours services")
    assert r.recommendation == "Ensure that the out of hours service shares information with daytime teams."


def test_form_labels_read_by_their_head_noun_and_combined_who_and_when():
    d = doc(form(("Action", "Publish the local offer for care leavers."), ("Who and when", "Ann Lee – March 2018"),
                 ("Progress rating", "Amber"), ("Progress update", "Draft out for consultation.")))
    (r,) = actions(d)
    assert (r.owner_raw, r.rag_raw, r.progress) == ("Ann Lee – March 2018", "Amber", "Draft out for consultation.")
    (a,) = normalise(extract(d))  # the normaliser cuts lead from date
    assert (a.owners, a.due_raw, a.due_end) == ("Ann Lee", "March 2018", "2018-03-31")


def test_an_action_with_only_a_who_and_when_line_is_an_action():
    """"Who and when: EDT (End Mar 17)" labels two detail fields, the lead and the date: an action
    with only that line under it is kept, as one with "Who and when" and "Progress" lines is.
    A paragraph followed by a single one-field label line is still no action."""
    d = doc(Heading(text="2. Domestic abuse and neglect", level=2),
            P("3. Ensure that the impact of neglect on children is identified early."),
            P("Who and when: Strategic Lead for Exploitation (Ongoing) Progress: Training delivered to 84 staff."),
            P("4. Improve the multi-agency response to children living with domestic abuse."),
            P("Who and when: EDT (End Mar 17)"),
            P("The board will meet again in the spring to review the plan as a whole."),
            P("Progress: reported to the board in May."))
    got = actions(d)
    assert [(r.action_ref, r.action) for r in got] == [
        ("3", "Ensure that the impact of neglect on children is identified early."),
        ("4", "Improve the multi-agency response to children living with domestic abuse.")]
    (_, second) = normalise(extract(d))
    assert (second.owners, second.due_end) == ("EDT", "2017-03-31")


def test_bracketed_lead_and_date_closing_the_paragraph_and_a_rating_under_progress():
    d = doc(
        Heading("Neglect", level=1),
        P("Set up a multi-agency neglect panel with the police. (Lead: Dana Whitlock; Timescale: September 2019)"),
        P("Progress: Amber"),
        P("Relaunch the graded care profile with health visitors. [Owner: Head of Early Help. By when: Dec 2019]"),
        P("Progress: panel terms of reference drafted and shared with partners"),
    )
    recs = actions(d)
    assert [r.action for r in recs] == ["Set up a multi-agency neglect panel with the police.",
                                        "Relaunch the graded care profile with health visitors."]
    assert [(r.owner_raw.rstrip("."), r.due_raw) for r in recs] == [("Dana Whitlock", "September 2019"),
                                                                    ("Head of Early Help", "Dec 2019")]
    # a rating under a progress label is the RAG; words of progress stay progress
    assert (recs[0].rag_raw, recs[0].progress) == ("Amber", "")
    assert recs[1].rag_raw == "" and recs[1].progress.startswith("panel terms of reference")


def test_a_status_word_or_a_wide_gap_before_a_label_ends_the_value_not_the_label():
    for line in ("Owner: Jo Bloggs   Timescale: May 2020   RAG status: Achieved   Progress: Discussed at SLT",
                 "Owner: Jo Bloggs Timescale: May 2020 RAG status: Completed Progress: Discussed at SLT"):
        _, found = read_labels(line)
        assert [(x.label, x.value) for x in found] == [
            ("Owner", "Jo Bloggs"), ("Timescale", "May 2020"), ("RAG status", line.split("RAG status: ")[1].split()[0]),
            ("Progress", "Discussed at SLT")], line
    # words that make a label of their own stay the label's ("Progress rating")
    _, found = read_labels("Owner: Jo Bloggs Progress rating: Green")
    assert [x.label for x in found] == ["Owner", "Progress rating"]


def test_a_label_heading_over_numbered_actions_is_no_theme():
    """'Our planned actions:' set as a heading under the theme's heading introduces the actions:
    the theme is the heading above it."""
    blocks = [Paragraph("Salford City Council – Single Inspection Improvement Plan"),
              Heading("Salford Single Inspection Improvement Plan", level=1), Paragraph("Updated: 28 July 2014"),
              Heading("6 Case recording and systems", level=2), Heading("Our planned actions:", level=3),
              Paragraph("6.1.1 Team managers to check every six months that case summaries are current."),
              Heading("Our planned actions:", level=3),
              Paragraph("6.2.1 Move to the new case management system, with all open cases transferred."),
              Paragraph("6.2.2 Business support officer in every team to free up social work time.")]
    blocks = [dataclasses.replace(b, page=1) for b in blocks]  # both on page 1: no running title
    ex = extract(Document(source="t.pdf", format="pdf", blocks=tuple(blocks)))
    assert [r.theme for r in ex.records] == ["Case recording and systems"] * 3
