"""The shortcuts taken for speed give the answers of the plain computation: the column
vocabulary's word index, the roster's remembered roles, a plan's remembered acronym uses, the
council search's skipping of texts, tidy's memo of anything it is given."""
import pytest

from actionplans.extract import vocabulary
from actionplans.extract.patterns import fold_lookalikes
from actionplans.model import Document, Paragraph
from actionplans.normalise.acronyms import Definition, Definitions, expand_text, row_acronyms
from actionplans.normalise.authority import find_in_document
from actionplans.normalise.owners import Roster, RosterEntry
from actionplans.normalise.text import tidy


def _vocabulary_words() -> list[str]:
    return sorted(vocabulary._phrase_index().words)


@pytest.mark.parametrize("token", [
    "lead", "leads", "responsib", "responsible", "responsibility", "timesca", "timescale", "timescales",
    "tmescale", "outcome", "outcomes", "rag", "r", "no", "ref", "progres", "monitoring", "monitorin", "xyz", "",
    "monit", "respo", "outcomesframework", "progressreport",  # starts and extensions too far apart for rapidfuzz
])
def test_same_words_is_every_vocabulary_word_the_token_equals(token):
    # the index (exact, cut-off starts, rapidfuzz gathering) against comparing with every word
    expected = {w for w in _vocabulary_words() if vocabulary._word_eq(w, token)}
    assert vocabulary._same_words(token) == expected


def test_same_words_finds_cut_off_and_misspelt_header_words():
    assert "responsible" in vocabulary._same_words("responsib")  # a header cell cut off
    assert "timescale" in vocabulary._same_words("tmescale")  # one letter lost
    assert vocabulary._same_words("qqqq") == frozenset()


@pytest.mark.parametrize("header, field", [
    ("Lead officer", "owner"),
    ("Responsib le officer", "owner"),  # a word split by an export: found closed up
    ("Timescale", "due"),
    ("RAG rating", "rag"),
    ("R A G", "rag"),
])
def test_best_field_reads_headers(header, field):
    assert vocabulary.best_field(header).field == field


def test_fields_in_order_reads_headers_run_together():
    found = vocabulary.fields_in_order("Measures Review note for this period R A G")
    assert [m.field for m in found][-1] == "rag"
    assert len({m.field for m in found}) == len(found) >= 2


def test_fold_lookalikes_keeps_ascii_and_folds_the_rest():
    assert fold_lookalikes("Red / Amber") == "Red / Amber"
    assert fold_lookalikes("Ｒed Аmber") == "Red Amber"  # full-width R, Cyrillic A


def test_roster_roles_follow_entries_added_later():
    roster = Roster([RosterEntry("Jane Smith", "Head of Safeguarding", (), "document")])
    assert roster.knows_role("Head of Safeguarding")
    assert not roster.knows_role("Principal Social Worker")
    roster.add(RosterEntry("Raj Patel", "Principal Social Worker", (), "user"))
    assert roster.knows_role("Principal Social Worker")
    assert roster.holder_of("Principal Social Worker") == "Raj Patel"
    roster.add(RosterEntry("Ann Lee", "Team Manager", (), "plan"))  # a role seen in the plan only
    assert not roster.knows_role("Team Manager")


def test_acronym_uses_and_expansions_follow_definitions_added_later():
    defs = Definitions([Definition("IRO", "Independent Reviewing Officer", "glossary")])
    text = "IRO and LADO to review"
    assert [d.abbreviation for d in row_acronyms([text], defs)] == ["IRO"]
    assert expand_text(text, defs) == "IRO (Independent Reviewing Officer) and LADO to review"
    defs.add(Definition("LADO", "Local Authority Designated Officer", "user"))
    assert [d.abbreviation for d in row_acronyms([text], defs)] == ["IRO", "LADO"]
    assert expand_text(text, defs) == ("IRO (Independent Reviewing Officer) and LADO "
                                       "(Local Authority Designated Officer) to review")


def _document(*texts: str) -> Document:
    return Document(source="plan.txt", format="txt", blocks=tuple(Paragraph(t) for t in texts))


@pytest.mark.parametrize("text, council", [
    ("Action plan of Walsall Council", "Walsall"),
    ("(London Borough of Southwark)", "Southwark"),
    ("St. Helens Council: improvement plan", "St Helens"),
    ("Agreed by B&NES Council", "Bath and North East Somerset"),
])
def test_council_named_in_text_is_found(text, council):
    found = find_in_document(_document("Children's services improvement plan", text))
    assert council.casefold() in found.name.casefold()


def test_text_without_a_council_name_finds_none():
    assert find_in_document(_document("Improvement plan", "Council officers will review")).name == ""


