"""Labelled lines ("Lead: Jane Smith", "By when: March 2014 RAG: Amber") read through the column
vocabulary, typed numbers at the start of a paragraph ("1.2", "R1", "(a)", "Rec 2:"), and the
split of a combined "who and when" value.

A label is a short run of words before a colon that the column vocabulary names completely
(every word belongs to a field's phrase, or is a joining word): "Who and when", "RAG status",
"Lead officer(s)". "Progress will be reported: monthly" is not a label ("will be reported"
belongs to no phrase).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from actionplans.normalise.recognise import is_role_or_team

from .numbering import COMPOUND, parse_label, parse_ref
from .patterns import is_rag_token
from .settings import DEFAULT, ExtractSettings
from .vocabulary import best_field, fields_in_order, words

#: words a label may hold besides the vocabulary's phrases ("Who and when", "Lead officer(s)")
_JOINING = {"and", "or", "of", "the", "for", "s", "to", "by", "a", "an", "if", "any", "our", "your"}
#: what joins the two fields of a combined label written without a joining word ("Who/when")
_FIELD_JOINS = re.compile(r"[/&+]")
#: leading bullets and dashes before a label
_BULLET = re.compile(r"^[\s•·▪◦●○■□‣⁃*–—-]+")
#: a colon that ends a label: followed by a space or the end of the line (not "10:30")
_COLON = re.compile(r":(?=\s|$)")


@dataclass(frozen=True)
class Labelled:
    """One label and its value: the fields the label names, in order (a combined label such as
    "Who and when" names two), the label as written, and the text after the colon."""

    fields: tuple[str, ...]
    label: str
    value: str


def label_fields(label: str, compound: bool = False,
                 settings: ExtractSettings = DEFAULT) -> Optional[tuple[str, ...]]:
    """The fields a label names, when the vocabulary covers all its words (a label is at most
    ``max_label_words``); else None.

    Fields joined by "and" or "/" are a combined label ("Who and when": owner, due). Two
    phrases side by side with nothing joining them are one field named by the last, its head
    noun ("Progress rating": rag); such a label is accepted only with ``compound``, as it may
    as well be the end of the value before it ("... Intervention Deadline:")."""
    toks = words(label)
    if not toks or len(toks) > settings.max_label_words:
        return None
    matches = fields_in_order(label, settings)
    if not matches or matches[0].position != 0:
        return None
    covered: set[int] = set()
    side_by_side = False
    for k, m in enumerate(matches):
        covered.update(range(m.position, m.position + len(m.phrase.split())))
        if k and m.position == matches[k - 1].position + len(matches[k - 1].phrase.split()):
            side_by_side = side_by_side or not _FIELD_JOINS.search(label)
    if any(i not in covered and t not in _JOINING for i, t in enumerate(toks)):
        return None
    if side_by_side:
        return (matches[-1].field,) if compound and len(matches) == 2 else None
    out: list[str] = []
    for m in matches:
        if m.field not in out:
            out.append(m.field)
    return tuple(out)


def label_key(label: str) -> tuple[str, ...]:
    """A label's identity, whatever its case, number or colon: "Action 2:" and "action 1" are one label."""
    return tuple(w for w in words(label) if not w.isdigit())


#: the labels a document uses that the vocabulary does not name, with the fields the column
#: evidence gave them (``lists.document_labels``): label key -> fields
KnownLabels = dict


def _label_starts(line: str, settings: ExtractSettings = DEFAULT,
                  known: Optional[KnownLabels] = None) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end of colon, fields) of every label in ``line``. Each colon is tried with the
    longest run of words before it that is a whole label and starts with a capital letter (or
    at the start of the line, or after a separator): a label the vocabulary names, or one of the
    document's own labels in ``known``."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    for colon in _COLON.finditer(line):
        before = line[:colon.start()]
        prev_end = found[-1][1] if found else 0
        spans = [m.start() for m in re.finditer(r"\S+", before) if m.start() >= prev_end]
        best = None
        for start in spans[-settings.max_label_words:]:
            head = before[start:]
            at_edge = start == prev_end or not before[:start].strip() or before[:start].rstrip()[-1] in ".;|,)"
            if not (head[:1].isupper() or at_edge) or head.count(")") > head.count("("):
                continue  # (a bracket closed in it was opened in the value before: "(Head of QA) Timescale:")
            flds = label_fields(head, compound=not before[:start].strip() or before[:start].rstrip()[-1] in ".;|",
                                settings=settings)
            if not flds and known and head[:1].isupper():
                flds = known.get(label_key(head))
            if flds:
                best = (start, colon.end(), flds)
                break  # spans run left to right: the first hit is the longest label
        if best is not None and before[:best[0]].strip():
            best = _without_unknown_modifiers(before, best, spans, settings)
        if best is not None:
            found.append(best)
    return found


