"""What the analyst gets (issue #10): dates that survive every format, warnings said once,
one rule for blanks, and an XLSX a person can read and print.

Runs the committed samples through the library API and reads every output format back.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from actionplans.model import COLUMNS, Action
from actionplans.normalise.rag import read_rag
from actionplans.pipeline import convert_tables
from actionplans.results import FileResult
from actionplans.tables import build_tables
from actionplans.writers import RAG_FILLS, side_path, write_tables
from structured import SAMPLES

WILTSHIRE = SAMPLES / "004_0181fde6aaa631cd.txt"  # dated "July 2011": a date stated to the month
NO_AUTHORITY = SAMPLES / "000_9d4ebbcf78c32af3.txt"  # names no council; timescales "Sept 13", "Dec 13 – March 14"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The Wiltshire sample written in every format, with the side tables."""
    tables = convert_tables([str(WILTSHIRE)], jobs=0)
    out = tmp_path_factory.mktemp("out")
    paths = {fmt: out / f"actions.{fmt}" for fmt in ("csv", "parquet", "xlsx", "jsonl")}
    for fmt, path in paths.items():
        write_tables(tables, path, side=True)
    return tables, paths


def _xlsx_rows(path: Path, sheet: str) -> list[dict]:
    from openpyxl import load_workbook

    ws = load_workbook(path)[sheet]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def _csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _jsonl_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- 3. dates survive every format -------------------------------------------------------


def test_a_plan_dated_to_the_month_is_a_date_in_every_format(written):
    import pyarrow.parquet as pq

    _, paths = written
    july = dt.date(2011, 7, 1)  # the rule: a date stated to the month is its first day
    assert {r["plan_date"] for r in _csv_rows(paths["csv"])} == {"2011-07-01"}
    assert set(pq.read_table(paths["parquet"]).column("plan_date").to_pylist()) == {july}
    assert {r["plan_date"] for r in _jsonl_rows(paths["jsonl"])} == {"2011-07-01"}
    cells = {r["plan_date"] for r in _xlsx_rows(paths["xlsx"], "actions")}
    assert cells == {dt.datetime(2011, 7, 1)}  # a real date cell, not the text "2011-07"


def test_every_date_column_holds_a_date_or_nothing(written):
    import pyarrow.parquet as pq

    tables, paths = written
    csv_rows = _csv_rows(paths["csv"])
    parquet = pq.read_table(paths["parquet"])
    for name in ("plan_date", "due_start", "due_end"):
        texts = [r[name] for r in csv_rows]
        assert all(t == "" or dt.date.fromisoformat(t) for t in texts)
        dates = parquet.column(name).to_pylist()
        assert [d.isoformat() if d else "" for d in dates] == texts  # nothing dropped by Parquet


def test_the_plan_date_as_written_and_its_precision_are_in_the_documents_table(written):
    tables, paths = written
    doc = tables.documents.iloc[0]
    assert (doc["plan_date"], doc["plan_date_as_written"], doc["plan_date_precision"]) == (
        "2011-07-01", "July 2011", "month")
    back = _csv_rows(side_path(paths["csv"], "documents", "csv"))[0]
    assert (back["plan_date"], back["plan_date_as_written"], back["plan_date_precision"]) == (
        "2011-07-01", "July 2011", "month")


# --- 4. warnings an analyst can act on, once ---------------------------------------------


@pytest.fixture(scope="module")
def undated():
    return convert_tables([str(NO_AUTHORITY)], jobs=0)


def test_a_document_level_fact_is_said_once_in_the_documents_table(undated):
    rows = undated.actions
    assert len(rows) > 10
    assert not rows["warnings"].str.contains("authority").any()
    doc_warnings = undated.documents.loc[0, "warnings"]
    assert "authority not named" in doc_warnings and "--authority" in doc_warnings


