"""Timescale cells -> (due_start, due_end) as ISO dates.

A small grammar for the ways UK councils write timescales ("31st Dec 2012", "Sept 13",
"Dec 13 – March 14", "2013/14", "Q2 2013/14", "Spring 2014", "Began June 2011",
"Within 3 months", "ongoing" ...). General-purpose parsers read "Sept 13" as the 13th of
September; here a month followed by a bare two-digit number is a month and a year.

Rules:
- every date mention in the cell is found, in order; due_start is the first one's first
  day and due_end the last one's last day ("a single month gives start = 1st, end = last day");
- a mention after a start word ("Began", "Starting", "To begin") only sets due_start;
- words with no deadline ("ongoing", "tba", "To be agreed by WSCB") give blanks unless the
  cell also names a date ("Dec 2012 and ongoing" is December 2012);
- "IMMEDIATE" and "Within 3 months" count from the plan date, and are blank when it is
  unknown (``Due.needs_plan_date``: the caller says so once for the document);
- years left out or written with two digits are inferred (from the other dates in the cell,
  the plan date or the plan's other timescales). Routine inferences are no warning: a year
  taken from the cell itself ("Sept – Dec 2013"), a two-digit year within ``ANCHOR_YEARS`` of
  the plan's date or its written years ("Sept 13" in a 2013 plan). The others are;
- impossible days ("31 June 2013") are clamped to the month's last day with a warning.
The vocabulary (month names, seasons, phrases, number words) is in ``data/months.csv`` and
``data/date_phrases.csv``.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from . import _data
from .text import MEMO_TEXTS, fold_dashes, quote

__all__ = ["Due", "DateContext", "DateSpan", "parse_due", "with_start", "parse_iso", "explicit_years", "context_for", "date_spans",
           "NO_DEADLINE", "phrase_kind"]


@dataclass(frozen=True)
class Due:
    start: str = ""
    end: str = ""
    warnings: tuple[str, ...] = ()
    needs_plan_date: bool = False  # a relative timescale left blank: the plan's date is unknown


@dataclass(frozen=True)
class DateContext:
    """What the rest of the plan says about dates, for inferring years."""

    plan_date: Optional[date] = None
    default_year: Optional[int] = None  # the most common explicit year in the plan's timescales


@dataclass(frozen=True)
class DateSpan:
    """Where a date expression sits in a text (for cutting a combined owner + date cell).

    kind: "date" (a year is written: "March 2013", "Q1 2013/14", "31/03/13", "2013/14"),
    "month" (a month, day or season without a year), "relative" ("Within 3 months"),
    "now" ("Immediately"), "open" ("Ongoing", "TBC", "Monthly", "Complete": no deadline),
    "marker" ("By", "End of", "Starting").
    form: how it is written — the grammar's alternative ("my" month and year, "by" a year
    alone, "season", "qtr", ...) or, for a word with no deadline, its kind in
    ``date_phrases.csv`` ("open", "repeat", "done", "none").
    """

    start: int
    end: int
    kind: str
    form: str = ""


@dataclass(frozen=True)
class _Mention:
    text: str
    pos: int
    start: Optional[date] = None  # None while the year is unknown
    end: Optional[date] = None
    month: int = 0  # for year inference: the first month and its length
    months: int = 1
    day: int = 0  # 0 = whole month
    year_given: bool = True
    is_start: bool = False  # "Began June 2011": a start, not a deadline
    end_of: bool = False  # "End of June 2013": the last day
    relative_months: int = 0  # "Within 3 months"
    relative_days: int = 0
    now: bool = False  # "Immediately"


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _months() -> dict[str, tuple[str, int, int]]:
    return {r["name"]: (r["kind"], int(r["month"]), int(r["months"])) for r in _data.rows("months.csv")}


@lru_cache(maxsize=None)
def _phrases() -> dict[str, tuple[str, str]]:
    return {r["phrase"]: (r["kind"], r["value"]) for r in _data.rows("date_phrases.csv")}


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


#: kinds of words in ``date_phrases.csv`` that give no deadline (blank dates unless the cell
#: also names a date)
NO_DEADLINE = ("open", "repeat", "done", "none")


def phrase_kind(phrase: str) -> str:
    """The kind ``date_phrases.csv`` gives a phrase as written ("On  going" -> "open"), or ""."""
    return _phrases().get(_ANY_SPACE.sub(" ", phrase.strip().lower()), ("", ""))[0]


def _phrase_words(kind: str) -> list[str]:
    return [p for p, (k, _) in _phrases().items() if k == kind]


@lru_cache(maxsize=None)
def _grammar() -> re.Pattern:
    months = _alt(n for n, (k, _, _) in _months().items() if k == "month")
    bare_months = _alt(n for n, (k, _, _) in _months().items() if k == "month" and n != "may")
    seasons = _alt(n for n, (k, _, _) in _months().items() if k == "season")
    numbers = _alt(_phrase_words("number"))
    units = _alt(_phrase_words("unit"))
    now = _alt(_phrase_words("now"))
    y = r"(?:19|20)\d{2}"
    sep = r"[\s,.\-/']*"
    alternatives = [
        rf"(?P<iso>(?P<iy>{y})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))\b",
        rf"(?P<num>(?P<nd>\d{{1,2}})[/.\-](?P<nm>\d{{1,2}})[/.\-](?P<ny>{y}|\d{{2}}))(?![\d.]\d)",
        rf"(?P<nmy>(?P<nm2>\d{{1,2}})/(?P<ny2>{y}))(?![\d/])",
        rf"(?P<qtr>(?:q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?(?:fy\s*)?(?:(?P<qy1>{y})(?:\s*[/\-]\s*(?P<qy2>{y}|\d{{2}}))?|(?P<qs1>\d{{2}})\s*/\s*(?P<qs2>\d{{2}})))(?!\d)",
        rf"(?P<qtr2>(?P<fq1>{y})\s*[/\-]\s*(?P<fq2>{y}|\d{{2}}),?\s*(?:q|quarter\s*)(?P<q2>[1-4]))(?!\d)",
        rf"(?P<fy>(?:fy\s*)?(?P<fy1>{y})\s*[/\-]\s*(?P<fy2>{y}|\d{{2}}))(?![\d/\-])",
        r"(?P<fys>(?P<fs1>\d{2})/(?P<fs2>\d{2}))(?![/\d])",
        # a day before its month: "3 Dec", "3rd of December", "03-Dec", "3/Dec" (not "3 – December":
        # a spaced dash is no part of one date, as in "Version 3 – December 2019")
        rf"(?P<dmy>(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?(?:\s*|[.\-/]\s?)(?P<dm>{months})\.?(?:{sep}(?P<dy>{y}|'?\d{{2}}))?)(?![\d:%])",
        rf"(?P<mdy>(?P<um>{months})\.?\s*(?P<ud>\d{{1,2}})(?:st|nd|rd|th)(?:,?\s*(?P<uy>{y}))?)(?!\d)",
        rf"(?P<mdy4>(?P<vm>{months})\.?\s+(?P<vd>\d{{1,2}}),?\s+(?P<vy>{y}))(?!\d)",
        rf"(?P<my>(?P<mm>{months})\.?{sep}(?P<myy>{y}|'?\d{{2}}))(?![\d:%])",
        rf"(?P<season>(?P<sn>{seasons})(?:{sep}(?P<sy>{y}|'?\d{{2}}))?)(?![\d%])",
        # "May" alone is a verb as often as a month: a month only when a range to a month follows
        rf"(?P<bm>{bare_months}|may(?=\.?\s*(?:-|to|until|till)\s*(?:{months})\b))\.?",
        rf"(?P<rel>(?:within|in|after)\s+(?:the\s+)?(?:next\s+)?(?P<rn>\d{{1,2}}|{numbers})\s*(?P<ru>{units}))",
        rf"(?P<relb>(?P<rbn>\d{{1,2}})\s*(?P<rbu>{units}))",
        rf"(?P<now>{now})",
        rf"(?P<by>{y})(?![\d%])",
    ]
    # no date starts inside a number ("2.1 – July 2019" is version 2.1 of July 2019, not 1 July)
    return re.compile(r"(?<![\w£$])(?<!\d[.,])(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _marker_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    start = re.compile(rf"(?:^|\W)(?:{_alt(_phrase_words('start'))})\W*$", re.IGNORECASE)
    end_of = re.compile(rf"(?:^|\W)(?:{_alt(_phrase_words('end_of'))})\W*$", re.IGNORECASE)
    no_deadline = [w for kind in NO_DEADLINE for w in _phrase_words(kind)]
    open_ = re.compile(rf"(?<!\w)(?:{_alt(no_deadline)})(?!\w)", re.IGNORECASE)
    return start, end_of, open_


_LIST_MARKER = re.compile(r"(?m)^\s*(?:\(?(?:[ivx]{1,5}|[a-h]|\d{1,2})\)\.?|(?:[ivx]{1,5}|[a-h])\.|[•\-\u2022\u25aa*])\s+",
                          re.IGNORECASE)

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def parse_iso(text: Optional[str]) -> Optional[date]:
    if not text:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(text))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, _last_day(year, month)))


_NON_WORD = re.compile(r"\W")
_ANY_SPACE = re.compile(r"\s+")


def _month_no(word: str) -> int:
    return _months()[_NON_WORD.sub("", word.lower())][1]


def _two_digit(yy: int, ctx: DateContext) -> int:
    ref = ctx.plan_date.year if ctx.plan_date else (ctx.default_year or 2000 + min(yy, 69))
    century = ref - ref % 100
    best = min((century - 100 + yy, century + yy, century + 100 + yy), key=lambda y: abs(y - ref))
    return best


#: a two-digit year read within this many years of the plan's date (or of the years its
#: timescales write in full) is routine and correct, and no warning
ANCHOR_YEARS = 5


def _anchored(year: int, ctx: DateContext) -> bool:
    ref = ctx.plan_date.year if ctx.plan_date else ctx.default_year
    return ref is not None and abs(year - ref) <= ANCHOR_YEARS


def _year(text: Optional[str], ctx: DateContext, warnings: list[str], shown: str) -> Optional[int]:
    """A 4-digit year as is; a 2-digit one inferred (with a warning unless the plan anchors it);
    None when absent."""
    if not text:
        return None
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    year = _two_digit(int(digits), ctx)
    if not _anchored(year, ctx):
        warnings.append(f"two-digit year: '{quote(shown)}' read as {year}")
    return year


def _day_span(year: int, month: int, day: int, shown: str, warnings: list[str]) -> Optional[tuple[date, date]]:
    if not 1 <= month <= 12 or day < 1:
        warnings.append(f"invalid date: {shown}")
        return None
    last = _last_day(year, month)
    if day > last:
        warnings.append(f"invalid date: {shown} (read as {year}-{month:02d}-{last:02d})")
        day = last
    d = date(year, month, day)
    return d, d


def _month_span(year: int, month: int, months: int = 1) -> tuple[date, date]:
    start = date(year, month, 1)
    end = _add_months(start, months - 1)
    return start, date(end.year, end.month, _last_day(end.year, end.month))


# ---------------------------------------------------------------------------
# Reading one mention
# ---------------------------------------------------------------------------


def _read(m: re.Match, ctx: DateContext, warnings: list[str]) -> Optional[_Mention]:
    g = m.groupdict()
    shown = m.group(0).strip()
    base = _Mention(text=shown, pos=m.start())
    if g["iso"]:
        span = _day_span(int(g["iy"]), int(g["im"]), int(g["id"]), shown, warnings)
        return replace(base, start=span[0], end=span[1]) if span else None
    if g["num"]:
        day, month = int(g["nd"]), int(g["nm"])
        year = _year(g["ny"], ctx, warnings, shown)
        if month > 12 and day <= 12:
            warnings.append(f"date '{shown}' read as month/day")
            day, month = month, day
        span = _day_span(year, month, day, shown, warnings)
        return replace(base, start=span[0], end=span[1]) if span else None
    if g["nmy"]:
        month, year = int(g["nm2"]), int(g["ny2"])
        if not 1 <= month <= 12:
            warnings.append(f"invalid date: {shown}")
            return None
        s, e = _month_span(year, month)
        return replace(base, start=s, end=e, month=month)
    if g["qtr"]:
        q = int(g["q"])
        if g["qs1"]:
            if int(g["qs2"]) != (int(g["qs1"]) + 1) % 100:
                return None
            y1 = _two_digit(int(g["qs1"]), ctx)
            if not _anchored(y1, ctx):
                warnings.append(f"two-digit years: '{quote(shown)}' read as financial year {y1}/{y1 + 1}")
        else:
            y1 = int(g["qy1"])
        if g["qy2"] or g["qs1"]:  # a quarter of the financial year (April - March)
            start, _ = _month_span(y1, 4)
            start = _add_months(start, 3 * (q - 1))
        else:
            start = date(y1, 3 * (q - 1) + 1, 1)
        s, e = _month_span(start.year, start.month, 3)
        return replace(base, start=s, end=e)
    if g["qtr2"]:  # "2019/20 Q2": the financial year first
        y1, raw2 = int(g["fq1"]), g["fq2"]
        if (int(raw2) if len(raw2) == 4 else y1 - y1 % 100 + int(raw2)) != y1 + 1:
            return None
        start = _add_months(date(y1, 4, 1), 3 * (int(g["q2"]) - 1))
        s, e = _month_span(start.year, start.month, 3)
        return replace(base, start=s, end=e)
    if g["fy"]:
        y1, raw2 = int(g["fy1"]), g["fy2"]
        y2 = int(raw2) if len(raw2) == 4 else y1 - y1 % 100 + int(raw2)
        if y2 == y1 + 1:  # financial year: 1 April - 31 March
            return replace(base, start=date(y1, 4, 1), end=date(y2, 3, 31))
        if y1 < y2 <= y1 + 10:  # a span of calendar years
            return replace(base, start=date(y1, 1, 1), end=date(y2, 12, 31))
        return None
    if g["fys"]:  # "12/13": a financial year in two-digit years
        y1, y2 = int(g["fs1"]), int(g["fs2"])
        if y2 != (y1 + 1) % 100:
            return None
        year = _two_digit(y1, ctx)
        if not _anchored(year, ctx):
            warnings.append(f"two-digit years: '{quote(shown)}' read as financial year {year}/{year + 1}")
        return replace(base, start=date(year, 4, 1), end=date(year + 1, 3, 31))
    if g["dmy"] or g["mdy"] or g["mdy4"]:
        if g["dmy"]:
            day, month, ytext = int(g["d"]), _month_no(g["dm"]), g["dy"]
        elif g["mdy"]:
            day, month, ytext = int(g["ud"]), _month_no(g["um"]), g["uy"]
        else:
            day, month, ytext = int(g["vd"]), _month_no(g["vm"]), g["vy"]
        if day == 0:
            return None
        year = _year(ytext, ctx, warnings, shown)
        if year is None:
            return replace(base, month=month, day=day, year_given=False)
        span = _day_span(year, month, day, shown, warnings)
        return replace(base, start=span[0], end=span[1], month=month, day=day) if span else None
    if g["my"]:
        month = _month_no(g["mm"])
        year = _year(g["myy"], ctx, warnings, shown)
        s, e = _month_span(year, month)
        return replace(base, start=s, end=e, month=month)
    if g["season"]:
        _, month, months = _months()[g["sn"].lower()]
        year = _year(g["sy"], ctx, warnings, shown)
        if year is None:
            return replace(base, month=month, months=months, year_given=False)
        s, e = _month_span(year, month, months)
        return replace(base, start=s, end=e, month=month, months=months)
    if g["bm"]:
        return replace(base, month=_month_no(g["bm"]), year_given=False)
    if g["rel"] or g["relb"]:
        n_text = (g["rn"] or g["rbn"]).lower()
        unit = re.sub(r"\s+", " ", (g["ru"] or g["rbu"]).lower())
        n = int(n_text) if n_text.isdigit() else int(_phrases()[re.sub(r"\s+", " ", n_text)][1])
        value = _phrases()[unit][1]
        if value.endswith("m"):
            return replace(base, relative_months=n * int(value[:-1]))
        return replace(base, relative_days=n * int(value))
    if g["now"]:
        return replace(base, now=True)
    if g["by"]:
        y = int(g["by"])
        return replace(base, start=date(y, 1, 1), end=date(y, 12, 31))
    return None


def _infer_years(mentions: list[_Mention], ctx: DateContext, warnings: list[str]) -> list[_Mention]:
    """Give a year to every mention written without one."""
    out: list[_Mention] = []
    for i, mt in enumerate(mentions):
        if mt.year_given or not mt.month:
            out.append(mt)
            continue
        after = next((x for x in mentions[i + 1:] if x.year_given and x.start), None)
        before = next((x for x in reversed(out) if x.year_given and x.start), None)
        if after is not None:  # "Sept - Dec 2013": the cell itself says, no warning
            year, source = after.start.year - (1 if mt.month > after.start.month else 0), ""
        elif before is not None:
            year, source = before.start.year + (1 if mt.month < before.start.month else 0), ""
        elif ctx.plan_date is not None:
            year = ctx.plan_date.year + (1 if mt.month < ctx.plan_date.month else 0)
            source = "the plan date"
        elif ctx.default_year is not None:
            year = ctx.default_year
            source = "the plan's other dates"
        else:
            warnings.append(f"year not given: '{quote(mt.text)}'")
            continue
        if source:
            warnings.append(f"year not given: '{quote(mt.text)}' read as {year} (from {source})")
        if mt.day:
            span = _day_span(year, mt.month, mt.day, mt.text, warnings)
            if span is None:
                continue
            s, e = span
        else:
            s, e = _month_span(year, mt.month, mt.months)
        out.append(replace(mt, start=s, end=e, year_given=True))
    return out


#: a misspelt month is this close to the month's name (rapidfuzz ratio, 0..100): a transposition
#: ("Setpember", "Janaury", "Decemebr") is about 86-89; another word of five letters ("marsh") 80
MISSPELT_MONTH_RATIO = 85
#: a word followed by a year ("Setpember 2014", "Janaury '15") or after a day ("3 Decemebr")
_MONTH_SLOT = re.compile(r"(?<![A-Za-z])(?:(?<=\d\s)|(?<=\d(?:st|nd|rd|th)\s))?(?P<w>[A-Za-z]{3,10})(?=\.?\s*'?\d{2}(?:\d{2})?\b)"
                         r"|(?<=\d\s)(?P<w2>[A-Za-z]{3,10})(?![A-Za-z])")


@lru_cache(maxsize=None)
def _full_months() -> tuple[str, ...]:
    return tuple(n for n, (k, _, months) in _months().items() if k == "month" and len(n) >= 5)


@lru_cache(maxsize=None)
def _month_names() -> tuple[str, ...]:
    """The months' full names, "may" and "june" too (the longest name of each month)."""
    longest: dict[int, str] = {}
    for n, (k, month, _) in _months().items():
        if k == "month" and len(n) > len(longest.get(month, "")):
            longest[month] = n
    return tuple(longest.values())


