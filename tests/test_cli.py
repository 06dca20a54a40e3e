"""The convert command: a thin shell over the library API (outputs, options, exit statuses),
and the Python API a notebook uses."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import actionplans
from actionplans.cli import main
from actionplans.model import COLUMNS
from structured import SAMPLES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    """A folder with two small real samples, a nested one, and files that are no documents."""
    srcs = sorted(p for p in SAMPLES.glob("0*_*.*") if p.suffix in (".html", ".docx"))
    if len(srcs) < 3:
        pytest.skip("samples/ not built")
    root = tmp_path_factory.mktemp("plans")
    (root / "sub").mkdir()
    (root / ".hidden").mkdir()
    for src, dst in ((srcs[0], root), (srcs[1], root), (srcs[2], root / "sub")):
        (dst / src.name).write_bytes(src.read_bytes())
    (root / ".hidden" / srcs[0].name).write_bytes(srcs[0].read_bytes())
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "~$lock.docx").write_bytes(b"lock")
    return root


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_folder_recursive_with_skipped_files_listed(plans, tmp_path):
    out = tmp_path / "a.csv"
    result = _run("convert", plans, "-o", out, "-v", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert f"skipped: {plans / 'picture.png'} (not a document)" in result.output
    assert "~$lock.docx (not a document)" in result.output
    assert ".hidden" not in result.output  # hidden folders are not entered
    assert re.search(r"^3 files, \d+ actions, 0 failed, [\d.]+s -> ", result.output, re.M)
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(df.columns) == list(COLUMNS)
    assert df["source_file"].nunique() == 3
    assert json.loads(Path(f"{out}-metadata.json").read_text(encoding="utf-8"))["tables"][0]["url"] == "a.csv"


def test_glob_input(plans, tmp_path):
    out = tmp_path / "g.csv"
    result = _run("convert", f"{plans}/**/*.html", "-o", out, "-v", "--jobs", "1")
    assert result.exit_code == 0, result.output
    n = len(list(plans.rglob("*.html"))) - len(list((plans / ".hidden").glob("*.html")))
    assert re.search(rf"^{n} files?, ", result.output, re.M)


@pytest.mark.parametrize("name,fmt", [("a.parquet", None), ("a.xlsx", None), ("a.jsonl", None),
                                      ("a.data", "parquet")])
def test_each_format_has_the_csv_rows(plans, tmp_path, name, fmt):
    csv_out = tmp_path / "ref.csv"
    assert _run("convert", plans, "-o", csv_out, "--jobs", "1").exit_code == 0
    ref = pd.read_csv(csv_out, dtype=str, keep_default_na=False)
    out = tmp_path / name
    args = ["convert", plans, "-o", out, "--jobs", "1", "--tables", "all"] + (["--format", fmt] if fmt else [])
    result = _run(*args)
    assert result.exit_code == 0, result.output
    kind = fmt or out.suffix[1:]
    if kind == "parquet":
        back = pd.read_parquet(out)
        assert (tmp_path / "a.documents.parquet").exists()
    elif kind == "xlsx":
        back = pd.read_excel(out, sheet_name="actions", dtype=str)
        assert pd.ExcelFile(out).sheet_names == ["actions", "documents", "officers", "acronyms"]
    else:
        back = pd.read_json(out, lines=True, dtype=False)
        assert (tmp_path / "a.documents.jsonl").exists()
    assert list(back.columns) == list(COLUMNS)
    assert len(back) == len(ref) > 0
    assert list(back["action"].fillna("")) == list(ref["action"])
    assert list(back["source_file"]) == list(ref["source_file"])


def test_exit_1_when_a_file_fails_and_the_rest_are_written(plans, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    out = tmp_path / "x.csv"
    result = _run("convert", plans, bad, "-o", out, "--jobs", "2")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: ")
    assert pd.read_csv(out, dtype=str)["source_file"].nunique() == 3


@pytest.mark.parametrize("args,message", [
    (["-o", "x.txt"], "error: cannot tell the output format"),
    (["-o", "x.csv", "--format", "xls"], "error: --format: 'xls' is not one of"),
    (["-o", "x.csv", "--jobs", "-1"], "error: --jobs: -1 is below 0"),
])
def test_usage_errors_exit_2(plans, tmp_path, args, message):
    result = _run("convert", plans, *[a if not a.startswith("x.") else tmp_path / a for a in args])
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1, result.output


def test_missing_input_and_empty_folder_exit_2(tmp_path):
    result = _run("convert", tmp_path / "nope", "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "no such file, folder or glob match" in result.output
    (tmp_path / "empty").mkdir()
    result = _run("convert", tmp_path / "empty", "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "no documents found" in result.output


def test_unwritable_output_exit_3(plans, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    result = _run("convert", plans, "-o", blocker / "out.csv", "--jobs", "1")
    assert result.exit_code == 3
    assert result.output.splitlines()[-1].startswith(f"error: cannot write {blocker / 'out.csv'}")
    assert " files, " not in result.output  # found out before converting anything


def test_no_progress_bar_when_not_a_terminal(plans, tmp_path):
    result = _run("convert", plans, "-o", tmp_path / "x.csv", "--jobs", "1")
    assert "\r" not in result.output and "file/s" not in result.output


def test_help_and_docs_name_every_option():
    result = _run("convert", "--help")
    assert result.exit_code == 0
    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    from actionplans.cli import convert

    for param in convert.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert getattr(param, "hidden", False) or opt in result.output, opt
                assert opt in docs, f"docs/batch.md does not mention {opt}"


def test_python_api_returns_the_frame_and_side_tables(plans):
    df = actionplans.convert(str(plans), jobs=1)
    assert list(df.columns) == list(COLUMNS) and len(df) > 0
    docs = df.attrs["documents"]
    assert len(docs) == 3 and {d["status"] for d in docs} == {"ok"}
    assert sum(d["actions"] for d in docs) == len(df)
    tables = actionplans.convert_tables([plans], jobs=0)
    from frames import iso_dates

    # the same rows; the frame's dates are datetime64 where the tables' are ISO text
    assert all(pd.api.types.is_datetime64_any_dtype(df[c].dtype) for c in ("plan_date", "due_start", "due_end"))
    pd.testing.assert_frame_equal(iso_dates(df), tables.actions, check_dtype=False)
    assert list(tables.documents["path"]) == [d["path"] for d in docs]
    with pytest.raises(TypeError, match="unknown option"):
        actionplans.convert(str(plans), job=2)


def test_progress_bar_on_a_terminal(plans, tmp_path):
    from on_a_terminal import on_a_terminal

    returncode, text, stdout = on_a_terminal(["convert", str(plans), "-o", str(tmp_path / "x.csv"), "--jobs", "1"])
    assert returncode == 0
    assert "3/3" in text and "file" in text  # the bar reached the end
    names = sorted(p.name for p in plans.rglob("*.*") if ".hidden" not in p.parts and p.suffix in (".docx", ".html"))
    assert any(name in text for name in names)  # and named the file being read
    assert "3 files, " in text  # and the summary follows it
    assert stdout == b""  # nothing on stdout


def test_side_tables_from_a_real_plan():
    found = sorted(SAMPLES.glob("004_*.docx"))
    if not found:
        pytest.skip("samples/ not built")
    tables = actionplans.convert_tables([found[0]], jobs=0)
    officers = tables.officers
    assert (officers["source"] == "document").sum() >= 5  # the plan's own list of named officers
    assert (officers["name"] != "").all() and (officers["source_file"] == found[0].name).all()
    used = {part.split("=")[0].strip() for cell in tables.actions["acronyms"] for part in cell.split(";") if "=" in part}
    acronyms = tables.acronyms
    borrowed = acronyms[acronyms["origin"].isin(["user", "dictionary"])]
    assert set(borrowed["abbreviation"]) <= used  # the packaged dictionary only where the rows use it
    assert used <= set(acronyms["abbreviation"])
