"""The PDF reader on PDFs drawn here, page by page (text, rules and fills placed by hand), for
layouts no fixture has: running titles that the first page also prints as its title, tables
nested in a cell, tables carried over pages by their column lines alone; and the header of a
table laid over its continuation only where the cells agree with it. Each PDF is read by
both engines."""
from __future__ import annotations

from pathlib import Path

import pytest

from actionplans.extract.columns import ColumnMap, fit_columns, refit_agrees
from actionplans.extract.grid import Grid
from actionplans.extract.table_info import RowValues
from actionplans.ingest.pdf import read
from actionplans.ingest.pdf.engines import ENGINES
from actionplans.ingest.pdf.settings import DEFAULT
from actionplans.ingest.pdf.tables import PageTable, PlacedCell
from actionplans.ingest.pdf.source import Glyphs
from actionplans.ingest.pdf.continuation import Placed, is_cut_row, join_tables, sentence_stops
from actionplans.ingest.pdf.text import WORD_BREAK, block_text, group_lines, read_word_breaks, typed_label
from actionplans.model import Cell, Heading, Row, Table

PAGE_W, PAGE_H = 595.0, 842.0
GREEN, AMBER = (0.0, 0.69, 0.31), (1.0, 0.75, 0.0)


def _escaped(s: str) -> bytes:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


class Page:
    """One A4 page's drawing, in top-down coordinates (Helvetica as /F1, its bold as /F2)."""

    def __init__(self):
        self.ops: list[bytes] = []

    def text(self, x: float, top: float, s: str, size: float = 9.0, bold: bool = False) -> "Page":
        y = PAGE_H - top - size * 0.8
        self.ops.append(b"BT %s %.2f Tf %.2f %.2f Td (%s) Tj ET" % (b"/F2" if bold else b"/F1", size, x, y, _escaped(s)))
        return self

    def rule(self, x0: float, top: float, x1: float, bottom: float) -> "Page":
        self.ops.append(b"0.5 w %.2f %.2f m %.2f %.2f l S" % (x0, PAGE_H - top, x1, PAGE_H - bottom))
        return self

    def grid(self, xs, ys) -> "Page":
        for y in ys:
            self.rule(xs[0], y, xs[-1], y)
        for x in xs:
            self.rule(x, ys[0], x, ys[-1])
        return self

    def fill(self, x0: float, top: float, x1: float, bottom: float, rgb) -> "Page":
        self.ops.insert(0, b"%.3f %.3f %.3f rg %.2f %.2f %.2f %.2f re f 0 0 0 rg"
                        % (*rgb, x0, PAGE_H - bottom, x1 - x0, bottom - top))  # under the text and rules
        return self


