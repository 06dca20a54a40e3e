"""Turn a Document into raw action records with their context, plus the plan's side data.

Works from the structure and vocabulary of action plans in general: which tables hold
actions (by their column headers, or what the columns hold), which are side material
(glossaries, RAG keys, rosters, risks, indicators), and what theme and recommendation
each action sits under.
"""
from __future__ import annotations

import copy
import re
from typing import Optional

from actionplans.model import (Document, Extraction, Heading, ListItem, Paragraph, SideData, Table,
                               TableReport)

from .context import (could_be_recommendation, is_footnote, is_label, is_noise,
                      running_titles)
from .items import is_numbered, split_items
from .plan import plan_facts
from .records import (SECTION_MAX_CHARS, Context, RowValues, chopped_row_text, is_repeated_header, records_from_row, row_values,
                      section_text)
from .side import roster
from .columns import ColumnMap, fit_columns
from .forms import form_rows
from .labels import is_bare_ref, recommendation_of
from .lists import HeadingTrail, list_records
from .tables import TableInfo, classify, join_split_forms

__all__ = ["extract"]

#: a plan that numbers the actions in at least this many cells lists one action per paragraph
NUMBERED_CELLS_FOR_ITEMS = 2


def _plan_numbers_items(infos: list[TableInfo]) -> bool:
    numbered = 0
    for info in infos:
        if info.kind != "actions":
            continue
        for c in info.columns.columns("action"):
            for r in range(info.columns.header_rows, info.grid.n_rows):
                if info.grid.is_origin(r, c) and is_numbered(split_items(info.grid.text(r, c), False)):
                    numbered += 1
    return numbered >= NUMBERED_CELLS_FOR_ITEMS


_LIST_NUMBER = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+\S")

#: a table whose action refs are filled in at least this share of rows numbers every action,
#: so a row without one is the rest of the row above (wrapped by a converter or a page break)
REFS_FILLED_SHARE = 0.6


