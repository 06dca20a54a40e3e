"""Issue #10, what the analyst gets from the options: the document's own council and date win
over --authority / --plan-date, which fill only its blanks (and the documents table says where
they disagreed); bad option values and every other usage error are one line and exit 2;
inspect takes the document options convert takes; a folder walk converts the plans, not the
README beside them; the resume journal is out of sight."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pandas as pd
import pytest
from click.testing import CliRunner

import actionplans
from actionplans.cli import main
from actionplans.journal import journal_for
from structured import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
PDF_FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
WILTSHIRE = SAMPLES / "004_0181fde6aaa631cd.txt"  # names Wiltshire, dated July 2011
SILENT = SAMPLES / "000_9d4ebbcf78c32af3.txt"  # names no council and states no date


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="actionplans")


def _one_line_error(result, exit_code=2) -> str:
    assert result.exit_code == exit_code, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


@pytest.fixture(scope="module")
def two_plans():
    if not (WILTSHIRE.exists() and SILENT.exists()):
        pytest.skip("samples/ not built")
    return [WILTSHIRE, SILENT]


# --- the document wins; the option fills its blanks --------------------------------------------


def test_authority_option_does_not_relabel_a_plan_that_names_its_council(two_plans, tmp_path):
    out = tmp_path / "a.csv"
    result = _run("convert", *two_plans, "-o", out, "-j", "0", "--tables", "all", "--authority", "Walsall",
                  "--no-excel-safe")  # values as they are: the conflict note starts with "-"
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    by_file = df.groupby("source_file")[["authority", "authority_code"]].agg(set)
    assert by_file.loc[WILTSHIRE.name, "authority"] == {"Wiltshire"}
    assert by_file.loc[WILTSHIRE.name, "authority_code"] == {"E06000054"}
    assert by_file.loc[SILENT.name, "authority"] == {"Walsall"}  # the option fills the blank
    assert by_file.loc[SILENT.name, "authority_code"] == {"E08000030"}
    docs = pd.read_csv(tmp_path / "a.documents.csv", dtype=str, keep_default_na=False).set_index("source_file")
    assert docs.loc[WILTSHIRE.name, "stated_authority"] == "Wiltshire"
    assert docs.loc[WILTSHIRE.name, "option_conflicts"] == "--authority 'Walsall' not used: the document names Wiltshire"
    assert (docs.loc[SILENT.name, "stated_authority"], docs.loc[SILENT.name, "option_conflicts"]) == ("", "")
    assert "own council or date kept over the option in 1 file" in result.output


def test_python_api_authority_fills_only_the_blank(two_plans):
    """The README's own example, convert("plans/", authority="Walsall"), on plans of two councils."""
    df = actionplans.convert([str(p) for p in two_plans], jobs=0, authority="Walsall")
    assert set(df.loc[df["source_file"] == WILTSHIRE.name, "authority"]) == {"Wiltshire"}
    assert set(df.loc[df["source_file"] == SILENT.name, "authority"]) == {"Walsall"}
    docs = {d["source_file"]: d for d in df.attrs["documents"]}
    assert "the document names Wiltshire" in docs[WILTSHIRE.name]["option_conflicts"]


def test_plan_date_option_does_not_replace_the_stated_date(two_plans, tmp_path):
    out = tmp_path / "d.csv"
    result = _run("convert", *two_plans, "-o", out, "-j", "0", "--tables", "all", "--plan-date", "2012-01-01",
                  "--no-excel-safe")  # values as they are: the conflict note starts with "-"
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(df.loc[df["source_file"] == WILTSHIRE.name, "plan_date"]) == {"2011-07-01"}  # July 2011: its first day
    assert set(df.loc[df["source_file"] == SILENT.name, "plan_date"]) == {"2012-01-01"}
    assert not df["warnings"].str.contains("is not a date|not an ISO date").any()
    docs = pd.read_csv(tmp_path / "d.documents.csv", dtype=str, keep_default_na=False).set_index("source_file")
    assert docs.loc[WILTSHIRE.name, "stated_plan_date"] == "2011-07"
    assert docs.loc[WILTSHIRE.name, "option_conflicts"] == "--plan-date 2012-01-01 not used: the document is dated 2011-07"


# --- bad values are usage errors ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["convert", "inspect"])
@pytest.mark.parametrize("value,said", [
    ("banana", "'banana' is not a date: give it as YYYY-MM-DD"),
    ("13/07/2011", "(for 13/07/2011 write 2011-07-13)"),
    ("2011-02-30", "not a day of the calendar"),
])
def test_a_bad_plan_date_is_a_usage_error(two_plans, tmp_path, command, value, said):
    args = [command, two_plans[0], "--plan-date", value] + (["-o", tmp_path / "x.csv"] if command == "convert" else [])
    line = _one_line_error(_run(*args))
    assert line.startswith("error: --plan-date: ") and said in line
    assert not (tmp_path / "x.csv").exists()


