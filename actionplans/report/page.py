"""The HTML page shell of the reports: one self-contained file (CSS and script inline, charts as
inline SVG, no network), sortable and filterable tables, and the RAG palette.

Used by ``actionplans compare`` and meant for any other report (e.g. ``actionplans diff``)::

    from actionplans.report.page import Section, data_table, render_page

    body = data_table(["authority", "actions"], [["Walsall", 57]], caption="Actions", numeric={"actions"})
    html = render_page("My report", [Section("overview", "Overview", body, intro="One row per plan.")])

Every ``table.data`` in the page gets a filter box and sortable headers from ``assets/page.js``,
and a menu per column named in ``data_table(menus=...)``; a link made by :func:`filter_link`
fills another table's filter box (e.g. a matrix cell leading to its rows). Headline numbers go
in :func:`figures`; ``<del>``/``<ins>`` in a cell mark words taken out and put in (struck
through and underlined, not tint alone). Text put in the page must go through :func:`esc`
(``data_table`` does it).
"""
from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Optional, Sequence

#: RAG ratings in reading order, and the label shown for a blank rating
RAG_ORDER = ("Red", "Amber", "Green", "Blue", "Grey", "")
RAG_LABELS = {"Red": "Red", "Amber": "Amber", "Green": "Green", "Blue": "Blue (complete)", "Grey": "Grey (not started)",
              "": "No RAG"}
#: Okabe-Ito colours, told apart by readers with any common colour-vision deficiency; every
#: use also writes the label (legend, tooltip, table), so colour is never the only cue
RAG_COLOURS = {"Red": "#D55E00", "Amber": "#E69F00", "Green": "#009E73", "Blue": "#0072B2", "Grey": "#999999",
               "": "#FFFFFF"}
#: text colour readable on each RAG colour
RAG_INK = {"Red": "#000000", "Amber": "#000000", "Green": "#000000", "Blue": "#FFFFFF", "Grey": "#000000",
           "": "#000000"}
#: a light-to-dark sequence for ordered categories (e.g. how late), also safe for colour-blind readers
SEQUENTIAL = ("#FDE0A2", "#F5A54A", "#D55E00", "#7A2E00")
SEQUENTIAL_INK = ("#000000", "#000000", "#000000", "#FFFFFF")

