"""Conditional formats: the fill a rule gives a cell (filled in by a later step)."""
from __future__ import annotations


def conditional_fills(ws, styles) -> dict:
    return {}
