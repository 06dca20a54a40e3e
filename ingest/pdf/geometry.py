"""Geometry helpers of the PDF reader: boxes, clustering of coordinates, colours."""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Optional, Sequence

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's orientation)


def cluster_values(values: Iterable[float], tolerance: float) -> tuple[float, ...]:
    """Sorted representatives of ``values``; values within ``tolerance`` of their
    neighbour fall in one cluster, represented by its mean."""
    ordered = sorted(values)
    if not ordered:
        return ()
    groups: list[list[float]] = [[ordered[0]]]
    for v in ordered[1:]:
        if v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return tuple(sum(g) / len(g) for g in groups)


def nearest_index(grid: Sequence[float], value: float) -> int:
    """Index of the grid line nearest ``value``."""
    i = bisect_right(grid, value)
    if i == 0:
        return 0
    if i == len(grid):
        return len(grid) - 1
    return i if grid[i] - value < value - grid[i - 1] else i - 1


def slot_index(grid: Sequence[float], value: float) -> int:
    """Index of the interval [grid[i], grid[i+1]) holding ``value`` (clamped)."""
    i = bisect_right(grid, value) - 1
    return max(0, min(i, len(grid) - 2))


def center(box: BBox) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def contains_point(box: BBox, x: float, y: float, slack: float = 0.0) -> bool:
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def overlap_area(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def colour_hex(colour, white_level: float = 0.97, black_level: float = 0.03) -> Optional[str]:
    """pdfplumber's ``non_stroking_color`` (gray, RGB or CMYK components in 0..1) as
    "#RRGGBB"; None for no colour, a pattern, white or black."""
    if colour is None or isinstance(colour, str):
        return None
    if isinstance(colour, (int, float)):
        comps: tuple = (float(colour),)
    else:
        try:
            comps = tuple(float(c) for c in colour)
        except (TypeError, ValueError):  # a pattern name among the components
            return None
    if len(comps) == 1:
        rgb = (comps[0],) * 3
    elif len(comps) == 3:
        rgb = comps
    elif len(comps) == 4:
        c, m, y, k = comps
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    rgb = tuple(min(1.0, max(0.0, v)) for v in rgb)
    if all(v >= white_level for v in rgb) or all(v <= black_level for v in rgb):
        return None
    return "#" + "".join(f"{round(v * 255):02X}" for v in rgb)
