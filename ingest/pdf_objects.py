"""A page's glyphs and vector shapes, read from pdfminer's layout in one pass.

pdfplumber's own ``page.chars`` / ``page.rects`` copy and resolve every attribute of every
object, which on these plans costs more than pdfminer's interpretation of the page itself
(see bench/ingest.py --profile). The reader needs a handful of fields, so this walks the
same layout (``page.layout``: pdfminer has already applied /Rotate and any form's
transform) and keeps only those, in pdfplumber's top-down coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect


@dataclass(frozen=True)
class PageObjects:
    chars: tuple[dict, ...]
    rects: tuple[dict, ...]
    lines: tuple[dict, ...]
    curves: tuple[dict, ...]


def _colour(value):
    if value is None or isinstance(value, (tuple, list)):
        return value
    return (value,)


def page_objects(page) -> PageObjects:
    """The page's glyphs, rectangles, lines and curves as small dicts with pdfplumber's
    field names (x0, x1, top, bottom; pts as (x, top) pairs)."""
    mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
    height = page.height
    chars: list[dict] = []
    rects: list[dict] = []
    lines: list[dict] = []
    curves: list[dict] = []

    def box(obj) -> dict:
        return {"x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                "top": height - obj.y1 + mb_top, "bottom": height - obj.y0 + mb_top}

    def walk(items) -> None:
        for obj in items:
            if isinstance(obj, LTChar):
                d = box(obj)
                d.update(text=obj.get_text(), size=obj.size, fontname=_fontname(obj.fontname),
                         upright=obj.upright, matrix=obj.matrix)
                chars.append(d)
            elif isinstance(obj, LTCurve):
                d = box(obj)
                d.update(fill=obj.fill, stroke=obj.stroke,
                         non_stroking_color=_colour(obj.non_stroking_color),
                         pts=[(mb_x0 + x, mb_top + height - y) for x, y in obj.pts])
                if isinstance(obj, LTRect):
                    d["object_type"] = "rect"
                    rects.append(d)
                elif isinstance(obj, LTLine):
                    d["object_type"] = "line"
                    lines.append(d)
                else:
                    d["object_type"] = "curve"
                    curves.append(d)
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(page.layout)
    return PageObjects(chars=tuple(chars), rects=tuple(rects), lines=tuple(lines), curves=tuple(curves))


def _fontname(name) -> str:
    if isinstance(name, bytes):
        return name.decode("latin-1", "replace")
    return str(name or "")
