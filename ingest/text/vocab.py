"""Vocabulary of the text readers, kept as data: what converters and exports leave behind
that varies from one tool (or council template) to the next. Add a line here, not a branch
in the code."""
from __future__ import annotations

import re

#: words a title does not end with (a line cut mid-phrase ends with them): one list, kept beside the
#: header-row detector (:mod:`actionplans.header_rows`) that tells section titles by it
from actionplans.header_rows import DANGLING_WORDS  # noqa: F401

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

#: page markers that say where a page starts: (pattern, offset); the page after the marker is
#: ``n + offset`` when the pattern has a group ``n``, else the page before it plus one
PAGE_BREAKS: tuple[tuple[re.Pattern, int], ...] = tuple((re.compile(p, re.I), k) for p, k in (
    (r"\s*\{(?P<n>\d+)\}-{3,}\s*", 1),                       # marker: "{0}---" opens page index 0
    (r"\s*page\s+(?P<n>\d+)(\s+of\s+\d+)?\s*", 1),            # a footer closes page n
    (r"\s*<!--\s*page[\s:=-]*(?P<n>\d+)\s*-->\s*", 0),          # "<!-- page 3 -->" opens page 3
    (r"\s*<!--\s*page\s*break\s*-->\s*|\s*\[?\s*page\s*break\s*\]?\s*", 0),
))

#: inline converter anchors removed from any line
INLINE_JUNK = re.compile(r"<span\s+id=\"page-[^\"]*\"\s*>\s*</span>|<a\s+id=\"[^\"]*\"\s*>\s*</a>", re.I)

#: glyphs that open a list item at the start of a line
BULLETS = "-*+•▪◦●○■□➢➤►▶>–·"

#: glyphs a converter may split off a cell's list into a cell of their own
SPLIT_BULLETS = frozenset("•▪◦●○■□➢➤►▶·")

