"""The house: the package's import graph has no circles, so each module can be read (and
tested, and replaced) knowing only what it imports."""

from __future__ import annotations

import ast
import pathlib

import argmap

PACKAGE = pathlib.Path(argmap.__file__).parent


def module_of(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: pathlib.Path) -> set[str]:
    """The argmap modules ``path`` imports, at any depth of the file (lazy imports count)."""
    here = module_of(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("argmap"):
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if (PACKAGE.parent / candidate.replace(".", "/"))
                              .with_suffix(".py").exists() else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("argmap")}
    return found - {module_of(path)}


def test_the_import_graph_has_no_circles():
    graph = {module_of(p): imports(p) for p in PACKAGE.rglob("*.py")}
    graph = {m: {t for t in ts if t in graph and t != "argmap"} for m, ts in graph.items()}
    state: dict[str, int] = {}
    circles = []

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_import_reader_sees_relative_and_lazy_imports():
    assert {"argmap.fastyaml", "argmap.yamlreader", "argmap.diagnostics"} <= \
        imports(PACKAGE / "reading.py")
    assert "argmap.render.flowsheet" in imports(PACKAGE / "commands" / "flow.py")  # lazy


def test_the_graph_the_renderers_share_cannot_be_changed_by_one_of_them():
    import networkx as nx
    import pytest

    debate, _ = argmap.load(str(pathlib.Path(__file__).parent / "fixtures" / "small"))
    graph = argmap.build_graph(debate)
    with pytest.raises(nx.NetworkXError):
        graph.add_edge("a", "b")
    with pytest.raises(nx.NetworkXError):
        graph.remove_node(next(iter(graph)))
    assert nx.MultiDiGraph(graph).add_node("a") is None  # a copy is the caller's to change
