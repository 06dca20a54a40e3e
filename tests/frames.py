"""Helpers for tests that read the DataFrame of ``actionplans.convert()``."""
from __future__ import annotations

import pandas as pd

DATE_COLUMNS = ("plan_date", "due_start", "due_end")


def iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its datetime64 date columns as ISO text ("" where NaT), as the CSV writes them."""
    out = df.copy()
    for name in DATE_COLUMNS:
        if name in out.columns and pd.api.types.is_datetime64_any_dtype(out[name].dtype):
            out[name] = out[name].dt.strftime("%Y-%m-%d").astype(object).where(out[name].notna(), "")
    return out
