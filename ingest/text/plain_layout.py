"""Recover tables from space-aligned text (``pdftotext -layout`` output).

pdftotext keeps a page's geometry with spaces: the words of one cell are one space apart,
columns are separated by runs of spaces that line up from line to line. The recovery:

1. **Segments.** Each line splits into segments at runs of :data:`GAP` or more spaces.
2. **Regions.** Lines with two or more segments ("columnar" lines) form a candidate region
   with the lines between them, unless a line of prose (from the left margin, across much
   of the width) or more than :data:`MAX_BLANKS` blank lines in a row come between.
3. **Columns.** A gutter is an x position that is blank (inside a gap, or past the end) on
   every columnar line of the region; columns are the x ranges between gutters. A region with
   fewer than two columns is prose, not a table.
4. **Rows.** A new row starts after a blank line, when the key (leftmost) column gets text
   again after lines where it had none, when the key column opens with a row number
   ("1.2", "3", "a)"), or when a line fills every column (but one) with cells that all open
   with a capital (rows of one line each, as in a glossary). The lines of a cell are joined with spaces ("\\n" before a bullet or
   number), a word split by a hyphen at a line end is rejoined.
5. A single-segment line that spans several columns inside a region is a section row (its
   text goes in the first cell); one that fits inside a column continues that column's cell.

Everything outside regions is handed back as lines, for the prose reader.
"""
from __future__ import annotations

import re
from itertools import groupby
from dataclasses import dataclass
from typing import Sequence, Union

from .blocks import is_page_marker
from .vocab import DANGLING_WORDS

GAP = 2  # spaces that separate columns
PROSE_WIDTH = 0.5  # a left-aligned line this share of the table wide is prose, not a cell
MAX_BLANKS = 1
MIN_FRESH_CELLS = 3  # cells a line needs (and all columns but one), all capitalised, to start a row
JITTER = 1  # characters a column's left edge may wander between lines  # more blank lines in a row than this end a region (tables a few lines apart)
MIN_COLUMNAR_LINES = 2
MIN_LAYOUT_LINES = 3  # columnar lines a file needs to be read as layout text

_SPLIT = re.compile(r" {%d,}" % GAP)
_ROW_LABEL = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]\)|\(?[ivx]+\))(\s|$)")
_ITEM_START = re.compile(r"^([•▪◦●○■□➢➤►▶\-–*]|\d+(\.\d+)*[.)]|[a-z]\)|%)\s*")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LayoutLine:
    """A line outside any table."""

    text: str


@dataclass(frozen=True)
class LayoutRow:
    cells: tuple[str, ...]
    gap_before: bool = False
    lines: tuple[str, ...] = ()  # the source lines, segments joined by one space


@dataclass(frozen=True)
class LayoutRows:
    """The rows of one table region."""

    rows: tuple[LayoutRow, ...]


LayoutItem = Union[LayoutLine, LayoutRows]


def segments(line: str) -> list[Segment]:
    out: list[Segment] = []
    line = line.rstrip()
    pos = 0
    for m in _SPLIT.finditer(line):
        if m.start() > pos:
            out.append(Segment(pos, m.start(), line[pos:m.start()]))
        pos = m.end()
    if pos < len(line):
        out.append(Segment(pos, len(line), line[pos:]))
    # leading spaces: the first segment starts at its first visible character
    fixed = []
    for s in out:
        lead = len(s.text) - len(s.text.lstrip(" "))
        if s.text.strip():
            fixed.append(Segment(s.start + lead, s.end, s.text.strip()))
    return fixed


def looks_layout(text: str) -> bool:
    """Enough lines with aligned columns to be read as layout text."""
    lines = text.replace("\f", "\n").split("\n")
    return any(len(r) >= MIN_LAYOUT_LINES for r in (_columnar_indices(g) for g in _regions(lines)))


def _columnar_indices(region: Sequence[tuple[int, list[Segment]]]) -> list[int]:
    return [i for i, segs in region if len(segs) >= 2]


