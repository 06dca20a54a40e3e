"""Outputs that would overwrite inputs are refused; files the tool wrote are not read back as plans."""
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplans.cli import main
from actionplans.inputs import collect_inputs
from actionplans.outputs import clash, written_by_actionplans
from plan_versions import NEW, OLD, write_html


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def plans(tmp_path):
    return write_html(OLD, tmp_path / "old.html"), write_html(NEW, tmp_path / "new.html")


def _refused(result, path: Path, before: bytes):
    assert result.exit_code == 2, result.output
    assert "is also an input" in result.output or "did not write" in result.output, result.output
    assert path.read_bytes() == before  # left as it was


def test_diff_refuses_an_output_that_is_an_input_also_through_a_link(plans, tmp_path):
    old, new = plans
    before = new.read_bytes()
    _refused(_run("diff", old, new, "-o", new), new, before)
    link = tmp_path / "link.html"
    os.symlink(new, link)
    result = _run("diff", old, new, "-o", link)
    _refused(result, new, before)
    assert f"({new})" in result.output  # names the input the link leads to


def test_convert_refuses_to_overwrite_a_named_input_table(plans, tmp_path):
    table = tmp_path / "t.csv"
    assert _run("convert", plans[0], "-o", table, "-j", "0").exit_code == 0
    before = table.read_bytes()
    _refused(_run("convert", table, "-o", table, "-j", "0"), table, before)
    side = tmp_path / "t.documents.csv"
    assert _run("convert", plans[0], "-o", table, "-j", "0", "--tables", "all").exit_code == 0
    side_before = side.read_bytes()
    _refused(_run("convert", plans[0], side, "-o", table, "-j", "0", "--tables", "all"), side, side_before)


def test_convert_into_a_folder_of_inputs(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    write_html(OLD, folder / "old.html")
    out = folder / "actions.csv"
    # our own earlier output in the folder is left out of the inputs and rewritten
    for _ in range(2):
        result = _run("convert", folder, "-o", out, "-j", "0")
        assert result.exit_code == 0 and "1 file," in result.output, result.output
    # a tracker of the user's under the output's name is an input: refused, not overwritten
    out.write_text("Ref,Action,Lead,Target date,RAG\r\n1.1,Audit all plans,Head of Service,31 March 2025,Red\r\n",
                   encoding="utf-8")
    before = out.read_bytes()
    _refused(_run("convert", folder, "-o", out, "-j", "0"), out, before)


def test_compare_refuses_an_input_as_report_or_table(plans, tmp_path):
    table = tmp_path / "t.csv"
    assert _run("convert", plans[0], "-o", table, "-j", "0").exit_code == 0
    before = table.read_bytes()
    _refused(_run("compare", table, "-o", table), table, before)
    views = tmp_path / "views"
    views.mkdir()
    named = views / "topics.csv"
    named.write_bytes(before)
    _refused(_run("compare", named, "-o", tmp_path / "r.html", "--tables", views), named, before)
    folder = tmp_path / "plans"
    folder.mkdir()
    write_html(OLD, folder / "a.html")
    walked = folder / "topics.csv"  # a table in an input folder, not one compare wrote
    walked.write_bytes(before)
    _refused(_run("compare", folder, "-o", tmp_path / "r.html", "--tables", folder, "-j", "0"), walked, before)


def test_compare_run_twice_into_its_input_folder_does_not_read_its_own_report(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    write_html(OLD, folder / "a.html")
    report = folder / "report.html"
    outputs = []
    for _ in range(2):
        result = _run("compare", folder, "-o", report, "--tables", folder / "views", "-j", "0", "--as-of", "2025-01-01")
        assert result.exit_code == 0, result.output
        outputs.append(result.output.strip().splitlines()[-1])
    assert outputs[0] == outputs[1] and outputs[0].startswith("1 plan")
    assert written_by_actionplans(report)
    # a plan of the user's named like the report is not overwritten
    mine = folder / "mine.html"
    write_html(NEW, mine)
    before = mine.read_bytes()
    _refused(_run("compare", folder, "-o", mine, "-j", "0"), mine, before)


def test_folder_walks_leave_out_pages_actionplans_wrote(tmp_path):
    write_html(OLD, tmp_path / "plan.html")
    (tmp_path / "page.html").write_text('<!DOCTYPE html><html><head><meta charset="utf-8">'
                                        '<meta name="generator" content="actionplans"></head></html>', encoding="utf-8")
    found = collect_inputs([str(tmp_path)])
    assert [p.name for p in found.files] == ["plan.html"]
    assert str(tmp_path / "page.html") in found.skipped
    assert clash([tmp_path / "x" / ".." / "plan.html"], [tmp_path / "plan.html"]) is not None
    assert clash([tmp_path / "other.html"], [tmp_path / "plan.html"]) is None


def test_a_run_in_which_every_input_failed_keeps_the_old_output(plans, tmp_path):
    out = tmp_path / "actions.csv"
    assert _run("convert", plans[0], "-o", out, "-j", "0").exit_code == 0
    before = out.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    result = _run("convert", broken, "-o", out, "-j", "0")
    assert result.exit_code == 1
    assert f"all 1 input failed: {out} left as it was" in result.output, result.output
    assert out.read_bytes() == before
    # with no earlier output, the run still writes its (empty) table, as before
    fresh = tmp_path / "fresh.csv"
    assert _run("convert", broken, "-o", fresh, "-j", "0").exit_code == 1 and fresh.exists()
    # one input read of two: the output is replaced
    assert _run("convert", broken, plans[1], "-o", out, "-j", "0").exit_code == 1
    assert out.read_bytes() != before
    report = tmp_path / "report.html"
    assert _run("compare", plans[0], "-o", report, "-j", "0").exit_code == 0
    page = report.read_bytes()
    result = _run("compare", broken, "-o", report, "-j", "0")
    assert result.exit_code == 1 and "left as it was" in result.output, result.output
    assert report.read_bytes() == page


def test_an_output_under_a_file_says_so_and_names_the_path_given(plans, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text("x\r\n", encoding="utf-8")
    old, new = plans
    for args in (("convert", old, "-o", "a.csv/x.csv", "-j", "0"), ("diff", old, new, "-o", "a.csv/x.csv"),
                 ("compare", old, "-o", "a.csv/r.html", "-j", "0")):
        result = _run(*args)
        assert result.exit_code == 3, result.output
        assert result.output == "error: cannot write a.csv/x.csv: a.csv is a file, not a folder\n".replace(
            "x.csv", "r.html" if args[0] == "compare" else "x.csv"), result.output
    result = _run("compare", old, "-o", "r.html", "--tables", "a.csv/views", "-j", "0")
    assert result.output == "error: cannot write --tables a.csv/views: a.csv is a file, not a folder\n", result.output
    assert not Path("r.html").exists()


def test_write_errors_name_the_output_not_its_temporary_file(tmp_path):
    from actionplans.writers import atomic_path

    target = tmp_path / "out.csv"
    with pytest.raises(OSError) as caught:
        with atomic_path(target) as tmp:
            raise OSError(28, "No space left on device", str(tmp))
    assert caught.value.filename == str(target) and caught.value.errno == 28
    assert [p.name for p in tmp_path.iterdir()] == []  # the temporary file is gone
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder") as caught:
        with atomic_path(tmp_path / "blocker" / "x.csv"):
            pass
    assert caught.value.filename == str(tmp_path / "blocker" / "x.csv")
