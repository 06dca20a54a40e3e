"""What kind of table this is, decided by scores: actions, or side material.

Every kind gets a score from what the table holds; the highest wins and the runner-up is
kept for ``inspect``. Actions: a column of action prose with leads, dates, RAG or progress
beside it. RAG key: a small table of bare colour words or swatches with their meanings.
Glossary: abbreviation | expansion pairs. Roster: names beside roles. Risk register:
likelihood / impact scores. Indicators: baselines and targets. Form of actions: a label
column with a block of rows per action.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Optional

from actionplans.header_rows import label_like_row
from actionplans.model import Row, Table, TableKind

from .columns import ColumnMap, detect_header_rows, map_columns
from .evidence import is_role_text
from .forms import is_action_form, label_keys, read_form
from .grid import Grid
from .patterns import is_person_name
from .settings import DEFAULT, ExtractSettings
from .side import glossary_pairs, rag_key, side_vocabulary
from .table_info import TableInfo
from .vocabulary import words

#: columns that make a prose column a column of actions
ACTION_COMPANIONS = ("owner", "due", "owner_due", "rag", "progress")


@lru_cache(maxsize=None)
def _side_phrases(vocab_key: str) -> dict[int, frozenset[tuple[str, ...]]]:
    """The phrases of the side vocabulary list ``vocab_key`` as words, by their number of words."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for p in side_vocabulary()[vocab_key]:
        phrase = tuple(words(p))
        by_length.setdefault(len(phrase), set()).add(phrase)
    return {n: frozenset(ps) for n, ps in by_length.items()}


@lru_cache(maxsize=4096)
def _holds_side_phrase(header: str, vocab_key: str) -> bool:
    """Does ``header`` hold a phrase of the side vocabulary list ``vocab_key``? (The tables of
    one plan repeat their headers page after page.)"""
    toks = words(header)
    return any(tuple(toks[i:i + n]) in ps for n, ps in _side_phrases(vocab_key).items()
               for i in range(len(toks) - n + 1))


def _header_hits(cols: ColumnMap, vocab_key: str) -> int:
    """How many unmapped or measures columns have a header holding a phrase of the side
    vocabulary list ``vocab_key`` ("Target date" is a due date, not an indicator's target)."""
    return sum(1 for h, f in zip(cols.headers, cols.fields)
               if f in ("other", "measures") and _holds_side_phrase(h, vocab_key))


def actions_score(cols: ColumnMap) -> float:
    """A column map's score as actions: an action column, its prose, and the companions beside it."""
    if not cols.has("action"):
        return 0.0
    c = cols.columns("action")[0]
    ev = cols.evidence[c] if cols.evidence else None
    prose = dict(ev.content_scores).get("action", 0.0) if ev is not None else 0.5
    headed = ev is not None and dict(ev.header_scores).get("action", 0.0) > 0
    # a companion found by its header counts fully, one found only by its cells half
    companions = sum(1.0 if cols.how[c] == "header" else 0.5
                     for c, f in enumerate(cols.fields) if f in ACTION_COMPANIONS)
    if companions == 0:
        return 0.5 * max(prose, 0.0)
    return (1.0 if headed else 0.6) + max(prose, 0.0) + 0.5 * min(companions, 3.0)


def roster_pairs(grid: Grid, n_header: int, settings: ExtractSettings = DEFAULT) -> list[tuple[str, str]]:
    """(name, role) pairs of a table with a column of names beside a column of roles."""
    if grid.n_cols < 2 or grid.n_cols > 4 or grid.n_rows - n_header < 2:
        return []
    body = range(n_header, grid.n_rows)
    texts = [[" ".join(grid.text(r, c).split()) for r in body] for c in range(grid.n_cols)]
    for a in range(grid.n_cols):
        names = [t for t in texts[a] if t]
        if not names or sum(1 for t in names if is_person_name(t) and not is_role_text(t, settings)) < 0.8 * len(names):
            continue
        for b in range(grid.n_cols):
            if b == a:
                continue
            roles = [t for t in texts[b] if t]
            if roles and sum(1 for t in roles if is_role_text(t, settings)) >= 0.7 * len(roles):
                return [(n, r) for n, r in zip(texts[a], texts[b]) if n and r]
    return []


