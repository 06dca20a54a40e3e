"""Text of a cell or line that may hold HTML fragments (and Markdown emphasis).

Text exports of Word tables often keep a little HTML inside each cell: ``<p>`` paragraphs,
``<b>``/``<i>``/``<u>`` runs, ``<br>``, ``<ul><li>`` lists, ``<sup>`` and entities such as
``&amp;``. :func:`parse_cell` turns such a fragment into plain text with ``"\\n"`` between
paragraphs, and says whether all of its text was bold.

Rules:

* ``<p>``, ``<div>``, ``<li>``, ``<tr>`` and ``<br>`` end a paragraph; list items become their own
  lines (no bullet is invented).
* Inside a paragraph, runs of whitespace collapse to one space.
* A fragment with no block-level markup at all marks its paragraph breaks with two or more
  spaces (exports join a cell's paragraphs that way), so such runs become ``"\\n"``.
* ``<sup>``/``<sub>`` text is glued to the word before it ("10 <sup>th</sup>" -> "10th").
* Bold = every visible character sits inside ``<b>``/``<strong>`` (or Markdown ``**...**``).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "dl", "dt", "dd"})
_BREAK_TAGS = frozenset({"br"})
_BOLD_TAGS = frozenset({"b", "strong"})
_GLUE_TAGS = frozenset({"sup", "sub"})
_SKIP_TAGS = frozenset({"script", "style"})
_TAG_HINT = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_KNOWN_TAG = re.compile(r"</?(p|div|li|ul|ol|br|b|strong|i|em|u|s|span|sup|sub|a|font|tr|td|th|table|tbody|"
                        r"thead|h[1-6]|blockquote|dl|dt|dd|img|hr|small|big|mark|code)\b[^<>]*/?>", re.I)
_MULTISPACE = re.compile(r"[ \u00a0]{2,}")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))+\)")
_CARET_SUP = re.compile(r"\^\{([^{}]*)\}")  # converter superscripts: "^{*} Key" -> "* Key"


@dataclass(frozen=True)
class CellText:
    text: str
    bold: bool = False


def has_markup(raw: str) -> bool:
    """True when ``raw`` holds HTML tags we know or character entities."""
    return bool(_KNOWN_TAG.search(raw) or re.search(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", raw))


class _Collector(HTMLParser):
    """Collect paragraphs of text and count bold vs. plain visible characters."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[list[str]] = [[]]
        self.bold_depth = 0
        self.skip_depth = 0
        self.glue = 0
        self.bold_chars = 0
        self.plain_chars = 0
        self.saw_block = False

    def _new_para(self) -> None:
        if self.paras[-1]:
            self.paras.append([])

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.saw_block = True
            self._new_para()
        elif tag in _BREAK_TAGS:
            self.saw_block = True
            self.paras[-1].append("\n")
        elif tag in _BOLD_TAGS:
            self.bold_depth += 1
        elif tag in _GLUE_TAGS:
            self.glue += 1
            # drop the space before a superscript: "10 <sup>th</sup>" -> "10th"
            cur = self.paras[-1]
            if cur:
                cur[-1] = cur[-1].rstrip(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _BREAK_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._new_para()
        elif tag in _BOLD_TAGS:
            self.bold_depth = max(0, self.bold_depth - 1)
        elif tag in _GLUE_TAGS:
            self.glue = max(0, self.glue - 1)

    def handle_data(self, data):
        if self.skip_depth or not data:
            return
        visible = sum(1 for ch in data if not ch.isspace())
        if self.bold_depth:
            self.bold_chars += visible
        else:
            self.plain_chars += visible
        self.paras[-1].append(data)


def _clean_para(text: str, split_multispace: bool) -> list[str]:
    text = text.replace("\u00a0", " ").replace("\r", "")
    out: list[str] = []
    for line in text.split("\n"):
        pieces = _MULTISPACE.split(line) if split_multispace else [line]
        for piece in pieces:
            piece = " ".join(piece.split())
            if piece:
                out.append(piece)
    return out


def _markdown_inline(raw: str) -> tuple[str, bool]:
    """Strip Markdown emphasis/links from a fragment; report whether it was all bold."""
    text = _CARET_SUP.sub(r"\1", _MD_IMAGE.sub("", raw))
    text = _MD_LINK.sub(r"\1", text)
    stripped = text.strip()
    bold = False
    m = _MD_BOLD.fullmatch(stripped)
    if m and "**" not in (m.group(1) or m.group(2) or ""):
        bold = True
    text = _MD_BOLD.sub(lambda mm: mm.group(1) or mm.group(2), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return text, bold


def parse_cell(raw: str, markdown: bool = True) -> CellText:
    """Plain text of one cell/line fragment, with ``"\\n"`` between paragraphs."""
    if raw is None:
        return CellText("")
    md_bold = False
    if markdown and any(ch in raw for ch in "*_[\\^"):
        raw, md_bold = _markdown_inline(raw)
    if not _TAG_HINT.search(raw):
        paras = _clean_para(raw, split_multispace=True)
        return CellText("\n".join(paras), bold=md_bold and bool(paras))
    parser = _Collector()
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # html.parser is lenient; keep the raw text if it ever gives up
        paras = _clean_para(html.unescape(re.sub(r"<[^>]+>", " ", raw)), split_multispace=False)
        return CellText("\n".join(paras), bold=md_bold)
    lines: list[str] = []
    for para in parser.paras:
        lines.extend(_clean_para("".join(para), split_multispace=not parser.saw_block))
    bold = (parser.bold_chars > 0 and parser.plain_chars == 0) or (md_bold and bool(lines))
    return CellText("\n".join(lines), bold=bold)


def plain_inline(raw: str, markdown: bool = True) -> CellText:
    """Like :func:`parse_cell` but for a running line of prose: paragraphs joined by spaces."""
    cell = parse_cell(raw, markdown=markdown)
    return CellText(" ".join(cell.text.split("\n")), bold=cell.bold)
