"""PDF reader: glyphs and shapes from pdfium (default) or pdfminer (``source``), ruled and
unruled tables, merged cells, fills, tables continued over page breaks and rows cut by them.
:func:`read` is the entry point.

The reader (numpy, pypdfium2) is imported on first use of :func:`read`, not with the package:
the options of every command import :mod:`.settings`, which brings this package's ``__init__``
with it, and a DOCX or HTML command has no use for the PDF reader."""
from __future__ import annotations

__all__ = ["read"]


def __getattr__(name: str):
    if name == "read":
        from .reader import read

        globals()["read"] = read  # looked up here once
        return read
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
