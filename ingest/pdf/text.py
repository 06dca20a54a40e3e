"""Glyphs -> lines -> text, for the PDF reader.

pdf_objects gives one dict per glyph. Here they become :class:`Line` objects (glyphs that
share a baseline band), each split into :class:`Segment` runs at wide gaps (the gaps
between columns of an unruled table), and a block of lines becomes text with "\\n" only
where a line ended before the text area's right edge (a paragraph end), not where the
text merely wrapped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Iterable, Optional, Sequence

from .settings import PdfSettings

Glyph = dict  # one glyph from pdf_objects (pdfplumber's field names)

LIST_LABEL = re.compile(r"^([^\w\s]|\(?([ivxlc]+|[a-z]|\d+(\.\d+)*)[).]?)$", re.IGNORECASE)  # a whole label
# bullets that Symbol and Wingdings fonts put in the private use area
SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0a8": "◦", "\uf076": "❖", "\uf0d8": "➢",
                  "\uf0fc": "✓", "\uf06e": "■", "\uf0e8": "➔", "\uf02d": "-"}
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
_SUBSTITUTES = {**LIGATURES, **SYMBOL_BULLETS}  # what a glyph's text is read as
SOFT_HYPHEN = "\u00ad"  # shown only where a word is broken over two lines
BREAK_AFTER = re.compile(r"\w[-/]$")  # a line broken at a hyphen or slash inside a word
# below this, two distances are one: pdfium keeps coordinates as 32-bit floats, pdfminer as
# 64-bit ones, and a gap exactly at a threshold must fall on the same side with both
COORD_NOISE = 0.01
BULLET = re.compile(r"^[•▪●◦‣∙·➢✓❖■➔]\s")  # a bullet glyph never starts a wrapped line


def is_bold_font(fontname: str, settings: PdfSettings) -> bool:
    return _bold_name(fontname or "", settings.bold_markers)


@lru_cache(maxsize=1024)
def _bold_name(fontname: str, markers: tuple[str, ...]) -> bool:
    """(A document has a handful of fonts and a page thousands of glyphs: asked once per font.)"""
    name = fontname.split("+", 1)[-1].lower()
    return any(marker in name for marker in markers)


@dataclass(frozen=True)
class Segment:
    """A run of glyphs on one line with no gap wider than ``span_gap`` font sizes."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold_chars: int
    chars: int
    first_word_x1: float = 0.0  # right edge of the segment's first word
    trailing_space: bool = False  # a space glyph follows the last visible glyph

    @property
    def first_word_width(self) -> float:
        return max(0.0, self.first_word_x1 - self.x0)


@dataclass(frozen=True)
class Line:
    segments: tuple[Segment, ...]
    page: int

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def chars(self) -> int:
        return sum(s.chars for s in self.segments)

    @property
    def joins_next(self) -> bool:
        """Broken inside a word at a hyphen or slash ("multi-" + "agency"): the next line
        follows with no space. A space glyph after the mark says the text had a space."""
        text = self.text
        if text.endswith(SOFT_HYPHEN):
            return True
        return bool(BREAK_AFTER.search(text)) and not self.segments[-1].trailing_space

    @property
    def size(self) -> float:
        """The size most of the line's glyphs have."""
        return max(self.segments, key=lambda s: s.chars).size

    def bold(self, settings: PdfSettings) -> bool:
        return sum(s.bold_chars for s in self.segments) >= settings.bold_share * max(1, self.chars)


def group_lines(glyphs: Iterable[Glyph], page: int, settings: PdfSettings) -> list[Line]:
    """Glyphs -> lines in reading order: horizontal lines top to bottom (within a line, left
    to right), then any text turned a quarter (read up or down the page) in its own order."""
    glyphs = list(glyphs)
    upright: list[Glyph] = [g for g in glyphs if g.get("upright", True)]
    turned: dict[int, list[Glyph]] = {1: [], -1: []}
    if len(upright) < len(glyphs):  # some text is turned
        for g in glyphs:
            if not g.get("upright", True):
                a, b = (g.get("matrix") or (1, 0, 0, 1, 0, 0))[:2]
                if abs(a) <= 0.05 * abs(b):  # a quarter turn; other angles (a diagonal watermark) are no text of the plan
                    turned[1 if b > 0 else -1].append(g)
    lines = _lines(upright, page, settings)
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    for direction, group in turned.items():
        if group:
            lines.extend(_turned_lines(group, direction, page, settings))
    return lines