def kind_scores(grid: Grid, cols: ColumnMap, settings: ExtractSettings = DEFAULT) -> tuple[dict[str, float], dict]:
    """Score of every kind, and what the winning side kinds found (glossary, key, roster, form).
    A kind must beat ``other_default``, the score of "other" (a table that shows nothing is other)."""
    found: dict = {}
    scores = {TableKind.OTHER: settings.other_default, TableKind.ACTIONS: actions_score(cols)}
    # a column headed as the actions argues against a side table; one only its cells call so (a key's
    # meanings, "Work progressing as expected", read like actions) does not outweigh the side table's shape
    headed_action = any(f == "action" and how == "header" for f, how in zip(cols.fields, cols.how))
    gloss = glossary_pairs(grid, cols.header_rows)
    if gloss:
        found["glossary"] = gloss
        scores[TableKind.GLOSSARY] = 3.0 if not headed_action else 1.0
    body_rows = grid.n_rows - cols.header_rows
    key = rag_key(grid)
    if key and grid.n_rows <= settings.rag_key_max_rows and grid.n_cols <= settings.rag_key_max_cols:  # small
        found["rag_key"] = key
        scores[TableKind.RAG_KEY] = 3.0 if not headed_action else 1.0
    roster = roster_pairs(grid, cols.header_rows, settings)
    if roster:
        found["roster"] = roster
        scores[TableKind.ROSTER] = 2.5 if not headed_action else 1.0
    risk = _header_hits(cols, "risk_headers")
    if risk >= 2:
        scores[TableKind.RISK] = 1.5 + 0.5 * risk
    indicators = _header_hits(cols, "indicator_headers")
    if indicators:
        scores[TableKind.INDICATORS] = 1.0 + 0.5 * indicators + (0.5 if not cols.has("owner") else 0.0)
    control = _header_hits(cols, "document_control_headers")
    if control >= 2:
        scores[TableKind.OTHER] = 1.0 + 0.5 * control
    # a column of labels with a value beside each, block after block, is a form of actions when, laid
    # out as the table it stands for, its labels map to an action and a lead, date, RAG or progress
    # (even when its first row reads as a header: "Key actions | Review the ...")
    if body_rows >= 1:
        form = read_form(grid, settings=settings)
        if form is not None:
            found["form"] = form
            as_form, as_table = actions_score(form.columns), scores[TableKind.ACTIONS]
            if is_action_form(form) and as_form > as_table:  # the better reading of the two
                scores[TableKind.ACTION_FORM] = max(settings.form_score, as_table + 0.1)
    return scores, found


def classify(table: Table, index: int, header_repeated: bool = False,
             settings: ExtractSettings = DEFAULT) -> TableInfo:
    """The kind of ``table`` by its scores. ``header_repeated``: its first row opens other tables of
    the document too, so it is a header row at least."""
    grid = Grid(table)
    n_header = detect_header_rows(grid, settings)
    cols = map_columns(grid, max(1, n_header) if header_repeated else n_header, settings)
    scores, found = kind_scores(grid, cols, settings)
    kind = max(scores.items(), key=lambda kv: kv[1])[0]
    return TableInfo(index, table, grid, cols, kind,
                     found.get("glossary", []) if kind == TableKind.GLOSSARY else [],
                     found.get("rag_key", []) if kind == TableKind.RAG_KEY else [],
                     found.get("form") if kind == TableKind.ACTION_FORM else None,
                     scores=scores, roster=found.get("roster", []) if kind == TableKind.ROSTER else [])


def _first_row(table: Table) -> tuple[str, ...]:
    return tuple(" ".join(t.split()).lower() for t in table.text_grid()[0]) if table.rows else ()


