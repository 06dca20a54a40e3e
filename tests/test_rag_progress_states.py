"""RAG written as progress states ("Complete", "some slippage", "not yet started"), read by the
one recogniser of RAG words (normalise/rag.py) on both sides: on small tables no sample has."""
import pytest

from actionplans.extract import extract
from actionplans.extract.columns import map_columns
from actionplans.extract.grid import Grid
from actionplans.extract.patterns import is_rag_token
from actionplans.extract.side import rag_key
from actionplans.model import Cell, Document, Extraction, RawRecord, Row, SideData, Table
from actionplans.normalise import normalise
from actionplans.normalise.rag import (RagKey, build_key, colour_word, names_brag, plan_key, progress_state,
                                       rag_word, read_rag)


def table(rows, header_rows=1):
    def cell(v):
        return v if v is None or isinstance(v, Cell) else Cell(text=v)
    return Table(rows=tuple(Row(cells=tuple(cell(c) for c in r), is_header=i < header_rows)
                            for i, r in enumerate(rows)))


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


# --- the states and their words ------------------------------------------------------------

@pytest.mark.parametrize("text, state", [
    ("Achieved", "done"), ("Fully embedded", "done"), ("Closed.", "done"), ("Delivered and sustained", "done"),
    ("Now business as usual", "done"),
    ("On target", "on_track"), ("Progressing as planned", "on_track"), ("largely complete", "on_track"),
    ("Work is behind schedule", "late"), ("Started but delayed", "late"), ("at risk", "late"),
    ("Partially met", "partial"), ("part complete", "partial"), ("Not fully in place", "partial"),
    ("Not begun", "not_started"), ("Yet to start", "not_started"),
    ("Off-target", "off_track"), ("Overdue", "off_track"), ("Significant delays", "off_track"),
    ("Not met", "not_met"), ("not yet complete", "in_progress"), ("Underway", "in_progress"),
    ("No slippage", "on_track"),  # negation of late
    ("Not complete – on track", "on_track"),  # a negated done is the weakest reading
    ("Complete – evaluated by the Board in May", "done"),  # a status, then a note
])
def test_states_from_head_words_and_modifiers(text, state):
    assert progress_state(text) == state


def test_a_modifier_reaches_only_the_head_of_its_own_clause():
    assert progress_state("Not started; audit complete") == "done"
    assert progress_state("Not, as planned") == "on_track"


def test_words_run_together_by_an_export_are_split_when_both_halves_are_known():
    assert progress_state("Completeand sustained") == "done"
    assert progress_state("Behindschedule") == "late"
    assert progress_state("Compliance") is None  # not two known words


@pytest.mark.parametrize("text", ["Case file audit", "Revised protocol published on the intranet",
                                  "Referrals concluded within one month in 80% of cases, up from 60%", ""])
def test_text_that_states_no_status_is_none(text):
    assert progress_state(text) is None


def test_a_long_note_is_no_rating():
    note = "Complete " + "and the findings will be shared with every team in the service " * 2
    assert progress_state(note) is None


# --- the value of a state ------------------------------------------------------------------

def test_done_is_green_unless_the_plan_rates_in_brag():
    assert read_rag("Fully in place").rag == "Green"
    assert read_rag("Fully in place", None, RagKey(brag=True)).rag == "Blue"
    assert read_rag("Not complete").rag == "Red" and read_rag("Not complete", None, RagKey(brag=True)).rag == "Red"


def test_in_progress_is_the_middle_step_only_where_the_plan_does_not_grade_progress():
    assert read_rag("In progress").rag == "Amber"  # not started / in progress / complete
    assert read_rag("In progress", None, RagKey(graded=True)).rag == "Green"  # beside on track / late words
    assert read_rag("In progress", None, RagKey(brag=True)).rag == "Green"


def test_a_state_the_key_names_takes_the_keys_value():
    key = build_key([("green", "Green"), ("Fully achieved", "Green"), ("amber", "Amber"),
                     ("Making progress", "Amber"), ("red", "Red")])
    assert dict(key.states) == {"done": "Green", "in_progress": "Amber"}
    assert read_rag("Completed", None, key).rag == "Green"
    assert read_rag("Underway", None, key).rag == "Amber"


