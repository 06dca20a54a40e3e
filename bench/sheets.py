"""XLSX reader throughput on a large tracker, next to openpyxl's raw cell read of the same file.

    .venv/bin/python bench/sheets.py [--rows 10000] [--repeat 3]

Builds (in a tmp dir) a tracker of ``--rows`` action rows under a title block and a header: nine
columns (ref, recommendation merged over every three rows, action, lead, target date as a serial
with a number format, RAG letter with a fill and a conditional format, progress, percentage,
comment), then times, each the best of ``--repeat`` runs in CPU seconds:

- raw: ``openpyxl.load_workbook(read_only=False, data_only=True)`` and every cell's value (the limit:
  what any reader built on openpyxl pays);
- reader: ``actionplans.ingest.read`` (the same load plus styles, merges, number formats,
  conditional formats and the layout into the document model);
- convert: the reader plus extract and normalise, as one file of a batch.

Prints seconds and rows/second for each, and the reader's ratio to the raw read.
"""
from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path


def build(path: Path, rows: int) -> Path:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = "Improvement tracker"
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(["Ref", "Recommendation", "Action", "Lead", "Target date", "RAG", "Progress", "Done", "Comment"])
    fills = {"R": PatternFill("solid", fgColor="FF0000"), "A": PatternFill("solid", fgColor="FFC000"),
             "G": PatternFill("solid", fgColor="00B050")}
    wrap = Alignment(wrap_text=True)
    start = ws.max_row + 1
    for i in range(rows):
        letter = "RAG"[i % 3]
        ws.append([f"{i // 3 + 1}.{i % 3 + 1}", f"Recommendation number {i // 3 + 1} about the service" if i % 3 == 0
                   else None, f"Carry out step {i} of the plan with partners\nand report it", f"Officer {i % 40}",
                   dt.datetime(2024, 1, 1) + dt.timedelta(days=i % 700), letter, "Work has begun", (i % 10) / 10,
                   f"Comment on row {i}"])
        r = ws.max_row
        ws.cell(row=r, column=5).number_format = "dd/mm/yyyy"
        ws.cell(row=r, column=8).number_format = "0%"
        ws.cell(row=r, column=3).alignment = wrap
        if i % 2:
            ws.cell(row=r, column=6).fill = fills[letter]
        if i % 3 == 0:
            ws.merge_cells(start_row=r, start_column=2, end_row=r + 2, end_column=2)
    ws.conditional_formatting.add(f"F{start}:F{start + rows}",
                                  CellIsRule(operator="equal", formula=['"R"'], fill=PatternFill(bgColor="FF0000")))
    ws.freeze_panes = f"A{start}"
    wb.save(path)
    return path


def raw(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
    return n


def reader(path: Path) -> int:
    from actionplans.ingest import read

    return sum(len(t.rows) for t in read(path).tables)


def convert(path: Path) -> int:
    from actionplans.pipeline import convert as run

    return len(run([str(path)], jobs=0))


def best(fn, path: Path, repeat: int) -> tuple[float, int]:
    times, out = [], 0
    for _ in range(repeat):
        t0 = time.process_time()
        out = fn(path)
        times.append(time.process_time() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "tracker.xlsx", args.rows)
        print(f"tracker: {args.rows} action rows x 9 columns, {path.stat().st_size / 1e6:.1f} MB")
        results = {}
        for name, fn in (("raw openpyxl read", raw), ("actionplans reader", reader), ("convert (read+extract+normalise)", convert)):
            secs, out = best(fn, path, args.repeat)
            results[name] = secs
            print(f"{name:34s} {secs:7.2f} s  {args.rows / secs:9.0f} rows/s  ({out} {'cells' if fn is raw else 'rows'})")
        print(f"reader / raw: {results['actionplans reader'] / results['raw openpyxl read']:.2f}x")


if __name__ == "__main__":
    main()
