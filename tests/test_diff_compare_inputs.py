"""diff and compare read their inputs as convert does: documents in isolated workers with the same
--timeout and --memory-limit (the same one-line errors naming the user's path), tables up to a row
cap, their own XLSX as a table and a tracker XLSX as a plan, a file given twice once; an output
named as another format than --format is a usage error; -v lists each document converted.

The misbehaving documents are simulated by patching the conversion the batch worker calls: the
workers are forked from the test process, so they run the patched function; the pool, its
limits and the messages under test are the real ones."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from on_a_terminal import on_a_terminal

import actionplans
import actionplans.batch
from actionplans.cli import main
from actionplans.owntables import DEFAULT_MAX_ROWS, own_workbook
from actionplans.writers import write_tables
from plan_versions import NEW, OLD, write_docx
from sheet_trackers import EXPECTED as TRACKER_ACTIONS
from sheet_trackers import build_xlsx

_real_convert_file = actionplans.batch.convert_file


def misbehaving(path, options):
    """Hangs on a file named 'hang…', allocates 8 GB on one named 'hog…', else converts for real."""
    name = Path(path).name
    if name.startswith("hang"):
        while True:
            time.sleep(3600)
    if name.startswith("hog"):
        blob = bytearray(8 * 1024 ** 3)
        raise AssertionError(f"allocated {len(blob)} bytes past the limit")
    return _real_convert_file(path, options)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, Path]:
    """Two versions of one plan as DOCX, and the old one as every table convert writes."""
    root = tmp_path_factory.mktemp("plans")
    out = {"old": write_docx(OLD, root / "plan-v1.docx"), "new": write_docx(NEW, root / "plan-v2.docx")}
    tables = actionplans.convert_tables([out["old"]], jobs=0)
    for fmt in ("csv", "parquet", "jsonl", "xlsx"):
        target = root / f"old.{fmt}"
        write_tables(tables, target, side=True)
        out[fmt] = target
    return out


# ---------------------------------------------------------------------------
# 1. documents through the batch's workers and limits
# ---------------------------------------------------------------------------


def test_every_command_that_converts_has_the_same_limits():
    """The out-of-memory and time-out messages name --memory-limit and --timeout: every command
    that converts documents has them, with convert's defaults."""
    def option(command, name):
        return next(p for p in main.commands[command].params if f"--{name}" in getattr(p, "opts", ()))

    for name in ("timeout", "memory-limit", "jobs"):
        defaults = {command: option(command, name).default for command in ("convert", "diff", "compare")}
        assert len(set(defaults.values())) == 1, defaults
    assert option("diff", "timeout").default == 120 and option("diff", "memory-limit").default == 2048


def test_diff_stops_a_hanging_document_at_the_timeout(plans, tmp_path, monkeypatch):
    monkeypatch.setattr(actionplans.batch, "convert_file", misbehaving)
    hang = tmp_path / "hang-plan.docx"
    shutil.copy(plans["new"], hang)
    out = tmp_path / "changes.csv"
    result = _run("diff", plans["old"], hang, "-o", out, "--timeout", "2", "--jobs", "1")
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert lines == [f"error: {hang}: timed out after 2 s (raise --timeout if the file is genuine)"]
    assert not out.exists()


def test_diff_stops_a_document_past_the_memory_limit(plans, tmp_path, monkeypatch):
    monkeypatch.setattr(actionplans.batch, "convert_file", misbehaving)
    hog = tmp_path / "hog-plan.docx"
    shutil.copy(plans["new"], hog)
    result = _run("diff", hog, plans["old"], "-o", tmp_path / "c.csv", "--memory-limit", "512", "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [
        f"error: {hog}: out of memory while converting (raise --memory-limit if the file is genuine)"]


def test_compare_stops_a_hanging_document_and_compares_the_rest(plans, tmp_path, monkeypatch):
    monkeypatch.setattr(actionplans.batch, "convert_file", misbehaving)
    hang = tmp_path / "hang-plan.docx"
    shutil.copy(plans["new"], hang)
    out = tmp_path / "report.html"
    result = _run("compare", plans["old"], hang, "-o", out, "--timeout", "2", "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert f"error: {hang}: timed out after 2 s (raise --timeout if the file is genuine)" in result.output
    assert "1 plan" in result.output and out.exists()


def test_diff_in_workers_and_in_process_agree(plans, tmp_path):
    outs = []
    for jobs in ("0", "2"):
        out = tmp_path / f"changes-{jobs}.csv"
        result = _run("diff", plans["old"], plans["new"], "-o", out, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\r\n") == 7  # the header and the six edits


def test_verbose_lists_each_document_converted(plans, tmp_path):
    result = _run("diff", plans["csv"], plans["new"], "-o", tmp_path / "c.csv", "-v")
    assert result.exit_code == 0, result.output
    assert f"ok: {plans['new']}: 8 actions" in result.output and f"ok: {plans['csv']}" not in result.output
    result = _run("compare", plans["old"], plans["new"], "-o", tmp_path / "r.html", "-v")
    assert result.exit_code == 0, result.output
    assert f"ok: {plans['old']}: 8 actions" in result.output and f"ok: {plans['new']}: 8 actions" in result.output


# ---------------------------------------------------------------------------
# 2. row caps
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ("csv", "parquet", "jsonl", "xlsx"))
def test_diff_refuses_a_table_over_the_row_cap(plans, tmp_path, fmt):
    table = plans[fmt]  # 8 actions
    result = _run("diff", table, plans["new"], "-o", tmp_path / "c.csv", "--max-rows", "7")
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (f"error: {table}: more than 7 rows: raise --max-rows if the table is genuine "
                                     f"(0: no limit)")
    result = _run("diff", table, plans["new"], "-o", tmp_path / "c.csv", "--max-rows", "8")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ("csv", "parquet", "jsonl", "xlsx"))
