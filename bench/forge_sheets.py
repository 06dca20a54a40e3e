"""Forge plans as spreadsheets: the forge's HTML plans converted to XLSX and ODS by LibreOffice,
read back and scored against the same gold.

    .venv/bin/python bench/forge_sheets.py /tmp/forge/s1 --out /tmp/sheets_s1 [--formats xlsx ods]
        [--plans 60] [--dialects html html-cms] [--score]

Each HTML plan of the forge folder's MANIFEST.csv (both dialects: the forge's own HTML and its CMS
export) is opened by LibreOffice Calc (``soffice --headless --infilter="HTML (StarCalc)"``: Calc's
HTML import, which puts every table of the page on one sheet, in one grid of columns shared by all
of them) and saved in each format. The output folder gets one subfolder per format, each with the
spreadsheets and a MANIFEST.csv naming the same gold, so that

    python ../shared/tools/score_samples.py --manifest /tmp/sheets_s1/xlsx/MANIFEST.csv \\
        --gold-dir /tmp/forge/s1 --cmd "actionplans convert"

scores them (``--score`` runs it and prints the means per format and dialect).

It also says what survives the conversion, read by actionplans from the HTML and from each
spreadsheet into the document model: tables, rows, cells merged across columns or rows, cells
with a fill, bold cells, headings and paragraphs (means per file). It reads forge output; it is
not a test. LibreOffice runs with its own profile in the output folder (never the user's).
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

#: LibreOffice's export filter per format
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods:calc8"}
#: LibreOffice's import filter: Calc's HTML import (the default opens HTML in Writer, which has no
#: spreadsheet export)
IMPORT = "HTML (StarCalc)"


def convert(files: list[Path], fmt: str, out: Path, profile: Path, batch: int = 20, timeout: float = 600) -> None:
    """Convert ``files`` to ``fmt`` into ``out`` with LibreOffice, ``batch`` files a call."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is not installed")
    out.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(files), batch):
        chunk = files[i:i + batch]
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.resolve().as_uri()}",
               f"--infilter={IMPORT}", "--convert-to", FILTERS[fmt], "--outdir", str(out)] + [str(f) for f in chunk]
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)


def survey(path: Path) -> dict[str, float]:
    """What actionplans reads from ``path``: counts over its document model."""
    from actionplans.ingest import read
    from actionplans.model import Heading, Paragraph, Table

    doc = read(path)
    out: dict[str, float] = defaultdict(float)

    def walk(table) -> None:
        out["tables"] += 1
        for row in table.rows:
            out["rows"] += 1
            out["header rows"] += row.is_header
            for cell in row.cells:
                if cell is None:
                    continue
                out["cells with text"] += bool(cell.text.strip())
                out["merged across"] += cell.colspan > 1
                out["merged down"] += cell.rowspan > 1
                out["filled"] += cell.fill is not None
                out["filled, no text"] += cell.fill is not None and not cell.text.strip()
                out["bold"] += cell.bold and bool(cell.text.strip())
                for nested in cell.tables:
                    walk(nested)

    for block in doc.blocks:
        if isinstance(block, Table):
            walk(block)
        elif isinstance(block, Heading):
            out["headings"] += 1
        elif isinstance(block, Paragraph):
            out["paragraphs"] += 1
    return out


_OVERALL = re.compile(r"^(\S+)\s+recall=([\d.]+) precision=([\d.]+) fields=([\d.]+)")