@pytest.mark.parametrize("value, expected", [
    (None, ""), (12, "12"), ("  a \r\n\r\n b\u00a0 c ", "a\nb c"), (["x"], "['x']"), ("a\x00b", "ab"),
])
def test_tidy_takes_anything(value, expected):
    assert tidy(value) == expected
    assert tidy(value) == expected  # a second time, from the memo


# --- issue 21: shortcuts of the per-cell work --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lead officer", "Lead", "Target date", "Timescales", "Complete by", "By whom", "Action", "Progress update",
    "Who", "Deadline", "Responsible officer", "s lead", "Target", "Date", "Owner / date",
])
def test_label_side_index_gives_what_every_phrase_gives(text):
    from actionplans.normalise import owner_words as ow

    # the plain computation: every phrase of both sides, as label_side did before its index
    ws = tuple(ow.header_words(text))
    phrases = ow._label_phrases()

    def sides(prefix):
        return {side for side, ps in phrases.items() for p in ps
                if (len(p) > len(ws) if prefix else len(p) == len(ws))
                and all(ow._same_word(a, b) for a, b in zip(p, ws))}

    found = (sides(False) or sides(True)) if ws and len(ws) <= ow._LABEL_WORDS and len(text) <= 40 else set()
    ow.label_side.cache_clear()
    assert ow.label_side(text) == (found.pop() if len(found) == 1 else "")


def test_label_side_reads_lead_and_timescale_labels():
    from actionplans.normalise.owner_words import label_side

    assert label_side("Lead officer") == "owner"
    assert label_side("Target date") == "due"
    assert label_side("Progress update") == ""


def test_council_named_in_repeated_cells_counts_every_cell():
    # each text is searched once, but every cell naming the council still counts
    found = find_in_document(_document("Improvement plan", "Walsall Council", "Walsall Council", "Walsall Council",
                                       "Dudley Council"))
    assert found.name == "Walsall"
    assert "x3" in found.evidence


def test_date_spans_memo_hands_out_a_fresh_list():
    from actionplans.normalise.dates import date_spans

    first = date_spans("Jane Smith - March 2014")
    assert "date" in [s.kind for s in first]
    first.clear()  # a caller changing its list changes no one else's
    assert date_spans("Jane Smith - March 2014") != []


def test_table_grid_is_kept_and_leaves_equality_alone():
    from actionplans.model import Cell, Row, Table

    def table():
        return Table(rows=(Row(cells=(Cell("a", colspan=2), None)), Row(cells=(Cell("b"), Cell("c")))))

    t, u = table(), table()
    grid = t.grid()
    assert t.grid() is grid  # worked out once
    assert grid[0][1].cell.text == "a" and grid[0][1].origin_col == 0
    assert t == u and hash(t) == hash(u)  # the kept grid is no field


@pytest.mark.parametrize("text", ["EARLY HELP", "Early Help", "SHORT-TERM PRIORITIES (WITHIN 3 MONTHS).", "2014 / 15",
                                  "ÉCOLE ET FAMILLE", "Ⓐ ⓑ", "AbCDE", ""])
def test_in_capitals_ascii_shortcut_counts_as_the_loop(text):
    from actionplans.extract.context import _in_capitals

    letters = [ch for ch in text if ch.isalpha()]
    assert _in_capitals(text) == (bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters))


def test_grid_counts_each_rows_filled_texts_once():
    from actionplans.extract.grid import Grid
    from actionplans.model import Cell, Row, Table

    grid = Grid(Table(rows=(Row(cells=(Cell("a", colspan=2), None, Cell(" "))),
                            Row(cells=(Cell("b"), Cell("c"), Cell("d"))))))
    assert [grid.filled(r) for r in range(2)] == [1, 3]  # a cell spanning two columns counts once


def test_grid_row_lines_are_each_texts_on_one_line():
    from actionplans.extract.grid import Grid
    from actionplans.model import Cell, Row, Table

    grid = Grid(Table(rows=(Row(cells=(Cell(" Lead\n officer "), Cell("What  next?", colspan=2), None)),)))
    assert grid.row_lines(0) == ("Lead officer", "What next?", "")
    assert grid.row_lines(0) is grid.row_lines(0)  # once per row


def test_html_unit_with_only_blank_text_and_breaks_is_no_paragraph():
    from actionplans.ingest import html as html_reader
    from actionplans.model import Paragraph

    doc = html_reader.parse("<html><body><p> <br> \u00a0 </p><p><b> </b>Kept<br>line</p></body></html>")
    assert doc.blocks == (Paragraph("Kept\nline"),)
