"""The one read model of a debate graph: read once into plain dicts and lists, with every rule
about replies, sides and strength written here once.

networkx answers each ``nodes[id]`` or edge query through a view object, which at thousands of
claims costs more than the analyses themselves. :class:`GraphView` reads the graph once; it
offers ``nodes`` and ``graph`` as the graph does (so code that reads only those takes either),
the edge lists analyses need, and, made when first asked for, the per-side index
(:class:`SideIndex`), the "strongest first" key and the answered rule.

One view per graph: :func:`view_of` keeps the view of a frozen graph (every graph a build makes
is frozen) for as long as the graph lives, so the map page, the briefs, the cards, the clash
sheets and the report of one build share one view, and the view is the memo of everything it
works out. It holds the graph only weakly, so a graph let go is not kept alive by its view.

**The answered rule** (:meth:`GraphView.answering`): a claim is answered by a perspective when
a claim of that perspective, another than the claim's own, attacks or undercuts it, in the
graph or, in a part of the debate (:mod:`argmap.scope`), with a claim left out of the part.
An answer from the claim's own perspective (a side qualifying itself) does not count: in
debate terms the other side has still dropped the argument.
"""

from __future__ import annotations

import weakref
from collections import defaultdict, deque
from functools import cached_property

import networkx as nx

from .graph import RELATIONS
from .lookup import ATTACKS

__all__ = ["GraphView", "SideIndex", "FOR", "AGAINST", "RESEARCH_TYPES", "view_of", "relation",
           "constructed"]

Edge = tuple[str, str, dict]
FOR, AGAINST = "for", "against"
# The source types whose evidence counts as research (the report's balance audit, the ranks)
RESEARCH_TYPES = ("academic", "government")

_VIEWS: weakref.WeakKeyDictionary[nx.MultiDiGraph, GraphView] = weakref.WeakKeyDictionary()


class _Count:
    """How many views were made (a test pins one per build)."""

    made = 0


def constructed() -> int:
    return _Count.made


