"""The numbering grammar: the label a plan writes before an action, a lead or a date, and what it says.

Plans number their recommendations and actions in many ways — decimal hierarchies ("1", "1.",
"1.1", "2.3.1", "1.2a"), roman numerals and letters in any bracket style ("i)", "(ii)", "iii.",
"(a)", "a."), letters glued to a number ("R1", "A1.2"), a number with a sub-item ("2 (i)"), and
words before a number ("Recommendation 1:", "Rec 1", "Para 13"). Word's auto-numbers reach us as
text too: the DOCX reader writes them before the paragraph, separated by a tab when the number has
no punctuation of its own ("1<TAB>Develop ...").

:func:`parse_label` reads the label at the start of a paragraph and returns it with the text after
it; :func:`parse_ref` reads a whole cell that is only a label (a ref column). A label must be
followed by white space and text, so that what merely starts with a number stays text:

* a date is not a label: "31.03.21" (day.month.year), "Q1 2021/22", "H2 2020";
  "2.4.3 March 2019" is the label "2.4.3" and then the date "March 2019";
* a quantity is not a label: "1.5 days", "2.5 FTE" (the words are in ``data/numbering.json``),
  nor a two-part number before a lower-case word ("see paragraph / 2.3 above" wrapped in a PDF
  cell); "1.1 Develop", "2.4.1 review ..." are labels;
* a bare single number is not a label unless a tab follows it ("16 and 17 year olds",
  "3 Social Workers"); with punctuation it is ("1. Develop", "1) Develop", "(1) Develop");
* a capital letter or one-letter capital roman numeral with a full stop is an initial, not a label
  ("A. Hartley", "J. Smith"); "A)" and "(A)" are labels, and so is "A." before a tab (Word);
* a keyword that is not a numbering word on its own needs punctuation after its number:
  "Section 47 enquiries" is text, "Section 4: Early help" is a label.

The label's ``text`` is what a reader writes as the ref: the label as shown without brackets and
closing punctuation ("(a)" -> "a", "1." -> "1", "R1:" -> "R1"); for a keyword label, the number
alone ("Recommendation 1:" -> "1", with ``role`` "recommendation"). ``parent`` is the ref one level
up: "2.3.1" -> "2.3"; "1.2a" -> "1" (1.2a is an action of recommendation 1 inserted after 1.2);
"A1.2" -> "1" (the action's letter names the action, the recommendation's own letter is not
known, so the parent is the number); "2 (i)" -> "2"; single-level labels ("1", "R1", "ii") have none.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

#: label kinds
DECIMAL, ROMAN, LETTER, PREFIXED, COMPOUND, KEYWORD = "decimal", "roman", "letter", "prefixed", "compound", "keyword"

_DEC = r"\d{1,3}(?:\.\d{1,3}){0,4}[a-h]?"
_ROMAN_LOWER = r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"
_ROMAN_UPPER = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_ROMAN_WORD = re.compile(rf"^(?:{_ROMAN_LOWER}|{_ROMAN_UPPER})$")

_OPEN = r"(?P<open>[(\[])?"
_OPEN_RE = re.compile(_OPEN)
_CLOSE = r"(?P<close>[)\]])?"
_PUNCT = r"(?P<punct>\.(?!\d)|:|\s+[-–—](?=\s))?"

#: a sub-item in brackets after a number: "(ii)", "(b)", "[iv]"
_SUB = rf"[(\[](?:{_ROMAN_LOWER}|[a-z])[)\]]"
_SUB_RE = re.compile(rf"[(\[](?P<sub>{_ROMAN_LOWER}|[a-z])[)\]]")

_CORES = (
    # a number (with letters glued before it, or a capital letter alone) and one or two bracketed
    # sub-items: "2 (i)", "4(iii)", "1.3(b)", "R1(a)", "A (ii)", "1(a)(ii)"
    (COMPOUND, re.compile(rf"(?:(?P<prefix>[A-Z]{{1,3}})?(?P<num>{_DEC})|(?P<letter>[A-Z]))"
                          rf"\s?(?P<subs>{_SUB}(?:\s?{_SUB})?)(?![A-Za-z0-9])")),
    (PREFIXED, re.compile(r"(?P<prefix>[A-Z]{1,3})(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}[a-h]?)")),
    (DECIMAL, re.compile(rf"(?P<num>{_DEC})")),
    (ROMAN, re.compile(rf"(?P<num>{_ROMAN_LOWER}|{_ROMAN_UPPER})(?![A-Za-z])")),
    (LETTER, re.compile(r"(?P<num>[A-Za-z])(?![A-Za-z])")),
)
_KEYWORD = re.compile(rf"(?P<word>[A-Za-z]+)\.?\s+(?:no\.?\s*)?(?P<num>{_DEC})", re.I)
_CLOSING = re.compile(_CLOSE + _PUNCT)
# day.month.year as a decimal label would hold it: "31.03.21", "1.4.21" (a year of 4 digits
# never reaches here as one part of a label holds at most 3 digits, but a whole cell may)
_DATE_PARTS = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2}|\d{4})$")


@dataclass(frozen=True)
class Label:
    """A number a plan wrote before a paragraph (or alone in a ref cell)."""

    text: str  # as a reader writes the ref: "2.3.1", "ii", "a", "R1", "A1.2", "2(i)"; keyword labels: the number
    kind: str  # decimal | roman | letter | prefixed | compound | keyword
    parts: tuple[str, ...]  # the hierarchy: ("2", "3", "1"), ("ii",), ("1",) for "R1", ("1", "2") for "A1.2"
    prefix: str = ""  # the letters or word before the number: "R", "A", "Recommendation"
    role: str = ""  # what the prefix says is numbered: "recommendation", "action", "paragraph", "priority", ""

    @property
    def level(self) -> int:
        return len(self.parts)

    @property
    def parent(self) -> Optional[str]:
        return parent_ref(self)

    @property
    def value(self) -> Optional[int]:
        """The ordinal of the last part: 3 for "2.3", 2 for "ii" and for "b"."""
        return ordinal(self.parts[-1], self.kind) if self.parts else None


@dataclass(frozen=True)
class Labelled:
    """A paragraph split into its label and the text after it."""

    label: Label
    text: str
    tabbed: bool = False  # a tab separated the label from the text (how the DOCX reader writes Word's numbers)


# -- vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocabulary:
    keywords: dict[str, tuple[str, bool]]  # word -> (role, space_ok)
    letter_roles: dict[str, str]
    date_prefixes: frozenset[str]
    units: frozenset[str]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    raw = json.loads(resources.files("actionplans.extract").joinpath("data/numbering.json").read_text("utf-8"))
    keywords = {word.casefold(): (role, bool(spec.get("space_ok")))
                for role, spec in raw["keywords"].items() for word in spec["words"]}
    return _Vocabulary(keywords=keywords, letter_roles=dict(raw["letter_prefixes"]),
                       date_prefixes=frozenset(raw["date_prefixes"]),
                       units=frozenset(u.casefold() for u in raw["units"]))


# -- reading a label -------------------------------------------------------------------------


def ordinal(part: str, kind: str = "") -> Optional[int]:
    """The value of one part of a label: "3" -> 3, "iv" -> 4, "b" -> 2, "2a" -> 2."""
    if not part:
        return None
    digits = re.match(r"\d+", part)
    if digits:
        return int(digits.group(0))
    low = part.lower()
    if kind != LETTER and _ROMAN_WORD.match(part):
        return _roman_value(low)
    if len(low) == 1 and low.isalpha():
        return ord(low) - 96
    return None


def _roman_value(low: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for k, ch in enumerate(low):
        v = values[ch]
        total += -v if k + 1 < len(low) and values[low[k + 1]] > v else v
    return total


def _decimal_parts(num: str) -> tuple[str, ...]:
    return tuple(num.split("."))


def _looks_like_date(num: str) -> bool:
    """A number that is surely a date: "31.03.21", "1.04.2021" ("1.1.12" may be the twelfth
    action of 1.1: a date writes its day or month with two digits, or its year with four)."""
    m = _DATE_PARTS.match(num)
    if not m or not _valid_day_month(m):
        return False
    return len(m.group("y")) == 4 or len(m.group("d")) == 2 or len(m.group("m")) == 2


def _may_be_date(num: str) -> bool:
    """A number that reads as a date as well as a label ("1.4.21")."""
    m = _DATE_PARTS.match(num)
    return bool(m) and _valid_day_month(m)


def _valid_day_month(m: re.Match) -> bool:
    return 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12


@dataclass(frozen=True)
class _Scan:
    label: Label
    end: int  # index after the label and its closing punctuation
    style: str  # "bracket" (a closing bracket), "dot" ("." or ":"), "dash", "bare"


@lru_cache(maxsize=8192)
def _scan(s: str) -> Optional[_Scan]:
    """The label at the very start of ``s`` (no white space before it), however it is closed.
    Remembered: every stage of extract asks it of the same cells' paragraphs."""
    vocab = _vocabulary()
    km = _KEYWORD.match(s)
    if km and km.group("word").casefold() in vocab.keywords:
        role, _ = vocab.keywords[km.group("word").casefold()]
        num = km.group("num")
        label = Label(num, KEYWORD, _decimal_parts(num), prefix=km.group("word"), role=role)
        return _close(s, km.end(), label, opened=False)
    om = _OPEN_RE.match(s)
    opened = bool(om and om.group("open"))
    start = om.end() if om else 0
    for kind, pattern in _CORES:
        m = pattern.match(s, start)
        if not m:
            continue
        num = m.group("num") or ""
        if kind == COMPOUND:
            label = _compound(m, vocab)
            if label is None:
                continue
        elif kind == PREFIXED:
            prefix = m.group("prefix")
            if prefix in vocab.date_prefixes:
                return None
            label = Label(prefix + num, kind, _decimal_parts(num), prefix=prefix,
                          role=vocab.letter_roles.get(prefix, ""))
        elif kind == DECIMAL:
            label = Label(num, kind, _decimal_parts(num))
        else:
            label = Label(num, kind, (num,))
        scan = _close(s, m.end(), label, opened)
        if scan is not None:
            return scan
    return None


