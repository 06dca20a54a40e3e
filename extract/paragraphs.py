"""Plans with no action table at all, whose actions are numbered paragraphs under area headings.

    4. Children in care                                  <- heading: theme "Children in care"
    4.1 Actions we will take                             <- a line introducing a group: nothing
    4.1.1 Track health assessments weekly ...            <- action 4.1.1
    4.1.2 Agree a protocol with the CCG ... (Lead: Jane Smith; Timescale: May 2014)
    4.1.2 Publish recording standards ...                <- a number typed twice: kept as typed

Often with no lead, date or RAG at all; leads may close the paragraph ("(Lead: X; Timescale: Y)",
read through the column vocabulary, ``labels.inline_tail``) or follow it as labelled lines.

Which paragraphs are the actions is decided in the document, relatively: the numbered paragraphs
of one decimal scheme ("4.1.1", "4.1") are grouped by depth; a depth is a candidate when it
repeats under its parents (several "4.1.x" under one "4.1"); its paragraphs are cut into runs
by their first number (a report's "1.1 … 1.4" of its introduction is one run, the actions of
area 4 another), and each run is rated by how its texts read: actions open with a verb of doing
or give someone something to do ("The board to review …"), or are noun phrases; a report's
narrative states what has happened ("The survey has taken place", "Members were told");
a contents list repeats the document's headings. The deepest depth whose best run reads as
actions holds the plan's actions, and of its runs those that read nearly as well as the best
are kept. Numbered lines at the depths above (the "4.1" over "4.1.1") head a group: a
recommendation when they are a sentence, nothing when they only introduce the actions
("4.2 Actions we will take", "Our actions:").

Theme: the heading in force, without its number. Every row read this way carries a warning.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from actionplans.model import Block, Heading, ListItem, Paragraph, RawRecord, Table

from .context import context_line, could_be_recommendation, is_footnote, is_noise
from .evidence import is_imperative
from .labels import Labelled, inline_tail, read_labels
from .lists import HeadingTrail, labelled_field
from .records import Context, records_from_row
from .settings import DEFAULT, ExtractSettings
from .table_info import RowValues
from .vocabulary import best_field, words

#: a decimal number before a paragraph's text: "4.1.1", "4.1.", "10.2"
_DECIMAL = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d{1,3}){0,4})\.?(?:[:)]|\s*[–—-])?\s+(?=[^\s.,;:%)a-z])")
#: a contents line: a title and its page number, after dot leaders or alone at the end
_LEADER = re.compile(r"(?:\.{3,}|…+|_{3,})\s*\d{1,3}\s*$")
_PAGE_NUMBER = re.compile(r"\s\d{1,3}\s*$")
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"})
#: detail fields a labelled line under an action may give
_DETAIL = ("owner", "due", "start", "rag", "progress", "measures")

NUMBERED_PARAS_NOTE = "action read from a numbered paragraph (the plan has no action table)"
NO_DETAILS_NOTE = "; no lead, date or RAG given"


@dataclass(frozen=True)
class _Line:
    index: int
    block: Block
    parts: tuple[int, ...]  # the decimal number's parts, () when unnumbered
    ref: str  # the number as typed, without its final dot
    text: str  # the text after the number


def _numbered(block: Block) -> _Line:
    """The decimal number of a paragraph, heading or list item (Word's rendered label first)."""
    text = " ".join(block.text.split())
    if isinstance(block, ListItem) and block.label:
        label = block.label.strip().rstrip(".):")
        if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){0,4}", label):
            body = text[len(block.label.strip()):].strip() if text.startswith(block.label.strip()) else text
            return _Line(0, block, tuple(int(p) for p in label.split(".")), label, body)
    m = _DECIMAL.match(text)
    if not m:
        return _Line(0, block, (), "", text)
    num = m.group("num")
    return _Line(0, block, tuple(int(p) for p in num.split(".")), num, text[m.end():].strip())


