"""The fill an XLSX conditional format gives a cell (see :mod:`ingest.conditional` for the rule kinds
evaluated). Excel keeps a rule's colour in a differential style (dxf) whose solid fill is in bgColor."""
from __future__ import annotations

from typing import Optional

from ..conditional import Rule, expression_ref, literal, text_test
from ..spreadsheet import MAX_COLS, MAX_ROWS
from .values import display

_TEXT_KINDS = {"containsText": "containsText", "notContainsText": "notContainsText",
               "beginsWith": "beginsWith", "endsWith": "endsWith"}


def _rule(rule, styles, top_left: tuple[int, int]) -> Optional[Rule]:
    dxf = getattr(rule, "dxf", None)
    fill = styles.pattern_fill(dxf.fill, differential=True) if dxf is not None and dxf.fill is not None else None
    if not fill:
        return None
    priority = float(rule.priority) if rule.priority is not None else 1e9
    formulas = list(rule.formula or [])
    test = None
    ref = None
    if rule.type == "cellIs" and rule.operator in ("equal", "notEqual") and formulas:
        value = literal(formulas[0])
        test = text_test(rule.operator, value) if value is not None else None
    elif rule.type in _TEXT_KINDS and rule.text is not None:
        test = text_test(_TEXT_KINDS[rule.type], rule.text)
    elif rule.type == "expression" and formulas:
        found = expression_ref(formulas[0])
        if found:
            (col_abs, col, row_abs, row), value = found
            # relative parts are offsets from the range's top-left cell
            ref = (col_abs, col - (0 if col_abs else top_left[1]), row_abs, row - (0 if row_abs else top_left[0]))
            test = text_test("equal", value)
    if test is None:
        return None
    return Rule(priority=priority, test=test, fill=fill, stop=bool(rule.stopIfTrue), ref=ref)


def conditional_fills(ws, styles) -> dict[tuple[int, int], str]:
    """(row, col) -> the fill of the first rule (by priority) that holds for the cell."""
    rules: list[tuple[Rule, list[tuple[int, int, int, int]]]] = []
    for cf in getattr(ws, "conditional_formatting", ()):
        ranges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in cf.sqref.ranges]
        if not ranges:
            continue
        top_left = (min(r[0] for r in ranges), min(r[1] for r in ranges))
        for rule in cf.rules:
            made = _rule(rule, styles, top_left)
            if made is not None:
                rules.append((made, ranges))
    if not rules:
        return {}
    rules.sort(key=lambda x: x[0].priority)
    cells = ws._cells
    max_row = min(ws.max_row or 0, MAX_ROWS)
    shown: dict[tuple[int, int], str] = {}

    def text(r: int, c: int) -> str:
        if (r, c) not in shown:
            cell = cells.get((r, c))
            shown[(r, c)] = display(cell.value, cell.number_format) if cell is not None and cell.value is not None else ""
        return shown[(r, c)]

    out: dict[tuple[int, int], str] = {}
    decided: set[tuple[int, int]] = set()
    for rule, ranges in rules:
        for min_row, min_col, max_row_r, max_col in ranges:
            for r in range(min_row, min(max_row_r, max_row) + 1):
                for c in range(min_col, min(max_col, MAX_COLS) + 1):
                    if (r, c) in decided:
                        continue
                    if rule.ref is not None:
                        col_abs, col, row_abs, row = rule.ref
                        src = (row if row_abs else r + row, col if col_abs else c + col)
                        holds = rule.test(text(*src))
                    else:
                        holds = (r, c) in cells and rule.test(text(r, c))
                    if holds:
                        out[(r, c)] = rule.fill
                        decided.add((r, c))
    return out
