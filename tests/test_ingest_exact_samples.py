"""The readers that know a table's structure exactly (DOCX, HTML) against the samples'
structured layouts: one set of tests, run for each format (the readers' own features are
tested in test_ingest_docx.py and test_ingest_html.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from actionplans.ingest import docx as docx_reader
from actionplans.ingest import html as html_reader
from actionplans.ingest import read as read_any
from actionplans.model import Format, Heading, Table
from structured import SAMPLES, load_document, needs_layouts, norm_text, seeds
from table_match import compare_with_seed

READERS = {"docx": docx_reader.read, "html": html_reader.read}
FORMATS = sorted(READERS)


def _sample(seed: str, fmt: str) -> Path:
    path = SAMPLES / f"{seed}.{fmt}"
    if not path.exists():
        pytest.skip(f"sample {path.name} not built")
    return path


def _text_blocks(document) -> list:
    return [(type(b).__name__, b.level if isinstance(b, Heading) else None, norm_text(b.text))
            for b in document.blocks if not isinstance(b, Table)]


@needs_layouts
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", seeds())
def test_sample_tables_match_structured_layout(seed, fmt):
    report = compare_with_seed(READERS[fmt](_sample(seed, fmt)), seed)
    assert report.tables_found == report.tables_expected
    assert report.fraction >= 0.98, "\n".join(report.mismatches)


@needs_layouts
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", seeds())
def test_sample_title_and_text_blocks(seed, fmt):
    document = READERS[fmt](_sample(seed, fmt))
    want = load_document(seed)
    assert document.title == want.title
    assert _text_blocks(document) == _text_blocks(want)


@needs_layouts
@pytest.mark.parametrize("seed", seeds())
def test_sample_header_rows_docx(seed):
    """Word marks header rows (repeated at the top of each page); the LibreOffice HTML exports
    of some samples mark none (<td> throughout), so extract/ finds them from their words."""
    document = docx_reader.read(_sample(seed, "docx"))
    assert [t.header_rows for t in document.tables] == [t.header_rows for t in load_document(seed).tables]


@pytest.mark.parametrize("fmt,seed", [("docx", "001_17cf1543151ab3d9"), ("html", "003_a7230eed7bb96a87")])
def test_dispatch_through_sniffing(fmt, seed):
    assert read_any(_sample(seed, fmt)).format == Format(fmt)
