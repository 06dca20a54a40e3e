"""The committed samples (samples/) against the clean layouts they were built from.

Reads the DOCX XML with python-docx / lxml, the PDFs with pdfplumber and the HTML with lxml;
LibreOffice is not needed. The author/loader functions of samples/ are also tested on small
purpose-made layouts (fills, widths, bad input).
"""
from __future__ import annotations

import csv
import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import html as lxml_html

from actionplans.errors import InputError
from actionplans.model import Cell, Row, Table
from structured import SAMPLES, SHARED, layout_seeds, load_json, needs_layouts, needs_seed_texts, seeds

sys.dont_write_bytecode = True
sys.path.insert(0, str(SAMPLES))
import author_docx  # noqa: E402

_spec = importlib.util.spec_from_file_location("samples_build", SAMPLES / "build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules["samples_build"] = build
_spec.loader.exec_module(build)

SAMPLE_SUFFIXES = {".docx", ".pdf", ".html", ".txt", ".md"}
NOT_SAMPLES = {"README.md", "BUILD_INFO.txt"}
W_VAL = qn("w:val")

SEEDS = seeds()


def manifest() -> list[dict]:
    with (SAMPLES / "MANIFEST.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sample_files() -> set[str]:
    return {p.name for p in SAMPLES.iterdir()
            if p.is_file() and p.suffix in SAMPLE_SUFFIXES and p.name not in NOT_SAMPLES}


def json_tables(seed: str) -> list[dict]:
    return [b for b in load_json(seed)["blocks"] if b["type"] == "table"]


def json_cells(block: dict):
    """(row index, column index, cell dict) for every object cell of a table block."""
    for r, row in enumerate(block["rows"]):
        for c, cell in enumerate(row):
            if isinstance(cell, dict):
                yield r, c, cell


def cell_text(raw) -> str:
    return raw if isinstance(raw, str) else raw.get("text", "")


@lru_cache(maxsize=None)
def open_docx(seed: str):
    return docx.Document(str(SAMPLES / f"{seed}.docx"))


# ---------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------


def test_manifest_lists_exactly_the_sample_files():
    listed = [row["file"] for row in manifest()]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    assert set(listed) == sample_files()


def test_manifest_columns_and_formats():
    rows = manifest()
    assert list(rows[0].keys()) == ["file", "seed", "format", "authority"]
    for row in rows:
        path = Path(row["file"])
        assert row["format"] == path.suffix[1:], row
        assert row["seed"] == path.stem, row


@needs_layouts
def test_manifest_seeds_and_authorities_match_layouts():
    rows = manifest()
    assert {row["seed"] for row in rows} == set(layout_seeds())
    for row in rows:
        assert row["authority"] == (load_json(row["seed"]).get("authority") or ""), row


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_has_all_formats(seed):
    formats = {row["format"] for row in manifest() if row["seed"] == seed}
    assert {"docx", "pdf", "html"} <= formats
    assert len(formats & {"txt", "md"}) == 1


@needs_seed_texts
@pytest.mark.parametrize("seed", SEEDS)
def test_text_copy_is_verbatim(seed):
    copies = [SAMPLES / f"{seed}{ext}" for ext in (".txt", ".md") if (SAMPLES / f"{seed}{ext}").is_file()]
    assert len(copies) == 1
    assert copies[0].read_bytes() == (SHARED / "seeds" / f"{seed}.txt").read_bytes()


def test_markdown_seed_is_named_md():
    assert (SAMPLES / "002_c3f8460906c6c51e.md").is_file()
    assert not (SAMPLES / "002_c3f8460906c6c51e.txt").exists()


# ---------------------------------------------------------------------------
# DOCX structure
# ---------------------------------------------------------------------------


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_docx_sections_follow_landscape_flag(seed):
    document = open_docx(seed)
    landscape = bool(load_json(seed).get("landscape"))
    for section in document.sections:
        pg_sz = section._sectPr.find(qn("w:pgSz"))
        assert (pg_sz.get(qn("w:orient")) == "landscape") == landscape
        assert (section.page_width > section.page_height) == landscape
        assert {round(section.page_width.mm), round(section.page_height.mm)} == {210, 297}  # A4


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_docx_title_and_headings(seed):
    data = load_json(seed)
    paragraphs = [p for p in open_docx(seed).paragraphs if p.text.strip()]
    if data.get("title"):
        assert paragraphs[0].style.name == "Title"
        assert paragraphs[0].text == data["title"]
    headings = [p for p in paragraphs if p.style.name.startswith("Heading ")]
    expected = [b for b in data["blocks"] if b["type"] == "heading"]
    assert [(p.text, p.style.name) for p in headings] == [(b["text"], f"Heading {b['level']}") for b in expected]


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_docx_header_rows_repeat(seed):
    tables = open_docx(seed).tables
    blocks = json_tables(seed)
    assert len(tables) == len(blocks)
    for table, block in zip(tables, blocks):
        flags = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst]
        n = block.get("header_rows", 0)
        assert flags == [True] * n + [False] * (len(block["rows"]) - n)


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_docx_spans_are_merged_cells(seed):
    for table, block in zip(open_docx(seed).tables, json_tables(seed)):
        tbl = table._tbl
        grid_spans = sorted(int(e.get(W_VAL)) for e in tbl.iter(qn("w:gridSpan")) if int(e.get(W_VAL)) > 1)
        restarts = [e for e in tbl.iter(qn("w:vMerge")) if e.get(W_VAL) == "restart"]
        continues = [e for e in tbl.iter(qn("w:vMerge")) if e.get(W_VAL) in (None, "continue")]
        cells = [c for _, _, c in json_cells(block)]
        # a cell spanning rows and columns repeats its gridSpan on every row it covers
        assert grid_spans == sorted(c["colspan"] for c in cells if c.get("colspan", 1) > 1
                                    for _ in range(c.get("rowspan", 1)))
        assert len(restarts) == sum(1 for c in cells if c.get("rowspan", 1) > 1)
        assert len(continues) == sum(c.get("rowspan", 1) - 1 for c in cells)


@needs_layouts
def test_seeds_exercise_both_kinds_of_span():
    spans = [c for s in SEEDS for b in json_tables(s) for _, _, c in json_cells(b)]
    assert any(c.get("colspan", 1) > 1 for c in spans) and any(c.get("rowspan", 1) > 1 for c in spans)


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_docx_cell_text_and_bold(seed):
    for table, block in zip(open_docx(seed).tables, json_tables(seed)):
        n_header = block.get("header_rows", 0)
        for r, row in enumerate(block["rows"]):
            for c, raw in enumerate(row):
                if raw is None:
                    continue
                cell = table.cell(r, c)
                assert cell.text == cell_text(raw)
                runs = [run for p in cell.paragraphs for run in p.runs if run.text.strip()]
                bold = r < n_header or (isinstance(raw, dict) and bool(raw.get("bold")))
                assert all(bool(run.bold) == bold for run in runs), (r, c, cell.text[:40])


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_tables_have_borders_and_widths(seed):
    document = open_docx(seed)
    usable = document.sections[0].page_width - document.sections[0].left_margin - document.sections[0].right_margin
    for table in document.tables:
        tbl_pr = table._tbl.tblPr
        assert table.style.name == "Table Grid"
        borders = tbl_pr.find(qn("w:tblBorders"))
        assert {e.tag.split("}")[1] for e in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
        widths = [col.width for col in table.columns]
        assert sum(widths) == pytest.approx(usable, rel=0.01)
        assert min(widths) >= docx.shared.Mm(11)


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_footer_has_page_fields(seed):
    footer = open_docx(seed).sections[0].footer._element
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page" in "".join(t.text for t in footer.iter(qn("w:t")))


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_core_properties_fixed(seed):
    props = open_docx(seed).core_properties
    assert props.author == "actionplans samples"
    assert props.created == props.modified
    assert props.created.year == 2024


# ---------------------------------------------------------------------------
# PDF and HTML exports
# ---------------------------------------------------------------------------


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_opens_with_several_pages(seed):
    landscape = bool(load_json(seed).get("landscape"))
    with pdfplumber.open(SAMPLES / f"{seed}.pdf") as pdf:
        assert len(pdf.pages) > 1
        first = pdf.pages[0]
        assert (first.width > first.height) == landscape
        assert first.extract_text().strip()
        assert pdf.metadata.get("CreationDate", "").startswith("D:2024")  # fixed by build.stabilise_pdf


@needs_layouts
@pytest.mark.parametrize("seed", SEEDS)
def test_html_has_the_tables_and_spans(seed):
    tree = lxml_html.fromstring((SAMPLES / f"{seed}.html").read_bytes())
    tables = tree.xpath("//table")
    blocks = json_tables(seed)
    assert len(tables) == len(blocks)
    for table, block in zip(tables, blocks):
        cells = [c for _, _, c in json_cells(block)]
        colspans = [int(td.get("colspan")) for td in table.xpath(".//td[@colspan]")]
        rowspans = [int(td.get("rowspan")) for td in table.xpath(".//td[@rowspan]")]
        assert sorted(colspans) == sorted(c["colspan"] for c in cells if c.get("colspan", 1) > 1)
        assert sorted(rowspans) == sorted(c["rowspan"] for c in cells if c.get("rowspan", 1) > 1)


@pytest.mark.parametrize("seed", SEEDS)
def test_html_is_self_contained(seed):
    tree = lxml_html.fromstring((SAMPLES / f"{seed}.html").read_bytes())
    refs = tree.xpath("//img/@src | //link[@rel='stylesheet']/@href | //script/@src")
    assert all(ref.startswith("data:") for ref in refs)


# ---------------------------------------------------------------------------
# The build code on purpose-made layouts
# ---------------------------------------------------------------------------


def _plan(table: Table, landscape: bool = False) -> author_docx.SamplePlan:
    return author_docx.SamplePlan(seed="fixture", authority=None, title="Fixture plan", landscape=landscape,
                                  blocks=(table,))


def test_fill_written_as_clear_shading(tmp_path):
    table = Table(rows=(Row(cells=(Cell("Action"), Cell("RAG")), is_header=True),
                        Row(cells=(Cell("Review supervision"), Cell("G", fill="#00b050"))),
                        Row(cells=(Cell("Whole row", colspan=2, fill="#FFC000"), None))))
    path = author_docx.write_docx(_plan(table), tmp_path / "fill.docx")
    tbl = docx.Document(str(path)).tables[0]._tbl
    shd = [(e.get(W_VAL), e.get(qn("w:fill"))) for e in tbl.iter(qn("w:shd"))]
    assert shd == [("clear", "00B050"), ("clear", "FFC000")]
    # schema order inside w:tcPr: tcW, gridSpan before shd
    tc_pr = next(tbl.iter(qn("w:gridSpan"))).getparent()
    assert [e.tag.split("}")[1] for e in tc_pr] == ["tcW", "gridSpan", "shd"]


def test_portrait_plan_stays_portrait(tmp_path):
    table = Table(rows=(Row(cells=(Cell("a"), Cell("b"))),))
    document = docx.Document(str(author_docx.write_docx(_plan(table), tmp_path / "p.docx")))
    section = document.sections[0]
    assert section.page_height > section.page_width
    assert section._sectPr.find(qn("w:pgSz")).get(qn("w:orient")) in (None, "portrait")


def test_rebuild_gives_identical_docx(tmp_path):
    table = Table(rows=(Row(cells=(Cell("Owner"), Cell("Due")), is_header=True), Row(cells=(Cell("x"), Cell("y")))))
    first = author_docx.write_docx(_plan(table), tmp_path / "a.docx").read_bytes()
    second = author_docx.write_docx(_plan(table), tmp_path / "b.docx").read_bytes()
    assert first == second


def test_column_widths_follow_text_and_keep_a_floor():
    table = Table(rows=(Row(cells=(Cell("RAG"), Cell("Action"), Cell("Lead")), is_header=True),
                        Row(cells=(Cell("G"), Cell("word " * 200), Cell("Director of Children's Services")))))
    widths = author_docx.column_widths([table], 267.0)
    assert sum(widths) == pytest.approx(267.0)
    assert widths[1] > widths[2] > widths[0] >= author_docx.WidthRule().min_mm


def test_tables_sharing_a_header_share_widths():
    header = Row(cells=(Cell("Action"), Cell("Lead")), is_header=True)
    short = Table(rows=(header, Row(cells=(Cell("a"), Cell("b")))))
    long = Table(rows=(header, Row(cells=(Cell("a " * 300), Cell("b")))))
    widths = author_docx.shared_widths((short, long), 200.0)
    assert author_docx.layout_key(short) == author_docx.layout_key(long)
    assert len(widths) == 1


def test_load_plan_rejects_bad_layouts(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read layout"):
        build.load_plan(bad_json)
    bad_block = tmp_path / "block.json"
    bad_block.write_text(json.dumps({"blocks": [{"type": "picture"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="unknown block type"):
        build.load_plan(bad_block)
    bad_fill = tmp_path / "fill.json"
    bad_fill.write_text(json.dumps({"blocks": [{"type": "table", "rows": [[{"text": "x", "fill": "red"}]]}]}),
                        encoding="utf-8")
    with pytest.raises(InputError, match="not #RRGGBB"):
        build.load_plan(bad_fill)


def test_main_reports_missing_folder_in_one_line(tmp_path, capsys):
    assert build.main(["--shared", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"), "--docx-only"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: no layout files") and "\n" not in err


def test_text_format_detects_markdown():
    assert build.text_format("# Title\n\ntext\n## A\n## B\n") == "md"
    assert build.text_format("Plan\tOwner\n1. Do it\tRose\n# not enough\n") == "txt"
