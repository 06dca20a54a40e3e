"""The PDF reader on purpose-made fixtures (tests/fixtures/pdf, built by make_fixtures.py
with python-docx + LibreOffice) and on the sample PDFs against the structured seeds."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from actionplans.errors import InputError
from actionplans.ingest import read as read_any
from actionplans.ingest.pdf import read
from actionplans.header_rows import MAX_HEADER_ROWS, count_styled_header_rows
from actionplans.ingest.pdf.continuation import Placed, is_cut_row, join_tables, same_columns
from actionplans.ingest.pdf.geometry import cluster_values, colour_hex
from actionplans.ingest.pdf.source import Glyphs, PageObjects
from actionplans.ingest.pdf.rulings import close_frames, ruling_edges
from actionplans.ingest.pdf.settings import DEFAULT
from actionplans.ingest.pdf.tables import PageTable, PlacedCell
from actionplans.ingest.pdf.text import block_text, group_lines, group_lines_by, is_bold_font
from actionplans.model import Cell, Heading, ListItem, Paragraph, Table
from table_match import compare_tables, join_continuations
from structured import SAMPLES, load_document, needs_layouts, norm_text, seeds

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


@pytest.fixture(scope="module")
def three_pages():
    return read(FIXTURES / "three_page_table.pdf")


def _texts(table: Table) -> list[list[str]]:
    return [[norm_text(c.text) if c is not None else None for c in row.cells] for row in table.rows]


# --- a table over three pages ----------------------------------------------------------------


def test_three_pages_counted_and_every_row_has_its_page(three_pages):
    assert three_pages.pages == 3
    assert three_pages.format == "pdf"
    assert [t.page for t in three_pages.tables] == [1, 2, 3]
    for table in three_pages.tables:
        assert all(row.page == table.page for row in table.rows)


def test_continuations_and_repeated_headers(three_pages):
    first, second, third = three_pages.tables
    assert not first.continues_previous
    assert second.continues_previous and third.continues_previous
    assert first.header_rows == 1 and not first.rows[0].repeated_header
    for table in (second, third):
        head = table.rows[0]
        assert head.is_header and head.repeated_header
        assert _texts(table)[0] == ["Ref", "Action", "Lead", "Timescale", "Progress"]
    header = first.rows[0].cells
    assert all(c.bold and c.fill == "#D9D9D9" for c in header)


def test_rows_cut_by_page_breaks_are_marked_not_merged(three_pages):
    first, second, third = three_pages.tables
    cut = second.rows[1]
    assert cut.cut_from_previous
    assert cut.cells[0].text == ""
    assert cut.cells[1].text.startswith("the findings to the safeguarding board")
    assert first.rows[-1].cells[0].text == "2.4"
    assert not second.rows[2].cut_from_previous  # 2.5 starts a row of its own
    assert third.rows[1].cut_from_previous
    assert third.rows[1].cells[1].text.startswith("Step 15:")
    assert sum(r.cut_from_previous for t in three_pages.tables for r in t.rows) == 2


def test_joined_continuations_rebuild_the_rows(three_pages):
    (table,) = join_continuations(three_pages.tables)
    refs = [row.cells[0].text for row in table.rows if row.cells[0] is not None]
    assert refs[:3] == ["Ref", "Theme 1: quality of practice", "1.1"]
    assert refs.count("Ref") == 1
    row_24 = next(r for r in table.rows if r.cells[0] is not None and r.cells[0].text == "2.4")
    assert norm_text(row_24.cells[1].text).endswith("themes found and the actions agreed (action 10).")
    last = table.rows[-1].cells[1].text.split("\n")
    assert len(last) == 15 and last[-1].startswith("Step 15:")


def test_a_span_running_on_over_a_page_break_does_not_make_a_cut_row():
    first, second = read(FIXTURES / "spanning_rows.pdf").tables
    assert second.continues_previous and second.rows[0].repeated_header
    assert not any(r.cut_from_previous for r in second.rows)
    assert first.rows[1].cells[0].text == "Improve the quality of assessments"
    carried = second.rows[1].cells[0]
    assert carried.text == "" and carried.rowspan == len(second.rows) - 1
    refs = [r.cells[1].text for t in (first, second) for r in t.rows if not r.is_header]
    assert refs == [f"1.{i}" for i in range(1, 9)]
    (joined,) = join_continuations([first, second])
    assert joined.rows[1].cells[0].rowspan == 8 and all(r.cells[0] is None for r in joined.rows[2:])


def test_merged_cells_get_spans_and_covered_slots_are_none(three_pages):
    first = three_pages.tables[0]
    theme = first.rows[1]
    assert theme.cells[0].text == "Theme 1: quality of practice"
    assert theme.cells[0].colspan == 5 and theme.cells[0].bold
    assert theme.cells[1:] == (None, None, None, None)
    lead = first.rows[6].cells[2]
    assert lead.text == "Service Director" and lead.rowspan == 2
    assert first.rows[7].cells[2] is None
    assert all(len(row.cells) == 5 for t in three_pages.tables for row in t.rows)


def test_cell_text_wraps_with_spaces_and_keeps_paragraph_breaks(three_pages):
    action = three_pages.tables[0].rows[2].cells[1].text
    assert "\n" not in action
    assert action == ("Audit a sample of case files each month and report the findings to the "
                      "safeguarding board, with a note of the themes found and the actions agreed (action 1).")
    steps = three_pages.tables[1].rows[-1].cells[1].text.split("\n")
    assert steps[0] == "Step 1: review the referral pathway with partners and record decisions"
    assert len(steps) == 14


def test_page_furniture_is_left_out(three_pages):
    text = [b.text for b in three_pages.blocks if not isinstance(b, Table)]
    assert text == ["Improvement Action Plan", "This plan sets out the actions agreed after the inspection.",
                    "End of plan."]
    cells = " ".join(c.text for t in three_pages.tables for r in t.rows for c in r.cells if c)
    assert "Page 1 of 3" not in cells and "Children's Services Improvement Plan" not in cells
    assert isinstance(three_pages.blocks[0], Heading)
    assert isinstance(three_pages.blocks[1], Paragraph)


def test_portrait_and_landscape_pages_each_have_their_own_page_area():
    doc = read(FIXTURES / "mixed_orientation.pdf")
    assert doc.pages == 4
    first, second = doc.tables
    assert (first.page, second.page) == (3, 4)
    assert second.continues_previous and second.rows[0].repeated_header
    assert not second.rows[1].cut_from_previous
    refs = [r.cells[0].text for t in doc.tables for r in t.rows if not r.repeated_header]
    assert refs == ["Ref"] + [f"A{i}" for i in range(1, 19)]
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 25 and paragraphs[15].startswith("Paragraph 16 of")
    everything = " ".join(paragraphs) + " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells if c)
    assert "Page " not in everything and "Improvement plan 2014" not in everything


# --- unruled, filled and rotated tables ---------------------------------------------------------


def test_unruled_table_from_text_alignment():
    doc = read(FIXTURES / "unruled_table.pdf")
    (table,) = doc.tables
    assert _texts(table) == [
        ["Name", "Role", "Theme"],
        ["Jane Smith", "Director of Children's Services", "1"],
        ["Amir Khan", "Head of Safeguarding", "2"],
        ["Ruth Owen", "Principal Social Worker", "3"],
        ["Tom Reid", "Performance Manager", "4"],
    ]
    assert table.header_rows == 1
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs[:3] == ["The officers below lead the plan's themes.",
                              "Contact the improvement team for any change to this list.", "The team meets to:"]
    assert [type(b).__name__ for b in doc.blocks[:4]] == ["Heading", "Paragraph", "Table", "Paragraph"]


def test_table_with_inner_rules_only():
    doc = read(FIXTURES / "inner_rules.pdf")
    (table,) = doc.tables
    assert _texts(table) == [["Ref", "Action", "Lead"],
                             ["1", "Review thresholds with partners", "Head of Service"],
                             ["2", "Audit case files monthly", "Principal Social Worker"],
                             ["3", "Publish the revised procedures", "Service Director"]]
    assert table.header_rows == 1 and doc.blocks[-1].text == "Reviewed monthly."


def test_table_ruled_only_between_rows_takes_its_rows_from_the_rules():
    doc = read(FIXTURES / "horizontal_rules.pdf")
    (table,) = doc.tables
    assert _texts(table) == [
        ["Ref", "Action", "Lead", "Due"],
        ["1.1", "Review thresholds with partners", "Head of Service", "March 2014"],
        ["1.2", "Audit a sample of case files each month and report the findings to the safeguarding "
                "board with the themes found",
         "Principal Social Worker and the Safeguarding Board business manager", "June 2014"],
        ["1.3", "Publish the revised procedures", "Service Director", "July 2014"],
    ]
    assert table.header_rows == 1
    assert doc.blocks[-1].text == "Progress is reported to the board each month."


def test_lists_whose_labels_line_up_are_no_table_but_list_items():
    doc = read(FIXTURES / "unruled_table.pdf")
    assert len(doc.tables) == 1
    items = [b for b in doc.blocks if isinstance(b, ListItem)]
    assert items[2].label in ("•", "◦", "o", "▪")  # the second level's bullet, whichever glyph
    assert [(i.label, i.text) for i in items] == [
        ("•", "review progress against every action in the plan;"),
        ("•", "agree the actions to take where progress has slipped;"),
        (items[2].label, "with the lead officer for the action;"),
        ("•", "report to the improvement board each month."),
        ("1.", "Collect the returns."), ("2.", "Check them against the plan."), ("3.", "Publish the summary.")]
    assert [i.level for i in items] == [0, 0, 1, 0, 0, 0, 0] and all(i.page == 1 for i in items)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-1] == "The team meets to:"


def test_banded_rows_without_borders_make_one_table():
    doc = read(FIXTURES / "banded_rows.pdf")
    (table,) = doc.tables
    assert _texts(table) == [
        ["Ref", "Action", "Status"],
        ["1", "Review thresholds with partners", "Complete"],
        ["2", "Audit case files monthly", "On track"],
        ["3", "Publish the revised procedures", "Late"],
        ["4", "Train managers in supervision", "On track"],
        ["5", "Report to the board", "Late"],
    ]
    assert [r.cells[1].fill for r in table.rows] == ["#DDEBF7", None, "#DDEBF7", None, "#DDEBF7", None]
    assert table.header_rows == 1
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        "Shaded and plain rows alternate; the last row is plain.", "Statuses are reviewed monthly."]


RAG_FILLS = ["#FF0000", "#FFC000", "#00B050", "#0070C0", "#FFC000"]


@pytest.mark.parametrize("name", ["rag_fills.pdf", "rotated_page.pdf"])
def test_rag_cells_carry_their_fill(name):
    doc = read(FIXTURES / name)
    (table,) = doc.tables
    assert [row.cells[3].fill for row in table.rows[1:]] == RAG_FILLS
    assert [row.cells[2].text for row in table.rows[1:]] == ["Red", "Amber", "Green", "Blue", "Amber"]
    assert all(c.fill == "#1F3864" and c.bold for c in table.rows[0].cells)
    assert table.header_rows == 1
    assert all(row.cells[1].fill is None for row in table.rows[1:])


def test_rotated_page_reads_like_the_upright_one():
    upright = read(FIXTURES / "rag_fills.pdf")
    rotated = read(FIXTURES / "rotated_page.pdf")
    assert _texts(rotated.tables[0]) == _texts(upright.tables[0])
    assert [b.text for b in rotated.blocks if isinstance(b, Heading)] == ["Progress tracker"]


def test_text_turned_up_or_down_the_page_reads_in_order():
    (table,) = read(FIXTURES / "vertical_text.pdf").tables
    assert _texts(table)[0] == ["Action", "RAG status", "Due date", "Lead officer"]
    assert _texts(table)[1] == ["Review thresholds with partners", "Green", "March 2014", "Head of Service"]
    assert table.header_rows == 1


# --- bad input ---------------------------------------------------------------------------------


def test_encrypted_pdf_is_an_input_error():
    with pytest.raises(InputError, match=r"^encrypted PDF \(password needed; use --password\)$"):
        read(FIXTURES / "encrypted.pdf")


def test_encrypted_pdf_opens_with_its_password_and_a_wrong_one_is_named():
    doc = read(FIXTURES / "encrypted.pdf", password="secret")
    assert any("Action plan (restricted)" in getattr(b, "text", "") for b in doc.blocks)
    with pytest.raises(InputError, match=r"the password given does not open it"):
        read(FIXTURES / "encrypted.pdf", password="wrong")


def test_password_reaches_the_reader_from_the_cli(tmp_path):
    from click.testing import CliRunner
    from actionplans.cli import main
    out = tmp_path / "o.csv"
    res = CliRunner().invoke(main, ["convert", str(FIXTURES / "encrypted.pdf"), "-o", str(out), "-j", "0",
                                    "--password", "secret"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["convert", str(FIXTURES / "encrypted.pdf"), "-o", str(out), "-j", "0"])
    assert res.exit_code == 1 and "encrypted PDF (password needed; use --password)" in res.output


@pytest.mark.parametrize("content", [
    b"",
    b"%PDF-1.7\nthis is not really a pdf\n%%EOF\n",
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    "truncated",
])
def test_damaged_pdf_is_an_input_error_with_one_line(tmp_path, content):
    if content == "truncated":
        data = (FIXTURES / "rag_fills.pdf").read_bytes()
        content = data[: len(data) // 3]
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read(path)
    reason = str(err.value)
    assert reason and "\n" not in reason and len(reason) < 200


def test_pdf_without_text_is_an_input_error(tmp_path):
    import pypdfium2 as pdfium

    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.save(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match="no text layer"):
        read(tmp_path / "scan.pdf")


def test_text_without_unicode_map_is_an_input_error(monkeypatch):
    from dataclasses import replace

    import actionplans.ingest.pdf.geometry_pdfminer as miner

    real = miner.page_objects

    def coded(page):  # what pdfminer gives for fonts with no ToUnicode map
        found = real(page)
        glyphs = Glyphs.from_rows({**g, "text": "(cid:17)"} for g in found.glyphs.rows())
        return replace(found, glyphs=glyphs, undecodable=len(glyphs))

    monkeypatch.setattr(miner, "page_objects", coded)
    with pytest.raises(InputError, match="cannot be decoded"):
        read(FIXTURES / "rag_fills.pdf", engine="pdfminer")


def test_damaged_copies_of_the_fixtures_end_in_a_document_or_an_input_error(tmp_path):
    import random

    rng = random.Random(7)
    sources = [p.read_bytes() for p in sorted(FIXTURES.glob("*.pdf"))]
    outcomes = set()
    for i in range(40):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        path = tmp_path / f"damaged{i}.pdf"
        path.write_bytes(bytes(data))
        try:
            doc = read(path)
            outcomes.add("document")
            assert doc.pages and doc.pages > 0
        except InputError as err:
            outcomes.add("error")
            assert str(err) and "\n" not in str(err)
    assert outcomes == {"document", "error"}  # both kinds of damage were met


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "absent.pdf")


def test_dispatch_through_ingest_read():
    doc = read_any(FIXTURES / "rag_fills.pdf")
    assert doc.format == "pdf" and len(doc.tables) == 1


# --- units -------------------------------------------------------------------------------------


@pytest.mark.parametrize("colour, expected", [
    ((1, 0, 0), "#FF0000"),
    ((0.8509803921,) * 3, "#D9D9D9"),
    ((0.5,), "#808080"),
    (0.5, "#808080"),
    ((0, 0.25, 1, 0), "#FFBF00"),  # CMYK amber
    ((0, 0, 0, 1), None),  # CMYK black
    ((1, 1, 1), None),
    ((0,), None),
    (None, None),
    ("P0", None),  # a pattern
    (("P0", 0.2), None),
])
def test_colour_conversion(colour, expected):
    assert colour_hex(colour) == expected


@pytest.mark.parametrize("font, bold", [
    ("ABCDEF+Arial-BoldMT", True), ("Arial,Bold", True), ("TimesNewRoman,B", True),
    ("Helvetica-Black", True), ("DejaVuSans-Bold", True), ("ABCDEF+ArialMT", False),
    ("Calibri-Light", False), ("Calibri-Book", False), ("FrutigerLTStd-Bd", True), ("", False),
])
def test_bold_from_font_name(font, bold):
    assert is_bold_font(font, DEFAULT) is bold


def _glyphs(text: str, x: float, top: float, size: float = 10.0, width: float = 5.0) -> list[dict]:
    """Glyph rows (see Glyphs.from_rows) spelling ``text`` from ``x`` along one baseline."""
    out = []
    for ch in text:
        out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size,
                    "fontname": "ABCDEF+Arial", "upright": True, "matrix": (1, 0, 0, 1, x, 0)})
        x += width
    return out


def test_text_of_twice_printed_glyphs_ligatures_and_soft_hyphens():
    twice = _glyphs("Plan", 10, 100) + _glyphs("Plan", 10.3, 100)  # fake bold: printed twice over
    (line,) = group_lines(Glyphs.from_rows(twice), 1, DEFAULT)
    assert line.text == "Plan"
    lig = _glyphs("of\ufb01ce", 10, 100)
    assert group_lines(Glyphs.from_rows(lig), 1, DEFAULT)[0].text == "office"
    broken = _glyphs("assess\u00ad", 10, 100) + _glyphs("ment of need", 10, 112)
    assert block_text(group_lines(Glyphs.from_rows(broken), 1, DEFAULT), 5, 48, DEFAULT) == "assessment of need"


def test_cells_grouped_in_one_pass_keep_their_own_lines():
    """Two cells side by side on one baseline: grouped together, each keeps its own line,
    the same lines as grouping each cell alone."""
    rows = _glyphs("Lead", 10, 100) + _glyphs("officer", 40, 100) + _glyphs("Due", 200, 100) + _glyphs("2024", 200, 112)
    glyphs = Glyphs.from_rows(rows)
    which = np.arange(len(rows))
    cell = np.array([0] * 11 + [1] * 7)
    together = group_lines_by(glyphs, which, cell, 1, DEFAULT)
    assert [ln.text for ln in together[0]] == ["Lead officer"]
    assert [ln.text for ln in together[1]] == ["Due", "2024"]
    for k in (0, 1):
        alone = group_lines(glyphs, 1, DEFAULT, which=which[cell == k])
        assert [(ln.text, ln.x0, ln.top) for ln in alone] == [(ln.text, ln.x0, ln.top) for ln in together[k]]


def test_blank_glyphs_by_code_point_and_by_text():
    single = Glyphs.from_rows(_glyphs("a b\xa0c\u2003", 10, 100))
    assert single.blank.tolist() == [False, True, False, True, False, True]
    several = Glyphs.from_rows(_glyphs("a", 10, 100) + [{**_glyphs("x", 20, 100)[0], "text": t} for t in ("\ufb00", "  ", "")])
    assert several.blank.tolist() == [False, False, True, True]


def _shapes(**kinds) -> "PageObjects":
    return PageObjects(glyphs=Glyphs.empty(), rects=tuple(kinds.get("rects", ())), lines=tuple(kinds.get("lines", ())),
                       curves=tuple(kinds.get("curves", ())))


def test_ruling_edges_tolerate_float_noise_and_thin_boxes():
    noisy = {"object_type": "line", "x0": 50.0, "x1": 400.0, "top": 100.0, "bottom": 100.00001,
             "pts": [(50.0, 100.0), (400.0, 100.00001)]}
    thin_box = {"object_type": "rect", "x0": 50.0, "x1": 50.5, "top": 100.0, "bottom": 300.0}  # a border
    cell = {"object_type": "rect", "x0": 60.0, "x1": 120.0, "top": 110.0, "bottom": 130.0}
    box_path = {"object_type": "curve", "x0": 200.0, "x1": 300.0, "top": 150.0, "bottom": 170.0,
                "pts": [(200.0, 170.0), (300.0, 170.00002), (300.0, 150.0), (200.0, 150.0), (200.0, 170.0)]}
    horizontal, vertical = ruling_edges(_shapes(lines=[noisy], rects=[thin_box, cell], curves=[box_path]), DEFAULT)
    assert sorted({round(e["top"], 3) for e in horizontal}) == [100.0, 110.0, 130.0, 150.0, 170.0]
    assert sorted({round(e["x0"], 2) for e in vertical}) == [50.25, 60.0, 120.0, 200.0, 300.0]
    assert all(e["top"] == e["bottom"] for e in horizontal)


def test_diagonal_watermark_is_no_text():
    watermark = [{**g, "upright": False, "matrix": (0.7, 0.7, -0.7, 0.7, 0, 0)} for g in _glyphs("DRAFT", 100, 300)]
    body = _glyphs("Plan", 10, 100)
    assert [ln.text for ln in group_lines(Glyphs.from_rows(watermark + body), 1, DEFAULT)] == ["Plan"]


def test_a_grid_of_inner_rules_gets_its_outer_frame():
    def h(y, x0, x1):
        return {"object_type": "ruling_edge", "x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h"}

    def v(x, top, bottom):
        return {"object_type": "ruling_edge", "x0": x, "x1": x, "top": top, "bottom": bottom, "orientation": "v"}

    horizontal, vertical = close_frames([h(120, 50, 400), h(140, 50, 400)], [v(100, 100, 160), v(300, 100, 160)], 3.0)
    assert {(e["top"], e["x0"], e["x1"]) for e in horizontal} == {(120, 50, 400), (140, 50, 400), (100, 50, 400),
                                                                    (160, 50, 400)}
    assert {e["x0"] for e in vertical} == {100, 300, 50, 400}
    lone = close_frames([h(120, 50, 400)], [v(100, 100, 160)], 3.0)  # a cross is no grid
    assert (len(lone[0]), len(lone[1])) == (1, 1)


def test_cluster_values_merges_close_coordinates():
    assert cluster_values([10.0, 10.4, 50.0, 49.8, 90.0], 1.0) == pytest.approx((10.2, 49.9, 90.0))


def test_same_columns_allows_lines_hidden_by_spans():
    head = (50.0, 100.0, 300.0, 400.0)
    assert same_columns((50.5, 300.2, 399.0), head, 3.0)
    assert not same_columns((50.0, 200.0, 400.0), head, 3.0)
    assert not same_columns((60.0, 300.0, 400.0), head, 3.0)


def test_header_rows_from_style_stop_at_a_section_row():
    head = [Cell("Ref", bold=True), Cell("Action", bold=True)]
    section = [Cell("Theme 1", bold=True, colspan=2), None]
    body = [Cell("1.1"), Cell("Do it")]
    assert count_styled_header_rows([head, section, body]) == 1
    assert count_styled_header_rows([body, body]) == 0
    spanning = [Cell("References", bold=True, colspan=2, rowspan=2), None]
    assert count_styled_header_rows([spanning, [None, None], body]) == 2
    # a section row need not span every column: most of the width is enough (as for DOCX/HTML)
    wide_head = [Cell(t, fill="#C0C0C0") for t in ("Ref", "Action", "Lead", "Date", "RAG")]
    wide_section = [Cell("Theme 2", fill="#C0C0C0", colspan=4), None, None, None, Cell("")]
    five = [Cell("1.1"), Cell("Do it"), Cell("HoS"), Cell("2024"), Cell("G")]
    assert count_styled_header_rows([wide_head, wide_section, five]) == 1


def test_header_rows_from_style_have_the_shared_limit():
    """A table set all in bold is not all header: at most MAX_HEADER_ROWS rows, and a body row left."""
    bold = [[Cell(f"{r}.{c}", bold=True) for c in range(3)] for r in range(10)]
    assert count_styled_header_rows(bold) == MAX_HEADER_ROWS
    assert count_styled_header_rows(bold[:3]) == 2


def test_cut_row_evidence():
    above = [Cell("2.4"), Cell("Audit the files and report the")]
    assert is_cut_row([Cell(""), Cell("findings to the board.")], above)
    assert is_cut_row([Cell("x"), Cell("findings to the board.")], above)
    assert not is_cut_row([Cell("2.5"), Cell("Review the plan.")], above)
    assert not is_cut_row([Cell("2.5"), Cell("review the plan.")], [Cell("2.4"), Cell("Done.")])
    # a recommendation spanning several action rows runs on over the break: the empty
    # first cell on the new page is that span's, and the row is a new action
    spanned = [None, Cell("2.4"), Cell("Audit the files.")]
    assert not is_cut_row([Cell(""), Cell("2.5"), Cell("Review the plan.")], spanned)
    assert is_cut_row([Cell(""), Cell(""), Cell("Review the plan.")], spanned)
    spanning = [Cell("Theme", rowspan=3), Cell("2.4"), Cell("Audit the files.")]
    assert not is_cut_row([Cell(""), Cell("2.5"), Cell("Review the plan.")], spanning)


def _page_table(page: int, top: float, bottom: float, first: str) -> PageTable:
    xs, ys = (50.0, 150.0, 400.0), (top, top + 20.0, bottom)  # a header row, then one row
    cells = (PlacedCell((50.0, ys[0], 150.0, ys[1]), "Ref", bold=True),
             PlacedCell((150.0, ys[0], 400.0, ys[1]), "Action", bold=True),
             PlacedCell((50.0, ys[1], 150.0, ys[2]), first),
             PlacedCell((150.0, ys[1], 400.0, ys[2]), "Do the thing."))
    return PageTable(page=page, bbox=(50.0, top, 400.0, bottom), cells=cells, xs=xs, ys=ys)


def test_continuation_needs_the_foot_and_the_top_of_the_page_area():
    area = {1: (40.0, 550.0), 2: (40.0, 550.0)}
    tall = Placed(_page_table(1, 300.0, 548.0, "1"), first_on_page=False, last_on_page=True)
    at_top = Placed(_page_table(2, 40.0, 120.0, "2"), first_on_page=True, last_on_page=False)
    pushed_down = Placed(_page_table(2, 62.0, 140.0, "2"), first_on_page=True, last_on_page=False)
    short = Placed(_page_table(1, 300.0, 400.0, "1"), first_on_page=False, last_on_page=True)
    joined = join_tables([tall, at_top], area, DEFAULT)
    assert joined[1].continues_previous and joined[1].rows[0].repeated_header
    assert not join_tables([tall, pushed_down], area, DEFAULT)[1].continues_previous
    assert not join_tables([short, at_top], area, DEFAULT)[1].continues_previous
    # a table with the same columns and header at the top of the next page, when the one
    # above stopped well short of the foot, is a new table (LibreOffice moves a whole new
    # table on when its rows do not fit, just as it moves the rest of a table)
    tall_row = Placed(_page_table(2, 40.0, 240.0, "2"), first_on_page=True, last_on_page=False)
    assert not join_tables([short, tall_row], area, DEFAULT)[1].continues_previous
    above_notes = Placed(_page_table(1, 300.0, 480.0, "1"), first_on_page=False, last_on_page=True,
                         notes_bottom=548.0)  # footnotes fill the foot of the page
    assert join_tables([above_notes, at_top], area, DEFAULT)[1].continues_previous


# --- the samples, against the structured seeds --------------------------------------------------

SEEDS = seeds()


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_sample_tables_match_the_structured_seed(seed):
    path = SAMPLES / f"{seed}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} not built")
    doc = read(path)
    assert doc.pages and all(r.page for t in doc.tables for r in t.rows)
    want = load_document(seed).tables
    got = join_continuations(doc.tables)
    report = compare_tables(got, want)
    assert len(got) == len(want)
    assert report.fraction >= 0.95, report.mismatches
    assert [t.header_rows for t in got] == [t.header_rows for t in want]
    for table in doc.tables:
        if table.continues_previous:
            assert table.rows[0].repeated_header
    # paragraph breaks inside cells ("\n") where the seed has them, not at every wrapped line
    same = total = 0
    for g, w in zip(got, want):
        for g_row, w_row in zip(g.rows, w.rows):
            for g_cell, w_cell in zip(g_row.cells, w_row.cells):
                if g_cell is not None and w_cell is not None:
                    total += 1
                    same += [norm_text(p) for p in g_cell.text.split("\n")] == \
                            [norm_text(p) for p in w_cell.text.split("\n")]
    assert same >= 0.95 * total, f"{same}/{total} cells split into the seed's paragraphs"
