"""Turn a Document into raw action records with their context, plus the plan's side data."""
from __future__ import annotations

from typing import Optional

from actionplans.model import Document, Extraction, PlanFacts

__all__ = ["extract"]


def extract(doc: Document, plan_date: Optional[str] = None, authority: Optional[str] = None) -> Extraction:
    return Extraction(document=doc, records=(), plan=PlanFacts(plan_date=plan_date, authority=authority or ""))
