"""XLSX / XLSM reader: openpyxl (``data_only``: formulas by their cached values) into the document model.

Each visible sheet is laid out by :func:`ingest.spreadsheet.sheet_blocks`: its name a heading
(when the workbook has several sheets with content and the name is not a program's default
"Sheet1"), a title block of paragraphs, its tables with merges, fills (rgb, indexed and theme
colours with tint) and bold, then notes. Values are as the sheet shows them (:mod:`.values`);
a fill that only a conditional format gives is applied (:mod:`.conditional`). Hidden sheets,
rows and columns are not read; what they held is said in the Document's notes, and so are
data-validation lists (the values a column takes, e.g. a plan's own RAG words).
"""
from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Optional

from actionplans.errors import InputError
from actionplans.model import Document, Format

from ..common import join_paragraphs
from ..docx.package import check_zip_parts, one_line, read_file_bytes
from ..spreadsheet import (MAX_COLS, MAX_ROWS, Sheet, SheetCell, column_letter, document_blocks, ranges_text,
                           workbook_title)
from .colours import ColourResolver, workbook_theme
from .values import display

__all__ = ["read", "read_sheets"]


def _load(path: Path):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
    from xml.etree.ElementTree import ParseError
    from lxml import etree

    data = read_file_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip_parts(zf, "XLSX")
            if "xl/workbook.xml" not in zf.namelist():
                raise InputError("zip file that is not an Excel workbook (no xl/workbook.xml)")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"corrupt or truncated XLSX ({one_line(exc)})") from exc
    except NotImplementedError as exc:
        raise InputError(f"unsupported XLSX compression ({one_line(exc)})") from exc
    except RuntimeError as exc:
        raise InputError(f"encrypted or unreadable XLSX ({one_line(exc)})") from exc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it drops (slicers, data validation ext)
            return openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False,
                                          keep_vba=False, rich_text=False)
    except InputError:
        raise
    except (InvalidFileException, KeyError, ValueError, TypeError, AttributeError, IndexError, ParseError,
            etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"damaged XLSX workbook ({one_line(exc)})") from exc


class _Styles:
    """Fill, bold and size by the cell's style ids, each worked out once per workbook."""

    def __init__(self, wb):
        self._colours = ColourResolver(workbook_theme(getattr(wb, "loaded_theme", None)),
                                       getattr(wb, "_colors", None))
        self._fills: dict[int, Optional[str]] = {}
        self._fonts: dict[int, tuple[bool, Optional[float]]] = {}

    @property
    def colours(self) -> ColourResolver:
        return self._colours

    def fill(self, cell) -> Optional[str]:
        key = cell._style.fillId
        if key not in self._fills:
            self._fills[key] = self.pattern_fill(cell.fill)
        return self._fills[key]

    def pattern_fill(self, fill, differential: bool = False) -> Optional[str]:
        """The colour a pattern fill paints. In a conditional format's (differential) fill Excel
        keeps a solid fill's colour as the background colour."""
        pattern = getattr(fill, "patternType", None) or getattr(fill, "fill_type", None)
        if fill is None or (pattern in (None, "none") and not differential):
            return None
        if getattr(fill, "stop", None):  # a gradient: its first stop
            return self._colours.colour(fill.stop[0].color)
        fg, bg = getattr(fill, "fgColor", None), getattr(fill, "bgColor", None)
        first, second = (bg, fg) if differential else (fg, bg)
        return self._colours.colour(first) or self._colours.colour(second)

    def font(self, cell) -> tuple[bool, Optional[float]]:
        key = cell._style.fontId
        if key not in self._fonts:
            f = cell.font
            self._fonts[key] = (bool(f.b), float(f.sz) if f.sz else None)
        return self._fonts[key]


def _hidden_cols(ws) -> set[int]:
    from openpyxl.utils import column_index_from_string

    out: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if not dim.hidden:
            continue
        lo = dim.min or column_index_from_string(key)
        hi = dim.max or lo
        out.update(range(lo, min(hi, MAX_COLS) + 1))
    return out


def _frozen_rows(ws) -> int:
    pane = ws.sheet_view.pane if ws.sheet_view is not None else None
    if pane is None or pane.state not in ("frozen", "frozenSplit") or not pane.topLeftCell:
        return 0
    from openpyxl.utils.cell import coordinate_from_string

    try:
        _, row = coordinate_from_string(pane.topLeftCell)
    except ValueError:
        return 0
    return max(row - 1, 0)


