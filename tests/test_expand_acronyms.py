"""--expand-acronyms: expanded copies of the text columns after the contract's columns, in every format."""
import pandas as pd
import pytest
from click.testing import CliRunner

from actionplans.cli import main
from actionplans.model import COLUMNS
from structured import SAMPLES

SAMPLE = SAMPLES / "001_17cf1543151ab3d9.docx"
EXPANDED = ["theme_expanded", "recommendation_expanded", "action_expanded", "owner_raw_expanded",
            "measures_expanded", "progress_expanded"]


def convert(tmp_path, name, *flags):
    out = tmp_path / name
    res = CliRunner().invoke(main, ["convert", str(SAMPLE), "-o", str(out), "-j", "0", *flags])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.parametrize("name,read", [("a.csv", lambda p: pd.read_csv(p, dtype=str, keep_default_na=False)),
                                       ("a.parquet", pd.read_parquet),
                                       ("a.xlsx", lambda p: pd.read_excel(p, dtype=str).fillna("")),
                                       ("a.jsonl", lambda p: pd.read_json(p, lines=True, dtype=False))])
def test_expanded_columns_follow_the_contract(tmp_path, name, read):
    df = read(convert(tmp_path, name, "--expand-acronyms"))
    assert list(df.columns) == list(COLUMNS) + EXPANDED
    first = df.iloc[0]
    # the plan's own glossary spells out its acronyms; the original column is left as written
    assert "C&R (Contract and Referrals into Social Care)" in first["action_expanded"]
    assert "C&R (" not in first["action"]


def test_without_the_flag_the_columns_are_the_contract(tmp_path):
    df = pd.read_csv(convert(tmp_path, "b.csv"), dtype=str)
    assert list(df.columns) == list(COLUMNS)


def test_a_bad_roster_file_is_a_usage_error_said_once(tmp_path):
    bad = tmp_path / "officers.csv"
    bad.write_text("who,what\nJo,QA\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["convert", str(SAMPLE), "-o", str(tmp_path / "x.csv"), "-j", "0",
                                    "--roster", str(bad)])
    assert res.exit_code == 2
    assert "needs a 'name' column" in res.output
    assert not (tmp_path / "x.csv").exists()
