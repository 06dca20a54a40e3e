"""The cells that a page's ruling lines enclose, grouped into tables.

pdfplumber's table finder, given explicit edges, does four things: it snaps and joins the
edges (``merge_edges``, used here as it is), finds every point where a vertical edge meets a
horizontal one, finds for each point the smallest cell it opens, and groups the cells that
share a corner into tables. The last three are pure Python over every pair of points and
every edge at a point, which on a ruled plan cost as much as reading the page's glyphs. This
module gives the same points, cells and tables from the edges indexed by their line:

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
from typing import Sequence

import numpy as np
from pdfplumber.table import merge_edges
from pdfplumber.utils import filter_edges

from .geometry import BBox
from .settings import PdfSettings

Point = tuple[float, float]


def ruled_tables_cells(horizontal: Sequence[dict], vertical: Sequence[dict],
                       settings: PdfSettings) -> list[tuple[BBox, list[BBox]]]:
    """(table box, cell boxes) of each table the ruling edges enclose, top-left first."""
    edges = merge_edges([e for e in vertical if e["orientation"] == "v"]
                        + [e for e in horizontal if e["orientation"] == "h"],
                        snap_x_tolerance=settings.snap_tolerance, snap_y_tolerance=settings.snap_tolerance,
                        join_x_tolerance=settings.join_tolerance, join_y_tolerance=settings.join_tolerance)
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    tol = settings.intersection_tolerance
    cells = _cells([e for e in edges if e["orientation"] == "v"], [e for e in edges if e["orientation"] == "h"], tol)
    out = []
    for group in _group(cells):
        box = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        out.append((box, group))
    return out


def _cells(vertical: list[dict], horizontal: list[dict], tol: float) -> list[BBox]:
    """The smallest cell each intersection point opens, points in (x, y) order."""
    if not vertical or not horizontal:
        return []
    vx = np.array([e["x0"] for e in vertical])
    vtop = np.array([e["top"] for e in vertical])
    vbottom = np.array([e["bottom"] for e in vertical])
    hy = np.array([e["top"] for e in horizontal])
    hx0 = np.array([e["x0"] for e in horizontal])
    hx1 = np.array([e["x1"] for e in horizontal])
    meets = ((vtop[:, None] <= hy[None, :] + tol) & (vbottom[:, None] >= hy[None, :] - tol)
             & (vx[:, None] >= hx0[None, :] - tol) & (vx[:, None] <= hx1[None, :] + tol))
    vi, hi = np.nonzero(meets)
    points: set[Point] = set(zip(vx[vi].tolist(), hy[hi].tolist()))
    down: dict[float, list[tuple[float, float]]] = defaultdict(list)  # x -> (top, bottom) of its edges
    for e in vertical:
        down[e["x0"]].append((e["top"], e["bottom"]))
    across: dict[float, list[tuple[float, float]]] = defaultdict(list)  # y -> (x0, x1) of its edges
    for e in horizontal:
        across[e["top"]].append((e["x0"], e["x1"]))

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
