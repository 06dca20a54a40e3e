"""The docs match the project (issue 19, item 11): every file they name is in the repository,
every link's anchor is a heading, and docs/schema.md lists the documents table as the code
writes it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from actionplans.tables import ACTIONS, DOCUMENTS

ROOT = Path(__file__).resolve().parents[1]
#: the project's Markdown: the README, docs/ and the README of each top-level folder
PAGES = sorted({ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("*/README.md")})
#: top-level entries of the repository: a backticked path starting with one of them names a file of ours
TOP = {p.name for p in ROOT.iterdir() if not p.name.startswith(".") and p.name not in (".venv", "out", "build")
       and not p.name.endswith(".egg-info")} | {".ci"}
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
_CODE = re.compile(r"`([^`\s]+)`")
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)}


def links(page: Path) -> list[str]:
    return [t for t in _LINK.findall(page.read_text(encoding="utf-8"))
            if not re.match(r"^[a-z]+:", t) and not t.startswith("mailto:")]


def code_paths(page: Path) -> list[str]:
    """Backticked words that name a file or folder of the repository (by their first part)."""
    out = []
    for word in _CODE.findall(page.read_text(encoding="utf-8")):
        word = word.rstrip(".,:;")
        first = word.split("/", 1)[0]
        if "/" in word and first in TOP and not any(c in word for c in "*?<>{}$|"):
            out.append(word)
    return out


def test_the_pages_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"README.md", "docs/schema.md", "docs/batch.md", "docs/reading.md", "samples/README.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_leads_to_a_file_and_heading_of_the_repository(page):
    for target in links(page):
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        assert dest.exists(), f"{page.name} links to {target}, which is not in the repository"
        assert ROOT in dest.parents or dest == ROOT, f"{page.name} links outside the repository: {target}"
        if anchor and dest.suffix == ".md":
            assert anchor in anchors(dest), f"{page.name} links to #{anchor}, no heading of {dest.name}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_project_path_the_docs_name_exists(page):
    for word in code_paths(page):
        here = (ROOT / word, page.parent / word)
        assert any(p.exists() for p in here), f"{page.relative_to(ROOT)} names `{word}`, not in the repository"


def test_the_checks_catch_a_missing_file_and_anchor(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("# One\nSee [b](nothing.md), `samples/none.csv`, `samples/MANIFEST.csv` and [a](#two).\n",
                    encoding="utf-8")
    assert links(page) == ["nothing.md", "#two"]
    assert code_paths(page) == ["samples/none.csv", "samples/MANIFEST.csv"]
    assert anchors(page) == {"one"}
    assert slug("Beyond one machine: Dask") == "beyond-one-machine-dask"
    assert slug("Scanned PDFs (OCR)") == "scanned-pdfs-ocr"


def _table_after(text: str, heading: str) -> list[str]:
    """The first column of names (in backticks) of the Markdown table under ``heading``."""
    section = text.split(heading, 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"^\| *\d+ *\| *`([^`]+)` *\|", section, re.M)


def test_schema_md_lists_the_documents_table_as_written():
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert _table_after(text, "## The documents table") == DOCUMENTS.names


def test_schema_md_lists_the_actions_table_as_written():
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert _table_after(text, "# The actions table") == ACTIONS.names
