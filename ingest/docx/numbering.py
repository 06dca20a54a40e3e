"""Word auto-numbering (word/numbering.xml): the visible label of each numbered paragraph.

Word stores only the list definition; the numbers a reader sees ("i)", "1.2.1", "B.")
are computed while the document is laid out. :class:`Numbering` replays that: paragraphs
must be passed in document order (cells included), and a deeper level restarts when a
shallower one advances.

Counters belong to the list definition (w:abstractNum), as Word and LibreOffice count:
two w:num instances of one definition continue one sequence, unless an instance carries a
``w:lvlOverride/w:startOverride`` (what Word writes for "Restart at 1"), which restarts
that level where the instance is first used. An override may also replace a level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from lxml import etree

from .styles import W, Styles, on_off, w_val
from ..common import bullet_glyph, format_number

_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LEVEL = 8


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False
    restart: Optional[int] = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    style: Optional[str] = None  # w:pStyle: the paragraph style bound to this level


@dataclass(frozen=True)
class _Num:
    abstract_id: str
    start_overrides: tuple[tuple[int, int], ...] = ()
    level_overrides: tuple[tuple[int, Level], ...] = ()


class Numbering:
    """Numbering definitions plus the running counters of one pass over a document."""

    def __init__(self, root: Optional[etree._Element], styles: Styles):
        self._styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._abstract_link: dict[str, str] = {}  # abstractNumId -> numbering style it follows
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, dict[int, int]] = {}  # resolved abstractNumId -> level -> value
        self._used: set[str] = set()  # numIds met so far
        if root is None:
            return
        for el in root.iterfind(W + "abstractNum"):
            abstract_id = el.get(W + "abstractNumId")
            if abstract_id is None:
                continue
            self._abstract[abstract_id] = {
                ilvl: level for ilvl, level in (_parse_level(lvl) for lvl in el.iterfind(W + "lvl"))
                if ilvl is not None}
            link = w_val(el.find(W + "numStyleLink"))
            if link:
                self._abstract_link[abstract_id] = link
        for el in root.iterfind(W + "num"):
            num_id = el.get(W + "numId")
            abstract_id = w_val(el.find(W + "abstractNumId"))
            if num_id is None or abstract_id is None:
                continue
            starts, levels = [], []
            for override in el.iterfind(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"))
                if ilvl is None:
                    continue
                start = _int(w_val(override.find(W + "startOverride")))
                if start is not None:
                    starts.append((ilvl, start))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels.append((ilvl, _parse_level(lvl)[1]))
            self._nums[num_id] = _Num(abstract_id, tuple(starts), tuple(levels))

    # -- definitions ---------------------------------------------------------------------

    def _levels(self, num_id: str) -> dict[int, Level]:
        return self._definition(num_id)[1]

    def _definition(self, num_id: str) -> tuple[str, dict[int, Level]]:
        """(the abstractNumId whose counters the instance uses, its levels with overrides)."""
        num = self._nums.get(num_id)
        if num is None:
            return "", {}
        abstract_id = num.abstract_id
        for _ in range(5):  # a numStyleLink points through a numbering style to another list
            link = self._abstract_link.get(abstract_id)
            if not link or self._abstract.get(abstract_id):
                break
            linked_num, _ilvl = self._styles.numbering(link)
            target = self._nums.get(linked_num or "")
            if target is None:
                break
            abstract_id = target.abstract_id
        levels = dict(self._abstract.get(abstract_id, {}))
        for ilvl, level in num.level_overrides:
            levels[ilvl] = level
        for ilvl, start in num.start_overrides:
            levels[ilvl] = replace(levels.get(ilvl, Level()), start=start)
        return abstract_id, levels

    def level_for_style(self, num_id: str, style_id: Optional[str]) -> int:
        """The level whose w:pStyle is ``style_id`` (style-driven lists), else 0."""
        for ilvl, level in self._levels(num_id).items():
            if style_id and level.style == style_id:
                return ilvl
        return 0

    # -- counting ------------------------------------------------------------------------

    def next_label(self, num_id: Optional[str], ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the visible label ("" if none)."""
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        ilvl = max(0, min(_MAX_LEVEL, ilvl))
        abstract_id, levels = self._definition(num_id)
        level = levels.get(ilvl, Level())
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._used:
            self._used.add(num_id)
            num = self._nums[num_id]
            restarts = [i for i, _ in num.start_overrides] + [i for i, _ in num.level_overrides]
            if restarts:
                for deeper in [d for d in counters if d >= min(restarts)]:
                    del counters[deeper]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return bullet_glyph(level.text)
        if level.fmt == "none":
            return _PLACEHOLDER.sub("", level.text).strip()

        def number(m: re.Match) -> str:
            ref = int(m.group(1)) - 1
            ref_level = levels.get(ref, Level())
            value = counters.get(ref, ref_level.start)
            fmt = "decimal" if level.legal and ref != ilvl else ref_level.fmt
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(number, level.text).strip()


def _parse_level(el: etree._Element) -> tuple[Optional[int], Level]:
    ilvl = _int(el.get(W + "ilvl"))
    fmt = w_val(el.find(W + "numFmt")) or "decimal"
    text_el = el.find(W + "lvlText")
    text = w_val(text_el) if text_el is not None else None
    if text is None:
        text = "" if fmt in ("bullet", "none") else f"%{(ilvl or 0) + 1}."
    start = _int(w_val(el.find(W + "start")))
    return ilvl, Level(
        start=1 if start is None else start,
        fmt=fmt,
        text=text,
        suffix=w_val(el.find(W + "suff")) or "tab",
        legal=bool(on_off(el.find(W + "isLgl"))),
        restart=_int(w_val(el.find(W + "lvlRestart"))),
        style=w_val(el.find(W + "pStyle")),
    )


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
