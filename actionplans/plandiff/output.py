"""Write the changes of a diff as CSV, XLSX or a self-contained HTML page."""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..writers import RAG_FILLS, OutputError, atomic_path, check_named_format
from ..cellsafe import guard
from ..xlsx import xlsx_text
from .result import CHANGE_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .result import PlanDiff

DIFF_FORMATS = ("csv", "xlsx", "html")
_SUFFIX_FORMAT = {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}


def diff_format(target: str | os.PathLike, fmt: Optional[str] = None) -> str:
    """The output format from ``fmt`` or the target's extension; OutputError when neither says."""
    if fmt:
        if fmt.lower() not in DIFF_FORMATS:
            raise OutputError(f"unknown output format {fmt!r} (use one of {', '.join(DIFF_FORMATS)})")
        check_named_format(target, fmt.lower())
        return fmt.lower()
    suffix = Path(target).suffix.lower()
    if suffix not in _SUFFIX_FORMAT:
        raise OutputError(f"cannot tell the output format from {Path(target).name!r}: "
                          f"name it .csv, .xlsx or .html, or give --format")
    return _SUFFIX_FORMAT[suffix]


def _csv_cell(value, safe: bool):
    if value is None:
        return ""
    return guard(value) if safe and isinstance(value, str) else value


def _csv(diff: "PlanDiff", target: Path, safe: bool = True) -> None:
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(CHANGE_COLUMNS)
        for row in diff.rows():
            w.writerow([_csv_cell(row[c], safe) for c in CHANGE_COLUMNS])


def _xlsx(diff: "PlanDiff", target: Path, safe: bool = True) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "changes"
    ws.append(list(CHANGE_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fills = {rag: PatternFill("solid", fgColor=rgb) for rag, rgb in RAG_FILLS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(diff.rows(), start=2):
        for c, col in enumerate(CHANGE_COLUMNS, start=1):
            value = row[col]
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, (int, float)):
                cell.value = value
            else:  # text stays text: "1.1" never becomes a date, "=..." never a formula
                cell.value = xlsx_text(str(value), safe=False)
                cell.data_type = "s"
                if col in ("old", "new") and row["change"] == "rag" and value in fills:
                    cell.fill = fills[value]
                elif col in ("action", "old", "new"):
                    cell.alignment = wrap
    widths = {"change": 11, "action": 60, "old": 40, "new": 40}
    for c, col in enumerate(CHANGE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(col, max(10, len(col) + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(CHANGE_COLUMNS))}{ws.max_row}"
    summary = wb.create_sheet("summary")
    for line in diff.summary.lines():
        summary.append([xlsx_text(line, safe=False)])
    summary.column_dimensions["A"].width = 120
    with atomic_path(target) as tmp:
        wb.save(tmp)


def _html(diff: "PlanDiff", target: Path, page_rows: Optional[int] = None) -> None:
    from .html import MAX_PAGE_ROWS, render_html

    with atomic_path(target) as tmp:
        Path(tmp).write_text(render_html(diff, MAX_PAGE_ROWS if page_rows is None else page_rows), encoding="utf-8")


def write_changes(diff: "PlanDiff", target: str | os.PathLike, fmt: Optional[str] = None, safe: bool = True,
                  page_rows: Optional[int] = None) -> Path:
    """Write the changes table (``.csv``, ``.xlsx`` or ``.html``), whole or not at all. ``safe``
    (the default) guards CSV text cells against formula injection (:mod:`actionplans.cellsafe`).
    ``page_rows``: most changes listed in the HTML page (default :data:`.html.MAX_PAGE_ROWS`; the
    CSV and XLSX hold every change)."""
    target = Path(target)
    kind = diff_format(target, fmt)
    if kind == "html":
        _html(diff, target, page_rows)
    else:
        (_csv if kind == "csv" else _xlsx)(diff, target, safe)
    return target
