"""The pdfium geometry source: glyphs and vector shapes read with pypdfium2's raw API.

pdfium interprets the page in C++; what is left to Python is the glyphs' calls and one pass
over the page's path objects. Per glyph it costs two calls (its text object, its loose box),
mapped over the page's glyphs without a Python loop, the boxes written into one array;
everything that belongs to a text object rather than to a glyph (font size, clipping, and
for text along an axis its matrix: its glyphs share one baseline) is asked once per object,
and a font's name and descent once per font, then spread over the glyphs as arrays
(:class:`~.source.Glyphs`). Upright text on an unrotated page, nearly all of it, takes only
its x from the glyph's box. The calls are bound once so that a call costs little more than
pdfium's work: the GIL kept, and the per-glyph ones untyped (see _Api, bench/ingest.py).

Boxes follow pdfminer's, so that both sources give the same tables: across the line of
text a glyph spans its font size from the font's descent (pdfium's loose box takes the
font's ascent and the glyph's own ink instead); along the line it spans its advance, which
pdfium's loose box gives. A path is split at its subpaths and classed as pdfminer does: two
points a line, an axis-aligned closed four-sider a rectangle, anything else a curve.

Where the two engines' raw output differs and what is done about it:
- a ligature glyph ("ﬀ") mapped to several characters comes from pdfium as that many
  characters with one box; they are joined back into one glyph, as pdfminer gives it;
- pdfium marks a hyphen that ends a line as U+0002 (U+FFFE in its text API) and no longer
  says whether it was "-" or a soft hyphen: it is read as "-" (pdfminer keeps a soft hyphen,
  which the reader then drops when it joins the lines);
- where a font descriptor gives no /Descent, pdfminer puts the box's foot on the baseline
  and pdfium takes the descent from the font program: boxes then sit lower by the descent
  (the glyphs' real place); along the line pdfium's loose box reaches past the advance where
  ink overhangs it ("f", "k");
- text and shapes wholly outside their clipping path are dropped (pdfminer keeps them);
- spaces and line breaks pdfium infers (IsGenerated) are not glyphs and are left out.

pdfium is not thread-safe: one lock serialises every call into it from this module (worker
processes each have their own).
"""
from __future__ import annotations

import ctypes
import threading
from collections import deque
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Iterator, Optional

import numpy as np

from actionplans.errors import InputError

from .source import Glyphs, PageGeometry, PageObjects, clean_title, printable, turn_of

_LOCK = threading.RLock()

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row vectors, as in PDF: p' = p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


#: a handle as the untyped calls take it (see _Api): made once, copied as it is at each call
_arg = ctypes.c_void_p.from_param


def _places(buffer, start: int, step: int, count: int) -> Iterator:
    """Where a call mapped ``count`` times writes its output: ``buffer`` at byte ``start``,
    ``start + step``, … (as ``ctypes.byref`` gives them)."""
    return map(ctypes.byref, repeat(buffer, count), range(start, start + step * count, step))


