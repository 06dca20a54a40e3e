"""Read a file of any supported format into the one :class:`~actionplans.model.Document`.

One package per format (``docx``, ``html``, ``pdf``, ``text`` for text and Markdown exports,
``xlsx`` for Excel workbooks, ``ods`` for OpenDocument spreadsheets, ``delimited`` for CSV; the spreadsheet readers share :mod:`.spreadsheet`),
each exporting its ``read``; what several share is in :mod:`.common`. :func:`read` sniffs the
content (not only the extension) and dispatches to the format's reader.
"""
from __future__ import annotations

from pathlib import Path

from actionplans.model import Document

from .pdf.settings import DEFAULT as PDF_DEFAULT
from .pdf.settings import PdfSettings
from .sniff import sniff_format

__all__ = ["read", "sniff_format", "READERS"]


def _reader(fmt: str):
    if fmt == "docx":
        from . import docx as mod
    elif fmt == "html":
        from . import html as mod
    elif fmt == "pdf":
        from . import pdf as mod
    elif fmt == "md":
        from .text import markdown as mod
    elif fmt == "xlsx":
        from . import xlsx as mod
    elif fmt == "csv":
        from . import delimited as mod
    elif fmt == "ods":
        from . import ods as mod
    else:
        from . import text as mod
    return mod.read


READERS = ("docx", "html", "pdf", "txt", "md", "xlsx", "ods", "csv")


def read(path: str | Path, password: str | None = None, pdf: PdfSettings = PDF_DEFAULT,
         pdf_engine: str | None = None, ocr: str | None = None) -> Document:
    """Read ``path`` into a Document. Raises :class:`InputError` with a one-line reason.
    ``password`` opens an encrypted PDF; ``pdf`` are the PDF reader's tolerances and
    ``pdf_engine`` ("pdfium", the default, or "pdfminer") where its glyphs and shapes are read from;
    ``ocr`` ("auto", the default, "always" or "never") which of its pages are read by OCR."""
    path = Path(path)
    fmt = sniff_format(path)
    if fmt == "pdf":
        from . import pdf as pdf_reader
        from .pdf.source import DEFAULT_ENGINE
        return pdf_reader.read(path, settings=pdf, password=password, engine=pdf_engine or DEFAULT_ENGINE,
                               ocr=ocr or "auto")
    return _reader(fmt)(path)
