"""The DOT map: a golden file for review, real Graphviz accepts it, stable and escaped.

Refresh the golden file after an intended change with
``ARGMAP_UPDATE_GOLDEN=1 pytest tests/test_render_dot.py``.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

import argmap
from argmap.render.dot import render_dot, run_dot
from argmap.render.templating import dot_escape

from conftest import FIXTURES, HERE, write_debate

GOLDEN = HERE / "golden" / "small.map.dot"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz `dot` is not installed (apt-get install graphviz)")


def dot_of(root) -> str:
    debate, _ = argmap.load(str(root))
    return "".join(render_dot(debate, argmap.build_graph(debate)))


def test_dot_matches_the_golden_file():
    text = dot_of(FIXTURES / "small")
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "map.dot changed; if intended, refresh with "
        "ARGMAP_UPDATE_GOLDEN=1 pytest tests/test_render_dot.py and review the diff")


def test_same_input_gives_byte_identical_dot():
    assert dot_of(FIXTURES / "small") == dot_of(FIXTURES / "small")


def test_adding_a_claim_only_adds_lines(tmp_path):
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    before = dot_of(root).splitlines()
    with open(root / "parking.yaml", "a", encoding="utf-8") as fh:
        fh.write("  # (appended)\n")
    extra = ("claims:\n  - id: aaa-new\n    perspective: lanes\n    text: A new claim.\n"
             "    supports: [build-lanes]\n")
    (root / "zz.yaml").write_text(extra, encoding="utf-8")
    after = dot_of(root).splitlines()
    removed = [line for line in before if line not in after]
    assert removed == []
    assert len(after) > len(before)


def test_support_attack_and_undercut_differ_in_line_style_and_arrowhead():
    text = dot_of(FIXTURES / "small")
    assert '"lanes-cut-injuries" -> "build-lanes" [style=solid, arrowhead=normal' in text
    assert '"deliveries-blocked" -> "build-lanes" [style=dashed, arrowhead=tee' in text
    assert '"study-too-small" -> "lanes-cut-injuries" [style=dotted, arrowhead=odiamond' in text


def test_nodes_are_claim_ids_with_tooltip_and_link():
    text = dot_of(FIXTURES / "small")
    node = text[text.index('  "lanes-cut-injuries" ['):]
    node = node[: node.index("];")]
    assert 'URL="index.html#lanes-cut-injuries"' in node
    assert 'tooltip="Protected lanes cut cyclist injuries' in node
    assert "Injuries to cyclists fell by 40 percent" in text  # the quote, in the tooltip


def test_dot_escape_handles_quotes_backslashes_and_newlines():
    assert dot_escape('say "hi"\\\nnext') == 'say \\"hi\\"\\\\\\nnext'


HOSTILE = 'Ends with a backslash \\ and "quotes", <b>tags</b> and a\nnewline {braces} ; -> x'


def hostile_debate(tmp_path):
    claim = ("claims:\n  - id: weird\n    perspective: pro\n    text: " + json.dumps(HOSTILE)
             + "\n    supports: [motion]\n")
    debate = ('title: "Title with \\"quotes\\" and \\\\ backslash"\nperspectives:\n'
              '  - id: pro\n    label: "Pro \\"side\\""\nresolutions:\n  - id: motion\n'
              '    text: M.\n')
    return write_debate(tmp_path / "hostile", {"c.yaml": claim}, debate)


@needs_dot
def test_graphviz_accepts_the_small_map():
    svg = run_dot(dot_of(FIXTURES / "small"), "svg").decode()
    assert svg.startswith("<?xml") and "Protected lanes cut cyclist" in svg


@needs_dot
def test_graphviz_accepts_hostile_text_and_keeps_it(tmp_path):
    text = dot_of(hostile_debate(tmp_path))
    layout = json.loads(run_dot(text, "json"))
    names = {o["name"] for o in layout["objects"] if "nodes" not in o}
    assert "weird" in names and "motion" in names
    label = next(o["label"] for o in layout["objects"] if o["name"] == "weird")
    assert "backslash \\" in label and '"quotes"' in label


@needs_dot
def test_reading_the_layout_back_gives_the_same_graph():
    debate, _ = argmap.load(str(FIXTURES / "small"))
    graph = argmap.build_graph(debate)
    layout = json.loads(run_dot("".join(render_dot(debate, graph)), "json"))
    # subgraphs (the legend cluster, rank groups) come first in "objects", then the nodes
    nodes = {o["_gvid"]: o["name"] for o in layout["objects"] if "nodes" not in o}
    names = nodes
    expected_nodes = {n for n, d in graph.nodes(data=True) if d["type"] != "source"}
    assert {n for n in nodes.values() if not n.startswith("legend:")} == expected_nodes
    edges = {(names[e["tail"]], names[e["head"]], e["style"]) for e in layout["edges"]
             if not names[e["tail"]].startswith("legend:")}
    style = {"supports": "solid", "attacks": "dashed", "undercuts": "dotted"}
    assert edges == {(s, t, style[d["type"]]) for s, t, d in graph.edges(data=True)
                     if d["type"] in style}


@needs_dot
def test_build_writes_svg_and_pdf_with_graphviz(tmp_path):
    result = argmap.build(str(FIXTURES / "small"), str(tmp_path / "out"))
    assert result.check.ok
    assert (tmp_path / "out" / "map.svg").read_bytes().startswith(b"<?xml")
    assert (tmp_path / "out" / "map.pdf").read_bytes().startswith(b"%PDF")


def test_build_without_graphviz_says_so_once_and_writes_the_dot(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    result = argmap.build(str(FIXTURES / "small"), str(tmp_path / "out"))
    assert (tmp_path / "out" / "map.dot").exists()
    assert not (tmp_path / "out" / "map.svg").exists()
    assert len([n for n in result.notes if "Graphviz" in n]) == 1


COMMON = {"c.yaml": """\
    claims:
      - id: pro-own
        perspective: pro
        text: A claim of one side.
        supports: [motion]
        evidence: [{source: s1, quote: Said.}]
      - id: shared
        perspective: pro
        agreed_by: [con]
        text: Both sides hold this.
        supports: [motion]
        evidence: [{source: s1, quote: Said.}]
    sources:
      - {id: s1, title: A source}
    """}


def test_common_ground_is_drawn_as_held_by_every_side_that_holds_it(tmp_path):
    text = dot_of(write_debate(tmp_path / "d", COMMON))
    cluster = text[text.index('subgraph "cluster_common_ground"'):]
    statement = cluster[cluster.index('"shared" ['):].split("];", 1)[0]
    label = statement.split('label="', 1)[1].replace("\\n", " ")
    assert label.startswith("Common ground: held by Pro side and Con side")
    assert "peripheries=2" in statement  # a double border: seen in black and white too
    assert statement.count("#") >= 3 and ":" in statement.split('fillcolor="')[1][:16]
    own = text[:text.index('subgraph "cluster_common_ground"')]
    assert '"shared" [' not in own  # not drawn in one side's lane


@needs_dot
def test_graphviz_draws_common_ground_with_its_label(tmp_path):
    layout = json.loads(run_dot(dot_of(write_debate(tmp_path / "d", COMMON)), "json"))
    shared = next(o for o in layout["objects"] if o.get("name") == "shared")
    label = shared["label"].replace("\\n", " ")  # wrapped as the claim's text is
    assert label.startswith("Common ground: held by Pro side and Con side")
    assert shared["peripheries"] == "2"


@needs_dot
def test_a_text_longer_than_graphviz_takes_is_cut_in_the_map_only(tmp_path):
    """N6: a claim or a note over 16,384 bytes broke every Graphviz build; the box's label
    and the tooltips are cut at a word (the map page keeps every text whole)."""
    long = " ".join(["wörd"] * 5000)  # 25,000 characters, 30,000 bytes
    root = write_debate(tmp_path / "d", {"c.yaml": f"""\
        claims:
          - id: long
            perspective: pro
            text: {long}
            supports: [motion]
            evidence: [{{source: s1, quote: Said.}}]
          - id: other
            perspective: con
            text: Another.
            attacks: [{{target: long, note: {long}}}]
            evidence: [{{source: s1, quote: Said.}}]
        sources:
          - {{id: s1, title: A source}}
        """})
    text = dot_of(root)
    assert run_dot(text, "svg").startswith(b"<?xml")
    assert max(len(q.encode("utf-8")) for q in text.split('"')) < 16_384
    assert "[…]" in text
