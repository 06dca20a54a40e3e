"""Dates an analyst can use as they come (issue 19, item 8): the API's DataFrame has datetime64
date columns, Parquet holds date32, the CSV stays ISO text in the contract's columns, and
--excel-bom is the CSV's one concession to Excel."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import actionplans
from actionplans.cli import main
from actionplans.model import COLUMNS
from actionplans.tables import ACTIONS, DOCUMENTS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _tracker(path: Path) -> Path:
    """A small CSV tracker: a title line, a header, three actions (one undated)."""
    rows = [["Improvement tracker – May 2024"], [],
            ["Ref", "Action", "Lead", "Due", "RAG"],
            ["1.1", "Refresh the threshold document with partners", "Head of Early Help", "30/06/2024", "Red"],
            ["1.2", "Audit twenty case files each month and report to the board", "Principal Social Worker",
             "September 2024", "Green"],
            ["1.3", "Publish the new care leavers' offer on the council website", "Head of Service", "", "Amber"]]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture(scope="module")
def tracker(tmp_path_factory) -> Path:
    return _tracker(tmp_path_factory.mktemp("dates") / "tracker.csv")


@pytest.fixture(scope="module")
def frame(tracker):
    return actionplans.convert(str(tracker), jobs=0)


def test_the_api_frame_has_datetime64_date_columns_that_compare_as_they_are(frame):
    for name in ("plan_date", "due_start", "due_end"):
        assert pd.api.types.is_datetime64_any_dtype(frame[name].dtype), name
    by_ref = frame.set_index("action_ref")
    assert by_ref.loc["1.1", "due_end"] == pd.Timestamp("2024-06-30")
    assert by_ref.loc["1.2", "due_start"] == pd.Timestamp("2024-09-01")
    assert by_ref.loc["1.2", "due_end"] == pd.Timestamp("2024-09-30")
    assert pd.isna(by_ref.loc["1.3", "due_end"])  # blank is NaT, not ""
    # no conversion: a string, a Timestamp and a date all compare; .dt works
    assert list(frame[frame.due_end < "2024-07-01"].action_ref) == ["1.1"]
    assert list(frame[frame.due_end >= pd.Timestamp("2024-07-01")].action_ref) == ["1.2"]
    assert frame.due_end.dt.month.dropna().astype(int).tolist() == [6, 9]
    assert list(frame.columns) == list(COLUMNS)  # the contract's columns and order


def test_the_frame_goes_back_into_compare_and_diff_with_its_dates(frame):
    views = actionplans.compare(frame, as_of="2024-08-01")
    row = views.overview.iloc[0]
    assert row["overdue"] == 1  # 1.1 (June) is overdue at August; 1.2 is not due, 1.3 has no date
    changes = actionplans.diff(frame, frame)
    assert len(changes) == 0
    assert "NaT" not in changes.to_csv()


def test_parquet_holds_date32_and_reads_as_datetime64_the_documented_way(tracker, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "actions.parquet"
    result = CliRunner().invoke(main, ["convert", str(tracker), "-o", str(out), "--tables", "all", "-j", "0"])
    assert result.exit_code == 0, result.output
    schema = pq.read_schema(out)
    for col in ACTIONS.columns:
        if col.kind == "date":
            assert schema.field(col.name).type == pa.date32(), col.name
    docs_schema = pq.read_schema(tmp_path / "actions.documents.parquet")
    assert docs_schema.field("plan_date").type == pa.date32()
    assert [c.name for c in DOCUMENTS.columns if c.kind == "date"] == ["plan_date"]
    plain = pd.read_parquet(out)
    assert isinstance(plain.due_end.dropna().iloc[0], dt.date)  # what docs/reading.md says plain reading gives
    df = pq.read_table(out).to_pandas(date_as_object=False)  # the recipe for any pandas
    assert pd.api.types.is_datetime64_any_dtype(df.due_end.dtype)
    assert list(df[df.due_end < "2024-07-01"].action_ref) == ["1.1"]
    recipe = (DOCS / "reading.md").read_text(encoding="utf-8")
    assert 'date_as_object=False' in recipe and "to_pandas_kwargs" in recipe


def test_the_csv_keeps_the_contract_and_iso_dates_and_reads_with_the_documented_recipe(tracker, tmp_path):
    out = tmp_path / "actions.csv"
    result = CliRunner().invoke(main, ["convert", str(tracker), "-o", str(out), "-j", "0", "--no-excel-safe"])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8 by default
    header = raw.split(b"\r\n", 1)[0].decode("utf-8").split(",")
    assert header == list(COLUMNS)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["due_end"] for r in rows] == ["2024-06-30", "2024-09-30", ""]
    df = pd.read_csv(out, dtype=str, keep_default_na=False, parse_dates=["plan_date", "due_start", "due_end"])
    assert pd.api.types.is_datetime64_any_dtype(df.due_end.dtype)
    assert list(df[df.due_end < "2024-07-01"].action_ref) == ["1.1"]
    assert "parse_dates" in (DOCS / "reading.md").read_text(encoding="utf-8")


def test_excel_bom_starts_every_csv_with_the_mark_and_changes_nothing_else(tracker, tmp_path):
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    for out, extra in ((plain, []), (marked, ["--excel-bom"])):
        result = CliRunner().invoke(main, ["convert", str(tracker), "-o", str(out), "-j", "0", "--tables", "all",
                                           *extra])
        assert result.exit_code == 0, result.output
    for name in ("", ".documents", ".officers", ".acronyms"):
        a = (tmp_path / f"plain{name}.csv").read_bytes()
        b = (tmp_path / f"marked{name}.csv").read_bytes()
        assert b.startswith(b"\xef\xbb\xbf") and not a.startswith(b"\xef\xbb\xbf")
        if name != ".documents":  # the documents table names the output's own path and timing
            assert b[3:] == a
    # pandas, and actionplans reading its own table back, skip the mark
    assert pd.read_csv(marked, dtype=str).columns[0] == "authority"
    views = actionplans.compare([str(marked)], as_of="2024-08-01")
    assert views.overview.iloc[0]["actions"] == 3


def test_excel_bom_on_another_format_is_a_usage_error(tracker, tmp_path):
    result = CliRunner().invoke(main, ["convert", str(tracker), "-o", str(tmp_path / "a.xlsx"), "--excel-bom"])
    assert result.exit_code == 2
    assert "--excel-bom" in result.output and "csv" in result.output.lower()
    assert not (tmp_path / "a.xlsx").exists()