def test_compare_refuses_a_table_over_the_row_cap(plans, tmp_path, fmt):
    table = plans[fmt]
    result = _run("compare", table, "-o", tmp_path / "r.html", "--max-rows", "7")
    assert result.exit_code == 1, result.output
    assert f"{table}: more than 7 rows: raise --max-rows" in result.output
    result = _run("compare", table, "-o", tmp_path / "r.html", "--max-rows", "0")
    assert result.exit_code == 0, result.output and "8 actions" in result.output


def test_a_parquet_of_many_rows_is_refused_from_its_footer(tmp_path):
    """Over a million identical rows compress to a few KB; by default the table is refused before a
    row of it is decompressed."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = DEFAULT_MAX_ROWS + 1
    codes = pa.array(np.zeros(n, dtype=np.int8))
    column = pa.DictionaryArray.from_arrays(codes, pa.array(["Audit all open cases"]))
    small = pa.DictionaryArray.from_arrays(codes, pa.array(["1.1"]))
    table = pa.table({"action": column, "action_ref": small, "rag": small, "due_end": small,
                      "authority": small})
    path = tmp_path / "bomb.parquet"
    pq.write_table(table, path)
    assert path.stat().st_size < 200_000
    from actionplans.comparison.inputs import read_table as compare_read
    from actionplans.errors import InputError
    from actionplans.plandiff.load import read_table as diff_read

    with pytest.raises(InputError, match="more than 1,000,000 rows"):
        diff_read(path, "parquet")
    with pytest.raises(InputError, match="more than 1,000,000 rows"):
        compare_read(path)


# ---------------------------------------------------------------------------
# 3. XLSX: our own workbook is a table, a tracker is a plan
# ---------------------------------------------------------------------------


def test_own_workbook_is_told_from_a_tracker(plans, tmp_path):
    assert own_workbook(plans["xlsx"])
    assert not own_workbook(build_xlsx(tmp_path / "tracker.xlsx"))
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "actions"  # a tracker whose sheet happens to be called actions: its header is not the schema's
    ws.append(["Ref", "Action", "Lead officer", "Due", "RAG"])
    ws.append(["1.1", "Audit all open cases", "Head of Service", "2024-06-30", "Red"])
    wb.save(tmp_path / "actions-tracker.xlsx")
    assert not own_workbook(tmp_path / "actions-tracker.xlsx")
    (tmp_path / "not-a-workbook.xlsx").write_bytes(b"PK\x03\x04 broken")
    assert not own_workbook(tmp_path / "not-a-workbook.xlsx")


def test_compare_reads_its_own_xlsx_like_its_csv(plans, tmp_path):
    pages = {}
    for fmt in ("csv", "xlsx"):
        views = actionplans.compare([plans[fmt]], as_of="2025-01-01", jobs=0)
        pages[fmt] = views.overview.drop(columns=[c for c in views.overview.columns if "file" in c])
    assert int(pages["xlsx"]["actions"].sum()) == 8
    assert pages["xlsx"].to_dict("records") == pages["csv"].to_dict("records")
    result = _run("compare", plans["xlsx"], "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert "8 actions" in result.output


def test_diff_and_compare_convert_a_tracker_xlsx_as_a_plan(tmp_path):
    tracker = build_xlsx(tmp_path / "tracker.xlsx")
    later = tmp_path / "tracker-later.xlsx"
    shutil.copy(tracker, later)
    out = tmp_path / "c.csv"
    result = _run("diff", tracker, later, "-o", out, "--jobs", "0")
    assert result.exit_code == 0, result.output
    assert f"{len(TRACKER_ACTIONS)} actions -> " in result.output and "0 changes" in result.output
    views = actionplans.compare([tracker], as_of="2025-01-01", jobs=0)
    assert int(views.overview["actions"].sum()) == len(TRACKER_ACTIONS)


# ---------------------------------------------------------------------------
# 4. the same table twice
# ---------------------------------------------------------------------------


def test_compare_counts_the_same_table_once(plans, tmp_path):
    copy = tmp_path / "copy-of-old.csv"
    shutil.copy(plans["csv"], copy)
    (tmp_path / "sub").mkdir()
    dotted = tmp_path / "sub" / ".." / "copy-of-old.csv"
    lines = []
    views = actionplans.compare([plans["csv"], plans["csv"], copy, dotted], as_of="2025-01-01", jobs=0,
                                on_note=lines.append)
    assert len(views.overview) == 1 and int(views.overview["actions"].sum()) == 8
    assert lines == [f"{plans['csv']}: the same file as {plans['csv']}: counted once",
                     f"{copy}: the same content as {plans['csv']}: counted once",
                     f"{dotted}: the same file as {copy}: counted once"]
    result = _run("compare", plans["csv"], copy, "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert f"note: {copy}: the same content as {plans['csv']}: counted once" in result.output
    assert "8 actions" in result.output


def test_compare_counts_the_same_document_once(plans, tmp_path):
    copy = tmp_path / "plan-copy.docx"
    shutil.copy(plans["old"], copy)
    lines = []
    views = actionplans.compare([plans["old"], copy], as_of="2025-01-01", jobs=0, on_note=lines.append)
    assert int(views.overview["actions"].sum()) == 8
    assert lines == [f"{copy}: the same content as {plans['old']}: counted once"]


# ---------------------------------------------------------------------------
# 5. an output named as another format
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (("convert", "{old}", "-o", "{tmp}/x.csv", "--format", "parquet"), "'x.csv' is named as csv but --format is parquet"),
    (("diff", "{old}", "{new}", "-o", "{tmp}/x.csv", "--format", "html"), "'x.csv' is named as csv but --format is html"),
    (("diff", "{old}", "{new}", "-o", "{tmp}/x.html", "--format", "xlsx"), "'x.html' is named as html but --format is xlsx"),
    (("compare", "{old}", "-o", "{tmp}/x.csv"), "compare writes an HTML report, but the output 'x.csv' is named as csv"),
    (("compare", "{old}", "-o", "{tmp}/x.xlsx"), "named as xlsx"),
])
def test_an_output_named_as_another_format_is_a_usage_error(plans, tmp_path, args, message):
    given = [a.format(old=plans["old"], new=plans["new"], tmp=tmp_path) for a in args]
    result = _run(*given)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and message in result.output
    assert not any(tmp_path.glob("x.*"))


def test_a_name_that_says_no_format_or_the_same_takes_format(plans, tmp_path):
    assert _run("convert", plans["old"], "-o", tmp_path / "x.dat", "--format", "csv").exit_code == 0
    assert _run("convert", plans["old"], "-o", tmp_path / "y.CSV", "--format", "csv").exit_code == 0
    assert _run("diff", plans["old"], plans["new"], "-o", tmp_path / "z.htm", "--format", "html").exit_code == 0
    assert (tmp_path / "x.dat").read_bytes().startswith(b"authority,")


def test_compare_reads_convert_tables_found_in_a_folder_as_tables(plans, tmp_path):
    """A folder walk finds plan documents, trackers and convert's own tables: the actions tables are
    read as the tables they are (not converted as CSV or XLSX trackers), side tables left out."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(plans["new"], folder / "plan-v2.docx")
    build_xlsx(folder / "tracker.xlsx")
    tables = actionplans.convert_tables([plans["old"]], jobs=0)
    write_tables(tables, folder / "old.csv", side=True)  # old.csv, old.documents.csv, old.officers.csv …
    third = write_docx(OLD, tmp_path / "third-plan.docx")  # another file: another plan in the overview
    write_tables(actionplans.convert_tables([third], jobs=0), folder / "third.xlsx", side=True)
    from actionplans.comparison.inputs import walked_table_role

    assert walked_table_role(folder / "old.csv") == "actions"
    assert walked_table_role(folder / "old.documents.csv") == "other"
    assert walked_table_role(folder / "third.xlsx") == "actions"
    assert walked_table_role(folder / "tracker.xlsx") is None
    # third-plan.docx holds the same plan as plan-v1: kept apart here, this test is about the walk
    views = actionplans.compare([folder], as_of="2025-01-01", jobs=0, keep_duplicates=True)
    assert sorted(views.overview["actions"].astype(int)) == sorted([8, 8, 8, len(TRACKER_ACTIONS)])
    assert set(views.overview["source_file"]) == {"plan-v1.docx", "plan-v2.docx", "third-plan.docx", "tracker.xlsx"}
    assert views.failed.empty


# ---------------------------------------------------------------------------
# 6. progress on a terminal, as convert shows it
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ("diff", "compare"))
def test_progress_bar_on_a_terminal(plans, tmp_path, command):
    out = tmp_path / "out.html"
    code, shown, _ = on_a_terminal([command, str(plans["old"]), str(plans["new"]), "-o", str(out), "--jobs", "1"])
    assert code == 0, shown
    assert "2/2" in shown and "file" in shown  # the bar reached the end
    code, shown, _ = on_a_terminal(["diff", str(plans["csv"]), str(plans["csv"]), "-o", str(out)])
    assert code == 0 and "0/0" not in shown and "file/s" not in shown  # two tables: no bar