def _sheet(ws, index: int, styles: _Styles, notes: list[str]) -> Sheet:
    from openpyxl.cell.cell import MergedCell

    sheet = Sheet(name=ws.title, index=index)
    sheet.hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden and r <= MAX_ROWS}
    sheet.hidden_cols = _hidden_cols(ws)
    sheet.frozen_rows = _frozen_rows(ws)
    spans = {}
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
    from .conditional import conditional_fills

    rule_fills = conditional_fills(ws, styles)
    empty_formulas = 0
    hidden_text: dict[str, int] = {}
    for (r, c), cell in ws._cells.items():
        if r > MAX_ROWS or c > MAX_COLS or isinstance(cell, MergedCell):
            continue
        value = cell.value
        text = ""
        if value is not None:
            text = display(value, cell.number_format)
            if isinstance(value, str):
                text = join_paragraphs(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        elif cell.data_type == "f":
            empty_formulas += 1
        fill = rule_fills.get((r, c)) or styles.fill(cell)
        if not text and fill is None and (r, c) not in spans:
            continue
        if text and (r in sheet.hidden_rows or c in sheet.hidden_cols):
            where = "row" if r in sheet.hidden_rows else "column"
            hidden_text[where] = hidden_text.get(where, 0) + 1
        bold, size = styles.font(cell)
        rowspan, colspan = spans.get((r, c), (1, 1))
        sheet.cells[(r, c)] = SheetCell(text=text, fill=fill, bold=bold, size=size, rowspan=rowspan, colspan=colspan)
    for (r, c), fill in rule_fills.items():  # a cell no value or style of its own stored: coloured by a rule only
        if (r, c) not in sheet.cells:
            sheet.cells[(r, c)] = SheetCell(fill=fill)
    name = ws.title
    text_rows = {r for (r, _), cl in sheet.cells.items() if cl.text}
    text_cols = {c for (_, c), cl in sheet.cells.items() if cl.text}
    hid_r = sheet.hidden_rows & text_rows
    hid_c = sheet.hidden_cols & text_cols
    if hid_c:
        notes.append(f"sheet {name!r}: hidden column(s) {ranges_text(hid_c, letters=True)} not read "
                     f"({hidden_text.get('column', 0)} cells of text)")
    if hid_r:
        notes.append(f"sheet {name!r}: hidden row(s) {ranges_text(hid_r)} not read "
                     f"({hidden_text.get('row', 0)} cells of text)")
    if empty_formulas:
        notes.append(f"sheet {name!r}: {empty_formulas} formula cell(s) have no saved value (the file was "
                     "saved by a program that does not calculate; open and save it in Excel or LibreOffice)")
    notes.extend(_validation_notes(ws))
    return sheet


def _validation_notes(ws) -> list[str]:
    """Data-validation lists: the values a range of cells takes (a RAG column's own words)."""
    out = []
    dv_list = getattr(getattr(ws, "data_validations", None), "dataValidation", None) or []
    for dv in dv_list:
        if dv.type != "list" or not dv.formula1:
            continue
        values = _list_values(ws, dv.formula1)
        if values:
            out.append(f"sheet {ws.title!r}: cells {dv.sqref} take values from a list: {', '.join(values)}")
    return out


def _list_values(ws, formula: str) -> list[str]:
    formula = formula.strip()
    if formula.startswith('"') and formula.endswith('"'):
        return [v.strip() for v in formula[1:-1].split(",") if v.strip()][:30]
    from openpyxl.utils.cell import range_boundaries

    ref = formula.lstrip("=")
    sheet = ws
    if "!" in ref:
        name, ref = ref.rsplit("!", 1)
        name = name.strip("'")
        wb = ws.parent
        if name not in wb.sheetnames:
            return []
        sheet = wb[name]
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    except (ValueError, TypeError):
        return []
    if None in (min_col, min_row, max_col, max_row) or (max_row - min_row + 1) * (max_col - min_col + 1) > 100:
        return []
    values = []
    for r in range(min_row, max_row + 1):
        for c in range(min_col, max_col + 1):
            cell = sheet._cells.get((r, c))
            if cell is not None and cell.value is not None:
                values.append(display(cell.value, cell.number_format))
    return values[:30]


def read_sheets(path: Path) -> tuple[list[Sheet], list[str], Optional[str]]:
    """The visible sheets of a workbook, the notes on what was not read, and the workbook's title."""
    wb = _load(Path(path))
    styles = _Styles(wb)
    notes: list[str] = []
    sheets: list[Sheet] = []
    for index, name in enumerate(wb.sheetnames, start=1):
        ws = wb[name]
        if not hasattr(ws, "_cells"):  # a chart sheet
            continue
        if ws.sheet_state != "visible":
            if any(c.value is not None for c in ws._cells.values()):
                notes.append(f"sheet {name!r} is {ws.sheet_state}: not read")
            continue
        sheets.append(_sheet(ws, index, styles, notes))
    title = (wb.properties.title or "").strip() if wb.properties is not None else ""
    return sheets, notes, title or None


def read(path: str | Path) -> Document:
    path = Path(path)
    sheets, notes, title = read_sheets(path)
    blocks = document_blocks(sheets)
    return Document(source=path.name, format=Format.XLSX, blocks=tuple(blocks), title=title or workbook_title(sheets),
                    notes=tuple(notes))


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"
