"""Each output format is written and read back (pandas, pyarrow, openpyxl) equal to the CSV."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from actionplans.model import COLUMNS, Action
from actionplans.results import FileResult
from actionplans.tables import ACTIONS, SIDE_TABLES, build_tables
from actionplans.writers import (RAG_FILLS, XLSX_MAX_CELL, OutputError, atomic_path, csvw_path, output_format,
                                 side_path, write_tables)
from structured import SHARED, needs_shared

TRICKY = [
    Action(authority="Walsall", authority_code="E08000030", plan_title="Improvement Plan", plan_date="2013-01-02",
           source_file="a.docx", source_format="docx", source_page=3, source_table=1, source_row=2, theme="Theme, one",
           recommendation_ref="1.1", recommendation='Say "why"', action_ref="i",
           action="- start with a dash\nsecond line", owner_raw="DCS", owners="Jane Smith", due_raw="Dec 13",
           due_start="2013-12-01", due_end="2013-12-31", rag="Red", rag_raw="#FF0000",
           acronyms="LSCB=Local Safeguarding Children Board", warnings="", extra='{"Notes": "=SUM(A1)"}'),
    Action(source_file="a.docx", source_format="docx", source_table=1, source_row=3, recommendation_ref="2.10",
           action='=HYPERLINK("http://x","y")', rag="Green", due_raw="ongoing", owner_raw="@team",
           measures="+5% by March", progress="Zürich café – “quotes” ✓"),
    Action(source_file="b.pdf", source_format="pdf", source_page=1, source_table=2, source_row=1,
           action="Amber action", rag="Amber", due_end="2014-01-31"),
    Action(source_file="b.pdf", source_format="pdf", source_table=2, source_row=2, action="Done", rag="Blue"),
    Action(source_file="b.pdf", source_format="pdf", source_table=2, source_row=3, action="Later", rag="Grey"),
]


def _results(actions=TRICKY) -> list[FileResult]:
    return [
        FileResult(path="in/a.docx", format="docx", actions=[a for a in actions if a.source_file == "a.docx"],
                   n_tables=2, officers=(("Jane Smith", "Director of Children's Services", "document"),),
                   acronyms=(("BSCB", "Borough Safeguarding Children Board", "glossary"),
                             ("LSCB", "Local Safeguarding Children Board", "dictionary")),
                   sha256="ab" * 32, seconds=0.25),
        FileResult(path="in/b.pdf", format="pdf", pages=4, actions=[a for a in actions if a.source_file == "b.pdf"]),
        FileResult(path="in/c.pdf", error="encrypted PDF (password needed; use --password)"),
    ]


@pytest.fixture
def tables():
    return build_tables(_results())


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def test_output_format_from_name_or_option():
    assert output_format("x/actions.CSV") == "csv"
    assert output_format("a.parquet") == "parquet"
    assert output_format("a.xlsx") == "xlsx"
    assert output_format("a.jsonl") == "jsonl"
    assert output_format("a.out", "xlsx") == "xlsx"
    with pytest.raises(OutputError):
        output_format("a.txt")
    with pytest.raises(OutputError):
        output_format("a.csv", "xls")


def test_csv_is_rfc4180_utf8(tmp_path, tables):
    out = tmp_path / "actions.csv"
    write_tables(tables, out, safe=False)  # values as they are (the default guards formula cells)
    raw = out.read_bytes()
    assert raw.startswith(b"authority,authority_code,")
    assert b"\r\n" in raw and raw.endswith(b"\r\n")
    assert "Zürich café".encode("utf-8") in raw
    assert b'"Say ""why"""' in raw  # quotes doubled inside a quoted field
    back = _read_csv(out)
    assert list(back.columns) == list(COLUMNS)
    assert len(back) == len(TRICKY)
    assert back.loc[0, "action"] == "- start with a dash\nsecond line"  # line break kept inside the field
    assert back.loc[0, "recommendation_ref"] == "1.1"
    assert back.loc[1, "action"].startswith("=HYPERLINK")  # not guarded unless asked
    assert back.loc[0, "source_page"] == "3" and back.loc[1, "source_page"] == ""


