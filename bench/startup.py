"""Start-up: what `import actionplans` and the command's first file cost before any page is read.

    .venv/bin/python bench/startup.py [--file SMALL.docx] [--repeat N] [--top N]

1. ``python -X importtime -c "import actionplans"``: the total, and the top-level packages it
   pulls in by their own (self) import time; then the same for the whole command
   ``actionplans convert SMALL -o x.csv`` (its worker's imports included).
2. The whole command against the floor: ``python -c "import numpy, pypdfium2, lxml, click"``,
   best of ``--repeat``, the two taking turns; wall seconds and CPU seconds (the children's
   user + system time, a command's worker processes included). Also ``import actionplans``
   and ``actionplans --version`` alone.

The machine's load is printed beside the figures: on a shared machine only the ratios of
one run compare.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "import numpy, pypdfium2, lxml, click"


def _exe() -> list[str]:
    exe = Path(sys.executable).parent / "actionplans"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "actionplans.cli"]


def _cli_importtime() -> list[str]:
    return [sys.executable, "-X", "importtime", "-c", "from actionplans.cli import main; main()"]


def importtime(argv: list[str]) -> tuple[float, dict[str, float], dict[str, float]]:
    """(total seconds, self seconds by top-level package, self seconds by package of the project)
    of the imports ``argv`` makes under ``-X importtime`` (its forked workers included)."""
    proc = subprocess.run(argv, capture_output=True, text=True)
    by_top: dict[str, float] = defaultdict(float)
    ours: dict[str, float] = defaultdict(float)
    total = 0.0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|", 2))
        seconds = int(self_us) / 1e6
        total += seconds
        top = name.split(".")[0]
        by_top[top] += seconds
        if top == "actionplans":
            ours[".".join(name.split(".")[:2])] += seconds
    return total, by_top, ours


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``argv``."""
    cpu, wall = _children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.strip()[-300:]}")
    return time.perf_counter() - wall, _children_cpu() - cpu


def _print_imports(title: str, argv: list[str], top: int) -> None:
    total, by_top, ours = importtime(argv)
    print(f"\n{title}: {total:.3f} s of imports (self times summed, -X importtime)")
    for name, seconds in sorted(by_top.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:28} {seconds:7.3f} s")
    if ours:
        print("  of the package itself:")
        for name, seconds in sorted(ours.items(), key=lambda kv: -kv[1])[:top]:
            print(f"    {name:26} {seconds:7.3f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, help="the small plan (default: the smallest sample DOCX)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pyc import compile_package

    compile_package()  # as an installed package has its bytecode
    small = args.file or min(sorted((ROOT / "samples").glob("*.docx")), key=lambda p: p.stat().st_size)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {load}; {os.cpu_count()} cores; small plan {small.name}")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "x.csv")
        command = _exe() + ["convert", str(small), "-o", out]
        _print_imports("import actionplans", [sys.executable, "-X", "importtime", "-c", "import actionplans"], args.top)
        _print_imports(f"actionplans convert {small.name} -o x.csv",
                       _cli_importtime() + ["convert", str(small), "-o", out], args.top)
        runners = {
            f"python -c '{FLOOR}'": [sys.executable, "-c", FLOOR],
            "python -c 'import actionplans'": [sys.executable, "-c", "import actionplans"],
            "actionplans --version": _exe() + ["--version"],
            f"actionplans convert {small.name}": command,
        }
        best = {name: (float("inf"), float("inf")) for name in runners}
        for _ in range(args.repeat):
            for name, run in runners.items():  # taking turns
                wall, cpu = timed(run)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
        floor_wall, floor_cpu = best[f"python -c '{FLOOR}'"]
        print(f"\nbest of {args.repeat}, taking turns:        wall s   ratio    CPU s   ratio")
        for name, (wall, cpu) in best.items():
            print(f"  {name:42} {wall:6.3f} {wall / floor_wall:6.1f}x  {cpu:6.3f} {cpu / floor_cpu:6.1f}x")
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
