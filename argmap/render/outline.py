"""The outline: each resolution, the claims that reply to it, their replies, and so on.

It is the diagram's text alternative and what the page prints, so every claim appears once
in full (with its evidence) and is numbered; where it replies to several claims, the other
places show a short reference to that number. A claim's full entry sits under the first
claim it replies to in breadth-first order from the resolutions, i.e. as high as it can.
Claims whose replies lead to no resolution get a section of their own.

The tree comes out as a flat list of events (``open`` / ``close``) walked with an explicit
stack: a chain of thousands of replies never recurses, here or where the rows are written
(``argmap.render.html``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx

from ..graph import RELATIONS, relation_edges
from ..layout import Layout

__all__ = ["Entry", "Outline", "outline"]

_KIND_ORDER = {kind: i for i, kind in enumerate(RELATIONS)}


class Entry(NamedTuple):
    """One row: ``node`` (an id), ``relation`` to the row above ("" for a root), ``number``
    (of the full entry), ``ref`` (a reference to a full entry elsewhere), ``depth``,
    ``children`` (whether rows are nested under it), ``collapsed`` (on screen, at first),
    and the relation's own ``note`` and ``evidence`` (dicts as in the graph). A tuple: a big
    map has tens of thousands of rows."""

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


def _repliers(relations: list[tuple[str, str, dict]], order: list[str]
              ) -> tuple[dict[str, list[tuple[str, str, dict]]], set[str]]:
    """For every node, the claims replying to it (id, relation, edge data): supporters, then
    attackers, then undercutters, each group in the diagram's reading order; and the claims
    that reply to anything at all."""
    place = {n: i for i, n in enumerate(order)}
    replies: dict[str, list[tuple[str, str, dict]]] = {n: [] for n in order}
    for u, v, d in relations:
        if u in place and v in place:
            replies[v].append((u, d["type"], d))

    def key(item: tuple[str, str, dict]) -> tuple[int, int, str]:
        return (_KIND_ORDER[item[1]], place[item[0]], item[0])
    for items in replies.values():
        if len(items) > 1:
            items.sort(key=key)
    return replies, {u for u, _, _ in relations}


def _homes(replies: dict, repliers: set[str], order: list[str], resolutions: list[str]
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
    roots = [n for n in order if n not in seen and n not in repliers]
    spread(roots)
    for n in order:
        if n not in seen:
            roots.append(n)
            spread([n])
    return home, roots


def _events(roots: list[str], replies: dict, home: dict, numbers: dict[str, int],
            collapse_below: int | None) -> list[tuple[str, Entry]]:
    """Depth-first rows under ``roots``, with an explicit stack; numbers full entries.

    The stack holds, per open row, its node, an iterator over the rows still to come under
    it, and its entry; the roots hang under a first frame of no node at all."""
    out: list[tuple[str, Entry]] = []
    deep = float("inf") if collapse_below is None else collapse_below
    stack = [(None, iter([(root, "", {}) for root in roots]), None)]
    while stack:
        parent, children, above = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if above is not None:
                out.append(("close", above))
            continue
        node, relation, edge = child
        full = node not in numbers and (parent is None or home.get(node) == (parent, relation))
        if full:
            numbers[node] = len(numbers) + 1
        kids = full and bool(replies[node])
        depth = len(stack) - 1
        entry = Entry(node, relation, numbers.get(node, 0), not full, depth, kids,
                      kids and depth >= deep, edge.get("note", ""),
                      tuple(edge.get("evidence", ())))
        out.append(("open", entry))
        if kids:
            stack.append((node, iter(replies[node]), entry))
        else:
            out.append(("close", entry))
    return out


def outline(graph: nx.MultiDiGraph, layout: Layout, collapse_below: int | None = None,
            relations: list[tuple[str, str, dict]] | None = None) -> Outline:
    """The outline of ``graph``. With ``collapse_below``, the replies of rows at that depth
    or deeper start hidden on screen (resolutions are at depth 0). ``relations``:
    :func:`argmap.graph.relation_edges`, when the caller has them already."""
    order = layout.order()
    replies, repliers = _repliers(relation_edges(graph) if relations is None else relations,
                                  order)
    resolutions = [n for n, d in graph.nodes(data=True) if d["type"] == "resolution"]
    home, other_roots = _homes(replies, repliers, order, resolutions)
    numbers: dict[str, int] = {}
    trees = _events(resolutions, replies, home, numbers, collapse_below)
    others = _events(other_roots, replies, home, numbers, collapse_below)

    def numbered(items: list[tuple[str, Entry]]) -> list[tuple[str, Entry]]:
        # A reference can come before the full entry it points to: number it afterwards.
        return [(action, e._replace(number=numbers[e.node]) if e.ref else e)
                for action, e in items]

    return Outline(numbered(trees), numbered(others))
