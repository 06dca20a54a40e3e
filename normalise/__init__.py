"""Turn raw records into the rows of SCHEMA.md.

``normalise(ex, options)`` gives one :class:`Action` per record, in order:
- text columns whitespace-tidied (paragraph breaks kept as "\\n");
- due_start / due_end from the timescale (``dates``), years inferred from the plan date or
  the plan's other timescales;
- rag from the RAG text, letters, look-alikes or cell fill (``rag``), the document's key first;
- owners split and matched to a roster (``owners``): the user's ``--roster`` file, the
  document's named officers (``SideData.roster``) and every personal name seen in the plan;
- acronyms from the glossary, inline definitions, ``--acronyms`` and a packaged dictionary
  (``acronyms``);
- authority and its GSS code at the plan's date (``authority``);
- plan_date: a whole ISO date; one stated to the month or year is its first day (``partial_dates``);
- warnings: the record's own, then one per thing about this row a user could act on, each quoted
  cell cut short; facts about the whole document (no authority named, an unreadable plan date)
  are not repeated on every row but returned once in :class:`PlanNotes` by ``normalise_document``
  (the documents table); extra: the unmapped source columns as a JSON object, blank when none.

For ``--expand-acronyms`` call ``document_definitions(ex, options)`` once per document and
``expanded_columns(action, definitions)`` per row: it returns ``{"<column>_expanded": text}``
for theme, recommendation, action, owner_raw, measures and progress.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from actionplans.model import Action, Extraction, PlanNotes, RawRecord
from actionplans.settings import ConvertOptions

from .acronyms import Definitions, build_definitions, expanded_columns, format_acronyms, load_acronym_file, row_acronyms
from .authority import AuthorityMatch, resolve_authority
from .extra_headers import unify_extra_headers
from .plan import PlanDate, resolve_plan_date
from .dates import DateContext, Due, context_for, parse_due, parse_iso, with_start
from .partial_dates import StatedDate, stated_date
from .owner_due import split_owner_due
from .owners import (Roster, RosterEntry, best_spellings, is_owner_like, is_person, is_role, is_team, load_roster_file,
                     split_owner_cell)
from .rag import plan_key, read_rag
from .text import one_line, quote, tidy

__all__ = ["normalise", "normalise_document", "NormalisedDocument", "PlanDate", "document_definitions",
           "expanded_columns", "build_roster", "owner_and_due"]

#: longest warning kept on a row (a quoted cell is already cut to ``text.QUOTE_MAX``)
WARNING_MAX = 160


#: no options: the document's word alone
NO_OPTIONS = ConvertOptions()


def document_definitions(ex: Extraction, options: ConvertOptions = NO_OPTIONS) -> Definitions:
    """The acronym definitions of one document, in precedence order (see ``acronyms``)."""
    user = load_acronym_file(options.acronyms) if options.acronyms else []
    return build_definitions(ex.side.acronyms, ex.document, user)


def owner_and_due(rec: RawRecord) -> tuple[str, str]:
    """The record's owner and timescale texts. A lead cell that also holds the timescale while the
    record has none of its own ("Jane Smith – March 2013") is cut in two (``owner_due``); so is a
    timescale cell of a record without a lead when what precedes the date reads as owners
    (persons, roles, short forms, teams), never prose such as "Define requirement – Dec 2012"."""
    owner, due = rec.owner_raw or "", rec.due_raw or ""
    if owner.strip() and not due.strip():
        cut_owner, cut_due = split_owner_due(owner)
        if cut_due:
            return cut_owner, cut_due
    if due.strip() and not owner.strip():  # the combined cell read as the timescale column
        cut_owner, cut_due = split_owner_due(due)
        found = split_owner_cell(cut_owner).owners if cut_due else ()
        if found and all(is_owner_like(o) for o in found):
            return cut_owner, cut_due
    return owner, due


def build_roster(ex: Extraction, options: ConvertOptions = NO_OPTIONS, owner_texts: Optional[list[str]] = None,
                 definitions: Optional[Definitions] = None) -> Roster:
    """User file first, then the document's named officers, then personal names seen in the plan.
    ``owner_texts``: the records' owner texts when they differ from ``owner_raw`` (see ``owner_and_due``)."""
    entries: list[RosterEntry] = []
    if options.roster:
        entries += load_roster_file(options.roster)
    entries += [RosterEntry(n, r, (), "document") for n, r in ex.side.roster if n and n.strip()]
    roster = Roster(entries)
    for d in definitions if definitions is not None else document_definitions(ex, options):
        roster.define(d.abbreviation, d.expansion)
    seen: Counter[str] = Counter()
    roles: dict[str, str] = {}
    texts = owner_texts if owner_texts is not None else [owner_and_due(r)[0] for r in ex.records]
    for text in texts:
        cell = split_owner_cell(text, roster)
        notes = dict(cell.notes)
        for owner in cell.owners:
            if is_person(owner) and not _INITIAL.fullmatch(owner.split()[0]):
                seen[owner] += 1
                roles.setdefault(owner, notes.get(owner, ""))
            elif is_role(owner) or is_team(owner):  # a role or team written as an owner of its own
                roster.note_role(owner)
    # the most frequent spelling first, so that a one-off typo is matched to it, not the reverse
    for owner, _ in sorted(seen.items(), key=lambda kv: -kv[1]):
        if not roster.knows(owner) and roster.match(owner)[0] == owner:
            roster.add(RosterEntry(owner, roles.get(owner, ""), (), "plan"))
    return roster


