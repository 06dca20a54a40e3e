"""Two versions in, the changes table and its summary out: the library API of ``actionplans diff``."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Callable, Optional, Union

from ..model import Action
from ..owntables import DEFAULT_MAX_ROWS
from ..settings import BatchOptions, ConvertOptions
from .changes import Change, list_changes
from .load import PlanVersion, load_versions, version_from_rows
from .match import Match, MatchSettings, match_actions
from .summary import DiffSummary, summarise

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: the columns of the changes table, in order
CHANGE_COLUMNS = (
    "change", "action_ref", "recommendation_ref", "action", "old", "new", "days_slipped", "match", "confidence",
    "old_action_ref", "new_action_ref",
    "old_source_file", "old_source_page", "old_source_table", "old_source_row",
    "new_source_file", "new_source_page", "new_source_table", "new_source_row",
)
_PROVENANCE = ("source_file", "source_page", "source_table", "source_row")
_INT_COLUMNS = ("days_slipped",) + tuple(f"{side}_{c}" for side in ("old", "new") for c in _PROVENANCE[1:])

Version = Union[str, os.PathLike, PlanVersion, "pd.DataFrame"]


@dataclass(frozen=True)
class PlanDiff:
    """The outcome of comparing two versions of one plan."""

    old: PlanVersion
    new: PlanVersion
    matches: tuple[Match, ...]
    changes: tuple[Change, ...]
    summary: DiffSummary

    def rows(self) -> list[dict]:
        """One dict per change, in CHANGE_COLUMNS."""
        return [change_row(c, self.old, self.new) for c in self.changes]

    def frame(self) -> "pd.DataFrame":
        """The changes as a DataFrame (``attrs["summary"]`` holds the summary as a dict)."""
        import pandas as pd

        df = pd.DataFrame(self.rows(), columns=list(CHANGE_COLUMNS))
        for col in _INT_COLUMNS:
            df[col] = pd.array(df[col].tolist(), dtype="Int64")
        df["confidence"] = pd.array(df["confidence"].tolist(), dtype="Float64")
        df.attrs["summary"] = self.summary.to_dict()
        return df


def _side(version: PlanVersion, index, prefix: str) -> dict:
    a: Action | None = version.actions[index] if index is not None else None
    out = {f"{prefix}_action_ref": a.action_ref if a else ""}
    for col in _PROVENANCE:
        value = getattr(a, col) if a else None
        if col == "source_file" and a is not None and not value:
            value = version.name  # a table without source_file: the table itself is the source
        out[f"{prefix}_{col}"] = value if value is not None else (None if col != "source_file" else "")
    return out


def change_row(c: Change, old: PlanVersion, new: PlanVersion) -> dict:
    """A change as a row of the changes table; the action as the new version has it (the old for removed)."""
    shown = new.actions[c.new_index] if c.new_index is not None else old.actions[c.old_index]
    row = {"change": c.change, "action_ref": shown.action_ref, "recommendation_ref": shown.recommendation_ref,
           "action": " ".join(shown.action.split()), "old": c.old, "new": c.new, "days_slipped": c.days_slipped,
           "match": c.match, "confidence": c.confidence}
    row.update(_side(old, c.old_index, "old"))
    row.update(_side(new, c.new_index, "new"))
    return row


def as_version(source: Version, options: ConvertOptions, label: str,
               batch: BatchOptions = BatchOptions(jobs=0), max_rows: Optional[int] = DEFAULT_MAX_ROWS) -> PlanVersion:
    if isinstance(source, PlanVersion):
        return source
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a DataFrame of actions
        return version_from_rows(source.to_dict("records"), label)
    return load_versions([source], options, batch, max_rows)[0]


def _versions(old: Version, new: Version, options: ConvertOptions, batch: BatchOptions, max_rows: Optional[int],
              on_result: Optional[Callable]) -> tuple[PlanVersion, PlanVersion]:
    """Both versions; the files among them read together (two documents convert side by side)."""
    given = {"old": old, "new": new}
    files = {k: v for k, v in given.items() if isinstance(v, (str, os.PathLike))}
    read = dict(zip(files, load_versions(list(files.values()), options, batch, max_rows, on_result))) if files else {}
    return tuple(read.get(k) or as_version(v, options, k) for k, v in given.items())


def diff_versions(old: Version, new: Version, options: ConvertOptions = ConvertOptions(),
                  settings: MatchSettings = MatchSettings(), batch: BatchOptions = BatchOptions(),
                  max_rows: Optional[int] = DEFAULT_MAX_ROWS, on_result: Optional[Callable] = None) -> PlanDiff:
    """Compare two versions of one plan. Each is a plan document (converted with ``options`` in
    the isolated worker processes of :mod:`actionplans.batch`, with ``batch``'s time and memory
    limits, as ``convert`` does; ``jobs=0`` converts in this process), an actions table written by
    ``actionplans convert`` (read up to ``max_rows`` rows), a DataFrame of actions, or a
    PlanVersion. ``on_result`` sees each document's FileResult as it completes (a progress bar).
    Raises InputError ("path: reason", one line) when a version cannot be read."""
    a, b = _versions(old, new, options, batch, max_rows, on_result)
    matches = match_actions(a.actions, b.actions, settings)
    changes = list_changes(a.actions, b.actions, matches)
    summary = summarise(a.name, b.name, len(a.actions), len(b.actions), matches, changes)
    return PlanDiff(a, b, tuple(matches), tuple(changes), summary)


def diff(old: Version, new: Version, settings: MatchSettings = MatchSettings(), **options) -> "pd.DataFrame":
    """Compare two versions of one plan; one row per change (columns CHANGE_COLUMNS, see docs/diff.md).

    ``old`` and ``new`` are plan documents, actions tables written by ``actionplans convert``
    (CSV, Parquet, JSON Lines, XLSX) or DataFrames of actions. ``options`` are those of
    :class:`ConvertOptions` (plan_date, authority, roster, acronyms, password) for documents, those
    of :class:`BatchOptions` (jobs, timeout, memory_limit: documents convert in worker processes
    with these limits, as in :func:`actionplans.convert`) and ``max_rows`` (rows read from a table;
    default 1,000,000, 0 for no cap). ``df.attrs["summary"]`` holds the summary (counts, RAG moves,
    days slipped).
    """
    max_rows = options.pop("max_rows", DEFAULT_MAX_ROWS)
    batch_names = {f.name for f in fields(BatchOptions)}
    batch = BatchOptions(**{k: options.pop(k) for k in list(options) if k in batch_names})
    return diff_versions(old, new, ConvertOptions(**options), settings, batch, max_rows).frame()
