"""Shared machinery of the line-based readers (text, Markdown): decoding, page furniture,
classifying prose lines, and collecting table rows into runs.

Converter vocabulary (page markers, bullet glyphs) is data in :mod:`.text_vocab`.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Optional

from actionplans.errors import InputError
from actionplans.model import Block, Document, Heading, ListItem, Paragraph, Table

from .cell_html import CellText, plain_inline
from .tables import RawRow, build_tables, continues_headed
from .vocab import BULLETS, PAGE_BREAKS, PAGE_MARKERS

_BULLET_LINE = re.compile(r"^(?P<indent>\s*)(?P<bullet>[" + re.escape(BULLETS) + r"])\s+(?P<rest>\S.*)$")
_ENUMERATOR = re.compile(r"^(?P<label>(\d+(\.\d+)*\.?|[a-z]\)|[a-z]\.|\(?[ivx]+\)|\([a-z0-9]+\)))\s+(?P<rest>\S.*)$")
_NUMBERED_TITLE = re.compile(r"^\d+(\.\d+)*\.?\s+\S")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TERMINAL = re.compile(r"[.!?;,]$")


def decode(path: Path) -> str:
    """File text, whatever its encoding (UTF-8 with or without BOM, UTF-16, Windows-1252)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open file ({exc.strerror})") from exc
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise InputError("binary file of unknown type (NUL bytes in text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file")
    return text


def is_page_marker(line: str) -> bool:
    return any(p.fullmatch(line) for p in PAGE_MARKERS)


def page_after(line: str, page: Optional[int]) -> Optional[int]:
    """The page that starts after a page-break marker line, or None if it is no such marker."""
    for pattern, offset in PAGE_BREAKS:
        m = pattern.fullmatch(line)
        if m:
            n = m.groupdict().get("n")
            return int(n) + offset if n is not None else (page or 1) + 1
    return None


def has_page_breaks(lines) -> bool:
    return any(page_after(line, None) is not None for line in lines)


def split_fields(line: str) -> list[str]:
    return line.split("\t")


def list_item(line: str) -> Optional[ListItem]:
    """A bulleted line ("- text", "• text"), with its visible number if it has one."""
    m = _BULLET_LINE.match(line)
    if not m:
        return None
    rest = m.group("rest")
    # converters stack glyphs ("- > text", "- ▶ text"): drop the inner ones
    while len(rest) > 2 and rest[0] in BULLETS and rest[1] == " ":
        rest = rest[2:].lstrip()
    level = len(m.group("indent").expandtabs(4)) // 2
    label = "•"
    e = _ENUMERATOR.match(rest)
    if e:
        label, rest = e.group("label"), e.group("rest")
    text = plain_inline(rest).text
    return ListItem(text=text, label=label, level=level) if text else None


def atx_heading(line: str) -> Optional[Heading]:
    m = _ATX.match(line)
    if not m:
        return None
    text = plain_inline(m.group(2)).text
    return Heading(text=text, level=len(m.group(1))) if text else None


def prose_block(line: str, title_allowed: bool, bold_headings: bool = True) -> Optional[Block]:
    """Heading or paragraph for one line of prose outside tables. A short all-bold line is a
    heading in plain text (``bold_headings``); Markdown has headings of its own."""
    cell = plain_inline(line)
    text = cell.text.strip()
    if not any(ch.isalnum() for ch in text):
        return None  # a stray bullet or rule glyph left by the converter
    words = text.split()
    if cell.bold:
        return Heading(text, level=1) if bold_headings and len(words) <= 25 else Paragraph(text, bold=True)
    if len(words) <= 15 and not _TERMINAL.search(text):
        letters = [ch for ch in text if ch.isalpha()]
        if _NUMBERED_TITLE.match(text) and len(words) >= 2 and letters:
            return Heading(text, level=2)
        if letters and all(ch.isupper() for ch in letters) and len(words) <= 8 and len(letters) >= 3:
            return Heading(text, level=2)
        if title_allowed and len(words) >= 3 and text[0].isupper() and not text.endswith(":"):
            return Heading(text, level=1)
    return Paragraph(text)


def _lone_line(table: Table) -> bool:
    return len(table.rows) == 1 and sum(1 for c in table.rows[0].cells if c is not None and c.text.strip()) <= 1


class BlockBuilder:
    """Collects blocks; table rows are gathered into runs and turned into tables on flush."""

    def __init__(self, page: Optional[int] = None) -> None:
        self.page = page  # the current page, when the source marks its pages
        self.blocks: list[Block] = []
        self._run: list[RawRow] = []
        self._gap = False
        self._last_table: Optional[Table] = None  # the table before any furniture, for continuation
        self._pending_previous: Optional[Table] = None

    @property
    def has_run(self) -> bool:
        return bool(self._run)

    @property
    def seen_table(self) -> bool:
        return any(isinstance(b, Table) for b in self.blocks) or bool(self._run)

    def row(self, cells: list[CellText], page: Optional[int] = None) -> None:
        page = page if page is not None else self.page
        if not self._run:
            self._pending_previous = self._last_table
        self._run.append(RawRow(cells=tuple(cells), gap_before=self._gap and bool(self._run), page=page))
        self._gap = False

    def mark_header(self) -> None:
        """The row just read is marked as a header by the source (Markdown |---| line)."""
        if self._run:
            last = self._run[-1]
            self._run[-1] = RawRow(last.cells, last.gap_before, last.page, header_mark=True)

    def blank(self) -> None:
        if self._run:
            self._gap = True

    def furniture(self, line: str = "") -> None:
        """A page marker or footer: like a blank line, and a table may continue after it.
        A marker that says where a page starts moves :attr:`page` on."""
        self.blank()
        if self.page is not None and line:
            nxt = page_after(line, self.page)
            if nxt is not None:
                self.page = max(nxt, self.page)

    def flush(self) -> None:
        if self._run:
            tables = build_tables(self._run, previous=self._pending_previous)
            before = self._table_before_prose()
            if tables and continues_headed(tables[0], before):
                tables[0] = replace(tables[0], continues_previous=True)
            self._last_table = None
            for table in tables:
                if _lone_line(table):  # one tab-indented line on its own is prose, not a table
                    text = " ".join(c.text for c in table.rows[0].cells if c is not None and c.text.strip())
                    block = prose_block(text, title_allowed=False, bold_headings=False)
                    if block is not None:
                        self.blocks.append(block)
                    continue
                self.blocks.append(table)
                self._last_table = table
        self._run = []
        self._gap = False
        self._pending_previous = None

    def _table_before_prose(self) -> Optional[Table]:
        """The last table, if only paragraphs and list items have come after it."""
        for b in reversed(self.blocks):
            if isinstance(b, Table):
                return b
            if not isinstance(b, (Paragraph, ListItem)):
                return None
        return None

    def block(self, block: Optional[Block]) -> None:
        if block is None:
            return
        if self.page is not None and block.page is None and not isinstance(block, Table):
            block = replace(block, page=self.page)
        self.flush()
        self.blocks.append(block)
        self._last_table = None

    def document(self, source: str, fmt: str, pages: Optional[int] = None) -> Document:
        """The finished Document (text formats carry no metadata, so no ``title``)."""
        self.flush()
        if pages is None and self.page is not None:
            pages = self.page
        return Document(source=source, format=fmt, blocks=tuple(self.blocks), pages=pages)
