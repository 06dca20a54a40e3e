"""Numbering and captions in table plans, on layouts no sample has: recommendations grouped under
time-band titles with a narrow compound-ref column sharing the recommendation's header cell, and
one table cut into numbered sections ("7.2 Early help" over 7.2.1, 7.2.2)."""
from actionplans.extract import extract
from actionplans.extract.context import caption_text, is_caption, is_enumerator
from actionplans.header_rows import count_styled_header_rows
from actionplans.model import Cell, Document, Heading, Paragraph, Row, Table

HEADER = [Cell("Recommendation", colspan=2), None, Cell("Actions"), Cell("Lead"), Cell("By when")]


def table(rows, header_rows=1):
    return Table(rows=tuple(Row(cells=tuple(c if isinstance(c, Cell) or c is None else Cell(c) for c in r),
                                is_header=i < header_rows) for i, r in enumerate(rows)))


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


def band_table(ref, recommendation, actions):
    """Rows under the shared "Recommendation" header: the ref and the text merged down over the actions."""
    rows = [HEADER]
    for k, (action, lead, when) in enumerate(actions):
        if k == 0:
            rows.append([Cell(ref, rowspan=len(actions)), Cell(recommendation, rowspan=len(actions)),
                         action, lead, when])
        else:
            rows.append([None, None, action, lead, when])
    return table(rows)


BAND_1 = band_table("5 (iv)", "Strengthen the oversight of private fostering arrangements by managers",
                    [("Publish a leaflet for schools and GP surgeries", "Head of Fostering", "June 2019"),
                     ("Audit every notification received in the quarter", "QA Manager", "July 2019")])
BAND_2 = band_table("6(ii)", "Make sure that return interviews are offered to every missing child",
                    [("Commission an independent return interview service", "Commissioning Lead", "Sept 2019"),
                     ("Report take-up of interviews to the partnership", "Performance Officer", "Oct 2019")])


def test_compound_ref_in_a_narrow_column_under_the_recommendation_header_is_its_ref():
    ex = extract(doc(Heading("Delivery plan"), Paragraph("LONGER-TERM PRIORITIES (WITHIN 12 MONTHS).", bold=True),
                     BAND_1))
    cols = dict(ex.tables[0].columns)
    assert [f for _, f in ex.tables[0].columns][:3] == ["recommendation_ref", "recommendation", "action"], cols
    assert [r.recommendation_ref for r in ex.records] == ["5 (iv)", "5 (iv)"]
    assert all(r.recommendation.startswith("Strengthen the oversight") for r in ex.records)
    assert [r.action[:12] for r in ex.records] == ["Publish a le", "Audit every "]


def test_band_title_in_capitals_with_a_full_stop_is_the_theme_and_an_enumerator_line_is_not():
    """A bold "(B)" before the band title, and a heading "(C)" before the next band: neither
    names the group; each band title is the theme of its own table, without its full stop."""
    ex = extract(doc(Heading("Delivery plan"),
                     Paragraph("(B)", bold=True),
                     Paragraph("The recommendations are grouped by the timescale the inspectors set."),
                     Paragraph("LONGER-TERM PRIORITIES (WITHIN 12 MONTHS).", bold=True),
                     BAND_1,
                     Heading("(C)", level=2),
                     Paragraph("ONGOING PRIORITIES.", bold=True),
                     BAND_2))
    themes = [r.theme for r in ex.records]
    assert themes == ["LONGER-TERM PRIORITIES (WITHIN 12 MONTHS)"] * 2 + ["ONGOING PRIORITIES"] * 2
    assert [r.recommendation_ref for r in ex.records][2:] == ["6(ii)", "6(ii)"]


def test_enumerator_and_caption_lines():
    for line in ("(A)", "A.", "(1)", "Part A", "Section 2", "2 (i)", "iv)"):
        assert is_enumerator(line) and not is_caption(line, bold=True), line
    assert not is_enumerator("EARLY HELP") and is_caption("EARLY HELP", bold=False)
    assert is_caption("SHORT-TERM PRIORITIES (WITHIN 3 MONTHS).", bold=False)
    assert caption_text("SHORT-TERM PRIORITIES (WITHIN 3 MONTHS).") == "SHORT-TERM PRIORITIES (WITHIN 3 MONTHS)"
    # a sentence in capitals ending with a full stop is no title
    assert not is_caption("ALL TEAM MANAGERS WILL COMPLETE THE AUDIT TRAINING BY MARCH.", bold=True)