def _without_unknown_modifiers(before: str, best: tuple[int, int, tuple[str, ...]], spans: list[int],
                               settings: ExtractSettings) -> tuple[int, int, tuple[str, ...]]:
    """A label inside a line, after a value: the shortest ending of it that names the same fields, when
    the words it leaves out complete the value before it: an abbreviation ("Lead: Head of QA Timescale:
    May" is the lead "Head of QA", then "Timescale"), or words that make the value a role or team it was
    not without them ("Fostering Service Timescale:"). Otherwise they belong to the label ("… Progress
    rating: Green", "Jo Bloggs Revised deadline: May")."""
    start, end, flds = best
    value = before[:start].strip()
    if ":" in value:
        value = value.rsplit(":", 1)[1].strip()
    for later in (k for k in spans if k > start):
        if label_fields(before[later:], compound=True, settings=settings) != flds:
            continue
        dropped = before[start:later].strip()
        if _WIDE_GAP.search(before[start:later]):
            return later, end, flds  # "RAG status: Achieved   Progress:": a gap no label's words leave
        named = best_field(dropped, settings)
        if is_rag_token(dropped) and (named is None or named.field == "other"):
            return later, end, flds  # "RAG status: Completed Progress:": a status ends the value before
        if named is not None:  # "RAG rating", "Progress rating": its words name a field
            continue
        if _SHORT_FORM.fullmatch(dropped) or (is_role_or_team(f"{value} {dropped}") and not is_role_or_team(value)):
            return later, end, flds
    return best


#: spaces or a tab set out between a value and the next label, never between a label's words
_WIDE_GAP = re.compile(r"\S(?: {2,}|\t)\s*$")
#: an abbreviation in capitals ("QA", "BI", "CIN"): the end of a lead's name, no word of a label
_SHORT_FORM = re.compile(r"[A-Z]{2,5}s?")


def read_labels(text: str, settings: ExtractSettings = DEFAULT,
                known: Optional[KnownLabels] = None) -> tuple[str, list[Labelled]]:
    """Split a paragraph into the text before its first label and its labelled values.

    "Lead: Jane Smith By: May 2014" -> ("", [Labelled(("owner",), "Lead", "Jane Smith"), ...]);
    a paragraph with no label gives (text, []). Lines of a paragraph are read one by one; a line
    without a label carries on the value before it.
    """
    lead: list[str] = []
    out: list[Labelled] = []
    for raw in text.split("\n"):
        line = _BULLET.sub("", raw).strip()
        if not line:
            continue
        starts = _label_starts(line, settings, known)
        if not starts:
            if out:
                last = out[-1]
                out[-1] = Labelled(last.fields, last.label, (last.value + "\n" + line).strip())
            else:
                lead.append(raw.strip())
            continue
        if starts[0][0] > 0:
            head = line[:starts[0][0]].strip()
            if out:
                last = out[-1]
                out[-1] = Labelled(last.fields, last.label, (last.value + "\n" + head).strip())
            else:
                lead.append(head)
        for k, (start, end, flds) in enumerate(starts):
            stop = starts[k + 1][0] if k + 1 < len(starts) else len(line)
            label = line[start:end - 1].strip()
            out.append(Labelled(flds, label, line[end:stop].strip().rstrip(";|,").strip()))
    return "\n".join(lead).strip(), out






# a typed number before a paragraph's text: "1.", "1.2.1", "R3", "A1.2", "(a)", "ii)", "a."
_TYPED_REF = re.compile(
    r"^\s*(?:"
    r"(?P<num>\(?(?:[A-Z]{1,2}\s?)?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\)?)(?:[.:)]|\s*[–—-])?\s+(?=[A-Z(\"“‘'])"
    r"|\((?P<br>[ivxlc]{1,6}|[a-z])\)\.?\s+"
    r"|(?P<half>[ivxlc]{1,6}|[a-z])[.)]\s+(?=[A-Z(\"“‘'])"
    r")")
# a recommendation number with its word: "Rec 2:", "Recommendation 3 -", "Priority 1."
_WORD_REF = re.compile(r"^\s*(?P<word>[A-Z][a-z]{2,15})\.?\s+(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)"
                       r"\s*(?:[:.)]|[–—-])?\s*")


# a paragraph that is only a number: "R2", "3.1"
_BARE_REF = re.compile(r"^\s*(?P<num>(?:[A-Z]{1,2}\s?)?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\s*[:.)]?\s*$")


