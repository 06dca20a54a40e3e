"""Several dated RAG / status columns, one per review: the rating is the column of the latest
date in its header, whichever side of the words and whatever the columns' order; earlier ones
are history kept in extra (extract/columns.py). On small tables no sample has."""
import json

import pytest

from actionplans.extract import extract
from actionplans.extract.columns import map_columns
from actionplans.extract.grid import Grid
from actionplans.model import Cell, Document, Row, Table
from actionplans.normalise import normalise


def table(rows, header_rows=1):
    def cell(v):
        return v if v is None or isinstance(v, Cell) else Cell(text=v)
    return Table(rows=tuple(Row(cells=tuple(cell(c) for c in r), is_header=i < header_rows)
                            for i, r in enumerate(rows)))


def doc(*blocks):
    return Document(source="t.docx", format="docx", blocks=tuple(blocks))


ACTIONS = [["1", "Publish the revised threshold guidance for partners", "Head of Service"],
           ["2", "Audit fifty child protection plans each quarter", "QA Manager"],
           ["3", "Recruit four additional family support workers", "Service Manager"]]


def _dated(headers, columns):
    rows = [["Ref", "Action", "Lead"] + headers]
    rows += [a + [c[i] for c in columns] for i, a in enumerate(ACTIONS)]
    return rows


@pytest.mark.parametrize("headers", [
    ["Status (Sept 2020)", "Status (Dec 2020)", "Status (Mar 2021)"],  # oldest first
    ["RAG at 31/03/21", "RAG at 31/12/20", "RAG at 30/09/20"],  # latest first
    ["Dec-20 rating", "Mar-21 rating", "Sep-20 rating"],  # date before the words, any order
])
def test_the_latest_dated_column_is_the_rating_whatever_its_place(headers):
    by_date = {"Sep": ["R", "R", "A"], "Dec": ["A", "R", "G"], "Mar": ["G", "", "G"]}
    def month(h):
        return next(m for m in by_date if m in h.replace("30/09", "Sep").replace("31/12", "Dec").replace("31/03", "Mar")
                    .replace("Sept", "Sep"))
    rows = _dated(headers, [by_date[month(h)] for h in headers])
    fields = map_columns(Grid(table(rows))).fields
    latest = [i for i, h in enumerate(headers) if month(h) == "Mar"][0]
    assert fields[3 + latest] == "rag" and fields.count("rag") == 1
    acts = normalise(extract(doc(table(rows))))
    # the latest review's rating; its empty cell is blank, not the older "R"
    assert [a.rag for a in acts] == ["Green", "", "Green"]
    history = json.loads(acts[1].extra)
    assert sorted(history.values()) == ["R", "R"]


def test_undated_review_columns_keep_the_rightmost():
    rows = _dated(["RAG", "RAG"], [["R", "R", "A"], ["G", "A", "G"]])
    assert map_columns(Grid(table(rows))).fields[3:] == ("other", "rag")


def test_a_progress_column_is_not_swapped_for_a_dated_series_headed_otherwise():
    rows = _dated(["Progress", "Position Feb 21", "Position Dec 20"],
                  [["Guidance drafted and shared with the partnership for comment"] * 3,
                   ["G", "A", "G"], ["A", "A", "R"]])
    assert map_columns(Grid(table(rows))).fields[3:] == ("progress", "rag", "other")


def test_ratings_under_headers_that_name_progress_take_the_latest_review():
    """'Position Jan 11' and 'Position April 11' name no rating, but their cells are RAG marks: the
    April column is the RAG, the January one its history, and nothing is read as progress."""
    rows = [["Recommendation", "Task", "Completion date", "Accountable lead", "Measures of impact",
             "Position Jan 11", "Position April 11"]]
    tasks = ["Recruit four foster carers", "Open a second children's home", "Review out of area placements",
             "Commission a supported lodgings scheme", "Publish the sufficiency strategy"]
    for k, (task, jan, april) in enumerate(zip(tasks, ["G", "G", "", "G", ""], ["G", "G", "G", "G", "A"])):
        rows.append(["Improve placement choice" if k == 0 else None, task, "March 2011", "Head of Service",
                     "More children placed locally", jan, april])
    rows[1][0] = Cell("Improve placement choice", rowspan=5)
    fields = map_columns(Grid(table(rows))).fields
    assert fields[5:] == ("other", "rag") and "progress" not in fields
    assert [a.rag for a in normalise(extract(doc(table(rows))))] == ["Green"] * 4 + ["Amber"]