def test_the_cell_colour_wins_over_words_read_as_a_state_but_a_grey_fill_does_not():
    took = read_rag("Complete", "#00B0F0")
    assert took.rag == "Blue" and any("took the colour" in w for w in took.warnings)
    assert read_rag("On track", "#D9D9D9").rag == "Green"  # a shaded column, not a rating
    assert read_rag("G", "#FF0000").rag == "Green"  # a letter still beats the colour


def test_an_empty_cell_stays_blank():
    assert read_rag("").rag == "" and read_rag("   ").warnings == ()


# --- BRAG from the document ------------------------------------------------------------------

def test_names_brag():
    assert names_brag("B/R/A/G status") and names_brag("BRAG rating") and names_brag("b-rag")
    assert names_brag("Blue – action completed and embedded")
    assert not names_brag("RAG rating") and not names_brag("the Blue Badge scheme") and not names_brag("braggart")


def _ex(rag_cells, blocks=(), key=()):
    records = tuple(RawRecord(source_table=1, source_row=i + 2, action=f"Action {i}", rag_raw=t, rag_fill=f)
                    for i, (t, f) in enumerate(rag_cells))
    return Extraction(document=doc(*blocks), records=records, side=SideData(rag_key=key))


def test_plan_key_finds_brag_in_a_header_a_key_or_the_cells():
    cells = [("Complete", None), ("On track", None)]
    assert not plan_key(_ex(cells)).brag
    assert plan_key(_ex(cells, [table([["Action", "BRAG"], ["Do it", "Complete"]])])).brag
    assert plan_key(_ex(cells, key=(("#0070C0", "Blue"),))).brag
    assert plan_key(_ex(cells + [("", "#00B0F0")])).brag  # another row shows blue by its fill
    assert plan_key(_ex(cells)).graded  # "on track" grades progress
    assert not plan_key(_ex([("Complete", None), ("Not started", None)])).graded


def test_a_brag_plans_status_words_are_blue_end_to_end():
    rows = [["Ref", "Action", "Lead", "Due", "BRAG"],
            ["1", "Publish the revised threshold guidance for partners", "Head of Service", "May 2021", "Achieved"],
            ["2", "Audit fifty child protection plans each quarter", "QA Manager", "Jun 2021", "Some slippage"],
            ["3", "Recruit four additional family support workers", "Service Manager", "Jul 2021", ""]]
    acts = normalise(extract(doc(table(rows))))
    assert [a.rag for a in acts] == ["Blue", "Amber", ""]


# --- one recogniser on the extract side ------------------------------------------------------

def test_extract_asks_the_same_recogniser():
    for text in ("A", "amber", "\u0410", "R/A", "Complete", "behind schedule", "Not started"):
        assert is_rag_token(text) == (rag_word(text) is not None) is True
    for text in ("Head of Service", "March 2021", "Review the protocol with partners and report to the Board"):
        assert not is_rag_token(text)
    assert colour_word("Purple") == "Blue" and colour_word("G") is None and colour_word("On track") is None


def test_a_key_table_reads_colour_words_from_the_one_list():
    grid = Grid(table([["Black", "Stopped"], ["Amber", "At risk"], ["Green", "On track"]], header_rows=0))
    key = dict(rag_key(grid))
    assert key["black"] == "Grey" and key["at risk"] == "Amber"


def test_a_column_of_status_words_under_a_progress_header_is_the_rag_column():
    rows = [["Ref", "Action", "Lead", "Deadline", "Current position"],
            ["1", "Publish the revised threshold guidance for partners", "Head of Service", "May 2021", "On schedule"],
            ["2", "Audit fifty child protection plans each quarter", "QA Manager", "Jun 2021", "Behind schedule"],
            ["3", "Recruit four additional family support workers", "Service Manager", "Jul 2021", "Not yet begun"]]
    assert map_columns(Grid(table(rows))).fields[4] == "rag"
    # ... but beside a RAG column it stays the progress column
    wide = [r + [x] for r, x in zip(rows, ["RAG", "G", "A", "R"])]
    assert map_columns(Grid(table(wide))).fields[4:] == ("progress", "rag")


def test_a_form_row_of_status_words_under_a_progress_label_is_the_rag():
    form = table([["Action", "Publish the revised threshold guidance for all partner agencies"],
                  ["Lead officer", "Head of Service"], ["Deadline", "May 2021"],
                  ["Current position", "Partially met"]], header_rows=0)
    ex = extract(doc(form))
    assert [(r.rag_raw, r.progress) for r in ex.records] == [("Partially met", "")]
