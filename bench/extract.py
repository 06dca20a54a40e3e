"""CPU time of the work after the read, per format, on the sample files.

    .venv/bin/python bench/extract.py [--samples DIR] [--repeat N] [--warm] [--profile FORMAT]

Every sample is read first (``actionplans.ingest.read``, not timed). Then, per format, the
time of ``extract.extract`` over its documents, and of ``normalise.normalise_document`` with
the side tables (``conversion.side_tables``) and the expanded acronyms
(``conversion.expand_acronyms``) over their extractions: the steps ``convert_file`` runs
after the read, with the garbage collector paused as it pauses it.

Each figure is the best of ``--repeat`` runs, in CPU seconds of this process
(``time.process_time``). Before each run every memo of a text function in the package's
modules (an ``functools.lru_cache`` with a bounded size; the unbounded ones and those of size 1
hold packaged data, loaded once per process, and are kept) is emptied, so that a run does not profit from the one before it or from
another format's copy of the same plan; within a run the files of one format share them, as
the files a batch worker converts one after another do. ``--warm`` keeps the memos from run to
run (and format to format: the samples are the same plans in several formats), the best case
of a long-lived process. ``--profile FORMAT`` prints where
that format's post-read work spends its time (cProfile, sorted by cumulative time).
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path
from typing import Callable

from memos import clear_memos

ROOT = Path(__file__).resolve().parent.parent
CLOCK: Callable[[], float] = time.process_time

#: the sample files of each format, by suffix
FORMATS = {"pdf": (".pdf",), "docx": (".docx",), "html": (".html", ".htm"), "text": (".txt", ".md")}


def _post_read(extractions: list, options) -> None:
    from actionplans import normalise as norm
    from actionplans.conversion import expand_acronyms, side_tables
    from actionplans.gcpause import paused_gc

    for ex in extractions:
        with paused_gc():
            plan = norm.normalise_document(ex, options)
            side_tables(plan)
        expand_acronyms(plan)


def _extract_all(docs: list) -> list:
    from actionplans.extract import extract
    from actionplans.gcpause import paused_gc

    out = []
    for doc in docs:
        with paused_gc():
            out.append(extract(doc))
    return out


def bench(samples: Path, repeat: int, profile: str | None, warm: bool = False) -> None:
    from actionplans.ingest import read
    from actionplans.settings import ConvertOptions

    options = ConvertOptions()
    docs = {fmt: [read(p) for p in sorted(samples.iterdir()) if p.suffix.lower() in suffixes]
            for fmt, suffixes in FORMATS.items()}
    for fmt_docs in docs.values():  # packaged data and first imports are not the files' cost
        _post_read(_extract_all(fmt_docs[:1]), options)
    print(f"{'format':8} {'files':>5} {'extract s':>10} {'normalise s':>12} {'post-read s':>12}  (CPU, best of {repeat}{', memos kept' if warm else ''})")
    totals = [0.0, 0.0]
    for fmt, fmt_docs in docs.items():
        best_ex = best_norm = float("inf")
        for _ in range(repeat):
            if not warm:
                clear_memos()
            start = CLOCK()
            extractions = _extract_all(fmt_docs)
            mid = CLOCK()
            _post_read(extractions, options)
            end = CLOCK()
            best_ex, best_norm = min(best_ex, mid - start), min(best_norm, end - mid)
        totals[0] += best_ex
        totals[1] += best_norm
        print(f"{fmt:8} {len(fmt_docs):>5} {best_ex:>10.3f} {best_norm:>12.3f} {best_ex + best_norm:>12.3f}")
    print(f"{'all':8} {sum(map(len, docs.values())):>5} {totals[0]:>10.3f} {totals[1]:>12.3f} {sum(totals):>12.3f}")
    if profile:
        clear_memos()
        profiler = cProfile.Profile()
        profiler.enable()
        _post_read(_extract_all(docs[profile]), options)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warm", action="store_true", help="keep the memos from run to run")
    parser.add_argument("--profile", choices=sorted(FORMATS), help="profile this format's post-read work")
    args = parser.parse_args()
    bench(args.samples, args.repeat, args.profile, args.warm)


if __name__ == "__main__":
    main()
