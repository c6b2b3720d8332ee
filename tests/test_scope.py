"""Materials for part of the debate (argmap.scope): --topic, --resolution, --from-claim and
--strongest cut the graph, carry over what the whole debate says about the rest, and say so."""

from __future__ import annotations

import json

import networkx as nx
import pytest

import argmap
from argmap.lookup import node_ids
from argmap.render.briefs import render_briefs
from argmap.graphview import view_of
from argmap.scope import Scope, ScopeError, scoped

from conftest import FIXTURES, ROOT

DEBATE = """\
title: A test debate
perspectives:
  - id: pro
    label: Pro side
  - id: con
    label: Con side
resolutions:
  - id: motion
    text: The motion should pass.
  - id: other
    text: Another motion should pass.
topics:
  - id: t1
    label: First topic
  - id: t2
    label: Second topic
"""

CLAIMS = """\
claims:
  - id: a
    perspective: pro
    text: Claim a.
    tags: [t1]
    supports: [motion]
  - id: b
    perspective: con
    text: Claim b.
    tags: [t1]
    attacks: [{target: a, note: Whether a holds}]
  - id: c
    perspective: pro
    text: Claim c.
    tags: [t2]
    attacks: [{target: b, note: Whether b holds}]
  - id: d
    perspective: pro
    text: Claim d.
    tags: [t1]
    supports: [e]
  - id: e
    perspective: pro
    text: Claim e.
    tags: [t2]
    supports: [motion]
  - id: f
    perspective: con
    text: Claim f.
    tags: [t2]
    attacks: [other]
"""


@pytest.fixture
def graph(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS}, debate=DEBATE)
    debate, _ = argmap.load(str(root))
    return argmap.build_graph(debate)


def claims(graph) -> set[str]:
    return set(node_ids(graph, "claim"))


def test_an_empty_scope_is_the_whole_graph(graph):
    assert scoped(graph, Scope()) is graph


def test_a_topic_keeps_the_claims_tagged_with_it_and_the_replies_to_its_attacks(graph):
    # b (con) attacks a (pro), both kept: pro's direct reply to b, c of t2, is kept too
    assert claims(scoped(graph, Scope(topics=("t1",)))) == {"a", "b", "c", "d"}


def test_a_cut_keeps_every_side_s_direct_replies_to_the_attacks_it_keeps(debate_dir):
    mirrored = CLAIMS + """\
  - id: g
    perspective: pro
    text: Claim g.
    tags: [t1]
    attacks: [b2]
  - id: b2
    perspective: con
    text: Claim b2.
    tags: [t1]
  - id: h
    perspective: con
    text: Claim h.
    tags: [t2]
    undercuts: [g]
  - id: i
    perspective: pro
    text: Claim i.
    tags: [t2]
    attacks: [c]
"""
    debate, _ = argmap.load(str(debate_dir({"claims.yaml": mirrored}, debate=DEBATE)))
    part = scoped(argmap.build_graph(debate), Scope(topics=("t1",)))
    # con's reply h to pro's g, as pro's reply c to con's b; a reply to a reply (i) is not
    assert claims(part) == {"a", "b", "c", "d", "g", "b2", "h"}
    assert "plus 2 direct replies to the attacks it keeps (7 of 10 claims)" in \
        part.graph["scope"]


def test_several_topics_keep_the_claims_of_any_of_them(graph):
    assert claims(scoped(graph, Scope(topics=("t1", "t2")))) == {"a", "b", "c", "d", "e", "f"}


def test_a_resolution_keeps_the_claims_that_reach_it_and_only_that_resolution(graph):
    part = scoped(graph, Scope(resolution="motion"))
    assert claims(part) == {"a", "b", "c", "d", "e"}
    assert node_ids(part, "resolution") == ["motion"]


def test_from_claim_keeps_the_claim_and_everything_that_replies_to_it(graph):
    assert claims(scoped(graph, Scope(from_claim="a"))) == {"a", "b", "c"}


def test_the_sources_kept_are_those_the_kept_claims_cite():
    debate, _ = argmap.load(str(FIXTURES / "small"))
    whole = argmap.build_graph(debate)
    part = scoped(whole, Scope(from_claim="deliveries-blocked"))
    cited = {v for u, v, d in whole.edges(data=True)
             if d["type"] == "evidence" and u in claims(part)}
    assert set(node_ids(part, "source")) == cited


