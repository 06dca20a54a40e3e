"""HTML reader: Word, LibreOffice and CMS HTML (and MHTML), CSS class fills, nested tables.
:func:`read` is the entry point; :func:`parse` reads markup already in memory."""
from .reader import MAX_TABLE_DEPTH, parse, read

__all__ = ["read", "parse", "MAX_TABLE_DEPTH"]
