"""The views of a comparison, as DataFrames: aggregates over an actions frame (no row is copied
whole into a view except the capped lists of rows behind the topic matrix)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from ..report.page import RAG_LABELS, RAG_ORDER
from . import clusters as clustering
from .duplicates import find_duplicates
from .inputs import Inputs
from .roles import acronym_expansions, load_roles, normalise_role, parse_acronyms
from .topics import load_topics, tag_matrix

#: how late an overdue action is, in months past its due_end: [low, high) bands
LATE_BANDS = (("0–3 months", 0, 3), ("3–6 months", 3, 6), ("6–12 months", 6, 12), ("12+ months", 12, np.inf))
NO_AUTHORITY = "(authority not named)"
NO_OWNER = "(no owner)"
RAG_COLUMNS = tuple(RAG_LABELS[r] for r in RAG_ORDER)
PLAN_KEYS = ["authority", "authority_code", "plan_title", "plan_date", "source_file"]
_MONTH_DAYS = 365.25 / 12
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]+\b")
_WARNING_DETAIL = re.compile(r"'[^']*'|\"[^\"]*\"|\d[\d./-]*")
#: a theme that carries a number ("1. Provision of supervision", "Objective 2: Early help"); a year
#: ("2012 priorities") is not a number of an objective
_NUMBERED = re.compile(r"^\W*(?:[^\W\d]+\s+)?\d{1,3}(?:\.\d{1,3})*\s*[.):\-–]?\s+\w")
#: where the recommendations of a plan were counted from (the overview's "recommendations from")
REC_FROM_COLUMN, REC_FROM_THEME = "recommendations", "numbered objectives"


@dataclass(frozen=True)
class Comparison:
    """The views of ``actionplans.compare``; ``tables()`` gives them by name (the --tables CSVs)."""

    as_of: dt.date
    overview: pd.DataFrame  # one row per plan (the same plan given in several files once)
    rag_by_authority: pd.DataFrame  # authority, actions, one column per RAG (counts)
    overdue_by_authority: pd.DataFrame  # authority, actions, overdue, one column per lateness band
    due_by_quarter: pd.DataFrame  # authority, quarter, actions (long form)
    owners: pd.DataFrame  # per plan and owner: role, actions, overdue, completed
    roles: pd.DataFrame  # per authority and normalised role: actions, owners, examples
    topics: pd.DataFrame  # per authority and topic: actions, recommendations (the matrix, long form)
    topic_rows: pd.DataFrame  # the rows behind each matrix cell, at most ``row_cap`` per cell
    clusters: pd.DataFrame  # groups of similar texts that no topic matched
    data_quality: pd.DataFrame  # per plan: warnings and missing fields
    failed: pd.DataFrame  # plan documents that could not be converted
    duplicates: pd.DataFrame  # files left out as another reading of a plan counted (duplicates.py)
    action_topics: pd.DataFrame  # one row per action: where it is, its topics, overdue, months late

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "as_of"}


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return np.round(100 * part / np.maximum(whole, 1), 1)


def _count(codes: np.ndarray, n: int, weights=None) -> np.ndarray:
    out = np.bincount(codes, weights=weights, minlength=n)
    return out.astype(int) if weights is None or np.asarray(weights).dtype == bool else out


def _objectives_as_recommendations(df: pd.DataFrame, plan_id: np.ndarray,
                                   n_plans: int) -> tuple[pd.DataFrame, list]:
    """``df`` with each plan that names no recommendation but numbers its themes (its objectives,
    "1. Provision of good quality supervision") given those themes as its recommendations, and per
    plan where its recommendations come from (REC_FROM_COLUMN, REC_FROM_THEME or "")."""
    has_rec = _count(plan_id, n_plans, (df["recommendation"] != "").to_numpy()) > 0
    source = [REC_FROM_COLUMN if h else "" for h in has_rec]
    if "theme" not in df.columns or has_rec.all():
        return df, source
    theme = df["theme"].to_numpy(dtype=object)
    codes, texts = pd.factorize(df["theme"])
    numbered = np.array([bool(_NUMBERED.match(t)) for t in texts])[codes]
    blank = theme == ""
    # a plan uses its themes as recommendations when every theme it gives is numbered
    themed = _count(plan_id, n_plans, ~blank) > 0
    all_numbered = _count(plan_id, n_plans, ~blank & ~numbered) == 0
    use = ~has_rec & themed & all_numbered
    if not use.any():
        return df, source
    rows = use[plan_id]
    out = df.copy()
    out.loc[rows, "recommendation"] = df.loc[rows, "theme"]
    return out, [REC_FROM_THEME if u else s for u, s in zip(use, source)]


class _Frame:
    """The actions frame with the columns every view needs, computed once."""

    def __init__(self, inputs: Inputs, as_of: dt.date):
        df = inputs.actions
        self.n = len(df)
        self.authority = df["authority"].where(df["authority"] != "", NO_AUTHORITY)
        # a plan is a file of an authority; its title, date and code are those of its first row
        a_code, _ = pd.factorize(df["authority"])
        s_code, sources = pd.factorize(df["source_file"])
        self.plan_id, _ = pd.factorize(a_code.astype(np.int64) * max(len(sources), 1) + s_code)
        _, first = np.unique(self.plan_id, return_index=True)
        self.plans = df[PLAN_KEYS].iloc[first].reset_index(drop=True)
        self.n_plans = len(self.plans)
        df, self.rec_from = _objectives_as_recommendations(df, self.plan_id, self.n_plans)
        self.df = df
        self.auth_code, self.authorities = pd.factorize(self.authority, sort=True)
        self.due = pd.to_datetime(df["due_end"], format="%Y-%m-%d", errors="coerce")
        self.rag = df["rag"].where(df["rag"].isin(RAG_ORDER), "")
        self.completed = (self.rag == "Blue").to_numpy()
        as_of_ts = pd.Timestamp(as_of)
        self.overdue = ((self.due < as_of_ts).to_numpy() & ~self.completed)
        self.months_late = ((as_of_ts - self.due).dt.days / _MONTH_DAYS).to_numpy()
        self.owner_text = df["owners"].where(df["owners"] != "", df["owner_raw"])
        self.rec_code, self.rec_texts = pd.factorize(df["recommendation"])


def _plan_columns(f: _Frame) -> pd.DataFrame:
    p = f.plans.copy()
    authority = p.pop("authority")
    p.insert(0, "authority", authority.where(authority != "", NO_AUTHORITY))
    return p


def overview(f: _Frame) -> pd.DataFrame:
    out = _plan_columns(f)
    actions = _count(f.plan_id, f.n_plans)
    has_rec = np.asarray(f.rec_texts, dtype=object)[f.rec_code] != ""
    pairs = np.unique(f.plan_id[has_rec].astype(np.int64) * (len(f.rec_texts) + 1) + f.rec_code[has_rec])
    out["recommendations"] = _count(pairs // (len(f.rec_texts) + 1), f.n_plans)
    out["recommendations from"] = f.rec_from
    out["actions"] = actions
    out["with owner %"] = _share(_count(f.plan_id, f.n_plans, (f.owner_text != "").to_numpy()), actions)
    out["with due date %"] = _share(_count(f.plan_id, f.n_plans, f.due.notna().to_numpy()), actions)
    out["with RAG %"] = _share(_count(f.plan_id, f.n_plans, (f.rag != "").to_numpy()), actions)
    for r in RAG_ORDER:
        out[RAG_LABELS[r]] = _count(f.plan_id, f.n_plans, (f.rag == r).to_numpy())
    out["overdue"] = _count(f.plan_id, f.n_plans, f.overdue)
    out["completed"] = _count(f.plan_id, f.n_plans, f.completed)
    return out


def rag_by_authority(f: _Frame) -> pd.DataFrame:
    k = len(f.authorities)
    out = pd.DataFrame({"authority": list(f.authorities), "actions": _count(f.auth_code, k)})
    for r in RAG_ORDER:
        out[RAG_LABELS[r]] = _count(f.auth_code, k, (f.rag == r).to_numpy())
    return out


def overdue_by_authority(f: _Frame) -> pd.DataFrame:
    k = len(f.authorities)
    out = pd.DataFrame({"authority": list(f.authorities), "actions": _count(f.auth_code, k),
                        "overdue": _count(f.auth_code, k, f.overdue)})
    late = np.where(f.overdue, f.months_late, np.nan)
    for label, low, high in LATE_BANDS:
        out[label] = _count(f.auth_code, k, (late >= low) & (late < high))
    return out


def due_by_quarter(f: _Frame) -> pd.DataFrame:
    has = f.due.notna().to_numpy()
    if not has.any():
        return pd.DataFrame(columns=["authority", "quarter", "actions"])
    quarter = f.due[has].dt.to_period("Q").astype(str).str.replace("Q", " Q", regex=False)
    g = pd.DataFrame({"authority": f.authority[has].to_numpy(), "quarter": quarter.to_numpy()})
    return g.groupby(["authority", "quarter"], sort=True).size().rename("actions").reset_index()


def owners(f: _Frame, inputs: Inputs) -> pd.DataFrame:
    """Actions per owner within each plan, each owner with its normalised role."""
    cols = ["authority", "plan_title", "source_file", "owner", "role", "actions", "overdue", "completed"]
    owner_code, owner_texts = pd.factorize(f.owner_text)
    g = pd.DataFrame({"p": f.plan_id, "o": owner_code, "overdue": f.overdue, "completed": f.completed, "actions": 1})
    g = g.groupby(["p", "o"], sort=False, as_index=False)[["actions", "overdue", "completed"]].sum()
    g["owner"] = np.asarray(owner_texts, dtype=object)[g.pop("o").to_numpy()]
    g["owner"] = g["owner"].str.split(";")
    g = g.explode("owner")
    g["owner"] = g["owner"].str.strip().replace("", NO_OWNER).fillna(NO_OWNER)
    g = g.groupby(["p", "owner"], sort=False, as_index=False)[["actions", "overdue", "completed"]].sum()
    plans = _plan_columns(f)
    g["authority"] = plans["authority"].to_numpy()[g["p"]]
    g["plan_title"] = plans["plan_title"].to_numpy()[g["p"]]
    g["source_file"] = plans["source_file"].to_numpy()[g["p"]]
    g["role"] = _roles_of(g, f, inputs)
    return g[cols].sort_values(["authority", "source_file", "actions"], ascending=[True, True, False],
                               ignore_index=True)


def _roles_of(g: pd.DataFrame, f: _Frame, inputs: Inputs) -> list[str]:
    rules = load_roles()
    officer_role = {(s, n): r for s, n, r in inputs.officers[["source_file", "name", "role"]].itertuples(index=False)
                    if r}
    # each distinct acronyms cell is parsed once; a plan's acronyms are those of all its rows
    cell_code, cells = pd.factorize(f.df["acronyms"])
    source_code, sources = pd.factorize(f.df["source_file"])
    sources = np.asarray(sources, dtype=object)
    pairs = np.unique(source_code.astype(np.int64) * (len(cells) + 1) + cell_code)
    parsed = [parse_acronyms(c) for c in cells]
    cells_of: dict[str, list[int]] = {}
    for s_code, c in zip(pairs // (len(cells) + 1), pairs % (len(cells) + 1)):
        cells_of.setdefault(sources[s_code], []).append(int(c))
    acronyms: dict[tuple[int, ...], dict[str, str]] = {}

    def plan_acronyms(source: str) -> dict[str, str]:
        key = tuple(sorted(cells_of.get(source, ())))
        if key not in acronyms:
            acronyms[key] = {k: v for c in key for k, v in parsed[c].items()}
        return acronyms[key]

    cache: dict[tuple[str, str, str], str] = {}
    out = []
    for source, owner in zip(g["source_file"], g["owner"]):
        if owner == NO_OWNER:
            out.append(NO_OWNER)
            continue
        expansions = acronym_expansions(owner, plan_acronyms(source)) if _ACRONYM.search(owner) else ""
        key = (owner, officer_role.get((source, owner), ""), expansions)
        if key not in cache:
            cache[key] = normalise_role(*key, rules=rules)
        out.append(cache[key])
    return out


def roles(owner_view: pd.DataFrame) -> pd.DataFrame:
    """Per authority and role: actions owned (an action with two owners counts for each), owners, examples."""
    o = owner_view[owner_view["role"] != NO_OWNER]
    g = o.groupby(["authority", "role"], sort=True)
    out = g.agg(actions=("actions", "sum"), overdue=("overdue", "sum"), owners=("owner", "nunique")).reset_index()
    firsts = o.drop_duplicates(["authority", "role", "owner"]).groupby(["authority", "role"], sort=True).head(3)
    examples = firsts.groupby(["authority", "role"], sort=True)["owner"].agg(lambda s: "; ".join(_cut(t, 60) for t in s))
    out["examples"] = examples.reindex(pd.MultiIndex.from_frame(out[["authority", "role"]])).to_numpy()
    return out


@dataclass(frozen=True)
class _Tags:
    matrix: np.ndarray  # actions x topics
    rec_codes: np.ndarray
    rec_matrix: np.ndarray  # unique recommendation texts x topics
    rec_texts: pd.Index
    act_codes: np.ndarray
    act_matrix: np.ndarray
    act_texts: pd.Index


def _factorize_text(column: pd.Series, factorized=None) -> tuple[np.ndarray, pd.Index]:
    """Codes of the distinct texts of ``column``, texts that differ only in white space taken as one."""
    codes, texts = factorized if factorized is not None else pd.factorize(column)
    spaced, uniq = pd.factorize(pd.Index([" ".join(t.split()) for t in texts]))
    return spaced[codes], pd.Index(uniq)


def _tags(f: _Frame) -> _Tags:
    """Each distinct text is tagged once; an action carries its own topics and its recommendation's."""
    rec_codes, rec_texts = _factorize_text(f.df["recommendation"], (f.rec_code, f.rec_texts))
    act_codes, act_texts = _factorize_text(f.df["action"])
    rec_m, act_m = tag_matrix(list(rec_texts)), tag_matrix(list(act_texts))
    return _Tags(rec_m[rec_codes] | act_m[act_codes], rec_codes, rec_m, rec_texts, act_codes, act_m, act_texts)