def classify_tables(tables: tuple[Table, ...], settings: ExtractSettings = DEFAULT) -> list[TableInfo]:
    """:func:`classify` every table of a document. A first row that reads as labels and opens two
    tables or more word for word is their header row, though no reader marked it and its words name
    no known field ("What we plan to do | Background"): a plan repeats its header over each table,
    and its actions do not repeat."""
    firsts = [_first_row(t) for t in tables]
    seen: dict[tuple[str, ...], int] = {}
    for f in firsts:
        seen[f] = seen.get(f, 0) + 1
    infos = []
    for i, (t, first) in enumerate(zip(tables, firsts), start=1):
        # (one label and a blank over a remarks column is a header too, when it opens several tables)
        repeated = (not t.header_rows and len(t.rows) > 1 and seen[first] >= 2 and len(first) >= 2
                    and sum(1 for x in first if x) >= 1 and label_like_row(first)
                    and sum(1 for c in t.rows[0].cells if c is not None) >= 2)
        infos.append(classify(t, i, header_repeated=repeated, settings=settings))
    _join_headers_left_alone(infos, settings)
    _read_forms_alike(infos, settings)
    return infos


def _header_alone(info: TableInfo) -> bool:
    """A table of header rows only that names three fields or more: a page break cut it from its body."""
    cols = info.columns
    return (info.kind in (TableKind.OTHER, TableKind.ACTIONS) and 0 < cols.header_rows and cols.header_rows >= info.grid.n_rows
            and sum(1 for f in cols.fields if f != "other") >= 3)


def _with_rest(row: Row, rest: Row) -> Row:
    """``row`` with the text of ``rest`` (its lines on the next page) added cell by cell."""
    cells = []
    for a, b in zip(row.cells, rest.cells):
        extra = (b.text or "").strip() if b is not None else ""
        cells.append(replace(a, text=f"{a.text} {extra}".strip()) if a is not None and extra else a)
    return replace(row, cells=tuple(cells))


def _join_headers_left_alone(infos: list[TableInfo], settings: ExtractSettings) -> None:
    """A header row left at the foot of a page, its body on the next page (a table as wide, no header
    of its own): the body is read under that header, the two mapped together as one table, so the
    header's wording and the body's cells decide each column jointly."""
    for k, (head, body) in enumerate(zip(infos, infos[1:])):
        if not _header_alone(head) or body.grid.n_cols != head.grid.n_cols or body.table.header_rows:
            continue
        if not (body.table.continues_previous or (head.table.page is not None and body.table.page == head.table.page + 1)):
            continue
        head_rows, body_rows = list(head.table.rows), list(body.table.rows)
        if body_rows and body_rows[0].cut_from_previous:  # the header row's last lines, cut by the break
            head_rows[-1] = _with_rest(head_rows[-1], body_rows.pop(0))
        rows = tuple(replace(r, is_header=True) for r in head_rows) + tuple(body_rows)
        joined = replace(body.table, rows=rows, continues_previous=head.table.continues_previous)
        info = classify(joined, body.index, settings=settings)
        if info.kind != TableKind.ACTIONS:
            continue
        info.columns = replace(info.columns, notes=info.columns.notes + (
            f"read under the header row of table {head.index}, left alone at the foot of the page before",))
        infos[k + 1] = info
        head.columns = replace(head.columns, notes=head.columns.notes + (
            f"a header row alone: the header of table {body.index}, on the next page",))


def _read_forms_alike(infos: list[TableInfo], settings: ExtractSettings = DEFAULT) -> None:
    """Forms of one action each, labelled alike (the same labels in the same order, table after
    table), are mapped together: their blocks pooled into one form, whose labels the values of every
    block show, as a table's column shows by its many rows. Each such table not read as actions or
    as a side table of its own is then a form of actions when the pooled reading finds one."""
    groups: dict[tuple, list[TableInfo]] = {}
    for info in infos:
        if info.kind in (TableKind.OTHER, TableKind.ACTION_FORM, TableKind.INDICATORS):
            keys = label_keys(info.grid, settings)
            if keys is not None and len(set(keys)) == len(keys):
                groups.setdefault((keys, info.grid.n_cols), []).append(info)
    for members in groups.values():
        if len(members) < 2:
            continue
        pooled = read_form(Grid(Table(rows=tuple(r for m in members for r in m.table.rows))), settings=settings)
        if not is_action_form(pooled):
            continue
        for info in members:
            own = read_form(info.grid, mapped=pooled.columns, settings=settings)
            if own is None or not is_action_form(own) or actions_score(own.columns) <= info.scores.get(
                    TableKind.ACTIONS, 0.0):
                continue
            note = f"labels mapped on the {len(members)} forms labelled alike (tables {', '.join(str(m.index) for m in members)})"
            info.form = replace(own, columns=replace(own.columns, notes=own.columns.notes + (note,)))
            info.scores[TableKind.ACTION_FORM] = max(settings.form_score, info.scores.get(TableKind.ACTIONS, 0.0) + 0.1)
            info.kind = TableKind.ACTION_FORM
        _join_form_cut_by_page(infos, members, pooled, settings)


