"""The printable atlas: every branch as a diagram on sheets of known size, every claim in a
diagram, page references that lead where they say (the printed PDF is checked in
``test_browser.py``)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

import argmap
from argmap.branches import branches
from argmap.render.atlas import BODY_H, atlas_html_pieces, paginate
from argmap.render.mapdata import perspectives

from conftest import FIXTURES
from synthetic import synthetic_debate

BRANCHY = """\
claims:
  - {id: a, perspective: pro, text: A supports the motion., supports: [motion], evidence: [{source: s, quote: q}]}
  - {id: b, perspective: con, text: B attacks the motion., attacks: [motion], evidence: [{source: s, quote: q}]}
  - {id: c, perspective: con, text: C attacks A., attacks: [a], evidence: [{source: s, quote: q}]}
  - {id: d, perspective: pro, text: D supports A., supports: [a], evidence: [{source: s, quote: q}]}
  - {id: e, perspective: con, text: E undercuts D., undercuts: [d], evidence: [{source: s, quote: q}]}
  - {id: f, perspective: pro, text: F attacks C and B., attacks: [c, b], evidence: [{source: s, quote: q}]}
  - {id: g, perspective: pro, text: G leads nowhere., evidence: [{source: s, quote: q}]}
  - {id: h, perspective: con, text: H attacks G., attacks: [g], evidence: [{source: s, quote: q}]}
sources:
  - {id: s, title: S}
"""


def graph_of(root):
    debate, _ = argmap.load(str(root))
    return argmap.build_graph(debate)


def sheets_html(graph) -> BeautifulSoup:
    text = "".join(atlas_html_pieces(graph, branches(graph), "T", "Q?", perspectives(graph),
                                     sum(1 for _, d in graph.nodes(data=True)
                                         if d["type"] == "claim")))
    return BeautifulSoup(text, "html.parser")


def test_branches_group_replies_by_perspective_lane_and_relation(debate_dir):
    found = branches(graph_of(debate_dir({"c.yaml": BRANCHY})))
    a = found.by_node["a"]
    assert [(lane.perspective, lane.groups) for lane in a.lanes] == [
        ("pro", (("supports", ("d",)),)), ("con", (("attacks", ("c",)),))]
    assert found.by_node["d"].lanes[0].groups == (("undercuts", ("e",)),)


def test_branches_open_with_the_resolutions_then_go_depth_first(debate_dir):
    found = branches(graph_of(debate_dir({"c.yaml": BRANCHY})))
    assert [b.node for b in found.order] == ["motion", "a", "d", "c", "b", "g"]
    assert found.roots == ("motion", "g") and found.loose == ()


def test_a_claim_replying_to_two_claims_is_in_both_branches(debate_dir):
    found = branches(graph_of(debate_dir({"c.yaml": BRANCHY})))
    holding_f = [b.node for b in found.order for lane in b.lanes for _, ids in lane.groups
                 if "f" in ids]
    assert holding_f == ["c", "b"]


def test_every_claim_is_drawn_in_the_atlas(debate_dir):
    soup = sheets_html(graph_of(debate_dir({"c.yaml": BRANCHY})))
    drawn = {e.get_text() for e in soup.select(".at-box .at-id, .at-parent .at-id")}
    assert drawn == {"motion", "a", "b", "c", "d", "e", "f", "g", "h"}


def test_each_reply_with_replies_names_the_page_of_its_branch():
    graph = argmap.build_graph(synthetic_debate(300))
    soup = sheets_html(graph)
    sheets = soup.select(".at-sheet")
    assert len(sheets) > 3
    page_of = {}
    for number, sheet in enumerate(sheets, 1):
        assert sheet.select_one(".at-run").get_text().endswith(f"page {number} of {len(sheets)}")
        for parent in sheet.select(".at-branch:not(.continued) > .at-parent .at-id"):
            page_of.setdefault(parent.get_text(), number)
    checked = 0
    for number, sheet in enumerate(sheets, 1):
        for box in sheet.select(".at-box"):
            goto = box.select_one(".at-goto")
            node = box.select_one(".at-id").get_text()
            if goto is None:
                assert node not in page_of
                continue
            page = re.search(r"page (\d+)", goto.get_text())
            named = int(page.group(1)) if page else number  # "this page"
            assert named == page_of[node]
            checked += 1
    assert checked > 20


def test_a_branch_too_long_for_a_sheet_goes_on_and_says_where():
    graph = argmap.build_graph(synthetic_debate(300))
    sheets = paginate(graph, branches(graph))
    split = [i for i, s in enumerate(sheets) if s.parts[-1].goes_on]
    assert split, "the synthetic debate has a branch longer than a sheet"
    i = split[0]
    assert sheets[i + 1].parts[0].continued and sheets[i + 1].parts[0].node == \
        sheets[i].parts[-1].node


def test_only_a_branch_longer_than_a_sheet_is_split():
    graph = argmap.build_graph(synthetic_debate(300))
    replies: dict[str, int] = {}
    parts: dict[str, int] = {}
    for sheet in paginate(graph, branches(graph)):
        for part in sheet.parts:
            parts[part.node] = parts.get(part.node, 0) + 1
            replies[part.node] = replies.get(part.node, 0) + sum(
                len(ids) for _, groups in part.lanes for _, ids, _ in groups)
    split = [node for node, count in parts.items() if count > 1]
    assert split and all(replies[node] > 10 for node in split)


def test_every_perspective_keeps_its_column_on_every_sheet():
    graph = graph_of(FIXTURES / "small")
    soup = sheets_html(graph)
    for branch in soup.select(".at-branch"):
        heads = [h.get_text() for h in branch.select(".at-lane-head")]
        assert heads == ["Build the lanes", "Keep the parking"]


def test_the_legend_is_on_every_sheet():
    soup = sheets_html(argmap.build_graph(synthetic_debate(300)))
    for sheet in soup.select(".at-sheet"):
        legend = sheet.select_one(".at-legend").get_text(" ")
        assert "Supports" in legend and "Attacks" in legend and "Undercuts" in legend


def test_hostile_text_is_escaped_in_the_atlas(debate_dir):
    hostile = BRANCHY.replace("A supports the motion.", "'<script>x()</script>'")
    soup = sheets_html(graph_of(debate_dir({"c.yaml": hostile})))
    assert not soup.select(".am-atlas script")
    assert "<script>x()</script>" in soup.get_text()


def test_a_map_beyond_the_atlas_limit_prints_a_note_instead(monkeypatch):
    from argmap.render import atlas
    monkeypatch.setattr(atlas, "MAX_ATLAS_CLAIMS", 10)
    soup = sheets_html(argmap.build_graph(synthetic_debate(30)))
    assert not soup.select(".at-sheet")
    assert "the print holds the outline only" in soup.select_one(".am-atlas-note").get_text()


@pytest.mark.parametrize("size", [40, 300])
def test_sheets_are_filled_no_fuller_than_the_body(size):
    graph = argmap.build_graph(synthetic_debate(size))
    assert paginate(graph, branches(graph))  # and no part claimed more room than a sheet has
    assert BODY_H > 500
