"""Rows of a plan's template that are not actions, and action cells whose paragraphs are several
actions beside leads and dates that do not pair with them."""
from actionplans.extract import extract
from actionplans.extract.cell_items import ONE_ACTION_NOTE, UNPAIRED_NOTE, action_items
from actionplans.header_rows import count_styled_header_rows
from actionplans.model import Cell, Document, Row, Table

HEADER = ["Recommendation", "Action to be taken", "Lead", "Target date", "RAG"]
GUIDANCE = ["What did the review recommend?", "What will each agency do to make it happen?", "Which agency leads?",
            "From the date the report is published", "Red\nAmber\nGreen"]
ACTIONS = ("Review the protocol for urgent referrals\nAgree shared wording for how urgent a referral is\n"
           "Ensure outcomes of referrals are sent back to the referrer")


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def test_a_guidance_row_under_the_header_is_no_action():
    t = Table(rows=(Row(cells=tuple(Cell(h) for h in HEADER), is_header=True),
                    Row(cells=tuple(Cell(g, fill="#F2F2F2") for g in GUIDANCE)),
                    Row(cells=(Cell("Recommendation 1: Referral protocols between GPs and the trust are reviewed"),
                               Cell("Write to every practice about the revised protocol"), Cell("Sam Green"),
                               Cell("31/12/2016"), Cell("")))))
    ex = extract(doc(t))
    assert [r.action for r in ex.records] == ["Write to every practice about the revised protocol"]
    assert any("guidance row" in why for _, why in ex.tables[0].dropped)


def test_a_row_of_answers_ending_in_a_question_is_still_an_action():
    """Only a row whose cells mostly ask questions is guidance: one question in a row of details is not."""
    t = Table(rows=(Row(cells=tuple(Cell(h) for h in HEADER), is_header=True),
                    Row(cells=(Cell("Improve the voice of the child"), Cell("Ask children: what would help?"),
                               Cell("Sam Green"), Cell("March 2024"), Cell("G")))))
    assert len(extract(doc(t)).records) == 1


def test_a_pdf_guidance_row_filled_like_the_header_does_not_join_it():
    """A PDF has no header marks: rows set apart by fill are the header, but a row of questions under a
    row of labels is the template's guidance, so the header is the first row alone."""
    labels = [Cell(h, fill="#595959", bold=True) for h in HEADER]
    guidance = [Cell(g, fill="#F2F2F2") for g in GUIDANCE]
    body = [Cell("x"), Cell("Review the protocol"), Cell("Sam Green"), Cell("2016"), Cell("")]
    assert count_styled_header_rows([labels, guidance, body]) == 1
    # headers written as questions ("Who?", "By when?") over a second header line stay one header
    questions = [Cell(t, fill="#595959") for t in ("What?", "How?", "Who?", "By when?", "RAG?")]
    sub = [Cell(t, fill="#595959") for t in ("Why?", "Steps?", "Lead?", "When?", "Status?")]
    assert count_styled_header_rows([questions, sub, body]) == 2


def test_several_actions_beside_several_unpaired_leads_and_dates_are_split():
    """Three actions, two leads written over four lines, four milestone dates: the row is no one
    tracked unit, so each paragraph is an action, with a warning that nothing pairs them."""
    leads = "Ann Lee, Patient Safety Lead\nCounty NHS Trust\nDr Raj Patel, Accountable Officer\nCity CCG"
    dates = "By 31/12/2016\nBy 31/01/2017\nBy 31/01/2017\nBy 31/03/2017"
    items, note = action_items(ACTIONS, leads, dates)
    assert [i.text for i in items] == ACTIONS.split("\n")
    assert note == UNPAIRED_NOTE


def test_several_actions_under_one_lead_and_date_stay_one_action():
    items, note = action_items(ACTIONS, "Head of Service", "March 2017")
    assert len(items) == 1 and note == ONE_ACTION_NOTE
    # the same lead written twice is one lead
    items, note = action_items(ACTIONS, "Head of Service\nHead of Service", "")
    assert len(items) == 1 and note == ONE_ACTION_NOTE