def _interrupts(segs: Sequence[Segment], width: int) -> bool:
    """A line between two columnar lines that breaks a region: blank, or prose running from
    the left margin across much of the table (not a cell's continuation, not a section title)."""
    if not segs:
        return True
    return segs[0].start < GAP and (segs[-1].end - segs[0].start) >= width * PROSE_WIDTH


def _standalone(between: Sequence[Sequence[Segment]], k: int, above: Sequence[Segment]) -> bool:
    """A line from the left margin, reaching past the first column of the table above, with
    a blank line after it: a heading or the end of a paragraph. (A title row inside a table
    sits right on the next row; the last line of a wrapped first-column cell stays inside
    that column.)"""
    segs = between[k]
    if not segs or segs[0].start >= GAP or k + 1 >= len(between) or between[k + 1]:
        return False
    return len(above) < 2 or segs[-1].end > above[1].start


def _regions(lines: Sequence[str]) -> list[list[tuple[int, list[Segment]]]]:
    """Candidate regions: columnar lines with what lies between them, split at prose and blank runs."""
    segs = [segments(line) for line in lines]
    regions: list[list[tuple[int, list[Segment]]]] = []
    current: list[tuple[int, list[Segment]]] = []
    last_columnar = -10**9
    width = 0
    for i, s in enumerate(segs):
        if len(s) >= 2:
            between = segs[last_columnar + 1:i] if current else []
            blank_run = max((len(list(g)) for k, g in groupby(between, key=bool) if not k), default=0)
            prose = any(b and not is_page_marker(b[0].text)
                        and (_interrupts(b, width) or _standalone(between, k, segs[last_columnar]))
                        for k, b in enumerate(between))
            if current and (prose or blank_run > MAX_BLANKS):
                regions.append(current)
                current = []
            if current:
                current.extend((j, segs[j]) for j in range(last_columnar + 1, i))
            current.append((i, s))
            last_columnar = i
            width = max(width, s[-1].end) if current[1:] else s[-1].end
    if current:
        regions.append(current)
    return [r for r in regions if len(_columnar_indices(r)) >= MIN_COLUMNAR_LINES]


def _columns(region: Sequence[tuple[int, list[Segment]]]) -> list[tuple[int, int]]:
    """x ranges between gutters, from the columnar lines of a region."""
    columnar = [s for _, s in region if len(s) >= 2]
    width = max(seg.end for segs in columnar for seg in segs)
    busy = [False] * (width + 1)
    for segs in columnar:
        for seg in segs:
            # pdftotext places a column's text a character left now and then: the first
            # character of a word of three or more does not close a one-character gutter
            start = seg.start + JITTER if seg.end - seg.start >= 3 else seg.start
            for x in range(start, seg.end):
                busy[x] = True
    cols: list[tuple[int, int]] = []
    x = 0
    while x <= width:
        if busy[x]:
            start = x
            while x <= width and busy[x]:
                x += 1
            cols.append((start, x))
        else:
            x += 1
    return cols


def _column_of(seg: Segment, cols: Sequence[tuple[int, int]]) -> int:
    for c, (a, b) in enumerate(cols):
        if a <= seg.start < b:
            return c
    # starts in a gutter: the nearest column to its right, else the last
    for c, (a, _) in enumerate(cols):
        if seg.start < a:
            return c
    return len(cols) - 1


def _spans(seg: Segment, cols: Sequence[tuple[int, int]]) -> int:
    return sum(1 for a, b in cols if seg.start < b and seg.end > a)


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith("-") and part[:1].islower():
            out += part
        elif _ITEM_START.match(part):
            out += "\n" + part
        else:
            out += " " + part
    return out


