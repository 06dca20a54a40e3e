"""docx reader (placeholder)."""
from __future__ import annotations

from pathlib import Path

from actionplans.model import Document


def read(path: Path) -> Document:
    return Document(source=Path(path).name, format="docx", blocks=())