def score(manifest: Path, gold: Path, cmd: str) -> dict[str, tuple[float, float, float]]:
    """Per file (recall, precision, fields), by running the shared scorer."""
    here = Path(__file__).resolve().parent.parent
    scorer = here.parent / "shared" / "tools" / "score_samples.py"
    proc = subprocess.run([sys.executable, str(scorer), "--manifest", str(manifest), "--gold-dir", str(gold),
                           "--cmd", cmd], capture_output=True, text=True, check=False)
    out = {}
    for line in proc.stdout.splitlines():
        m = _OVERALL.match(line)
        if m:
            out[m.group(1)] = tuple(float(m.group(k)) for k in (2, 3, 4))
        elif " FAILED " in line:
            out[line.split()[0]] = (0.0, 0.0, 0.0)
            print("  ", line)
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("forge", type=Path, help="a forge folder (with MANIFEST.csv and gold/)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--formats", nargs="+", default=["xlsx", "ods"], choices=sorted(FILTERS))
    p.add_argument("--dialects", nargs="+", default=["html", "html-cms"])
    p.add_argument("--plans", type=int, default=0, help="the first N plans (0: all)")
    p.add_argument("--reuse", action="store_true", help="keep spreadsheets converted before")
    p.add_argument("--score", action="store_true", help="score each format with ../shared/tools/score_samples.py")
    p.add_argument("--cmd", default="actionplans convert --jobs 1")
    a = p.parse_args(argv)
    with open(a.forge / "MANIFEST.csv", encoding="utf-8-sig", newline="") as fh:
        entries = [r for r in csv.DictReader(fh) if r["format"] in a.dialects]
    if a.plans:
        keep = sorted({e["seed"] for e in entries})[: a.plans]
        entries = [e for e in entries if e["seed"] in keep]
    profile = a.out / "_lo_profile"
    surveys: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        surveys["html"][entry["format"]].append(survey(a.forge / entry["file"]))
    dialect_of: dict[str, str] = {}
    for fmt in a.formats:
        folder = a.out / fmt
        todo = [a.forge / e["file"] for e in entries
                if not (a.reuse and (folder / (Path(e["file"]).stem + "." + fmt)).exists())]
        if todo:
            convert(todo, fmt, folder, profile)
        rows = []
        for entry in entries:
            name = Path(entry["file"]).stem + "." + fmt  # f1_000.cms.html -> f1_000.cms.xlsx
            if not (folder / name).exists():
                print(f"{fmt}: {entry['file']} was not converted")
                continue
            rows.append({**entry, "file": name, "format": fmt})
            dialect_of[name] = entry["format"]
            try:
                surveys[fmt][entry["format"]].append(survey(folder / name))
            except Exception as exc:  # a file the reader refuses: said, and the others go on
                print(f"{fmt}: {name}: {exc}")
        with open(folder / "MANIFEST.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    keys = ["tables", "rows", "header rows", "cells with text", "merged across", "merged down", "filled",
            "filled, no text", "bold", "headings", "paragraphs"]
    print("what actionplans reads (mean per file)")
    print(f"{'':18s}" + "".join(f"{k:>16s}" for k in keys))
    for fmt in ["html"] + list(a.formats):
        for dialect, found in sorted(surveys[fmt].items()):
            means = {k: sum(s.get(k, 0) for s in found) / max(len(found), 1) for k in keys}
            print(f"{fmt + ' ' + dialect:18s}" + "".join(f"{means[k]:16.1f}" for k in keys))
    if not a.score:
        return
    print("scores (mean recall / precision / fields)")
    for fmt in a.formats:
        results = score(a.out / fmt / "MANIFEST.csv", a.forge, a.cmd)
        by: dict[str, list] = defaultdict(list)
        for name, r in results.items():
            by[dialect_of.get(name, "?")].append(r)
            by["all"].append(r)
        for dialect, rs in sorted(by.items()):
            n = len(rs)
            mean = [sum(r[k] for r in rs) / n for k in range(3)]
            print(f"{fmt:5s} {dialect:9s} files={n:3d} recall={mean[0]:.3f} precision={mean[1]:.3f} fields={mean[2]:.3f}")
        worst = sorted(results.items(), key=lambda kv: kv[1][0])[:5]
        print("      lowest recall: " + ", ".join(f"{k} {v[0]:.2f}" for k, v in worst))


if __name__ == "__main__":
    main()
