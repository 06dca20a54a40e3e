"""Text recognition of a page image with Tesseract, through pytesseract.

pytesseract runs the ``tesseract`` program on the image and returns its hOCR: every word with its
box and confidence, every line with its box, baseline and row height (``x_size``, the size the
line's font has on the page). Both are optional at run time: :func:`check` says in one line what
to install when either is missing, and the reader asks it only when a page needs recognising.

(Why pytesseract and not tesserocr, which calls the library in-process: on the scanned forge
pages at 300 dpi the recognition itself is ~4.1 s a page either way and pytesseract adds 4% —
writing the image and starting the program; bench/ocr.py measures it. pytesseract is pure
Python and uses the distribution's own Tesseract, where tesserocr's wheels carry a second copy
of the library for some platforms only and need compiling elsewhere; and a crash of Tesseract
stays in its own process.)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy as np

from actionplans.errors import InputError

#: what to install, named in every message that says OCR cannot run
INSTALL = "pip install 'actionplans[ocr]' and apt-get install tesseract-ocr"
LANGUAGE = "eng"
#: Tesseract's page segmentation: sparse text, found wherever it lies. A plan's pages are mostly
#: table cells; the automatic layout (3) dropped short words standing alone in a cell ("RAG"
#: in a header beside coloured cells) that this mode reads
PAGE_SEGMENTATION = 11


@dataclass(frozen=True)
class Word:
    """A recognised word: its text, box in image pixels, confidence (0-100), and the line it
    is on (index into :attr:`Recognition.lines`)."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float
    line: int


@dataclass(frozen=True)
class TextLine:
    """A recognised line: box in image pixels, baseline (y at x of the box's left edge, and its
    slope), row height (the font's size in pixels), descender depth."""

    x0: int
    top: int
    x1: int
    bottom: int
    baseline: float
    slope: float
    size: float
    descent: float


@dataclass(frozen=True)
class Recognition:
    words: tuple[Word, ...]
    lines: tuple[TextLine, ...]


@lru_cache(maxsize=1)
def check() -> Optional[str]:
    """None when OCR can run here; otherwise a one-line reason naming what to install."""
    try:
        import pytesseract
    except ImportError:
        return f"the Python package pytesseract is not installed ({INSTALL})"
    try:
        pytesseract.get_tesseract_version()
    except Exception:  # TesseractNotFoundError, or a program that does not run
        return f"the tesseract program is not installed ({INSTALL})"
    try:
        languages = pytesseract.get_languages(config="")
    except Exception:
        languages = []
    if LANGUAGE not in languages:
        return f"Tesseract has no English data ({INSTALL}; the Debian package tesseract-ocr-eng)"
    return None


def recognise(gray: np.ndarray, dpi: int, timeout: float = 0, segmentation: int = 0) -> Recognition:
    """The words and lines Tesseract reads in ``gray`` (a 2-D uint8 page image at ``dpi``).
    ``timeout`` (seconds, 0 none) bounds one page; the batch's own limit bounds the file.
    ``segmentation`` is Tesseract's page segmentation mode (0: :data:`PAGE_SEGMENTATION`)."""
    import pytesseract
    from PIL import Image

    # one worker runs per core: Tesseract's own threads would only compete with the others
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = Image.fromarray(gray, "L")
    try:
        hocr = pytesseract.image_to_pdf_or_hocr(image, lang=LANGUAGE, extension="hocr",
                                                config=f"--psm {segmentation or PAGE_SEGMENTATION} --dpi {int(dpi)}", timeout=timeout or 0)
    except RuntimeError as exc:  # pytesseract's timeout
        raise InputError(f"OCR of a page took too long ({exc})") from None
    except pytesseract.TesseractError as exc:
        raise InputError(f"OCR failed: {' '.join(str(exc.message).split())[:160]}") from None
    return parse_hocr(hocr)


_BOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_NUMBER = r"(-?\d+(?:\.\d+)?)"


def _field(title: str, name: str, default: float = 0.0) -> float:
    m = re.search(rf"\b{name} {_NUMBER}", title)
    return float(m.group(1)) if m else default


def parse_hocr(hocr: bytes) -> Recognition:
    """Words and lines of Tesseract's hOCR output."""
    from lxml import etree

    root = etree.fromstring(hocr, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    words: list[Word] = []
    lines: list[TextLine] = []
    if root is None:
        return Recognition((), ())
    for line in root.iter("{*}span"):
        cls = line.get("class", "")
        if cls not in ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"):
            continue
        title = line.get("title", "")
        box = _BOX.search(title)
        if not box:
            continue
        x0, top, x1, bottom = map(int, box.groups())
        m = re.search(rf"baseline {_NUMBER} {_NUMBER}", title)
        slope, offset = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
        size = _field(title, "x_size", float(bottom - top))
        descent = _field(title, "x_descenders", 0.0)
        index = len(lines)
        lines.append(TextLine(x0, top, x1, bottom, baseline=bottom + offset, slope=slope, size=size,
                              descent=descent))
        for word in line.iter("{*}span"):
            if word.get("class") != "ocrx_word":
                continue
            text = "".join(word.itertext()).strip()
            wbox = _BOX.search(word.get("title", ""))
            if not text or not wbox:
                continue
            wx0, wtop, wx1, wbottom = map(int, wbox.groups())
            found = Word(number_read_as_letters(text), wx0, wtop, wx1, wbottom,
                         _field(word.get("title", ""), "x_wconf", 0.0), index)
            if not is_speck(found, size):
                words.append(found)
    return Recognition(tuple(words), tuple(lines))


#: a number with letters that look like digits in it: an optional capital prefix ("A", "R"),
#: then digits, l, I, | and O in parts joined by dots, at least one a real digit
_NUMBERISH = re.compile(r"([A-Z]{0,2})([0-9lI|O]+(?:[.)][0-9lI|O]+)*[.)]?)")
_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0"})


def number_read_as_letters(text: str) -> str:
    """``text`` with the letters read in place of digits inside a number put right: "Al.1" is
    "A1.1", "1O" is "10". Only a token that is a number (its prefix aside) with a digit in it."""
    m = _NUMBERISH.fullmatch(text)
    if not m or not any(ch.isdigit() for ch in m.group(2)):
        return text
    return m.group(1) + m.group(2).translate(_AS_DIGIT)


#: below this share of its line's font size a word's box is a speck of dirt, not a word
SPECK_SIZE = 0.25
#: a word of no letter or digit read with less confidence than this is dirt, a stray mark
MARK_CONFIDENCE = 50.0


def is_speck(word: Word, line_size: float) -> bool:
    """A mark of the scan read as a word: a box far smaller than the line's letters, or a word
    of no letter or digit read with low confidence ("|", "_" from a speck or a line's remains).
    A scan's dirt must not change text that repeats on every page (a running header)."""
    if max(word.x1 - word.x0, word.bottom - word.top) < SPECK_SIZE * line_size:
        return True
    return word.confidence < MARK_CONFIDENCE and not any(ch.isalnum() for ch in word.text)
