"""The debate as branches: each resolution or claim with the claims that reply to it, sorted
into one lane per perspective and, inside a lane, by how they reply (supports, attacks,
undercuts).

This is the unit a reader takes in at once, the way Kialo shows one claim with its pros and
cons: the focused view of the map shows one branch at a time, and the printed atlas prints
every branch. Reading a branch never needs the layout.
"""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx

from .graph import perspective_ids

__all__ = ["RELATION_ORDER", "Lane", "Branch", "Branches", "branches"]

RELATION_ORDER = ("supports", "attacks", "undercuts")


class Lane(NamedTuple):
    """The replies from one perspective: ``groups`` is ``(relation kind, claim ids)`` for each
    kind that has replies, in :data:`RELATION_ORDER`."""

    perspective: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def size(self) -> int:
        return sum(len(ids) for _, ids in self.groups)


class Branch(NamedTuple):
    node: str
    lanes: tuple[Lane, ...]  # in the debate's perspective order, only those that reply

    @property
    def size(self) -> int:
        return sum(lane.size for lane in self.lanes)


class Branches(NamedTuple):
    """Every branch with at least one reply, in reading order (see :func:`branches`).

    ``roots`` are the resolutions, then the claims that lead to no resolution and reply to
    nothing; ``loose`` the claims that neither reply nor are replied to.
    """

    order: tuple[Branch, ...]
    by_node: dict[str, Branch]
    roots: tuple[str, ...]
    loose: tuple[str, ...]
    perspectives: tuple[str, ...]  # the lanes' order


def branches(graph: nx.MultiDiGraph) -> Branches:
    """The branches of the map: the resolutions' first, then, depth first from them, the
    branch of every claim that has replies (each once), then those of claims leading to no
    resolution. A claim replying to several others is in each of their branches."""
    perspectives = perspective_ids(graph)
    drawn = [n for n, d in graph.nodes(data=True) if d["type"] in ("resolution", "claim")]
    perspective_of = {n: graph.nodes[n].get("perspective", "") for n in drawn}
    replies: dict[str, dict[tuple[str, str], list[str]]] = {n: {} for n in drawn}
    replies_to: dict[str, bool] = {}
    for u, targets in graph.adjacency():
        for v, keyed in targets.items():
            for data in keyed.values():
                kind = data.get("type")
                if kind in RELATION_ORDER and v in replies and u != v:
                    bucket = replies[v].setdefault((perspective_of[u], kind), [])
                    if u not in bucket:
                        bucket.append(u)
                    replies_to[u] = True
    lane_order = perspectives + sorted({p for p in perspective_of.values()
                                        if p and p not in perspectives})

    def branch(node: str) -> Branch:
        found = replies[node]
        lanes = []
        for p in lane_order:
            groups = tuple((kind, tuple(found[p, kind])) for kind in RELATION_ORDER
                           if (p, kind) in found)
            if groups:
                lanes.append(Lane(p, groups))
        return Branch(node, tuple(lanes))

    resolutions = [n for n in drawn if graph.nodes[n]["type"] == "resolution"]
    order: list[Branch] = []
    by_node: dict[str, Branch] = {}

    def visit(start: str) -> None:
        stack = [start]
        while stack:
            node = stack.pop()
            if node in by_node or not replies[node]:
                continue
            b = by_node[node] = branch(node)
            order.append(b)
            children = [c for lane in b.lanes for _, ids in lane.groups for c in ids]
            stack.extend(reversed(children))

    for r in resolutions:  # the overview: every resolution's branch first
        if replies[r]:
            by_node[r] = branch(r)
            order.append(by_node[r])
    for r in resolutions:
        for lane in by_node[r].lanes if r in by_node else ():
            for _, ids in lane.groups:
                for c in ids:
                    visit(c)
    reached = set(by_node) | {c for b in order for lane in b.lanes for _, ids in lane.groups
                              for c in ids}
    others = [n for n in drawn if graph.nodes[n]["type"] == "claim"
              and n not in reached and not replies_to.get(n)]
    for n in others:
        visit(n)
    loose = tuple(n for n in others if not replies[n])
    roots = tuple(resolutions) + tuple(n for n in others if replies[n])
    # anything still unplaced sits on a cycle of replies that leads nowhere: start there
    for n in drawn:
        if graph.nodes[n]["type"] == "claim" and replies[n] and n not in by_node:
            visit(n)
    return Branches(tuple(order), by_node, roots, loose, tuple(lane_order))