def _one_swap(word: str, name: str) -> bool:
    """Is ``word`` ``name`` with two neighbouring letters after the first swapped ("jnue" for
    "june"; not "amy" for "may": a typo keeps the first letter, and a name may not)?"""
    if len(word) != len(name) or word == name or word[:1] != name[:1]:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, name)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == name[diff[1]] and word[diff[1]] == name[diff[0]]


@lru_cache(maxsize=4096)
def _respelt(word: str) -> Optional[str]:
    """The month a misspelt word stands for ("setpember" -> "september"), or None."""
    from rapidfuzz import fuzz, process
    w = word.lower()
    if w in _months() or w in _phrases():
        return None
    swapped = [m for m in _month_names() if _one_swap(w, m)]
    if len(swapped) == 1:  # two neighbouring letters typed the wrong way round: "Jnue", "Mya", "Apirl"
        return swapped[0]
    if len(w) < 5:  # a short word near a month by any other edit is as near to other words
        return None
    found = process.extractOne(w, [m for m in _full_months() if m[0] == w[0]], scorer=fuzz.ratio,
                               score_cutoff=MISSPELT_MONTH_RATIO)
    return found[0] if found else None


def respell_months(text: str, same_length: bool = False) -> tuple[str, list[str]]:
    """``text`` with misspelt month names before a year or after a day written correctly, and a note
    for each. ``same_length``: only respellings that keep every position (a transposition)."""
    notes: list[str] = []

    def fix(m: re.Match) -> str:
        word = m.group("w") or m.group("w2")
        month = _respelt(word)
        if month is None or (same_length and len(month) != len(word)):
            return m.group(0)
        notes.append(f"month misspelt: '{word}' read as {month.capitalize()}")
        return month.capitalize() if word[:1].isupper() else month
    if not any(ch.isdigit() for ch in text):
        return text, notes
    return _MONTH_SLOT.sub(fix, text), notes


