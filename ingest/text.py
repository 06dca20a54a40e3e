"""Plain and tab-separated text exports (placeholder: one paragraph per line)."""
from __future__ import annotations

from pathlib import Path

from actionplans.model import Document, Paragraph


def read(path: Path) -> Document:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    blocks = tuple(Paragraph(line.strip()) for line in text.splitlines() if line.strip())
    return Document(source=Path(path).name, format="txt", blocks=blocks)