_BY_TOP = itemgetter("top", "x0")
_BY_X0 = _X0 = itemgetter("x0")
_X1, _TOP, _BOTTOM = itemgetter("x1"), itemgetter("top"), itemgetter("bottom")
_SIZE, _FONT = itemgetter("size"), itemgetter("fontname")


def _lines(glyphs: Iterable[Glyph], page: int, settings: PdfSettings) -> list[Line]:
    bands: list[list[Glyph]] = []
    band_top = band_bottom = 0.0
    overlap = settings.line_overlap
    for g in sorted(glyphs, key=_BY_TOP):  # one sort; each glyph joins the band above or opens one
        top, bottom = g["top"], g["bottom"]
        if bands:
            shared = (band_bottom if band_bottom < bottom else bottom) - (band_top if band_top > top else top)
            h = bottom - top
            if shared >= overlap * (h if h < band_bottom - band_top else band_bottom - band_top):
                bands[-1].append(g)
                if top < band_top:
                    band_top = top
                if bottom > band_bottom:
                    band_bottom = bottom
                continue
        bands.append([g])
        band_top, band_bottom = top, bottom
    lines = []
    for band in bands:
        segments = _segments(band, settings)
        if segments:
            lines.append(Line(segments=tuple(segments), page=page))
    return lines


def _turned_lines(glyphs: list[Glyph], direction: int, page: int, settings: PdfSettings) -> list[Line]:
    """Text read up the page (direction 1: its first line leftmost) or down it (-1: first
    line rightmost): laid flat in its own frame, grouped as usual, put back on the page."""
    def flat(g: Glyph) -> Glyph:
        if direction > 0:
            box = {"x0": -g["bottom"], "x1": -g["top"], "top": g["x0"], "bottom": g["x1"]}
        else:
            box = {"x0": g["top"], "x1": g["bottom"], "top": -g["x1"], "bottom": -g["x0"]}
        return {**g, **box}

    out = []
    for line in _lines([flat(g) for g in glyphs], page, settings):
        segs = []
        for seg in line.segments:
            if direction > 0:
                x0, x1, top, bottom = seg.top, seg.bottom, -seg.x1, -seg.x0
            else:
                x0, x1, top, bottom = -seg.bottom, -seg.top, seg.x0, seg.x1
            segs.append(Segment(text=seg.text, x0=x0, x1=x1, top=top, bottom=bottom, size=seg.size,
                                bold_chars=seg.bold_chars, chars=seg.chars, first_word_x1=x1))
        out.append(Line(segments=tuple(segs), page=page))
    return out


def _segments(band: list[Glyph], settings: PdfSettings) -> list[Segment]:
    band = sorted(band, key=_BY_X0)
    out: list[Segment] = []
    run: list[Glyph] = []
    parts: list[str] = []
    space_pending = False
    last: Optional[Glyph] = None
    dup, span_gap, bare_gap, word_gap = (settings.duplicate_tolerance, settings.span_gap,
                                         settings.bare_span_gap, settings.word_gap)
    last_text, last_x0, last_x1, last_top = "", 0.0, 0.0, 0.0  # the last glyph kept
    for g in band:
        text = g["text"]
        if not text.strip():
            space_pending = bool(run)
            continue
        x0, top = g["x0"], g["top"]
        if (last is not None and text == last_text and abs(x0 - last_x0) < dup
                and abs(top - last_top) < dup):
            continue  # the same glyph printed twice over (fake bold)
        size = g["size"] or (g["bottom"] - top) or 1.0
        if last is not None and run:
            gap = x0 - last_x1
            limit = span_gap if space_pending else bare_gap
            if gap > limit * size:
                out.append(_segment(run, parts, settings))
                run, parts, space_pending = [], [], False
            elif space_pending or gap > word_gap * size:
                parts.append(" ")
        run.append(g)
        parts.append(_SUBSTITUTES.get(text, text))
        space_pending = False
        last = g
        last_text, last_x0, last_x1, last_top = text, x0, g["x1"], top
    if run:
        out.append(_segment(run, parts, settings, trailing_space=space_pending))
    return out


