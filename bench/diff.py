"""Matching speed and memory of ``actionplans diff`` on large plans.

    .venv/bin/python bench/diff.py [--sizes 1000,4000,10000] [--repeat N] [--compare]

The actions of every sample plan (converted once) are repeated, each copy numbered, up to
N actions; the new version is the old one shuffled with ten actions dropped. Repeated texts
make many near-identical pairs, the matcher's worst case. Each size runs in a fresh process:
prints wall and CPU seconds of the diff (best of ``--repeat``), the process's peak memory,
and checks that exactly the ten dropped actions are reported removed. ``--compare`` also
runs the all-pairs matcher (the one small plans get) on the same versions and counts the
pairs on which the two differ.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _versions(n: int):
    import actionplans
    from actionplans.model import Action

    texts = []
    for doc in sorted((ROOT / "samples").glob("0*.docx")):
        texts += actionplans.convert(str(doc), jobs=0)["action"].tolist()
    rng = random.Random(1)
    old = tuple(Action(action_ref=str(i + 1), action=f"{texts[i % len(texts)]} (copy {i // len(texts)})")
                for i in range(n))
    new = list(old)
    rng.shuffle(new)
    return texts, old, tuple(new[:-10])


def one(n: int, repeat: int, compare: bool) -> dict:
    from actionplans.plandiff import diff_versions
    from actionplans.plandiff.load import PlanVersion

    texts, old, new = _versions(n)
    base = _peak_mb()
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = diff_versions(PlanVersion("old", "csv", old), PlanVersion("new", "csv", new))
        best_wall, best_cpu = min(best_wall, time.perf_counter() - wall), min(best_cpu, time.process_time() - cpu)
    out = {"n": n, "distinct": len(texts), "wall": best_wall, "cpu": best_cpu, "peak_mb": _peak_mb(),
           "base_mb": base, "removed": result.summary.count("removed")}
    if compare:
        from actionplans.plandiff import match

        fast = {(m.old, m.new) for m in match.match_actions(old, new)}
        full = {(m.old, m.new) for m in match.match_all_pairs(old, new)}
        out["differ"] = len(fast ^ full)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,4000,10000")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--compare", action="store_true", help="also count pairs differing from the all-pairs matcher")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.repeat, args.compare)))
        return
    for n in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(n), "--repeat", str(args.repeat)]
        proc = subprocess.run(cmd + (["--compare"] if args.compare else []), capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{n:6d} actions: failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        got = json.loads(proc.stdout.strip().splitlines()[-1])
        removed = got["removed"]
        print(f"{n:6d} actions: {got['wall']:7.2f} s wall {got['cpu']:7.2f} s CPU, peak {got['peak_mb']:6.0f} MB "
              f"({got['peak_mb'] - got['base_mb']:+.0f} MB over the loaded versions), {removed} removed"
              f"{'' if removed == 10 else ' - WRONG'}"
              + (f", {got['differ']} pairs differ from all-pairs" if "differ" in got else ""), flush=True)


if __name__ == "__main__":
    main()
