"""Readers of converters' text exports: plain or tab-separated text with HTML in its cells
(:func:`read`, :func:`parse_text`) and Markdown (:mod:`.markdown`)."""
from .reader import parse_text, read

__all__ = ["read", "parse_text"]
