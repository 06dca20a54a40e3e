"""The pdfium geometry source: glyphs and vector shapes read with pypdfium2's raw API.

pdfium interprets the page in C++; what is left to Python is one pass over the glyphs and
one over the page's path objects. Per glyph it costs two calls (its text object, its loose
box); everything that belongs to a text object rather than to a glyph (font size, fill
colour, clipping, and for text along an axis its matrix: its glyphs share one baseline) is
asked once per object, and a font's name, descent and weight once per font. Upright text on
an unrotated page, nearly all of it, then takes only its x from the glyph's box. The hot
calls are bound once with plain pointer types so that no ctypes object is built per call
(see bench/ingest.py).

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
from pathlib import Path
from typing import Iterator, Optional

from actionplans.errors import InputError

from .source import PageGeometry, PageObjects, clean_title, printable

_LOCK = threading.RLock()

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row vectors, as in PDF: p' = p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class _Api:
    """The raw calls this module uses, the per-glyph ones rebound with plain pointer types."""

    def __init__(self):
        import pypdfium2.raw as raw

        self.raw = raw
        vp, ci, dp = ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p

        def bind(fn, restype, *argtypes):
            address = ctypes.cast(fn, ctypes.c_void_p).value
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        self.count_chars = bind(raw.FPDFText_CountChars, ci, vp)
        self.get_text = bind(raw.FPDFText_GetText, ci, vp, ci, ci, vp)
        self.loose_box = bind(raw.FPDFText_GetLooseCharBox, ci, vp, ci, dp)
        self.char_matrix = bind(raw.FPDFText_GetMatrix, ci, vp, ci, dp)
        self.text_object = bind(raw.FPDFText_GetTextObject, vp, vp, ci)
        self.is_generated = bind(raw.FPDFText_IsGenerated, ci, vp, ci)
        self.unicode_error = bind(raw.FPDFText_HasUnicodeMapError, ci, vp, ci)
        self.get_unicode = bind(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, ci)


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
    chars, undecodable = _glyphs(api, page, to_page)
    rects: list[dict] = []
    lines: list[dict] = []
    curves: list[dict] = []
    root = page.raw
    stack = [(raw.FPDFPage_CountObjects(root), lambda k: raw.FPDFPage_GetObject(root, k), _IDENTITY)]
    while stack:  # page objects, and those of form XObjects, depth first in painting order
        count, get, outer = stack.pop()
        for k in range(count):
            obj = get(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                _path(raw, obj, outer, to_page, rects, lines, curves)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = _mult(_object_matrix(raw, obj), outer)
                stack.append((raw.FPDFFormObj_CountObjects(obj),
                              lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j), inner))
    return PageGeometry(number=number, bbox=bbox,
                        objects=PageObjects(chars=tuple(chars), rects=tuple(rects), lines=tuple(lines),
                                            curves=tuple(curves), undecodable=undecodable))


def _object_matrix(raw, obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _colour(raw, getter, obj) -> Optional[tuple[float, float, float]]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _clip_box(raw, obj, outer: Matrix) -> Optional[tuple[float, float, float, float]]:
    """The box (user space x0, y0, x1, y1) of an object's clipping path, or None when it
    has none or the path is empty."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
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


def _font_facts(raw, font) -> tuple[str, float, int]:
    """(name, descent per unit of font size, weight) of a font; ("", 0.0, -1) for none."""
    if not font:
        return "", 0.0, -1
    descent = ctypes.c_float()
    # pdfium scales the descent by the size it is given; per unit of font size here
    return (_fontname(raw, font), descent.value if raw.FPDFFont_GetDescent(font, 1.0, descent) else 0.0,
            raw.FPDFFont_GetWeight(font))


