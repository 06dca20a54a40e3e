"""Every format against its raw-reading limit, in one run: limit, ours and the ratio.

    .venv/bin/python bench/formats.py [--samples DIR] [--repeat N] [--wall] [--only docx,html,...]
                                      [--no-command] [--rows N] [--pages N]

For each format the limit is what a careful reader cannot go below: the raw read of the same
file with the library a reader of that format would build on, walking every table cell and
doing nothing with it:

- DOCX: a zip + lxml parse of ``word/document.xml``, every ``w:tc``'s ``w:t`` texts;
- HTML: an lxml parse, every table's rows and cells' text;
- XLSX: openpyxl's raw cell read (``read_only``, ``values_only``) of every sheet;
- PDF: pypdfium2's text extraction of every page.

"ours" is :func:`actionplans.conversion.convert_file` on the same file (read, extract,
normalise, side tables), started with the package's memos empty as a fresh worker meets a
plan. Each is timed twice: **in process** (imports done beforehand) and as a **whole
command**: a new ``python`` process that imports the limit's libraries and reads the file,
against ``actionplans convert FILE -o x.csv`` — what a user converting one file waits for,
start-up included.

Files: the samples of each format (their times summed), and a larger plan built here from a
sample (``--rows`` table rows for DOCX, HTML and XLSX by repeating a sample table's body rows;
``--pages`` PDF pages by repeating a sample's pages). There is no XLSX among the samples: the
small XLSX is the same sample table at its own length.

The runners take turns, run after run (limit, ours, limit, ours, ...), so a slow spell of the
shared machine touches both alike; each figure is the best of ``--repeat``. Times are CPU
seconds (this process's ``time.process_time`` in process; the children's user + system time
for a command, its worker processes included) unless ``--wall``. The machine's load
(``os.getloadavg``) is printed with the table.

``python bench/formats.py --limit FMT FILE`` is the limit as a command (what the whole-command
runner starts): it imports only the standard library and the limit's own libraries.
"""
from __future__ import annotations

import sys


# ---------------------------------------------------------------------------
# the limits (kept first: ``--limit`` runs them with nothing else imported)
# ---------------------------------------------------------------------------

def limit_docx(path) -> int:
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    n = 0
    for tc in root.iter(w + "tc"):
        n += len("".join(t.text or "" for t in tc.iter(w + "t")))
    return n


def limit_html(path) -> int:
    import lxml.html

    with open(path, "rb") as fh:
        root = lxml.html.document_fromstring(fh.read())
    n = 0
    for table in root.iter("table"):
        for tr in table.iter("tr"):
            for cell in tr:
                if cell.tag in ("td", "th"):
                    n += len(cell.text_content())
    return n


def limit_xlsx(path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
    wb.close()
    return n


def limit_pdf(path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            n += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return n


LIMITS = {"docx": limit_docx, "html": limit_html, "xlsx": limit_xlsx, "pdf": limit_pdf}
LIMIT_NAMES = {"docx": "zip + lxml walk of document.xml", "html": "lxml parse + walk of the tables",
               "xlsx": "openpyxl read-only cell values", "pdf": "pypdfium2 text of every page"}

if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--limit":
    LIMITS[sys.argv[2]](sys.argv[3])
    sys.exit(0)

# ---------------------------------------------------------------------------
# the bench
# ---------------------------------------------------------------------------

import argparse  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve()
WALL = False


def _ours(path: Path) -> None:
    from memos import clear_memos

    from actionplans.conversion import convert_file

    clear_memos()
    result = convert_file(path)
    if result.error:
        raise RuntimeError(f"{path.name}: {result.error}")


def _in_process(fn: Callable[[Path], object], path: Path) -> float:
    clock = time.perf_counter if WALL else time.process_time
    start = clock()
    fn(path)
    return clock() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _command(argv: list[str]) -> float:
    before_cpu, before_wall = _children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.strip()[-300:]}")
    return time.perf_counter() - before_wall if WALL else _children_cpu() - before_cpu


def _limit_command(fmt: str, path: Path) -> float:
    return _command([sys.executable, str(HERE), "--limit", fmt, str(path)])


def _ours_command(path: Path, out: Path) -> float:
    exe = Path(sys.executable).parent / "actionplans"
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "actionplans.cli"]
    return _command(argv + ["convert", str(path), "-o", str(out)])