class GraphView:
    """``nodes`` (id -> attributes), ``graph`` (the graph's attributes), ``by_type``,
    ``claims``, ``resolutions``, ``relations`` (every supports/attacks/undercuts edge, in
    graph order), ``traced`` (claim -> [(origin, via)]), ``attacks``, and ``clashes``
    (attacks and undercuts on a claim of another perspective)."""

    def __init__(self, graph: nx.MultiDiGraph):
        _Count.made += 1
        self._graph = weakref.ref(graph)
        self.graph = graph.graph
        self.nodes: dict[str, dict] = dict(graph.nodes(data=True))
        self.by_type: dict[str, list[str]] = defaultdict(list)
        for n, d in self.nodes.items():
            self.by_type[d["type"]].append(n)
        self.claims = self.by_type["claim"]
        self.resolutions = self.by_type["resolution"]
        self.relations: list[Edge] = []
        self.traced: dict[str, list[tuple[str, str]]] = defaultdict(list)
        # the order of edges(data=True), without its generator's cost per edge
        for u, targets in graph.adjacency():
            for v, parallel in targets.items():
                for d in parallel.values():
                    kind = d["type"]
                    if kind in RELATIONS:
                        self.relations.append((u, v, d))
                    elif kind == "traced_to":
                        self.traced[u].append((v, d["via"]))
        self.attacks = [e for e in self.relations if e[2]["type"] in ATTACKS]
        nodes = self.nodes
        self.clashes = [(u, v, d) for u, v, d in self.attacks if nodes[v]["type"] == "claim"
                        and nodes[u]["perspective"] != nodes[v]["perspective"]]

    @property
    def nx(self) -> nx.MultiDiGraph:
        """The graph this view reads (alive as long as anyone reads through the view)."""
        graph = self._graph()
        if graph is None:
            raise RuntimeError("the graph of this view is gone")
        return graph

    # ---- relations, indexed -----------------------------------------------------------------

    @cached_property
    def out(self) -> dict[str, list[Edge]]:
        """Claim → its relations, as ``out_edges(claim)`` lists them."""
        out: dict[str, list[Edge]] = {}
        for edge in self.relations:
            out.setdefault(edge[0], []).append(edge)
        return out

    @cached_property
    def attacks_into(self) -> dict[str, list[Edge]]:
        """Node → the attacks and undercuts on it, as ``in_edges(node)`` lists them."""
        into: dict[str, list[Edge]] = {}
        for edge in self.attacks:
            into.setdefault(edge[1], []).append(edge)
        pred = None
        for v, edges in into.items():
            if len(edges) > 1:
                # in_edges(v) lists sources in the order of their first edge into v (one
                # pass over in_edges() for every node would cost more than all of this)
                pred = pred if pred is not None else self.nx.pred
                first = {u: i for i, u in enumerate(pred[v])}
                edges.sort(key=lambda e: first[e[0]])
        return into

    def attackers(self, target: str) -> list[dict]:
        """Attacks and undercuts on ``target`` by claims of *another* perspective than its
        own (a resolution has none, so every claim counts), in the files' order."""
        own = self.nodes[target].get("perspective")
        return [relation(u, v, d) for u, v, d in self.attacks_into.get(target, ())
                if self.nodes[u]["perspective"] != own]

    def answers(self, target: str, perspective: str) -> list[dict]:
        """Attacks and undercuts on ``target`` by claims of ``perspective``, in this graph."""
        return [relation(u, v, d) for u, v, d in self.attacks_into.get(target, ())
                if self.nodes[u]["perspective"] == perspective]

    # ---- the answered rule, once ------------------------------------------------------------

    def answered_outside(self, claim: str, perspective: str) -> bool:
        """In a part of the debate: ``perspective`` attacks or undercuts the claim with a
        claim left out of the part."""
        return bool(self.nodes[claim].get("replies_outside", {}).get(perspective))

    def attacked_outside(self, claim: str) -> bool:
        """In a part of the debate: a perspective other than the claim's own attacks or
        undercuts it with a claim left out of the part."""
        node = self.nodes[claim]
        return bool(set(node.get("replies_outside", ())) - {node["perspective"]})

    @cached_property
    def answering(self) -> dict[str, frozenset[str]]:
        """Claim → the perspectives that answer it (the module docstring's rule); a claim
        no other perspective answers is absent."""
        found: dict[str, set[str]] = defaultdict(set)
        for u, v, _ in self.clashes:
            found[v].add(self.nodes[u]["perspective"])
        for c in self.claims:
            node = self.nodes[c]
            outside = node.get("replies_outside")
            if outside:
                found[c].update(p for p, n in outside.items()
                                if n and p != node["perspective"])
        return {c: frozenset(ps) for c, ps in found.items() if ps}

    def answered(self, claim: str) -> bool:
        """Whether another perspective answers the claim (the rule above)."""
        return claim in self.answering

    def answered_by(self, claim: str, perspective: str) -> bool:
        return perspective in self.answering.get(claim, ())

    # ---- sides and strength -----------------------------------------------------------------

    @cached_property
    def sides(self) -> SideIndex:
        """What each side says and what it says against the others (:class:`SideIndex`)."""
        return SideIndex(self)

    @cached_property
    def grounded(self) -> dict[str, str]:
        """Claim or resolution → its grounded label (``in``, ``out``, ``undec``): Dung's
        grounded labelling of the attack graph, whose arguments are the claims and
        resolutions and whose attacks are the attacks and undercuts. An argument all of
        whose attackers are OUT (or that has none) is IN; one with an IN attacker is OUT;
        repeat until nothing changes; the rest are UNDEC. Done with a work list, each
        argument entering it once, so it is linear in the edges. A part of the debate
        (:mod:`argmap.scope`) carries the whole debate's labels in its ``grounded``."""
        args = [*self.claims, *self.resolutions]
        if "grounded" in self.graph:
            carried = self.graph["grounded"]
            return {a: carried[a] for a in args}
        waiting = dict.fromkeys(args, 0)  # per argument, attackers not yet known to be OUT
        targets: dict[str, list[str]] = defaultdict(list)
        # each attacker once per target, though it may both attack and undercut it
        for u, v in dict.fromkeys((u, v) for u, v, _ in self.attacks
                                  if u in waiting and v in waiting):
            waiting[v] += 1
            targets[u].append(v)
        label: dict[str, str] = {}
        work = [a for a in args if waiting[a] == 0]
        for a in work:
            label[a] = "in"
        while work:
            for beaten in targets.get(work.pop(), ()):
                if beaten in label:
                    continue
                label[beaten] = "out"
                for t in targets.get(beaten, ()):
                    waiting[t] -= 1
                    if waiting[t] == 0 and t not in label:
                        label[t] = "in"
                        work.append(t)
        return {a: label.get(a, "undec") for a in args}

    @cached_property
    def _evidence_of(self) -> dict[str, list[dict]]:
        """Claim → its evidence items: its own, then those it gives for its relations."""
        found = {c: list(self.nodes[c]["evidence"]) for c in self.claims}
        for u, _, d in self.relations:
            if d.get("evidence") and u in found:
                found[u].extend(d["evidence"])
        return found

    @cached_property
    def research(self) -> frozenset[str]:
        """The claims resting on research: with an evidence item (for the claim or for one of
        its relations) from a source of a type in ``RESEARCH_TYPES``."""
        return frozenset(c for c, items in self._evidence_of.items()
                         if any(self._is_research(ev) for ev in items))

    def _is_research(self, ev: dict) -> bool:
        return self.nodes.get(ev["source"], {}).get("source_type") in RESEARCH_TYPES

    @cached_property
    def strength(self) -> dict[str, tuple[int, int, int]]:
        """Claim → its sort key for "strongest first" (smaller comes first), the one rule for
        every side: minus what the claim brings (the relations it makes, supports, attacks
        and undercuts, plus its evidence items, its own and those given for its relations),
        then minus its research evidence items (from academic or government sources), then
        its position in the files. What a claim *receives* does not count: being attacked
        often says what the other side's documents take up, not what this side offers."""
        made: dict[str, int] = {}
        for u, _, _ in self.relations:
            made[u] = made.get(u, 0) + 1
        key = {}
        for i, c in enumerate(self.claims):
            items = self._evidence_of[c]
            research = sum(self._is_research(ev) for ev in items)
            key[c] = (-(made.get(c, 0) + len(items)), -research, i)
        return key

    def strongest(self, claims, n: int) -> list[str]:
        """The first ``n`` of ``claims`` (one side's) by :attr:`strength`, with a research
        floor: at least half of them (rounded up) rest on research (:attr:`research`) when
        ``claims`` has that many that do. A claim taken for the floor replaces the last
        ones taken that do not rest on research; the result is in the order of strength."""
        ranked = sorted(claims, key=self.strength.__getitem__)
        picked = ranked[:n]
        floor = min(-(-min(n, len(ranked)) // 2), sum(c in self.research for c in ranked))
        lacking = floor - sum(c in self.research for c in picked)
        if lacking > 0:
            extra = [c for c in ranked[n:] if c in self.research][:lacking]
            others = [c for c in picked if c not in self.research]
            dropped = set(others[len(others) - lacking:])
            keep = set(picked) - dropped | set(extra)
            picked = [c for c in ranked if c in keep]
        return picked


def relation(u: str, v: str, d: dict) -> dict:
    """An edge as the plain dict the briefs, the flow and the sheets read."""
    return {"source": u, "target": v, "type": d["type"], "note": d.get("note", ""),
            "evidence": list(d.get("evidence", ()))}


def view_of(graph: nx.MultiDiGraph | GraphView) -> GraphView:
    """The view of ``graph``: the same one for as long as a frozen graph lives (a view is
    returned as it is; a graph that may still change gets a view of its own each time)."""
    if isinstance(graph, GraphView):
        return graph
    if not nx.is_frozen(graph):
        return GraphView(graph)
    view = _VIEWS.get(graph)
    if view is None:
        view = _VIEWS[graph] = GraphView(graph)
    return view


class SideIndex:
    """What each side says, and what it says against the others: the structure that briefs,
    worksheets, cards and flow sheets share, read from a view (its ``sides``, made once per
    view): a brief of 10,000 claims asks plain dicts, not networkx.

    A *side* is a perspective. Ids come in a stable order: topics in the declared order,
    then tags that are not declared topics (alphabetically), then untagged claims (topic
    ``None``); within a topic, the files' order. Vocabulary, from debate practice:

    - a side's **case**: its claims, grouped by topic and by the resolution each serves;
    - an **opposing argument**: a claim of another side that attacks or undercuts one of
      this side's claims, or a resolution this side argues for; its "A2" (answers-to) block
      holds this side's claims that attack or undercut it, and it is *unanswered* when there
      are none;
    - a **frontline**: for one of this side's claims, what the other sides say against it.
    """

    def __init__(self, view: GraphView):
        self.view = view
        self.nodes = view.nodes
        self.claims = view.claims
        self._by_perspective: dict[str, list[str]] = {}
        for c in self.claims:
            self._by_perspective.setdefault(self.nodes[c]["perspective"], []).append(c)
        self.resolutions = view.resolutions
        self.order = _topic_order(view, (self.nodes[c]["tags"] for c in self.claims))
        self._topic_rank = _first_positions(self.order)
        # A part of the debate (argmap.scope) carries what its claims serve in the whole one
        self.served = view.graph["served"] if "served" in view.graph else self._served()

    @cached_property
    def _claim_rank(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.claims)}

    def claims_of(self, perspective: str) -> list[str]:
        return list(self._by_perspective.get(perspective, ()))

    def primary_topic(self, claim: str) -> str | None:
        """As :func:`primary_topic` in this index's topic order (every tag is in it)."""
        tags = self.nodes[claim]["tags"]
        return min(tags, key=self._topic_rank.__getitem__) if tags else None

    def _served(self) -> dict[str, list[tuple[str, str]]]:
        """As :func:`served_resolutions`, for every claim at once: one walk backwards from
        each resolution along ``supports``, not one per claim. Each claim's pairs come in
        declared order, resolution by resolution, FOR before AGAINST."""
        supporters: dict[str, list[str]] = {}
        into_resolution: dict[str, list[Edge]] = {r: [] for r in self.resolutions}
        for edge in self.view.relations:
            if edge[2]["type"] == "supports":
                supporters.setdefault(edge[1], []).append(edge[0])
            if edge[1] in into_resolution:
                into_resolution[edge[1]].append(edge)
        result: dict[str, list[tuple[str, str]]] = {}
        for r in self.resolutions:
            into = into_resolution[r]
            starts = {FOR: [u for u, _, d in into if d["type"] == "supports"],
                      AGAINST: [u for u, _, d in into if d["type"] in ATTACKS]}
            for stance in (FOR, AGAINST):
                for c in self._supported_from(starts[stance], supporters):
                    result.setdefault(c, []).append((r, stance))
        return result

    def _supported_from(self, starts: list[str], supporters: dict[str, list[str]]) -> set[str]:
        seen = set(starts)
        queue = deque(starts)
        while queue:
            for u in supporters.get(queue.popleft(), ()):
                if u not in seen and self.nodes[u]["type"] == "claim":
                    seen.add(u)
                    queue.append(u)
        return seen

    def resolutions_argued_for(self, perspective: str) -> set[str]:
        return {r for c in self.claims_of(perspective) for r, stance in self.served.get(c, ())
                if stance == FOR}

    def case_groups(self, perspective: str) -> list[dict]:
        """As :func:`case_groups`."""
        keys = [(r, s) for r in self.resolutions for s in (FOR, AGAINST)] + [(None, None)]
        slots: dict[str | None, dict[tuple, list[str]]] = {}
        also: dict[str, list[tuple[str, str]]] = {}
        for c in self.claims_of(perspective):
            pairs = self.served.get(c, [])  # in the order of keys: the first one is its group
            key = pairs[0] if pairs else (None, None)
            also[c] = pairs[1:]
            slots.setdefault(self.primary_topic(c), {}).setdefault(key, []).append(c)
        return [{"topic": t,
                 "groups": [{"resolution": k[0], "stance": k[1], "claims": slots[t][k],
                             "also": {c: also[c] for c in slots[t][k]}}
                            for k in keys if k in slots[t]]}
                for t in self.order if t in slots]

    def case_order(self, perspective: str) -> list[str]:
        return [c for topic in self.case_groups(perspective) for group in topic["groups"]
                for c in group["claims"]]

    def attackers(self, target: str) -> list[dict]:
        return self.view.attackers(target)

    def answers(self, target: str, perspective: str) -> list[dict]:
        return self.view.answers(target, perspective)

    def opposing_arguments(self, perspective: str) -> list[dict]:
        """As :func:`opposing_arguments`."""
        mine = set(self.claims_of(perspective)) | self.resolutions_argued_for(perspective)
        found: dict[str, list[dict]] = {}
        for u, v, d in self.view.attacks:
            if v in mine and self.nodes[u]["perspective"] != perspective:
                found.setdefault(u, []).append(relation(u, v, d))
        items = [{"claim": c, "topic": self.primary_topic(c), "targets": found[c],
                  "answers": self.answers(c, perspective)} for c in found]
        return sorted(items, key=lambda a: (self._topic_rank[a["topic"]],
                                            self._claim_rank[a["claim"]]))


def _topic_order(graph, tag_lists) -> list[str | None]:
    declared = [t["id"] for t in graph.graph.get("topics", [])]
    used = {t for tags in tag_lists for t in tags}
    return declared + sorted(used - set(declared)) + [None]


def _first_positions(items: list) -> dict:
    """Item → its first position, as ``list.index`` finds it."""
    positions: dict = {}
    for i, item in enumerate(items):
        positions.setdefault(item, i)
    return positions
