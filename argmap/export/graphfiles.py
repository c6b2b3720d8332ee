"""The graph as a file for graph tools: GraphML (yEd, Gephi, Cytoscape) and node-link JSON.

The JSON is the build's ``argmap.json`` (:mod:`argmap.export.jsongraph`), which
``nx.node_link_graph(json.load(f), edges="edges")`` reads back as it was.

GraphML holds strings, numbers and booleans only, so the graph's other values are made safe
the one way, so a reader can undo it: every list or dict (a claim's ``tags`` and
``evidence``, the graph's ``perspectives``…) is written as its JSON text, and None as "".
Everything else is written as it is. Every node also gets a ``label`` (a claim's or
resolution's text, a source's title), the attribute Gephi shows as the node's name; yEd shows
it after *Edit → Properties Mapper* maps ``label`` to the node label.

Each edge's GraphML id is ``SOURCE:KEY:TARGET`` (``c1:supports:motion``,
``c1:evidence:0:s1``): the graph's own keys repeat from edge to edge, and Gephi keeps only the
first edge of an id. Ids of the debate have no ``:``, so the key is what lies between the
first and the last ``:``. ``nx.read_graphml(path, force_multigraph=True)`` reads the graph
back, these ids as its edge keys.
"""

from __future__ import annotations

import io
import json

import networkx as nx

__all__ = ["to_graphml", "to_json", "graphml_safe", "graphml_value"]


def graphml_value(value):
    """One attribute value as GraphML can hold it (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        # sorted keys: the same debate gives the same file
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def graphml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose every attribute value GraphML can hold."""
    safe = nx.MultiDiGraph(**{k: graphml_value(v) for k, v in graph.graph.items()})
    for n, d in graph.nodes(data=True):
        label = d.get("text") or d.get("title") or n
        safe.add_node(n, **{k: graphml_value(v) for k, v in d.items()},
                      **({} if "label" in d else {"label": label}))
    for u, v, k, d in graph.edges(keys=True, data=True):
        safe.add_edge(u, v, key=f"{u}:{k}:{v}", **{a: graphml_value(x) for a, x in d.items()})
    return safe


def to_graphml(debate, graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML text (UTF-8), as ``nx.write_graphml`` writes it."""
    out = io.BytesIO()
    nx.write_graphml(graphml_safe(graph), out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


def to_json(debate, graph: nx.MultiDiGraph) -> str:
    """The graph as node-link JSON, byte for byte the build's ``argmap.json``."""
    from .jsongraph import to_node_link_json

    return to_node_link_json(graph)