def test_a_title_naming_only_the_columns_is_no_theme():
    """A PDF export turned the caption "Action and progress made" over the table into a heading; it
    says what the table holds, so the theme stays the one above it."""
    from actionplans.model import Heading
    from actionplans.extract.vocabulary import names_columns_only
    assert names_columns_only("Action and progress made") and names_columns_only("Actions, leads and timescales")
    assert not names_columns_only("Leadership and governance") and not names_columns_only("Children in care")
    t = Table(rows=(Row(cells=(Cell("Action"), Cell("Progress")), is_header=True),
                    Row(cells=(Cell("Integrate youth justice audits into the children's QA strategy"),
                               Cell("Completed."))),))
    ex = extract(doc(Heading("Theme 1: Developing quality assurance", level=2),
                     Heading("Action and progress made", level=2), t))
    assert [r.theme for r in ex.records] == ["Theme 1: Developing quality assurance"]


def test_a_header_is_laid_over_recovered_rows_that_disagree_before_their_repair():
    """Rows recovered from a text export, some with cells shifted left (repaired row by row after the
    fit): the earlier header, as wide as the table, is laid on though the cells disagree with it as
    they stand; a table whose cells are exact gets no such benefit of the doubt."""
    from actionplans.extract.columns import fit_columns, map_columns
    from actionplans.extract.grid import Grid
    head = Table(rows=(Row(cells=tuple(Cell(h) for h in ("No", "Ref", "Action", "Timescale", "Lead")),
                           is_header=True),
                       Row(cells=(Cell("1.1"), Cell("IN 1"), Cell("Review the threshold guidance with partners"),
                                  Cell("May 2013"), Cell("Sue Black"))),))
    header = map_columns(Grid(head))
    shifted = Table(rows=tuple(Row(cells=tuple(Cell(t) for t in r)) for r in (
        ("2.1", "Evaluate the effectiveness of supervision for staff", "Dec 2012", "Ann Lee", ""),
        ("2.2", "Set out a statement of vision agreed with partners", "Jan 2013", "Ann Lee", ""),
        ("2.3", "IN 2", "Gain the endorsement of partners for the plan", "Feb 2013", "Jo Ray"))))
    grid = Grid(shifted)
    assert fit_columns(header, grid, reshape=True, rows_repaired=False) is None
    fitted = fit_columns(header, grid, reshape=True, rows_repaired=True)
    assert fitted is not None and fitted.fields == header.fields


def test_a_rag_key_whose_cells_give_the_letter_before_the_colour_is_a_key():
    """'R – Red | Off track…': a key written letter first is the plan's RAG key, not a table of actions
    (its meanings read like progress notes)."""
    from actionplans.model import TableKind
    key = Table(rows=(Row(cells=(Cell("Rating", fill="#002060"), Cell("Meaning", fill="#002060")), is_header=True),
                      Row(cells=(Cell("R – Red"), Cell("Off track; action not achieved by the due date"))),
                      Row(cells=(Cell("A – Amber", fill="#FFA500"), Cell("At risk - work behind schedule"))),
                      Row(cells=(Cell("G – Green"), Cell("Work progressing as expected")))))
    ex = extract(doc(key))
    assert ex.tables[0].kind == TableKind.RAG_KEY and ex.records == ()
    assert ("r", "Red") in ex.side.rag_key and ("amber", "Amber") in ex.side.rag_key
    assert ("#FFA500", "Amber") in ex.side.rag_key


def test_a_heading_said_twice_on_one_page_is_no_running_title():
    """A PDF export gave the caption under a theme heading as the same heading again, on one page: it
    is the theme, not a title running over the pages (which repeats on two pages or more)."""
    from actionplans.model import Heading
    from actionplans.extract.context import running_titles
    theme = "Theme 1: Developing quality assurance"
    assert running_titles([Heading(theme, 1, page=1), Heading(theme, 2, page=1)], None) == set()
    assert running_titles([Heading("Improvement Plan", 1, page=1), Heading("Improvement Plan", 1, page=2)],
                          None) == {"Improvement Plan"}
    t = Table(rows=(Row(cells=(Cell("Action"), Cell("Progress")), is_header=True),
                    Row(cells=(Cell("Integrate youth justice audits into the children's QA strategy"),
                               Cell("Completed."))),), page=1)
    ex = extract(doc(Heading(theme, 1, page=1), Heading(theme, 2, page=1), t))
    assert [r.theme for r in ex.records] == [theme]
