"""Word paragraph and character styles (word/styles.xml): bold, heading level, numbering.

Each property is resolved through the style's ``w:basedOn`` chain, then the document
defaults. Direct formatting on a run or paragraph is the caller's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
_FALSE = {"0", "false", "off", "none"}
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
_TITLE_NAMES = {"title"}
_MAX_CHAIN = 50
_STYLE_ID, _TYPE, _DEFAULT = W + "styleId", W + "type", W + "default"
_VAL = W + "val"


def on_off(el: Optional[etree._Element]) -> Optional[bool]:
    """The value of an OOXML on/off property element (absent -> None; no w:val -> True)."""
    if el is None:
        return None
    val = el.get(_VAL)
    return val is None or val.lower() not in _FALSE


def w_val(el: Optional[etree._Element]) -> Optional[str]:
    return None if el is None else el.get(_VAL)


def child(el: etree._Element, tag: str) -> Optional[etree._Element]:
    """``el.find(tag)`` for a plain (namespaced) tag: the first child element of that tag, or
    None. Half the cost of ``find``, which parses its path each time; readers call this per cell."""
    return next(el.iterchildren(tag), None)


@dataclass(frozen=True)
class _Style:
    style_id: str
    kind: str  # paragraph | character | table | numbering
    name: str
    based_on: Optional[str]
    bold: Optional[bool]
    outline_level: Optional[int]
    num_id: Optional[str]
    ilvl: Optional[int]


class Styles:
    """Look-ups over one document's style sheet."""

    def __init__(self, root: Optional[etree._Element]):
        # a style sheet defines ~150 styles and a plan uses a dozen: each is parsed when first asked for
        self._elements: dict[str, etree._Element] = {}
        self._styles: dict[str, _Style] = {}
        # look-ups asked once per paragraph or run, answered once per style (the sheet does not change)
        self._bold: dict[Optional[str], Optional[bool]] = {}
        self._numbering: dict[Optional[str], tuple[Optional[str], Optional[int]]] = {}
        self._heading: dict[Optional[str], Optional[int]] = {}
        self.default_bold = False
        self.default_paragraph: Optional[str] = None
        if root is None:
            return
        rpr_default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if rpr_default is not None:
            self.default_bold = bool(on_off(rpr_default.find(W + "b")))
        for el in root.iterfind(W + "style"):
            style_id = el.get(_STYLE_ID)
            if not style_id:
                continue
            self._elements[style_id] = el
            if (el.get(_TYPE) or "paragraph") == "paragraph" and on_off_attr(el.get(_DEFAULT)):
                self.default_paragraph = style_id

    def _style(self, style_id: str) -> _Style:
        style = self._styles.get(style_id)
        if style is None:
            style = self._styles[style_id] = _parse_style(self._elements[style_id])
        return style

    def _chain(self, style_id: Optional[str]):
        seen = set()
        while style_id and style_id in self._elements and style_id not in seen and len(seen) < _MAX_CHAIN:
            seen.add(style_id)
            style = self._style(style_id)
            yield style
            style_id = style.based_on

    def _para(self, style_id: Optional[str]) -> Optional[str]:
        return style_id if style_id in self._elements else self.default_paragraph

    def bold(self, style_id: Optional[str]) -> Optional[bool]:
        """Bold as set by the style (or a style it is based on); None when none sets it."""
        try:
            return self._bold[style_id]
        except KeyError:
            pass
        value = next((style.bold for style in self._chain(style_id) if style.bold is not None), None)
        self._bold[style_id] = value
        return value

    def paragraph_bold(self, style_id: Optional[str]) -> bool:
        value = self.bold(self._para(style_id))
        return self.default_bold if value is None else value

    def name(self, style_id: Optional[str]) -> str:
        key = self._para(style_id) or ""
        style = self._style(key) if key in self._elements else None
        return style.name if style else ""

    def heading_level(self, style_id: Optional[str]) -> Optional[int]:
        """0 for Title, N for "Heading N" or an outline level N-1; None for body text."""
        try:
            return self._heading[style_id]
        except KeyError:
            value = self._heading[style_id] = self._heading_level(style_id)
            return value

    def _heading_level(self, style_id: Optional[str]) -> Optional[int]:
        for style in self._chain(self._para(style_id)):
            name = style.name.strip().lower()
            if name in _TITLE_NAMES:
                return 0
            m = _HEADING_NAME.match(name)
            if m:
                return int(m.group(1))
            if style.outline_level is not None:
                return style.outline_level + 1 if style.outline_level < 9 else None
        return None

    def numbering(self, style_id: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        """(numId, ilvl) a paragraph style attaches, or (None, None)."""
        try:
            return self._numbering[style_id]
        except KeyError:
            pass
        value = next(((style.num_id, style.ilvl) for style in self._chain(self._para(style_id))
                      if style.num_id is not None), (None, None))
        self._numbering[style_id] = value
        return value


def on_off_attr(value: Optional[str]) -> bool:
    return value is not None and value.lower() not in _FALSE


def _parse_style(el: etree._Element) -> Optional[_Style]:
    style_id = el.get(W + "styleId")
    if not style_id:
        return None
    ppr = el.find(W + "pPr")
    rpr = el.find(W + "rPr")
    outline = w_val(ppr.find(W + "outlineLvl")) if ppr is not None else None
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    num_id = ilvl = None
    if num_pr is not None:
        num_id = w_val(num_pr.find(W + "numId"))
        ilvl = _int(w_val(num_pr.find(W + "ilvl")))
    return _Style(
        style_id=style_id,
        kind=el.get(W + "type") or "paragraph",
        name=w_val(el.find(W + "name")) or style_id,
        based_on=w_val(el.find(W + "basedOn")),
        bold=on_off(rpr.find(W + "b")) if rpr is not None else None,
        outline_level=_int(outline),
        num_id=num_id,
        ilvl=ilvl,
    )


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
