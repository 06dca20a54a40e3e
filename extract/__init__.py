"""Turn a Document into raw action records with their context, plus the plan's side data.

Works from the structure and vocabulary of action plans in general: which tables hold
actions (by their column headers, or what the columns hold), which are side material
(glossaries, RAG keys, rosters, risks, indicators), and what theme and recommendation
each action sits under. The thresholds of these decisions are one
:class:`~actionplans.extract.settings.ExtractSettings`, passed to :func:`extract` and down.
"""
from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Optional

from actionplans.model import (Candidate, Document, Extraction, Heading, ListItem, Paragraph, SideData, Table,
                               TableKind, TableReport)

from .columns import ColumnMap, fit_columns, map_columns
from .context import (caption_text, could_be_recommendation, is_caption, is_enumerator, is_footnote, is_label,
                      is_noise, is_side_heading, running_titles, context_line)
from .forms import form_rows
from .labels import is_bare_ref, recommendation_of, recommendation_ref
from .lists import DocumentLabels, names_the_plan, read_list
from .paragraphs import numbered_paragraph_records
from .plan import plan_facts
from .records import (Context, drop_parents_shared_by_recommendations, is_guidance_row, is_repeated_header,
                      ocr_confidence_note, recommendation_carried_on, records_from_row, row_values, section_line, section_text)
from .repairs import chopped_row_text, may_refit, may_repair, numbers_every_row
from .settings import DEFAULT, ExtractSettings
from .side import roster
from .table_info import RowValues, TableInfo
from .tables import (action_ranks, action_score, actions_score, choose_relatively, classify_tables,
                     join_split_forms, map_alike)
from .vocabulary import names_columns_only

__all__ = ["extract"]

#: kinds that never carry on an earlier action table's header
_NO_REFIT_KINDS = (TableKind.GLOSSARY, TableKind.RAG_KEY, TableKind.ROSTER, TableKind.ACTION_FORM, TableKind.FORM_CONTINUED)


_LIST_NUMBER = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+\S")


