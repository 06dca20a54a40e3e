"""Which action of the old version is which action of the new one.

One global one-to-one assignment (scipy's linear_sum_assignment) over every old x new pair.
A pair scores its text similarity (0..1) plus ``ref_bonus`` when both carry the same
reference, and gains ``score - text_min``: a pair is kept only with a positive gain, and
the assignment maximises the total gain. So text alone matches at ``text_min`` (0.75), the
same reference with loosely similar text at ``text_min - ref_bonus`` (0.5); an action
reworded under its number is the same action, an action renumbered with its words kept is
the same action, a number reused for quite different words is one action removed and
another added, and one good pair beats two poor ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import Action

#: how a pair was matched: same reference and similar text; same reference only; text only
HOW = ("ref+text", "ref", "text")


@dataclass(frozen=True)
class MatchSettings:
    """Named tolerances of the matcher (similarities are 0..1)."""

    text_min: float = 0.75  # text alone matches at this similarity (distinct actions of one plan score ~0.4-0.7)
    ref_bonus: float = 0.25  # the same reference adds this to a pair's score
    order_weight: float = 0.001  # breaks ties (duplicate texts) in favour of pairs at the same place in the plan


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
    tiebreak = settings.order_weight * (1 - np.abs(place_old - place_new)) + 1e-9
    rows, cols = linear_sum_assignment(np.where(acceptable, gain + tiebreak, 0.0), maximize=True)
    out = []
    for i, j in zip(rows, cols):
        if not acceptable[i, j]:
            continue
        s = float(sim[i, j])
        how = ("ref+text" if s >= settings.text_min else "ref") if refs[i, j] else "text"
        out.append(Match(int(i), int(j), how, round(s, 2)))
    return sorted(out, key=lambda m: m.new)

