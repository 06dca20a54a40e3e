"""Glyphs -> lines -> text, for the PDF reader.

A geometry source gives a page's glyphs as arrays (:class:`~.source.Glyphs`). Here they
become :class:`Line` objects (glyphs that share a baseline band), each split into
:class:`Segment` runs at wide gaps (the gaps between columns of an unruled table), and a block of lines becomes text with "\\n" only
where a line ended before the text area's right edge (a paragraph end), not where the
text merely wrapped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple, Optional, Sequence

import numpy as np

from .settings import PdfSettings
from .source import READ_DOWN, READ_UP, UPRIGHT, Glyphs

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
# a list label typed before its text: "3.1.2 Review", "2. Ensure", "4) Agree", "ii. Set up", "(b) Train"
TYPED_LABEL = re.compile(r"^(?:(\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})[.)]|\(?([ivx]{1,6})[.)]|\(?([a-z])\))\s+\S",
                         re.IGNORECASE)
SENTENCE_END = re.compile(r"[.;:!?][)\"'’”]?$")
_WHITESPACE = re.compile(r"\s")  # what str.isspace() calls a space


def is_bold_font(fontname: str, settings: PdfSettings) -> bool:
    return _bold_name(fontname or "", settings.bold_markers)


@lru_cache(maxsize=1024)
def _bold_name(fontname: str, markers: tuple[str, ...]) -> bool:
    """(A document has a handful of fonts and a page thousands of glyphs: asked once per font.)"""
    name = fontname.split("+", 1)[-1].lower()
    return any(marker in name for marker in markers)


class Segment(NamedTuple):
    """A run of glyphs on one line with no gap wider than ``span_gap`` font sizes (a named
    tuple: a page makes hundreds, and a tuple is made several times faster than a frozen
    dataclass)."""

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


class _worked_out_once:
    """A property computed on first use and kept in the instance (functools.cached_property
    takes a lock on every first use in Python < 3.12: too dear for thousands of lines)."""

    def __init__(self, compute):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.compute(obj)
        return value


@dataclass(frozen=True)
class Line:
    """Glyphs on one baseline band, as segments left to right (what is asked of a line is
    worked out once: lines are read many times over while paragraphs and tables are found)."""

    segments: tuple[Segment, ...]
    page: int

    @_worked_out_once
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @_worked_out_once
    def x0(self) -> float:
        return self.segments[0].x0

    @_worked_out_once
    def x1(self) -> float:
        return self.segments[-1].x1

    @_worked_out_once
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @_worked_out_once
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @_worked_out_once
    def chars(self) -> int:
        return sum(s.chars for s in self.segments)

    @_worked_out_once
    def joins_next(self) -> bool:
        """Broken inside a word at a hyphen or slash ("multi-" + "agency"): the next line
        follows with no space. A space glyph after the mark says the text had a space."""
        text = self.text
        if text.endswith(SOFT_HYPHEN):
            return True
        # the pattern reaches back at most three characters (a word character, the mark, a newline)
        return bool(BREAK_AFTER.search(text[-3:])) and not self.segments[-1].trailing_space

    @_worked_out_once
    def size(self) -> float:
        """The size most of the line's glyphs have."""
        return max(self.segments, key=lambda s: s.chars).size

    def bold(self, settings: PdfSettings) -> bool:
        return sum(s.bold_chars for s in self.segments) >= settings.bold_share * max(1, self.chars)


def group_lines(glyphs: Glyphs, page: int, settings: PdfSettings, which: Optional[np.ndarray] = None) -> list[Line]:
    """The glyphs (those at the indices ``which``, all by default) as lines in reading order:
    horizontal lines top to bottom (within a line, left to right), then any text turned a
    quarter (read up or down the page) in its own order."""
    if which is None:
        which = np.arange(len(glyphs))
    return group_lines_by(glyphs, which, np.zeros(len(which), dtype=np.intp), page, settings).get(0, [])


