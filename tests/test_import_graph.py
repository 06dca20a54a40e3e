"""The package's modules import one another without a circle.

The graph is read from the source with ``ast``, not by importing: an edge runs from a module to
every module of the package it imports, at module level or inside a function (a function's
import runs when it is called, and an import put inside a function only to dodge a circle
still ties the two modules together). Imports under ``if TYPE_CHECKING:`` count as well: they
never run, but a module that needs another's types depends on it as much as one that calls it,
and a circle kept only out of sight of the interpreter is still a circle to the reader. Importing a submodule also imports the packages above it, except those the
importing module already sits in (they are being imported already)."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the package's folders, by the dotted name each is installed as (pyproject.toml's package-dir)
PACKAGE_DIRS = {"actionplans": ROOT / "actionplans", "actionplans.ingest": ROOT / "ingest",
                "actionplans.extract": ROOT / "extract", "actionplans.normalise": ROOT / "normalise"}


def package_modules() -> dict[str, Path]:
    """Dotted module name -> source file, for every module of the package."""
    out: dict[str, Path] = {}
    for package, folder in PACKAGE_DIRS.items():
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder).with_suffix("").parts
            if any(p in ("data", "__pycache__") for p in rel[:-1]):
                continue
            name = ".".join((package, *rel))
            if name.endswith(".__init__"):
                name = name[: -len(".__init__")]
            out[name] = path
    return out


def _imports(tree: ast.AST):
    """Every import node of ``tree``, at any depth."""
    return (node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)))


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> Optional[str]:
    if node.level == 0:
        return node.module
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    modules = package_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            base = _resolve(name, is_package, node)
            if base is None:
                continue
            targets.add(base)
            targets.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules)
        edges: set[str] = set()
        for target in targets:
            parts = target.split(".")
            for i in range(1, len(parts) + 1):
                above = ".".join(parts[:i])
                if above in modules and above != name and not name.startswith(above + "."):
                    edges.add(above)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of the graph as a list of modules (first == last), or []."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_the_graph_sees_the_package():
    graph = import_graph()
    assert "actionplans.pipeline" in graph["actionplans"] or "actionplans.convert" in graph["actionplans"]
    assert "actionplans.model" in graph["actionplans.extract"]
    assert "actionplans.ingest.pdf.settings" in graph["actionplans.ingest.pdf.reader"]


def test_find_cycle_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_circle():
    cycle = find_cycle(import_graph())
    assert not cycle, "import circle: " + " -> ".join(cycle)
