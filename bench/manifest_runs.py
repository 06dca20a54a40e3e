"""Convert every file of a scoring manifest (forge or realdev) the way `actionplans convert FILE -o X.csv`
does, but in a few long-lived processes, and write each output where the forge's dimreport looks for it.

    python bench/manifest_runs.py OUT            # OUT/MANIFEST.csv -> OUT/_runs/<file>.csv
    python ../shared/tools/forge/dimreport.py OUT --reuse

The CLI pays about a second of start-up per file; a forge set of 200 files then takes minutes more than
the conversion itself. Each output is the table the CLI writes (same converter, same CSV writer); a file
that fails writes no CSV, as the CLI writes none.
"""
from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import sys
from pathlib import Path


def _convert(job: tuple[str, str]) -> tuple[str, str]:
    import actionplans
    from actionplans.writers import write_tables

    src, dst = job
    try:
        tables = actionplans.convert_tables([src], jobs=0)
        if all(s == "failed" for s in tables.column("documents", "status")):
            return src, "failed"
        write_tables(tables, dst)
        return src, "ok"
    except Exception as exc:  # a crash of one file is reported, the others go on
        return src, f"crashed: {exc}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="folder holding MANIFEST.csv")
    ap.add_argument("--runs", default=None, help="where outputs go (default OUT/_runs)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", default="", help="only files whose name contains this")
    a = ap.parse_args(argv)
    out = Path(a.out)
    runs = Path(a.runs) if a.runs else out / "_runs"
    with open(out / "MANIFEST.csv", encoding="utf-8") as fh:
        entries = [e for e in csv.DictReader(fh) if a.only in e["file"]]
    jobs = []
    for e in entries:
        dst = runs / (e["file"] + ".csv")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.exists():
            dst.unlink()
        jobs.append((str(out / e["file"]), str(dst)))
    with multiprocessing.get_context("spawn").Pool(a.jobs, maxtasksperchild=50) as pool:
        for src, status in pool.imap_unordered(_convert, jobs):
            if status != "ok":
                print(f"{src}: {status}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