@lru_cache(maxsize=None)
def _mistyped_year() -> re.Pattern:
    """A month name, then a four-figure year of this century whose 0 is typed as the key beside it
    or another stray sign: "March 2-21" (the 0 and - keys are neighbours)."""
    months = [n for n, (k, _, _) in _months().items() if k == "month"]
    return re.compile(rf"(?<![A-Za-z])(?P<month>{_alt(months)})\.?\s+2(?P<sign>[^\w\s'])(?P<yy>\d{{2}})(?![\d\w])"
                      r"(?!,?\s*'?\d{2}(?:\d{2})?\b)",  # "February 2-19, 2014": days, the year after
                      re.IGNORECASE)


def repair_years(text: str, ctx: DateContext) -> tuple[str, list[str]]:
    """``text`` with a mistyped year after a month name written as the year it stands for, and a
    note for each. Read only where the year fits the plan (within ``ANCHOR_YEARS`` of its date or
    of the year its timescales write most), or where the plan gives no year to check against:
    "February 2-19" as days 2 to 19 would give no year at all."""
    notes: list[str] = []

    def fix(m: re.Match) -> str:
        year = 2000 + int(m.group("yy"))
        ref = ctx.plan_date.year if ctx.plan_date else ctx.default_year
        if ref is not None and not _anchored(year, ctx):
            return m.group(0)
        notes.append(f"year mistyped: '{quote(m.group(0))}' read as {m.group('month')} {year}")
        # the year written in its four places: the text keeps its length (positions are kept)
        return m.group(0)[:m.start("sign") - 1 - m.start()] + str(year)
    if "2" not in text:
        return text, notes
    return _mistyped_year().sub(fix, text), notes