@lru_cache(maxsize=None)
def _statement_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(words that make a sentence a statement, words a statement opens with): content.json."""
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/content.json").read_text("utf-8"))
    return frozenset(raw["statement_words"]), frozenset(raw["statement_openings"])


def is_contents_line(text: str, settings: ExtractSettings = DEFAULT) -> bool:
    """A contents list's line: a short title ending with its page number ("Background ..... 3"); a
    line ending with a number without leaders is one only when it is a title (``contents_max_words``)."""
    t = " ".join(text.split())
    if _LEADER.search(t):
        return True
    m = _PAGE_NUMBER.search(t)
    return bool(m) and len(t.split()) <= settings.contents_max_words and not t[:m.start()].rstrip().endswith((".", ":"))


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[a-z0-9)])[.;:](?:\s|$)", text, maxsplit=1)[0]


def action_reading(text: str, settings: ExtractSettings = DEFAULT) -> float:
    """How well a paragraph reads as an action: 1 for a verb of doing ("Develop …", "The board to
    review …", "We will …": "to" or "will" among its first ``head_words``), 0 for a statement of what
    is or has been ("The survey has taken place", "Staff were consulted"), 0.5 for the rest (noun
    phrases: "Revised policy signed off")."""
    body, _ = inline_tail(text, settings)
    if is_contents_line(body, settings):
        return 0.0
    if is_imperative(body):
        return 1.0
    statement, openings = _statement_vocabulary()
    toks = words(_first_sentence(body))
    head = toks[:settings.head_words]
    if toks[:1] and toks[0] in openings:
        return 0.0
    gives = any(a in ("to", "will") and b not in _ARTICLES for a, b in zip(head, head[1:]))
    if gives and not statement.intersection(head):
        return 1.0
    if statement.intersection(toks):
        return 0.0
    return 0.5


def _intro_line(text: str, settings: ExtractSettings = DEFAULT) -> bool:
    """A line that introduces a group of actions ("Actions we will take", "What we will do:"): it
    names them in a few words (``intro_max_words``)."""
    t = text.strip().rstrip(":").strip()
    if not t:
        return True
    found = best_field(t, settings)
    return len(t.split()) <= settings.intro_max_words and found is not None and found.field == "action"


def _runs(items: list[_Line]) -> list[list[_Line]]:
    """Paragraphs of one depth cut where their first number changes."""
    out: list[list[_Line]] = []
    for line in items:
        if out and out[-1][-1].parts[0] == line.parts[0]:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _repeats_under_parents(items: list[_Line]) -> bool:
    seen: dict[tuple[int, ...], int] = {}
    for line in items:
        seen[line.parts[:-1]] = seen.get(line.parts[:-1], 0) + 1
    return any(n >= 2 for n in seen.values())


def action_paragraphs(lines: list[_Line], headings: set[str],
                      settings: ExtractSettings = DEFAULT) -> tuple[int, set[int]]:
    """(depth, block indexes) of the paragraphs that are the plan's actions; (0, set()) when none.
    The best run of a depth must read as actions ``min_action_reading`` well (0..1: verbs of doing 1,
    noun phrases 0.5, narrative 0); a run is kept when it reads ``run_share_of_best`` as well."""
    numbered = [ln for ln in lines if ln.parts and len(ln.parts) >= 2 and not isinstance(ln.block, Heading)]
    for depth in sorted({len(ln.parts) for ln in numbered}, reverse=True):
        items = [ln for ln in numbered if len(ln.parts) == depth]
        if not _repeats_under_parents(items):
            continue
        rated = []
        for run in _runs(items):
            scores = [0.0 if _key(ln.text) in headings else action_reading(ln.text, settings)  # a contents line
                      for ln in run]
            rated.append((sum(scores) / len(scores), run))
        best = max(score for score, _ in rated)
        if best < settings.min_action_reading:
            continue
        kept = {ln.index for score, run in rated if score >= settings.run_share_of_best * best for ln in run}
        return depth, kept
    return 0, set()


def _key(text: str) -> str:
    """A text as a contents list and a heading share it: words only, no number, no page number."""
    toks = words(text)
    while toks and toks[-1].isdigit():
        toks.pop()
    while toks and toks[0].isdigit():
        toks.pop(0)
    return " ".join(toks)


class _ParagraphWalk:
    def __init__(self, titles: Iterable[str], depth: int, actions: set[int], settings: ExtractSettings = DEFAULT):
        self.settings = settings
        self.trail = HeadingTrail(titles)
        self.depth, self.actions = depth, actions
        self.theme = self.recommendation = self.recommendation_ref = ""
        self.pending: list[str] = []  # unnumbered paragraphs since the last heading or group line
        self.draft: Optional[RowValues] = None
        self.draft_ctx = Context()
        self.details = False  # the draft was given a lead, date or RAG
        self.in_group = False  # an action was read since the last heading or group line
        self.parents: set[tuple[int, ...]] = set()  # the numbers above the kept actions ("4", "4.1")
        self.done: list[tuple[RowValues, Context]] = []

    def _finish(self) -> None:
        if self.draft is not None:
            if not self.details:
                self.draft.warnings.append(NUMBERED_PARAS_NOTE + NO_DETAILS_NOTE)
            else:
                self.draft.warnings.append(NUMBERED_PARAS_NOTE)
            self.done.append((self.draft, self.draft_ctx))
        self.draft = None

    def _group(self, ref: str = "", text: str = "", theme: Optional[str] = None) -> None:
        self._finish()
        self.pending, self.in_group = [], False
        if theme is not None:
            self.theme = theme
        self.recommendation, self.recommendation_ref = text, (ref if text else "")

    def _action(self, line: _Line) -> None:
        self._finish()
        if self.pending and not self.recommendation and not self.in_group:  # a sentence over the group's first action
            self.recommendation, self.recommendation_ref = self.pending[-1], ""
        self.pending, self.in_group = [], True
        body, labels = inline_tail(line.text, self.settings)
        rv = RowValues(row=line.index + 1, page=getattr(line.block, "page", None))
        rv.values["action"] = body
        rv.values["action_ref"] = line.ref
        self.draft, self.details = rv, False
        self.draft_ctx = Context(theme=self.theme, recommendation=self.recommendation,
                                 recommendation_ref=self.recommendation_ref)
        self._labels(labels)

    def _labels(self, labels: list[Labelled]) -> None:
        rv = self.draft
        for lab in labels:
            # "Who and when": the owner (normalise cuts lead from date)
            fld = "owner" if set(lab.fields) >= {"owner", "due"} else labelled_field(lab, self.settings)
            if fld not in _DETAIL:
                if lab.value:
                    rv.extra.append((lab.label, lab.value))
                continue
            if lab.value:
                prev = rv.values.get(fld, "")
                rv.values[fld] = f"{prev}\n{lab.value}".strip() if prev else lab.value
                self.details = self.details or fld in ("owner", "due", "rag")

    def heading(self, line: _Line) -> None:
        if line.parts and 1 < len(line.parts) < self.depth and self._in_plan(line):
            self.group_line(line)  # "4.1 Actions we will take" that an export made a heading
            return
        got = self.trail.push(line.block)
        if got is None:
            return
        theme, rec = got
        self._group(theme=context_line(theme).text if theme else "")
        if rec:
            line_ = context_line(rec)
            self.recommendation, self.recommendation_ref = line_.text, line_.ref

    def _in_plan(self, line: _Line) -> bool:
        """Is this numbered line the parent of a kept action?"""
        return line.parts in self.parents

    def group_line(self, line: _Line) -> None:
        if _intro_line(line.text, self.settings):
            self._group()
        elif len(line.parts) == 1 and not could_be_recommendation(line.text):
            self._group(theme=line.text)  # "4. Children in care" as a plain paragraph
        else:
            self._group(line.ref, line.text)

    def paragraph(self, line: _Line) -> None:
        flat = line.text
        if line.index in self.actions:
            self._action(line)
            return
        if line.parts:
            if len(line.parts) < self.depth and self._in_plan(line):
                self.group_line(line)
            else:
                self._finish()
            return
        if not flat or is_noise(flat) or is_footnote(flat):
            return
        lead, labels = read_labels(line.block.text.strip(), self.settings)
        if labels and not lead and self.draft is not None:
            self._labels(labels)  # "Lead: Jane Smith" under its action
            return
        if self.draft is not None and flat[:1].islower():
            self.draft.values["action"] += " " + flat  # a line the export cut from its paragraph
            return
        self._finish()
        if not labels and not _intro_line(flat, self.settings) and could_be_recommendation(flat):
            self.pending.append(flat)

    def run(self, lines: list[_Line]) -> list[tuple[RowValues, Context]]:
        kept = [ln for ln in lines if ln.index in self.actions]
        self.parents = {ln.parts[:k] for ln in kept for k in range(1, len(ln.parts))}
        for line in lines:
            if isinstance(line.block, Table):
                self._finish()
                self.pending = []
            elif isinstance(line.block, Heading):
                self._finish()
                self.heading(line)
            else:
                self.paragraph(line)
        self._finish()
        return self.done


def _lines(blocks: Iterable[Block]) -> list[_Line]:
    out = []
    for i, block in enumerate(blocks):
        if isinstance(block, (Heading, Paragraph, ListItem)):
            out.append(replace(_numbered(block), index=i))
        elif isinstance(block, Table):
            out.append(_Line(i, block, (), "", ""))
    return out


def paragraph_actions(blocks: Iterable[Block], titles: Iterable[str] = (),
                      settings: ExtractSettings = DEFAULT) -> list[tuple[RowValues, Context]]:
    """The actions written as numbered paragraphs in ``blocks`` (a plan with no action table)."""
    lines = _lines(blocks)
    headings = {_key(ln.text) for ln in lines if isinstance(ln.block, Heading)} - {""}
    depth, actions = action_paragraphs(lines, headings, settings)
    if not actions:
        return []
    return _ParagraphWalk(titles, depth, actions, settings).run(lines)


def numbered_paragraph_records(blocks: Iterable[Block], titles: Iterable[str] = (),
                               settings: ExtractSettings = DEFAULT) -> list[RawRecord]:
    """Raw records of the numbered-paragraph actions; ``source_table`` and ``source_row`` are None."""
    out: list[RawRecord] = []
    for rv, ctx in paragraph_actions(blocks, titles, settings):
        for rec in records_from_row(rv, 0, ctx):
            out.append(replace(rec, source_table=None, source_row=None))
    return out
