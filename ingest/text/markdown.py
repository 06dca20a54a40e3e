"""Markdown exports from PDF converters.

What such files hold, and how each is read:

* ATX headings (``# ...`` to ``###### ...``) -> :class:`Heading` at that level, emphasis dropped;
* ``**bold**`` lines -> bold paragraphs (Markdown marks its headings with ``#``);
* ``- item`` / ``1. item`` / ``• item`` lines -> :class:`ListItem` (visible number as label,
  indentation as level);
* pipe tables (``| a | b |``): the ``|---|`` line marks the row above it as a header when that
  row reads as labels; cells may hold HTML (``<br>`` -> new line, ``<ul><li>`` -> one line
  per item) and Markdown emphasis;
* tab-separated rows (some converters write tables that way, with ``---`` separator rows) are
  read like the text reader's rows;
* a cell holding only a bullet glyph before a cell with text is that list's bullet, split off
  by the converter: it is dropped so the row lines up with its header;
* page furniture (page markers, thematic breaks, image-only lines, page anchors) is dropped;
  it lets a table continue when its header repeats after it.

Page-break damage (a row cut in two, stray fragments) is kept as found: nothing is merged.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from actionplans.model import Document

from .cell_html import CellText, parse_cell
from .blocks import (BlockBuilder, atx_heading, decode, has_page_breaks, is_page_marker, list_item, prose_block,
                          split_fields)
from .vocab import INLINE_JUNK, SPLIT_BULLETS

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|`]*[^\s|\\]\s*\|\s*[^|]*\|")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TAB_SEPARATOR = re.compile(r"^[\s\-:|]*-{3,}[\s\-:|]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def read(path: Path) -> Document:
    text = decode(path)
    return parse_markdown(text, source=Path(path).name)


def parse_markdown(text: str, source: str = "<markdown>") -> Document:
    lines = text.split("\n")
    builder = BlockBuilder(page=1 if has_page_breaks(lines) else None)
    in_fence = False
    in_pipes = False  # inside a pipe table whose rows may lack the outer pipes
    for i, raw in enumerate(lines):
        line = INLINE_JUNK.sub("", raw).rstrip(" \r")
        if _FENCE.match(line):
            in_fence = not in_fence
            builder.blank()
            continue
        if in_fence:
            builder.block(prose_block(line, title_allowed=False))
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if "|" in line and "\t" not in line and (in_pipes or _is_separator(following)) and not _is_separator(line):
            builder.row(drop_split_bullets([parse_cell(c) for c in split_pipes(line)]))
            in_pipes = True
            continue
        in_pipes = in_pipes and _is_separator(line)
        _read_line(builder, line)
    return builder.document(source, "md")


def _is_separator(line: str) -> bool:
    return "|" in line and bool(_SEPARATOR.fullmatch(line))


def split_pipes(line: str) -> list[str]:
    """Cells of a pipe-table row: split on unescaped ``|``, outer pipes dropped."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells, cur, i = [], "", 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            cur += "|"
            i += 2
            continue
        if ch == "|":
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    cells.append(cur)
    return cells


def drop_split_bullets(cells: list[CellText]) -> list[CellText]:
    """PDF converters put the bullet of a list inside a cell into a cell of its own
    (``Lead | • | Measures``). A cell that holds only a bullet glyph, just before a cell with
    text, is that bullet: it is dropped, so the row's cells line up with the header again."""
    out: list[CellText] = []
    for i, cell in enumerate(cells):
        glyph = cell.text.strip()
        nxt = cells[i + 1].text.strip() if i + 1 < len(cells) else ""
        if len(glyph) == 1 and glyph in SPLIT_BULLETS and nxt:
            continue
        out.append(cell)
    return out


def _read_line(builder: BlockBuilder, line: str) -> None:
    if not line.strip():
        builder.blank()
        return
    if "\t" in line:
        if _TAB_SEPARATOR.fullmatch(line.replace("\t", " ")):
            builder.mark_header() if builder.has_run else builder.blank()
            return
        builder.row(drop_split_bullets([parse_cell(f) for f in split_fields(line)]))
        return
    if _is_separator(line):
        builder.mark_header()
        return
    if _PIPE_ROW.match(line) and line.strip().startswith("|"):
        builder.row(drop_split_bullets([parse_cell(c) for c in split_pipes(line)]))
        return
    if is_page_marker(line):
        builder.furniture(line)
        return
    builder.block(_prose(line, builder))


def _prose(line: str, builder: BlockBuilder):
    stripped = line.strip()
    heading = atx_heading(stripped)
    if heading is not None:
        return heading
    item = list_item(line)
    if item is not None:
        return item
    return prose_block(stripped, title_allowed=False, bold_headings=False)


def is_markdown_table_line(line: str) -> Optional[bool]:
    """True for a pipe-table row or separator (used by the sniffer)."""
    return bool(_SEPARATOR.fullmatch(line) and "|" in line) or bool(_PIPE_ROW.match(line) and line.strip().startswith("|"))
