"""The one read model (#25): every rule about replies, sides and strength is read from one
GraphView per graph, and each of its answers equals a plain networkx computation."""

from __future__ import annotations

import networkx as nx
import pytest

import argmap
from argmap import graphview
from argmap.builder import build
from argmap.graphview import view_of
from argmap.scope import Scope, scoped

from conftest import FIXTURES, ROOT
from synthetic import layered_debate, synthetic_debate

ATTACKS = ("attacks", "undercuts")


def graphs():
    for name in ("small", "uniforms", "counted"):
        debate, _ = argmap.load(str(FIXTURES / name))
        yield name, argmap.build_graph(debate)
    yield "synthetic", argmap.build_graph(synthetic_debate(400))
    yield "layered", argmap.build_graph(layered_debate(4, 3))
    whole = argmap.build_graph(argmap.load(str(ROOT / "claims"))[0])
    yield "bundled", whole
    yield "bundled-part", scoped(whole, Scope(strongest=4))


GRAPHS = list(graphs())


def plain_answering(g: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """The answered rule, straight from networkx: perspectives other than the claim's own
    that attack or undercut it, here or (in a part) with a claim left out."""
    found = {}
    for c, d in g.nodes(data=True):
        if d["type"] != "claim":
            continue
        ps = {g.nodes[u]["perspective"] for u, _, e in g.in_edges(c, data=True)
              if e["type"] in ATTACKS}
        ps |= {p for p, n in d.get("replies_outside", {}).items() if n}
        ps.discard(d["perspective"])
        if ps:
            found[c] = frozenset(ps)
    return found


@pytest.mark.parametrize("name, g", GRAPHS, ids=[n for n, _ in GRAPHS])
def test_the_answered_rule_matches_networkx(name, g):
    assert view_of(g).answering == plain_answering(g)


@pytest.mark.parametrize("name, g", GRAPHS, ids=[n for n, _ in GRAPHS])
def test_strength_matches_networkx(name, g):
    claims = [n for n, d in g.nodes(data=True) if d["type"] == "claim"]
    def items(c):
        return list(g.nodes[c]["evidence"]) + [ev for _, _, e in g.out_edges(c, data=True)
                                               if e["type"] in ("supports", *ATTACKS)
                                               for ev in e.get("evidence", ())]

    def research(c):
        return sum(g.nodes[ev["source"]].get("source_type") in ("academic", "government")
                   for ev in items(c) if ev["source"] in g)
    made = {c: sum(1 for _, _, e in g.out_edges(c, data=True)
                   if e["type"] in ("supports", *ATTACKS)) for c in claims}
    want = {c: (-(made[c] + len(items(c))), -research(c), i) for i, c in enumerate(claims)}
    assert view_of(g).strength == want


@pytest.mark.parametrize("name, g", GRAPHS, ids=[n for n, _ in GRAPHS])
def test_attackers_and_answers_match_in_edges_in_order(name, g):
    view = view_of(g)
    for target in [n for n, d in g.nodes(data=True) if d["type"] in ("claim", "resolution")]:
        own = g.nodes[target].get("perspective")
        edges = [(u, e["type"]) for u, _, e in g.in_edges(target, data=True)
                 if e["type"] in ATTACKS]
        assert [(a["source"], a["type"]) for a in view.attackers(target)] == \
            [(u, t) for u, t in edges if g.nodes[u]["perspective"] != own]
        for p in {g.nodes[u]["perspective"] for u, _ in edges}:
            assert [(a["source"], a["type"]) for a in view.answers(target, p)] == \
                [(u, t) for u, t in edges if g.nodes[u]["perspective"] == p]


@pytest.mark.parametrize("name, g", GRAPHS, ids=[n for n, _ in GRAPHS])
def test_served_resolutions_match_a_walk_along_supports(name, g):
    view = view_of(g)
    if "served" in g.graph:
        return  # a part carries what its claims serve in the whole debate
    for c in view.claims:
        want = []
        for r in view.resolutions:
            for stance, kinds in (("for", ("supports",)), ("against", ATTACKS)):
                starts = {u for u, _, e in g.in_edges(r, data=True) if e["type"] in kinds}
                reach = set(starts)
                frontier = list(starts)
                while frontier:
                    for u, _, e in g.in_edges(frontier.pop(), data=True):
                        if e["type"] == "supports" and u not in reach \
                                and g.nodes[u]["type"] == "claim":
                            reach.add(u)
                            frontier.append(u)
                if c in reach:
                    want.append((r, stance))
        assert view.sides.served.get(c, []) == want, c


def test_a_frozen_graph_has_one_view_for_as_long_as_it_lives():
    g = argmap.build_graph(argmap.load(str(FIXTURES / "small"))[0])
    assert view_of(g) is view_of(g)
    assert view_of(g).sides is view_of(g).sides


def test_a_build_makes_one_view(tmp_path):
    before = graphview.constructed()
    build(str(FIXTURES / "small"), str(tmp_path / "out"), graphviz=False, worksheets=True,
          cache=False)
    assert graphview.constructed() - before == 1
