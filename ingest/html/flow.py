"""Walk HTML content in reading order and cut it into paragraph-like units and tables.

A unit is what a reader sees as one paragraph: the text of a <p>, <div>, heading or list
item, or text between <br>s. The walk is iterative (an explicit stack), so deeply nested
markup cannot exhaust Python's recursion; only tables recurse, and their nesting is capped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

from actionplans.model import Table

from .colours import first_colour, parse_colour
from .styles import StyleSheet, is_bold_weight
from .tree import Element, Node, children
from ..common import bullet_glyph, collapse, format_number, join_lines, join_paragraphs, numbered

SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "meta", "link",
                  "iframe", "object", "embed", "svg", "math", "select", "button", "input", "textarea"})
BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                   "blockquote", "pre", "address", "section", "article", "header", "footer", "main",
                   "nav", "aside", "figure", "figcaption", "center", "form", "fieldset", "legend",
                   "hr", "tr", "td", "th", "caption", "body", "html", "menu", "details", "summary"})
BOLD_TAGS = frozenset({"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Classes that Word (MsoTitle) and LibreOffice (Title) give the document title paragraph.
TITLE_CLASSES = frozenset({"title", "msotitle"})
# <ol type=...> and CSS list-style-type -> counter style (Word numFmt names) or bullet glyph.
OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
LIST_STYLE_TYPES = {
    "decimal": "decimal", "decimal-leading-zero": "decimalZero", "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman", "lower-alpha": "lowerLetter", "lower-latin": "lowerLetter",
    "upper-alpha": "upperLetter", "upper-latin": "upperLetter", "disc": "•", "circle": "◦",
    "square": "▪", "none": "",
}
# Inline elements laid out as boxes: their text is a word of its own (LibreOffice writes a
# list item's number as a floated <span> glued to the item's text).
_BOX_DISPLAYS = ("block", "inline-block", "table-cell", "list-item", "flex")
# A list marker written as text at the start of an item whose own marker is hidden
# (li { list-style: none }, Word's mso-list paragraphs): "1.", "1.2", "1.2.3", "(a)", "iv)",
# "B.", or a bullet glyph; it must be followed by a space.
_TEXT_LABEL = re.compile(
    r"^\s*(\(?\d{1,3}(?:\.\d{1,3})+\.?|\(?\d{1,3}[.)]|\(\d{1,3}\)"
    r"|\(?(?:[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])[.)]"
    r"|[•▪◦·‣⁃∙\-–§\uf000-\uf0ff]{1,2})(?:\s+|$)")
_MSO_LEVEL = re.compile(r"level(\d+)", re.I)


@dataclass(frozen=True)
class Unit:
    kind: str  # "paragraph" | "heading" | "item"
    text: str  # lines joined by "\n", each whitespace-collapsed
    bold: bool
    level: int = 0
    label: str = ""
    fill: Optional[str] = None  # one background colour behind all the text (highlight, shaded <p>)


Item = Union[Unit, Table]
TableReader = Callable[[Element, bool], Optional[Table]]  # (table element, inherited bold) -> Table or None


@dataclass
class _Open:
    kind: str = "paragraph"
    level: int = 0
    label: str = ""
    label_in_text: bool = False  # the marker is hidden; a leading token of the text is the label
    parts: list[tuple[str, bool, Optional[str]]] = field(default_factory=list)  # text, bold, background
    texted: bool = False  # some part is not blank (only a text node's part can be: see items)

    def has_text(self) -> bool:
        return self.texted


@dataclass
class _List:
    style: str  # a counter style name or a bullet glyph ("" for none)
    counter: int
    level: int


@dataclass
class _Frame:
    children: object  # iterator over the element's children
    bold: bool
    background: Optional[str]
    pre: bool
    block: bool
    lists: Optional[_List]  # the innermost open list
    boxed: bool = False


class Flow:
    """Cuts one element's content into Units and Tables (nested tables via ``read_table``)."""

    def __init__(self, sheet: StyleSheet, read_table: TableReader):
        self._sheet = sheet
        self._read_table = read_table

    def items(self, root: Node, bold: bool = False, keep_numbers: bool = False) -> list[Item]:
        """The units and tables of ``root``. With ``keep_numbers``, an empty numbered list item
        is kept (with no text) for the number a browser shows (a table cell's "ii.")."""
        out: list[Item] = []
        current: Optional[_Open] = None

        def flush() -> None:
            nonlocal current
            if current is not None and current.has_text():
                out.append(_finish(current))
            elif keep_numbers and current is not None and any(ch.isalnum() for ch in current.label):
                out.append(Unit(current.kind, "", False, current.level, current.label))
            current = None

        stack = [_Frame(children(root), bold, None, root.tag == "pre", True, None)]
        while stack:
            frame = stack[-1]
            node = next(frame.children, None)
            if node is None:
                stack.pop()
                if frame.block:
                    flush()
                elif frame.boxed and current is not None:
                    current.parts.append((" ", frame.bold, frame.background))
                continue
            if isinstance(node, str):  # a text (comments are not among the children)
                text = node
                if not frame.pre:
                    text = text.replace("\n", " ").replace("\r", " ")
                if current is None:
                    if not text.strip():
                        continue
                    current = _Open()
                current.parts.append((text, frame.bold, frame.background))
                if not current.texted and text.strip():
                    current.texted = True
                continue
            name = node.tag
            if name in SKIP:
                continue
            decl = self._sheet.declarations(node)
            if _hidden(decl):
                continue
            bold = frame.bold or name in BOLD_TAGS
            weight = is_bold_weight(decl.get("font-weight"))
            if weight is not None:
                bold = weight
            background = _background(name, decl) or frame.background
            if name == "br":
                if current is not None:
                    current.parts.append(("\n", bold, background))
                continue
            if name == "table":
                table = self._read_table(node, bold)
                if table is not None:
                    flush()
                    caption = node.find("caption")  # a child, not one of a nested table
                    if caption is not None:  # a table's caption reads as the paragraph before it
                        out.extend(self.items(caption, bold))
                    out.append(table)
                    continue
            lists = frame.lists
            is_block = name in BLOCK or name == "table"
            if is_block:
                kind, level, label = self._block_kind(node, decl, lists)
                if name in ("ul", "ol"):
                    lists = _new_list(node, decl, lists.level + 1 if lists else 0)
                if current is not None and not current.has_text() and kind == "paragraph":
                    pass  # an empty unit (e.g. a list item's label) absorbs the block inside it
                else:
                    flush()
                    if kind != "paragraph" or name == "li":
                        current = _Open(kind, level, label, label_in_text=kind == "item" and not label)
            boxed = not is_block and _boxed(decl)
            if boxed and current is not None:
                current.parts.append((" ", bold, background))
            stack.append(_Frame(children(node), bold, background, frame.pre or name == "pre", is_block,
                                lists, boxed))
        flush()
        return out

    def _block_kind(self, node: Element, decl: dict[str, str], lists: Optional[_List]) -> tuple[str, int, str]:
        name = node.tag
        if name in HEADINGS:
            return "heading", HEADINGS[name], ""
        if name == "p" and _classes(node) & TITLE_CLASSES:
            return "heading", 0, ""
        mso_list = decl.get("mso-list", "")
        if name == "p" and mso_list and not mso_list.lower().startswith(("ignore", "none", "skip")):
            m = _MSO_LEVEL.search(mso_list)
            return "item", (int(m.group(1)) - 1 if m else 0), ""
        if name == "li":
            if lists is None:
                return "item", 0, "•"
            current = lists
            value = _int(node.get("value"))
            if value is not None:
                current.counter = value
            style = LIST_STYLE_TYPES.get(_list_style(decl), current.style)
            label = _label(style, current.counter)
            current.counter += 1
            return "item", current.level, label
        return "paragraph", 0, ""