def test_csvw_metadata_lists_every_column(tmp_path, tables):
    out = tmp_path / "actions.csv"
    written = write_tables(tables, out, side=True)
    meta_path = csvw_path(out)
    assert meta_path.name == "actions.csv-metadata.json" and meta_path in written
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta["@context"] == "http://www.w3.org/ns/csvw"
    by_url = {t["url"]: t for t in meta["tables"]}
    assert set(by_url) == {"actions.csv", "actions.documents.csv", "actions.officers.csv", "actions.acronyms.csv"}
    cols = by_url["actions.csv"]["tableSchema"]["columns"]
    assert [c["name"] for c in cols] == list(COLUMNS)
    assert all(c["dc:description"] for c in cols)
    types = {c["name"]: c["datatype"] for c in cols}
    assert types["source_page"] == "integer"
    assert types["due_end"]["base"] == "date"
    assert types["extra"] == "json"
    assert "Amber" in types["rag"]["format"]
    for spec in SIDE_TABLES:  # each side table described, and its file is there with that header
        url = f"actions.{spec.name}.csv"
        assert [c["name"] for c in by_url[url]["tableSchema"]["columns"]] == spec.names
        assert list(_read_csv(tmp_path / url).columns) == spec.names


@needs_shared("SCHEMA.md")
def test_described_columns_are_the_contract_in_its_order():
    """The column metadata names SCHEMA.md's columns in SCHEMA.md's order, with its types."""
    import re

    schema = (SHARED / "SCHEMA.md").read_text(encoding="utf-8")
    contract = re.findall(r"^\| (\w+) \| (text|date|int|enum|JSON) \|", schema, re.M)
    assert [(c.name, c.kind.casefold()) for c in ACTIONS.columns] == [(n, t.casefold()) for n, t in contract]


def test_every_column_is_described_and_documented():
    """The descriptions are the project's own words, and docs/schema.md documents every column."""
    assert all(len(c.description) > 10 for c in ACTIONS.columns)
    docs = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")
    assert all(f"`{c.name}`" in docs for c in ACTIONS.columns)


def _csv_frame(tmp_path, tables) -> pd.DataFrame:
    out = tmp_path / "ref.csv"
    write_tables(tables, out, safe=False)  # the values as they are
    return _read_csv(out)


def _as_csv_text(df: pd.DataFrame) -> pd.DataFrame:
    """Any frame as the strings the CSV holds: blank for missing, ISO dates, ints without .0."""
    def text(v):
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if hasattr(v, "isoformat"):
            return v.isoformat()[:10]
        if isinstance(v, dict):
            return json.dumps(v, ensure_ascii=False)
        return str(v)
    return pd.DataFrame({c: [text(v) for v in df[c].astype(object)] for c in df.columns})


