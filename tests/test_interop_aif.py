"""AIF JSON: ``argmap export --format aif`` and ``argmap import --from aif`` (issue #15).

The export is read by the real arguebuf (``@pytest.mark.arguebuf``: skipped when it is not
installed, failing in CI); the import is tried on a real AIFdb nodeset no one here wrote."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from argmap.export.aif import TIMESTAMP, aif_document, to_aif
from argmap.imports.aif import read_aif
from conftest import FIXTURES, ROOT
from interop import arguebuf_counts, graph_without_ids, load

AIFDB = FIXTURES / "aifdb" / "nodeset-6064.json"
DEBATES = {"bundled": ROOT / "claims", "small": FIXTURES / "small"}
RELATION_COUNT = {"supports": "RA", "attacks": "CA", "undercuts": "CA"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each debate exported once to AIF: ``{name: path}``."""
    folder = tmp_path_factory.mktemp("aif")
    out = {}
    for name, debate in DEBATES.items():
        out[name] = folder / f"{name}.json"
        out[name].write_text(to_aif(load(debate)), encoding="utf-8")
    return out


def _doc(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _import(cli, file: Path, out: str, *extra: str):
    return cli("import", "--from", "aif", str(file), "-o", out, *extra)


# ---- what the real arguebuf reads -------------------------------------------------------

@pytest.mark.arguebuf
@pytest.mark.parametrize("name", DEBATES)
def test_arguebuf_reads_one_atom_per_claim_and_resolution(exported, name):
    debate = load(DEBATES[name])
    [read] = arguebuf_counts("aif", exported[name])
    assert read["atoms"] == len(debate.claims) + len(debate.resolutions)


@pytest.mark.arguebuf
@pytest.mark.parametrize("name", DEBATES)
def test_arguebuf_reads_one_scheme_per_relation_supports_as_supports(exported, name):
    debate = load(DEBATES[name])
    kinds = Counter(r.kind for r in debate.relations)
    [read] = arguebuf_counts("aif", exported[name])
    assert read["schemes"] == len(debate.relations)
    assert read["schemes_by_kind"] == {"Support": kinds["supports"],
                                       "Attack": kinds["attacks"] + kinds["undercuts"]}


@pytest.mark.arguebuf
def test_arguebuf_reads_the_claim_and_resolution_texts(exported):
    debate = load(DEBATES["small"])
    [read] = arguebuf_counts("aif", exported["small"])
    assert read["atom_texts"] == sorted([c.text for c in debate.claims]
                                        + [r.text for r in debate.resolutions])


@pytest.mark.arguebuf
def test_arguebuf_skips_only_edges_of_the_dialogue_layer(exported):
    """arguebuf has no locutions: it warns that it skips their edges, as it does for AIFdb's
    own files, and nothing else."""
    doc = _doc(exported["small"])
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    edges = {e["edgeID"]: e for e in doc["edges"]}
    [read] = arguebuf_counts("aif", exported["small"])
    skipped = [re.match(r"Skipping edge '([^']+)'", w).group(1) for w in read["warnings"]]
    assert len(skipped) == len(read["warnings"])
    assert {types[edges[e]["fromID"]] for e in skipped} <= {"L", "YA"}
    dialogue = [e for e in doc["edges"] if {types[e["fromID"]], types[e["toID"]]} & {"L", "YA"}]
    assert len(skipped) == len(dialogue)


# ---- the export's shape -------------------------------------------------------------------

def test_no_edge_joins_two_i_nodes(exported):
    doc = _doc(exported["bundled"])
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    assert not [e for e in doc["edges"] if types[e["fromID"]] == types[e["toID"]] == "I"]


def test_every_timestamp_is_the_fixed_one_in_aif_format(exported):
    doc = _doc(exported["bundled"])
    stamps = {n["timestamp"] for n in doc["nodes"]} | {loc["timestamp"]
                                                        for loc in doc["locutions"]}
    assert stamps == {TIMESTAMP}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", TIMESTAMP)


def test_the_export_is_the_same_on_every_run():
    debate = load(DEBATES["bundled"])
    assert to_aif(debate) == to_aif(debate)


def test_a_support_runs_premise_ra_conclusion_and_an_attack_attacker_ca_target():
    doc = aif_document(load(DEBATES["small"]))
    text = {n["nodeID"]: n["text"] for n in doc["nodes"]}
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    into = {e["toID"]: e["fromID"] for e in doc["edges"] if types[e["toID"]] in ("RA", "CA")}
    chains = {(text[into[e["fromID"]]], types[e["fromID"]], text[e["toID"]])
              for e in doc["edges"] if types[e["fromID"]] in ("RA", "CA")
              and types[e["toID"]] == "I"}
    assert ("Slower car traffic, not lanes, is what makes streets safe.", "RA",
            "Most Main Street customers arrive by car, so removing parking would hurt "
            "shops.") in chains
    assert ("Lanes would block delivery trucks.", "CA",
            "The city should build protected bike lanes on Main Street.") in chains


def test_an_undercut_is_a_ca_into_the_ra_of_each_support_of_the_claim(debate_dir):
    folder = debate_dir({"claims.yaml": """\
        claims:
          - {id: a, perspective: pro, text: A holds., supports: [motion, b]}
          - {id: b, perspective: pro, text: B holds., supports: [motion]}
          - {id: u, perspective: con, text: A says nothing about that., undercuts: [a]}
        """})
    doc = aif_document(load(folder))
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    ca = next(n["nodeID"] for n in doc["nodes"] if n["type"] == "CA")
    a = next(n["nodeID"] for n in doc["nodes"] if n["text"] == "A holds.")
    ras_of_a = {e["toID"] for e in doc["edges"] if e["fromID"] == a and types[e["toID"]] == "RA"}
    assert len(ras_of_a) == 2
    assert {e["toID"] for e in doc["edges"] if e["fromID"] == ca} == ras_of_a


def test_an_undercut_of_a_claim_with_no_inference_survives_a_round_trip(debate_dir, cli,
                                                                        tmp_path):
    """No RA or CA to point into: the CA points at the claim, marked as an undercut."""
    folder = debate_dir({"claims.yaml": """\
        claims:
          - {id: a, perspective: pro, text: A holds.}
          - {id: u, perspective: con, text: A is beside the point., undercuts: [a],
             supports: [motion]}
        """})
    (tmp_path / "map.json").write_text(to_aif(load(folder)), encoding="utf-8")
    assert _import(cli, tmp_path / "map.json", "back").exit_code == 0
    assert graph_without_ids(load(tmp_path / "back"))["relations"] == \
        graph_without_ids(load(folder))["relations"]


def test_each_evidence_item_is_a_locution_by_the_claims_perspective(exported):
    doc = _doc(exported["small"])
    person = {loc["nodeID"]: loc["personID"] for loc in doc["locutions"]}
    name = {p["participantID"]: p["firstname"] for p in doc["participants"]}
    quote = "Injuries to cyclists fell by 40 percent after the lanes opened."
    [loc] = [n for n in doc["nodes"] if n["type"] == "L" and n["text"].endswith(quote)]
    assert name[person[loc["nodeID"]]] == "Build the lanes"
    assert loc["argmap"] == {"source": "safety-study", "quote": quote, "locator": "p. 3",
                             "traced_to": "city-crash-data"}


# ---- the AIFdb nodeset ----------------------------------------------------------------------

def test_the_aifdb_nodeset_imports_as_9_claims_and_5_supports(cli, tmp_path):
    assert _import(cli, AIFDB, "aifdb").exit_code == 0
    debate = load(tmp_path / "aifdb")
    assert len(debate.claims) == 9
    assert Counter(r.kind for r in debate.relations) == {"supports": 5}


def test_the_aifdb_nodeset_keeps_who_said_what():
    draft = read_aif(str(AIFDB))
    label = {p["id"]: p["label"] for p in draft.perspectives}
    said = {c["text"]: label[c["perspective"]] for c in draft.claims}
    assert sorted(set(said.values())) == ["CL", "NL"]
    assert said["By the 50s, the Empire is going"] == "NL"
    assert said["you often have public inquiries and open investigations"] == "CL"


def test_the_aifdb_nodeset_keeps_each_locutions_words_and_time_in_the_note():
    draft = read_aif(str(AIFDB))
    [claim] = [c for c in draft.claims if c["text"] == "McMillan was / was not wrong"]
    assert claim["note"] == ('Locution by CL (person 409, Pure Questioning, '
                             '2015-11-25 16:13:51): "CL : Was he wrong".')


def _foreign(tmp_path: Path, nodes, edges) -> Path:
    """An AIF file of another tool: no locutions, no argmap keys."""
    path = tmp_path / "foreign.json"
    path.write_text(json.dumps({
        "nodes": [{"nodeID": i, "text": t, "type": k, "timestamp": TIMESTAMP}
                  for i, k, t in nodes],
        "edges": [{"edgeID": str(n), "fromID": a, "toID": b, "formEdgeID": None}
                  for n, (a, b) in enumerate(edges, 1)],
        "locutions": []}), encoding="utf-8")
    return path


def test_a_ca_into_an_ra_of_another_tool_is_an_undercut_of_the_ras_premise(tmp_path):
    path = _foreign(tmp_path, [("1", "I", "P holds."), ("2", "I", "C holds."),
                               ("3", "RA", "Default Inference"), ("4", "I", "U holds."),
                               ("5", "CA", "Default Conflict")],
                    [("1", "3"), ("3", "2"), ("4", "5"), ("5", "3")])
    draft = read_aif(str(path))
    by_text = {c["text"]: c for c in draft.claims}
    assert by_text["U holds."]["undercuts"] == [by_text["P holds."]["id"]]
    assert by_text["P holds."]["supports"] == [by_text["C holds."]["id"]]


def _expert_opinion(tmp_path: Path) -> Path:
    return _foreign(tmp_path, [("1", "I", "P holds."), ("2", "I", "C holds."),
                               ("3", "RA", "Argument From Expert Opinion")],
                    [("1", "3"), ("3", "2")])


def test_claims_no_locution_asserts_are_unattributed(tmp_path):
    draft = read_aif(str(_expert_opinion(tmp_path)))
    assert [p["label"] for p in draft.perspectives] == ["Unattributed"]
    assert {c["perspective"] for c in draft.claims} == {draft.perspectives[0]["id"]}


def test_a_scheme_other_than_the_default_is_named_in_the_relations_note(tmp_path):
    draft = read_aif(str(_expert_opinion(tmp_path)))
    assert draft.claims[0]["supports"] == [{"target": draft.claims[1]["id"],
                                            "note": "AIF scheme: Argument From Expert "
                                                    "Opinion."}]


# ---- round trips ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DEBATES)
def test_export_import_export_gives_the_same_graph(exported, cli, tmp_path, name):
    """Texts, relations by kind and note, perspectives, claims' fields, sources with all
    their fields, evidence with quotes and locators: all the same, ids aside."""
    assert _import(cli, exported[name], "back").exit_code == 0
    assert graph_without_ids(load(tmp_path / "back")) == graph_without_ids(load(DEBATES[name]))


def test_the_second_export_differs_from_the_first_only_in_ids(exported, cli, tmp_path):
    assert _import(cli, exported["bundled"], "back").exit_code == 0
    again = aif_document(load(tmp_path / "back"))
    first = _doc(exported["bundled"])

    def without_ids(doc):
        return [{k: v for k, v in n.items() if k != "argmap"} for n in doc["nodes"]], \
            doc["edges"], doc["locutions"]
    assert without_ids(again) == without_ids(first)


# ---- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("content, where", [
    ('{"nodes": [\n', "2:1"),
    ('{"nodes": [], "edges": [], "locutions": [}', "1:42"),
    ('[1, 2, 3]', "1:1"),
    ('{"nodes": [{"text": "no id"}], "edges": []}', "1:1"),
])
def test_a_file_that_is_not_aif_is_a_diagnostic_and_exit_1(cli, tmp_path, content, where):
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    result = _import(cli, tmp_path / "bad.json", "out")
    assert result.exit_code == 1
    assert re.search(rf"bad\.json:{where}: error: \S", result.output)
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_folder_with_files_is_not_written_without_force(exported, cli, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    result = _import(cli, exported["small"], "taken")
    assert result.exit_code == 2
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_force_writes_into_a_folder_with_files(exported, cli, tmp_path):
    shutil.copytree(FIXTURES / "small", tmp_path / "taken")
    assert _import(cli, exported["small"], "taken", "--force").exit_code == 0
    assert len(load(tmp_path / "taken").claims) == 7


# ---- the peer itself ------------------------------------------------------------------------

@pytest.fixture
def no_arguebuf(monkeypatch):
    """As on a machine without arguebuf: no ARGMAP_ARGUEBUF_PYTHON, nothing to import."""
    import importlib.util

    monkeypatch.delenv("ARGMAP_ARGUEBUF_PYTHON", raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    return monkeypatch


def test_without_arguebuf_the_peer_tests_skip_outside_ci(no_arguebuf):
    import interop

    no_arguebuf.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        interop.arguebuf_python()


def test_without_arguebuf_the_peer_tests_fail_in_ci(no_arguebuf):
    import interop

    no_arguebuf.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        interop.arguebuf_python()


def test_duplicate_node_ids_are_a_problem_not_a_lost_claim(cli, tmp_path):
    """N19: two I-nodes with one nodeID imported as one, with no diagnostic."""
    doc = {"nodes": [{"nodeID": "1", "type": "I", "text": "Claim A"},
                     {"nodeID": "1", "type": "I", "text": "Claim B"},
                     {"nodeID": "2", "type": "I", "text": "Claim C"}], "edges": []}
    (tmp_path / "dup.json").write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", "--from", "aif", "dup.json", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("dup.json:1:1: error: AIF node 2 repeats nodeID '1' "
                                     "(node 1 has it): ids must be unique")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000, "not AIF JSON: nested too deeply"),
    ('{"nodes": [{"nodeID": ' + "9" * 5000 + ', "type": "I", "text": "x"}], "edges": []}',
     None),
])
def test_deep_nesting_and_huge_numbers_import_without_a_traceback(cli, tmp_path, text,
                                                                  message):
    """N7: a JSON file 100,000 levels deep, or a 5,000-digit nodeID, gave a traceback."""
    (tmp_path / "x.json").write_text(text, encoding="utf-8")
    result = cli("import", "--from", "aif", "x.json", "-o", "out")
    assert "Traceback" not in result.output
    if message:
        assert result.exit_code == 1 and message in result.stderr
    else:  # the long id is kept as written: one claim
        assert result.exit_code == 0, result.output


def test_an_aif_file_with_a_byte_order_mark_is_read(tmp_path):
    """Cosmetic C6: Kialo and CSV files with a byte-order mark were read, AIF ones refused."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + AIFDB.read_bytes())
    assert len(read_aif(str(path)).claims) == 9
