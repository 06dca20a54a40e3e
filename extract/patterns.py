"""Recognisers for what a cell holds, used when headers do not decide a column.

Dates, look-alike letters, personal names and RAG words are recognised by normalise's
recognisers (``normalise/recognise.py``, ``normalise/rag.py``), each from its one data file, so
extract and normalise read a cell alike; references by the numbering grammar (``numbering.py``).
"""
from __future__ import annotations

import re

from actionplans.normalise.rag import rag_word
from actionplans.normalise.recognise import (fold_lookalikes, is_date_like, is_person_name,  # noqa: F401
                                             split_dates, without_dates)

from .numbering import COMPOUND, parse_ref

__all__ = ["fold_lookalikes", "is_date_like", "is_person_name", "split_dates", "without_dates", "is_rag_token",
           "is_ref", "REF", "LABEL_REF"]

#: a reference number such as "1", "1.1", "3.12", "IN 3.1", "2a"
REF = re.compile(r"^\(?[A-Z]{0,4}\s?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\)?\.?$")


def is_rag_token(text: str) -> bool:
    """A cell that is a rating: a RAG letter or colour word, or a short progress status
    ("Complete", "behind schedule"). Asks normalise's recogniser, the one list of RAG words."""
    return rag_word(text) is not None


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