class _Walk:
    def __init__(self, doc: Document):
        self.doc = doc
        self.infos = [classify(t, i) for i, t in enumerate(doc.tables, start=1)]
        join_split_forms(self.infos)  # a form cut by a page break is read whole
        self.paragraphs_are_items = _plan_numbers_items(self.infos)
        self.titles = running_titles(doc.blocks, doc.title)
        self.trail = HeadingTrail(self.titles)
        self.ctx = Context()
        self.pending: list[str] = []  # recommendation-like paragraphs since the last table or heading
        self.entries: list[tuple[RowValues, Context, int, TableInfo]] = []
        self.reports: list[TableReport] = []
        self.header_source: Optional[ColumnMap] = None  # the last action header seen
        self.heading_since = False  # a heading since that header
        self.under_label = False  # after a label heading such as "Outcomes:"
        self.blocks_since_action = 0

    def heading(self, h: Heading) -> None:
        text = " ".join(h.text.split())
        if is_label(text):  # "Outcomes:" — the list under it belongs to the label (also when repeated)
            self.under_label = True
            return
        if text in self.titles or h.level == 0:
            return
        if is_bare_ref(text):  # "Rec 1" set as a heading: the number of the recommendation below
            self.pending = [text]
            return
        theme, rec = self.trail.push(h) or ("", "")  # by depth: theme, or recommendation under it
        self.ctx = Context(theme=theme)
        self.pending = [rec] if rec else []
        self.heading_since = True
        self.under_label = False

    def paragraph(self, text: str, list_item: bool) -> None:
        """Collect the paragraphs that may head the next action table. A paragraph that starts
        in lower case carries on the one before (cut by a page break); list items carry on the
        paragraph that introduces them; numbered lines under a label ("Outcomes:") are the
        label's, not a recommendation."""
        flat = " ".join(text.split())
        if not flat or is_footnote(flat) or is_noise(flat):
            return
        if list_item or (_LIST_NUMBER.match(flat) and (self.pending or self.under_label)):  # else one on its own
            if self.pending and not self.under_label:
                self.pending[-1] += "\n" + flat
            return
        if flat[0].islower():
            if self.pending:
                self.pending[-1] += " " + flat
            return
        self.under_label = False
        if could_be_recommendation(flat) or is_bare_ref(flat):
            self.pending.append(flat)
            self.blocks_since_action += 1

    def table(self, info: TableInfo) -> None:
        cols = info.columns
        continuing = False
        if (cols.header_rows == 0 and self.header_source is not None
                and info.kind not in ("glossary", "rag-key", "action-form", "form-continued")
                and (info.table.continues_previous or not self.heading_since)):
            fitted = fit_columns(self.header_source, info.grid)
            if fitted is not None:
                cols = info.columns = fitted
                info.kind = "actions"
                continuing = True
        if info.kind == "action-form":
            self.action_form(info)
            return
        if info.kind != "actions":
            self.reports.append(self._report(info, 0, []))
            self.pending = []
            self.blocks_since_action += 1
            return
        if self.pending and not cols.has("recommendation"):
            ref, rec = recommendation_of(self.pending)
            self.ctx = Context(theme=self.ctx.theme, recommendation=rec, recommendation_ref=ref)
        self.pending = []
        if cols.header_rows:
            self.header_source = cols
            self.heading_since = False
        header_texts = [info.grid.text(cols.header_rows - 1, c) if cols.header_rows else ""
                        for c in range(info.grid.n_cols)]
        refs = [bool(info.grid.text(r, c).strip()) for c in cols.columns("action_ref")[:1]
                for r in range(cols.header_rows, info.grid.n_rows)]
        numbered_rows = bool(refs) and sum(refs) / len(refs) >= REFS_FILLED_SHARE
        kept, dropped = 0, []
        first_body = True
        for r in range(cols.header_rows, info.grid.n_rows):
            if is_repeated_header(info, r, header_texts):
                dropped.append((r + 1, "repeated header row"))
                continue
            chopped = numbered_rows and chopped_row_text(info, r, cols)
            if chopped:
                self.ctx = Context(theme=self.ctx.theme, recommendation=chopped)
                dropped.append((r + 1, "row of words cut across the columns: recommendation for the rows below"))
                continue
            section = section_text(info, r)
            if section is not None:
                if len(section) <= SECTION_MAX_CHARS and "\n" not in section.strip():
                    self.ctx = Context(theme=section)
                    dropped.append((r + 1, f"section row: theme {section[:50]!r}"))
                else:
                    self.ctx = Context(theme=self.ctx.theme, recommendation=section)
                    dropped.append((r + 1, "full-width row: recommendation for the rows below"))
                first_body = False
                continue
            rv = row_values(info, r, cols)
            keys_empty = not any(rv.get(f).strip() for f in ("action_ref", "recommendation", "recommendation_ref")
                                 if cols.has(f))
            cut = rv.cut_from_previous or (continuing and first_body and keys_empty and
                                           (cols.has("action_ref") or cols.has("recommendation")))
            cut = cut or (numbered_rows and not rv.get("action_ref").strip() and bool(self.entries)
                          and self.entries[-1][3].columns.has("action_ref"))
            first_body = False
            if cut and self.entries:
                self.entries[-1][0].join(rv)
                dropped.append((r + 1, f"rest of a row cut by a page break (joined to table "
                                       f"{self.entries[-1][2]} row {self.entries[-1][0].row})"))
                continue
            if not rv.get("action").strip():
                has_other = any(rv.get(f).strip() for f in ("owner", "due", "rag", "measures", "progress"))
                dropped.append((r + 1, "no action text" if has_other else "blank row"))
                continue
            if rv.get("recommendation"):
                self.ctx = Context(theme=self.ctx.theme, recommendation=rv.get("recommendation"),
                                   recommendation_ref=rv.get("recommendation_ref"), recommendation_from_table=True)
            elif cols.has("recommendation") and self.ctx.recommendation_from_table:
                rv.values["recommendation"] = self.ctx.recommendation
                if not rv.get("recommendation_ref") and self.ctx.recommendation_ref:
                    rv.values["recommendation_ref"] = self.ctx.recommendation_ref
            self.entries.append((rv, copy.copy(self.ctx), info.index, info))
            kept += 1
        self.reports.append(self._report(info, kept, dropped, cols))
        self.blocks_since_action = 0

    def action_form(self, info: TableInfo) -> None:
        """A form with a label column: each block of labelled rows is one action."""
        if self.pending:
            ref, rec = recommendation_of(self.pending)
            self.ctx = Context(theme=self.ctx.theme, recommendation=rec, recommendation_ref=ref)
        self.pending = []
        rows = form_rows(info.grid, info.form_fields)
        for rv in rows:
            if rv.get("recommendation"):
                self.ctx = Context(theme=self.ctx.theme, recommendation=rv.get("recommendation"),
                                   recommendation_ref=rv.get("recommendation_ref"), recommendation_from_table=True)
            self.entries.append((rv, copy.copy(self.ctx), info.index, info))
        self.reports.append(self._report(info, len(rows), []))
        self.blocks_since_action = 0

    def _report(self, info: TableInfo, kept: int, dropped, cols=None) -> TableReport:
        cols = cols or info.columns
        return TableReport(index=info.index, kind=info.kind, page=info.table.page, n_rows=info.grid.n_rows,
                           header_rows=cols.header_rows,
                           columns=tuple(zip(cols.headers, cols.fields)), kept=kept, dropped=tuple(dropped),
                           continues_previous=info.table.continues_previous, column_sources=cols.how)

    def run(self):
        tables = iter(self.infos)
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, (Paragraph, ListItem)):
                self.paragraph(block.text, isinstance(block, ListItem))
            elif isinstance(block, Table):
                self.table(next(tables))
        records = []
        for rv, ctx, index, info in self.entries:
            records.extend(records_from_row(rv, index, ctx, self.paragraphs_are_items))
        records.extend(list_records(self.doc.blocks, self.titles))  # actions written as labelled paragraphs
        return records



def extract(doc: Document, plan_date: Optional[str] = None, authority: Optional[str] = None) -> Extraction:
    walk = _Walk(doc)
    records = walk.run()
    acronyms = [pair for info in walk.infos for pair in info.glossary]
    key = [pair for info in walk.infos for pair in info.rag_key]
    side_tables = [info.table for info in walk.infos if info.kind not in ("actions",)]
    side = SideData(acronyms=tuple(acronyms), roster=tuple(roster(doc, side_tables)), rag_key=tuple(key))
    plan = plan_facts(doc, plan_date=plan_date, authority=authority)
    return Extraction(document=doc, records=tuple(records), plan=plan, side=side,
                      tables=tuple(sorted(walk.reports, key=lambda t: t.index)))
