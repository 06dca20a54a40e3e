"""Recognisers for what a cell holds, used when headers do not decide a column."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from actionplans.normalise.rag import rag_word

from .numbering import COMPOUND, parse_ref

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_YEAR = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\.?(?:\s*|[-'’]\s?)(?:\d{{4}}|\d{{2}})\b", re.I)
NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
RELATIVE = re.compile(r"\b(immediate(?:ly)?|on[-\s]?going|within\s+\w+\s+(?:weeks?|months?)|tba|tbc|"
                      r"q[1-4]|quarter|spring|summer|autumn|winter|20\d\d\s*[/-]\s*\d{2})\b", re.I)

#: a reference number such as "1", "1.1", "3.12", "IN 3.1", "2a"
REF = re.compile(r"^\(?[A-Z]{0,4}\s?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\)?\.?$")

#: a date or range of dates, for splitting "Sept 13 Sept 13 Sept 13 – Jan 14. Sept 13"
_ONE_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\.?\s*(?:\d{{4}}|\d{{2}})"
DATE_RANGE = re.compile(rf"{_ONE_DATE}(?:\s*[-–—]\s*{_ONE_DATE}|\s*(?:and|&)\s+ongoing)?", re.I)

_LOOKALIKE = {"Α": "A", "А": "A", "Β": "B", "В": "B", "Ꮐ": "G", "Ԍ": "G", "Ɍ": "R", "Ʀ": "R", "Ｒ": "R",
              "Ａ": "A", "Ｇ": "G", "Ｂ": "B"}

NAME = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Cllr)\.?\s+)?(?:[A-Z]\.?|[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+){1,2}$")


_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKE)
#: distinct cell texts whose tests are remembered (one cell is tested as a date, a name... by
#: several column features in turn)
MEMO_TEXTS = 4096


def fold_lookalikes(text: str) -> str:
    if text.isascii():  # NFKC leaves ASCII as it is, and the look-alikes are none of it
        return text
    return unicodedata.normalize("NFKC", text).translate(_LOOKALIKE_TABLE)


def is_rag_token(text: str) -> bool:
    """A cell that is a rating: a RAG letter or colour word, or a short progress status
    ("Complete", "behind schedule"). Asks normalise's recogniser, the one list of RAG words."""
    return rag_word(text) is not None


@lru_cache(maxsize=MEMO_TEXTS)
def is_date_like(text: str) -> bool:
    t = " ".join(text.split())
    if not t or len(t) > 80:
        return False
    return bool(MONTH_YEAR.search(t) or NUMERIC_DATE.search(t) or RELATIVE.search(t))


#: a list label used as a reference: "a", "(b)", "iv)", "c."
#: (capital letters only in brackets: a bare "A" or "G" is a RAG letter)
LABEL_REF = re.compile(r"^\(?(?:[ivx]{1,5}|[a-z])[.)]?$|^\((?:[IVX]{1,5}|[A-Z])\)$")


def is_ref(text: str) -> bool:
    """A cell that is only a reference: "1.1", "IN 3.1", "(b)", or a compound ref of the
    numbering grammar ("2 (i)", "4(iii)", "R1(a)")."""
    t = " ".join(text.split())
    if REF.match(t) or LABEL_REF.match(t):
        return True
    found = parse_ref(t) if "(" in t or "[" in t else None
    return found is not None and found.kind == COMPOUND


#: capitalised words that make a phrase the name of a thing, not a person ("Early Help Strategy")
NOT_NAME_WORDS = frozenset("""strategy plan plans policy policies board partnership service services team teams
programme framework review protocol panel group unit hub council trust children care help health safeguarding
education school schools court family families project forum network centre centres agency agencies office
committee system report procedure procedures standards""".split())


_NAME_SEPARATOR = re.compile(r"[/\n;]|\band\b")


@lru_cache(maxsize=MEMO_TEXTS)
def is_person_name(text: str) -> bool:
    parts = [p.strip() for p in _NAME_SEPARATOR.split(text) if p.strip()]
    return bool(parts) and all(NAME.match(p.strip(" ,.")) and not (set(p.casefold().split()) & NOT_NAME_WORDS)
                               for p in parts)


def split_dates(text: str) -> list[str]:
    """The separate date expressions of a one-paragraph timescale cell ("Sept 13 Oct 13")."""
    return [m.group(0).strip() for m in DATE_RANGE.finditer(text)]


def without_dates(text: str) -> str:
    """The text with its date expressions taken out ("Jane Smith (March 2013)" -> "Jane Smith ()")."""
    for pattern in (DATE_RANGE, NUMERIC_DATE, RELATIVE):
        text = pattern.sub(" ", text)
    return " ".join(text.split())
