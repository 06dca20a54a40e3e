"""Rows of action tables into raw records, with the context they sit in."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from actionplans.header_rows import asks_questions
from actionplans.model import Fidelity, RawRecord, Row, Slot

from .cell_items import action_items
from .columns import ColumnMap
from .items import Item, align, cross_reference, pair_by_label
from .context import ContextLine, context_line, reads_as_sentence
from .numbering import DECIMAL, LETTER, ROMAN, parse_label, parse_ref
from .grid import EMPTY
from .patterns import is_ref
from .repairs import shifted_cell
from .settings import DEFAULT, ExtractSettings
from .table_info import RowValues, TableInfo

def _bare_ref(ref: str) -> str:
    """A ref without the brackets or full stop around it ("(b)", "b)", "3.") but with those of a
    compound ref ("2 (i)", "R1(a)") kept whole."""
    ref = " ".join(ref.split()).rstrip(".")
    if ref.startswith("(") and ref.endswith(")") and ref.count("(") == 1:
        return ref[1:-1]
    if ref.endswith(")") and "(" not in ref:
        return ref[:-1]
    return ref.lstrip("(") if "(" in ref and ")" not in ref else ref


_REF_THEN_TEXT = re.compile(r"^(?P<ref>\d{1,3}(?:\.\d{1,3}){1,3})\s+(?P<rest>[a-z].*)$", re.S)
_LEADING_REF = re.compile(r"^\s*(?P<ref>(?:[A-Z]{1,3}\s?)?\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[A-Z(])")


@dataclass
class Context:
    theme: str = ""
    recommendation: str = ""
    recommendation_ref: str = ""
    recommendation_from_table: bool = False


#: fields whose cell, merged down over several rows, is not given to every row it covers
NOT_CARRIED = ("action",)


def row_values(info: TableInfo, r: int, cols: ColumnMap, repair: bool = False) -> RowValues:
    """One row's text by field. A cell merged down over several rows is a group key: its
    value (recommendation, theme, ref, lead, date, RAG) goes to every row it covers.
    ``repair``: the table's structure was inferred, so a row shifted left is put back."""
    grid = info.grid
    row = info.table.rows[r]
    rv = RowValues(row=row.source_row or r + 1, page=row.page, cut_from_previous=row.cut_from_previous,
                   lines_inferred=info.table.fidelity != Fidelity.EXACT)
    # each column's own cell in this row: (cell, is its origin column, carried down from a row above)
    slots = [(grid[r][c].cell, grid[r][c].origin_col == c, grid[r][c].origin_row < r) for c in range(grid.n_cols)]
    at = shifted_cell([s[0].text.strip() if s[1] else "" for s in slots], cols) if repair else None
    if at is not None:
        slots = slots[:at] + [(EMPTY, True, False)] + slots[at:-1]
        rv.warnings.append("cells shifted left by the export were put back under their headers")
    rag_cols = cols.columns("rag")
    rag_pick: Optional[int] = None
    split_rag = len(rag_cols) >= 3 and all(len(cols.headers[c].split()) == 1 and len(cols.headers[c]) == 1
                                           for c in rag_cols)
    for c in rag_cols:  # the latest RAG column with anything in it is the RAG; the others stay in extra
        cell, own, _ = slots[c]
        if own and (cell.text.strip() or cell.fill):
            rag_pick = c
    progress_filled = [k for k in cols.columns("progress") if slots[k][1] and slots[k][0].text.strip()]
    for c, fld in enumerate(cols.fields):
        cell, own, carried = slots[c]
        if not own:
            continue
        if carried and fld in NOT_CARRIED:
            continue
        if carried and fld not in ("recommendation", "recommendation_ref", "theme"):
            rv.carried.add(fld)
        text = cell.text.strip()
        header = cols.headers[c] or f"column {c + 1}"
        if fld == "rag":
            if split_rag:
                if text or cell.fill:
                    rv.values["rag"] = cols.headers[c].strip()
                    rv.rag_fill = rv.rag_fill or cell.fill
                continue
            if c == rag_pick:
                rv.values["rag"] = text
                rv.rag_fill = cell.fill
            elif text or cell.fill:
                rv.extra.append((header, text or cell.fill or ""))
            continue
        if fld == "progress" and len(progress_filled) > 1 and c != progress_filled[-1]:
            rv.extra.append((header, text))
            continue
        if fld == "action_ref":
            m = _REF_THEN_TEXT.match(text)
            if m:  # "1.12 implemented in June 2013": a stray line beside the number
                text = m.group("ref")
                rv.extra.append((header, m.group("rest")))
        if fld == "other":
            if text:
                rv.extra.append((header, text))
            continue
        if fld == "start" and text:  # read into due_start by normalise; the text as written stays in extra
            rv.extra.append((header, text))
        if fld == "owner_due":  # one cell for lead and date: normalise cuts it (normalise/owner_due.py)
            fld = "owner"
        if text:
            prev = rv.values.get(fld, "")
            rv.values[fld] = (prev + "\n" + text).strip() if prev else text
    return rv


