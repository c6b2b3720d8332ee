"""The layered layout of the diagram: where boxes go, and that it stays put as a debate grows."""

from __future__ import annotations

import shutil
import time

import pytest

import argmap
from argmap.layout import layout
from argmap.textfit import MAX_LINES, text_width, wrap

from conftest import FIXTURES
from synthetic import synthetic_debate


def layout_of(root):
    debate, _ = argmap.load(str(root))
    return layout(argmap.build_graph(debate))


@pytest.fixture(scope="module")
def small():
    return layout_of(FIXTURES / "small")


def layer_rows(lay) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for node in lay.order():
        rows.setdefault(lay.boxes[node].layer, []).append(node)
    return rows


def test_resolutions_are_on_the_top_layer(small):
    assert small.boxes["build-lanes"].layer == 0
    assert layer_rows(small)[0] == ["build-lanes"]
    assert small.boxes["build-lanes"].y == 0


def test_a_claim_sits_at_its_distance_from_the_nearest_resolution(small):
    assert small.boxes["parking-needed-for-shops"].layer == 1    # attacks the resolution
    assert small.boxes["slower-traffic-safer"].layer == 2        # supports a layer-1 claim
    assert small.boxes["study-too-small"].layer == 2             # undercuts a layer-1 claim


def test_lower_layers_are_drawn_lower(small):
    for node, box in small.boxes.items():
        for other, below in small.boxes.items():
            if below.layer == box.layer + 1:
                assert below.y >= box.y + box.h, (node, other)


def test_claims_that_reach_no_resolution_go_below_the_others(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: linked
            perspective: pro
            text: Linked to the motion.
            supports: [motion]
          - id: island
            perspective: con
            text: A conclusion nothing leads from.
          - id: island-reply
            perspective: pro
            text: A reply to the island.
            attacks: [island]
        """})
    lay = layout_of(root)
    assert (lay.boxes["motion"].layer, lay.boxes["linked"].layer) == (0, 1)
    assert lay.boxes["island"].layer == 2          # the first layer after the connected part
    assert lay.boxes["island-reply"].layer == 3
    assert lay.layers == 4


def test_no_two_boxes_overlap():
    lay = layout(argmap.build_graph(synthetic_debate(300)))
    boxes = sorted(lay.boxes.values(), key=lambda b: (b.y, b.x))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b.y >= a.y + a.h:
                break
            assert a.x + a.w <= b.x + 0.01 or b.x + b.w <= a.x + 0.01 or \
                a.y + a.h <= b.y + 0.01, (a, b)


def test_each_perspective_has_a_lane_of_its_own():
    graph = argmap.build_graph(synthetic_debate(300))
    lay = layout(graph)
    assert [p for p, _, _ in lay.lanes] == [0, 1]
    (_, a_x, a_w), (_, b_x, _) = lay.lanes
    assert a_x + a_w < b_x
    for node, box in lay.boxes.items():
        d = graph.nodes[node]
        if d["type"] == "claim":
            side = 0 if d["perspective"] == "side-a" else 1
            x, w = lay.lanes[side][1:]
            assert x <= box.x and box.x + box.w <= x + w + 0.01, node


@pytest.mark.parametrize("size", [112, 300, 2000])
def test_a_big_map_is_shaped_like_a_screen_not_a_strip(size):
    lay = layout(argmap.build_graph(synthetic_debate(size)))
    assert 0.8 <= lay.width / lay.height <= 3.2, (lay.width, lay.height)


def test_the_same_graph_gives_the_same_layout(small):
    again = layout_of(FIXTURES / "small")
    assert again == small
    assert list(again.boxes) == list(small.boxes)


def test_adding_a_claim_keeps_the_others_layers_and_order(tmp_path, small):
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    (root / "zz.yaml").write_text(
        "claims:\n  - id: aaa-new\n    perspective: lanes\n    text: A new reply.\n"
        "    attacks: [deliveries-blocked]\n", encoding="utf-8")
    grown = layout_of(root)
    assert grown.boxes["aaa-new"].layer == 2
    for node, box in small.boxes.items():
        assert grown.boxes[node].layer == box.layer, node
    perspective = {n: d.get("perspective") for n, d in argmap.build_graph(
        argmap.load(str(root))[0]).nodes(data=True)}
    before, after = layer_rows(small), layer_rows(grown)
    for layer, row in before.items():
        for side in {perspective[n] for n in row}:
            kept = [n for n in after[layer] if perspective[n] == side and n != "aaa-new"]
            assert kept == [n for n in row if perspective[n] == side], \
                f"layer {layer} reordered in the lane of {side}"


def test_a_box_is_tall_enough_for_its_wrapped_text(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: short
            perspective: pro
            text: Short.
            supports: [motion]
          - id: long
            perspective: pro
            text: "%s"
            supports: [motion]
        """ % ("A rather long claim text that wraps. " * 4)})
    lay = layout_of(root)
    short, long = lay.boxes["short"], lay.boxes["long"]
    assert len(short.lines) == 1 and len(long.lines) > 3
    assert long.h > short.h
    assert short.w == long.w  # claims share one width, so layers line up


def test_wrapped_lines_fit_the_width_and_long_texts_end_with_an_ellipsis():
    lines = wrap("word " * 200, 200, 13)
    assert len(lines) == MAX_LINES
    assert lines[-1].endswith("…")
    assert all(text_width(line, 13) <= 200 for line in lines)


def test_a_word_wider_than_the_box_is_broken():
    lines = wrap("x" * 40, 100, 13)
    assert len(lines) > 1
    assert "".join(lines) == "x" * 40
    assert all(text_width(line, 13) <= 100 for line in lines)


def test_wide_letters_are_estimated_wider_than_narrow_ones():
    assert text_width("WWWW", 13) > text_width("iiii", 13) * 2


def test_two_thousand_claims_lay_out_quickly():
    graph = argmap.build_graph(synthetic_debate(2000))
    started = time.perf_counter()
    lay = layout(graph)
    elapsed = time.perf_counter() - started
    print(f"layout of 2,000 claims: {elapsed:.3f} s")
    assert len(lay.boxes) == 2002
    assert elapsed < 2.0  # about 0.1 s here: a sanity bound, not a benchmark
