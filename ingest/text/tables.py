"""Turn runs of delimited text rows into :class:`~actionplans.model.Table` objects.

The text and Markdown readers hand over a *run*: consecutive table rows, possibly with
blank lines between some of them. A blank line alone does not end a table (exports put
blank lines between rows, and a page break leaves one); the next row starts a new table
only when the evidence says so:

* it repeats the current table's header row -> a new table that continues the previous
  one over a page break (``continues_previous``; the header row is marked
  ``repeated_header``), and its first body row is flagged ``cut_from_previous`` when it
  reads as the rest of the previous table's last row;
* it reads as a header row of its own (labels, over a body that does not) -> a new table.

Inside a table, a row after a blank line that reads as the rest of the row above (its key
cell empty, or opening in lower case after a key cell that did not end) is flagged
``cut_from_previous``; it is not merged.

Inside a table, rows keep their cells left-aligned (a row with fewer cells is padded with
empty cells, never shifted); a row whose only text is in its first cell, in a table of
three or more columns, is a full-width section row (``colspan`` = width).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from actionplans.header_rows import count_text_header_rows, is_section_row, label_like_row, norm
from actionplans.model import Cell, Fidelity, Row, Table

from .cell_html import CellText
from .header_rows import same_row

_TERMINAL = re.compile(r"[.!?)\]\"'’”]$")


@dataclass(frozen=True)
class RawRow:
    """One row as read from the text, before it is placed in a table."""

    cells: tuple[CellText, ...]
    gap_before: bool = False  # blank line(s) between this row and the previous row of the run
    page: Optional[int] = None
    header_mark: bool = False  # the source marks it as a header (a Markdown |---| line follows)
    restored: tuple[int, ...] = ()  # columns where an empty cell the export left out was put back

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


def _content_width(row: RawRow) -> int:
    last = 0
    for i, c in enumerate(row.cells):
        if c.text.strip():
            last = i + 1
    return last


def _width(rows: Sequence[RawRow]) -> int:
    """Columns: as far right as any cell holds text, or as the first row reaches when it is a
    header (a header's trailing empty cells are columns; a data row's trailing tab is not)."""
    head = len(rows[0].cells) if label_like_row(rows[0].texts) else 0
    return max([head] + [_content_width(r) for r in rows]) or 1


def _starts_own_table(rows: Sequence[RawRow], i: int) -> bool:
    """Does rows[i] (after a blank line) read as the header of a new table?"""
    texts = rows[i].texts
    if sum(1 for t in texts if norm(t)) < 2 or not label_like_row(texts):
        return False
    following = [r.texts for r in rows[i + 1:i + 1 + 4]]
    return any(not label_like_row(t) for t in following if any(norm(x) for x in t))


def split_run(rows: Sequence[RawRow]) -> list[tuple[list[RawRow], bool]]:
    """Split a run of rows into tables: ``[(rows, starts_with_repeated_header), ...]``."""
    segments: list[tuple[list[RawRow], bool]] = []
    current: list[RawRow] = []
    repeated = False
    for i, row in enumerate(rows):
        if current and row.gap_before:
            header = current[0].texts
            if label_like_row(header) and same_row(header, row.texts):
                segments.append((current, repeated))
                current, repeated = [row], True
                continue
            if _starts_own_table(rows, i) and not same_row(header, row.texts):
                segments.append((current, repeated))
                current, repeated = [row], False
                continue
        current.append(row)
    if current:
        segments.append((current, repeated))
    return segments


def _looks_cut(prev_last: Row, first_body: Sequence[str]) -> bool:
    """The first body row of a continued table is the rest of the previous table's last row."""
    head = norm(first_body[0]) if first_body else ""
    prev = norm(prev_last.cells[0].text) if prev_last.cells and prev_last.cells[0] else ""
    if not prev or prev_last.is_header or prev_last.cells[0].colspan > 1:
        return False
    if not head:  # the key cell ended on the page before; the other cells run on
        return any(norm(t) for t in first_body[1:])
    return head[0].islower() and not _TERMINAL.search(prev)


#: a column filled in at most this share of a table's full rows is an empty column ("RAG" left blank)
EMPTY_COLUMN_SHARE = 0.1
#: ... and a column filled in at least this share is a column the plan fills
FILLED_COLUMN_SHARE = 0.5
#: full rows needed before a table's columns say which are empty
MIN_FULL_ROWS = 3


def _restore_dropped_cells(rows: Sequence[RawRow], n_header: int, width: int) -> list[RawRow]:
    """Some converters leave out a row's empty cells instead of writing empty ones, so the rest
    of the row slides left under the wrong headers. Where a table has columns that are empty in
    (nearly) all its full rows, a row short by up to that many cells that puts text in one of
    them, and would leave empty a column the plan fills, gets its blanks back in those columns."""
    full = [r for r in rows[n_header:] if len(r.cells) >= width and _content_width(r) > 1]
    if len(full) < MIN_FULL_ROWS:
        return list(rows)
    share = [sum(1 for r in full if r.cells[c].text.strip()) / len(full) for c in range(width)]
    empty_cols = [c for c in range(width) if share[c] <= EMPTY_COLUMN_SHARE]
    out = list(rows)
    for i in range(n_header, len(rows)):
        raw = rows[i]
        missing = width - len(raw.cells)
        if missing <= 0 or missing > len(empty_cols) or _content_width(raw) < 2:
            continue
        if not any(c < len(raw.cells) and raw.cells[c].text.strip() for c in empty_cols):
            continue  # nothing sits in a column the plan leaves empty: the row's last cells are just empty
        if not any(share[c] >= FILLED_COLUMN_SHARE for c in range(width - missing, width)):
            continue
        gaps = sorted(sorted(empty_cols, key=lambda c: (share[c], c))[:missing])
        if any(g >= len(raw.cells) + k for k, g in enumerate(gaps)):
            continue
        cells = list(raw.cells)
        for g in gaps:
            cells.insert(g, CellText(""))
        out[i] = replace(raw, cells=tuple(cells), restored=tuple(gaps))
    return out