def split_recommendation(text: str) -> tuple[str, str]:
    """(ref, text) of a recommendation: "Recommendation 1: Ensure ..." -> ("1", "Ensure ..."),
    "R1: Ensure ..." -> ("R1", ...), a label on a line of its own ("Rec 2", then the text) too.
    A cell of several numbered criteria ("1.0 ... 1.1. ...") gives the last criterion's number:
    the actions answer that one."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if not paragraphs:
        return "", ""
    alone = parse_ref(paragraphs[0])
    if alone is not None and len(paragraphs) > 1 and alone.role in ("", "recommendation"):
        return alone.text, "\n".join(paragraphs[1:])
    refs = [ref for p in paragraphs if (ref := _recommendation_label(p)[0])]
    if not refs:
        return "", text.strip()
    if len(paragraphs) == 1:
        return _recommendation_label(paragraphs[0])
    return refs[-1], text.strip()


def _recommendation_label(paragraph: str) -> tuple[str, str]:
    found = parse_label(paragraph)
    if found is not None and found.label.role in ("", "recommendation"):
        return found.label.text, found.text
    m = _LEADING_REF.match(paragraph)  # "IN 3.1 Ensure ...": letters and a space before the number
    if m:
        return m.group("ref"), paragraph[m.end():].strip()
    return "", paragraph.strip()


def section_text(info: TableInfo, r: int, settings: ExtractSettings = DEFAULT) -> Optional[str]:
    """The text of a full-width section row (one cell across the table, or alone in a wide
    table), or of a numbered one: its number in a cell of its own and its name in the cell
    beside it that spans the rest of the table ("10.1 | Health"), or, unmerged, stands alone
    in the row while the rows below are numbered under it ("10.1 | Health", then "10.1.1")."""
    grid = info.grid
    cells = [s for s in grid.row_cells(r) if s.text.strip() and s.origin_row == r]
    if len(cells) == 2 and grid.n_cols >= 3:
        return _numbered_section(info, r, cells[0], cells[1], settings)
    if len(cells) != 1 or grid.n_cols < 2:
        return None
    s = cells[0]
    text = " ".join(s.text.split())
    if is_ref(text):
        return None
    action_cols = info.columns.columns("action")
    if s.cell.colspan >= max(2, int(0.6 * grid.n_cols)):  # one cell across the table, two columns or more
        return text
    if grid.n_cols < 3:
        return None
    if s.origin_col == 0 and not any(grid.text(r, c).strip() for c in action_cols if c != 0):
        return text if 0 not in action_cols else None
    return None


def _numbered_section(info: TableInfo, r: int, number: Slot, name: Slot,
                      settings: ExtractSettings = DEFAULT) -> Optional[str]:
    """"10.1 Health" for a row holding only a number and a title beside it (see :func:`section_text`),
    a title of at most ``section_max_chars``."""
    label = parse_ref(number.text)
    title = " ".join(name.text.split())
    if label is None or label.kind == ROMAN or reads_as_sentence(title) or len(title) > settings.section_max_chars:
        return None
    text = f"{label.text} {title}"
    if name.origin_col + name.cell.colspan >= info.grid.n_cols and name.cell.colspan >= 2:
        return text  # the name spans the rest of the table
    return text if numbers_rows_below(info, r, label.text) else None


def numbers_rows_below(info: TableInfo, r: int, ref: str) -> Optional[bool]:
    """Whether the first numbered row below row r is numbered under ``ref`` ("10.1.1" under
    "10.1", "2(a)" under "2"): the number in the row's ref column or first column. None when
    no row follows in the table (a section row at the foot of a page, its rows on the next)."""
    grid = info.grid
    columns = info.columns.columns("action_ref") + [0]
    for below in range(r + 1, grid.n_rows):
        for c in columns:
            slot = grid[below][c]
            if slot.origin_row != below or slot.origin_col != c or not slot.cell.text.strip():
                continue
            label = parse_ref(slot.cell.text)
            if label is not None:
                return label.parent == ref or label.text.startswith(ref + ".")
        if any(t.strip() for t in grid.row_texts(below)):
            return False
    return None


def section_line(info: TableInfo, r: int, text: str) -> ContextLine:
    """What a section row sets (:func:`context.context_line`). A title numbered two levels
    deep is a theme, not a recommendation, when the rows below it are numbered under it
    ("3.2 Education" over 3.2.1, 3.2.2): the sections of one table, each its own area; the
    theme is then its name without the number. A theme row's text is the theme as written."""
    line = context_line(text)
    if line.role == "theme":
        return replace(line, text=" ".join(text.split()))
    if line.ref and not reads_as_sentence(line.text) and numbers_rows_below(info, r, line.ref) is not False:
        return ContextLine("theme", line.ref, line.text, line.depth)
    return line


