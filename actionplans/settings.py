"""What a caller sets: how one file is converted (:class:`ConvertOptions`, passed to every stage)
and how a batch runs (:class:`BatchOptions`). A leaf: it imports nothing of the package, so
every module can take the options without importing the code that acts on them (it imports
only the PDF reader's and the extract stage's settings dataclasses, leaves too). Checking
the values is :mod:`actionplans.options`'s job."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .extract_settings import DEFAULT as EXTRACT_DEFAULT
from .extract_settings import ExtractSettings
from .ingest.pdf.settings import DEFAULT as PDF_DEFAULT
from .ingest.pdf.settings import PdfSettings

__all__ = ["ConvertOptions", "BatchOptions", "PdfSettings", "ExtractSettings"]


@dataclass(frozen=True)
class ConvertOptions:
    """What changes the conversion of one file (the batch settings are in :class:`BatchOptions`)."""

    plan_date: Optional[str] = None  # ISO date, when the document does not state one
    authority: Optional[str] = None  # council name, when the document does not state one
    roster: Optional[str] = None  # path of a CSV of officers: name, role, aliases
    acronyms: Optional[str] = None  # path of a CSV of acronyms: abbreviation, expansion
    expand_acronyms: bool = False  # add expanded copies of the text columns
    password: Optional[str] = None  # opens encrypted PDFs
    pdf_engine: Optional[str] = None  # where PDF geometry is read from: "pdfium" (default) or "pdfminer"
    # which PDF pages are read from their image by OCR: "auto" (the default: scanned pages without
    # text), "always" (every page, whatever text layer it has) or "never"
    ocr: Optional[str] = None
    pdf: PdfSettings = PDF_DEFAULT  # the PDF reader's tolerances (library use; the command line keeps the defaults)
    extract: ExtractSettings = EXTRACT_DEFAULT  # the extract stage's thresholds (library use, likewise)



@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (what each file's conversion gives does not depend on these)."""

    jobs: Optional[int] = None  # worker processes; None: one per core; 0: in this process, no isolation
    timeout: Optional[float] = 120.0  # seconds per file; None or 0: no limit
    memory_limit: Optional[int] = 2048  # MB of address space a worker may add; None or 0: no limit
    dask: Optional[str] = None  # address of a Dask scheduler, e.g. "tcp://host:8786"
    journal: Optional[str] = None  # path of the resume journal (JSON lines), written as files complete
    resume: bool = False  # skip files the journal holds with the same content, name and options
