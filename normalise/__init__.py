"""Turn raw records into the rows of SCHEMA.md."""
from __future__ import annotations

import json

from actionplans.model import Action, Extraction

__all__ = ["normalise"]


def normalise(ex: Extraction, options=None) -> list[Action]:
    """``options`` is a ConvertOptions (roster / acronyms files), or None."""
    doc = ex.document
    out = []
    for rec in ex.records:
        out.append(Action(
            authority=ex.plan.authority, plan_title=ex.plan.title, plan_date=ex.plan.plan_date or "",
            source_file=doc.source, source_format=doc.format, source_page=rec.source_page,
            source_table=rec.source_table, source_row=rec.source_row, theme=rec.theme,
            recommendation_ref=rec.recommendation_ref, recommendation=rec.recommendation,
            action_ref=rec.action_ref, action=rec.action, owner_raw=rec.owner_raw,
            due_raw=rec.due_raw, rag_raw=rec.rag_raw, measures=rec.measures, progress=rec.progress,
            warnings="; ".join(rec.warnings), extra=json.dumps(dict(rec.extra), ensure_ascii=False),
        ))
    return out
