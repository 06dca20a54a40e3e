"""The README's commands run as written (issue 19, item 1).

The shell blocks of README.md (and the ``$ actionplans …`` examples of its other blocks) are read
in order and run in a temporary copy of the project, in a shell whose PATH has no ``actionplans``
until the README's own activation line puts it there. A command that needs the network, root or
minutes (``make test`` itself, ``make bench``, ``make samples``, ``pip install``, ``apt-get``) is
not run, and neither is a command on a file of the reader's own (``tracker.xlsx``): those are
listed here, so a new README command either runs or is named below.
"""
from __future__ import annotations

import csv
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: commands not run, by their first words, and why
NOT_RUN = {
    "make test": "runs this suite",
    "make bench": "minutes of timing",
    "make samples": "rebuilds the samples with LibreOffice",
    "pip install": "needs the network",
    "sudo apt-get": "needs root and the network",
}
#: commands on a reader's own files (their input is not in the project), as the README writes them
OWN_FILES = {
    "actionplans convert scanned-plan.pdf -o actions.csv",
    "actionplans inspect tracker.xlsx",
}
#: options of the actionplans commands that take a value (the value is not an input)
VALUE_OPTIONS = {"-o", "--output", "--format", "--tables", "-j", "--jobs", "--timeout", "--memory-limit", "--dask",
                 "--plan-date", "--authority", "--roster", "--acronyms", "--password", "--pdf-engine", "--ocr",
                 "--as-of"}


def readme_commands(text: str) -> list[tuple[str, str, list[str]]]:
    """(kind, command, shown output) in README order: every line of a ``sh`` block (comments and
    continuation lines of comments left out), and every ``$ command`` of another block with the
    lines printed under it."""
    out = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.M | re.S):
        lines = body.splitlines()
        if lang == "sh":
            for line in lines:
                command = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
                if command:
                    out.append(("sh", command, []))
        elif lang == "":
            for i, line in enumerate(lines):
                if line.startswith("$ "):
                    shown = []
                    for after in lines[i + 1:]:
                        if after.startswith("$ "):
                            break
                        shown.append(after)
                    out.append(("example", line[2:].strip(), shown))
    return out


def _inputs(command: str, cwd: Path) -> list[str]:
    """The input paths of an ``actionplans`` command (globs expanded in ``cwd``)."""
    words = shlex.split(command)[2:]
    inputs, skip = [], False
    for word in words:
        if skip:
            skip = False
            continue
        if word.startswith("-"):
            skip = word in VALUE_OPTIONS
            continue
        inputs.append(word)
    return inputs


def _missing_input(command: str, cwd: Path) -> bool:
    for word in _inputs(command, cwd):
        if not (glob.glob(str(cwd / word)) if any(c in word for c in "*?[") else (cwd / word).exists()):
            return True
    return False


def test_the_readme_lists_the_commands_this_test_runs():
    commands = [c for _, c, _ in readme_commands(README.read_text(encoding="utf-8"))]
    assert "make demo" in commands
    assert ". .venv/bin/activate" in commands  # how to get the command after make demo
    assert any(c.startswith("actionplans compare") for c in commands)
    assert OWN_FILES <= set(commands)


def _fake_venv(into: Path) -> bool:
    """``into/.venv``: the running interpreter's environment, linked entry by entry, with a fresh
    install stamp (so ``make`` sees it set up and never touches the real one). False when this
    interpreter is no virtual environment with the command installed."""
    real = Path(sys.prefix)
    if real == Path(sys.base_prefix) or not (real / "bin" / "actionplans").exists() \
            or not (real / "bin" / "activate").exists():
        return False
    venv = into / ".venv"
    venv.mkdir()
    for entry in real.iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    return True


