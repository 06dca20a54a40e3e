"""The diff page in a real headless browser (chromium driven by playwright), running the shared
report script: nothing is fetched, no console error, the table sorts by a header (numbers as
numbers, blanks last both ways), and the change menu and the filter box filter together.
Skipped, saying why, where playwright or a chromium is not installed."""
from __future__ import annotations

import re

import pytest

import actionplans
from actionplans.plandiff import write_changes
from plan_versions import NEW, OLD, write_docx
from browser import launched, needs_browser, opened

pytestmark = needs_browser


@pytest.fixture(scope="module")
def changes_html(tmp_path_factory):
    root = tmp_path_factory.mktemp("diffpage")
    result = actionplans.diff_versions(write_docx(OLD, root / "plan-v1.docx"), write_docx(NEW, root / "plan-v2.docx"))
    out = root / "changes.html"
    write_changes(result, out)
    return out


@pytest.fixture(scope="module")
def browser():
    with launched() as b:
        yield b


@pytest.fixture
def page(browser, changes_html):
    with opened(browser, changes_html) as page:
        yield page


def _column(page, heading: str) -> list[str]:
    """The shown rows' cells under ``heading``, in table order."""
    return page.eval_on_selector("#changes-table", """(t, heading) => {
        const col = Array.from(t.tHead.rows[0].cells).findIndex(th => th.textContent.trim() === heading);
        return Array.from(t.tBodies[0].rows).filter(r => !r.classList.contains('hidden'))
            .map(r => r.cells[col].textContent.trim()); }""", heading)


def _sort(page, heading: str) -> None:
    page.locator("#changes-table thead th button", has_text=re.compile(f"^{re.escape(heading)}$")).click()


def test_loads_offline_without_errors(page, changes_html):
    assert page.requests == [changes_html.as_uri()]
    assert page.problems == []


def test_sorting_by_a_header(page):
    _sort(page, "days slipped")
    assert _column(page, "days slipped") == ["+91", "", "", "", "", ""]  # blanks last
    _sort(page, "days slipped")
    assert _column(page, "days slipped") == ["+91", "", "", "", "", ""]  # blanks last both ways
    assert page.locator("#changes-table th[aria-sort=descending]").count() == 1
    _sort(page, "ref")
    _sort(page, "ref")
    assert _column(page, "ref") == ["3.3", "3.1", "2.2", "2.1", "1.3", "1.2"]


def test_change_menu_and_filter_box(page):
    menu = page.locator("#changes .table-tools select")
    box = page.locator("#changes .table-tools input[type=search]")
    count = page.locator("#changes .table-tools .count")
    options = menu.locator("option").all_text_contents()
    assert options == ["all (6)", "added (1)", "removed (1)", "reworded (1)", "rag (1)", "due (1)", "owner (1)"]
    menu.select_option("owner")
    assert _column(page, "change") == ["owner"] and count.text_content() == "1 of 6 rows"
    box.fill("threshold")  # the reworded row: menu and box together find nothing
    assert _column(page, "change") == []
    menu.select_option("")
    assert _column(page, "change") == ["reworded"]
    box.fill('change:"rag"')  # the box's column syntax, as in compare's tables
    assert _column(page, "ref") == ["1.2"]
    box.fill("")
    assert len(_column(page, "change")) == 6 and count.text_content() == "6 of 6 rows"


def test_print_fits_a4_landscape(page):
    from test_compare_browser import A4_LANDSCAPE_CONTENT

    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(A4_LANDSCAPE_CONTENT), "height": 718})
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_LANDSCAPE_CONTENT
    wrap = page.eval_on_selector("#changes-table", "t => [t.parentNode.scrollWidth, t.parentNode.clientWidth]")
    assert wrap[0] <= wrap[1]  # the table whole in the page's width
    # a heading repeated on a later page is printed as text (chromium leaves a button in it blank)
    heads = page.eval_on_selector_all("#changes-table thead th", "ths => ths.map(th => [th.getAttribute('data-label'), "
                                      "getComputedStyle(th.querySelector('button')).display])")
    assert [h for h, _ in heads][:3] == ["change", "ref", "action"] and {d for _, d in heads} == {"none"}