@dataclass(frozen=True)
class CellText:
    text: str  # units as lines, list labels kept in front
    bold: bool  # all of the text is bold
    tables: tuple[Table, ...]  # nested tables
    fill: Optional[str]  # one background behind all of the text, if there is one


def cell_text(items: list[Item]) -> CellText:
    """A table cell's content from the items of its flow."""
    lines: list[str] = []
    tables: list[Table] = []
    fills: set[Optional[str]] = set()
    bold = True
    any_text = False
    numbers: list[str] = []
    for item in items:
        if isinstance(item, Table):
            tables.append(item)
            continue
        if not item.text:
            numbers.append(item.label)
            continue
        lines.extend(numbered(item.label, item.text).split("\n"))
        any_text = True
        bold = bold and item.bold
        fills.add(item.fill)
    fill = fills.pop() if len(fills) == 1 else None
    if not any_text and len(numbers) == 1:  # a cell that is only a numbered empty item shows its number
        lines = numbers
    return CellText(join_lines(lines), any_text and bold, tuple(tables), fill)


def _finish(unit: _Open) -> Unit:
    text = "".join(t for t, _, _ in unit.parts)
    lines = [collapse(line) for line in text.split("\n")]
    bold = all(b for t, b, _ in unit.parts if t.strip())
    fills = {bg for t, _, bg in unit.parts if t.strip()}
    fill = fills.pop() if len(fills) == 1 else None
    text, label = join_paragraphs(lines), unit.label
    if unit.label_in_text:
        m = _TEXT_LABEL.match(text)
        if m:
            label, text = bullet_glyph(m.group(1)), text[m.end():]
            if not any(ch.isalnum() for ch in label):
                label = re.sub(r"(.)\1+", r"\1", label)  # "••" -> "•"
    return Unit(unit.kind, text, bold, unit.level, label, fill)


