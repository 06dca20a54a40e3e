"""One cell holding the owner and the timescale ("Who by / by when") -> the two texts.

Councils write both in one cell in several ways: "Jane Smith – March 2013", "Jane Smith
(March 2013)", "Head of Service by end of June 2014", the name and the date as two paragraphs,
or the date first ("March 2013 – Jane Smith"). ``split_owner_due`` finds the date expressions
with the timescale grammar of ``dates`` and leaves the rest as the owners.

Rules, per line of the cell:
- a line that is only a timescale (dates, "Ongoing", "TBC", "By", "End of" ...) is the timescale;
- otherwise the longest run at the end of the line (or else at its start) made only of date
  expressions, date words and punctuation is the timescale, the rest is the owner text;
- that run must hold a date with a year ("March 2013", "Q1 2013/14", "31/03/13") unless it is
  set off by a dash, bracket, comma or colon: "Jane Smith – Ongoing" is cut, but a name that
  happens to be a month or a season ("April Jones", "Summer Smith") is never read as a date.
"""
from __future__ import annotations

import re
from typing import Optional

from .dates import DateSpan, date_spans
from .text import fold_dashes, tidy

__all__ = ["split_owner_due", "has_timescale"]

#: characters that may sit between and around the date expressions of a timescale
_FILLER = set(" \t,.;:-/&()[]'")
#: what sets a timescale off from the owner before it (or after it)
_SEPARATOR = re.compile(r"[-(\[,:;]\s*$")
_STRONG = {"date"}
_EDGE = " \t,;:-/&\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _covered(text: str, spans: list[DateSpan]) -> list[bool]:
    mask = [ch in _FILLER for ch in text]
    for s in spans:
        for i in range(s.start, s.end):
            mask[i] = True
    return mask


def _tail(line: str, spans: list[DateSpan]) -> Optional[int]:
    """Start of the timescale at the end of ``line``, or None."""
    mask = _covered(line, spans)
    i = len(line)
    while i > 0 and mask[i - 1]:
        i -= 1
    inside = [s for s in spans if s.start >= i]
    if not any(s.kind != "marker" for s in inside):
        return None
    # start at the first date word, leaving punctuation (and an opening bracket) to the owner
    i = inside[0].start
    head = line[:i]
    if head.strip() and not any(s.kind in _STRONG for s in inside) and not _SEPARATOR.search(head):
        return None
    if head.strip() and re.search(r"\w$", head):  # cut inside a word ("Team2013"): not a date
        return None
    return i


def _head(line: str, spans: list[DateSpan]) -> Optional[int]:
    """End of the timescale at the start of ``line`` ("March 2013 – Jane Smith"), or None."""
    mask = _covered(line, spans)
    i = 0
    while i < len(line) and mask[i]:
        i += 1
    inside = [s for s in spans if s.end <= i]
    if not any(s.kind != "marker" for s in inside):
        return None
    end = inside[-1].end
    rest = line[end:]
    if not rest.strip():
        return end
    if not any(s.kind in _STRONG for s in inside) or not re.match(r"\s*[-:;,)]", rest):
        return None
    return end


def _clean_due(text: str) -> str:
    t = text.strip(_EDGE)
    if t.startswith("(") and t.endswith(")") or t.startswith("[") and t.endswith("]"):
        t = t[1:-1]
    return tidy(t.strip(_EDGE + "()[]"))


def _clean_owner(text: str) -> str:
    t = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    t = re.sub(r"\s*(?:\b(?:by|due|until)\s*)$", "", t.rstrip(_EDGE + "("), flags=re.IGNORECASE)
    return tidy(t.strip(_EDGE))


def _split_line(line: str) -> tuple[str, str]:
    folded = fold_dashes(line)
    spans = date_spans(folded)
    if not spans:
        return line, ""
    cut = _tail(folded, spans)
    if cut is not None:
        return _clean_owner(line[:cut]), _clean_due(line[cut:])
    cut = _head(folded, spans)
    if cut is not None:
        return _clean_owner(line[cut:]), _clean_due(line[:cut])
    return line, ""


def _lines(cell: str) -> list[str]:
    """The cell's lines, with a line break inside brackets (a wrap in an export) undone."""
    out: list[str] = []
    for line in cell.split("\n"):
        if out and out[-1].count("(") > out[-1].count(")"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def split_owner_due(text: Optional[str]) -> tuple[str, str]:
    """(owner text, timescale text) of a cell holding both; ("cell", "") when it has no timescale.

    Lines keep their order on each side and are joined with "\\n". Never raises.
    """
    cell = tidy(text or "")
    if not cell:
        return "", ""
    owners: list[str] = []
    dues: list[str] = []
    for line in _lines(cell):
        owner, due = _split_line(line)
        if owner:
            owners.append(owner)
        if due:
            dues.append(due)
    return "\n".join(owners), "\n".join(dues)


def has_timescale(text: Optional[str]) -> bool:
    """Does an owner cell also hold a timescale?"""
    return bool(split_owner_due(text)[1])
