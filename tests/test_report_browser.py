"""The report page's script and policy in a real headless browser (chromium driven by playwright):
the page's own script runs under its hash, a script injected into the page does not, and the filter
links of a matrix work for names holding quotes, apostrophes, angle brackets and backslashes.
Skipped, saying why, where playwright or a chromium is not installed."""
from __future__ import annotations

import pandas as pd
import pytest

import actionplans
from actionplans.model import COLUMNS
from actionplans.report import Section, data_table, render_page
from browser import launched, needs_browser, opened
from test_compare import AS_OF, plan_rows

pytestmark = needs_browser

#: authority names a filter term must carry whole
HOSTILE = {"Walsall": 'Walsall "North" & Co', "Kent": "O'Hara <Borough> \\ Kent"}


@pytest.fixture(scope="module")
def browser():
    with launched() as b:
        yield b


def test_only_the_page_script_runs(browser, tmp_path):
    injected = ('<p id="x" onclick="window.handler = 1">x</p><script>window.injected = 1;</script>'
                '<base href="https://example.invalid/">')
    table = data_table(["name"], [["a"], ["b"]], caption="names", table_id="names")
    path = tmp_path / "page.html"
    path.write_text(render_page("T", [Section("a", "Alpha", injected + table)]), encoding="utf-8")
    with opened(browser, path) as page:
        assert page.locator("#a .table-tools input[type=search]").count() == 1  # the page's own script ran
        page.locator("#x").click()
        assert page.evaluate("[typeof window.injected, typeof window.handler]") == ["undefined", "undefined"]
        assert any("Content Security Policy" in p for p in page.problems)  # refused, and said so
        assert page.evaluate("document.baseURI") == path.as_uri()  # <base> ignored
        assert page.requests == [path.as_uri()]


def test_matrix_links_filter_names_with_quotes_and_backslashes(browser, tmp_path):
    rows = [dict(r, authority=HOSTILE[r["authority"]]) for r in plan_rows()]
    views = actionplans.compare(pd.DataFrame(rows, columns=COLUMNS), as_of=AS_OF)
    report = actionplans.write_compare_report(views, tmp_path / "report.html")
    expected = {(a, t): n for a, t, n in views.topics[["authority", "topic", "actions"]].itertuples(index=False)}
    assert {a for a, _ in expected} == set(HOSTILE.values())
    with opened(browser, report) as page:
        cells = page.eval_on_selector_all("#topics-table td a", """links => links.map(a => {
            const td = a.closest('td');
            return [td.parentNode.cells[0].textContent.trim(),
                    td.closest('table').tHead.rows[0].cells[td.cellIndex].textContent.trim()]; })""")
        assert len(cells) == len(expected)
        for i, (authority, topic) in enumerate(cells):
            page.locator("#topics-table td a").nth(i).click()
            shown = page.eval_on_selector("#topic-rows", "t => Array.from(t.tBodies[0].rows).filter(r => "
                                          "!r.classList.contains('hidden')).map(r => [r.cells[0].textContent, "
                                          "r.cells[1].textContent])")
            assert len(shown) == expected[(authority, topic)], (authority, topic)
            assert all(row == [topic, authority] for row in shown)
        assert page.problems == []