def recommendation_carried_on(rv: RowValues, ctx: Context) -> Optional[tuple[str, str]]:
    """(recommendation, ref) of a recommendation cell cut by a page break, read in the first row
    of the table that continues it: its text opens in lower case (the rest of a sentence) and its
    ref cell is empty or holds only a sub-item ("(iv)" of "13 (iv)"), so the recommendation
    above carries on, its text and ref joined. None when the row starts a recommendation."""
    text = " ".join(rv.get("recommendation").split())
    if not text or not text[0].islower() or not ctx.recommendation_from_table or not ctx.recommendation:
        return None
    ref = " ".join(rv.get("recommendation_ref").split())
    if ref:
        label = parse_ref(ref)
        if label is None or label.kind not in (ROMAN, LETTER) or not ctx.recommendation_ref:
            return None
    return f"{ctx.recommendation.rstrip()} {text}", f"{ctx.recommendation_ref} {ref}".strip()


def is_repeated_header(info: TableInfo, r: int, header_texts: list[str]) -> bool:
    if info.table.rows[r].repeated_header:
        return True
    if not any(t.strip() for t in header_texts):
        return False
    texts = info.grid.row_lines(r)
    same = sum(1 for a, b in zip(texts, header_texts) if a and a == " ".join(b.split()))
    filled = sum(1 for t in texts if t)
    return filled > 0 and same >= max(2, filled - 1)


def is_guidance_row(info: TableInfo, r: int) -> bool:
    """A row of guidance to whoever fills the plan in, under the header of a template ("What is the
    over-arching recommendation?", "How will the agency make this happen? What actions need to
    occur?"): its cells ask questions. Most of its cells with text end in a question mark, the
    action column's cell among them; actions and their details are not written as questions."""
    texts = info.grid.row_lines(r)
    action = [texts[c] for c in info.columns.columns("action")]
    return sum(1 for t in texts if t) >= 2 and asks_questions(texts) and any(t.endswith("?") for t in action)


def ocr_confidence_note(row: Row, settings: ExtractSettings = DEFAULT) -> Optional[str]:
    """A warning for a row read from a scan (its cells have an OCR confidence) whose cells' mean
    confidence is below ``ocr_low_confidence``: its words may be misread."""
    values = [c.confidence for c in row.cells if c is not None and c.confidence is not None]
    if not values:
        return None
    mean = sum(values) / len(values)
    if mean >= settings.ocr_low_confidence:
        return None
    return f"low OCR confidence: this row was read from a scanned page with {mean:.0f}% mean confidence; check it"


def records_from_row(rv: RowValues, table_index: int, ctx: Context) -> list[RawRecord]:
    """The records of one row: one per numbered item of its action cell, in the row's context."""
    out: list[RawRecord] = []
    warnings: list[str] = list(rv.warnings)
    theme = rv.get("theme") or ctx.theme
    rec_ref, rec = ctx.recommendation_ref, ctx.recommendation
    if rv.get("recommendation"):
        rec_ref, rec = split_recommendation(rv.get("recommendation"))
    elif rec and not rec_ref:  # a paragraph or row before the table: "Recommendation 2: Ensure ..."
        rec_ref, rec = split_recommendation(rec)
    if rv.get("recommendation_ref"):
        rec_ref = " ".join(rv.get("recommendation_ref").split())
    items, note = action_items(rv.get("action"), rv.get("owner"), rv.get("due"), run_together=rv.lines_inferred)
    if note:
        warnings.append(note)
    dues, w1 = align(items, rv.get("due"), dates=True)
    owners, w2 = align(items, rv.get("owner"), run_together=rv.lines_inferred)
    warnings += [w for w in (w1, w2) if w]
    progress = pair_by_label(items, rv.get("progress")) or [rv.get("progress")] * len(items)
    measures = pair_by_label(items, rv.get("measures")) or [rv.get("measures")] * len(items)
    base_ref = _bare_ref(rv.get("action_ref"))
    for k, item in enumerate(items):
        ref = _item_ref(base_ref, item, len(items))
        item_rec_ref = rec_ref or _parent_of(ref, item, theme, rec)
        w = list(warnings)
        target = cross_reference(item.text)
        if target:
            w.append(f"cross-reference: action points to {target}")
        out.append(RawRecord(
            source_table=table_index, source_row=rv.row, source_page=rv.page,
            theme=theme, recommendation_ref=item_rec_ref, recommendation=rec, action_ref=ref,
            action=item.text, owner_raw=owners[k], due_raw=dues[k], start_raw=rv.get("start"), rag_raw=rv.get("rag"),
            rag_fill=rv.rag_fill, measures=measures[k], progress=progress[k],
            extra=tuple(rv.extra), warnings=tuple(w),
        ))
    return out


