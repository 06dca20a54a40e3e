"""Compare at scale: the samples' actions replicated into 2,000 plans under varied authorities
(about 600,000 rows), then ``actionplans compare`` on that table -> HTML report and --tables CSVs.

Reports the command's wall time and peak memory (ru_maxrss of the child process), the report's
size, and the time of each stage when run in this process (read, views, page, tables).

    .venv/bin/python bench/compare.py                       # 2,000 plans
    .venv/bin/python bench/compare.py --plans 200 --keep /tmp/bench-compare
    .venv/bin/python bench/compare.py --format csv         # from an 860 MB CSV instead of Parquet
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AS_OF = "2014-06-30"


def sample_actions(work: Path) -> pd.DataFrame:
    """The samples converted once (every format), as the rows to replicate."""
    target = work / "samples.csv"
    if not target.exists():
        files = [str(p) for p in sorted(SAMPLES.glob("0*_*.*"))]
        subprocess.run([sys.executable, "-m", "actionplans.cli", "convert", *files, "-o", str(target), "--tables", "all"],
                       check=True, stderr=subprocess.DEVNULL)
    return pd.read_csv(target, dtype=str, keep_default_na=False)


def authorities() -> list[tuple[str, str]]:
    path = ROOT / "normalise" / "data" / "authorities.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = csv.DictReader(lines)
    return [(r["name"], r["code"]) for r in rows if not r.get("valid_to")]


def replicate(actions: pd.DataFrame, plans: int) -> pd.DataFrame:
    """``plans`` plans, each the rows of ten sample files in turn, under an authority in turn, with
    its due dates moved by a whole number of quarters so the plans do not all fall due together."""
    by_file = [g for _, g in actions.groupby("source_file", sort=True)]
    councils = authorities()
    due = pd.to_datetime(actions["due_end"], format="%Y-%m-%d", errors="coerce")
    shifted = {q: (due + pd.DateOffset(months=3 * q)).dt.strftime("%Y-%m-%d").fillna("") for q in range(-4, 8)}
    frames = []
    for i in range(plans):
        name, code = councils[i % len(councils)]
        idx = pd.concat([by_file[(i + j) % len(by_file)] for j in range(10)]).index
        part = actions.loc[idx].copy()
        part["authority"], part["authority_code"] = name, code
        part["plan_title"] = f"{name} inspection action plan {2011 + i % 4}"
        part["plan_date"] = f"{2011 + i % 4}-0{1 + i % 9}-15"
        part["source_file"] = f"plan_{i:04d}.docx"
        part["due_end"] = shifted[(i % 12) - 4].loc[idx].to_numpy()
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=2000)
    ap.add_argument("--keep", type=Path, help="folder to keep the table, report and CSVs in")
    ap.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="the table compare reads")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    big = replicate(sample_actions(work), args.plans)
    table = work / f"actions.{args.format}"  # as convert writes them
    if args.format == "parquet":
        big.to_parquet(table, index=False)
    else:
        big.to_csv(table, index=False)
    print(f"{args.plans:,} plans, {len(big):,} rows, {big['authority'].nunique()} authorities "
          f"({table.stat().st_size / 1e6:.0f} MB {args.format})")

    report, views_dir = work / "report.html", work / "views"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "actionplans.cli", "compare", str(table), "-o", str(report), "--as-of", AS_OF,
                    "--tables", str(views_dir)], check=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tables_mb = sum(p.stat().st_size for p in views_dir.glob("*.csv")) / 1e6
    size = report.stat().st_size / 1e6
    print(f"command: {wall:.1f} s, peak memory {peak:,.0f} MB, report {size:.2f} MB, tables {tables_mb:.0f} MB")
    print(f"goals (under 30 s, report under 5 MB): {'met' if wall < 30 and size < 5 else 'NOT met'}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    from actionplans.comparison import write_view_tables
    from actionplans.comparison.inputs import load_inputs
    from actionplans.comparison.render import render_report
    from actionplans.comparison.views import build

    t0 = time.perf_counter()
    inputs = load_inputs([table])
    t1 = time.perf_counter()
    views = build(inputs, pd.Timestamp(AS_OF).date())
    t2 = time.perf_counter()
    render_report(views)
    t3 = time.perf_counter()
    write_view_tables(views, work / "views2")
    t4 = time.perf_counter()
    print(f"stages: read {t1 - t0:.1f} s, views {t2 - t1:.1f} s, page {t3 - t2:.1f} s, tables {t4 - t3:.1f} s")


if __name__ == "__main__":
    main()