class _Api:
    """The raw calls this module uses, rebound for speed.

    Every call keeps the GIL (``PYFUNCTYPE``): each takes microseconds and runs under _LOCK,
    and letting the GIL go and taking it back cost as much as a glyph's call. The calls have
    no argument types: converting an argument by its declared type (a lookup of its format
    per argument) cost more than pdfium's work. Callers pass a handle (text page, object,
    segment, clip) as made once by :data:`_arg`, an index as an int (a C int) and an output
    buffer with ``ctypes.byref``. The calls whose result is not used return nothing (a result
    is converted after a lookup too); handles come back as ints (``c_size_t``)."""

    def __init__(self):
        import pypdfium2.raw as raw

        self.raw = raw
        ci, handle = ctypes.c_int, ctypes.c_size_t

        def bind(fn, restype, *argtypes):
            address = ctypes.cast(fn, ctypes.c_void_p).value
            return ctypes.PYFUNCTYPE(restype, *argtypes)(address)

        # the text page: per glyph, or once per text object
        self.count_chars = bind(raw.FPDFText_CountChars, ci)  # (text page)
        self.get_text = bind(raw.FPDFText_GetText, ci)  # (text page, start, count, buffer)
        self.loose_box = bind(raw.FPDFText_GetLooseCharBox, None)  # (text page, index, FS_RECTF); left 0 if none
        self.char_matrix = bind(raw.FPDFText_GetMatrix, None)  # (text page, index, FS_MATRIX); left 0 if none
        self.text_object = bind(raw.FPDFText_GetTextObject, handle)  # (text page, index); 0: none
        self.is_generated = bind(raw.FPDFText_IsGenerated, ci)  # (text page, index)
        self.unicode_error = bind(raw.FPDFText_HasUnicodeMapError, ci)  # (text page, index)
        self.get_unicode = bind(raw.FPDFText_GetUnicode, ctypes.c_uint)  # (text page, index)
        # asked once per text object
        self.object_font = bind(raw.FPDFTextObj_GetFont, handle)  # (object); 0: none
        self.object_size = bind(raw.FPDFTextObj_GetFontSize, ci)  # (object, float)
        self.object_bounds = bind(raw.FPDFPageObj_GetBounds, ci)  # (object, 4 floats)
        self.object_clip = bind(raw.FPDFPageObj_GetClipPath, handle)  # (object); 0: none
        self.render_mode = bind(raw.FPDFTextObj_GetTextRenderMode, ci)  # (object): FPDF_TEXTRENDERMODE_*
        self.clip_paths = bind(raw.FPDFClipPath_CountPaths, ci)  # (clip)
        self.clip_segments = bind(raw.FPDFClipPath_CountPathSegments, ci)  # (clip, path)
        self.clip_segment = bind(raw.FPDFClipPath_GetPathSegment, handle)  # (clip, path, segment)
        self.segment_point = bind(raw.FPDFPathSegment_GetPoint, ci)  # (segment, float x, float y)
        # the page's objects and its paths, asked per object and per path segment
        self.count_objects = bind(raw.FPDFPage_CountObjects, ci)  # (page)
        self.page_object = bind(raw.FPDFPage_GetObject, handle)  # (page, index)
        self.object_type = bind(raw.FPDFPageObj_GetType, ci)  # (object)
        self.object_matrix = bind(raw.FPDFPageObj_GetMatrix, ci)  # (object, FS_MATRIX)
        self.draw_mode = bind(raw.FPDFPath_GetDrawMode, ci)  # (path, int fill mode, FPDF_BOOL stroke)
        self.path_segments = bind(raw.FPDFPath_CountSegments, ci)  # (path)
        self.path_segment = bind(raw.FPDFPath_GetPathSegment, handle)  # (path, index)
        self.segment_type = bind(raw.FPDFPathSegment_GetType, ci)  # (segment)
        self.segment_close = bind(raw.FPDFPathSegment_GetClose, ci)  # (segment)
        self.fill_colour = bind(raw.FPDFPageObj_GetFillColor, ci)  # (object, 4 unsigned ints)
        self.stroke_colour = bind(raw.FPDFPageObj_GetStrokeColor, ci)  # (object, 4 unsigned ints)
        # forms are few; the index is an unsigned long, typed
        self.form_count = bind(raw.FPDFFormObj_CountObjects, ci)  # (form)
        self.form_object = bind(raw.FPDFFormObj_GetObject, handle, ctypes.c_void_p, ctypes.c_ulong)


_api: Optional[_Api] = None


def _get_api() -> _Api:
    global _api
    if _api is None:
        _api = _Api()
    return _api


