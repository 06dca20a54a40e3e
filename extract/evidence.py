"""Evidence for what each column of a table holds: from its header and from its cells.

Every column gets a score for every field. The header's wording gives up to
``header_weight`` (see :func:`vocabulary.header_fields`); what the cells hold gives up to 1
(prose, references, dates, names and roles, RAG words and fills, how many cells are merged
down over several rows). Cells that contradict a field (numbers 1-5 under a "Priority"
header, prose under "Status") take ``contradiction`` off. :mod:`columns` then assigns one
column per field over the whole score matrix. The numbers are fields of
:class:`~actionplans.extract.settings.ExtractSettings`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

from actionplans.normalise.recognise import is_role_or_team

from .grid import Grid
from .numbering import parse_label
from .patterns import is_date_like, is_person_name, is_rag_token, is_ref, without_dates
from .settings import DEFAULT, ExtractSettings
from .vocabulary import header_fields, words

#: fields a column can be assigned; "owner_due" is one column holding the lead and the date
FIELDS = ("theme", "recommendation_ref", "recommendation", "action_ref", "action", "owner", "due", "start", "owner_due",
          "rag", "measures", "progress")
#: distinct cell texts whose tests are remembered (leads, dates and RAG words repeat down a plan)
MEMO_TEXTS = 4096


@lru_cache(maxsize=None)
def _content_words() -> dict:
    return json.loads(resources.files("actionplans.extract").joinpath("data/content.json").read_text("utf-8"))


_WORD = re.compile(r"[^\W\d_]{2}")
#: a header giving a scale ("(1-4)", "1 – 5") heads a column of scores
_SCALE = re.compile(r"(?<![\d.])\d\s*[-–—]\s*\d{1,2}(?![\d./])")
_SCORE = re.compile(r"^\s*(?:\d{1,2}(?:\s*/\s*\d{1,2})?|\d{1,3}\s*%|low|medium|high|med|l|m|h|n/?a)\s*$", re.I)
_LEADING_LABEL = re.compile(r"^\s*(?:\(?[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?[.)]?|\(?[ivx]{1,5}[.)]|\(?[a-h][.)])\s+")


def _opening(text: str) -> list[str]:
    t = _LEADING_LABEL.sub("", text.strip())
    toks = words(t[:60])
    return toks[1:] if toks[:1] == ["to"] else toks


@lru_cache(maxsize=MEMO_TEXTS)
def is_imperative(text: str) -> bool:
    """Does the text open with a verb of doing ("Develop…", "To ensure…", "1.2 Review…")?
    Not when the word is used as a noun ("Support for care leavers", "Review of the IRO service")."""
    toks = _opening(text)
    if not toks or toks[0] not in _content_words()["action_verbs"]:
        return False
    return len(toks) < 2 or toks[1] not in ("of", "for")


#: endings that make a noun of a verb of doing ("implementation", "recruitment", "training")
_NOMINAL_ENDINGS = ("ation", "ition", "tion", "sion", "ment", "ing", "ance", "ence", "al", "y")


@lru_cache(maxsize=None)
def _result_reached():
    """A result stated as a state reached ("in place", "signed off"), from content.json."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, _content_words()["results_reached"])) + r")\b", re.I)


def _participle(verb: str) -> str:
    irregular = _content_words()["irregular_participles"]
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", verb) and len(verb) <= 5:  # plan -> planned, map -> mapped
        return verb + verb[-1] + "ed"
    return verb + "ed"


@lru_cache(maxsize=None)
def _participles() -> frozenset[str]:
    """The past participles of the verbs of doing ("reviewed", "agreed", "embedded", "built")."""
    out = set()
    for v in _content_words()["action_verbs"]:
        out.add(_participle(v))
        out.add(v + "ed")  # "embeded" as written, "audited"
    return frozenset(out)


def _names_a_doing(word: str) -> bool:
    """Is ``word`` a verb of doing, or a noun made of one ("review", "implementation", "training")?"""
    verbs = _content_words()["action_verbs"]
    if word in verbs:
        return True
    for ending in _NOMINAL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stem = word[: -len(ending)]
            # "introduc(tion)" -> introduce, "revi(sion)" -> revise, "deliver(y)" -> deliver
            if any(v.startswith(stem) and len(v) - len(stem) <= 2 for v in verbs):
                return True
    return False


