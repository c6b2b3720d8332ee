"""A read-only view of the debate graph, read once into plain dicts and lists.

networkx answers each ``nodes[id]`` or edge query through a view object, which at thousands of
claims costs more than the analyses themselves, and each analysis used to walk all edges
again. :class:`GraphView` reads the graph once; it offers ``nodes`` and ``graph`` as the graph
does (so code that reads only those takes either), and the edge lists analyses need.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .graph import RELATIONS
from .lookup import ATTACKS

__all__ = ["GraphView", "view_of"]


class GraphView:
    """``nodes`` (id -> attributes), ``graph`` (the graph's attributes), ``by_type``,
    ``claims``, ``relations`` (every supports/attacks/undercuts edge, in graph order),
    ``traced`` (claim -> [(origin, via)]), ``attacks`` and ``clashes`` (attacks and undercuts
    on a claim of another perspective: the only ones that answer a claim)."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph.graph
        self.nodes: dict[str, dict] = dict(graph.nodes(data=True))
        self.by_type: dict[str, list[str]] = defaultdict(list)
        for n, d in self.nodes.items():
            self.by_type[d["type"]].append(n)
        self.claims = self.by_type["claim"]
        self.relations: list[tuple[str, str, dict]] = []
        self.traced: dict[str, list[tuple[str, str]]] = defaultdict(list)
        # the order of edges(data=True), without its generator's cost per edge
        for u, targets in graph.adjacency():
            for v, parallel in targets.items():
                for d in parallel.values():
                    kind = d["type"]
                    if kind in RELATIONS:
                        self.relations.append((u, v, d))
                    elif kind == "traced_to":
                        self.traced[u].append((v, d["via"]))
        self.attacks = [e for e in self.relations if e[2]["type"] in ATTACKS]
        nodes = self.nodes
        self.clashes = [(u, v, d) for u, v, d in self.attacks if nodes[v]["type"] == "claim"
                        and nodes[u]["perspective"] != nodes[v]["perspective"]]


def view_of(graph: nx.MultiDiGraph | GraphView) -> GraphView:
    """``graph`` as a view (a view is returned as it is)."""
    return graph if isinstance(graph, GraphView) else GraphView(graph)
