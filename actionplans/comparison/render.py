"""The comparison as one self-contained HTML page (the shell and charts of :mod:`actionplans.report`).

The page holds aggregates; long lists are capped (the caps are said in the page) and every view
is whole in the --tables CSVs.
"""
from __future__ import annotations

from typing import Optional

import pandas as pd

from ..report import charts
from ..report.page import (RAG_COLOURS, RAG_INK, RAG_ORDER, SEQUENTIAL, SEQUENTIAL_INK, Section, data_table, esc,
                           heat_cell, legend, plural, rag_legend, render_page)
from .views import LATE_BANDS, NO_AUTHORITY, NO_OWNER, RAG_COLUMNS, REC_FROM_THEME, Comparison

#: most bars in one chart (the tables under the charts have every authority)
MAX_BARS = 60
#: most rows of a long table in the page
MAX_ROWS = 2000
#: most rows listed behind the topic matrix, over all cells
TOPIC_ROW_BUDGET = 2500
#: longest recommendation or action text in the rows behind the matrix (whole in the CSVs)
TEXT_CUT = 120
#: most owners listed per plan in the page
OWNERS_PER_PLAN = 5


def _table(df: pd.DataFrame, caption: str, table_id: str = "", numeric=None, cap: int = MAX_ROWS,
           what: str = "rows", **kw) -> str:
    """A view as a page table, at most ``cap`` rows (the note says how many are left out)."""
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])] if numeric is None else numeric
    note = kw.pop("note", "")
    if len(df) > cap:
        note = (note + " " if note else "") + f"The first {cap:,} of {len(df):,} {what} are shown; all are in the --tables CSV."
    shown = df.head(cap)
    rows = shown.astype(object).where(shown.notna(), None).itertuples(index=False, name=None)
    return data_table(list(df.columns), rows, caption=caption, table_id=table_id, numeric=numeric, note=note, **kw)


def _heat_matrix(long: pd.DataFrame, row: str, col: str, value: str, caption: str, table_id: str,
                 link_table: str = "", columns: Optional[list[str]] = None) -> str:
    """A row x col matrix of counts, cells shaded by size (the number is always written); columns
    biggest first unless given. With ``link_table`` each number leads to its rows there."""
    wide = long.pivot_table(index=row, columns=col, values=value, aggfunc="sum", fill_value=0)
    if wide.empty:
        return '<p class="note">Nothing to show.</p>'
    if columns is None:
        columns = list(long.groupby(col)[value].sum().sort_values(ascending=False).index)
    wide = wide[[c for c in columns if c in wide.columns]]
    top = int(wide.to_numpy().max())
    rows = [[esc(name)] + [heat_cell(int(x), top, bool(link_table)) for x in values]
            for name, values in zip(wide.index, wide.to_numpy())]
    return data_table([row] + list(wide.columns), rows, caption=caption, table_id=table_id,
                      numeric=list(wide.columns), html_columns=[row] + list(wide.columns), link_table=link_table,
                      link_column=col, sticky=True)


#: the overview's columns in the page, in this order: what a reader scans for (RAG mix, overdue)
#: right after the plan, the completeness shares and where it came from after
OVERVIEW_COLUMNS = ("authority", "plan", "plan date", "actions", "overdue", "completed") + RAG_COLUMNS + (
    "recommendations", "recommendations from", "with owner %", "with due date %", "with RAG %", "GSS code", "file",
    "same plan also in")


def authorities_named(names) -> int:
    """How many authorities ``names`` holds ("(authority not named)" is not one)."""
    return len({n for n in names if n and n != NO_AUTHORITY})


def _plans_line(v: Comparison) -> str:
    """'5 plans from 4 authorities (1 plan names none)' and the files counted once."""
    o = v.overview
    unnamed = int((o["authority"] == NO_AUTHORITY).sum())
    line = f"{plural(len(o), 'plan')} from {plural(authorities_named(o['authority']), 'authority')}"
    if unnamed:
        line += f" ({plural(unnamed, 'plan')} {'names' if unnamed == 1 else 'name'} no authority)"
    return line