def _segment(run: list[Glyph], parts: list[str], settings: PdfSettings,
             trailing_space: bool = False) -> Segment:
    n_first = _first_word_glyphs("".join(parts))
    # the run's box, its sizes and its fonts, each in one pass at C speed
    x0, x1 = min(map(_X0, run)), max(map(_X1, run))
    top, bottom = min(map(_TOP, run)), max(map(_BOTTOM, run))
    markers = settings.bold_markers
    bold = sum(count for font, count in Counter(map(_FONT, run)).items() if _bold_name(font or "", markers))
    rounded: dict[float, int] = {}  # counted by exact size first: a run has one or two
    for size, count in Counter(map(_SIZE, run)).items():
        key = round(size or 0.0, 1)
        rounded[key] = rounded.get(key, 0) + count
    return Segment(text="".join(parts), x0=x0, x1=x1, top=top, bottom=bottom,
                   size=max(rounded, key=rounded.get), bold_chars=bold,
                   chars=len(run), first_word_x1=run[min(n_first, len(run)) - 1]["x1"],
                   trailing_space=trailing_space)


def _first_word_glyphs(text: str) -> int:
    """Glyphs up to the end of the first word with a letter or digit in it: a dash or
    bullet alone does not end a line, so "– 31" wraps as one."""
    count = 0
    for token in text.split(" "):
        count += len(token)
        if any(ch.isalnum() for ch in token):
            break
    return max(1, count)


def broken_word(prev: Line, nxt: Line, right_edge: float) -> bool:
    """A word too long for its column, broken where the line ran out ("31/03/202" + "4",
    "Performan" + "ce"): the line holds that one word, fills the width, and no space glyph
    follows it; the next line carries the word on."""
    text = prev.text
    if not text or any(ch.isspace() for ch in text) or prev.segments[-1].trailing_space:
        return False
    if not (text[-1].isalnum() and nxt.text[:1].isalnum()):
        return False
    return prev.x1 >= right_edge - prev.size


def ends_paragraph(prev: Line, nxt: Line, right_edge: float, settings: PdfSettings,
                   line_gap: Optional[float] = None) -> bool:
    """Did ``prev`` end its paragraph, given the text area's right edge?

    A wrapped line stops only because its next word would not fit; a line that stops with
    room for ``nxt``'s first word ended on purpose. A bullet or more vertical room than
    between the lines of a paragraph also starts a new one. (A dash or a number such as
    "13." may begin a wrapped line, so they count only through the width test.)"""
    first = nxt.segments[0]
    if prev.joins_next or broken_word(prev, nxt, right_edge):  # the whole word did not fit
        return False
    if BULLET.match(first.text + " "):
        return True
    height = max(1.0, prev.bottom - prev.top)
    if nxt.page == prev.page:
        gap = nxt.top - prev.bottom
        if gap > settings.paragraph_gap * height:
            return True
        if line_gap is not None and gap > line_gap + settings.paragraph_spacing * height - COORD_NOISE:
            return True  # paragraph spacing: more room than between the lines of a paragraph
    slack = settings.wrap_slack * first.size
    return prev.x1 + slack + first.first_word_width < right_edge


def block_text(lines: Sequence[Line], left: float, right: float, settings: PdfSettings) -> str:
    """The text of ``lines`` laid in the box [left, right]: wrapped lines joined with a
    space, paragraph ends with "\\n"."""
    if not lines:
        return ""
    pad = max(0.0, min(ln.x0 for ln in lines) - left)
    right_edge = right - min(pad, 12.0)
    line_gap = min((b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.page == a.page), default=None)
    out = [lines[0].text]
    for prev, nxt in zip(lines, lines[1:]):
        if ends_paragraph(prev, nxt, right_edge, settings, line_gap):
            out.append("\n")
        elif not (prev.joins_next or broken_word(prev, nxt, right_edge)):
            out.append(" ")
        out.append(nxt.text)
    return "".join(out).replace(SOFT_HYPHEN, "").strip()


def join_wrapped(lines: Sequence[Line]) -> str:
    """Lines of one paragraph as one string: a space between lines, none after a line
    that the layout broke at a hyphen or slash inside a word ("multi-" + "agency")."""
    out = []
    for i, line in enumerate(lines):
        if i and not lines[i - 1].joins_next:
            out.append(" ")
        out.append(line.text)
    return "".join(out).replace(SOFT_HYPHEN, "").strip()