class _Walk:
    def __init__(self, doc: Document, settings: ExtractSettings = DEFAULT):
        self.doc = doc
        self.settings = settings
        self.infos = classify_tables(doc.tables, settings)
        join_split_forms(self.infos, settings)  # a form cut by a page break is read whole
        self.titles = running_titles(doc.blocks, doc.title)
        self.ctx = Context()
        self.pending: list[str] = []  # recommendation-like paragraphs since the last table or heading
        self.pending_ref = ""  # the number a "Recommendation 2" line gave the paragraph after it
        self.awaiting_text = False  # a "Recommendation 2" line alone: its text is the next paragraph
        self.caption = ""  # a title line right above the next table
        self.entries: list[tuple[RowValues, Context, int, TableInfo]] = []
        self.reports: list[TableReport] = []
        self.header_source: Optional[ColumnMap] = None  # the last action header seen
        #: the columns of the last action table, when it had no header row (mapped by its content)
        self.content_source: Optional[tuple[ColumnMap, int]] = None
        #: the kind and width of the table before, when it was judged under a header row
        self.kind_before: Optional[tuple[TableKind, int]] = None
        self.heading_since = False  # a heading since that header
        self.under_label = False  # after a label heading such as "Outcomes:"
        self.blocks_since_action = 0
        self.ranks: dict[int, tuple[int, int]] = {}

    def heading(self, h: Heading) -> None:
        """A heading sets the theme, or, when it reads as a recommendation ("1 Ensure that …",
        "Recommendation 2: …"), the recommendation under the theme already set."""
        text = " ".join(h.text.split())
        if is_bare_ref(text):  # "Recommendation 2" over its text
            self._start_recommendation_label(recommendation_ref(text)[0])
            return
        line = context_line(text)
        if is_label(text) and line.role != "recommendation":  # "Outcomes:" — the list under it is the label's
            self.under_label = True
            return
        if text in self.titles or h.level == 0 or is_enumerator(text):  # "(A)", "Part A": names nothing
            return
        if names_columns_only(text, self.settings):  # "Action and progress made" over a table: what it holds, no theme
            return
        caption = self.caption
        self.pending, self.pending_ref, self.caption = [], "", ""
        self.heading_since = True
        self.under_label = False
        if is_side_heading(text) or names_the_plan(text):  # "Glossary", "Detailed action plan": no theme
            self.ctx = Context()
        elif line.role == "recommendation":  # under a title line just above it, or the theme in force
            self.ctx = Context(theme=caption or self.ctx.theme, recommendation=line.text, recommendation_ref=line.ref)
        else:
            self.ctx = Context(theme=text)

    def _start_recommendation_label(self, ref: str) -> None:
        self.pending, self.pending_ref, self.awaiting_text = [], ref, True

    def paragraph(self, text: str, list_item: bool, bold: bool = False, label: str = "") -> None:
        """Collect the paragraphs that may head the next action table. A paragraph that starts
        in lower case carries on the one before (cut by a page break); list items carry on the
        paragraph that introduces them, and a numbered list item with none before it ("1.1 Ensure
        that …") is the recommendation of the table below, numbered by its label; numbered lines
        under a label ("Outcomes:") are the label's; a short title line is the next table's caption."""
        flat = " ".join(text.split())
        if not flat or is_footnote(flat) or is_noise(flat):
            return
        if not list_item and is_bare_ref(flat):  # "Rec 1": the number of the paragraph after it
            self._start_recommendation_label(recommendation_ref(flat)[0])
            return
        if self.awaiting_text and not list_item:
            self.pending, self.awaiting_text = [flat], False
            self.blocks_since_action += 1
            return
        if list_item or (_LIST_NUMBER.match(flat) and (self.pending or self.under_label)):  # else one on its own
            if self.pending and not self.under_label:
                self.pending[-1] += "\n" + flat
            elif (list_item and any(ch.isalnum() for ch in label) and not self.under_label
                  and could_be_recommendation(flat)):
                self.pending, self.pending_ref = [flat], label.strip().strip("()").rstrip(".):")
                self.blocks_since_action += 1
            return
        if flat[0].islower():
            if self.pending:
                self.pending[-1] += " " + flat
            return
        self.under_label = False
        if is_caption(flat, bold, self.settings):
            self.caption = caption_text(flat)
            return
        if could_be_recommendation(flat):
            if not self.pending:
                self.pending_ref = ""
            self.pending.append(flat)
            self.blocks_since_action += 1

    def _pending_recommendation(self) -> tuple[str, str]:
        """(ref, text) of the paragraphs waiting above a table."""
        if self.pending_ref:
            return self.pending_ref, "\n".join(self.pending)
        return recommendation_of(self.pending)

    def table(self, info: TableInfo) -> None:
        cols = info.columns
        repair = may_repair(info.table)
        repairs: list[tuple[int, str]] = []
        continuing = False
        before, self.kind_before = self.kind_before, None
        if (before is not None and info.table.continues_previous and cols.header_rows == 0
                and before[0] not in (TableKind.ACTIONS, TableKind.ACTION_FORM) and before[1] == info.grid.n_cols):
            # the rest of a table of indicators, risks or names cut by a page break, without its
            # header: what the part before was, however its own few rows read
            info.kind = before[0]
            self.content_source = None
            self.reports.append(self._report(info, 0, [], repairs=[(0, f"no header row: the rest of the {before[0]} table before it")]))
            self.pending, self.pending_ref = [], ""
            self.blocks_since_action += 1
            self.kind_before = before  # its rest may run over another page
            return
        if (info.table.continues_previous and cols.header_rows and self.header_source is not None
                and not info.table.rows[0].is_header):
            # the reader found no repeated header: the first rows are body rows, however they read
            cols = info.columns = map_columns(info.grid, n_header=0, settings=self.settings)
        if (cols.header_rows == 0 and self.header_source is not None and info.kind not in _NO_REFIT_KINDS
                and (info.table.continues_previous or not self.heading_since)):
            fitted = fit_columns(self.header_source, info.grid, reshape=may_refit(info.table),
                                 rows_repaired=repair, settings=self.settings)
            if fitted is not None:
                cols = info.columns = fitted
                info.kind = TableKind.ACTIONS
                continuing = True
                repairs.append((0, "no header row: the header of the action table before it laid over it"))
        source = self.content_source
        if (not continuing and cols.header_rows == 0 and info.table.continues_previous and source is not None
                and source[1] == info.grid.n_cols and source[0].fields != cols.fields
                and info.kind not in _NO_REFIT_KINDS):
            # a table without a header cut by a page break: the part after the break has the
            # columns of the part before, however its own few rows read
            cols = info.columns = source[0]
            info.kind = TableKind.ACTIONS
            continuing = True
            repairs.append((0, "no header row: the columns of the table it continues"))
        self.kind_before = (info.kind, info.grid.n_cols) if cols.header_rows else None
        if info.kind in (TableKind.ACTIONS, TableKind.ACTION_FORM) and self.caption:
            self.ctx = Context(theme=self.caption)
        self.caption = ""
        if info.kind == TableKind.ACTION_FORM:
            self.action_form(info)
            return
        if info.kind != TableKind.ACTIONS:
            self.content_source = None
            self.reports.append(self._report(info, 0, []))
            self.pending, self.pending_ref = [], ""
            self.blocks_since_action += 1
            return
        if self.pending and not cols.has("recommendation"):
            ref, text = self._pending_recommendation()
            self.ctx = Context(theme=self.ctx.theme, recommendation=text, recommendation_ref=ref)
        self.pending, self.pending_ref = [], ""
        if cols.header_rows:
            self.header_source = cols
            self.heading_since = False
        self.content_source = None if cols.header_rows else (cols, info.grid.n_cols)
        header_texts = [info.grid.text(cols.header_rows - 1, c) if cols.header_rows else ""
                        for c in range(info.grid.n_cols)]
        numbered_rows = repair and numbers_every_row(info, cols, self.settings)
        kept, dropped = 0, []
        first_body = True
        cut_recommendation: Optional[tuple[str, str, str]] = None  # (cell text, text joined, ref joined)
        for r in range(cols.header_rows, info.grid.n_rows):
            if is_repeated_header(info, r, header_texts):
                dropped.append((r + 1, "repeated header row"))
                continue
            if is_guidance_row(info, r):
                dropped.append((r + 1, "guidance row: its cells ask what to write in the plan"))
                continue
            chopped = numbered_rows and chopped_row_text(info, r, cols)
            if chopped:
                self.ctx = Context(theme=self.ctx.theme, recommendation=chopped)
                dropped.append((r + 1, "row of words cut across the columns: recommendation for the rows below"))
                repairs.append((r + 1, "words cut across the columns joined into one recommendation row"))
                continue
            section = section_text(info, r, self.settings)
            if section is not None:
                line = section_line(info, r, section)
                if line.role == "theme":
                    self.ctx = Context(theme=line.text)
                    dropped.append((r + 1, f"section row: theme {section[:50]!r}"))
                else:
                    self.ctx = Context(theme=self.ctx.theme, recommendation=line.text, recommendation_ref=line.ref)
                    dropped.append((r + 1, f"full-width row: recommendation {line.text[:50]!r}"))
                first_body = False
                continue
            rv = row_values(info, r, cols, repair=repair)
            rv.warnings.extend(cols.notes)
            low = ocr_confidence_note(info.table.rows[r], self.settings)
            if low:
                rv.warnings.append(low)
            restored = info.table.rows[r].restored
            if restored:
                columns = ", ".join(str(c + 1) for c in restored)
                repairs.append((r + 1, f"empty cells the export left out put back in column(s) {columns}"))
                rv.warnings.append("cells shifted left by the export were put back under their headers")
            keys_empty = not any(rv.get(f).strip() for f in ("action_ref", "recommendation", "recommendation_ref")
                                 if cols.has(f))
            if first_body and info.table.continues_previous and rv.get("recommendation"):
                carried = recommendation_carried_on(rv, self.ctx)
                if carried is not None:  # a merged recommendation cell cut by the page break
                    cut_recommendation = (rv.get("recommendation"), *carried)
                    self._rejoin_recommendation(*carried)
            if cut_recommendation is not None and rv.get("recommendation") == cut_recommendation[0]:
                if rv.cut_from_previous:  # joined to the row above, which holds the recommendation whole
                    rv.values.pop("recommendation"), rv.values.pop("recommendation_ref", None)
                else:
                    rv.values["recommendation"], rv.values["recommendation_ref"] = cut_recommendation[1:]
            cut = rv.cut_from_previous
            if repair and not cut:
                cut = (continuing and first_body and keys_empty and
                       (cols.has("action_ref") or cols.has("recommendation")))
                cut = cut or (numbered_rows and not rv.get("action_ref").strip() and bool(self.entries)
                              and self.entries[-1][3].columns.has("action_ref"))
                if cut and self.entries:
                    repairs.append((r + 1, "no number in a numbered table: the rest of the row above"))
            first_body = False
            if cut and self.entries:
                self.entries[-1][0].join(rv)
                dropped.append((r + 1, f"rest of a row cut by a page break (joined to table "
                                       f"{self.entries[-1][2]} row {self.entries[-1][0].row})"))
                continue
            if not rv.get("action").strip():
                has_other = any(rv.get(f).strip() for f in ("owner", "due", "rag", "measures", "progress")
                                if f not in rv.carried)
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
        self.reports.append(self._report(info, kept, dropped, cols, repairs))
        self.blocks_since_action = 0

    def _rejoin_recommendation(self, text: str, ref: str) -> None:
        """The rows above of a recommendation a page break cut get its whole text and ref."""
        before = (self.ctx.recommendation, self.ctx.recommendation_ref)
        for rv, ctx, _, _ in reversed(self.entries):
            if (ctx.recommendation, ctx.recommendation_ref) != before:
                break
            ctx.recommendation, ctx.recommendation_ref = text, ref
            if rv.get("recommendation"):
                rv.values["recommendation"], rv.values["recommendation_ref"] = text, ref

    def action_form(self, info: TableInfo) -> None:
        """A form with a label column: each block of labelled rows is one action."""
        if self.pending:
            ref, text = self._pending_recommendation()
            self.ctx = Context(theme=self.ctx.theme, recommendation=text, recommendation_ref=ref)
        self.pending, self.pending_ref = [], ""
        rows = form_rows(info.form)
        for rv in rows:
            if rv.get("recommendation"):
                self.ctx = Context(theme=self.ctx.theme, recommendation=rv.get("recommendation"),
                                   recommendation_ref=rv.get("recommendation_ref"), recommendation_from_table=True)
            self.entries.append((rv, copy.copy(self.ctx), info.index, info))
        form = info.form
        note = (f"read as a form: {form.blocks} block(s) of labelled rows laid out as a table of its labels, "
                f"one row per block, and mapped by the same evidence as a table's columns")
        self.reports.append(self._report(info, len(rows), [], replace(form.columns, header_rows=0, notes=(
            note,) + form.columns.notes)))
        self.blocks_since_action = 0

    def _report(self, info: TableInfo, kept: int, dropped, cols=None, repairs=()) -> TableReport:
        cols = cols or info.columns
        runner = info.runner_up
        return TableReport(index=info.index, kind=info.kind, page=info.table.page, n_rows=info.grid.n_rows,
                           header_rows=cols.header_rows,
                           columns=tuple(zip(cols.headers, cols.fields)), kept=kept, dropped=tuple(dropped),
                           continues_previous=info.table.continues_previous, column_sources=cols.how,
                           fidelity=info.table.fidelity, kind_score=round(info.scores.get(info.kind, 0.0), 2),
                           runner_up=(runner[0], round(runner[1], 2)),
                           column_evidence=tuple(e.summary() for e in cols.evidence)
                           or ("header: the earlier action table's, refitted",) * len(cols.fields),
                           repairs=tuple(repairs),
                           notes=cols.notes, action_rank=self.ranks.get(info.index, (0, 0)))

    def run(self):
        # actions written as paragraphs with labelled lines
        paragraph_records, self.list_labels = read_list(self.doc.blocks, self.titles, self.settings)
        self.numbered: Optional[int] = None
        choose_relatively(self.infos, actions_elsewhere=bool(paragraph_records), settings=self.settings)
        map_alike(self.infos, self.settings)
        self.ranks = action_ranks(self.infos)
        tables = iter(self.infos)
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, (Paragraph, ListItem)):
                self.paragraph(block.text, isinstance(block, ListItem), getattr(block, "bold", False),
                               getattr(block, "label", ""))
            elif isinstance(block, Table):
                self.table(next(tables))
        records = []
        for rv, ctx, index, info in self.entries:
            records.extend(records_from_row(rv, index, ctx))
        self.labelled = len(paragraph_records)
        if not self.entries:  # no table holds actions: numbered paragraphs may (the reading that finds more wins)
            numbered = numbered_paragraph_records(self.doc.blocks, self.titles, self.settings)
            self.numbered = len(numbered)
            paragraph_records = numbered if len(numbered) > len(paragraph_records) else paragraph_records
        records.extend(paragraph_records)
        return drop_parents_shared_by_recommendations(records)

    def candidates(self) -> tuple[Candidate, ...]:
        """Every place that may hold the actions, with its score as actions and why it was read or not."""
        reports = {r.index: r for r in self.reports}
        out: list[Candidate] = []
        for info in self.infos:
            rep = reports.get(info.index)
            score = action_score(info)
            chosen = info.kind in (TableKind.ACTIONS, TableKind.ACTION_FORM) and rep is not None and rep.kept > 0
            if info.kind == TableKind.FORM_CONTINUED or (score <= 0 and not chosen):
                continue
            what = f"form (table {info.index})" if info.kind == TableKind.ACTION_FORM else f"table {info.index}"
            runner, runner_score = info.runner_up
            kind_score = info.scores.get(info.kind, 0.0)
            if chosen:
                why = (f"read as {info.kind.value}: {kind_score:.2f} against {runner.value if runner else '-'} "
                       f"{runner_score:.2f}")
                promoted = [n for n in (rep.notes if rep else ()) if n.startswith("read as actions")]
                why += f" ({promoted[0]})" if promoted else ""
            else:
                why = f"not read: judged {info.kind.value} ({kind_score:.2f})"
            out.append(Candidate(what, round(score, 2), rep.kept if chosen and rep else 0, chosen, why))
        labels: DocumentLabels = self.list_labels
        if labels.columns is not None or self.labelled:
            score = actions_score(labels.columns) if labels.columns is not None else 0.0
            named = ", ".join(f"{h!r}: {f}" for h, f in zip(labels.columns.headers[1:], labels.columns.fields[1:])
                              ) if labels.columns is not None else ""
            used = self.numbered is None or self.labelled >= self.numbered
            why = (f"{labels.rows} paragraph(s) followed by labelled lines; labels read as {named or '-'}"
                   + ("" if used else f"; the numbered paragraphs give more actions ({self.numbered})"))
            out.append(Candidate("labelled paragraphs", round(score, 2), self.labelled if used else 0,
                                 used and self.labelled > 0, why))
        if self.numbered:
            used = self.numbered > self.labelled
            out.append(Candidate("numbered paragraphs", 0.0, self.numbered if used else 0, used,
                                 "no table or form holds actions: the plan's numbered paragraphs read as its actions"
                                 if used else "fewer actions than the labelled paragraphs"))
        return tuple(sorted(out, key=lambda c: (-c.score, not c.chosen)))


def extract(doc: Document, settings: ExtractSettings = DEFAULT) -> Extraction:
    """The records of ``doc`` and what the plan says about itself, as the document states it
    (the user's options, e.g. ``--plan-date``, are applied by normalise/, where the document is silent).
    ``settings``: the thresholds of the stage (``ConvertOptions.extract``)."""
    walk = _Walk(doc, settings)
    records = walk.run()
    acronyms = [pair for info in walk.infos for pair in info.glossary]
    key = [pair for info in walk.infos for pair in info.rag_key]
    side_tables = [info.table for info in walk.infos if info.kind != TableKind.ACTIONS]
    officers = dict(roster(doc, side_tables))
    for info in walk.infos:  # tables of names beside roles
        for name, role in info.roster:
            officers.setdefault(name, role)
    side = SideData(acronyms=tuple(acronyms), roster=tuple(officers.items()), rag_key=tuple(key))
    plan = plan_facts(doc, settings)
    return Extraction(document=doc, records=tuple(records), plan=plan, side=side,
                      tables=tuple(sorted(walk.reports, key=lambda t: t.index)), candidates=walk.candidates())
