"""The ruled-cell finder (ingest/pdf/cells.py) against pdfplumber's TableFinder, its reference:
the same tables and cells, in the same order, from the same edges."""
from __future__ import annotations

from pathlib import Path

import pytest
from pdfplumber.table import TableFinder, TableSettings, merge_edges
from pdfplumber.utils import filter_edges

from actionplans.ingest.pdf.cells import merge_rulings, ruled_tables_cells
from actionplans.ingest.pdf.engines import open_source
from actionplans.ingest.pdf.rulings import ruling_edges
from actionplans.ingest.pdf.settings import DEFAULT

ROOT = Path(__file__).resolve().parent
PDFS = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf")) + sorted((ROOT.parent / "samples").glob("*.pdf"))


class _PageBox:
    def __init__(self, bbox):
        self.bbox = bbox


def _pdfplumber(bbox, horizontal, vertical, settings=DEFAULT):
    found = TableFinder(_PageBox(bbox), TableSettings.resolve({
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
        "snap_tolerance": settings.snap_tolerance, "join_tolerance": settings.join_tolerance,
        "intersection_tolerance": settings.intersection_tolerance, "edge_min_length": settings.edge_min_length,
    }))
    return [(tuple(t.bbox), [tuple(c) for c in t.cells]) for t in found.tables]


def _edge(orientation, x0, top, x1, bottom):
    return {"object_type": "ruling_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def _merged_by_pdfplumber(horizontal, vertical, snap, join, shortest):
    """pdfplumber's merged edges as (orientation, x0, top, x1, bottom, length), in its order."""
    edges = merge_edges(list(vertical) + list(horizontal), snap_x_tolerance=snap, snap_y_tolerance=snap,
                        join_x_tolerance=join, join_y_tolerance=join)
    return [(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"],
             e["width"] if e["orientation"] == "h" else e["height"])
            for e in filter_edges(edges, min_length=shortest)]


def _merged_by_us(horizontal, vertical, snap, join, shortest):
    across, down = merge_rulings(horizontal, vertical, snap, join)
    # pdfplumber orders the horizontal lines before the vertical ones
    return [(o, *e) for o, edges in (("h", across), ("v", down)) for e in edges if e.length >= shortest]


def test_merged_rulings_are_pdfplumbers_to_the_last_bit():
    h, v = (lambda y, x0, x1: _edge("h", x0, y, x1, y)), (lambda x, t, b: _edge("v", x, t, x, b))
    # rules a little off one line (a chain of them snaps to its mean, 0.1 + 0.2 style sums
    # included), overlapping and touching pieces of one rule, a piece inside another, a gap
    # wider than the join tolerance, and one too short to count
    horizontal = [h(100.1, 50, 150), h(100.2, 148, 260.3), h(100.3, 170, 200), h(102.9, 300, 400),
                  h(200, 50, 120), h(200, 125, 140), h(200, 160, 400), h(300.7, 10, 11.5)]
    vertical = [v(50.1, 100, 150), v(50.2, 149.5, 200.25), v(52.6, 90, 210), v(400, 100, 130),
                v(400, 134, 200), v(400, 120, 125), v(250, 10, 10.9)]
    for snap, join in ((3, 3), (0, 3), (3, 0), (0.5, 6)):
        expected = _merged_by_pdfplumber(horizontal, vertical, snap, join, 1)
        assert _merged_by_us(horizontal, vertical, snap, join, 1) == expected, (snap, join)
    merged = _merged_by_us(horizontal, vertical, 3, 3, 1)
    mean = (100.1 + 100.2 + 100.3 + 102.9) / 4  # the four rules near y=100 chain within 3 pt: one line
    assert [e[1:] for e in merged if e[0] == "h" and e[2] < 150] == [(50, mean, 260.3, mean, 210.3),
                                                                      (300, mean, 400, mean, 100)]
    assert len([e for e in merged if e[0] == "h" and e[2] == 200]) == 3  # 5 pt gaps: not joined
    assert [e[1:] for e in merged if e[0] == "h" and e[2] > 300] == [(10, 300.7, 11.5, 300.7, 1.5)]
    x = (50.1 + 50.2 + 52.6) / 3
    assert [e[2:5] for e in merged if e[0] == "v" and e[1] < 100] == [(90, pytest.approx(x), 210)]  # the pieces inside it
    assert [e[2:5] for e in merged if e[0] == "v" and e[1] == 400] == [(100, 400, 130), (134, 400, 200)]
    assert not [e for e in merged if e[0] == "v" and e[1] == 250]  # 0.9 pt long: shorter than an edge


def _pages(path):
    source = open_source(path, "pdfium")
    try:
        return list(source.pages())
    finally:
        source.close()


@pytest.mark.parametrize("path", [p for p in PDFS if p.name != "encrypted.pdf"], ids=lambda p: p.name)
def test_merged_rulings_as_pdfplumbers_on_every_page(path):
    for page in _pages(path):
        horizontal, vertical = ruling_edges(page.objects, DEFAULT)
        args = (DEFAULT.snap_tolerance, DEFAULT.join_tolerance, DEFAULT.edge_min_length)
        assert _merged_by_us(horizontal, vertical, *args) == _merged_by_pdfplumber(horizontal, vertical, *args), \
            (path.name, page.number)


@pytest.mark.parametrize("path", [p for p in PDFS if p.name != "encrypted.pdf"], ids=lambda p: p.name)
def test_same_tables_as_pdfplumber_on_every_page(path):
    seen = 0
    for page in _pages(path):
        horizontal, vertical = ruling_edges(page.objects, DEFAULT)
        if len(horizontal) < 2 or len(vertical) < 2:
            continue
        ours = ruled_tables_cells(horizontal, vertical, DEFAULT)
        assert ours == _pdfplumber(page.bbox, horizontal, vertical), (path.name, page.number)
        seen += len(ours)
    if path.name in {"rag_fills.pdf", "spanning_rows.pdf", "three_page_table.pdf"}:
        assert seen  # these fixtures are ruled tables: the comparison compared something


def test_merged_cells_lone_boxes_and_separate_tables():
    h, v = (lambda y, x0, x1: _edge("h", x0, y, x1, y)), (lambda x, t, b: _edge("v", x, t, x, b))
    # a 3 x 2 grid whose middle rule stops short (a cell spanning two columns below the first
    # row), a box drawn round a paragraph, and a second table lower down, nearly touching rules
    horizontal = [h(100, 50, 350), h(120, 50, 350), h(140, 50, 350.5),
                  h(300, 50, 200), h(330, 50, 200),
                  h(400, 50, 350), h(420, 50, 350), h(440, 50, 350)]
    vertical = [v(50, 100, 140), v(150, 100, 120), v(250, 100, 140), v(350, 100, 140),
                v(50, 300, 330), v(200, 300, 330),
                v(50, 400, 440), v(200, 400, 441), v(350, 400, 440)]
    ours = ruled_tables_cells(horizontal, vertical, DEFAULT)
    assert ours == _pdfplumber((0, 0, 600, 800), horizontal, vertical)
    boxes = [box for box, _ in ours]
    assert boxes == [(50, 100, 350, 140), (50, 400, 350, 440)]  # the lone box is no table
    first_cells = sorted(ours[0][1])
    assert (50, 120, 250, 140) in first_cells  # two columns wide: the rule at x=150 stops at 120
    assert len(ours[1][1]) == 4
