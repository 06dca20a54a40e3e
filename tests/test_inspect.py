"""`actionplans inspect`: what a user sees when a plan converts badly."""
import json

from click.testing import CliRunner

from actionplans.cli import main
from structured import SAMPLES


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_inspect_pdf_shows_pages_mapping_and_side_tables():
    res = run("inspect", str(SAMPLES / "004_0181fde6aaa631cd.pdf"))
    assert res.exit_code == 0, res.output
    out = res.output
    assert "pdf, 10 pages" in out
    assert "authority=Wiltshire (E06000054)" in out
    assert "Table 2 (page 1):" in out and "kind: actions" in out
    assert "Completion Date" in out and "-> due" in out
    assert "-> action_ref  (by content)" in out  # the number column has no header
    assert "not an action table (risk)" in out
    assert "11 named officers" in out


def test_inspect_json_lists_tables_with_columns_and_dropped_rows():
    res = run("inspect", "--json", str(SAMPLES / "001_17cf1543151ab3d9.html"))
    assert res.exit_code == 0, res.output
    info = json.loads(res.output)
    assert info["format"] == "html" and info["actions"] == 17
    actions, glossary = info["tables"]
    assert actions["kind"] == "actions" and glossary["kind"] == "glossary"
    fields = [c["field"] for c in actions["columns"]]
    assert fields[:4] == ["recommendation", "due", "action", "owner"]
    assert {"row": 11, "reason": "section row: theme 'Services for Cared for Children'"} in actions["rows_dropped"]
    assert actions["spans"][0] == {"row": 2, "col": 1, "rowspan": 1, "colspan": 10}


def test_inspect_bad_file_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    res = run("inspect", str(bad))
    assert res.exit_code == 1
    assert res.output.strip().count("\n") == 0 and "broken.pdf" in res.output


def test_convert_notes_a_document_with_no_actions_without_failing(tmp_path):
    notes = tmp_path / "minutes.txt"
    notes.write_text("Minutes of the meeting.\nApologies were received.\n", encoding="utf-8")
    res = run("convert", str(notes), "-o", str(tmp_path / "o.csv"), "-j", "0")
    assert res.exit_code == 0
    assert f"note: {notes}: no actions found" in res.output


def test_inspect_shows_fidelity_kind_scores_evidence_and_repairs():
    """Issue #9: per table its fidelity, kind with score and runner-up, per column the header and
    content evidence, and every repair with its reason (here a converter's damaged Markdown)."""
    res = run("inspect", "--json", str(SAMPLES / "002_c3f8460906c6c51e.md"))
    assert res.exit_code == 0, res.output
    tables = json.loads(res.output)["tables"]
    actions = [t for t in tables if t["kind"] == "actions"]
    assert actions and all(t["fidelity"] == "recovered" for t in actions)
    # a kind is won by its score, except where the table carries on the one before it (its header laid
    # over it) or was chosen relatively (a note says why); those say so
    by_score = [t for t in tables if not any(r["repair"].startswith("no header row") for r in t.get("repairs", []))
                and not any(n.startswith("read as actions") for n in t.get("notes", []))]
    assert len(by_score) < len(tables)
    assert all(t["kind_score"] >= (t["runner_up"] or {"score": 0})["score"] for t in by_score)
    assert any(r["repair"].startswith("no number in a numbered table") for t in actions for r in t["repairs"])
    assert all(c["evidence"].startswith("header:") for t in actions for c in t["columns"])
    text = run("inspect", str(SAMPLES / "002_c3f8460906c6c51e.docx")).output
    assert "structure: exact" in text and "runner-up" in text and "repair" not in text
    assert "header: action 1.0" in text  # the evidence line under the action column


def test_inspect_text_sets_tables_apart_by_blank_lines_not_escaped_newlines(tmp_path):
    res = CliRunner().invoke(main, ["inspect", str(SAMPLES / "000_9d4ebbcf78c32af3.docx")])
    assert res.exit_code == 0
    assert "\\nTable" not in res.output and "\n\nTable 1" in res.output