def _clean(raw: str) -> str:
    text = fold_dashes(str(raw or ""))
    text = _LIST_MARKER.sub(" ", text)
    return _ANY_SPACE.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def parse_due(raw: Optional[str], ctx: DateContext = DateContext()) -> Due:
    """Read one timescale cell. Never raises."""
    text = _clean(raw)
    if not text:
        return Due()
    text, warnings = respell_months(text)
    text, mistyped = repair_years(text, ctx)
    warnings += mistyped
    start_re, end_of_re, open_re = _marker_res()
    mentions: list[_Mention] = []
    for m in _grammar().finditer(text):
        mt = _read(m, ctx, warnings)
        if mt is None:
            continue
        prefix = text[max(0, m.start() - 25):m.start()]
        if start_re.search(prefix):
            mt = replace(mt, is_start=True)
        if end_of_re.search(prefix):
            mt = replace(mt, end_of=True)
        mentions.append(mt)
    is_open = bool(open_re.search(text))

    relative = [x for x in mentions if x.now or x.relative_months or x.relative_days]
    dated = [x for x in mentions if x not in relative]
    dated = [x for x in _infer_years(dated, ctx, warnings) if x.start is not None]

    if not dated:
        if relative:
            if is_open and all(x.now for x in relative):
                return Due(warnings=tuple(warnings))  # "Immediate and ongoing": no deadline
            if ctx.plan_date is None:  # said once for the document, not on every such row
                return Due(warnings=tuple(warnings), needs_plan_date=True)
            last = relative[-1]
            end = _add_months(ctx.plan_date, last.relative_months)
            end = date.fromordinal(end.toordinal() + last.relative_days)
            warnings.append(f"relative timescale '{quote(text)}' counted from the plan date {ctx.plan_date.isoformat()}")
            return Due(ctx.plan_date.isoformat(), end.isoformat(), tuple(warnings))
        if not is_open and re.search(r"\w", text):
            warnings.append(f"no date found in timescale: '{quote(text)}'")
        return Due(warnings=tuple(warnings))

    dated = [replace(x, start=x.end) if x.end_of else x for x in dated]
    start = dated[0].start
    deadlines = [x for x in dated if not x.is_start]
    end = deadlines[-1].end if deadlines else None
    if end is not None and end < start:
        warnings.append(f"timescale ends before it starts: '{quote(text)}'")
        start, end = min(start, end), max(x.end for x in deadlines)
    if end is not None and ctx.plan_date is not None and end < ctx.plan_date:
        warnings.append(f"deadline {end.isoformat()} is before the plan date {ctx.plan_date.isoformat()}")
    return Due(start.isoformat(), end.isoformat() if end else "", tuple(dict.fromkeys(warnings)))


