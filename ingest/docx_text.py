"""The visible text of WordprocessingML paragraphs, run by run, with bold resolved.

Deleted and moved-away revisions, drawings, text boxes and markup-compatibility
fallbacks are skipped (a fallback repeats its choice's content). Content controls,
hyperlinks, smart tags and inserted revisions are read through.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from lxml import etree

from .docx_styles import W, Styles, on_off, w_val

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = frozenset({
    W + "del", W + "moveFrom", W + "drawing", W + "pict", W + "object", W + "txbxContent",
    W + "pPr", W + "rPr", W + "instrText", W + "delText", W + "fldData", W + "footnoteReference",
    W + "endnoteReference", W + "commentReference", MC + "Fallback",
})
# Elements that only wrap block- or row-level content.
_WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins",
                       W + "moveTo", MC + "AlternateContent", MC + "Choice"})


def iter_content(parent: etree._Element, tags: frozenset[str]) -> Iterator[etree._Element]:
    """Children of ``parent`` whose tag is in ``tags``, looking through content controls and
    other wrappers, in document order."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS and len(stack) < 64:
            stack.append(iter(child))


@dataclass(frozen=True)
class ParagraphText:
    text: str  # lines joined by "\n" (w:br / w:cr), not yet whitespace-collapsed
    bold: bool  # every run with visible text is bold (False when there is no text)
    style_id: Optional[str]


def paragraph_text(p: etree._Element, styles: Styles, inherited_bold: Optional[bool] = None) -> ParagraphText:
    """Text and boldness of one w:p. ``inherited_bold`` is bold from a table style, applied
    below the paragraph style and above the document defaults."""
    ppr = p.find(W + "pPr")
    style_id = w_val(ppr.find(W + "pStyle")) if ppr is not None else None
    style_bold = styles.bold(style_id or styles.default_paragraph)
    if style_bold is None:
        style_bold = inherited_bold if inherited_bold is not None else styles.default_bold
    parts: list[str] = []
    any_text = False
    all_bold = True
    for run in _runs(p):
        text = _run_text(run)
        if not text:
            continue
        parts.append(text)
        if text.strip():
            any_text = True
            if all_bold and not _run_bold(run, styles, style_bold):
                all_bold = False
    return ParagraphText("".join(parts), any_text and all_bold, style_id)


def _runs(p: etree._Element) -> Iterator[etree._Element]:
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        if child.tag == W + "r":
            yield child
        elif child.tag != W + "p" and len(stack) < 64:
            stack.append(iter(child))


def _run_text(run: etree._Element) -> str:
    out: list[str] = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            out.append("\t")
        elif tag == W + "br":
            kind = child.get(W + "type")
            out.append(" " if kind in ("page", "column") else "\n")
        elif tag == W + "cr":
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _run_bold(run: etree._Element, styles: Styles, style_bold: bool) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is not None:
        direct = on_off(rpr.find(W + "b"))
        if direct is not None:
            return direct
        char_style = w_val(rpr.find(W + "rStyle"))
        if char_style:
            value = styles.bold(char_style)
            if value is not None:
                return value
    return style_bold
