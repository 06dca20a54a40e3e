"""Compare two versions of one action plan: which actions were added, removed, reworded,
renumbered, and whose RAG, due date, owner or progress changed (``actionplans diff``).

Stages, one module each: ``load`` (a plan document or a converted actions table -> a
PlanVersion), ``match`` (old x new actions, one-to-one, by reference and fuzzy text),
``changes`` (one row per change), ``summary``, and ``output`` / ``html`` (CSV,
XLSX, an HTML page in the shared report shell of :mod:`actionplans.report`).
"""
from .changes import CHANGE_KINDS, Change
from .load import PlanVersion, load_version
from .match import Match, MatchSettings
from .output import DIFF_FORMATS, diff_format, write_changes
from .result import CHANGE_COLUMNS, PlanDiff, diff_versions
from .summary import DiffSummary

__all__ = ["CHANGE_COLUMNS", "CHANGE_KINDS", "DIFF_FORMATS", "Change", "DiffSummary", "Match", "MatchSettings",
           "PlanDiff", "PlanVersion", "diff_format", "diff_versions", "load_version", "write_changes"]