def test_an_unknown_council_is_a_usage_error_with_suggestions(two_plans, tmp_path):
    line = _one_line_error(_run("convert", two_plans[0], "-o", tmp_path / "x.csv", "--authority", "Walsal"))
    assert line.startswith("error: --authority: 'Walsal' is not a UK council") and "Walsall" in line


def _csv_cases(tmp_path: Path) -> list[tuple[str, Path, str]]:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage\x9c")
    no_name = tmp_path / "roster.csv"
    no_name.write_text("who,what\nA,B\n", encoding="utf-8")
    one_column = tmp_path / "acronyms.csv"
    one_column.write_text("LSCB\n", encoding="utf-8")
    return [("--roster", tmp_path / "missing.csv", "not found"), ("--roster", folder, "cannot read"),
            ("--roster", binary, "cannot read"), ("--roster", no_name, "needs a 'name' column"),
            ("--acronyms", tmp_path / "missing.csv", "not found"), ("--acronyms", binary, "cannot read"),
            ("--acronyms", one_column, "needs 'abbreviation,expansion'")]


@pytest.mark.parametrize("command", ["convert", "inspect"])
def test_roster_and_acronym_files_that_cannot_be_read_are_usage_errors(two_plans, tmp_path, command):
    for option, path, said in _csv_cases(tmp_path):
        args = [command, two_plans[0], option, path] + (["-o", tmp_path / "x.csv"] if command == "convert" else [])
        line = _one_line_error(_run(*args))
        assert line.startswith(f"error: {option}: ") and said in line, line


@pytest.mark.parametrize("args,said", [
    (["--jobs", "-1"], "error: --jobs: -1 is below 0"),
    (["-j", "two"], "error: --jobs: 'two' is not a whole number"),
    (["--timeout", "-5"], "error: --timeout: -5 is below 0"),
    (["--timeout", "nan"], "error: --timeout: 'nan' is not a number of seconds"),
    (["--memory-limit", "-1"], "error: --memory-limit: -1 is below 0"),
    (["--format", "xls"], "error: --format: 'xls' is not one of"),
])
def test_bad_batch_values_are_one_line(two_plans, tmp_path, args, said):
    assert _one_line_error(_run("convert", two_plans[0], "-o", tmp_path / "x.csv", *args)).startswith(said)


def test_the_library_rejects_bad_values_before_reading_any_file(two_plans):
    with pytest.raises(actionplans.OptionError, match="'banana' is not a date"):
        actionplans.convert(str(two_plans[0]), jobs=0, plan_date="banana")
    with pytest.raises(ValueError, match="not a UK council"):
        actionplans.convert_tables([two_plans[0]], jobs=0, authority="Narnia")


# --- every usage error is one line --------------------------------------------------------------


def _commands():
    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_unknown_option_and_missing_argument_are_one_line_for_every_command(command):
    line = _one_line_error(_run(command, "--no-such-option"))
    assert line.startswith("error: no such option --no-such-option") and f"actionplans {command} --help" in line
    required = [p for p in main.commands[command].params if isinstance(p, click.Argument) and p.required]
    if required:
        line = _one_line_error(_run(command))
        assert line.startswith(f"error: missing argument {required[0].human_readable_name}")


def test_unknown_command_and_option_values_are_one_line(tmp_path):
    assert _one_line_error(_run("frobnicate")).startswith("error: no such command 'frobnicate'")
    assert _one_line_error(_run("convert", tmp_path, "-o")) == "error: -o needs a value"
    assert _one_line_error(_run("inspect", tmp_path / "nope.pdf")) == f"error: {tmp_path / 'nope.pdf'}: no such file"


# --- inspect takes the document options -------------------------------------------------------


def test_inspect_takes_every_document_option_convert_takes():
    from actionplans.cli import convert, inspect

    def names(command):
        return {o for p in command.params for o in p.opts if o.startswith("--")}

    document = {"--password", "--roster", "--acronyms", "--authority", "--plan-date"}
    assert document <= names(inspect) and document <= names(convert)


def test_inspect_opens_an_encrypted_pdf_with_password():
    pdf = PDF_FIXTURES / "encrypted.pdf"
    res = _run("inspect", pdf)
    assert res.exit_code == 1 and "use --password" in res.output
    res = _run("inspect", pdf, "--password", "secret", "--authority", "Walsall", "--plan-date", "2013-01-02")
    assert res.exit_code == 0, res.output
    assert "date=2013-01-02 (--plan-date)" in res.output and "authority=Walsall (E08000030) (--authority)" in res.output


