"""CSV (and tab-separated) trackers: the csv module's Sniffer finds the delimiter; the encoding is UTF-8
(with or without its BOM), UTF-16 with a BOM (Excel's "Unicode text"), else cp1252 (what Excel writes
as "CSV" on a UK Windows machine). The rows are laid out as a sheet (:mod:`..spreadsheet`): a title
line above the table is a paragraph, the table keeps every column; a CSV has no fills, merges or fonts.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from actionplans.errors import InputError
from actionplans.model import Document, Format, Paragraph, Table

from ..common import join_paragraphs
from ..spreadsheet import MAX_COLS, MAX_ROWS, Sheet, SheetCell, sheet_blocks

__all__ = ["read", "decode", "sniff_dialect"]

MAX_BYTES = 200 * 1024 * 1024
MAX_FIELD = 10 * 1024 * 1024
_DELIMITERS = ",;\t|"


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def sniff_dialect(text: str):
    """The csv dialect of ``text``: the Sniffer's on a sample of whole lines, else the delimiter that
    splits the most lines alike."""
    sample = "\n".join(text.splitlines()[:200])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines() if line.strip()]
    best, best_score = ",", -1
    for d in _DELIMITERS:
        counts = [line.count(d) for line in lines]
        score = sum(1 for c in counts if c and c == max(counts, default=0))
        if score > best_score:
            best, best_score = d, score

    class _Dialect(csv.excel):
        delimiter = best

    return _Dialect


def read(path: str | Path) -> Document:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"CSV file too large ({path.stat().st_size} bytes; limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open file ({exc.strerror})") from exc
    text = decode(data)
    if not text.strip():
        raise InputError("empty file")
    dialect = sniff_dialect(text)
    sheet = Sheet(name=path.stem, index=1)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
            if r > MAX_ROWS:
                break
            for c, value in enumerate(row[:MAX_COLS], start=1):
                value = join_paragraphs(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
                if value:
                    sheet.cells[(r, c)] = SheetCell(text=value)
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({' '.join(str(exc).split())[:200]})") from exc
    blocks = sheet_blocks(sheet)
    return Document(source=path.name, format=Format.CSV, blocks=tuple(blocks), title=_title(blocks))


def _title(blocks) -> str | None:
    """A CSV has no fonts: the first line above its first table, when it is short, is its title."""
    for block in blocks:
        if isinstance(block, Table):
            return None
        if isinstance(block, Paragraph) and "\n" not in block.text and len(block.text) <= 200:
            return " ".join(block.text.split())
    return None
