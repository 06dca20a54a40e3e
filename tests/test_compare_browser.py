"""The compare report in a real headless browser (Debian's chromium driven by playwright): charts
render with a size, nothing is fetched, no console error, tables sort and filter, matrix cells
lead to their rows. Skipped, saying why, where playwright or a chromium is not installed."""
from __future__ import annotations

import pandas as pd
import pytest

import actionplans
from actionplans.model import COLUMNS
from browser import launched, needs_browser, opened
from test_compare import AS_OF, plan_rows

pytestmark = needs_browser


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    df = pd.DataFrame(plan_rows(), columns=COLUMNS)
    views = actionplans.compare(df, as_of=AS_OF)
    return actionplans.write_compare_report(views, tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="module")
def browser():
    with launched() as b:
        yield b


@pytest.fixture
def page(browser, report):
    with opened(browser, report) as page:
        yield page


def _visible_rows(page, table_id: str) -> list[list[str]]:
    return page.eval_on_selector(f"#{table_id}", "t => Array.from(t.tBodies[0].rows).filter(r => "
                                 "!r.classList.contains('hidden')).map(r => Array.from(r.cells).map(c => c.textContent.trim()))")


def test_loads_offline_without_errors(page, report):
    assert page.requests == [report.as_uri()]  # the page itself and nothing else
    assert page.problems == []


def test_charts_render_with_a_size(page):
    charts = page.locator("figure.chart svg")
    assert charts.count() >= 4
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 20
        assert charts.nth(i).locator("rect.seg").count() > 0  # bars drawn
        assert charts.nth(i).locator("desc").text_content().strip()  # a text alternative
    bar = page.locator("#status figure.chart rect.seg").first.bounding_box()
    assert bar["width"] > 0 and bar["height"] > 0


def test_sorting_by_a_header(page):
    header = page.locator("#overview-table thead th", has_text="actions").locator("button")
    header.click()
    values = [int(r[6]) for r in _visible_rows(page, "overview-table")]
    assert values == sorted(values)
    header.click()
    values = [int(r[6]) for r in _visible_rows(page, "overview-table")]
    assert values == sorted(values, reverse=True) and values[0] == 5
    assert page.locator("#overview-table thead th[aria-sort=descending]").count() == 1


def test_filtering_rows(page):
    box = page.locator("#overview input[type=search]")
    box.fill("kent")
    rows = _visible_rows(page, "overview-table")
    assert len(rows) == 2 and all(r[0] == "Kent" for r in rows)
    assert "2 of 3 rows" in page.locator("#overview .table-tools .count").text_content()
    box.fill('"ofsted action plan (refresh)"')
    assert len(_visible_rows(page, "overview-table")) == 1
    box.fill("")
    assert len(_visible_rows(page, "overview-table")) == 3
    box.fill('authority:"kent"')  # the whole cell of a column
    assert len(_visible_rows(page, "overview-table")) == 2
    box.fill('authority:"ken"')
    assert len(_visible_rows(page, "overview-table")) == 0
    box.fill('plan:"ofsted action plan"')  # not the "(refresh)" one
    assert [r[2] for r in _visible_rows(page, "overview-table")] == ["Ofsted Action Plan"]


def test_matrix_cell_leads_to_its_rows(page):
    cell = page.locator("#topics-table td a", has_text="2").first
    authority = cell.locator("xpath=ancestor::tr/td[1]").text_content().strip()
    column = page.eval_on_selector_all("#topics-table td a", "links => { const td = links.find(a => "
                                       "a.textContent === '2').closest('td'); return td.closest('table').tHead.rows[0]"
                                       ".cells[td.cellIndex].textContent.trim(); }")
    cell.click()
    rows = _visible_rows(page, "topic-rows")
    assert len(rows) == 2  # the cell's count, all listed (under the cap)
    assert all(r[1] == authority and r[0] == column for r in rows)
    assert page.locator("#topics input[type=search]").nth(1).input_value() == f'authority:"{authority}" topic:"{column}"'


def test_screenshots_of_each_section(page, tmp_path):
    for section in ("overview", "status", "due", "owners", "topics", "quality"):
        shot = tmp_path / f"{section}.png"
        page.locator(f"#{section}").screenshot(path=str(shot))
        assert shot.stat().st_size > 5000  # something was drawn
