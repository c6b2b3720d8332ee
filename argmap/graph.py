"""Build the debate's ``networkx.MultiDiGraph``: the one structure renderers and analyses read.

Nodes (every node has ``type``; where each was defined is on the model objects, whose
``location`` is looked up lazily, so building the graph never re-reads a file):

- ``type="resolution"``: ``text``.
- ``type="claim"``: ``perspective``, ``text``, ``kind`` ("" when not given), ``tags`` (list),
  ``note``, ``agreed_by`` (list: other perspectives that hold the claim too), ``evidence``
  (list of dicts: ``source``, ``quote``, ``finding``, ``locator``, ``traced_to``).
- ``type="source"``: ``title``, ``author``, ``publisher``, ``source_type``, ``perspective``,
  ``url``, ``published``, ``accessed``, ``archive``, and for citation managers ``work``,
  ``container_title``, ``volume``, ``issue``, ``pages``, ``doi`` ("" when not given).

Edges (key = the edge type; every edge has ``type``):

- claim → claim/resolution, ``type`` in ``supports``, ``attacks``, ``undercuts``, with
  ``note`` and ``evidence`` (list, as above). An undercut targets the claim
  whose inference it attacks: the ``supports`` edges leaving that claim.
- claim → source, ``type="evidence"``: one per evidence item, with ``index`` (its position in
  the claim's list), ``quote``, ``finding``, ``locator``, ``traced_to``.
- claim → source, ``type="traced_to"``: the primary source a figure originates from, with
  ``via`` (the evidence source that reports it) and ``index``.
- source → source, ``type="cites"``.

Graph attributes: ``title``, ``question``, ``content_note``, ``perspectives`` (list of dicts:
``id``, ``label``, ``summary``, ``color``), ``topics`` (list of dicts: ``id``, ``label``).

Insertion order follows the files, so every export of the graph is in a stable order.

The attributes are decided once, in plain records (:class:`GraphRecords`), which
:func:`build_graph` loads into networkx; a reader that needs no more than the records offer
(the DOT map) takes them from :func:`graph_records` and never pays networkx's import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tuning import long_lived
from .model import RELATION_KINDS, Debate, Evidence

if TYPE_CHECKING:  # networkx takes a sixth of a second to import: only build_graph pays it
    import networkx as nx

__all__ = ["build_graph", "graph_records", "GraphRecords", "evidence_dict", "relation_edges",
           "RELATIONS", "perspectives_of", "perspective_ids", "perspective_labels",
           "topics_in_use"]

RELATIONS = RELATION_KINDS  # the edge types that are relations between claims


def evidence_dict(ev: Evidence) -> dict:
    return {"source": ev.source, "quote": ev.quote, "finding": ev.finding,
            "locator": ev.locator, "traced_to": ev.traced_to}


def build_graph(debate: Debate) -> nx.MultiDiGraph:
    """The debate as a typed multigraph (see the module docstring for every attribute).

    The graph is built once and frozen: every renderer and analysis reads the same graph,
    and one that tried to add or remove a node or edge would change what the others see, so
    it fails at once instead (``networkx.NetworkXError``). Copy it to change it."""
    import networkx as nx

    with long_lived():
        return nx.freeze(_load(_records(debate)))


def graph_records(debate: Debate) -> GraphRecords:
    """The same graph as :func:`build_graph`'s, as plain records, without networkx: for a
    reader that needs only :class:`GraphRecords`' few methods (the DOT map)."""
    with long_lived():
        return _records(debate)


class GraphRecords:
    """The graph's attributes, nodes and edges, each in the order :func:`build_graph` inserts
    them, and the read-only part of ``networkx.MultiDiGraph`` that the DOT renderer uses, so
    that it reads either: ``graph``, ``nodes(data=True)`` and ``adjacency()``.

    ``node_attrs`` maps each node to its attribute dict; ``edge_list`` holds
    ``(source, target, key, data)``. Nothing else of networkx's interface is here: a reader
    that needs more takes the graph."""

    __slots__ = ("graph", "node_attrs", "edge_list")

    def __init__(self, graph: dict, node_attrs: dict[str, dict],
                 edge_list: list[tuple[str, str, str, dict]]):
        self.graph = graph
        self.node_attrs = node_attrs
        self.edge_list = edge_list

    def nodes(self, data: bool = False):
        return self.node_attrs.items() if data else self.node_attrs.keys()

    def adjacency(self):
        """``(node, {target: {key: data}})`` for every node, as networkx's: targets in the
        order their first edge was added, a key added again replacing its data in place."""
        adj: dict[str, dict] = {n: {} for n in self.node_attrs}
        for u, v, k, d in self.edge_list:
            keyed = adj[u].get(v)
            if keyed is None:
                adj[u][v] = {k: d}
            else:
                keyed[k] = d
        return iter(adj.items())


