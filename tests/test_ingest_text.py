"""Text reader: the tab-separated seeds against their clean layouts, and each mechanism on
small hand-written inputs (HTML in cells, paragraph breaks, bold, repeated headers, section
rows, pages, pdftotext column recovery, sniffing)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from actionplans.errors import InputError
from actionplans.ingest import read, sniff_format
from actionplans.ingest.text.cell_html import parse_cell
from actionplans.ingest.text.plain_layout import looks_layout
from actionplans.ingest.text import parse_text
from actionplans.model import Heading, ListItem, Paragraph, Table
from table_match import compare_text as compare
from structured import SAMPLES, needs_layouts

# (seed, minimum fraction of the clean layout's cells found, rejoin cut rows first)
SEED_FLOORS = [
    ("000_9d4ebbcf78c32af3", 0.99, False),
    ("001_17cf1543151ab3d9", 0.99, False),
    ("003_a7230eed7bb96a87", 0.75, False),  # best effort: rows cut by page breaks stay cut
    ("003_a7230eed7bb96a87", 0.90, True),   # ... and once the flagged cut rows are rejoined
    ("004_0181fde6aaa631cd", 0.98, False),
]


def _seed(stem: str):
    """A tab-separated seed, from its verbatim copy in samples/ (test_samples checks the copy)."""
    return read(SAMPLES / f"{stem}.txt")


def _texts(table: Table) -> list[list[str]]:
    return table.text_grid()


@needs_layouts
@pytest.mark.parametrize("stem,floor,rejoin", SEED_FLOORS)
def test_seed_cells_match_clean_layout(stem, floor, rejoin):
    doc = _seed(stem)
    assert doc.format == "txt"
    match = compare(doc, stem, rejoin=rejoin)
    print(f"{stem} rejoin={rejoin}: {match}")
    assert match.cells >= floor, str(match)


def test_seed_000_one_table_per_page_with_bold_criteria():
    doc = _seed("000_9d4ebbcf78c32af3")
    tables = doc.tables
    assert len(tables) == 14
    assert all(t.header_rows == 1 and t.n_cols == 5 for t in tables)
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    assert len(headings) == 14 and headings[0].text.startswith("Draft Inspection Action Plan.")
    first = tables[0].rows[1].cells
    assert first[0].bold and first[0].text.startswith("1.0 Children are listened to")
    assert "\n1.1. Children are consistently seen & seen alone" in first[0].text  # <p> break, &amp;
    assert not first[1].bold
    # a cell without <p> whose items are separated by double spaces (seed line 28)
    row_23 = next(r for t in tables for r in t.rows if r.cells[0].text.startswith("2.3."))
    assert row_23.cells[1].text.split("\n") == ["i) Multi-agency training.", "ii) Implementation of EH Panel.",
                                               "iii) Development and launch of CSC QA framework"]


def test_seed_001_section_rows_short_rows_and_glossary():
    doc = _seed("001_17cf1543151ab3d9")
    plan, glossary = doc.tables
    assert plan.n_cols == 10 and plan.header_rows == 1
    assert plan.rows[0].cells[1].text == "TIMESCA"  # kept as the export cut it
    sections = [r for r in plan.rows if r.cells[0] is not None and r.cells[0].colspan == 10]
    assert [s.cells[0].text for s in sections] == ["Safeguarding Children & Young people",
                                                   "Services for Cared for Children"]
    assert all(c is None for s in sections for c in s.cells[1:])
    # blank lines between rows do not end the table: 18 body rows + 2 sections + header
    assert len(plan.rows) == 20
    # the export left out a row's two empty RAG cells (8 cells, the rest slid left): the RAG
    # columns are empty in every full row, so the blanks go back there and the November
    # evidence and the achievement text sit under their own headers again
    short = next(r for r in plan.rows if r.cells[0].text.startswith("Ensure that assessment reports"))
    assert short.restored == (5, 7)
    assert [short.cells[5].text, short.cells[7].text] == ["", ""]
    assert short.cells[6].text.startswith("Direct auditing with children")
    assert short.cells[8].text.startswith("There are inconsistency")
    assert short.cells[9].text.startswith("Still issues")
    assert sum(1 for r in plan.rows if r.restored) == 3  # the three rows the export wrote with 8 cells
    # <p> and <i> in a recommendation cell
    rec = next(r for r in plan.rows if r.cells[0].text.startswith("Ensure that improvements in safeguarding"))
    assert rec.cells[0].text.split("\n")[1].startswith("The quality of recording of strategy")
    assert isinstance(doc.blocks[doc.blocks.index(glossary) - 1], Paragraph)
    assert glossary.n_cols == 6 and glossary.header_rows == 0
    assert glossary.rows[0].cells[0].text == "C&R"


def test_seed_003_pages_continue_and_cut_rows_are_flagged():
    doc = _seed("003_a7230eed7bb96a87")
    tables = doc.tables
    continued = [t for t in tables if t.continues_previous]
    assert len(continued) >= 11
    assert all(t.rows[0].is_header and t.rows[0].repeated_header for t in continued)
    cut = [r.cells[0].text for t in tables for r in t.rows if r.cut_from_previous]
    for start in ("of child protection plans", "effective mechanisms to consider", "and referrals avoid repetition",
                  "ensure sufficient services are in place", "the child in need plans",
                  "proposals, and timescales", "consistent provision of summary"):
        assert any(c.startswith(start) for c in cut), start
    assert not any(c.startswith("Southwark NHS") for c in cut)
    section = [r for t in tables for r in t.rows if r.cells[0] is not None and r.cells[0].colspan == 6]
    assert [r.cells[0].text for r in section] == ["Looked After Children"]


def test_seed_004_header_lines_fold_and_look_alike_rag_letters_survive():
    doc = _seed("004_0181fde6aaa631cd")
    tables = doc.tables
    assert len(tables) == 27  # indicators, priority actions, risks for each of nine objectives
    indicators = tables[0]
    assert indicators.header_rows == 2
    assert indicators.rows[0].cells[2].text == ("Success indicator/targets with dates\n"
                                               "(number on left links to objective above)")
    priority = tables[1]
    assert priority.header_rows == 1 and priority.rows[0].cells[1].text.startswith("Priority actions")
    rags = {r.cells[-1].text for t in tables[1::3] for r in t.rows[1:]}
    assert {"\u0391", "\u0410", "A", "G", "R"} <= rags
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[0] == "Unannounced Action Plan July 2011"
    assert "1. Provision of good quality & effective professional supervision" in headings
    footnote = next(b for b in doc.blocks if isinstance(b, Paragraph) and "Key Impact" in b.text)
    assert footnote.text.startswith("* Key Impact 1 insignificant")


# --- mechanisms, on small inputs -------------------------------------------------------------


def test_cell_html_paragraphs_bold_entities_lists():
    cell = parse_cell("<p><b>1.0 A &amp; B</b></p> <p><b>1.1 C</b></p>")
    assert cell.text == "1.0 A & B\n1.1 C" and cell.bold
    partial = parse_cell("<p><b>Lead:</b> Jo Bloggs</p>")
    assert partial.text == "Lead: Jo Bloggs" and not partial.bold
    assert parse_cell("Ensure x <i>The finding</i> <u>here</u>").text == "Ensure x The finding here"
    assert parse_cell("a<br>b<br/>c").text == "a\nb\nc"
    assert parse_cell("<ul> <li>one</li> <li>two</li> </ul>").text == "one\ntwo"
    assert parse_cell("10 <sup>th</sup> Dec").text == "10th Dec"
    assert parse_cell("i) one.  ii) two.").text == "i) one.\nii) two."  # no markup: 2+ spaces break
    assert parse_cell("<p>i) one.  ii) two.</p>").text == "i) one. ii) two."  # with <p>: they do not
    assert parse_cell("").text == "" and not parse_cell("").bold


def _tables(text: str) -> list[Table]:
    return parse_text(text).tables


def test_header_detected_and_repeated_header_marked():
    text = ("Ref\tAction\tLead\n"
            "1\tReview the front door and report to the board.\tJo Bloggs\n"
            "Ref\tAction\tLead\n"
            "2\tAudit all case files every month.\tSam Smith\n")
    (table,) = _tables(text)
    assert [r.is_header for r in table.rows] == [True, False, True, False]
    assert [r.repeated_header for r in table.rows] == [False, False, True, False]
    assert table.header_rows == 1


def test_first_row_of_sentences_is_not_a_header():
    (table,) = _tables("Review the front door and report to the board.\tJo Bloggs\tMarch 2013\n"
                       "Audit all case files every month.\tSam Smith\tJune 2013\n")
    assert table.header_rows == 0


def test_blank_line_inside_table_does_not_end_it_but_a_new_header_does():
    text = ("Ref\tAction\tLead\n"
            "1\tReview the front door and report to the board.\tJo Bloggs\n"
            "\n"
            "2\tAudit all case files every month.\tSam Smith\n"
            "\n"
            "Risk\tImpact\tLikelihood\n"
            "1\tStaff turnover leaves the team short of capacity.\t3\n")
    first, second = _tables(text)
    assert len(first.rows) == 3 and len(second.rows) == 2
    assert second.rows[0].is_header and not second.continues_previous


def test_header_repeated_after_page_break_continues_table_and_flags_cut_row():
    text = ("Area\tAction\tLead\n"
            "Improve the quality of\tQAU to review all\tHead of\n"
            "\f"
            "Area\tAction\tLead\n"
            "child protection plans.\tactive plans.\tService\n"
            "Ensure visits are recorded.\tAudit visits.\tJo Bloggs\n")
    doc = parse_text(text)
    assert doc.pages == 2
    first, second = doc.tables
    assert second.continues_previous and second.page == 2
    assert second.rows[0].is_header and second.rows[0].repeated_header
    assert second.rows[1].cut_from_previous and not second.rows[2].cut_from_previous
    assert first.rows[1].page == 1 and second.rows[1].page == 2


def test_page_footers_number_pages_and_let_the_table_continue():
    text = ("Ref\tAction\tLead\n1\tReview the front door.\tJo Bloggs\n\nPage 1 of 2\n\n"
            "Ref\tAction\tLead\n2\tAudit all case files.\tSam Smith\n")
    doc = parse_text(text)
    first, second = doc.tables
    assert doc.pages == 2 and first.page == 1 and second.page == 2
    assert second.continues_previous and second.rows[0].repeated_header
    assert not any(isinstance(b, Paragraph) for b in doc.blocks)


def test_rest_of_a_row_after_a_blank_line_is_flagged_not_merged():
    text = ("Ref\tAction\tLead\n"
            "1.1\tReview the front door and\tJo Bloggs\n\n"
            "\treport back to the board.\t\n"
            "1.2\tAudit all case files.\tSam Smith\n\n"
            "1.3\tShare the findings.\tSam Smith\n")
    (table,) = _tables(text)
    assert [r.cut_from_previous for r in table.rows] == [False, False, True, False, False]
    assert table.rows[2].cells[1].text == "report back to the board."


def test_section_row_spans_the_table_and_short_rows_are_padded_left():
    text = ("Recommendation\tTimescale\tOwner\tRAG\n"
            "Safeguarding Children\t\t\t\n"
            "Ensure visits are recorded properly.\tImmediate\n"
            "7\t\t\t\n")
    (table,) = _tables(text)
    section = table.rows[1].cells
    assert section[0].text == "Safeguarding Children" and section[0].colspan == 4
    assert section[1:] == (None, None, None)
    short = table.rows[2].cells
    assert [c.text for c in short] == ["Ensure visits are recorded properly.", "Immediate", "", ""]
    assert table.rows[3].cells[0].colspan == 1  # a bare number is a blank template row, not a section


def test_lone_tab_indented_line_is_prose_not_a_table():
    doc = parse_text("Intro\n\n\tThe council will review this.\n\nRef\tAction\n1\tReview the front door.\n")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph", "Table"]
    assert doc.blocks[1].text == "The council will review this."
    assert doc.tables[0].header_rows == 1


def test_prose_lines_become_headings_paragraphs_and_list_items():
    doc = parse_text("Action Plan July 2011\n\n1. Provision of supervision\n\n**Draft plan**\n\n"
                     "How will we know that we have been successful?\n\n- a) first point\n"
                     "Page 3 of 12\n")
    kinds = [(type(b).__name__, b.text) for b in doc.blocks]
    assert kinds == [("Heading", "Action Plan July 2011"), ("Heading", "1. Provision of supervision"),
                     ("Heading", "Draft plan"), ("Paragraph", "How will we know that we have been successful?"),
                     ("ListItem", "first point")]
    item = doc.blocks[-1]
    assert isinstance(item, ListItem) and item.label == "a)"


LAYOUT = """\
Southwark Action Plan