def _glyphs(api: _Api, page, to_page: Matrix) -> tuple[list[dict], int]:
    raw = api.raw
    tp_handle = raw.FPDFText_LoadPage(page.raw)
    if not tp_handle:
        return [], 0
    tp = ctypes.cast(tp_handle, ctypes.c_void_p).value
    try:
        n = api.count_chars(tp)
        if n <= 0:
            return [], 0
        buf = (ctypes.c_ushort * (n + 1))()
        written = api.get_text(tp, 0, n, ctypes.addressof(buf))
        text = bytes(buf)[: 2 * max(0, written - 1)].decode("utf-16-le", "replace")
        if len(text) != n:  # characters outside the BMP: one by one
            text = "".join(chr(api.get_unicode(tp, i)) for i in range(n))
        # pdfium puts U+0002 for a hyphen ending a line (and the text API U+FFFE): a hyphen it
        # was, or a soft hyphen, which is read as a hyphen here (see the module's notes)
        text = text.replace("\ufffe", "\x02")
        box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
        box_at, box_floats = ctypes.addressof(box), memoryview(box).cast("B").cast("f")
        loose_box, text_object, is_generated = api.loose_box, api.text_object, api.is_generated
        ta, te = to_page[0], to_page[4]
        # per text object: what its glyphs share (see _ObjectGlyphs)
        objects: dict[int, _ObjectGlyphs] = {}
        fonts: dict[Optional[int], tuple[str, float, int]] = {}  # font handle -> _font_facts
        out: list[dict] = []
        append = out.append
        undecodable = 0
        last_obj, last_box = None, None
        shared: Optional[_ObjectGlyphs] = None
        for i in range(n):
            ch = text[i]
            if ch in " \r\n\x02":
                if is_generated(tp, i):
                    continue  # a space or line break pdfium inferred; no glyph of the page
                if ch == "\x02":
                    ch = "-"
            obj = text_object(tp, i)
            if not obj:
                continue
            loose_box(tp, i, box_at)
            rect = box_floats.tolist()
            if obj == last_obj:
                if rect == last_box:
                    out[-1]["text"] += ch  # one glyph, several characters: a ligature ("ff")
                    continue
            else:
                last_obj = obj
                shared = objects.get(obj)
                if shared is None:
                    shared = objects[obj] = _ObjectGlyphs(api, obj, tp, i, fonts)
            last_box = rect
            if shared.hidden:
                continue
            undecodable += shared.unmapped
            if shared.upright is None:
                shared.place(api, tp, i, to_page)
            if shared.upright:  # the common case, text upright on an unrotated page: x alone varies
                px0, px1 = ta * rect[0] + te, ta * rect[2] + te
                if px0 > px1:
                    px0, px1 = px1, px0
                bottom = shared.bottom
                append({"text": ch, "x0": px0, "x1": px1, "top": shared.top, "bottom": bottom,
                        "size": shared.size, "fontname": shared.fontname, "weight": shared.weight,
                        "upright": True, "matrix": (shared.ma, 0.0, 0.0, shared.md, px0, bottom),
                        "non_stroking_color": shared.colour})
            else:
                append(_turned_glyph(ch, rect, shared, api, tp, i, to_page))
        return out, undecodable
    finally:
        raw.FPDFText_ClosePage(tp_handle)


