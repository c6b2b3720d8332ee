"""``argmap.json``: the graph as node-link JSON, in a stable order."""

from __future__ import annotations

import json

import networkx as nx

__all__ = ["to_node_link_json"]


def to_node_link_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes``, ``edges``), the shape ``nx.node_link_graph`` reads back.

    Nodes and edges keep the graph's insertion order (the files' order); keys inside each
    object are sorted, so equal debates give byte-identical files. One node or edge per line:
    readable in a diff, and compact, since ``indent`` would force json's slow pure-Python
    encoder.
    """
    data = nx.node_link_data(graph, edges="edges")
    dump = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
    head = {k: v for k, v in data.items() if k not in ("nodes", "edges")}
    lines = ["{" + dump(head)[1:-1] + ","]
    for key in ("nodes", "edges"):
        items = data[key]
        lines.append(f'"{key}":[')
        lines.extend(dump(item) + ("," if i < len(items) - 1 else "") for i, item in
                     enumerate(items))
        lines.append("]," if key == "nodes" else "]")
    lines.append("}")
    return "\n".join(lines) + "\n"
