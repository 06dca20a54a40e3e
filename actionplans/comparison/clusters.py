"""Group similar texts that no topic matched: TF-IDF word vectors, cosine similarity, and the
connected groups of texts at least ``min_similarity`` alike (numpy and scipy only)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

_WORD = re.compile(r"[a-z][a-z'-]{2,}")


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    text = resources.files("actionplans.comparison").joinpath("data", "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_SUFFIXES = ("ments", "ment", "ings", "ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude English stem, enough to take 'refurbished', 'refurbishment' and 'refurbish' as one word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    stop = stopwords()
    out = []
    for w in _WORD.findall(text.lower()):
        w = w.strip("'-")
        if w and w not in stop:
            out.append(stem(w))
    return out


@dataclass(frozen=True)
class Clusters:
    labels: np.ndarray  # cluster number of each text; -1: alike no other text
    names: tuple[str, ...]  # per cluster number: its three most telling words


def tfidf(texts: Sequence[str], max_df: float = 0.25):
    """Rows of L2-normalised TF-IDF weights (scipy CSR) and the vocabulary. Words in fewer than two
    texts tell nothing apart and are left out, and so, among 20 texts or more, are words in more
    than ``max_df`` of them."""
    from scipy.sparse import csr_matrix

    tokenised = [words(t) for t in texts]
    df: dict[str, int] = {}
    for toks in tokenised:
        for w in set(toks):
            df[w] = df.get(w, 0) + 1
    n = len(texts)
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= 2 and (n < 20 or c <= max_df * n)))}
    rows, cols, vals = [], [], []
    for r, toks in enumerate(tokenised):
        counts: dict[int, int] = {}
        for w in toks:
            j = vocab.get(w)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(r)
            cols.append(j)
            vals.append((1 + math.log(c)))
    names = sorted(vocab, key=vocab.get)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in names])
    x = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=float)
    x = x.multiply(idf).tocsr() if len(vocab) else x
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    from scipy.sparse import diags

    return diags(1 / norms) @ x, names


def cluster(texts: Sequence[str], min_similarity: float = 0.5) -> Clusters:
    """Connected groups of texts whose TF-IDF cosine similarity is at least ``min_similarity``."""
    from scipy.sparse.csgraph import connected_components

    if len(texts) < 2:
        return Clusters(np.full(len(texts), -1), ())
    x, vocab = tfidf(texts)
    if x.shape[1] == 0:
        return Clusters(np.full(len(texts), -1), ())
    sim = (x @ x.T).tocsr()
    sim.data[sim.data < min_similarity] = 0
    sim.eliminate_zeros()
    _, comp = connected_components(sim, directed=False)
    sizes = np.bincount(comp)
    labels = np.full(len(texts), -1)
    names = []
    for c in np.flatnonzero(sizes >= 2):
        members = np.flatnonzero(comp == c)
        labels[members] = len(names)
        weight = np.asarray(x[members].sum(axis=0)).ravel()
        top = [vocab[j] for j in np.argsort(-weight)[:3] if weight[j] > 0]
        names.append(", ".join(top))
    return Clusters(labels, tuple(names))