def _load(records: GraphRecords) -> nx.MultiDiGraph:
    import networkx as nx

    g = nx.MultiDiGraph(**records.graph)
    g.add_nodes_from(records.node_attrs.items())
    g.add_edges_from(records.edge_list)
    return g


def _records(debate: Debate) -> GraphRecords:
    """The one place that decides every node's and edge's attributes."""
    graph = {
        "title": debate.title, "question": debate.question,
        "content_note": debate.content_note,
        "perspectives": [{"id": p.id, "label": p.label, "summary": p.summary,
                          "color": p.color} for p in debate.perspectives],
        "topics": [{"id": t.id, "label": t.label} for t in debate.topics],
    }
    nodes: dict[str, dict] = {}

    def add(node_id: str, attrs: dict) -> None:
        # an id given twice is one node with both attribute sets, the later winning, as in
        # networkx's add_node (validation reports the clash)
        if node_id in nodes:
            nodes[node_id].update(attrs)
        else:
            nodes[node_id] = attrs

    for r in debate.resolutions:
        add(r.id, {"type": "resolution", "text": r.text})
    for c in debate.claims:
        add(c.id, {"type": "claim", "perspective": c.perspective, "text": c.text,
                   "kind": c.kind, "tags": list(c.tags), "note": c.note,
                   "agreed_by": list(c.agreed_by),
                   "evidence": [evidence_dict(e) for e in c.evidence]})
    for s in debate.sources:
        add(s.id, {"type": "source", "title": s.title, "author": s.author,
                   "publisher": s.publisher, "source_type": s.type,
                   "perspective": s.perspective, "url": s.url, "published": s.published,
                   "accessed": s.accessed, "archive": s.archive, "work": s.work,
                   "container_title": s.container_title, "volume": s.volume,
                   "issue": s.issue, "pages": s.pages, "doi": s.doi})
    edges: list[tuple[str, str, str, dict]] = []
    edge = edges.append
    for c in debate.claims:
        for rel in c.relations:
            if rel.target in nodes:
                edge((c.id, rel.target, rel.kind,
                      {"type": rel.kind, "note": rel.note,
                       "evidence": [evidence_dict(e) for e in rel.evidence]}))
        for i, ev in enumerate(c.evidence):
            if ev.source in nodes:
                edge((c.id, ev.source, f"evidence:{i}",
                      {"type": "evidence", "index": i, "quote": ev.quote,
                       "finding": ev.finding, "locator": ev.locator,
                       "traced_to": ev.traced_to}))
            if ev.traced_to and ev.traced_to in nodes:
                edge((c.id, ev.traced_to, f"traced_to:{i}",
                      {"type": "traced_to", "via": ev.source, "index": i}))
    for s in debate.sources:
        for cited in s.cites:
            if cited in nodes:
                edge((s.id, cited, "cites", {"type": "cites"}))
    return GraphRecords(graph, nodes, edges)


def relation_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    """The supports, attacks and undercuts edges as ``(source, target, data)``, in the
    graph's order. Read from the adjacency dicts: ``graph.edges`` makes a view object per
    edge, and the map's renderers walk these edges several times."""
    return [(u, v, data) for u, targets in graph.adjacency() for v, keyed in targets.items()
            for data in keyed.values() if data.get("type") in RELATIONS]


def perspectives_of(graph) -> list[dict]:
    """The declared perspectives (``id``, ``label``, ``summary``, ``color``), in order: the
    one way every reader of the graph (or of an analysis index over it) gets them."""
    return graph.graph.get("perspectives", [])


def perspective_ids(graph) -> list[str]:
    return [p["id"] for p in perspectives_of(graph)]


def topics_in_use(graph) -> list[dict]:
    """The declared topics (``id``, ``label``, in declared order) that some claim carries."""
    used = {tag for _, d in graph.nodes(data=True) if d["type"] == "claim" for tag in d["tags"]}
    return [t for t in graph.graph.get("topics", []) if t["id"] in used]


def perspective_labels(graph) -> dict[str, str]:
    return {p["id"]: p["label"] for p in perspectives_of(graph)}