def _join_form_cut_by_page(infos: list[TableInfo], members: list[TableInfo], pooled, settings: ExtractSettings) -> None:
    """A form of the kind ``members`` are, cut by a page break into two tables that no reader marked as
    one (the second at the top of the next page): the first part holds the first labels, the second
    the rest, in the members' order. The two are read as one form, like the members."""
    keys = label_keys(members[0].grid, settings)
    for a, b in zip(infos, infos[1:]):
        # (whatever kind each part alone was judged: a label and its value alone may pass for a glossary)
        if a in members or b in members or TableKind.ACTIONS in (a.kind, b.kind):
            continue
        if a.grid.n_cols != b.grid.n_cols or a.table.page is None or b.table.page != a.table.page + 1:
            continue
        head, tail = label_keys(a.grid, settings, min_rows=1), label_keys(b.grid, settings, min_rows=1)
        if head is None or tail is None or head + tail != keys:
            continue
        joined = Table(rows=a.table.rows + b.table.rows, page=a.table.page, continues_previous=a.table.continues_previous)
        grid = Grid(joined)
        form = read_form(grid, mapped=pooled.columns, settings=settings)
        if not is_action_form(form):
            continue
        note = f"a form cut by the page break: tables {a.index} and {b.index} read as one, labelled as tables " \
               f"{', '.join(str(m.index) for m in members[:5])}{'…' if len(members) > 5 else ''}"
        a.table, a.grid, a.kind = joined, grid, TableKind.ACTION_FORM
        a.form = replace(form, columns=replace(form.columns, notes=form.columns.notes + (note,)))
        a.scores[TableKind.ACTION_FORM] = max(settings.form_score, a.scores.get(TableKind.ACTIONS, 0.0) + 0.1)
        b.kind = TableKind.FORM_CONTINUED


#: kinds of table a form cut by a page break may have been given, part by part
_FORM_PART_KINDS = (TableKind.ACTION_FORM, TableKind.OTHER, TableKind.INDICATORS)


def join_split_forms(infos: list[TableInfo], settings: ExtractSettings = DEFAULT) -> None:
    """A form of actions cut by a page break: the part after the break (a table that continues
    the previous one, with as many columns) is read together with the part before it. When
    together they are a form, the first part becomes the whole form and the later part is
    marked "form-continued" (read with it, not again)."""
    head: Optional[TableInfo] = None
    for info in infos:
        if (head is not None and info.table.continues_previous and info.grid.n_cols == head.grid.n_cols
                and info.kind in _FORM_PART_KINDS):
            joined = Table(rows=head.table.rows + info.table.rows, page=head.table.page,
                           continues_previous=head.table.continues_previous)
            grid = Grid(joined)
            form = read_form(grid, settings=settings)
            if is_action_form(form):
                head.table, head.grid, head.form, head.kind = joined, grid, form, TableKind.ACTION_FORM
                info.kind = TableKind.FORM_CONTINUED
                continue
        head = info if info.kind in _FORM_PART_KINDS else None


def action_score(info: TableInfo) -> float:
    """How action-like ``info``'s table is: its score as actions, read as a table or as a form of
    labelled rows (0 without an action column either way)."""
    as_form = actions_score(info.form.columns) if info.form is not None else 0.0
    return max(info.scores.get(TableKind.ACTIONS, 0.0), as_form)


def _header_key(info: TableInfo) -> Optional[tuple[str, ...]]:
    """The table's header wording, column by column, lower-cased; None without a header row."""
    cols = info.columns
    if not cols.header_rows:
        return None
    return tuple(" ".join(h.lower().split()) for h in cols.headers)


def _promote(info: TableInfo, why: str) -> None:
    info.kind = TableKind.ACTIONS
    info.columns = replace(info.columns, notes=info.columns.notes + (why,))


