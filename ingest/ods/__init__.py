"""ODS reader (the package's XML with lxml): each visible sheet into headings, paragraphs and tables with
spans, background colours and dates. :func:`read` is the entry point."""
from .reader import read

__all__ = ["read"]
