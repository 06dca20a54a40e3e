"""A real headless browser for the report tests: Debian's chromium (or $ACTIONPLANS_CHROMIUM)
driven by playwright. Tests that need it are skipped, saying why, where either is missing."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')")

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> str | None:
    named = os.environ.get("ACTIONPLANS_CHROMIUM")
    if named:
        return named
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


CHROMIUM = _chromium()
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium, "
                                                             "or set ACTIONPLANS_CHROMIUM to a Chrome/Chromium binary)")


@contextmanager
def launched():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@contextmanager
def opened(browser, path: Path):
    """``path`` loaded in a new page that records its console problems and every request."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.problems, page.requests = [], []
    page.on("console", lambda m: page.problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    yield page
    page.close()
