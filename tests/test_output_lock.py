"""What a run leaves beside its outputs: short temporary names that carry the writer's pid and host,
stale ones of killed runs removed when a command starts (ours only), and a lock on the output so
that two runs into the same output set cannot interleave."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplans.cli import main
from actionplans.outputlock import OutputLocked, _host_tag, clean_stale, lock_path, output_lock, temp_prefix
from actionplans.writers import atomic_path
from plan_versions import NEW, OLD, write_docx


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _dead_pid() -> int:
    """The pid of a process that has ended (a child started and waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return write_docx(OLD, tmp_path_factory.mktemp("plan") / "plan.docx")


def test_temp_names_are_short_and_name_the_writer(tmp_path):
    target = tmp_path / ("a" * 250 + ".csv")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(temp_prefix()) and tmp.name.endswith(".part")
        assert len(tmp.name) < 40
        tmp.write_text("x")
    assert target.read_text() == "x" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_clean_stale_removes_only_our_dead_leftovers(tmp_path):
    dead, alive, host = _dead_pid(), os.getppid(), _host_tag()
    other_host = "0000" if host != "0000" else "ffff"
    stale = [tmp_path / f".ap-{dead}-{host}-abcd1234.part", tmp_path / f".ap-{dead}-{host}-k2_9x0qz.probe"]
    kept = [tmp_path / f".ap-{alive}-{host}-abcd1234.part",  # a run still going
            tmp_path / f".ap-{os.getpid()}-{host}-abcd1234.part",  # this very process
            tmp_path / f".ap-{dead}-{other_host}-abcd1234.part",  # written on another machine
            tmp_path / ".plan.csv.abcd1234.part",  # not our pattern
            tmp_path / f"ap-{dead}-{host}-abcd1234.part",  # not hidden: not ours
            tmp_path / f".ap-{dead}-{host}-abcd1234.csv"]  # not a temporary suffix
    for p in stale + kept:
        p.write_text("left over")
    assert sorted(clean_stale(tmp_path)) == sorted(stale)
    assert sorted(p for p in tmp_path.iterdir()) == sorted(kept)
    assert clean_stale(tmp_path / "no-such-folder") == []


@pytest.mark.parametrize("command", ("convert", "diff", "compare"))
def test_a_command_removes_stale_leftovers_beside_its_output(plan, tmp_path, command):
    stale = tmp_path / f".ap-{_dead_pid()}-{_host_tag()}-zz9yy8xx.part"
    stale.write_text("a killed run's half-written table")
    foreign = tmp_path / ".report.html.tmp"
    foreign.write_text("another program's")
    out = tmp_path / ("out.csv" if command != "compare" else "out.html")
    args = {"convert": ("convert", plan, "-o", out), "diff": ("diff", plan, plan, "-o", out),
            "compare": ("compare", plan, "-o", out)}[command]
    result = _run(*args)
    assert result.exit_code == 0, result.output
    assert not stale.exists() and foreign.exists() and out.exists()


def test_a_second_run_into_a_locked_output_fails_clearly(plan, tmp_path):
    out = tmp_path / "actions.csv"
    with output_lock(out):
        assert lock_path(out).exists() and lock_path(out).parent == tmp_path
        result = _run("convert", plan, "-o", out, "--tables", "all")
        assert result.exit_code == 3, result.output
        assert result.output == (f"error: another actionplans run (process {os.getpid()}) is writing {out}: "
                                 f"wait for it to finish, or write the output elsewhere\n")
        assert not out.exists()
        with pytest.raises(OutputLocked):
            with output_lock(tmp_path / "." / "actions.csv"):  # the same output by another spelling
                pass
    assert not lock_path(out).exists()  # removed when the holder is done
    result = _run("convert", plan, "-o", out)
    assert result.exit_code == 0, result.output
    assert not lock_path(out).exists() and out.exists()


@pytest.mark.parametrize("command", ("diff", "compare"))
def test_diff_and_compare_lock_their_output_too(plan, tmp_path, command):
    out = tmp_path / "out.html"
    with output_lock(out):
        args = ("diff", plan, plan, "-o", out) if command == "diff" else ("compare", plan, "-o", out)
        result = _run(*args)
    assert result.exit_code == 3 and "is writing" in result.output, result.output
    assert not out.exists()


def test_a_lock_held_by_a_killed_process_is_released(plan, tmp_path):
    """The kernel drops a dead holder's flock: the lock file it left does not block the next run."""
    out = tmp_path / "actions.xlsx"
    code = ("import os, sys; from actionplans.outputlock import output_lock\n"
            f"with output_lock({str(out)!r}): os._exit(0)\n")  # dies holding the lock, removing nothing
    subprocess.run([sys.executable, "-c", code], check=True)
    assert lock_path(out).exists()
    result = _run("convert", plan, "-o", out)
    assert result.exit_code == 0, result.output
    assert not lock_path(out).exists()


def test_outputs_named_near_the_file_system_limit(plan, tmp_path):
    """Temporary and lock names do not repeat the output's: a 254-byte name is written."""
    new = write_docx(NEW, tmp_path / "new.docx")
    for name, args in (("x" * 249 + ".xlsx", ("convert", plan)), ("y" * 249 + ".html", ("diff", plan, new)),
                       ("z" * 249 + ".html", ("compare", plan))):
        out = tmp_path / name
        result = _run(*args, "-o", out)
        assert result.exit_code == 0, result.output
        assert out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
