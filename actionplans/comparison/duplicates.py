"""The same plan given more than once (a DOCX and its PDF, an HTML export, a text copy): counted once.

Two plans are readings of one plan when they name the same authority (or both none), their plan
dates agree (the same, or one not found), and their rows are near-identical: at least
:data:`NEAR` of the rows of the bigger one have a row in the other with the same due date, a RAG
that agrees (the same, or one blank), and the same action in other words at most lightly (word
overlap :data:`NEAR`; a PDF's broken lines or a text export's lost bullet do not count). The title
is not compared: one format may lose it (a text export titled by its first line). Of each group
the fullest reading is counted (most rows, then most filled cells, then the first given); the
others are listed with it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: the share of rows two readings of one plan must have alike, and of words two alike rows must share
NEAR = 0.8
_WORD = re.compile(r"\w+")

#: columns of the duplicates view
COLUMNS = ["authority", "plan_title", "plan_date", "counted", "duplicate", "counted actions", "duplicate actions",
           "rows alike %"]


@dataclass(frozen=True)
class _Plan:
    index: int
    authority: str
    date: str
    title: str
    source: str
    rows: np.ndarray  # the frame's row positions
    keys: Counter  # (text code, due, rag) -> how many rows
    filled: int


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _alike_rows(p: _Plan, q: _Plan, words: list[frozenset], need: int, seen: dict) -> int:
    """How many rows of ``q`` have an alike row in ``p`` (each used once); stops at a count that
    cannot reach ``need``."""
    same = p.keys & q.keys
    alike = sum(same.values())
    left_p, left_q = p.keys - same, q.keys - same
    most = alike + min(sum(left_p.values()), sum(left_q.values()))
    if most < need:
        return most
    pool: dict[str, list[list]] = {}  # due -> [text code, rag, count] of p's rows not matched yet
    for (text, due, rag), n in left_p.items():
        pool.setdefault(due, []).append([text, rag, n])
    missed, allowed = 0, most - need
    for (text, due, rag), n in left_q.items():
        for _ in range(n):
            best, best_score = None, NEAR
            for cand in pool.get(due, ()):
                if cand[2] and (cand[1] == rag or not cand[1] or not rag):
                    pair = (cand[0], text) if cand[0] < text else (text, cand[0])
                    score = seen.get(pair)
                    if score is None:
                        score = seen[pair] = 1.0 if cand[0] == text else _jaccard(words[cand[0]], words[text])
                    if score >= best_score:
                        best, best_score = cand, score
            if best is None:
                missed += 1
                if missed > allowed:
                    return alike
            else:
                best[2] -= 1
                alike += 1
    return alike


def find_duplicates(df: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Which rows of the actions frame ``df`` to count (a mask) and the plans left out as readings
    of a plan counted (the duplicates view, one row per file left out). A plan is a file of an
    authority, as in the views."""
    n = len(df)
    if not n:
        return np.ones(0, dtype=bool), pd.DataFrame(columns=COLUMNS)
    authority = df["authority"].to_numpy(dtype=object)
    source = df["source_file"].to_numpy(dtype=object)
    a_code, _ = pd.factorize(df["authority"])
    s_code, sources = pd.factorize(df["source_file"])
    plan_code, plan_keys = pd.factorize(a_code.astype(np.int64) * max(len(sources), 1) + s_code)
    if len(plan_keys) < 2:
        return np.ones(n, dtype=bool), pd.DataFrame(columns=COLUMNS)
    text_code, texts = pd.factorize(df["action"])
    words = [frozenset(_WORD.findall(t.casefold())) for t in texts]  # each distinct text once
    norm_code, _ = pd.factorize(pd.Index([" ".join(sorted(w)) for w in words]))
    text_code = norm_code[text_code]  # texts with the same words are one
    words_of = [frozenset()] * (int(text_code.max()) + 1)
    for raw, code in enumerate(norm_code):
        words_of[code] = words[raw]
    due, rag = df["due_end"].to_numpy(dtype=object), df["rag"].to_numpy(dtype=object)
    owner = (df["owners"] != "") | (df["owner_raw"] != "")
    filled = (owner.astype(int) + (df["due_end"] != "") + (df["rag"] != "") + (df["recommendation"] != "")
              + (df["action_ref"] != "")).to_numpy()
    order = np.argsort(plan_code, kind="stable")
    bounds = np.flatnonzero(np.diff(plan_code[order])) + 1
    plans = []
    for k, rows in enumerate(np.split(order, bounds)):
        first = rows[0]
        keys = Counter(zip(text_code[rows].tolist(), due[rows].tolist(), rag[rows].tolist()))
        plans.append(_Plan(k, authority[first], df["plan_date"].iat[first], df["plan_title"].iat[first],
                           source[first], rows, keys, int(filled[rows].sum())))
    parent = list(range(len(plans)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    alike_share: dict[tuple[int, int], float] = {}
    similarity: dict[tuple[int, int], float] = {}  # word overlap of two texts, each pair once
    by_authority: dict[str, list[_Plan]] = {}
    for p in plans:
        by_authority.setdefault(p.authority, []).append(p)
    for group in by_authority.values():
        for i, p in enumerate(group):
            for q in group[i + 1:]:
                if p.date and q.date and p.date != q.date:
                    continue
                big, small = (p, q) if len(p.rows) >= len(q.rows) else (q, p)
                need = int(np.ceil(NEAR * len(big.rows)))
                if len(small.rows) < need:
                    continue
                alike = _alike_rows(big, small, words_of, need, similarity)
                if alike >= need:
                    parent[root(q.index)] = root(p.index)
                    alike_share[(p.index, q.index)] = alike_share[(q.index, p.index)] = alike / len(big.rows)
    groups: dict[int, list[_Plan]] = {}
    for p in plans:
        groups.setdefault(root(p.index), []).append(p)
    keep = np.ones(n, dtype=bool)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        counted = max(members, key=lambda p: (len(p.rows), p.filled, -p.index))
        for p in members:
            if p is counted:
                continue
            keep[p.rows] = False
            share = alike_share.get((counted.index, p.index))
            out.append({"authority": counted.authority, "plan_title": counted.title, "plan_date": counted.date,
                        "counted": counted.source, "duplicate": p.source, "counted actions": len(counted.rows),
                        "duplicate actions": len(p.rows),
                        "rows alike %": round(100 * share, 1) if share is not None else np.nan})
    return keep, pd.DataFrame(out, columns=COLUMNS)
