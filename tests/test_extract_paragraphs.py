"""Plans with no action table whose actions are numbered paragraphs under area headings
(extract/paragraphs.py), on layouts built here: no lead at all, leads at the end of the paragraph,
leads as labelled lines under some actions only, Word's own numbering; and the numbered narrative
of reports and contents lists, which must give nothing."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from actionplans.extract import extract
from actionplans.extract.labels import inline_tail
from actionplans.extract.paragraphs import NUMBERED_PARAS_NOTE, action_reading
from actionplans.ingest import read
from actionplans.model import Cell, Document, Heading, ListItem, Paragraph, Row, Table
from actionplans.normalise import normalise


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def P(text, bold=False):
    return Paragraph(text=text, bold=bold)


def records(d):
    return list(extract(d).records)


def _narrative():
    """A report's opening: numbered sections whose numbered paragraphs say what has happened."""
    return (
        Heading("1. Purpose of this report", level=2),
        P("1.1 This report updates the scrutiny committee on the improvement programme since January."),
        P("1.2 The committee is asked to note the progress that has been made."),
        Heading("2. Background", level=2),
        P("2.1 The inspection took place in October and the report was published in December."),
        P("2.2 An improvement board was established and has met every month since then."),
        P("2.3 Staff were consulted on the draft plan through team briefings and a survey."),
    )


# -- the action level -----------------------------------------------------------------------------

def test_depth_three_paragraphs_under_area_headings_without_leads():
    d = doc(
        *_narrative(),
        Heading("Our plan", level=1),
        Heading("7 Early help", level=2),
        P("7.1 What we will do", bold=True),
        P("7.1.1 Refresh the early help assessment with schools and health visitors."),
        P("7.1.2 Train lead professionals in writing outcome-focused plans."),
        P("Our actions:", bold=True),
        P("7.2.1 Publish an early help offer for families on the council website."),
        Heading("8 Missing children", level=2),
        P("8.1.1 Return interviews offered within three days of a child coming home."),
        P("8.1.1 Monthly missing panel chaired by the police and social care."),  # a number typed twice
        Heading("Glossary", level=2),
        Table(rows=(Row(cells=(Cell(text="CSE"), Cell(text="Child sexual exploitation"))),)),
    )
    recs = records(d)
    assert [r.action_ref for r in recs] == ["7.1.1", "7.1.2", "7.2.1", "8.1.1", "8.1.1"]
    assert [r.theme for r in recs] == ["Early help"] * 3 + ["Missing children"] * 2
    assert recs[0].action == "Refresh the early help assessment with schools and health visitors."
    # the line introducing the actions is neither theme nor recommendation
    assert all(r.recommendation == "" and r.recommendation_ref == "" for r in recs)
    assert all(NUMBERED_PARAS_NOTE in w and "no lead, date or RAG" in w for r in recs for w in r.warnings)
    assert all((r.owner_raw, r.due_raw, r.rag_raw) == ("", "", "") for r in recs)


def test_depth_two_actions_under_unnumbered_headings_and_a_sentence_over_a_group():
    d = doc(
        Heading("Leaving care", level=2),
        P("Actions we will take:"),
        P("3.1 Every care leaver offered a personal adviser before their eighteenth birthday."),
        P("3.2 The corporate parenting board to review the local offer each year."),
        Heading("Fostering", level=2),
        P("4. Recruit and keep enough foster carers so that children can live close to home."),
        P("4.1 Run a recruitment campaign with the neighbouring councils."),
        P("4.2 Review the allowances paid to connected carers."),
    )
    recs = records(d)
    assert [(r.action_ref, r.theme) for r in recs] == [
        ("3.1", "Leaving care"), ("3.2", "Leaving care"), ("4.1", "Fostering"), ("4.2", "Fostering")]
    assert recs[0].recommendation == ""
    assert (recs[2].recommendation_ref, recs[2].recommendation) == (
        "4", "Recruit and keep enough foster carers so that children can live close to home.")


def test_area_titles_as_numbered_paragraphs_and_a_sentence_between_actions():
    d = doc(
        Heading("Detailed plan", level=1),
        P("2. Care leavers", bold=True),
        P("Ofsted found that too few care leavers are in education, employment or training."),
        P("2.1 Offer every care leaver an apprenticeship interview with the council."),
        P("2.2 Track education, employment and training monthly at the corporate parenting board."),
        P("3. Private fostering", bold=True),
        P("3.1 Run an awareness campaign with schools and GP practices."),
        P("This builds on the campaign run with the housing department last year and its findings."),
        P("3.2 Visit every notified arrangement within seven days."),
    )
    recs = records(d)
    assert [(r.action_ref, r.theme) for r in recs] == [
        ("2.1", "Care leavers"), ("2.2", "Care leavers"), ("3.1", "Private fostering"), ("3.2", "Private fostering")]
    # the sentence over the group's first action is its recommendation; one between actions is not
    assert recs[0].recommendation.startswith("Ofsted found") and recs[1].recommendation.startswith("Ofsted found")
    assert recs[2].recommendation == recs[3].recommendation == ""