def _duplicates_note(v: Comparison) -> str:
    d = v.duplicates
    if not len(d):
        return ""
    groups = d.groupby("counted", sort=False)["duplicate"].agg(list)
    shown = "; ".join(f"{', '.join(dups)} as {counted}" for counted, dups in list(groups.items())[:12])
    more = f"; and {len(groups) - 12} more plans" if len(groups) > 12 else ""
    return (f"{plural(len(d), 'file')} {'holds' if len(d) == 1 else 'hold'} a plan already counted (the same "
            f"authority and date, near-identical rows) and {'is' if len(d) == 1 else 'are'} counted once: "
            f"{shown}{more}. Each is listed in the table 'Files counted once' below and in the column "
            f"'same plan also in'.")


def _overview(v: Comparison) -> Section:
    o = v.overview
    total, overdue, done = int(o["actions"].sum()), int(o["overdue"].sum()), int(o["completed"].sum())
    view = o.rename(columns={"authority_code": "GSS code", "plan_title": "plan", "plan_date": "plan date",
                             "source_file": "file"})
    view = view[[c for c in OVERVIEW_COLUMNS if c in view.columns]
                + [c for c in view.columns if c not in OVERVIEW_COLUMNS]]
    summary = (f'<p>{esc(_plans_line(v))}: {plural(total, "action")}, '
               f'{overdue:,} overdue as of {v.as_of.isoformat()} ({100 * overdue / max(total, 1):.0f}%), '
               f'{done:,} completed (Blue).</p>')
    note = _duplicates_note(v)
    note_html = f'<p class="cap-note" role="note">{esc(note)}</p>' if note else ""
    dups = _table(v.duplicates.rename(columns={"plan_title": "plan", "plan_date": "plan date"}),
                  "Files counted once: the same plan as a file counted", "duplicates-table", what="files",
                  nowrap=["plan date"]) if len(v.duplicates) else ""
    objectives = int((o["recommendations from"] == REC_FROM_THEME).sum()) if "recommendations from" in o else 0
    rec_note = (f" {plural(objectives, 'plan')} {'lists' if objectives == 1 else 'list'} no recommendation but "
                f"{'numbers its' if objectives == 1 else 'number their'} objectives: those are counted as "
                "recommendations ('recommendations from': numbered objectives).") if objectives else ""
    return Section("overview", "1. Overview", summary + note_html + rag_legend() + _table(
        view, "Plans: size, RAG mix, overdue and completeness", "overview-table", what="plans",
        text_columns=["plan", "same plan also in"], sticky=True, nowrap=["plan date", "GSS code"]) + dups,
        intro="One row per plan (the same plan given in several files counted once). 'with owner / due date / "
              "RAG %' is the share of its actions that have one. Overdue: due_end before the as-of date and not "
              "Blue (complete). Recommendations: the distinct recommendations of the plan; for a plan that "
              "gives none but numbers its objectives (its themes, e.g. '1. Good quality supervision'), its "
              "objectives." + rec_note)


def _status(v: Comparison) -> Section:
    r = v.rag_by_authority.sort_values("actions", ascending=False)
    bars = [(a, [row[c] for c in RAG_COLUMNS]) for a, row in zip(r["authority"], r.to_dict("records"))][:MAX_BARS]
    cut = f" (the {MAX_BARS} with most actions; every authority is in the table)" if len(r) > MAX_BARS else ""
    rag_chart = charts.stacked_bars(
        bars, RAG_COLUMNS, [RAG_COLOURS[x] for x in RAG_ORDER], [RAG_INK[x] for x in RAG_ORDER],
        title="RAG mix by authority" + cut, legend_html=rag_legend(),
        desc="Horizontal bars, one per authority, each split into the shares of its actions rated "
             + ", ".join(RAG_COLUMNS) + "; the counts are in the table below the chart.")
    o = v.overdue_by_authority.sort_values("overdue", ascending=False)
    bands = [b[0] for b in LATE_BANDS]
    late_rows = [(a, [row[b] for b in bands]) for a, row in zip(o["authority"], o.to_dict("records"))
                 if row["overdue"]][:MAX_BARS]
    late_chart = charts.stacked_bars(
        late_rows, bands, list(SEQUENTIAL), list(SEQUENTIAL_INK), percent=False, unit="overdue action",
        title=f"Overdue actions by how late, as of {v.as_of.isoformat()}",
        legend_html=legend(list(zip(bands, SEQUENTIAL))),
        desc="Horizontal bars, one per authority with overdue actions, split by months past the due date: "
             + ", ".join(bands) + "; the counts are in the table below the chart.") if late_rows else \
        '<p class="note">No overdue actions.</p>'
    return Section("status", "2. Status by authority",
                   rag_chart + _table(r, "RAG mix by authority (actions)", "rag-table")
                   + late_chart + _table(o, "Overdue actions by how late (months past due_end)", "overdue-table"),
                   intro="RAG as the plans give it (Blue: complete; Grey: not started). Months late are counted "
                         "from due_end to the as-of date.")


