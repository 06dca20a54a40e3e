#!/usr/bin/env python3
"""Rebuild ``normalise/data/authorities.csv`` (the councils with children's services duties).

Sources, both committed next to this script so the build is repeatable offline:

* ``mysociety_extract.csv`` and ``mysociety_names.csv``: the columns and rows this build uses of
  mySociety's *UK Local Authority Names and Codes* (github.com/mysociety/uk_local_authority_names_and_codes,
  ``data/uk_local_authorities.csv`` and ``data/lookup_name_to_registry.csv``), written by
  ``--refresh`` from a clone of that repository. It gives the GSS codes, names, types, current
  status, end dates of recent reorganisations, former codes and the usual spellings.
* ``curated.csv``: what mySociety does not hold - the real validity dates (its start dates are
  mostly the day its register was filled in, 2005), the councils abolished in 2009 and their
  codes, the dates of re-codings, the Northern Ireland Health and Social Care Trusts, the bodies
  that run a council's children's services (children's trusts and companies), and the aliases
  and matching rules used to find a council's name in a plan's text.

Usage::

    python tools/authorities/build_authorities.py                 # rebuild the packaged table
    python tools/authorities/build_authorities.py --check         # exit 1 if it is out of date
    python tools/authorities/build_authorities.py --refresh PATH  # re-extract from a mySociety clone
                                                                  # (a git dir or work tree) first
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TABLE = ROOT / "normalise" / "data" / "authorities.csv"
EXTRACT = HERE / "mysociety_extract.csv"
NAMES = HERE / "mysociety_names.csv"
CURATED = HERE / "curated.csv"

SOURCE_REPO = "mysociety/uk_local_authority_names_and_codes"
SOURCE_FILES = ("data/uk_local_authorities.csv", "data/lookup_name_to_registry.csv")
EXTRACT_COLUMNS = ("local-authority-code", "official-name", "nice-name", "gss-code", "start-date", "end-date",
                   "nation", "local-authority-type", "former-gss-codes")
# mySociety's authority types that carry children's services duties, and the type written here.
# Northern Ireland's district councils (NID) have none: Health and Social Care Trusts deliver them.
TYPES = {"CTY": "county", "UA": "unitary", "MD": "metropolitan district", "LBO": "london borough",
         "CC": "city corporation", "WPA": "unitary", "SCO": "unitary"}
# Welsh and Scottish unitary councils were all created on 1 April 1996 (Local Government (Wales)
# Act 1994; Local Government etc. (Scotland) Act 1994).
NATION_START = {"Wales": "1996-04-01", "Scotland": "1996-04-01"}
NATION_ORDER = {"England": 0, "Wales": 1, "Scotland": 2, "Northern Ireland": 3}
COLUMNS = ("code", "name", "type", "nation", "valid_from", "valid_to", "aliases", "other_names", "match",
           "abbreviations", "councils", "note")


def _key(name: str) -> str:
    s = name.casefold().replace("&", " and ").replace("-", " ").replace(".", " ").replace(",", " ")
    return re.sub(r"\s+", " ", s).strip()


def _split(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split(";") if p.strip()]


def _read(path_or_text, comments: bool = True) -> list[dict[str, str]]:
    text = path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    lines = [ln for ln in text.splitlines() if ln.strip() and not (comments and ln.lstrip().startswith("#"))]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(io.StringIO("\n".join(lines)))]


_MOJIBAKE = re.compile("[\ufffd]|\u00ef\u00bf|\u00ef\u00be|\u00c3[\u0080-\u00bf]")


def _register_date(day: str) -> bool:
    """mySociety's start dates of 2005 are the day its register was filled in, not a council's start."""
    return day.startswith("2005-")


def _last_day(day: str) -> str:
    """An end date on the 1st of a month is the successor's first day (mySociety writes both
    2021-03-31 and 2021-04-01 for the same reorganisation): the last day is the day before."""
    if not day:
        return ""
    d = date.fromisoformat(day)
    return (d - timedelta(days=1)).isoformat() if d.day == 1 else day


def build(source: list[dict], names: list[dict], curated: list[dict]) -> list[dict]:
    """The rows of the packaged table. Raises ValueError where the sources disagree or a row
    lacks what the table needs (a former code with no dates, a body naming an unknown council)."""
    cur = {r["code"]: r for r in curated if r.get("code")}
    bodies = [r for r in curated if not r.get("code")]
    # every spelling mySociety knows, by the council it names; a spelling naming two councils is dropped
    spelling: dict[str, set[str]] = {}
    shown: dict[tuple[str, str], str] = {}
    for r in names:
        k = _key(r["la-name"])
        spelling.setdefault(k, set()).add(r["local-authority-code"])
        shown.setdefault((r["local-authority-code"], k), r["la-name"])
    out: dict[str, dict] = {}

    def row(code, base, name, dates, la=None, inherit=None):
        c = dict(cur.get(code, {}))
        for k in ("name", "aliases", "match", "abbreviations"):  # a former code keeps the council's names
            if inherit and not c.get(k):
                c[k] = inherit.get(k, "")
        r = {k: "" for k in COLUMNS}
        r.update(code=code, name=c.get("name") or name, type=c.get("type") or base["type"],
                 nation=c.get("nation") or base["nation"])
        r["valid_from"], r["valid_to"] = dates
        for k in ("aliases", "match", "abbreviations", "note"):
            r[k] = c.get(k, "")
        if la:
            own = {_key(r["name"])} | {_key(a.rstrip("+")) for a in _split(r["aliases"])}
            others = []
            for (code3, k), text in shown.items():
                if (code3 == la and k not in own and spelling.get(k) == {la} and not _MOJIBAKE.search(text)
                        and k not in {_key(o) for o in others}):
                    others.append(text)
            r["other_names"] = ";".join(others)
        return r

    for s in source:
        kind = TYPES.get(s["local-authority-type"])
        if kind is None or not s["gss-code"]:
            continue
        code, c = s["gss-code"], cur.get(s["gss-code"], {})
        start = c.get("valid_from") or ("" if _register_date(s["start-date"]) else s["start-date"]) \
            or NATION_START.get(s["nation"], "")
        end = c.get("valid_to") or _last_day(s["end-date"])
        base = {"type": kind, "nation": s["nation"]}
        out[code] = row(code, base, s["nice-name"], (start, end), s["local-authority-code"])
        for old in [x.strip() for x in s["former-gss-codes"].split(",") if x.strip()]:
            o = cur.get(old)
            if not o or not o.get("valid_to"):
                raise ValueError(f"former code {old} of {s['nice-name']} needs its dates in curated.csv")
            out[old] = row(old, base, s["nice-name"], (o.get("valid_from") or NATION_START.get(s["nation"], ""),
                                                        o["valid_to"]), s["local-authority-code"], inherit=c)
    for code, c in cur.items():
        if code in out:
            continue
        if not (c.get("name") and c.get("type") and c.get("nation")):
            raise ValueError(f"{code} is not in the mySociety extract: curated.csv must give its name, type and nation")
        out[code] = row(code, c, c["name"], (c.get("valid_from", ""), c.get("valid_to", "")))
    for b in bodies:
        councils = _split(b.get("councils", ""))
        missing = [x for x in councils if x not in out]
        if not councils or missing:
            raise ValueError(f"{b['name']}: its councils {missing or '(none)'} are not in the table")
        r = {k: b.get(k, "") for k in COLUMNS}
        r["code"], r["other_names"] = "", ""
        out[f"~{b['name']}"] = r
    for r in out.values():
        if r["valid_to"] and r["valid_from"] and r["valid_to"] < r["valid_from"]:
            raise ValueError(f"{r['code']} {r['name']}: valid_to before valid_from")
    return sorted(out.values(), key=lambda r: (r["code"] == "", NATION_ORDER.get(r["nation"], 9), r["code"], r["name"]))


HEADER = """\
# UK local authorities with children's services duties, with their GSS codes and the dates each
# code is valid, and the bodies that run a council's children's services for it.
# GENERATED by tools/authorities/build_authorities.py - edit tools/authorities/curated.csv and rebuild.
# Source: mySociety, UK Local Authority Names and Codes (github.com/{repo}), commit {commit}
# of {commit_date}, data/uk_local_authorities.csv and data/lookup_name_to_registry.csv (codes, names,
# types, recent reorganisations, former codes, spellings), plus tools/authorities/curated.csv (validity
# dates, councils abolished in 2009, re-coding dates, Northern Ireland, children's trusts, aliases).
# England: county councils (E10), unitary authorities (E06), metropolitan districts (E08), London
# boroughs and the City of London (E09). Wales: principal areas (W06). Scotland: council areas (S12).
# Northern Ireland: no council has children's services; the five Health and Social Care Trusts deliver
# them (since 2007-04-01) and are keyed by their NHS ODS organisation codes (ZT001-ZT005), as ONS gives
# them no GSS code. The four Health and Social Services Boards before 2007/2009 are not listed.
# Columns: valid_from/valid_to ISO dates (blank = open); aliases: other names, ';'-separated, also looked
# for in a plan's text; other_names: further spellings (mySociety's), accepted as a name given
# (--authority, a document's stated council) but not searched for in text; match: "suffix" = the bare
# name is an ordinary word or name, so in text it counts only with a council suffix ("Reading Borough
# Council"), "given" = only as a name given, never searched for in text; abbreviations: letters that
# name the council in text only when written with "council" ("CE council"); councils: for a body that
# runs children's services (code blank), the codes of the councils it works for; note: why a row is
# as it is.
"""


def render(rows: list[dict], commit: str, commit_date: str) -> str:
    buf = io.StringIO()
    buf.write(HEADER.format(repo=SOURCE_REPO, commit=commit, commit_date=commit_date))
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _provenance(text: str) -> tuple[str, str]:
    m = re.search(r"^# commit (\w+) of (\S+)", text, re.MULTILINE)
    return (m.group(1), m.group(2)) if m else ("unknown", "unknown")


def rebuild() -> str:
    extract = EXTRACT.read_text(encoding="utf-8")
    commit, commit_date = _provenance(extract)
    return render(build(_read(extract), _read(NAMES), _read(CURATED)), commit, commit_date)


def _git_show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def refresh(repo: Path) -> None:
    """Re-extract the two committed source files from a clone of the mySociety repository."""
    commit, commit_date = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%H %ad", "--date=short"],
                                         check=True, capture_output=True, text=True).stdout.split()
    table, names = (_git_show(repo, commit, p) for p in SOURCE_FILES)
    rows = [r for r in _read(table, comments=False)]
    keep = [r for r in rows if r["local-authority-type"] in TYPES]
    codes = {r["local-authority-code"] for r in keep}
    head = f"# {SOURCE_REPO} {SOURCE_FILES[0]}, the columns and rows build_authorities.py uses\n# commit {commit} of {commit_date}\n"
    buf = io.StringIO()
    buf.write(head)
    w = csv.DictWriter(buf, fieldnames=EXTRACT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(keep)
    EXTRACT.write_text(buf.getvalue(), encoding="utf-8")
    # all spellings are kept (of every authority) so that one naming two councils can be dropped
    buf = io.StringIO()
    buf.write(f"# {SOURCE_REPO} {SOURCE_FILES[1]}\n# commit {commit} of {commit_date}\n")
    w = csv.DictWriter(buf, fieldnames=("la-name", "local-authority-code"), lineterminator="\n")
    w.writeheader()
    w.writerows(_read(names, comments=False))
    NAMES.write_text(buf.getvalue(), encoding="utf-8")
    print(f"extracted {len(keep)} authorities ({len(codes)} codes) from {SOURCE_REPO} at {commit[:7]} ({commit_date})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--refresh", metavar="MYSOCIETY_REPO", type=Path, help="re-extract the source from a clone first")
    ap.add_argument("--check", action="store_true", help="only check that the packaged table is up to date")
    args = ap.parse_args(argv)
    if args.refresh:
        refresh(args.refresh)
    text = rebuild()
    if args.check:
        ok = TABLE.read_text(encoding="utf-8") == text
        print("up to date" if ok else f"{TABLE} is out of date: run {Path(__file__).name}")
        return 0 if ok else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({text.count(chr(10)) - HEADER.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