def _make_row(raw: RawRow, width: int, is_header: bool, repeated: bool) -> Row:
    texts = [c.text for c in raw.cells[:width]]
    texts += [""] * (width - len(texts))
    if width >= 3 and is_section_row(texts) and not is_header:
        first = raw.cells[0]
        cells: tuple[Optional[Cell], ...] = (Cell(first.text, colspan=width, bold=first.bold),) + (None,) * (width - 1)
    else:
        padded = list(raw.cells[:width]) + [CellText("")] * (width - min(width, len(raw.cells)))
        cells = tuple(Cell(c.text, bold=c.bold) for c in padded)
    return Row(cells=cells, page=raw.page, is_header=is_header, repeated_header=repeated, restored=raw.restored)


def _fold_header_lines(rows: list[RawRow], n_header: int) -> tuple[list[RawRow], list[list[str]], int]:
    """A header line whose every cell sits under a filled cell of the line above is the
    second line of those cells (``Success indicator`` over ``(number on left ...)``): join it."""
    k = 1
    while k < n_header:
        above, below = rows[k - 1], rows[k]
        filled = [i for i, c in enumerate(below.cells) if c.text.strip()]
        if filled and all(i < len(above.cells) and above.cells[i].text.strip() for i in filled):
            cells = list(above.cells)
            for i in filled:
                cells[i] = CellText(cells[i].text + "\n" + below.cells[i].text, bold=cells[i].bold and below.cells[i].bold)
            rows[k - 1] = replace(above, cells=tuple(cells))
            del rows[k]
            n_header -= 1
        else:
            k += 1
    return rows, [r.texts for r in rows], n_header


def build_table(rows: Sequence[RawRow], continues: bool = False, previous: Optional[Table] = None) -> Table:
    """One table from its rows; ``continues`` when it starts with a repeated header."""
    width = _width(rows)
    texts = [r.texts for r in rows]
    n_header = count_text_header_rows(texts)
    marked = 0
    while marked < len(rows) - 1 and rows[marked].header_mark:
        marked += 1
    if marked and all(label_like_row(t) for t in texts[:marked]):
        n_header = max(n_header, marked)
    if continues:
        # a repeated header has as many rows as the header it repeats
        n_header = 1
        if previous is not None:
            prev_header = [[c.text if c else "" for c in r.cells] for r in previous.rows[:previous.header_rows]]
            while (n_header < len(prev_header) and n_header < len(rows) - 1
                   and same_row(prev_header[n_header], texts[n_header])):
                n_header += 1
    if not continues and n_header >= 2:
        rows, texts, n_header = _fold_header_lines(list(rows), n_header)
    rows = _restore_dropped_cells(rows, n_header, width)
    texts = [r.texts for r in rows]
    header = texts[:n_header]
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if i < n_header:
            out.append(_make_row(rows[i], width, True, continues))
            i += 1
            continue
        if header and same_row(header[0], texts[i]):
            k = 1
            while k < len(header) and i + k < len(rows) and same_row(header[k], texts[i + k]):
                k += 1
            for j in range(k):
                out.append(_make_row(rows[i + j], width, True, True))
            i += k
            continue
        row = _make_row(rows[i], width, False, False)
        if rows[i].gap_before and out and not out[-1].is_header and _looks_cut(out[-1], texts[i]):
            # after a blank line (a page break in the export), the rest of the row above
            row = replace(row, cut_from_previous=True)
        out.append(row)
        i += 1
    if continues and previous is not None and previous.rows and n_header < len(out):
        body = out[n_header]
        if _looks_cut(previous.rows[-1], texts[n_header]):
            out[n_header] = replace(body, cut_from_previous=True)
    page = next((r.page for r in rows if r.page is not None), None)
    return Table(rows=tuple(out), page=page, continues_previous=continues, fidelity=Fidelity.RECOVERED)


def continues_headed(table: Table, previous: Optional[Table]) -> bool:
    """A headerless table that goes on with the headed table before it (same width, only
    prose between): converters write a table's full-width rows, or a page break, as text
    between two parts of one table."""
    if previous is None or table.continues_previous or table.header_rows or not table.rows:
        return False
    if previous.n_cols != table.n_cols or not (previous.header_rows or previous.continues_previous):
        return False
    return not (table.rows[0].cells[0] is not None and table.rows[0].cells[0].colspan == table.n_cols)


def build_tables(rows: Sequence[RawRow], previous: Optional[Table] = None) -> list[Table]:
    """All tables of one run. ``previous`` is the table just before the run, if only page
    furniture (blank lines, page markers) separates them: a run that opens with its header
    continues it."""
    tables: list[Table] = []
    segments = split_run(rows)
    if segments and previous is not None and previous.rows:
        first_rows, _ = segments[0]
        header = [c.text if c else "" for c in previous.rows[0].cells]
        if label_like_row(header) and same_row(header, first_rows[0].texts):
            segments[0] = (first_rows, True)
    prev = previous
    for seg_rows, repeated in segments:
        table = build_table(seg_rows, continues=repeated, previous=prev)
        tables.append(table)
        prev = table
    return tables
