"""Write a plan's clean layout as a Word document, the way a council officer builds one in Word.

Input is a :class:`SamplePlan` (the project's own frozen model blocks plus page settings);
output is a .docx written with python-docx. What a reader of the result can rely on:

* A4 pages, landscape sections carrying both the swapped page size and ``w:orient``;
* the plan title in Word's ``Title`` style, headings in ``Heading N``, body paragraphs in ``Normal``;
* tables in the ``Table Grid`` style *and* with explicit ``w:tblBorders``, a fixed layout and
  column widths that follow the amount of text in each column;
* header rows marked to repeat on every page (``w:tblHeader``) and set in bold;
* spans as real merged cells (``w:gridSpan`` across, ``w:vMerge`` down);
* bold runs and ``w:shd`` fills where the layout gives them;
* a footer "Page N of M" built from PAGE / NUMPAGES fields;
* fixed core properties and fixed zip timestamps, so a rebuild gives the same bytes.

Used by samples/build.py; has no LibreOffice dependency.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from actionplans.model import Block, Cell, Heading, Paragraph, Table


@dataclass(frozen=True)
class SamplePlan:
    """One seed's clean layout, ready to be authored."""

    seed: str
    authority: Optional[str]
    title: Optional[str]
    landscape: bool
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageSetup:
    """Page and type settings; the defaults are those of a typical council plan."""

    short_mm: float = 210.0  # A4
    long_mm: float = 297.0
    margin_mm: float = 15.0
    header_footer_mm: float = 8.0
    font: str = "Arial"
    body_pt: float = 10.0
    table_pt: float = 9.0
    author: str = "actionplans samples"
    stamp: dt.datetime = dt.datetime(2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class WidthRule:
    """How column widths follow content: a floor for every column, room for the longest
    word (up to a cap), and the rest shared out by each column's amount of text."""

    min_mm: float = 12.0
    lower_mm: float = 1.8  # a lower-case letter of 9 pt Arial bold, generously
    upper_mm: float = 2.45  # a capital, digit or wide letter
    padding_mm: float = 4.0  # left + right cell margins
    word_cap_mm: float = 30.0
    damping: float = 0.75  # text length ** damping, so one wordy column does not starve the rest


TABLE_TEXT_STYLE = "Table Text"


# ---------------------------------------------------------------------------
# Column widths
# ---------------------------------------------------------------------------


def _word_mm(word: str, rule: WidthRule) -> float:
    return sum(rule.upper_mm if (ch.isupper() or ch.isdigit() or ch in "mwMW%&") else rule.lower_mm
               for ch in word)


def column_widths(tables: Sequence[Table], usable_mm: float, rule: WidthRule = WidthRule()) -> list[float]:
    """Widths in mm for each grid column, summing to ``usable_mm``, from the text of
    ``tables`` (one table, or several that share a layout and should line up)."""
    n = max((t.n_cols for t in tables), default=0)
    if n == 0:
        return []
    amount = [0.0] * n
    longest = [0.0] * n
    for row in (r for t in tables for r in t.rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            if cell.colspan == 1:
                amount[c] += len(cell.text)
                longest[c] = max([longest[c]] + [_word_mm(w, rule) for w in cell.text.split()])
    floors = [max(rule.min_mm, min(rule.word_cap_mm, w + rule.padding_mm)) for w in longest]
    total_floor = sum(floors)
    if total_floor >= usable_mm:
        return [f * usable_mm / total_floor for f in floors]
    weights = [a ** rule.damping for a in amount]
    if sum(weights) == 0:
        weights = [1.0] * n
    spare = usable_mm - total_floor
    return [f + spare * w / sum(weights) for f, w in zip(floors, weights)]


def layout_key(table: Table) -> tuple:
    """Tables with the same columns and the same header text are one layout, repeated
    (an officer copies the table for the next section), and get the same widths."""
    header = tuple(tuple(c.text if c else None for c in r.cells) for r in table.rows if r.is_header)
    return (table.n_cols, header) if header else (table.n_cols, id(table))


def shared_widths(blocks: Sequence[Block], usable_mm: float) -> dict[tuple, list[float]]:
    groups: dict[tuple, list[Table]] = {}
    for block in blocks:
        if isinstance(block, Table):
            groups.setdefault(layout_key(block), []).append(block)
    return {key: column_widths(tables, usable_mm) for key, tables in groups.items()}


# ---------------------------------------------------------------------------
# Low-level XML helpers
# ---------------------------------------------------------------------------


def _element(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _set_style_font(style, name: str, size_pt: Optional[float] = None) -> None:
    """Give a style a named font, dropping the theme-font references that would override it."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), name)
    if size_pt is not None:
        style.font.size = Pt(size_pt)


def _table_borders():
    borders = _element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{edge}", val="single", sz="4", space="0", color="000000"))
    return borders


def _add_table_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    # CT_TblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, ...
    after = [qn(f"w:{t}") for t in ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                                   "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd")]
    index = 0
    for i, child in enumerate(tbl_pr):
        if child.tag in after:
            index = i + 1
    tbl_pr.insert(index, _table_borders())


def _set_table_width(table, width_mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = _element("w:tblW")
        style = tbl_pr.find(qn("w:tblStyle"))
        tbl_pr.insert(1 if style is not None else 0, tbl_w)
    tbl_w.set(qn("w:w"), str(Mm(width_mm).twips))
    tbl_w.set(qn("w:type"), "dxa")


def _mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_element("w:tblHeader"))


def _set_fill(cell, fill: str) -> None:
    """``fill`` is "#RRGGBB"; written as Word does for a plain background colour."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = _element("w:shd", val="clear", color="auto", fill=fill.lstrip("#").upper())
    # CT_TcPr order: cnfStyle, tcW, gridSpan, hMerge, vMerge, tcBorders, shd, ...
    before = {qn(f"w:{t}") for t in ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders")}
    index = 0
    for i, child in enumerate(tc_pr):
        if child.tag in before:
            index = i + 1
    tc_pr.insert(index, shd)


def _add_field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (begin / instrText / separate / result / end), as Word writes it."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


# ---------------------------------------------------------------------------
# Document parts
# ---------------------------------------------------------------------------


def _setup_styles(document, setup: PageSetup) -> None:
    styles = document.styles
    _set_style_font(styles["Normal"], setup.font, setup.body_pt)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        _set_style_font(styles[name], setup.font)
    table_text = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(setup.table_pt)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(2)


def _setup_section(section, landscape: bool, setup: PageSetup) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:
        section.page_width, section.page_height = Mm(setup.long_mm), Mm(setup.short_mm)
    else:
        section.page_width, section.page_height = Mm(setup.short_mm), Mm(setup.long_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(setup.margin_mm))
    section.header_distance = Mm(setup.header_footer_mm)
    section.footer_distance = Mm(setup.header_footer_mm)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES", "1")


def _fill_cell(cell, model_cell: Cell, bold: bool) -> None:
    lines = model_cell.text.split("\n")
    first = cell.paragraphs[0]
    first.style = TABLE_TEXT_STYLE
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph(style=TABLE_TEXT_STYLE)
        if line:
            run = paragraph.add_run(line)
            if bold:
                run.bold = True


def _add_table(document, table: Table, widths: list[float]) -> None:
    n_rows, n_cols = len(table.rows), table.n_cols
    out = document.add_table(rows=n_rows, cols=n_cols)
    out.style = document.styles["Table Grid"]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    for c, width in enumerate(widths):
        out.columns[c].width = Mm(width)
    for row in out.rows:
        for c, cell in enumerate(row.cells):
            cell.width = Mm(widths[c])
    _set_table_width(out, sum(widths))
    _add_table_borders(out)
    # spans first, text after: python-docx moves a merged cell's text into the origin
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is not None and (cell.colspan > 1 or cell.rowspan > 1):
                last_r = min(r + cell.rowspan, n_rows) - 1
                last_c = min(c + cell.colspan, n_cols) - 1
                out.cell(r, c).merge(out.cell(last_r, last_c))
    for r, row in enumerate(table.rows):
        if row.is_header:
            _mark_header_row(out.rows[r])
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            target = out.cell(r, c)
            _fill_cell(target, cell, bold=cell.bold or row.is_header)
            if cell.fill:
                _set_fill(target, cell.fill)


def _add_block(document, block: Block, widths: dict[tuple, list[float]]) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, level=max(1, min(block.level, 9)))
    elif isinstance(block, Paragraph):
        run = document.add_paragraph().add_run(block.text)
        if block.bold:
            run.bold = True
    elif isinstance(block, Table):
        _add_table(document, block, widths[layout_key(block)])


def build_document(plan: SamplePlan, setup: PageSetup = PageSetup()):
    """The python-docx Document for ``plan`` (not yet saved)."""
    document = docx.Document()
    _setup_styles(document, setup)
    section = document.sections[0]
    _setup_section(section, plan.landscape, setup)
    usable_mm = (setup.long_mm if plan.landscape else setup.short_mm) - 2 * setup.margin_mm
    if plan.title:
        document.add_paragraph(plan.title, style="Title")
    widths = shared_widths(plan.blocks, usable_mm)
    previous: Optional[Block] = None
    for block in plan.blocks:
        if isinstance(block, Table) and isinstance(previous, Table):
            document.add_paragraph()  # Word always keeps a paragraph between two tables
        _add_block(document, block, widths)
        previous = block
    if isinstance(previous, Table):
        document.add_paragraph()  # and after a closing table
    props = document.core_properties
    props.author = setup.author
    props.last_modified_by = setup.author
    props.title = plan.title or ""
    props.subject = plan.authority or ""
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = setup.stamp
    props.modified = setup.stamp
    props.last_printed = setup.stamp
    return document


def _fix_zip_times(path: Path, stamp: dt.datetime) -> None:
    """Rewrite the archive with one fixed timestamp per member (python-docx uses 'now')."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    date_time = stamp.timetuple()[:6]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


def write_docx(plan: SamplePlan, path: Path, setup: PageSetup = PageSetup()) -> Path:
    """Author ``plan`` as a .docx at ``path``; returns the path."""
    build_document(plan, setup).save(str(path))
    _fix_zip_times(path, setup.stamp)
    return path


__all__ = ["PageSetup", "SamplePlan", "WidthRule", "build_document", "column_widths", "write_docx"]
