"""Page furniture: running headers, footers and page numbers.

A line is furniture when it sits in the top or bottom margin zone of its page, outside the
page area that the document's other content fills (its middle above the area's top, or
below its foot), and either reads as a page number ("Page 3 of 14", "3", "- 3 -", "3/14")
or repeats — digits aside — at the same height on many pages (a running title or footer),
whatever the same words do elsewhere (the title printed large on page 1).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from .settings import PdfSettings
from .text import Line

PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(page|p\.|pg\.?)?\s*\d+\s*((of|/|from)\s*\d+)?[\s\-–—|]*$", re.IGNORECASE)


@dataclass(frozen=True)
class PageLines:
    """The lines of one page outside its ruled tables, and the page's size."""

    page: int
    width: float
    height: float
    lines: tuple[Line, ...]
    content_top: float  # top of the page's tables (inf when none)
    content_bottom: float  # bottom of the page's tables (-inf when none)
    rules: tuple[tuple[float, float, float], ...] = ()  # (y, x0, x1) of horizontal rulings outside tables


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _zone(line: Line, page: PageLines, settings: PdfSettings) -> str:
    if line.bottom <= page.height * settings.margin_zone:
        return "top"
    if line.top >= page.height * (1 - settings.margin_zone):
        return "bottom"
    return ""


def find_furniture(pages: Sequence[PageLines], settings: PdfSettings) -> set[tuple[int, int]]:
    """(page index, line index) of every furniture line."""
    candidates: dict[tuple[int, int], str] = {}
    repeats: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for pi, page in enumerate(pages):
        for li, line in enumerate(page.lines):
            zone = _zone(line, page, settings)
            if not zone:
                continue
            candidates[(pi, li)] = zone
            repeats[(zone, _key(line.text))].append((pi, li, line.top))
    chosen: set[tuple[int, int]] = set()
    need = max(2, settings.furniture_share * len(pages))
    for hits in repeats.values():
        # the same text at one height on many pages; the same words elsewhere (the title
        # printed large on page 1 under a running title) are not furniture
        for level in _levels(hits, settings.furniture_y_tolerance):
            if len({pi for pi, _, _ in level}) >= need:
                chosen.update((pi, li) for pi, li, _ in level)
    for (pi, li) in candidates:
        if PAGE_NUMBER.match(pages[pi].lines[li].text):
            chosen.add((pi, li))
    # keep a candidate that is outside the area the other content fills: its middle above
    # (below) the area's top (foot), so that a box reaching a point or two into the first
    # body line still counts; one level with the content or inside it is content
    areas = page_areas(pages, chosen)
    kept = set()
    for pi, li in chosen:
        line, (top, bottom) = pages[pi].lines[li], areas[pages[pi].page]
        middle = (line.top + line.bottom) / 2
        if (middle < top) if candidates[(pi, li)] == "top" else (middle > bottom):
            kept.add((pi, li))
    return kept


def _levels(hits: list[tuple[int, int, float]], tol: float) -> list[list[tuple[int, int, float]]]:
    """``hits`` (page, line, top) grouped by height: each group within ``tol`` of its highest."""
    groups: list[list[tuple[int, int, float]]] = []
    for hit in sorted(hits, key=lambda h: h[2]):
        if groups and hit[2] - groups[-1][0][2] <= tol:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


def _content_area(pages: Sequence[PageLines], chosen: set[tuple[int, int]]) -> tuple[float, float]:
    top, bottom = float("inf"), float("-inf")
    for pi, page in enumerate(pages):
        top, bottom = min(top, page.content_top), max(bottom, page.content_bottom)
        for li, line in enumerate(page.lines):
            if (pi, li) not in chosen:
                top, bottom = min(top, line.top), max(bottom, line.bottom)
    return top, bottom


def page_areas(pages: Sequence[PageLines], furniture: set[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Top and bottom of the area that content fills, for each page (by page number),
    measured over all pages of the same size (portrait and landscape pages differ)."""
    by_size: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pi, page in enumerate(pages):
        by_size[(round(page.width), round(page.height))].append(pi)
    areas: dict[int, tuple[float, float]] = {}
    for members in by_size.values():
        same = [pages[pi] for pi in members]
        chosen = {(members.index(pi), li) for pi, li in furniture if pi in members}
        area = _content_area(same, chosen)
        for pi in members:
            areas[pages[pi].page] = area
    return areas
