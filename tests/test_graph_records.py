"""The graph's records (``graph_records``): what ``build_graph`` loads into networkx, and what
``argmap export --format dot`` draws the map from without importing networkx.

The DOT map drawn from the records must be byte for byte the one drawn from the graph: one
renderer reads both, so these tests hold the records to the graph's contents and order.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import argmap
from argmap.graph import build_graph, graph_records
from argmap.render.dot import render_dot

from conftest import FIXTURES, ROOT

DEBATES = [FIXTURES / "small", ROOT / "claims"]


def _nested(adjacency) -> list:
    return [(u, {v: dict(keyed) for v, keyed in targets.items()})
            for u, targets in adjacency]


@pytest.mark.parametrize("root", DEBATES, ids=lambda p: p.name)
def test_records_hold_the_graphs_nodes_and_edges_in_its_order(root):
    debate, _ = argmap.load(str(root))
    records, graph = graph_records(debate), build_graph(debate)
    assert records.graph == graph.graph
    assert list(records.nodes(data=True)) == list(graph.nodes(data=True))
    assert _nested(records.adjacency()) == _nested(graph.adjacency())


@pytest.mark.parametrize("root", DEBATES, ids=lambda p: p.name)
@pytest.mark.parametrize("options", [{}, {"fan": 2, "legend": False, "link_base": "map.html"}],
                         ids=["defaults", "staggered"])
def test_dot_from_the_records_is_the_dot_from_the_graph(root, options):
    debate, _ = argmap.load(str(root))
    from_records = "".join(render_dot(debate, graph_records(debate), **options))
    assert from_records == "".join(render_dot(debate, build_graph(debate), **options))


def test_records_merge_an_id_given_twice_as_the_graph_does(debate_dir):
    root = debate_dir({"claims.yaml": """\
        claims:
          - id: motion
            perspective: pro
            text: A claim that reuses the resolution's id.
            supports: [c2]
          - id: c2
            perspective: con
            text: Another.
            attacks: [motion]
          - id: c2
            perspective: con
            text: Again.
            attacks: [{target: motion, note: The later data wins.}]
        """})
    debate, _ = argmap.load(str(root))
    records, graph = graph_records(debate), build_graph(debate)
    assert list(records.nodes(data=True)) == list(graph.nodes(data=True))
    assert _nested(records.adjacency()) == _nested(graph.adjacency())


def test_dot_export_does_not_import_networkx(tmp_path):
    out = tmp_path / "map.dot"
    script = ("import sys\n"
              "from argmap.cli import main\n"
              "main(['export', sys.argv[1], '--format', 'dot', '-o', sys.argv[2]],"
              " standalone_mode=False)\n"
              "assert 'networkx' not in sys.modules, 'networkx was imported'\n")
    done = subprocess.run([sys.executable, "-c", script, str(FIXTURES / "small"), str(out)],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith('digraph "argmap"')
