"""Text and colour helpers shared by the DOCX and HTML readers."""
from __future__ import annotations

import re
from typing import Iterable, Optional

_SPACE = re.compile(r"[\s\u00a0\u200b\u2007\u202f\ufeff]+")
_HEX6 = re.compile(r"^#?([0-9a-fA-F]{6})$")
_HEX3 = re.compile(r"^#?([0-9a-fA-F]{3})$")
# Bullet glyphs stored as Symbol/Wingdings private-use code points, shown as what they look like.
_BULLET_GLYPHS = {
    "\uf0b7": "•", "\u00b7": "•", "\uf0a7": "▪", "\uf06c": "●", "\uf0a8": "◆", "\uf0d8": "➢",
    "\uf076": "❖", "\uf0fc": "✓", "\uf0e0": "➢", "\uf0f0": "⇨", "\uf02d": "-", "\uf06f": "◦",
}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def collapse(text: str) -> str:
    """One paragraph's text with every run of whitespace (nbsp included) made one space."""
    if "\u200b" in text or "\ufeff" in text:
        return _SPACE.sub(" ", text).strip()
    # the same where only str.isspace() characters are spaces (re's \s is str.isspace()), faster
    return " ".join(text.split())


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraph texts joined by "\\n": each collapsed, blank ones at either end dropped and
    runs of blank ones inside kept as a single blank line."""
    return join_lines(collapse(raw) for raw in paragraphs)


def join_lines(lines: Iterable[str]) -> str:
    """Lines already collapsed joined by "\n" as :func:`join_paragraphs` joins paragraphs (keeps
    the tab :func:`numbered` puts after a list number)."""
    out: list[str] = []
    for text in lines:
        text = text.strip(" ")
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


def format_number(value: int, fmt: str) -> str:
    """One list counter value in a numbering style (Word w:numFmt names)."""
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


def _roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    out = []
    for number, numeral in _ROMAN:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


def _letters(value: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def bullet_glyph(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return "".join(_BULLET_GLYPHS.get(ch, "•" if "\uf000" <= ch <= "\uf0ff" else ch) for ch in text)


# Wingdings/Symbol code points (w:sym, stored in the private-use area) with a Unicode look-alike.
_SYMBOL_GLYPHS = {**_BULLET_GLYPHS, "\uf0fb": "\u2717", "\uf0fd": "\u2612", "\uf0fe": "\u2611",
                  "\uf06e": "\u25a0", "\uf0a1": "\u25cb", "\uf0ef": "\u21e6", "\uf0e8": "\u2794"}


def symbol_char(code: str | None) -> str:
    """The character of a w:sym (hex code, e.g. "F0FC" for the Wingdings tick); "" if unknown."""
    try:
        char = chr(int(code or "", 16))
    except (ValueError, OverflowError):
        return ""
    if "\uf000" <= char <= "\uf0ff":
        return _SYMBOL_GLYPHS.get(char, "")
    return char



_INITIAL_LIKE = re.compile(r"^[A-Z]\.$")


def numbered(label: str, text: str) -> str:
    """A paragraph's text with its rendered list number in front, as a reader sees it. A number
    with punctuation ("1.", "ii)", "2.3.1") is followed by a space; one without any ("1", "iv",
    "A") or one that reads like an initial ("A.", "I.") by a tab, so that "1<TAB>Develop" is
    known for a number and "16 and 17 year olds" is not."""
    if not label:
        return text
    if not text:
        return label
    joiner = "\t" if label.isalnum() or _INITIAL_LIKE.match(label) else " "
    return f"{label}{joiner}{text}"