@lru_cache(maxsize=MEMO_TEXTS)
def is_action_phrase(text: str) -> bool:
    """Does the text state something to be done, in any of the forms plans write actions in?
    A command ("Develop…"), a noun phrase naming a doing ("Refresh of the threshold document",
    "Training programme for managers", "Implementation of…"), or a result to be reached, with
    its predicate ("Policy agreed by the board", "QAF to be developed", "Panel in place")."""
    if is_imperative(text):
        return True
    toks = _opening(text)
    first = next((ch for ch in _LEADING_LABEL.sub("", text.strip()) if ch.isalpha()), "")
    if not toks or not first.isupper():  # "they are completed by…": the rest of a sentence cut off
        return False
    if _names_a_doing(toks[0]) or (len(toks) > 1 and toks[0] in _content_words()["action_modifiers"]
                                   and _names_a_doing(toks[1])):
        return True
    head = words(text[:160])
    participles = _participles()
    return any(w in participles for w in head[1:]) or bool(_result_reached().search(text))


@lru_cache(maxsize=MEMO_TEXTS)
def is_role_text(text: str, settings: ExtractSettings = DEFAULT) -> bool:
    """A lead given as a role or team: a short phrase (at most ``role_max_words``) naming a role, team
    or agency ("Head of Service", "DCS", "Wiltshire Police"), as normalise's recogniser reads owners."""
    t = " ".join(text.split())
    if not t or len(t) > 120 or is_imperative(t):
        return False
    toks = words(t)
    if len(toks) > settings.role_max_words:
        return False
    return is_role_or_team(t)


@dataclass(frozen=True)
class ColumnFeatures:
    """What a column's body cells hold, as shares of its non-empty cells."""

    filled: int  # non-empty own cells
    cells: int  # own cells (origins) in body rows
    mean_chars: float
    prose: float
    sentences: float  # cells of three words or more that are not dates, names or refs
    imperative: float
    ref: float
    date: float
    name: float
    rag: float
    fill_only: float  # share of own cells with a fill and no text, over all own cells
    score: float  # numeric scores, Low/Medium/High
    merged: float  # share of body rows covered by a cell spanning several rows
    sparse: float  # share of body rows whose cell is empty while an earlier row's is not
    date_and_name: float  # cells holding both a date and a lead
    distinct: float = 1.0  # distinct values over non-empty cells (refs are unique; scores repeat)
    action_like: float = 0.0  # cells stating something to be done, as a command or a noun phrase


def _numbered_parts(text: str) -> list[str]:
    """The paragraphs of a cell that numbers each of them ("1) Jane Smith\n2) Raj Patel"),
    without their labels; [] when the cell is not such a list."""
    paras = [p.strip() for p in (text or "").split("\n") if p.strip()]
    if len(paras) < 2:
        return []
    found = [parse_label(p) for p in paras]
    if not all(f is not None and f.text.strip() for f in found):
        return []
    return [" ".join(f.text.split()) for f in found]


def _is_prose(v: str, settings: ExtractSettings = DEFAULT) -> bool:
    # words, not a run of numbers ("OIS 2012 IN 1.4, 1.6, 1.1, 1.2" is a list of references)
    toks = v.split()
    if len(v) < settings.prose_chars or len(toks) < settings.prose_words:
        return False
    return 2 * sum(1 for t in toks if _WORD.search(t)) >= len(toks)


def _is_sentence(v: str) -> bool:
    return (len(v.split()) >= 3 and len(v) >= 15 and not is_ref(v) and not is_person_name(v)
            and not (is_date_like(v) and len(v) <= 40))


def _lead_like(v: str, settings: ExtractSettings = DEFAULT) -> bool:
    return len(v) <= 120 and (is_person_name(v) or is_role_text(v, settings)) and not is_rag_token(v)


_LEAD_SEPARATOR = re.compile(r"\s*[/;\n]\s*")


#: a short label opening a line ("Complete by: 2021-22", "Lead: Jane Smith")
_PUNCT = " \t\n,;:–—-()[]/"
_DATE_LABEL = re.compile(r"^\s*[A-Za-z][A-Za-z ]{0,24}?\s*:\s*")


def _date_and_lead(v: str, settings: ExtractSettings = DEFAULT) -> bool:
    if not is_date_like(v):
        return False
    # a line holding only a date and its label ("Complete by: 2021-22") says nothing of the lead
    # (nor does a line's label: "Lead: Jane Smith")
    lines = [_DATE_LABEL.sub("", ln, count=1) for ln in v.split("\n") if ln.strip()]
    lead = without_dates("\n".join(ln for ln in lines if without_dates(ln).strip(_PUNCT))).strip(_PUNCT)
    return bool(lead) and all(_lead_like(p, settings) for p in _LEAD_SEPARATOR.split(lead) if p)


