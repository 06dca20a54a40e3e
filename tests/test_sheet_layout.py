"""How a sheet is laid out into the document model (ingest/spreadsheet.py): several tables on one sheet,
columns that show nothing of their own, sections that repeat the header under a title, heading
levels by size. Workbooks built with openpyxl in tmp dirs, in the shapes a converter (LibreOffice
opening a web page) or a person gives a plan's tables on one sheet."""
from __future__ import annotations

from actionplans.ingest.spreadsheet import Sheet, SheetCell, sheet_blocks
from actionplans.ingest.xlsx import read as read_xlsx
from actionplans.model import Heading, Paragraph, Table
from actionplans.pipeline import convert


def _sheet(rows: dict[int, dict[int, SheetCell | str]]) -> Sheet:
    sheet = Sheet(name="Sheet1", index=1)
    for r, cells in rows.items():
        for c, cell in cells.items():
            sheet.cells[(r, c)] = cell if isinstance(cell, SheetCell) else SheetCell(text=cell)
    return sheet


def _kinds(blocks) -> list[str]:
    return [type(b).__name__ for b in blocks]


def test_two_tables_with_no_blank_row_between_are_two_tables():
    # a document-history table on columns A, C, E; a line of text; the action table on A, B, D, F
    sheet = _sheet({
        1: {1: "Document history"},
        2: {1: "Version", 3: "Date", 5: "Author"},
        3: {1: "0.1", 3: "15/05/2020", 5: "A Officer"},
        4: {1: "1.0", 3: "15/08/2020", 5: "B Officer"},
        5: {1: "Detailed action plan"},
        6: {1: "Action", 2: "Lead", 4: "Due", 6: "Progress"},
        7: {1: "Agree the audit tool", 2: "Head of Quality", 4: "June 2024", 6: "Started"},
        8: {1: "Run the first audit", 2: "Head of Quality", 4: "July 2024", 6: "Not started"},
    })
    blocks = sheet_blocks(sheet)
    assert _kinds(blocks) == ["Paragraph", "Table", "Paragraph", "Table"]
    history, actions = blocks[1], blocks[3]
    assert [r.source_row for r in history.rows] == [2, 3, 4]
    assert [r.source_row for r in actions.rows] == [6, 7, 8]
    assert blocks[2].text == "Detailed action plan"


def test_a_full_width_row_inside_a_table_stays_in_it():
    sheet = _sheet({
        1: {1: "Action", 2: "Lead", 3: "Due"},
        2: {1: SheetCell(text="1 Improve supervision", colspan=3)},
        3: {1: "Agree the audit tool", 2: "Head of Quality", 3: "June 2024"},
        4: {1: SheetCell(text="2 Improve plans", colspan=3)},
        5: {1: "Run the first audit", 2: "Head of Quality", 3: "July 2024"},
    })
    blocks = sheet_blocks(sheet)
    assert _kinds(blocks) == ["Table"]
    assert [r.source_row for r in blocks[0].rows] == [1, 2, 3, 4, 5]
    assert blocks[0].rows[1].cells[0].colspan == 3


def test_a_column_only_merges_reach_into_is_no_column():
    # the header "RAG" merged over E:F above values and fills in E only; a title merged across
    green = "#00B050"
    sheet = _sheet({
        1: {1: SheetCell(text="Ref", bold=True), 2: SheetCell(text="Action", bold=True),
            3: SheetCell(text="Lead", colspan=2, bold=True), 5: SheetCell(text="RAG", colspan=2, bold=True)},
        2: {1: "1", 2: "Agree the audit tool", 3: "Head of Quality", 5: SheetCell(fill=green)},
        3: {1: "2", 2: "Run the first audit", 3: "Head of Quality", 5: SheetCell(text="A")},
    })
    (table,) = sheet_blocks(sheet)
    assert table.n_cols == 4
    header = table.rows[0].cells
    assert [c.text for c in header] == ["Ref", "Action", "Lead", "RAG"]
    assert [c.colspan for c in header] == [1, 1, 1, 1]
    assert table.rows[1].cells[3].fill == green and table.rows[2].cells[3].text == "A"


