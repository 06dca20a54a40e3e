"""Which leading rows of a table read as column labels (header rows).

Shared by the text, Markdown and plain-layout readers, whose inputs carry no header
markup. A header row reads as labels: short cells, no sentences, no bare numbers. Several
such rows in a row form one header (``References | Action`` over ``Action No. | Reference to:``)
as long as the later ones are fragments (few words per cell, or few cells). When the whole
table reads as labels (a glossary, a key), the first row is a header only when its cells
differ in kind from the body below them (``Abbreviation`` over ``DCS``, but not ``C&R`` over
``CAF``), the way ``csv.Sniffer.has_header`` votes column by column.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional, Sequence

from rapidfuzz import fuzz

from .vocab import DANGLING_WORDS

MAX_HEADER_ROWS = 4
MAX_LABEL_CHARS = 150
MAX_LABEL_WORDS = 20
MAX_FRAGMENT_WORDS = 4  # mean words per cell of a header row after the first
SAME_HEADER_RATIO = 92
MAX_SECTION_WORDS = 12
  # rapidfuzz ratio above which two header rows are "the same"

_BARE_NUMBER = re.compile(r"[\s\d.,%+\-–]*\d[\s\d.,%+\-–]*")
_TWO_SENTENCES = re.compile(r"[a-z)]{2}[.;!] +[A-Z(]")
_ABBREVIATION = re.compile(r"[A-Z0-9&/().\- ]{1,12}")
_LETTERS = re.compile(r"[A-Za-z]{3,}")


def norm(text: str) -> str:
    return " ".join((text or "").split())


def label_like_cell(text: str) -> bool:
    t = norm(text)
    if not t:
        return True
    words = t.split()
    if len(t) > MAX_LABEL_CHARS or len(words) > MAX_LABEL_WORDS:
        return False
    if _BARE_NUMBER.fullmatch(t) or not any(ch.isalnum() for ch in t) or t[-1] in ",;":
        return False
    if len(words) >= 5 and t.endswith("."):
        return False
    for m in _TWO_SENTENCES.finditer(t):
        # "Resp. Officer" is an abbreviation; a sentence has a few words on each side
        if len(t[:m.start()].split()) >= 3 and len(t[m.end() - 1:].split()) >= 3:
            return False
    return (text or "").count("\n") < 3


def is_section_row(texts: Sequence[str]) -> bool:
    """Only the first of several cells holds text, and that text is a title: a label, not a
    number, opening with a capital or a number and not broken off mid-phrase."""
    first = norm(texts[0]) if texts else ""
    if len(texts) < 3 or not first or any(norm(t) for t in texts[1:]):
        return False
    if not _LETTERS.search(first) or not label_like_cell(first) or len(first.split()) > MAX_SECTION_WORDS:
        return False
    if first[0].islower() or first.split()[-1].lower().strip(",") in DANGLING_WORDS or first[-1] in ",&-–/":
        return False
    return True


def label_like_row(texts: Sequence[str]) -> bool:
    filled = [t for t in texts if norm(t)]
    if not filled or is_section_row(texts):
        return False
    return all(label_like_cell(t) for t in filled)


def _fragment_row(texts: Sequence[str]) -> bool:
    """A later line of a multi-line header: few words per cell, or few cells."""
    filled = [norm(t) for t in texts if norm(t)]
    if not filled:
        return False
    mean_words = sum(len(t.split()) for t in filled) / len(filled)
    return mean_words <= MAX_FRAGMENT_WORDS or len(filled) <= max(1, len(texts) // 3)


def _shape(text: str) -> Optional[str]:
    t = norm(text)
    if not t:
        return None
    if _BARE_NUMBER.fullmatch(t):
        return "number"
    if _ABBREVIATION.fullmatch(t) and any(ch.isalpha() for ch in t):
        return "abbreviation"
    return "short" if len(t.split()) <= 3 else "text"


def _differs_from_body(rows: Sequence[Sequence[str]]) -> bool:
    """Column vote: does the first row differ in kind from the consistent columns below it?"""
    agree = disagree = 0
    width = max(len(r) for r in rows)
    for c in range(width):
        head = _shape(rows[0][c]) if c < len(rows[0]) else None
        body = [_shape(r[c]) for r in rows[1:] if c < len(r)]
        body = [s for s in body if s]
        if head is None or len(body) < 2:
            continue
        kind, count = Counter(body).most_common(1)[0]
        if count / len(body) < 0.75:
            continue
        if kind == head:
            agree += 1
        else:
            disagree += 1
    return disagree > agree


def count_header_rows(rows: Sequence[Sequence[str]]) -> int:
    """How many leading rows of ``rows`` (cell texts) are header rows."""
    if len(rows) < 2:
        return 0
    first = rows[0]
    if sum(1 for t in first if norm(t)) < 2 or not label_like_row(first):
        return 0
    if all(label_like_row(r) or not any(norm(t) for t in r) for r in rows[1:]):
        width = max(len(r) for r in rows)
        sparse = all(sum(1 for t in r if norm(t)) <= width // 2 for r in rows[1:])
        if len(rows) <= MAX_HEADER_ROWS and width >= 3 and sparse:
            return len(rows)  # a header standing alone, its body comes after some prose
        return 1 if _differs_from_body(rows) else 0
    n = 1
    while (n < len(rows) - 1 and n < MAX_HEADER_ROWS and label_like_row(rows[n])
           and _fragment_row(rows[n])):
        n += 1
    return n


def row_key(texts: Sequence[str]) -> str:
    return " | ".join(norm(t).lower() for t in texts).strip(" |")


def same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two rows read the same (a header repeated after a page break)."""
    ka, kb = row_key(a), row_key(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.ratio(ka, kb) >= SAME_HEADER_RATIO
