"""The clean layouts of the seeds (../shared/seeds/structured/*.json) as Documents.

Used by tests as ground truth: ingest/ must reproduce these tables from the DOCX, HTML and
PDF samples, and extract/ can be tested on them independently of any reader.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from actionplans.model import Cell, Document, Heading, Paragraph, Row, Table

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STRUCTURED = SHARED / "seeds" / "structured"
GOLD = SHARED / "gold"
SAMPLES = ROOT / "samples"


def seeds() -> list[str]:
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