def group_lines_by(glyphs: Glyphs, which: np.ndarray, groups: np.ndarray, page: int,
                   settings: PdfSettings) -> dict[int, list[Line]]:
    """The lines of each group of glyphs (the cells of a table, say), all groups in one pass:
    ``which`` are glyph indices in the order the page paints them, ``groups`` each one's group.
    A group's lines are in the order :func:`group_lines` gives."""
    which = np.asarray(which, dtype=np.intp)
    groups = np.asarray(groups, dtype=np.intp)
    out: dict[int, list[Line]] = {}
    if not len(which):
        return out
    turn = glyphs.turn[which]
    upright = turn == UPRIGHT
    frame = (glyphs.x0, glyphs.x1, glyphs.top, glyphs.bottom)
    for group, line in _lines(glyphs, frame, which[upright], groups[upright], page, settings):
        out.setdefault(group, []).append(line)
    for lines in out.values():
        lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    if not upright.all():  # some text is turned (other angles, a diagonal watermark, are no text of the plan)
        for direction in (READ_UP, READ_DOWN):
            chosen = turn == direction
            if chosen.any():
                for group, line in _turned_lines(glyphs, which[chosen], groups[chosen], direction, page, settings):
                    out.setdefault(group, []).append(line)
    return out


Frame = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # x0, x1, top, bottom of every glyph


def _lines(glyphs: Glyphs, frame: Frame, which: np.ndarray, groups: np.ndarray, page: int,
           settings: PdfSettings) -> list[tuple[int, Line]]:
    """(group, line) for the glyphs ``which`` placed by ``frame``, groups in ascending order,
    a group's lines as its bands were opened (top to bottom)."""
    if not len(which):
        return []
    x0s, x1s, tops, bottoms = frame
    order = np.lexsort((x0s[which], tops[which], groups))  # stable: ties keep the painting order
    ordered, ordered_groups = which[order], groups[order]
    top, bottom = tops[ordered], bottoms[ordered]
    n = len(ordered)
    # a glyph joins the band above when it shares enough of its height, or opens one; glyphs
    # of one group with the same top and bottom one after another always share a band, so the
    # decision is taken once per such run
    change = np.flatnonzero((top[1:] != top[:-1]) | (bottom[1:] != bottom[:-1])
                            | (ordered_groups[1:] != ordered_groups[:-1])) + 1
    starts = np.concatenate(([0], change))
    overlap = settings.line_overlap
    run_band: list[int] = []
    band, band_top, band_bottom, band_group = -1, 0.0, 0.0, None
    for t, b, g in zip(top[starts].tolist(), bottom[starts].tolist(), ordered_groups[starts].tolist()):
        if g == band_group:
            shared = (band_bottom if band_bottom < b else b) - (band_top if band_top > t else t)
            h = b - t
            if shared >= overlap * (h if h < band_bottom - band_top else band_bottom - band_top):
                run_band.append(band)
                if t < band_top:
                    band_top = t
                if b > band_bottom:
                    band_bottom = b
                continue
        band += 1
        band_top, band_bottom, band_group = t, b, g
        run_band.append(band)
    bands = np.repeat(np.array(run_band, dtype=np.intp), np.diff(np.append(starts, n)))
    along = np.lexsort((x0s[ordered], bands))  # each band left to right, ties in the order above
    ordered, bands, ordered_groups = ordered[along], bands[along], ordered_groups[along]
    n_bands = band + 1
    group_of_band = ordered_groups[np.searchsorted(bands, np.arange(n_bands))].tolist()
    return [(group_of_band[band_no], Line(segments=tuple(segments), page=page))
            for band_no, segments in _segments(glyphs, frame, ordered, bands, settings)]


