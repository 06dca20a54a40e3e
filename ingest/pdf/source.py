"""Where the PDF reader's geometry comes from: one interface, two engines.

A geometry source opens a PDF and gives, page by page, what the reader builds tables and
text from: the page's box, its glyphs as :class:`Glyphs` (one array per field, one entry per
glyph: a page has thousands, and the reader groups them with array operations, never one
Python object per glyph), and its rectangles, lines and curves as small dicts with
pdfplumber's field names. Everything is in pdfplumber's top-down coordinates with the page's
/Rotate applied (x0, x1, top, bottom; a path's ``pts`` as (x, top) pairs).

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
from functools import cached_property
from typing import Iterable, Iterator, Mapping, Optional, Protocol

import numpy as np

ENGINES = ("pdfium", "pdfminer")
DEFAULT_ENGINE = "pdfium"


#: by code point, whether str.strip() removes the character (none beyond U+3000 does; the
#: last entry stands for all of them)
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)

#: how a glyph is turned on the page (:attr:`Glyphs.turn`)
UPRIGHT, READ_UP, READ_DOWN, SLANTED = 0, 1, -1, 2


def turn_of(upright: bool, a: float, b: float) -> int:
    """How a glyph is turned, from pdfminer's ``upright`` and the first two entries of its
    matrix (y up): upright; a quarter turn, read up the page (first line leftmost) or down it
    (first line rightmost); or any other angle (a diagonal watermark: no text of the plan)."""
    if upright:
        return UPRIGHT
    if abs(a) <= 0.05 * abs(b):
        return READ_UP if b > 0 else READ_DOWN
    return SLANTED


@dataclass(frozen=True, eq=False)
class Glyphs:
    """A page's glyphs as columns: entry ``i`` of every array is glyph ``i``, in the order the
    page paints them.

    ``text`` is what the glyph shows (a ligature glyph several characters); ``size`` its font
    size; ``font`` an index into ``fonts`` (the font names, subset tag kept); ``turn`` one of
    UPRIGHT, READ_UP, READ_DOWN, SLANTED (see :func:`turn_of`); ``confidence`` only for text
    recognised in a page image (:mod:`.scan`), None for a PDF's own glyphs."""

    text: tuple[str, ...]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    font: np.ndarray
    fonts: tuple[str, ...]
    turn: np.ndarray
    confidence: Optional[np.ndarray] = None  # recognised text (a scanned page): each glyph's word's, 0-100

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def blank(self) -> np.ndarray:
        """True for a glyph that shows nothing (a space)."""
        joined = "".join(self.text)
        if len(joined) == len(self.text):  # one character per glyph, nearly always: by code point
            codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
            return _IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)]
        return np.fromiter((not t.strip() for t in self.text), dtype=bool, count=len(self.text))

    @cached_property
    def text_array(self) -> np.ndarray:
        """``text`` as an object array, for picking many glyphs' texts at once."""
        out = np.empty(len(self.text), dtype=object)
        out[:] = self.text
        return out

    def take(self, which: np.ndarray) -> "Glyphs":
        """The glyphs at the indices ``which``, in that order."""
        return Glyphs(text=tuple(self.text_array[which].tolist()), x0=self.x0[which], x1=self.x1[which],
                      top=self.top[which], bottom=self.bottom[which], size=self.size[which],
                      font=self.font[which], fonts=self.fonts, turn=self.turn[which],
                   confidence=None if self.confidence is None else self.confidence[which])

    def rows(self) -> list[dict]:
        """One dict per glyph (text, x0, x1, top, bottom, size, fontname, upright, turn): for
        tests and debugging, never on the reader's path."""
        return [{"text": t, "x0": a, "x1": b, "top": c, "bottom": d, "size": s, "fontname": self.fonts[f],
                 "upright": u == UPRIGHT, "turn": u}
                for t, a, b, c, d, s, f, u in zip(self.text, self.x0.tolist(), self.x1.tolist(), self.top.tolist(),
                                                  self.bottom.tolist(), self.size.tolist(), self.font.tolist(),
                                                  self.turn.tolist())]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping]) -> "Glyphs":
        """Glyphs from dicts with pdfplumber's field names (text, x0, x1, top, bottom, size,
        fontname, upright, matrix); ``upright`` defaults to True, a missing size to 0."""
        rows = list(rows)
        fonts: dict[str, int] = {}
        font = [fonts.setdefault(str(r.get("fontname") or ""), len(fonts)) for r in rows]
        turn = []
        for r in rows:
            upright = r.get("upright", True)
            a, b = (r.get("matrix") or (1.0, 0.0))[:2]
            turn.append(turn_of(upright, a, b))
        return cls(text=tuple(r["text"] for r in rows),
                   x0=np.array([r["x0"] for r in rows], dtype=float), x1=np.array([r["x1"] for r in rows], dtype=float),
                   top=np.array([r["top"] for r in rows], dtype=float),
                   bottom=np.array([r["bottom"] for r in rows], dtype=float),
                   size=np.array([r.get("size") or 0.0 for r in rows], dtype=float),
                   font=np.array(font, dtype=np.intp), fonts=tuple(fonts), turn=np.array(turn, dtype=np.int8))

    @classmethod
    def empty(cls) -> "Glyphs":
        return cls.from_rows(())


@dataclass(frozen=True)
class PageObjects:
    glyphs: Glyphs
    rects: tuple[dict, ...]
    lines: tuple[dict, ...]
    curves: tuple[dict, ...]
    undecodable: int = 0  # glyphs the engine could not map to Unicode (no ToUnicode map)
    invisible: int = 0  # glyphs drawn invisibly (text render mode 3 or 7), where the engine says (pdfium)


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
