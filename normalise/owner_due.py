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
  happens to be a month or a season ("April Jones", "Summer Smith") is never read as a date;
- a line, or the part after a dash, that holds a date with a year and nothing that reads as an
  owner ("Across the 2010/11 financial year", "Jane Smith – Throughout 2010-11 financial year")
  is the timescale; a few such words with no date ("across financial year", a line of their own
  or after a dash) open the timescale line that follows them ("2010/11");
- labels are neither owners nor part of the timescale: a line opening with a timescale label
  ("Target:", "Target date:", "By –", "Deadline –", "Due:", "Complete by:") is the timescale,
  one opening with a lead label ("Lead:", "Owner:", "Who:") the owners, and a timescale label
  after the owners on one line ("Who: Jane Smith Target date: May 2014") starts the timescale.
  Labels are the header words of the lead and timescale columns (``extract``'s column
  vocabulary, see ``owner_words.label_side``).
"""
from __future__ import annotations

import re
from typing import Optional

from .dates import DateSpan, date_spans
from .owner_words import has_word, inner_due_label, is_acronym, strip_label
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
        # the words that open the timescale go with it: "across financial year 2010/11",
        # "Jane Smith – across financial year 2010/11"
        if _timescale_words(folded[:cut]):
            return "", _clean_due(line)
        dashes = list(_DASH.finditer(folded[:cut]))
        if dashes and _timescale_words(folded[dashes[-1].end():cut]):
            cut = dashes[-1].start()
        return _clean_owner(line[:cut]), _clean_due(line[cut:])
    cut = _head(folded, spans)
    if cut is not None:
        return _clean_owner(line[cut:]), _clean_due(line[:cut])
    if _timescale_only(folded, spans):  # "Across the 2010/11 financial year"
        return "", _clean_due(line)
    for m in reversed(list(_DASH.finditer(folded))):  # "Jane Smith – Across the 2010/11 financial year"
        tail = folded[m.end():]
        if folded[:m.start()].strip() and _timescale_only(tail, date_spans(tail)):
            return _clean_owner(line[:m.start()]), _clean_due(line[m.end():])
    return line, ""


#: a dash set off by spaces, between an owner and a timescale
_DASH = re.compile(r"\s+-\s+")
_WORD = re.compile(r"[^\W\d_][\w'’&]*")


def _owner_words(text: str) -> bool:
    """Does ``text`` hold a word that reads as (part of) an owner: a capitalised word after the
    first, a short form, a role, organisation or team word?"""
    for i, w in enumerate(_WORD.findall(text)):
        if is_acronym(w) or has_word("role", w) or has_word("org", w) or has_word("unit", w):
            return True
        if i and w[:1].isupper():
            return True
    return False


def _timescale_only(text: str, spans: list[DateSpan]) -> bool:
    """A date with a year and, around it, only words that read as no owner ("Across the 2010/11
    financial year", "Throughout 2010-11 financial year")."""
    if not any(s.kind == "date" for s in spans):
        return False
    rest = list(text)
    for s in spans:
        rest[s.start:s.end] = " " * (s.end - s.start)
    return not _owner_words("".join(rest))


def _timescale_words(text: str) -> bool:
    """A few lower-case words with no date that open the timescale on the next line ("across
    financial year" above "2010/11")."""
    words = _WORD.findall(text)
    return bool(words) and len(words) <= 5 and text.strip()[:1].islower() and not _owner_words(text)


def _line_parts(line: str) -> tuple[str, str]:
    """(owner text, timescale text) of one line, its labels dropped."""
    side, rest = strip_label(line)
    if side == "due":
        if rest and not date_spans(fold_dashes(rest)) and not _timescale_words(rest):
            return _split_line(rest)  # "By: Head of Service": "by whom", not a date
        return "", _clean_due(rest)
    if side == "owner":
        line = rest
    inner = inner_due_label(line)
    if inner is not None and date_spans(fold_dashes(line[inner[1]:])):  # "Jane Smith Target date: May 2014"
        return _clean_owner(line[:inner[0]]), _clean_due(line[inner[1]:])
    return _split_line(line)


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
    parts = [_line_parts(line) for line in _lines(cell)]
    # words that open the timescale on the next line: "across financial year" / "2010/11",
    # a line of their own or after a dash ("Commissioning Team – across financial year")
    for i in range(len(parts) - 1):
        owner, due = parts[i]
        nxt_owner, nxt_due = parts[i + 1]
        if due or nxt_owner or not nxt_due or not owner:
            continue
        if _timescale_words(owner):
            parts[i], parts[i + 1] = ("", ""), ("", f"{owner} {nxt_due}")
            continue
        dashes = list(_DASH.finditer(fold_dashes(owner)))
        if dashes and _timescale_words(owner[dashes[-1].end():]):
            m = dashes[-1]
            parts[i], parts[i + 1] = (_clean_owner(owner[:m.start()]), ""), ("", f"{owner[m.end():]} {nxt_due}")
    owners = [o for o, _ in parts if o]
    dues = [d for _, d in parts if d]
    return "\n".join(owners), "\n".join(dues)


def has_timescale(text: Optional[str]) -> bool:
    """Does an owner cell also hold a timescale?"""
    return bool(split_owner_due(text)[1])
