"""Every file runs in a worker that can be killed: a hang, a memory blow-up or a segfault
costs that file only, and results come back in input order whatever the number of jobs.

The misbehaving files are simulated by per-file functions defined here and handed to
``run_batch(worker=...)``, a library argument no command-line input can reach; the pool,
limits and error reporting under test are the real ones.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

from actionplans.batch import convert_one, run_batch
from actionplans.results import FileResult
from actionplans.settings import BatchOptions, ConvertOptions
from structured import SAMPLES

SECRET = "SECRET-7f3a-do-not-leak"


def misbehaving(path: str, options: ConvertOptions) -> FileResult:
    """Behaves as the file's name says; ordinary files are converted for real."""
    name = Path(path).name
    if "hang" in name:
        while True:
            time.sleep(3600)
    if "segfault" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "hog" in name:
        blob = bytearray(8 * 1024 ** 3)  # 8 GB: far past the worker's limit
        return FileResult(path=path, error=f"allocated {len(blob)}")
    if "bug" in name:
        raise ValueError(f"reader bug quoting the file: {SECRET}")
    return convert_one(path, options)


def _plain(tmp_path: Path, name: str, text: str = "Action plan\n\nNothing here.\n") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_hang_hits_timeout_and_the_batch_goes_on(tmp_path):
    files = [_plain(tmp_path, "a.txt"), _plain(tmp_path, "hang.txt"), _plain(tmp_path, "b.txt")]
    results = run_batch(files, batch=BatchOptions(jobs=2, timeout=5), worker=misbehaving)
    assert [r.path for r in results] == files
    assert results[1].error == "timed out after 5 s (raise --timeout if the file is genuine)"
    assert results[0].ok and results[2].ok


def test_segfault_costs_one_file_even_with_one_worker(tmp_path):
    files = [_plain(tmp_path, "a.txt"), _plain(tmp_path, "segfault.txt"), _plain(tmp_path, "b.txt"),
             _plain(tmp_path, "c.txt")]
    results = run_batch(files, batch=BatchOptions(jobs=1, timeout=60), worker=misbehaving)
    assert [r.path for r in results] == files
    assert results[1].error == "worker process died (SIGSEGV) while converting this file"
    assert [r.ok for r in results] == [True, False, True, True]


def test_memory_limit_gives_a_clear_error(tmp_path):
    files = [_plain(tmp_path, "hog.txt"), _plain(tmp_path, "a.txt")]
    results = run_batch(files, batch=BatchOptions(jobs=1, timeout=60, memory_limit=1024), worker=misbehaving)
    assert results[0].error.startswith("out of memory while converting")
    assert results[1].ok


def test_unexpected_exception_is_reported_without_its_message(tmp_path):
    files = [_plain(tmp_path, "bug.txt")]
    (result,) = run_batch(files, batch=BatchOptions(jobs=1), worker=misbehaving)
    assert "ValueError" in result.error and "test_batch_isolation.py" not in result.error
    assert SECRET not in result.error


def test_unreadable_path_fails_alone(tmp_path):
    files = [str(tmp_path / "gone.txt"), _plain(tmp_path, "a.txt")]
    results = run_batch(files, batch=BatchOptions(jobs=1))
    assert results[0].error.startswith("cannot open file")
    assert results[1].ok


def _sample_subset() -> list[str]:
    """Every sample that is not a PDF, plus one PDF (PDFs are slow to read)."""
    files = sorted(p for p in SAMPLES.glob("0*_*.*") if p.suffix != ".pdf")
    pdfs = sorted(SAMPLES.glob("0*_*.pdf"))
    return [str(p) for p in files + pdfs[-1:]]


def _comparable(results: list[FileResult]) -> list:
    return [replace(r, seconds=0.0) for r in results]


def test_jobs_2_equals_jobs_1_in_input_order():
    files = _sample_subset()
    if len(files) < 4:
        pytest.skip("samples/ not built")
    one = run_batch(files, batch=BatchOptions(jobs=1))
    two = run_batch(files, batch=BatchOptions(jobs=2))
    assert [r.path for r in one] == files
    assert _comparable(one) == _comparable(two)
    assert sum(len(r.actions) for r in one) > 0
    assert all(r.extraction is None for r in one)  # the Document does not cross back
    here = run_batch(files, batch=BatchOptions(jobs=0))  # in-process gives the same
    assert _comparable(here) == _comparable(one)