# ---------------------------------------------------------------------------
# the larger plans, built from a sample
# ---------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _biggest(tables, rows_of):
    return max(tables, key=lambda t: len(rows_of(t)), default=None)


def build_docx(source: Path, rows: int, out: Path) -> Path:
    """``source`` with its longest table's body rows repeated until the table has ``rows`` rows."""
    from copy import deepcopy

    from lxml import etree

    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    table = _biggest(list(root.iter(W + "tbl")), lambda t: t.findall(W + "tr"))
    trs = table.findall(W + "tr")
    body = trs[1:] or trs
    i = 0
    while len(table.findall(W + "tr")) < rows:
        table.append(deepcopy(body[i % len(body)]))
        i += 1
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


def build_html(source: Path, rows: int, out: Path) -> Path:
    """``source`` with its longest table's body rows repeated until the table has ``rows`` rows."""
    from copy import deepcopy

    import lxml.html

    root = lxml.html.document_fromstring(source.read_bytes())
    table = _biggest(list(root.iter("table")), lambda t: list(t.iter("tr")))
    trs = list(table.iter("tr"))
    body = trs[1:] or trs
    parent = body[-1].getparent()
    i = 0
    while len(list(table.iter("tr"))) < rows:
        parent.append(deepcopy(body[i % len(body)]))
        i += 1
    out.write_bytes(lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8"))
    return out


def build_xlsx(source: Path, rows: int, out: Path) -> Path:
    """A tracker workbook: ``source`` (a DOCX)'s longest table as a sheet, header first, the
    body rows repeated up to ``rows`` rows, the header bold and filled as trackers have it."""
    import openpyxl
    from lxml import etree
    from openpyxl.styles import Font, PatternFill

    with zipfile.ZipFile(source) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    table = _biggest(list(root.iter(W + "tbl")), lambda t: t.findall(W + "tr"))
    grid = [["\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p")).strip()
             for tc in tr.iter(W + "tc")] for tr in table.findall(W + "tr")]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(grid[0])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFD9D9D9")
    body = grid[1:] or grid
    for i in range(rows - 1):
        ws.append(body[i % len(body)])
    wb.save(out)
    return out


def _pick_docx(samples: Path) -> Path:
    """The sample DOCX whose longest table has the most rows (the most plan-like table)."""
    from lxml import etree

    def longest(path: Path) -> int:
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        return max((len(t.findall(W + "tr")) for t in root.iter(W + "tbl")), default=0)

    return max(sorted(samples.glob("*.docx")), key=longest)


def file_sets(samples: Path, tmp: Path, rows: int, pages: int, only: set[str]) -> list[tuple[str, str, list[Path]]]:
    """(format, label, files) rows of the table."""
    from ingest import _page_count, build_long_pdf  # bench/ingest.py (this folder is first on the path)

    sets = []
    if "docx" in only:
        docx = _pick_docx(samples)
        sets += [("docx", "samples", sorted(samples.glob("*.docx"))),
                 ("docx", f"{rows} rows", [build_docx(docx, rows, tmp / f"long_{rows}.docx")])]
    if "html" in only:
        src = max(sorted(samples.glob("*.html")), key=lambda p: p.stat().st_size)
        sets += [("html", "samples", sorted(samples.glob("*.html"))),
                 ("html", f"{rows} rows", [build_html(src, rows, tmp / f"long_{rows}.html")])]
    if "xlsx" in only:
        docx = _pick_docx(samples)
        sets += [("xlsx", "25 rows", [build_xlsx(docx, 25, tmp / "short_25.xlsx")]),
                 ("xlsx", f"{rows} rows", [build_xlsx(docx, rows, tmp / f"long_{rows}.xlsx")])]
    if "pdf" in only:
        pdfs = sorted(samples.glob("*.pdf"))
        src = max(pdfs, key=_page_count)
        sets += [("pdf", "samples", pdfs), ("pdf", f"{pages} pages", [build_long_pdf(src, pages, tmp / f"long_{pages}.pdf")])]
    return sets