RANKED = """\
claims:
  - id: p1
    perspective: pro
    text: Claim p1, attacked three times, bringing nothing.
    tags: [t1]
  - id: p2
    perspective: pro
    text: Claim p2.
    tags: [t1]
    supports: [motion]
    evidence: [{source: paper, quote: "p2", locator: p. 1}]
  - id: p3
    perspective: pro
    text: Claim p3.
    tags: [t1]
    supports: [motion]
    evidence: [{source: study, quote: "p3", locator: p. 1}]
  - id: p4
    perspective: pro
    text: Claim p4.
    tags: [t1]
    supports: [motion]
  - id: p5
    perspective: pro
    text: Claim p5.
    tags: [t1]
    supports: [motion]
    evidence:
      - {source: paper, quote: "p5", locator: p. 1}
      - {source: paper, quote: "p5b", locator: p. 2}
  - id: p6
    perspective: pro
    text: Claim p6.
    tags: [t1]
    evidence: [{source: study, quote: "p6", locator: p. 2}]
  - id: q1
    perspective: con
    text: Claim q1.
    tags: [t1]
    attacks: [p1]
  - id: q2
    perspective: con
    text: Claim q2.
    tags: [t1]
    attacks: [p1]
  - id: q3
    perspective: con
    text: Claim q3.
    tags: [t1]
    attacks: [p1]
sources:
  - id: study
    title: A study
    type: academic
  - id: paper
    title: A newspaper's report
    type: news
"""


@pytest.fixture
def ranked(debate_dir):
    debate, _ = argmap.load(str(debate_dir({"claims.yaml": RANKED}, debate=DEBATE)))
    return argmap.build_graph(debate)


def test_strength_ranks_by_relations_made_plus_evidence_then_research_then_order(ranked):
    view = view_of(ranked)
    key = view.strength
    pro = [c for c in view.claims if view.nodes[c]["perspective"] == "pro"]
    # p5: a support and two items; p3 and p2: a support and an item, p3's from research;
    # p6: an item from research; p4: a support; p1: attacked three times, brings nothing
    assert sorted(pro, key=key.__getitem__) == ["p5", "p3", "p2", "p6", "p4", "p1"]
    assert key["p1"][:2] == (0, 0)  # what a claim receives does not count
    assert key["q1"][:2] == (-1, 0)  # a reply counts as what it brings, one relation made


def test_strongest_keeps_half_of_each_side_s_picks_resting_on_research(ranked):
    view = view_of(ranked)
    pro = [c for c in view.claims if view.nodes[c]["perspective"] == "pro"]
    assert view.research == {"p3", "p6"}
    assert view.strongest(pro, 2) == ["p5", "p3"]  # one of two rests on research already
    # of three, two must: p6 takes the place of p2, the last pick not resting on research
    assert view.strongest(pro, 3) == ["p5", "p3", "p6"]
    # of five, three should, but only two claims do: every one is taken, no more
    assert view.strongest(pro, 5) == ["p5", "p3", "p2", "p6", "p4"]
    part = scoped(ranked, Scope(strongest=3))
    assert {"p5", "p3", "p6"} <= claims(part) and not {"p2", "p4", "p1"} & claims(part)


def test_strongest_keeps_at_most_n_claims_of_each_side(graph):
    part = scoped(graph, Scope(strongest=1))
    assert claims(part) == {"a", "b", "c"}  # and c, pro's direct reply to b


def test_strongest_applies_after_the_topic(graph):
    # c and e each make one relation (e's support from d is received: it does not count)
    assert claims(scoped(graph, Scope(topics=("t2",), strongest=1))) == {"c", "f"}


def test_what_a_claim_serves_is_kept_when_its_chain_leaves_the_scope(graph):
    # d supports e, which supports the motion; e is not in topic t1
    part = scoped(graph, Scope(topics=("t1",)))
    assert part.graph["served"]["d"] == [("motion", "for")]
    brief = render_briefs(None, part)["briefs/pro.html"]
    case = brief.split('id="case"')[1].split('id="answers"')[0]
    assert case.index("For the resolution") < case.index("Claim d.")


