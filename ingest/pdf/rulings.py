"""Ruling segments of a page: the horizontal and vertical lines tables are drawn with.

pdfplumber classes a segment as horizontal only when its two ends have exactly equal y
(and vertical for exactly equal x). Content placed through a transform — a landscape page
stored rotated in a portrait box, a page imposed as a form — leaves float noise in those
coordinates, and then whole borders vanish from its table finder. Here every stroked
line, rectangle side and straight path segment is classed with a tolerance, and a thin
filled rectangle (a border drawn as a box) counts as one line along its length.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable

from .source import PageObjects
from .settings import PdfSettings

Edge = dict


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> Edge:
    if orientation == "h":
        y = (top + bottom) / 2
        top = bottom = y
    else:
        x = (x0 + x1) / 2
        x0 = x1 = x
    return {"object_type": "ruling_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def _segment(p0, p1, tol: float, min_length: float) -> Iterable[Edge]:
    (ax, ay), (bx, by) = p0, p1
    x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    if bottom - top <= tol and x1 - x0 >= min_length:
        yield _edge(x0, top, x1, bottom, "h")
    elif x1 - x0 <= tol and bottom - top >= min_length:
        yield _edge(x0, top, x1, bottom, "v")


def _box_edges(x0: float, top: float, x1: float, bottom: float, settings: PdfSettings) -> list[Edge]:
    thin = settings.min_fill_size
    if bottom - top < thin and x1 - x0 >= settings.edge_min_length:
        return [_edge(x0, top, x1, bottom, "h")]
    if x1 - x0 < thin and bottom - top >= settings.edge_min_length:
        return [_edge(x0, top, x1, bottom, "v")]
    if bottom - top < thin or x1 - x0 < thin:
        return []
    return [_edge(x0, top, x1, top, "h"), _edge(x0, bottom, x1, bottom, "h"),
            _edge(x0, top, x0, bottom, "v"), _edge(x1, top, x1, bottom, "v")]


def ruling_edges(objects: PageObjects, settings: PdfSettings) -> tuple[list[Edge], list[Edge]]:
    """(horizontal, vertical) ruling edges of a page's shapes, each crossing grid closed
    by its outer frame (see :func:`close_frames`)."""
    horizontal, vertical = _raw_edges(objects, settings)
    return close_frames(horizontal, vertical, settings.intersection_tolerance)


def close_frames(horizontal: list[Edge], vertical: list[Edge], tol: float) -> tuple[list[Edge], list[Edge]]:
    """Add the outer frame of every grid of crossing rulings (two or more each way).

    Some table styles draw only the lines between cells; the table finder needs a closed
    frame to see the outer rows and columns as cells. A table that has its frame gets the
    same lines again, which the finder merges."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_x = sorted(range(len(vertical)), key=lambda i: vertical[i]["x0"])
    xs = [vertical[i]["x0"] for i in by_x]
    for hi, h in enumerate(horizontal):
        for k in range(bisect_left(xs, h["x0"] - tol), bisect_right(xs, h["x1"] + tol)):
            v = vertical[by_x[k]]
            if v["top"] - tol <= h["top"] <= v["bottom"] + tol:
                parent[find(hi)] = find(len(horizontal) + by_x[k])
    groups: dict[int, list[int]] = {}
    for i in range(len(parent)):
        groups.setdefault(find(i), []).append(i)
    extra_h, extra_v = [], []
    for members in groups.values():
        hs = [horizontal[i] for i in members if i < len(horizontal)]
        vs = [vertical[i - len(horizontal)] for i in members if i >= len(horizontal)]
        if len(hs) < 2 or len(vs) < 2:
            continue
        x0 = min(e["x0"] for e in hs + vs)
        x1 = max(e["x1"] for e in hs + vs)
        top = min(e["top"] for e in hs + vs)
        bottom = max(e["bottom"] for e in hs + vs)
        extra_h += [_edge(x0, top, x1, top, "h"), _edge(x0, bottom, x1, bottom, "h")]
        extra_v += [_edge(x0, top, x0, bottom, "v"), _edge(x1, top, x1, bottom, "v")]
    return horizontal + extra_h, vertical + extra_v


def _raw_edges(objects: PageObjects, settings: PdfSettings) -> tuple[list[Edge], list[Edge]]:
    tol, min_len = settings.ruling_slope_tolerance, settings.edge_min_length
    edges: list[Edge] = []
    for rect in objects.rects:
        edges.extend(_box_edges(rect["x0"], rect["top"], rect["x1"], rect["bottom"], settings))
    for obj in (*objects.lines, *objects.curves):
        pts = obj.get("pts") or [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])]
        if obj["object_type"] == "curve" and is_box(pts, tol):
            edges.extend(_box_edges(obj["x0"], obj["top"], obj["x1"], obj["bottom"], settings))
            continue
        for p0, p1 in zip(pts, pts[1:]):
            edges.extend(_segment(p0, p1, tol, min_len))
    return ([e for e in edges if e["orientation"] == "h"], [e for e in edges if e["orientation"] == "v"])


def is_box(pts, tol: float) -> bool:
    """A closed four-sided axis-aligned path (a rectangle pdfminer did not recognise)."""
    if len(pts) not in (4, 5):
        return False
    ring = list(pts) + ([pts[0]] if len(pts) == 4 else [])
    if abs(ring[0][0] - ring[-1][0]) > tol or abs(ring[0][1] - ring[-1][1]) > tol:
        return False
    return all(abs(a[0] - b[0]) <= tol or abs(a[1] - b[1]) <= tol for a, b in zip(ring, ring[1:]))