def explicit_years(raw: Optional[str]) -> list[int]:
    """Four-digit years written in a timescale cell (for ``DateContext.default_year``)."""
    years = []
    for m in _grammar().finditer(_clean(raw)):
        for key in ("iy", "ny", "ny2", "qy1", "fq1", "fy1", "dy", "uy", "vy", "myy", "sy", "by"):
            value = m.group(key)
            if value and len(value) == 4 and value.isdigit():
                years.append(int(value))
                break
    return years


def context_for(due_cells: Iterable[str], plan_date: Optional[str]) -> DateContext:
    """The plan's date context: its date and the most common year written in its timescales."""
    years = Counter(y for cell in due_cells for y in explicit_years(cell))
    default = years.most_common(1)[0][0] if years else None
    return DateContext(plan_date=parse_iso(plan_date), default_year=default)


@lru_cache(maxsize=None)
def _marker_words() -> re.Pattern:
    words = _phrase_words("start") + _phrase_words("end_of") + _phrase_words("deadline")
    return re.compile(rf"(?<!\w)(?:{_alt(words)})(?!\w)", re.IGNORECASE)


def date_spans(raw: Optional[str]) -> list[DateSpan]:
    """Every date expression, no-deadline word and date marker in ``raw``, by position in ``raw``.

    Reads ``raw`` with the grammar of ``parse_due`` (positions are those of the text given);
    used to cut a cell that holds an owner and a timescale together.
    """
    return list(_date_spans(str(raw or "")))


