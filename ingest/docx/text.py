"""The visible text of WordprocessingML paragraphs, run by run, with bold resolved.

Deleted and moved-away revisions, drawings, text boxes and markup-compatibility
fallbacks are skipped (a fallback repeats its choice's content). Content controls,
hyperlinks, smart tags and inserted revisions are read through.
"""
from __future__ import annotations

from typing import Callable, Iterator, NamedTuple, Optional

from lxml import etree

from .styles import W, Styles, child, on_off, w_val
from ..common import symbol_char

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SKIP = frozenset({
    W + "del", W + "moveFrom", W + "drawing", W + "pict", W + "object", W + "txbxContent",
    W + "pPr", W + "rPr", W + "instrText", W + "delText", W + "fldData", W + "footnoteReference",
    W + "endnoteReference", W + "commentReference", MC + "Fallback",
})
_P, _R, _T, _PPR, _RPR, _PSTYLE, _SHD = W + "p", W + "r", W + "t", W + "pPr", W + "rPr", W + "pStyle", W + "shd"
_TAB, _PTAB, _BR, _CR, _NBH, _SYM = W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen", W + "sym"
_B, _RSTYLE, _HIGHLIGHT, _TYPE, _CHAR = W + "b", W + "rStyle", W + "highlight", W + "type", W + "char"
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


# Word's text highlight colours (w:highlight) as #RRGGBB.
HIGHLIGHTS = {
    "yellow": "#FFFF00", "green": "#00FF00", "cyan": "#00FFFF", "magenta": "#FF00FF", "blue": "#0000FF",
    "red": "#FF0000", "darkBlue": "#000080", "darkCyan": "#008080", "darkGreen": "#008000",
    "darkMagenta": "#800080", "darkRed": "#800000", "darkYellow": "#808000", "darkGray": "#808080",
    "lightGray": "#C0C0C0", "black": "#000000", "white": "#FFFFFF",
}
FillReader = Callable[[Optional[etree._Element]], Optional[str]]


class ParagraphText(NamedTuple):  # a tuple: made once per paragraph
    text: str  # lines joined by "\n" (w:br / w:cr), not yet whitespace-collapsed
    bold: bool  # every run with visible text is bold (False when there is no text)
    style_id: Optional[str]
    fill: Optional[str] = None  # one background (highlight, run or paragraph shading) behind all the text


def paragraph_text(p: etree._Element, styles: Styles, inherited_bold: Optional[bool] = None,
                   read_fill: Optional[FillReader] = None) -> ParagraphText:
    """Text and boldness of one w:p. ``inherited_bold`` is bold from a table style, applied
    below the paragraph style and above the document defaults. With ``read_fill`` the
    background colour behind the text is worked out too."""
    ppr = child(p, _PPR)
    style_id = w_val(child(ppr, _PSTYLE)) if ppr is not None else None
    style_bold = styles.bold(style_id or styles.default_paragraph)
    if style_bold is None:
        style_bold = inherited_bold if inherited_bold is not None else styles.default_bold
    para_fill = read_fill(child(ppr, _SHD)) if read_fill and ppr is not None else None
    parts: list[str] = []
    any_text = False
    all_bold = True
    fills: set[Optional[str]] = set()
    for run in _runs(p):
        text = _run_text(run)
        if not text:
            continue
        parts.append(text)
        if text.strip():
            any_text = True
            need_fill = read_fill is not None and len(fills) < 2
            rpr = child(run, _RPR) if all_bold or need_fill else None
            if all_bold and not _run_bold(rpr, styles, style_bold):
                all_bold = False
            if need_fill:
                fills.add(_run_fill(rpr, read_fill) or para_fill)
    fill = fills.pop() if len(fills) == 1 else None
    return ParagraphText("".join(parts), any_text and all_bold, style_id, fill)


def _runs(p: etree._Element) -> Iterator[etree._Element]:
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == _R:
            yield child
        elif not isinstance(tag, str) or tag in _SKIP:
            continue
        elif tag != _P and len(stack) < 64:
            stack.append(iter(child))


def _run_text(run: etree._Element) -> str:
    out: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _T:
            text = child.text or ""
            if child.get(_XML_SPACE) != "preserve":
                text = text.strip(" \t\r\n")  # as Word and LibreOffice show it
            out.append(text)
        elif tag == _RPR:
            continue
        elif tag == _TAB or tag == _PTAB:
            out.append("\t")
        elif tag == _BR:
            kind = child.get(_TYPE)
            out.append(" " if kind in ("page", "column") else "\n")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NBH:
            out.append("-")
        elif tag == _SYM:
            out.append(symbol_char(child.get(_CHAR)))
    return out[0] if len(out) == 1 else "".join(out)


def _run_fill(rpr: Optional[etree._Element], read_fill: FillReader) -> Optional[str]:
    """The background of a run with properties ``rpr`` (its w:rPr, None when it has none)."""
    if rpr is None:
        return None
    highlight = HIGHLIGHTS.get(w_val(child(rpr, _HIGHLIGHT)) or "")
    return highlight or read_fill(child(rpr, _SHD))


def _run_bold(rpr: Optional[etree._Element], styles: Styles, style_bold: bool) -> bool:
    """Is a run with properties ``rpr`` (its w:rPr, None when it has none) bold?"""
    if rpr is not None:
        direct = on_off(child(rpr, _B))
        if direct is not None:
            return direct
        char_style = w_val(child(rpr, _RSTYLE))
        if char_style:
            value = styles.bold(char_style)
            if value is not None:
                return value
    return style_bold
