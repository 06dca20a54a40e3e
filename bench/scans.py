"""Scanned copies of born-digital PDF plans, for scoring the OCR path against the same gold.

    .venv/bin/python bench/scans.py /tmp/forge/s1 --out /tmp/scans_s1 [--dpi 300 200] [--plans 40]

Each of the first ``--plans`` PDFs of a forge folder (its MANIFEST.csv, format pdf) is rendered
with pypdfium2 at each ``--dpi``, every page turned by a small random angle (within
``--skew`` degrees, the way a page sits on a scanner's glass), given a little noise (grain,
specks) and saved as JPEG inside an image-only PDF (Pillow), the way scanners write them.
The output folder gets one subfolder per resolution (``dpi300/``), each with its scans and a
MANIFEST.csv naming the same gold as the forge's manifest, so that

    python ../shared/tools/score_samples.py --manifest /tmp/scans_s1/dpi300/MANIFEST.csv \\
        --gold-dir /tmp/forge/s1 --cmd "actionplans convert"

scores them. It reads forge output; it is not a test. Seeded: the same arguments give the
same scans.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np


def scan_page(image, dpi: int, rng: np.random.Generator, skew: float, noise: float):
    """``image`` (a PIL RGB image of a page) as a scanner might give it: turned by up to
    ``skew`` degrees, with grain of ``noise`` grey levels and a few dark specks."""
    from PIL import Image

    angle = float(rng.uniform(-skew, skew))
    turned = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    pixels = np.asarray(turned, dtype=np.int16)
    grain = rng.normal(0.0, noise, size=pixels.shape[:2])[..., None]
    pixels = pixels + grain.astype(np.int16)
    h, w = pixels.shape[:2]
    n_specks = int(rng.integers(20, 60))
    size = max(1, dpi // 150)
    for y, x in zip(rng.integers(0, h - size, n_specks).tolist(), rng.integers(0, w - size, n_specks).tolist()):
        pixels[y:y + size, x:x + size] = rng.integers(40, 120)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB"), angle


def scan_pdf(src: Path, dst: Path, dpi: int, rng: np.random.Generator, skew: float = 1.0,
             noise: float = 6.0, quality: int = 80) -> list[float]:
    """Write ``dst``, an image-only PDF of ``src`` scanned at ``dpi``; the pages' angles."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    pages, angles = [], []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            page.close()
            scanned, angle = scan_page(image, dpi, rng, skew, noise)
            pages.append(scanned)
            angles.append(angle)
    finally:
        pdf.close()
    dst.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(dst, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=quality)
    return angles


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("forge", type=Path, help="a forge folder (with MANIFEST.csv and gold/)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--dpi", type=int, nargs="+", default=[300, 200])
    p.add_argument("--plans", type=int, default=40)
    p.add_argument("--skew", type=float, default=1.0, help="largest angle, degrees")
    p.add_argument("--noise", type=float, default=6.0, help="grain, grey levels (standard deviation)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    with open(a.forge / "MANIFEST.csv", encoding="utf-8-sig", newline="") as fh:
        entries = [r for r in csv.DictReader(fh) if r["file"].lower().endswith(".pdf")][: a.plans]
    for dpi in a.dpi:
        rng = np.random.default_rng([a.seed, dpi])
        folder = a.out / f"dpi{dpi}"
        rows = []
        for entry in entries:
            name = Path(entry["file"]).name
            angles = scan_pdf(a.forge / entry["file"], folder / name, dpi, rng, a.skew, a.noise)
            rows.append({**entry, "file": name})
            print(f"{dpi} dpi  {name}  {len(angles)} pages  angles {', '.join(f'{x:+.2f}' for x in angles)}")
        with open(folder / "MANIFEST.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
