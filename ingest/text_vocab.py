"""Vocabulary of the text readers, kept as data: what converters and exports leave behind
that varies from one tool (or council template) to the next. Add a line here, not a branch
in the code."""
from __future__ import annotations

import re

#: whole lines that are page furniture left by converters (dropped; they mark a page end)
PAGE_MARKER_PATTERNS: tuple[str, ...] = (
    r"\s*page\s+\d+(\s+of\s+\d+)?\s*",          # "Page 3 of 12" footers
    r"\s*\{\d+\}-{3,}\s*",                       # marker's paginate separator "{3}------"
    r"\s*<!--\s*(page\s*break|page[\s:=-]*\d+|pagebreak|image)\s*-->\s*",  # docling / Azure comments
    r"\s*\[?\s*page\s*break\s*\]?\s*",
    r"\s*-{3,}\s*|\s*\*{3,}\s*|\s*_{3,}\s*",     # thematic breaks between converted pages
    r"\s*!\[[^\]]*\]\([^)]*\)\s*",               # a line that is only an image link
)
PAGE_MARKERS: tuple[re.Pattern, ...] = tuple(re.compile(p, re.I) for p in PAGE_MARKER_PATTERNS)

#: inline converter anchors removed from any line
INLINE_JUNK = re.compile(r"<span\s+id=\"page-[^\"]*\"\s*>\s*</span>|<a\s+id=\"[^\"]*\"\s*>\s*</a>", re.I)

#: glyphs that open a list item at the start of a line
BULLETS = "-*+•▪◦●○■□➢➤►▶>–·"

#: glyphs a converter may split off a cell's list into a cell of their own
SPLIT_BULLETS = frozenset("•▪◦●○■□➢➤►▶·")

#: words a title does not end with (a line cut mid-phrase ends with them); used to tell a
#: full-width section row from the first line of a cell that runs on
DANGLING_WORDS = frozenset({"and", "or", "of", "to", "the", "a", "an", "for", "in", "on", "with", "by", "at",
                            "from", "st", "as", "that", "which", "is", "are", "be"})
