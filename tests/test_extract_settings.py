"""ExtractSettings: the extract stage's thresholds as one object, passed by ConvertOptions.extract.

The defaults read every plan as before; changing one threshold changes the reading of a small
document made here; a bad value is refused before any file is read, naming the field; ``inspect
-v`` shows the settings in effect; and the resume journal's key changes with them."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, fields, replace

import pytest
from click.testing import CliRunner

import actionplans
from actionplans.batch import convert_one, run_batch
from actionplans.cli import main
from actionplans.conversion import convert_file, extract_file
from actionplans.extract import extract
from actionplans.extract.forms import read_form
from actionplans.extract.grid import Grid
from actionplans.extract.settings import DEFAULT, ExtractSettings, grouped, problems
from actionplans.journal import options_fingerprint
from actionplans.model import Cell, Document, Row, Table, TableKind
from actionplans.options import OptionError, check_options
from actionplans.settings import BatchOptions, ConvertOptions
from structured import SAMPLES


def table(rows, header_rows=1):
    return Table(rows=tuple(Row(cells=tuple(Cell(text=c) for c in r), is_header=i < header_rows)
                            for i, r in enumerate(rows)))


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


#: a plan table whose third column has a header naming no field: only its cells (dates) say what
#: it holds, a content score of 1 for the due date, under a header's weight of 2 for the others
ROWS = [
    ["Action", "Lead officer", "Column C"],
    ["Develop a new quality assurance framework for case audits", "Jane Smith", "March 2024"],
    ["Review the threshold document with partner agencies", "Raj Patel", "June 2024"],
    ["Deliver training on neglect to all social work teams", "Ann Other", "September 2024"],
]

HTML = "<html><body><h1>Improvement plan</h1><table>" + "".join(
    "<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>" for c in row) + "</tr>"
    for i, row in enumerate(ROWS)) + "</table></body></html>"


def _fields(ex):
    return [f for _, f in ex.tables[0].columns]


# --- the object -------------------------------------------------------------------------

def test_default_is_one_frozen_object_with_every_threshold_grouped():
    assert ConvertOptions().extract is DEFAULT
    assert actionplans.ExtractSettings is ExtractSettings
    with pytest.raises(AttributeError):
        DEFAULT.min_score = 0.1  # frozen: a caller makes a new one
    names = [f.name for f in fields(ExtractSettings)]
    listed = [n for _, values in grouped(DEFAULT) for n, _ in values]
    assert listed == names  # every field in exactly one group, in order
    assert problems(DEFAULT) == []
    # equal settings are one key of the memoised text tests
    assert ExtractSettings() == DEFAULT and hash(ExtractSettings()) == hash(DEFAULT)
    assert hash(replace(DEFAULT, min_score=0.7)) != hash(DEFAULT)


def test_the_defaults_read_the_samples_as_before():
    """Fresh default settings (equal, not the same object) give the very records the stage's own
    default gives, on a sample of each format (the sample scores are test_samples' job)."""
    srcs = [p for p in sorted(SAMPLES.glob("00*_*.*")) if p.suffix in (".docx", ".pdf", ".html")][:3]
    if not srcs:
        pytest.skip("samples/ not built")
    fresh = ConvertOptions(extract=ExtractSettings(**asdict(DEFAULT)))
    for src in srcs:
        a, b = extract_file(src), extract_file(src, fresh)
        assert a.records and a.records == b.records and a.tables == b.tables, src.name


# --- one setting changes one reading ------------------------------------------------------

def test_a_stricter_min_score_leaves_a_weakly_evidenced_column_unassigned():
    t = table(ROWS)
    assert _fields(extract(doc(t))) == ["action", "owner", "due"]  # the dates' cells score 1 >= 0.65
    strict = ExtractSettings(min_score=1.2)  # above what cells alone give, below a header's 2
    assert _fields(extract(doc(t), strict)) == ["action", "owner", "other"]


def test_extract_settings_reach_the_stage_through_convert_options(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(HTML, encoding="utf-8")
    default = convert_file(path)
    strict = convert_file(path, ConvertOptions(extract=ExtractSettings(min_score=1.2)))
    assert default.error is None and strict.error is None
    assert [a.action for a in default.actions] == [a.action for a in strict.actions] == [r[0] for r in ROWS[1:]]
    assert [a.due_raw for a in default.actions] == ["March 2024", "June 2024", "September 2024"]
    assert [a.due_raw for a in strict.actions] == ["", "", ""]
    assert "March 2024" in strict.actions[0].extra  # kept in extra, as an unmapped column


def test_the_form_label_share_decides_whether_a_table_is_a_form():
    # five rows, three of them a label beside a value, two a note running across the first cell
    rows = [["Action", "Develop a new quality assurance framework"],
            ["Lead officer", "Jane Smith"],
            ["Timescale", "March 2024"],
            ["These notes were added at the review meeting held by the board in the spring", ""],
            ["The board asked for a further report on progress at its next meeting in June", ""]]
    grid = Grid(table(rows, header_rows=0))
    assert read_form(grid) is not None  # 3 of 5 rows labelled: 0.6, the default share
    assert read_form(grid, settings=ExtractSettings(form_label_share=0.8)) is None  # 4 of 5 needed
    ex = extract(doc(table(rows, header_rows=0)))
    assert ex.tables[0].kind == TableKind.ACTION_FORM and len(ex.records) == 1
    ex = extract(doc(table(rows, header_rows=0)), ExtractSettings(form_label_share=0.8))
    assert ex.tables[0].kind != TableKind.ACTION_FORM


def test_a_shorter_label_limit_stops_reading_a_long_label():
    from actionplans.extract.labels import read_labels

    text = "Target date for completion: May 2024"  # a label of four words
    assert [(lab.fields, lab.value) for lab in read_labels(text)[1]] == [(("due",), "May 2024")]
    lead, labels = read_labels(text, ExtractSettings(max_label_words=3))
    assert labels == [] and lead == text


# --- bad values --------------------------------------------------------------------------

@pytest.mark.parametrize("change, named", [
    ({"min_score": -0.1}, "min_score"),
    ({"agree_share": 1.5}, "agree_share"),  # a share: 0..1
    ({"word_match": 120.0}, "word_match"),  # a rapidfuzz ratio: 0..100
    ({"prose_words": 0}, "prose_words"),  # a count: 1 or more
    ({"agree_min_cells": 2.5}, "agree_min_cells"),  # a whole number
    ({"header_weight": "2"}, "header_weight"),  # a number, not text
    ({"ratings_share": True}, "ratings_share"),  # not a bool
    ({"contradiction": math.nan}, "contradiction"),
    ({"latest_bonus": math.inf}, "latest_bonus"),
])
def test_a_bad_value_is_refused_naming_the_field(change, named):
    settings = ExtractSettings(**change)
    wrong = problems(settings)
    assert len(wrong) == 1 and wrong[0].startswith(named)
    with pytest.raises(OptionError) as exc:
        check_options(ConvertOptions(extract=settings))
    assert exc.value.option == "extract" and named in str(exc.value)


def test_good_values_at_the_edges_pass():
    assert problems(ExtractSettings(agree_share=0, form_label_share=1, min_score=0, header_weight=3,
                                    word_match=100, front_blocks=1)) == []
    assert check_options(ConvertOptions(extract=ExtractSettings(min_score=1))).extract.min_score == 1


def test_not_an_extract_settings_is_refused():
    with pytest.raises(OptionError, match="ExtractSettings"):
        check_options(ConvertOptions(extract={"min_score": 0.7}))


def test_the_library_refuses_a_bad_value_before_reading_any_file(tmp_path):
    with pytest.raises(ValueError, match="rescue_action"):
        actionplans.convert_tables([str(tmp_path / "none.docx")], jobs=0,
                                   extract=ExtractSettings(rescue_action=-1))


# --- inspect -v ---------------------------------------------------------------------------

def test_inspect_verbose_prints_the_settings_in_effect(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(HTML, encoding="utf-8")
    plain = CliRunner().invoke(main, ["inspect", str(path)])
    assert plain.exit_code == 0, plain.output
    assert "Extract settings" not in plain.output
    res = CliRunner().invoke(main, ["inspect", "-v", str(path)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert out.startswith(plain.output.rstrip("\n"))  # the description, then the settings
    assert "Extract settings in effect" in out
    for group, values in grouped(DEFAULT):
        assert f"  {group}:\n" in out
        for name, value in values:
            assert f"    {name} = {value}\n" in out + "\n"
    assert "    min_score = 0.65\n" in out and "    front_blocks = 12" in out
    res = CliRunner().invoke(main, ["inspect", "-v", "--json", str(path)])
    info = json.loads(res.output)
    assert info["settings"]["column evidence"]["min_score"] == 0.65
    assert "settings" not in json.loads(CliRunner().invoke(main, ["inspect", "--json", str(path)]).output)


# --- the resume journal -----------------------------------------------------------------

def test_changed_settings_change_the_journal_key():
    base = options_fingerprint(ConvertOptions())
    assert options_fingerprint(ConvertOptions(extract=ExtractSettings())) == base
    assert options_fingerprint(ConvertOptions(extract=ExtractSettings(min_score=0.7))) != base
    assert options_fingerprint(ConvertOptions(extract=ExtractSettings(front_blocks=20))) != base


def test_resume_converts_again_under_other_settings(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(HTML, encoding="utf-8")
    journal = tmp_path / "out.journal.jsonl"
    calls: list[str] = []

    def counting(p, options):
        calls.append(p)
        return convert_one(p, options)

    def run(options):
        calls.clear()
        return run_batch([str(path)], options, BatchOptions(jobs=0, journal=str(journal), resume=True),
                         worker=counting)

    first = run(ConvertOptions())
    assert len(calls) == 1 and first[0].actions[0].due_raw == "March 2024"
    assert run(ConvertOptions())[0].resumed and calls == []  # same settings: taken from the journal
    strict = run(ConvertOptions(extract=ExtractSettings(min_score=1.2)))
    assert len(calls) == 1 and not strict[0].resumed and strict[0].actions[0].due_raw == ""