def test_parquet_reads_back_equal_with_types(tmp_path, tables):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "actions.parquet"
    write_tables(tables, out, side=True)
    table = pq.read_table(out)
    assert table.schema.field("due_end").type == pa.date32()
    assert table.schema.field("plan_date").type == pa.date32()
    assert pa.types.is_dictionary(table.schema.field("rag").type)
    assert pa.types.is_integer(table.schema.field("source_row").type)
    assert table.schema.field("action").metadata[b"description"]
    df = pd.read_parquet(out)
    assert isinstance(df["rag"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(_as_csv_text(df), _csv_frame(tmp_path, tables), check_dtype=False)
    docs = pd.read_parquet(side_path(out, "documents", "parquet"))
    assert list(docs["status"].astype(str)) == ["ok", "ok", "failed"]


def test_jsonl_reads_back_equal(tmp_path, tables):
    out = tmp_path / "actions.jsonl"
    write_tables(tables, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(TRICKY)
    first = json.loads(lines[0])
    assert first["extra"] == {"Notes": "=SUM(A1)"} and first["source_page"] == 3
    assert json.loads(lines[1])["due_end"] is None
    df = pd.read_json(out, lines=True, dtype=False)
    df["extra"] = [json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for v in df["extra"]]
    pd.testing.assert_frame_equal(_as_csv_text(df), _csv_frame(tmp_path, tables), check_dtype=False)


def test_xlsx_reads_back_equal_text_as_text_and_rag_coloured(tmp_path, tables):
    from openpyxl import load_workbook

    out = tmp_path / "actions.xlsx"
    write_tables(tables, out, side=True)
    wb = load_workbook(out)
    assert wb.sheetnames == ["actions", "documents", "officers", "acronyms"]
    ws = wb["actions"]
    assert ws.freeze_panes == "O2"  # the header row and the identifying columns stay in view
    header = [c.value for c in ws[1]]
    assert header == list(COLUMNS)
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2))
    ref = rows[0][col["recommendation_ref"]]
    assert ref.value == "1.1" and ref.data_type == "s" and ref.number_format == "@"
    formula = rows[1][col["action"]]
    assert formula.data_type == "s" and formula.value.startswith("=HYPERLINK")  # stored as text, never run
    assert rows[0][col["due_end"]].is_date
    for row in rows:  # every RAG cell carries its colour
        rag = row[col["rag"]]
        assert rag.fill.fgColor.rgb[-6:] == RAG_FILLS[rag.value]
    assert ws.column_dimensions["N"].width >= 20  # the action column is wide
    assert all(ws.column_dimensions[letter].width <= 60 for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    df = pd.DataFrame([[c.value for c in r] for r in rows], columns=header)
    pd.testing.assert_frame_equal(_as_csv_text(df), _csv_frame(tmp_path, tables), check_dtype=False)
    docs = [[c.value for c in r] for r in wb["documents"].iter_rows(min_row=2)]
    assert [r[7] for r in docs] == ["ok", "ok", "failed"]


def test_xlsx_row_heights_are_capped_and_a_cut_cell_keeps_its_text_in_a_note(tmp_path):
    """A row is as high as its wrapped text up to a few lines; a cell cut by that height carries
    its whole text as a note (hover); a cell that fits has none; one-line rows keep the default."""
    from openpyxl import load_workbook

    from actionplans.xlsx import LINE_POINTS, MAX_LINES

    long_progress = " ".join(f"step{i} done by the team" for i in range(60))  # far more than a few lines
    two_lines = "Review the threshold document with partners and publish it on the website"
    # most actions are of the two-line kind, so the action column is at its widest
    actions = [Action(source_file="a.docx", source_row=1, action_ref="1", action=two_lines, progress=long_progress),
               Action(source_file="a.docx", source_row=2, action_ref="2", action=two_lines),
               Action(source_file="a.docx", source_row=3, action_ref="3", action="One line")]
    out = tmp_path / "a.xlsx"
    write_tables(build_tables(_results(actions)), out)
    ws = load_workbook(out)["actions"]
    col = {c.value: i for i, c in enumerate(ws[1])}
    assert ws.row_dimensions[2].height == MAX_LINES * LINE_POINTS  # capped, not 20 lines
    note = ws.cell(row=2, column=col["progress"] + 1).comment
    assert note is not None and note.text == long_progress
    assert ws.cell(row=2, column=col["action"] + 1).comment is None  # fits: no note
    assert LINE_POINTS < ws.row_dimensions[3].height < MAX_LINES * LINE_POINTS
    assert ws.cell(row=3, column=col["action"] + 1).comment is None
    assert ws.row_dimensions[4].height is None


def test_xlsx_groups_the_columns_between_the_authority_and_the_action(tmp_path, tables):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from actionplans.tables import ACTIONS_EXPANDED
    from actionplans.xlsx import freeze_cell, grouped_columns

    assert [ACTIONS.names[i] for i in grouped_columns(ACTIONS)][0] == "authority_code"
    assert [ACTIONS.names[i] for i in grouped_columns(ACTIONS)][-1] == "recommendation"
    assert grouped_columns(ACTIONS_EXPANDED) == grouped_columns(ACTIONS)
    assert freeze_cell(ACTIONS) == freeze_cell(ACTIONS_EXPANDED) == "O2"
    assert not grouped_columns(SIDE_TABLES[0]) and freeze_cell(SIDE_TABLES[0]) == "A2"
    out = tmp_path / "a.xlsx"
    write_tables(tables, out)
    xml = __import__("zipfile").ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert 'outlineLevelCol="1"' in xml  # Excel draws the group's + only with this
    ws = load_workbook(out)["actions"]
    after = get_column_letter(ACTIONS.names.index("action_ref") + 1)
    assert ws.column_dimensions[after].collapsed and not ws.column_dimensions[after].hidden


def test_excel_safe_guards_formula_cells_in_csv_and_xlsx(tmp_path, tables):
    from openpyxl import load_workbook

    out = tmp_path / "safe.csv"
    write_tables(tables, out, safe=True)
    back = _read_csv(out)
    assert back.loc[1, "action"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert back.loc[0, "action"].startswith("'- start")
    assert back.loc[1, "owner_raw"] == "'@team" and back.loc[1, "measures"] == "'+5% by March"
    assert back.loc[0, "theme"] == "Theme, one"  # other cells untouched
    assert back.loc[0, "plan_date"] == "2013-01-02"
    assert "excel-safe" in csvw_path(out).read_text(encoding="utf-8")
    xout = tmp_path / "safe.xlsx"
    write_tables(tables, xout, safe=True)
    ws = load_workbook(xout)["actions"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=3, column=header.index("action") + 1)
    # XLSX cells are text, never formulas: no visible quote added
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def test_huge_and_control_characters_in_xlsx(tmp_path):
    from openpyxl import load_workbook

    huge = "x" * (20 * 1024 * 1024)
    tables = build_tables(_results([Action(source_file="a.docx", action=huge, progress="bell\x07 here")]))
    out = tmp_path / "big.xlsx"
    write_tables(tables, out)
    ws = load_workbook(out, read_only=True)["actions"]
    row = next(ws.iter_rows(min_row=2, values_only=True))
    assert len(row[COLUMNS.index("action")]) == XLSX_MAX_CELL
    assert "cut" in row[COLUMNS.index("action")][-60:]
    assert row[COLUMNS.index("progress")] == "bell here"
    csv_out = tmp_path / "big.csv"  # CSV keeps the whole cell
    write_tables(tables, csv_out)
    assert _read_csv(csv_out).loc[0, "action"] == huge


class Boom(Exception):
    pass


def test_interrupted_write_leaves_previous_output_and_no_part_file(tmp_path, tables, monkeypatch):
    out = tmp_path / "actions.csv"
    out.write_bytes(b"previous\r\n")
    from actionplans import writers

    real = writers._csv_value
    calls = {"n": 0}

    def dying(value, col, safe):  # interrupt the writer half way through the rows
        calls["n"] += 1
        if calls["n"] > 40:
            raise KeyboardInterrupt
        return real(value, col, safe)

    monkeypatch.setattr(writers, "_csv_value", dying)
    with pytest.raises(KeyboardInterrupt):
        write_tables(tables, out)
    assert calls["n"] > 40  # it really was cut in the middle
    assert out.read_bytes() == b"previous\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions.csv"]
    fresh = tmp_path / "new" / "actions.parquet"
    with pytest.raises(Boom):
        with atomic_path(fresh) as tmp:
            tmp.write_bytes(b"PAR1 half")
            raise Boom
    assert list(fresh.parent.iterdir()) == []


def test_written_file_is_not_private(tmp_path, tables):
    out = tmp_path / "actions.csv"
    old = os.umask(0o022)
    try:
        write_tables(tables, out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_side_tables_content(tables):
    assert list(tables.documents["status"]) == ["ok", "ok", "failed"]
    assert list(tables.documents["actions"]) == [2, 3, 0]
    assert tables.documents.loc[2, "error"].startswith("encrypted PDF")
    assert tables.officers.to_dict("records") == [
        {"source_file": "a.docx", "name": "Jane Smith", "role": "Director of Children's Services",
         "source": "document"}]
    acr = [(r["source_file"], r["abbreviation"], r["origin"]) for r in tables.acronyms.to_dict("records")]
    assert acr == [("a.docx", "BSCB", "glossary"), ("a.docx", "LSCB", "dictionary")]