def test_a_claim_answered_only_outside_the_scope_is_not_called_unanswered(debate_dir):
    # g attacks the motion pro argues for; h, pro's answer, is in t2 (a reply to an attack
    # on a resolution is not a direct reply a cut keeps)
    more = CLAIMS + """\
  - id: g
    perspective: con
    text: Claim g.
    tags: [t1]
    attacks: [motion]
  - id: h
    perspective: pro
    text: Claim h.
    tags: [t2]
    attacks: [g]
"""
    debate, _ = argmap.load(str(debate_dir({"claims.yaml": more}, debate=DEBATE)))
    part = scoped(argmap.build_graph(debate), Scope(topics=("t1",)))
    assert part.nodes["g"]["replies_outside"] == {"pro": 1}
    brief = render_briefs(None, part)["briefs/pro.html"]
    block = brief.split('id="a2-g"')[1].split("</section>")[0]
    assert "Answered outside this selection" in block
    assert "No reply recorded" not in block and "Unanswered" not in block
    from argmap.analysis import analyze
    report = analyze(None, part)
    assert "g" not in report["unanswered"]["perspectives"]["con"]


def test_the_scoped_graph_is_frozen_and_the_whole_is_untouched(graph):
    before = nx.node_link_data(graph, edges="edges")
    part = scoped(graph, Scope(topics=("t1",)))
    with pytest.raises(nx.NetworkXError):
        part.add_node("x")
    assert nx.node_link_data(graph, edges="edges") == before


def test_the_scope_is_described_in_neutral_words(graph):
    part = scoped(graph, Scope(topics=("t1",), strongest=2))
    assert part.graph["scope"] == ("Part of the debate: topic First topic; per side the 2 "
                                   "claims with the most evidence and the most supports and "
                                   "replies they make, research first, plus 1 direct reply "
                                   "to the attacks it keeps (4 of 6 claims).")


@pytest.mark.parametrize("scope, message", [
    (Scope(topics=("nope",)), "--topic: no topic 'nope'; the debate's topics are t1, t2"),
    (Scope(resolution="a"), "--resolution: no resolution 'a'; the debate's resolutions are "
                            "motion, other"),
    (Scope(from_claim="motion"), "--from-claim: no claim 'motion' in the debate"),
])
def test_an_id_the_debate_lacks_is_an_error_naming_what_there_is(graph, scope, message):
    with pytest.raises(ScopeError, match="^" + message.replace("(", r"\(")):
        scoped(graph, scope)


def test_build_with_a_scope_prints_it_on_every_page(tmp_path, cli):
    out = tmp_path / "out"
    result = cli("build", str(FIXTURES / "small"), "-o", str(out), "--no-graphviz",
                 "--worksheets", "--topic", "safety")
    assert result.exit_code == 0
    pages = [p for p in out.rglob("*.html")]
    assert len(pages) >= 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Part of the debate: topic Safety" in text, page.name
        assert "@top-center" in text, page.name  # the printed pages repeat it
    data = json.loads((out / "argmap.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"] if n["type"] == "claim"} == \
        {"lanes-cut-injuries", "study-too-small", "slower-traffic-safer"}


def test_report_and_flow_take_the_scope_too(tmp_path, cli):
    result = cli("report", str(FIXTURES / "small"), "--topic", "safety")
    assert result.exit_code == 0
    assert "Part of the debate: topic Safety (3 of 7 claims)." in result.stdout
    result = cli("flow", str(FIXTURES / "small"), "--topic", "safety",
                 "-o", str(tmp_path / "flow"))
    assert result.exit_code == 0
    assert "Part of the debate" in (tmp_path / "flow" / "flow.html").read_text("utf-8")


def test_an_unknown_topic_on_the_command_line_exits_2_and_writes_nothing(tmp_path, cli):
    result = cli("build", str(FIXTURES / "small"), "-o", str(tmp_path / "out"),
                 "--topic", "nope")
    assert result.exit_code == 2
    assert "error: --topic: no topic 'nope'; the debate's topics are safety, business" \
        in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_build_cut_by_topic_makes_clash_sheets_for_those_topics_only(tmp_path, cli):
    out = tmp_path / "out"
    result = cli("build", str(FIXTURES / "small"), "-o", str(out), "--no-graphviz",
                 "--topic", "safety")
    assert result.exit_code == 0
    assert sorted(p.name for p in (out / "clash").iterdir()) == ["safety.html"]


