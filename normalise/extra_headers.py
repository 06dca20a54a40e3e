"""One name per unmapped column across a plan.

Columns no field claims are kept in ``extra`` under their header. A plan repeats its tables
(one per priority, one per page), and a converter may break a word of one copy of a header
with a space ("Who is responsib le for monitorin g + how?"), which would give the analyst two
keys for one column. Headers that are the same once spaces are left out are one column, named
as most of the plan's rows name it (the first spelling met on a tie).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Iterable

from actionplans.model import RawRecord

_SPACE = re.compile(r"\s+")


def _key(header: str) -> str:
    return _SPACE.sub("", header).casefold()


def unify_extra_headers(records: Iterable[RawRecord]) -> list[RawRecord]:
    records = list(records)
    spellings: dict[str, Counter] = {}
    for rec in records:
        for header, _ in rec.extra:
            spellings.setdefault(_key(header), Counter())[" ".join(header.split())] += 1
    best = {k: max(c, key=lambda s: (c[s], -list(c).index(s))) for k, c in spellings.items() if len(c) > 1}
    if not best:
        return records
    return [replace(rec, extra=tuple((best.get(_key(h), h), v) for h, v in rec.extra)) if rec.extra else rec
            for rec in records]
