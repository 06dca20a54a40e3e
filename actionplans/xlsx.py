"""The XLSX output: one sheet per table, laid out for a person to read on screen and on paper.

- columns in the contract's order (never moved, none hidden); the columns repeated on every
  row of a plan (authority, plan title, file …) are narrow and not wrapped, the long text
  columns (action, recommendation, progress …) wrap within a capped width;
- each row is as high as its wrapped text needs (estimated from the text and the column
  widths, capped at ``MAX_LINES``), so wrapped text never overprints the rows below;
- the header row and every column up to the action are frozen: scrolling right to the owner,
  timescale and RAG keeps the action in view;
- printing: landscape A4, fitted to the page width, the header row repeated on every page,
  gridlines, "page n of N" in the footer;
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
PER_PLAN_WIDTH = 10.0  # cap of a column that repeats the same value down a plan's rows
#: caps of particular columns: the action, the one the sheet is read by, widest; numbers as
#: written and short lists narrower than prose
WIDTH_CAPS = {"action": 40.0, "recommendation": 28.0, "theme": 20.0, "recommendation_ref": 10.0,
              "action_ref": 8.0, "owner_raw": 18.0, "owners": 18.0, "due_raw": 16.0, "acronyms": 20.0,
              "warnings": 20.0, "extra": 20.0}
DATE_WIDTH = 10.5
#: about the widths a landscape page shows at full size; a table narrower than this with every
#: column as wide as its name gets its names written across, not upright
PAGE_WIDTH = 150.0
#: the columns that hold one value per plan (or per file): narrow, never wrapped, never raise a row
PER_PLAN = frozenset({"authority", "authority_code", "plan_title", "plan_date", "source_file", "source_format"})
#: the frozen columns end with this one (when the table has it)
FROZEN_THROUGH = "action"
#: row height: points per line of 11-point text, and the most lines a row is given
LINE_POINTS = 15.0
MAX_LINES = 20
#: characters per width unit when estimating wrapped lines: about what Calibri 11 (and
#: LibreOffice's metric twin Carlito) fits of ordinary prose; words are wrapped whole
CHARS_PER_UNIT = 1.1
#: a header name longer than its column is turned upright; points per character of it
UPRIGHT_POINTS = 8.0
ZOOM = 85


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
    """A width per column: what most of its values need, within the cap of its kind."""
    out = []
    sample = df.head(500)
    for col in spec.columns:
        lengths = sorted(len(str(v)) for v in sample[col.name] if not is_na(v) and str(v) != "")
        typical = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        if col.kind == "date":
            width = DATE_WIDTH
        elif col.kind in ("int", "number", "bool"):
            width = max(MIN_WIDTH, min(12.0, typical + 2))
        elif col.kind == "enum":
            width = max(MIN_WIDTH + 1, min(12.0, max((len(v) for v in col.values), default=6) + 2))
        elif col.name in PER_PLAN:
            width = max(MIN_WIDTH, min(PER_PLAN_WIDTH, typical + 2))
        else:
            width = max(MIN_WIDTH + 1, min(WIDTH_CAPS.get(col.name, TEXT_WIDTH), typical + 2))
        out.append(float(width))
    named = [max(w, len(c.name) + 2.0) for w, c in zip(out, spec.columns)]
    return named if sum(named) <= PAGE_WIDTH else out  # a narrow table shows its names across


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


def row_height(values: list, spec: TableSpec, widths: list[float]) -> Optional[float]:
    """Points for a row whose wrapped cells need more than one line; None for a one-line row."""
    lines = 1
    for value, col, width in zip(values, spec.columns, widths):
        if value is not None and value != "" and wraps(col):
            lines = max(lines, text_lines(str(value), width))
    return None if lines == 1 else min(lines, MAX_LINES) * LINE_POINTS


def upright(name: str, width: float) -> bool:
    """A header name that does not fit its (narrow) column reads upright rather than broken."""
    return len(name) > width - 1


def _header_height(spec: TableSpec, widths: list[float]) -> float:
    tallest = max((len(c.name) for c, w in zip(spec.columns, widths) if upright(c.name, w)), default=0)
    return max(LINE_POINTS, tallest * UPRIGHT_POINTS + 6)


def _freeze_cell(spec: TableSpec) -> str:
    from openpyxl.utils import get_column_letter

    if FROZEN_THROUGH in spec.names:
        return f"{get_column_letter(spec.names.index(FROZEN_THROUGH) + 2)}2"
    return "A2"


def _page_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&A – page &P of &N"


def write_sheet(wb, df: "pd.DataFrame", spec: TableSpec, safe: bool) -> None:
    """Append the sheet of one table to a write-only workbook."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import RowDimension

    ws = wb.create_sheet(spec.name)
    widths = column_widths(df, spec)
    ws.freeze_panes = _freeze_cell(spec)
    ws.sheet_view.zoomScale = ZOOM
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{len(df) + 1}"
    _page_setup(ws)

    top = Alignment(vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    header_style = Font(bold=True)
    standing = Alignment(text_rotation=90, vertical="bottom", horizontal="center")
    ws.row_dimensions[1] = RowDimension(ws, index=1, ht=_header_height(spec, widths))
    header = []
    for name, width in zip(spec.names, widths):
        cell = WriteOnlyCell(ws, value=name)
        cell.font = header_style
        cell.alignment = standing if upright(name, width) else Alignment(vertical="bottom")
        header.append(cell)
    ws.append(header)

    fills = {rag: PatternFill("solid", fgColor=rgb) for rag, rgb in RAG_FILLS.items()}
    for n, row in enumerate(cells(df, spec), start=2):
        height = row_height(row, spec, widths)
        if height is not None:
            ws.row_dimensions[n] = RowDimension(ws, index=n, ht=height)
        out = []
        for value, col in zip(row, spec.columns):
            if value is None or value == "":  # blank is an empty cell, whatever the column
                out.append(None)
                continue
            if col.kind == "date" and date_value(value) is not None:
                cell = WriteOnlyCell(ws, value=date_value(value))
                cell.number_format = "yyyy-mm-dd"
            elif col.kind in ("int", "number", "bool"):
                cell = WriteOnlyCell(ws, value=value)
            else:  # text stays text: "1.1" never becomes a date, "=..." never a formula
                cell = WriteOnlyCell(ws, value=xlsx_text(str(value), safe))
                cell.data_type = "s"
                cell.number_format = "@"
                if col.name == "rag" and value in fills:
                    cell.fill = fills[value]
            cell.alignment = wrap if wraps(col) else top
            out.append(cell)
        ws.append(out)


def write_workbook(frames: list[tuple[TableSpec, "pd.DataFrame"]], path, safe: bool) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for spec, df in frames:
        write_sheet(wb, df, spec, safe)
    wb.save(path)
