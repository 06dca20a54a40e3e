"""Self-contained HTML reports: the page shell (:mod:`.page`) and inline SVG charts (:mod:`.charts`).

    from actionplans.report import Section, charts, data_table, render_page

    chart = charts.stacked_bars([("Walsall", [3, 5])], ["Red", "Green"], ["#D55E00", "#009E73"], ["#000", "#000"],
                                title="RAG mix", desc="One bar: 3 Red, 5 Green.")
    table = data_table(["authority", "Red", "Green"], [["Walsall", 3, 5]], caption="RAG mix", numeric={"Red", "Green"})
    html = render_page("Report", [Section("mix", "RAG mix", chart + table)])
"""
from . import charts
from .page import (RAG_COLOURS, RAG_INK, RAG_LABELS, RAG_ORDER, SEQUENTIAL, SEQUENTIAL_INK, Figure, Section, data_table,
                   esc, figures, filter_link, heat_cell, legend, plural, quoted, rag_badge, rag_legend, render_page)

__all__ = ["render_page", "Section", "Figure", "figures", "data_table", "heat_cell", "esc", "filter_link", "quoted",
           "plural", "rag_badge", "legend", "rag_legend", "charts", "RAG_COLOURS", "RAG_INK", "RAG_LABELS", "RAG_ORDER",
           "SEQUENTIAL", "SEQUENTIAL_INK"]