def _turned_lines(glyphs: Glyphs, which: np.ndarray, groups: np.ndarray, direction: int, page: int,
                  settings: PdfSettings) -> list[tuple[int, Line]]:
    """Text read up the page (direction READ_UP: its first line leftmost) or down it
    (READ_DOWN: first line rightmost): laid flat in its own frame, grouped as usual, put back
    on the page."""
    x0, x1, top, bottom = glyphs.x0, glyphs.x1, glyphs.top, glyphs.bottom
    flat: Frame = (-bottom, -top, x0, x1) if direction == READ_UP else (top, bottom, -x1, -x0)
    out = []
    for group, line in _lines(glyphs, flat, which, groups, page, settings):
        segs = []
        for seg in line.segments:
            if direction == READ_UP:
                sx0, sx1, stop, sbottom = seg.top, seg.bottom, -seg.x1, -seg.x0
            else:
                sx0, sx1, stop, sbottom = -seg.bottom, -seg.top, seg.x0, seg.x1
            segs.append(Segment(text=seg.text, x0=sx0, x1=sx1, top=stop, bottom=sbottom, size=seg.size,
                                bold_chars=seg.bold_chars, chars=seg.chars, first_word_x1=sx1))
        out.append((group, Line(segments=tuple(segs), page=page)))
    return out


def _segments(glyphs: Glyphs, frame: Frame, ordered: np.ndarray, bands: np.ndarray,
              settings: PdfSettings) -> Iterator[tuple[int, list[Segment]]]:
    """Each band's glyphs (``ordered``: band by band, each left to right) as segments: runs
    with no gap wider than ``span_gap`` font sizes (``bare_span_gap`` where no space glyph
    lies in the gap); a space goes between glyphs where a space glyph lies between them or
    their gap passes ``word_gap`` font sizes. A glyph printed twice over (fake bold) counts once."""
    x0s, x1s, tops, bottoms = frame
    blank = glyphs.blank[ordered]
    shown = np.flatnonzero(~blank)  # positions in ``ordered`` of glyphs that show something
    if not len(shown):
        return
    shown = _without_doubles(glyphs, frame, ordered, bands, shown, settings.duplicate_tolerance)
    at = ordered[shown]
    band = bands[shown]
    n = len(at)
    first = np.ones(n, dtype=bool)  # the first glyph shown in its band
    first[1:] = band[1:] != band[:-1]
    blanks_before = np.cumsum(blank)  # blank glyphs up to each position
    pending = np.zeros(n, dtype=bool)  # a space glyph lies between this glyph and the one before it
    pending[1:] = blanks_before[shown[1:]] - blanks_before[shown[:-1]] > 0
    pending &= ~first
    x0, x1, top, bottom = x0s[at], x1s[at], tops[at], bottoms[at]
    raw_size = glyphs.size[at]
    height = bottom - top
    size = np.where(raw_size != 0, raw_size, np.where(height != 0, height, 1.0))
    gap = np.zeros(n)
    gap[1:] = x0[1:] - x1[:-1]
    cut = ~first & (gap > np.where(pending, settings.span_gap, settings.bare_span_gap) * size)
    space = ~first & ~cut & (pending | (gap > settings.word_gap * size))
    starts = np.flatnonzero(first | cut)
    ends = np.append(starts[1:], n)
    shown_text = glyphs.text_array[at].tolist()
    pieces = list(map(_SUBSTITUTES.get, shown_text, shown_text))
    for k in np.flatnonzero(space).tolist():
        pieces[k] = " " + pieces[k]
    markers = settings.bold_markers
    bold_font = np.array([_bold_name(f or "", markers) for f in glyphs.fonts] or [False], dtype=np.intp)
    bold = np.add.reduceat(bold_font[glyphs.font[at]], starts)
    seg_x0, seg_x1 = np.minimum.reduceat(x0, starts), np.maximum.reduceat(x1, starts)
    seg_top, seg_bottom = np.minimum.reduceat(top, starts), np.maximum.reduceat(bottom, starts)
    low, high = np.minimum.reduceat(raw_size, starts), np.maximum.reduceat(raw_size, starts)
    # the band's last segment: does a space glyph follow its last glyph in the band?
    seg_band = band[starts]
    last_of_band = np.append(seg_band[1:] != seg_band[:-1], True)
    band_end = np.searchsorted(bands, seg_band, "right") - 1  # the band's last glyph, shown or not
    trailing = last_of_band & (blanks_before[band_end] - blanks_before[shown[ends - 1]] > 0)
    x1_list = x1.tolist()
    current, segments = None, []
    rows = zip(starts.tolist(), ends.tolist(), seg_band.tolist(), seg_x0.tolist(), seg_x1.tolist(),
               seg_top.tolist(), seg_bottom.tolist(), bold.tolist(), low.tolist(), high.tolist(), trailing.tolist())
    for start, end, band_no, sx0, sx1, stop, sbottom, sbold, slow, shigh, strailing in rows:
        if band_no != current:
            if segments:
                yield current, segments
            current, segments = band_no, []
        text = "".join(pieces[start:end])
        if slow == shigh:
            seg_size = round(slow, 1)
        else:  # the size most of its glyphs have, to a tenth of a point
            rounded: dict[float, int] = {}
            for value, count in Counter(raw_size[start:end].tolist()).items():
                key = round(value, 1)
                rounded[key] = rounded.get(key, 0) + count
            seg_size = max(rounded, key=rounded.get)
        n_first = _first_word_glyphs(text)
        segments.append(Segment(text, sx0, sx1, stop, sbottom, seg_size, sbold, end - start,
                                x1_list[start + min(n_first, end - start) - 1], strailing))
    if segments:
        yield current, segments