def _quarters(v: Comparison) -> Section:
    q = v.due_by_quarter
    if q.empty:
        return Section("due", "3. Due dates over time", '<p class="note">No action has a due date.</p>')
    totals = q.groupby("quarter")["actions"].sum().sort_index()
    span = pd.period_range(totals.index[0].replace(" ", ""), totals.index[-1].replace(" ", ""), freq="Q")
    totals = totals.reindex([str(p).replace("Q", " Q") for p in span], fill_value=0)  # empty quarters shown
    as_of_q = str(pd.Period(v.as_of, "Q")).replace("Q", " Q")
    chart = charts.column_chart(
        list(totals.items()), title="Actions falling due per quarter, all authorities",
        desc=f"Column chart of actions by the quarter of their due date, {totals.index[0]} to {totals.index[-1]}; "
             f"the most in one quarter is {int(totals.max()):,} ({totals.idxmax()}). Per authority in the table below.",
        marker=as_of_q if as_of_q in totals.index else "", marker_label="as of")
    matrix = _heat_matrix(q, "authority", "quarter", "actions", "Actions falling due per quarter, per authority",
                          "due-table", columns=sorted(q["quarter"].unique()))  # quarters in time order
    return Section("due", "3. Due dates over time", chart + matrix,
                   intro="Each action counted in the quarter of its due_end; actions without a due date are left out "
                         "(see Data quality).")


def _owners(v: Comparison) -> Section:
    r = v.roles
    per_role = r.groupby("role")["actions"].sum().sort_values(ascending=False)
    chart = charts.stacked_bars(
        [(role, [n]) for role, n in per_role.items()], ["actions"], ["#0072B2"], ["#FFFFFF"], percent=False,
        title="Actions by the normalised role of their owner, all authorities", label_width=260,
        desc="Horizontal bars, one per role, of the actions its owners lead (an action with two owners counts "
             "for each); the numbers per authority are in the tables below.") if len(per_role) else ""
    matrix = _heat_matrix(r, "authority", "role", "actions", "Actions per normalised owner role, per authority",
                          "roles-table")
    owners = v.owners.groupby(["authority", "source_file"], sort=False).head(OWNERS_PER_PLAN)  # biggest first
    owners = owners.rename(columns={"plan_title": "plan", "source_file": "file"})
    return Section("owners", "4. Who owns what", chart + matrix
                   + _table(r, "Roles per authority, with the owners' titles as written", "roles-detail-table",
                            text_columns=["examples"])
                   + _table(owners, f"Actions per owner within each plan (the {OWNERS_PER_PLAN} owners of most actions per "
                            "plan; all in owners.csv)", "owners-table", what="owners", text_columns=["plan"]),
                   intro="Owners as the plans name them, each given a role from a packaged list of role patterns "
                         "(data/roles.json), read from the owner's title, the plan's list of officers and the "
                         f"expansions of its acronyms. '{NO_OWNER}': actions without an owner.")


