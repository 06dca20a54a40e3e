"""One cell holding the lead and the date ("Who by / by when"): split into the two.

    "Jane Smith – March 2013"      -> ("Jane Smith", "March 2013")
    "Jane Smith (March 2013)"      -> ("Jane Smith", "March 2013")
    "Head of Service\\nQ2 2021/22"  -> ("Head of Service", "Q2 2021/22")

The date is whatever the date patterns find; the rest, with its joining marks trimmed,
is the lead.
"""
from __future__ import annotations

import re

from .patterns import is_date_like

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_YEAR = r"(?:\d{4}|\d{2})"
_ONE = (rf"(?:(?:by|end(?:\s+of)?|from|before)\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\.?\s*{_YEAR}"
        rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
        rf"|q[1-4]\s*(?:\d{{4}}\s*[/-]\s*\d{{2,4}}|\d{{4}})"
        rf"|(?:spring|summer|autumn|winter)(?:\s+term)?\s+\d{{4}}"
        rf"|\d{{4}}\s*[/-]\s*\d{{2,4}}"
        rf"|{_MONTH}\s*[-–]\s*{_YEAR}"
        r"|ongoing|immediate(?:ly)?|tbc|tba|complete[d]?")
_DATES = re.compile(rf"(?:{_ONE})(?:\s*(?:[-–—]|to)\s*(?:{_ONE}))?(?:\s+and\s+ongoing)?", re.I)
_TRIM = " \t\n,;:–—-()[]/"


def split_owner_due(text: str) -> tuple[str, str]:
    """(lead, date) of a combined cell; ("", "") for an empty one."""
    t = (text or "").strip()
    if not t:
        return "", ""
    # paragraph by paragraph first: a paragraph that is a date is the date
    paras = [p.strip() for p in t.split("\n") if p.strip()]
    if len(paras) > 1:
        dates = [p for p in paras if is_date_like(p) and _DATES.fullmatch(p.strip(_TRIM))]
        if dates:
            leads = [p for p in paras if p not in dates]
            return "\n".join(leads).strip(_TRIM), "\n".join(dates)
    found = list(_DATES.finditer(t))
    if not found:
        return t, ""
    m = found[-1]
    lead = (t[:m.start()] + " " + t[m.end():]).strip(_TRIM)
    lead = re.sub(r"\s*[(\[]\s*[)\]]\s*", " ", lead).strip(_TRIM)
    return " ".join(lead.split()), m.group(0).strip()
