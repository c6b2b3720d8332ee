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
"""

from __future__ import annotations

from collections import deque

import networkx as nx

from .lookup import ATTACKS, node_ids

__all__ = ["FOR", "AGAINST", "perspective_ids", "claims_of", "topic_order", "primary_topic",
           "served_resolutions", "resolutions_argued_for", "case_groups", "case_order",
           "attackers", "answers", "opposing_arguments"]

FOR, AGAINST = "for", "against"


def perspective_ids(graph: nx.MultiDiGraph) -> list[str]:
    return [p["id"] for p in graph.graph.get("perspectives", [])]


def claims_of(graph: nx.MultiDiGraph, perspective: str) -> list[str]:
    """The perspective's claims in the files' order."""
    return [c for c in node_ids(graph, "claim") if graph.nodes[c]["perspective"] == perspective]


def topic_order(graph: nx.MultiDiGraph) -> list[str | None]:
    """Declared topics, then tags used but not declared (alphabetically), then ``None``."""
    declared = [t["id"] for t in graph.graph.get("topics", [])]
    used = {t for c in node_ids(graph, "claim") for t in graph.nodes[c]["tags"]}
    return declared + sorted(used - set(declared)) + [None]


def primary_topic(graph: nx.MultiDiGraph, claim: str, order: list[str | None]) -> str | None:
    """The first of the claim's tags in topic order: a card is printed once, under one topic
    (a brief that repeats every multi-tagged card is longer, not clearer)."""
    tags = set(graph.nodes[claim]["tags"])
    return next((t for t in order if t in tags), None)


def _edges(graph: nx.MultiDiGraph, kinds) -> list[tuple[str, str, dict]]:
    return [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] in kinds]


def _served(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, str]]]:
    """Claim id → the ``(resolution, FOR|AGAINST)`` pairs it serves, in declared order.

    A claim serves a resolution *for* when it supports it, and *against* when it attacks or
    undercuts it, directly or through claims it supports (a chain of ``supports``). Worked
    backwards from each resolution, so the cost is one walk per resolution, not per claim.
    """
    supporters: dict[str, list[str]] = {}
    for u, v, _ in _edges(graph, ("supports",)):
        supporters.setdefault(v, []).append(u)
    result: dict[str, list[tuple[str, str]]] = {}
    for r in node_ids(graph, "resolution"):
        into = [(u, d["type"]) for u, _, d in graph.in_edges(r, data=True)]
        starts = {FOR: [u for u, kind in into if kind == "supports"],
                  AGAINST: [u for u, kind in into if kind in ATTACKS]}
        for stance in (FOR, AGAINST):
            seen = set(starts[stance])
            queue = deque(starts[stance])
            while queue:
                for u in supporters.get(queue.popleft(), ()):
                    if u not in seen and graph.nodes[u]["type"] == "claim":
                        seen.add(u)
                        queue.append(u)
            for c in seen:
                result.setdefault(c, []).append((r, stance))
    return result


def served_resolutions(graph: nx.MultiDiGraph, claim: str) -> list[tuple[str, str]]:
    return _served(graph).get(claim, [])


def resolutions_argued_for(graph: nx.MultiDiGraph, perspective: str) -> set[str]:
    """Resolutions some claim of the perspective serves *for*."""
    served = _served(graph)
    return {r for c in claims_of(graph, perspective) for r, stance in served.get(c, ())
            if stance == FOR}


def case_groups(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """The side's case: ``[{"topic", "groups": [{"resolution", "stance", "claims",
    "also"}]}]``. Topics in topic order; groups by resolution (declared order, FOR before
    AGAINST), then claims that serve none (``resolution`` and ``stance`` None). Every claim
    appears once, under its primary topic and the first group it serves; ``also`` maps a
    claim to the other ``(resolution, stance)`` pairs it serves."""
    order = topic_order(graph)
    served = _served(graph)
    keys = [(r, s) for r in node_ids(graph, "resolution") for s in (FOR, AGAINST)] + \
        [(None, None)]
    slots: dict[str | None, dict[tuple, list[str]]] = {}
    also: dict[str, list[tuple[str, str]]] = {}
    for c in claims_of(graph, perspective):
        pairs = served.get(c, [])
        key = min(pairs, key=keys.index) if pairs else (None, None)
        also[c] = [p for p in sorted(pairs, key=keys.index) if p != key]
        slots.setdefault(primary_topic(graph, c, order), {}).setdefault(key, []).append(c)
    return [{"topic": t,
             "groups": [{"resolution": k[0], "stance": k[1], "claims": slots[t][k],
                         "also": {c: also[c] for c in slots[t][k]}}
                        for k in keys if k in slots[t]]}
            for t in order if t in slots]


def case_order(graph: nx.MultiDiGraph, perspective: str) -> list[str]:
    """The side's claims in the order its case presents them."""
    return [c for topic in case_groups(graph, perspective) for group in topic["groups"]
            for c in group["claims"]]


def _relation(u: str, v: str, d: dict) -> dict:
    return {"source": u, "target": v, "type": d["type"], "note": d.get("note", ""),
            "evidence": list(d.get("evidence", ()))}


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
    mine = set(claims_of(graph, perspective)) | resolutions_argued_for(graph, perspective)
    order = topic_order(graph)
    found: dict[str, list[dict]] = {}
    for u, v, d in _edges(graph, ATTACKS):
        if v in mine and graph.nodes[u]["perspective"] != perspective:
            found.setdefault(u, []).append(_relation(u, v, d))
    claims = node_ids(graph, "claim")
    rank = {c: i for i, c in enumerate(claims)}
    items = [{"claim": c, "topic": primary_topic(graph, c, order), "targets": found[c],
              "answers": answers(graph, c, perspective)} for c in found]
    return sorted(items, key=lambda a: (order.index(a["topic"]), rank[a["claim"]]))
