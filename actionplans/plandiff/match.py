"""Which action of the old version is which action of the new one.

One global one-to-one assignment over the old x new pairs. A pair scores its text similarity
(0..1) plus ``ref_bonus`` when both carry the same reference, and gains ``score - text_min``:
a pair is kept only with a positive gain, and the assignment maximises the total gain. So
text alone matches at ``text_min`` (0.75), the same reference with loosely similar text at
``text_min - ref_bonus`` (0.5); an action reworded under its number is the same action, an
action renumbered with its words kept is the same action, a number reused for quite different
words is one action removed and another added, and one good pair beats two poor ones.

Plans of the size councils write (up to ``ALL_PAIRS_MAX`` pairs, 500 x 500 actions) score
every pair and solve one dense assignment (scipy's linear_sum_assignment). Larger versions
score candidates only (:func:`match_candidates`): pairs under the same reference, pairs with
the same words, and for each action the ``CANDIDATES`` most similar actions of the other
version among those sharing one of its rarer words (rapidfuzz ``process.extract`` with the
cut-off no acceptable pair falls under); the assignment is solved over those pairs alone
(scipy's sparse LAPJVsp), so time and memory grow with the actions, not with their square.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import Action

#: how a pair was matched: same reference and similar text; same reference only; text only
HOW = ("ref+text", "ref", "text")
#: old x new pairs up to which every pair is scored (above: candidates only)
ALL_PAIRS_MAX = 250_000
#: the most similar actions of the other version each action keeps as candidates
CANDIDATES = 8
#: a word shared by more texts than this is not looked up for candidates (it says little)
POSTINGS_MAX = 2_000
#: texts the rarer words of one text may bring in as candidates (past its two rarest words)
PREFIX_TEXTS = 400
#: copies of two texts paired all with all up to this many pairs (above: each with its nearest)
EXPAND_MAX = 4_096


@dataclass(frozen=True)
class MatchSettings:
    """Named tolerances of the matcher (similarities are 0..1)."""

    text_min: float = 0.75  # text alone matches at this similarity (distinct actions of one plan score ~0.4-0.7)
    ref_bonus: float = 0.25  # the same reference adds this to a pair's score
    # breaks ties (duplicate texts) in favour of pairs at the same place in the plan: the squared
    # distance of their places (a straight distance ties two crossed pairs with two parallel ones)
    order_weight: float = 0.001


@dataclass(frozen=True)
class Match:
    """One old action paired with one new action (indices into the versions' actions)."""

    old: int
    new: int
    how: str  # one of HOW
    confidence: float  # text similarity of the pair, 0..1


_REF_EDGE = re.compile(r"^[\s(\[]+|[\s.:)\]]+$")


def ref_key(value: str) -> str:
    """A reference as compared: case, spaces and surrounding brackets or stops ignored ("(ii)." -> "ii")."""
    return re.sub(r"\s+", "", _REF_EDGE.sub("", value or "")).casefold()


def same_ref(a: Action, b: Action) -> bool:
    """Both actions carry the same action reference under the same recommendation (a side that
    shows no recommendation number does not count against it). Blank references never match."""
    ref_a, ref_b = ref_key(a.action_ref), ref_key(b.action_ref)
    if not ref_a or ref_a != ref_b:
        return False
    rec_a, rec_b = ref_key(a.recommendation_ref), ref_key(b.recommendation_ref)
    return not rec_a or not rec_b or rec_a == rec_b


def same_ref_matrix(old: Sequence[Action], new: Sequence[Action]):
    """:func:`same_ref` for every old x new pair, as a boolean matrix."""
    import numpy as np

    def keys(actions):
        return (np.array([ref_key(a.action_ref) for a in actions], dtype=object)[:, None],
                np.array([ref_key(a.recommendation_ref) for a in actions], dtype=object)[:, None])

    (ref_a, rec_a), (ref_b, rec_b) = keys(old), keys(new)
    ref_b, rec_b = ref_b.T, rec_b.T
    return (ref_a == ref_b) & (ref_a != "") & ((rec_a == "") | (rec_b == "") | (rec_a == rec_b))


def similarity_matrix(old: Sequence[str], new: Sequence[str], need=None, text_min: Optional[float] = None):
    """Text similarity of old x new pairs, 0..1: the mean of rapidfuzz's token-sort and
    token-set ratios on lower-cased words (word order and added words cost less than new words).

    With ``text_min``, the token-set ratio (the slow half) is worked out only for pairs whose
    token-sort ratio lets them reach ``text_min`` (it takes >= 2 * text_min - 1, as the other
    half is at most 1) and for the pairs ``need`` marks; the others get their token-sort ratio,
    which keeps them below ``text_min``.
    """
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    if not old or not new:
        return np.zeros((len(old), len(new)))
    words_old = [utils.default_process(t) for t in old]
    words_new = [utils.default_process(t) for t in new]
    # token-sort ratio = plain ratio of the sorted words, worked out once per text
    sort = process.cdist([" ".join(sorted(w.split())) for w in words_old],
                         [" ".join(sorted(w.split())) for w in words_new], scorer=fuzz.ratio).astype(float) / 100
    full = np.ones_like(sort, dtype=bool) if text_min is None else sort >= 2 * text_min - 1 - 1e-9
    if need is not None:
        full |= need
    tset = sort.copy()
    for i, j in zip(*np.nonzero(full)):
        tset[i, j] = fuzz.token_set_ratio(words_old[i], words_new[j], processor=None) / 100
    return (sort + tset) / 2


def match_actions(old: Sequence[Action], new: Sequence[Action],
                  settings: MatchSettings = MatchSettings()) -> list[Match]:
    """Pairs of (old, new) that are the same action, one-to-one, in new-plan order."""
    if not old or not new:
        return []
    if len(old) * len(new) <= ALL_PAIRS_MAX:
        return match_all_pairs(old, new, settings)
    return match_candidates(old, new, settings)


def match_all_pairs(old: Sequence[Action], new: Sequence[Action],
                    settings: MatchSettings = MatchSettings()) -> list[Match]:
    """:func:`match_actions` scoring every old x new pair (one dense assignment)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not old or not new:
        return []
    refs = same_ref_matrix(old, new)
    sim = similarity_matrix([a.action for a in old], [a.action for a in new], need=refs, text_min=settings.text_min)
    # relative place in each plan: among equal texts, the pair at the same place wins
    place_old = np.arange(len(old))[:, None] / max(len(old) - 1, 1)
    place_new = np.arange(len(new))[None, :] / max(len(new) - 1, 1)
    gain = sim + settings.ref_bonus * refs - settings.text_min
    acceptable = gain >= -1e-9
    # a pair not worth matching gains 0, as leaving both unmatched does
    tiebreak = settings.order_weight * (1 - (place_old - place_new) ** 2) + 1e-9
    rows, cols = linear_sum_assignment(np.where(acceptable, gain + tiebreak, 0.0), maximize=True)
    out = []
    for i, j in zip(rows, cols):
        if not acceptable[i, j]:
            continue
        s = float(sim[i, j])
        how = ("ref+text" if s >= settings.text_min else "ref") if refs[i, j] else "text"
        out.append(Match(int(i), int(j), how, round(s, 2)))
    return sorted(out, key=lambda m: m.new)


def _prefix_words(texts: list[str], df: dict[str, int]) -> list[list[str]]:
    """Each text's rarer words, rarest first: up to half its words, and past the first two only
    while the texts holding them stay under ``PREFIX_TEXTS``. Two texts alike enough to match
    share most words, so they share one of these; a common word brings in texts that share
    little else."""
    out = []
    for text in texts:
        words = sorted(set(text.split()), key=lambda w: (df[w], w))
        keep, seen = [], 0
        for w in words[: 1 + len(words) // 2]:
            if len(keep) >= 2 and seen + df[w] > PREFIX_TEXTS:
                break
            keep.append(w)
            seen += df[w]
        out.append(keep)
    return out


def candidate_pairs(words_old: list[str], words_new: list[str], k: int = CANDIDATES,
                    cutoff: float = 0.5) -> set[tuple[int, int]]:
    """Old x new pairs worth scoring by text: the same words (in any order), and for each text
    the ``k`` texts of the other side with the highest token-sort ratio (at least ``cutoff``)
    among those sharing one of its rarer words. ``words_*`` are rapidfuzz-processed texts.

    Texts written alike are looked at once (a boilerplate "Ongoing" met 300 times is one text);
    their pairs are then every member pair, or where that would be too many (over
    ``EXPAND_MAX``), each member with the ``k`` members of the other text nearest its place."""
    distinct_old, members_old = _distinct(words_old)
    distinct_new, members_new = _distinct(words_new)
    pairs: set[tuple[int, int]] = set()
    for a, b in _text_pairs(distinct_old, distinct_new, k, cutoff):
        olds, news = members_old[a], members_new[b]
        if len(olds) * len(news) <= EXPAND_MAX:
            pairs.update((i, j) for i in olds for j in news)
            continue
        pairs.update((i, j) for i in olds for j in _nearest(i / max(len(words_old) - 1, 1), news,
                                                           max(len(words_new) - 1, 1), k))
        pairs.update((i, j) for j in news for i in _nearest(j / max(len(words_new) - 1, 1), olds,
                                                           max(len(words_old) - 1, 1), k))
    return pairs


def _distinct(texts: list[str]) -> tuple[list[str], list[list[int]]]:
    """The distinct texts, in order of first appearance, and the indices of each one's copies."""
    index: dict[str, int] = {}
    members: list[list[int]] = []
    for i, text in enumerate(texts):
        n = index.setdefault(text, len(members))
        if n == len(members):
            members.append([])
        members[n].append(i)
    return list(index), members


def _nearest(place: float, indices: list[int], span: int, k: int) -> list[int]:
    """The ``k`` of ``indices`` (ascending) whose relative place (index / span) is nearest ``place``."""
    from bisect import bisect_left

    at = bisect_left(indices, place * span)
    lo, hi = max(0, at - k), min(len(indices), at + k)
    return sorted(indices[lo:hi], key=lambda x: abs(x / span - place))[:k]


def _text_pairs(words_old: list[str], words_new: list[str], k: int, cutoff: float) -> set[tuple[int, int]]:
    """:func:`candidate_pairs` over distinct texts."""
    from rapidfuzz import fuzz, process

    sorted_old = [" ".join(sorted(w.split())) for w in words_old]
    sorted_new = [" ".join(sorted(w.split())) for w in words_new]
    pairs: set[tuple[int, int]] = set()
    same: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(sorted_new):
        if text:
            same[text].append(j)
    for i, text in enumerate(sorted_old):
        for j in same.get(text, ()) if text else ():
            pairs.add((i, j))
    df: dict[str, int] = defaultdict(int)
    for text in words_old + words_new:
        for w in set(text.split()):
            df[w] += 1
    prefix_old, prefix_new = _prefix_words(words_old, df), _prefix_words(words_new, df)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, words in enumerate(prefix_new):
        for w in words:
            postings[w].append(j)
    near_old: list[set[int]] = []
    for words in prefix_old:
        near: set[int] = set()
        for w in words:
            found = postings.get(w, ())
            if len(found) <= POSTINGS_MAX:
                near.update(found)
        near_old.append(near)
    near_new: list[list[int]] = [[] for _ in words_new]
    for i, near in enumerate(near_old):
        for j in near:
            near_new[j].append(i)
    score_cutoff = cutoff * 100 - 1e-6

    def best(query: str, indices, choices: list[str]) -> list[int]:
        indices = sorted(indices)
        found = process.extract(query, [choices[x] for x in indices], scorer=fuzz.ratio, limit=k,
                                score_cutoff=score_cutoff)
        return [indices[pos] for _, _, pos in found]

    for i, near in enumerate(near_old):
        if near:
            pairs.update((i, j) for j in best(sorted_old[i], near, sorted_new))
    for j, near in enumerate(near_new):
        if near:
            pairs.update((i, j) for i in best(sorted_new[j], near, sorted_old))
    return pairs


def _ref_pairs(old: Sequence[Action], new: Sequence[Action]) -> set[tuple[int, int]]:
    """Every (old, new) pair :func:`same_ref` holds for, found through the references."""
    by_ref: dict[str, list[int]] = defaultdict(list)
    for j, b in enumerate(new):
        key = ref_key(b.action_ref)
        if key:
            by_ref[key].append(j)
    pairs = set()
    for i, a in enumerate(old):
        for j in by_ref.get(ref_key(a.action_ref), ()) if a.action_ref else ():
            if same_ref(a, new[j]):
                pairs.add((i, j))
    return pairs


def match_candidates(old: Sequence[Action], new: Sequence[Action],
                     settings: MatchSettings = MatchSettings()) -> list[Match]:
    """:func:`match_actions` over candidate pairs only (see the module's note): scored as
    :func:`similarity_matrix` scores them, gains and ties as in :func:`match_all_pairs`, one
    sparse assignment in which every old action may also stay unmatched (gain 0)."""
    import numpy as np
    from rapidfuzz import fuzz, utils
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    if not old or not new:
        return []
    words_old = [utils.default_process(a.action) for a in old]
    words_new = [utils.default_process(a.action) for a in new]
    refs = _ref_pairs(old, new)
    pairs = sorted(candidate_pairs(words_old, words_new, cutoff=2 * settings.text_min - 1) | refs)
    n, m = len(old), len(new)
    span_old, span_new = max(n - 1, 1), max(m - 1, 1)
    rows, cols, weights, scored = [], [], [], {}
    sorts: dict[tuple[str, str], float] = {}
    tsets: dict[tuple[str, str], float] = {}
    for i, j in pairs:
        texts = (words_old[i], words_new[j])
        sort = sorts.get(texts)
        if sort is None:
            a, b = " ".join(sorted(texts[0].split())), " ".join(sorted(texts[1].split()))
            sort = sorts[texts] = float(np.float32(fuzz.ratio(a, b))) / 100  # as process.cdist gives it
        ref = (i, j) in refs
        if ref or sort >= 2 * settings.text_min - 1 - 1e-9:
            tset = tsets.get(texts)
            if tset is None:
                tset = tsets[texts] = fuzz.token_set_ratio(texts[0], texts[1], processor=None) / 100
        else:
            tset = sort
        sim = (sort + tset) / 2
        gain = sim + settings.ref_bonus * ref - settings.text_min
        if gain < -1e-9:
            continue
        tiebreak = settings.order_weight * (1 - (i / span_old - j / span_new) ** 2) + 1e-9
        rows.append(i)
        cols.append(j)
        weights.append(gain + tiebreak + 1.0)  # + 1 on every edge: weights must be non-zero
        scored[(i, j)] = (sim, ref)
    # every old action may stay unmatched: an edge to a column of its own, worth what leaving it is
    rows += range(n)
    cols += range(m, m + n)
    weights += [1.0] * n
    graph = coo_matrix((weights, (rows, cols)), shape=(n, m + n)).tocsr()
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph, maximize=True)
    out = []
    for i, j in zip(matched_rows.tolist(), matched_cols.tolist()):
        if j >= m:
            continue
        sim, ref = scored[(i, j)]
        how = ("ref+text" if sim >= settings.text_min else "ref") if ref else "text"
        out.append(Match(i, j, how, round(sim, 2)))
    return sorted(out, key=lambda x: x.new)
