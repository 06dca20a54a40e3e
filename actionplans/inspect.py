"""Describe what was found in one document, for people and as JSON."""
from __future__ import annotations

import textwrap
from typing import Any, Optional

from typing import Sequence

from .extract_settings import ExtractSettings, grouped
from .model import Action, Extraction, Heading, ListItem, Paragraph, Table


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table_info(table: Table, index: int) -> dict[str, Any]:
    spans, fills = [], []
    pages = sorted({r.page for r in table.rows if r.page is not None})
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append({"row": r + 1, "col": c + 1, "rowspan": cell.rowspan, "colspan": cell.colspan})
            if cell.fill:
                fills.append({"row": r + 1, "col": c + 1, "fill": cell.fill, "text": _short(cell.text, 20)})
    header = [_short(c.text, 40) if c else "" for c in table.rows[0].cells] if table.rows else []
    return {
        "index": index,
        "pages": pages,
        "source_rows": [r.source_row for r in table.rows if r.source_row is not None][:1]
        + [r.source_row for r in table.rows if r.source_row is not None][-1:],
        "rows": len(table.rows),
        "cols": table.n_cols,
        "header_rows": table.header_rows,
        "repeated_header_rows": [i + 1 for i, r in enumerate(table.rows) if r.repeated_header],
        "continues_previous": table.continues_previous,
        "first_row": header,
        "spans": spans,
        "fills": fills,
        "nested_tables": sum(len(c.tables) for row in table.rows for c in row.cells if c is not None),
    }


def _plan_info(ex: Extraction, normalised) -> dict[str, Any]:
    """The plan's title, date and council, and where each came from."""
    actions = list(getattr(normalised, "actions", normalised) or ())
    date, authority = getattr(normalised, "plan_date", None), getattr(normalised, "authority", None)
    info = {"title": ex.plan.title,
            "plan_date": (actions[0].plan_date if actions else "") or ex.plan.plan_date,
            "authority": (actions[0].authority if actions else "") or ex.plan.authority,
            "authority_code": actions[0].authority_code if actions else ""}
    if date is not None and authority is not None:
        info.update({"plan_date": date.value, "plan_date_from": date.source, "stated_plan_date": date.stated,
                     "authority": authority.name, "authority_code": authority.code,
                     "authority_from": authority.source, "stated_authority": authority.stated,
                     "authority_evidence": authority.evidence, "option_conflicts": list(normalised.conflicts)})
    return info


def describe(ex: Extraction, normalised: Any = (), settings: Optional[ExtractSettings] = None) -> dict[str, Any]:
    """``normalised``: the document's NormalisedDocument (normalise_document), or its actions.
    ``settings``: the extract settings the document was read with, to show them (``inspect -v``);
    the description then holds them by group, name -> value."""
    actions: Sequence[Action] = list(getattr(normalised, "actions", normalised) or ())
    doc = ex.document
    reports = {t.index: t for t in ex.tables}
    tables = []
    for i, table in enumerate(doc.tables, start=1):
        info = _table_info(table, i)
        rep = reports.get(i)
        if rep is not None:
            info.update({
                "header_rows": rep.header_rows,
                "kind": rep.kind.value,
                "fidelity": rep.fidelity.value if rep.fidelity else "",
                "kind_score": rep.kind_score,
                "runner_up": {"kind": rep.runner_up[0].value, "score": rep.runner_up[1]} if rep.runner_up[0] else None,
                "action_rank": {"rank": rep.action_rank[0], "of": rep.action_rank[1]} if rep.action_rank[1] else None,
                "columns": [{"header": h, "field": f, "by": by, "evidence": ev} for (h, f), by, ev in
                            zip(rep.columns, rep.column_sources or ("",) * len(rep.columns),
                                rep.column_evidence or ("",) * len(rep.columns))],
                "notes": list(rep.notes),
                "repairs": [{"row": r, "repair": why} for r, why in rep.repairs],
                "rows_kept": rep.kept,
                "rows_dropped": [{"row": r, "reason": why} for r, why in rep.dropped],
            })
        tables.append(info)
    counts = {"headings": 0, "paragraphs": 0, "list_items": 0, "tables": len(tables)}
    for b in doc.blocks:
        if isinstance(b, Heading):
            counts["headings"] += 1
        elif isinstance(b, Paragraph):
            counts["paragraphs"] += 1
        elif isinstance(b, ListItem):
            counts["list_items"] += 1
    out = {
        "file": doc.source,
        "format": doc.format.value,
        "pages": doc.pages,
        "blocks": counts,
        "plan": _plan_info(ex, normalised),
        "warnings": sum(1 for a in actions if a.warnings),
        "side_data": {
            "acronyms": len(ex.side.acronyms),
            "roster": [f"{n} ({r})" if r else n for n, r in ex.side.roster],
            "rag_key": dict(ex.side.rag_key),
        },
        "actions": len(ex.records),
        "paragraph_actions": sum(1 for r in ex.records if r.source_table is None),
        "headings": [_short(b.text) for b in doc.blocks if isinstance(b, Heading)][:40],
        "reader_notes": list(doc.notes),
        "tables": tables,
        "candidates": [{"rank": k, "what": c.what, "score": c.score, "actions": c.actions, "chosen": c.chosen,
                        "why": c.why} for k, c in enumerate(ex.candidates, start=1)],
    }
    if settings is not None:
        out["settings"] = {group: dict(values) for group, values in grouped(settings)}
    return out


