"""The one header-row detector (actionplans.header_rows) on small grids laid out as no sample is,
and the two callers that delegate to it: the text readers and extract."""
from dataclasses import replace

from actionplans.extract.columns import detect_header_rows, map_columns
from actionplans.extract.grid import Grid
from actionplans.header_rows import (MAX_HEADER_ROWS, MAX_LABEL_CHARS, count_header_rows, count_text_header_rows,
                                     label_like_row)
from actionplans.ingest.text.reader import parse_text
from actionplans.model import Cell, Fidelity, Row, Table

#: a stand-in for extract's header words, so the detector is tried apart from the real vocabulary
FIELD_WORDS = {"ref", "action", "lead", "timescale", "rag", "owner", "due", "progress"}


def names_field(text):
    return text.strip().lower() in FIELD_WORDS


def grid(rows, fidelity=Fidelity.EXACT, marked=0):
    """Rows of str (a cell), Cell (spans) or None (a slot covered by a span)."""
    def cell(v):
        return v if v is None or isinstance(v, Cell) else Cell(text=v)
    return Table(rows=tuple(Row(cells=tuple(cell(c) for c in r), is_header=i < marked) for i, r in enumerate(rows)),
                 fidelity=fidelity)


PROSE = "Develop a multi-agency audit of strategy meetings. Report the findings to the board quarterly."
BODY = ["1.1", PROSE, "Head of Service", "April 2019", "May 2019", "Green"]


def test_two_row_header_under_a_spanning_cell():
    """"Timescale" spans two columns over "Start" and "End"; the cells beside it span down."""
    t = grid([
        [Cell("Ref", rowspan=2), Cell("Action", rowspan=2), Cell("Lead", rowspan=2), Cell("Timescale", colspan=2),
         None, Cell("RAG", rowspan=2)],
        [None, None, None, "Start", "End", None],
        BODY,
        ["1.2", PROSE, "Team Manager", "June 2019", "July 2019", "Amber"],
    ])
    assert count_header_rows(t, names_field) == 2
    assert count_header_rows(t) == 2  # without the words: labels over prose, the second row tied by the spans
    cols = map_columns(Grid(t))
    assert cols.header_rows == 2 and cols.headers[3:5] == ("Timescale Start", "Timescale End")


def test_a_short_second_row_with_no_span_is_body_in_an_exact_table():
    """In an exact table nothing ties a short row to the header above it; only a table recovered
    from text may have had one header line split into two rows."""
    rows = [["Ref", "Action", "Lead"], ["Review", "Audit", "Jo Bloggs"], ["1.1", PROSE, "Head of Service"]]
    assert count_header_rows(grid(rows), names_field) == 1
    assert count_header_rows(grid(rows, fidelity=Fidelity.RECOVERED), names_field) == 2


def test_a_section_title_row_is_no_header():
    """A title alone in the first cell, over a table with no header of its own."""
    title_first = grid([["Priority 2: Early help", "", "", ""],
                        ["2.1", PROSE, "Head of Early Help", "March 2019"],
                        ["2.2", PROSE, "Head of Service", "June 2019"]])
    assert count_header_rows(title_first) == 0
    assert count_header_rows(title_first, names_field) == 0
    # under a header, a section row spanning the width ends the header even though it reads as a label
    under_header = grid([["Ref", "Action", "Lead", "Due"],
                         [Cell("Priority 2: Early help", colspan=4), None, None, None],
                         ["2.1", PROSE, "Head of Early Help", "March 2019"]], fidelity=Fidelity.RECOVERED)
    assert count_header_rows(under_header, names_field) == 1
    assert count_header_rows(under_header) == 1


def test_an_unmarked_headerless_table_has_no_header():
    body_only = grid([BODY, ["1.2", PROSE, "Team Manager", "June 2019", "July 2019", "Amber"]])
    assert count_header_rows(body_only) == 0
    assert count_header_rows(body_only, names_field) == 0
    # a glossary with no header: every row reads as labels and the first differs in nothing
    glossary = grid([["CAF", "Common Assessment Framework"], ["DCS", "Director of Children's Services"],
                     ["IRO", "Independent Reviewing Officer"], ["LADO", "Local Authority Designated Officer"]])
    assert count_header_rows(glossary) == 0
    headed = grid([["Abbreviation", "Meaning"]] + [list(r.cells[i].text for i in range(2)) for r in glossary.rows])
    assert count_header_rows(headed) == 1


def test_a_text_export_header_split_over_two_lines():
    """A tab-separated export wrote each header cell's second line as a row of its own."""
    rows = [["Action", "Lead", "Target"],
            ["reference", "officer", "date"],
            ["1.1", PROSE, "Head of Service", "March 2019"],
            ["1.2", PROSE, "Team Manager", "May 2019"]]
    assert count_text_header_rows(rows) == 2
    text = "\n".join("\t".join(r) for r in rows) + "\n"
    table = parse_text(text).tables[0]
    # the reader marks the header and folds the second line into the cells above it
    assert table.header_rows == 1 and table.rows[0].cells[0].text == "Action\nreference"


