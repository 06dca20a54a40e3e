"""A table's header row repeated further down (after a page break in the export).

How many leading rows are header rows, and whether a row reads as labels, is decided in one
place for every reader and for extract: :mod:`actionplans.header_rows`. This module only tells
two rows apart from a header repeated with small differences.
"""
from __future__ import annotations

from typing import Sequence

from rapidfuzz import fuzz

from actionplans.header_rows import norm

#: rapidfuzz ratio above which two header rows are "the same"
SAME_HEADER_RATIO = 92


def row_key(texts: Sequence[str]) -> str:
    return " | ".join(norm(t).lower() for t in texts).strip(" |")


def same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two rows read the same (a header repeated after a page break)."""
    ka, kb = row_key(a), row_key(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.ratio(ka, kb) >= SAME_HEADER_RATIO