def _compound_label(text: str) -> Optional[tuple[str, str]]:
    """(ref, rest) of a paragraph numbered with a compound label of the numbering grammar
    ("2 (i) Ensure ...", "4(iii)", "R1(a): ..."), read whole rather than cut after its number;
    None when the paragraph opens with no such label."""
    alone = parse_ref(text)
    if alone is not None:
        return (alone.text, "") if alone.kind == COMPOUND else None
    found = parse_label(text)
    if found is not None and found.label.kind == COMPOUND:
        return found.label.text, found.text
    return None


def leading_ref(text: str) -> tuple[str, str]:
    """(typed number, rest) of a paragraph: "1.2.1 Deliver ..." -> ("1.2.1", "Deliver ...");
    "(a) Review ..." -> ("a", "Review ..."); no number -> ("", text)."""
    compound = _compound_label(text)
    if compound is not None:
        return compound
    m = _TYPED_REF.match(text)
    if not m:
        return "", text.strip()
    ref = m.group("num") or m.group("br") or m.group("half") or ""
    ref = ref.strip("()").rstrip(".")
    return ref, text[m.end():].strip()


def recommendation_ref(text: str) -> tuple[str, str]:
    """(number, rest) of a recommendation paragraph: "Rec 2: Ensure ..." -> ("2", "Ensure ...");
    "1.1 Ensure ..." -> ("1.1", ...); "R1: Ensure" -> ("R1", ...). A paragraph that is only a
    number ("Recommendation 3") gives ("3", "")."""
    compound = _compound_label(text)
    if compound is not None:
        return compound
    m = _WORD_REF.match(text)
    if m:
        rest = text[m.end():].strip()
        # "Ensure 16 and 17 year olds ..." is a sentence, not "Ensure" number 16
        if not rest or m.group(0).rstrip()[-1:] in ":.)–—-" or rest[:1].isupper():
            return m.group("num"), rest
    m = _BARE_REF.match(text)
    if m:
        return m.group("num"), ""
    return leading_ref(text)


def is_bare_ref(text: str) -> bool:
    """A paragraph that is only a recommendation's number: "Rec 1", "Recommendation 3", "R2"."""
    ref, rest = recommendation_ref(" ".join(text.split()))
    return bool(ref) and not rest


def recommendation_of(paragraphs: list[str]) -> tuple[str, str]:
    """(ref, text) of the paragraphs that head a group of actions. A bare number paragraph
    ("Rec 1") numbers the text after it; a number typed before a lone paragraph ("Rec 2: Ensure
    ...", "1.1 Ensure ...") is its ref. Several paragraphs stay whole, unnumbered."""
    ref = ""
    texts: list[str] = []
    for par in paragraphs:
        if is_bare_ref(par):
            ref, texts = recommendation_ref(" ".join(par.split()))[0], []
            continue
        texts.append(par)
    if len(texts) == 1:
        own_ref, rest = recommendation_ref(texts[0])
        if own_ref and rest:
            return own_ref, rest
    return (ref if texts else ""), "\n".join(texts)


#: fields a lead-and-date tail at the end of an action names ("(Lead: Jane Smith; Timescale: May 2014)")
_TAIL_FIELDS = frozenset({"owner", "due", "start", "rag"})
_BRACKETS = {")": "(", "]": "["}


def inline_tail(text: str, settings: ExtractSettings = DEFAULT,
                known: Optional[KnownLabels] = None) -> tuple[str, list[Labelled]]:
    """Split an action written with its lead and date at the end into the action and the tail's
    labelled values: "Deliver training. (Lead: Jane Smith; Timescale: May 2014)" ->
    ("Deliver training.", [owner "Jane Smith", due "May 2014"]); "[Lead officer: J Moss – Autumn
    2022]" gives one owner value holding the date (normalise cuts it off). A bracketed tail is
    read when everything inside it is labelled and a label names a lead, date or RAG; an
    unbracketed one ("… reports. Lead: DCS By: May 2014") when its labels do. Otherwise the text
    is returned whole with no labels."""
    flat = " ".join(text.split())
    end = flat.rstrip(" .;")
    if end[-1:] in _BRACKETS:
        close, depth = end[-1], 0
        for i in range(len(end) - 1, -1, -1):
            if end[i] == close:
                depth += 1
            elif end[i] == _BRACKETS[close]:
                depth -= 1
                if depth == 0:
                    lead, labels = read_labels(end[i + 1:-1], settings, known)
                    body = end[:i].rstrip()
                    if body and not lead and labels and any(_TAIL_FIELDS.intersection(lab.fields) for lab in labels):
                        return body, labels
                    break
    lead, labels = read_labels(flat, settings, known)
    if lead and labels and any(_TAIL_FIELDS.intersection(lab.fields) for lab in labels):
        return lead, labels
    return flat, []