def _background(name: str, decl: dict[str, str]) -> Optional[str]:
    """The background an element paints behind its own text: CSS, Word's mso-highlight, <mark>."""
    if "background-color" in decl:
        return parse_colour(decl["background-color"])
    if "background" in decl:
        return first_colour(decl["background"])
    if "mso-highlight" in decl:
        return parse_colour(decl["mso-highlight"])
    return "#FFFF00" if name == "mark" else None


def _boxed(decl: dict[str, str]) -> bool:
    display = decl.get("display", "").lower()
    floating = decl.get("float", "").lower().strip()
    return display.startswith(_BOX_DISPLAYS) or floating.startswith(("left", "right"))


def _new_list(node: Element, decl: dict[str, str], depth: int) -> _List:
    if node.tag == "ul":
        style = "•"
    else:
        style = OL_TYPES.get((node.get("type") or "1").strip(), "decimal")
    style = LIST_STYLE_TYPES.get(_list_style(decl), style)
    start = _int(node.get("start")) if node.tag == "ol" else None
    return _List(style, 1 if start is None else start, depth)


def _label(style: str, counter: int) -> str:
    if style in ("", "•", "◦", "▪"):
        return style
    return format_number(counter, style) + "."


def _list_style(decl: dict[str, str]) -> str:
    value = decl.get("list-style-type") or decl.get("list-style") or ""
    for token in value.lower().replace("!important", "").split():
        if token in LIST_STYLE_TYPES:
            return token
    return ""


def _hidden(decl: dict[str, str]) -> bool:
    display = decl.get("display", "").lower()
    return display.startswith("none") or decl.get("mso-hide", "").lower().startswith("all")


def _classes(node: Element) -> set[str]:
    value = node.get("class") or ()
    if isinstance(value, str):
        value = value.split()
    return {c.lower() for c in value}


def _int(value) -> Optional[int]:
    try:
        return int(str(value).strip()) if value is not None else None
    except ValueError:
        return None
