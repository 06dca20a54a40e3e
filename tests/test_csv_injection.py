"""One rule against spreadsheet formula injection for every CSV the commands write (cellsafe.py):
convert's tables, diff's changes, compare --tables; XLSX cells stay text with no visible quote."""
import csv
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplans.cellsafe import guard, needs_guard, unguard
from actionplans.cli import main
from plan_versions import OLD, new_version, write_html

HOSTILE = ['=HYPERLINK("http://evil.example","Click")', "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
           "+1", "-1+1", "  =1+1", "\t=1", "\r=1"]
BAD_NAME = "=cmd|' calc'!A0.html"


@pytest.mark.parametrize("text", HOSTILE + ["- review the plan", "'=already quoted"])
def test_formula_cells_are_guarded_and_read_back_exactly(text):
    assert needs_guard(text)
    assert guard(text).startswith("'") and unguard(guard(text)) == text


@pytest.mark.parametrize("text", ["", "Audit plans", "1.1", "'quoted", "a=b", "2025-03-31", "Red"])
def test_ordinary_cells_are_untouched(text):
    assert not needs_guard(text)
    assert guard(text) == text and unguard(text) == text


def _runs_in_a_spreadsheet(cell: str) -> bool:
    return cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@")


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [c for row in csv.reader(fh) for c in row]


def _hostile_versions(folder: Path) -> tuple[Path, Path]:
    """Two versions of a plan whose texts and owners are formula attacks, the new one under a hostile name."""
    old = tuple(replace(r, action=f"{HOSTILE[i % 3]} {r.action}", lead=HOSTILE[3 + i % 3])
                for i, r in enumerate(OLD))
    new = tuple(replace(r, action=HOSTILE[0] + " reworded: " + r.action) if r.ref == "1.1" else r for r in new_version(old))
    return write_html(old, folder / "old.html"), write_html(new, folder / BAD_NAME)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_convert_csv_tables_are_guarded_including_the_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _hostile_versions(tmp_path)
    result = _run("convert", BAD_NAME, "-o", "out.csv", "--tables", "all", "--jobs", "0")
    assert result.exit_code == 0, result.output
    written = sorted(tmp_path.glob("out*.csv"))
    assert len(written) == 4  # actions, documents, officers, acronyms
    for path in written:
        assert not [c for c in _cells(path) if _runs_in_a_spreadsheet(c)], path.name
    cells = _cells(tmp_path / "out.csv")
    assert "'" + BAD_NAME in cells  # the file name, guarded
    assert any(c.startswith("'=HYPERLINK") for c in cells) and any(c == "'-1+1" for c in cells)
    assert BAD_NAME in "".join(_cells(tmp_path / "out.documents.csv"))
    raw = _run("convert", BAD_NAME, "-o", "raw.csv", "--no-excel-safe", "--jobs", "0")
    assert raw.exit_code == 0 and BAD_NAME in _cells(tmp_path / "raw.csv")


def test_convert_xlsx_cells_are_text_without_a_visible_quote(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)
    _hostile_versions(tmp_path)
    assert _run("convert", BAD_NAME, "-o", "out.xlsx", "--jobs", "0").exit_code == 0
    ws = load_workbook(tmp_path / "out.xlsx")["actions"]
    values = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert any(c.value == BAD_NAME for c in values)
    hostile = [c for c in values if _runs_in_a_spreadsheet(c.value)]
    assert hostile and all(c.data_type == "s" for c in hostile)
    assert not [c.value for c in values if c.value.startswith("'")]


def test_diff_csv_is_guarded_and_reads_guarded_tables_back(tmp_path):
    old, new = _hostile_versions(tmp_path)
    out = tmp_path / "changes.csv"
    result = _run("diff", old, new, "-o", out)
    assert result.exit_code == 0, result.output
    cells = _cells(out)
    assert not [c for c in cells if _runs_in_a_spreadsheet(c)]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    # a guarded table given back to diff is the same plan: no change
    table = tmp_path / "old.csv"
    assert _run("convert", old, "-o", table, "--jobs", "0").exit_code == 0
    same = _run("diff", table, old, "-o", tmp_path / "none.csv")
    assert same.exit_code == 0 and "0 changes ->" in same.output, same.output
    assert len(list(csv.reader(open(tmp_path / "none.csv", encoding="utf-8")))) == 1  # the header alone
    raw = tmp_path / "raw.csv"
    assert _run("diff", old, new, "-o", raw, "--no-excel-safe").exit_code == 0
    assert any(c.startswith("=HYPERLINK") for c in _cells(raw))


def test_compare_tables_are_guarded(tmp_path):
    old, new = _hostile_versions(tmp_path)
    table = tmp_path / "t" / "old.csv"
    assert _run("convert", old, "-o", table, "--jobs", "0").exit_code == 0
    views = tmp_path / "views"
    result = _run("compare", table, new, "-o", tmp_path / "report.html", "--tables", views, "--jobs", "0")
    assert result.exit_code == 0, result.output
    written = sorted(views.glob("*.csv"))
    assert len(written) > 5
    everything = []
    for path in written:
        cells = _cells(path)
        assert not [c for c in cells if _runs_in_a_spreadsheet(c)], path.name
        everything += cells
    assert "'" + BAD_NAME in everything
    # the guarded table was read back without its quotes: its actions start with the attack itself
    topics = _cells(views / "topic_rows.csv")
    assert any(c.startswith("'=HYPERLINK") for c in topics) and not any(c.startswith("''") for c in topics)
