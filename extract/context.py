"""What headings and paragraphs say about the actions below them: theme and recommendation."""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from actionplans.model import Block, Heading

from .evidence import is_imperative
from .numbering import parse_label, parse_ref
from .settings import DEFAULT, ExtractSettings
from .side import side_vocabulary
from .vocabulary import words

_PAGE_MARK = re.compile(r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*(?:of|/)\s*\d+|-?\s*\d+\s*-?)\s*$", re.I)
_LABEL = re.compile(r"^\s*[^:]{1,40}:\s*(?:\S.{0,60})?$")
_URL = re.compile(r"https?://|www\.", re.I)
#: headings over side material: they end a theme but start none
_SIDE_HEADINGS = {"abbreviations", "acronyms", "glossary", "key", "contents", "appendix", "appendices",
                  "rag", "rag key", "rag rating", "key named officers", "named officers", "contacts",
                  # document furniture: the version table and who signed the plan off
                  "document control", "version control", "version history", "revision history", "change history",
                  "document history", "amendment history", "document information", "document details",
                  "distribution list", "distribution", "approval", "approvals", "sign off"}


def running_titles(blocks: Iterable[Block], title: Optional[str]) -> set[str]:
    """Heading texts that repeat (a title printed over every page) or are the document title. Where
    the reader knows the pages, a running title is on two pages or more: a heading said twice on
    one page (a PDF export giving a caption as a heading under the same heading) is no running title."""
    counts = Counter(" ".join(b.text.split()) for b in blocks if isinstance(b, Heading))
    pages: dict[str, set] = {}
    for b in blocks:
        if isinstance(b, Heading) and b.page is not None:
            pages.setdefault(" ".join(b.text.split()), set()).add(b.page)
    out = {t for t, n in counts.items() if n >= 2 and (t not in pages or len(pages[t]) >= 2)}
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
    return bool(_NUMBERED_NOTE.match(t)) or (t[:1].isdigit() and len(t.split()) <= 25 and bool(_URL.search(t)))


def is_noise(text: str) -> bool:
    t = " ".join(text.split())
    return not t or bool(_PAGE_MARK.match(t))


def could_be_recommendation(text: str) -> bool:
    """A paragraph that can head a group of actions: a sentence of some length, not a label."""
    t = " ".join(text.split())
    return len(t.split()) >= 6 and not is_footnote(t) and not is_noise(t)


# ---------------------------------------------------------------------------
# Theme or recommendation: what a heading, a full-width row or a caption sets
# ---------------------------------------------------------------------------

#: what a keyword label of the numbering grammar opens ("Recommendation 2:", "Theme 1:")
_LABEL_ROLES = {"recommendation": "recommendation", "priority": "theme"}
_NUMBER = r"(?P<ref>[A-Z]?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)"
_LEADING_NUMBER = re.compile(rf"^\s*\(?{_NUMBER}[.):]?\s+(?=\S)")


@dataclass(frozen=True)
class ContextLine:
    """What a heading, full-width row or caption says: its role, reference and text."""

    role: str  # "theme" or "recommendation"
    ref: str
    text: str
    depth: int  # depth of its number (1 for "2.", 2 for "2.3"), 0 when unnumbered


def reads_as_sentence(text: str) -> bool:
    """An Ofsted-style recommendation ("Ensure that …", "Improve the …") rather than a title."""
    t = " ".join(text.split())
    n = len(t.split())
    return is_imperative(t) and n >= 4 or n >= 14 or (t.endswith(".") and n >= 6)


def context_line(text: str) -> ContextLine:
    """Classify one heading / full-width row / caption by its label, wording and number depth.
    "Recommendation 2:" / "R2:" open a recommendation and "Theme 1:" / "Priority 2 –" a theme
    (the numbering grammar's keywords); otherwise a sentence or a number two levels deep is a
    recommendation and a title is a theme."""
    t = " ".join(text.split())
    found = parse_label(t)
    role: Optional[str] = None
    if found is not None:
        ref, rest, depth = found.label.text, found.text.strip(), found.label.level
        role = _LABEL_ROLES.get(found.label.role)
    else:
        ref, rest = "", t
        m = _LEADING_NUMBER.match(t)  # a heading's number followed by a space: "1 Ensure that …"
        if m:
            ref, rest = m.group("ref"), t[m.end():].strip()
        depth = ref.count(".") + 1 if ref else 0
    if role is None:
        role = "recommendation" if reads_as_sentence(rest) or depth >= 2 else "theme"
    return ContextLine(role, ref, rest, depth)


#: a word and an enumerator, and nothing that names a topic: "Part A", "Section 2", "Appendix B:"
_WORD_AND_ENUMERATOR = re.compile(r"^[A-Za-z]+\s+\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXivx]{1,5})\)?[.:)]?$")


def is_enumerator(text: str) -> bool:
    """A line that only numbers what follows, naming nothing: "(A)", "A.", "(1)", "ii)", "2 (i)",
    "Part A", "Section 2". It is never a theme or a caption."""
    t = " ".join(text.split())
    if not t or len(t) > 20:
        return False
    return parse_ref(t) is not None or bool(_WORD_AND_ENUMERATOR.match(t))


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _in_capitals(text: str) -> bool:
    if text.isascii():  # (the same count, without a loop in Python: an ASCII upper-case character is a letter)
        letters = sum(map(str.isalpha, text))
        return bool(letters) and sum(map(str.isupper, text)) >= 0.8 * letters
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def is_caption(text: str, bold: bool, settings: ExtractSettings = DEFAULT) -> bool:
    """A short title line right above a table ("Table 2: Help and protection", a bold
    "EARLY HELP"): it names the table's theme. A line in capitals may end with a full stop
    ("SHORT-TERM PRIORITIES (WITHIN 3 MONTHS).") when it has at most ``stopped_title_words``
    outside its brackets; a line that only enumerates ("(A)", "Part A") is no caption."""
    t = " ".join(text.split())
    upper = _in_capitals(t)
    if upper and t.endswith(".") and not t.endswith(".."):
        if len(_BRACKETED.sub(" ", t).split()) > settings.stopped_title_words:
            return False  # "ALL STAFF WILL BE TRAINED BY MARCH.": a sentence in capitals
        t = t[:-1].rstrip()
    if not t or len(t.split()) > 12 or t.endswith((".", ":")) or is_noise(t) or is_footnote(t):
        return False
    if is_enumerator(t):
        return False
    if re.match(r"^\s*table\s+\d+\s*[:.–—-]", t, re.I):
        return True
    return (bold or upper) and not reads_as_sentence(t)


def caption_text(text: str) -> str:
    """The theme a caption gives: without "Table 2:" and without a final full stop."""
    t = re.sub(r"^\s*table\s+\d+\s*[:.–—-]\s*", "", " ".join(text.split()), flags=re.I)
    return t[:-1].rstrip() if t.endswith(".") and not t.endswith("..") else t
