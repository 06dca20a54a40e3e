"""Which pages of a PDF are read by OCR, and reading them (for :func:`.reader.read`).

``mode`` is the ``--ocr`` option: "never" reads only the PDF's own text (a page without any is
empty); "always" recognises every page's image, whatever text layer it has; "auto" (the
default) recognises the pages without text that are scans — an image covers a good share of
the page (``ocr_image_share``). A blank page, or one of drawings only, stays as it is, and a
born-digital PDF is read exactly as without OCR.

The PDF is opened a second time with pypdfium2 for rendering, only when a page needs it.
When OCR cannot run here (no pytesseract, no tesseract program, no English data), "always"
fails at once with a one-line reason naming what to install; "auto" reads the pages that have
text and notes each scan it left unread, and fails with that reason only when no page had text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np

from actionplans.errors import InputError

from . import ocr
from .settings import PdfSettings
from .source import PageGeometry

MODES = ("auto", "always", "never")
DEFAULT_MODE = "auto"


class Scanner:
    def __init__(self, path: Path, password: Optional[str], mode: str, settings: PdfSettings):
        if mode not in MODES:
            raise ValueError(f"unknown OCR mode {mode!r} (choose from {', '.join(MODES)})")
        self.path, self.password, self.mode, self.settings = path, password, mode, settings
        self._pdf = None
        self.read_pages: list[int] = []  # pages read by OCR
        self.angles: list[float] = []  # the angle each was straightened by
        self.unread: list[int] = []  # scans left unread: OCR cannot run here
        self.reason: Optional[str] = None  # why not
        if mode == "always":
            reason = ocr.check()
            if reason:
                raise InputError(f"OCR (--ocr always) cannot run: {reason}")

    def wants(self, page: PageGeometry) -> bool:
        """Should ``page`` be read from its image?"""
        if self.mode == "never":
            return False
        if self.mode == "always":
            return True
        glyphs = page.objects.glyphs
        if len(glyphs) and not glyphs.blank.all():
            return False
        return self._image_share(page.number) >= self.settings.ocr_image_share

    def read(self, page: PageGeometry) -> PageGeometry:
        """``page`` as recognised from its image; ``page`` itself when OCR cannot run (noted)."""
        reason = ocr.check()
        if reason:
            self.reason = reason
            self.unread.append(page.number)
            return page
        from .geometry_pdfium import _LOCK
        from .scan import scanned_page

        dpi = self.settings.ocr_dpi
        with _LOCK:
            pdf_page = self._document()[page.number - 1]
            try:
                rgb = np.asarray(pdf_page.render(scale=dpi / 72.0).to_pil().convert("RGB"))
            finally:
                pdf_page.close()
        geometry, angle, _ = scanned_page(rgb, dpi, page.number, page.bbox, self.settings)
        self.read_pages.append(page.number)
        self.angles.append(angle)
        return geometry

    def notes(self) -> tuple[str, ...]:
        out = []
        if self.read_pages:
            turned = max((abs(a) for a in self.angles), default=0.0)
            out.append(f"OCR: {_pages(self.read_pages)} read from the page image with Tesseract"
                       + (f", straightened by up to {turned:.1f} degrees" if turned else ""))
        if self.unread:
            out.append(f"{_pages(self.unread)} without a text layer not read: {self.reason}")
        return tuple(out)

    def no_text_error(self) -> InputError:
        """The error for a PDF none of whose pages gave text."""
        if self.unread and self.reason:
            return InputError(f"PDF has no text layer (scanned pages?) and OCR cannot run: {self.reason}")
        if self.mode == "never":
            return InputError("PDF has no text layer (scanned pages?): run OCR on it first (--ocr auto)")
        if self.read_pages:
            return InputError("PDF has no text layer, and OCR found no text in its pages")
        return InputError("PDF has no text layer (scanned pages?): run OCR on it first")

    def close(self) -> None:
        if self._pdf is not None:
            from .geometry_pdfium import _LOCK

            with _LOCK:
                self._pdf.close()
            self._pdf = None

    def _document(self):
        if self._pdf is None:
            import pypdfium2 as pdfium

            self._pdf = pdfium.PdfDocument(str(self.path), password=self.password or None)
        return self._pdf

    def _image_share(self, number: int) -> float:
        """Share of page ``number``'s area that its images cover (their boxes, clipped to the page)."""
        import pypdfium2.raw as raw
        from .geometry_pdfium import _LOCK

        with _LOCK:
            page = self._document()[number - 1]
            try:
                width, height = page.get_size()
                left, bottom, right, top = page.get_bbox()
                covered = 0.0
                for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
                    x0, y0, x1, y1 = obj.get_bounds()
                    w = max(0.0, min(x1, right) - max(x0, left))
                    h = max(0.0, min(y1, top) - max(y0, bottom))
                    covered += w * h
            finally:
                page.close()
        return min(1.0, covered / max(width * height, 1e-9))


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "pages " + ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
