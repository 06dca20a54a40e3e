"""Plan-level facts: title, plan date and authority as the document states them."""
from __future__ import annotations

import re
from typing import Optional

from actionplans.model import Document, Heading, Paragraph, PlanFacts, Table

from .patterns import MONTH_YEAR
from .settings import DEFAULT, ExtractSettings
from .vocabulary import words

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_MONTH_YEAR4 = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
#: a line near the top that starts with one of these and states a date dates the plan
_DATE_WORDS = ("version", "date", "dated", "updated", "revised", "issued", "published", "draft")
_DATE_LABEL = ("date", "version", "dated", "updated", "last updated", "as at", "date and version")


def _month(name: str) -> Optional[int]:
    return _MONTHS.get(name[:3].casefold())


def stated_date(text: str) -> Optional[tuple[str, str]]:
    """(ISO date, the words that state it): "10th Dec 2012", "31/03/2014" give a day; "July 2011"
    gives "2011-07" (a month)."""
    m = _DAY_MONTH_YEAR.search(text)
    if m and _month(m.group(2)):
        return f"{int(m.group(3)):04d}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}", m.group(0)
    m = _NUMERIC.search(text)
    if m:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}", m.group(0)
    m = _MONTH_YEAR4.search(text)
    if m and _month(m.group(1)):
        return f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", m.group(0)
    return None


def _labelled_date(doc: Document, settings: ExtractSettings = DEFAULT) -> Optional[tuple[str, str]]:
    """A date given under a label such as "Date and Version:" (in a table or a line), or on a line
    near the top (in the first ``front_blocks``) that opens with a word such as "Version"."""
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c for c in row.cells if c is not None]
                for a, b in zip(cells, cells[1:]):
                    if a.text.strip().endswith(":") and any(" ".join(words(a.text)).startswith(lbl)
                                                           for lbl in _DATE_LABEL):
                        d = stated_date(b.text)
                        if d:
                            return d
        elif isinstance(block, Paragraph):
            head, _, rest = block.text.partition(":")
            if rest and " ".join(words(head)) in _DATE_LABEL:
                d = stated_date(rest)
                if d:
                    return d
    # "Version 3, 14 February 2024" / "Updated 3 March 2013" near the top of the plan
    for block in doc.blocks[:settings.front_blocks]:
        if isinstance(block, (Paragraph, Heading)):
            toks = words(block.text)
            if toks and toks[0] in _DATE_WORDS and len(toks) <= 12:
                d = stated_date(block.text)
                if d and len(d[0]) == 10:
                    return d
    return None


def plan_title(doc: Document) -> str:
    if doc.title:
        return " ".join(doc.title.split())
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    for h in headings:
        if "plan" in words(h.text):
            return " ".join(h.text.split())
    for b in doc.blocks[:5]:
        if isinstance(b, Paragraph) and b.bold and "plan" in words(b.text):
            return " ".join(b.text.split())
    return " ".join(headings[0].text.split()) if headings else ""


def plan_facts(doc: Document, settings: ExtractSettings = DEFAULT) -> PlanFacts:
    """Title and date as the document states them (the council is found by normalise/authority.py)."""
    title = plan_title(doc)
    found = _labelled_date(doc, settings) or (stated_date(title) if MONTH_YEAR.search(title) else None)
    date, as_written = found or (None, "")
    return PlanFacts(title=title, plan_date=date, plan_date_text=" ".join(as_written.split()))
