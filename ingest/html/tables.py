"""HTML tables placed on their grid (the HTML table model, simplified).

Each row gets one slot per grid column; a cell sits in the first slot it covers and the
slots it covers to the right (colspan) and below (rowspan) are None. Slots no cell reaches
(short rows) get an empty Cell. Rows of <thead>, and rows made only of <th>, are headers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from actionplans.model import Cell, Row, Table

from .tree import Element, elements

MAX_COLSPAN = 256
MAX_ROWSPAN = 10_000


@dataclass(frozen=True)
class CellContent:
    text: str
    bold: bool
    fill: Optional[str]
    tables: tuple[Table, ...] = ()


# Reads one <td>/<th>; supplied by the document reader (styles, nested tables).
ContentReader = Callable[[Element], CellContent]


def table_rows(table: Element) -> Iterator[tuple[Element, bool]]:
    """(tr, in_thead) for the rows of this table only (not of tables nested in it):
    <thead> rows first, then body rows in order, then <tfoot> rows."""
    head, body, foot = [], [], []
    for child in elements(table):
        if child.tag == "tr":
            body.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows = [(tr, child.tag == "thead") for tr in elements(child) if tr.tag == "tr"]
            {"thead": head, "tbody": body, "tfoot": foot}[child.tag].extend(rows)
    yield from head
    yield from body
    yield from foot


def build_table(table: Element, read_cell: ContentReader) -> Table:
    rows = list(table_rows(table))
    n_rows = len(rows)
    origins: dict[tuple[int, int], Cell] = {}
    covered: set[tuple[int, int]] = set()
    headers: list[bool] = []
    n_cols = 0
    for r, (tr, in_thead) in enumerate(rows):
        c = 0
        cells = [td for td in elements(tr) if td.tag in ("td", "th")]
        headers.append(in_thead or (bool(cells) and all(td.tag == "th" for td in cells)))
        for td in cells:
            while (r, c) in covered or (r, c) in origins:
                c += 1
            colspan = _span(td.get("colspan"), MAX_COLSPAN)
            rowspan = _span(td.get("rowspan"), MAX_ROWSPAN, zero_means=n_rows - r)
            rowspan = min(rowspan, n_rows - r)
            content = read_cell(td)
            origins[(r, c)] = Cell(text=content.text, rowspan=rowspan, colspan=colspan, bold=content.bold,
                                   fill=content.fill, tables=content.tables)
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    if (rr, cc) != (r, c):
                        covered.add((rr, cc))
            c += colspan
            n_cols = max(n_cols, c)
    out = []
    for r in range(n_rows):
        slots = []
        for c in range(n_cols):
            if (r, c) in origins:
                slots.append(origins[(r, c)])
            elif (r, c) in covered:
                slots.append(None)
            else:
                slots.append(Cell(""))
        out.append(Row(cells=tuple(slots), is_header=headers[r]))
    return Table(rows=tuple(out))


def _span(value, limit: int, zero_means: int = 1) -> int:
    try:
        n = int(str(value).strip().rstrip(";")) if value is not None else 1
    except ValueError:
        return 1
    if n == 0:
        return max(1, zero_means)
    return max(1, min(limit, n))
