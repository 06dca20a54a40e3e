"""The changes as an HTML page: the summary on top, then a sortable, filterable table."""
from __future__ import annotations

import difflib
import re
from html import escape
from typing import TYPE_CHECKING

from .page import rag_badge, render_page

if TYPE_CHECKING:  # pragma: no cover
    from .result import PlanDiff

#: the columns the page shows, with their headings (the file gives every column)
_SHOWN = (("change", "Change"), ("action_ref", "Ref"), ("action", "Action"), ("old", "Old"), ("new", "New"),
          ("days_slipped", "Days slipped"), ("match", "Matched by"), ("confidence", "Similarity"),
          ("old_where", "Old: where"), ("new_where", "New: where"))
_LONG = {"action", "old", "new"}
#: changes whose old and new are texts, shown with the words that differ marked
_TEXT_CHANGES = ("reworded", "progress", "owner")


def marked_words(old: str, new: str) -> tuple[str, str]:
    """``old`` and ``new`` as escaped HTML, words only in the old in <del>, words only in the new in <ins>."""
    a, b = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b],
                                                      autojunk=False).get_opcodes():
        left, right = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
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


def _cell(row: dict, col: str) -> str:
    value = row.get(col)
    if col in ("old_where", "new_where"):
        return f'<td class="small">{escape(_where(row, col.split("_")[0]))}</td>'
    if value is None or value == "":
        return '<td data-sort=""></td>'
    if col in ("days_slipped", "confidence"):
        shown = f"{value:+d}" if col == "days_slipped" else f"{value:.2f}"
        return f'<td class="num" data-sort="{value}">{shown}</td>'
    if col in ("old", "new") and row["change"] == "rag":
        return f'<td data-sort="{escape(str(value))}">{rag_badge(str(value))}</td>'
    if col in ("old", "new") and row["change"] in _TEXT_CHANGES and row["old"] and row["new"]:
        old, new = marked_words(row["old"], row["new"])
        return f'<td class="long">{old if col == "old" else new}</td>'
    cls = ' class="long"' if col in _LONG else ""
    return f"<td{cls}>{escape(str(value))}</td>"


def _cards(diff: "PlanDiff") -> str:
    s = diff.summary
    cards = [(n, k, k in ("removed",)) for k, n in s.changes]
    cards.append((s.rag_move("Red", "Amber"), "Red→Amber", False))
    cards.append((s.rag_worse, "RAG worse", True))
    cards.append((s.slipped, "dates slipped", True))
    cards.append((s.days_slipped, "days slipped in total", True))
    return '<div class="cards">' + "".join(
        f'<div class="card{" warn" if warn and n else ""}"><b>{n}</b>{escape(label)}</div>'
        for n, label, warn in cards) + "</div>"


def render_html(diff: "PlanDiff") -> str:
    """The whole page for one diff."""
    s = diff.summary
    title = f"Changes: {s.old_name} → {s.new_name}"
    head = (f"<h1>{escape(title)}</h1>\n<p class=\"meta\">{s.old_actions} actions in the old version, "
            f"{s.new_actions} in the new; written by actionplans diff.</p>")
    summary = "<h2>Summary</h2>\n" + _cards(diff) + '\n<ul class="summary">' + "".join(
        f"<li>{escape(line)}</li>" for line in s.lines()) + "</ul>"
    kinds = "".join(f'<option value="{k}">{k} ({n})</option>' for k, n in s.changes if n)
    controls = ('<div class="controls"><label>Filter <input type="search" data-filter-for="changes" '
                'placeholder="any text"></label><label>Change <select data-filter-for="changes" data-col="0">'
                f'<option value="">all</option>{kinds}</select></label>'
                '<span class="count" data-count-for="changes"></span></div>')
    rows = diff.rows()
    header = "".join(f'<th scope="col">{escape(label)}</th>' for _, label in _SHOWN)
    body = "\n".join("<tr>" + "".join(_cell(r, col) for col, _ in _SHOWN) + "</tr>" for r in rows)
    table = (f'<h2>Changes ({len(rows)})</h2>\n{controls}\n<table class="data" id="changes">'
             f"<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody></table>")
    return render_page(title, [head, summary, table])
