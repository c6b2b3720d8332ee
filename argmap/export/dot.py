"""The map's Graphviz source, for ``argmap export --format dot``.

A module of its own, apart from the graph files, so the export never imports networkx: it
reads the graph's records (:func:`argmap.graph.graph_records`), which the DOT renderer reads
as it reads the networkx graph.
"""

from __future__ import annotations

__all__ = ["to_dot"]


def to_dot(debate, graph) -> str:
    """The map's Graphviz source, as a build writes ``map.dot`` (links point to
    ``index.html``): the same work as ``argdown map --format dot``, with no layout run.
    ``graph`` is the networkx graph or its records."""
    from ..render.dot import render_dot

    return "".join(render_dot(debate, graph))
