"""Matching speed of ``actionplans diff`` on large plans.

    .venv/bin/python bench/diff.py [--sizes 200,1000,2000] [--repeat N]

The actions of every sample plan (converted once) are repeated, each copy numbered, up to
N actions; the new version is the old one shuffled with ten actions dropped. Repeated texts
make many near-identical pairs, the matcher's worst case. Prints seconds per diff (best of
``--repeat``) and checks that exactly the ten dropped actions are reported removed.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import actionplans
    from actionplans.model import Action
    from actionplans.plandiff import diff_versions
    from actionplans.plandiff.load import PlanVersion

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,1000,2000")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    texts = []
    for doc in sorted((ROOT / "samples").glob("0*.docx")):
        texts += actionplans.convert(str(doc), jobs=0)["action"].tolist()
    rng = random.Random(1)
    print(f"{len(texts)} distinct sample actions")
    for n in (int(s) for s in args.sizes.split(",")):
        old = tuple(Action(action_ref=str(i + 1), action=f"{texts[i % len(texts)]} (copy {i // len(texts)})")
                    for i in range(n))
        new = list(old)
        rng.shuffle(new)
        new = tuple(new[:-10])
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = diff_versions(PlanVersion("old", "csv", old), PlanVersion("new", "csv", new))
            best = min(best, time.perf_counter() - start)
        removed = result.summary.count("removed")
        print(f"{n:6d} actions: {best:6.2f} s  ({removed} removed{'' if removed == 10 else ' - WRONG'})")


if __name__ == "__main__":
    main()
