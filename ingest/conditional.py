"""Conditional formats as trackers use them: the rule kinds that colour a RAG cell by what it says,
evaluated on the text a cell shows, shared by the XLSX and ODS readers.

A rule is a test on one cell's text and the fill it gives: equal / not equal to a value ("R" ->
red), contains / does not contain, begins with, ends with (all as Excel and LibreOffice compare:
case-insensitive), and the expression ``$G2="Red"`` (a cell of the same row or column equal to a
value: a row coloured by its status column). Rules are tried in priority order; the first that holds
gives the cell its fill. Other rule kinds (colour scales, data bars, top-10, arbitrary formulas) are
not evaluated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

__all__ = ["Rule", "text_test", "expression_ref", "literal"]

_STRING = re.compile(r'^\s*=?\s*"((?:[^"]|"")*)"\s*$')
_NUMBER = re.compile(r"^\s*=?\s*(-?\d+(?:\.\d+)?)\s*$")
#: $G2="Red" (Excel) or [.$G2]="Red" (LibreOffice): a cell equal to a value
_EXPR = re.compile(r'^\s*=?\s*\[?\.?(\$?)([A-Za-z]{1,3})(\$?)(\d+)\]?\s*=\s*"((?:[^"]|"")*)"\s*$')


@dataclass(frozen=True)
class Rule:
    priority: float
    test: Callable[[str], bool]  # on the text of the cell the rule reads
    fill: str
    stop: bool = False
    ref: Optional[tuple[bool, int, bool, int]] = None  # expression rules: (col absolute, col, row absolute, row)


def literal(formula: str) -> Optional[str]:
    """The value a rule compares with: a quoted string or a number; None for anything else."""
    m = _STRING.match(formula or "")
    if m:
        return m.group(1).replace('""', '"')
    m = _NUMBER.match(formula or "")
    if m:
        value = float(m.group(1))
        return str(int(value)) if value.is_integer() else m.group(1)
    return None


def _same(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return a.strip().casefold() == b.strip().casefold()


def text_test(kind: str, value: str) -> Optional[Callable[[str], bool]]:
    """A test on a cell's text for one rule kind ("equal", "notEqual", "containsText",
    "notContainsText", "beginsWith", "endsWith"); None for kinds not evaluated."""
    v = value.casefold()
    if kind == "equal":
        return lambda text: bool(text.strip()) and _same(text, value)
    if kind == "notEqual":
        return lambda text: bool(text.strip()) and not _same(text, value)
    if kind == "containsText":
        return lambda text: v in text.casefold()
    if kind == "notContainsText":
        return lambda text: v not in text.casefold()
    if kind == "beginsWith":
        return lambda text: text.strip().casefold().startswith(v)
    if kind == "endsWith":
        return lambda text: text.strip().casefold().endswith(v)
    return None


def expression_ref(formula: str) -> Optional[tuple[tuple[bool, int, bool, int], str]]:
    """``$G2="Red"`` -> ((col absolute, col, row absolute, row), "Red"); None for other formulas."""
    m = _EXPR.match(formula or "")
    if not m:
        return None
    from .spreadsheet import column_index

    return (bool(m.group(1)), column_index(m.group(2)), bool(m.group(3)), int(m.group(4))), m.group(5).replace('""', '"')
