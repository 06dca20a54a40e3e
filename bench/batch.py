"""Batch throughput: convert a corpus with the command line, for --jobs 1 and --jobs 2, and
report files per minute (wall clock), CPU seconds (the CLI and its workers, user + system),
peak memory and the machine's load average (``os.getloadavg``, before and after each run: the
machine is shared, so a wall-clock figure means little without it).

The corpus is the samples ×N (copies, so nothing is deduplicated), or ``--corpus DIR``: the
files listed in ``DIR/MANIFEST.csv`` (a forge seed: DOCX, PDF, HTML and CMS HTML plans), copied
round-robin up to ``--files`` files.

Peak memory is sampled from /proc every 0.1 s over the whole process tree (the CLI and its
workers): "tree" is the largest sum of RSS seen at once, "largest" the largest single process.

    .venv/bin/python bench/batch.py                 # samples ×20, jobs 1 and 2
    .venv/bin/python bench/batch.py --copies 5 --jobs 1 2 4
    .venv/bin/python bench/batch.py --corpus /tmp/forge/s1 --files 200
    .venv/bin/python bench/batch.py --corpus /tmp/forge/s1 --files 2000 --jobs 2
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
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


def manifest_files(folder: Path) -> list[Path]:
    """The files a scoring manifest lists (``folder/MANIFEST.csv``), else every file in the folder."""
    manifest = folder / "MANIFEST.csv"
    if manifest.exists():
        with open(manifest, encoding="utf-8") as fh:
            return [folder / row["file"] for row in csv.DictReader(fh) if (folder / row["file"]).is_file()]
    return sorted(p for p in folder.iterdir() if p.is_file())


def copy_corpus(dest: Path, files: list[Path], n: int) -> int:
    """``n`` files: ``files`` round-robin, each copy a file of its own."""
    if not files:
        sys.exit("no files in the corpus")
    for k in range(n):
        src = files[k % len(files)]
        shutil.copyfile(src, dest / f"{k:05d}_{src.name}")
    return n


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(corpus: Path, out: Path, jobs: int, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "actionplans.cli", "convert", str(corpus), "-o", str(out),
           "--jobs", str(jobs), "--timeout", str(timeout)]
    load_before = _load()
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    mem.start()
    _, stderr = proc.communicate()
    mem.stop()
    secs = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before  # the CLI and every worker it waited for
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return {"jobs": jobs, "seconds": secs, "cpu": cpu, "status": proc.returncode, "summary": summary,
            "peak_tree_mb": mem.peak_tree_kb / 1024, "peak_one_mb": mem.peak_one_kb / 1024,
            "load": f"{load_before} -> {_load()}"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20, help="samples xN (without --corpus)")
    ap.add_argument("--corpus", type=Path, help="a folder with MANIFEST.csv (a forge seed) or plan files")
    ap.add_argument("--files", type=int, default=200, help="files taken round-robin from --corpus")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="actionplans-bench-") as tmp:
        corpus = Path(tmp) / "plans"
        corpus.mkdir()
        if args.corpus:
            sources = manifest_files(args.corpus)
            n = copy_corpus(corpus, sources, args.files)
            kinds = Counter(sources[k % len(sources)].suffix.lstrip(".") for k in range(n))
            print(f"corpus: {n} files from {args.corpus} ({len(sources)} distinct; "
                  f"{', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}), cores: {os.cpu_count()}")
        else:
            n = make_corpus(corpus, args.copies)
            print(f"corpus: {n} files ({len(sample_files())} samples x {args.copies}), cores: {os.cpu_count()}")
        print(f"{'jobs':>4} {'seconds':>8} {'files/min':>10} {'CPU s':>7} {'CPU s/file':>10} {'peak tree MB':>13} "
              f"{'peak proc MB':>13}  load before -> after; summary")
        for jobs in args.jobs:
            r = run(corpus, Path(tmp) / f"out-{jobs}.csv", jobs, args.timeout)
            print(f"{jobs:>4} {r['seconds']:>8.1f} {n / r['seconds'] * 60:>10.1f} {r['cpu']:>7.1f} {r['cpu'] / n:>10.3f} "
                  f"{r['peak_tree_mb']:>13.0f} {r['peak_one_mb']:>13.0f}  {r['load']}; {r['summary']}", flush=True)


if __name__ == "__main__":
    main()
