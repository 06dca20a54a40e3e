"""The parsed page as the reader walks it: lxml elements, read directly.

The markup is parsed by libxml2's HTML parser fed the whole text at once (lxml's
``HTMLParser.feed``), the parser BeautifulSoup's "lxml" builder drives too: the same elements,
attributes and texts, without building a second tree of Python objects over them (that was
half the time of reading a page). What the reader needs of a node:

- :func:`children`: an element's content in reading order, texts (``str``) and elements; a
  comment or processing instruction is left out, the text after it kept;
- :func:`elements`: its child elements only;
- :func:`text_of`: all the text inside it (no comments);
- :class:`Page`: the document above the root element, walked when a page has no <body>.

libxml2 builds its tree only so deep (2048 elements with ``huge_tree``) and silently drops the
rest of a page nested deeper; such a page (hostile, or broken beyond repair) is read through the
parser's events into a tree of plain Python nodes (:class:`_Node`) with no depth limit, as
BeautifulSoup read it. ``huge_tree`` also lifts libxml2's 10 MB limit on one text, which the
event interface never had.
"""
from __future__ import annotations

from typing import Iterator, Optional, Union

from lxml import etree

__all__ = ["Element", "Node", "Page", "children", "elements", "parse_markup", "text_of"]

Element = etree._Element
#: a tree whose last element lies this deep may have been cut short by libxml2's depth limit
_DEEP = 2000


class Page:
    """The document node: its one child is the root element (as BeautifulSoup's soup object,
    whose name is "[document]"); text after the root element is read too."""

    tag = "[document]"

    def __init__(self, root: Optional[Element]):
        self.root = root

    def get(self, name: str, default=None):
        return default


Node = Union[Element, "_Node", Page]


def parse_markup(text: str) -> "Optional[Element | _Node]":
    """The root element of ``text`` read as HTML (None for a page with no markup at all)."""
    parser = etree.HTMLParser(huge_tree=True)
    parser.feed(text)
    root = parser.close()
    if root is not None and _last_depth(root) >= _DEEP:
        return _parse_events(text)
    return root


def _last_depth(root: Element) -> int:
    """How deep the last element of the tree lies (where libxml2 stopped, if it stopped)."""
    depth, node = 0, root
    while len(node):
        node = node[-1]
        depth += 1
    return depth


class _Node:
    """An element of a page read through the parser's events: what the reader uses of lxml's
    elements (tag, text, tail, attributes, children, parent), with no depth limit; comments
    and processing instructions are left out (the texts around them are kept, joined)."""

    __slots__ = ("tag", "attrib", "text", "tail", "_children", "_parent")

    def __init__(self, tag: str, attrib: dict, parent: "Optional[_Node]"):
        self.tag, self.attrib, self.text, self.tail = tag, attrib, None, None
        self._children: list[_Node] = []
        self._parent = parent

    def get(self, name: str, default=None):
        return self.attrib.get(name, default)

    def getparent(self) -> "Optional[_Node]":
        return self._parent

    def __iter__(self):
        return iter(self._children)

    def __len__(self) -> int:
        return len(self._children)

    def find(self, tag: str) -> "Optional[_Node]":
        return next((c for c in self._children if c.tag == tag), None)

    def iter(self, tag: Optional[str] = None) -> "Iterator[_Node]":
        stack = [self]
        while stack:
            node = stack.pop()
            if tag is None or node.tag == tag:
                yield node
            stack.extend(reversed(node._children))

    def itertext(self) -> Iterator[str]:
        stack: list = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                yield item
                continue
            if item.text:
                yield item.text
            for child in reversed(item._children):
                if child.tail:
                    stack.append(child.tail)
                stack.append(child)


class _Events:
    """lxml parser target building :class:`_Node` trees."""

    def __init__(self):
        self.root: Optional[_Node] = None
        self._open: list[_Node] = []
        self._last: Optional[_Node] = None  # the node whose tail (after its end) or text (inside) grows
        self._in_last = False

    def start(self, tag, attrib):
        parent = self._open[-1] if self._open else None
        node = _Node(tag, dict(attrib), parent)
        if parent is not None:
            parent._children.append(node)
        elif self.root is None:
            self.root = node
        self._open.append(node)
        self._last, self._in_last = node, True

    def end(self, tag):
        if self._open:
            self._last, self._in_last = self._open.pop(), False

    def data(self, text):
        node = self._last
        if node is None:
            return
        if self._in_last:
            node.text = (node.text or "") + text
        else:
            node.tail = (node.tail or "") + text

    def comment(self, text):
        pass

    def pi(self, target, data=None):
        pass

    def doctype(self, *args):
        pass

    def close(self):
        return self.root


def _parse_events(text: str) -> Optional[_Node]:
    parser = etree.HTMLParser(target=_Events(), huge_tree=True)
    parser.feed(text)
    return parser.close()


def children(node: Node) -> Iterator[Union[str, Element]]:
    if isinstance(node, Page):
        if node.root is not None:
            yield node.root
            if node.root.tail:
                yield node.root.tail
        return
    if node.text:
        yield node.text
    for child in node:
        if isinstance(child.tag, str):  # comments, processing instructions and entities have a function as tag
            yield child
        if child.tail:
            yield child.tail


def elements(node: Element) -> Iterator[Element]:
    for child in node:
        if isinstance(child.tag, str):
            yield child


def text_of(node: Element) -> str:
    return "".join(node.itertext())
