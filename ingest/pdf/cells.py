"""The cells that a page's ruling lines enclose, grouped into tables.

pdfplumber's table finder, given explicit edges, does four things: it snaps and joins the
edges (``merge_edges``), finds every point where a vertical edge meets a horizontal one,
finds for each point the smallest cell it opens, and groups the cells that share a corner
into tables. The last three are pure Python over every pair of points and every edge at a
point, which on a ruled plan cost as much as reading the page's glyphs. This module gives
the same edges, points, cells and tables, with the edges indexed by their line:

* edges are snapped and joined as ``merge_edges`` does it, to the same floating-point
  values, on coordinates instead of a copied dict per edge per step (:func:`merge_rulings`);

* a point is where a vertical edge at x spans a horizontal edge's y and that edge spans x,
  each within the intersection tolerance;
* two points one above the other are joined when one vertical edge at their x spans both;
  two side by side when one horizontal edge at their y spans both (pdfplumber asks whether
  the two points' edge sets share an edge: the same thing). A longer span needs more of the
  edge, so the first point that is not joined ends the search in that direction;
* a point's cell is the first (below, right) pair, nearest first down then across, whose
  fourth corner is a point joined to both;
* cells are grouped into tables in pdfplumber's order (a cell joins the open table when it
  shares a corner with it), tables sorted by their top-left cell, and a "table" of one
  cell (a box drawn round a paragraph) left out.

``tests/test_pdf_cells.py`` checks that the tables are pdfplumber's on every fixture page.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple, Sequence

import numpy as np

from .geometry import BBox
from .settings import PdfSettings

Point = tuple[float, float]


class Ruling(NamedTuple):
    """A merged ruling edge: its box and its length as pdfplumber counts it."""

    x0: float
    top: float
    x1: float
    bottom: float
    length: float  # the width of a horizontal edge, the height of a vertical one


def ruled_tables_cells(horizontal: Sequence[dict], vertical: Sequence[dict],
                       settings: PdfSettings) -> list[tuple[BBox, list[BBox]]]:
    """(table box, cell boxes) of each table the ruling edges enclose, top-left first."""
    across, down = merge_rulings([e for e in horizontal if e["orientation"] == "h"],
                                 [e for e in vertical if e["orientation"] == "v"],
                                 settings.snap_tolerance, settings.join_tolerance)
    shortest = settings.edge_min_length
    tol = settings.intersection_tolerance
    cells = _cells([e for e in down if e.length >= shortest], [e for e in across if e.length >= shortest], tol)
    out = []
    for group in _group(cells):
        box = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        out.append((box, group))
    return out


def merge_rulings(horizontal: Sequence[dict], vertical: Sequence[dict], snap: float,
                  join: float) -> tuple[list[Ruling], list[Ruling]]:
    """(horizontal, vertical) edges snapped and joined as pdfplumber's ``merge_edges`` does
    with both snap tolerances ``snap`` and both join tolerances ``join``, in its order: the
    edges within ``snap`` of one another (a chain of them) move to their mean line, then
    edges on one line that touch or overlap, within ``join``, become one."""
    if snap > 0:
        horizontal = _snapped(horizontal, snap, across=True)
        vertical = _snapped(vertical, snap, across=False)
    else:
        horizontal = [Ruling(e["x0"], e["top"], e["x1"], e["bottom"], e["width"]) for e in horizontal]
        vertical = [Ruling(e["x0"], e["top"], e["x1"], e["bottom"], e["height"]) for e in vertical]
    return _joined(horizontal, join, across=True), _joined(vertical, join, across=False)


def _snapped(edges: Sequence[dict], tol: float, across: bool) -> list[Ruling]:
    """pdfplumber's ``snap_objects`` on the edges' line (the top of horizontal edges, the x0
    of vertical ones; the opposite side moves with it): the values, sorted and chained within
    ``tol``, form clusters; a cluster's edges (in their order) move by (mean - own value),
    the mean summed in that order."""
    at, far, start, end, length = ("top", "bottom", "x0", "x1", "width") if across else \
        ("x0", "x1", "top", "bottom", "height")
    values = sorted(set(e[at] for e in edges))
    cluster_of: dict[float, int] = {}
    cluster = -1
    last = None
    for v in values:
        if last is None or not v <= last + tol:
            cluster += 1
        cluster_of[v] = cluster
        last = v
    members: dict[int, list[dict]] = defaultdict(list)
    for e in edges:
        members[cluster_of[e[at]]].append(e)
    out = []
    for k in sorted(members):
        group = members[k]
        mean = sum(e[at] for e in group) / len(group)
        for e in group:
            shift = mean - e[at]
            near, far_end = e[at] + shift, e[far] + shift
            if across:
                out.append(Ruling(e[start], near, e[end], far_end, e[length]))
            else:
                out.append(Ruling(near, e[start], far_end, e[end], e[length]))
    return out


def _joined(edges: list[Ruling], tol: float, across: bool) -> list[Ruling]:
    """pdfplumber's ``join_edge_group`` on each line (lines in order): the line's edges by
    their start; one that starts within ``tol`` of the end of the last kept edge extends it
    (its length worked out as pdfplumber's ``resize_object`` does), else is kept."""
    out: list[Ruling] = []
    line = attrgetter("top") if across else attrgetter("x0")
    start = attrgetter("x0") if across else attrgetter("top")
    for _, on_line in groupby(sorted(edges, key=line), key=line):
        ordered = sorted(on_line, key=start)
        joined = [ordered[0]]
        for e in ordered[1:]:
            last = joined[-1]
            if across:
                if e.x0 <= last.x1 + tol:
                    if e.x1 > last.x1:
                        joined[-1] = last._replace(x1=e.x1, length=e.x1 - last.x0)
                    continue
            elif e.top <= last.bottom + tol:
                if e.bottom > last.bottom:
                    joined[-1] = last._replace(bottom=e.bottom, length=last.length + (e.bottom - last.bottom))
                continue
            joined.append(e)
        out.extend(joined)
    return out


def _cells(vertical: list[Ruling], horizontal: list[Ruling], tol: float) -> list[BBox]:
    """The smallest cell each intersection point opens, points in (x, y) order."""
    if not vertical or not horizontal:
        return []
    vx = np.array([e.x0 for e in vertical])
    vtop = np.array([e.top for e in vertical])
    vbottom = np.array([e.bottom for e in vertical])
    hy = np.array([e.top for e in horizontal])
    hx0 = np.array([e.x0 for e in horizontal])
    hx1 = np.array([e.x1 for e in horizontal])
    meets = ((vtop[:, None] <= hy[None, :] + tol) & (vbottom[:, None] >= hy[None, :] - tol)
             & (vx[:, None] >= hx0[None, :] - tol) & (vx[:, None] <= hx1[None, :] + tol))
    vi, hi = np.nonzero(meets)
    points: set[Point] = set(zip(vx[vi].tolist(), hy[hi].tolist()))
    down: dict[float, list[tuple[float, float]]] = defaultdict(list)  # x -> (top, bottom) of its edges
    for e in vertical:
        down[e.x0].append((e.top, e.bottom))
    across: dict[float, list[tuple[float, float]]] = defaultdict(list)  # y -> (x0, x1) of its edges
    for e in horizontal:
        across[e.top].append((e.x0, e.x1))

    def joined_down(x: float, y0: float, y1: float) -> bool:
        return any(top <= y0 + tol and bottom >= y1 - tol for top, bottom in down[x])

    def joined_across(y: float, x0: float, x1: float) -> bool:
        return any(left - tol <= x0 and right + tol >= x1 for left, right in across[y])

    ordered = sorted(points)
    ys_at: dict[float, list[float]] = defaultdict(list)
    xs_at: dict[float, list[float]] = defaultdict(list)
    for x, y in ordered:  # ascending y within an x; ascending x within a y
        ys_at[x].append(y)
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        xs_at[y].append(x)
    cells = []
    for x, y in ordered:
        column, row = ys_at[x], xs_at[y]
        below = column[bisect_right(column, y):]
        right = row[bisect_right(row, x):]
        found = None
        for by in below:
            if not joined_down(x, y, by):
                break  # a longer span down needs more of the edge: none further is joined
            for rx in right:
                if not joined_across(y, x, rx):
                    break
                if (rx, by) in points and joined_down(rx, y, by) and joined_across(by, x, rx):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group(cells: list[BBox]) -> list[list[BBox]]:
    """Cells that share corners, as tables (pdfplumber's grouping and order), tables of one
    cell left out."""
    remaining = list(cells)
    tables: list[list[BBox]] = []
    current: list[BBox] = []
    corners: set[Point] = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in own):
                corners.update(own)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, corners = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
