"""The compare report in a real headless browser (Debian's chromium driven by playwright): charts
render with a size, nothing is fetched, no console error, tables sort and filter, matrix cells
lead to their rows. Skipped, saying why, where playwright or a chromium is not installed."""
from __future__ import annotations

import re

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


def _col(page, table_id: str, heading: str) -> int:
    return page.eval_on_selector(f"#{table_id}", "(t, h) => Array.from(t.tHead.rows[0].cells).findIndex(th => "
                                 "th.textContent.trim() === h)", heading)


def test_sorting_by_a_header(page):
    header = page.locator("#overview-table thead th", has_text=re.compile("^actions$")).locator("button")
    at = _col(page, "overview-table", "actions")
    header.click()
    values = [int(r[at]) for r in _visible_rows(page, "overview-table")]
    assert values == sorted(values)
    header.click()
    values = [int(r[at]) for r in _visible_rows(page, "overview-table")]
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
    assert [r[_col(page, "overview-table", "plan")] for r in _visible_rows(page, "overview-table")] == \
        ["Ofsted Action Plan"]


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


#: the printable width of an A4 landscape page with the report's 10 mm margins, in CSS pixels
A4_LANDSCAPE_CONTENT = (297 - 2 * 10) / 25.4 * 96


@pytest.fixture(scope="module")
def wide_report(tmp_path_factory):
    """A report whose overview is as wide as real ones make it: long titles and file names, plans
    given twice (the 'same plan also in' column filled)."""
    rows = []
    for r in plan_rows():
        long = dict(r, plan_title=(r["plan_title"] + " for Children's Services following the Ofsted inspection of "
                                   "services for children in need of help and protection"),
                    source_file="council-children-services-improvement-action-plan-final-version-" + r["source_file"])
        rows += [long, dict(long, source_file=long["source_file"] + ".html")]
    views = actionplans.compare(pd.DataFrame(rows, columns=COLUMNS), as_of=AS_OF)
    assert len(views.duplicates) == 3
    return actionplans.write_compare_report(views, tmp_path_factory.mktemp("wide") / "report.html")


def test_overview_rag_and_overdue_in_view_at_1300px(browser, wide_report):
    with opened(browser, wide_report) as page:  # a 1300 px wide window
        wrap = page.locator("#overview-table").locator("xpath=..").bounding_box()
        right = min(1300, wrap["x"] + wrap["width"])
        for heading in ("authority", "plan", "actions", "overdue", "completed", "Red", "Amber", "Green",
                        "Blue (complete)", "Grey (not started)", "No RAG"):
            box = page.locator("#overview-table thead th", has_text=re.compile(f"^{re.escape(heading)}$")).bounding_box()
            assert box["x"] >= wrap["x"] and box["x"] + box["width"] <= right, heading
        # scrolled sideways to its last column, the table keeps the authority in view
        page.eval_on_selector("#overview-table", "t => { const w = t.parentNode; w.scrollLeft = w.scrollWidth; }")
        first = page.locator("#overview-table tbody tr").first.locator("td").first.bounding_box()
        assert abs(first["x"] - wrap["x"]) < 3
        assert page.problems == []


def test_print_fits_a4_landscape_without_cutting_tables(browser, wide_report, tmp_path):
    import pdfplumber

    with opened(browser, wide_report) as page:
        page.emulate_media(media="print")
        page.set_viewport_size({"width": int(A4_LANDSCAPE_CONTENT), "height": 718})
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_LANDSCAPE_CONTENT
        overflow = page.eval_on_selector_all("table.data", """(ts, width) => ts.filter(t =>
            t.getBoundingClientRect().right > width + 0.5 || t.parentNode.scrollWidth > t.parentNode.clientWidth + 0.5
            || t.parentNode.scrollHeight > t.parentNode.clientHeight + 0.5).map(t => t.id)""", A4_LANDSCAPE_CONTENT)
        assert overflow == []  # every table whole: not wider than the page, not scrolled inside its box
        assert page.locator(".table-tools").first.is_hidden() and page.locator("nav.toc").is_hidden()
        pdf = tmp_path / "report.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    with pdfplumber.open(pdf) as doc:
        assert all(round(p.width) == 842 and round(p.height) == 595 for p in doc.pages)  # A4 landscape, in points
        first = " ".join(doc.pages[0].extract_text().split())
        second = " ".join(doc.pages[1].extract_text().split()) if len(doc.pages) > 1 else ""
    # the overview's right-hand headings are printed (a cut table loses them; headings wrap, so single words)
    printed = set((first + " " + second).split())
    for word in ("completed", "recommendations", "owner", "GSS", "same"):
        assert word in printed, word
