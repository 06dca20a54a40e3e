"""actionplans diff: two versions of one plan, built here as DOCX and as the tables convert
writes from them, give exactly the six edits made between them, in every input format; the
CSV, XLSX and HTML outputs hold the same rows and the summary."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

import actionplans
from actionplans.cli import main
from actionplans.plandiff import CHANGE_COLUMNS, CHANGE_KINDS
from actionplans.writers import write_tables
from plan_versions import ADDED, NEW, OLD, REWORDED_13, write_docx, write_html

ROOT = Path(__file__).resolve().parent.parent
OLD_BY_REF = {r.ref: r for r in OLD}

#: (change, action_ref, old, new, days_slipped): the six edits new_version() makes, in the new plan's order
EXPECTED = [
    ("rag", "1.2", "Red", "Amber", None),
    ("reworded", "1.3", OLD_BY_REF["1.3"].action, REWORDED_13, None),
    ("due", "2.1", "2025-03-31", "2025-06-30", 91),
    ("removed", "2.2", OLD_BY_REF["2.2"].action, "", None),
    ("owner", "3.1", "Head of Safeguarding", "Principal Social Worker", None),
    ("added", "3.3", "", ADDED.action, None),
]
TABLE_FORMATS = ("csv", "parquet", "jsonl", "xlsx")


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """{input format: (old, new)}: the two DOCX versions and the tables convert writes from them."""
    root = tmp_path_factory.mktemp("versions")
    docx = (write_docx(OLD, root / "plan-v1.docx"), write_docx(NEW, root / "plan-v2.docx"))
    out = {"docx": docx,
           "html": (write_html(OLD, root / "plan-v1.html"), write_html(NEW, root / "plan-v2.html"))}
    for fmt in TABLE_FORMATS:
        pair = []
        for doc in docx:
            target = root / f"{doc.stem}.{fmt}"
            write_tables(actionplans.convert_tables([doc], jobs=0), target)
            pair.append(target)
        out[fmt] = tuple(pair)
    return out


def _seen(df: pd.DataFrame) -> list[tuple]:
    return [(r.change, r.action_ref, r.old, r.new, None if pd.isna(r.days_slipped) else int(r.days_slipped))
            for r in df.itertuples()]


@pytest.mark.parametrize("fmt", ("docx", "html") + TABLE_FORMATS)
def test_diff_finds_exactly_the_edits(versions, fmt):
    old, new = versions[fmt]
    df = actionplans.diff(old, new)
    assert list(df.columns) == list(CHANGE_COLUMNS)
    assert _seen(df) == EXPECTED
    # every pair was matched by its reference and its words; added and removed have no match
    matched = df[~df.change.isin(["added", "removed"])]
    assert set(matched["match"]) == {"ref+text"}
    assert (matched["confidence"] >= 0.75).all()
    assert df.loc[df.change == "reworded", "confidence"].iloc[0] < 1.0
    assert df.loc[df.change == "rag", "confidence"].iloc[0] == 1.0
    # provenance of both sides: the plan documents' names and rows, whatever form was compared
    removed = df[df.change == "removed"].iloc[0]
    plan = "html" if fmt == "html" else "docx"  # the tables were converted from the DOCX versions
    assert removed.old_source_file == f"plan-v1.{plan}" and removed.new_source_file == ""
    assert removed.old_source_row == 6  # header row 1, then 1.1 ... 2.2 is the fifth action
    added = df[df.change == "added"].iloc[0]
    assert added.new_source_file == f"plan-v2.{plan}" and added.new_source_row == 9 and pd.isna(added.old_source_row)
    owner = df[df.change == "owner"].iloc[0]
    assert (owner.old_source_row, owner.new_source_row) == (8, 7)  # 3.1 moved up one row when 2.2 went
    summary = df.attrs["summary"]
    assert summary["changes"] == {"added": 1, "removed": 1, "renumbered": 0, "reworded": 1, "rag": 1, "due": 1,
                                  "owner": 1, "progress": 0}
    assert summary["rag_moves"] == [{"from": "Red", "to": "Amber", "actions": 1}]
    assert (summary["slipped"], summary["days_slipped"], summary["rag_better"]) == (1, 91, 1)
    assert (summary["old_actions"], summary["new_actions"]) == (len(OLD), len(NEW))


@pytest.mark.parametrize("old_fmt,new_fmt", [("docx", "csv"), ("parquet", "docx"), ("jsonl", "xlsx"), ("html", "docx")])
def test_diff_across_formats(versions, old_fmt, new_fmt):
    df = actionplans.diff(versions[old_fmt][0], versions[new_fmt][1])
    assert _seen(df) == EXPECTED


def test_excel_safe_table_reads_as_written(tmp_path):
    from dataclasses import replace

    old = tuple(replace(r, action="-" + r.action) if r.ref == "1.1" else r for r in OLD)
    doc = write_docx(old, tmp_path / "dash.docx")
    guarded = tmp_path / "dash.csv"
    write_tables(actionplans.convert_tables([doc], jobs=0), guarded, safe=True)
    assert "'-Audit all open" in guarded.read_text(encoding="utf-8")
    from actionplans.plandiff import load_version

    assert load_version(guarded).actions[0].action.startswith("-Audit all open")
    df = actionplans.diff(guarded, doc)
    assert df.empty, df[["change", "old", "new"]]


def test_same_version_has_no_changes(versions):
    df = actionplans.diff(versions["docx"][0], versions["csv"][0])
    assert df.empty
    assert df.attrs["summary"]["matched"]["ref+text"] == len(OLD)


def test_dataframes_in(versions):
    old = pd.read_csv(versions["csv"][0], dtype=str, keep_default_na=False)
    new = pd.read_parquet(versions["parquet"][1])
    assert _seen(actionplans.diff(old, new)) == EXPECTED


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_csv_and_summary_on_stderr(versions, tmp_path):
    out = tmp_path / "changes.csv"
    result = _run("diff", *versions["docx"], "-o", out)
    assert result.exit_code == 0, result.output
    assert "RAG: Red→Amber 1 (1 better, 0 worse)" in result.output
    assert "due dates: 1 slipped by 91 days in total (longest 91)" in result.output
    assert "1 added, 1 removed, 0 renumbered, 1 reworded, 1 rag, 1 due, 1 owner, 0 progress" in result.output
    assert result.output.rstrip().endswith(f"6 changes -> {out}")
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(CHANGE_COLUMNS)
    assert [(r["change"], r["action_ref"], r["old"], r["new"], int(r["days_slipped"]) if r["days_slipped"] else None)
            for r in rows] == EXPECTED


def test_cli_xlsx(versions, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "changes.xlsx"
    assert _run("diff", *versions["jsonl"], "-o", out).exit_code == 0
    wb = load_workbook(out)
    ws = wb["changes"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(CHANGE_COLUMNS)
    col = {name: i for i, name in enumerate(rows[0])}
    assert [(r[col["change"]], r[col["action_ref"]], r[col["old"]] or "", r[col["new"]] or "", r[col["days_slipped"]])
            for r in rows[1:]] == EXPECTED
    assert isinstance(rows[3][col["days_slipped"]], int)  # a number, not text
    assert ws.cell(row=2, column=col["old"] + 1).fill.fgColor.rgb.endswith("FF5050")  # Red filled as convert does
    assert any("Red→Amber 1" in (r[0] or "") for r in wb["summary"].iter_rows(values_only=True))


def test_cli_html(versions, tmp_path):
    from actionplans.report.page import RAG_COLOURS, asset

    out = tmp_path / "changes.html"
    result = _run("diff", *versions["parquet"], "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    # self-contained: no fetched script, style, image or font, and a policy forbidding any request
    assert not soup.find_all(src=True) and not soup.find_all("link")
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    # the shared report shell: its one stylesheet and one script, its header and sections
    assert [st.get_text() for st in soup.find_all("style")] == [asset("page.css")]
    assert [sc.get_text() for sc in soup.find_all("script")] == [asset("page.js")]
    assert soup.select_one("header.page h1").get_text() == "Changes: plan-v1.parquet → plan-v2.parquet"
    assert [s["id"] for s in soup.select("main > section.report")] == ["summary", "changes"]
    summary = " ".join(li.get_text() for li in soup.select("#summary ul.summary li"))
    assert "RAG: Red→Amber 1" in summary and "1 slipped by 91 days in total" in summary
    cards = {(c.b.get_text(), c.span.get_text(), "alert" in c["class"]) for c in soup.select("#summary .card")}
    assert {("1", "Red→Amber", False), ("0", "RAG worse", False), ("1", "date slipped", True),
            ("91", "days slipped in total", True), ("1", "removed", True), ("1", "added", False)} <= cards
    table = soup.find("table", id="changes-table")
    heads = [th.get_text() for th in table.thead.find_all("th")]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    assert len(rows) == len(EXPECTED)
    at = {h: i for i, h in enumerate(heads)}
    assert [(r[at["change"]], r[at["ref"]], r[at["old"]], r[at["new"]]) for r in rows] == [e[:4] for e in EXPECTED]
    assert rows[2][at["days slipped"]] == "+91"
    # the change menu lists the kinds in their order
    assert table.thead.find_all("th")[at["change"]]["data-menu"].split("\n") == list(CHANGE_KINDS)
    # a rewording marks the words it took out and put in
    cells = table.tbody.find_all("tr")[1].find_all("td")
    assert [d.get_text().strip() for d in cells[at["old"]].find_all("del")] == ["a", "safeguarding"]
    assert [i.get_text().strip() for i in cells[at["new"]].find_all("ins")] == ["all statutory", "the"]
    # RAG values are the shared labelled badges in the shared palette, never colour alone
    badges = table.select("span.rag")
    assert [(b.get_text(), b["style"].split(";")[0]) for b in badges] == [
        ("Red", f"background:{RAG_COLOURS['Red']}"), ("Amber", f"background:{RAG_COLOURS['Amber']}")]
    # the provenance of both sides
    assert rows[3][at["old source"]].startswith("plan-v1.docx") and "r.6" in rows[3][at["old source"]]
    assert rows[3][at["new source"]] == "" and rows[5][at["old source"]] == ""
    assert rows[5][at["new source"]].startswith("plan-v2.docx") and rows[5][at["new source"]].endswith("#3.3")


def test_html_escapes_plan_text(versions, tmp_path):
    from dataclasses import replace

    hostile = '<script>alert("x")</script> & <b>bold</b>'
    new = tuple(replace(r, action=hostile) if r.ref == "3.3" else r for r in NEW)
    new_doc = write_docx(new, tmp_path / "hostile.docx")
    out = tmp_path / "h.html"
    assert _run("diff", versions["docx"][0], new_doc, "-o", out).exit_code == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id="changes-table")
    assert len(soup.find_all("script")) == 1 and not table.find_all("b")
    assert hostile in table.get_text()


def test_html_rag_badges_for_blank_and_unknown_ratings(versions, tmp_path):
    """A rating taken away shows as the 'No RAG' badge; a value outside the schema's (a hand-edited
    table) is written as it is, not badged as something else."""
    from actionplans.plandiff import write_changes

    old = pd.read_csv(versions["csv"][0], dtype=str, keep_default_na=False)
    new = old.copy()
    new.loc[new.action_ref == "1.1", "rag"] = ""
    new.loc[new.action_ref == "2.1", "rag"] = "Purple"
    out = write_changes(actionplans.diff_versions(old, new), tmp_path / "rag.html")
    table = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").find("table", id="changes-table")
    cells = {tr.find_all("td")[1].get_text(): tr.find_all("td")[3:5] for tr in table.tbody.find_all("tr")}
    assert [c.get_text() for c in cells["1.1"]] == ["Green", "No RAG"] and len(cells["1.1"][1].select("span.rag")) == 1
    assert [c.get_text() for c in cells["2.1"]] == ["Amber", "Purple"] and not cells["2.1"][1].select("span.rag")


def test_exit_statuses(versions, tmp_path):
    old, new = versions["docx"]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = _run("diff", old, broken, "-o", tmp_path / "x.csv")
    assert result.exit_code == 1
    assert re.match(rf"error: {re.escape(str(broken))}: \S", result.output.splitlines()[-1])
    assert not (tmp_path / "x.csv").exists()
    assert _run("diff", old, new, "-o", tmp_path / "x.txt").exit_code == 2
    assert _run("diff", old, tmp_path / "missing.docx", "-o", tmp_path / "x.csv").exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = _run("diff", old, new, "-o", blocker / "x.csv")
    assert result.exit_code == 3 and f"error: cannot write {blocker / 'x.csv'}" in result.output


def test_a_table_of_several_plans_is_refused(versions, tmp_path):
    both = tmp_path / "both.csv"
    write_tables(actionplans.convert_tables(list(versions["docx"]), jobs=0), both)
    result = _run("diff", both, versions["docx"][1], "-o", tmp_path / "x.csv")
    assert result.exit_code == 1
    assert "holds the actions of 2 plans (plan-v1.docx, plan-v2.docx)" in result.output


def test_a_table_without_actions_column_is_refused(versions, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,role\nA,B\n", encoding="utf-8")
    result = _run("diff", other, versions["csv"][1], "-o", tmp_path / "x.csv")
    assert result.exit_code == 1 and "not an actions table" in result.output


def test_help_and_docs_name_every_option():
    from actionplans.cli import diff

    result = _run("diff", "--help")
    assert result.exit_code == 0
    docs = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "actionplans diff" in readme and "docs/diff.md" in readme
    for param in diff.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in result.output, opt
                assert opt in docs, f"docs/diff.md does not mention {opt}"
    for column in CHANGE_COLUMNS:
        assert f"`{column}`" in docs, f"docs/diff.md does not describe {column}"


def _synthetic_diff(changes: list[tuple[str, str, str]]):
    """A PlanDiff built by hand: one action per change on each side, ``changes`` as (kind, old, new)."""
    from actionplans.model import Action
    from actionplans.plandiff import PlanDiff, PlanVersion
    from actionplans.plandiff.changes import Change
    from actionplans.plandiff.summary import summarise

    n = len(changes)
    old = PlanVersion("old plan.csv", "csv", tuple(Action(action=f"old action {i}", action_ref=str(i)) for i in range(n)))
    new = PlanVersion("new.csv", "csv", tuple(Action(action=f"new action {i}", action_ref=str(i)) for i in range(n)))
    found = tuple(Change(kind, None if kind == "added" else i, None if kind == "removed" else i, a, b)
                  for i, (kind, a, b) in enumerate(changes))
    return PlanDiff(old, new, (), found, summarise(old.name, new.name, n, n, (), found))


def _cards(page: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page, "html.parser")
    return [(c.b.get_text(), c.span.get_text()) for c in soup.select("#summary .card")]


def test_html_figures_are_the_moves_that_occur():
    from actionplans.plandiff.html import render_html

    page = render_html(_synthetic_diff([("rag", "Green", "Amber")] * 3 + [("rag", "Amber", "Green"),
                                                                          ("rag", "", "Red"), ("reworded", "a", "b")]))
    cards = _cards(page)
    assert ("3", "Green→Amber") in cards and ("1", "Amber→Green") in cards and ("1", "no RAG→Red") in cards
    assert ("1", "RAG better") in cards and ("3", "RAG worse") in cards
    assert ("6", "changes") in cards and ("5", "rag") in cards and ("1", "reworded") in cards
    labels = [label for _, label in cards]
    assert "Red→Amber" not in labels  # no move that did not happen
    assert not any("slipped" in label for label in labels) and "added" not in labels and "removed" not in labels
    soup = BeautifulSoup(page, "html.parser")
    alert = {c.span.get_text() for c in soup.select("#summary .card.alert")}
    assert alert == {"Green→Amber", "RAG worse"}  # worse moves flagged; a blank side is neither better nor worse
    one = _cards(render_html(_synthetic_diff([("owner", "A", "B")])))
    assert one == [("1", "change"), ("1", "owner")]  # no RAG or date cards when none moved


def test_html_page_is_capped_and_says_where_the_rest_is(tmp_path):
    """100,000 changes: the page lists MAX_PAGE_ROWS of them, every kind represented, and says how
    many it leaves out and that the CSV/XLSX hold them all; the figures count them all."""
    from actionplans.plandiff.html import MAX_PAGE_ROWS, render_html

    changes = [("reworded", "a b", "a c")] * 90_000 + [("rag", "Red", "Amber")] * 9_990 + [("added", "", "x")] * 10
    diff = _synthetic_diff(changes)
    page = render_html(diff)
    assert len(page.encode("utf-8")) < 2_000_000
    soup = BeautifulSoup(page, "html.parser")
    rows = soup.select("#changes-table tbody tr")
    assert len(rows) == MAX_PAGE_ROWS == 2000
    kinds = Counter(tr.find("td").get_text() for tr in rows)
    assert kinds["added"] == 10 and kinds["rag"] == 995 and kinds["reworded"] == 995  # fair shares
    note = soup.select_one("#changes p.cap-note").get_text()
    assert "2,000 of the 100,000 changes (98,000 not shown)" in note and "CSV or XLSX" in note
    assert "'old plan.csv'" in note  # the command to get the whole list, the name quoted for the shell
    cards = _cards(page)
    assert ("100,000", "changes") in cards and ("90,000", "reworded") in cards and ("9,990", "Red→Amber") in cards
    from dataclasses import replace

    in_memory = replace(diff, old=replace(diff.old, kind="table"))  # a DataFrame given to the API
    note = BeautifulSoup(render_html(in_memory, max_rows=10), "html.parser").select_one("#changes p.cap-note").get_text()
    assert "write_changes(result, 'changes.csv')" in note and "actionplans diff" not in note
    from actionplans.plandiff import write_changes

    few = write_changes(diff, tmp_path / "few.html", page_rows=30).read_text(encoding="utf-8")
    assert len(BeautifulSoup(few, "html.parser").select("#changes-table tbody tr")) == 30
    small = render_html(_synthetic_diff(changes[-20:]))
    small_soup = BeautifulSoup(small, "html.parser")
    assert not small_soup.select("p.cap-note") and len(small_soup.select("#changes-table tbody tr")) == 20


def test_shown_changes_keeps_order_and_fair_shares():
    from actionplans.plandiff.html import shown_changes

    kinds = ["a"] * 5 + ["b"] * 2 + ["a"] * 5 + ["c"] * 10
    picked = shown_changes(kinds, 9)
    assert picked == sorted(picked) and len(picked) == 9
    assert Counter(kinds[i] for i in picked) == {"b": 2, "a": 4, "c": 3} or \
        Counter(kinds[i] for i in picked) == {"b": 2, "a": 3, "c": 4}
    assert [kinds[i] for i in picked if kinds[i] == "a"] == ["a"] * len([1 for i in picked if kinds[i] == "a"])
    assert picked[:2] == [0, 1]  # each kind's first ones
    assert shown_changes(kinds, 100) == list(range(len(kinds)))
