"""Small read-only look-ups over the debate graph, shared by the trace, the analyses and the
source pages, so each reads the graph the same way (attributes: see ``argmap/graph.py``).
"""

from __future__ import annotations

import networkx as nx

from .graph import RELATIONS, perspective_labels

__all__ = ["ATTACKS", "RELATIONS", "NONE_STATED", "UNSPECIFIED", "perspective_labels",
           "node_ids", "citation", "container_of"]

# The edges that count as an attack: an undercut attacks the inference a claim draws, which
# for answering a claim, and for Dung's semantics, is an attack on that claim's argument.
ATTACKS = ("attacks", "undercuts")
# Shown where a source states no stance or a field is empty; neither can be an id (ids have
# no spaces), so these never collide with a perspective, type or kind.
NONE_STATED = "none stated"
UNSPECIFIED = "unspecified"


def node_ids(graph: nx.MultiDiGraph, node_type: str) -> list[str]:
    """Ids of the nodes of one type, in the graph's (the files') order."""
    return [n for n, d in graph.nodes(data=True) if d["type"] == node_type]


def citation(graph: nx.MultiDiGraph, source_id: str) -> dict:
    """Every field of a source for a full citation, its stance also as a readable label.

    ``stance`` is the perspective id the source argues for ("" when it states none);
    ``stance_label`` is that perspective's label, or "none stated".
    """
    d = graph.nodes[source_id]
    stance = d["perspective"]
    return {"id": source_id, "title": d["title"], "author": d["author"],
            "publisher": d["publisher"], "type": d["source_type"], "stance": stance,
            "stance_label": perspective_labels(graph).get(stance, stance) or NONE_STATED,
            "url": d["url"], "published": d["published"], "accessed": d["accessed"],
            "archive": d["archive"], "container": container_of(d), "doi": d.get("doi", "")}


def container_of(d: dict) -> str:
    """Where a source appears, as citations write it: ``Journal 8(4): 405–426``."""
    where = d.get("container_title", "")
    volume = d.get("volume", "") + (f"({d['issue']})" if d.get("issue") else "")
    if volume:
        where = f"{where} {volume}" if where else volume
    if d.get("pages"):
        where = f"{where}: {d['pages']}" if where else f"pp. {d['pages']}"
    return where