def _compound(m: re.Match, vocab: _Vocabulary) -> Optional[Label]:
    """The compound label a match of the COMPOUND core holds: the number or letter before the
    brackets and each bracketed sub-item as parts ("2 (i)" -> ("2", "i"), "1(a)(ii)" ->
    ("1", "a", "ii")); its text is written without spaces ("2(i)")."""
    subs = tuple(x.group("sub") for x in _SUB_RE.finditer(m.group("subs")))
    prefix = m.group("prefix") or ""
    if prefix in vocab.date_prefixes:
        return None
    if m.group("letter"):
        head, parts = m.group("letter"), (m.group("letter"),)
    else:
        head, parts = prefix + m.group("num"), _decimal_parts(m.group("num"))
    text = head + "".join(f"({sub})" for sub in subs)
    return Label(text, COMPOUND, parts + subs, prefix=prefix, role=vocab.letter_roles.get(prefix, ""))


def _close(s: str, end: int, label: Label, opened: bool) -> Optional[_Scan]:
    """Read the closing bracket or punctuation after a label's core; None when what follows
    shows the core was not a label ("1.5m", "1,000", "iv-drug")."""
    close = _CLOSING.match(s, end)
    has_close = bool(close and close.group("close"))
    punct = close.group("punct") if close else None
    if opened and not has_close:
        return None
    end = close.end() if close else end
    if end < len(s) and not s[end].isspace():
        return None
    style = "bracket" if has_close else ("dash" if punct and punct.strip() in "-–—" and punct.strip()
                                         else "dot" if punct else "bare")
    return _Scan(label, end, style)


