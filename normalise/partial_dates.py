"""One rule for a date stated to the month or the year.

A plan is often dated "July 2011" or "2011". Every date column of the output holds a whole
date in every format, so such a date is written as the FIRST DAY of the period it names:
"2011-07" (July 2011) is 2011-07-01 and "2011" is 2011-01-01 — as ``due_start`` counts a
timescale from the first day of its month. What was stated, and to what precision, stays in
the documents table (``plan_date_as_written``, ``plan_date_precision``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

__all__ = ["StatedDate", "stated_date", "whole_date"]

PRECISIONS = ("day", "month", "year")

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISO_DAY_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


@dataclass(frozen=True)
class StatedDate:
    """A date as an ISO text gives it: the day it stands for, and how precisely it was stated."""

    day: date  # the whole date written in the output (a month or year: its first day)
    precision: str  # "day", "month" or "year"

    @property
    def iso(self) -> str:
        return self.day.isoformat()


def stated_date(text: Optional[str]) -> Optional[StatedDate]:
    """``"2011-07-15"`` -> that day; ``"2011-07"`` -> 2011-07-01 (month); ``"2011"`` -> 2011-01-01
    (year). None for anything else (not ISO, or no such day)."""
    text = str(text or "").strip()
    m = _ISO.fullmatch(text) or _ISO_DAY_FIRST.match(text)  # "2013-01-02T09:00" is that day
    if not m:
        return None
    precision = "day" if m[3] else "month" if m[2] else "year"
    try:
        return StatedDate(date(int(m[1]), int(m[2] or 1), int(m[3] or 1)), precision)
    except ValueError:
        return None


def whole_date(text: Optional[str]) -> str:
    """The value a date column holds for ``text``: its whole ISO date by the rule above, or ""."""
    found = stated_date(text)
    return found.iso if found else ""
