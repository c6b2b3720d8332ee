"""What each side says, and what it says against the others: the structure that briefs,
worksheets and flow sheets share.

A *side* is a perspective. Everything here reads the graph (attributes: ``argmap/graph.py``)
and returns ids in a stable order: topics in the declared order, then tags that are not
declared topics (alphabetically), then untagged claims (topic ``None``); within a topic, the
files' order. Nothing here knows what a debate is about.

Vocabulary, from debate practice:

- a side's **case**: its claims, grouped by topic and by the resolution each serves;
- an **opposing argument**: a claim of another side that attacks or undercuts one of this
  side's claims, or a resolution this side argues for; its "A2" (answers-to) block holds this
  side's claims that attack or undercut it, and it is *unanswered* when there are none;
- a **frontline**: for one of this side's claims, what the other sides say against it.

A caller asking about many claims (a brief asks about every claim of a side) reads the graph
once into a :class:`SideIndex` and asks it; the module-level functions answer the same
questions straight from the graph.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property

import networkx as nx

from .graph import perspective_ids
from .lookup import ATTACKS, RELATIONS, node_ids

__all__ = ["FOR", "AGAINST", "SideIndex", "perspective_ids", "claims_of", "topic_order",
           "primary_topic", "served_resolutions", "resolutions_argued_for", "case_groups",
           "case_order", "attackers", "answers", "opposing_arguments"]

FOR, AGAINST = "for", "against"

Edge = tuple[str, str, dict]


def _relation(u: str, v: str, d: dict) -> dict:
    return {"source": u, "target": v, "type": d["type"], "note": d.get("note", ""),
            "evidence": list(d.get("evidence", ()))}


class SideIndex:
    """The graph read once into plain dicts: networkx look-ups (``graph.nodes[x]``,
    ``in_edges(x, data=True)``) cost microseconds each, which a brief of 10,000 claims
    pays hundreds of thousands of times."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.nodes: dict[str, dict] = dict(graph.nodes(data=True))
        self.claims = [n for n, d in self.nodes.items() if d["type"] == "claim"]
        self._by_perspective: dict[str, list[str]] = {}
        for c in self.claims:
            self._by_perspective.setdefault(self.nodes[c]["perspective"], []).append(c)
        self.resolutions = [n for n, d in self.nodes.items() if d["type"] == "resolution"]
        self.relations: list[Edge] = [(u, v, d) for u, v, d in graph.edges(data=True)
                                      if d["type"] in RELATIONS]
        self.order = _topic_order(graph, (self.nodes[c]["tags"] for c in self.claims))
        self._topic_rank = _first_positions(self.order)
        # A part of the debate (argmap.scope) carries what its claims serve in the whole one
        self.served = graph.graph["served"] if "served" in graph.graph else self._served()

    # The rest is made when first asked for: a flow sheet asks only for the case order.

    @cached_property
    def out(self) -> dict[str, list[Edge]]:
        """Claim → its relations, as ``out_edges(claim)`` lists them."""
        out: dict[str, list[Edge]] = {}
        for edge in self.relations:
            out.setdefault(edge[0], []).append(edge)
        return out

    @cached_property
    def attacks(self) -> list[Edge]:
        return [e for e in self.relations if e[2]["type"] in ATTACKS]

    @cached_property
    def attacks_into(self) -> dict[str, list[Edge]]:
        """Node → the attacks and undercuts on it, as ``in_edges(node)`` lists them."""
        into: dict[str, list[Edge]] = {}
        for edge in self.attacks:
            into.setdefault(edge[1], []).append(edge)
        for v, edges in into.items():
            if len(edges) > 1:
                # in_edges(v) lists sources in the order of their first edge into v (one
                # pass over in_edges() for every node would cost more than all of this)
                first = {u: i for i, u in enumerate(self.graph.pred[v])}
                edges.sort(key=lambda e: first[e[0]])
        return into

    @cached_property
    def _claim_rank(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.claims)}

    def claims_of(self, perspective: str) -> list[str]:
        return list(self._by_perspective.get(perspective, ()))

    def primary_topic(self, claim: str) -> str | None:
        """As :func:`primary_topic` in this index's topic order (every tag is in it)."""
        tags = self.nodes[claim]["tags"]
        return min(tags, key=self._topic_rank.__getitem__) if tags else None

    def _served(self) -> dict[str, list[tuple[str, str]]]:
        """As :func:`served_resolutions`, for every claim at once: one walk backwards from
        each resolution along ``supports``, not one per claim. Each claim's pairs come in
        declared order, resolution by resolution, FOR before AGAINST."""
        supporters: dict[str, list[str]] = {}
        for u, v, d in self.relations:
            if d["type"] == "supports":
                supporters.setdefault(v, []).append(u)
        result: dict[str, list[tuple[str, str]]] = {}
        for r in self.resolutions:
            into = list(self.graph.in_edges(r, data=True))
            starts = {FOR: [u for u, _, d in into if d["type"] == "supports"],
                      AGAINST: [u for u, _, d in into if d["type"] in ATTACKS]}
            for stance in (FOR, AGAINST):
                for c in self._supported_from(starts[stance], supporters):
                    result.setdefault(c, []).append((r, stance))
        return result

    def _supported_from(self, starts: list[str], supporters: dict[str, list[str]]) -> set[str]:
        seen = set(starts)
        queue = deque(starts)
        while queue:
            for u in supporters.get(queue.popleft(), ()):
                if u not in seen and self.nodes[u]["type"] == "claim":
                    seen.add(u)
                    queue.append(u)
        return seen

    def resolutions_argued_for(self, perspective: str) -> set[str]:
        return {r for c in self.claims_of(perspective) for r, stance in self.served.get(c, ())
                if stance == FOR}

    def case_groups(self, perspective: str) -> list[dict]:
        """As :func:`case_groups`."""
        keys = [(r, s) for r in self.resolutions for s in (FOR, AGAINST)] + [(None, None)]
        slots: dict[str | None, dict[tuple, list[str]]] = {}
        also: dict[str, list[tuple[str, str]]] = {}
        for c in self.claims_of(perspective):
            pairs = self.served.get(c, [])  # in the order of keys: the first one is its group
            key = pairs[0] if pairs else (None, None)
            also[c] = pairs[1:]
            slots.setdefault(self.primary_topic(c), {}).setdefault(key, []).append(c)
        return [{"topic": t,
                 "groups": [{"resolution": k[0], "stance": k[1], "claims": slots[t][k],
                             "also": {c: also[c] for c in slots[t][k]}}
                            for k in keys if k in slots[t]]}
                for t in self.order if t in slots]

    def case_order(self, perspective: str) -> list[str]:
        return [c for topic in self.case_groups(perspective) for group in topic["groups"]
                for c in group["claims"]]

    def attackers(self, target: str) -> list[dict]:
        """As :func:`attackers`."""
        own = self.nodes[target].get("perspective")
        return [_relation(u, v, d) for u, v, d in self.attacks_into.get(target, ())
                if self.nodes[u]["perspective"] != own]

    def answers(self, target: str, perspective: str) -> list[dict]:
        """As :func:`answers`."""
        return [_relation(u, v, d) for u, v, d in self.attacks_into.get(target, ())
                if self.nodes[u]["perspective"] == perspective]

    def opposing_arguments(self, perspective: str) -> list[dict]:
        """As :func:`opposing_arguments`."""
        mine = set(self.claims_of(perspective)) | self.resolutions_argued_for(perspective)
        found: dict[str, list[dict]] = {}
        for u, v, d in self.attacks:
            if v in mine and self.nodes[u]["perspective"] != perspective:
                found.setdefault(u, []).append(_relation(u, v, d))
        items = [{"claim": c, "topic": self.primary_topic(c), "targets": found[c],
                  "answers": self.answers(c, perspective)} for c in found]
        return sorted(items, key=lambda a: (self._topic_rank[a["topic"]],
                                            self._claim_rank[a["claim"]]))


