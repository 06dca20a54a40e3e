"""HTML reader: Word-, LibreOffice- and hand-written HTML as a Document.

The markup is parsed by libxml2 (lxml) and its elements walked directly (:mod:`.tree`);
headings, paragraphs and list items come from :mod:`.flow`; tables are put on their grid by
:mod:`.tables`, with fills from ``bgcolor``, inline styles and <style> rules. The text's
encoding is worked out here (:func:`decode`: a BOM, the declared charset, UTF-8, Windows-1252).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Optional

from lxml import etree

from actionplans.errors import InputError
from actionplans.model import Block, Document, Heading, ListItem, Paragraph, Table

from .colours import first_colour, parse_colour
from .flow import Flow, Unit, cell_text
from .styles import StyleSheet, is_bold_weight
from .tables import CellContent, build_table
from .tree import Element, Page, parse_markup, text_of
from ..common import collapse

MAX_BYTES = 200 * 1024 * 1024
MAX_TABLE_DEPTH = 12  # deeper tables are read as the text of the enclosing cell
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# What exporters write as the title of a document that has none.
PLACEHOLDER_TITLES = frozenset({"- no title specified", "untitled", "untitled document", "document"})
_MHT = re.compile(rb"(?is)\s*(?:[-\w]+:[^\n]*\n)*?\s*MIME-Version:\s*1\.0")
# Labels browsers read as Windows-1252 (WHATWG Encoding), which Word's exports rely on.
_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([-\w.:]+)""", re.I)


def read(path: Path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"HTML file too large ({size} bytes; limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open file ({exc.strerror})") from exc
    if _MHT.match(data[:1024]):
        return parse(mht_html(data), source=path.name)
    return parse(decode(data), source=path.name)


def mht_html(data: bytes) -> str:
    """The HTML part of a single-file web page (.mht/.mhtml, as Word's "Single File Web Page"
    saves), with its transfer encoding undone."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode(charset, errors="replace")
                except LookupError:
                    pass
            return decode(payload)
    raise InputError("MIME web archive without an HTML part")


def parse(text: str, source: str = "") -> Document:
    """A Document from HTML text (already decoded)."""
    try:
        page = parse_markup(text)  # XHTML exports are read as HTML too
    except (RecursionError, ValueError, etree.LxmlError) as exc:
        raise InputError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    if page is None:  # no markup at all (an empty or blank page)
        return Document(source=source, format="html", blocks=(), title=None)
    sheet = StyleSheet(text_of(style) for style in page.iter("style"))
    reader = _Reader(sheet)
    body = next(page.iter("body"), None)
    try:
        items = reader.flow.items(body if body is not None else Page(page))
    except RecursionError as exc:
        raise InputError("HTML is nested too deeply to read") from exc
    blocks = tuple(_block(item) for item in items)
    return Document(source=source, format="html", blocks=blocks, title=_title(blocks, page))


def decode(data: bytes) -> str:
    """Text of an HTML file: a BOM wins, then a declared charset/encoding, then UTF-8,
    then Windows-1252 (what Word writes when it declares nothing)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    m = _DECLARED.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name and "16" not in name and "32" not in name:  # a file in UTF-16 would carry a BOM
            return data.decode(_WHATWG_ALIASES.get(codecs.lookup(name).name, name), errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Reader:
    def __init__(self, sheet: StyleSheet):
        self.sheet = sheet
        self.flow = Flow(sheet, self.table)
        self._depth = 0
        self._row: Optional[tuple[Element, Optional[bool], Optional[str]]] = None  # (tr, its weight, its fill)

    def table(self, el: Element, bold: bool) -> Optional[Table]:
        if self._depth >= MAX_TABLE_DEPTH:
            return None
        self._depth += 1
        try:
            decl = self.sheet.declarations(el)
            weight = is_bold_weight(decl.get("font-weight"))
            table_bold = bold if weight is None else weight
            table_fill = _fill(el, decl)
            return build_table(el, lambda td: self.cell(td, table_bold, table_fill))
        finally:
            self._depth -= 1

    def cell(self, td: Element, table_bold: bool, table_fill: Optional[str]) -> CellContent:
        tr = td.getparent()
        if tr is None:
            tr_weight, tr_fill = None, None
        elif self._row is not None and self._row[0] is tr:  # the row of the cell before: read once
            tr_weight, tr_fill = self._row[1], self._row[2]
        else:
            tr_decl = self.sheet.declarations(tr)
            tr_weight, tr_fill = is_bold_weight(tr_decl.get("font-weight")), _fill(tr, tr_decl)
            self._row = (tr, tr_weight, tr_fill)
        decl = self.sheet.declarations(td)
        bold = table_bold
        for weight in (tr_weight, td.tag == "th" or None, is_bold_weight(decl.get("font-weight"))):
            if weight is not None:  # inherited from the table, then the row, <th>, the cell's own
                bold = weight
        fill = _fill(td, decl) or tr_fill or table_fill
        content = cell_text(self.flow.items(td, bold, keep_numbers=True))
        return CellContent(content.text, content.bold, fill or content.fill, content.tables)


def _fill(el: Element, decl: dict[str, str]) -> Optional[str]:
    """A background colour set on the element itself (CSS over the bgcolor attribute)."""
    if "background-color" in decl:
        return parse_colour(decl["background-color"])
    if "background" in decl:
        return first_colour(decl["background"])
    return parse_colour(el.get("bgcolor"))


def _block(item) -> Block:
    if isinstance(item, Table):
        return item
    assert isinstance(item, Unit)
    if item.kind == "heading":
        return Heading(item.text, level=item.level)
    if item.kind == "item":
        return ListItem(item.text, label=item.label, level=item.level)
    return Paragraph(item.text, bold=item.bold)


def _title(blocks: tuple[Block, ...], page: Element) -> Optional[str]:
    for block in blocks:
        if isinstance(block, Heading) and block.level == 0:
            return block.text
    for meta in page.iter("meta"):
        if (meta.get("name") or meta.get("property") or "").lower() in ("dcterms.title", "dc.title", "og:title"):
            title = collapse(meta.get("content") or "")
            if title and title.lower() not in PLACEHOLDER_TITLES:
                return title
    title_el = next(page.iter("title"), None)
    if title_el is not None:
        title = collapse(text_of(title_el))
        if title and title.lower() not in PLACEHOLDER_TITLES:
            return title
    return None
