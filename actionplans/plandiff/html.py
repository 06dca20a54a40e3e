"""The changes as an HTML page in the shared report shell (:mod:`actionplans.report`): the summary
on top (headline figures and lines), then the changes as a sortable, filterable table with a menu
of change kinds.

The figures come from the diff: one card per kind of change that occurs, RAG better and worse with
one card per move that occurs (e.g. Green→Amber), and the due dates slipped or brought forward
when any did. The page lists at most :data:`MAX_PAGE_ROWS` changes (shared fairly among the kinds,
each kind's first in the new plan's order) and says how many it leaves out: the CSV and XLSX
outputs hold every change, and the figures count them all."""
from __future__ import annotations

import difflib
import re
import shlex
from collections import Counter
from typing import TYPE_CHECKING, Sequence

from ..report.page import RAG_COLOURS, Figure, Section, data_table, esc, figures, plural, rag_badge, render_page
from .changes import CHANGE_KINDS
from .result import change_row
from .summary import rag_direction

if TYPE_CHECKING:  # pragma: no cover
    from .result import PlanDiff
    from .summary import DiffSummary

#: most changes listed in the page (a diff of 100,000 changes would be a page of tens of MB that a
#: browser takes most of a minute to open); every change is in the CSV and XLSX outputs
MAX_PAGE_ROWS = 2000

#: the columns the page shows (the file gives every column), with their headings
_SHOWN = (("change", "change"), ("action_ref", "ref"), ("action", "action"), ("old", "old"), ("new", "new"),
          ("days_slipped", "days slipped"), ("match", "matched by"), ("confidence", "similarity"),
          ("old_where", "old source"), ("new_where", "new source"))
#: changes whose old and new are texts, shown with the words that differ marked
_TEXT_CHANGES = ("reworded", "progress", "owner")


def marked_words(old: str, new: str) -> tuple[str, str]:
    """``old`` and ``new`` as escaped HTML, words only in the old in <del>, words only in the new in <ins>."""
    a, b = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b],
                                                      autojunk=False).get_opcodes():
        left, right = esc("".join(a[i1:i2])), esc("".join(b[j1:j2]))
        if op == "equal":
            out_a.append(left)
            out_b.append(right)
            continue
        if left:
            out_a.append(f"<del>{left.rstrip()}</del>" + left[len(left.rstrip()):])
        if right:
            out_b.append(f"<ins>{right.rstrip()}</ins>" + right[len(right.rstrip()):])
    return "".join(out_a), "".join(out_b)


def _where(row: dict, side: str) -> str:
    """Provenance of one side as 'file p.3 t.2 r.5 #1.2'."""
    if not row[f"{side}_source_file"]:
        return ""
    parts = [row[f"{side}_source_file"]]
    for col, mark in (("source_page", "p."), ("source_table", "t."), ("source_row", "r.")):
        if row[f"{side}_{col}"] is not None:
            parts.append(f"{mark}{row[f'{side}_{col}']}")
    if row[f"{side}_action_ref"]:
        parts.append(f"#{row[f'{side}_action_ref']}")
    return " ".join(str(p) for p in parts)


def _old_new(row: dict) -> tuple[str, str]:
    """The old and new cells as HTML: RAG values as labelled badges, texts with their words marked."""
    old, new = row["old"] or "", row["new"] or ""
    if row["change"] == "rag":  # a value outside the schema's (a hand-edited table) is shown as it is
        old_html = rag_badge(old) if old in RAG_COLOURS else esc(old)
        return old_html, rag_badge(new) if new in RAG_COLOURS else esc(new)
    if row["change"] in _TEXT_CHANGES and old and new:
        return marked_words(old, new)
    return esc(old), esc(new)


def _table_rows(rows: list[dict]) -> list[list]:
    out = []
    for r in rows:
        old, new = _old_new(r)
        slipped = r["days_slipped"]
        out.append([r["change"], r["action_ref"], r["action"], old, new,
                    "" if slipped is None else f"{slipped:+d}",
                    r["match"], "" if r["confidence"] is None else f"{r['confidence']:.2f}",
                    _where(r, "old"), _where(r, "new")])
    return out


def _rag_label(rag: str) -> str:
    return rag or "no RAG"


def summary_figures(s: "DiffSummary") -> list[list[Figure]]:
    """The headline figures of a diff, in rows, all from its summary: the changes of each kind
    that occurs; when RAG ratings changed, how many moved to better and to worse and one card per
    move that occurs (worse ones flagged); when due dates changed, how many slipped and by how
    many days, and how many were brought forward or changed without a date on both sides."""
    total = sum(n for _, n in s.changes)
    out = [[Figure(total, plural(total, "change", number=False))]
           + [Figure(n, kind, alert=kind == "removed") for kind, n in s.changes if n]]
    if s.rag_moves:
        moves = [Figure(n, f"{_rag_label(a)}→{_rag_label(b)}", alert=rag_direction(a, b) < 0)
                 for a, b, n in s.rag_moves]
        out.append([Figure(s.rag_better, "RAG better"), Figure(s.rag_worse, "RAG worse", alert=True)] + moves)
    due = []
    if s.slipped:
        due += [Figure(s.slipped, plural(s.slipped, "date slipped", "dates slipped", number=False), alert=True),
                Figure(s.days_slipped, "days slipped in total", alert=True),
                Figure(s.longest_slip, "days: the longest slip", alert=True)]
    if s.brought_forward:
        due += [Figure(s.brought_forward, plural(s.brought_forward, "date brought forward", "dates brought forward",
                                                 number=False)),
                Figure(s.days_brought_forward, "days brought forward in total")]
    if s.due_undated:
        due.append(Figure(s.due_undated, "due changed without a date on both sides"))
    if due:
        out.append(due)
    return out


