"""The CSV reader: the tracker's Permanence sheet as Excel saves it (tests/sheet_trackers.py), in the
encodings and delimiters Excel writes."""
from __future__ import annotations

import pytest

from actionplans.errors import InputError
from actionplans.ingest import read, sniff_format
from actionplans.ingest.delimited.reader import decode
from actionplans.model import Format, Paragraph
from actionplans.pipeline import convert
from sheet_trackers import EXPECTED, permanence_csv
from frames import iso_dates

PERMANENCE = [(e[2], e[3], e[4], e[5], e[6]) for e in EXPECTED if e[0] == "Permanence"]


@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("utf-8", ","), ("cp1252", ";"),
                                                ("cp1252", "\t")])
def test_csv_tracker_gives_the_expected_actions(tmp_path, encoding, delimiter):
    path = tmp_path / "permanence.csv"
    path.write_bytes(permanence_csv(encoding, delimiter))
    df = iso_dates(convert([str(path)], jobs=0)).fillna("")
    got = [(r.action, r.owners, r.due_start, r.due_end, r.rag) for r in df.itertuples()]
    assert got == PERMANENCE
    assert set(df["source_format"]) == {"csv"}
    assert list(df["source_row"]) == [4, 5, 6]  # the file's own line numbers
    assert set(df["plan_title"]) == {"Permanence tracker – March 2024"}  # the dash survives every encoding


def test_csv_model(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(permanence_csv())
    assert sniff_format(path) == "csv"
    doc = read(path)
    assert doc.format is Format.CSV
    assert isinstance(doc.blocks[0], Paragraph)
    table = doc.tables[0]
    assert table.n_cols == 7 and len(table.rows) == 4
    assert all(c.fill is None for row in table.rows for c in row.cells if c is not None)


def test_quoted_line_breaks_are_kept(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('Action,Lead\n"Agree the tool\nRun the audit",Head of Quality\n', encoding="utf-8")
    assert read(path).tables[0].rows[1].cells[0].text == "Agree the tool\nRun the audit"


def test_decoding():
    assert decode("Lead – £5".encode("cp1252")) == "Lead – £5"
    assert decode("\ufeffLead – £5".encode("utf-8")) == "Lead – £5"
    assert decode("Lead – £5".encode("utf-16")) == "Lead – £5"


def test_empty_csv_is_a_one_line_error(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(InputError, match="empty file"):
        read(path)