def test_routine_two_digit_years_are_no_warning(undated):
    rows = undated.actions
    sept = rows[rows["due_raw"] == "Sept 13"]
    assert len(sept) and set(sept["due_end"]) == {"2013-09-30"}  # still read as 2013 ...
    assert not rows["warnings"].str.contains("two-digit year").any()  # ... without saying so on every row


def test_quoted_cell_text_in_a_warning_is_cut_short():
    long_cell = "Gr include the new Head of Corporate Parenting, " + "and other key stakeholders " * 8
    reading = read_rag(long_cell)
    assert reading.rag == "" and len(reading.warnings) == 1
    assert reading.warnings[0].startswith("unreadable RAG 'Gr include")
    assert len(reading.warnings[0]) < 70 and "…" in reading.warnings[0]


def test_no_warning_on_a_row_runs_on_for_ever():
    from actionplans.model import Document, Extraction, RawRecord
    from actionplans.normalise import normalise

    rec = RawRecord(source_table=1, source_row=1, action="Act", warnings=("cell said: " + "word " * 100,))
    (row,) = normalise(Extraction(Document("plan.docx", "docx", ()), (rec,)))
    assert row.warnings.startswith("cell said: word") and len(row.warnings) <= 160 and row.warnings.endswith("…")


def test_share_of_rows_with_a_warning_on_two_samples_is_small():
    tables = convert_tables([str(NO_AUTHORITY), str(WILTSHIRE)], jobs=0)
    share = (tables.actions["warnings"] != "").mean()
    assert share < 0.25, share  # it was 100% on the first, where every row said "authority not named"


# --- 5. blank is blank -------------------------------------------------------------------

BLANKS = [
    Action(source_file="a.docx", source_format="docx", source_table=1, source_row=1, action="Act", rag="Red",
           extra='{"Notes": "kept"}', plan_date="2013-01-02"),
    Action(source_file="a.docx", source_format="docx", source_table=1, source_row=2, action="Blank around",
           theme="", owner_raw="", due_start="", extra="{}"),
]
BLANK_TEXT = ("theme", "owner_raw", "warnings", "extra", "rag", "plan_date", "due_start", "authority")


@pytest.fixture
def blank_tables():
    return build_tables([FileResult(path="in/a.docx", format="docx", actions=BLANKS)])


def test_blank_is_an_empty_field_in_csv(tmp_path, blank_tables):
    out = tmp_path / "a.csv"
    write_tables(blank_tables, out)
    row = _csv_rows(out)[1]
    assert all(row[c] == "" for c in BLANK_TEXT)
    assert _csv_rows(out)[0]["extra"] == '{"Notes": "kept"}'


def test_blank_is_null_in_jsonl(tmp_path, blank_tables):
    out = tmp_path / "a.jsonl"
    write_tables(blank_tables, out)
    first, second = _jsonl_rows(out)
    assert all(second[c] is None for c in BLANK_TEXT), {c: second[c] for c in BLANK_TEXT}
    assert first["extra"] == {"Notes": "kept"}


def test_blank_is_null_in_parquet(tmp_path, blank_tables):
    import pyarrow.parquet as pq

    out = tmp_path / "a.parquet"
    write_tables(blank_tables, out)
    table = pq.read_table(out)
    assert all(table.column(c).to_pylist()[1] is None for c in BLANK_TEXT)
    assert table.column("extra").to_pylist()[0] == '{"Notes": "kept"}'
    df = pd.read_parquet(out)
    assert df["theme"].isna().tolist() == [True, True]


def test_blank_is_an_empty_cell_in_xlsx(tmp_path, blank_tables):
    out = tmp_path / "a.xlsx"
    write_tables(blank_tables, out)
    second = _xlsx_rows(out, "actions")[1]
    assert all(second[c] is None for c in BLANK_TEXT), {c: second[c] for c in BLANK_TEXT}


