"""Header rows and the mapping of each column to a field.

How many header rows a table has is decided by :mod:`actionplans.header_rows` (the one
detector, shared with the text readers); extract lends it the header words. Header rows spread over two or three rows are joined per column first ("References" over
"Action No."). Every column is then scored for every field from its header wording and
from what its cells hold (:mod:`evidence`), and the fields are assigned jointly: one column
per field, the assignment with the most evidence in total. A table with no column headed
as its actions reads its prose "Recommendation" column as the actions when that column has
one recommendation per row, or else the column whose prose reads as actions. A table with
actions but no recommendation column reads a column headed as outcomes ("Intended outcome")
as its recommendations when that column's cells span their actions and open with a verb or
stand left of the actions. The thresholds are fields of
:class:`~actionplans.extract.settings.ExtractSettings`, passed down as ``settings``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

import numpy as np

from actionplans.header_rows import count_header_rows
from actionplans.normalise.dates import date_spans, parse_due

from .assignment import linear_sum_assignment
from .evidence import FIELDS, ColumnEvidence, column_evidence, features, is_imperative
from .grid import Grid
from .labels import recommendation_ref
from .settings import DEFAULT, ExtractSettings
from .vocabulary import best_field, fields_in_order, outranked, words


@dataclass(frozen=True)
class ColumnMap:
    header_rows: int
    headers: tuple[str, ...]  # the joined header text of each column
    fields: tuple[str, ...]  # the field of each column ("other" when kept in extra)
    how: tuple[str, ...]  # "header", "content" or "" per column, for inspect
    evidence: tuple[ColumnEvidence, ...] = ()  # per column, for inspect
    notes: tuple[str, ...] = ()  # decisions worth a warning ("no column headed as the actions")

    def columns(self, field: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == field]

    def has(self, field: str) -> bool:
        return field in self.fields


def _names_a_field(text: str, settings: ExtractSettings = DEFAULT) -> bool:
    return best_field(text, settings) is not None


def detect_header_rows(grid: Grid, settings: ExtractSettings = DEFAULT) -> int:
    """The table's header rows: the reader's marks, or else :func:`actionplans.header_rows.count_header_rows`
    judging the first row by the header words of :mod:`.vocabulary`."""
    return count_header_rows(grid.table, is_field_name=lambda text: _names_a_field(text, settings))


def _joined_headers(grid: Grid, n_header: int) -> tuple[list[str], list[str]]:
    """(joined header text, the lowest header row's own text) per column."""
    joined, own = [], []
    for c in range(grid.n_cols):
        parts: list[str] = []
        for r in range(n_header):
            t = " ".join(grid.text(r, c).split())
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        joined.append(" ".join(parts))
        low = grid[n_header - 1][c] if n_header else None
        own.append(" ".join(low.text.split()) if low is not None and low.origin_row == n_header - 1 else "")
    return joined, own


#: between equally good progress or RAG columns the latest update wins (by ``latest_bonus``): the
#: latest date in the headers ("RAG Sept 20", "Status at 31/03/21"), else the rightmost
LATEST_WINS = ("progress", "rag")


def _review_date(header: str) -> Optional[str]:
    """The date a column's header carries, on either side of its words ("RAG Sept 20",
    "Progress rating (Jan 2013)"), as the ISO end of that date; None when it carries none or
    only a month without its year."""
    if not any(ch.isdigit() for ch in header):
        return None
    due = parse_due(header)
    return due.end or None


def _undated(header: str) -> str:
    """The header's words without its dates ("Position Dec 20" -> "position")."""
    for span in reversed(date_spans(header)):
        header = header[:span.start] + " " + header[span.end:]
    return " ".join(words(header))


def _review_order(evidence: list[ColumnEvidence]) -> list[int]:
    """Each column's place in time, for LATEST_WINS: its position; but progress and RAG columns
    whose headers carry dates, two or more, take the positions of the dated ones in the order
    of their dates, oldest first (reviews are added left to right or right to left)."""
    order = list(range(len(evidence)))
    dates = {}
    for c, ev in enumerate(evidence):
        named = any(dict(ev.header_scores).get(f, 0.0) > 0 for f in LATEST_WINS)
        if named or dict(ev.content_scores).get("rag", 0.0) >= 0.5:
            d = _review_date(ev.header)
            if d:
                dates[c] = d
    if len(dates) >= 2:
        for place, c in zip(sorted(dates), sorted(dates, key=lambda c: (dates[c], c))):
            order[c] = place
    return order


def _split_rag_headers(headers: list[str]) -> list[int]:
    """Columns headed by single RAG letters side by side (R | A | G), one RAG split in three."""
    cols = [i for i, h in enumerate(headers) if words(h) in (["r"], ["a"], ["g"], ["b"])]
    return cols if len(cols) >= 3 else []


def assign_fields(evidence: list[ColumnEvidence], settings: ExtractSettings = DEFAULT) -> list[Optional[str]]:
    """One field per column, one column per field, maximising the total evidence.

    A column whose header names no field ("Resources", "Monitored by") or whose best score
    stays under ``min_score`` is left unmapped (kept in ``extra``). Solved as an assignment
    problem over the columns x (fields + one "none" slot per column). Between columns whose
    cells alone say they hold the actions, the leftmost wins by ``earliest_bonus`` (plans write
    the action before its lead, date, progress and remarks): it breaks ties, it lifts no column
    over ``min_score``.
    """
    n = len(evidence)
    if n == 0:
        return []
    k = len(FIELDS)
    matrix: list[list[float]] = []  # the scores, built in Python and handed to numpy once
    order = _review_order(evidence)
    for c, ev in enumerate(evidence):
        # plans add progress and RAG columns left to right, newest last (or dated)
        row = [total + settings.latest_bonus * order[c] / n if f in LATEST_WINS else
               total + settings.earliest_bonus * (1 - c / n) if f == "action" and total >= settings.min_score
               and not dict(ev.header_scores).get(f) else total
               for f, total in zip(FIELDS, ev.totals(FIELDS))]
        row += [-1e6] * n
        row[k + c] = max(settings.min_score, ev.other)
        matrix.append(row)
    score = np.array(matrix, dtype=float)
    rows, cols = linear_sum_assignment(score, maximize=True)
    out: list[Optional[str]] = [None] * n
    for c, j in zip(rows, cols):
        if j < k:
            out[c] = FIELDS[j]
    for f in LATEST_WINS:  # of columns headed alike ("Progress (Sept)", "Progress (Nov)"), the latest is the field
        if f in out:
            c = out.index(f)
            named = dict(evidence[c].header_scores).get(f, 0.0)
            later = [k for k in range(n) if order[k] > order[c] and out[k] is None and named > 0
                     and dict(evidence[k].header_scores).get(f, 0.0) >= named]
            if order != list(range(n)):  # dated reviews: only a column worded alike but for its date
                later = [k for k in later if _undated(evidence[k].header) == _undated(evidence[c].header)]
            if later:
                out[c], out[max(later, key=order.__getitem__)] = None, f
    _latest_rag_review(evidence, order, out)
    if "owner_due" in out:  # that column gives lead and date: another only its cells call so gives neither
        for c, f in enumerate(out):
            if f in ("owner", "due") and dict(evidence[c].header_scores).get(f, 0.0) == 0.0:
                out[c] = None
    return out


def _latest_rag_review(evidence: list[ColumnEvidence], order: list[int], out: list[Optional[str]]) -> None:
    """Ratings given at each review, in columns worded alike but for their dates ("Position Jan 11",
    "Position April 11"), whose cells are RAG marks: the latest is the RAG, the others are its history
    (kept in extra), whatever field their words would name."""
    if "rag" not in out:
        return
    c = out.index("rag")
    alike = [k for k, ev in enumerate(evidence)
             if _review_date(ev.header) and dict(ev.content_scores).get("rag", 0.0) >= 0.5
             and _undated(ev.header) == _undated(evidence[c].header)]
    if c not in alike or len(alike) < 2:
        return
    latest = max(alike, key=order.__getitem__)
    if latest != c:
        out[c], out[latest] = None, "rag"


def map_columns(grid: Grid, n_header: Optional[int] = None, settings: ExtractSettings = DEFAULT) -> ColumnMap:
    if n_header is None:
        n_header = detect_header_rows(grid, settings)
    joined, own = _joined_headers(grid, n_header)
    body = range(n_header, grid.n_rows)
    evidence = [column_evidence(grid, joined[c], own[c], c, body, settings) for c in range(grid.n_cols)]
    evidence = _refs_under_shared_header(grid, n_header, evidence, settings)
    evidence = _outranked_headers(evidence)
    fields = assign_fields(evidence, settings)
    how = ["header" if f and dict(ev.header_scores).get(f if f != "owner_due" else "owner", 0) > 0 else
           ("content" if f else "") for f, ev in zip(fields, evidence)]
    split = _split_rag_headers(joined)
    for c in split:
        fields[c], how[c] = "rag", "header"
    notes: list[str] = []
    if "action" not in fields:
        _rescue_action_column(grid, body, joined, evidence, fields, how, notes, settings)
    if "action" in fields and "recommendation" not in fields:
        outcome = _recommendations_under_outcome_header(grid, body, fields, evidence, settings)
        if outcome is not None:
            fields[outcome], how[outcome] = "recommendation", "content"
            notes.append(f"column {outcome + 1} ({joined[outcome][:40]!r}) is headed as outcomes but holds "
                         f"recommendations, each over its actions: read as the recommendation")
    return ColumnMap(header_rows=n_header, headers=tuple(joined),
                     fields=tuple(f or "other" for f in fields), how=tuple(how),
                     evidence=tuple(evidence), notes=tuple(notes))


#: the field whose numbers a column of refs holds when it shares its header cell with that field's text
_REF_OF = {"recommendation": "recommendation_ref", "action": "action_ref"}


def _refs_under_shared_header(grid: Grid, n_header: int, evidence: list[ColumnEvidence],
                              settings: ExtractSettings = DEFAULT) -> list[ColumnEvidence]:
    """One header cell spanning several columns ("Area for improvement" over a narrow column of
    "3 (ii)" and the recommendation's text beside it): the column of refs under it numbers the
    field the header names, so its header is read as that field's ref (recommendation ->
    recommendation_ref, action -> action_ref); the text column keeps the header's field. A column
    holds the refs when ``shared_ref_share`` of its cells with text are refs, the text when at
    most ``shared_text_ref_share`` are."""
    if not n_header:
        return evidence
    out = list(evidence)
    for slot in grid.row_cells(n_header - 1):
        span = range(slot.origin_col, slot.origin_col + slot.cell.colspan)
        if len(span) < 2 or span.stop > len(evidence):
            continue
        scores = dict(evidence[span.start].header_scores)
        named = max(scores, key=scores.get, default=None)
        feats = {c: evidence[c].features for c in span if evidence[c].features is not None
                 and evidence[c].features.filled}
        refs = [c for c, f in feats.items() if f.ref >= settings.shared_ref_share]
        texts = [c for c, f in feats.items() if f.ref <= settings.shared_text_ref_share and f.sentences > 0]
        if not refs or not texts:
            continue
        if named in _REF_OF and any(dict(evidence[c].header_scores).get(named, 0.0) > scores[named]
                                    for c in range(len(evidence)) if c not in span):
            scores = {}  # another column names that field more directly: the header says too little here
        if not scores:
            # a header in words the vocabulary does not know: the text beside the refs is what they number,
            # the recommendation or the action, whichever its cells read as more, of the two that no other
            # column is headed as
            held = dict(evidence[texts[0]].content_scores)
            free = [f for f in _REF_OF if not any(dict(ev.header_scores).get(f) for ev in evidence)]
            named = max(free, key=lambda f: held.get(f, 0.0), default=None)
            if named is None or held.get(named, 0.0) <= 0:
                continue
            scores = {named: 1.0}
            out[texts[0]] = replace(evidence[texts[0]], header_scores=((named, 1.0),))
        if named not in _REF_OF:
            continue
        for c in refs:
            out[c] = replace(evidence[c], header_scores=((_REF_OF[named], scores[named]),))
    return out


def _outranked_headers(evidence: list[ColumnEvidence]) -> list[ColumnEvidence]:
    """Header readings relative to the table (:func:`vocabulary.outranked`): a column headed by a word
    only related to a field ("Key milestones") gives it up to one headed by its name ("Action")."""
    kept = outranked([dict(ev.header_scores) for ev in evidence])
    return [ev if k == dict(ev.header_scores) else
            replace(ev, header_scores=tuple(sorted(k.items(), key=lambda kv: -kv[1]))) for ev, k in zip(evidence, kept)]


#: a recommendation says what must happen: a command, or a subject with a modal ("X should…")
_MODAL = re.compile(r"\b(?:should|must|needs? to|is to|are to|ought to|will need to)\b", re.I)


def _worded_as_recommendation(text: str) -> bool:
    t = recommendation_ref(" ".join(text.split()))[1]
    return is_imperative(t) or bool(_MODAL.search(" ".join(t.split()[:15])))


def _share(grid: Grid, body: range, c: int, test) -> float:
    """The share of column ``c``'s own cells with text that pass ``test``."""
    texts = [grid[r][c].cell.text for r in body
             if grid[r][c].origin_row == r and grid[r][c].origin_col == c and grid[r][c].cell.text.strip()]
    return sum(1 for t in texts if test(t)) / len(texts) if texts else 0.0


def _rescue_action_column(grid: Grid, body: range, joined: list[str], evidence: list[ColumnEvidence],
                          fields: list[Optional[str]], how: list[str], notes: list[str],
                          settings: ExtractSettings = DEFAULT) -> None:
    """A table with no column assigned the actions: the column that holds them after all, in order
    of the evidence. First a column whose header names nothing and whose cells state things to be
    done (commands or noun phrases, :func:`evidence.is_action_phrase`); then a recommendation
    column with one recommendation per row, worded as recommendations are (the plan tracks each
    recommendation as its action, whether written "Ensure that…" or "Children's social care
    should…"); last a column headed as measures or progress whose cells read as actions. A prose
    column qualifies with a content score for actions of ``rescue_action`` and
    ``rescue_imperative`` of its cells stating something to be done."""
    n = len(fields)

    def rescue(c: int, how_found: str, note: str) -> None:
        fields[c], how[c] = "action", how_found
        notes.append(note)

    def reads_as_actions(c: int) -> Optional[float]:
        f, ev = evidence[c].features, evidence[c]
        score = dict(ev.content_scores).get("action", 0.0)
        if f is None or f.action_like < settings.rescue_imperative or ev.other > 0 or score < settings.rescue_action:
            return None
        return score

    unheaded = [(s, -c, c) for c in range(n) if fields[c] is None and not evidence[c].header_scores
                and (s := reads_as_actions(c)) is not None]
    if unheaded:
        c = max(unheaded)[2]
        rescue(c, "content", f"no column is headed as the actions; column {c + 1} ({joined[c][:40]!r}) holds "
                             f"prose that reads as actions")
        return
    ungrouped = [c for c in range(n) if fields[c] == "recommendation" and evidence[c].features is not None
                 and max(evidence[c].features.merged, evidence[c].features.sparse) < 0.2
                 and _share(grid, body, c, _worded_as_recommendation) >= settings.rescue_imperative]
    if ungrouped:
        rescue(ungrouped[0], how[ungrouped[0]], f"column {ungrouped[0] + 1} ({joined[ungrouped[0]][:40]!r}): "
                                                f"recommendations one per row, read as the actions")
        return
    scored = [(s, -c, c) for c in range(n) if fields[c] in (None, "measures", "progress")
              and (s := reads_as_actions(c)) is not None]
    if scored:
        c = max(scored)[2]
        rescue(c, "content", f"no column is headed as the actions; column {c + 1} ({joined[c][:40]!r}) holds "
                             f"prose that reads as actions")


def _recommendations_under_outcome_header(grid: Grid, body: range, fields: list[Optional[str]],
                                          evidence: list[ColumnEvidence],
                                          settings: ExtractSettings = DEFAULT) -> Optional[int]:
    """The column headed as the outcomes or measures ("Intended outcome") that holds the
    recommendations instead: its cells are grouped over the action rows (merged, or written
    once per group: the content score for recommendations) and open with a verb, after any
    numbered label ("Recommendation 1: Ensure that…", "Increase…"), as recommendations do
    and outcomes ("Children are seen…") do not; or, whatever their wording, stand left of the
    action column: a column grouping the action rows before them is their parent (the outcome
    the actions serve, "Timely reviews with the child's views at the centre"), where measures
    of success follow the actions they measure. The cells must score ``rescue_recommendation``
    for recommendations. None when no column does."""
    found = []
    first_action = min((c for c, f in enumerate(fields) if f == "action"), default=len(fields))
    for c, (f, ev) in enumerate(zip(fields, evidence)):
        score = dict(ev.content_scores).get("recommendation", 0.0)
        # headed as the measures: mapped so, or left over when another column took the measures
        # ("What good looks like" beside "Success indicators")
        headed = f == "measures" or (f is None and dict(ev.header_scores).get("measures", 0.0) > 0)
        if not headed or score < settings.rescue_recommendation:
            continue
        if c < first_action:
            found.append((score, c))
            continue
        texts = [grid[r][c].cell.text for r in body
                 if grid[r][c].origin_row == r and grid[r][c].origin_col == c and grid[r][c].cell.text.strip()]
        verbs = sum(1 for t in texts if is_imperative(recommendation_ref(" ".join(t.split()))[1]))
        if texts and verbs >= settings.rescue_imperative * len(texts):
            found.append((score, c))
    return max(found)[1] if found else None


def _trailing_empty(grid: Grid, settings: ExtractSettings = DEFAULT) -> int:
    """Columns at the right with (almost) nothing in them (text in at most ``stray_column_share``
    of the rows: converter debris, not a column); a cell's fill counts as content (a RAG column
    shown by colour alone)."""
    n = 0
    for c in range(grid.n_cols - 1, -1, -1):
        filled = sum(1 for r in range(grid.n_rows) if grid.text(r, c).strip() or grid[r][c].cell.fill)
        if filled > settings.stray_column_share * grid.n_rows:
            break
        n += 1
    return n


def fit_columns(header: ColumnMap, grid: Grid, reshape: bool = True,
                rows_repaired: bool = False, settings: ExtractSettings = DEFAULT) -> Optional[ColumnMap]:
    """The header of an earlier table laid over a headerless table that carries it on.

    A header as wide as the table is laid on as it is. Converters damage headers: a cell
    split in two leaves a column with no words of its own ("References" over "Action No."),
    or several headers run into one cell ("Measures Review note R A G"). Where the widths
    differ (or the header as it is does not fit the cells) and the grid was inferred
    (``reshape``), such columns are dropped or split until the header is as wide as the body.
    Whatever the fit, the cells must agree with it (:func:`refit_agrees`); None when no fit does.
    Where the rows were recovered from text and are repaired one by one after the fit
    (``rows_repaired``: cells the export shifted left are put back under their headers), the cells
    cannot agree before those repairs, so a header as wide as the table is still laid on when no
    other fit agrees.
    """
    as_wide = None
    if len(header.fields) == grid.n_cols:
        as_wide = ColumnMap(header_rows=0, headers=header.headers, fields=header.fields, how=header.how,
                            evidence=header.evidence)
        if refit_agrees(as_wide.fields, grid, settings):
            return as_wide
    if not reshape:  # exact structure: the header fits as it is or not at all
        return None
    fitted = _reshaped(header, grid, settings)
    if fitted is not None and refit_agrees(fitted.fields, grid, settings):
        return fitted
    return as_wide if rows_repaired else None


#: fields whose cells are not prose, with the feature their cells show instead
_SHORT_FIELDS = {"action_ref": "ref", "recommendation_ref": "ref", "due": "date", "start": "date", "rag": "rag"}


def refit_agrees(fields: tuple[str, ...], grid: Grid, settings: ExtractSettings = DEFAULT) -> bool:
    """Do a table's cells agree with the fields a header laid over it gives its columns?
    The action column holds sentences, not bare dates, names or marks; a ref, date or RAG
    column holds no prose unless its cells read as refs, dates or RAG; a lead column (whose
    cells may be long lists of roles) holds no cells that open with a verb of doing; and the
    date column holds dates unless no column does (a header shifted by a column gives the
    dates' column another field). A column holds a field when ``agree_share`` of its cells
    with text do; a column with fewer than ``agree_min_cells`` cells of text says nothing."""
    body = range(grid.n_rows)
    share = settings.agree_share
    feats = [features(grid, c, body, settings) for c in range(grid.n_cols)]
    told = [f.filled >= settings.agree_min_cells for f in feats]
    dated = [c for c, f in enumerate(feats) if told[c] and f.date >= share]
    for c, (field, f) in enumerate(zip(fields, feats)):
        if not told[c]:
            continue
        if field == "action" and f.sentences < share:
            return False
        if field in _SHORT_FIELDS and f.prose >= share and getattr(f, _SHORT_FIELDS[field]) < share:
            return False
        if field == "owner" and f.imperative >= share:
            return False
        if field == "due" and f.date < share and any(fields[k] not in ("due", "start", "owner_due")
                                                     for k in dated):
            return False
    return True


def _reshaped(header: ColumnMap, grid: Grid, settings: ExtractSettings = DEFAULT) -> Optional[ColumnMap]:
    """The header with columns dropped or split to the width of the body (the columns left
    of any empty ones at the right); None when it cannot be made as wide."""
    width = grid.n_cols - _trailing_empty(grid, settings)
    headers, fields, how = list(header.headers), list(header.fields), list(header.how)
    if len(fields) > width:
        # drop columns whose wording names no field (leftovers of a split header cell), left first
        surplus = len(fields) - width
        keep = []
        for c, f in enumerate(fields):
            if f == "other" and surplus > 0:
                surplus -= 1
                continue
            keep.append(c)
        headers, fields, how = [headers[c] for c in keep], [fields[c] for c in keep], [how[c] for c in keep]
    if len(fields) < width:
        out_h, out_f = [], []
        missing = width - len(fields)
        for h, f in zip(headers, fields):
            parts = fields_in_order(h, settings) if missing > 0 else []
            if len(parts) > 1 and len({p.field for p in parts}) == len(parts):
                take = parts[: missing + 1]
                for p in take:
                    out_h.append(p.phrase)
                    out_f.append(p.field)
                missing -= len(take) - 1
            else:
                out_h.append(h)
                out_f.append(f)
        headers, fields, how = out_h, out_f, ["header"] * len(out_f)
    if len(fields) != width:
        return None
    pad = grid.n_cols - width
    return ColumnMap(header_rows=0, headers=tuple(headers) + ("",) * pad,
                     fields=tuple(fields) + ("other",) * pad, how=tuple(how) + ("",) * pad)