def _figures(diff: "PlanDiff") -> str:
    return "".join(figures(row) for row in summary_figures(diff.summary))


def shown_changes(kinds: Sequence[str], cap: int) -> list[int]:
    """The indices of the changes to list when at most ``cap`` fit, in their order: every kind
    gets a fair share (a kind with fewer than its share keeps them all and leaves the rest to the
    others), each kind its first ones."""
    if len(kinds) <= cap:
        return list(range(len(kinds)))
    counts = Counter(kinds)
    quota, left, open_kinds = {}, cap, sorted(counts, key=counts.get)
    while open_kinds:  # smallest first: what a small kind does not use goes to the bigger ones
        kind = open_kinds.pop(0)
        quota[kind] = min(counts[kind], left // (len(open_kinds) + 1))
        left -= quota[kind]
    for kind in sorted(counts, key=lambda k: -counts[k]):  # the remainder of the division, biggest first
        extra = min(left, counts[kind] - quota[kind])
        quota[kind] += extra
        left -= extra
    taken: Counter = Counter()
    out = []
    for i, kind in enumerate(kinds):
        if taken[kind] < quota[kind]:
            taken[kind] += 1
            out.append(i)
    return out


def _cap_note(diff: "PlanDiff", shown: list[int]) -> str:
    """What the page leaves out, per kind, and where the whole list is ('' when nothing is left out)."""
    total = len(diff.changes)
    if len(shown) == total:
        return ""
    listed = Counter(diff.changes[i].change for i in shown)
    per_kind = "; ".join(f"{kind} {listed[kind]:,} of {n:,}" for kind, n in diff.summary.changes if n)
    if "table" in (diff.old.kind, diff.new.kind):  # a version given in memory (a DataFrame): no command to name
        how = "write_changes(result, 'changes.csv') (or 'changes.xlsx')"
    else:
        how = (f"actionplans diff {shlex.quote(diff.old.path)} {shlex.quote(diff.new.path)} -o changes.csv "
               f"(or changes.xlsx)")
    return (f"This page lists {len(shown):,} of the {total:,} changes ({total - len(shown):,} not shown): "
            f"{per_kind}. The figures above count them all. The whole list is in the CSV or XLSX output: {how}.")


def render_html(diff: "PlanDiff", max_rows: int = MAX_PAGE_ROWS) -> str:
    """The whole page for one diff; at most ``max_rows`` changes listed (see :func:`shown_changes`)."""
    s = diff.summary
    shown = shown_changes([c.change for c in diff.changes], max_rows)
    note = _cap_note(diff, shown)
    note_html = f'<p class="cap-note" role="note">{esc(note)}</p>' if note else ""
    lines = '<ul class="summary">' + "".join(f"<li>{esc(line)}</li>" for line in s.lines()) + "</ul>"
    summary = Section("summary", "Summary", _figures(diff) + lines + note_html,
                      intro="How many changes of each kind, then the RAG moves and the due dates moved, each as "
                            "it occurs in this diff. Removed actions, moves to a worse RAG rating and slipped "
                            "dates are edged in vermillion.")
    rows = [change_row(diff.changes[i], diff.old, diff.new) for i in shown]
    headings = [label for _, label in _SHOWN]
    caption = ("One row per change, in the new plan's order" if not note else
               f"{len(rows):,} of the {len(diff.changes):,} changes, each kind's first in the new plan's order")
    table = data_table(headings, _table_rows(rows), caption=caption,
                       table_id="changes-table", numeric=["days slipped", "similarity"], html_columns=["old", "new"],
                       text_columns=["action", "old", "new"], menus={"change": CHANGE_KINDS}, nowrap=["ref"])
    title_count = f"{len(diff.changes):,}" + (f"; {len(rows):,} listed" if note else "")
    changes = Section("changes", f"Changes ({title_count})", note_html + table,
                      intro="Words taken out are struck through, words put in underlined. RAG ratings are "
                            "labelled badges. Source: where each side was read (file, page, table, row, ref).")
    title = f"Changes: {s.old_name} → {s.new_name}"
    subtitle = [f"Old: {s.old_name}, {plural(s.old_actions, 'action')}. New: {s.new_name}, "
                f"{plural(s.new_actions, 'action')}.",
                "Written by actionplans diff. The table sorts (click a header) and filters (the box and the change "
                "menu above it)."]
    return render_page(title, [summary, changes], subtitle=subtitle)