def test_reader_marks_are_trusted():
    t = grid([BODY, BODY, BODY], marked=1)
    assert count_header_rows(t) == count_header_rows(t, names_field) == 1
    assert detect_header_rows(Grid(t)) == 1


def test_one_row_table_is_a_header_only_by_its_words():
    t = grid([["Ref", "Action", "Lead"]])
    assert count_header_rows(t, names_field) == 1
    assert count_header_rows(t) == 0


def test_one_set_of_limits():
    """At most MAX_HEADER_ROWS header rows, labels no longer than MAX_LABEL_CHARS."""
    lines = [["Action", "Lead", "Due"]] + [["part", "of", "label"]] * 6 + [["1.1", PROSE, "Head of Service"]]
    assert count_text_header_rows(lines) == MAX_HEADER_ROWS
    assert count_text_header_rows(lines[:2] + lines[-1:]) == 2
    long_label = "Lead " + "x" * MAX_LABEL_CHARS
    assert not label_like_row(["Action", long_label])
    t = grid([["Action", long_label], ["1.1", PROSE]])
    assert count_header_rows(t, lambda s: True) == 0  # even when every cell names a field


def test_extract_and_the_text_reader_ask_the_same_detector():
    """extract judges an unmarked table by the real header words; the text reader's count is the
    same detector without them, so a table both can read gets the same answer."""
    rows = [["Ref", "Action", "Lead officer", "Target date"],
            ["1.1", PROSE, "Head of Service", "March 2019"],
            ["1.2", PROSE, "Team Manager", "May 2019"]]
    t = grid(rows, fidelity=Fidelity.RECOVERED)
    assert detect_header_rows(Grid(t)) == count_text_header_rows(rows) == 1
    marked = replace(t, rows=(replace(t.rows[0], is_header=True),) + t.rows[1:])
    assert detect_header_rows(Grid(marked)) == 1


def test_span_tied_second_row_over_a_body_of_short_phrases():
    """A body of short phrases reads as labels too; a row under a spanning header cell is still
    a header row, but a short row with no span is body."""
    rows = [[Cell("Ref", rowspan=2), Cell("Action", rowspan=2), Cell("Timescale", colspan=2), None],
            [None, None, "Start", "Deadline"],
            ["A1", "Daily triage meeting", "Jan 2024", "March 2024"],
            ["A2", "Weekly tracker", "Feb 2024", "April 2024"]]
    assert count_header_rows(grid(rows), names_field) == 2
    flat = [["Ref", "Action", "Start", "Deadline"]] + rows[2:]
    assert count_header_rows(grid(flat, fidelity=Fidelity.RECOVERED), names_field) == 1


def test_two_styled_header_rows_whose_words_name_fields_are_the_header():
    """A committee page's bold, filled header over two rows ('Delivery' spanning 'Action owner' and
    'Expected completion'), its first row naming too few fields by itself: the styled rows are the
    header, and the section row under them (bold too) is not."""
    h = dict(bold=True, fill="#DBE5F1")
    rows = (Row(cells=(Cell("ID", rowspan=2, **h), Cell("Key tasks", rowspan=2, **h), Cell("Risk rating", rowspan=2, **h),
                       Cell("Delivery", colspan=2, **h), None)
                 + tuple(Cell(f"{m} review", rowspan=2, **h) for m in ("September 2015", "December 2015", "March 2016",
                                                                      "June 2016"))),
            Row(cells=(None, None, None, Cell("Action owner", **h), Cell("Expected completion", **h)) + (None,) * 4),
            Row(cells=(Cell("Recommendation 1: Feedback from families should be used", colspan=9, bold=True),)
                + (None,) * 8),
            Row(cells=(Cell("1.1"), Cell("Involve young people on interview panels"), Cell("Low"), Cell("Jo Bloggs"),
                       Cell("30 Sep 2016"), Cell("Amber"), Cell("Red"), Cell("Amber"), Cell("Amber"))))
    table = Table(rows=rows)
    assert detect_header_rows(Grid(table)) == 2
    fields = dict(zip(map_columns(Grid(table)).headers, map_columns(Grid(table)).fields))
    assert fields["Delivery Action owner"] == "owner" and fields["Delivery Expected completion"] == "due"
    # the same rows unstyled: the words of the first row alone decide, as before
    plain = Table(rows=tuple(Row(cells=tuple(replace(c, bold=False, fill=None) if c else None for c in r.cells))
                             for r in rows))
    assert detect_header_rows(Grid(plain)) == 0
