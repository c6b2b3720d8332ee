"""``argmap.json``: the graph as node-link JSON, in a stable order."""

from __future__ import annotations

import json

import networkx as nx

__all__ = ["to_node_link_json"]


def to_node_link_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes``, ``edges``), the shape ``nx.node_link_graph`` reads back.

    Nodes and edges keep the graph's insertion order (the files' order); keys inside each
    object are sorted, so equal debates give byte-identical files.
    """
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