def test_a_column_of_fills_only_is_kept():
    # a RAG column whose cells have only a colour (and a header) is a column
    sheet = _sheet({
        1: {1: "Action", 2: "Lead", 3: "RAG"},
        2: {1: "Agree the audit tool", 2: "Head of Quality", 3: SheetCell(fill="#FF0000")},
        3: {1: "Run the first audit", 2: "Head of Quality"},
    })
    (table,) = sheet_blocks(sheet)
    assert table.n_cols == 3 and table.rows[1].cells[2].fill == "#FF0000"


def test_a_header_repeated_under_a_title_starts_a_new_table():
    header = {1: "Ref", 2: "Action", 3: "Lead"}
    sheet = _sheet({
        1: {1: "Short-term actions"},
        2: dict(header),
        3: {1: "1", 2: "Agree the audit tool", 3: "Head of Quality"},
        4: {1: "Medium-term actions"},
        5: dict(header),
        6: {1: "2", 2: "Run the first audit", 3: "Head of Quality"},
    })
    blocks = sheet_blocks(sheet)
    assert _kinds(blocks) == ["Paragraph", "Table", "Paragraph", "Table"]
    assert blocks[2].text == "Medium-term actions"
    assert [r.source_row for r in blocks[3].rows] == [5, 6]


def test_a_header_looking_row_under_a_title_starts_a_new_table():
    # the glossary below the actions: its own bold header, the same two columns
    def bold(text):
        return SheetCell(text=text, bold=True)

    sheet = _sheet({
        1: {1: bold("Action"), 2: bold("Comments")},
        2: {1: "Agree the audit tool", 2: "Started"},
        3: {1: "Run the first audit", 2: "Not started"},
        4: {1: bold("Glossary")},
        5: {1: bold("Abbreviation"), 2: bold("Full title")},
        6: {1: "IRO", 2: "Independent Reviewing Officer"},
    })
    blocks = sheet_blocks(sheet)
    assert _kinds(blocks) == ["Table", "Paragraph", "Table"]
    assert blocks[2].rows[0].cells[0].text == "Abbreviation"


def test_rows_under_a_title_that_do_not_start_with_a_header_carry_the_table_on():
    # all rows alike (no header look): a line between two parts of the same columns is the table's
    sheet = _sheet({
        1: {1: "Action", 2: "Comments"},
        2: {1: "Agree the audit tool", 2: "Started"},
        3: {1: "Recommendation 2"},
        4: {1: "Run the first audit", 2: "Not started"},
    })
    blocks = sheet_blocks(sheet)
    assert _kinds(blocks) == ["Table"]
    assert [r.source_row for r in blocks[0].rows] == [1, 2, 3, 4]


def test_heading_levels_follow_the_sizes():
    def sized(text, size, bold=True):
        return SheetCell(text=text, size=size, bold=bold)

    sheet = _sheet({
        1: {1: sized("Action plan", 22)},
        2: {1: sized("1. Homeless young people", 16)},
        3: {1: sized("Ensure that homeless young people are assessed", 12)},
        4: {1: sized("Provide young people with written advice.", 10, bold=False)},
        5: {1: sized("2. Care leavers", 16)},
        6: {1: sized("Another line of body text here.", 10, bold=False)},
        7: {1: sized("And one more line of body text.", 10, bold=False)},
        8: {1: sized("And the last line of body text.", 10, bold=False)},
        9: {1: sized("A note under the plan.", 10, bold=False)},
    })
    blocks = sheet_blocks(sheet)
    got = [(type(b).__name__, getattr(b, "level", None)) for b in blocks]
    assert got == [("Heading", 1), ("Heading", 2), ("Heading", 3), ("Paragraph", None), ("Heading", 2),
                   ("Paragraph", None), ("Paragraph", None), ("Paragraph", None), ("Paragraph", None)]


