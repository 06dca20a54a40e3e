"""The extract stage's thresholds, one :class:`ExtractSettings` passed down from :func:`extract`
(its home is :mod:`actionplans.extract_settings`, a leaf outside this package, so that the
options can carry it without importing the stage)."""
from actionplans.extract_settings import DEFAULT, GROUPS, ExtractSettings, grouped, problems

__all__ = ["ExtractSettings", "DEFAULT", "GROUPS", "grouped", "problems"]