def _copy_project(to: Path) -> None:
    """What the README's commands read: the samples, the Makefile and the scorer."""
    for name in ("Makefile", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, to / name)
    shutil.copytree(ROOT / "samples", to / "samples")
    shutil.copytree(ROOT / "tools", to / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (to / "tests").mkdir()
    shutil.copy2(ROOT / "tests" / "gold_scoring.py", to / "tests" / "gold_scoring.py")


def _plain_path() -> str:
    """PATH without any folder that holds an ``actionplans`` command (or this interpreter)."""
    keep = []
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        if folder and not (Path(folder) / "actionplans").exists() and Path(folder) != Path(sys.prefix) / "bin":
            keep.append(folder)
    return os.pathsep.join(keep)


def _shown_lines_agree(shown: list[str], printed: str) -> None:
    """Every line the README shows under a command (other than "…") is printed, decimals aside."""
    def plain(line: str) -> str:
        return re.sub(r"\d+\.\d+", "#", line.rstrip())

    printed_lines = {plain(line) for line in printed.splitlines()}
    for line in shown:
        if line.strip() in ("…", "...") or not line.strip():
            continue
        assert plain(line) in printed_lines, f"README shows a line the command does not print: {line!r}"


def _sample_rows_agree(text: str, actions_csv: Path) -> None:
    """The rows the README shows from out/actions.csv are in it (long actions shown cut with "…")."""
    table = text.split("A few rows of `out/actions.csv`", 1)[1].split("\n\n", 2)[1]
    lines = [line for line in table.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    with actions_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line in lines[2:]:
        shown = dict(zip(header, (c.strip() for c in line.strip("|").split("|"))))
        prefix = shown["action"].rstrip("…")
        match = [r for r in rows if r["source_file"] == shown["source_file"] and r["action_ref"] == shown["action_ref"]
                 and r["action"].startswith(prefix)]
        assert match, f"README row not in out/actions.csv: {shown['source_file']} {shown['action_ref']}"
        for name in ("authority", "authority_code", "source_page", "theme", "owners", "due_raw", "due_start",
                     "due_end", "rag", "rag_raw"):
            assert match[0][name] == shown[name], (shown["source_file"], name, match[0][name], shown[name])


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_readme_commands_run_as_written(tmp_path):
    project = tmp_path / "project"  # nothing beside it: no ../shared, so make score uses samples/expected
    project.mkdir()
    if not _fake_venv(project):
        pytest.skip("the suite is not running in a virtual environment with the actionplans command installed")
    _copy_project(project)
    text = README.read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL")}
    env["PATH"] = _plain_path()
    activated = False
    ran, not_run = [], []
    for kind, command, shown in readme_commands(text):
        why = next((reason for start, reason in NOT_RUN.items() if command.startswith(start)), None)
        if why:
            not_run.append(command)
            continue
        if command.startswith("actionplans ") and _missing_input(command, project):
            assert command in OWN_FILES, f"README command on a file not in the project: {command}"
            not_run.append(command)
            continue
        script = (". .venv/bin/activate && " if activated else "") + command
        proc = subprocess.run(["bash", "-c", script], cwd=project, env=env, capture_output=True, text=True,
                              timeout=900)
        assert proc.returncode == 0, f"{command!r} failed ({proc.returncode}): {proc.stderr[-800:]}"
        ran.append(command)
        if command == ". .venv/bin/activate":
            activated = True
        if shown:
            _shown_lines_agree(shown, proc.stdout)
        if command == "make demo":
            assert (project / "out" / "actions.csv").is_file()
            _sample_rows_agree(text, project / "out" / "actions.csv")
            # before the README's activation line the command is not on the PATH
            bare = subprocess.run(["bash", "-c", "actionplans --version"], cwd=project, env=env,
                                  capture_output=True, text=True)
            assert bare.returncode == 127
        if command == "make score":
            assert "samples/expected" in proc.stdout
            overall = [line for line in proc.stdout.splitlines() if line.startswith("overall:")]
            assert overall and "files=20" in overall[0] and "FAILED" not in proc.stdout
        if command.startswith("actionplans compare"):
            page = project / "report.html"
            assert page.is_file() and "<html" in page.read_text(encoding="utf-8")[:2000].lower()
    assert "make demo" in ran and ". .venv/bin/activate" in ran and "make score" in ran
    assert sum(c.startswith("actionplans compare") for c in ran) == 2
    assert (project / "views" / "overview.csv").is_file()  # the --tables of the mixed compare
    with (project / "views" / "overview.csv").open(encoding="utf-8") as fh:
        overview = list(csv.DictReader(fh))
    assert len(overview) == 5  # three plans from the table and two documents
    assert set(not_run) == set(OWN_FILES) | {c for _, c, _ in readme_commands(text)
                                              if any(c.startswith(s) for s in NOT_RUN)}
