"""ODS reader: the package's content.xml (cells, spans, repeats), styles.xml (cell styles' backgrounds and
fonts, date styles), settings.xml (frozen rows) and meta.xml (title), parsed with lxml.

The package passes the same checks as an Office one (bounded parts, no part declaring a DTD), and
the parser resolves no entities and fetches nothing. Repeats are capped: a spreadsheet writes a run
of identical rows or cells once with a count (``table:number-rows-repeated``), and a hostile file may
claim a million; blank rows are only counted, rows with text repeat at most :data:`MAX_REPEAT` times,
cells stop at the sheet's column limit. Values are the text the cell shows, except dates, which are
exact (:func:`ingest.xlsx.values.date_text` on ``office:date-value`` through the cell's date style).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Optional

from lxml import etree

from actionplans.errors import InputError
from actionplans.model import Document, Format

from ..common import hex_colour, join_lines
from ..docx.package import check_zip_parts, one_line, read_file_bytes
from ..spreadsheet import MAX_COLS, MAX_ROWS, Sheet, SheetCell, document_blocks, ranges_text, workbook_title
from ..xlsx.values import date_text

__all__ = ["read", "MAX_REPEAT", "ODS_MIMETYPE"]

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_REPEAT = 1000
MAX_CELLS = 3_000_000

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
CONFIG = "urn:oasis:names:tc:opendocument:xmlns:config:1.0"
DC = "http://purl.org/dc/elements/1.1/"
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_CONDITION = re.compile(r'^\s*(!=|=|contains-text|not-contains-text|begins-with|ends-with)\s*\(?\s*(.*?)\)?\s*$')
_KINDS = {"=": "equal", "!=": "notEqual", "contains-text": "containsText", "not-contains-text": "notContainsText",
          "begins-with": "beginsWith", "ends-with": "endsWith"}
_RANGE = re.compile(r"\$?'?[^.']*'?\.\$?([A-Z]{1,3})\$?(\d+)(?::\$?'?[^.']*'?\.\$?([A-Z]{1,3})\$?(\d+))?")


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                        remove_comments=True)
_ROW_GROUPS = {_q(TABLE, n) for n in ("table-header-rows", "table-row-group", "table-rows")}
_COL_GROUPS = {_q(TABLE, n) for n in ("table-header-columns", "table-column-group", "table-columns")}
_CELLS = {_q(TABLE, "table-cell"), _q(TABLE, "covered-table-cell")}
_LIST = re.compile(r'cell-content-is-in-list\((.*)\)\s*$')


def _parts(path: Path) -> dict[str, bytes]:
    data = read_file_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip_parts(zf, "ODS")
            names = set(zf.namelist())
            if "content.xml" not in names:
                raise InputError("damaged ODS package (no content.xml)")
            return {n: zf.read(n) for n in ("content.xml", "styles.xml", "settings.xml", "meta.xml") if n in names}
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"corrupt or truncated ODS ({one_line(exc)})") from exc
    except NotImplementedError as exc:
        raise InputError(f"unsupported ODS compression ({one_line(exc)})") from exc
    except RuntimeError as exc:
        raise InputError(f"encrypted or unreadable ODS ({one_line(exc)})") from exc


def _parse(data: Optional[bytes], name: str) -> Optional[etree._Element]:
    if not data:
        return None
    try:
        return etree.fromstring(data, parser=_SAFE)
    except etree.XMLSyntaxError as exc:
        if name == "content.xml":
            raise InputError(f"corrupt ODS: malformed XML in {name} ({one_line(exc)})") from exc
        return None


class _Styles:
    """Cell styles (named and automatic) with their parents resolved, and the date styles."""

    def __init__(self, *roots: Optional[etree._Element]):
        self._raw: dict[str, dict] = {}
        self._aliases: dict[str, str] = {}
        self._dates: dict[str, str] = {}
        for root in roots:
            if root is None:
                continue
            for st in root.iter(_q(STYLE, "style")):
                if st.get(_q(STYLE, "family")) not in ("table-cell", "table"):
                    continue
                props = st.find(_q(STYLE, "table-cell-properties"))
                text = st.find(_q(STYLE, "text-properties"))
                table = st.find(_q(STYLE, "table-properties"))
                bg = props.get(_q(FO, "background-color")) if props is not None else None
                weight = text.get(_q(FO, "font-weight")) if text is not None else None
                size = text.get(_q(FO, "font-size")) if text is not None else None
                display_name = st.get(_q(STYLE, "display-name"))
                if display_name:  # conditions name the style they apply by its display name
                    self._aliases[display_name] = st.get(_q(STYLE, "name"), "")
                self._raw[st.get(_q(STYLE, "name"), "")] = {
                    "parent": st.get(_q(STYLE, "parent-style-name")),
                    "bg": bg, "weight": weight, "size": size,
                    "data": st.get(_q(STYLE, "data-style-name")),
                    "display": table.get(_q(TABLE, "display")) if table is not None else None,
                    "maps": [(m.get(_q(STYLE, "condition")) or "", m.get(_q(STYLE, "apply-style-name")) or "")
                             for m in st.findall(_q(STYLE, "map"))],
                }
            for ds in root.iter(_q(NUMBER, "date-style")):
                self._dates[ds.get(_q(STYLE, "name"), "")] = _date_format(ds)
        self._cache: dict[Optional[str], tuple] = {}

    def get(self, name: Optional[str], key: str):
        seen = 0
        while name and seen < 20:
            st = self._raw.get(name)
            if st is None:
                return None
            if st.get(key) is not None:
                return st[key]
            name, seen = st["parent"], seen + 1
        if key in ("weight", "size"):  # the document's default cell style
            st = self._raw.get("Default")
            return st.get(key) if st else None
        return None

    def cell(self, name: Optional[str]) -> tuple[Optional[str], bool, Optional[float], str]:
        """(fill, bold, size in points, date format) of a cell style."""
        if name and name not in self._raw and name in self._aliases:
            name = self._aliases[name]
        if name not in self._cache:
            bg = self.get(name, "bg")
            fill = hex_colour(bg) if bg and bg != "transparent" else None
            weight = (self.get(name, "weight") or "").lower()
            bold = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
            size = _points(self.get(name, "size"))
            data = self.get(name, "data")
            self._cache[name] = (fill, bold, size, self._dates.get(data or "", ""))
        return self._cache[name]

    def hidden_table(self, name: Optional[str]) -> bool:
        return (self.get(name, "display") or "true") == "false"

    def maps(self, name: Optional[str]) -> list[tuple[str, str]]:
        st = self._raw.get(name or "")
        return st["maps"] if st else []


def _points(size: Optional[str]) -> Optional[float]:
    if not size:
        return None
    m = re.match(r"([\d.]+)\s*(pt|px|in|cm|mm)?", size)
    if not m:
        return None
    value = float(m.group(1))
    return value * {"pt": 1, None: 1, "px": 0.75, "in": 72, "cm": 28.35, "mm": 2.835}[m.group(2)]


def _date_format(ds: etree._Element) -> str:
    """A date style as the tokens date_text reads: which of day, month, year and time it shows."""
    parts = []
    for child in ds:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        parts.append({"day": "dd", "month": "mm", "year": "yyyy", "hours": "hh", "seconds": "ss"}.get(tag, ""))
    fmt = " ".join(p for p in parts if p)
    return fmt.replace("hh mm", "hh:mm") or "yyyy-mm-dd"


def _cell_text(cell: etree._Element) -> str:
    lines = []
    for p in cell:
        if p.tag in (_q(TEXT, "p"), _q(TEXT, "h")):
            lines.extend(_para_text(p).split("\n"))
        elif p.tag == _q(TEXT, "list"):
            for item in p.iter(_q(TEXT, "p")):
                lines.append(_para_text(item))
    return join_lines(" ".join(line.split()) for line in lines)


def _para_text(p: etree._Element) -> str:
    out: list[str] = [p.text or ""]
    for child in p:
        if not isinstance(child.tag, str):
            out.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        if name == "s":
            out.append(" " * min(int(child.get(_q(TEXT, "c"), "1") or 1), 100))
        elif name == "tab":
            out.append("\t")
        elif name == "line-break":
            out.append("\n")
        elif name not in ("annotation", "note", "bookmark", "bookmark-start", "bookmark-end"):
            out.append(_para_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _int(value: Optional[str], default: int = 1) -> int:
    try:
        return max(int(value), 0) if value is not None else default
    except ValueError:
        return default


def _date_value(raw: str) -> Optional[dt.date]:
    try:
        return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def _frozen(settings: Optional[etree._Element]) -> dict[str, int]:
    """Sheet name -> rows frozen at its top (LibreOffice's view settings)."""
    out: dict[str, int] = {}
    if settings is None:
        return out
    for tables in settings.iter(_q(CONFIG, "config-item-map-named")):
        if tables.get(_q(CONFIG, "name")) != "Tables":
            continue
        for entry in tables.findall(_q(CONFIG, "config-item-map-entry")):
            items = {i.get(_q(CONFIG, "name")): (i.text or "") for i in entry.findall(_q(CONFIG, "config-item"))}
            if items.get("VerticalSplitMode") == "2":
                out[entry.get(_q(CONFIG, "name"), "")] = _int(items.get("VerticalSplitPosition"), 0)
    return out


class _Reader:
    def __init__(self, styles: _Styles, notes: list[str]):
        self.styles = styles
        self.notes = notes
        self.cells_read = 0

    def sheet(self, table: etree._Element, index: int) -> Sheet:
        name = table.get(_q(TABLE, "name"), f"Sheet{index}")
        sheet = Sheet(name=name, index=index)
        col_styles: list[Optional[str]] = []
        self._columns(table, sheet, col_styles)
        hidden_text = 0
        r = 1
        capped = 0
        for row in self._rows(table):
            repeat = _int(row.get(_q(TABLE, "number-rows-repeated")))
            hidden = row.get(_q(TABLE, "visibility"), "visible") != "visible"
            row_style = row.get(_q(TABLE, "default-cell-style-name"))
            cells = self._row_cells(row, col_styles, row_style)
            if r > MAX_ROWS:
                break
            if not any(c.text for _, c in cells):
                r += repeat
                continue
            copies = min(repeat, MAX_REPEAT, MAX_ROWS - r + 1)
            if copies < repeat:
                capped = max(capped, repeat)
            for k in range(copies):
                if hidden:
                    sheet.hidden_rows.add(r + k)
                    hidden_text += sum(1 for _, c in cells if c.text)
                for c, cell in cells:
                    if self.cells_read >= MAX_CELLS:
                        raise InputError(f"ODS holds more than {MAX_CELLS} cells with content")
                    self.cells_read += 1
                    sheet.cells[(r + k, c)] = SheetCell(text=cell.text, fill=cell.fill, bold=cell.bold,
                                                        size=cell.size, rowspan=cell.rowspan, colspan=cell.colspan)
            r += repeat
        self._conditional(table, sheet)
        if capped:
            self.notes.append(f"sheet {name!r}: a row repeated {capped} times was read {MAX_REPEAT} times")
        text_cols = {c for (_, c), cl in sheet.cells.items() if cl.text}
        hid_c = sheet.hidden_cols & text_cols
        if hid_c:
            n = sum(1 for (_, c), cl in sheet.cells.items() if cl.text and c in hid_c)
            self.notes.append(f"sheet {name!r}: hidden column(s) {ranges_text(hid_c, letters=True)} not read "
                              f"({n} cells of text)")
        hid_r = {r for (r, _), cl in sheet.cells.items() if cl.text and r in sheet.hidden_rows}
        if hid_r:
            self.notes.append(f"sheet {name!r}: hidden row(s) {ranges_text(hid_r)} not read ({hidden_text} cells of text)")
        return sheet

    def _conditional(self, table: etree._Element, sheet: Sheet) -> None:
        """LibreOffice's conditional formats (calcext): a cell with text that a condition holds for takes
        the applied style's background (the first condition that holds, in order)."""
        from ..conditional import literal, text_test
        from ..spreadsheet import column_index

        for fmt in table.iter(_q(CALCEXT, "conditional-format")):
            boxes = []
            for m in _RANGE.finditer(fmt.get(_q(CALCEXT, "target-range-address"), "")):
                c1, r1 = column_index(m.group(1)), int(m.group(2))
                c2, r2 = (column_index(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
                boxes.append((r1, c1, r2, c2))
            rules = []
            for cond in fmt.findall(_q(CALCEXT, "condition")):
                m = _CONDITION.match(cond.get(_q(CALCEXT, "value"), ""))
                fill = self.styles.cell(cond.get(_q(CALCEXT, "apply-style-name")))[0]
                value = literal(m.group(2)) if m else None
                test = text_test(_KINDS[m.group(1)], value) if m and value is not None else None
                if test is not None and fill:
                    rules.append((test, fill))
            if not rules or not boxes:
                continue
            for (r, c), cell in sheet.cells.items():
                if cell.text and any(r1 <= r <= r2 and c1 <= c <= c2 for r1, c1, r2, c2 in boxes):
                    for test, fill in rules:
                        if test(cell.text):
                            cell.fill = fill
                            break

    def _columns(self, table: etree._Element, sheet: Sheet, col_styles: list[Optional[str]]) -> None:
        def walk(node):
            for child in node:
                if child.tag in _COL_GROUPS:
                    walk(child)
                elif child.tag == _q(TABLE, "table-column"):
                    repeat = _int(child.get(_q(TABLE, "number-columns-repeated")))
                    start = len(col_styles) + 1
                    n = max(0, min(repeat, MAX_COLS + 1 - start))
                    col_styles.extend([child.get(_q(TABLE, "default-cell-style-name"))] * n)
                    if child.get(_q(TABLE, "visibility"), "visible") != "visible":
                        sheet.hidden_cols.update(range(start, start + n))
        walk(table)

    def _rows(self, table: etree._Element):
        for child in table:
            if child.tag in _ROW_GROUPS:
                yield from self._rows(child)
            elif child.tag == _q(TABLE, "table-row"):
                yield child

    def _row_cells(self, row: etree._Element, col_styles: list[Optional[str]],
                   row_style: Optional[str]) -> list[tuple[int, SheetCell]]:
        out: list[tuple[int, SheetCell]] = []
        c = 1
        for cell in row:
            if cell.tag not in _CELLS:
                continue
            repeat = _int(cell.get(_q(TABLE, "number-columns-repeated")))
            if c > MAX_COLS:
                break
            if cell.tag == _q(TABLE, "covered-table-cell"):
                c += repeat
                continue
            style = cell.get(_q(TABLE, "style-name")) or row_style or (col_styles[c - 1] if c - 1 < len(col_styles) else None)
            fill, bold, size, date_fmt = self.styles.cell(style)
            text = _cell_text(cell)
            if cell.get(_q(OFFICE, "value-type")) == "date":
                value = _date_value(cell.get(_q(OFFICE, "date-value"), ""))
                if value is not None:
                    text = date_text(value, date_fmt)
            rowspan = _int(cell.get(_q(TABLE, "number-rows-spanned")))
            colspan = _int(cell.get(_q(TABLE, "number-columns-spanned")))
            if text or fill or rowspan > 1 or colspan > 1:
                for k in range(min(repeat, MAX_COLS + 1 - c)):
                    out.append((c + k, SheetCell(text=text, fill=fill, bold=bold, size=size,
                                                 rowspan=max(rowspan, 1), colspan=max(colspan, 1))))
            c += repeat
        return out


def _validation_notes(content: etree._Element) -> list[str]:
    out = []
    for v in content.iter(_q(TABLE, "content-validation")):
        m = _LIST.search(v.get(_q(TABLE, "condition"), ""))
        if not m:
            continue
        values = [x.strip().strip('"') for x in m.group(1).split(";") if x.strip().startswith('"')][:30]
        base = v.get(_q(TABLE, "base-cell-address"), "")
        sheet = base.rsplit(".", 1)[0].strip("'$") if "." in base else ""
        if values:
            where = f"sheet {sheet!r}: cells" if sheet else "cells"
            out.append(f"{where} take values from a list: {', '.join(values)}")
    return out


def read(path: str | Path) -> Document:
    path = Path(path)
    parts = _parts(path)
    content = _parse(parts.get("content.xml"), "content.xml")
    styles_root = _parse(parts.get("styles.xml"), "styles.xml")
    styles = _Styles(styles_root, content)
    frozen = _frozen(_parse(parts.get("settings.xml"), "settings.xml"))
    notes: list[str] = []
    reader = _Reader(styles, notes)
    sheets: list[Sheet] = []
    body = content.find(f"{_q(OFFICE, 'body')}/{_q(OFFICE, 'spreadsheet')}")
    if body is None:
        raise InputError("OpenDocument file that is not a spreadsheet (no office:spreadsheet)")
    for index, table in enumerate(body.findall(_q(TABLE, "table")), start=1):
        name = table.get(_q(TABLE, "name"), f"Sheet{index}")
        if styles.hidden_table(table.get(_q(TABLE, "style-name"))):
            if any(_cell_text(c) for c in table.iter(_q(TABLE, "table-cell"))):
                notes.append(f"sheet {name!r} is hidden: not read")
            continue
        sheet = reader.sheet(table, index)
        sheet.frozen_rows = frozen.get(name, 0)
        sheets.append(sheet)
    notes.extend(_validation_notes(content))
    meta = _parse(parts.get("meta.xml"), "meta.xml")
    title = None
    if meta is not None:
        t = meta.find(f".//{_q(DC, 'title')}")
        title = " ".join((t.text or "").split()) if t is not None else None
    blocks = document_blocks(sheets)
    return Document(source=path.name, format=Format.ODS, blocks=tuple(blocks), title=title or workbook_title(sheets),
                    notes=tuple(notes))
