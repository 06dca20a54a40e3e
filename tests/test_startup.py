"""Start-up: a command imports what the files at hand need, when they need them.

Each import check runs a fresh interpreter (the test process has imported everything already)
and looks at ``sys.modules`` afterwards; nothing here is timed."""
from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

import actionplans
from actionplans.model import Action
from actionplans.results import FileResult
from actionplans.tables import (ACRONYMS, ACTIONS, DOCUMENTS, KINDS, ColumnSpec, Rows, TableSpec, build_tables,
                                cell_value, cells, frame)

#: top-level packages or modules a fresh process is asked about
WATCHED = ("pandas", "pyarrow", "scipy", "scipy.optimize", "bs4", "soupsieve", "docx", "openpyxl",
           "importlib.metadata", "actionplans.comparison", "actionplans.plandiff", "actionplans.ingest.html",
           "actionplans.ingest.docx", "actionplans.ingest.xlsx", "actionplans.extract", "pdfplumber")

_PROBE = """
import atexit, json, sys
WATCHED = {watched!r}
atexit.register(lambda: print("MODULES " + json.dumps(sorted(m for m in WATCHED if m in sys.modules))))
{code}
"""


def loaded_after(code: str, cwd: Path | None = None) -> set[str]:
    """Which of WATCHED a fresh interpreter has imported after running ``code`` (even one that
    ends in sys.exit)."""
    proc = subprocess.run([sys.executable, "-c", _PROBE.format(watched=WATCHED, code=code)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("MODULES ")), None)
    assert line is not None, proc.stderr[-2000:]
    return set(json.loads(line[len("MODULES "):]))


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory) -> Path:
    import docx

    path = tmp_path_factory.mktemp("plan") / "plan.docx"
    d = docx.Document()
    d.add_heading("Improvement plan", 1)
    table = d.add_table(rows=3, cols=4)
    for r, row in enumerate([("Ref", "Action", "Lead officer", "Target date"),
                             ("1.1", "Audit every open case file", "Head of Service", "March 2014"),
                             ("1.2", "Train all social workers in the new model", "Principal Social Worker",
                              "June 2014")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.save(path)
    return path


def test_import_actionplans_imports_no_stage_and_no_pandas():
    loaded = loaded_after("import actionplans")
    assert loaded == set()


def test_public_names_resolve_on_first_use():
    for name in actionplans.__all__:
        assert getattr(actionplans, name) is not None, name
    assert set(actionplans.__all__) <= set(dir(actionplans))
    assert actionplans.convert_file.__module__ == "actionplans.conversion"
    assert actionplans.write_compare_report.__name__ == "write_report"
    with pytest.raises(AttributeError):
        actionplans.no_such_name  # noqa: B018


def test_the_version_is_read_without_importlib_metadata():
    loaded = loaded_after("from actionplans import __version__; assert __version__.count('.') >= 1")
    assert "importlib.metadata" not in loaded


def test_converting_a_docx_imports_its_reader_only(small_docx):
    loaded = loaded_after(f"from actionplans.conversion import convert_file\n"
                          f"r = convert_file({str(small_docx)!r}); assert r.error is None and r.actions, r")
    assert {"docx", "actionplans.ingest.docx", "actionplans.extract"} <= loaded
    assert not loaded & {"pandas", "pyarrow", "scipy.optimize", "bs4", "soupsieve", "openpyxl",
                         "actionplans.ingest.html", "actionplans.ingest.xlsx", "actionplans.comparison",
                         "actionplans.plandiff", "pdfplumber"}


def test_the_command_writes_csv_without_pandas(small_docx, tmp_path):
    out = tmp_path / "x.csv"
    loaded = loaded_after(f"import sys\nfrom actionplans.cli import main\n"
                          f"sys.argv = ['actionplans', 'convert', {str(small_docx)!r}, '-o', {str(out)!r}, '-j', '0']\n"
                          f"main()")
    assert out.read_text(encoding="utf-8").count("Audit every open case file") == 1
    assert not loaded & {"pandas", "pyarrow", "scipy.optimize", "bs4", "actionplans.ingest.html"}


def test_the_batch_preloads_the_readers_of_the_files_at_hand():
    loaded = loaded_after("from actionplans.batch import _preload\n_preload(['a/plan.DOCX', 'b/notes.txt'])")
    assert "actionplans.ingest.docx" in loaded
    assert not loaded & {"actionplans.ingest.html", "actionplans.ingest.xlsx", "bs4", "openpyxl"}


# ---------------------------------------------------------------------------
# the rows a writer takes without pandas are those it took from the DataFrame
# ---------------------------------------------------------------------------

EVERY_KIND = TableSpec("every", "one column of every kind", tuple(
    ColumnSpec(f"c_{kind}", kind, values=("Red", "Amber") if kind == "enum" else ()) for kind in KINDS))
#: values each kind of column is handed by the tables' builders, blanks of every sort among them
ODD_VALUES = {
    "text": [None, "", "  ", "Audit", "x, \"quoted\"\nline", "7", "Red"],
    "int": [None, "", 0, 3, "12", float("nan"), 7],
    "number": [None, "", 0, 2.5, "0.25", float("nan"), 1e-9],
    "date": [None, "", "2014-03", "March 2014", "2014-03-31", "2014", float("nan")],
    "enum": [None, "", "Red", "Amber", "ok", "", "Grey"],
    "json": [None, "", "{}", "[]", "null", '{"a": 1}', " {} "],
    "bool": [None, "", True, False, 1, 0, "yes"],
}


def test_rows_give_what_the_frame_gives_for_every_kind_of_column():
    rows = [{f"c_{kind}": ODD_VALUES[kind][i] for kind in KINDS} for i in range(7)]
    via_pandas = list(cells(frame(EVERY_KIND, rows), EVERY_KIND))
    direct = list(cells(Rows(EVERY_KIND, rows), EVERY_KIND))
    assert len(direct) == 7
    for a, b in zip(via_pandas, direct):
        assert [type(x) for x in a] == [type(x) for x in b]
        assert a == b
    col = {kind: KINDS.index(kind) for kind in KINDS}
    assert direct[0][col["text"]] == "" and direct[0][col["int"]] is None and direct[5][col["number"]] is None
    assert direct[2][col["date"]] == "2014-03-01"  # a month is its first day
    assert [r[col["json"]] for r in direct] == ["", "", "", "", "", '{"a": 1}', ""]
    assert [cell_value(c, None) for c in EVERY_KIND.columns] == direct[0]


def test_tables_make_dataframes_only_when_asked():
    results = [FileResult(path="in/a.docx", format="docx", actions=[
        Action(source_file="a.docx", action="Audit files", due_end="2014-03", source_row=2),
        Action(source_file="a.docx", action="Train staff", rag="Red")],
        acronyms=(("LSCB", "Local Safeguarding Children Board", "glossary"),)),
        FileResult(path="in/b.pdf", error="encrypted PDF")]
    tables = build_tables(results)
    assert tables.count("actions") == 2 and tables.count("documents") == 2
    assert tables.column("documents", "status") == ["ok", "failed"]
    lazy = dict((spec.name, t) for spec, t in tables.frames(side=True, lazy=True))
    assert all(isinstance(t, Rows) for t in lazy.values())
    for spec, table in tables.frames(side=True, lazy=True):  # the same cells either way
        df = {"actions": tables.actions, "documents": tables.documents, "officers": tables.officers,
              "acronyms": tables.acronyms}[spec.name]
        assert list(cells(table, spec)) == list(cells(df, spec))
    assert tables.column("documents", "status") == ["ok", "failed"]  # from the frame, now it is built
    assert list(tables.actions["due_end"]) == ["2014-03-01", ""]
    assert tables.frames(side=False, lazy=True)[0][0] is ACTIONS
    assert {s.name for s, _ in tables.frames()} == {"actions", DOCUMENTS.name, "officers", ACRONYMS.name}


# ---------------------------------------------------------------------------
# scipy's assignment, loaded without scipy.optimize
# ---------------------------------------------------------------------------

def test_assignment_is_scipys_ties_included():
    import numpy as np
    from scipy.optimize import linear_sum_assignment as scipy_lsa

    from actionplans.extract.assignment import linear_sum_assignment

    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 8)
        m = rng.randint(n, 16)
        # few distinct values: many ties, whose winner depends on the solver's order of search
        score = np.array([[rng.choice([0.0, 0.5, 0.65, 0.8, 1.0, -1e6]) for _ in range(m)] for _ in range(n)])
        for maximize in (True, False):
            ours = linear_sum_assignment(score, maximize=maximize)
            theirs = scipy_lsa(score, maximize=maximize)
            assert [list(x) for x in ours] == [list(x) for x in theirs]


def test_assignment_does_not_import_scipy_optimize():
    loaded = loaded_after("import numpy as np\nfrom actionplans.extract.assignment import linear_sum_assignment\n"
                          "r, c = linear_sum_assignment(np.array([[1.0, 2.0], [3.0, 1.0]]), maximize=True)\n"
                          "assert list(c) == [1, 0]")
    assert "scipy.optimize" not in loaded


def test_the_batch_parent_loads_the_stages_data_before_its_workers_fork():
    # the workers are forked from the parent: what it has loaded (here the council names'
    # pattern and the column vocabulary) they do not load again, each time one is replaced
    proc = subprocess.run([sys.executable, "-c", (
        "from actionplans.batch import _preload\n"
        "_preload(['a/plan.docx'])\n"
        "from actionplans.normalise.authority import _document_pattern\n"
        "from actionplans.extract import vocabulary\n"
        "print(_document_pattern.cache_info().currsize, vocabulary._phrase_index.cache_info().currsize)\n")],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.split() == ["1", "1"]


def test_the_options_do_not_import_the_pdf_reader():
    # every command imports the options, which import the PDF reader's settings: the reader
    # itself (numpy's array code, pypdfium2) waits for a PDF
    proc = subprocess.run([sys.executable, "-c", (
        "import sys\n"
        "import actionplans.settings, actionplans.ingest.pdf.settings\n"
        "from actionplans.ingest import pdf\n"
        "print('before', 'actionplans.ingest.pdf.reader' in sys.modules)\n"
        "print('callable', callable(pdf.read))\n"
        "print('after', 'actionplans.ingest.pdf.reader' in sys.modules)\n")],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.split() == ["before", "False", "callable", "True", "after", "True"]
