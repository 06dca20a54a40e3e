"""The changes as an HTML page in the shared report shell (:mod:`actionplans.report`): the summary
on top (headline figures and lines), then the changes as a sortable, filterable table with a menu
of change kinds."""
from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from ..report.page import RAG_COLOURS, Figure, Section, data_table, esc, figures, rag_badge, render_page
from .changes import CHANGE_KINDS

if TYPE_CHECKING:  # pragma: no cover
    from .result import PlanDiff

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


def _figures(diff: "PlanDiff") -> str:
    """Two rows of figures: the changes per kind, then the RAG moves and slipped dates."""
    s = diff.summary
    kinds = [Figure(n, kind, alert=kind == "removed") for kind, n in s.changes]
    status = [Figure(s.rag_move("Red", "Amber"), "Red→Amber"), Figure(s.rag_worse, "RAG worse", alert=True),
              Figure(s.slipped, "dates slipped", alert=True),
              Figure(s.days_slipped, "days slipped in total", alert=True)]
    return figures(kinds) + figures(status)


def render_html(diff: "PlanDiff") -> str:
    """The whole page for one diff."""
    s = diff.summary
    lines = '<ul class="summary">' + "".join(f"<li>{esc(line)}</li>" for line in s.lines()) + "</ul>"
    summary = Section("summary", "Summary", _figures(diff) + lines,
                      intro="How many changes of each kind, then RAG moves and slipped due dates. Removed actions, "
                            "moves to a worse RAG rating and slipped dates are edged in vermillion when there are "
                            "any.")
    rows = diff.rows()
    headings = [label for _, label in _SHOWN]
    table = data_table(headings, _table_rows(rows), caption="One row per change, in the new plan's order",
                       table_id="changes-table", numeric=["days slipped", "similarity"], html_columns=["old", "new"],
                       text_columns=["action", "old", "new"], menus={"change": CHANGE_KINDS})
    changes = Section("changes", f"Changes ({len(rows)})", table,
                      intro="Words taken out are struck through, words put in underlined. RAG ratings are "
                            "labelled badges. Source: where each side was read (file, page, table, row, ref).")
    title = f"Changes: {s.old_name} → {s.new_name}"
    subtitle = [f"Old: {s.old_name}, {s.old_actions:,} actions. New: {s.new_name}, {s.new_actions:,} actions.",
                "Written by actionplans diff. The table sorts (click a header) and filters (the box and the change "
                "menu above it)."]
    return render_page(title, [summary, changes], subtitle=subtitle)