def test_inspect_says_where_the_council_and_date_came_from(two_plans):
    res = _run("inspect", WILTSHIRE, "--authority", "Walsall", "--plan-date", "2012-01-01")
    assert res.exit_code == 0, res.output
    assert "date=2011-07 (stated in the document)" in res.output
    assert "authority=Wiltshire (E06000054) (named in the document" in res.output
    assert "note: --authority 'Walsall' not used: the document names Wiltshire" in res.output
    assert "note: --plan-date 2012-01-01 not used: the document is dated 2011-07" in res.output


def test_docs_name_every_option_of_every_command():
    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8") + (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in docs, f"the docs do not mention {opt} of {name}"


# --- a folder of plans with a README in it ------------------------------------------------------


@pytest.fixture
def folder_with_readme(tmp_path):
    if not (WILTSHIRE.exists() and SILENT.exists()):
        pytest.skip("samples/ not built")
    folder = tmp_path / "plans"
    folder.mkdir()
    for src in (WILTSHIRE, SILENT):
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "README.md").write_text("# Plans\n\nThe plans of the councils.\n\n| file | council |\n|---|---|\n"
                                      "| 004.txt | Wiltshire |\n| 000.txt | (not named) |\n", encoding="utf-8")
    (folder / "BUILD_INFO.txt").write_text("How these files were built.\nconverter: 7.4\n", encoding="utf-8")
    return folder


def test_a_folder_walk_converts_the_plans_not_the_readme(folder_with_readme, tmp_path):
    out = tmp_path / "o.csv"
    result = _run("convert", folder_with_readme, "-o", out, "-j", "0", "--tables", "all")
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output  # no 'no actions found' about the README
    assert re.search(r"^2 files, \d+ actions, 0 failed, 2 text files without actions left out", result.output, re.M)
    docs = pd.read_csv(tmp_path / "o.documents.csv", dtype=str, keep_default_na=False)
    assert sorted(docs["source_file"]) == sorted([WILTSHIRE.name, SILENT.name])
    verbose = _run("convert", folder_with_readme, "-o", out, "-j", "0", "-v")
    assert f"skipped: {folder_with_readme / 'README.md'} (text without actions: not a plan" in verbose.output
    api = actionplans.convert(str(folder_with_readme), jobs=0)
    assert len(api.attrs["documents"]) == 2


def test_a_text_file_named_on_its_own_is_always_converted(folder_with_readme, tmp_path):
    readme = folder_with_readme / "README.md"
    result = _run("convert", readme, "-o", tmp_path / "r.csv", "-j", "0")
    assert result.exit_code == 0
    assert f"note: {readme}: no actions found" in result.output
    assert re.search(r"^1 file, 0 actions, 0 failed, ", result.output, re.M)


# --- the output's name, and the journal out of sight --------------------------------------------


def test_an_unwritable_output_is_named_not_its_journal(two_plans, tmp_path):
    target = Path("/proc/actionplans-test.csv")
    if not Path("/proc").is_dir():
        pytest.skip("no /proc")
    line = _one_line_error(_run("convert", two_plans[0], "-o", target, "-j", "0"), exit_code=3)
    assert line.startswith(f"error: cannot write {target}: ") and "journal" not in line


def test_the_resume_journal_is_kept_out_of_the_output_folder(two_plans, tmp_path):
    out = tmp_path / "out" / "actions.csv"
    assert _run("convert", two_plans[0], "-o", out, "-j", "0", "--resume").exit_code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["actions.csv", "actions.csv-metadata.json"]
    journal = journal_for(out)
    assert journal.exists() and out.parent not in journal.parents
    result = _run("convert", two_plans[0], "-o", out, "-j", "0", "--resume")
    assert "1 file (1 resumed)" in result.output
    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    assert "~/.cache/actionplans" in docs and "XDG_CACHE_HOME" in docs


def test_a_cache_folder_that_cannot_be_written_costs_the_journal_not_the_batch(two_plans, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = _run("convert", two_plans[0], "-o", tmp_path / "o.csv", "-j", "0", "--resume")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"note: no resume journal: cannot write {blocker / 'actionplans' / 'journals'}")
    from actionplans.journal import Journal
    from actionplans.results import FileResult

    journal = Journal(blocker / "j.jsonl")
    journal.append("key", FileResult(path="x.txt"))  # does not raise
    assert journal.error and str(blocker) in journal.error


def test_authority_option_accepts_councils_of_every_uk_nation():
    from actionplans.options import authority_value
    for name in ("Orkney Islands Council", "Cardiff", "Western Health and Social Care Trust", "Birmingham Children's Trust"):
        assert authority_value(name) == name
