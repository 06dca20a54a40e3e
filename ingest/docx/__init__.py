"""DOCX reader: python-docx plus the package XML (merged cells, shading incl. theme colours,
Word auto-numbering). :func:`read` is the entry point."""
from .reader import read

__all__ = ["read"]
