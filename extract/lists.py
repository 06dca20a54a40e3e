"""Plans without action tables: actions written as paragraphs or list items, each followed by
labelled lines.

    Section 1: Help and protection                      <- heading: theme
    1.1 Ensure that referrals are ...                   <- paragraph: recommendation
    1.1.1 Deliver training to partner agencies.          <- paragraph: the action (ref 1.1.1)
    Lead: Head of Service                                <- labelled lines, read through the
    By when: March 2014    RAG: Amber                       column vocabulary

An action is a paragraph (or list item) directly followed by labelled lines whose labels the
column vocabulary names as owner, due, RAG, progress or measures; or a labelled "Action:" line
itself. A numbered paragraph alone is not an action here (a plan whose actions are numbered
paragraphs without labelled lines is read by ``paragraphs``, where no table holds actions). A
lead and date closing the paragraph in brackets ("… (Lead: X; By: May 2014)") are labels too
(``labels.inline_tail``), and a progress label whose value is only a rating gives the RAG. To
be kept, an action's labels must name two such fields, and one of them must be the owner
unless three are labelled (a cover page's "Status: Draft", "Date: May 2019" under the title
are not an action, nor is a narrative paragraph with a "Theme lead: ..." line after it).

Theme and recommendation come from the headings above (the deepest heading that reads as a
recommendation, with the theme heading above it) and from the paragraphs between the last
action and the next: the last such paragraph is the recommendation of the actions that follow.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from actionplans.model import Block, Cell, Heading, ListItem, Paragraph, RawRecord, Row, Table
from actionplans.normalise.rag import rag_word

from .columns import ColumnMap, map_columns
from .context import context_line, could_be_recommendation, is_footnote, is_label, is_noise, is_side_heading
from .grid import Grid
from .labels import (KnownLabels, Labelled, inline_tail, is_bare_ref, label_fields, label_key,
                     leading_ref, read_labels, recommendation_ref)
from .records import Context, records_from_row
from .settings import DEFAULT, ExtractSettings
from .table_info import RowValues
from .vocabulary import words

#: fields whose labelled lines make the paragraph before them an action
ACTION_DETAIL_FIELDS = ("owner", "due", "rag", "progress", "measures")


@lru_cache(maxsize=None)
def _plan_headings() -> tuple[tuple[str, ...], ...]:
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/side.json").read_text("utf-8"))
    return tuple(tuple(words(p)) for p in raw.get("plan_headings", []))


def names_the_plan(text: str) -> bool:
    """A heading that names the plan or its body ("Detailed action plan", "The Improvement
    Plan"): it sets no theme."""
    toks = words(text)
    return any(len(toks) >= len(p) and tuple(toks[-len(p):]) == p for p in _plan_headings())


def labelled_field(lab: Labelled, settings: ExtractSettings = DEFAULT) -> str:
    """The field a labelled line gives: its label's, except that a progress label whose value is
    only a rating ("Progress: Green", "Status: A", at most ``max_rating_words``) gives the RAG."""
    fld = lab.fields[0]
    if fld == "progress" and len(lab.value.split()) <= settings.max_rating_words and rag_word(lab.value) is not None:
        return "rag"
    return fld


class HeadingTrail:
    """The headings in force at a point of the document, and the theme and recommendation they
    give. The deepest heading is the recommendation when it reads as one (context.context_line,
    as in table plans), under the theme heading above it; otherwise it is the theme. Headings that name the plan set nothing; side headings ("Glossary") end the theme."""

    def __init__(self, titles: Iterable[str] = ()):
        self.titles = set(titles)
        self.stack: list[tuple[int, str]] = []

    def push(self, heading: Heading) -> Optional[tuple[str, str]]:
        """(theme, recommendation) after ``heading``; None when the heading changes nothing."""
        text = " ".join(heading.text.split())
        if not text or text in self.titles or heading.level == 0:
            return None
        while self.stack and self.stack[-1][0] >= heading.level:
            self.stack.pop()
        self.stack.append((heading.level, text))
        return self.current()

    def current(self) -> tuple[str, str]:
        # a heading that is a label ("Our planned actions:") introduces what follows: no theme
        stack = [(level, t) for level, t in self.stack if not is_label(t)]
        if not stack:
            return "", ""
        deepest = stack[-1][1]
        if is_side_heading(deepest):
            return "", ""
        above = [t for _, t in stack[:-1] if not names_the_plan(t) and not is_side_heading(t)]
        if names_the_plan(deepest):
            return "", ""
        if context_line(deepest).role == "recommendation":  # the rule the table walk uses
            return (above[-1] if above else ""), deepest
        return deepest, ""


@dataclass
class _Draft:
    values: RowValues
    context: Context
    labelled: set[str] = field(default_factory=set)  # detail fields the action's labels name


def _is_bullet(label: str) -> bool:
    return not any(ch.isalnum() for ch in label)


def _item_ref(block: Block) -> tuple[str, str]:
    """(ref, text) of a paragraph or list item: Word's number from the list item's label, or
    the number typed before the text."""
    text = " ".join(block.text.split())
    if isinstance(block, ListItem) and block.label and not _is_bullet(block.label):
        label = block.label.strip()
        if text.startswith(label):
            text = text[len(label):].strip()
        return label.strip("()").rstrip(".):"), text
    return leading_ref(text)


#: a line opening with a short label: "Champion: Jane Smith"
_LINE_LABEL = re.compile(r"^[\s•·▪◦●○■□‣⁃*–—-]*(?P<label>[A-Z][^:\n]{0,60}?)\s*:\s+(?P<value>\S.*)$")


@dataclass(frozen=True)
class DocumentLabels:
    """The labels a document writes its actions' details with, read by the column evidence: each
    paragraph followed by labelled lines is a row of a table whose columns are the labels."""

    known: KnownLabels  # key -> fields of the labels the vocabulary does not name
    columns: Optional[ColumnMap]  # the labels laid out as a table and mapped, for inspect
    rows: int  # paragraphs followed by labelled lines


def document_labels(blocks: Iterable[Block], settings: ExtractSettings = DEFAULT) -> DocumentLabels:
    """The document's own labels and the fields their values show. A short run of words before a
    colon at the start of a line, in several blocks, is a candidate label; laid out as columns
    beside the paragraph each group of labelled lines follows, the labels are mapped by the same
    header and content evidence as a table's columns. A label the vocabulary names keeps its field;
    one it does not ("Champion:", "Milestone:") gets the field its values show, or none."""
    lines: list[tuple[bool, str]] = []  # (is a break, text) of every line of every paragraph
    uses: dict[tuple[str, ...], int] = {}
    for block in blocks:
        if not isinstance(block, (Paragraph, ListItem)):
            lines.append((True, ""))
            continue
        seen: set = set()
        for line in block.text.split("\n"):
            lines.append((False, line))
            m = _LINE_LABEL.match(line)
            # a numbered label ("Recommendation 5:", "Action 2.1:") heads what follows; it is no detail's label
            if m and len(m["label"].split()) <= settings.max_label_words and not any(ch.isdigit() for ch in m["label"]):
                seen.add(label_key(m["label"]))
        for k in seen:
            uses[k] = uses.get(k, 0) + 1
    own = {k for k, n in uses.items() if n >= settings.label_min_uses and k}
    units: list[tuple[str, dict[tuple[str, ...], str]]] = []
    texts: dict[tuple[str, ...], str] = {}
    cur: Optional[tuple[str, dict]] = None
    unnamed = {k: ("other",) for k in own}  # found by read_labels as labels; their fields are to be decided
    for is_break, line in lines:
        if is_break:
            cur = None
            continue
        lead, labs = read_labels(line, settings, unnamed)
        if lead.strip():
            cur = (lead.strip(), {})
            units.append(cur)
        for lab in labs:
            key = label_key(lab.label)
            if cur is not None and key not in cur[1]:
                cur[1][key] = lab.value.strip()
                texts.setdefault(key, lab.label.strip())
    units = [u for u in units if u[1]]
    own_used = [k for k in texts if k in own and label_fields(texts[k], settings=settings) is None]
    if len(units) < 2:
        return DocumentLabels({}, None, len(units))
    keys = list(texts)
    header = Row(cells=(Cell(""),) + tuple(Cell(texts[k]) for k in keys), is_header=True)
    body = tuple(Row(cells=(Cell(lead),) + tuple(Cell(values.get(k, "")) for k in keys)) for lead, values in units)
    cols = map_columns(Grid(Table(rows=(header,) + body)), n_header=1, settings=settings)
    known = {k: (cols.fields[c + 1],) for c, k in enumerate(keys)
             if k in own_used and cols.fields[c + 1] not in ("other", "action")}
    return DocumentLabels(known, cols, len(units))


class _ListWalk:
    def __init__(self, titles: Iterable[str], settings: ExtractSettings = DEFAULT,
                 known: Optional[KnownLabels] = None):
        self.settings = settings
        self.known = known or {}
        self.trail = HeadingTrail(titles)
        self.theme = ""
        self.recommendation = ""
        self.recommendation_ref = ""
        self.pending: list[tuple[int, Block]] = []  # paragraphs since the last action or heading
        self.draft: Optional[_Draft] = None
        self.done: list[_Draft] = []
        self.next_ref = ""  # a labelled number ("Ref: 2.1") before the "Action:" line it numbers

    # -- context --------------------------------------------------------------------------

    def _context(self) -> Context:
        return Context(theme=self.theme, recommendation=self.recommendation,
                       recommendation_ref=self.recommendation_ref)

    def _recommendation_from_pending(self) -> None:
        """The paragraphs left before an action: the last one that reads as a recommendation
        is the recommendation of the actions from here on; a bare number before it is its ref."""
        for k in range(len(self.pending) - 1, -1, -1):
            _, block = self.pending[k]
            if isinstance(block, ListItem) and block.label and not _is_bullet(block.label):
                ref, text = _item_ref(block)
            else:
                ref, text = recommendation_ref(" ".join(block.text.split()))
            if not text or not could_be_recommendation(text):
                continue
            if not ref and k > 0:
                prev_ref, prev_text = recommendation_ref(" ".join(self.pending[k - 1][1].text.split()))
                ref = prev_ref if prev_ref and not prev_text else ""
            self.recommendation, self.recommendation_ref = text, ref
            return

    # -- drafts ---------------------------------------------------------------------------

    def _finish(self) -> None:
        if self.draft is not None and self.draft.labelled and self.draft.values.get("action"):
            self.done.append(self.draft)
        self.draft = None

    def _start(self, index: int, block: Block, text: Optional[str] = None) -> None:
        ref, body = _item_ref(block) if text is None else leading_ref(text)
        rv = RowValues(row=index + 1, page=getattr(block, "page", None))
        rv.values["action"] = body
        ref = ref or self.next_ref
        self.next_ref = ""
        if ref:
            rv.values["action_ref"] = ref
        self.draft = _Draft(rv, self._context())

    def _apply(self, lab: Labelled) -> None:
        rv = self.draft.values
        flds = lab.fields
        if set(flds) >= {"owner", "due"}:  # "Who and when": normalise cuts lead from date
            pairs = [("owner", lab.value)]
            self.draft.labelled.update(f for f in flds if f in ACTION_DETAIL_FIELDS)  # the label gives both
        else:
            pairs = [(labelled_field(lab, self.settings), lab.value)]
        for fld, value in pairs:
            if fld in ACTION_DETAIL_FIELDS:
                self.draft.labelled.add(fld)
            if fld == "other" or fld in ("theme", "recommendation", "recommendation_ref"):
                if value:
                    rv.extra.append((lab.label, value))
                continue
            if value:
                prev = rv.values.get(fld, "")
                rv.values[fld] = f"{prev}\n{value}".strip() if prev else value

    def _set_context(self, lab: Labelled) -> None:
        fld = lab.fields[0]
        if fld == "theme":
            self.theme, self.recommendation, self.recommendation_ref = lab.value, "", ""
        elif fld == "recommendation":
            self.recommendation_ref, self.recommendation = recommendation_ref(lab.value)
        elif fld == "recommendation_ref":
            self.recommendation_ref = lab.value

    # -- blocks ---------------------------------------------------------------------------

    def labels(self, index: int, block: Block, labels: list[Labelled]) -> None:
        for lab in labels:
            fld = lab.fields[0]
            if fld in ("theme", "recommendation") or (fld == "recommendation_ref" and self.draft is None):
                self._finish()
                self._set_context(lab)
                continue
            if fld == "action_ref" and (self.draft is None or self.draft.values.get("action_ref")):
                self._finish()
                self.next_ref = lab.value.strip("()").rstrip(".")
                continue
            if fld == "action":
                self._finish()
                self._recommendation_from_pending()
                self.pending = []
                self._start(index, block, lab.value)
                continue
            if self.draft is None:
                if not self.pending:
                    continue  # a stray label ("Date: 3 May 2014") with no paragraph before it
                at, action_block = self.pending.pop()
                self._recommendation_from_pending()
                self.pending = []
                self._start(at, action_block)
            self._apply(lab)

    def paragraph(self, index: int, block: Block) -> None:
        text = block.text.strip()
        lead, labels = read_labels(text, self.settings, self.known)
        if lead and labels:  # "1.2 Deliver … (Lead: X; By: May)": the brackets are neither action nor value
            lead, labels = inline_tail(text, self.settings, self.known)
        if labels and not lead:
            self.labels(index, block, labels)
            return
        if labels and len(lead.split()) >= self.settings.min_action_words:  # "1.2 Deliver ... Lead: X By: May"
            self._finish()
            self.pending.append((index, replace(block, text=lead)))
            self.labels(index, block, labels)
            return
        self._finish()
        flat = " ".join(text.split())
        if not flat or is_noise(flat) or is_footnote(flat):
            return
        self.pending.append((index, block))

    def heading(self, index: int, block: Heading) -> None:
        lead, labels = read_labels(block.text.strip(), self.settings, self.known)
        if labels and not lead and (self.draft is not None or self.pending):
            self.labels(index, block, labels)  # a label line that an export took for a heading
            return
        if is_label(block.text):  # "What needs to improve:": a label over the paragraph below
            return
        self._finish()
        if is_bare_ref(block.text):  # "Rec 1" set as a heading: the number of what follows
            self.pending = [(index, block)]
            return
        self.pending = []
        got = self.trail.push(block)
        if got is not None:
            self.theme, self.recommendation = got
            self.recommendation_ref, rest = recommendation_ref(self.recommendation) if self.recommendation else ("", "")
            if self.recommendation_ref:
                self.recommendation = rest

    def run(self, blocks: Iterable[Block]) -> list[_Draft]:
        for i, block in enumerate(blocks):
            if isinstance(block, Table):
                self._finish()
                self.pending = []
            elif isinstance(block, Heading):
                self.heading(i, block)
            elif isinstance(block, (Paragraph, ListItem)):
                self.paragraph(i, block)
        self._finish()
        return self.done


def _kept(drafts: list[_Draft], settings: ExtractSettings = DEFAULT) -> list[_Draft]:
    """Drafts that are actions: two detail fields labelled (``min_detail_fields``: "Theme lead: ..."
    alone under a narrative paragraph is not an action), an owner among them or three detail
    fields (``min_fields_without_owner``); and action text of a few words (``min_action_words``)
    that does not name the plan."""
    out = []
    for d in drafts:
        text = d.values.get("action")
        if len(text.split()) < settings.min_action_words or names_the_plan(text):
            continue
        if "owner" not in d.labelled and len(d.labelled) < settings.min_fields_without_owner:
            continue  # "Status: Draft / Date: May 2019" under a cover page's title
        if len(d.labelled) >= settings.min_detail_fields:
            out.append(d)
    return out


def read_list(blocks: Iterable[Block], titles: Iterable[str] = (),
              settings: ExtractSettings = DEFAULT) -> tuple[list[RawRecord], DocumentLabels]:
    """Raw records of the labelled-paragraph actions (they come from no table: ``source_table`` and
    ``source_row`` are None), with the document's labels as the column evidence read them."""
    blocks = list(blocks)
    labels = document_labels(blocks, settings)
    out: list[RawRecord] = []
    for d in _kept(_ListWalk(titles, settings, labels.known).run(blocks), settings):
        for rec in records_from_row(d.values, 0, d.context):
            out.append(replace(rec, source_table=None, source_row=None))
    return out, labels
