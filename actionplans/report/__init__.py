"""Self-contained HTML reports: the page shell (:mod:`.page`) and inline SVG charts (:mod:`.charts`)."""
from .page import RAG_COLOURS, RAG_LABELS, RAG_ORDER, Section, data_table, esc, filter_link, rag_badge, render_page

__all__ = ["render_page", "Section", "data_table", "esc", "filter_link", "rag_badge", "RAG_COLOURS", "RAG_LABELS",
           "RAG_ORDER"]