def _without_doubles(glyphs: Glyphs, frame: Frame, ordered: np.ndarray, bands: np.ndarray, shown: np.ndarray,
                     tolerance: float) -> np.ndarray:
    """``shown`` without the glyphs printed twice over (fake bold): the same text within
    ``tolerance`` of the last glyph kept in the band."""
    x0s, _, tops, _ = frame
    at = ordered[shown]
    text, x0, top, band = glyphs.text_array[at], x0s[at], tops[at], bands[shown]
    maybe = ((band[1:] == band[:-1]) & (text[1:] == text[:-1])
             & (np.abs(x0[1:] - x0[:-1]) < tolerance) & (np.abs(top[1:] - top[:-1]) < tolerance))
    if not maybe.any():
        return shown
    keep = np.ones(len(shown), dtype=bool)
    affected = np.flatnonzero(np.isin(band, band[1:][maybe]))
    last = -1
    for k in affected.tolist():  # against the last glyph kept, in the bands that have doubles
        if last < 0 or band[k] != band[last]:
            last = k
        elif text[k] == text[last] and abs(x0[k] - x0[last]) < tolerance and abs(top[k] - top[last]) < tolerance:
            keep[k] = False
        else:
            last = k
    return shown[keep]


def _first_word_glyphs(text: str) -> int:
    """Glyphs up to the end of the first word with a letter or digit in it: a dash or
    bullet alone does not end a line, so "– 31" wraps as one."""
    if text[:1].isalnum():  # the common case: the first word has one
        end = text.find(" ")
        return max(1, len(text) if end < 0 else end)
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
    if not text or _WHITESPACE.search(text) or prev.segments[-1].trailing_space:
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
    if prev.joins_next or broken_word(prev, nxt, right_edge):  # the whole word did not fit
        return False
    return _ends_unbroken(prev, nxt, right_edge, settings, line_gap)


def _ends_unbroken(prev: Line, nxt: Line, right_edge: float, settings: PdfSettings,
                   line_gap: Optional[float]) -> bool:
    """:func:`ends_paragraph` for a line that did not break inside a word."""
    return _how_ended(prev, nxt, right_edge, settings, line_gap) == ENDED


ENDED, WRAPPED, SHORT = 1, 0, 2  # how a line ended: on purpose, wrapped, or short by too little to tell


