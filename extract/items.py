"""Numbered items inside a cell ("i) ... ii) ...") and the pairing of neighbouring cells with them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .numbering import Label, continues, inline_labels, parse_label, parse_ref
from actionplans.normalise.recognise import is_person_name, is_role_or_team

from .patterns import split_dates

# a cross-reference instead of an action: "As above", "See 3.0 above", "As per 2.1"
CROSS_REF = re.compile(r"^\s*(?:as\s+(?:above|below|per\b.*)|see\s+(?P<target>.+?)\s*(?:above|below)?\s*\.?\s*$|"
                       r"see\s+above)", re.I)


@dataclass(frozen=True)
class Item:
    label: str  # the label's text as a reader writes the ref ("ii", "1.1.2"); "" when unnumbered
    text: str  # without the label
    number: Optional[Label] = field(default=None, compare=False)  # the parsed label


def label_value(label: str) -> Optional[tuple[str, int]]:
    """(kind, ordinal) of a one-part label: ("roman", 2) for "ii", ("letter", 1) for "a", ("decimal", 3)."""
    found = parse_ref(label)
    if found is None or found.level != 1 or found.value is None:
        return None
    return found.kind, found.value


def _split_inline(first: Item) -> list[Item]:
    """Split "Development of MASH. ii) Establishment of ..." at bracketed labels that carry the
    sequence of ``first`` on (or, when ``first`` is unnumbered, start one)."""
    items = [first]
    while True:
        cur = items[-1]
        found = None
        for at, labelled in inline_labels(cur.text):
            if labelled.label.level != 1:
                continue
            if cur.number is None or continues(cur.number, labelled.label):
                found = (at, labelled)
                break
        if found is None:
            return items
        at, labelled = found
        before = cur.text[:at].strip()
        if not before or not labelled.text:
            return items
        items[-1] = Item(cur.label, before, cur.number)
        items.append(Item(labelled.label.text, labelled.text, labelled.label))


def split_items(text: str, paragraphs_are_items: bool) -> list[Item]:
    """The items of a cell. Labelled paragraphs ("i)", "(b)", "2.", "1.1.2", "R1", Word's numbers)
    each start an item, the label stripped; an unnumbered paragraph after a labelled one belongs to
    it. Unnumbered paragraphs before any label are separate items only when
    ``paragraphs_are_items`` (the plan lists its actions one per paragraph)."""
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
    items: list[Item] = []
    for par in paragraphs:
        found = parse_label(par)
        if found is not None:
            items.extend(_split_inline(Item(found.label.text, found.text, found.label)))
        elif items and items[-1].label:
            prev = items[-1]
            items[-1] = Item(prev.label, prev.text + "\n" + par, prev.number)
        elif items and not paragraphs_are_items:
            items[-1] = Item("", items[-1].text + "\n" + par)
        else:
            # an unnumbered paragraph that itself lists "i) ... ii) ..." inline
            inline = _split_inline(Item("", par))
            if len(inline) > 1 and inline[1].number is not None and (inline[1].number.value or 99) <= 2:
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


#: a line that a short label opens: "Lead: Jane Smith", "Target date - March 2021"
_LABELLED_LINE = re.compile(r"^(?P<label>[A-Z][A-Za-z'’/&]*(?: [A-Za-z'’/&]+){0,3})\s*[:\-–]\s*\S")


#: a label inside a line: "… and ongoing Lead: Fostering Service"
_INNER_LABEL = re.compile(r"(?<!\w)([A-Z][A-Za-z'’/&]*(?: [a-z][A-Za-z'’/&]*){0,2})\s*:(?=\s*\S)")


def _relined(lines: list[str]) -> list[str]:
    """``lines`` cut again before each label ("Lead:") that the cell uses more than once or that opens
    one of its lines, where it stands inside a line: an export that ran the lines together."""
    found = [m.group(1) for ln in lines for m in _INNER_LABEL.finditer(ln)]
    openers = {m.group(1) for ln in lines if (m := _INNER_LABEL.match(ln))}
    labels = {x for x in found if found.count(x) >= 2 or x in openers}
    if not labels:
        return lines
    inside = re.compile(r"\s+(?=(?:" + "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True)) + r")\s*:)")
    return [part for ln in lines for part in inside.split(ln) if part.strip()]


#: sentences of an action cell written as one paragraph
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.;])\s+(?=[A-Z])")


def sentences(text: str) -> list[str]:
    """The sentences of a one-paragraph cell ("Hold … learning. Introduce a court tracker …")."""
    return [x.strip() for x in _SENTENCE_END.split(" ".join((text or "").split())) if x.strip()]


def labelled_blocks(text: str) -> Optional[list[str]]:
    """The blocks of a cell that writes the same labelled lines once per action ("Lead: …" /
    "Deadline: …", then "Lead: …" / "Deadline: …" again): a block ends where a label it already
    holds comes again. None unless there are two blocks or more, every line is labelled and every
    block has the same labels in the same order."""
    lines = _relined([ln.strip() for ln in (text or "").split("\n") if ln.strip()])
    if len(lines) < 4:
        return None
    blocks: list[list[str]] = []
    labels: list[list[str]] = []
    for ln in lines:
        m = _LABELLED_LINE.match(ln)
        if m is None:
            return None
        label = m.group("label").lower()
        if not blocks or label in labels[-1]:
            blocks.append([])
            labels.append([])
        blocks[-1].append(ln)
        labels[-1].append(label)
    if len(blocks) < 2 or any(ls != labels[0] for ls in labels) or len(labels[0]) < 2:
        return None
    return ["\n".join(b) for b in blocks]


#: a lead cell that names several owners with a mark between them ("Jane Smith / CWD Team")
_OWNER_MARKS = re.compile(r"[,/;&+()]|\band\b|\n", re.IGNORECASE)
_JOINING = frozenset(("of", "and", "for", "the", "to", "in", "with", "&"))
#: words of a lead cell cut into owners at most (longer cells are prose, not names run together)
RUN_TOGETHER_WORDS = 16


def _one_owner(words: tuple[str, ...]) -> bool:
    """Can these words name one owner by themselves: a person, or a role, team or short form (a
    single word only when it is a short form: "EDT", not "Team")?"""
    if not words[0][:1].isupper() or words[-1].lower() in _JOINING:  # "of Service", "Head of"
        return False
    text = " ".join(words)
    if is_person_name(text):
        return True
    if len(words) == 1 and not (words[0].isupper() and len(words[0]) >= 2):
        return False
    return is_role_or_team(text)


def run_together_owners(text: str, n: int) -> Optional[list[str]]:
    """The ``n`` owners of a one-line lead cell whose line breaks an export lost ("Jacqueline Moss
    CWD Team" beside two actions): the only way to cut its words into ``n`` people, roles or
    teams, in order; None when there is no such way or more than one, or the cell marks its
    owners itself (commas, slashes, "and")."""
    words = tuple((text or "").split())
    if n < 2 or not n <= len(words) <= RUN_TOGETHER_WORDS or _OWNER_MARKS.search(text or ""):
        return None
    found: list[list[tuple[str, ...]]] = []

    def cut(start: int, left: int, acc: list[tuple[str, ...]]) -> None:
        if len(found) > 1:
            return
        if left == 1:
            if _one_owner(words[start:]):
                found.append(acc + [words[start:]])
            return
        for end in range(start + 1, len(words) - left + 2):
            if _one_owner(words[start:end]):
                cut(end, left - 1, acc + [words[start:end]])
    cut(0, n, [])
    if len(found) != 1:
        return None
    owners = found[0]
    # a cut between two roles ("Director of Specialist" | "Children's Services") is no cut a
    # reader can be sure of: each cut has a person or a short form on one side
    if not all(_definite(a) or _definite(b) for a, b in zip(owners, owners[1:])):
        return None
    return [" ".join(o) for o in owners]


def _definite(words: tuple[str, ...]) -> bool:
    """Owners whose extent is plain: a person's name, or short forms ("EDT", "CWD Team" is not)."""
    return is_person_name(" ".join(words)) or all(w.isupper() and len(w) >= 2 for w in words)


def _text_of(values: list[Item]) -> str:
    return "\n".join(v.text for v in values)


def align(items: list[Item], cell_text: str, dates: bool = False,
          run_together: bool = False) -> tuple[list[str], Optional[str]]:
    """The part of a neighbouring cell (timescale, lead, progress) that goes with each item,
    without the labels that prefixed it ("2.4.1 Head of Safeguarding" -> "Head of Safeguarding").

    Returns (values per item, warning or None). Values labelled like the items pair by label
    (counted on from the first matching label, so a repeated "iii)" still pairs in order);
    otherwise values pair in order; a single value applies to all items.
    """
    n = len(items)
    whole = (cell_text or "").strip()
    if n == 0 or not whole:
        return [whole] * n, None
    values = split_items(whole, paragraphs_are_items=True)
    if not any(v.label for v in values):
        values = [Item("", whole)] if n == 1 else values
    if n == 1:
        return [_text_of(values) if any(v.label for v in values) else whole], None
    blocks = labelled_blocks(whole)
    if blocks is not None and len(blocks) == n and not any(it.label for it in items):
        return blocks, None
    if run_together and not dates and len(values) == 1 and not values[0].label and not any(it.label for it in items):
        owners = run_together_owners(values[0].text, n)
        if owners is not None:
            return owners, None
    if dates and len(values) == 1 and not values[0].label:
        parts = split_dates(values[0].text)
        if len(parts) > 1:
            values = [Item("", p) for p in parts]
    if len(values) == 1:
        return [values[0].text] * n, None
    by_label = _pair_by_label(items, values)
    if by_label is not None:
        return by_label, None
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
    return [_text_of(values)] * n, f"could not pair {len(values)} values with {n} actions: {whole[:80]!r}"


def _pair_by_label(items: list[Item], values: list[Item]) -> Optional[list[str]]:
    """Values that each name an item by its label, paired whatever their order; else None."""
    labels = [it.label.lower() for it in items]
    value_labels = [v.label.lower() for v in values]
    if not (all(value_labels) and all(labels) and len(set(value_labels)) == len(value_labels)
            and len(set(labels)) == len(labels) and set(value_labels) <= set(labels)):
        return None
    out = [""] * len(items)
    for v in values:
        out[labels.index(v.label.lower())] = v.text
    return out


def pair_by_label(items: list[Item], cell_text: str) -> Optional[list[str]]:
    """The part of a cell that is not paired by order (progress, measures) for each item, only
    when the cell labels its paragraphs like the items ("ii) Completed"); else None (the whole
    cell belongs to every item)."""
    if len(items) < 2 or not (cell_text or "").strip():
        return None
    return _pair_by_label(items, split_items(cell_text.strip(), paragraphs_are_items=True))