class PdfiumSource:
    """A PDF opened with pdfium."""

    def __init__(self, path: Path, password: Optional[str] = None):
        import pypdfium2 as pdfium

        self._password = password
        with _LOCK:
            api = _get_api()
            try:
                self._pdf = pdfium.PdfDocument(str(path), password=password or None)
            except pdfium.PdfiumError as exc:
                raise InputError(_reason(exc, password)) from None
            self._api = api
            self.page_count = len(self._pdf)
            try:
                self.title = clean_title(self._pdf.get_metadata_value("Title"))
            except Exception:  # a damaged info dictionary costs the title only
                self.title = None

    def pages(self) -> Iterator[PageGeometry]:
        import pypdfium2 as pdfium

        for index in range(self.page_count):
            with _LOCK:
                try:
                    page = self._pdf[index]
                except pdfium.PdfiumError:
                    raise InputError(f"unreadable PDF: page {index + 1} cannot be loaded") from None
                try:
                    geometry = _page_geometry(self._api, page, index + 1)
                finally:
                    page.close()
            yield geometry

    def close(self) -> None:
        with _LOCK:
            self._pdf.close()


def _reason(exc, password: Optional[str]) -> str:
    raw = _get_api().raw
    code = getattr(exc, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        return ("encrypted PDF (the password given does not open it)" if password
                else "encrypted PDF (password needed; use --password)")
    if code == raw.FPDF_ERR_SECURITY:
        return "encrypted PDF (its security handler is not supported)"
    if code == raw.FPDF_ERR_FORMAT:
        return "unreadable PDF: not a PDF, or damaged beyond repair"
    if code == raw.FPDF_ERR_FILE:
        return "unreadable PDF: the file cannot be opened"
    return f"unreadable PDF: {printable(str(exc)) or type(exc).__name__}"


def _page_transform(page) -> tuple[Matrix, tuple[float, float, float, float]]:
    """The matrix from PDF user space to pdfplumber's coordinates of the page (x right,
    top down, /Rotate applied as pdfminer applies it), and the page's bbox there."""
    x0, y0, x1, y1 = page.get_mediabox()
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    rotation = page.get_rotation() % 360
    if rotation == 90:
        ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        box = (y0, x0, y1, x1)
    elif rotation == 180:
        ctm = (-1, 0, 0, -1, x1, y1)
        box = (x0, y0, x1, y1)
    elif rotation == 270:
        ctm = (0, 1, -1, 0, y1, -x0)
        box = (y0, x0, y1, x1)
    else:
        ctm = (1, 0, 0, 1, -x0, -y0)
        box = (x0, y0, x1, y1)
    height = box[3] - box[1]
    mb_x0, mb_top = box[0], height - box[3]
    # pdfplumber: x = x' + mb_x0, top = height - y' + mb_top, with (x', y') = p·ctm
    flip: Matrix = (1, 0, 0, -1, mb_x0, height + mb_top)
    return _mult(ctm, flip), (box[0], mb_top, box[2], mb_top + height)


def _page_geometry(api: _Api, page, number: int) -> PageGeometry:
    to_page, bbox = _page_transform(page)
    raw = api.raw
    glyphs, undecodable, invisible = _glyphs(api, page, to_page)
    rects: list[dict] = []
    lines: list[dict] = []
    curves: list[dict] = []
    root = _arg(ctypes.cast(page.raw, ctypes.c_void_p).value)
    stack = [(api.count_objects(root), partial(api.page_object, root), _IDENTITY)]
    while stack:  # page objects, and those of form XObjects, depth first in painting order
        count, get, outer = stack.pop()
        handles = list(map(get, range(max(0, count))))
        objects = list(map(_arg, handles))
        for handle, obj, kind in zip(handles, objects, map(api.object_type, objects)):
            if kind == raw.FPDF_PAGEOBJ_PATH:
                _path(api, obj, outer, to_page, rects, lines, curves)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = _mult(_object_matrix(api, obj), outer)
                stack.append((api.form_count(obj), partial(api.form_object, handle), inner))
    return PageGeometry(number=number, bbox=bbox,
                        objects=PageObjects(glyphs=glyphs, rects=tuple(rects), lines=tuple(lines),
                                            curves=tuple(curves), undecodable=undecodable,
                                            invisible=invisible))


def _object_matrix(api: _Api, obj) -> Matrix:
    m = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
    if not api.object_matrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return tuple(memoryview(m).cast("B").cast("f").tolist())


def _colour(getter, obj) -> Optional[tuple[float, float, float]]:
    rgba = (ctypes.c_uint * 4)()
    byref = ctypes.byref
    if not getter(obj, byref(rgba), byref(rgba, 4), byref(rgba, 8), byref(rgba, 12)):
        return None
    r, g, b, _ = rgba
    return (r / 255, g / 255, b / 255)


def _clip_path_box(raw, clip, outer: Matrix) -> Optional[tuple[float, float, float, float]]:
    """The box (user space x0, y0, x1, y1) of a clipping path, or None when it is empty."""
    box = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for p in range(raw.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for s in range(raw.FPDFClipPath_CountPathSegments(clip, p)):
            seg = raw.FPDFClipPath_GetPathSegment(clip, p, s)
            if seg and raw.FPDFPathSegment_GetPoint(seg, x, y):
                a, b, c, d, e, f = outer
                xs.append(a * x.value + c * y.value + e)
                ys.append(b * x.value + d * y.value + f)
        if not xs:
            continue
        part = (min(xs), min(ys), max(xs), max(ys))
        box = part if box is None else (max(box[0], part[0]), max(box[1], part[1]),
                                        min(box[2], part[2]), min(box[3], part[3]))
    return box


def _outside(box, clip, slack: float = 1.0) -> bool:
    return clip is not None and (box[2] < clip[0] - slack or box[0] > clip[2] + slack
                                 or box[3] < clip[1] - slack or box[1] > clip[3] + slack)


def _fontname(raw, font) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 1:
        size = raw.FPDFFont_GetFamilyName(font, None, 0)
        getter = raw.FPDFFont_GetFamilyName
    else:
        getter = raw.FPDFFont_GetBaseFontName
    if size <= 1:
        return ""
    buf = ctypes.create_string_buffer(size)
    getter(font, buf, size)
    return buf.value.decode("utf-8", "replace")


def _font_facts(raw, font) -> tuple[str, float]:
    """(name, descent per unit of font size) of a font; ("", 0.0) for none."""
    if not font:
        return "", 0.0
    descent = ctypes.c_float()
    # pdfium scales the descent by the size it is given; per unit of font size here
    return _fontname(raw, font), descent.value if raw.FPDFFont_GetDescent(font, 1.0, descent) else 0.0


def _glyphs(api: _Api, page, to_page: Matrix) -> tuple[Glyphs, int, int]:
    """The page's glyphs, how many of them have no Unicode mapping, and how many are drawn
    invisibly (text render mode 3 or 7: the hidden text layer an OCR program lays over a scan).

    The per-glyph calls (its text object, its loose box) are mapped over the glyphs at C level,
    the boxes written straight into one array; everything else is asked once per text object
    and spread over its glyphs with array operations."""
    raw = api.raw
    tp_handle = raw.FPDFText_LoadPage(page.raw)
    if not tp_handle:
        return Glyphs.empty(), 0, 0
    tp = ctypes.c_void_p.from_param(ctypes.cast(tp_handle, ctypes.c_void_p).value)  # as the untyped calls take it
    try:
        n = api.count_chars(tp)
        if n <= 0:
            return Glyphs.empty(), 0, 0
        buf = (ctypes.c_ushort * (n + 1))()
        written = api.get_text(tp, 0, n, buf)
        text = bytes(buf)[: 2 * max(0, written - 1)].decode("utf-16-le", "replace")
        if len(text) != n:  # characters outside the BMP: one by one
            text = "".join(chr(api.get_unicode(tp, i)) for i in range(n))
        # pdfium puts U+0002 for a hyphen ending a line (and the text API U+FFFE): a hyphen it
        # was, or a soft hyphen, which is read as a hyphen here (see the module's notes)
        text = text.replace("\ufffe", "\x02")
        # what pdfium may have inferred rather than read: a space, a line break, a line-end hyphen
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        maybe = np.flatnonzero((codes == 32) | (codes == 13) | (codes == 10) | (codes == 2)).tolist()
        made = np.fromiter(map(api.is_generated, repeat(tp, len(maybe)), maybe), dtype=np.intc, count=len(maybe))
        real = np.ones(n, dtype=bool)
        real[np.array(maybe, dtype=np.intp)[made != 0]] = False
        chars = np.flatnonzero(real)
        char_list = chars.tolist()
        handle = np.fromiter(map(api.text_object, repeat(tp, len(char_list)), char_list),  # each one's text object
                             dtype=np.uint64, count=len(char_list))
        if not handle.all():  # a character of no text object (pdfium's own): no glyph
            chars, handle = chars[handle != 0], handle[handle != 0]
            char_list = chars.tolist()
        m = len(char_list)
        if not m:
            return Glyphs.empty(), 0, 0
        boxes = (ctypes.c_float * (4 * m))()  # FS_RECTF per glyph: left, top, right, bottom
        deque(map(api.loose_box, repeat(tp, m), char_list, _places(boxes, 0, 16, m)),
              maxlen=0)
        rect = np.frombuffer(boxes, dtype=np.float32).reshape(m, 4).astype(np.float64)
        page_text = np.empty(n, dtype=object)
        page_text[:] = list(text.replace("\x02", "-"))
        texts = page_text[chars]
        # one glyph, several characters (a ligature, "ff"): the same object and box twice running
        again = np.flatnonzero((handle[1:] == handle[:-1]) & (rect[1:] == rect[:-1]).all(axis=1)) + 1
        if len(again):
            head = np.ones(m, dtype=bool)
            head[again] = False
            first_of = np.maximum.accumulate(np.where(head, np.arange(m), 0))
            for j in again.tolist():
                texts[first_of[j]] += texts[j]
            keep = np.flatnonzero(head)
            chars, texts, rect, handle = chars[keep], texts[keep], rect[keep], handle[keep]
            char_list = chars.tolist()
        # what each text object's glyphs share, asked once per object (see _TextObjects)
        unique, first, owner = np.unique(handle, return_index=True, return_inverse=True)
        objects = _TextObjects(api, unique.tolist(), chars[first].tolist(), tp, to_page)
        shown = ~objects.hidden[owner]
        undecodable = int(objects.unmapped[owner][shown].sum())
        invisible = int(objects.invisible[owner][shown].sum())
        # text upright on an unrotated page, nearly all of it: x alone varies along an object
        ta, te = to_page[0], to_page[4]
        gx0, gx1 = ta * rect[:, 0] + te, ta * rect[:, 2] + te
        x0, x1 = np.minimum(gx0, gx1), np.maximum(gx0, gx1)
        g_top, g_bottom, g_size = objects.top[owner], objects.bottom[owner], objects.size[owner]
        turn = np.zeros(len(owner), dtype=np.int8)
        for k in np.flatnonzero(shown & ~objects.upright[owner]).tolist():  # turned by its matrix or the page's /Rotate
            x0[k], x1[k], g_top[k], g_bottom[k], g_size[k], turn[k] = _turned_glyph(
                rect[k].tolist(), objects, int(owner[k]), api, tp, char_list[k], to_page)
        keep = np.flatnonzero(shown)
        glyphs = Glyphs(text=tuple(texts[keep].tolist()), x0=x0[keep], x1=x1[keep], top=g_top[keep],
                        bottom=g_bottom[keep], size=g_size[keep], font=objects.font[owner][keep],
                        fonts=objects.font_names, turn=turn[keep])
        return glyphs, undecodable, invisible
    finally:
        raw.FPDFText_ClosePage(tp_handle)


class _TextObjects:
    """What the glyphs of each of a page's text objects share, asked once per object with the
    calls mapped over the objects: font, size, whether it is shown (an object lying wholly
    outside its clipping path is not), whether its font maps to Unicode, and its matrix, read
    at its first glyph. Text along an axis shares its object's baseline, so the object's
    first glyph's matrix stands for all of them; for text upright on an unrotated page that
    gives the glyphs' span across the line (``top``, ``bottom``, ``size``)."""

    def __init__(self, api: _Api, handles: list[int], first_chars: list[int], tp, to_page: Matrix):
        n = len(handles)
        objects = list(map(_arg, handles))
        fonts = list(map(api.object_font, objects))
        sizes = (ctypes.c_float * n)()
        found = np.array(list(map(api.object_size, objects, _places(sizes, 0, 4, n))),
                         dtype=bool)
        size = np.where(found, np.frombuffer(sizes, dtype=np.float32), 0.0).astype(np.float64)
        facts: dict[Optional[int], tuple[str, float]] = {}  # font handle -> (name, descent per unit of size)
        names: dict[str, int] = {}
        font, descent = [], []
        for handle in fonts:
            known = facts.get(handle)
            if known is None:
                known = facts[handle] = _font_facts(api.raw, ctypes.cast(handle, api.raw.FPDF_FONT) if handle else None)
            font.append(names.setdefault(known[0], len(names)))
            descent.append(known[1])
        self.font = np.array(font, dtype=np.intp)
        self.font_names = tuple(names)
        # across the line a glyph spans [descent, descent + 1] font sizes from its baseline
        descents = np.array(descent, dtype=np.float64)
        self.low, self.high = descents * size, (descents + 1.0) * size
        self.hidden = _hidden_by_clip(api, objects)
        modes = np.fromiter(map(api.render_mode, objects), dtype=np.intc, count=n)
        self.invisible = (modes == api.raw.FPDF_TEXTRENDERMODE_INVISIBLE) | (modes == api.raw.FPDF_TEXTRENDERMODE_CLIP)
        self.unmapped = np.array(list(map(api.unicode_error, repeat(tp, n), first_chars)), dtype=bool).astype(np.intp)
        matrices = (ctypes.c_float * (6 * n))()  # FS_MATRIX per object: a, b, c, d, e, f
        deque(map(api.char_matrix, repeat(tp, n), first_chars, _places(matrices, 0, 24, n)),
              maxlen=0)
        self.matrix = np.frombuffer(matrices, dtype=np.float32).reshape(n, 6).astype(np.float64)
        a, b, c, d, e, f = self.matrix.T
        ta, tb, tc, td, te, tf = to_page
        self.upright = (tb == 0) & (tc == 0) & (b == 0.0) & (c == 0.0) & (a > 0.0) & (d > 0.0)
        # text along an axis: its glyphs share the object's baseline and direction
        self.along_axis = ((b == 0.0) & (c == 0.0)) | ((a == 0.0) & (d == 0.0))
        y0, y1 = td * (f + self.high * d) + tf, td * (f + self.low * d) + tf
        top, bottom = np.minimum(y0, y1), np.maximum(y0, y1)
        self.top = np.where(self.upright, top, 0.0)
        self.bottom = np.where(self.upright, bottom, 0.0)
        self.size = np.where(self.upright, bottom - top, 0.0)


def _hidden_by_clip(api: _Api, objects: list) -> np.ndarray:
    """For each text object (handles as :data:`_arg` makes them): does it lie wholly outside
    its clipping path? (Every object of some producers' pages has one; the calls are mapped
    over the objects.)"""
    n = len(objects)
    hidden = np.zeros(n, dtype=bool)
    clips = np.fromiter(map(api.object_clip, objects), dtype=np.uint64, count=n)
    clipped = np.flatnonzero(clips).tolist()
    if not clipped:
        return hidden
    bounds = (ctypes.c_float * (4 * n))()  # left, bottom, right, top per object
    has_bounds = np.fromiter(map(api.object_bounds, objects, _places(bounds, 0, 16, n), _places(bounds, 4, 16, n),
                                 _places(bounds, 8, 16, n), _places(bounds, 12, 16, n)),
                             dtype=np.intc, count=n) != 0
    box = np.frombuffer(bounds, dtype=np.float32).reshape(n, 4).astype(np.float64)
    clip_args = list(map(_arg, clips.tolist()))
    paths = np.fromiter(map(api.clip_paths, (clip_args[k] for k in clipped)), dtype=np.intc, count=len(clipped))
    area = np.full((n, 4), np.nan)  # x0, y0, x1, y1 of each object's clipping path (NaN: none)
    simple = [k for k, count in zip(clipped, paths.tolist()) if count == 1]  # one path: the usual clip
    if simple:
        # objects painted under one clip share its path's points (pdfium shares the data, copy
        # on write): the address of the first point tells them apart, and each path is read once
        first_points = np.fromiter(map(api.clip_segment, (clip_args[k] for k in simple), repeat(0), repeat(0)),
                                   dtype=np.uint64, count=len(simple))
        shared, first_of, path_of = np.unique(first_points, return_index=True, return_inverse=True)
        paths_1 = [clip_args[simple[k]] for k in first_of.tolist()]  # each shared path's clip, once
        counts = np.fromiter(map(api.clip_segments, paths_1, repeat(0)), dtype=np.intc, count=len(paths_1))
        counts = np.maximum(counts, 0)
        owner = np.repeat(np.arange(len(paths_1)), counts)
        index = (np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)).tolist()
        segments = list(map(api.clip_segment, map(paths_1.__getitem__, owner.tolist()), repeat(0), index))
        m = len(segments)
        points = (ctypes.c_float * (2 * m))()
        read = np.fromiter(map(api.segment_point, map(_arg, segments), _places(points, 0, 8, m), _places(points, 4, 8, m)),
                           dtype=np.intc, count=m) != 0
        read &= np.array(segments, dtype=np.uint64) != 0
        xy = np.frombuffer(points, dtype=np.float32).reshape(m, 2).astype(np.float64)[read]
        whose = owner[read]
        path_box = np.full((len(paths_1), 4), np.nan)
        if len(whose):
            starts = np.flatnonzero(np.r_[True, whose[1:] != whose[:-1]])
            rows = whose[starts]
            path_box[rows, 0] = np.minimum.reduceat(xy[:, 0], starts)
            path_box[rows, 1] = np.minimum.reduceat(xy[:, 1], starts)
            path_box[rows, 2] = np.maximum.reduceat(xy[:, 0], starts)
            path_box[rows, 3] = np.maximum.reduceat(xy[:, 1], starts)
        area[simple] = path_box[path_of]
    for k in (k for k, count in zip(clipped, paths.tolist()) if count > 1):  # several paths: their boxes intersect
        found = _clip_path_box(api.raw, ctypes.cast(int(clips[k]), api.raw.FPDF_CLIPPATH), _IDENTITY)
        if found is not None:
            area[k] = found
    known = has_bounds & ~np.isnan(area[:, 0])
    slack = 1.0
    hidden[known] = ((box[known, 2] < area[known, 0] - slack) | (box[known, 0] > area[known, 2] + slack)
                     | (box[known, 3] < area[known, 1] - slack) | (box[known, 1] > area[known, 3] + slack))
    return hidden


def _turned_glyph(rect: list[float], objects: _TextObjects, k: int, api: _Api, tp, index: int,
                  to_page: Matrix) -> tuple[float, float, float, float, float, int]:
    """A glyph (``index`` in the text page, of text object ``k``) turned on the page, by its
    own matrix or the page's /Rotate: its x0, x1, top, bottom, size and turn."""
    if objects.along_axis[k]:
        matrix = objects.matrix[k].tolist()
    else:  # text at an angle: each glyph has its own matrix
        mat = (ctypes.c_float * 6)()
        api.char_matrix(tp, index, ctypes.byref(mat))
        matrix = memoryview(mat).cast("B").cast("f").tolist()
    a, b, c, d, e, f = matrix
    ta, tb, tc, td, te, tf = to_page
    lo, hi = float(objects.low[k]), float(objects.high[k])
    left, upper, right, lower = rect
    if abs(a) >= abs(b):  # along x: the advance from the loose box, across it the font size
        ux0, ux1 = left, right
        uy0, uy1 = f + lo * d, f + hi * d
    else:  # turned a quarter: the advance runs along y
        uy0, uy1 = lower, upper
        ux0, ux1 = e + lo * c, e + hi * c
    # to the page: a quarter-turn matrix maps boxes to boxes
    px0, py0 = ta * ux0 + tc * uy0 + te, tb * ux0 + td * uy0 + tf
    px1, py1 = ta * ux1 + tc * uy1 + te, tb * ux1 + td * uy1 + tf
    if px0 > px1:
        px0, px1 = px1, px0
    if py0 > py1:
        py0, py1 = py1, py0
    # the glyph matrix on the page in pdfminer's orientation (y up), as LTChar.matrix
    ga, gb, gc, gd = a * ta + b * tc, -(a * tb + b * td), c * ta + d * tc, -(c * tb + d * td)
    return px0, px1, py0, py1, py1 - py0, turn_of(ga * gd > 0 and gb * gc <= 0, ga, gb)


def _path(api: _Api, obj, outer: Matrix, to_page: Matrix, rects: list, lines: list, curves: list) -> None:
    """The path object ``obj`` (a handle as :data:`_arg` makes it) as pdfminer's lines,
    rectangles and curves, added to those lists."""
    raw = api.raw
    modes = (ctypes.c_int * 2)()
    if not api.draw_mode(obj, ctypes.byref(modes), ctypes.byref(modes, 4)):
        return
    fill, stroked = modes[0] != 0, bool(modes[1])
    if not (fill or stroked):
        return  # a clipping path: nothing is painted
    n = api.path_segments(obj)
    if n < 2:
        return
    own = _object_matrix(api, obj)
    a, b, c, d, e, f = _mult(_mult(own, outer), to_page)
    ua, ub, uc, ud, ue, uf = _mult(own, outer)
    segments = list(map(api.path_segment, repeat(obj, n), range(n)))
    handles = list(map(_arg, segments))
    xy = (ctypes.c_float * (2 * n))()
    found = list(map(api.segment_point, handles, _places(xy, 0, 8, n), _places(xy, 4, 8, n)))
    coords = memoryview(xy).cast("B").cast("f").tolist()
    kinds = list(map(api.segment_type, handles))
    closes = list(map(api.segment_close, handles))
    subpaths: list[list] = []  # each: [(x, top), ...], closed?
    xs_user, ys_user = [], []
    for s in range(n):
        if not segments[s] or not found[s]:
            continue
        kind = kinds[s]
        px, py = coords[2 * s], coords[2 * s + 1]
        xs_user.append(ua * px + uc * py + ue)
        ys_user.append(ub * px + ud * py + uf)
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([[point], "m", 0])
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            sub = subpaths[-1]
            sub[2] += 1
            if sub[2] % 3:
                continue  # a control point: pdfminer keeps only a curve's end points
            sub[0].append(point)
            sub[1] += "c"
        else:
            subpaths[-1][0].append(point)
            subpaths[-1][1] += "l"
        if closes[s]:
            sub = subpaths[-1]
            if sub[0][-1] != sub[0][0]:
                sub[0].append(sub[0][0])
                sub[1] += "h"
    if not xs_user:
        return
    clip = api.object_clip(obj)
    clip_box = (_clip_path_box(raw, ctypes.cast(clip, raw.FPDF_CLIPPATH), outer)
                if clip and api.clip_paths(_arg(clip)) > 0 else None)
    if _outside((min(xs_user), min(ys_user), max(xs_user), max(ys_user)), clip_box):
        return
    fill_colour = _colour(api.fill_colour, obj) if fill else None
    stroke_colour = _colour(api.stroke_colour, obj) if stroked else None
    for pts, shape, _ in subpaths:
        if len(pts) < 2:
            continue
        xs = [p[0] for p in pts]
        tops = [p[1] for p in pts]
        d_ = {"x0": min(xs), "x1": max(xs), "top": min(tops), "bottom": max(tops), "pts": pts,
              "fill": fill, "stroke": stroked, "non_stroking_color": fill_colour,
              "stroking_color": stroke_colour}
        if len(pts) == 2:
            d_["object_type"] = "line"
            lines.append(d_)
        elif len(pts) == 5 and _is_rect(pts):
            d_["object_type"] = "rect"
            rects.append(d_)
        else:
            d_["object_type"] = "curve"
            curves.append(d_)


def _is_rect(pts) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
    return last == pts[0] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                               or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))
