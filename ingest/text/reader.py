"""Plain-text exports: tab-separated rows whose cells may hold HTML, and pdftotext output.

Two layouts are read:

* **Tab-separated** (a Word/HTML table exported as text): every line holding a tab is a
  table row, its cells split on tabs and read as HTML fragments (:mod:`.cell_html`);
  consecutive rows form tables as :mod:`.text_tables` decides. Other lines are headings,
  list items or paragraphs.
* **Space-aligned** (``pdftotext -layout``): no tabs, but columns of text that line up;
  :mod:`.plain_layout` recovers the tables from the alignment.

Form feeds (``\\f``, pdftotext's page breaks) number the pages.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

from actionplans.header_rows import label_like_row
from actionplans.model import Document

from .cell_html import parse_cell
from .plain_layout import LayoutLine, LayoutRows, layout_items, looks_layout
from .blocks import (BlockBuilder, atx_heading, decode, has_page_breaks, is_page_marker, list_item, prose_block,
                          split_fields)


def read(path: Path) -> Document:
    text = decode(path)
    return parse_text(text, source=Path(path).name)


def parse_text(text: str, source: str = "<text>") -> Document:
    pages = text.split("\f")
    n_pages = len(pages) if len(pages) > 1 else None
    if "\t" not in text and looks_layout(text):
        return _read_layout(pages, source, n_pages)
    builder = BlockBuilder(page=1 if not n_pages and has_page_breaks(text.split("\n")) else None)
    for p, page_text in enumerate(pages, start=1):
        page = p if n_pages else None
        if p > 1:
            builder.furniture()
        for line in page_text.split("\n"):
            _read_line(builder, line, page)
    return builder.document(source, "txt", pages=n_pages)


def _read_line(builder: BlockBuilder, line: str, page: Optional[int]) -> None:
    if not line.strip():
        builder.blank()
        return
    if "\t" in line:
        builder.row([parse_cell(f) for f in split_fields(line)], page=page)
        return
    if is_page_marker(line):
        builder.furniture(line)
        return
    _prose(builder, line, page)


def _prose(builder: BlockBuilder, line: str, page: Optional[int]) -> None:
    block = atx_heading(line) or list_item(line) or prose_block(line, title_allowed=not builder.seen_table
                                                                 and not builder.blocks)
    if block is not None and page is not None:
        block = replace(block, page=page)
    builder.block(block)


def _read_layout(pages: list[str], source: str, n_pages: Optional[int]) -> Document:
    builder = BlockBuilder()
    paragraph: list[str] = []
    para_page: Optional[int] = None
    header_hint: tuple[str, ...] = ()  # lines of the header row of the last table seen

    def end_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            _prose(builder, " ".join(paragraph), para_page)
            paragraph = []

    for p, page_text in enumerate(pages, start=1):
        page = p if n_pages else None
        if p > 1:
            end_paragraph()
            builder.furniture()
        for item in layout_items(page_text.split("\n"), header_hint):
            if isinstance(item, LayoutRows):
                end_paragraph()
                if item.rows and label_like_row(item.rows[0].cells) and len(item.rows) > 1:
                    header_hint = item.rows[0].lines
                for i, row in enumerate(item.rows):
                    if i and row.gap_before:
                        builder.blank()
                    builder.row([parse_cell(c, markdown=False) for c in row.cells], page=page)
                builder.blank()
                continue
            assert isinstance(item, LayoutLine)
            text = item.text
            if not text.strip():
                end_paragraph()
                builder.blank()
            elif is_page_marker(text):
                end_paragraph()
                builder.furniture()
            elif list_item(text.strip()) or atx_heading(text.strip()):
                end_paragraph()
                _prose(builder, text.strip(), page)
            else:
                if not paragraph:
                    para_page = page
                paragraph.append(text.strip())
    end_paragraph()
    return builder.document(source, "txt", pages=n_pages)
