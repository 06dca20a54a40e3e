"""The ruled-cell finder (ingest/pdf/cells.py) against pdfplumber's TableFinder, its reference:
the same tables and cells, in the same order, from the same edges."""
from __future__ import annotations

from pathlib import Path

import pytest
from pdfplumber.table import TableFinder, TableSettings

from actionplans.ingest.pdf.cells import ruled_tables_cells
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


@pytest.mark.parametrize("path", [p for p in PDFS if p.name != "encrypted.pdf"], ids=lambda p: p.name)
def test_same_tables_as_pdfplumber_on_every_page(path):
    source = open_source(path, "pdfium")
    try:
        pages = list(source.pages())
    finally:
        source.close()
    seen = 0
    for page in pages:
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
