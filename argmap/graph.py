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
"""

from __future__ import annotations

import networkx as nx

from .tuning import long_lived
from .model import RELATION_KINDS, Debate, Evidence

__all__ = ["build_graph", "evidence_dict", "relation_edges", "RELATIONS", "perspectives_of",
           "perspective_ids", "perspective_labels", "topics_in_use"]

RELATIONS = RELATION_KINDS  # the edge types that are relations between claims


def evidence_dict(ev: Evidence) -> dict:
    return {"source": ev.source, "quote": ev.quote, "finding": ev.finding,
            "locator": ev.locator, "traced_to": ev.traced_to}


def build_graph(debate: Debate) -> nx.MultiDiGraph:
    """The debate as a typed multigraph (see the module docstring for every attribute).

    The graph is built once and frozen: every renderer and analysis reads the same graph,
    and one that tried to add or remove a node or edge would change what the others see, so
    it fails at once instead (``networkx.NetworkXError``). Copy it to change it."""
    with long_lived():
        return nx.freeze(_build(debate))


def _build(debate: Debate) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(
        title=debate.title, question=debate.question, content_note=debate.content_note,
        perspectives=[{"id": p.id, "label": p.label, "summary": p.summary, "color": p.color}
                      for p in debate.perspectives],
        topics=[{"id": t.id, "label": t.label} for t in debate.topics],
    )
    for r in debate.resolutions:
        g.add_node(r.id, type="resolution", text=r.text)
    for c in debate.claims:
        g.add_node(c.id, type="claim", perspective=c.perspective, text=c.text, kind=c.kind,
                   tags=list(c.tags), note=c.note, agreed_by=list(c.agreed_by),
                   evidence=[evidence_dict(e) for e in c.evidence])
    for s in debate.sources:
        g.add_node(s.id, type="source", title=s.title, author=s.author, publisher=s.publisher,
                   source_type=s.type, perspective=s.perspective, url=s.url,
                   published=s.published, accessed=s.accessed, archive=s.archive,
                   work=s.work, container_title=s.container_title, volume=s.volume,
                   issue=s.issue, pages=s.pages, doi=s.doi)
    known = g.nodes
    for c in debate.claims:
        for rel in c.relations:
            if rel.target in known:
                g.add_edge(c.id, rel.target, key=rel.kind, type=rel.kind, note=rel.note,
                           evidence=[evidence_dict(e) for e in rel.evidence])
        for i, ev in enumerate(c.evidence):
            if ev.source in known:
                g.add_edge(c.id, ev.source, key=f"evidence:{i}", type="evidence", index=i,
                           quote=ev.quote, finding=ev.finding, locator=ev.locator,
                           traced_to=ev.traced_to)
            if ev.traced_to and ev.traced_to in known:
                g.add_edge(c.id, ev.traced_to, key=f"traced_to:{i}", type="traced_to",
                           via=ev.source, index=i)
    for s in debate.sources:
        for cited in s.cites:
            if cited in known:
                g.add_edge(s.id, cited, key="cites", type="cites")
    return g


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
