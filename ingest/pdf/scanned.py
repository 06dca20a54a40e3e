"""Which pages of a PDF are read by OCR, and reading them (for :func:`.reader.read`).

``mode`` is the ``--ocr`` option: "never" reads only the PDF's own text (a page without any is
empty); "always" recognises every page's image, whatever text layer it has; "auto" (the
default) recognises the pages without text that are scans — an image covers a good share of
the page (``ocr_image_share``) — and the scans whose only text is a poor hidden OCR layer. A
blank page, or one of drawings only, stays as it is, and a born-digital PDF is read exactly as
without OCR.

A hidden OCR layer is text drawn invisibly (render mode 3 or 7; most of the page's glyphs,
``ocr_layer_invisible``) over an image covering the page: what an OCR program leaves in a scan
to make it searchable. Its quality is the share of its tokens that look like words
(:func:`word_likeness`: words of letters with a vowel and one case pattern, numbers, dates,
references; not "Xq#rt", "vvl1", "tbe,;"), and a layer is poor when that share is below
``ocr_layer_min_words``, or ``ocr_layer_below_document`` below the median of the document's
hidden layers (one page scanned badly among good ones). The judgement needs every page's
layer, so the poor ones are read again from their images once all pages are read
(:meth:`Scanner.poor_layers`). Only the pdfium engine says which text is invisible.

The PDF is opened a second time with pypdfium2 for rendering, only when a page needs it.
When OCR cannot run here (no pytesseract, no tesseract program, no English data), "always"
fails at once with a one-line reason naming what to install; "auto" reads the pages that have
text and notes each scan it left unread, and fails with that reason only when no page had text.
"""
from __future__ import annotations

import re
from pathlib import Path
from statistics import median
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
        self.layers: dict[int, float] = {}  # pages with a hidden OCR layer: its share of word-like tokens
        self.replaced: list[int] = []  # pages whose poor hidden layer was replaced by OCR
        self.kept_poor: list[int] = []  # ... kept: OCR cannot run here
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

    def hidden_layer(self, page: PageGeometry) -> Optional[float]:
        """For a page (not read by OCR) whose text is a hidden OCR layer over a scan (see the
        module's doc), the layer's share of word-like tokens (recorded for :meth:`poor_layers`);
        None for any other page, and in modes other than "auto"."""
        if self.mode != "auto":
            return None
        glyphs = page.objects.glyphs
        if not len(glyphs) or page.objects.invisible < self.settings.ocr_layer_invisible * len(glyphs):
            return None
        if self._image_share(page.number) < self.settings.ocr_image_share:
            return None
        good, tokens = word_likeness("".join(glyphs.text))
        if tokens < self.settings.ocr_layer_min_tokens:
            return None
        self.layers[page.number] = good / tokens
        return self.layers[page.number]

    def poor_layers(self) -> list[int]:
        """The pages whose hidden OCR layer is poor (see the module's doc), to be read again from
        their images; none when OCR cannot run here (they are noted as kept)."""
        if not self.layers:
            return []
        usual = median(self.layers.values())
        floor = max(self.settings.ocr_layer_min_words, usual - self.settings.ocr_layer_below_document)
        poor = sorted(n for n, q in self.layers.items() if q < floor)
        reason = ocr.check() if poor else None
        if reason:
            self.reason = reason
            self.kept_poor = poor
            return []
        self.replaced = poor
        return poor

    def read(self, page: PageGeometry) -> PageGeometry:
        """``page`` as recognised from its image; ``page`` itself when OCR cannot run (noted)."""
        reason = ocr.check()
        if reason:
            self.reason = reason
            self.unread.append(page.number)
            return page
        from actionplans.deadline import more_time

        from .geometry_pdfium import _LOCK
        from .scan import scanned_page

        more_time(1)  # a batch worker gives the file more time for the page
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
        if self.replaced:
            out.append(f"OCR: {_pages(self.replaced)} had a poor hidden OCR text layer "
                       f"({_shares(self.replaced, self.layers)} of its words look like words): read from the image instead")
        if self.kept_poor:
            out.append(f"{_pages(self.kept_poor)} have a poor hidden OCR text layer "
                       f"({_shares(self.kept_poor, self.layers)} of its words look like words), read as it is: {self.reason}")
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


def _shares(numbers: list[int], layers: dict[int, float]) -> str:
    values = [layers[n] for n in numbers]
    lo, hi = min(values), max(values)
    return f"{lo:.0%}" if round(lo, 2) == round(hi, 2) else f"{lo:.0%}-{hi:.0%}"


# ---------------------------------------------------------------------------------------
# how much of a text looks like words
# ---------------------------------------------------------------------------------------

#: punctuation a word may have around it ("(a)", "plans,", "'care'")
_AROUND = "\"'‘’“”()[]{}<>,.;:!?*•·"
#: a token of punctuation alone that prose has ("-", "&", "/")
_MARKS = frozenset("-–—&/+=%•·*#")
#: a number, a date, an amount, a time, an ordinal: "2024", "15/05/2020", "£1,200", "10%", "1st", "Q3"
_NUMBER = re.compile(r"(?:[£$€]|[A-Z]{1,2})?\d[\d,./:\-–]*(?i:%|st|nd|rd|th|s|k|m|am|pm)?")
#: a reference: "A1.1", "R2", "2.3a", "1(a)", "(iv)"
_REF = re.compile(r"[A-Z]{0,3}\d+(?:[.\-]\d+)*[a-z]?(?:\([a-z0-9]{1,4}\))?|\(?(?i:[ivxlc]{1,6})\)?")
_VOWEL = re.compile(r"[aeiouyAEIOUYàâäéèêëîïôöùûüÿ]")
_REPEAT = re.compile(r"(.)\1\1")  # one character three times running ("lll", "...")
_CONSONANTS = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{6}")  # six consonants running
_JOINS = re.compile(r"['’\-–/&.]")


def _one_case(part: str) -> bool:
    """Letters in one of a word's case patterns: lower, Capitalised, UPPER (an acronym's plural too)."""
    return (part.islower() or part.isupper() or (part[0].isupper() and part[1:].islower())
            or (len(part) > 2 and part[:-1].isupper() and part[-1] == "s"))


def _word_like(token: str) -> Optional[bool]:
    """Does ``token`` look like a word (True), like OCR garbage (False), or say nothing (None:
    punctuation of prose)?"""
    core = token.strip(_AROUND)
    if not core:
        return None if set(token) <= set(_AROUND) | _MARKS else False
    if set(core) <= _MARKS:
        return None
    if _NUMBER.fullmatch(core) or _REF.fullmatch(core):
        return True
    if len(core) > 30 or _REPEAT.search(core) or _CONSONANTS.search(core):
        return False
    if core.endswith(("'s", "’s")):
        core = core[:-2]
    for part in _JOINS.split(core):
        if not part or part.isdigit():  # "17-year-olds"
            continue
        if not part.isalpha() or not _one_case(part):
            return False
        if len(part) >= 2 and not part.isupper() and not _VOWEL.search(part):
            return False
    return True


def word_likeness(text: str) -> tuple[int, int]:
    """(tokens that look like words, tokens judged) in ``text``: see :func:`_word_like`."""
    good = judged = 0
    for token in text.split():
        verdict = _word_like(token)
        if verdict is None:
            continue
        judged += 1
        good += verdict
    return good, judged