def test_numbered_narrative_and_a_contents_list_give_nothing():
    contents = (Heading("Contents", level=2), P("1.1 Purpose of this report 2"), P("1.2 Background 3"),
                P("2.1 Next steps 4"))
    assert records(doc(*contents, *_narrative())) == []
    # the same narrative before a plan's actions: the actions alone are read
    d = doc(*_narrative(), Heading("3. Next steps", level=2),
            P("3.1 Agree the revised threshold document with partner agencies."),
            P("3.2 Introduce a weekly tracker of children subject to a plan for more than a year."))
    assert [r.action_ref for r in records(d)] == ["3.1", "3.2"]


def test_a_plan_with_an_action_table_reads_no_numbered_paragraphs():
    table = Table(rows=(Row(cells=(Cell(text="Action"), Cell(text="Lead"), Cell(text="Target date")), is_header=True),
                        Row(cells=(Cell(text="Audit twenty case files each month."), Cell(text="Head of QA"),
                                   Cell(text="May 2016")))))
    d = doc(Heading("5 Audit", level=2), P("5.1 Refresh the audit tool with partners."),
            P("5.2 Share the learning from audits at a practice week."), table)
    assert [r.action for r in records(d)] == ["Audit twenty case files each month."]


def test_action_reading():
    assert action_reading("Commission an advocacy service for disabled children.") == 1.0
    assert action_reading("The safeguarding board to review its sub-groups.") == 1.0
    assert action_reading("Quarterly audit of strategy discussions by the QA team") == 0.5
    assert action_reading("Caseloads have fallen in every team since the spring.") == 0.0


# -- leads ------------------------------------------------------------------------------------------

def test_inline_tails_are_read_through_the_label_vocabulary():
    body, labels = inline_tail("Set up a multi-agency neglect panel. (Accountable officer: R Okoye (Police); "
                               "Deadline: Q2 2019/20)")
    assert body == "Set up a multi-agency neglect panel."
    assert [(lab.fields[0], lab.value) for lab in labels] == [("owner", "R Okoye (Police)"), ("due", "Q2 2019/20")]
    # brackets that hold no lead or date are part of the action
    text = "Publish the neglect toolkit (see appendix 3: the pilot results)."
    assert inline_tail(text) == (text, [])


def test_inline_leads_at_the_end_of_numbered_paragraphs():
    d = doc(
        Heading("2. Neglect", level=2),
        P("2.1.1 Set up a multi-agency neglect panel. [Responsible officer: Dana Whitlock – September 2019]"),
        P("2.1.2 Relaunch the graded care profile with health visitors. (Owner: Head of Early Help. "
          "By when: December 2019)"),
        P("2.1.3 Audit the use of the graded care profile in child in need plans."),
    )
    recs = records(d)
    assert [r.action for r in recs] == ["Set up a multi-agency neglect panel.",
                                        "Relaunch the graded care profile with health visitors.",
                                        "Audit the use of the graded care profile in child in need plans."]
    assert recs[1].owner_raw.rstrip(".") == "Head of Early Help" and recs[1].due_raw == "December 2019"
    assert not any("no lead" in w for w in recs[0].warnings) and any("no lead" in w for w in recs[2].warnings)
    first = normalise(extract(d))[0]
    assert first.owners == "Dana Whitlock" and first.due_start.startswith("2019-09")


def test_label_lines_under_some_actions_only_keep_every_action():
    d = doc(
        Heading("4 Workforce", level=2),
        P("4.1.1 Recruit six permanent team managers."),
        P("Lead: HR Business Partner"),
        P("Timescale: March 2018"),
        P("4.1.2 Introduce a career pathway for newly qualified social workers."),
        P("4.1.3 Offer exit interviews to every leaver."),
        P("Lead: Principal Social Worker"),
        P("Progress: Amber"),
    )
    recs = records(d)
    assert [r.action_ref for r in recs] == ["4.1.1", "4.1.2", "4.1.3"]
    assert [(r.owner_raw, r.due_raw, r.rag_raw) for r in recs] == [
        ("HR Business Partner", "March 2018", ""), ("", "", ""), ("Principal Social Worker", "", "Amber")]


# -- Word's own numbering ------------------------------------------------------------------------

W = nsdecls("w")
_MULTILEVEL = f"""<w:root {W}>
<w:abstractNum w:abstractNumId="80">
  <w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
</w:abstractNum>
<w:num w:numId="80"><w:abstractNumId w:val="80"/></w:num>
</w:root>"""


def _numbered(document, text, level):
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="80"/></w:numPr>'))


def test_docx_auto_numbered_action_paragraphs(tmp_path: Path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for el in parse_xml(_MULTILEVEL):
        numbering.append(el)
    document.add_heading("Improvement plan", level=1)
    _numbered(document, "Private fostering", 0)
    _numbered(document, "Our actions", 1)
    _numbered(document, "Raise awareness of private fostering with schools and GPs.", 2)
    _numbered(document, "Visit every notified arrangement within seven days.", 2)
    _numbered(document, "Disabled children", 0)
    _numbered(document, "Our actions", 1)
    _numbered(document, "Agree a transitions protocol with adult social care.", 2)
    path = tmp_path / "auto.docx"
    document.save(path)

    recs = records(read(path))
    assert [r.action_ref for r in recs] == ["5.1.1", "5.1.2", "6.1.1"]
    assert [r.theme for r in recs] == ["Private fostering", "Private fostering", "Disabled children"]
    assert recs[2].action == "Agree a transitions protocol with adult social care."
