"""The graph: typed nodes and edges, the one structure renderers and analyses read."""

from __future__ import annotations

import argmap

from conftest import FIXTURES


def small_graph():
    debate, diagnostics = argmap.load(str(FIXTURES / "small"))
    assert all(d.severity == "warning" for d in diagnostics)
    return debate, argmap.build_graph(debate)


def test_resolutions_claims_and_sources_are_typed_nodes():
    debate, g = small_graph()
    types = {n: d["type"] for n, d in g.nodes(data=True)}
    assert types["build-lanes"] == "resolution"
    assert types["lanes-cut-injuries"] == "claim"
    assert types["safety-study"] == "source"
    assert sum(t == "claim" for t in types.values()) == len(debate.claims) == 7


def test_relations_are_edges_keyed_by_type():
    _, g = small_graph()
    assert g.has_edge("lanes-cut-injuries", "build-lanes", key="supports")
    assert g.has_edge("lanes-bring-customers", "parking-needed-for-shops", key="attacks")
    assert g.has_edge("study-too-small", "lanes-cut-injuries", key="undercuts")
    note = g.edges["study-too-small", "lanes-cut-injuries", "undercuts"]["note"]
    assert note == "Whether one street's data supports a city-wide conclusion"


def test_evidence_traced_to_and_cites_are_edges():
    _, g = small_graph()
    ev = g.edges["lanes-cut-injuries", "safety-study", "evidence:0"]
    assert ev["type"] == "evidence" and ev["locator"] == "p. 3"
    traced = g.edges["lanes-cut-injuries", "city-crash-data", "traced_to:0"]
    assert traced == {"type": "traced_to", "via": "safety-study", "index": 0}
    assert g.has_edge("safety-study", "city-crash-data", key="cites")


def test_claim_nodes_carry_perspective_kind_and_tags():
    _, g = small_graph()
    node = g.nodes["lanes-cut-injuries"]
    assert node["perspective"] == "lanes" and node["kind"] == "statistic"
    assert node["tags"] == ["safety"]
    assert node["evidence"][0]["traced_to"] == "city-crash-data"


def test_model_objects_know_where_they_were_defined():
    debate, _ = small_graph()
    assert str(debate.claims_by_id["lanes-cut-injuries"].location) == "lanes.yaml:2:5"
    assert str(debate.claims_by_id["study-too-small"].relations[0].location) == \
        "parking.yaml:34:9"
    assert str(debate.claims_by_id["lanes-cut-injuries"].evidence[0].location) == \
        "lanes.yaml:8:9"


def test_graph_attributes_carry_perspectives_with_colours():
    _, g = small_graph()
    assert [p["id"] for p in g.graph["perspectives"]] == ["lanes", "parking"]
    assert all(p["color"].startswith("#") for p in g.graph["perspectives"])


def test_undeclared_colours_come_from_the_colour_blind_safe_palette():
    debate, _ = small_graph()
    assert [p.color for p in debate.perspectives] == ["#0072B2", "#E69F00"]


def test_default_colours_skip_the_ones_declared(debate_dir):
    debate_yaml = ("title: T\nperspectives:\n  - id: a\n    color: '#0072b2'\n  - id: b\n"
                   "  - id: c\n")
    debate, _ = argmap.load(str(debate_dir({}, debate=debate_yaml)))
    assert [p.color for p in debate.perspectives] == ["#0072b2", "#E69F00", "#56B4E9"]