def _how_ended(prev: Line, nxt: Line, right_edge: float, settings: PdfSettings,
               line_gap: Optional[float]) -> int:
    """ENDED, WRAPPED or SHORT (with room for ``nxt``'s first word, but less than
    ``wrap_slack`` font sizes to spare: a wrapped line's room measured with some noise, or a
    line ended on purpose just short of the next word's width)."""
    first = nxt.segments[0]
    if BULLET.match(first.text + " "):
        return ENDED
    height = max(1.0, prev.bottom - prev.top)
    if nxt.page == prev.page:
        gap = nxt.top - prev.bottom
        if gap > settings.paragraph_gap * height:
            return ENDED
        if line_gap is not None and gap > line_gap + settings.paragraph_spacing * height - COORD_NOISE:
            return ENDED  # paragraph spacing: more room than between the lines of a paragraph
    room = right_edge - prev.x1 - first.first_word_width
    if room > settings.wrap_slack * first.size:
        return ENDED
    return SHORT if room >= settings.short_line_slack * first.size else WRAPPED


#: text ending so (a comma, slash, dash, or a word that needs words after it) carries its sentence on
CARRIES_ON = re.compile(r"(?:[,/&+(\-–—]|\b(?i:and|or|of|the|to|for|in|on|at|by|with|from|into)|\b(?:a|an))$")


def _ends_short(prev: Line, nxt: Line) -> bool:
    """In a column whose lines are broken short (one name per line), did ``prev``, SHORT of
    the right edge, end on purpose? Yes unless the text runs on: ``prev`` ends with a comma,
    slash, dash or joining word, or ``nxt`` opens in lower case."""
    return not (nxt.text[:1].islower() or CARRIES_ON.search(prev.text))


class LineTally:
    """How the lines of a table column ended, for :func:`block_text`'s ``short_breaks``: lines
    ended on purpose with room to spare, lines surely wrapped, and lines SHORT by too little
    to tell."""

    __slots__ = ("ended", "wrapped", "short")

    def __init__(self):
        self.ended = self.wrapped = self.short = 0

    @property
    def broken_short(self) -> bool:
        """Do most lines of the column end short of the edge on purpose (a list of names one
        per line, each with room for the next word)?"""
        return self.short > 0 and self.ended >= 2 and self.ended > self.wrapped


Label = tuple[str, tuple[int, ...]]  # the kind of a typed label and its numbers


def typed_label(text: str) -> Optional[Label]:
    """The list label ``text`` opens with, typed before its text (see TYPED_LABEL): its kind
    ("decimal" for 3.1.2, "number", "roman", "letter") and its numbers; None when none."""
    first = text[:1]
    if not (first.isdigit() or first == "(" or first.lower() in "abcdefghivx"):
        return None  # the cheap question first: most lines open otherwise
    m = TYPED_LABEL.match(text)
    if m is None:
        return None
    decimal, number, roman, letter = m.groups()
    if decimal:
        return "decimal", tuple(int(p) for p in decimal.split("."))
    if number:
        return "number", (int(number),)
    if roman:
        value = _roman(roman.lower())
        if value:
            return "roman", (value,)
        return ("letter", (ord(roman.lower()) - 96,)) if len(roman) == 1 else None
    return "letter", (ord(letter.lower()) - 96,)


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total if 0 < total < 40 else 0


def follows(before: Optional[Label], label: Label) -> bool:
    """Is ``label`` the one after ``before`` (3.1.1 -> 3.1.2, ii -> iii, (a) -> (b))?"""
    if before is None or before[0] != label[0] or len(before[1]) != len(label[1]):
        return False
    return before[1][:-1] == label[1][:-1] and label[1][-1] == before[1][-1] + 1


def opens_item(prev: Line, nxt: Line, open_label: Optional[Label]) -> Optional[Label]:
    """The label of ``nxt`` when it opens a list item of its own whatever room ``prev`` left
    (a wrapped line may begin with a number, but not with the next number of a list): a
    label typed before its text after a line that ends a sentence, or the label that follows
    ``open_label``, the label of the item ``prev`` belongs to. The paragraph grouper of the
    body text and the text of a table cell ask it alike."""
    label = typed_label(nxt.text)
    if label is None:
        return None
    return label if SENTENCE_END.search(prev.text) or follows(open_label, label) else None


