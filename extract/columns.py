"""Header rows and the mapping of each column to a field.

Header rows spread over two or three rows are joined per column first ("References" over
"Action No."); each column is then mapped by its own wording, then by the joined wording,
and where the header says nothing, by what the column holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .grid import Grid
from .patterns import is_date_like, is_person_name, is_rag_token, is_ref
from .vocabulary import best_field, fields_in_order, words

#: a field that at most one column may hold; the best-worded column keeps it
SINGLE_FIELDS = ("theme", "recommendation_ref", "recommendation", "action_ref", "action", "owner", "due")
#: share of a column's non-empty cells that must fit a content pattern
CONTENT_SHARE = 0.7
#: a header cell longer than this is body text, not a label
MAX_LABEL_CHARS = 140
MAX_HEADER_ROWS = 3
#: a column's own header cell outranks wording inherited from a spanning cell above it
OWN_WORDING_BONUS = 100


@dataclass(frozen=True)
class ColumnMap:
    header_rows: int
    headers: tuple[str, ...]  # the joined header text of each column
    fields: tuple[str, ...]  # the field of each column ("other" when kept in extra)
    how: tuple[str, ...]  # "header", "content" or "" per column, for inspect

    def columns(self, field: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == field]

    def has(self, field: str) -> bool:
        return field in self.fields


def _label_row(grid: Grid, r: int) -> bool:
    """Does row r read as column labels (short cells, several of them known header words)?"""
    texts = [s.text for s in grid.row_cells(r) if s.text.strip()]
    if not texts or any(len(t) > MAX_LABEL_CHARS for t in texts):
        return False
    known = sum(1 for t in texts if best_field(t) is not None)
    return known >= 2 and known >= len(texts) / 2


def detect_header_rows(grid: Grid) -> int:
    marked = 0
    for row in grid.table.rows:
        if not row.is_header:
            break
        marked += 1
    if marked:
        return marked
    if grid.n_rows == 0 or not _label_row(grid, 0):
        return 0
    n = 1
    # a second or third label row: short cells, under a header cell that spans columns or rows
    while n < min(MAX_HEADER_ROWS, grid.n_rows - 1):
        texts = [t for t in grid.row_texts(n) if t.strip()]
        above = grid[n - 1]
        # labels under a header cell that spans columns, beside header cells that span down
        under_span = any(above[c].cell.colspan > 1 and grid[n][c].origin_row == n and grid.text(n, c).strip()
                         for c in range(grid.n_cols))
        spans_down = any(s.origin_row < n for s in grid[n])
        full_width = any(s.cell.colspan >= max(2, int(0.6 * grid.n_cols)) for s in grid.row_cells(n))
        if (texts and (under_span or spans_down) and not full_width
                and all(len(t) <= 40 and not is_ref(t) for t in texts)):
            n += 1
        else:
            break
    return n


def _joined_headers(grid: Grid, n_header: int) -> tuple[list[str], list[str]]:
    """(joined header text, the lowest header row's own text) per column."""
    joined, own = [], []
    for c in range(grid.n_cols):
        parts: list[str] = []
        for r in range(n_header):
            t = " ".join(grid.text(r, c).split())
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        joined.append(" ".join(parts))
        low = grid[n_header - 1][c] if n_header else None
        own.append(" ".join(low.text.split()) if low is not None and low.origin_row == n_header - 1 else "")
    return joined, own


def _content_field(values: list[str], fills: list[Optional[str]]) -> Optional[str]:
    vals = [v for v in values if v.strip()]
    filled = [f for f in fills if f]
    if not vals:
        return "rag" if len(filled) >= max(2, len(values) // 2) else None
    share = lambda pred: sum(1 for v in vals if pred(v)) / len(vals)  # noqa: E731
    if share(is_rag_token) >= CONTENT_SHARE:
        return "rag"
    if share(is_ref) >= CONTENT_SHARE:
        return "action_ref"
    if share(is_date_like) >= CONTENT_SHARE:
        return "due"
    if share(is_person_name) >= CONTENT_SHARE:
        return "owner"
    return None


def _split_rag_headers(headers: list[str]) -> list[int]:
    """Columns headed by single RAG letters side by side (R | A | G), one RAG split in three."""
    cols = [i for i, h in enumerate(headers) if words(h) in (["r"], ["a"], ["g"], ["b"])]
    return cols if len(cols) >= 3 else []


def map_columns(grid: Grid, n_header: Optional[int] = None) -> ColumnMap:
    if n_header is None:
        n_header = detect_header_rows(grid)
    joined, own = _joined_headers(grid, n_header)
    fields: list[Optional[str]] = [None] * grid.n_cols
    strength = [0] * grid.n_cols
    how = [""] * grid.n_cols
    for c in range(grid.n_cols):
        m = best_field(own[c])
        bonus = OWN_WORDING_BONUS
        if m is None:
            m, bonus = best_field(joined[c]), 0
        if m is not None:
            fields[c], strength[c], how[c] = m.field, m.strength + bonus, "header"
    for c in _split_rag_headers(joined):
        fields[c], how[c] = "rag", "header"
    # one column per single-valued field: the most specific wording keeps it
    for f in SINGLE_FIELDS:
        cols = [c for c in range(grid.n_cols) if fields[c] == f]
        if len(cols) > 1:
            keep = max(cols, key=lambda c: (strength[c], -c))
            for c in cols:
                if c != keep:
                    fields[c] = "other"
    # columns the header leaves open: decide by content
    body = range(n_header, grid.n_rows)
    for c in range(grid.n_cols):
        if fields[c] is not None:
            continue
        values = [grid.text(r, c) for r in body if grid.is_origin(r, c)]
        fills = [grid[r][c].cell.fill for r in body if grid.is_origin(r, c)]
        f = _content_field(values, fills)
        if f is not None and (f not in SINGLE_FIELDS or f not in fields):
            fields[c], how[c] = f, "content"
    # no action header: the column of longest prose beside content-found owner / due / RAG columns
    if n_header == 0 and "action" not in fields and sum(1 for f in ("owner", "due", "rag") if f in fields) >= 2:
        open_cols = [c for c in range(grid.n_cols) if fields[c] is None]
        lengths = {c: sum(len(grid.text(r, c)) for r in body) for c in open_cols}
        if lengths and max(lengths.values()) > 0:
            c = max(lengths, key=lengths.get)
            fields[c], how[c] = "action", "content"
    return ColumnMap(header_rows=n_header, headers=tuple(joined),
                     fields=tuple(f or "other" for f in fields), how=tuple(how))


#: a last column with text in at most this share of rows is converter debris, not a column
STRAY_COLUMN_SHARE = 0.2


def _trailing_empty(grid: Grid) -> int:
    n = 0
    for c in range(grid.n_cols - 1, -1, -1):
        filled = sum(1 for r in range(grid.n_rows) if grid.text(r, c).strip())
        if filled > STRAY_COLUMN_SHARE * grid.n_rows:
            break
        n += 1
    return n


def fit_columns(header: ColumnMap, grid: Grid) -> Optional[ColumnMap]:
    """The header of an earlier table laid over a headerless table that carries it on.

    Converters damage headers: a cell split in two leaves a column with no words of its own
    ("References" over "Action No."), or several headers run into one cell ("Measures Review
    note R A G"). Such columns are dropped or split until the header is as wide as the body;
    None when it cannot be made to fit.
    """
    width = grid.n_cols - _trailing_empty(grid)
    headers, fields, how = list(header.headers), list(header.fields), list(header.how)
    if len(fields) > width:
        # drop columns whose wording names no field (leftovers of a split header cell), left first
        surplus = len(fields) - width
        keep = []
        for c, f in enumerate(fields):
            if f == "other" and surplus > 0:
                surplus -= 1
                continue
            keep.append(c)
        headers, fields, how = [headers[c] for c in keep], [fields[c] for c in keep], [how[c] for c in keep]
    if len(fields) < width:
        out_h, out_f = [], []
        missing = width - len(fields)
        for h, f in zip(headers, fields):
            parts = fields_in_order(h) if missing > 0 else []
            if len(parts) > 1 and len({p.field for p in parts}) == len(parts):
                take = parts[: missing + 1]
                for p in take:
                    out_h.append(p.phrase)
                    out_f.append(p.field)
                missing -= len(take) - 1
            else:
                out_h.append(h)
                out_f.append(f)
        headers, fields, how = out_h, out_f, ["header"] * len(out_f)
    if len(fields) != width:
        return None
    pad = grid.n_cols - width
    return ColumnMap(header_rows=0, headers=tuple(headers) + ("",) * pad,
                     fields=tuple(fields) + ("other",) * pad, how=tuple(how) + ("",) * pad)