def run(sets, repeat: int, command: bool, tmp: Path) -> list[dict]:
    out_csv = tmp / "x.csv"
    for fmt, _, files in sets:  # imports, packaged data and first loads are not the files' cost
        LIMITS[fmt](files[0])
        _ours(files[0])
    rows = []
    for fmt, label, files in sets:
        runners: dict[str, Callable[[Path], float]] = {
            "limit": lambda p, f=fmt: _in_process(LIMITS[f], p),
            "ours": lambda p: _in_process(_ours, p),
        }
        if command:
            runners["limit cmd"] = lambda p, f=fmt: _limit_command(f, p)
            runners["ours cmd"] = lambda p: _ours_command(p, out_csv)
        totals = dict.fromkeys(runners, 0.0)
        for path in files:
            best = dict.fromkeys(runners, float("inf"))
            for _ in range(repeat):
                for name, runner in runners.items():  # the runners take turns
                    best[name] = min(best[name], runner(path))
            for name in runners:
                totals[name] += best[name]
        row = {"format": fmt, "files": label, "n": len(files), **totals}
        rows.append(row)
        _print_row(row, command)
    return rows


def _print_header(command: bool) -> None:
    head = f"{'format':6} {'files':12} {'limit':>8} {'ours':>8} {'ratio':>7}"
    if command:
        head += f"   {'limit cmd':>9} {'ours cmd':>9} {'ratio':>7}"
    print(head)


def _print_row(row: dict, command: bool) -> None:
    line = (f"{row['format'].upper():6} {row['files'] + ' (' + str(row['n']) + ')':12} {row['limit']:8.3f} "
            f"{row['ours']:8.3f} {row['ours'] / row['limit']:6.1f}x")
    if command:
        line += f"   {row['limit cmd']:9.3f} {row['ours cmd']:9.3f} {row['ours cmd'] / row['limit cmd']:6.1f}x"
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    global WALL
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wall", action="store_true", help="time with the wall clock, not CPU time")
    parser.add_argument("--only", default="docx,html,xlsx,pdf", help="formats to run, comma-separated")
    parser.add_argument("--no-command", action="store_true", help="in process only (no whole commands)")
    parser.add_argument("--rows", type=int, default=300, help="table rows of the larger DOCX, HTML and XLSX plans")
    parser.add_argument("--pages", type=int, default=53, help="pages of the larger PDF plan")
    parser.add_argument("--keep", type=Path, help="copy the built plans into this folder")
    args = parser.parse_args(argv)
    WALL = args.wall
    sys.path.insert(0, str(HERE.parent))  # bench/memos.py
    from pyc import compile_package

    compile_package()  # as an installed package has its bytecode
    only = {s.strip().lower() for s in args.only.split(",") if s.strip()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sets = file_sets(args.samples, tmp, args.rows, args.pages, only)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for _, label, files in sets:
                if label != "samples":
                    for f in files:
                        shutil.copy(f, args.keep / f.name)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"clock: {'wall seconds' if WALL else 'CPU seconds'}; best of {args.repeat}, runners taking turns; "
              f"load average {load}; {os.cpu_count()} cores")
        for fmt in sorted({s[0] for s in sets}):
            print(f"  {fmt.upper()} limit: {LIMIT_NAMES[fmt]}")
        _print_header(not args.no_command)
        run(sets, args.repeat, not args.no_command, tmp)
        print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
