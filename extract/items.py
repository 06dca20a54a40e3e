"""Numbered items inside a cell ("i) ... ii) ...") and the pairing of neighbouring cells with them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .patterns import split_dates

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}

# a label at the start of a paragraph: "i)", "(ii)", "iii).", "a)", "1)", "2." (not "1.1")
_LEAD = re.compile(r"^\s*\(?(?P<label>[ivx]{1,5}|[a-h]|\d{1,2})(?:\)\.?|\.(?!\d))\s*(?=\S)", re.I)
# a label inside a paragraph (only the bracket form, "ii)" or "ii)." after a space)
_INLINE = re.compile(r"(?<=[\s.;:])\(?(?P<label>[ivx]{1,5}|[a-h]|\d{1,2})\)\.?\s+(?=\S)", re.I)
# a cross-reference instead of an action: "As above", "See 3.0 above", "As per 2.1"
CROSS_REF = re.compile(r"^\s*(?:as\s+(?:above|below|per\b.*)|see\s+(?P<target>.+?)\s*(?:above|below)?\s*\.?\s*$|"
                       r"see\s+above)", re.I)


@dataclass(frozen=True)
class Item:
    label: str  # as written, without brackets ("ii"); "" when unnumbered
    text: str


def label_value(label: str) -> Optional[tuple[str, int]]:
    """(kind, ordinal) of a label: ("roman", 2) for "ii", ("alpha", 1) for "a", ("digit", 3)."""
    low = label.lower()
    if low in _ROMAN:
        return "roman", _ROMAN[low]
    if len(low) == 1 and low.isalpha():
        return "alpha", ord(low) - 96
    if low.isdigit():
        return "digit", int(low)
    return None


def _lead_label(par: str) -> tuple[str, str]:
    m = _LEAD.match(par)
    if not m or label_value(m.group("label")) is None:
        return "", par.strip()
    return m.group("label"), par[m.end():].strip()


def _split_inline(label: str, text: str) -> list[Item]:
    """Split "Development of MASH. ii) Establishment of ..." at labels that carry the sequence on."""
    items = [Item(label, text)]
    kind_val = label_value(label) if label else None
    while True:
        cur = items[-1]
        found = None
        for m in _INLINE.finditer(cur.text):
            lv = label_value(m.group("label"))
            if lv is None:
                continue
            if kind_val is None or (lv[0] == kind_val[0] and lv[1] in (kind_val[1], kind_val[1] + 1)):
                found = m
                break
        if found is None:
            return items
        before = cur.text[:found.start()].strip()
        after = cur.text[found.end():].strip()
        if not before or not after:
            return items
        items[-1] = Item(cur.label, before)
        items.append(Item(found.group("label"), after))
        kind_val = label_value(found.group("label"))


def split_items(text: str, paragraphs_are_items: bool) -> list[Item]:
    """The items of a cell. Numbered paragraphs each start an item; an unnumbered paragraph after
    a numbered one belongs to it. Unnumbered paragraphs before any number are separate items only
    when ``paragraphs_are_items`` (the plan lists its actions one per paragraph)."""
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
    items: list[Item] = []
    for par in paragraphs:
        label, body = _lead_label(par)
        if label:
            items.extend(_split_inline(label, body))
        elif items and items[-1].label:
            prev = items[-1]
            items[-1] = Item(prev.label, prev.text + "\n" + par)
        elif items and not paragraphs_are_items:
            items[-1] = Item("", items[-1].text + "\n" + par)
        else:
            # an unnumbered paragraph that itself lists "i) ... ii) ..." inline
            inline = _split_inline("", par)
            if len(inline) > 1 and inline[1].label and label_value(inline[1].label)[1] <= 2:
                items.extend(inline)
            else:
                items.append(Item("", par))
    return items


def is_numbered(items: list[Item]) -> bool:
    return sum(1 for it in items if it.label) >= 2


def cross_reference(text: str) -> Optional[str]:
    """What an "As above" / "See 3.0 above" action points to ("above" when unnamed), else None."""
    first = text.strip().split("\n")[0]
    m = CROSS_REF.match(first)
    if not m:
        return None
    if len(first) > 60:  # a sentence that merely starts with "See ..."
        return None
    target = (m.groupdict().get("target") or "").strip(" .")
    return target or "above"


def align(items: list[Item], cell_text: str, dates: bool = False) -> tuple[list[str], Optional[str]]:
    """The part of a neighbouring cell (timescale, lead) that goes with each item.

    Returns (values per item, warning or None). Values numbered like the items pair by
    number (counted on from the first matching number, so a repeated "iii)" still pairs
    in order); unnumbered values pair in order; a single value applies to all items.
    """
    n = len(items)
    whole = (cell_text or "").strip()
    if n <= 1 or not whole:
        return [whole] * n, None
    values = split_items(whole, paragraphs_are_items=True)
    if dates and len(values) == 1 and not values[0].label:
        parts = split_dates(values[0].text)
        if len(parts) > 1:
            values = [Item("", p) for p in parts]
    if len(values) == 1:
        return [values[0].text] * n, None
    labels = [it.label.lower() for it in items]
    out = [""] * n
    if values[0].label and values[0].label.lower() in labels:
        start = labels.index(values[0].label.lower())
        for k, v in enumerate(values):
            if start + k < n:
                out[start + k] = v.text
            else:
                out[-1] = (out[-1] + "\n" + v.text).strip()
        return out, None
    if len(values) == n:
        return [v.text for v in values], None
    if len(values) < n:
        own = [i for i, it in enumerate(items) if cross_reference(it.text) is None]
        if len(own) == len(values):
            for i, v in zip(own, values):
                out[i] = v.text
            return out, None
        for i, v in enumerate(values):
            out[i] = v.text
        return out, f"could not pair {len(values)} values with {n} actions: {whole[:80]!r}"
    return [whole] * n, f"could not pair {len(values)} values with {n} actions: {whole[:80]!r}"
