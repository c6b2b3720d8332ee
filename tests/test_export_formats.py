"""argmap export's graph formats: GraphML, node-link JSON, a folder of CSV tables, Mermaid."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess

import networkx as nx
import pytest

from argmap.export.csvtables import TABLES
from argmap.export.graphfiles import to_graphml, to_json
from argmap.export.jsongraph import to_node_link_json
from argmap.export.mermaid import mermaid_text, to_mermaid
from argmap.graph import build_graph, relation_edges
from argmap.loader import check

from conftest import FIXTURES, ROOT, copy_fixture, write_debate

DEBATES = [ROOT / "claims", FIXTURES / "counted"]


def load(folder):
    result = check(str(folder), cache=False)
    assert result.ok
    return result.debate, build_graph(result.debate)


def _as_written(value):
    """What GraphML holds for a value of the graph (the export's documented rule)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


# ---- GraphML --------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", DEBATES, ids=lambda p: p.name)
def test_graphml_is_read_back_by_networkx_with_every_attribute(folder):
    debate, graph = load(folder)
    back = nx.read_graphml(io.BytesIO(to_graphml(debate, graph).encode("utf-8")),
                           force_multigraph=True)
    assert list(back.nodes) == list(graph.nodes)
    for n, data in graph.nodes(data=True):
        assert {k: back.nodes[n][k] for k in data} == {k: _as_written(v)
                                                       for k, v in data.items()}
    edges = {(u, v, k.split(":", 1)[1].rsplit(":", 1)[0]): d
             for u, v, k, d in back.edges(keys=True, data=True)}
    assert set(edges) == set(graph.edges(keys=True))
    for u, v, k, data in graph.edges(keys=True, data=True):
        assert edges[u, v, k] == {a: _as_written(x) for a, x in data.items()}
    for key, value in graph.graph.items():
        assert back.graph[key] == _as_written(value)


def test_graphml_lists_and_dicts_decode_as_json():
    debate, graph = load(FIXTURES / "counted")
    back = nx.read_graphml(io.BytesIO(to_graphml(debate, graph).encode("utf-8")),
                           force_multigraph=True)
    claim = next(n for n, d in graph.nodes(data=True) if d["type"] == "claim" and d["tags"])
    assert json.loads(back.nodes[claim]["tags"]) == graph.nodes[claim]["tags"]
    assert json.loads(back.nodes[claim]["evidence"]) == graph.nodes[claim]["evidence"]
    assert json.loads(back.graph["perspectives"]) == graph.graph["perspectives"]


def test_graphml_edge_ids_are_unique_source_key_target():
    debate, graph = load(FIXTURES / "counted")
    ids = re.findall(r'<edge [^>]* id="([^"]+)"', to_graphml(debate, graph))
    assert len(ids) == len(set(ids)) == graph.number_of_edges()
    assert sorted(ids) == sorted(f"{u}:{k}:{v}" for u, v, k in graph.edges(keys=True))


def test_graphml_gives_every_node_a_label_for_gephi():
    debate, graph = load(FIXTURES / "small")
    back = nx.read_graphml(io.BytesIO(to_graphml(debate, graph).encode("utf-8")),
                           force_multigraph=True)
    for n, d in graph.nodes(data=True):
        assert back.nodes[n]["label"] == (d.get("text") or d.get("title"))


# ---- JSON -----------------------------------------------------------------------------------

def test_json_is_read_back_by_node_link_graph():
    debate, graph = load(FIXTURES / "counted")
    back = nx.node_link_graph(json.loads(to_json(debate, graph)), edges="edges")
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == \
        sorted(graph.edges(keys=True, data=True), key=repr)
    assert back.graph == graph.graph


def test_json_export_is_the_builds_argmap_json():
    debate, graph = load(FIXTURES / "small")
    assert to_json(debate, graph) == to_node_link_json(graph)


def test_json_goes_to_stdout_without_output(cli, tmp_path):
    copy_fixture("small", tmp_path)
    result = cli("export", "small", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["multigraph"] is True


# ---- CSV ------------------------------------------------------------------------------------

def _header(path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


def test_csv_writes_a_folder_of_five_tables_with_their_headers(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("export", "counted", "--format", "csv", "-o", "tables")
    assert result.exit_code == 0
    assert sorted(os.listdir(tmp_path / "tables")) == sorted(TABLES)
    assert _header(tmp_path / "tables" / "claims.csv") == [
        "id", "perspective", "text", "kind", "tags", "supports", "attacks", "undercuts",
        "source", "quote", "locator", "note", "agreed_by"]
    assert _header(tmp_path / "tables" / "evidence.csv") == [
        "claim", "source", "quote", "finding", "locator", "traced_to", "relation", "target"]
    assert _header(tmp_path / "tables" / "relations.csv") == ["source", "kind", "target",
                                                              "note"]
    assert _header(tmp_path / "tables" / "sources.csv") == [
        "id", "title", "author", "publisher", "type", "work", "container_title", "volume",
        "issue", "pages", "doi", "perspective", "url", "published", "accessed", "archive",
        "cites"]
    assert _header(tmp_path / "tables" / "debate.csv") == ["part", "id", "label", "text",
                                                           "color"]


def test_csv_tables_have_one_row_per_claim_relation_evidence_item_and_source():
    debate, graph = load(ROOT / "claims")
    from argmap.export.csvtables import to_csv_tables

    tables = {name: list(csv.reader(io.StringIO(text)))[1:]
              for name, text in to_csv_tables(debate, graph).items()}
    assert len(tables["claims.csv"]) == len(debate.claims) + len(debate.resolutions)
    assert len(tables["relations.csv"]) == len(relation_edges(graph))
    assert len(tables["evidence.csv"]) == sum(len(c.evidence) for c in debate.claims) + \
        sum(len(r.evidence) for c in debate.claims for r in c.relations)
    assert len(tables["sources.csv"]) == len(debate.sources)


def test_csv_cells_that_look_like_formulas_are_made_text(cli, tmp_path):
    write_debate(tmp_path / "d", {"c.yaml": """\
        claims:
          - id: c1
            perspective: pro
            text: =HYPERLINK("http://example.org","click")
            supports: [motion]
        """})
    assert cli("export", "d", "--format", "csv", "-o", "t").exit_code == 0
    text = (tmp_path / "t" / "claims.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows[2][2] == "'=HYPERLINK(\"http://example.org\",\"click\")"


def test_csv_without_output_is_a_usage_error(cli, tmp_path):
    copy_fixture("small", tmp_path)
    result = cli("export", "small", "--format", "csv")
    assert result.exit_code == 2
    assert "--format csv writes a folder of files: give the folder with -o DIR" in \
        result.stderr


def test_csv_into_a_folder_with_files_needs_force_and_writes_nothing(cli, tmp_path):
    copy_fixture("small", tmp_path)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "claims.csv").write_text("mine\n")
    result = cli("export", "small", "--format", "csv", "-o", "t")
    assert result.exit_code == 2
    assert "'t' is not empty: choose a new folder, or give --force" in result.stderr
    assert os.listdir(tmp_path / "t") == ["claims.csv"]
    assert (tmp_path / "t" / "claims.csv").read_text() == "mine\n"


def test_csv_with_force_replaces_the_tables_and_keeps_other_files(cli, tmp_path):
    copy_fixture("small", tmp_path)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "notes.txt").write_text("mine\n")
    assert cli("export", "small", "--format", "csv", "-o", "t", "--force").exit_code == 0
    assert sorted(os.listdir(tmp_path / "t")) == sorted([*TABLES, "notes.txt"])


def test_csv_folder_inside_the_debate_is_refused(cli, tmp_path):
    copy_fixture("small", tmp_path)
    result = cli("export", "small", "--format", "csv", "-o", "small/tables")
    assert result.exit_code == 2
    assert "'small/tables' is not written: it is inside the debate folder 'small'" in \
        result.stderr
    assert not (tmp_path / "small" / "tables").exists()


def test_a_one_file_format_refuses_a_yaml_file_of_the_debate(cli, tmp_path):
    copy_fixture("small", tmp_path)
    before = (tmp_path / "small" / "lanes.yaml").read_bytes()
    result = cli("export", "small", "--format", "graphml", "-o", "small/lanes.yaml")
    assert result.exit_code == 2
    assert "it is a YAML file inside the debate folder 'small'" in result.stderr
    assert (tmp_path / "small" / "lanes.yaml").read_bytes() == before


def test_a_one_file_format_refuses_a_folder_as_output(cli, tmp_path):
    copy_fixture("small", tmp_path)
    (tmp_path / "out").mkdir()
    result = cli("export", "small", "--format", "mermaid", "-o", "out")
    assert result.exit_code == 2
    assert "'out' is a folder; mermaid writes one file" in result.stderr


# ---- Mermaid --------------------------------------------------------------------------------

# The statements the exporter writes, each as Mermaid's flowchart grammar reads it.
_ID = r"[a-z][0-9]+"
_LABEL = r'"[^"\n]*"'
_STATEMENTS = [
    re.compile(r"---|title: \"(?:[^\"\\]|\\.)*\""),                  # front matter: the title
    re.compile(r"flowchart LR"),
    re.compile(r"  %% .*"),                                           # a comment
    re.compile(rf"  {_ID}\{{\{{{_LABEL}\}}\}}"),                      # resolution: hexagon
    re.compile(rf"  subgraph {_ID}\[{_LABEL}\]"),
    re.compile(rf"    {_ID}\[{_LABEL}\]"),                            # claim: box
    re.compile(r"  end"),
    re.compile(rf"  {_ID} (-->|-\.->|==>) {_ID}"),                   # a relation
    re.compile(rf"  (style|classDef) {_ID} stroke:#[0-9A-Fa-f]{{3,6}},stroke-width:2px"),
    re.compile(rf"  class {_ID}(,{_ID})* {_ID}"),
]


@pytest.mark.parametrize("folder", DEBATES, ids=lambda p: p.name)
def test_mermaid_is_made_only_of_the_statements_it_relies_on(folder):
    debate, graph = load(folder)
    for line in to_mermaid(debate, graph).splitlines():
        assert any(rule.fullmatch(line) for rule in _STATEMENTS), line


def test_mermaid_tells_relations_apart_by_line_style():
    debate, graph = load(FIXTURES / "counted")
    text = to_mermaid(debate, graph)
    kinds = [d["type"] for _, _, d in relation_edges(graph)]
    drawn = re.findall(r"^  \S+ (-->|-\.->|==>) \S+$", text, re.MULTILINE)
    assert sorted(drawn) == sorted({"supports": "-->", "attacks": "-.->",
                                    "undercuts": "==>"}[k] for k in kinds)
    assert {"-->", "-.->", "==>"} <= set(drawn)


def test_mermaid_puts_each_perspective_in_a_subgraph_with_its_colour():
    debate, graph = load(FIXTURES / "small")
    text = to_mermaid(debate, graph)
    for i, p in enumerate(graph.graph["perspectives"], 1):
        assert f'  subgraph p{i}["{p["label"]}"]' in text
        assert f"  style p{i} stroke:{p['color']},stroke-width:2px" in text
    assert text.count("\n  end\n") == len(graph.graph["perspectives"])


def test_mermaid_has_one_node_per_claim_and_resolution():
    debate, graph = load(ROOT / "claims")
    text = to_mermaid(debate, graph)
    assert len(re.findall(r"^    c\d+\[", text, re.MULTILINE)) == len(debate.claims)
    assert len(re.findall(r"^  r\d+\{\{", text, re.MULTILINE)) == len(debate.resolutions)


def test_mermaid_labels_escape_what_would_end_or_mark_them_up():
    assert mermaid_text('He said "no" & <b>#1</b> `code`;\n%%{init}') == \
        ("He said #34;no#34; #38; #60;b#62;#35;1#60;/b#62; #96;code#96;; "
         "#37;#37;#123;init#125;")


def test_mermaid_of_the_bundled_debate_is_within_mermaids_default_size():
    debate, graph = load(ROOT / "claims")
    assert len(to_mermaid(debate, graph)) < 50_000  # Mermaid's maxTextSize


def _mmdc() -> list[str] | None:
    """The Mermaid CLI, when ARGMAP_MMDC names it (with ARGMAP_MMDC_CONFIG, a puppeteer
    config naming the browser): it needs a headless browser, too heavy for every run."""
    mmdc = os.environ.get("ARGMAP_MMDC")
    if not mmdc or not shutil.which(mmdc):
        return None
    config = os.environ.get("ARGMAP_MMDC_CONFIG")
    return [mmdc] + (["-p", config] if config else [])


@pytest.mark.skipif(_mmdc() is None, reason="ARGMAP_MMDC (the Mermaid CLI, mmdc) not set")
@pytest.mark.parametrize("folder", DEBATES, ids=lambda p: p.name)
def test_mermaid_parses_and_draws_with_the_real_mermaid(folder, tmp_path):
    debate, graph = load(folder)
    (tmp_path / "map.mmd").write_text(to_mermaid(debate, graph), encoding="utf-8")
    subprocess.run(_mmdc() + ["-i", str(tmp_path / "map.mmd"), "-o",
                              str(tmp_path / "map.svg")], check=True, timeout=180,
                   capture_output=True)
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Syntax error" not in svg and "Maximum text size" not in svg
    assert len(re.findall(r'class="node ', svg)) == len(debate.claims) + len(debate.resolutions)


def test_export_dot_is_the_builds_map_dot(cli, tmp_path):
    """``argmap export --format dot`` writes the Graphviz source alone, byte for byte the
    build's map.dot (#25: the same work the peers' DOT commands do)."""
    copy_fixture("small", tmp_path)
    assert cli("export", "small", "--format", "dot", "-o", "map.dot").exit_code == 0
    assert cli("build", "small", "-o", "out", "--no-graphviz").exit_code == 0
    assert (tmp_path / "map.dot").read_bytes() == (tmp_path / "out" / "map.dot").read_bytes()
