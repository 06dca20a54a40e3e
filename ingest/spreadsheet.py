"""What the spreadsheet readers (XLSX, ODS, CSV) share: one sheet's cells laid out as the
Document's blocks.

A reader gives each sheet as a :class:`Sheet`: its cells by (row, column) with their merges,
fills and bold, and the rows and columns it hides. :func:`sheet_blocks` then finds what a person
sees on the sheet: a title block of single cells above the table (paragraphs), the table from its
first row with two or more cells of text to its last (parts of one table that blank rows separate
are joined when they use the same columns; a key or notes table beside other columns stays a
table of its own), and notes below. Hidden rows and columns are left out (the reader records them
in the Document's notes); frozen rows at the top of the table mark its header rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from typing import Optional

from actionplans.model import Block, Cell, Heading, Paragraph, Row, Table

__all__ = ["SheetCell", "Sheet", "sheet_blocks", "document_blocks", "workbook_title", "column_letter", "column_index", "is_default_sheet_name", "ranges_text",
           "MAX_ROWS", "MAX_COLS"]

#: a sheet is read to this many rows and columns (a hostile or damaged file may claim a million)
MAX_ROWS = 200_000
MAX_COLS = 1_000
#: frozen rows are taken as header rows up to this many
MAX_FROZEN_HEADER = 4

#: the names spreadsheet programs give new sheets: a tab label, not a section of the plan
_DEFAULT_NAME = re.compile(r"^\s*(sheet|tab|tabelle|feuil|feuille|hoja|foglio|planilha|blad|arkusz|taul|munka)\s*\d*\s*$",
                           re.I)


@dataclass
class SheetCell:
    """One cell as the sheet shows it; a merge is given by its top-left cell's spans (in sheet rows
    and columns, hidden ones included)."""

    text: str = ""
    fill: Optional[str] = None  # "#RRGGBB"
    bold: bool = False
    size: Optional[float] = None  # font size in points, where known
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Sheet:
    name: str
    index: int  # 1-based position in the workbook (hidden sheets counted): the rows' "page"
    cells: dict[tuple[int, int], SheetCell] = field(default_factory=dict)  # (row, col), 1-based
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    frozen_rows: int = 0  # rows frozen at the top of the sheet (a header hint)
    #: set by :func:`sheet_blocks`: the title block's lines set larger than the sheet's body text,
    #: as (font size, text), and the body text's size
    title_lines: list[tuple[float, str]] = field(default_factory=list)


def column_letter(col: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(letters: str) -> int:
    """"A" -> 1, "AA" -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def is_default_sheet_name(name: str) -> bool:
    return bool(_DEFAULT_NAME.match(name or ""))


def ranges_text(numbers, letters: bool = False) -> str:
    """"3-5, 9" (or "C-E, I" for columns) from a set of numbers."""
    nums = sorted(numbers)
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        a, b = (column_letter(nums[i]), column_letter(nums[j])) if letters else (str(nums[i]), str(nums[j]))
        parts.append(a if i == j else f"{a}-{b}")
        i = j + 1
    return ", ".join(parts)


@dataclass
class _Placed:
    """A visible cell: its first visible row and column, and the visible rows and columns it covers."""

    cell: SheetCell
    rows: list[int]
    cols: list[int]


def _place(sheet: Sheet) -> dict[tuple[int, int], _Placed]:
    """Every cell that shows something, at its first visible slot; a merge loses its hidden rows and
    columns, and a cell wholly hidden is gone."""
    extent_r = min(MAX_ROWS, max((r + min(c.rowspan, MAX_ROWS) - 1 for (r, _), c in sheet.cells.items()
                                  if c.text), default=0))
    extent_c = min(MAX_COLS, max((k + min(c.colspan, MAX_COLS) - 1 for (_, k), c in sheet.cells.items()
                                  if c.text), default=0))
    placed: dict[tuple[int, int], _Placed] = {}
    for (r, c), cell in sheet.cells.items():
        if r > extent_r or c > extent_c:
            continue
        rows = [x for x in range(r, min(r + max(cell.rowspan, 1), extent_r + 1)) if x not in sheet.hidden_rows]
        cols = [x for x in range(c, min(c + max(cell.colspan, 1), extent_c + 1)) if x not in sheet.hidden_cols]
        if rows and cols:
            placed[(rows[0], cols[0])] = _Placed(cell, rows, cols)
    return placed


