"""One rule against spreadsheet formula injection ("CSV injection") for every CSV actionplans writes.

OWASP's CSV Injection guidance: a spreadsheet opening a CSV runs a cell as a formula when it
starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces), or with a tab or carriage
return; the defence is to prefix such a cell with a single quote, which spreadsheets show as text.
Plans and file names are untrusted (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``, ``@SUM(...)``),
so every CSV the commands write (convert's tables, diff's changes, compare's --tables) is guarded
by default; ``--no-excel-safe`` writes the values as they are. A value that already starts with
``'`` before such a character is guarded too, so :func:`unguard` gives back exactly what was
written. XLSX cells are written as text (never formulas) and are not prefixed.
"""
from __future__ import annotations

__all__ = ["FORMULA_START", "needs_guard", "guard", "unguard", "EXCEL_SAFE_NOTE"]

#: characters that make a spreadsheet read a cell as a formula (after leading spaces)
FORMULA_START = ("=", "+", "-", "@")
#: characters that do so as the very first character
CONTROL_START = ("\t", "\r")

EXCEL_SAFE_NOTE = ("Written with --excel-safe (the default): text cells a spreadsheet would run as a formula "
                   "(starting with = + - @, also after spaces, or with a tab or CR) carry a leading ' that is "
                   "not part of the value.")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula (or it starts with a ``'`` before one)."""
    if not text:
        return False
    if text[0] in CONTROL_START or text.lstrip()[:1] in FORMULA_START:
        return True
    return text[0] == "'" and needs_guard(text[1:])


def guard(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """Undo :func:`guard` (a cell read back from a guarded CSV)."""
    return text[1:] if text[:1] == "'" and needs_guard(text[1:]) else text
