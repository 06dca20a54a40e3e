"""PDF reader: glyphs and shapes from pdfium (default) or pdfminer (``source``), ruled and
unruled tables, merged cells, fills, tables continued over page breaks and rows cut by them.
:func:`read` is the entry point."""
from .reader import read

__all__ = ["read"]
