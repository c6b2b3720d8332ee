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

The answers come from the graph's one read model: its ``sides``
(:class:`argmap.graphview.SideIndex`, made once per graph by :func:`argmap.graphview.view_of`).
"""

from __future__ import annotations

import networkx as nx

from .graph import perspective_ids
from .graphview import AGAINST, FOR, SideIndex, _topic_order, view_of
from .lookup import node_ids

__all__ = ["FOR", "AGAINST", "SideIndex", "perspective_ids", "claims_of", "topic_order",
           "primary_topic", "served_resolutions", "resolutions_argued_for", "case_groups",
           "case_order", "attackers", "answers", "opposing_arguments"]


def claims_of(graph: nx.MultiDiGraph, perspective: str) -> list[str]:
    """The perspective's claims in the files' order."""
    return [c for c in node_ids(graph, "claim") if graph.nodes[c]["perspective"] == perspective]


def topic_order(graph: nx.MultiDiGraph) -> list[str | None]:
    """Declared topics, then tags used but not declared (alphabetically), then ``None``."""
    return _topic_order(graph, (graph.nodes[c]["tags"] for c in node_ids(graph, "claim")))


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
    return view_of(graph).sides.served.get(claim, [])


def resolutions_argued_for(graph: nx.MultiDiGraph, perspective: str) -> set[str]:
    """Resolutions some claim of the perspective serves *for*."""
    return view_of(graph).sides.resolutions_argued_for(perspective)


def case_groups(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """The side's case: ``[{"topic", "groups": [{"resolution", "stance", "claims",
    "also"}]}]``. Topics in topic order; groups by resolution (declared order, FOR before
    AGAINST), then claims that serve none (``resolution`` and ``stance`` None). Every claim
    appears once, under its primary topic and the first group it serves; ``also`` maps a
    claim to the other ``(resolution, stance)`` pairs it serves."""
    return view_of(graph).sides.case_groups(perspective)


def case_order(graph: nx.MultiDiGraph, perspective: str) -> list[str]:
    """The side's claims in the order its case presents them."""
    return view_of(graph).sides.case_order(perspective)


def attackers(graph: nx.MultiDiGraph, target: str) -> list[dict]:
    """Attacks and undercuts on ``target`` by claims of *another* perspective than its own
    (a resolution has none, so every claim counts), in the files' order."""
    return view_of(graph).attackers(target)


def answers(graph: nx.MultiDiGraph, target: str, perspective: str) -> list[dict]:
    """Attacks and undercuts on ``target`` by claims of ``perspective``."""
    return view_of(graph).answers(target, perspective)


def opposing_arguments(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """Claims of other perspectives that attack this side: ``[{"claim", "topic",
    "targets": [relation, ...], "answers": [relation, ...]}]``, by the attacking claim's
    primary topic (topic order), then the files' order. ``targets`` are the attacks on this
    side's claims and on resolutions it argues for; ``answers`` this side's replies."""
    return view_of(graph).sides.opposing_arguments(perspective)