def sheet_blocks(sheet: Sheet, heading: bool = False) -> list[Block]:
    """The sheet's blocks: its name as a heading (when ``heading``), the title block, tables and notes."""
    page = sheet.index
    blocks: list[Block] = []
    if heading and sheet.name.strip():
        blocks.append(Heading(text=" ".join(sheet.name.split()), level=1, page=page))
    placed = _place(sheet)
    covering: dict[int, list[_Placed]] = {}  # row -> the text cells covering it
    for p in placed.values():
        if p.cell.text.strip():
            for r in p.rows:
                covering.setdefault(r, []).append(p)
    if not covering:
        return blocks
    sizes = [p.cell.size for p in placed.values() if p.cell.text.strip() and p.cell.size]
    body_size = median(sizes) if sizes else None
    rows = sorted(covering)
    # runs of rows with text, split at blank rows
    bands: list[list[int]] = []
    for r in rows:
        if bands and _next_visible(bands[-1][-1], sheet.hidden_rows) == r:
            bands[-1].append(r)
        else:
            bands.append([r])
    # each band: runs of rows with two or more cells (table parts) and of single-cell rows between
    # (a title, a heading, a paragraph; or a table's own full-width row, e.g. a recommendation)
    parts: list[tuple[str, list[int]]] = []  # ("text" | "table", rows)
    for band in bands:
        for r in band:
            kind = "table" if len(covering[r]) >= 2 else "text"
            if parts and parts[-1][0] == kind and _next_visible(parts[-1][1][-1], sheet.hidden_rows) == r:
                parts[-1][1].append(r)
            else:
                parts.append((kind, [r]))
    # parts of one table: a table part using the columns of the table before it carries it on
    # (with the single-cell rows between: a section title set off by blank rows, a full-width row
    # inside the table; not a run of them longer than the two parts, which is the document's text
    # between two tables); one using other columns starts a new table, and the single-cell rows
    # between are the text between two tables (a converter or a person putting several tables
    # on one sheet, one under another). A part under a title of its own that starts with a header
    # row is a new table of the same layout: a section of the plan, the title its heading (one
    # table per theme, each with its header, one under another), or a key or glossary below the
    # actions. Its first row is a header where it repeats the table's first row, or looks like it
    # (bold, filled) where the table's first row looks unlike the row under it.
    groups: list[tuple[str, list[int]]] = []
    pending: list[tuple[str, list[int]]] = []
    for kind, part_rows in parts:
        if kind == "text":
            pending.append((kind, part_rows))
            continue
        prev = groups[-1] if groups and groups[-1][0] == "table" else None
        between = sum(len(r) for _, r in pending)
        if prev is not None and _same_columns(_columns(prev[1], covering), _columns(part_rows, covering)) \
                and between <= len(prev[1]) + len(part_rows) \
                and not (pending and _starts_a_table(prev[1], part_rows[0], covering)):
            for _, between in pending:
                prev[1].extend(between)
            prev[1].extend(part_rows)
        else:
            groups.extend(pending)
            groups.append(("table", list(part_rows)))
        pending = []
    groups.extend(pending)
    # headings by their size: the largest text is level 1, the next size down level 2 ...
    levels: dict[float, int] = {}
    if body_size:
        big = {covering[r][0].cell.size for kind, group_rows in groups if kind == "text" for r in group_rows}
        big = sorted((x for x in big if x and x >= body_size + 2), reverse=True)
        levels = {x: min(k + 1, 6) for k, x in enumerate(big)}
    first_table = True
    for kind, group_rows in groups:
        if kind == "text":
            for r in group_rows:
                cell = covering[r][0].cell
                blocks.append(_text_block(cell, page, body_size, levels))
                if first_table and cell.size and body_size and cell.size > body_size:
                    sheet.title_lines.append((cell.size, " ".join(cell.text.split())))
        else:
            blocks.append(_table(sheet, placed, covering, group_rows, page, first_table))
            first_table = False
    return blocks


def document_blocks(sheets: list[Sheet]) -> list[Block]:
    """The blocks of all sheets: a sheet's name heads its blocks when several sheets hold text."""
    with_text = [s for s in sheets if any(c.text for c in s.cells.values())]
    named = len(with_text) >= 2
    blocks: list[Block] = []
    for sheet in with_text:
        blocks.extend(sheet_blocks(sheet, heading=named and not is_default_sheet_name(sheet.name)))
    return blocks


def workbook_title(sheets: list[Sheet]) -> Optional[str]:
    """The title a workbook shows: of the lines above the sheets' first tables set larger than their
    sheet's body text, the largest (the first of equals); None when no line stands out."""
    best: Optional[tuple[float, str]] = None
    for sheet in sheets:
        for size, text in sheet.title_lines:
            if text and len(text) <= 250 and (best is None or size > best[0]):
                best = (size, text)
    return best[1] if best else None


