"""How many actions one action cell holds when its paragraphs carry no numbers.

Numbered paragraphs ("i)", "1.2.1", Word's numbers) are items by :mod:`numbering`. For
unnumbered ones the rule is:

1. bulleted paragraphs (every paragraph opens with a bullet) are one action each;
2. so are plain paragraphs when the lead or the date cell beside them has as many
   paragraphs (they pair in order);
3. otherwise the cell is one action (a sentence and its elaboration, an intro and its
   bullet points, or a row of several steps under one lead, one date and one RAG).

Plain paragraphs that each read as an action on their own ("Develop…", "QAU to review…")
but share one lead and one date stay one action, with a warning saying the cell may hold
several: the row is the unit the plan tracks (one lead, one date, one RAG), and the real
plans' gold (seed 003) reads such cells so. When the row lists several different leads or
dates, one per paragraph, in a number that does not pair with the actions (three actions
beside two leads written over four lines and four milestone dates), the row is no one tracked
unit: each paragraph is an action, given all the leads and dates, with a warning.
"""
from __future__ import annotations

import re
from typing import Optional

from .evidence import is_imperative
from .items import Item, is_numbered, labelled_blocks, run_together_owners, sentences, split_items
from .patterns import split_dates

BULLETS = "•·▪◦●○■□➢➤►‣⁃-–—*o"
_BULLET = re.compile(rf"^\s*[{re.escape(BULLETS)}](?:\s+|(?=[A-Z]))")
#: "QAU to review …", "A new strategy to be agreed …": a subject, then what it is to do
_SUBJECT_TO_DO = re.compile(r"^[A-Z][\w'’()/&,.\- ]{0,80}?\s+to\s+(?:be\s+)?(?P<verb>[a-z]+)")
ONE_ACTION_NOTE = ("the action cell has several unnumbered paragraphs that each read as an action; "
                   "kept as one action (one lead and date for all)")


UNPAIRED_NOTE = ("the action cell has several unnumbered paragraphs that each read as an action, beside "
                 "several leads or dates that do not pair with them: one action each, every one given all "
                 "the leads and dates")


def _lists_several(text: str) -> bool:
    """Does a lead or date cell list several different entries, one per paragraph?"""
    return len({" ".join(p.lower().split()) for p in _paragraphs(text)}) >= 2


def _entries(text: str, blocks: Optional[list[str]], dates: bool = False) -> int:
    """How many leads or dates a cell lists: its labelled ``blocks`` ("Lead: …" / "Deadline: …"
    once per action), else its paragraphs; a date cell of one paragraph, its dates ("August 2021
    March 2022 October 2021": an export that ran the lines together)."""
    if blocks is not None:
        return len(blocks)
    paras = _paragraphs(text)
    return len(split_dates(paras[0])) if dates and len(paras) == 1 else len(paras)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def reads_as_action(text: str) -> bool:
    """Does the paragraph read as an action on its own?"""
    t = text.strip()
    if not t or not t[0].isupper():
        return False
    if is_imperative(t):
        return True
    m = _SUBJECT_TO_DO.match(t)
    return bool(m) and (is_imperative(m.group("verb")) or m.group("verb").endswith("ed"))


def action_items(text: str, owner_text: str = "", due_text: str = "",
                 run_together: bool = False) -> tuple[list[Item], Optional[str]]:
    """The actions of one cell and a warning when the split was a guess. ``run_together``: the
    cells' line breaks were inferred (a PDF), so a one-line lead cell may name one owner per
    paragraph run together (:func:`.items.run_together_owners`)."""
    items = split_items(text, paragraphs_are_items=False)
    if is_numbered(items) or (len(items) == 1 and items[0].label):
        return items, None
    paras = _paragraphs(text)
    owner_blocks, due_blocks = labelled_blocks(owner_text), labelled_blocks(due_text)
    blocks = max(len(b) if b else 0 for b in (owner_blocks, due_blocks))
    if blocks >= 2 and 0 < len(paras) < blocks:
        # fewer paragraphs than the lead cell's blocks (a lead and date once per action): an export
        # ran the action's paragraphs together; when its sentences are as many, they pair
        found = [x for p in paras for x in sentences(p)]
        if len(found) == blocks:
            return [Item("", x) for x in found], None
    if len(paras) < 2:
        return items, None
    if all(_BULLET.match(p) for p in paras):
        return [Item("", _BULLET.sub("", p, count=1).strip()) for p in paras], None
    if (len(paras) in (_entries(owner_text, owner_blocks), _entries(due_text, due_blocks, dates=True))
            or (run_together and run_together_owners(owner_text, len(paras)) is not None)):
        return [Item("", p) for p in paras], None
    if all(reads_as_action(p) for p in paras):
        if _lists_several(owner_text) or _lists_several(due_text):
            # the row is no one tracked unit: it lists several leads or dates, in no pairing
            return [Item("", p) for p in paras], UNPAIRED_NOTE
        # each paragraph could stand alone, but nothing pairs them with their own lead or date
        return [Item("", "\n".join(paras))], ONE_ACTION_NOTE
    return [Item("", "\n".join(paras))], None
