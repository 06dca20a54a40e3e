"""Scanned pages: a page image -> the same glyphs and shapes a born-digital page gives.

A page without a text layer is rendered (pypdfium2) and read here into a
:class:`~.source.PageGeometry`, so the rest of the reader — ruled tables, spans, fills,
tables continued over pages, paragraphs — runs on it unchanged:

* the page is straightened first: the angle (within ``ocr_max_skew`` degrees) that makes the
  rows of dark pixels sharpest, the way text lines and table rules lie level on the page;
* ruling lines are runs of dark pixels at least ``ocr_rule_length`` points long and at most
  ``ocr_rule_thickness`` thick, found along rows (horizontal) and columns (vertical) with run
  lengths in numpy; they become stroked lines, and the lines of a table (those crossing another)
  are painted out of the image that Tesseract reads, so that no border is read as "|";
* filled areas are regions whose colour is neither the paper's nor ink: found on a coarse
  grid, cut at ruling lines and where the colour changes, each given the median colour of
  its pixels that are not text; a fill inside a ruled cell takes the cell's edges, so that it
  adds no line of its own. A solid dark band (a header with white text) is a fill too, and a
  box: its sides are edges and its border is painted out (its black lines are lost in the dark
  fill, see :func:`with_lines_in_fills`), and its light text is made dark for Tesseract;
* the words Tesseract reads (:mod:`.ocr`) become glyphs: each word's characters share its box
  evenly along the line, across it they span the line's font size from its baseline, as a
  PDF's glyphs do; a space glyph stands between the words of a line; each glyph keeps its
  word's confidence (:attr:`~.source.Glyphs.confidence`), which the tables give their cells.

Coordinates are page points, top down, as the geometry sources give them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional

import numpy as np

from .cells import ruled_tables_cells
from .ocr import Recognition, TextLine, Word, recognise
from .rulings import ruling_edges
from .settings import PdfSettings
from .source import UPRIGHT, Glyphs, PageGeometry, PageObjects

Segment = tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels


@dataclass(frozen=True, eq=False)
class PageImage:
    """A page rendered and straightened: RGB pixels, the dpi, the angle turned (degrees)."""

    rgb: np.ndarray
    dpi: float
    angle: float

    @cached_property
    def gray(self) -> np.ndarray:
        """Luminance (ITU-R 601, as PIL's "L")."""
        from PIL import Image

        return np.asarray(Image.fromarray(np.ascontiguousarray(self.rgb), "RGB").convert("L"))

    def reduced(self, factor: int) -> "PageImage":
        """The page at 1/``factor`` of its resolution (each pixel the mean of a square)."""
        if factor <= 1:
            return self
        from PIL import Image

        small = Image.fromarray(np.ascontiguousarray(self.rgb), "RGB").reduce(factor)
        return PageImage(np.asarray(small), self.dpi / factor, self.angle)


def pooled(mask: np.ndarray, factor: int) -> np.ndarray:
    """``mask`` at 1/``factor`` of its resolution, a pixel set where any of its square is (a
    line one pixel wide stays a line)."""
    if factor <= 1:
        return mask
    h, w = -(-mask.shape[0] // factor) * factor, -(-mask.shape[1] // factor) * factor  # as PIL's reduce: up
    padded = np.pad(mask, ((0, h - mask.shape[0]), (0, w - mask.shape[1])))
    return padded.reshape(h // factor, factor, w // factor, factor).any(axis=(1, 3))


# ---------------------------------------------------------------------------------------
# binarising and straightening
# ---------------------------------------------------------------------------------------


def otsu(gray: np.ndarray) -> int:
    """Otsu's threshold of a grey image: the level that best splits ink from paper."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    between = (mean[-1] * weight / total - mean) ** 2 / np.maximum(weight * (total - weight), 1e-9)
    return int(np.argmax(between))


def skew_angle(dark: np.ndarray, max_angle: float, step: float = 0.05) -> float:
    """The angle (degrees, counter-clockwise as the page lies) that the dark pixels' rows are
    turned by: the one whose turning back makes the row profile sharpest (largest sum of squared
    row counts), searched coarse then fine."""
    ys, xs = np.nonzero(dark)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:  # a sample keeps it quick and loses nothing of the profile
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - dark.shape[1] / 2.0
    ys = ys.astype(np.float64)

    def sharpness(angle: float) -> float:
        t = np.tan(np.radians(angle))
        rows = np.round(ys + xs * t).astype(np.int64)
        rows -= rows.min()
        counts = np.bincount(rows).astype(np.float64)
        return float((counts ** 2).sum())

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.25)
    best = max(coarse.tolist(), key=sharpness)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, step)
    best = max(fine.tolist(), key=sharpness)
    return round(best, 3) if abs(best) >= step else 0.0


def straighten(rgb: np.ndarray, dpi: float, settings: PdfSettings) -> PageImage:
    """The page turned level (see :func:`skew_angle`; measured on a quarter-size copy)."""
    from PIL import Image

    small = rgb[::4, ::4]
    gray = PageImage(small, dpi, 0.0).gray
    angle = skew_angle(gray < otsu(gray), settings.ocr_max_skew)
    if angle:
        turned = Image.fromarray(rgb, "RGB").rotate(-angle, resample=Image.BILINEAR, fillcolor=(255, 255, 255))
        rgb = np.asarray(turned)
    return PageImage(rgb, dpi, angle)


# ---------------------------------------------------------------------------------------
# ruling lines
# ---------------------------------------------------------------------------------------


def runs(mask: np.ndarray, shortest: int = 1, longest: Optional[int] = None) -> np.ndarray:
    """The pixels of ``mask`` in runs along its rows at least ``shortest`` and at most
    ``longest`` pixels long."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    flat = padded.ravel()
    change = np.diff(flat)
    starts = np.flatnonzero(change == 1) + 1
    ends = np.flatnonzero(change == -1) + 1
    length = ends - starts
    keep = length >= shortest
    if longest is not None:
        keep &= length <= longest
    starts, length = starts[keep], length[keep]
    out = np.zeros(flat.size, dtype=bool)
    if len(starts):  # the kept runs' pixels, one index each (the kept runs are few, or short)
        offsets = np.repeat(starts - np.cumsum(length) + length, length)
        out[np.arange(int(length.sum())) + offsets] = True
    return out.reshape(h, w + 2)[:, 1:-1]


def _segments(mask: np.ndarray, horizontal: bool, min_length: int) -> tuple[list[Segment], list[int], np.ndarray]:
    """The connected pieces of a mask of thin lines as segments along their axis (x0, top, x1,
    bottom with top == bottom for a horizontal one), each at its pixels' mean position; with
    each one's label in the label image, which comes third."""
    from scipy import ndimage

    labels, n = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    if not n:
        return [], [], labels
    out, ids = [], []
    ys, xs = np.nonzero(labels)
    which = labels[ys, xs] - 1
    count = np.bincount(which, minlength=n)
    mean_y = np.bincount(which, ys, minlength=n) / np.maximum(count, 1)
    mean_x = np.bincount(which, xs, minlength=n) / np.maximum(count, 1)
    for k, box in enumerate(ndimage.find_objects(labels)):
        if box is None:
            continue
        rows, cols = box
        if horizontal and cols.stop - cols.start >= min_length:
            out.append((float(cols.start), float(mean_y[k]), float(cols.stop), float(mean_y[k])))
            ids.append(k + 1)
        elif not horizontal and rows.stop - rows.start >= min_length:
            out.append((float(mean_x[k]), float(rows.start), float(mean_x[k]), float(rows.stop)))
            ids.append(k + 1)
    return out, ids, labels


def _ends_meet(segment: Segment, across: list[Segment], horizontal: bool, slack: float) -> bool:
    """Do both ends of ``segment`` meet a line of ``across`` (the other orientation)?"""
    if horizontal:
        y = segment[1]
        return all(any(abs(v[0] - x) <= slack and v[1] - slack <= y <= v[3] + slack for v in across)
                   for x in (segment[0], segment[2]))
    x = segment[0]
    return all(any(abs(h[1] - y) <= slack and h[0] - slack <= x <= h[2] + slack for h in across)
               for y in (segment[1], segment[3]))


def _stands_out(segment: Segment, dark: np.ndarray, offset: int, horizontal: bool, share: float = 0.6) -> bool:
    """Is the page light along at least one side of ``segment``, ``offset`` pixels off it, for
    ``share`` of its length? A line does; a strip of a dark fill between two light letters
    (white text on a fill) does not."""
    h, w = dark.shape
    if horizontal:
        x0, x1, y = int(segment[0]), int(segment[2]), int(round(segment[1]))
        sides = [dark[y + d, x0:x1] for d in (-offset, offset) if 0 <= y + d < h]
    else:
        y0, y1, x = int(segment[1]), int(segment[3]), int(round(segment[0]))
        sides = [dark[y0:y1, x + d] for d in (-offset, offset) if 0 <= x + d < w]
    return any(len(side) and (~side).mean() >= share for side in sides) or not sides


@dataclass(frozen=True)
class Rulings:
    horizontal: list[Segment]
    vertical: list[Segment]
    mask: np.ndarray  # the pixels of the lines that are a table's (painted out before recognition)
    blocks: np.ndarray  # dark pixels in solid areas (a dark fill), not lines


def grey_ink(rgb: np.ndarray, dark: np.ndarray, settings: PdfSettings) -> np.ndarray:
    """The dark pixels that are grey (text, black lines), not a dark colour (a red or green fill)."""
    where = np.flatnonzero(dark)  # a page is mostly paper: only its dark pixels are asked
    colours = rgb.reshape(-1, 3)[where]
    top = colours.max(axis=1).astype(np.int16)
    chroma = top - colours.min(axis=1)
    # a line beside a coloured cell takes some of its colour in a JPEG scan (its colour is kept
    # at half resolution): near black it is ink all the same
    out = np.zeros(dark.size, dtype=bool)
    out[where[(chroma < settings.ocr_ink_chroma) | (top < settings.ocr_ink_black)]] = True
    return out.reshape(dark.shape)


def find_rulings(dark: np.ndarray, dpi: float, settings: PdfSettings, grey: Optional[np.ndarray] = None) -> Rulings:
    """Horizontal and vertical ruling lines of a binarised page (``dark``: ink pixels). With
    ``grey`` (its grey ink, :func:`grey_ink`) the lines are looked for there too: a black line
    between two dark coloured cells (red over green) is a line among grey pixels only."""
    found = _find_rulings(dark, dpi, settings)
    if grey is None or not (grey != dark).any():
        return found
    more = _find_rulings(grey, dpi, settings)
    near = 2 * max(2.0, dpi / 72.0)

    def new(s: Segment, known: list[Segment], horizontal: bool) -> bool:
        a = 1 if horizontal else 0
        lo, hi = (0, 2) if horizontal else (1, 3)
        return not any(abs(k[a] - s[a]) <= near and k[lo] <= s[lo] + near and k[hi] >= s[hi] - near
                       for k in known)  # a line the other finds longer is kept: the finder joins them

    return Rulings(found.horizontal + [s for s in more.horizontal if new(s, found.horizontal, True)],
                   found.vertical + [s for s in more.vertical if new(s, found.vertical, False)],
                   found.mask | more.mask, found.blocks)


def _find_rulings(dark: np.ndarray, dpi: float, settings: PdfSettings) -> Rulings:
    px = dpi / 72.0
    length = max(3, int(round(settings.ocr_rule_length * px)))
    shortest = max(3, int(round(settings.ocr_rule_min_length * px)))
    thick = max(2, int(round(settings.ocr_rule_thickness * px)))
    along = runs(dark, shortest)  # dark runs along rows
    thin_h = runs(along.T, 1, thick).T  # ... no thicker than a line
    down = runs(dark.T, shortest).T
    thin_v = runs(down, 1, thick)
    long_h, long_v = runs(along, length), runs(down.T, length).T
    blocks = (long_h & ~runs(long_h.T, 1, thick).T) | (long_v & ~runs(long_v, 1, thick))
    found_h, ids_h, labels_h = _segments(thin_h, True, shortest)
    found_v, ids_v, labels_v = _segments(thin_v, False, shortest)
    label_of = {("h", s): k for s, k in zip(found_h, ids_h)}
    label_of.update({("v", s): k for s, k in zip(found_v, ids_v)})
    horizontal = [s for s in found_h if _stands_out(s, dark, thick + 2, True)]
    vertical = [s for s in found_v if _stands_out(s, dark, thick + 2, False)]
    # a line shorter than ocr_rule_length (a one-line row's border) counts where both its ends
    # meet a long line across it, as a cell's side does; a letter's stroke does not
    meet = max(3, int(round(px))) + 2  # a line's end lies on the line it meets, within a point
    long_across = [s for s in horizontal if s[2] - s[0] >= length]
    long_down = [s for s in vertical if s[3] - s[1] >= length]
    horizontal = long_across + [s for s in horizontal if s[2] - s[0] < length
                                and _ends_meet(s, long_down, True, meet)]
    vertical = long_down + [s for s in vertical if s[3] - s[1] < length
                            and _ends_meet(s, long_across, False, meet)]
    # the lines of a table cross another; a lone stroke (an underline, a long dash) is kept
    # as a ruling, but only a table's lines are painted out of what Tesseract reads
    slack = thick + 2
    crossing_h = [s for s in horizontal if any(v[0] >= s[0] - slack and v[0] <= s[2] + slack
                                               and v[1] - slack <= s[1] <= v[3] + slack for v in vertical)]
    crossing_v = [s for s in vertical if any(h[0] - slack <= s[0] <= h[2] + slack
                                             and s[1] - slack <= h[1] <= s[3] + slack for h in horizontal)]
    from scipy import ndimage

    mask = np.zeros_like(dark)
    for labels, chosen, kind in ((labels_h, crossing_h, "h"), (labels_v, crossing_v, "v")):
        if chosen:
            mask |= np.isin(labels, sorted({label_of[(kind, s)] for s in chosen}))
    if mask.any():  # with the lines' grey edges
        mask = ndimage.binary_dilation(mask, iterations=max(2, int(round(px * 0.75))))
    return Rulings(horizontal, vertical, mask, blocks)


# ---------------------------------------------------------------------------------------
# fills
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    box: Segment  # x0, top, x1, bottom in image pixels
    rgb: tuple[int, int, int]


@dataclass(frozen=True)
class Tints:
    """What each pixel of a page is: ``grey`` ink (text, lines), ``ink`` that with its
    anti-aliased edge, ``tint`` a colour that is neither the paper's nor ink (a fill's),
    ``plain`` paper."""

    grey: np.ndarray
    ink: np.ndarray
    tint: np.ndarray
    plain: np.ndarray


def tints(image: PageImage, dark: np.ndarray, settings: PdfSettings) -> Tints:
    from scipy import ndimage

    rgb, gray = image.rgb, image.gray
    light = ~dark
    step = max(1, int(light.sum()) // 200_000 + 1)  # a sample of the paper is enough
    paper = np.median(rgb[light][::step], axis=0)
    spread = np.median(np.abs(gray[light][::step].astype(np.int16) - int(np.median(gray[light][::step]))))
    tolerance = max(settings.ocr_tint_tolerance, 6.0 * float(spread))
    # ink is dark and grey (text, lines); a dark colour (a red or green cell) is a fill's
    grey = grey_ink(rgb, dark, settings)
    ink = ndimage.binary_dilation(grey, iterations=2)
    tint = (np.abs(rgb.astype(np.int16) - paper.astype(np.int16)).max(axis=2) > tolerance) & ~ink
    return Tints(grey, ink, tint, ~tint & ~ink)


def cell_fills(image: PageImage, found: Tints, boxes: list[Segment], settings: PdfSettings) -> list[Fill]:
    """The fill of each ruled cell (``boxes`` in the image's pixels) that has one: the median
    colour of its pixels that are not text, where most of them are a tint (or, a dark grey
    cell, where most of it is ink)."""
    margin = max(2, int(round(1.5 * image.dpi / 72)))  # off the cell's lines
    out = []
    for box in boxes:
        x0, top = int(box[0]) + margin, int(box[1]) + margin
        x1, bottom = int(box[2]) - margin, int(box[3]) - margin
        if x1 - x0 < 2 or bottom - top < 2:
            continue
        tint, plain = found.tint[top:bottom, x0:x1], found.plain[top:bottom, x0:x1]
        n_tint, n_plain = int(tint.sum()), int(plain.sum())
        pixels = image.rgb[top:bottom, x0:x1]
        if n_tint > n_plain and n_tint >= 0.1 * tint.size:
            out.append(Fill(box, tuple(int(v) for v in np.median(pixels[tint], axis=0))))
        elif found.grey[top:bottom, x0:x1].mean() > 0.6:
            out.append(Fill(box, tuple(int(v) for v in np.median(pixels[found.grey[top:bottom, x0:x1]], axis=0))))
    return out


def find_fills(image: PageImage, dark: np.ndarray, rulings: Rulings, settings: PdfSettings,
               found: Optional[Tints] = None, outside: list[Segment] = ()) -> list[Fill]:
    """Areas filled with a colour that is neither the paper's nor ink (see the module's doc),
    none inside the boxes ``outside`` (the ruled tables, whose cells' fills are their own)."""
    from scipy import ndimage

    found = found if found is not None else tints(image, dark, settings)
    rgb = image.rgb
    f = max(2, int(round(image.dpi / 75)))  # the coarse grid: about 75 dpi
    h, w = dark.shape[0] // f * f, dark.shape[1] // f * f
    rgb = rgb[:h, :w]
    grey, tint, plain = found.grey[:h, :w], found.tint[:h, :w], found.plain[:h, :w]

    def coarse(mask: np.ndarray) -> np.ndarray:
        return mask.reshape(h // f, f, w // f, f).sum(axis=(1, 3))

    n_tint, n_plain = coarse(tint), coarse(plain)
    fillish = n_tint > n_plain
    blocks = rulings.blocks[:h, :w] & grey
    solid = coarse(blocks) > (f * f) // 2  # black and dark grey fills
    fillish = ndimage.binary_closing(fillish | solid, iterations=2) | fillish | solid
    # cut at the ruling lines and where the colour changes
    fillish &= coarse(rulings.mask[:h, :w] | _line_pixels(rulings, (h, w))) == 0
    sums = np.stack([coarse(tint * rgb[..., k]) for k in range(3)], axis=-1).astype(np.float64)
    colour = np.where(n_tint[..., None] > 0, sums / np.maximum(n_tint, 1)[..., None], np.nan)
    colour = np.where(solid[..., None], np.stack([coarse(blocks * rgb[..., k]) / np.maximum(coarse(blocks), 1)
                                                  for k in range(3)], axis=-1), colour)
    unknown = np.isnan(colour[..., 0])
    if unknown.any() and not unknown.all():  # a square of ink only (a line, a letter): its nearest colour
        _, (iy, ix) = ndimage.distance_transform_edt(unknown, return_indices=True)
        colour = colour[iy, ix]
    edge = np.zeros(fillish.shape, dtype=bool)
    for axis in (0, 1):
        diff = np.nan_to_num(np.abs(np.diff(colour, axis=axis)), nan=0.0).max(axis=-1)
        cut = diff > settings.ocr_colour_step
        if axis == 0:
            edge[1:] |= cut
        else:
            edge[:, 1:] |= cut
    fillish &= ~edge
    for x0, top, x1, bottom in outside:
        fillish[int(top) // f:int(bottom) // f + 1, int(x0) // f:int(x1) // f + 1] = False
    fillish = ndimage.binary_opening(fillish, iterations=1)
    labels, n = ndimage.label(fillish)
    out = []
    smallest = settings.ocr_min_fill * image.dpi / 72.0 / f
    for k, box in enumerate(ndimage.find_objects(labels)):
        if box is None:
            continue
        rows, cols = box
        if rows.stop - rows.start < smallest or cols.stop - cols.start < smallest:
            continue
        member = labels[box] == k + 1
        if member.sum() < 0.6 * member.size:
            continue  # not a box: text on a tinted paper, a picture
        values = colour[box][member]
        values = values[~np.isnan(values).any(axis=1)]
        if not len(values):
            continue
        rgb_value = tuple(int(round(v)) for v in np.median(values, axis=0))
        out.append(Fill((cols.start * f, rows.start * f, cols.stop * f, rows.stop * f), rgb_value))
    return out


def _line_pixels(rulings: Rulings, shape: tuple[int, int]) -> np.ndarray:
    """Every ruling line drawn one pixel wide (the lines not painted out cut fills too)."""
    mask = np.zeros(shape, dtype=bool)
    h, w = shape
    for x0, top, x1, _ in rulings.horizontal:
        y = int(round(top))
        if 0 <= y < h:
            mask[y, max(0, int(x0)):min(w, int(x1))] = True
    for x0, top, _, bottom in rulings.vertical:
        x = int(round(x0))
        if 0 <= x < w:
            mask[max(0, int(top)):min(h, int(bottom)), x] = True
    return mask


def snap_fill(box: Segment, rulings: Rulings, reach: float) -> Segment:
    """A fill's box with each edge moved to the nearest parallel ruling line within ``reach``
    pixels outside it or inside it (a fill in a ruled cell is the cell's)."""
    x0, top, x1, bottom = box
    cy, cx = (top + bottom) / 2, (x0 + x1) / 2
    hs = [s[1] for s in rulings.horizontal if s[0] - reach <= cx <= s[2] + reach]
    vs = [s[0] for s in rulings.vertical if s[1] - reach <= cy <= s[3] + reach]

    def nearest(value: float, lines: list[float]) -> float:
        close = [v for v in lines if abs(v - value) <= reach]
        return min(close, key=lambda v: abs(v - value)) if close else value

    return nearest(x0, vs), nearest(top, hs), nearest(x1, vs), nearest(bottom, hs)


# ---------------------------------------------------------------------------------------
# the page's geometry
# ---------------------------------------------------------------------------------------


def words_to_glyphs(found: Recognition, to_page, bold_words: Optional[set[int]] = None) -> Glyphs:
    """Glyphs of the recognised words (see the module's doc); ``to_page`` maps image (x, y)
    pixels to page points as (sx, sy, ox, oy): x * sx + ox, y * sy + oy."""
    sx, sy, ox, oy = to_page
    text: list[str] = []
    x0: list[float] = []
    x1: list[float] = []
    top: list[float] = []
    bottom: list[float] = []
    size: list[float] = []
    font: list[int] = []
    conf: list[float] = []
    previous = None
    for k, word in enumerate(found.words):
        line = found.lines[word.line]
        centre = (word.x0 + word.x1) / 2
        base = line.baseline + line.slope * (centre - line.x0)
        g_top, g_bottom = base - (line.size - line.descent), base + line.descent
        is_bold = int(bool(bold_words) and k in bold_words)
        if previous is not None and previous.line == word.line and word.x0 > previous.x1:
            text.append(" ")
            x0.append(previous.x1 * sx + ox)
            x1.append(word.x0 * sx + ox)
            top.append(g_top * sy + oy)
            bottom.append(g_bottom * sy + oy)
            size.append(line.size * sy)
            font.append(is_bold)
            conf.append(word.confidence)
        step = (word.x1 - word.x0) / len(word.text)
        for i, ch in enumerate(word.text):
            text.append(ch)
            x0.append((word.x0 + i * step) * sx + ox)
            x1.append((word.x0 + (i + 1) * step) * sx + ox)
            top.append(g_top * sy + oy)
            bottom.append(g_bottom * sy + oy)
            size.append(line.size * sy)
            font.append(is_bold)
            conf.append(word.confidence)
        previous = word
    n = len(text)
    return Glyphs(text=tuple(text), x0=np.array(x0, dtype=float), x1=np.array(x1, dtype=float),
                  top=np.array(top, dtype=float), bottom=np.array(bottom, dtype=float),
                  size=np.array(size, dtype=float), font=np.array(font, dtype=np.intp),
                  fonts=("OCR", "OCR-Bold"), turn=np.full(n, UPRIGHT, dtype=np.int8),
                  confidence=np.array(conf, dtype=float))


def bold_words(found: Recognition, dark: np.ndarray, settings: PdfSettings) -> set[int]:
    """The words set in a bold face: the mean width of their strokes (ink pixels per horizontal
    run of ink) for their line's font size is well above the page's usual (a relative choice:
    the body text of the page sets the scale)."""
    ratios = []
    for word in found.words:
        crop = dark[max(0, word.top):word.bottom, max(0, word.x0):word.x1]
        if crop.size == 0 or len(word.text) < 2:
            ratios.append(np.nan)
            continue
        starts = np.count_nonzero(crop[:, 1:] & ~crop[:, :-1]) + np.count_nonzero(crop[:, 0])
        size = found.lines[word.line].size
        ratios.append(crop.sum() / max(starts, 1) / max(size, 1.0))
    values = np.array(ratios, dtype=float)
    known = values[~np.isnan(values)]
    if len(known) < 5:
        return set()
    usual = float(np.median(known))
    return {k for k, v in enumerate(values.tolist()) if v == v and v > settings.ocr_bold_stroke * usual}


def scanned_page(rgb: np.ndarray, dpi: float, number: int, bbox: tuple[float, float, float, float],
                 settings: PdfSettings) -> tuple[PageGeometry, float, int]:
    """The geometry of a scanned page rendered as ``rgb`` at ``dpi`` (page ``number``, its
    ``bbox`` in points); with the angle it was straightened by and how many words were read."""
    image = straighten(rgb, dpi, settings)
    gray = image.gray
    level = min(otsu(gray), settings.ocr_ink_level)
    dark = gray < level
    grey = grey_ink(image.rgb, dark, settings)
    rulings = find_rulings(dark, dpi, settings, grey)
    # fills are found at about ocr_analysis_dpi: a quarter of the pixels at 300 dpi
    factor = max(1, int(round(dpi / settings.ocr_analysis_dpi)))
    small = image.reduced(factor)
    small_dark = pooled(dark, factor)
    found_tints = tints(small, small_dark, settings)
    rulings = with_fill_edges(rulings, small, found_tints, factor, settings)
    rulings = with_lines_in_fills(rulings, gray, dark, pooled(rulings.blocks, factor), dpi, factor, settings)
    h, w = gray.shape
    sx, sy = (bbox[2] - bbox[0]) / w, (bbox[3] - bbox[1]) / h
    to_page = (sx, sy, bbox[0], bbox[1])
    lines = [_line(s, to_page) for s in rulings.horizontal + rulings.vertical]
    # a ruled cell's fill is sampled in the cell; fills elsewhere (a banded table) are areas
    edges = ruling_edges(PageObjects(glyphs=Glyphs.empty(), rects=(), lines=tuple(lines), curves=()), settings)
    tables = ruled_tables_cells(edges[0], edges[1], settings) if edges[0] and edges[1] else []

    def to_small(box) -> Segment:
        return ((box[0] - bbox[0]) / sx / factor, (box[1] - bbox[1]) / sy / factor,
                (box[2] - bbox[0]) / sx / factor, (box[3] - bbox[1]) / sy / factor)

    small_fills = cell_fills(small, found_tints, [to_small(b) for _, boxes in tables for b in boxes], settings)
    small_fills += find_fills(small, small_dark, reduced_rulings(rulings, factor), settings, found_tints,
                              outside=[to_small(t) for t, _ in tables])
    fills = [Fill(tuple(v * factor for v in f.box), f.rgb) for f in small_fills]
    reading = reading_image(image, gray, rulings, fills, settings, grey)
    found = without_line_marks(recognise(reading, int(round(dpi)), settings.ocr_page_timeout), rulings,
                               2 * dpi / 72.0)
    found = read_again(found, reading, grey & ~rulings.mask, dpi, settings)
    glyphs = words_to_glyphs(found, to_page, bold_words(found, dark, settings))
    reach = settings.ocr_fill_snap * dpi / 72.0
    rects = [_rect(snap_fill(fill.box, rulings, reach), fill.rgb, to_page) for fill in fills]
    objects = PageObjects(glyphs=glyphs, rects=tuple(rects), lines=tuple(lines), curves=())
    return PageGeometry(number=number, bbox=bbox, objects=objects), image.angle, len(found.words)


def fill_edges(image: PageImage, found: Tints, settings: PdfSettings) -> tuple[list[Segment], list[Segment]]:
    """(horizontal, vertical) edges between two areas of different colour at least one of which
    is a fill's (a tint): where two coloured cells meet with no line found between them (a black
    line between a red and an amber cell, blurred by the scan, is neither grey nor thin)."""
    rgb = image.rgb.astype(np.int16)
    px = image.dpi / 72.0
    k = max(1, int(round(px)))  # compare the colours a point either side: across the line between
    shortest = max(3, int(round(settings.ocr_rule_min_length * px)))
    band = 2 * k + max(2, int(round(settings.ocr_rule_thickness * px)))  # the edge, its line, the blur
    out = []
    for axis in (0, 1):
        a = rgb[:-2 * k] if axis == 0 else rgb[:, :-2 * k]
        b = rgb[2 * k:] if axis == 0 else rgb[:, 2 * k:]
        ta = found.tint[:-2 * k] if axis == 0 else found.tint[:, :-2 * k]
        tb = found.tint[2 * k:] if axis == 0 else found.tint[:, 2 * k:]
        step = (np.abs(a - b).max(axis=2) > settings.ocr_colour_step) & (ta | tb)
        mask = np.zeros(found.tint.shape, dtype=bool)
        if axis == 0:
            mask[k:-k] = step
            thin = runs(runs(mask, shortest).T, 1, band).T
        else:
            mask[:, k:-k] = step
            thin = runs(runs(mask.T, shortest).T, 1, band)
        out.append(_segments(thin, axis == 0, shortest)[0])
    return out[0], out[1]


def with_fill_edges(rulings: Rulings, small: PageImage, found: Tints, factor: int, settings: PdfSettings) -> Rulings:
    """``rulings`` with the edges between fills (:func:`fill_edges`, found on the page reduced by
    ``factor``) that close a cell: as long as a ruling line, or meeting long lines at both ends."""
    across, down = fill_edges(small, found, settings)
    if not across and not down:
        return rulings
    px = small.dpi * factor / 72.0
    length = settings.ocr_rule_length * px
    meet = max(3, int(round(px))) + 2 + factor

    def up(s: Segment) -> Segment:
        return tuple(v * factor + (factor - 1) / 2 for v in s)

    long_h = [s for s in rulings.horizontal if s[2] - s[0] >= length]
    long_v = [s for s in rulings.vertical if s[3] - s[1] >= length]
    near = 2 * max(2.0, px)
    horizontal, vertical = list(rulings.horizontal), list(rulings.vertical)
    for s in map(up, across):
        # a line the scan blurred where it runs between two fills is carried on by the edge
        k = next((k for k, r in enumerate(horizontal) if abs(r[1] - s[1]) <= near
                  and r[0] - meet <= s[2] and s[0] <= r[2] + meet), None)
        if k is not None:
            r = horizontal[k]
            horizontal[k] = (min(r[0], s[0]), r[1], max(r[2], s[2]), r[3])
        elif s[2] - s[0] >= length or _ends_meet(s, long_v, True, meet):
            horizontal.append(s)
    for s in map(up, down):
        k = next((k for k, r in enumerate(vertical) if abs(r[0] - s[0]) <= near
                  and r[1] - meet <= s[3] and s[1] <= r[3] + meet), None)
        if k is not None:
            r = vertical[k]
            vertical[k] = (r[0], min(r[1], s[1]), r[2], max(r[3], s[3]))
        elif s[3] - s[1] >= length or _ends_meet(s, long_h, False, meet):
            vertical.append(s)
    return Rulings(horizontal, vertical, rulings.mask, rulings.blocks)


def with_lines_in_fills(rulings: Rulings, gray: np.ndarray, dark: np.ndarray, blocks_small: np.ndarray,
                       dpi: float, factor: int, settings: PdfSettings) -> Rulings:
    """``rulings`` with the lines across dark fills: the rule between two cells of a dark header
    row, black or white on the fill, which the search for dark lines takes for part of the fill.
    The solid dark areas are found on the page reduced by ``factor`` (``blocks_small``); in each,
    at full resolution (``gray``, ``dpi``), a thin column (row) whose every pixel differs from
    the fill's grey level, from edge to edge of the area, is such a rule (white text on the fill
    differs over part of a column only).

    A solid dark area that is a box (a dark header row, a dark cell) is a filled rectangle, as in a
    born-digital PDF: its four sides are edges too. Its border lines, dark against the dark fill,
    are no lines of their own, and where a coloured row under it carries bold text the edge
    between the two colours is broken; a side along a line found already carries that line on."""
    from scipy import ndimage

    if not blocks_small.any():
        return rulings
    px = dpi / 72.0
    thick = max(2, int(round(settings.ocr_rule_thickness * px)))
    shortest = settings.ocr_rule_min_length * px
    labels, _ = ndimage.label(ndimage.binary_closing(blocks_small, iterations=2) | blocks_small)
    horizontal, vertical = list(rulings.horizontal), list(rulings.vertical)
    done: list[tuple[int, int, int, int]] = []
    for box in ndimage.find_objects(labels):
        if box is None:
            continue
        top, bottom = box[0].start * factor, box[0].stop * factor
        x0, x1 = box[1].start * factor, box[1].stop * factor
        if bottom - top < shortest or x1 - x0 < shortest:
            continue
        edge = max(1, int(round(px)))  # off the area's own border
        inner = dark[top + edge:bottom - edge, x0 + edge:x1 - edge]
        if inner.size == 0 or inner.mean() < 0.6:
            continue  # not a solid fill
        level = int(np.median(gray[top + edge:bottom - edge, x0 + edge:x1 - edge][inner]))
        top, bottom, x0, x1 = solid_extent(gray, level, 2 * settings.ocr_line_contrast, top, bottom, x0, x1)
        if any(t <= top and bottom <= b and a <= x0 and x1 <= c for t, b, a, c in done):
            continue  # a piece of an area already seen (split from it by white text)
        done.append((top, bottom, x0, x1))
        shade = gray[top + edge:bottom - edge, x0 + edge:x1 - edge].astype(np.int16)
        off = np.abs(shade - int(np.median(shade))) > settings.ocr_line_contrast
        for axis, out in ((0, vertical), (1, horizontal)):
            light = (off.mean(axis=axis) >= 0.9).astype(np.int8)  # a column (axis 0) or row unlike the fill throughout
            change = np.diff(np.concatenate(([0], light, [0])))
            for a, b in zip(np.flatnonzero(change == 1).tolist(), np.flatnonzero(change == -1).tolist()):
                if b - a > thick:
                    continue
                at = (a + b - 1) / 2 + edge
                if axis == 0:
                    out.append((x0 + at, float(top), x0 + at, float(bottom)))
                else:
                    out.append((float(x0), top + at, float(x1), top + at))
        # a filled box: its four sides (a line found along one is carried on instead)
        _add_side(horizontal, (float(x0), float(top), float(x1), float(top)), True, px)
        _add_side(horizontal, (float(x0), float(bottom - 1), float(x1), float(bottom - 1)), True, px)
        _add_side(vertical, (float(x0), float(top), float(x0), float(bottom)), False, px)
        _add_side(vertical, (float(x1 - 1), float(top), float(x1 - 1), float(bottom)), False, px)
    mask = rulings.mask
    if done:  # a box's border is a table's line: painted out of what Tesseract reads, as theirs are
        mask = mask.copy()
        reach = max(2, int(round(px)))
        for top, bottom, x0, x1 in done:
            lo_x, hi_x = max(0, x0 - reach), x1 + reach
            mask[max(0, top - reach):top + reach, lo_x:hi_x] = True
            mask[max(0, bottom - 1 - reach):bottom - 1 + reach, lo_x:hi_x] = True
            mask[max(0, top - reach):bottom + reach, max(0, x0 - reach):x0 + reach] = True
            mask[max(0, top - reach):bottom + reach, max(0, x1 - 1 - reach):x1 - 1 + reach] = True
    return Rulings(horizontal, vertical, mask, rulings.blocks)


def solid_extent(gray: np.ndarray, level: int, tolerance: int, top: int, bottom: int, x0: int, x1: int,
                 share: float = 0.5) -> tuple[int, int, int, int]:
    """(top, bottom, x0, x1), bottom and x1 past the end, of the area of grey ``level`` (within
    ``tolerance``: a fill's pixels) about the box given. Rows and columns mostly of other greys are
    cut off its edges first (black text touching the fill, which the long dark runs took in); then
    it grows while the next column is of the fill's grey along the rows that are all fill (above
    and below white text on it), and the next row along the columns that are all fill (between its
    words): the long dark runs that found the fill stop at white text; the fill goes on around the
    text to its border."""
    h, w = gray.shape

    def member(strip: np.ndarray) -> np.ndarray:
        return np.abs(strip.astype(np.int16) - level) <= tolerance

    while bottom - top > 1 and member(gray[top, x0:x1]).mean() < share:
        top += 1
    while bottom - top > 1 and member(gray[bottom - 1, x0:x1]).mean() < share:
        bottom -= 1
    while x1 - x0 > 1 and member(gray[top:bottom, x0]).mean() < share:
        x0 += 1
    while x1 - x0 > 1 and member(gray[top:bottom, x1 - 1]).mean() < share:
        x1 -= 1
    for _ in range(3):  # growing one way changes the rows and columns that guide the other
        before = (top, bottom, x0, x1)
        area = member(gray[top:bottom, x0:x1])
        rows = np.flatnonzero(area.mean(axis=1) >= 0.9) + top
        cols = np.flatnonzero(area.mean(axis=0) >= 0.9) + x0
        if not len(rows):
            rows = np.arange(top, bottom)
        if not len(cols):
            cols = np.arange(x0, x1)
        while x0 > 0 and member(gray[rows, x0 - 1]).mean() >= share:
            x0 -= 1
        while x1 < w and member(gray[rows, x1]).mean() >= share:
            x1 += 1
        while top > 0 and member(gray[top - 1, cols]).mean() >= share:
            top -= 1
        while bottom < h and member(gray[bottom, cols]).mean() >= share:
            bottom += 1
        if (top, bottom, x0, x1) == before:
            break
    return top, bottom, x0, x1


def _add_side(lines: list[Segment], side: Segment, horizontal: bool, px: float) -> None:
    """Add ``side`` (of a filled box) to ``lines``: a line along it within two points, overlapping
    it, is joined with it instead, at the place of the longer of the two."""
    near = 2 * max(2.0, px)
    a, (lo, hi) = (1, (0, 2)) if horizontal else (0, (1, 3))
    for k, line in enumerate(lines):
        if abs(line[a] - side[a]) <= near and line[lo] <= side[hi] and side[lo] <= line[hi]:
            grown = list(line if line[hi] - line[lo] >= side[hi] - side[lo] else side)
            grown[lo], grown[hi] = min(line[lo], side[lo]), max(line[hi], side[hi])
            lines[k] = tuple(grown)
            return
    lines.append(side)


def reduced_rulings(rulings: Rulings, factor: int) -> Rulings:
    """``rulings`` on the page reduced by ``factor`` (:meth:`PageImage.reduced`)."""
    if factor <= 1:
        return rulings

    def down(s: Segment) -> Segment:
        return tuple(v / factor for v in s)

    return Rulings([down(s) for s in rulings.horizontal], [down(s) for s in rulings.vertical],
                   pooled(rulings.mask, factor), pooled(rulings.blocks, factor))


def unread_ink(found: Recognition, ink: np.ndarray, dpi: float) -> tuple[list[Segment], list[Segment]]:
    """Boxes (pixels) of the words of ink that Tesseract left unread: a short word alone in a
    cell ("G" in a RAG column), a list number before its text ("2."). Ink is grouped into words
    by closing the gaps between letters; a group that no recognised word touches is unread.
    Second, the dots among them (a full stop after "1" that the sparse reading leaves off)."""
    from scipy import ndimage

    factor = max(1, int(round(dpi / 150)))
    small = pooled(ink, factor)
    px = dpi / factor / 72.0
    gap = max(1, int(round(1.5 * px)))  # letters of a word are closer than 1.5 pt
    labels, n = ndimage.label(ndimage.binary_dilation(small, structure=np.ones((1, 2 * gap + 1), dtype=bool)))
    if not n:
        return [], []
    touched = np.zeros(n + 1, dtype=bool)
    for w in found.words:
        touched[np.unique(labels[w.top // factor:w.bottom // factor + 1, w.x0 // factor:w.x1 // factor + 1])] = True
    sizes = [ln.size for ln in found.lines]
    em = float(np.median(sizes)) / factor if sizes else 10 * px
    out, dots = [], []
    inside = np.zeros(small.shape, dtype=bool)  # the recognised words' boxes
    for w in found.words:
        inside[w.top // factor:w.bottom // factor + 1, w.x0 // factor:w.x1 // factor + 1] = True
    marks, _ = ndimage.label(small & ~inside)
    for box in ndimage.find_objects(marks):
        if box is None:
            continue
        h, w = box[0].stop - box[0].start, box[1].stop - box[1].start
        if 0.06 * em <= h < 0.3 * em and 0.06 * em <= w < 0.3 * em:
            dots.append((box[1].start * factor, box[0].start * factor, box[1].stop * factor, box[0].stop * factor))
    for k, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None or touched[k]:
            continue
        rows, cols = box
        h, w = rows.stop - rows.start, cols.stop - cols.start
        place = (cols.start * factor, rows.start * factor, cols.stop * factor, rows.stop * factor)
        if h < 0.3 * em:
            continue  # a dot, a speck
        if not (0.3 * em <= h <= 2.0 * em) or w > 12 * em:
            continue  # a speck, a picture, a long rule
        if small[box][labels[box] == k].sum() < 0.02 * em * em:
            continue
        out.append(place)
    return out, dots


def with_full_stops(found: Recognition, dots: list[Segment]) -> Recognition:
    """``found`` with each dot that sits on a word's baseline just after its last letter added to
    the word ("1" + "." is "1.", as a list number is written)."""
    if not dots:
        return found
    words = list(found.words)
    for x0, top, x1, bottom in dots:
        for k, w in enumerate(words):
            line = found.lines[w.line]
            gap = x0 - w.x1
            if -2 <= gap <= 0.3 * line.size and w.top <= (top + bottom) / 2 <= w.bottom + 0.15 * line.size \
                    and bottom >= w.bottom - 0.25 * line.size and not w.text.endswith("."):
                words[k] = Word(w.text + ".", w.x0, w.top, int(x1), w.bottom, w.confidence, w.line)
                break
    return Recognition(tuple(words), found.lines)


def read_again(found: Recognition, reading: np.ndarray, ink: np.ndarray, dpi: float,
               settings: PdfSettings) -> Recognition:
    """``found`` with the words of :func:`unread_ink` read in a second pass: their boxes, with
    a margin, stacked one under another on white paper and read as a block of lines (one call
    of Tesseract for the page); each word read goes back to where its box was."""
    boxes, dots = unread_ink(found, ink, dpi)
    found = with_full_stops(found, dots)
    if not boxes:
        return found
    pad = max(4, int(round(4 * dpi / 72)))
    crops, places = [], []
    y = pad
    h, w = reading.shape
    for x0, top, x1, bottom in boxes:
        x0, top = max(0, int(x0) - pad // 2), max(0, int(top) - pad // 2)
        x1, bottom = min(w, int(x1) + pad // 2), min(h, int(bottom) + pad // 2)
        crops.append((reading[top:bottom, x0:x1], y))
        places.append((x0, top, y, bottom - top))
        y += bottom - top + 2 * pad
    width = max(c.shape[1] for c, _ in crops) + 2 * pad
    mosaic = np.full((y + pad, width), 255, dtype=np.uint8)
    for crop, at in crops:
        mosaic[at:at + crop.shape[0], pad:pad + crop.shape[1]] = crop
    more = recognise(mosaic, int(round(dpi)), settings.ocr_page_timeout, segmentation=6)
    words, lines = list(found.words), list(found.lines)
    line_of: dict[int, int] = {}
    for word in more.words:
        cy = (word.top + word.bottom) / 2
        k = next((k for k, (_, _, at, height) in enumerate(places) if at - pad <= cy <= at + height + pad), None)
        if k is None:
            continue
        x0, top, at, _ = places[k]
        dx, dy = x0 - pad, top - at
        if (k, word.line) not in line_of:
            ln = more.lines[word.line]
            line_of[(k, word.line)] = len(lines)
            lines.append(TextLine(ln.x0 + dx, ln.top + dy, ln.x1 + dx, ln.bottom + dy, ln.baseline + dy,
                                  ln.slope, ln.size, ln.descent))
        words.append(Word(word.text, word.x0 + dx, word.top + dy, word.x1 + dx, word.bottom + dy,
                          word.confidence, line_of[(k, word.line)]))
    return Recognition(tuple(words), tuple(lines))


#: what the remains of a ruling line are read as
LINE_MARKS = frozenset("|¦_[]")


def without_line_marks(found: Recognition, rulings: Rulings, reach: float) -> Recognition:
    """``found`` without the words that are only the remains of a ruling line: "|" or "_" within
    ``reach`` pixels of a line along it."""
    def mark(word) -> bool:
        if not set(word.text) <= LINE_MARKS:
            return False
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        return (any(abs(v[0] - cx) <= reach + (word.x1 - word.x0) / 2 and v[1] - reach <= cy <= v[3] + reach
                    for v in rulings.vertical)
                or any(abs(h[1] - cy) <= reach + (word.bottom - word.top) / 2 and h[0] - reach <= cx <= h[2] + reach
                       for h in rulings.horizontal))

    return Recognition(tuple(w for w in found.words if not mark(w)), found.lines)


def reading_image(image: PageImage, gray: np.ndarray, rulings: Rulings, fills: list[Fill],
                  settings: PdfSettings, grey: Optional[np.ndarray] = None) -> np.ndarray:
    """The grey page Tesseract reads: the table's lines painted out, and text on a fill set on
    white paper (all but the grey ink whitened, ``grey`` as :func:`grey_ink` gives it; on a dark
    fill the text, lighter than it, made dark)."""
    reading = gray.copy()
    reading[reading > settings.ocr_paper_level] = 255  # grain and the paper's tone
    reading[rulings.mask] = 255
    for fill in fills:
        x0, top, x1, bottom = (int(v) for v in fill.box)
        area = image.rgb[top:bottom, x0:x1].astype(np.int16)
        near = np.abs(area - np.array(fill.rgb, dtype=np.int16)).max(axis=2) <= 2 * settings.ocr_tint_tolerance
        part = reading[top:bottom, x0:x1]
        shade = gray[top:bottom, x0:x1]
        level = (299 * fill.rgb[0] + 587 * fill.rgb[1] + 114 * fill.rgb[2]) / 1000
        # is the text lighter than the fill? Asked off the box's edges, where its border lines are
        m = max(2, int(round(1.5 * image.dpi / 72)))
        inside = (slice(m, -m), slice(m, -m)) if min(near.shape) > 4 * m else (slice(None), slice(None))
        other = shade[inside][~near[inside]]
        if other.size and np.median(other) > level:  # light text on the fill: made dark
            # the pixels lighter than halfway from the fill to white: the text's strokes, not the
            # blur of the fill's edges and lines
            lighter = shade >= (level + 255) / 2
            part[:] = np.where(lighter, 255 - shade, 255)
            # ... and not the paper the box takes in at its edges (a slanted scan, a box a little
            # wider than its fill): light areas touching the box's border stay paper
            from scipy import ndimage

            light, _ = ndimage.label(~near & lighter)
            edge = np.unique(np.concatenate((light[0], light[-1], light[:, 0], light[:, -1])))
            part[np.isin(light, edge[edge > 0])] = 255
        elif grey is not None:  # dark text: all but its ink whitened (a JPEG's blotches too)
            part[~grey[top:bottom, x0:x1]] = 255
        part[near] = 255
    return reading


def _line(segment: Segment, to_page) -> dict:
    sx, sy, ox, oy = to_page
    x0, top, x1, bottom = segment[0] * sx + ox, segment[1] * sy + oy, segment[2] * sx + ox, segment[3] * sy + oy
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "pts": [(x0, top), (x1, bottom)], "fill": False, "stroke": True,
            "non_stroking_color": None, "stroking_color": (0.0, 0.0, 0.0)}


def _rect(box: Segment, rgb: tuple[int, int, int], to_page) -> dict:
    sx, sy, ox, oy = to_page
    x0, top, x1, bottom = box[0] * sx + ox, box[1] * sy + oy, box[2] * sx + ox, box[3] * sy + oy
    pts = [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)]
    return {"object_type": "rect", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "pts": pts,
            "fill": True, "stroke": False, "non_stroking_color": tuple(c / 255 for c in rgb),
            "stroking_color": None}