def _item_ref(base_ref: str, item: Item, items: int) -> str:
    """The action_ref of one item of a row: the row's ref, the item's own label, or both.
    A label that repeats the row's ref or numbers below it ("2.3" then "2.3.1") is the ref itself,
    and so is a decimal label of the cell's only action or a hierarchical one ("1.3" beside a "2"
    is not action 2.1.3): only sub-items ("i)", "(b)", "2.") are numbered under the row's ref."""
    if not item.label:
        return base_ref
    if not base_ref:
        return item.label
    low, base = item.label.lower(), base_ref.lower()
    if low == base or low.startswith(base + "."):
        return item.label
    number = item.number
    if number is not None and number.kind == DECIMAL and (items == 1 or number.level > 1):
        return item.label
    return f"{base_ref}.{item.label}"


def _parent_of(ref: str, item: Item, theme: str, rec: str) -> str:
    """The recommendation_ref a hierarchical action number implies ("2.3.1" -> "2.3"), or "".

    Only for a number written before the action itself (typed or Word's), not a ref column's
    and not "7.1" made of a row's "7" and its sub-item "1."; never when the parent is the theme's
    own single number ("Theme 1: ...", actions 1.1, 1.2: the 1 is the theme's); and where no recommendation is shown, only
    when the parent sits under the theme's number (theme "1", action "1.2.3": "1.2"), as
    otherwise the parent may be a theme or section the plan numbers but does not name."""
    if item.number is None or ref != item.label:
        return ""  # a ref column's number: its recommendation is the plan's to say (a column, a cell)
    parent = item.number.parent or ""
    theme_number = _theme_number(theme)
    if not parent:
        return ""
    if parent == theme_number:  # "Theme 1: ..." over 1.1, 1.2: the theme's; "1.1 Improve ..." over 1.1.1: a recommendation's
        return parent if "." in theme_number else ""
    if not rec.strip() and not parent.startswith(theme_number + "."):
        return ""  # no recommendation shown: only a number under the theme's ("1.2" of "1.2.3" in theme 1)
    return parent


def _theme_number(theme: str) -> str:
    """The number a theme title starts with ("Theme 2: ...", "2. ...", Word's "2<TAB>..." which
    reaches here as "2 ..."), or ""."""
    found = parse_label(theme.strip())
    if found is not None:
        return found.label.text
    m = re.match(r"\s*(\d{1,2})\s", theme)
    return m.group(1) if m else ""


def drop_parents_shared_by_recommendations(records: list[RawRecord]) -> list[RawRecord]:
    """A cross-row check for :func:`records_from_row`'s derived recommendation_ref: where actions
    of two different (unnumbered) recommendations have the same parent number ("2.1", "2.2" under
    one recommendation, "2.3" under the next), the number counts something else (a theme, a
    section) and the derived refs are cleared. Explicit refs (a column, "R1:" in the text) stay."""
    texts: dict[str, set[str]] = {}
    derived: list[bool] = []
    for rec in records:
        label = parse_ref(rec.action_ref) if rec.action_ref else None
        is_derived = (label is not None and bool(rec.recommendation_ref) and rec.recommendation_ref == label.parent
                      and not split_recommendation(rec.recommendation)[0])
        derived.append(is_derived)
        if is_derived:
            texts.setdefault(rec.recommendation_ref, set()).add(" ".join(rec.recommendation.split()))
    shared = {ref for ref, seen in texts.items() if len(seen) > 1}
    return [replace(rec, recommendation_ref="") if is_derived and rec.recommendation_ref in shared else rec
            for rec, is_derived in zip(records, derived)]