def test_extra_is_blank_when_the_source_row_has_no_other_columns(undated, tmp_path):
    assert set(undated.actions["extra"]) == {""}  # this plan's tables have no column beyond the fields
    out = tmp_path / "a.jsonl"
    write_tables(undated, out)
    assert {r["extra"] for r in _jsonl_rows(out)} == {None}


def test_the_blank_rule_is_documented():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "Blank is blank" in docs and "first day" in docs


# --- 7. an XLSX a person can read --------------------------------------------------------


def test_xlsx_prints_a3_landscape_fitted_to_width_with_the_header_on_every_page(written):
    from openpyxl import load_workbook

    _, paths = written
    wb = load_workbook(paths["xlsx"])
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "8"  # A3
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == "$1:$1"


def test_xlsx_rows_are_a_few_lines_high_with_the_whole_text_in_a_note(written):
    from openpyxl import load_workbook

    from actionplans.xlsx import LINE_POINTS, MAX_LINES

    _, paths = written
    ws = load_workbook(paths["xlsx"])["actions"]
    header = [c.value for c in ws[1]]
    assert header == list(COLUMNS)  # the contract's order, untouched
    action = header.index("action")
    tall = noted = 0
    for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
        height = ws.row_dimensions[r].height
        assert height is None or height <= MAX_LINES * LINE_POINTS  # never more than a few lines
        cell = row[action]
        if cell.value and len(cell.value) > 120:  # needs several lines in its column
            assert cell.alignment.wrap_text
            assert height and height >= 2 * LINE_POINTS
            tall += 1
        for c in row:
            if isinstance(c.value, str) and len(c.value) > 400:  # more than four lines of any column
                assert c.comment is not None and c.comment.text == c.value  # the whole text on hover
                noted += 1
            if c.comment is not None:
                assert c.comment.text == c.value
    assert tall >= 3 and noted >= 1


def test_xlsx_freezes_the_header_and_the_identifying_columns_only(written):
    """Only the authority, the action's number and the action stay in view: the plan, file and
    recommendation columns between them are a collapsed outline group (shown with its +), so the
    frozen part is a third of a laptop screen, not all of it; nothing is lost to a reader."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    _, paths = written
    ws = load_workbook(paths["xlsx"])["actions"]
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == f"{get_column_letter(header.index('action') + 2)}2"
    grouped = [name for i, name in enumerate(header, start=1)
               if ws.column_dimensions[get_column_letter(i)].hidden]
    assert grouped == header[1:header.index("action_ref")]
    assert all(ws.column_dimensions[get_column_letter(i + 1)].outline_level == 1
               for i, name in enumerate(header) if name in grouped)
    visible_frozen = [name for name in header[:header.index("action") + 1] if name not in grouped]
    assert visible_frozen == ["authority", "action_ref", "action"]
    frozen_width = sum(ws.column_dimensions[get_column_letter(header.index(n) + 1)].width for n in visible_frozen)
    assert frozen_width <= 80  # about 480 px at the sheet's 85% zoom, on a 1366 px screen
    # the grouped columns are there for every reader, and every column is as wide as its name
    rows = _xlsx_rows(paths["xlsx"], "actions")
    assert {r["plan_title"] for r in rows} == {"Unannounced Action Plan July 2011"}
    for i, name in enumerate(header, start=1):
        assert ws.column_dimensions[get_column_letter(i)].width >= len(name) + 1
    # the side tables keep every column in view, the header frozen
    docs = load_workbook(paths["xlsx"])["documents"]
    assert docs.freeze_panes == "A2"
    assert not any(d.hidden for d in docs.column_dimensions.values())


def test_xlsx_keeps_the_action_in_view_and_rag_coloured(written):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    _, paths = written
    ws = load_workbook(paths["xlsx"])["actions"]
    header = [c.value for c in ws[1]]
    rag = header.index("rag")
    coloured = [row[rag] for row in ws.iter_rows(min_row=2) if row[rag].value]
    assert coloured and all(c.fill.fgColor.rgb[-6:] == RAG_FILLS[c.value] for c in coloured)