def test_a_plan_saved_from_a_web_page_as_one_sheet_converts(tmp_path):
    """The shape LibreOffice gives a web page's plan: every table on one sheet in one grid of columns
    (cells merged over several), headings as larger text, each section's table under its title with
    its header repeated, a glossary below; no blank rows between."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    big, mid = Font(size=16, bold=True), Font(size=12, bold=True)
    head = Font(size=10, bold=True)
    fills = {"R": "FF0000", "G": "00B050"}

    def put(row, col, text, font=None, span=1, fill=None):
        cell = ws.cell(row, col, text)
        if font:
            cell.font = font
        if fill:
            cell.fill = PatternFill("solid", fgColor=fills[fill])
        if span > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + span - 1)

    put(1, 1, "Improvement Plan", Font(size=22, bold=True), span=8)
    put(2, 1, "Version", head, span=2); put(2, 3, "Author", head, span=3); put(2, 6, "Comments", head, span=3)
    put(3, 1, "1.0", span=2); put(3, 3, "A Officer", span=3); put(3, 6, "Final", span=3)
    sections = [("1. Early help", [("Agree the early help audit tool", "Head of Early Help", "June 2024", "G"),
                                   ("Train all early help staff in the new assessment", "Workforce Lead", "July 2024", "R")]),
                ("2. Care leavers", [("Publish the local offer for care leavers", "Head of Leaving Care", "May 2024", "G")])]
    r = 4
    for title, actions in sections:
        put(r, 1, title, big, span=8)
        put(r + 1, 1, "Action", head, span=3); put(r + 1, 4, "Lead", head, span=2)
        put(r + 1, 6, "Due", head); put(r + 1, 7, "RAG", head, span=2)
        r += 2
        for action, lead, due, rag in actions:
            put(r, 1, action, span=3); put(r, 4, lead, span=2); put(r, 6, due); put(r, 7, None, fill=rag)
            r += 1
    put(r, 1, "Glossary", mid, span=8)
    put(r + 1, 1, "Abbreviation", head, span=3); put(r + 1, 4, "Full title", head, span=5)
    put(r + 2, 1, "IRO", span=3); put(r + 2, 4, "Independent Reviewing Officer", span=5)
    wb.save(tmp_path / "web.xlsx")

    doc = read_xlsx(tmp_path / "web.xlsx")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 4  # history, two sections, glossary
    assert [t.n_cols for t in tables] == [3, 4, 4, 2]
    assert [b.text for b in doc.blocks if isinstance(b, Heading)][:3] == ["Improvement Plan", "1. Early help",
                                                                         "2. Care leavers"]
    df = convert([str(tmp_path / "web.xlsx")], jobs=0).fillna("")
    got = [(row.theme, row.action, str(row.due_start)[:10], row.rag) for row in df.itertuples()]  # a date or its text
    assert got == [("1. Early help", "Agree the early help audit tool", "2024-06-01", "Green"),
                   ("1. Early help", "Train all early help staff in the new assessment", "2024-07-01", "Red"),
                   ("2. Care leavers", "Publish the local offer for care leavers", "2024-05-01", "Green")]
    assert not any(isinstance(b, Paragraph) and b.text == "Abbreviation" for b in doc.blocks)


def test_a_long_run_of_text_between_two_tables_of_the_same_columns_keeps_them_apart():
    # a RAG key, the plan written as lines of text, and a glossary: both tables on columns A and B
    rows = {1: {1: "Red", 2: "Off track"}, 2: {1: "Green", 2: "On track"}, 3: {1: "Key to ratings"}}
    for r in range(4, 14):
        rows[r] = {1: f"{r - 3}. An action written as a line of text, with its lead"}
    rows[14] = {1: "IRO", 2: "Independent Reviewing Officer"}
    rows[15] = {1: "LSCB", 2: "Local Safeguarding Children Board"}
    blocks = sheet_blocks(_sheet(rows))
    assert _kinds(blocks) == ["Table"] + ["Paragraph"] * 11 + ["Table"]
    assert [r.source_row for r in blocks[-1].rows] == [14, 15]
