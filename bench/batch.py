"""Batch throughput: convert the samples ×N (copies, so nothing is deduplicated) with the
command line, for --jobs 1 and --jobs 2, and report files per minute and peak memory.

Peak memory is sampled from /proc every 0.1 s over the whole process tree (the CLI and its
workers): "tree" is the largest sum of RSS seen at once, "largest" the largest single process.

    .venv/bin/python bench/batch.py                 # samples ×20, jobs 1 and 2
    .venv/bin/python bench/batch.py --copies 5 --jobs 1 2 4
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample_files() -> list[Path]:
    manifest = SAMPLES / "MANIFEST.csv"
    if manifest.exists():
        with open(manifest, encoding="utf-8") as fh:
            return [SAMPLES / row["file"] for row in csv.DictReader(fh) if (SAMPLES / row["file"]).exists()]
    return sorted(p for p in SAMPLES.glob("0*_*.*"))


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the RSS of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_tree_kb = self.peak_one_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            kids = _children()
            todo, tree = [self.pid], []
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(kids.get(pid, []))
            sizes = [_rss_kb(p) for p in tree]
            self.peak_tree_kb = max(self.peak_tree_kb, sum(sizes))
            self.peak_one_kb = max(self.peak_one_kb, max(sizes, default=0))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def make_corpus(dest: Path, copies: int) -> int:
    files = sample_files()
    if not files:
        sys.exit("no samples: build them first (make samples)")
    n = 0
    for k in range(copies):
        for src in files:
            shutil.copyfile(src, dest / f"{k:03d}_{src.name}")
            n += 1
    return n


def run(corpus: Path, out: Path, jobs: int, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "actionplans.cli", "convert", str(corpus), "-o", str(out),
           "--jobs", str(jobs), "--timeout", str(timeout)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    mem.start()
    _, stderr = proc.communicate()
    mem.stop()
    secs = time.perf_counter() - start
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return {"jobs": jobs, "seconds": secs, "status": proc.returncode, "summary": summary,
            "peak_tree_mb": mem.peak_tree_kb / 1024, "peak_one_mb": mem.peak_one_kb / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="actionplans-bench-") as tmp:
        corpus = Path(tmp) / "plans"
        corpus.mkdir()
        n = make_corpus(corpus, args.copies)
        print(f"corpus: {n} files ({len(sample_files())} samples x {args.copies}), cores: {os.cpu_count()}")
        print(f"{'jobs':>4} {'seconds':>8} {'files/min':>10} {'peak tree MB':>13} {'peak proc MB':>13}  summary")
        for jobs in args.jobs:
            r = run(corpus, Path(tmp) / f"out-{jobs}.csv", jobs, args.timeout)
            print(f"{jobs:>4} {r['seconds']:>8.1f} {n / r['seconds'] * 60:>10.1f} {r['peak_tree_mb']:>13.0f} "
                  f"{r['peak_one_mb']:>13.0f}  {r['summary']}", flush=True)


if __name__ == "__main__":
    main()
