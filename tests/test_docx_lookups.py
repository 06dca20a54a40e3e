"""The DOCX reader's per-style look-ups are answered once per style, and the whitespace
collapse's fast road gives what the regular expression gives."""
from __future__ import annotations

import random

from lxml import etree

from actionplans.ingest.common import _SPACE, collapse
from actionplans.ingest.docx.styles import W_NS, Styles

STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Strong"><w:name w:val="Strong para"/><w:basedOn w:val="Normal"/>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Child"><w:name w:val="Child"/><w:basedOn w:val="Strong"/></w:style>
  <w:style w:type="paragraph" w:styleId="NotBold"><w:name w:val="Not bold"/><w:basedOn w:val="Child"/>
    <w:rPr><w:b w:val="0"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Under"><w:name w:val="Under heading"/><w:basedOn w:val="H2"/></w:style>
</w:styles>"""


def test_style_lookups_follow_the_chain_and_stay_the_same_when_asked_again():
    styles = Styles(etree.fromstring(STYLES))
    for _ in range(2):  # the second round is answered from the memo
        assert styles.bold("Strong") is True
        assert styles.bold("Child") is True  # through basedOn
        assert styles.bold("NotBold") is False
        assert styles.bold("Normal") is None and styles.bold("Missing") is None and styles.bold(None) is None
        assert styles.heading_level("Under") == 2 and styles.heading_level("Child") is None
        assert styles.numbering("Under") == ("7", 1)
        assert styles.numbering("Child") == (None, None)
        assert styles.numbering(None) == (None, None)  # the default paragraph style's


def test_collapse_fast_road_is_the_regular_expression():
    chars = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2007\u2028\u202f\u3000\u200b\ufeffab.é"
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        assert collapse(text) == _SPACE.sub(" ", text).strip(), repr(text)
    assert collapse("  a\u00a0\u00a0b \u200b c\ufeff ") == "a b c"


def test_styles_are_parsed_when_first_asked_for():
    styles = Styles(etree.fromstring(STYLES))
    assert styles._styles == {} and styles.default_paragraph == "Normal"
    assert styles.bold("Child") is True
    assert set(styles._styles) == {"Child", "Strong"}  # the chain up to the first style that says
    assert styles.name("Child") == "Child" and styles.name("Missing") == "Normal"  # unknown: the default's
    assert styles.paragraph_bold(None) is False and styles.paragraph_bold("NotBold") is False
