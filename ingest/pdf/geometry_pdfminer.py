"""The pdfminer geometry source: a page's glyphs and vector shapes from pdfminer's layout.

pdfplumber's own ``page.chars`` / ``page.rects`` copy and resolve every attribute of every
object, which on these plans costs more than pdfminer's interpretation of the page itself.
The reader needs a handful of fields, so this walks the same layout (``page.layout``:
pdfminer has already applied /Rotate and any form's transform) and keeps only those, in
pdfplumber's top-down coordinates. Pure Python and slow, but the reference the pdfium
source is tested against (``--pdf-engine pdfminer``).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator, Optional

from actionplans.errors import InputError

from .source import Glyphs, PageGeometry, PageObjects, clean_title, printable

# pdfminer logs every oddity of a damaged file as a warning; with no logging set up those
# would reach stderr through Python's last-resort handler. A NullHandler keeps them quiet
# there while an application that configures logging still receives them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


class PdfminerSource:
    """A PDF opened with pdfplumber (pdfminer underneath)."""

    def __init__(self, path: Path, password: Optional[str] = None):
        import pdfplumber

        self._password = password
        try:
            self._pdf = pdfplumber.open(path, password=password or "")
            self.page_count = len(self._pdf.pages)
            self.title = clean_title((self._pdf.metadata or {}).get("Title"))
        except Exception as exc:  # pdfminer raises many types for damaged files: this is the boundary
            raise InputError(_reason(exc, password)) from None

    def pages(self) -> Iterator[PageGeometry]:
        for number, page in enumerate(self._pdf.pages, start=1):
            try:
                objects = page_objects(page)
                bbox = tuple(float(v) for v in page.bbox)
            except Exception as exc:
                raise InputError(_reason(exc, self._password)) from None
            finally:
                page.close()  # drop pdfplumber's cached objects: each page is parsed once
            yield PageGeometry(number=number, bbox=bbox, objects=objects)

    def close(self) -> None:
        self._pdf.close()


def _reason(exc: BaseException, password: Optional[str] = None) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen = exc
    while seen is not None:
        if isinstance(seen, (PDFPasswordIncorrect, PDFEncryptionError)):
            return ("encrypted PDF (the password given does not open it)" if password
                    else "encrypted PDF (password needed; use --password)")
        seen = seen.__cause__ or seen.__context__ or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
    return f"unreadable PDF: {printable(str(exc)) or type(exc).__name__}"


def _colour(value):
    if value is None or isinstance(value, (tuple, list)):
        return value
    return (value,)


def page_objects(page) -> PageObjects:
    """The page's glyphs (:class:`Glyphs`), and its rectangles, lines and curves as small
    dicts with pdfplumber's field names (x0, x1, top, bottom; pts as (x, top) pairs)."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect

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
                         stroking_color=_colour(obj.stroking_color),
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
    undecodable = sum(1 for g in chars if g["text"].startswith("(cid:"))
    return PageObjects(glyphs=Glyphs.from_rows(chars), rects=tuple(rects), lines=tuple(lines), curves=tuple(curves),
                       undecodable=undecodable)


def _fontname(name) -> str:
    if isinstance(name, bytes):
        return name.decode("latin-1", "replace")
    return str(name or "")
