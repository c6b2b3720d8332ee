"""The outline: each resolution, the claims that reply to it, their replies, and so on.

It is the diagram's text alternative and what the page prints, so every claim appears once
in full (with its evidence) and is numbered; where it replies to several claims, the other
places show a short reference to that number. A claim's full entry sits under the first
claim it replies to in breadth-first order from the resolutions, i.e. as high as it can.
Claims whose replies lead to no resolution get a section of their own.

The tree comes out as a flat list of events (``open`` / ``close``) walked with an explicit
stack: a chain of thousands of replies neither recurses in Python nor in the template.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

import networkx as nx

from ..layout import RELATIONS, Layout

__all__ = ["Entry", "Outline", "outline"]

_KIND_ORDER = {kind: i for i, kind in enumerate(RELATIONS)}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row: ``node`` (an id), ``relation`` to the row above ("" for a root), ``number``
    (of the full entry), ``ref`` (a reference to a full entry elsewhere), ``depth``,
    ``children`` (whether rows are nested under it), ``collapsed`` (on screen, at first),
    and the relation's own ``note`` and ``evidence`` (dicts as in the graph)."""

    node: str
    relation: str
    number: int
    ref: bool
    depth: int
    children: bool
    collapsed: bool = False
    note: str = ""
    evidence: tuple = ()


@dataclass(frozen=True)
class Outline:
    """``trees``: the resolutions' event list; ``others``: the other claims' event list.
    Each event is ``("open", Entry)`` or ``("close", Entry)``."""

    trees: list[tuple[str, Entry]]
    others: list[tuple[str, Entry]]


def _repliers(graph: nx.MultiDiGraph, layout: Layout) -> dict[str, list[tuple[str, str, dict]]]:
    """For every node, the claims replying to it (id, relation, edge data): supporters, then
    attackers, then undercutters, each group in the diagram's reading order."""
    place = {n: i for i, n in enumerate(layout.order())}
    replies: dict[str, list[tuple[str, str, dict]]] = {n: [] for n in place}
    for u, v, d in graph.edges(data=True):
        if d["type"] in _KIND_ORDER and u in place and v in place:
            replies[v].append((u, d["type"], d))
    for items in replies.values():
        items.sort(key=lambda item: (_KIND_ORDER[item[1]], place[item[0]], item[0]))
    return replies


def _homes(graph: nx.MultiDiGraph, replies: dict, order: list[str], resolutions: list[str]
           ) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Where each claim is listed in full: ``{claim: (node above it, relation)}``, found
    breadth-first from the resolutions; and the roots of the section for the rest."""
    home: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()

    def spread(roots: list[str]) -> None:
        queue = deque(r for r in roots if r not in seen)
        seen.update(queue)
        while queue:
            n = queue.popleft()
            for u, kind, _ in replies[n]:
                if u not in seen:
                    seen.add(u)
                    home[u] = (n, kind)
                    queue.append(u)

    spread(resolutions)
    # The rest starts from the claims that target nothing (their cluster's conclusions),
    # then from whatever a cycle leaves, in reading order.
    targets_something = {u for u, _, d in graph.edges(data=True) if d["type"] in _KIND_ORDER}
    roots = [n for n in order if n not in seen and n not in targets_something]
    spread(roots)
    for n in order:
        if n not in seen:
            roots.append(n)
            spread([n])
    return home, roots


def _events(roots: list[str], replies: dict, home: dict, numbers: dict[str, int],
            collapse_below: int | None) -> list[tuple[str, Entry]]:
    """Depth-first rows under ``roots``, with an explicit stack; numbers full entries."""
    out: list[tuple[str, Entry]] = []

    def enter(node: str, relation: str, depth: int, parent: str | None, edge: dict) -> bool:
        """Emit the opening of a row; True when its replies follow."""
        full = node not in numbers and (parent is None or home.get(node) == (parent, relation))
        if full:
            numbers[node] = len(numbers) + 1
        kids = full and bool(replies[node])
        entry = Entry(node, relation, numbers.get(node, 0), not full, depth, kids,
                      kids and collapse_below is not None and depth >= collapse_below,
                      edge.get("note", ""), tuple(edge.get("evidence", ())))
        out.append(("open", entry))
        if not kids:
            out.append(("close", entry))
        return kids

    for root in roots:
        if not enter(root, "", 0, None, {}):
            continue
        stack = [(root, iter(replies[root]), out[-1][1])]
        while stack:
            node, children, entry = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                out.append(("close", entry))
            elif enter(child[0], child[1], len(stack), node, child[2]):
                stack.append((child[0], iter(replies[child[0]]), out[-1][1]))
    return out


def outline(graph: nx.MultiDiGraph, layout: Layout, collapse_below: int | None = None
            ) -> Outline:
    """The outline of ``graph``. With ``collapse_below``, the replies of rows at that depth
    or deeper start hidden on screen (resolutions are at depth 0)."""
    replies = _repliers(graph, layout)
    resolutions = [n for n, d in graph.nodes(data=True) if d["type"] == "resolution"]
    home, other_roots = _homes(graph, replies, layout.order(), resolutions)
    numbers: dict[str, int] = {}
    trees = _events(resolutions, replies, home, numbers, collapse_below)
    others = _events(other_roots, replies, home, numbers, collapse_below)

    def numbered(items: list[tuple[str, Entry]]) -> list[tuple[str, Entry]]:
        # A reference can come before the full entry it points to: number it afterwards.
        return [(action, replace(e, number=numbers[e.node]) if e.ref else e)
                for action, e in items]

    return Outline(numbered(trees), numbered(others))
