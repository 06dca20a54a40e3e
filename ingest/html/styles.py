"""The small part of CSS an exported plan relies on: rules from <style> blocks with simple
selectors, inline ``style=""`` attributes, and the cascade between them.

Supported selectors: ``tag``, ``.cls``, ``tag.cls``, ``.a.b``, ``#id``, ``*`` and
descendant chains of those (``table.x td``), in comma-separated lists. Rules with other
combinators, attribute selectors or pseudo-classes are ignored rather than guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .tree import Element

MAX_ANCESTORS = 64  # how far up a descendant selector looks (bounds hostile nesting)
_COMMENTS = re.compile(r"/\*.*?\*/", re.S)
_COMPOUND = re.compile(r"^(?P<tag>[a-zA-Z][a-zA-Z0-9]*|\*)?(?P<rest>(?:[.#][-_a-zA-Z0-9\u00a0-\uffff]+)*)$")
_PART = re.compile(r"([.#])([-_a-zA-Z0-9\u00a0-\uffff]+)")


@dataclass(frozen=True)
class _Compound:
    tag: Optional[str]
    classes: frozenset[str]
    ident: Optional[str]

    @property
    def universal(self) -> bool:
        """``*`` alone: it matches any node, the document above the root element included."""
        return not (self.tag or self.classes or self.ident)

    def matches(self, el: Element) -> bool:
        if self.tag and el.tag != self.tag:
            return False
        if self.ident and el.get("id") != self.ident:
            return False
        if self.classes:
            have = el.get("class") or ()
            if isinstance(have, str):
                have = have.split()
            if not self.classes.issubset(have):
                return False
        return True


@dataclass(frozen=True)
class _Rule:
    chain: tuple[_Compound, ...]  # ancestors first, the subject last
    specificity: tuple[int, int, int]
    order: int
    declarations: tuple[tuple[str, str], ...]

    def matches(self, el: Element) -> bool:
        if not self.chain[-1].matches(el):
            return False
        wanted = len(self.chain) - 2
        node = el.getparent()
        steps = 0
        while wanted >= 0 and node is not None and steps < MAX_ANCESTORS:
            if self.chain[wanted].matches(node):
                wanted -= 1
            node = node.getparent()
            steps += 1
        if wanted >= 0 and node is None and steps < MAX_ANCESTORS and self.chain[wanted].universal:
            wanted -= 1  # above the root element: the document itself, which only ``*`` matches
        return wanted < 0


def parse_declarations(text: Optional[str]) -> dict[str, str]:
    """``"a: b; c: d"`` -> {"a": "b", "c": "d"} (property names lower-cased)."""
    out: dict[str, str] = {}
    if not text:
        return out
    for part in text.split(";"):
        name, sep, value = part.partition(":")
        if sep and name.strip():
            out[name.strip().lower()] = value.strip()
    return out


class StyleSheet:
    """The rules of a document's <style> blocks, indexed for look-up by class and tag."""

    def __init__(self, css_texts: Iterable[str]):
        self._by_class: dict[str, list[_Rule]] = {}
        self._by_tag: dict[str, list[_Rule]] = {}
        self._by_id: dict[str, list[_Rule]] = {}
        self._universal: list[_Rule] = []
        self._cache: dict[tuple, dict[str, str]] = {}
        self._styled: dict[tuple, dict[str, str]] = {}  # (key, inline style) -> the merged declarations
        order = 0
        for css in css_texts:
            for selectors, body in _rules(css):
                declarations = tuple(parse_declarations(body).items())
                if not declarations:
                    continue
                for selector in selectors.split(","):
                    chain = _parse_selector(selector)
                    if chain is None:
                        continue
                    order += 1
                    self._index(_Rule(chain, _specificity(chain), order, declarations))

    def _index(self, rule: _Rule) -> None:
        subject = rule.chain[-1]
        if subject.classes:
            self._by_class.setdefault(min(subject.classes), []).append(rule)
        elif subject.ident:
            self._by_id.setdefault(subject.ident, []).append(rule)
        elif subject.tag:
            self._by_tag.setdefault(subject.tag, []).append(rule)
        else:
            self._universal.append(rule)

    def declarations(self, el: Element) -> dict[str, str]:
        """The element's own declared properties: matching rules by specificity and order,
        then its inline style on top. Inheritance is the caller's business. The dict may be
        shared with other elements styled alike: read it, never change it."""
        ident = el.get("id")
        classes = el.get("class") or ()
        if isinstance(classes, str):
            classes = classes.split()
        key = (el.tag, ident, tuple(classes))
        cached = self._cache.get(key)
        if cached is None:
            candidates: list[_Rule] = list(self._universal)
            candidates += self._by_tag.get(el.tag, ())
            if ident:
                candidates += self._by_id.get(ident, ())
            for cls in classes:
                candidates += self._by_class.get(cls, ())
            cached = {}
            for rule in sorted((r for r in candidates if r.matches(el)), key=lambda r: (r.specificity, r.order)):
                cached.update(rule.declarations)
            if all(len(r.chain) == 1 for r in candidates):  # no rule depends on the ancestors
                self._cache[key] = cached
            else:
                key = None
        style = el.get("style")
        if not style:
            return cached
        if key is None:
            return {**cached, **_inline(style)}
        merged = self._styled.get((key, style))
        if merged is None:
            merged = self._styled[(key, style)] = {**cached, **_inline(style)}
        return merged


@lru_cache(maxsize=4096)
def _inline(style: str) -> dict[str, str]:
    return parse_declarations(style)


def _rules(css: str) -> Iterable[tuple[str, str]]:
    css = _COMMENTS.sub(" ", css).replace("<!--", " ").replace("-->", " ")
    for chunk in css.split("}"):
        head, sep, body = chunk.rpartition("{")
        if not sep:
            continue
        selector = head.split("{")[-1].strip()  # inside @media { ... } keep the inner selector
        if selector and not selector.startswith("@"):
            yield selector, body


def _parse_selector(selector: str) -> Optional[tuple[_Compound, ...]]:
    parts = selector.strip().split()
    if not parts or len(parts) > 8:
        return None
    chain = []
    for part in parts:
        m = _COMPOUND.match(part)
        if not m or not (m.group("tag") or m.group("rest")):
            return None
        classes = frozenset(name for kind, name in _PART.findall(m.group("rest")) if kind == ".")
        ids = [name for kind, name in _PART.findall(m.group("rest")) if kind == "#"]
        tag = m.group("tag")
        chain.append(_Compound(tag.lower() if tag and tag != "*" else None, classes, ids[0] if ids else None))
    return tuple(chain)


def _specificity(chain: tuple[_Compound, ...]) -> tuple[int, int, int]:
    return (sum(1 for c in chain if c.ident), sum(len(c.classes) for c in chain),
            sum(1 for c in chain if c.tag))


def is_bold_weight(value: Optional[str]) -> Optional[bool]:
    """True/False for a font-weight value, None when it does not say."""
    if not value:
        return None
    value = value.replace("!important", "").strip().lower()
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    if value.isdigit():
        return int(value) >= 600
    return None