#: the tests of a cell that a column's features count, in the order of ``_CellTraits.tests``
TESTS = ("prose", "sentence", "imperative", "ref", "date", "name", "rag", "score", "date_and_name", "action_like")


@dataclass(frozen=True)
class _CellTraits:
    """What one non-empty cell holds, for :func:`features` (a function of its text alone)."""

    text: str  # the text on one line
    longest: int  # characters of its longest numbered paragraph (or of the whole)
    # per TESTS: some paragraph is prose; a sentence; opens with a verb; a reference; every
    # paragraph a date; every paragraph a lead; a RAG word; a score; a date with a lead; states
    # something to be done (a command, or a noun phrase naming a doing or a result to reach)
    tests: tuple[bool, ...]


@lru_cache(maxsize=MEMO_TEXTS)
def _cell_traits(raw: str, settings: ExtractSettings = DEFAULT) -> _CellTraits:
    v = " ".join(raw.split())
    units = _numbered_parts(raw) or [v]
    return _CellTraits(text=v, longest=max(len(p) for p in units), tests=(
        any(_is_prose(p, settings) for p in units), _is_sentence(v), is_imperative(v), is_ref(v),
        all(is_date_like(p) and len(p) <= 60 for p in units), all(_lead_like(p, settings) for p in units),
        is_rag_token(v), bool(_SCORE.match(v)), _date_and_lead(raw, settings), is_action_phrase(v)))


def features(grid: Grid, c: int, body: range, settings: ExtractSettings = DEFAULT) -> ColumnFeatures:
    texts, fills, merged, sparse = [], [], 0, 0
    cells: list[_CellTraits] = []  # the non-empty own cells
    seen_text = False
    for r in body:
        s = grid[r][c]
        if s.origin_row != r:
            if s.origin_row >= body.start and s.cell.rowspan > 1:
                merged += 1
            continue
        if s.origin_col != c:
            continue
        # the cell on one line ("" when blank), its tests taken with it from the memo
        t = ""
        if s.cell.text.strip():
            traits = _cell_traits(s.cell.text, settings)
            cells.append(traits)
            t = traits.text
        if s.cell.rowspan > 1:
            merged += 1
        if not t and seen_text and grid.filled(r) >= 2:
            sparse += 1
        seen_text = seen_text or bool(t)
        texts.append(t)
        fills.append(s.cell.fill)
    n = len(cells)
    rows = max(1, len(body))
    # per test, the share of the non-empty cells passing it
    share = dict(zip(TESTS, (sum(passed) / n for passed in zip(*(x.tests for x in cells))))) if n else \
        dict.fromkeys(TESTS, 0.0)
    return ColumnFeatures(
        filled=n, cells=len(texts), mean_chars=sum(x.longest for x in cells) / n if n else 0.0,
        prose=share["prose"], sentences=share["sentence"], imperative=share["imperative"], ref=share["ref"],
        date=share["date"], name=share["name"], rag=share["rag"],
        fill_only=sum(1 for t, f in zip(texts, fills) if f and not t) / max(1, len(texts)),
        score=share["score"], merged=merged / rows, sparse=sparse / rows,
        date_and_name=share["date_and_name"], distinct=len({x.text for x in cells}) / n if n else 1.0,
        action_like=share["action_like"],
    )


