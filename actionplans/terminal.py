"""Untrusted text (file names, document text, error messages) shown safely on a terminal.

A file name can hold an escape sequence (which sets the terminal's title or clears the screen), a
newline (which forges a line such as "0 failed") or a bidi override (U+202E turns
"plan‮fdp.exe" into what reads as "planexe.pdf"). :func:`shown` writes every such character as a
visible escape (``\\x1b``, ``\\n``, ``\\u202e``); every line the commands print about a file goes
through it.
"""
from __future__ import annotations

import re

__all__ = ["shown"]

#: C0 and C1 controls, DEL, and the bidi controls (embeddings, overrides, isolates, marks)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def shown(text) -> str:
    """``text`` (a path, a name, a message) with control and bidi characters written as escapes."""
    return _UNSAFE.sub(_escape, str(text))
