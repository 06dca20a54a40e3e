"""The XLSX reader: trackers built with openpyxl in tmp dirs (tests/sheet_trackers.py) read into the model
and converted to the expected actions."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from actionplans.errors import InputError
from actionplans.ingest import read, sniff_format
from actionplans.ingest.xlsx import read as read_xlsx
from actionplans.ingest.xlsx.colours import apply_tint
from actionplans.ingest.xlsx.values import date_text, display, number_text
from actionplans.model import Format, Heading, Paragraph, Table
from actionplans.pipeline import convert
from sheet_trackers import EXPECTED, HIDDEN_ROW_ACTION, HIDDEN_TEXT, build_xlsx, ole_file
from frames import iso_dates


@pytest.fixture(scope="module")
def tracker(tmp_path_factory) -> Path:
    return build_xlsx(tmp_path_factory.mktemp("xlsx") / "tracker.xlsx", conditional=False)


@pytest.fixture(scope="module")
def actions(tracker):
    return convert([str(tracker)], jobs=0)


def _rows(df):
    return [(r.theme, r.recommendation, r.action, r.owners, r.due_start, r.due_end, r.rag)
            for r in iso_dates(df).fillna("").itertuples()]


def test_tracker_gives_the_expected_actions(actions):
    assert _rows(actions) == EXPECTED
    assert set(actions["source_format"]) == {"xlsx"}


def test_hidden_column_and_row_are_not_read(actions):
    text = actions.fillna("").astype(str).to_csv()
    assert HIDDEN_TEXT not in text
    assert HIDDEN_ROW_ACTION not in text


def test_provenance_is_sheet_and_row(actions):
    first = actions.iloc[0]
    assert (first.source_page, first.source_row) == (2, 5)  # sheet 2 ("Early help"), row 5
    last = actions.iloc[-1]
    assert (last.source_page, last.source_row) == (3, 4)


def test_values_as_shown_go_to_extra(actions):
    # percentages and booleans as Excel shows them, in the unmapped columns
    assert '"Progress": "25%"' in actions.iloc[3].extra and '"Funded": "TRUE"' in actions.iloc[3].extra


def test_reader_model(tracker):
    doc = read(tracker)
    assert doc.format is Format.XLSX
    assert doc.title == "Children's Services Improvement Tracker 2024"  # the title block's largest line
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[:3] == ["Key", "Early help", "Children's Services Improvement Tracker 2024"]
    assert "Permanence" in headings
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "Reviewed by the improvement board on 5 February 2024" in paragraphs
    key, early, perm = doc.tables
    assert key.rows[1].cells[0].fill == "#FF0000" and key.page == 1
    # the recommendation merged over two action rows; the hidden column G is gone
    assert early.n_cols == 6
    rec = early.rows[1].cells[1]
    assert rec.rowspan == 2 and early.rows[2].cells[1] is None
    assert [r.source_row for r in early.rows] == [4, 5, 6, 7]  # row 8 is hidden
    fills = [r.cells[5].fill for r in early.rows[1:]]
    assert fills == ["#FF0000", "#76923C", "#FFCC00"]  # rgb; theme accent 3 darker 25%; indexed 51
    assert [c.text for c in early.rows[1].cells[:5]][4] == "2024-06-30"
    assert early.rows[2].cells[4].text == "September 2024"  # "mmm-yy" shows the month
    # frozen first row: the header
    assert perm.rows[0].is_header and not perm.rows[1].is_header
    assert any("hidden column(s) G" in n for n in doc.notes)
    assert any("hidden row(s) 8" in n for n in doc.notes)
    assert any("take values from a list: R, A, G, C" in n for n in doc.notes)


def test_wrapped_text_keeps_its_line_breaks_and_default_names_are_no_headings(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active  # "Sheet"
    ws.append(["Action", "Lead"])
    ws.append(["Agree the audit tool\nRun the first audit", "Head of Quality"])
    wb.create_sheet("Sheet2").append(["Notes", "More"])
    wb.save(tmp_path / "wrap.xlsx")
    doc = read_xlsx(tmp_path / "wrap.xlsx")
    assert not [b for b in doc.blocks if isinstance(b, Heading)]
    assert doc.tables[0].rows[1].cells[0].text == "Agree the audit tool\nRun the first audit"


def test_hidden_sheet_is_noted_not_read(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Action", "Lead"])
    wb.active.append(["Agree the audit tool", "Head of Quality"])
    old = wb.create_sheet("Old plan")
    old.append(["Action", "Lead"])
    old.append(["An action from the old plan", "Someone"])
    old.sheet_state = "hidden"
    wb.save(tmp_path / "h.xlsx")
    doc = read_xlsx(tmp_path / "h.xlsx")
    assert "An action from the old plan" not in str(doc.blocks)
    assert doc.notes == ("sheet 'Old plan' is hidden: not read",)


def test_title_block_and_a_key_below_the_table_are_kept_apart(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Improvement plan"
    ws.append(["Ref", "Action", "Lead", "Due", "RAG"])
    ws.append(["1", "Agree the audit tool", "Head of Quality", "June 2024", "G"])
    ws.append([])
    ws.append(["2", "Run the first audit", "Head of Quality", "July 2024", "A"])  # same columns: same table
    ws.append([])
    ws.append(["Key"])
    ws.append(["G", "On track"])
    ws.append(["A", "At risk"])
    wb.save(tmp_path / "k.xlsx")
    doc = read_xlsx(tmp_path / "k.xlsx")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table"]
    main, key = doc.tables
    assert [r.source_row for r in main.rows] == [2, 3, 5]
    assert key.n_cols == 2 and key.rows[0].cells[1].text == "On track"


def test_number_formats():
    assert number_text(0.5, "0%") == "50%"
    assert number_text(0.125, "0.0%") == "12.5%"
    assert number_text(1234.5, "#,##0.00") == "1,234.50"
    assert number_text(1234.5, '"£"#,##0') == "£1,235"
    assert number_text(3, '0" days"') == "3 days"
    assert number_text(-2, "0;(0)") == "(2)"
    assert display(0.1 + 0.2) == "0.3"
    assert display(12.0) == "12"
    assert display(True) == "TRUE"


def test_dates_stay_exact_whatever_the_order_of_day_and_month():
    d = dt.datetime(2024, 3, 7)
    assert date_text(d, "mm-dd-yy") == "2024-03-07"
    assert date_text(d, "dd/mm/yyyy") == "2024-03-07"
    assert date_text(d, "d mmmm yyyy") == "2024-03-07"
    assert date_text(d, "mmm-yy") == "March 2024"
    assert date_text(d, "yyyy") == "2024"
    assert date_text(dt.datetime(2024, 3, 7, 14, 30), "dd/mm/yyyy hh:mm") == "2024-03-07 14:30"
    assert date_text(dt.datetime(2024, 3, 7, 14, 30), "h:mm") == "14:30"


def test_theme_tint_as_excel_shows_it():
    assert apply_tint("#9BBB59", -0.249977111117893) == "#76923C"
    assert apply_tint("#F79646", 0.5999938962981048) == "#FCD5B4"
    assert apply_tint("#FF0000", 0) == "#FF0000"


def test_sniffing_and_one_line_errors(tmp_path, tracker):
    assert sniff_format(tracker) == "xlsx"
    renamed = tmp_path / "plan.bin"
    renamed.write_bytes(tracker.read_bytes())
    assert sniff_format(renamed) == "xlsx"  # the content decides
    enc = tmp_path / "locked.xlsx"
    enc.write_bytes(ole_file("EncryptedPackage"))
    with pytest.raises(InputError, match="password-protected.*remove the password"):
        read(enc)
    xls = tmp_path / "old.xls"
    xls.write_bytes(ole_file("Workbook"))
    with pytest.raises(InputError, match=r"legacy binary Excel file \(\.xls\)"):
        read(xls)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(tracker.read_bytes()[:2000])
    with pytest.raises(InputError, match="corrupt or truncated"):
        read(cut)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        read(empty)


def test_a_workbook_part_with_a_dtd_is_refused(tmp_path, tracker):
    bad = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(tracker) as src, zipfile.ZipFile(bad, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[-1]
            out.writestr(info, data)
    with pytest.raises(InputError, match="DOCTYPE/ENTITY"):
        read(bad)


def test_folders_pick_up_spreadsheets_but_not_the_output(tmp_path, tracker):
    from actionplans.inputs import collect_inputs

    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "t.xlsx").write_bytes(tracker.read_bytes())
    (tmp_path / "plans" / "t.ods").write_bytes(b"x")
    (tmp_path / "plans" / "t.csv").write_text("a,b\n")
    (tmp_path / "plans" / "out.csv").write_text("a,b\n")
    (tmp_path / "plans" / "out.documents.csv").write_text("a,b\n")
    found = collect_inputs([str(tmp_path / "plans")], exclude=[tmp_path / "plans" / "out.csv"])
    assert sorted(p.name for p in found.files) == ["t.csv", "t.ods", "t.xlsx"]


def test_conditional_formats_give_the_fill(tmp_path):
    """The tracker's RAG letters coloured by rules only (cellIs equal, containsText) get the rules' fills."""
    doc = read(build_xlsx(tmp_path / "cf.xlsx", conditional=True))
    perm = doc.tables[2]
    assert [r.cells[6].fill for r in perm.rows[1:]] == ["#00B050", "#FFC000", "#FF0000"]


def test_a_rag_cell_coloured_only_by_an_expression_rule_gets_its_rag(tmp_path):
    """An empty RAG column coloured by a rule on the row's status ($D2="Late" -> red): the fill is all
    there is to read, and it gives the RAG."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    ws.append(["Action", "Lead", "Due", "Status", "RAG"])
    ws.append(["Agree the audit tool with partners", "Head of Quality", "June 2024", "Late", None])
    ws.append(["Run the first multi-agency audit", "Head of Quality", "July 2024", "Done", None])
    ws.append(["Report the audit to the board", "Head of Quality", "August 2024", "Begun", None])
    ws.conditional_formatting.add("E2:E50", FormulaRule(formula=['$D2="late"'], fill=PatternFill(bgColor="FF0000")))
    ws.conditional_formatting.add("E2:E50", FormulaRule(formula=['$D2="Done"'], fill=PatternFill(bgColor="00B0F0")))
    wb.save(tmp_path / "expr.xlsx")
    table = read(tmp_path / "expr.xlsx").tables[0]
    assert [r.cells[4].fill for r in table.rows[1:]] == ["#FF0000", "#00B0F0", None]
    df = iso_dates(convert([str(tmp_path / "expr.xlsx")], jobs=0)).fillna("")
    assert list(df["rag"])[:2] == ["Red", "Blue"]


def test_rule_kinds():
    from actionplans.ingest.conditional import expression_ref, literal, text_test

    assert literal('"R"') == "R" and literal("3") == "3" and literal("A1") is None
    assert text_test("equal", "R")("r") and not text_test("equal", "R")("")
    assert text_test("containsText", "green")("Green - on track")
    assert text_test("beginsWith", "Off")("off track") and text_test("endsWith", "late")("Running late")
    assert text_test("notEqual", "Complete")("Begun") and not text_test("notEqual", "Complete")("complete")
    assert expression_ref('$G2="Red"') == ((True, 7, False, 2), "Red")
    assert expression_ref("SUM(A1:A3)>2") is None
