"""Reader throughput on the sample files, next to what users would otherwise pick.

    .venv/bin/python bench/ingest.py [--samples DIR] [--repeat N] [--profile]

PDF: pages/second of ``actionplans.ingest.read`` against pdfplumber's own
``extract_tables()`` on every page and pypdfium2's raw text extraction, on the same files
in the same run. DOCX and HTML: MB/second of ``actionplans.ingest.read``. Each figure is the
best of ``--repeat`` runs (the least disturbed by other work on the machine).
``--profile`` prints where the PDF reader spends its time (cProfile, cumulative).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _pdfplumber_tables(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def _pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def bench_pdf(files: list[Path], repeat: int) -> None:
    from actionplans.ingest import read

    runners = {
        "actionplans.ingest.read": read,
        "pdfplumber extract_tables": _pdfplumber_tables,
        "pypdfium2 raw text": _pdfium_text,
    }
    totals = {name: 0.0 for name in runners}
    pages_total = 0
    print(f"{'PDF':32} {'pages':>5}  " + "  ".join(f"{n:>26}" for n in runners))
    for path in files:
        pages = _page_count(path)
        pages_total += pages
        cols = []
        for name, fn in runners.items():
            seconds = _best(lambda: fn(path), repeat)
            totals[name] += seconds
            cols.append(f"{pages / seconds:>20.1f} pg/s")
        print(f"{path.name:32} {pages:>5}  " + "  ".join(f"{c:>26}" for c in cols))
    print(f"{'all':32} {pages_total:>5}  "
          + "  ".join(f"{pages_total / t:>20.1f} pg/s".rjust(26) for t in totals.values()))


def bench_bytes(files: list[Path], repeat: int, label: str) -> None:
    from actionplans.ingest import read

    size_total = seconds_total = 0.0
    for path in files:
        size = path.stat().st_size / 1e6
        seconds = _best(lambda: read(path), repeat)
        size_total += size
        seconds_total += seconds
        print(f"{path.name:32} {size:8.3f} MB  {size / seconds:8.2f} MB/s  ({seconds * 1000:.0f} ms)")
    if files:
        print(f"{'all ' + label:32} {size_total:8.3f} MB  {size_total / seconds_total:8.2f} MB/s")


def profile_pdf(files: list[Path], limit: int = 25) -> None:
    from actionplans.ingest.pdf import read

    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        read(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(limit)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile the PDF reader instead")
    args = parser.parse_args(argv)
    pdfs = sorted(args.samples.glob("*.pdf"))
    if not pdfs:
        print(f"no PDF in {args.samples}", file=sys.stderr)
        return 1
    if args.profile:
        profile_pdf(pdfs)
        return 0
    bench_pdf(pdfs, args.repeat)
    for ext, label in (("docx", "DOCX"), ("html", "HTML")):
        files = sorted(args.samples.glob(f"*.{ext}"))
        if files:
            print()
            bench_bytes(files, args.repeat, label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
