"""Phrase lists from the packaged data (topics.json, roles.json) compiled into regular expressions.

A phrase is a regular expression matched case-insensitively as whole words; an acronym is one
matched as written (case-sensitive), also as whole words. The data says what; this says how.
"""
from __future__ import annotations

import json
import re
from importlib import resources


def load_data(name: str) -> dict:
    """The packaged ``compare/data/<name>``."""
    text = resources.files("actionplans.comparison").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


def compile_phrases(phrases: list[str], acronyms: list[str]) -> re.Pattern:
    """One pattern matching any of ``phrases`` (any case) or ``acronyms`` (as written), as whole words."""
    parts = []
    if phrases:
        parts.append(r"(?i:\b(?:" + "|".join(f"(?:{p})" for p in phrases) + r")\b)")
    if acronyms:
        parts.append(r"\b(?:" + "|".join(f"(?:{a})" for a in acronyms) + r")\b")
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile("|".join(parts))
