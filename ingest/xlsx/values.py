"""A cell's value as the sheet shows it, through its number format.

Numbers keep the format's decimals, thousands separators, percent sign and literal text
("£#,##0.00", "0%", '0" days"'); booleans are TRUE / FALSE. A date is written so that it stays
exact whatever the format's order of day and month: ``YYYY-MM-DD`` (with `` HH:MM`` where the
format shows a time of day that is not midnight) when the format shows the day, "March 2016" when
it shows only the month and year, "2016" for the year alone (the model's cells hold text, and
normalise reads each of these exactly). The ODS reader uses :func:`date_text` too.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_TIME_MINUTES = re.compile(r"h+[^a-z]*m+|m+[^a-z]*s+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_PLACEHOLDER = re.compile(r"[0#?]")


def display(value: Any, fmt: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return date_text(value, fmt)
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return number_text(value, fmt or "General")
    return str(value)


def _date_tokens(fmt: str) -> tuple[bool, bool, bool, bool]:
    """(day, month, year, time of day) shown by a date format."""
    f = _QUOTED.sub("", fmt or "").lower()
    time = bool(re.search(r"[hs]", f))
    f_dates = _TIME_MINUTES.sub("", f)
    day = bool(re.search(r"(?<!d)d{1,2}(?!d)", f_dates))
    return day, "m" in f_dates, "y" in f_dates or "e" in f_dates, time


def date_text(value: dt.date, fmt: str = "") -> str:
    """A date (or date and time) as exact text; see the module's docstring."""
    day, month, year, time = _date_tokens(fmt)
    if not (day or month or year) and not time:
        day = month = year = True  # no date format (or none known): the whole date
    if isinstance(value, dt.datetime) and time and not (day or month or year):
        return f"{value.hour:02d}:{value.minute:02d}"
    if month and year and not day:
        return f"{_MONTHS[value.month - 1]} {value.year}"
    if year and not month and not day:
        return str(value.year)
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, dt.datetime) and time and (value.hour or value.minute):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def _sections(fmt: str) -> list[str]:
    """The format's ;-separated sections (a ; inside quotes is literal)."""
    out, cur, quoted = [], [], False
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(fmt):
            cur.append(fmt[i:i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def general(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def number_text(value: float, fmt: str) -> str:
    sections = _sections(fmt)
    section = sections[0]
    negative = value < 0
    if negative and len(sections) > 1 and sections[1].strip():
        section, value = sections[1], -value  # the negative section shows its own sign, if any
        negative = False
    elif value == 0 and len(sections) > 2 and sections[2].strip():
        section = sections[2]
    if section.strip().lower() in ("general", "") or section.strip() == "@":
        return general(value)
    # literal text around the number; the number's own pattern between
    literal: list[tuple[bool, str]] = []  # (is_literal, text)
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = len(section) if j < 0 else j
            literal.append((True, section[i + 1:j]))
            i = j + 1
        elif ch == "\\" and i + 1 < len(section):
            literal.append((True, section[i + 1]))
            i += 2
        elif ch == "[":
            j = section.find("]", i)
            token = section[i + 1:j] if j > 0 else ""
            if token.startswith("$") and "-" in token:  # [$£-809]: a currency symbol
                literal.append((True, token[1:token.index("-")]))
            elif token.startswith("$"):
                literal.append((True, token[1:]))
            i = len(section) if j < 0 else j + 1
        elif ch in "_*":
            i += 2
        elif ch in "0#?.,%":
            literal.append((False, ch))
            i += 1
        elif ch in "Ee" and i + 1 < len(section) and section[i + 1] in "+-":
            return f"{value:.2E}"
        else:
            literal.append((True, ch))
            i += 1
    pattern = "".join(t for lit, t in literal if not lit)
    if not _PLACEHOLDER.search(pattern):
        return general(value) if not literal else "".join(t for _, t in literal)
    percent = pattern.count("%")
    number = abs(value) * (100 ** percent)
    num_pat = pattern.replace("%", "")
    int_part, _, frac_part = num_pat.partition(".")
    decimals = len(_PLACEHOLDER.findall(frac_part))
    trailing_commas = len(int_part) - len(int_part.rstrip(","))
    number /= 1000 ** trailing_commas  # "#,##0," shows thousands
    thousands = "," in int_part.rstrip(",")
    exact = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)  # as Excel rounds
    text = f"{exact:,.{decimals}f}" if thousands else f"{exact:.{decimals}f}"
    min_int = int_part.count("0")
    if min_int == 0 and text.startswith("0") and decimals:
        text = text[1:]
    out, placed = [], False
    for lit, t in literal:
        if lit:
            out.append(t)
        elif not placed and t in "0#?.,":
            out.append(text)
            placed = True
        elif t == "%":
            out.append("%")
    return ("-" if negative and float(text.replace(",", "") or 0) else "") + "".join(out)
