"""Plan-level facts: title, plan date and authority as the document states them."""
from __future__ import annotations

from typing import Optional

from actionplans.model import Document, Heading, Paragraph, PlanFacts, Table
from actionplans.normalise.recognise import written_date

from .settings import DEFAULT, ExtractSettings
from .vocabulary import words

#: a line near the top that starts with one of these and states a date dates the plan
_DATE_WORDS = ("version", "date", "dated", "updated", "revised", "issued", "published", "draft")
_DATE_LABEL = ("date", "version", "dated", "updated", "last updated", "as at", "date and version")


def stated_date(text: str) -> Optional[tuple[str, str]]:
    """(ISO date, the words that state it): "10th Dec 2012", "31/03/2014" give a day; "July 2011"
    gives "2011-07" (a month). Read by the timescale grammar (normalise's recogniser); the year
    written in full."""
    return written_date(text)


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
    found = _labelled_date(doc, settings) or stated_date(title)
    date, as_written = found or (None, "")
    return PlanFacts(title=title, plan_date=date, plan_date_text=" ".join(as_written.split()))