def choose_relatively(infos: list[TableInfo], actions_elsewhere: bool, settings: ExtractSettings = DEFAULT) -> None:
    """Decide by comparison within the document, where the scores against fixed kinds left
    action content unread.

    * Tables of one plan headed alike are read alike: a table whose header row is word for
      word that of a table read as actions, and which has an action column, holds actions too
      (a short table of the same plan has less content to show it).
    * A document that yields no actions otherwise (no action table or form, ``actions_elsewhere``
      false: no actions written as paragraphs) is read from its most action-like table: the one
      with the highest score as actions, with every table headed as it is. The rows carry a
      warning, since the evidence was weak (no lead, date, RAG or progress column beside the
      actions, or a header that names no field).
    """
    chosen = [i for i in infos if i.kind in (TableKind.ACTIONS, TableKind.ACTION_FORM)]
    candidates = [i for i in infos if i.kind == TableKind.OTHER and i.columns.has("action")
                  and action_score(i) > 0 and i.scores.get(TableKind.OTHER, 0.0) <= settings.other_default]
    if not candidates:
        return
    if not chosen and not actions_elsewhere:
        best = max(candidates, key=action_score)
        _promote(best, f"read as actions: the most action-like table in the document (score "
                       f"{action_score(best):.2f} as actions, against {settings.other_default:.2f} for other tables; "
                       f"no table, form or list scored as actions)")
        chosen = [best]
    headed = {k: i.index for i in chosen if i.kind == TableKind.ACTIONS and (k := _header_key(i)) is not None}
    for info in candidates:
        key = _header_key(info)
        if info.kind == TableKind.OTHER and key in headed:
            _promote(info, f"read as actions: headed word for word as table {headed[key]}, which holds actions")


def map_alike(infos: list[TableInfo], settings: ExtractSettings = DEFAULT) -> None:
    """Tables of one plan headed word for word alike are mapped alike: their body rows are pooled
    under the header and the columns mapped once on all of them (a table of one row cannot show
    that its "Milestones" column holds actions, not dates; three short tables together can show
    that a column merged over each one's rows is their outcome)."""
    groups: dict[tuple[str, ...], list[TableInfo]] = {}
    for info in infos:
        key = _header_key(info)
        if info.kind == TableKind.ACTIONS and key is not None:
            groups.setdefault((key, info.grid.n_cols, info.columns.header_rows), []).append(info)
    for members in groups.values():
        if len(members) < 2:
            continue
        n_header = members[0].columns.header_rows
        pooled = Table(rows=members[0].table.rows[:n_header]
                       + tuple(r for m in members for r in m.table.rows[n_header:]))
        cols = map_columns(Grid(pooled), n_header=n_header, settings=settings)
        # a column keeps the field most of the tables' rows give it (refs numbered afresh in each
        # table look repeated once pooled); the pooled rows decide where no field has most rows
        fields, how = list(cols.fields), list(cols.how)
        weight = sum(m.grid.n_rows - n_header for m in members)
        for c in range(len(fields)):
            votes: dict[str, int] = {}
            for m in members:
                votes[m.columns.fields[c]] = votes.get(m.columns.fields[c], 0) + m.grid.n_rows - n_header
            field, most = max(votes.items(), key=lambda kv: kv[1])
            if 2 * most > weight:  # the tables' own mappings, by their rows, where most agree
                fields[c] = field
                how[c] = next(m.columns.how[c] for m in members if m.columns.fields[c] == field)
        named = [f for f in fields if f != "other"]
        if "action" not in fields or len(named) != len(set(named)):
            continue
        note = f"columns mapped on the rows of tables {', '.join(str(m.index) for m in members)}, headed alike"
        for info in members:
            if list(info.columns.fields) == fields:
                continue
            own = tuple(n for n in info.columns.notes if n.startswith("read as actions"))  # why it is an action table
            info.columns = replace(info.columns, fields=tuple(fields), how=tuple(how),
                                   notes=own + tuple(n for n in cols.notes if n not in own) + (note,))


def action_ranks(infos: list[TableInfo]) -> dict[int, tuple[int, int]]:
    """Per table index, (rank, of how many) among the document's tables by score as actions."""
    ranked = sorted(infos, key=lambda i: (-action_score(i), i.index))
    return {info.index: (n, len(ranked)) for n, info in enumerate(ranked, start=1)}