def _topics(v: Comparison) -> Section:
    t = v.topics
    if t.empty:
        return Section("topics", "5. Recurring recommendations", '<p class="note">No topic found.</p>')
    cells = len(t)
    per_cell = max(1, min(int(v.topic_rows.groupby(["authority", "topic"]).size().max()), TOPIC_ROW_BUDGET // cells))
    rows = v.topic_rows.groupby(["authority", "topic"], sort=False).head(per_cell).drop(columns="plan")
    for c in ("recommendation", "action"):
        rows[c] = rows[c].map(lambda text: text if len(text) <= TEXT_CUT else text[: TEXT_CUT - 1] + "…")
    named = t[t["authority"] != NO_AUTHORITY]  # "(authority not named)" is not an authority
    spread = named.groupby("topic").agg(authorities=("authority", "nunique"))
    spread = spread.reindex(t["topic"].unique(), fill_value=0)
    spread = spread.sort_values("authorities", ascending=False)
    chart = charts.stacked_bars(
        [(name, [int(n)]) for name, n in spread["authorities"].items()], ["authorities"], ["#009E73"], ["#000000"],
        percent=False, unit="authority", title="In how many authorities' plans each topic comes up", label_width=300,
        desc="Horizontal bars, one per topic, of the number of authorities whose recommendations or actions "
             "speak of it (plans naming no authority not counted); per authority in the matrix below.")
    matrix = _heat_matrix(t, "authority", "topic", "actions", "Actions per topic, per authority (click a number "
                          "for its rows)", "topics-table", link_table="topic-rows")
    listed = _table(rows, f"Rows behind the matrix (up to {per_cell} per authority and topic)", "topic-rows",
                    cap=TOPIC_ROW_BUDGET + cells, text_columns=["recommendation", "action"],
                    note="'matched' gives the words that tagged the row. Every action with its topics is in "
                         "action_topics.csv (--tables).")
    c = v.clusters
    cl = _table(c, "Alike texts that no topic matched (similarity clusters)", "clusters-table",
                text_columns=["examples", "authority_names"], what="clusters") if len(c) else \
        '<p class="note">Every text that recurs was matched by a topic (no cluster of untagged texts).</p>'
    return Section("topics", "5. Recurring recommendations", chart + matrix + listed + "<h3>Beyond the taxonomy</h3>"
                   + cl, intro="Every recommendation and action tagged with topics from a packaged taxonomy of "
                               "children's-services themes (data/topics.json); an action counts under its own topics "
                               "and its recommendation's. Texts no topic matched are grouped by word similarity "
                               "(TF-IDF cosine).")


def _quality(v: Comparison) -> Section:
    q = v.data_quality.rename(columns={"plan_title": "plan", "source_file": "file"})
    q["commonest warnings"] = q["commonest warnings"].map(lambda t: t if len(t) <= 160 else t[:159] + "…")
    failed = _table(v.failed, "Plan documents that could not be converted", "failed-table") if len(v.failed) else ""
    return Section("quality", "6. Data quality", _table(q, "Rows with warnings and missing fields, per plan",
                                                        "quality-table", what="plans",
                                                        text_columns=["plan", "commonest warnings"]) + failed,
                   intro="What each plan's figures rest on: rows the converter flagged (warnings column) and fields "
                         "it could not find. A plan without due dates has no overdue actions; one without RAG no "
                         "RAG mix.")


def render_report(v: Comparison, tables_dir: Optional[str] = None) -> str:
    """The whole page for ``v``."""
    sub = [f"{_plans_line(v)}, {plural(int(v.overview['actions'].sum()), 'action')}; overdue as of "
           f"{v.as_of.isoformat()}." + (f" {plural(len(v.duplicates), 'file')} of a plan already counted left "
                                       f"out (see Overview)." if len(v.duplicates) else ""),
           "Written by actionplans compare. Every table sorts (click a header) and filters (the box above it)."]
    if tables_dir:
        sub.append(f"Every view in full: the CSV files in {tables_dir}.")
    sections = [_overview(v), _status(v), _quarters(v), _owners(v), _topics(v), _quality(v)]
    return render_page("Inspection action plans compared", sections, subtitle=sub)
