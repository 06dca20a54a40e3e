"""Tag recommendations and actions with children's-services topics (the taxonomy in data/topics.json)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from .patterns import compile_phrases, load_data


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    pattern: re.Pattern


@lru_cache(maxsize=None)
def load_topics() -> tuple[Topic, ...]:
    """The packaged taxonomy, in its order."""
    data = load_data("topics.json")
    return tuple(Topic(t["id"], t["label"], compile_phrases(t.get("phrases", []), t.get("acronyms", [])))
                 for t in data["topics"])


def tag(text: str, topics: Sequence[Topic] | None = None) -> tuple[str, ...]:
    """The labels of the topics ``text`` speaks of, in the taxonomy's order."""
    topics = load_topics() if topics is None else topics
    return tuple(t.label for t in topics if text and t.pattern.search(text))


def matched(text: str, topics: Sequence[Topic] | None = None) -> dict[str, str]:
    """For each topic found in ``text``: the words that made it (to show why a text was tagged)."""
    topics = load_topics() if topics is None else topics
    out = {}
    for t in topics:
        m = t.pattern.search(text or "")
        if m:
            out[t.label] = m.group(0)
    return out


def tag_matrix(texts: Sequence[str], topics: Sequence[Topic] | None = None) -> np.ndarray:
    """A boolean matrix, one row per text and one column per topic (each text searched once per topic)."""
    topics = load_topics() if topics is None else topics
    out = np.zeros((len(texts), len(topics)), dtype=bool)
    for j, t in enumerate(topics):
        search = t.pattern.search
        out[:, j] = [bool(text) and search(text) is not None for text in texts]
    return out