def test_a_map_too_large_for_handouts_builds_without_them_and_says_how_to_cut_it(
        tmp_path, monkeypatch):
    from argmap import outputs
    from argmap.builder import build

    monkeypatch.setattr(outputs, "HANDOUT_MAX_CLAIMS", 5)  # the small fixture has 7 claims
    result = build(str(FIXTURES / "small"), str(tmp_path / "all"), graphviz=False, cache=False)
    assert not (tmp_path / "all" / "cards").exists()
    assert not (tmp_path / "all" / "clash").exists()
    assert any("cut this one with --topic" in note for note in result.notes)
    result = build(str(FIXTURES / "small"), str(tmp_path / "part"), graphviz=False,
                   cache=False, scope=Scope(topics=("safety",)))
    assert (tmp_path / "part" / "clash" / "safety.html").exists()
    assert not result.notes


def test_a_report_on_part_of_the_debate_counts_only_its_claims_quotes():
    from argmap.analysis import analyze
    from argmap.loader import check

    result = check(str(FIXTURES / "small"), cache=False)
    whole = argmap.build_graph(result.debate)
    part = scoped(whole, Scope(topics=("safety",)))
    quotes = analyze(None, part, result.quotes)["coverage"]["quotes"]
    mine = {k: s for k, s in result.quotes.status.items() if k[0] in claims(part)}
    assert quotes["verified"] + quotes["mismatched"] + quotes["unverified"] == len(mine) > 0
    assert len(mine) < len(result.quotes.status)
    assert {p["claim"] for p in quotes["problems"]} <= claims(part)


def test_the_map_of_a_part_offers_only_the_topics_its_claims_carry(graph):
    from argmap.render.mapdata import topics

    assert [t["id"] for t in topics(scoped(graph, Scope(from_claim="e")))] == ["t1", "t2"]
    assert [t["id"] for t in topics(scoped(graph, Scope(topics=("t2",))))] == ["t2"]
    assert [t["id"] for t in topics(graph)] == ["t1", "t2"]


def test_a_cut_keeps_the_graph_s_order_whatever_the_hash_seed():
    # A subgraph of under half the nodes lists them in a set's order, which Python's hash
    # seed changes from run to run: cut builds differed byte for byte between two runs.
    import os
    import subprocess
    import sys

    program = ("import argmap; from argmap.scope import Scope, scoped; "
               f"d, _ = argmap.load({str(ROOT / 'claims')!r}); "
               "g = scoped(argmap.build_graph(d), Scope(strongest=2)); "
               "print(list(g.nodes)); print(list(g.edges(keys=True)))")
    runs = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1
    graph = argmap.build_graph(argmap.load(str(ROOT / "claims"))[0])
    kept = scoped(graph, Scope(strongest=2))
    assert len(kept) < len(graph) / 2  # where a subgraph would have used a set's order
    assert list(kept.nodes) == [n for n in graph if n in kept]


def test_a_cut_brief_says_what_is_not_attacked_in_this_part_and_where_a_reply_is(graph):
    part = scoped(graph, Scope(topics=("t1",)))
    # b attacks a; pro's reply to b (c) left out of the part, as a cut can leave it out
    cut = nx.MultiDiGraph(part)
    cut.remove_nodes_from([n for n in ("c",) if n in cut])
    cut.nodes["b"]["replies_outside"] = {"pro": 1}
    brief = render_briefs(None, nx.freeze(cut))["briefs/pro.html"]
    front = brief.split('id="front-a"')[1].split("</section>")[0]
    assert "Answered outside this selection</a>: the reply is in the full map" in front
    assert "see its A2 block" not in front
    assert "Not attacked in this part of the map" in brief
    whole = render_briefs(None, graph)["briefs/pro.html"]
    assert "Not attacked in the map" in whole and "this part" not in whole
    assert "see its A2 block" in whole.split('id="front-a"')[1].split("</section>")[0]


def test_a_cut_shows_the_whole_debate_s_grounded_labels():
    from argmap.analysis import analyze
    debate, _ = argmap.load(str(ROOT / "claims"))
    whole = argmap.build_graph(debate)
    labels = view_of(whole).grounded
    topics = [t["id"] for t in whole.graph["topics"]]
    for scope in [Scope(topics=(t,), strongest=5) for t in topics] + [Scope(strongest=3)]:
        g = analyze(None, scoped(whole, scope))["grounded"]
        got = {a: key for key in ("in", "out", "undec") for a in g[key]}
        assert got == {a: labels[a] for a in got}, scope
        assert "whole debate" in g["note"]
    assert "whole debate" not in analyze(None, whole)["grounded"]["note"]
