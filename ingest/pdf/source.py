"""Where the PDF reader's geometry comes from: one interface, two engines.

A geometry source opens a PDF and gives, page by page, what the reader builds tables and
text from: the page's box and its glyphs, rectangles, lines and curves as small dicts with
pdfplumber's field names, in pdfplumber's top-down coordinates with the page's /Rotate
applied (x0, x1, top, bottom; a path's ``pts`` as (x, top) pairs).

Glyph fields: text, x0, x1, top, bottom, size, fontname, weight (the font's weight, 400
regular, 700 bold; -1 unknown: pdfminer does not give it, so bold is read from the font
name), upright, matrix (a, b, c, d, e, f of the glyph's text space on the rotated page, y up
as in pdfminer: its rotation), non_stroking_color.
Shape fields: x0, x1, top, bottom, object_type ("rect", "line", "curve"), pts, fill, stroke,
non_stroking_color, stroking_color (colour components in 0..1: gray, RGB or CMYK).

Two engines implement it: pdfium (pypdfium2; the default, C++ speed) in
:mod:`.geometry_pdfium` and pdfminer (through pdfplumber; pure Python, the reference
in tests) in :mod:`.geometry_pdfminer`; :func:`.engines.open_source` opens a file with one of
them. Each turns its own errors into an :class:`~actionplans.errors.InputError` with a
one-line reason. This module holds only what both share, so it imports neither.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Protocol

ENGINES = ("pdfium", "pdfminer")
DEFAULT_ENGINE = "pdfium"


@dataclass(frozen=True)
class PageObjects:
    chars: tuple[dict, ...]
    rects: tuple[dict, ...]
    lines: tuple[dict, ...]
    curves: tuple[dict, ...]
    undecodable: int = 0  # glyphs the engine could not map to Unicode (no ToUnicode map)


@dataclass(frozen=True)
class PageGeometry:
    number: int  # 1-based
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom of the (rotated) page
    objects: PageObjects

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


class GeometrySource(Protocol):
    """An open PDF, read one page at a time (nothing of a page is kept once it is given)."""

    page_count: int
    title: Optional[str]

    def pages(self) -> Iterator[PageGeometry]: ...

    def close(self) -> None: ...


def clean_title(title) -> Optional[str]:
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    title = " ".join(str(title).split()) if title else ""
    return title or None


def printable(text: str, limit: int = 160) -> str:
    """An engine's own words, kept to printable ASCII: a reason must not carry the file's bytes."""
    import re

    return re.sub(r"[^\x20-\x7e]", "?", " ".join(str(text).split()))[:limit]
