"""Word tables (w:tbl) placed on their grid: spans, vertical merges, header rows, shading.

Every row gets one slot per grid column. A cell sits in the first slot it covers; the
slots it covers to the right (w:gridSpan) and below (w:vMerge continue) are None. Slots
no cell occupies (w:gridBefore, w:gridAfter, short rows) get an empty Cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple, Optional

from lxml import etree

from actionplans.model import Cell, Row, Table

from .styles import W, child, on_off, w_val
from .table_styles import CellStyler, TableLook, TableStyles
from .text import iter_content

_ROWS = frozenset({W + "tr"})
_CELLS = frozenset({W + "tc"})
_TR_PR, _TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE, _SHD = (W + "trPr", W + "tcPr", W + "gridSpan", W + "vMerge",
                                                        W + "hMerge", W + "shd")
_VAL = W + "val"
_TBL_PR, _TBL_STYLE, _TBL_GRID, _GRID_COL, _TBL_HEADER, _DEL = (W + "tblPr", W + "tblStyle", W + "tblGrid",
                                                               W + "gridCol", W + "tblHeader", W + "del")
_GRID_BEFORE, _GRID_AFTER = W + "gridBefore", W + "gridAfter"
MAX_SPAN = 256  # a larger w:gridSpan / w:gridBefore is damage, not layout


class CellContent(NamedTuple):  # a tuple: made once per cell, cheaper than a frozen dataclass
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
    tbl_pr = child(tbl, _TBL_PR)
    table_fill = read_fill(child(tbl_pr, _SHD)) if tbl_pr is not None else None
    # each row's w:trPr and each cell's w:tcPr properties, found once (the grid width, the
    # header rows and the placing below all read them)
    rows_props: list[tuple[Optional[etree._Element], list[tuple[etree._Element, Optional[dict]]]]] = []
    for tr in iter_content(tbl, _ROWS):
        tr_pr = child(tr, _TR_PR)
        if tr_pr is not None and child(tr_pr, _DEL) is not None:
            continue  # a row deleted with tracked changes on
        cells = []
        for tc in iter_content(tr, _CELLS):
            tc_pr = child(tc, _TC_PR)
            cells.append((tc, _first_children(tc_pr) if tc_pr is not None else None))
        rows_props.append((tr_pr, cells))
    style_id = w_val(child(tbl_pr, _TBL_STYLE)) if tbl_pr is not None else None
    styler = CellStyler(table_styles.resolve(style_id), TableLook.of(tbl_pr), len(rows_props),
                        _grid_width(tbl, rows_props), _leading_headers(rows_props))
    grid: list[list[object]] = []  # _Slot origin, None (covered) or "" (no cell)
    headers: list[bool] = []
    above: dict[int, _Slot] = {}  # grid column -> the cell whose first column is there, previous row
    for r, (tr_pr, cells) in enumerate(rows_props):
        before = min(MAX_SPAN, max(0, _int_val(tr_pr, _GRID_BEFORE, 0)))
        after = min(MAX_SPAN, max(0, _int_val(tr_pr, _GRID_AFTER, 0)))
        is_header = tr_pr is not None and bool(on_off(child(tr_pr, _TBL_HEADER)))
        slots: list[object] = [""] * before
        current: dict[int, _Slot] = {}
        last: Optional[_Slot] = None
        for tc, props in cells:
            if props is None:
                span, v_merge, h_merge, shd = 1, None, None, None
            else:
                span = min(MAX_SPAN, max(1, _int_of(props.get(_GRID_SPAN), 1)))
                v_merge = props.get(_V_MERGE)
                h_merge = props.get(_H_MERGE)
                shd = props.get(_SHD)
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
            fill = read_fill(shd) if shd is not None else read_fill(styled.shd) or table_fill
            content = read_content(tc, styled.bold)
            slot = _Slot(content, fill or content.text_fill, col, span)
            current[col] = slot
            slots.append(slot)
            if span > 1:
                slots.extend([None] * (span - 1))
            last = slot
        if after:
            slots.extend([""] * after)
        grid.append(slots)
        headers.append(is_header)
        above = current
    n_cols = max((len(r) for r in grid), default=0)
    rows = []
    for slots, is_header in zip(grid, headers):
        if len(slots) < n_cols:
            slots = slots + [""] * (n_cols - len(slots))
        cells = tuple(_freeze(s) for s in slots)
        rows.append(Row(cells=cells, is_header=is_header))
    return Table(rows=tuple(rows))


def _first_children(el: etree._Element) -> dict:
    """Tag -> the first child element of that tag (what ``el.find(tag)`` gives), in one pass."""
    out: dict = {}
    for c in el:
        out.setdefault(c.tag, c)
    return out


def _freeze(slot: object) -> Optional[Cell]:
    if isinstance(slot, _Slot):
        return slot.freeze()
    return None if slot is None else Cell("")


def _leading_headers(rows_props: list) -> int:
    n = 0
    for tr_pr, _ in rows_props:
        if tr_pr is None or not on_off(child(tr_pr, _TBL_HEADER)):
            break
        n += 1
    return n


def _grid_width(tbl: etree._Element, rows_props: list) -> int:
    grid = child(tbl, _TBL_GRID)
    width = len(grid.findall(_GRID_COL)) if grid is not None else 0
    for tr_pr, cells in rows_props:
        n = _int_val(tr_pr, _GRID_BEFORE, 0) + _int_val(tr_pr, _GRID_AFTER, 0) if tr_pr is not None else 0
        for _, props in cells:
            n += max(1, _int_of(props.get(_GRID_SPAN), 1)) if props is not None else 1
        width = max(width, n)
    return width


def _int_val(parent: Optional[etree._Element], tag: str, default: int) -> int:
    """The integer w:val of ``parent``'s first ``tag`` child; ``default`` when there is none."""
    if parent is None:
        return default
    return _int_of(child(parent, tag), default)


def _int_of(el: Optional[etree._Element], default: int) -> int:
    if el is None:
        return default
    value = el.get(_VAL)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