#: the content security policy of a report, ``{script}`` being the hash of its one script
#: (:func:`script_hash`). A report must never fetch anything: every request is forbidden but the
#: page's own inline parts; of scripts, only the page's own runs (one injected into the page, or an
#: event handler attribute, would not), and no ``<base>`` or form can send anything anywhere. Styles
#: stay inline ('unsafe-inline'): the RAG badges and chart labels carry their colours in style
#: attributes, which a hash cannot allow.
CSP = ("default-src 'none'; script-src {script}; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class Section:
    """One section of the page: ``body`` is HTML (already escaped), ``intro`` plain text."""

    id: str
    title: str
    body: str
    intro: str = ""


@dataclass(frozen=True)
class Figure:
    """One headline number of a report (a card): ``alert`` marks a non-zero count that is bad news."""

    value: int
    label: str
    alert: bool = False


def esc(value) -> str:
    """Text for HTML content or a quoted attribute; None and NaN are blank."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The text of ``assets/<name>`` (page.css, page.js)."""
    return resources.files("actionplans.report").joinpath("assets", name).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly the inline script ``script`` ('sha256-<base64>'), computed
    from its text as it is put between the script tags (UTF-8)."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str) -> str:
    """The policy of a page whose one script is ``script``."""
    return CSP.format(script=script_hash(script))


def rag_badge(rag: str) -> str:
    """A RAG value as a coloured, labelled badge."""
    rag = rag if rag in RAG_COLOURS else ""
    return (f'<span class="rag" style="background:{RAG_COLOURS[rag]};color:{RAG_INK[rag]}">'
            f'{esc(RAG_LABELS[rag])}</span>')


def legend(items: Sequence[tuple[str, str]]) -> str:
    """A legend of (label, colour) swatches."""
    keys = "".join(f'<span class="key"><span class="sw" style="background:{esc(colour)}"></span>{esc(label)}</span>'
                   for label, colour in items)
    return f'<div class="legend">{keys}</div>'


def rag_legend() -> str:
    return legend([(RAG_LABELS[r], RAG_COLOURS[r]) for r in RAG_ORDER])


def figures(items: Sequence[Figure]) -> str:
    """Headline numbers as a row of cards, the number large and its label under it. An alert card
    is edged in vermillion and says so in its text (for screen readers), not by colour alone."""
    cards = []
    for f in items:
        alert = f.alert and bool(f.value)
        flag = '<span class="visually-hidden"> (attention)</span>' if alert else ""
        cards.append(f'<div class="card{" alert" if alert else ""}"><b>{esc(fmt_number(f.value))}</b>'
                     f'<span>{esc(f.label)}</span>{flag}</div>')
    return f'<div class="cards">{"".join(cards)}</div>'


def fmt_number(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) and abs(value) >= 1000 else f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def plural(n: int, singular: str, plural_form: str = "", number: bool = True) -> str:
    """``n`` with the noun that agrees with it: "1 plan", "2 plans", "1 authority", "3 authorities"
    (``plural_form`` when adding -s/-ies is wrong); the noun alone when not ``number``."""
    if n == 1:
        word = singular
    elif plural_form:
        word = plural_form
    elif singular.endswith("y") and singular[-2:-1] not in ("a", "e", "o", "u"):
        word = singular[:-1] + "ies"
    else:
        word = singular + "s"
    return f"{fmt_number(int(n) if float(n).is_integer() else n)} {word}" if number else word


def filter_link(text_html: str, table_id: str, query: str, title: str = "") -> str:
    """A link that fills table ``table_id``'s filter box with ``query`` and scrolls to it."""
    t = f' title="{esc(title)}"' if title else ""
    return (f'<a class="cell" href="#{esc(table_id)}" data-filter-table="{esc(table_id)}" '
            f'data-filter="{esc(query)}"{t}>{text_html}</a>')


def quoted(text: str) -> str:
    """``text`` as one filter term (the filter matches quoted words together); a quote or backslash
    in it is escaped with a backslash, as page.js reads it."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


#: shades of a matrix cell (classes h1..h9 of page.css, light to dark)
HEAT_LEVELS = 9


def heat_cell(value: int, top: int, link: bool = False) -> str:
    """A count in a matrix, shaded by its size against ``top`` (the number is always written).
    With ``link``, in a :func:`data_table` given ``link_table``, a click filters that table to the
    cell's row and column."""
    if not value:
        return ""
    level = 1 + min(HEAT_LEVELS - 1, int((HEAT_LEVELS - 1) * value / max(top, 1)))
    text = f"{value:,}"
    return f'<span class="h{level}">{f"<a href=#>{text}</a>" if link else text}</span>'


def data_table(columns: Sequence[str], rows: Iterable[Sequence], *, caption: str, table_id: str = "",
               numeric: Iterable[str] = (), html_columns: Iterable[str] = (), text_columns: Iterable[str] = (),
               sort_values: Optional[Mapping[str, Sequence]] = None, note: str = "", link_table: str = "",
               link_column: str = "", menus: Optional[Mapping[str, Sequence[str]]] = None, sticky: bool = False,
               nowrap: Iterable[str] = ()) -> str:
    """A sortable, filterable table. Cells are escaped except in ``html_columns`` (give those
    already-escaped HTML, e.g. a :func:`rag_badge`); ``numeric`` columns are right-aligned and sort
    as numbers; ``text_columns`` are the long prose ones (wider). ``sort_values`` gives, per column,
    the values to sort by when the shown text is not (one per row). ``link_table``: a link in a
    cell (see :func:`heat_cell`) filters that table to the rows whose field named like this table's
    first header is the cell's row name and whose ``link_column`` is the cell's column header.
    ``menus``: columns that get a menu beside the filter box, offering the values found in the
    column with their counts; the values listed come first in that order (the others after,
    in table order). ``sticky``: the first column stays in view when the table scrolls sideways
    (a wide table whose rows are named by it). ``nowrap`` columns are not broken across lines
    (dates)."""
    numeric, html_cols, text_cols, nowrap = set(numeric), set(html_columns), set(text_columns), set(nowrap)
    sort_values, menus = sort_values or {}, menus or {}

    def th(c: str) -> str:
        menu = f' data-menu="{esc(chr(10).join(menus[c]))}"' if c in menus else ""
        return f'<th scope="col"{" class=n" if c in numeric else ""}{menu}>{esc(c)}</th>'

    head = "".join(th(c) for c in columns)
    link = f' data-link-table="{esc(link_table)}" data-link-column="{esc(link_column)}"' if link_table else ""
    ident = f' id="{esc(table_id)}"' if table_id else ""
    klass = "data sticky-first" if sticky else "data"
    out = [f'<div class="table-wrap"><table class="{klass}"{ident}{link}>',
           f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>"]
    cls = ["n" if c in numeric else "text" if c in text_cols else "nw" if c in nowrap else "" for c in columns]
    sv = [sort_values.get(c) for c in columns]
    for i, row in enumerate(rows):
        cells = []
        for j, (c, value) in enumerate(zip(columns, row)):
            shown = value if c in html_cols else esc(fmt_number(value) if c in numeric else value)
            attrs = f' class="{cls[j]}"' if cls[j] else ""
            if sv[j] is not None:  # numbers sort by their text (thousands commas ignored) unless told
                attrs += f' data-v="{esc(sv[j][i])}"'
            cells.append(f"<td{attrs}>{shown}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    if note:
        out.append(f'<p class="note">{esc(note)}</p>')
    return "".join(out)


def render_page(title: str, sections: Sequence[Section], *, subtitle: Sequence[str] = ()) -> str:
    """The whole page: header (``title`` and ``subtitle`` lines, plain text), a table of contents,
    the sections in order. Self-contained: inline CSS and script, a content security policy that
    forbids every network request."""
    toc = "".join(f'<a href="#{esc(s.id)}">{esc(s.title)}</a>' for s in sections)
    body = []
    for s in sections:
        intro = f'<p class="intro">{esc(s.intro)}</p>' if s.intro else ""
        body.append(f'<section class="report" id="{esc(s.id)}" aria-labelledby="{esc(s.id)}-h">'
                    f'<h2 id="{esc(s.id)}-h">{esc(s.title)}</h2>{intro}{s.body}</section>')
    subtitle_html = "".join(f"<p>{esc(line)}</p>" for line in subtitle)
    script = asset("page.js")
    if "</script" in script.lower():  # would end the script element early (and break its hash)
        raise ValueError("page.js must not contain '</script'")
    return ("<!DOCTYPE html>\n"
            '<html lang="en-GB"><head><meta charset="utf-8"><meta name="generator" content="actionplans">'
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(script)}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{asset('page.css')}</style></head>\n"
            f'<body><header class="page"><h1>{esc(title)}</h1>{subtitle_html}</header>'
            f'<nav class="toc" aria-label="Sections">{toc}</nav><main>\n'
            + "\n".join(body)
            + f"\n</main><script>{script}</script></body></html>\n")
