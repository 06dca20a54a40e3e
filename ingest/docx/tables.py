"""Word tables (w:tbl) placed on their grid: spans, vertical merges, header rows, shading.

Every row gets one slot per grid column. A cell sits in the first slot it covers; the
slots it covers to the right (w:gridSpan) and below (w:vMerge continue) are None. Slots
no cell occupies (w:gridBefore, w:gridAfter, short rows) get an empty Cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from lxml import etree

from actionplans.model import Cell, Row, Table

from .styles import W, on_off, w_val
from .table_styles import CellStyler, TableLook, TableStyles
from .text import iter_content

_ROWS = frozenset({W + "tr"})
_CELLS = frozenset({W + "tc"})
_TR_PR, _TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE, _SHD = (W + "trPr", W + "tcPr", W + "gridSpan", W + "vMerge",
                                                        W + "hMerge", W + "shd")
_VAL = W + "val"
MAX_SPAN = 256  # a larger w:gridSpan / w:gridBefore is damage, not layout


@dataclass(frozen=True)
class CellContent:
    text: str
    bold: bool
    tables: tuple[Table, ...] = ()
    text_fill: Optional[str] = None  # one highlight/shading behind all the text (RAG by highlighting)


# Reads one w:tc's content (paragraphs and nested tables); supplied by the document reader,
# which owns the numbering counters and the styles. Arguments: the w:tc, and the bold its
# table style gives it (None when the style says nothing).
ContentReader = Callable[[etree._Element, Optional[bool]], CellContent]
FillReader = Callable[[Optional[etree._Element]], Optional[str]]


@dataclass
class _Slot:
    content: CellContent
    fill: Optional[str]
    col: int
    colspan: int
    rowspan: int = 1

    def freeze(self) -> Cell:
        return Cell(text=self.content.text, rowspan=self.rowspan, colspan=self.colspan,
                    bold=self.content.bold, fill=self.fill, tables=self.content.tables)


def build_table(tbl: etree._Element, read_content: ContentReader, read_fill: FillReader,
                table_styles: TableStyles) -> Table:
    tbl_pr = tbl.find(W + "tblPr")
    table_fill = read_fill(tbl_pr.find(W + "shd")) if tbl_pr is not None else None
    trs = [tr for tr in iter_content(tbl, _ROWS) if not _deleted(tr)]
    style_id = w_val(tbl_pr.find(W + "tblStyle")) if tbl_pr is not None else None
    styler = CellStyler(table_styles.resolve(style_id), TableLook.of(tbl_pr), len(trs),
                        _grid_width(tbl, trs), _leading_headers(trs))
    grid: list[list[object]] = []  # _Slot origin, None (covered) or "" (no cell)
    headers: list[bool] = []
    above: dict[int, _Slot] = {}  # grid column -> the cell whose first column is there, previous row
    for r, tr in enumerate(trs):
        tr_pr = tr.find(_TR_PR)
        before = min(MAX_SPAN, max(0, _int_val(tr_pr, "gridBefore", 0)))
        after = min(MAX_SPAN, max(0, _int_val(tr_pr, "gridAfter", 0)))
        is_header = tr_pr is not None and bool(on_off(tr_pr.find(W + "tblHeader")))
        slots: list[object] = [""] * before
        current: dict[int, _Slot] = {}
        last: Optional[_Slot] = None
        for tc in iter_content(tr, _CELLS):
            tc_pr = tc.find(_TC_PR)
            if tc_pr is None:
                span, v_merge, h_merge = 1, None, None
            else:
                span = min(MAX_SPAN, max(1, _int_val(tc_pr, "gridSpan", 1)))
                v_merge = tc_pr.find(_V_MERGE)
                h_merge = tc_pr.find(_H_MERGE)
            col = len(slots)
            if h_merge is not None and w_val(h_merge) != "restart" and last is not None:
                last.colspan += span  # legacy horizontal merge continues the cell to the left
                slots.extend([None] * span)
                continue
            origin = above.get(col)
            if (v_merge is not None and (w_val(v_merge) or "continue") == "continue"
                    and origin is not None and origin.colspan == span):
                origin.rowspan += 1
                current[col] = origin
                slots.extend([None] * span)
                last = None
                continue
            styled = styler.cell(r, col, span)
            shd = tc_pr.find(_SHD) if tc_pr is not None else None
            fill = read_fill(shd) if shd is not None else read_fill(styled.shd) or table_fill
            content = read_content(tc, styled.bold)
            slot = _Slot(content, fill or content.text_fill, col, span)
            current[col] = slot
            slots.append(slot)
            slots.extend([None] * (span - 1))
            last = slot
        slots.extend([""] * after)
        grid.append(slots)
        headers.append(is_header)
        above = current
    n_cols = max((len(r) for r in grid), default=0)
    rows = []
    for slots, is_header in zip(grid, headers):
        slots = slots + [""] * (n_cols - len(slots))
        cells = tuple(_freeze(s) for s in slots)
        rows.append(Row(cells=cells, is_header=is_header))
    return Table(rows=tuple(rows))


def _freeze(slot: object) -> Optional[Cell]:
    if isinstance(slot, _Slot):
        return slot.freeze()
    return None if slot is None else Cell("")


def _deleted(tr: etree._Element) -> bool:
    """A row deleted with tracked changes on."""
    tr_pr = tr.find(W + "trPr")
    return tr_pr is not None and tr_pr.find(W + "del") is not None


def _leading_headers(rows: list[etree._Element]) -> int:
    n = 0
    for tr in rows:
        tr_pr = tr.find(W + "trPr")
        if tr_pr is None or not on_off(tr_pr.find(W + "tblHeader")):
            break
        n += 1
    return n


def _grid_width(tbl: etree._Element, rows: list[etree._Element]) -> int:
    grid = tbl.find(W + "tblGrid")
    width = len(grid.findall(W + "gridCol")) if grid is not None else 0
    for tr in rows:
        tr_pr = tr.find(_TR_PR)
        n = _int_val(tr_pr, "gridBefore", 0) + _int_val(tr_pr, "gridAfter", 0) if tr_pr is not None else 0
        for tc in iter_content(tr, _CELLS):
            tc_pr = tc.find(_TC_PR)
            n += max(1, _int_val(tc_pr, "gridSpan", 1)) if tc_pr is not None else 1
        width = max(width, n)
    return width


def _int_val(parent: Optional[etree._Element], name: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(W + name)
    if el is None:
        return default
    value = el.get(_VAL)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