def topics(f: _Frame, tags: _Tags) -> pd.DataFrame:
    labels = [t.label for t in load_topics()]
    k = len(f.authorities)
    pairs = pd.DataFrame({"a": f.auth_code, "r": tags.rec_codes}).drop_duplicates()
    pairs = pairs[np.asarray(tags.rec_texts, dtype=object)[pairs["r"].to_numpy()] != ""]
    frames = []
    for j, label in enumerate(labels):
        frames.append(pd.DataFrame({
            "authority": list(f.authorities), "topic": label,
            "actions": _count(f.auth_code, k, tags.matrix[:, j]),
            "recommendations": _count(pairs["a"].to_numpy(), k, tags.rec_matrix[pairs["r"].to_numpy(), j]),
        }))
    out = pd.concat(frames, ignore_index=True)
    return out[out["actions"] > 0].reset_index(drop=True)


def _cut(text: str, n: int = 300) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def topic_rows(f: _Frame, tags: _Tags, cap: int) -> pd.DataFrame:
    """Up to ``cap`` distinct actions per authority and topic, with the words that tagged them."""
    cols = ["topic", "authority", "plan", "recommendation_ref", "recommendation", "action_ref", "action", "matched"]
    topic_list = load_topics()
    first = pd.DataFrame({"a": f.auth_code, "r": tags.rec_codes, "c": tags.act_codes}).drop_duplicates()
    idx = first.index.to_numpy()  # the first row of each distinct action of each authority
    # the columns shown, of those rows only, as arrays once (not per topic)
    shown = ("recommendation_ref", "recommendation", "action_ref", "action")
    sub = f.df[list(shown) + ["plan_title", "source_file"]].iloc[idx]
    col = {c: sub[c].to_numpy(dtype=object) for c in shown}
    title, source = sub["plan_title"].to_numpy(dtype=object), sub["source_file"].to_numpy(dtype=object)
    col["plan"] = np.where(title != "", title, source)
    col["authority"] = f.authority.iloc[idx].to_numpy(dtype=object)
    auth, sub_matrix = f.auth_code[idx], tags.matrix[idx]
    frames = []
    for j, topic in enumerate(topic_list):
        hit = np.flatnonzero(sub_matrix[:, j])
        if not len(hit):
            continue
        keep = hit[pd.Series(auth[hit]).groupby(auth[hit]).cumcount().to_numpy() < cap]
        rec, act = col["recommendation"][keep], col["action"][keep]
        matched = []
        for r, a in zip(rec, act):
            words = [m.group(0) for m in (topic.pattern.search(r), topic.pattern.search(a)) if m]
            matched.append("; ".join(dict.fromkeys(words)))
        frames.append(pd.DataFrame({
            "topic": topic.label, "authority": col["authority"][keep], "plan": col["plan"][keep],
            "recommendation_ref": col["recommendation_ref"][keep], "recommendation": [_cut(t) for t in rec],
            "action_ref": col["action_ref"][keep], "action": [_cut(t) for t in act], "matched": matched}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)


def clusters(f: _Frame, tags: _Tags, max_texts: int) -> pd.DataFrame:
    """Groups of alike recommendations and actions that no topic matched, most widespread first.
    The ``max_texts`` untagged texts found in most authorities are clustered."""
    cols = ["cluster", "words", "texts", "authorities", "actions", "authority_names", "examples"]
    parts = []
    for kind, codes, matrix, texts in (("recommendation", tags.rec_codes, tags.rec_matrix, tags.rec_texts),
                                       ("action", tags.act_codes, tags.act_matrix, tags.act_texts)):
        untagged = ~matrix.any(axis=1) & (np.asarray([len(t) for t in texts]) > 0)
        rows = untagged[codes]
        if not rows.any():
            continue
        g = pd.DataFrame({"code": codes[rows], "a": f.auth_code[rows]})
        stats = g.groupby("code").agg(authorities=("a", "nunique"), actions=("a", "size"))
        stats["kind"], stats["text"] = kind, texts[stats.index.to_numpy()]
        stats["auths"] = g.drop_duplicates().groupby("code")["a"].agg(list)
        parts.append(stats.reset_index(drop=True))
    if not parts:
        return pd.DataFrame(columns=cols)
    cand = pd.concat(parts, ignore_index=True).sort_values(["authorities", "actions"], ascending=False)
    cand = cand.head(max_texts).reset_index(drop=True)
    found = clustering.cluster(list(cand["text"]))
    cand["cluster"] = found.labels
    out = []
    for c, members in cand[cand["cluster"] >= 0].groupby("cluster"):
        auths = sorted({a for lst in members["auths"] for a in lst})
        names = [f.authorities[a] for a in auths]
        named = sum(1 for name in names if name != NO_AUTHORITY)  # "(authority not named)" is not an authority
        out.append({"cluster": int(c) + 1, "words": found.names[c], "texts": len(members), "authorities": named,
                    "actions": int(members["actions"].sum()),
                    "authority_names": "; ".join(names[:8]) + (f"; … {len(names) - 8} more" if len(names) > 8 else ""),
                    "examples": " | ".join(_cut(t, 160) for t in members["text"].head(3))})
    if not out:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(out, columns=cols).sort_values(["authorities", "texts"], ascending=False, ignore_index=True)


def _warning_kind(text: str) -> str:
    return " ".join(_WARNING_DETAIL.sub("…", text).split())


def data_quality(f: _Frame) -> pd.DataFrame:
    out = _plan_columns(f)[["authority", "plan_title", "source_file"]]
    df = f.df
    actions = _count(f.plan_id, f.n_plans)
    out["actions"] = actions
    out["with warnings"] = _count(f.plan_id, f.n_plans, (df["warnings"] != "").to_numpy())
    out["with warnings %"] = _share(out["with warnings"].to_numpy(), actions)
    for label, missing in (("no owner", f.owner_text == ""), ("no due date", f.due.isna()), ("no RAG", f.rag == ""),
                           ("no recommendation", df["recommendation"] == ""), ("no action ref", df["action_ref"] == "")):
        out[label] = _count(f.plan_id, f.n_plans, missing.to_numpy())
    w_code, w_texts = pd.factorize(df["warnings"])
    w = pd.DataFrame({"p": f.plan_id, "c": w_code}).groupby(["p", "c"], sort=False).size().rename("n").reset_index()
    w["w"] = np.asarray(w_texts, dtype=object)[w.pop("c").to_numpy()]
    w = w[w["w"] != ""]
    w["w"] = w["w"].str.split(";")
    w = w.explode("w")
    w["w"] = w["w"].str.strip().map(_warning_kind)
    w = w[w["w"] != ""].groupby(["p", "w"], sort=False)["n"].sum().reset_index()
    w = w.sort_values(["p", "n"], ascending=[True, False]).groupby("p").head(3)
    top = w.assign(t=w["w"] + " (" + w["n"].astype(str) + ")").groupby("p")["t"].agg("; ".join)
    out["commonest warnings"] = pd.Series(top).reindex(range(f.n_plans), fill_value="").to_numpy()
    return out


def action_topics(f: _Frame, tags: _Tags) -> pd.DataFrame:
    """One row per action: where it is, its topics, whether overdue and by how many months."""
    labels = np.array([t.label for t in load_topics()], dtype=object)
    bits = tags.matrix.astype(np.int64) @ (np.int64(1) << np.arange(len(labels), dtype=np.int64))
    combos, inverse = np.unique(bits, return_inverse=True)  # each set of topics is named once
    names = np.array(["; ".join(labels[(c >> np.arange(len(labels))) & 1 == 1]) for c in combos], dtype=object)
    df = f.df
    out = df[["source_file", "source_table", "source_row", "recommendation_ref", "action_ref", "due_end"]].copy()
    out.insert(0, "authority", f.authority)
    out["rag"] = f.rag
    out["topics"] = names[inverse.ravel()]
    out["overdue"] = f.overdue
    out["months_late"] = np.where(f.overdue, np.round(f.months_late, 1), np.nan)
    return out


def _with_duplicates(view: pd.DataFrame, dups: pd.DataFrame) -> pd.DataFrame:
    """The overview with, per plan counted, the other files that hold it ("same plan also in")."""
    also = {}
    for a, counted, dup in dups[["authority", "counted", "duplicate"]].itertuples(index=False):
        also.setdefault((a or NO_AUTHORITY, counted), []).append(dup)
    view["same plan also in"] = ["; ".join(also.get((a, s), ())) for a, s in zip(view["authority"], view["source_file"])]
    return view


def build(inputs: Inputs, as_of: dt.date, row_cap: int = 5, cluster_texts: int = 2000,
          keep_duplicates: bool = False) -> Comparison:
    """Every view of ``inputs`` as of ``as_of``. The same plan given in several files (its DOCX
    and its PDF ...) is counted once, the other files listed in ``duplicates`` and in the
    overview's "same plan also in", unless ``keep_duplicates``."""
    if keep_duplicates:
        keep, dups = None, find_duplicates(inputs.actions.iloc[:0])[1]
    else:
        keep, dups = find_duplicates(inputs.actions)
    if keep is not None and not keep.all():
        inputs = replace(inputs, actions=inputs.actions[keep].reset_index(drop=True))
    dups["authority"] = dups["authority"].where(dups["authority"] != "", NO_AUTHORITY)
    f = _Frame(inputs, as_of)
    tags = _tags(f)
    owner_view = owners(f, inputs)
    return Comparison(
        as_of=as_of, overview=_with_duplicates(overview(f), dups), rag_by_authority=rag_by_authority(f),
        overdue_by_authority=overdue_by_authority(f), due_by_quarter=due_by_quarter(f), owners=owner_view,
        roles=roles(owner_view), topics=topics(f, tags), topic_rows=topic_rows(f, tags, row_cap),
        clusters=clusters(f, tags, cluster_texts), data_quality=data_quality(f), failed=inputs.failed,
        duplicates=dups, action_topics=action_topics(f, tags),
    )
