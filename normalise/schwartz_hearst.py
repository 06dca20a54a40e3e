"""Inline abbreviation definitions: the Schwartz–Hearst algorithm.

A. Schwartz and M. Hearst, "A simple algorithm for identifying abbreviation definitions in
biomedical text", Pacific Symposium on Biocomputing 2003. Both orders are found:
"Independent Reviewing Officer (IRO)" and "IRO (Independent Reviewing Officer)".
Written from the paper's description; adapted to require a capital in the short form
(council plans define acronyms, not lower-case abbreviations).
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

__all__ = ["find_definitions", "best_long_form"]

_PAREN = re.compile(r"\(([^()]{1,200})\)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")
_LIST_MARK = re.compile(r"[;,]")


def _valid_short_form(sf: str) -> bool:
    if not 2 <= len(sf) <= 10 or len(sf.split()) > 2:
        return False
    if not sf[0].isalnum() or not any(ch.isalpha() for ch in sf):
        return False
    return any(ch.isupper() for ch in sf)


def best_long_form(short: str, long: str) -> Optional[str]:
    """The shortest tail of ``long`` whose characters cover ``short`` in order (the paper's
    findBestLongForm): every short-form character is matched right to left, the first one at
    the start of a word."""
    s = len(short) - 1
    l = len(long) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while l >= 0 and (long[l].lower() != ch or (s == 0 and l > 0 and long[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    start = long.rfind(" ", 0, l + 1) + 1
    return long[start:].strip()


_QUOTES = "'\"\u2018\u2019\u201c\u201d\u00ab\u00bb"


def _check(short: str, long: Optional[str]) -> Optional[tuple[str, str]]:
    if not long:
        return None
    long = long.strip(" ,;:-")
    if long[:1] in _QUOTES:  # "'Out of Hours' (OOH)": the quotes around the long form are not part of it
        long = long.lstrip(_QUOTES).rstrip(_QUOTES + " ,;:-")
    words = long.split()
    if len(long) <= len(short) or short.lower() in long.lower().split():
        return None
    if len(words) > min(len(short) + 5, len(short) * 2):
        return None
    return short, long


def find_definitions(text: str) -> Iterator[tuple[str, str]]:
    """Yield (short form, long form) pairs defined in ``text``."""
    if "(" not in (text or ""):  # every definition is found by its brackets
        return
    for sentence in _SENTENCE_BREAK.split(text or ""):
        for m in _PAREN.finditer(sentence):
            inner = m.group(1).strip()
            inner = _LIST_MARK.split(inner)[0].strip()
            before = sentence[:m.start()].rstrip()
            if _valid_short_form(inner):
                # long form before the brackets, at most min(|SF| + 5, 2|SF|) words
                n = min(len(inner) + 5, len(inner) * 2)
                cand = " ".join(before.split()[-n:])
                hit = _check(inner, best_long_form(inner, cand))
            else:
                # "IRO (Independent Reviewing Officer)": the word before is the short form
                words = before.split()
                short = words[-1].strip(" ,;:") if words else ""
                hit = None
                if _valid_short_form(short) and len(inner.split()) > 1:
                    long = best_long_form(short, inner)
                    # the whole bracketed text is the definition when it starts as the match does
                    if long and inner.lower().startswith(long.lower()[:1]):
                        hit = _check(short, inner if long and inner.endswith(long) else long)
            if hit:
                yield hit