def section_plan(second_section):
    rows = [["", "Key tasks", "Responsible officer", "Deadline", "Update"],
            [Cell("7.2 Early help", colspan=5), None, None, None, None],
            ["7.2.1", "Launch a single early help assessment across partners", "Early Help Manager", "May 2020",
             "Drafted"],
            ["7.2.2", "Recruit family support workers for the two localities", "Head of Early Help", "June 2020",
             "Advertised"],
            second_section,
            ["7.3.1", "Train school nurses in the neglect toolkit", "Named Nurse", "July 2020", "Booked"]]
    return doc(Heading("7. Partnership delivery plan"), table(rows))


def test_numbered_section_rows_are_the_themes_and_the_heading_above_is_not():
    ex = extract(section_plan(["7.3", Cell("Health", colspan=4), None, None, None]))
    assert [(r.action_ref, r.theme) for r in ex.records] == [
        ("7.2.1", "Early help"), ("7.2.2", "Early help"), ("7.3.1", "Health")]
    assert not any(r.recommendation or r.recommendation_ref for r in ex.records)


def test_unmerged_section_number_and_name_over_its_numbered_rows():
    """The name not merged across: the row holds only "7.3" and "Health", and the row below is 7.3.1."""
    ex = extract(section_plan(["7.3", "Health", "", "", ""]))
    assert [(r.action_ref, r.theme) for r in ex.records][-1] == ("7.3.1", "Health")
    assert len(ex.records) == 3


def test_a_numbered_sentence_row_stays_a_recommendation():
    ex = extract(section_plan([Cell("7.3 Ensure that every child at risk of neglect is seen by a health visitor "
                                    "within ten working days", colspan=5), None, None, None, None]))
    last = ex.records[-1]
    assert last.recommendation_ref == "7.3" and last.recommendation.startswith("Ensure that every child")


def test_styled_header_stops_at_a_numbered_section_row():
    """PDF: header rows are found by style; a filled "10.1 | Health" row spanning the table is
    a section row, not a second header line."""
    filled = "#BDD7EE"
    rows = [[Cell("", fill=filled), Cell("Task", fill=filled), Cell("Lead", fill=filled), Cell("Date", fill=filled)],
            [Cell("10.1", fill=filled), Cell("Health", colspan=3, fill=filled), None, None],
            [Cell("10.1.1"), Cell("Audit health assessments"), Cell("Named Nurse"), Cell("May 2021")]]
    assert count_styled_header_rows(rows) == 1


def test_recommendation_cell_cut_by_a_page_break_carries_on():
    """PDF: the merged "13 (iv)" cell cut by the page break leaves "13" and the start of the
    recommendation on one page, "(iv)" and the rest of its sentence (in lower case) over the
    next page's rows: one recommendation, its ref and text joined, on every action."""
    page_1 = band_table("13", "Ensure that care leavers are",
                        [("Agree a joint health protocol with the clinical commissioning group", "Head of Health",
                          "Feb 2011")])
    rows = [HEADER, [Cell("(iv)", rowspan=2), Cell("given the support they need with their health.", rowspan=2),
                     "Use the questionnaire at every review", "Designated Nurse", "Mar 2011"],
            [None, None, "Report the take-up of health passports", "Performance Officer", "Apr 2011"]]
    page_2 = Table(rows=tuple(Row(cells=tuple(c if isinstance(c, Cell) or c is None else Cell(c) for c in r),
                                  is_header=i == 0) for i, r in enumerate(rows)), continues_previous=True)
    ex = extract(doc(Paragraph("ONGOING PRIORITIES.", bold=True), page_1, page_2))
    assert [r.recommendation_ref for r in ex.records] == ["13 (iv)"] * 3
    assert all(r.recommendation == "Ensure that care leavers are given the support they need with their health."
               for r in ex.records)