def claims_of(graph: nx.MultiDiGraph, perspective: str) -> list[str]:
    """The perspective's claims in the files' order."""
    return [c for c in node_ids(graph, "claim") if graph.nodes[c]["perspective"] == perspective]


def topic_order(graph: nx.MultiDiGraph) -> list[str | None]:
    """Declared topics, then tags used but not declared (alphabetically), then ``None``."""
    return _topic_order(graph, (graph.nodes[c]["tags"] for c in node_ids(graph, "claim")))


def _topic_order(graph: nx.MultiDiGraph, tag_lists) -> list[str | None]:
    declared = [t["id"] for t in graph.graph.get("topics", [])]
    used = {t for tags in tag_lists for t in tags}
    return declared + sorted(used - set(declared)) + [None]


def _first_positions(items: list) -> dict:
    """Item → its first position, as ``list.index`` finds it."""
    positions: dict = {}
    for i, item in enumerate(items):
        positions.setdefault(item, i)
    return positions


def primary_topic(graph: nx.MultiDiGraph, claim: str, order: list[str | None]) -> str | None:
    """The first of the claim's tags in topic order: a card is printed once, under one topic
    (a brief that repeats every multi-tagged card is longer, not clearer)."""
    tags = set(graph.nodes[claim]["tags"])
    return next((t for t in order if t in tags), None)