def write_pdf(path: Path, pages: list[Page]) -> Path:
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    for page in pages:
        body = b"\n".join(page.ops)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R "
                       b"/F2 4 0 R >> >> /Contents %d 0 R >>" % (PAGE_W, PAGE_H, len(objects) + 2))
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    path.write_bytes(out + b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return path


def _row(page: Page, xs, top: float, bottom: float, cells, fill=None, bold: bool = False) -> None:
    for x, text in zip(xs, cells):
        for k, line in enumerate(text.split("\n")):
            page.text(x + 3, top + 3 + 12 * k, line, bold=bold)
    if fill:  # the last cell shaded
        page.fill(xs[-2], top, xs[-1], bottom, fill)


def _blocks(doc) -> list[tuple[str, str]]:
    return [(type(b).__name__, b.text) for b in doc.blocks if not isinstance(b, Table)]


# --- running titles ---------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_running_title_printed_large_on_page_one_is_furniture_on_every_page(tmp_path, engine):
    """The running title (small, at the top of every page) has the words of the title that
    page 1 prints large lower down; on page 2 the body's first line reaches a point into the
    running title's box. The running title is furniture on every page; the large title stays."""
    first = (Page().text(50, 30, "Ofsted Improvement Plan", 8).text(50, 60, "Ofsted Improvement Plan", 20)
             .text(50, 100, "This plan sets out what we will do."))
    second = Page().text(50, 30, "Ofsted Improvement Plan", 8).text(50, 37.5, "Our priorities for the year ahead.")
    third = Page().text(50, 30, "Ofsted Improvement Plan", 8).text(50, 80, "How we will know.")
    doc = read(write_pdf(tmp_path / "title.pdf", [first, second, third]), engine=engine)
    blocks = _blocks(doc)
    assert blocks[:2] == [("Heading", "Ofsted Improvement Plan"), ("Paragraph", "This plan sets out what we will do.")]
    rest = " ".join(text for _, text in blocks[2:])
    assert rest == "Our priorities for the year ahead. How we will know."


# --- a table nested in a cell, a table carried over by its columns ----------------------------------

XS = (40.0, 90.0, 300.0, 420.0, 520.0, 555.0)
HEAD = ("Ref", "Milestone", "Lead", "Commentary", "RAG")


def _milestones(tmp_path: Path, nested: bool = True, repeat_header: bool = False) -> Path:
    """A table of milestones filling page 1, its RAG shown by fill alone, with a small table
    of figures drawn in one commentary cell; its rows go on at the top of page 2 (under the
    header again when ``repeat_header``)."""
    first = Page().text(40, 40, "Improvement Plan", 18)
    _row(first, XS, 100, 120, HEAD, bold=True)
    ys, top = [100.0, 120.0], 120.0
    for i in range(1, 11):
        _row(first, XS, top, top + 66, (f"1.{i}", f"Revised policy number {i}\nsigned off by the board", "Head of Service",
                              "Audit done in May.", ""), GREEN if i % 2 else AMBER)
        if nested and i == 2:
            first.grid((425.0, 470.0, 515.0), (top + 18, top + 32, top + 46))
            first.text(427, top + 20, "Quarter", 8).text(472, top + 20, "Actual", 8)
            first.text(427, top + 34, "Q1", 8).text(472, top + 34, "50%", 8)
        top += 66
        ys.append(top)
    first.grid(XS, ys)
    second = Page()
    ys, top = [40.0], 40.0
    if repeat_header:
        _row(second, XS, top, top + 20, HEAD, bold=True)
        top += 20
        ys.append(top)
    for i in range(11, 14):
        _row(second, XS, top, top + 40, (f"1.{i}", f"Training programme {i}\ndelivered to all staff", "Principal Social Worker",
                               "On track.", ""), GREEN)
        top += 40
        ys.append(top)
    second.grid(XS, ys)
    return write_pdf(tmp_path / "milestones.pdf", [first, second])


@pytest.mark.parametrize("engine", ENGINES)
def test_table_nested_in_a_cell_is_the_cells_not_the_pages(tmp_path, engine):
    doc = read(_milestones(tmp_path), engine=engine)
    first, second = doc.tables
    assert (first.page, second.page) == (1, 2)
    assert second.continues_previous
    cell = first.rows[2].cells[3]
    assert cell.text == "Audit done in May."  # the figures are the nested table's, not the cell's text
    (inner,) = cell.tables
    assert [[c.text for c in r.cells] for r in inner.rows] == [["Quarter", "Actual"], ["Q1", "50%"]]
    assert all(not c.tables for r in (*first.rows[:2], *first.rows[3:]) for c in r.cells if c is not None)


@pytest.mark.parametrize("repeat_header", [False, True])
def test_table_over_a_page_break_by_its_columns_header_repeated_or_not(tmp_path, repeat_header):
    doc = read(_milestones(tmp_path, nested=False, repeat_header=repeat_header))
    first, second = doc.tables
    assert second.continues_previous
    assert second.rows[0].repeated_header is repeat_header
    assert [r.cells[-1].fill for r in second.rows if not r.is_header] == ["#00B04F"] * 3


# --- the header laid over a continuation -----------------------------------------------------------


def _table(rows: list[list[str]], fills: dict[tuple[int, int], str] = {}) -> Table:
    return Table(rows=tuple(Row(cells=tuple(Cell(t, fill=fills.get((r, c))) for c, t in enumerate(cells)))
                            for r, cells in enumerate(rows)))


HEADER = ColumnMap(header_rows=0, headers=("Ref", "Action", "Lead", "Deadline", "RAG"),
                   fields=("action_ref", "action", "owner", "due", "rag"), how=("header",) * 5)
BODY = [["2.1", "Revise the supervision policy and train every manager in it", "Head of Service", "March 2021", ""],
        ["2.2", "Audit fifty case files a quarter and report the findings to the board", "PSW", "June 2021", ""],
        ["2.3", "Publish the local offer for care leavers on the council website", "AD Safeguarding", "July 2021", ""]]


def test_header_fits_a_continuation_whose_rag_column_holds_fills_only():
    fills = {(r, 4): "#00B050" for r in range(3)}
    fitted = fit_columns(HEADER, Grid(_table(BODY, fills)), reshape=True)
    assert fitted is not None and fitted.fields == HEADER.fields


def test_header_fits_a_continuation_whose_last_column_is_empty_on_that_page():
    fitted = fit_columns(HEADER, Grid(_table(BODY)), reshape=True)
    assert fitted is not None and fitted.fields == HEADER.fields


def test_refit_refused_where_the_cells_disagree_with_the_header():
    # the same header over a body whose columns run in another order: dates under "Action",
    # prose under "Deadline"
    shifted = [[r[0], r[3], r[2], r[1], r[4]] for r in BODY]
    assert not refit_agrees(HEADER.fields, Grid(_table(shifted)))
    assert fit_columns(HEADER, Grid(_table(shifted)), reshape=True) is None
    assert fit_columns(HEADER, Grid(_table(shifted)), reshape=False) is None
    assert refit_agrees(HEADER.fields, Grid(_table(BODY)))
    # a lead column of long role lists is still a lead column; one of actions is not
    roles = [r[:2] + ["Head of Service (Children in Care) and Principal Social Worker, with the IRO service"] + r[3:]
             for r in BODY]
    assert refit_agrees(HEADER.fields, Grid(_table(roles)))
    acts = [r[:2] + ["Review the plan with partners and agree the next steps"] + r[3:] for r in BODY]
    assert not refit_agrees(HEADER.fields, Grid(_table(acts)))
    # one cell says nothing either way
    assert refit_agrees(HEADER.fields, Grid(_table([["2.4", "June 2021", "PSW", "Train the staff in it all", ""]])))


# --- text in narrow cells ---------------------------------------------------------------------------

LEADS = (40.0, 300.0, 363.5, 460.0)  # action | lead (wide enough for "M Ashworth" and an "F" beside it) | due


def _leads_table(tmp_path: Path, leads: list[str]) -> Path:
    page = Page()
    _row(page, LEADS, 100, 120, ("Action", "Lead", "Due"), bold=True)
    ys, top = [100.0, 120.0], 120.0
    for k, lead in enumerate(leads, start=1):
        _row(page, LEADS, top, top + 40, (f"Review the plan with partners ({k}).", lead, "March 2021"))
        top += 40
        ys.append(top)
    page.grid(LEADS, ys)
    return write_pdf(tmp_path / "leads.pdf", [page])


@pytest.mark.parametrize("engine", ENGINES)
def test_names_one_a_line_stay_apart_where_the_next_would_nearly_fit(tmp_path, engine):
    """A lead column listing one name a line: "M Ashworth" leaves room for "F" but little more
    (too little to tell from a wrapped line by the width alone); the column's other cells end
    their lines well short, so the column is broken short and the names stay apart."""
    doc = read(_leads_table(tmp_path, ["H Kerr\nDCS", "M Ashworth\nF Dempsey", "PSW\nSMT"]), engine=engine)
    (table,) = doc.tables
    assert [r.cells[1].text for r in table.rows[1:]] == ["H Kerr\nDCS", "M Ashworth\nF Dempsey", "PSW\nSMT"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_line_short_by_too_little_to_tell_wraps_in_a_column_of_wrapped_text(tmp_path, engine):
    doc = read(_leads_table(tmp_path, ["M Ashworth\nF Dempsey", "Head of\nService", "Head of\nService"]), engine=engine)
    (table,) = doc.tables
    assert table.rows[1].cells[1].text == "M Ashworth F Dempsey"  # no column evidence either way
    doc = read(_leads_table(tmp_path, ["H Kerr\nDCS", "M Ashworth\nand D Kerr", "PSW\nSMT"]), engine=engine)
    assert doc.tables[0].rows[2].cells[1].text == "M Ashworth and D Kerr"  # the text runs on


def _line(text: str, x: float, top: float, size: float = 10.0, width: float = 5.0) -> list[dict]:
    return [{"text": ch, "x0": x + k * width, "x1": x + (k + 1) * width, "top": top, "bottom": top + size,
             "size": size, "fontname": "Arial", "upright": True, "matrix": (1, 0, 0, 1, x + k * width, 0)}
            for k, ch in enumerate(text)]


def _cell_text(*texts: str, right: float) -> str:
    rows = [g for k, t in enumerate(texts) for g in _line(t, 10.0, 100.0 + 12 * k)]
    lines = group_lines(Glyphs.from_rows(rows), 1, DEFAULT)
    return block_text(lines, 5.0, right, DEFAULT)


def test_typed_list_items_in_a_narrow_cell_start_paragraphs():
    # every line fills the cell (the next word would not fit): only the labels tell
    right = 10.0 + 5 * 20 + 5.0 + 4.0
    assert _cell_text("3.1.1 Agree the plan", "with partners.", "3.1.2 Review the", "protocol.",
                      right=right) == "3.1.1 Agree the plan with partners.\n3.1.2 Review the protocol."
    assert _cell_text("1.1.1 Ongoing work", "1.1.2 Autumn 2006", right=10.0 + 5 * 18 + 5.0 + 4.0) == \
        "1.1.1 Ongoing work\n1.1.2 Autumn 2006"  # the next label, after no full stop
    assert _cell_text("as set out in the", "3.1.2 of the plan", right=right) == "as set out in the 3.1.2 of the plan"
    assert _cell_text("ii. Agree the plan.", "iii. Review it", right=right) == "ii. Agree the plan.\niii. Review it"
    assert [typed_label(t) for t in ("3.1.2 Review", "2. Ensure", "(b) Train", "iv) Set", "2020 saw", "A. Smith")] == \
        [("decimal", (3, 1, 2)), ("number", (2,)), ("letter", (2,)), ("roman", (4,)), None, None]


def test_a_word_filling_its_line_is_joined_or_not_by_the_documents_words():
    # "Safeguardin" fills the line with no space after it: marked, and decided by the document
    right = 10.0 + 5 * 11 + 5.0 + 1.0
    marked = _cell_text("Safeguardin", "g Children", right=right)
    assert marked == f"Safeguardin{WORD_BREAK}g Children"
    resolve = read_word_breaks(["Head of Safeguarding", "Progress rating", "Complete", marked])
    assert resolve(marked) == "Safeguarding Children"  # the whole word is the document's
    assert resolve(f"PROGRESS{WORD_BREAK}RATING") == "PROGRESS RATING"  # both parts are, the whole is not
    assert resolve(f"Independent{WORD_BREAK}Chair") == "Independent Chair"  # no word turns capital midway
    assert resolve(f"September{WORD_BREAK}2012") == "September 2012"
    assert resolve(f"Finished{WORD_BREAK}and closed") == "Finished and closed"
    assert resolve(f"Quarte{WORD_BREAK}r") == "Quarter"  # nothing against one word: as the width said


def test_rest_of_a_row_cut_after_a_word_that_needs_more_is_a_cut_row():
    above = [Cell("i. Report early help activity quarterly to the"), Cell("June 2022"), Cell("GP")]
    assert is_cut_row([Cell("Trust Board."), Cell(""), Cell("")], above)
    assert not is_cut_row([Cell("ii. Train lead professionals."), Cell("Q3"), Cell("DMT")],
                          [Cell("i. Report early help activity to Part A"), Cell("June 2022"), Cell("GP")])
    # no full stop where the column's cells have one: unfinished too, when the row holds nothing else
    unfinished = [Cell("i. Report early help activity quarterly to the Children's"), Cell("June 2022"), Cell("GP")]
    assert is_cut_row([Cell("Trust Board."), Cell(""), Cell("")], unfinished, stops=[1.0, 0.0, 0.0])
    assert not is_cut_row([Cell("Trust Board."), Cell(""), Cell("")], unfinished, stops=[0.5, 0.0, 0.0])
    assert not is_cut_row([Cell("Trust Board."), Cell("July 2022"), Cell("")], unfinished, stops=[1.0, 0.0, 0.0])
    assert sentence_stops([[Cell("Ref"), Cell("Action")], [Cell("1"), Cell("Do it.")], [Cell("2"), Cell("Go.")]]) == \
        [0.0, 2 / 3]


def test_rest_of_a_cut_cell_that_opens_a_numbered_paragraph_goes_on_a_line_of_its_own():
    row = RowValues(row=1, page=1, values={"action": "1.2.1 Publish recording standards.", "due": "1.2.1 May 2008"})
    row.join(RowValues(row=2, page=2, values={"action": "1.2.2 Add a chronology function.", "due": ""}))
    assert row.values["action"] == "1.2.1 Publish recording standards.\n1.2.2 Add a chronology function."
    row.join(RowValues(row=3, page=2, values={"action": "and train staff in its use."}))
    assert row.values["action"].endswith("function. and train staff in its use.")


def _part(page: int, top: float, row_heights: list[float], first: str) -> PageTable:
    xs = (50.0, 150.0, 400.0)
    ys = [top]
    for h in row_heights:
        ys.append(ys[-1] + h)
    cells = tuple(c for r in range(len(row_heights)) for c in (
        PlacedCell((50.0, ys[r], 150.0, ys[r + 1]), first if r == 0 else f"{first}.{r}"),
        PlacedCell((150.0, ys[r], 400.0, ys[r + 1]), "Review the plan with partners.")))
    return PageTable(page=page, bbox=(50.0, top, 400.0, ys[-1]), cells=cells, xs=xs, ys=tuple(ys))


def test_a_row_too_tall_for_the_room_left_carries_the_table_on_to_the_next_page():
    """The first part stops 50 points above the page area's foot: a row of the next page
    that could not have fitted there (a row that may not be split moves whole) carries the
    table on; a row that would have fitted starts a table of its own."""
    area = {1: (40.0, 550.0), 2: (40.0, 550.0)}
    first = Placed(_part(1, 300.0, [20.0, 90.0, 90.0], "1"), first_on_page=False, last_on_page=True)
    tall = Placed(_part(2, 40.0, [70.0], "2"), first_on_page=True, last_on_page=True)
    short = Placed(_part(2, 40.0, [30.0], "2"), first_on_page=True, last_on_page=True)
    assert join_tables([first, tall], area, DEFAULT)[1].continues_previous
    assert not join_tables([first, short], area, DEFAULT)[1].continues_previous
