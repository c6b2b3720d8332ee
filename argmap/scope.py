"""A part of the debate for one lesson: some topics, one resolution's tree or one claim's,
and at most the N strongest claims of each side.

:func:`scoped` cuts the debate graph down to the scope and every material is then rendered
from the cut graph as it would be from the whole one, so briefs, worksheets, flow sheets,
the report and the map all show the same part. Two things a cut would falsify are carried
over from the whole debate instead:

- **what each claim serves**: a claim supports a resolution through a chain of claims, and
  the chain may leave the scope; the whole debate's answer (:class:`argmap.graphview.SideIndex`)
  is kept in the graph's ``served``, so a brief files each card under the right resolution;
- **answers outside the scope**: a claim attacked only by claims left out is not
  unanswered; each claim keeps ``replies_outside`` (perspective → how many of its attacks
  and undercuts were left out), and the materials say "answered outside this selection";
- **grounded labels**: worked out once on the whole debate (:attr:`GraphView.grounded`) and
  kept in the graph's ``grounded``, so the report of a part shows each claim's label as the
  whole debate, with every recorded attack, gives it.

A part also keeps the direct replies to the attacks it keeps (:func:`direct_replies`), the
same rule for every side, so no side's answer to an attack shown is left out.

The "strongest" claims (the option keeps its name; what it picks is this), ranked the same
way for every side (:attr:`GraphView.strength`): by what a claim brings, the supports,
attacks and undercuts it makes plus its evidence items, then by its research evidence
(academic and government sources), then by the files' order; and of each side's N, at least
half (rounded up) rest on research when the side has that many in the selection
(:meth:`GraphView.strongest`). What a claim receives does not count: how often the other
side's documents attack a claim says what they take up, not what the claim offers. It is a
rule about the map's records, not about who is right.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import networkx as nx

from .errors import ArgmapError
from .graph import RELATIONS
from .lookup import ATTACKS, node_ids
from .vocabulary import plural

__all__ = ["Scope", "ScopeError", "scoped", "describe", "direct_replies"]


class ScopeError(ArgmapError):
    """A scope names a topic, resolution or claim the debate does not have (exit 2)."""


@dataclass(frozen=True)
class Scope:
    topics: tuple[str, ...] = ()
    resolution: str | None = None
    from_claim: str | None = None
    strongest: int | None = None

    def __bool__(self) -> bool:
        return bool(self.topics or self.resolution or self.from_claim or self.strongest)


def _replying(graph: nx.MultiDiGraph, roots: list[str]) -> set[str]:
    """The claims that reach one of ``roots`` through relations, and the roots."""
    seen, queue = set(roots), deque(roots)
    while queue:
        for u, _, d in graph.in_edges(queue.popleft(), data=True):
            if d["type"] in RELATIONS and u not in seen:
                seen.add(u)
                queue.append(u)
    return seen


def _check_ids(graph: nx.MultiDiGraph, scope: Scope) -> None:
    topics = [t["id"] for t in graph.graph.get("topics", [])]
    tags = {t for c in node_ids(graph, "claim") for t in graph.nodes[c]["tags"]}
    for topic in scope.topics:
        if topic not in tags and topic not in topics:
            raise ScopeError(f"--topic: no topic '{topic}'; the debate's topics are "
                             f"{', '.join(topics) or 'none'}")
    if scope.resolution is not None:
        resolutions = node_ids(graph, "resolution")
        if scope.resolution not in resolutions:
            raise ScopeError(f"--resolution: no resolution '{scope.resolution}'; the "
                             f"debate's resolutions are {', '.join(resolutions) or 'none'}")
    if scope.from_claim is not None:
        node = graph.nodes.get(scope.from_claim)
        if node is None or node["type"] != "claim":
            raise ScopeError(f"--from-claim: no claim '{scope.from_claim}' in the debate")
    if scope.strongest is not None and scope.strongest < 1:
        raise ScopeError("--strongest: give a number of claims of 1 or more")


def scoped(graph: nx.MultiDiGraph, scope: Scope) -> nx.MultiDiGraph:
    """The part of ``graph`` in ``scope``, frozen like the whole; ``graph`` itself when the
    scope is empty. Raises :class:`ScopeError` for an id the debate does not have."""
    if not scope:
        return graph
    _check_ids(graph, scope)
    from .graphview import view_of

    view = view_of(graph)
    claims = node_ids(graph, "claim")
    kept = set(claims)
    if scope.topics:
        wanted = set(scope.topics)
        kept &= {c for c in claims if wanted & set(graph.nodes[c]["tags"])}
    if scope.resolution is not None:
        kept &= _replying(graph, [scope.resolution])
    if scope.from_claim is not None:
        kept &= _replying(graph, [scope.from_claim])
    selected = len(kept)
    if scope.strongest is not None:
        by_side: dict[str, list[str]] = {}
        for c in claims:
            if c in kept:
                by_side.setdefault(graph.nodes[c]["perspective"], []).append(c)
        kept = {c for mine in by_side.values() for c in view.strongest(mine, scope.strongest)}
    replies = direct_replies(view, kept)
    kept |= replies

    resolutions = [r for r in node_ids(graph, "resolution")
                   if scope.resolution is None or r == scope.resolution]
    sources = {v for c in kept for _, v, d in graph.out_edges(c, data=True)
               if d["type"] in ("evidence", "traced_to")}
    order = [n for n in graph if n in kept or n in sources or n in resolutions]
    part = _part(graph, order)

    served = view.sides.served
    part.graph["served"] = {c: [(r, s) for r, s in served.get(c, ()) if r in part]
                            for c in kept}
    for c in kept:
        outside: dict[str, int] = {}
        for u, _, d in graph.in_edges(c, data=True):
            if d["type"] in ATTACKS and u not in kept:
                p = graph.nodes[u]["perspective"]
                outside[p] = outside.get(p, 0) + 1
        part.nodes[c]["replies_outside"] = outside
    grounded = view.grounded  # the whole debate's labels, as answered is the whole's
    part.graph["grounded"] = {a: grounded[a] for a in part if a in grounded}
    part.graph["scope"] = describe(graph, scope, len(kept), selected, len(replies))
    if scope.topics:  # the topics a lesson is about: a clash sheet for each, no others
        part.graph["scope_topics"] = list(scope.topics)
    return nx.freeze(part)


def direct_replies(view, kept: set[str]) -> set[str]:
    """The direct replies a part keeps beside its claims, the one rule for every side: for
    each kept claim A that attacks or undercuts a kept claim B of another perspective, the
    claims of B's perspective that attack or undercut A. Only direct replies: a reply to a
    reply is not added, so a part stays the size its options say, give or take the answers
    to what it shows."""
    nodes, found = view.nodes, set()
    for u, v, _ in view.clashes:
        if u in kept and v in kept:
            side = nodes[v]["perspective"]
            found.update(c for c, _, _ in view.attacks_into.get(u, ())
                         if c not in kept and nodes[c]["type"] == "claim"
                         and nodes[c]["perspective"] == side)
    return found


def _part(graph: nx.MultiDiGraph, order: list[str]) -> nx.MultiDiGraph:
    """The nodes ``order`` of ``graph`` and the edges between them, in the graph's order, with
    copies of their attribute dicts (ours to annotate). Not ``subgraph().copy()``: a subgraph
    of fewer than half the nodes lists them in the order of a set, which changes from one
    run to the next, and so did every output of a cut build."""
    part = nx.MultiDiGraph()
    part.graph.update(graph.graph)
    part.add_nodes_from((n, dict(graph.nodes[n])) for n in order)
    keep = part.nodes
    part.add_edges_from((u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)
                        if u in keep and v in keep)
    return part


def describe(graph: nx.MultiDiGraph, scope: Scope, shown: int, selected: int,
             replies: int = 0) -> str:
    """The line printed on every page of a scoped material, in neutral words; ``replies``:
    the direct replies kept beside the claims the options chose (:func:`direct_replies`)."""
    parts = []
    if scope.topics:
        labels = {t["id"]: t["label"] for t in graph.graph.get("topics", [])}
        names = [labels.get(t, t) for t in scope.topics]
        parts.append(("topic " if len(names) == 1 else "topics ") + ", ".join(names))
    if scope.resolution is not None:
        parts.append(f"resolution {scope.resolution}")
    if scope.from_claim is not None:
        parts.append(f"claim {scope.from_claim} and its replies")
    if scope.strongest is not None:
        parts.append(f"per side the {plural(scope.strongest, 'claim')} with the most evidence "
                     "and the most supports and replies they make, research first")
    if replies:
        parts[-1] += (f", plus {replies} direct {'reply' if replies == 1 else 'replies'} to "
                      "the attacks it keeps")
    total = len(node_ids(graph, "claim"))
    return f"Part of the debate: {'; '.join(parts)} ({shown} of {total} claims)."
