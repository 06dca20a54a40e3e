"""Open a PDF with one of the two geometry engines (:mod:`.source` says what they give)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .geometry_pdfium import PdfiumSource
from .geometry_pdfminer import PdfminerSource
from .source import DEFAULT_ENGINE, ENGINES, GeometrySource

__all__ = ["open_source", "ENGINES", "DEFAULT_ENGINE"]


def open_source(path: Path, engine: str = DEFAULT_ENGINE, password: Optional[str] = None) -> GeometrySource:
    """Open ``path`` with ``engine`` ("pdfium" or "pdfminer"). Raises InputError with a
    one-line reason when the file is encrypted, damaged or not a PDF."""
    if engine == "pdfium":
        return PdfiumSource(path, password)
    if engine == "pdfminer":
        return PdfminerSource(path, password)
    raise ValueError(f"unknown PDF engine {engine!r} (choose from {', '.join(ENGINES)})")