class _ObjectGlyphs:
    """What the glyphs of one text object share: its style, asked once, and, for text
    upright on an unrotated page, the span across the line (the object's glyphs share its
    baseline: its first glyph's matrix stands for all of them, as for any text along an axis)."""

    __slots__ = ("hidden", "unmapped", "low", "high", "fontname", "weight", "colour",
                 "upright", "matrix", "top", "bottom", "size", "ma", "md")

    def __init__(self, api: _Api, handle: int, tp, index: int, fonts: dict):
        raw = api.raw
        obj = ctypes.cast(handle, raw.FPDF_PAGEOBJECT)
        font = raw.FPDFTextObj_GetFont(obj)
        size = ctypes.c_float()
        size = size.value if raw.FPDFTextObj_GetFontSize(obj, size) else 0.0
        key = ctypes.cast(font, ctypes.c_void_p).value if font else None
        known = fonts.get(key)
        if known is None:
            known = fonts[key] = _font_facts(raw, font)
        self.fontname, descent, self.weight = known
        # across the line a glyph spans [descent, descent + 1] font sizes from its baseline
        self.low, self.high = descent * size, (descent + 1.0) * size
        self.colour = _colour(raw, raw.FPDFPageObj_GetFillColor, obj)
        # a text object lying wholly outside its clipping path is not shown
        left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        hidden = False
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            hidden = _outside((left.value, bottom.value, right.value, top.value), _clip_box(raw, obj, _IDENTITY))
        self.hidden = hidden
        # asked of the object's first glyph: a font without a Unicode map fails for all its glyphs
        self.unmapped = 1 if api.unicode_error(tp, index) else 0
        self.upright: Optional[bool] = None  # not placed yet
        self.matrix: Optional[list[float]] = None

    def place(self, api: _Api, tp, index: int, to_page: Matrix) -> None:
        """Read the object's matrix at its first shown glyph ``index``."""
        mat = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
        api.char_matrix(tp, index, ctypes.addressof(mat))
        matrix = memoryview(mat).cast("B").cast("f").tolist()
        a, b, c, d, e, f = matrix
        if (b == 0.0 and c == 0.0) or (a == 0.0 and d == 0.0):
            self.matrix = matrix  # text along an axis: the object's glyphs share its baseline and direction
        ta, tb, tc, td, te, tf = to_page
        self.upright = tb == 0 and tc == 0 and b == 0.0 and c == 0.0 and a > 0.0 and d > 0.0
        if self.upright:
            py0, py1 = td * (f + self.high * d) + tf, td * (f + self.low * d) + tf
            if py0 > py1:
                py0, py1 = py1, py0
            self.top, self.bottom, self.size = py0, py1, py1 - py0
            self.ma, self.md = a * ta, -d * td


def _turned_glyph(ch: str, rect: list[float], shared: _ObjectGlyphs, api: _Api, tp, index: int,
                  to_page: Matrix) -> dict:
    """A glyph turned on the page (by its own matrix or the page's /Rotate)."""
    matrix = shared.matrix
    if matrix is None:  # text at an angle: each glyph has its own matrix
        mat = (ctypes.c_float * 6)()
        api.char_matrix(tp, index, ctypes.addressof(mat))
        matrix = memoryview(mat).cast("B").cast("f").tolist()
    a, b, c, d, e, f = matrix
    ta, tb, tc, td, te, tf = to_page
    lo, hi = shared.low, shared.high
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
    return {"text": ch, "x0": px0, "x1": px1, "top": py0, "bottom": py1,
            "size": py1 - py0, "fontname": shared.fontname, "weight": shared.weight,
            "upright": ga * gd > 0 and gb * gc <= 0,
            "matrix": (ga, gb, gc, gd, px0, py1), "non_stroking_color": shared.colour}


def _path(raw, obj, outer: Matrix, to_page: Matrix, rects: list, lines: list, curves: list) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return
    fill, stroked = fill_mode.value != 0, bool(stroke.value)
    if not (fill or stroked):
        return  # a clipping path: nothing is painted
    n = raw.FPDFPath_CountSegments(obj)
    if n < 2:
        return
    a, b, c, d, e, f = _mult(_mult(_object_matrix(raw, obj), outer), to_page)
    ua, ub, uc, ud, ue, uf = _mult(_object_matrix(raw, obj), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list] = []  # each: [(x, top), ...], closed?
    xs_user, ys_user = [], []
    for s in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, s)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        px, py = x.value, y.value
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
        if raw.FPDFPathSegment_GetClose(seg):
            sub = subpaths[-1]
            if sub[0][-1] != sub[0][0]:
                sub[0].append(sub[0][0])
                sub[1] += "h"
    if not xs_user:
        return
    clip = _clip_box(raw, obj, outer)
    if _outside((min(xs_user), min(ys_user), max(xs_user), max(ys_user)), clip):
        return
    fill_colour = _colour(raw, raw.FPDFPageObj_GetFillColor, obj) if fill else None
    stroke_colour = _colour(raw, raw.FPDFPageObj_GetStrokeColor, obj) if stroked else None
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
