"""How many leading rows of a table are its header: the one place that decides it.

Readers that know their header rows mark them (``Row.is_header``: DOCX ``tblHeader``, HTML
``<th>``/``<thead>``, a repeated header; the PDF reader, whose format has no mark, the
leading rows set apart by style, :func:`count_styled_header_rows`) and those marks are
trusted. For a table with no marks:

* The first row is a candidate when at least two of its cells hold text, none longer than a
  label (:data:`MAX_LABEL_CHARS`), and it is not a section title alone in the first column.
  A caller that knows the header words (extract, through ``is_field_name``) lets them decide:
  at least two cells, and half of them, name known fields. A caller that does not (the text
  readers) asks that the row read as labels (short cells, no sentences, no bare numbers) over
  a body that does not; where the whole table reads as labels (a glossary, a key) the first
  row is a header only when its cells differ in kind from the columns below them (the way
  ``csv.Sniffer.has_header`` votes column by column), and a few sparse label rows wide enough
  are a header standing alone (its body comes after some prose).
* Each further row joins the header, up to :data:`MAX_HEADER_ROWS` and always leaving a body
  row, while it reads as labels, has no cell spanning most of the width (a section row), and
  is tied to the rows above: it sits under a header cell that spans columns or beside one
  spanning down into it, or, in a table whose rows were recovered from text
  (``Fidelity.RECOVERED``) and whose body does not read as labels too, it is a fragment (few
  words per cell, or few cells), the second line of labels an export split over two lines.

This module is a leaf: it imports only the model, so ingest and extract both call it.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Optional, Sequence

from .model import Cell, Fidelity, Row, Slot, Table

#: a table has at most this many header rows
MAX_HEADER_ROWS = 4
#: a header cell longer than this (characters, spaces folded) is body text, not a label
MAX_LABEL_CHARS = 150
#: ... or with more words than this
MAX_LABEL_WORDS = 20
#: mean words per cell of a later header line that has no span tying it to the row above
MAX_FRAGMENT_WORDS = 4
#: a section title standing alone in the first cell has at most this many words
MAX_SECTION_WORDS = 12
#: a row with a cell spanning this share of the columns is a section row, not a header row
FULL_WIDTH_SHARE = 0.6
#: share of a body column that must agree in kind for the column to vote
COLUMN_VOTE_SHARE = 0.75

#: words a title does not end with (a line cut mid-phrase ends with them); used to tell a
#: full-width section row from the first line of a cell that runs on
DANGLING_WORDS = frozenset({"and", "or", "of", "to", "the", "a", "an", "for", "in", "on", "with", "by", "at",
                            "from", "st", "as", "that", "which", "is", "are", "be"})

_BARE_NUMBER = re.compile(r"[\s\d.,%+\-–]*\d[\s\d.,%+\-–]*")
_TWO_SENTENCES = re.compile(r"[a-z)]{2}[.;!] +[A-Z(]")
_ABBREVIATION = re.compile(r"[A-Z0-9&/().\- ]{1,12}")
_LETTERS = re.compile(r"[A-Za-z]{3,}")

#: the caller's test "does this text name a known field?" ("Lead officer", "RAG")
FieldNameTest = Callable[[str], bool]


def norm(text: str) -> str:
    return " ".join((text or "").split())


def label_like_cell(text: str) -> bool:
    """Could this cell be a column label: short, not a sentence or two, not a bare number?"""
    t = norm(text)
    if not t:
        return True
    words = t.split()
    if len(t) > MAX_LABEL_CHARS or len(words) > MAX_LABEL_WORDS:
        return False
    if _BARE_NUMBER.fullmatch(t) or not any(ch.isalnum() for ch in t) or t[-1] in ",;":
        return False
    if len(words) >= 5 and t.endswith("."):
        return False
    for m in _TWO_SENTENCES.finditer(t):
        # "Resp. Officer" is an abbreviation; a sentence has a few words on each side
        if len(t[:m.start()].split()) >= 3 and len(t[m.end() - 1:].split()) >= 3:
            return False
    return (text or "").count("\n") < 3


def is_section_row(texts: Sequence[str]) -> bool:
    """Only the first of several cells holds text, and that text is a title: a label, not a
    number, opening with a capital or a number and not broken off mid-phrase."""
    first = norm(texts[0]) if texts else ""
    if len(texts) < 3 or not first or any(norm(t) for t in texts[1:]):
        return False
    if not _LETTERS.search(first) or not label_like_cell(first) or len(first.split()) > MAX_SECTION_WORDS:
        return False
    if first[0].islower() or first.split()[-1].lower().strip(",") in DANGLING_WORDS or first[-1] in ",&-–/":
        return False
    return True


def label_like_row(texts: Sequence[str]) -> bool:
    """Does a row (each column's own text) read as column labels?"""
    filled = [t for t in texts if norm(t)]
    if not filled or is_section_row(texts):
        return False
    return all(label_like_cell(t) for t in filled)


def _fragment_row(texts: Sequence[str]) -> bool:
    """A later line of a multi-line header: few words per cell, or few cells."""
    filled = [norm(t) for t in texts if norm(t)]
    if not filled:
        return False
    mean_words = sum(len(t.split()) for t in filled) / len(filled)
    return mean_words <= MAX_FRAGMENT_WORDS or len(filled) <= max(1, len(texts) // 3)


def _shape(text: str) -> Optional[str]:
    t = norm(text)
    if not t:
        return None
    if _BARE_NUMBER.fullmatch(t):
        return "number"
    if _ABBREVIATION.fullmatch(t) and any(ch.isalpha() for ch in t):
        return "abbreviation"
    return "short" if len(t.split()) <= 3 else "text"


def _differs_from_body(rows: Sequence[Sequence[str]]) -> bool:
    """Column vote: does the first row differ in kind from the consistent columns below it?"""
    agree = disagree = 0
    width = max(len(r) for r in rows)
    for c in range(width):
        head = _shape(rows[0][c]) if c < len(rows[0]) else None
        body = [_shape(r[c]) for r in rows[1:] if c < len(r)]
        body = [s for s in body if s]
        if head is None or len(body) < 2:
            continue
        kind, count = Counter(body).most_common(1)[0]
        if count / len(body) < COLUMN_VOTE_SHARE:
            continue
        if kind == head:
            agree += 1
        else:
            disagree += 1
    return disagree > agree


def _names_fields(texts: Sequence[str], is_field_name: Optional[FieldNameTest]) -> bool:
    """At least two cells, and at least half of them, name known fields."""
    if is_field_name is None:
        return False
    filled = [t for t in texts if norm(t)]
    known = sum(1 for t in filled if is_field_name(t))
    return known >= 2 and known >= len(filled) / 2


def _first_row_count(texts: Sequence[Sequence[str]], is_field_name: Optional[FieldNameTest]) -> tuple[int, bool]:
    """(header rows the first row's evidence gives, whether a short row below may join them
    without a span tying it): 0 when the first row is no header; 1; or the whole table when
    it is a header standing alone (its body comes after some prose)."""
    first = texts[0]
    filled = [norm(t) for t in first if norm(t)]
    if len(filled) < 2 or any(len(t) > MAX_LABEL_CHARS for t in filled) or is_section_row(first):
        return 0, False
    if is_field_name is not None:  # the caller knows the header words: they decide
        header = _names_fields(first, is_field_name)
    else:  # no words to go by: labels over a body that differs (a table of one row has none)
        header = len(texts) > 1 and label_like_row(first)
    if not header:
        return 0, False
    if len(texts) == 1:
        return 1, False
    if all(label_like_row(r) or not any(norm(t) for t in r) for r in texts[1:]):
        # the whole table reads as labels (a glossary, a key, a header on its own): short rows
        # below the first are its body, not more header lines
        width = max(len(r) for r in texts)
        sparse = all(sum(1 for t in r if norm(t)) <= width // 2 for r in texts[1:])
        if len(texts) <= MAX_HEADER_ROWS and width >= 3 and sparse:
            return len(texts), False
        return int(is_field_name is not None or _differs_from_body(texts)), False
    return 1, True


def _tied_by_span(grid: Sequence[Sequence[Slot]], r: int) -> bool:
    """Row r sits under a cell of row r-1 that spans columns, or beside a cell spanning down into it."""
    above, row = grid[r - 1], grid[r]
    under_span = any(above[c].cell.colspan > 1 and row[c].origin_row == r and norm(row[c].text)
                     for c in range(len(row)))
    spans_down = any(0 <= s.origin_row < r for s in row)
    return under_span or spans_down


def _full_width(grid: Sequence[Sequence[Slot]], r: int) -> bool:
    n_cols = len(grid[r])
    return any(s.origin_row == r and s.cell.colspan >= max(2, int(FULL_WIDTH_SHARE * n_cols)) for s in grid[r])


def count_header_rows(table: Table, is_field_name: Optional[FieldNameTest] = None) -> int:
    """How many leading rows of ``table`` are header rows.

    Rows the reader marked (``Row.is_header``) are trusted. Otherwise the rows are judged by
    how their cells read and by the spans that tie them, and, when ``is_field_name`` is given,
    by whether the first row's cells name known fields (see the module's docstring).
    """
    marked = table.header_rows
    if marked:
        return marked
    texts = table.text_grid()
    if not texts:
        return 0
    n, short_rows_join = _first_row_count(texts, is_field_name)
    if n == 0 and is_field_name is not None:
        # too few of the first row's words name fields ("ID | Key tasks | Risk rating | Delivery |
        # September 2015 review | ..."): rows set apart by their style whose words, row by row, name
        # two fields or more are the header, as a reader without header marks would take them
        styled = count_styled_header_rows([r.cells for r in table.rows])
        named = {t for r in texts[:styled] for t in r if norm(t) and is_field_name(t)}
        if 0 < styled < len(texts) and len(named) >= 2:
            return styled
    if n != 1:
        return n
    grid = table.grid()
    # where the reader recovered the rows from text, one header line may have become two rows
    split_lines = short_rows_join and table.fidelity == Fidelity.RECOVERED
    while (n < min(MAX_HEADER_ROWS, len(texts) - 1) and label_like_row(texts[n]) and not _full_width(grid, n)
           and (_tied_by_span(grid, n) or (split_lines and _fragment_row(texts[n])))):
        n += 1
    return n


def asks_questions(texts: Sequence[str]) -> bool:
    """Do most of the cells with text end in a question mark (a template's guidance row)?"""
    filled = [norm(t) for t in texts if norm(t)]
    return bool(filled) and 2 * sum(1 for t in filled if t.endswith("?")) > len(filled)


def count_styled_header_rows(rows: Sequence[Sequence[Optional[Cell]]]) -> int:
    """Leading rows set apart by their style, for a reader whose format has no header mark
    (PDF): rows whose every cell with text is bold, or every one filled. A section row (after
    the first, its one cell with text spanning most of the width) ends them, and so does a row
    asking questions under a first row that does not (a template's guidance); they take in the
    rows their cells span down into (a section's number in a cell of its own before it counts
    with it); at most :data:`MAX_HEADER_ROWS`, always leaving a body row.
    ``rows`` are grid rows (``None`` for a slot a span covers)."""
    n_cols = max((len(r) for r in rows), default=0)
    n = 0
    for i, row in enumerate(rows[:MAX_HEADER_ROWS]):
        cells = [c for c in row if c is not None and c.text.strip()]
        if not cells or not (all(c.bold for c in cells) or all(c.fill for c in cells)):
            break
        numbered = len(cells) == 2 and bool(_BARE_NUMBER.fullmatch(norm(cells[0].text)))  # "10.1 | Health"
        if i > 0 and (len(cells) == 1 or numbered) and cells[-1].colspan >= max(2, int(FULL_WIDTH_SHARE * n_cols)):
            break
        if i > 0 and asks_questions([c.text for c in cells]) and not asks_questions(
                [c.text for c in rows[0] if c is not None]):
            break  # a template's guidance under its labels ("What is the recommendation?"): a body row
        n = i + 1
    end = n
    for i in range(n):
        for c in rows[i]:
            if c is not None:
                end = max(end, i + c.rowspan)
    return min(end, MAX_HEADER_ROWS, max(0, len(rows) - 1))


def count_text_header_rows(rows: Sequence[Sequence[str]]) -> int:
    """:func:`count_header_rows` of a table given as its cells' texts, row by row (no spans, no
    marks): the text readers' tables before they are built."""
    table = Table(rows=tuple(Row(cells=tuple(Cell(t) for t in r)) for r in rows), fidelity=Fidelity.RECOVERED)
    return count_header_rows(table)