def content_scores(f: ColumnFeatures, settings: ExtractSettings = DEFAULT) -> dict[str, float]:
    """0..1 per field from what the cells hold (negative where they contradict it)."""
    if f.filled == 0:
        return {"rag": 0.8 if f.fill_only >= 0.5 else 0.0}
    grouped = max(f.merged, f.sparse)
    out = {
        "action": (0.5 * f.sentences + 0.5 * f.prose) * (0.6 + 0.4 * f.action_like) * (1 - grouped),
        "recommendation": (0.5 * f.sentences + 0.5 * f.prose) * grouped,
        "progress": 0.3 * f.prose * (1 - f.imperative),
        "measures": 0.2 * f.prose,
        "action_ref": f.ref * (f.distinct if f.filled >= 3 else 1.0),  # "1, 2, 1, 3" is a score, not refs
        "recommendation_ref": 0.5 * f.ref * grouped,
        "due": f.date * (1 - f.prose) - f.date_and_name,
        "owner": f.name * (1 - f.date) * (1 - f.prose),
        "owner_due": f.date_and_name,
        "rag": max(f.rag, f.fill_only),
        "theme": 0.0,
    }
    # cells that contradict a field; a column of one or two cells says less
    against = settings.contradiction * min(1.0, f.filled / 3)
    if f.score >= 0.7 or (f.ref >= 0.7 and f.mean_chars <= 6):
        for k in ("action", "recommendation", "progress", "owner", "due", "rag", "owner_due"):
            out[k] -= against
    if f.prose >= 0.5 or f.mean_chars > 60:
        for k in ("rag", "action_ref", "recommendation_ref", "due"):
            out[k] -= against
    if f.date >= settings.dates_share and f.prose < 0.2:  # dates under "Target": target dates, no measure of success
        for k in ("measures", "progress", "action", "recommendation"):
            out[k] -= against
    if f.mean_chars > 150:
        out["owner"] -= against
    if f.prose >= 0.5:
        out["theme"] -= against
    if f.rag < 0.3 and f.fill_only < 0.3 and f.mean_chars > 25:
        out["rag"] -= against
    if f.rag >= settings.ratings_share:  # ratings ("On track", "Complete") under a progress header: the RAG column
        out["progress"] -= settings.ratings_not_progress
    return out


@dataclass(frozen=True)
class ColumnEvidence:
    """Scores of one column for every field, with their parts, for ``inspect``."""

    header: str
    header_scores: tuple[tuple[str, float], ...]
    content_scores: tuple[tuple[str, float], ...]
    features: Optional[ColumnFeatures]
    settings: ExtractSettings = field(default=DEFAULT, compare=False, repr=False)  # the weights of ``total``

    def total(self, field: str) -> float:
        return self._total(field, dict(self.header_scores), dict(self.content_scores))

    def totals(self, fields: tuple[str, ...]) -> list[float]:
        """``total`` of each of ``fields``."""
        h, c = dict(self.header_scores), dict(self.content_scores)
        return [self._total(f, h, c) for f in fields]

    def _total(self, field: str, h: dict[str, float], c: dict[str, float]) -> float:
        s = self.settings
        if field == "owner_due":
            # a header naming both the lead and the date, or cells that hold both
            both = min(h.get("owner", 0.0), h.get("due", 0.0))
            held = max(c.get("owner_due", 0.0), 0.0)
            return s.header_weight * both * (0.5 + held) + c.get("owner_due", 0.0)
        if field == "action" and not h.get("action") and any(
                k != "other" and s.header_weight * v + c.get(k, 0.0) >= s.min_score for k, v in h.items()):
            # a column headed as another field ("Update", "Ofsted recommendation") whose cells read like
            # actions is not the action column on its cells alone (map_columns' rescue decides, in
            # order), unless its cells contradict that field (prose under "Milestones", a date's name)
            return s.headered_elsewhere * c.get(field, 0.0)
        return s.header_weight * h.get(field, 0.0) + c.get(field, 0.0)

    @property
    def other(self) -> float:
        """How strongly the header says the column is none of the fields."""
        return self.settings.header_weight * dict(self.header_scores).get("other", 0.0)

    def summary(self) -> str:
        h = ", ".join(f"{k} {v:.1f}" for k, v in self.header_scores) or "-"
        c = ", ".join(f"{k} {v:.2f}" for k, v in sorted(self.content_scores, key=lambda kv: -kv[1])[:3]
                      if v > 0.05) or "-"
        return f"header: {h}; content: {c}"


def column_evidence(grid: Grid, header: str, own_header: str, c: int, body: range,
                    settings: ExtractSettings = DEFAULT) -> ColumnEvidence:
    h = header_fields(own_header, settings) or header_fields(header, settings)
    stripped = own_header.strip() or header.strip()
    if _SCALE.search(stripped):  # "Priority (1-4)", "Impact 1 – 4": a score on a scale, kept in extra
        h = {"other": 1.0}
    if not h and stripped in ("#", "№", "No", "No."):
        h = {"action_ref": 1.0}
    feats = features(grid, c, body, settings) if len(body) else None
    content = content_scores(feats, settings) if feats is not None else {}
    return ColumnEvidence(header=header, header_scores=tuple(sorted(h.items(), key=lambda kv: -kv[1])),
                          content_scores=tuple(content.items()), features=feats, settings=settings)