class _RowBuilder:
    def __init__(self, n_cols: int) -> None:
        self.n = n_cols
        self.rows: list[LayoutRow] = []
        self.parts: list[list[str]] = [[] for _ in range(n_cols)]
        self.gap = False
        self.key_idle = False  # the key column had no text on the last line(s) of this row
        self.lines: list[str] = []

    def empty(self) -> bool:
        return not any(self.parts)

    def close(self) -> None:
        if not self.empty():
            self.rows.append(LayoutRow(tuple(_join(p) for p in self.parts), gap_before=self.gap,
                                       lines=tuple(self.lines)))
        self.parts = [[] for _ in range(self.n)]
        self.gap = False
        self.key_idle = False
        self.lines = []

    def _fresh_line(self, placed: dict[int, str]) -> bool:
        """Single-line rows (a glossary): the line fills (nearly) every column, each cell opens
        with a capital or a digit, and the key cell above ended cleanly: nothing runs on."""
        if len(placed) < max(MIN_FRESH_CELLS, self.n - 1) or not self.parts[0]:
            return False
        if not all(t[:1].isupper() or t[:1].isdigit() for t in placed.values()):
            return False
        above = self.parts[0][-1].split()
        return bool(above) and above[-1].lower() not in DANGLING_WORDS and above[-1][-1] not in "-,&/"

    def add(self, placed: dict[int, str], gap: bool, line: str = "") -> None:
        key = placed.get(0, "")
        restart = bool(key) and (self.key_idle or bool(_ROW_LABEL.match(key)) or self._fresh_line(placed))
        if (gap or restart) and not self.empty():
            self.close()
        if self.empty():
            self.gap = gap
        for c, text in placed.items():
            self.parts[c].append(text)
        self.key_idle = not key
        self.lines.append(line)


def line_key(segs: Sequence[Segment]) -> str:
    return " ".join(s.text for s in segs)


def _table_rows(region: Sequence[tuple[int, list[Segment]]], cols: Sequence[tuple[int, int]],
                header_hint: Sequence[str] = ()) -> list[LayoutRow]:
    builder = _RowBuilder(len(cols))
    gap = False
    filled = [segs for _, segs in region if segs]
    hint = len(header_hint) if [line_key(s) for s in filled[:len(header_hint)]] == list(header_hint) else 0
    seen = 0
    for i, segs in region:
        if not segs:
            gap = True
            continue
        if len(segs) == 1 and is_page_marker(segs[0].text):
            continue
        if len(segs) == 1 and _spans(segs[0], cols) > 1 and len(cols) >= 3:
            builder.close()  # a full-width line inside the table: a section row
            builder.rows.append(LayoutRow((segs[0].text,) + ("",) * (len(cols) - 1), gap_before=gap))
            gap = False
            continue
        placed: dict[int, str] = {}
        for seg in segs:
            c = _column_of(seg, cols)
            placed[c] = (placed[c] + " " + seg.text) if c in placed else seg.text
        builder.add(placed, gap, line_key(segs))
        gap = False
        seen += 1
        if hint and seen == hint:
            builder.close()  # the header repeated from the page before ends here
    builder.close()
    return builder.rows


def layout_items(lines: Sequence[str], header_hint: Sequence[str] = ()) -> list[LayoutItem]:
    """Lines outside tables, and the rows of each table region, in reading order.

    ``header_hint``: the lines of the header of the table on the page before; a region that
    opens with the same lines has its header end there, even where no blank line follows it
    (the rest of a row cut by the page break comes straight after)."""
    items: list[LayoutItem] = []
    pos = 0
    for region in _regions(lines):
        cols = _columns(region)
        if len(cols) < 2:
            continue
        first, last = region[0][0], region[-1][0]
        region = list(region)
        # lines right below the last columnar line that fit in one column end its cells
        while last + 1 < len(lines):
            segs = segments(lines[last + 1])
            if len(segs) != 1 or _spans(segs[0], cols) != 1:
                break
            last += 1
            region.append((last, segs))
        items.extend(LayoutLine(lines[j]) for j in range(pos, first))
        rows = _table_rows(region, cols, header_hint)
        items.append(LayoutRows(tuple(rows)))
        pos = last + 1
    items.extend(LayoutLine(lines[j]) for j in range(pos, len(lines)))
    return items