_INITIAL = re.compile(r"[A-Z]\.?")
_REF_BRACKETS = re.compile(r"^[(\[]\s*|\s*[)\]]\s*\.?$")
_WHOLLY_BRACKETED = re.compile(r"^[(\[][^()\[\]]*[)\]]\.?$")


def _ref(text: str) -> str:
    """An action or recommendation number as written, without brackets around it or a final
    dot ("(a)" -> "a", "ii)" -> "ii"); a compound ref keeps the brackets of its sub-item ("2 (i)")."""
    s = one_line(text)
    if s.count("(") + s.count("[") == s.count(")") + s.count("]") and not _WHOLLY_BRACKETED.match(s):
        return s.rstrip(".").strip()  # "2 (i)", "1(a)(ii)": balanced brackets inside the ref
    s = _REF_BRACKETS.sub("", s)
    return s.rstrip(".").strip()


def _extra_json(extra) -> str:
    """Unmapped source columns as JSON; a repeated header gets " (2)", " (3)" ...; blank when there are none."""
    out: dict[str, str] = {}
    for key, value in extra or ():
        base = one_line(key) or "column"
        name, n = base, 1
        while name in out:
            n += 1
            name = f"{base} ({n})"
        out[name] = tidy(value)
    return json.dumps(out, ensure_ascii=False) if out else ""


def _row_warnings(warnings) -> str:
    kept = (one_line(x).replace(";", ",") for x in warnings)
    return "; ".join(dict.fromkeys(w if len(w) <= WARNING_MAX else w[: WARNING_MAX - 1] + "…" for w in kept if w))


def _reference_date(plan_date: Optional[date], dues: list[Due]) -> Optional[date]:
    if plan_date is not None:
        return plan_date
    starts = sorted(d.start for d in dues if d.start)
    return parse_iso(starts[0]) if starts else None


@dataclass(frozen=True)
class NormalisedDocument:
    """The rows of one document; how its date and council were decided (the document's word, or
    an option's where the document says nothing; ``conflict`` where they disagree); and the
    roster and acronym definitions its owners and acronyms were resolved against (the side
    tables list them, without resolving them again)."""

    actions: list[Action]
    plan_date: PlanDate
    authority: AuthorityMatch
    notes: PlanNotes = PlanNotes()
    roster: Roster = field(default_factory=Roster)
    definitions: Definitions = field(default_factory=Definitions)

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(c for c in (self.authority.conflict, self.plan_date.conflict) if c)


def _counted_from_plan_date(warning: str) -> bool:
    return warning.startswith("relative timescale '") and "' counted from the plan date " in warning


def normalise(ex: Extraction, options: Optional[ConvertOptions] = None) -> list[Action]:
    """``options``: the roster / acronyms files, authority and plan date (None: none given)."""
    return normalise_document(ex, options).actions


