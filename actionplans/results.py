"""What the conversion of one file gives back (:class:`FileResult`): the rows, the side-table
rows and the facts of the documents table. A leaf above the model, so the batch, the journal
and the tables read it without importing the code that makes it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .model import Action, Extraction, PlanNotes

__all__ = ["FileResult"]


@dataclass(frozen=True)
class FileResult:
    """The outcome of one input. Small and picklable: what crosses from a worker process.

    ``extraction`` (the whole Document) is kept only by :func:`convert_file` run in-process;
    the batch workers drop it.
    """

    path: str
    format: str = ""
    actions: list[Action] = field(default_factory=list)
    extraction: Optional[Extraction] = None
    error: Optional[str] = None
    seconds: float = 0.0
    pages: Optional[int] = None
    n_tables: int = 0
    sha256: str = ""
    officers: tuple[tuple[str, str, str], ...] = ()  # (name, role, source): the resolved roster
    acronyms: tuple[tuple[str, str, str], ...] = ()  # (abbreviation, expansion, source): the plan's own, and those its rows use
    resumed: bool = False  # taken from the resume journal, not converted again
    expanded: tuple[dict, ...] = ()  # with --expand-acronyms: {"<column>_expanded": text} per action
    stated_authority: str = ""  # the council the document itself names
    stated_plan_date: str = ""  # the plan's date as the document states it
    conflicts: tuple[str, ...] = ()  # where --authority / --plan-date disagreed with the document (which won)
    plan: PlanNotes = PlanNotes()  # the plan date as written, document-level warnings (documents table)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def source_file(self) -> str:
        return Path(self.path).name
