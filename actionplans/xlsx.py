"""The XLSX output: one sheet per table, laid out for a person to read on a laptop screen and on paper.

- columns in the contract's order (never moved); on the actions sheet the columns between the
  authority and the action's number (plan title and date, file, page/table/row, theme,
  recommendation) are an outline group, collapsed: one click on its ``+`` (or Data > Show
  Detail) shows them, and every reader of the file (pandas, R, ``diff``) reads them as usual;
- the header row and the identifying columns (authority, the action's number and the action) are
  frozen: scrolling right to the owner, timescale, RAG and progress keeps them in view;
- widths: each column as wide as its name and what most of its values need, within the cap of
  its kind (the action widest; values repeated down a plan narrow and not wrapped);
- rows a few lines high (``MAX_LINES``): a longer cell shows its first lines and carries the whole
  text as a note (shown on hover), and selecting rows and auto-fitting their height shows it all;
- printing: A3 landscape, fitted to the page width, the header row repeated on every page,
  gridlines, "page n of N" in the footer; collapsed columns are not printed;
- RAG cells filled with their colour; text stored as text ("1.1" is never a date, "=…" never a formula).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from .tables import ColumnSpec, TableSpec, cells, date_value, is_na
from .cellsafe import guard

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: longest text an Excel cell holds
XLSX_MAX_CELL = 32767
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: fills for the RAG cells
RAG_FILLS = {"Red": "FF5050", "Amber": "FFC000", "Green": "00B050", "Blue": "5B9BD5", "Grey": "BFBFBF"}

#: widths (in Excel's units, about one character each)
MIN_WIDTH = 5.0
TEXT_WIDTH = 24.0  # cap of a wrapped text column
PER_PLAN_WIDTH = 12.0  # cap of a column that repeats the same value down a plan's rows
#: caps of particular columns: the action, the one the sheet is read by, widest; numbers as
#: written and short lists narrower than prose
WIDTH_CAPS = {"action": 44.0, "recommendation": 28.0, "theme": 20.0, "recommendation_ref": 10.0,
              "action_ref": 8.0, "owner_raw": 18.0, "owners": 18.0, "due_raw": 16.0, "acronyms": 20.0,
              "warnings": 20.0, "extra": 20.0, "authority": 16.0}
DATE_WIDTH = 10.5
#: a column is at least as wide as its name plus this (bold names run wider than body text)
HEADER_PAD = 2.5
#: the columns that hold one value per plan (or per file): never wrapped, never raise a row
PER_PLAN = frozenset({"authority", "authority_code", "plan_title", "plan_date", "source_file", "source_format"})
#: the columns that tell an action apart on screen: frozen with the header row; on the actions
#: sheet the columns between the first column and these are grouped and collapsed
IDENTIFYING = ("action_ref", "action")
#: row height: points per line of 11-point text, and the most lines a row is given
LINE_POINTS = 15.0
MAX_LINES = 4
#: characters per width unit when estimating wrapped lines: about what Calibri 11 (and
#: LibreOffice's metric twin Carlito) fits of ordinary prose; words are wrapped whole
CHARS_PER_UNIT = 1.1
#: the note that holds a cut cell's whole text: its width in points, and points per line of it
NOTE_WIDTH = 320.0
NOTE_CHARS_PER_LINE = 55
NOTE_MAX_HEIGHT = 400.0
ZOOM = 85
#: A3 in openpyxl's paper codes (9 is A4)
PAPER_A3 = "8"


def excel_safe(text: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with ``'`` (OWASP; see :mod:`.cellsafe`)."""
    return guard(text)


def xlsx_text(text: str, safe: bool = False) -> str:
    """A text cell's value for XLSX: cells are written as text (data type "s"), which Excel never
    runs as a formula, so no ``'`` is added (``safe`` is accepted and has nothing to do)."""
    text = _XLSX_ILLEGAL.sub("", text)
    if len(text) > XLSX_MAX_CELL:
        mark = " … [cut: longer than an Excel cell holds]"
        text = text[: XLSX_MAX_CELL - len(mark)] + mark
    return text


def _is_text(col: ColumnSpec) -> bool:
    return col.kind in ("text", "json")


def wraps(col: ColumnSpec) -> bool:
    """Long text wraps within its column; the per-plan columns, numbers, dates and enums do not."""
    return _is_text(col) and col.name not in PER_PLAN


def column_widths(df: "pd.DataFrame", spec: TableSpec) -> list[float]:
    """A width per column: what most of its values need, within the cap of its kind, and never
    narrower than the column's name (the header is one line, read across)."""
    out = []
    sample = df.head(500)
    for col in spec.columns:
        lengths = sorted(len(str(v)) for v in sample[col.name] if not is_na(v) and str(v) != "")
        typical = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        cap = WIDTH_CAPS.get(col.name)
        if col.kind == "date":
            width = DATE_WIDTH
        elif col.kind in ("int", "number", "bool"):
            width = max(MIN_WIDTH, min(12.0, typical + 2))
        elif col.kind == "enum":
            width = max(MIN_WIDTH + 1, min(12.0, max((len(v) for v in col.values), default=6) + 2))
        elif col.name in PER_PLAN:
            width = max(MIN_WIDTH, min(cap or PER_PLAN_WIDTH, typical + 2))
        else:
            width = max(MIN_WIDTH + 1, min(cap or TEXT_WIDTH, typical + 2))
        out.append(float(max(width, len(col.name) + HEADER_PAD)))
    return out


