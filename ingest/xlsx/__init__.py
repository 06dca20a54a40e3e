"""XLSX / XLSM reader (openpyxl): each visible sheet into headings, paragraphs and tables with merges,
fills and values as shown. :func:`read` is the entry point."""
from .reader import read

__all__ = ["read"]
