"""--resume skips inputs already converted with the same content (and name and options);
an interrupted run leaves the previous output, and the journal lets the next run go on."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplans.batch import convert_one, run_batch
from actionplans.settings import BatchOptions
from actionplans.cli import main
from actionplans.journal import journal_for
from actionplans.journal import Journal
from actionplans.results import FileResult
from actionplans.settings import ConvertOptions
from structured import SAMPLES

CALLS: list[str] = []


def counting(path: str, options: ConvertOptions) -> FileResult:
    CALLS.append(Path(path).name)
    return convert_one(path, options)


def _files(tmp_path: Path, n: int = 3) -> list[str]:
    srcs = sorted(p for p in SAMPLES.glob("0*_*.*") if p.suffix in (".txt", ".md", ".html"))[:n]
    if len(srcs) < n:
        pytest.skip("samples/ not built")
    out = []
    for src in srcs:
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        out.append(str(dst))
    return out


def _run(files, journal, resume=True, options=ConvertOptions()):
    CALLS.clear()
    return run_batch(files, options, BatchOptions(jobs=0, journal=str(journal), resume=resume), worker=counting)


def _same(a: list[FileResult], b: list[FileResult]) -> bool:
    strip = [replace(r, seconds=0.0, resumed=False) for r in a]
    return strip == [replace(r, seconds=0.0, resumed=False) for r in b]


def test_resume_skips_what_was_converted(tmp_path):
    files = _files(tmp_path)
    journal = tmp_path / "out.journal.jsonl"
    first = _run(files, journal, resume=False)
    assert len(CALLS) == 3 and not any(r.resumed for r in first)
    again = _run(files, journal)
    assert CALLS == [] and all(r.resumed for r in again)
    assert _same(first, again)

    Path(files[1]).write_bytes(Path(files[1]).read_bytes() + b"\n")  # changed content: converted again
    third = _run(files, journal)
    assert CALLS == [Path(files[1]).name]
    assert [r.resumed for r in third] == [True, False, True]

    _run(files, journal, options=ConvertOptions(authority="Somewhere"))  # other options: all again
    assert len(CALLS) == 3

    renamed = str(Path(files[0]).with_name("renamed" + Path(files[0]).suffix))
    Path(files[0]).rename(renamed)  # the rows carry the file name, so a new name converts again
    _run([renamed, files[2]], journal)
    assert CALLS == [Path(renamed).name]


def test_without_resume_everything_is_converted(tmp_path):
    files = _files(tmp_path, 2)
    journal = tmp_path / "j.jsonl"
    _run(files, journal, resume=False)
    _run(files, journal, resume=False)
    assert len(CALLS) == 2


def test_failed_files_are_tried_again(tmp_path):
    files = _files(tmp_path, 1) + [str(tmp_path / "empty.txt")]
    Path(files[1]).write_bytes(b"")
    journal = tmp_path / "j.jsonl"
    _run(files, journal)
    assert len(CALLS) == 2
    results = _run(files, journal)
    assert CALLS == ["empty.txt"] and results[1].error == "empty file"


def test_a_line_cut_by_an_interruption_is_ignored(tmp_path):
    files = _files(tmp_path, 2)
    journal = tmp_path / "j.jsonl"
    _run(files[:1], journal)
    with open(journal, "a", encoding="utf-8") as fh:
        fh.write('{"key": "abc", "path": "cut sho')  # the run died mid-line
    assert len(Journal(journal).load()) == 1
    _run(files, journal)
    assert CALLS == [Path(files[1]).name]
    assert len(Journal(journal).load()) == 2  # the next line did not glue onto the cut one
    _run(files, journal)
    assert CALLS == []


def test_the_password_is_never_written_to_the_journal(tmp_path):
    files = _files(tmp_path, 1)
    journal = tmp_path / "j.jsonl"
    _run(files, journal, options=ConvertOptions(password="hunter2-pw"))
    assert "hunter2-pw" not in journal.read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["0", "1"])
def test_cli_interrupted_run_keeps_previous_output_then_resumes(tmp_path, monkeypatch, jobs):
    from actionplans import cli

    files = _files(tmp_path, 3)
    out = tmp_path / "out" / "actions.csv"
    out.parent.mkdir()
    out.write_bytes(b"previous,output\r\n")
    real = cli._Progress.__call__
    seen = {"n": 0}

    def interrupt_after_two(self, result):  # Ctrl-C arrives while the third file is on its way
        real(self, result)
        seen["n"] += 1
        if seen["n"] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli._Progress, "__call__", interrupt_after_two)
    runner = CliRunner()
    result = runner.invoke(main, ["convert", *files, "-o", str(out), "--jobs", jobs, "--resume"])
    assert result.exit_code == 130
    assert "interrupted" in result.output and "rerun with --resume to continue" in result.output
    assert out.read_bytes() == b"previous,output\r\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["actions.csv"]  # the journal is out of sight
    assert len(Journal(journal_for(out)).load()) == 2

    monkeypatch.setattr(cli._Progress, "__call__", real)
    result = runner.invoke(main, ["convert", *files, "-o", str(out), "--resume", "-v", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.count("resumed: ") == 2 and result.output.count("ok: ") == 1
    assert "3 files (2 resumed), " in result.output
    fresh = tmp_path / "fresh.csv"
    assert runner.invoke(main, ["convert", *files, "-o", str(fresh), "--jobs", "1"]).exit_code == 0
    assert out.read_bytes() == fresh.read_bytes()  # resumed output is what a fresh run gives


def test_cli_keeps_no_journal_without_resume_and_a_private_one_with_it(tmp_path, monkeypatch):
    """Issue 19: a journal holds the plans' text: only with --resume, 0600 in a 0700 folder."""
    import os
    import stat

    from actionplans import cli

    files = _files(tmp_path, 2)
    out = tmp_path / "actions.csv"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", *files, "-o", str(out), "--jobs", "0"]).exit_code == 0
    assert not journal_for(out).exists()
    real = cli._Progress.__call__

    def interrupt(self, result):
        real(self, result)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli._Progress, "__call__", interrupt)
    result = runner.invoke(main, ["convert", *files, "-o", str(out), "--jobs", "0"])
    assert result.exit_code == 130 and "run with --resume to keep a journal" in result.output
    monkeypatch.setattr(cli._Progress, "__call__", real)
    assert runner.invoke(main, ["convert", *files, "-o", str(out), "--jobs", "0", "--resume"]).exit_code == 0
    journal = journal_for(out)
    assert stat.S_IMODE(os.stat(journal).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(journal.parent).st_mode) & 0o077 == 0


def test_old_journals_are_pruned_when_one_is_opened(tmp_path):
    import os
    import time

    from actionplans.journal import KEEP_DAYS, open_journal

    folder = tmp_path / "journals"
    folder.mkdir()
    old, recent, other = folder / "old.jsonl", folder / "recent.jsonl", folder / "notes.txt"
    for p in (old, recent, other):
        p.write_text("{}\n", encoding="utf-8")
    stale = time.time() - (KEEP_DAYS + 1) * 86400
    os.utime(old, (stale, stale))
    os.utime(other, (stale, stale))
    assert open_journal(folder / "new.jsonl") is not None
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "recent.jsonl"]
