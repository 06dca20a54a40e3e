"""Body text of the PDF reader: lines outside tables -> paragraphs and headings.

Lines group into a paragraph while they keep one font size and weight, sit close
together and each wraps at the text area's right edge, and no line opens a list item typed
on a line of its own (text.opens_item, which table cells ask too). A paragraph becomes a heading when
its font is clearly larger than the body text's, or when it is a short, wholly bold line;
heading levels rank the heading sizes, largest first. A paragraph that opens with a bullet,
or with a number set apart from its text (a tab, as list numbering is laid out), is a list
item; its level ranks the labels' indents.
"""
from __future__ import annotations

from typing import Mapping, Sequence, Union

from actionplans.model import Heading, ListItem, Paragraph

from .geometry import cluster_values, nearest_index
from .settings import PdfSettings
from .text import BULLET, LIST_LABEL, Line, ends_paragraph, join_wrapped, opens_item, typed_label

Para = tuple[Line, ...]


def group_paragraphs(lines: Sequence[Line], right_edges: Mapping[int, float],
                     settings: PdfSettings) -> list[Para]:
    """Lines (possibly running on over a page break) -> paragraphs; ``right_edges`` is
    the right edge of the text area of each page."""
    paras: list[list[Line]] = []
    label = None  # the typed label of the last list item, for the next one (text.opens_item)
    for line in lines:
        if paras:
            prev = paras[-1][-1]
            same_style = (abs(prev.size - line.size) < 0.6
                          and prev.bold(settings) == line.bold(settings))
            right = right_edges.get(prev.page, prev.x1)
            if (same_style and not _label(line) and opens_item(prev, line, label) is None
                    and not ends_paragraph(prev, line, right, settings)):
                paras[-1].append(line)
                continue
        paras.append([line])
        label = typed_label(line.text) or label
    return [tuple(p) for p in paras]


def _text(para: Para) -> str:
    return join_wrapped(para)


def _label(line: Line) -> str:
    """The list label a line opens with: a bullet, or a number set apart from its text."""
    first = line.segments[0]
    if len(line.segments) == 2 and LIST_LABEL.match(first.text):
        return first.text
    if BULLET.match(first.text + " "):
        return first.text[0]
    return ""


def _is_heading(para: Para, body: float, settings: PdfSettings) -> bool:
    text = _text(para)
    size = max(ln.size for ln in para)
    if body and size >= settings.heading_size * body and len(text) <= settings.heading_max_chars:
        return True
    return (all(ln.bold(settings) for ln in para) and len(para) <= 2
            and len(text) <= settings.bold_heading_max_chars and not text.endswith("."))


def _size(para: Para) -> float:
    return round(max(ln.size for ln in para) * 2) / 2


def classify(paras: Sequence[Para], body: float,
             settings: PdfSettings) -> list[Union[Heading, Paragraph, ListItem]]:
    """Paragraphs -> Heading, ListItem or Paragraph. Heading levels rank heading sizes,
    largest first; a document title (the first paragraph, alone in the largest size) is
    level 0."""
    heads = [p for p in paras if _is_heading(p, body, settings)]
    sizes = sorted({_size(p) for p in heads}, reverse=True)
    titled = bool(heads) and heads[0] is paras[0] and sum(_size(p) == sizes[0] for p in heads) == 1
    head_ids = {id(p) for p in heads}
    indents = cluster_values([p[0].x0 for p in paras if id(p) not in head_ids and _label(p[0])],
                             settings.list_indent_tolerance)
    out: list[Union[Heading, Paragraph, ListItem]] = []
    for p in paras:
        text = _text(p)
        label = _label(p[0])
        if id(p) in head_ids:
            level = sizes.index(_size(p)) + (0 if titled else 1)
            out.append(Heading(text=text, level=level, page=p[0].page))
        elif label:
            rest = text[len(label):].strip() if text.startswith(label) else text
            out.append(ListItem(text=rest, label=label, level=nearest_index(indents, p[0].x0), page=p[0].page))
        else:
            out.append(Paragraph(text=text, bold=all(ln.bold(settings) for ln in p), page=p[0].page))
    return out