@lru_cache(maxsize=MEMO_TEXTS)
def _date_spans(raw: str) -> tuple[DateSpan, ...]:
    """:func:`date_spans`, remembered: the recognisers of extract and normalise ask it of the
    same cells several times."""
    text = fold_dashes(raw)  # one character for one: positions are kept
    text, _ = respell_months(text, same_length=True)
    text, _ = repair_years(text, DateContext())
    spans: list[DateSpan] = []
    for m in _grammar().finditer(text):
        mt = _read(m, DateContext(), [])
        if mt is None:
            continue
        if mt.now:
            kind = "now"
        elif mt.relative_months or mt.relative_days:
            kind = "relative"
        else:
            kind = "date" if mt.year_given and mt.start is not None else "month"
        spans.append(DateSpan(m.start(), m.end(), kind, m.lastgroup or ""))
    _, _, open_re = _marker_res()
    for kind, pattern in (("open", open_re), ("marker", _marker_words())):
        for m in pattern.finditer(text):
            if not any(s.start < m.end() and m.start() < s.end for s in spans):
                spans.append(DateSpan(m.start(), m.end(), kind, phrase_kind(m.group(0)) if kind == "open" else ""))
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


def with_start(due: Due, start_raw: Optional[str], ctx: DateContext = DateContext()) -> Due:
    """The deadline ``due`` with its start taken from a start-date cell of its own ("Start date").

    The start cell's first day is due_start; the deadline cell keeps due_end. A start cell with
    no readable date, or one after the deadline, leaves due_start as the deadline cell gave it
    and says so.
    """
    if not (start_raw or "").strip():
        return due
    start = parse_due(start_raw, ctx)
    quoted = _clean(start_raw)[:40]
    # what reading the start cell inferred (a year, a clamped day) holds for it; a start is no deadline
    warnings = list(due.warnings) + [w.replace("timescale", "start date") for w in start.warnings
                                     if not w.startswith("deadline ") and w not in due.warnings]
    if not start.start:
        return replace(due, warnings=tuple(warnings))
    if due.end and start.start > due.end:
        warnings.append(f"start date '{quoted}' is after the due date, not used")
        return replace(due, warnings=tuple(warnings))
    return replace(due, start=start.start, warnings=tuple(warnings))
