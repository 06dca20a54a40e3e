"""Text and colour helpers shared by the DOCX and HTML readers."""
from __future__ import annotations

import re
from typing import Iterable, Optional

_SPACE = re.compile(r"[\s\u00a0\u200b\u2007\u202f\ufeff]+")
_HEX6 = re.compile(r"^#?([0-9a-fA-F]{6})$")
_HEX3 = re.compile(r"^#?([0-9a-fA-F]{3})$")


def collapse(text: str) -> str:
    """One paragraph's text with every run of whitespace (nbsp included) made one space."""
    return _SPACE.sub(" ", text).strip()


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraph texts joined by "\\n": each collapsed, blank ones at either end dropped and
    runs of blank ones inside kept as a single blank line."""
    out: list[str] = []
    for raw in paragraphs:
        text = collapse(raw)
        if not text and (not out or not out[-1]):
            continue
        out.append(text)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def hex_colour(value: Optional[str]) -> Optional[str]:
    """``#RRGGBB`` (upper case) from a 6- or 3-digit hex value with or without "#"; else None."""
    if not value:
        return None
    value = value.strip()
    m = _HEX6.match(value)
    if m:
        return "#" + m.group(1).upper()
    m = _HEX3.match(value)
    if m:
        return "#" + "".join(ch * 2 for ch in m.group(1)).upper()
    return None


def rgb_hex(r: float, g: float, b: float) -> str:
    """``#RRGGBB`` from three 0-255 channel values (clamped and rounded)."""
    return "#" + "".join(f"{max(0, min(255, int(round(v)))):02X}" for v in (r, g, b))
