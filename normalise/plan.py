"""The plan's date: what the document states wins; ``--plan-date`` fills it only where the
document states none (or gives only its month, which the option may narrow down). Where the
two disagree the document's date is kept and the disagreement is recorded, for the documents
table and ``inspect``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .partial_dates import stated_date
from .text import one_line

__all__ = ["PlanDate", "resolve_plan_date"]


@dataclass(frozen=True)
class PlanDate:
    value: str = ""  # the date the rows carry: YYYY-MM-DD, or YYYY-MM / YYYY as the document states it
    source: str = ""  # "document", "option" (--plan-date) or "" (unknown)
    stated: str = ""  # the date as the document states it ("" when it states none)
    conflict: str = ""  # the option gave another date than the document; the document's was kept
    warnings: tuple[str, ...] = ()


def _narrows(given: str, stated: str) -> bool:
    """``given`` is a more precise date within the period ``stated`` names ("2011-07-14" in "2011-07")."""
    return len(given) > len(stated) and given.startswith(stated + "-")


def resolve_plan_date(stated: Optional[str], given: Optional[str]) -> PlanDate:
    stated = one_line(stated or "")
    given = one_line(given or "")
    warnings: list[str] = []
    if stated and stated_date(stated) is None:
        warnings.append(f"plan date '{stated}' is not a date, ignored")
        stated = ""
    if given and stated_date(given) is None:  # the library's callers are checked before; never trust it here
        warnings.append(f"--plan-date '{given}' is not a date, ignored")
        given = ""
    if not stated:
        return PlanDate(given, "option" if given else "", "", "", tuple(warnings))
    if not given or given == stated:
        return PlanDate(stated, "document", stated, "", tuple(warnings))
    if _narrows(given, stated):
        return PlanDate(given, "option", stated, "", tuple(warnings))
    return PlanDate(stated, "document", stated, f"--plan-date {given} not used: the document is dated {stated}",
                    tuple(warnings))