def _next_visible(r: int, hidden: set[int]) -> int:
    r += 1
    while r in hidden:
        r += 1
    return r


def _columns(rows: list[int], covering: dict[int, list[_Placed]]) -> set[int]:
    return {p.cols[0] for r in rows if len(covering[r]) >= 2 for p in covering[r]}


def _starts_a_table(table_rows: list[int], r: int, covering: dict[int, list[_Placed]]) -> bool:
    """Is row ``r`` the header of a new table like the one of ``table_rows``: the same texts as its
    first row, or the same look where that first row looks unlike the row under it?"""
    first = table_rows[0]
    if _row_texts(first, covering) == _row_texts(r, covering):
        return True
    return len(table_rows) >= 2 and _row_look(first, covering) != _row_look(table_rows[1], covering) \
        and _row_look(r, covering) == _row_look(first, covering)


def _row_look(r: int, covering: dict[int, list[_Placed]]) -> tuple[bool, frozenset]:
    """How a row's text cells look: all bold or not, and their fills."""
    cells = [p.cell for p in covering[r]]
    return all(c.bold for c in cells), frozenset(c.fill for c in cells)


def _row_texts(r: int, covering: dict[int, list[_Placed]]) -> tuple[tuple[int, str], ...]:
    """A row's texts by column, white space and case aside."""
    return tuple(sorted((p.cols[0], " ".join(p.cell.text.split()).casefold()) for p in covering[r]))


def _same_columns(before: set[int], after: set[int]) -> bool:
    """The columns of a later part are (mostly) those of the table before it."""
    if not before or not after:
        return False
    shared = len(before & after)
    return shared >= 0.6 * len(after) and len(after) >= 0.5 * len(before)


def _text_block(cell: SheetCell, page: int, body_size: Optional[float], levels: dict[float, int]) -> Block:
    text = cell.text.strip()
    if cell.size and body_size and cell.size >= body_size + 2 and "\n" not in text and len(text) <= 200:
        return Heading(text=" ".join(text.split()), level=levels.get(cell.size, 1), page=page)
    return Paragraph(text=text, bold=cell.bold, page=page)


def _table(sheet: Sheet, placed: dict[tuple[int, int], _Placed], covering: dict[int, list[_Placed]],
           rows: list[int], page: int, first: bool) -> Table:
    rows = sorted(set(rows))
    row_set = set(rows)
    used = {c for r in rows for p in covering[r] for c in p.cols}
    lo, hi = min(used), max(used)
    cols = [c for c in range(lo, hi + 1) if c not in sheet.hidden_cols]
    # a column that shows nothing of its own is no column of the table: every cell in it is empty
    # and unfilled, or part of a merge from the left (a header merged over two columns above
    # values in the first, a title merged across the sheet, a spacer column)
    own = {p.cols[0] for r in rows for p in covering[r]}
    own |= {p.cols[0] for p in placed.values() if p.cell.fill and row_set.intersection(p.rows)}
    cols = [c for c in cols if c in own] or cols
    col_index = {c: i for i, c in enumerate(cols)}
    header_to = 0
    if first and 0 < sheet.frozen_rows and rows[0] <= sheet.frozen_rows:
        frozen = sum(1 for r in rows if r <= sheet.frozen_rows)
        if frozen <= MAX_FROZEN_HEADER and frozen < len(rows):
            header_to = sheet.frozen_rows
    # every slot a visible cell covers within the table, and the slot the cell is given at: its first
    # slot in the table (a merge reaching down from above the table starts at the table's top)
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    cells_at: dict[tuple[int, int], _Placed] = {}
    for p in placed.values():
        in_rows = [x for x in p.rows if x in row_set]
        in_cols = [x for x in p.cols if x in col_index]
        if not in_rows or not in_cols:
            continue
        origin = (in_rows[0], in_cols[0])
        cells_at[origin] = p
        for x in in_rows:
            for y in in_cols:
                anchor.setdefault((x, y), origin)
    out: list[Row] = []
    for r in rows:
        slots: list[Optional[Cell]] = []
        for c in cols:
            p = cells_at.get((r, c))
            if p is not None:
                span_r = sum(1 for x in p.rows if x in row_set)
                span_c = sum(1 for x in p.cols if x in col_index)
                slots.append(Cell(text=p.cell.text.strip(), rowspan=max(span_r, 1), colspan=max(span_c, 1),
                                  bold=p.cell.bold, fill=p.cell.fill))
            elif (r, c) in anchor:
                slots.append(None)
            else:
                slots.append(Cell(text=""))
        out.append(Row(cells=tuple(slots), page=page, is_header=r <= header_to, source_row=r))
    return Table(rows=tuple(out), page=page)