Area for            Proposed Action          Lead                Progress
Development

Improve the         QAU to review all        Business manager    Signs of safety
quality of CP       active CP plans          for Social work     implemented
plans.                                       improvement

Looked After Children services
Ensure care         - Review care plans      Head of Service     Progressing
plans are           - Joint work with IROs
recorded.
"""


def test_pdftotext_layout_columns_and_rows_recovered():
    assert looks_layout(LAYOUT)
    doc = parse_text(LAYOUT)
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "Southwark Action Plan"
    (table,) = doc.tables
    grid = _texts(table)
    assert table.n_cols == 4 and table.header_rows == 1
    assert grid[0] == ["Area for Development", "Proposed Action", "Lead", "Progress"]
    assert grid[1] == ["Improve the quality of CP plans.", "QAU to review all active CP plans",
                       "Business manager for Social work improvement", "Signs of safety implemented"]
    assert table.rows[2].cells[0].colspan == 4
    assert table.rows[2].cells[0].text == "Looked After Children services"
    assert grid[3][1] == "- Review care plans\n- Joint work with IROs"
    assert grid[3][0] == "Ensure care plans are recorded."


def test_pdftotext_layout_rows_start_at_row_numbers_without_blank_lines():
    text = ("Ref   Action                     Due\n"
            "1.1   Review the front door      March 2013\n"
            "      and report back.\n"
            "1.2   Audit case files           June 2013\n")
    (table,) = parse_text(text).tables
    assert _texts(table)[1:] == [["1.1", "Review the front door and report back.", "March 2013"],
                                 ["1.2", "Audit case files", "June 2013"]]


def test_pdftotext_layout_single_line_rows_of_a_glossary():
    text = ("C&R     Contract and Referrals        PC       Practice Consultants\n"
            "CAF     Common Assessment             PARIS    Electronic system for\n"
            "        framework                              recording social care\n"
            "PPU     Pupil Protection Unit         E&D      Equality & Diversity\n")
    (table,) = parse_text(text).tables
    assert table.text_grid() == [
        ["C&R", "Contract and Referrals", "PC", "Practice Consultants"],
        ["CAF", "Common Assessment framework", "PARIS", "Electronic system for recording social care"],
        ["PPU", "Pupil Protection Unit", "E&D", "Equality & Diversity"]]
    assert table.header_rows == 0


def test_prose_with_double_spaces_is_not_a_table():
    text = ("The plan was agreed.  It will be reviewed monthly by the board and its\n"
            "partners, who report to the panel.  Progress is shown in the tables below\n"
            "and in the annex.\n")
    assert parse_text(text).tables == []


# --- bad input and sniffing ------------------------------------------------------------------


def test_empty_and_binary_files_raise_input_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    with pytest.raises(InputError, match="empty"):
        read(empty)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02 not text \x00")
    with pytest.raises(InputError):
        read(binary)


def test_windows_1252_and_utf16_text_decode(tmp_path):
    cp = tmp_path / "cp.txt"
    cp.write_bytes("Ref\tAction\n1\tCaf\u00e9 review \u2013 done.\n".encode("cp1252"))
    assert read(cp).tables[0].rows[1].cells[1].text == "Caf\u00e9 review \u2013 done."
    u16 = tmp_path / "u16.txt"
    u16.write_bytes("Ref\tAction\n1\tAudit files.\n".encode("utf-16"))
    assert read(u16).tables[0].rows[1].cells[1].text == "Audit files."


@pytest.mark.parametrize("name,content,expected", [
    ("page.txt", "<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table></body></html>", "html"),
    ("notes.txt", "# Plan\n\nSome text\n\n## Actions\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "md"),
    ("tsv.txt", "Ref\tAction\n1\t<p>Review</p>\n", "txt"),
    ("quoted.txt", "# Plan\n\n## Notes\n\nThe export kept a <table> tag here.\n", "md"),
    ("mixed.txt", "# Plan\n\n## Theme 1\n\n1.1\tIN 3.1\tAction text\n", "md"),
    ("plain.md", "Just text, no markup at all.\n", "md"),
])
def test_sniffing_text_formats_by_content(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert sniff_format(path) == expected


def test_markdown_seed_saved_as_txt_gets_the_markdown_reader(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes((SAMPLES / "002_c3f8460906c6c51e.md").read_bytes())  # the seed's text, verbatim
    doc = read(path)
    assert doc.format == "md"
    assert any(isinstance(b, Heading) and b.text == "Abbreviations" for b in doc.blocks)


def test_sample_text_files_read_like_their_seeds():
    samples = Path(__file__).resolve().parent.parent / "samples"
    for path in sorted(samples.glob("*.txt")):
        if not path.name[:3].isdigit():
            continue
        doc = read(path)
        assert doc.format == "txt" and doc.source == path.name and doc.tables, path.name


# --- real pdftotext -layout output of the sample PDFs ------------------------------------------

# (seed, minimum fraction of the clean layout's cells found once flagged cut rows are rejoined)
LAYOUT_FLOORS = [
    ("000_9d4ebbcf78c32af3", 0.85),
    ("001_17cf1543151ab3d9", 0.65),
    ("002_c3f8460906c6c51e", 0.80),
    ("003_a7230eed7bb96a87", 0.70),
    ("004_0181fde6aaa631cd", 0.88),
]


@needs_layouts
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
@pytest.mark.parametrize("stem,floor", LAYOUT_FLOORS)
def test_pdftotext_layout_of_sample_pdfs_recovers_tables(tmp_path, stem, floor):
    pdf = Path(__file__).resolve().parent.parent / "samples" / f"{stem}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf.name} not built")
    out = tmp_path / f"{stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, capture_output=True)
    assert sniff_format(out) == "txt"
    doc = read(out)
    assert doc.pages and doc.pages > 1
    match = compare(doc, stem, rejoin=True)
    print(f"pdftotext -layout {stem}: {match}; without rejoining: {compare(doc, stem)}")
    assert match.cells >= floor, str(match)