def _acceptable(scan: _Scan, rest: str, tabbed: bool) -> bool:
    """Whether a scanned label followed by ``rest`` is a label (see the module's rules)."""
    label, style = scan.label, scan.style
    vocab = _vocabulary()
    if label.kind in (DECIMAL, KEYWORD, COMPOUND) and _looks_like_date(".".join(label.parts)):
        return False
    first = rest.split()[0] if rest.split() else ""
    if tabbed:
        return True
    if label.kind == KEYWORD:
        _, space_ok = vocab.keywords[label.prefix.casefold()]
        if style in ("dot", "dash", "bracket"):
            return True
        return space_ok and bool(first) and (first[0].isupper() or first[0].isdigit() or first[0] in "(\"'‘“")
    if style == "bracket":
        return True
    if style == "dash":
        return label.kind in (PREFIXED, COMPOUND) or (bool(first) and first[0].isupper())
    if label.kind in (LETTER, ROMAN) and label.text.isupper() and len(label.text) == 1:
        return False  # "A. Hartley": an initial
    if style == "dot":
        return True
    # bare: "2.3.1 Develop", "R1 Ensure", "2 (i) Review", "ii Introduce"; never "16 and 17", "1.5 days"
    if label.kind == ROMAN and label.text.islower():
        # a lower-case numeral is no English word: "iv Review the policy" (a capital and a few words after it)
        return bool(first) and first[0].isupper() and len(rest.split()) >= 3
    if label.kind == DECIMAL:
        if _may_be_date(label.text) and not first[:1].isupper():
            return False  # "1.4.21 (review)", "1.4.21 onwards": a date; "1.1.12 Develop": a label
        if label.level == 2 and first[:1].islower():
            return False  # "2.3 above", "1.5 hours": a number in a wrapped line; "1.1 Develop" is a label
        return label.level >= 2 and first.casefold().strip(".,;:") not in vocab.units
    return label.kind in (PREFIXED, COMPOUND)


