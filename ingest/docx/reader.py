"""DOCX reader: the body of a Word document, in reading order, as a Document.

python-docx opens the package (after :mod:`.docx_package` has checked it) and gives the
style, numbering and theme parts; the body itself is walked as XML so paragraphs and
tables come out interleaved and nothing python-docx does not model (merged cells,
content controls, auto-numbers) is lost.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from actionplans.errors import InputError
from actionplans.model import Block, Document, Heading, ListItem, Paragraph, Table

from .numbering import Numbering
from .package import open_docx
from .styles import W, Styles, child, w_val
from .table_styles import TableStyles
from .tables import CellContent, build_table
from .text import iter_content, paragraph_text
from .theme import ShadingResolver, theme_colours
from ..common import collapse, join_lines, join_paragraphs, numbered

_BLOCKS = frozenset({W + "p", W + "tbl"})
_TBL, _PPR, _NUM_PR, _NUM_ID, _ILVL, _OUTLINE = (W + "tbl", W + "pPr", W + "numPr", W + "numId", W + "ilvl",
                                                 W + "outlineLvl")
MAX_TABLE_DEPTH = 12  # tables nested deeper are read as plain text of the enclosing cell
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def read(path: Path) -> Document:
    path = Path(path)
    document = open_docx(path)
    body = document.element.body
    try:
        reader = _BodyReader(document)
        blocks = tuple(reader.blocks(body)) if body is not None else ()
    except RecursionError as exc:
        raise InputError("DOCX structure is nested too deeply to read") from exc
    except (ValueError, KeyError, AttributeError, TypeError, etree.LxmlError) as exc:
        raise InputError(f"damaged DOCX content ({type(exc).__name__}: {str(exc)[:150]})") from exc
    title = _title(blocks, document)
    return Document(source=path.name, format="docx", blocks=blocks, title=title)


class _BodyReader:
    def __init__(self, document):
        part = document.part
        self.styles = Styles(document.styles.element)
        self.table_styles = TableStyles(document.styles.element)
        try:
            numbering_root = part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_root = None
        self.numbering = Numbering(numbering_root, self.styles)
        self.shading = ShadingResolver(theme_colours(_related_xml(part, "/theme")))
        self._depth = 0

    # -- body ----------------------------------------------------------------------------

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for el in iter_content(container, _BLOCKS):
            if el.tag == _TBL:
                yield self.table(el)
            else:
                block = self.body_paragraph(el)
                if block is not None:
                    yield block

    def body_paragraph(self, p: etree._Element) -> Optional[Block]:
        para = paragraph_text(p, self.styles)
        label, ilvl = self.number(p, para.style_id)
        text = join_paragraphs(para.text.split("\n"))
        level = self.heading_level(p, para.style_id)
        if not text:
            return None
        if level is not None:
            return Heading(numbered(label, text), level=level)
        if label:
            return ListItem(text, label=label, level=ilvl)
        return Paragraph(text, bold=para.bold)

    def heading_level(self, p: etree._Element, style_id: Optional[str]) -> Optional[int]:
        ppr = child(p, _PPR)
        outline = w_val(child(ppr, _OUTLINE)) if ppr is not None else None
        if outline is not None and outline.isdigit():
            return int(outline) + 1 if int(outline) < 9 else None
        return self.styles.heading_level(style_id)

    def number(self, p: etree._Element, style_id: Optional[str]) -> tuple[str, int]:
        """(visible label, level) of a numbered paragraph, advancing its list's counter."""
        ppr = child(p, _PPR)
        num_pr = child(ppr, _NUM_PR) if ppr is not None else None
        num_id = ilvl = None
        if num_pr is not None:
            num_id = w_val(child(num_pr, _NUM_ID))
            ilvl = w_val(child(num_pr, _ILVL))
        style_num, style_ilvl = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
        if not num_id or num_id == "0":
            return "", 0
        if ilvl is not None and ilvl.isdigit():
            level = int(ilvl)
        elif style_ilvl is not None:
            level = style_ilvl
        else:
            level = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.next_label(num_id, level), level

    # -- tables --------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> Table:
        self._depth += 1
        try:
            return build_table(tbl, self.cell_content, self.shading.fill, self.table_styles)
        finally:
            self._depth -= 1

    def cell_content(self, tc: etree._Element, style_bold: Optional[bool]) -> CellContent:
        lines: list[str] = []
        tables: list[Table] = []
        fills: set[Optional[str]] = set()
        any_text = False
        all_bold = True
        empty_labels: list[str] = []
        for el in iter_content(tc, _BLOCKS):
            if el.tag == _TBL:
                if self._depth < MAX_TABLE_DEPTH:
                    tables.append(self.table(el))
                else:
                    lines.extend(self._flat_text(el))
                continue
            para = paragraph_text(el, self.styles, style_bold, self.shading.fill)
            label, _ = self.number(el, para.style_id)
            para_lines = [collapse(line) for line in para.text.split("\n")]
            if label and any(para_lines):
                para_lines[0] = numbered(label, para_lines[0])
            elif label and any(ch.isalnum() for ch in label):
                empty_labels.append(label)
            lines.extend(para_lines)
            if para.text.strip():
                any_text = True
                all_bold = all_bold and para.bold
                fills.add(para.fill)
        text_fill = fills.pop() if len(fills) == 1 else None
        if not any_text and len(empty_labels) == 1:
            # Word shows the number of an empty numbered paragraph: a ref cell numbered by Word ("ii)")
            lines = empty_labels
        return CellContent(join_lines(lines), any_text and all_bold, tuple(tables), text_fill)

    def _flat_text(self, tbl: etree._Element) -> list[str]:
        return [paragraph_text(p, self.styles).text for p in tbl.iter(W + "p")]


def _related_xml(part, reltype_suffix: str) -> Optional[etree._Element]:
    for rel in part.rels.values():
        if rel.is_external or not rel.reltype.endswith(reltype_suffix):
            continue
        try:
            return etree.fromstring(rel.target_part.blob, _SAFE_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            return None
    return None


def _title(blocks: tuple[Block, ...], document) -> Optional[str]:
    for block in blocks:
        if isinstance(block, Heading) and block.level == 0:
            return block.text
    try:
        title = collapse(document.core_properties.title or "")
    except (ValueError, KeyError):
        title = ""
    return title or None
