"""The clean layouts of the seeds (../shared/seeds/structured/*.json) as Documents.

Used by tests as ground truth: ingest/ must reproduce these tables from the DOCX, HTML and
PDF samples, and extract/ can be tested on them independently of any reader.

../shared sits beside the project's own checkout only; a user's clone has nothing beside it.
A test that reads anything there is marked with :func:`needs_shared` and is skipped, with the
reason, when that part is absent. Everything else (samples/, tests/fixtures) always runs.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from actionplans.model import Cell, Document, Heading, Paragraph, Row, Table

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STRUCTURED = SHARED / "seeds" / "structured"
SHARED_GOLD = SHARED / "gold"
SAMPLES = ROOT / "samples"
#: the samples' expected actions, carried in the project (a copy of ../shared/gold)
GOLD = SAMPLES / "expected"


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip the test unless each of ``parts`` (paths under ../shared) is there."""
    missing = [part for part in parts if not (SHARED / part).exists()]
    return pytest.mark.skipif(bool(missing), reason="not beside this clone: "
                                                    + ", ".join(f"../shared/{part}" for part in missing))


# the clean layouts (seeds/structured), the seeds' text exports (seeds/*.txt)
needs_layouts = needs_shared("seeds/structured")
needs_seed_texts = needs_shared("seeds")


def seeds() -> list[str]:
    """The seeds the samples are built from (samples/MANIFEST.csv), known without ../shared.

    test_samples checks that they are exactly the seeds that have a clean layout.
    """
    with open(SAMPLES / "MANIFEST.csv", encoding="utf-8", newline="") as f:
        return sorted({row["seed"] for row in csv.DictReader(f)})


def layout_seeds() -> list[str]:
    """The seeds that have a clean layout in ../shared/seeds/structured (none when it is absent)."""
    return sorted(p.stem for p in STRUCTURED.glob("*.json"))


def load_json(seed: str) -> dict:
    return json.loads((STRUCTURED / f"{seed}.json").read_text(encoding="utf-8"))


def _cell(raw) -> Cell | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return Cell(text=raw)
    return Cell(text=raw.get("text", ""), rowspan=raw.get("rowspan", 1), colspan=raw.get("colspan", 1),
                bold=bool(raw.get("bold")), fill=raw.get("fill"))


def _table(block: dict) -> Table:
    n_header = block.get("header_rows", 0)
    rows = tuple(Row(cells=tuple(_cell(c) for c in raw), is_header=i < n_header)
                 for i, raw in enumerate(block["rows"]))
    return Table(rows=rows)


def load_document(seed: str) -> Document:
    data = load_json(seed)
    blocks = []
    if data.get("title"):
        blocks.append(Heading(data["title"], level=0))
    for b in data["blocks"]:
        if b["type"] == "heading":
            blocks.append(Heading(b["text"], level=b.get("level", 1)))
        elif b["type"] == "paragraph":
            blocks.append(Paragraph(b["text"], bold=bool(b.get("bold"))))
        elif b["type"] == "table":
            blocks.append(_table(b))
    return Document(source=f"{seed}.json", format="docx", blocks=tuple(blocks), title=data.get("title"))


def norm_text(text: str) -> str:
    """Whitespace-normalised text for cell comparisons."""
    return re.sub(r"\s+", " ", text or "").strip()