def parse_label(paragraph: str) -> Optional[Labelled]:
    """The label at the start of a paragraph and the text after it, or None."""
    s = (paragraph or "").lstrip()
    scan = _scan(s)
    if scan is None or scan.end >= len(s):
        return None
    tabbed = s[scan.end] == "\t"
    rest = s[scan.end:].strip()
    if not rest or not _acceptable(scan, rest, tabbed):
        return None
    return Labelled(scan.label, rest, tabbed)


def parse_ref(text: str) -> Optional[Label]:
    """The label that is the whole of ``text`` (a ref cell: "2.3.1", "(a)", "R1", "Rec 1:"), or None.
    A whole cell that is a date ("31.03.21") is not a label."""
    s = " ".join((text or "").split())
    scan = _scan(s)
    if scan is None or scan.end != len(s):
        return None
    if scan.label.kind in (DECIMAL, KEYWORD, COMPOUND) and _looks_like_date(".".join(scan.label.parts)):
        return None
    return scan.label


def strip_label(paragraph: str) -> str:
    """The paragraph without its label."""
    found = parse_label(paragraph)
    return found.text if found else (paragraph or "").strip()


def parent_ref(label: Label) -> Optional[str]:
    """The ref one level up ("2.3.1" -> "2.3"), or None for a single-level label."""
    if label.kind in (ROMAN, LETTER) or len(label.parts) < 2:
        return None
    if label.kind == COMPOUND:  # the label without its last bracketed sub-item: "1(a)(ii)" -> "1(a)"
        return label.text[:label.text.rindex("(")]
    return ".".join(label.parts[:-1])


# -- sequences -------------------------------------------------------------------------------


def continues(previous: Label, label: Label) -> bool:
    """Whether ``label`` is the same item again or the next one after ``previous`` in one list:
    same kind, prefix and parent, value equal or one more ("ii" after "i", "1.1.2" after "1.1.1",
    "i" after "h" read as a letter)."""
    kind, value = label.kind, label.value
    if previous.kind == LETTER and kind == ROMAN and len(label.text) == 1:
        kind, value = LETTER, ordinal(label.text, LETTER)
    if previous.kind == ROMAN and kind == LETTER and _ROMAN_WORD.match(label.text):
        kind, value = ROMAN, ordinal(label.text, ROMAN)
    if kind != previous.kind or label.prefix.casefold() != previous.prefix.casefold():
        return False
    if label.parts[:-1] != previous.parts[:-1] or value is None or previous.value is None:
        return False
    return value in (previous.value, previous.value + 1)


_INLINE = re.compile(r"(?<=[\s.;:])(?=\(?(?:[ivx]{1,5}|[a-hA-H]|\d{1,2})\)\.?\s+\S)")


def inline_labels(text: str) -> Iterator[tuple[int, Labelled]]:
    """Labels written inside a paragraph after a space or a full stop, in the bracket form only
    ("Development of MASH. ii) Establishment of ..."): (index where the label starts, label and rest)."""
    for m in _INLINE.finditer(text):
        found = parse_label(text[m.start():])
        if found is not None and _scan(text[m.start():]).style == "bracket":
            yield m.start(), found
