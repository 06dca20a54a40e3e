"""Loading of the packaged vocabulary tables under ``data/`` (CSV; lines starting "# " are comments)."""
from __future__ import annotations

import csv
import io
from functools import lru_cache
import re
from importlib import resources

_COMMENT = re.compile(r"\s*#(\s|$)")


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>`` as dicts keyed by the header; comment and blank lines skipped."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not _COMMENT.match(ln)]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return tuple({k.strip(): (v or "").strip() for k, v in r.items() if k} for r in reader)
