"""Scanned-PDF reader throughput, next to Tesseract alone on the same page images (the limit).

    .venv/bin/python bench/ocr.py [PDF or folder ...] [--pages 8] [--repeat 1]

Default input: the scanned fixtures (tests/fixtures/scans). For the first ``--pages`` pages
of the inputs, times (wall clock, Tesseract runs in its own process, one thread as in a batch
worker):

- tesseract: the page rendered at 300 dpi (not timed) recognised by Tesseract through
  pytesseract with the reader's settings (sparse text, hOCR out): the limit, what any reader
  built on Tesseract pays;
- reader: ``actionplans.ingest.read`` of each PDF (render, straighten, lines, fills, the same
  recognition, the words laid out as glyphs, tables, paragraphs), per page.

Prints pages/second for each and the reader's ratio to Tesseract alone. Build scans of the
forge's plans with bench/scans.py to measure on more pages.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pdfs(inputs: list[str]) -> list[Path]:
    out: list[Path] = []
    for item in inputs or [str(ROOT / "tests" / "fixtures" / "scans")]:
        path = Path(item)
        out.extend(sorted(path.glob("*.pdf")) if path.is_dir() else [path])
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("inputs", nargs="*")
    p.add_argument("--pages", type=int, default=8)
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    import numpy as np
    import pypdfium2 as pdfium
    import pytesseract
    from PIL import Image

    from actionplans.ingest import read
    from actionplans.ingest.pdf import ocr
    from actionplans.ingest.pdf.settings import DEFAULT

    reason = ocr.check()
    if reason:
        raise SystemExit(f"OCR cannot run here: {reason}")
    chosen: list[tuple[Path, int]] = []  # (file, pages taken from it)
    images = []
    for path in pdfs(a.inputs):
        if len(images) >= a.pages:
            break
        doc = pdfium.PdfDocument(str(path))
        n = min(len(doc), a.pages - len(images))
        for i in range(n):
            page = doc[i]
            rgb = np.asarray(page.render(scale=DEFAULT.ocr_dpi / 72).to_pil().convert("RGB"))
            images.append(Image.fromarray(rgb).convert("L"))
            page.close()
        doc.close()
        chosen.append((path, n))
    config = f"--psm {ocr.PAGE_SEGMENTATION} --dpi {DEFAULT.ocr_dpi}"

    def tesseract() -> None:
        for image in images:
            pytesseract.image_to_pdf_or_hocr(image, lang=ocr.LANGUAGE, extension="hocr", config=config)

    whole = [path for path, n in chosen if n == len(pdfium.PdfDocument(str(path)))]
    pages_whole = sum(n for path, n in chosen if path in whole)

    def reader() -> None:
        for path in whole:
            read(path)

    def best(fn) -> float:
        times = []
        for _ in range(max(1, a.repeat)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    t_tess = best(tesseract)
    t_read = best(reader) if whole else float("nan")
    tess_rate = len(images) / t_tess
    read_rate = pages_whole / t_read if whole else float("nan")
    print(f"pages: {len(images)} (reader: {pages_whole}, whole files only) at {DEFAULT.ocr_dpi} dpi")
    print(f"tesseract alone  {t_tess:7.2f} s  {tess_rate:6.3f} pages/s")
    print(f"reader           {t_read:7.2f} s  {read_rate:6.3f} pages/s")
    print(f"ratio reader/tesseract: {read_rate / tess_rate:.2f}")


if __name__ == "__main__":
    main()
