"""What headings and paragraphs say about the actions below them: theme and recommendation."""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Iterable, Optional

from actionplans.model import Block, Heading

from .side import side_vocabulary
from .vocabulary import words

_PAGE_MARK = re.compile(r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*(?:of|/)\s*\d+|-?\s*\d+\s*-?)\s*$", re.I)
_LABEL = re.compile(r"^\s*[^:]{1,40}:\s*(?:\S.{0,60})?$")
_URL = re.compile(r"https?://|www\.", re.I)
#: headings over side material: they end a theme but start none
_SIDE_HEADINGS = {"abbreviations", "acronyms", "glossary", "key", "contents", "appendix", "appendices",
                  "rag", "rag key", "rag rating", "key named officers", "named officers", "contacts"}


def running_titles(blocks: Iterable[Block], title: Optional[str]) -> set[str]:
    """Heading texts that repeat (a title printed over every page) or are the document title."""
    counts = Counter(" ".join(b.text.split()) for b in blocks if isinstance(b, Heading))
    out = {t for t, n in counts.items() if n >= 2}
    if title:
        out.add(" ".join(title.split()))
    return out


_ENUMERATED = re.compile(r"(?:\b\d{1,2}(?:\.\d{1,2})*|\b[IVX]{1,4}|\b[A-Z])\s*$")


def is_label(text: str) -> bool:
    """"Outcomes:", "Theme Lead: Rose Collinson", "Ward(s): All" — labels, not themes.
    "Priority 1: Help and protection" is a numbered section, not a label."""
    t = " ".join(text.split())
    if t.endswith(":"):
        return True
    if not _LABEL.match(t):
        return False
    head = t.split(":")[0]
    return len(head.split()) <= 4 and len(t) <= 80 and not _ENUMERATED.search(head)


def is_side_heading(text: str) -> bool:
    return " ".join(words(text)) in _SIDE_HEADINGS


_SUP_MARK = re.compile(r"^\s*(?:<|&lt;)\s*sup\s*>", re.I)
_NUMBERED_NOTE = re.compile(r"^\d{1,2}\s*(?:[\"“'‘]|https?://|www\.)")


def is_footnote(text: str) -> bool:
    """A footnote line: it opens with a superscript mark (as a character or as markup an
    export left), or with a note number followed by a quotation or an address."""
    t = html.unescape(text.strip())
    if not t:
        return False
    if t[0] in side_vocabulary()["footnote_marks"] or _SUP_MARK.match(t):
        return True
    return bool(_NUMBERED_NOTE.match(t)) or (bool(_URL.search(t)) and len(t.split()) <= 25 and t[0].isdigit())


def is_noise(text: str) -> bool:
    t = " ".join(text.split())
    return not t or bool(_PAGE_MARK.match(t))


def could_be_recommendation(text: str) -> bool:
    """A paragraph that can head a group of actions: a sentence of some length, not a label."""
    t = " ".join(text.split())
    return len(t.split()) >= 6 and not is_footnote(t) and not is_noise(t)
