"""Word table styles (w:style w:type="table"): the bold and shading a table style gives a
cell, by its place in the table (header row, first column, ...), as switched on by the
table's w:tblLook.

Precedence, lowest first: the whole table, first/last column, first/last row. Banded
rows and columns are decorative and left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from lxml import etree

from .styles import W, on_off, w_val

_MAX_CHAIN = 50
# w:tblLook w:val bits (Word 2007) and the attribute names Word 2010+ writes.
_LOOK_BITS = {"firstRow": 0x0020, "lastRow": 0x0040, "firstColumn": 0x0080, "lastColumn": 0x0100}
_CONDITIONS = ("wholeTable", "firstCol", "lastCol", "firstRow", "lastRow")
_LOOK_OF = {"firstCol": "firstColumn", "lastCol": "lastColumn", "firstRow": "firstRow", "lastRow": "lastRow"}


@dataclass(frozen=True)
class CellFormat:
    bold: Optional[bool] = None
    shd: Optional[etree._Element] = None


_NO_FORMAT = CellFormat()

@dataclass(frozen=True)
class _TableStyle:
    based_on: Optional[str]
    formats: tuple[tuple[str, CellFormat], ...]  # condition -> format, as written in this style


class TableStyles:
    """The table styles of a style sheet, each parsed when a table first asks for it."""

    def __init__(self, root: Optional[etree._Element]):
        self._elements: dict[str, etree._Element] = {}
        self._parsed: dict[str, _TableStyle] = {}
        self._resolved: dict[Optional[str], dict[str, CellFormat]] = {}
        self.default: Optional[str] = None
        if root is None:
            return
        for el in root.iterfind(W + "style"):
            style_id = el.get(W + "styleId")
            if el.get(W + "type") != "table" or not style_id:
                continue
            self._elements[style_id] = el
            if (el.get(W + "default") or "").lower() in ("1", "true", "on"):
                self.default = style_id

    def _style(self, style_id: str) -> _TableStyle:
        if style_id not in self._parsed:
            el = self._elements[style_id]
            formats = [("wholeTable", _format(el))]
            for cond in el.iterfind(W + "tblStylePr"):
                kind = cond.get(W + "type")
                if kind in _CONDITIONS:
                    formats.append((kind, _format(cond)))
            self._parsed[style_id] = _TableStyle(w_val(el.find(W + "basedOn")), tuple(formats))
        return self._parsed[style_id]

    def resolve(self, style_id: Optional[str]) -> dict[str, CellFormat]:
        """condition -> format for a table style, merged down its basedOn chain."""
        if style_id not in self._resolved:
            self._resolved[style_id] = self._merge(style_id)
        return self._resolved[style_id]

    def _merge(self, style_id: Optional[str]) -> dict[str, CellFormat]:
        chain = []
        seen = set()
        style_id = style_id if style_id in self._elements else self.default
        while style_id and style_id in self._elements and style_id not in seen and len(seen) < _MAX_CHAIN:
            seen.add(style_id)
            chain.append(self._style(style_id))
            style_id = chain[-1].based_on
        merged: dict[str, CellFormat] = {}
        for style in reversed(chain):  # base first, so derived styles override
            for kind, fmt in style.formats:
                old = merged.get(kind, CellFormat())
                merged[kind] = CellFormat(fmt.bold if fmt.bold is not None else old.bold,
                                          fmt.shd if fmt.shd is not None else old.shd)
        return merged


@dataclass(frozen=True)
class TableLook:
    switches: frozenset[str]

    @classmethod
    def of(cls, tbl_pr: Optional[etree._Element]) -> "TableLook":
        look = tbl_pr.find(W + "tblLook") if tbl_pr is not None else None
        if look is None:
            return cls(frozenset())
        on = set()
        bits = _hex(look.get(W + "val"))
        for name, bit in _LOOK_BITS.items():
            attr = look.get(W + name)
            if attr is not None:
                if attr.lower() in ("1", "true", "on"):
                    on.add(name)
            elif bits & bit:
                on.add(name)
        return cls(frozenset(on))


class CellStyler:
    """The table-style format of each cell of one table."""

    def __init__(self, formats: dict[str, CellFormat], look: TableLook, n_rows: int, n_cols: int,
                 header_rows: int):
        self._formats = formats
        self._look = look
        self._n_rows = n_rows
        self._n_cols = n_cols
        self._header_rows = max(1, header_rows)

    def cell(self, row: int, col: int, colspan: int) -> CellFormat:
        if not self._formats:  # no table style: nothing to apply (most plans' tables)
            return _NO_FORMAT
        bold: Optional[bool] = None
        shd = None
        for kind in _CONDITIONS:
            if kind not in self._formats or not self._applies(kind, row, col, colspan):
                continue
            fmt = self._formats[kind]
            bold = fmt.bold if fmt.bold is not None else bold
            shd = fmt.shd if fmt.shd is not None else shd
        return CellFormat(bold, shd)

    def _applies(self, kind: str, row: int, col: int, colspan: int) -> bool:
        if kind == "wholeTable":
            return True
        if _LOOK_OF[kind] not in self._look.switches:
            return False
        if kind == "firstRow":
            return row < self._header_rows
        if kind == "lastRow":
            return row == self._n_rows - 1 and row >= self._header_rows
        if kind == "firstCol":
            return col == 0
        return col + colspan >= self._n_cols  # lastCol


def _format(el: etree._Element) -> CellFormat:
    rpr = el.find(W + "rPr")
    tcpr = el.find(W + "tcPr")
    return CellFormat(on_off(rpr.find(W + "b")) if rpr is not None else None,
                      tcpr.find(W + "shd") if tcpr is not None else None)


def _hex(value: Optional[str]) -> int:
    try:
        return int(value, 16) if value else 0
    except ValueError:
        return 0