def text_lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped at word ends in a column ``width`` wide (each paragraph
    starts a line; a word longer than a line is broken)."""
    per_line = max(1, int(width * CHARS_PER_UNIT))
    lines = 0
    for par in str(text).split("\n"):
        used = 0
        lines += 1
        for word in par.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
                continue
            if used:
                lines += 1
            lines += (len(word) - 1) // per_line
            used = len(word) - (len(word) - 1) // per_line * per_line
    return lines


def cell_lines(values: list, spec: TableSpec, widths: list[float]) -> list[int]:
    """Lines each cell of a row needs (1 for a cell that does not wrap)."""
    return [text_lines(str(v), w) if (v is not None and v != "" and wraps(c)) else 1
            for v, c, w in zip(values, spec.columns, widths)]


def row_height(values: list, spec: TableSpec, widths: list[float]) -> Optional[float]:
    """Points for a row whose wrapped cells need more than one line, at most ``MAX_LINES`` lines;
    None for a one-line row."""
    lines = max(cell_lines(values, spec, widths), default=1)
    return None if lines == 1 else min(lines, MAX_LINES) * LINE_POINTS


def grouped_columns(spec: TableSpec) -> range:
    """0-based indexes of the columns collapsed into an outline group: those between the first
    column and the identifying ones (none on a sheet without them)."""
    if not all(name in spec.names for name in IDENTIFYING):
        return range(0)
    return range(1, min(spec.names.index(n) for n in IDENTIFYING))


def freeze_cell(spec: TableSpec) -> str:
    """The top-left cell of the scrolling pane: below the header, right of the identifying columns."""
    from openpyxl.utils import get_column_letter

    if all(name in spec.names for name in IDENTIFYING):
        return f"{get_column_letter(max(spec.names.index(n) for n in IDENTIFYING) + 2)}2"
    return "A2"


def _page_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&A – page &P of &N"


def _note(text: str):
    """A note holding a cut cell's whole text, sized to show it (up to a cap)."""
    from openpyxl.comments import Comment

    lines = sum(1 + len(par) // NOTE_CHARS_PER_LINE for par in text.split("\n"))
    note = Comment(text, "actionplans")
    note.width = NOTE_WIDTH
    note.height = min(NOTE_MAX_HEIGHT, 14.0 * lines + 10)
    return note


def _columns(ws, spec: TableSpec, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import ColumnDimension

    group = grouped_columns(spec)
    for i, width in enumerate(widths):
        letter = get_column_letter(i + 1)
        dim = ColumnDimension(ws, index=letter, width=width)
        if i in group:
            dim.outlineLevel = 1
            dim.hidden = True
        elif group and i == group.stop:  # the column after a collapsed group carries its "+"
            dim.collapsed = True
        ws.column_dimensions[letter] = dim
    if group:
        # openpyxl writes <sheetFormatPr> from this before it works it out from the columns
        ws.column_dimensions.max_outline = 1
        ws.sheet_properties.outlinePr.summaryRight = True


def write_sheet(wb, df: "pd.DataFrame", spec: TableSpec, safe: bool) -> None:
    """Append the sheet of one table to a write-only workbook."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(spec.name)
    widths = column_widths(df, spec)
    ws.freeze_panes = freeze_cell(spec)
    ws.sheet_view.zoomScale = ZOOM
    _columns(ws, spec, widths)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{len(df) + 1}"
    _page_setup(ws)

    top = Alignment(vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    header_font = Font(name="Calibri", sz=11, bold=True)
    header_place = Alignment(vertical="bottom")
    header = []
    for name in spec.names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = header_font
        cell.alignment = header_place
        header.append(cell)
    ws.append(header)

    from openpyxl.worksheet.dimensions import RowDimension

    fills = {rag: PatternFill("solid", fgColor=rgb) for rag, rgb in RAG_FILLS.items()}
    for n, row in enumerate(cells(df, spec), start=2):
        lines = cell_lines(row, spec, widths)
        if max(lines, default=1) > 1:
            ws.row_dimensions[n] = RowDimension(ws, index=n, ht=min(max(lines), MAX_LINES) * LINE_POINTS,
                                                customHeight=True)
        out = []
        for value, col, need in zip(row, spec.columns, lines):
            if value is None or value == "":  # blank is an empty cell, whatever the column
                out.append(None)
                continue
            if col.kind == "date" and date_value(value) is not None:
                cell = WriteOnlyCell(ws, value=date_value(value))
                cell.number_format = "yyyy-mm-dd"
            elif col.kind in ("int", "number", "bool"):
                cell = WriteOnlyCell(ws, value=value)
            else:  # text stays text: "1.1" never becomes a date, "=..." never a formula
                text = xlsx_text(str(value), safe)
                cell = WriteOnlyCell(ws, value=text)
                cell.data_type = "s"
                cell.number_format = "@"
                if col.name == "rag" and value in fills:
                    cell.fill = fills[value]
                if need > MAX_LINES:  # cut by the row's height: the whole text on hover
                    cell.comment = _note(text)
            cell.alignment = wrap if wraps(col) else top
            out.append(cell)
        ws.append(out)


def write_workbook(frames: list[tuple[TableSpec, "pd.DataFrame"]], path, safe: bool) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for spec, df in frames:
        write_sheet(wb, df, spec, safe)
    wb.save(path)