def block_text(lines: Sequence[Line], left: float, right: float, settings: PdfSettings,
               short_breaks: bool = False, tally: Optional[LineTally] = None) -> str:
    """The text of ``lines`` laid in the box [left, right]: wrapped lines joined with a
    space, paragraph ends with "\\n" (a line that ended with room to spare, or a list item
    typed on a line of its own, :func:`opens_item`). With ``short_breaks`` (the lines of the
    cell's column are broken short, :class:`LineTally`), a line SHORT of the edge ends too
    unless its text runs on (:func:`_ends_short`); ``tally`` counts how the lines ended."""
    if not lines:
        return ""
    pad = max(0.0, min(ln.x0 for ln in lines) - left)
    right_edge = right - min(pad, 12.0)
    line_gap = min((b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.page == a.page), default=None)
    out = [lines[0].text]
    label = typed_label(lines[0].text)
    for prev, nxt in zip(lines, lines[1:]):
        if prev.joins_next:
            pass
        elif broken_word(prev, nxt, right_edge):  # or a whole word that just fitted: the document tells
            out.append(WORD_BREAK)
        else:  # the word did not run on
            item = opens_item(prev, nxt, label)
            how = ENDED if item is not None else _how_ended(prev, nxt, right_edge, settings, line_gap)
            if tally is not None and item is None:
                if how == ENDED:
                    tally.ended += 1
                elif how == WRAPPED:
                    tally.wrapped += 1
                else:
                    tally.short += 1
            if how == ENDED or (how == SHORT and short_breaks and _ends_short(prev, nxt)):
                label = item or typed_label(nxt.text) or label
                out.append("\n")
            else:
                out.append(" ")
        out.append(nxt.text)
    return "".join(out).replace(SOFT_HYPHEN, "").strip()


#: marks, in a cell's text, a line that filled the cell with one word and no space after it:
#: a word broken for want of room ("Safeguardin" + "g") or a whole word that just fitted
#: ("PROGRESS" + "RATING"); read_word_breaks decides which from the rest of the document
WORD_BREAK = "\u2060"
_WORD = re.compile(r"[^\W_]+")
_AROUND_BREAK = re.compile(r"[^\W_]*\u2060[^\W_]*")
_JOINING_WORDS = frozenset(("and", "of", "the", "to", "for", "or", "with"))


def read_word_breaks(texts: Sequence[str]) -> Callable[[str], str]:
    """A function that resolves the WORD_BREAK marks of a text, given the document's
    ``texts``: the two parts are one word when the document has that word elsewhere
    ("safeguarding"), two when it has both parts as words and not the whole, or when they
    cannot be one word (a lower-case end then a capital, letters then digits, a joining word
    after: "Independent" + "Chair", "September" + "2012", "Complete" + "and"); else one word,
    as the line's width suggested."""
    seen: set[str] = set()
    for text in texts:
        seen.update(_WORD.findall(_AROUND_BREAK.sub(" ", text).lower()))

    def one_word(left: str, right: str) -> bool:
        if not left or not right:
            return True
        whole = (left + right).lower()
        if whole in seen:
            return True
        if left.lower() in seen and right.lower() in seen:
            return False
        if (left[-1].islower() and right[0].isupper()) or (left[-1].isalpha() and right[0].isdigit()):
            return False
        return right.lower() not in _JOINING_WORDS

    def resolve(text: str) -> str:
        parts = text.split(WORD_BREAK)
        out = [parts[0]]
        for part in parts[1:]:
            left = _WORD.findall(out[-1][-40:])
            right = _WORD.findall(part[:40])
            out.append("" if one_word(left[-1] if left and out[-1][-1:].isalnum() else "",
                                      right[0] if right and part[:1].isalnum() else "") else " ")
            out.append(part)
        return "".join(out)

    return resolve


def join_wrapped(lines: Sequence[Line]) -> str:
    """Lines of one paragraph as one string: a space between lines, none after a line
    that the layout broke at a hyphen or slash inside a word ("multi-" + "agency")."""
    out = []
    for i, line in enumerate(lines):
        if i and not lines[i - 1].joins_next:
            out.append(" ")
        out.append(line.text)
    return "".join(out).replace(SOFT_HYPHEN, "").strip()