def normalise_document(ex: Extraction, options: Optional[ConvertOptions] = None) -> NormalisedDocument:
    """The actions of one document; how its date and council were decided (the document's word,
    or an option's where the document says nothing; ``conflicts`` where they disagree); and what
    is said once about the document as a whole (``notes``, a row of the documents table)."""
    options = options or NO_OPTIONS
    doc = ex.document
    records: tuple[RawRecord, ...] = tuple(unify_extra_headers(ex.records))
    resolved_date = resolve_plan_date(ex.plan.plan_date, options.plan_date)
    stated: Optional[StatedDate] = stated_date(resolved_date.value)
    plan_date = stated.day if stated else None
    plan_date_iso = stated.iso if stated else ""
    plan_warnings: list[str] = list(resolved_date.warnings)

    cells = [owner_and_due(r) for r in records]
    ctx: DateContext = context_for((d for _, d in cells), plan_date.isoformat() if plan_date else None)
    dues = [with_start(parse_due(d, ctx), r.start_raw, ctx) for r, (_, d) in zip(records, cells)]
    if resolved_date.source == "option":  # the user's date: said once for the document, not on every row
        counted = [d for (_, d), due in zip(cells, dues) if any(_counted_from_plan_date(w) for w in due.warnings)]
        if counted:
            dues = [replace(due, warnings=tuple(w for w in due.warnings if not _counted_from_plan_date(w)))
                    for due in dues]
            plan_warnings.append(f"{len(counted)} relative timescale(s) such as '{quote(counted[0])}' counted from "
                                 f"the plan date {plan_date_iso} given with --plan-date")
    undated = [d for (_, d), due in zip(cells, dues) if due.needs_plan_date]
    if undated:
        plan_warnings.append(f"no plan date: {len(undated)} relative timescale(s) such as '{quote(undated[0])}' "
                             f"left blank (give it with --plan-date)")

    on = _reference_date(plan_date, dues)
    authority: AuthorityMatch = resolve_authority(options.authority, doc, on, stated=ex.plan.authority)
    if not authority.name and records:
        plan_warnings.append("authority not named in the document (give it with --authority)")
    plan_warnings += authority.warnings

    rag_key = plan_key(ex)
    definitions = document_definitions(ex, options)
    roster = build_roster(ex, options, [o for o, _ in cells], definitions)

    owner_cells = [split_owner_cell(o, roster) for o, _ in cells]
    user_roster = bool(options.roster)
    matched: list[tuple[list[str], list[str]]] = []
    for cell in owner_cells:
        names, warns = [], list(cell.warnings)
        for owner in cell.owners:
            canonical, warning = roster.match(owner)
            names.append(canonical)
            if warning:
                warns.append(warning)
            elif user_roster and is_person(canonical) and roster.source_of(canonical) != "user":
                warns.append(f"owner '{canonical}' is not in the roster file")
        matched.append((list(dict.fromkeys(names)), warns))
    spelling = best_spellings(n for names, _ in matched for n in names)

    out: list[Action] = []
    for rec, (owner_text, due_text), due, (names, owner_warnings) in zip(records, cells, dues, matched):
        rag = read_rag(rec.rag_raw, rec.rag_fill, rag_key)
        owners = list(dict.fromkeys(spelling.get(n.casefold(), n) for n in names))
        texts = [rec.theme, rec.recommendation, rec.action, rec.owner_raw, rec.measures, rec.progress]
        warnings = [*rec.warnings, *due.warnings, *rag.warnings, *owner_warnings]
        out.append(Action(
            authority=authority.name, authority_code=authority.code,
            plan_title=one_line(ex.plan.title), plan_date=plan_date_iso,
            source_file=doc.source, source_format=doc.format.value, source_page=rec.source_page,
            source_table=rec.source_table, source_row=rec.source_row,
            theme=tidy(rec.theme), recommendation_ref=_ref(rec.recommendation_ref),
            recommendation=tidy(rec.recommendation), action_ref=_ref(rec.action_ref), action=tidy(rec.action),
            owner_raw=tidy(owner_text), owners="; ".join(owners),
            due_raw=tidy(due_text), due_start=due.start, due_end=due.end,
            rag=rag.rag, rag_raw=rag.raw, measures=tidy(rec.measures), progress=tidy(rec.progress),
            acronyms=format_acronyms(row_acronyms(texts, definitions)),
            warnings=_row_warnings(warnings),
            extra=_extra_json(rec.extra),
        ))
    notes = PlanNotes(
        plan_date=plan_date_iso,
        plan_date_as_written=one_line(ex.plan.plan_date_text) or resolved_date.value,
        plan_date_precision=stated.precision if stated else "",
        warnings=tuple(dict.fromkeys(one_line(w).replace(";", ",") for w in plan_warnings if w)))
    return NormalisedDocument(out, resolved_date, authority, notes, roster, definitions)
