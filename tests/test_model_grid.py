"""Table.grid(): spans resolved once, on the model."""
from actionplans.model import Cell, Row, Table


def _table() -> Table:
    a, b, c, d = Cell("A", rowspan=2), Cell("B", colspan=2), Cell("C"), Cell("D", colspan=3)
    return Table(rows=(Row((a, b, None)), Row((None, c, None)), Row((d, None, None))))


def test_every_slot_knows_its_cell():
    grid = _table().grid()
    assert [[s.text for s in row] for row in grid] == [["A", "B", "B"], ["A", "C", ""], ["D", "D", "D"]]
    assert (grid[1][0].origin_row, grid[1][0].origin_col) == (0, 0)
    assert (grid[0][2].origin_row, grid[0][2].origin_col) == (0, 1)
    assert not grid[1][2].covered and grid[1][1].covered


def test_origin_follows_spans_back():
    table = _table()
    assert table.origin(1, 0).text == "A" and table.origin(2, 2).text == "D"
    assert table.origin(1, 2) is None


def test_a_span_past_the_edge_is_cut():
    table = Table(rows=(Row((Cell("x", rowspan=5, colspan=4),)),))
    assert [[s.text for s in row] for row in table.grid()] == [["x"]]
