"""The HTML reader walks lxml's tree; a page too deep for libxml2's tree is read through the
parser's events into plain nodes, and both roads give the same Document."""
from __future__ import annotations

import pytest

from actionplans.ingest.html import parse
from actionplans.ingest.html import tree
from actionplans.model import Heading, ListItem, Paragraph, Table

PAGE = """<!DOCTYPE html><html><head><title>Plan <!--draft--> title</title>
<style>* * td.rag {background-color: #FF0000} th {font-weight: normal} .b {font-weight: bold}</style>
<meta name="dc.title" content="Plan   from the metadata">
</head><body>
<h1>Improvement plan</h1>
<p>Intro <!-- a comment --> text<?php echo 1 ?> goes on<br>second line</p>
<ul><li>first<li class="b">second<ol start="3"><li>third</ol></ul>
<table><caption>Actions</caption>
<thead><tr><th>Ref</th><th>Action</th><th>RAG</th></tr></thead>
<tr><td>1.1</td><td>Audit <b>all</b> files<!--x--></td><td class="rag">R</td></tr>
<tr><td rowspan="2">1.2</td><td>Train staff</td><td>G</td></tr>
<tr><td colspan="2">Spans two</td></tr>
</table>
<pre>  kept   as
 written</pre>
</body></html>"""


def _depth_page(depth: int) -> str:
    return ("<html><body>" + "<div><span>" * depth + "deep <!--c-->text <b>bold</b>" + "</span></div>" * depth
            + "<p>after</p></body></html>")


def test_the_events_road_gives_the_tree_roads_document(monkeypatch):
    by_tree = parse(PAGE)
    monkeypatch.setattr(tree, "_DEEP", 0)  # every page through the parser's events
    by_events = parse(PAGE)
    assert by_events == by_tree
    kinds = [type(b) for b in by_tree.blocks]
    assert kinds[:2] == [Heading, Paragraph] and ListItem in kinds and Table in kinds
    assert by_tree.blocks[1].text == "Intro text goes on\nsecond line"
    table = by_tree.tables[0]
    assert table.rows[1].cells[1].text == "Audit all files"
    assert table.rows[1].cells[2].fill == "#FF0000"  # * * td.rag: two ancestors, both elements
    assert table.rows[2].cells[0].rowspan == 2 and table.rows[3].cells[1].colspan == 2
    assert by_tree.title == "Plan from the metadata"  # before the <title> element


def test_a_page_deeper_than_libxml2_builds_is_read_whole():
    depth = 2500  # 5000 nested elements: libxml2 stops its tree at 2048
    root = tree.parse_markup(_depth_page(depth))
    assert isinstance(root, tree._Node)
    blocks = parse(_depth_page(depth)).blocks
    assert [b.text for b in blocks] == ["deep text bold", "after"]


def test_a_shallow_page_stays_lxmls_tree():
    root = tree.parse_markup(_depth_page(50))
    assert isinstance(root, tree.Element)
    assert [b.text for b in parse(_depth_page(50)).blocks] == ["deep text bold", "after"]


def test_nodes_offer_what_the_reader_uses():
    root = tree._parse_events("<html><body><p id=x>a<!--c-->b<i>c</i>d</p><table><caption>t</caption>"
                              "</table></body></html>")
    p = next(root.iter("p"))
    assert p.get("id") == "x" and p.get("class") is None and p.getparent().tag == "body"
    assert list(tree.children(p))[0] == "ab" and [c.tag for c in tree.elements(p)] == ["i"]
    assert tree.text_of(root) == "abcdt"
    assert next(root.iter("table")).find("caption").tag == "caption"
    assert [n.tag for n in root.iter()] == ["html", "body", "p", "i", "table", "caption"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_a_page_with_no_markup_is_an_empty_document(text):
    doc = parse(text)
    assert doc.blocks == () and doc.title is None