def served_resolutions(graph: nx.MultiDiGraph, claim: str) -> list[tuple[str, str]]:
    """The ``(resolution, FOR|AGAINST)`` pairs the claim serves, in declared order.

    A claim serves a resolution *for* when it supports it, and *against* when it attacks or
    undercuts it, directly or through claims it supports (a chain of ``supports``).
    """
    return SideIndex(graph).served.get(claim, [])


def resolutions_argued_for(graph: nx.MultiDiGraph, perspective: str) -> set[str]:
    """Resolutions some claim of the perspective serves *for*."""
    return SideIndex(graph).resolutions_argued_for(perspective)


def case_groups(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """The side's case: ``[{"topic", "groups": [{"resolution", "stance", "claims",
    "also"}]}]``. Topics in topic order; groups by resolution (declared order, FOR before
    AGAINST), then claims that serve none (``resolution`` and ``stance`` None). Every claim
    appears once, under its primary topic and the first group it serves; ``also`` maps a
    claim to the other ``(resolution, stance)`` pairs it serves."""
    return SideIndex(graph).case_groups(perspective)


def case_order(graph: nx.MultiDiGraph, perspective: str) -> list[str]:
    """The side's claims in the order its case presents them."""
    return SideIndex(graph).case_order(perspective)


def attackers(graph: nx.MultiDiGraph, target: str) -> list[dict]:
    """Attacks and undercuts on ``target`` by claims of *another* perspective than its own
    (a resolution has none, so every claim counts), in the files' order."""
    own = graph.nodes[target].get("perspective")
    return [_relation(u, target, d) for u, _, d in graph.in_edges(target, data=True)
            if d["type"] in ATTACKS and graph.nodes[u]["perspective"] != own]


def answers(graph: nx.MultiDiGraph, target: str, perspective: str) -> list[dict]:
    """Attacks and undercuts on ``target`` by claims of ``perspective``."""
    return [_relation(u, target, d) for u, _, d in graph.in_edges(target, data=True)
            if d["type"] in ATTACKS and graph.nodes[u]["perspective"] == perspective]


def opposing_arguments(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """Claims of other perspectives that attack this side: ``[{"claim", "topic",
    "targets": [relation, ...], "answers": [relation, ...]}]``, by the attacking claim's
    primary topic (topic order), then the files' order. ``targets`` are the attacks on this
    side's claims and on resolutions it argues for; ``answers`` this side's replies."""
    return SideIndex(graph).opposing_arguments(perspective)