#: candidates for the actions listed in the text report (the JSON has them all)
CANDIDATES_SHOWN = 12


def render_text(info: dict[str, Any]) -> str:
    out = [f"{info['file']}: {info['format']}" + (f", {info['pages']} pages" if info["pages"] else "")]
    b = info["blocks"]
    out.append(f"  {b['headings']} headings, {b['paragraphs']} paragraphs, {b['list_items']} list items, "
               f"{b['tables']} tables; {info['actions']} actions")
    plan = info["plan"]
    code = f" ({plan['authority_code']})" if plan.get("authority_code") else ""
    date_from = {"document": " (stated in the document)", "option": " (--plan-date)"}.get(plan.get("plan_date_from"), "")
    authority_from = {"document": f" (named in the document: {plan.get('authority_evidence')})",
                      "option": " (--authority)"}.get(plan.get("authority_from"), "")
    out.append(f"  plan: title={plan['title']!r} date={plan['plan_date'] or '-'}{date_from} "
               f"authority={plan['authority'] or '-'}{code}{authority_from}")
    for conflict in plan.get("option_conflicts", []):
        out.append(f"  note: {conflict}")
    for note in info.get("reader_notes", []):
        out.append(f"  not read: {note}" if "not read" in note else f"  note: {note}")
    if info.get("paragraph_actions"):
        out.append(f"  {info['paragraph_actions']} actions written as paragraphs with labelled lines (no table)")
    if info.get("warnings"):
        out.append(f"  {info['warnings']} of {info['actions']} actions have warnings (see the warnings column)")
    side = info["side_data"]
    if side["acronyms"] or side["roster"] or side["rag_key"]:
        out.append(f"  side data: {side['acronyms']} acronym definitions, {len(side['roster'])} named officers, "
                   f"RAG key {side['rag_key'] or '-'}")
    if info.get("candidates"):
        out.append("  where the actions are (candidates ranked by their score as actions):")
        shown = info["candidates"][:CANDIDATES_SHOWN]
        for c in shown:
            mark = "read" if c["chosen"] else "not read"
            got = f", {c['actions']} action{'s' if c['actions'] != 1 else ''}" if c["chosen"] else ""
            out.append(f"    {c['rank']}. {c['what']}: score {c['score']:.2f}, {mark}{got}: {_short(c['why'], 160)}")
        if len(info["candidates"]) > len(shown):
            out.append(f"    (+{len(info['candidates']) - len(shown)} more; --json lists them all)")
    sheets = info["format"] in ("xlsx", "ods", "csv")  # a workbook's "pages" are its sheets
    unit = "sheet" if sheets else "page"
    for t in info["tables"]:
        pages = (f"{unit} " + "-".join(str(p) for p in (t["pages"][0], t["pages"][-1]) if p) if t["pages"] else "")
        if t["pages"] and t["pages"][0] == t["pages"][-1]:
            pages = f"{unit} {t['pages'][0]}"
        if sheets and t.get("source_rows"):
            first, last = t["source_rows"][0], t["source_rows"][-1]
            pages = (pages + ", " if pages else "") + f"rows {first}-{last}"
        out.append("")  # a blank line before each table (each line is escaped: no newline inside one)
        head = (f"Table {t['index']}" + (f" ({pages})" if pages else "") +
                f": {t['rows']} rows x {t['cols']} cols, {t['header_rows']} header rows"
                + (", continues the previous table" if t["continues_previous"] else "")
                + (f", kind: {t['kind']}" if "kind" in t else "")
                + (f" (score {t['kind_score']:.2f}" + (f"; runner-up {t['runner_up']['kind']} {t['runner_up']['score']:.2f}"
                                                       if t.get("runner_up") else "")
                   + (f"; rank {t['action_rank']['rank']} of {t['action_rank']['of']} tables as actions"
                      if t.get("action_rank") else "") + ")" if "kind_score" in t else "")
                + (f", structure: {t['fidelity']}" if t.get("fidelity") else ""))
        out.append(head)
        if t["repeated_header_rows"]:
            out.append(f"  repeated header rows: {t['repeated_header_rows']}")
        if t.get("kind") == "action-form":
            out.append("  first row: " + " | ".join(t["first_row"]))
            out.append(f"  a form of actions (labels in the first column): {t.get('rows_kept', 0)} actions; "
                       f"its labels as columns:")
        if t.get("kind") not in (None, "actions", "action-form"):
            out.append("  first row: " + " | ".join(t["first_row"]))
            out.append(f"  not an action table ({t['kind']})")
            out.extend(f"  {rep['repair']}" for rep in t.get("repairs", []))
            continue
        if t.get("columns"):
            for i, col in enumerate(t["columns"], start=1):
                by = f"  (by {col['by']})" if col.get("by") == "content" else ""
                out.append(f"  col {i:2d} {_short(col['header'], 45):45s} -> {col['field']}{by}")
                if col.get("evidence"):
                    out.append(f"         {col['evidence']}")
        else:
            out.append("  first row: " + " | ".join(t["first_row"]))
        if t["spans"]:
            out.append("  spans: " + ", ".join(f"r{s['row']}c{s['col']} {s['rowspan']}x{s['colspan']}" for s in t["spans"][:12])
                       + (f" (+{len(t['spans']) - 12} more)" if len(t["spans"]) > 12 else ""))
        if t["fills"]:
            out.append("  fills: " + ", ".join(f"r{f['row']}c{f['col']} {f['fill']}" for f in t["fills"][:12])
                       + (f" (+{len(t['fills']) - 12} more)" if len(t["fills"]) > 12 else ""))
        if t["nested_tables"]:
            out.append(f"  nested tables: {t['nested_tables']}")
        for note in t.get("notes", []):
            out.append(f"  note: {note}")
        for rep in t.get("repairs", []):
            where = f"row {rep['row']}" if rep["row"] else "table"
            out.append(f"  repair ({where}): {rep['repair']}")
        if "rows_kept" in t:
            out.append(f"  rows kept: {t['rows_kept']}, dropped: {len(t['rows_dropped'])}")
            for d in t["rows_dropped"][:20]:
                out.append(textwrap.indent(f"row {d['row']}: {d['reason']}", "    "))
            if len(t["rows_dropped"]) > 20:
                out.append(f"    (+{len(t['rows_dropped']) - 20} more)")
    if info.get("settings"):
        out.append("\nExtract settings in effect (ConvertOptions.extract):")
        for group, values in info["settings"].items():
            out.append(f"  {group}:")
            out.extend(f"    {name} = {value}" for name, value in values.items())
    from .terminal import shown

    return "\n".join(shown(line) for line in out)  # names and document text are untrusted
