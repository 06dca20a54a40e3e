"""Ruling segments of a page: the horizontal and vertical lines tables are drawn with.

pdfplumber classes a segment as horizontal only when its two ends have exactly equal y
(and vertical for exactly equal x). Content placed through a transform — a landscape page
stored rotated in a portrait box, a page imposed as a form — leaves float noise in those
coordinates, and then whole borders vanish from its table finder. Here every stroked
line, rectangle side and straight path segment is classed with a tolerance, and a thin
filled rectangle (a border drawn as a box) counts as one line along its length.
"""
from __future__ import annotations

from typing import Iterable

from .pdf_objects import PageObjects
from .pdf_settings import PdfSettings

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
    """(horizontal, vertical) ruling edges of a page's shapes."""
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
