#!/usr/bin/env python3
"""Convert every sample of samples/MANIFEST.csv and score it against samples/expected.

usage: tools/score_samples.py [--manifest samples/MANIFEST.csv] [--gold-dir samples/expected]
                              [--cmd "actionplans convert"] [--only SUBSTRING] [--show-misses]

What ``make score`` runs on a clone with nothing beside it (no ``../shared``): the same report as
the shared tools' score_samples.py — one line per file, then ``overall: ...`` with the means and
the worst file — scored by the project's own copy of the gold rules (tests/gold_scoring.py)
against the project's copy of the gold (samples/expected). All the samples are converted by one
``actionplans convert`` run, as a user would (the CSV it writes is what is scored), and split by
``source_file``. Exit status 0 always; the figures are the result.
"""
from __future__ import annotations

import argparse
import csv
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import gold_scoring  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--manifest", default=str(ROOT / "samples" / "MANIFEST.csv"))
    p.add_argument("--gold-dir", default=str(ROOT / "samples" / "expected"))
    p.add_argument("--cmd", default=os.environ.get("ACTIONPLANS_CMD", "actionplans convert"))
    p.add_argument("--only", default="", help="score only files whose path contains this")
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--show-misses", action="store_true")
    a = p.parse_args(argv)

    base = Path(a.manifest).resolve().parent
    with open(a.manifest, encoding="utf-8-sig", newline="") as fh:
        entries = [r for r in csv.DictReader(fh) if a.only in r["file"]]
    if not entries:
        print("overall: no samples")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "actions.csv"
        start = time.perf_counter()
        proc = subprocess.run(shlex.split(a.cmd) + [str(base / e["file"]) for e in entries] + ["-o", str(out)],
                              capture_output=True, text=True, timeout=a.timeout)
        secs = time.perf_counter() - start
        rows = []
        if out.exists():
            with open(out, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh))
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(row["source_file"], []).append(row)
    failed = {line.split(": ", 2)[1]: line for line in proc.stderr.splitlines() if line.startswith("error: ")
              and line.count(": ") >= 2}
    results = []
    for entry in entries:
        name = Path(entry["file"]).name
        if name not in by_file and any(name in k for k in failed):
            print(f"{entry['file']:55s} FAILED: {next(v for k, v in failed.items() if name in k)[:200]}")
            results.append({"recall": 0.0, "precision": 0.0, "fields": 0.0})
            continue
        r = gold_scoring.score(gold_scoring.load_gold(Path(a.gold_dir) / f"{entry['seed']}.jsonl"),
                               by_file.get(name, []))
        results.append({"recall": r.recall, "precision": r.precision, "fields": r.fields})
        if a.show_misses:
            for m in r.misses:
                print("   MISS", str(m)[:300])
        print(f"{entry['file']:55s} recall={r.recall:.3f} precision={r.precision:.3f} fields={r.fields:.3f} "
              f"({r.matched}/{r.gold_actions} gold, {r.output_rows} rows)")
    mean = {k: sum(r[k] for r in results) / len(results) for k in ("recall", "precision", "fields")}
    worst = {k: min(r[k] for r in results) for k in ("recall", "precision", "fields")}
    print(f"overall: files={len(results)} mean recall={mean['recall']:.3f} precision={mean['precision']:.3f} "
          f"fields={mean['fields']:.3f}; worst recall={worst['recall']:.3f} "
          f"precision={worst['precision']:.3f} fields={worst['fields']:.3f} ({secs:.1f}s to convert)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
