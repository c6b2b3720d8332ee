"""Argdown: ``argmap export --format argdown`` and ``argmap import --from argdown-json`` /
``--from argdown`` (issue #15).

The export is parsed by the real Argdown CLI (``@pytest.mark.argdown``: skipped when it is not
installed, failing in CI, where ``.ci/run`` installs it and sets ``ARGMAP_ARGDOWN``). The CLI
starts slowly (a second or two), so every file is parsed in one run per module.

The .argdown fixtures (tests/fixtures/argdown/) are small maps in the shapes of Argdown's own
example debates: a thesis, arguments tagged by side, an argument reused by reference, an
undercut, a premise-conclusion structure, a statement written twice under one title, headings.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from argmap.export.argdown import to_argdown
from argmap.graph import build_graph
from argmap.imports.argdown import argdown_cli, read_argdown_json
from conftest import FIXTURES, ROOT, write_debate
from interop import graph_without_ids, load

ARGDOWN_FIXTURES = FIXTURES / "argdown"
DEBATES = {"bundled": ROOT / "claims", "small": FIXTURES / "small"}
KIND = {"supports": "support", "attacks": "attack", "undercuts": "undercut"}

# Text that is Argdown syntax where it stands, unless escaped: brackets, angle brackets, tags,
# data braces, comments, bold and italic, shortcodes (.^. :heart:), front matter (===),
# relation signs and list numbers, a URL, colons, a backslash.
AWKWARD = ("[Title]: <Arg> #tag {data: 1} // not a comment /* nor this */ <!-- nor this --> "
           "*bold* _italic_ __strong__ .^. :heart: 10:30:00 e.g. === + - -> <_ (1) 2. "
           "https://example.org/a_b?c=d#e C:\\path \\[x\\] @[Title] end.")


def _text(debate, node_id):
    return (debate.claims_by_id.get(node_id) or debate.resolutions_by_id[node_id]).text


def argdown() -> str:
    """The Argdown CLI: ``ARGMAP_ARGDOWN`` or ``argdown`` on PATH. Absent: a skip here, a
    failure in CI (so the check against the real peer cannot silently vanish)."""
    found = argdown_cli()
    if found:
        return found
    if os.environ.get("ARGMAP_ARGDOWN"):
        pytest.fail(f"ARGMAP_ARGDOWN={os.environ['ARGMAP_ARGDOWN']} is not an executable")
    if os.environ.get("CI") == "true":
        pytest.fail("the Argdown CLI is not installed: .ci/run installs it and sets "
                    "ARGMAP_ARGDOWN; in CI these tests may not skip")
    pytest.skip("the Argdown CLI is not installed (npm @argdown/cli; set ARGMAP_ARGDOWN)")


def _awkward_debate(root: Path) -> Path:
    claims = [
        {"id": "awkward", "perspective": "pro", "text": AWKWARD,
         "note": "A note with } braces { and " + AWKWARD, "supports": ["motion"],
         "evidence": [{"source": "s1", "quote": "Quoted } x { words, 'single' and \"double\".",
                       "locator": "p. 3: {x}"}]},
        {"id": "u", "perspective": "con", "text": "- starts with a dash + and a plus",
         "undercuts": [{"target": "awkward", "note": "=== three equals and // slashes"}],
         "attacks": ["motion"]},
    ]
    sources = [{"id": "s1", "title": "A source: with {braces}",
                "url": "https://example.org/x_y?z=1"}]
    return write_debate(root, {"claims.yaml": yaml.safe_dump(
        {"claims": claims, "sources": sources}, sort_keys=False, allow_unicode=True)})


def _random_debate(root: Path) -> Path:
    """Claims whose text and note are random strings of characters Argdown gives a meaning
    (seeded, so every run writes the same debate). Words are one space apart: runs of
    whitespace in a text become one space in Argdown."""
    rng = random.Random(15)
    alphabet = "ab.:/\\[]<>{}#*_=+-@()!,;'\"~^|$%&?019\u00e9\u2013"

    def text() -> str:
        while True:
            words = " ".join("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
                             for _ in range(rng.randint(1, 6))).strip()
            if words.split():
                return words

    claims = [{"id": f"r{i}", "perspective": "pro", "text": text(), "note": text(),
               "supports": ["motion"]} for i in range(150)]
    return write_debate(root, {"claims.yaml": yaml.safe_dump({"claims": claims},
                                                             allow_unicode=True)})


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """Every debate exported to Argdown, and every .argdown fixture, parsed by the real CLI
    in one run: ``{"files": {name: .argdown path}, "json": {name: doc}, "returncode",
    "stdout", "stderr"}``. ``--verbose`` makes the CLI print its warnings (to stderr)."""
    cli = argdown()
    folder = tmp_path_factory.mktemp("argdown")
    debates = dict(DEBATES, awkward=_awkward_debate(folder / "awkward-debate"),
                   random=_random_debate(folder / "random-debate"))
    files = {}
    for name, debate in debates.items():
        files[name] = folder / "in" / f"{name}.argdown"
        files[name].parent.mkdir(exist_ok=True)
        files[name].write_text(_export(debate), encoding="utf-8")
    for fixture in sorted(ARGDOWN_FIXTURES.glob("*.argdown")):
        files[fixture.stem] = Path(shutil.copy(fixture, folder / "in"))
    done = subprocess.run([cli, "json", "--verbose", str(folder / "in" / "*.argdown"),
                           str(folder / "out")], capture_output=True, text=True, timeout=300)
    docs = {name: json.loads((folder / "out" / f"{name}.json").read_text(encoding="utf-8"))
            for name in files if (folder / "out" / f"{name}.json").is_file()}
    return {"files": files, "json": docs, "jsonfiles": folder / "out", "debates": debates,
            "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def _export(folder) -> str:
    debate = load(folder)
    return to_argdown(debate, build_graph(debate))


def _canonical_text(statement: dict) -> str:
    """A statement's text as Argdown reads it, without the tags argmap writes at its end
    (the only tags there are: a # in the text is escaped)."""
    member = [m for m in statement["members"] if not m.get("isReference")][-1]
    tags = [r["start"] for r in member.get("ranges", []) if r["type"] == "tag"]
    return member["text"][:min(tags, default=None)].strip()


def _imported(parsed, name, tmp_path, **options):
    read_argdown_json(str(parsed["jsonfiles"] / f"{name}.json"), **options) \
        .write(str(tmp_path / name))
    return load(tmp_path / name)


# ---- the export, read by the real Argdown CLI -----------------------------------------------

@pytest.mark.argdown
def test_the_cli_parses_every_export_with_no_error_and_no_warning(parsed):
    assert parsed["returncode"] == 0, parsed["stderr"]
    assert parsed["stderr"] == ""  # with --verbose, warnings and errors go to stderr
    assert "returned errors" not in parsed["stdout"]  # lexer and parser errors, verbose only
    assert set(parsed["json"]) == set(parsed["files"])


@pytest.mark.argdown
@pytest.mark.parametrize("name", ["bundled", "small", "awkward", "random"])
def test_one_statement_per_claim_and_resolution_and_no_argument(parsed, name):
    debate = load(parsed["debates"][name])
    doc = parsed["json"][name]
    assert sorted(doc["statements"]) == sorted([c.id for c in debate.claims]
                                               + [r.id for r in debate.resolutions])
    assert doc["arguments"] == {}


@pytest.mark.argdown
@pytest.mark.parametrize("name", ["bundled", "small", "awkward", "random"])
def test_one_relation_per_relation_of_the_same_kind_and_direction(parsed, name):
    debate = load(parsed["debates"][name])
    relations = parsed["json"][name]["relations"]
    got = Counter((r["from"], r["relationType"], r["to"]) for r in relations)
    assert got == Counter((r.source, KIND[r.kind], r.target) for r in debate.relations)


@pytest.mark.argdown
def test_the_bundled_export_has_one_statement_per_claim_and_resolution_and_each_relation(
        parsed):
    doc = parsed["json"]["bundled"]
    debate = load(parsed["debates"]["bundled"])
    assert len(doc["statements"]) == len(debate.claims) + len(debate.resolutions) > 100
    assert Counter(r["relationType"] for r in doc["relations"]) == \
        Counter(KIND[r.kind] for r in debate.relations)


@pytest.mark.argdown
@pytest.mark.parametrize("name", ["bundled", "awkward", "random"])
def test_every_text_reads_back_as_written(parsed, name):
    debate = load(parsed["debates"][name])
    for node_id, statement in parsed["json"][name]["statements"].items():
        assert _canonical_text(statement) == " ".join(_text(debate, node_id).split())


@pytest.mark.argdown
def test_text_with_argdown_syntax_is_escaped_not_interpreted(parsed):
    [member] = parsed["json"]["awkward"]["statements"]["awkward"]["members"]
    assert member["text"].startswith(AWKWARD)
    assert [r["type"] for r in member.get("ranges", [])] == ["tag"]  # argmap's own: #pro
    assert member["tags"] == ["pro"]


@pytest.mark.argdown
def test_a_claims_perspective_and_topics_are_its_tags(parsed):
    debate = load(parsed["debates"]["bundled"])
    for claim in debate.claims:
        assert parsed["json"]["bundled"]["statements"][claim.id]["tags"] == \
            list(dict.fromkeys([claim.perspective, *claim.tags]))


@pytest.mark.argdown
def test_evidence_kind_note_and_agreed_by_are_statement_data(parsed):
    debate = load(parsed["debates"]["bundled"])
    claim = next(c for c in debate.claims if c.agreed_by and c.note and c.evidence)
    data = parsed["json"]["bundled"]["statements"][claim.id]["data"]
    assert data["kind"] == claim.kind
    assert data["note"] == claim.note
    assert data["agreed_by"] == list(claim.agreed_by)
    assert data["evidence"] == [{k: v for k, v in (("source", e.source), ("quote", e.quote),
                                                   ("finding", e.finding),
                                                   ("locator", e.locator),
                                                   ("traced_to", e.traced_to)) if v}
                                for e in claim.evidence]


@pytest.mark.argdown
def test_braces_and_quotes_in_data_read_back_as_written(parsed):
    data = parsed["json"]["awkward"]["statements"]["awkward"]["data"]
    claim = load(parsed["debates"]["awkward"]).claims_by_id["awkward"]
    assert data["note"] == claim.note
    assert data["evidence"][0]["quote"] == claim.evidence[0].quote
    assert data["evidence"][0]["locator"] == "p. 3: {x}"


@pytest.mark.argdown
def test_relation_notes_are_data_of_the_claim_the_relation_leaves(parsed):
    data = parsed["json"]["awkward"]["statements"]["u"]["data"]
    assert data["relation_notes"] == [{"kind": "undercuts", "target": "awkward",
                                       "note": "=== three equals and // slashes"}]


@pytest.mark.argdown
def test_the_debate_itself_is_data_of_a_heading_that_is_no_group(parsed):
    [section] = parsed["json"]["small"]["sections"]
    assert section["isGroup"] is False
    meta = section["data"]["argmap"]
    debate = load(DEBATES["small"])
    assert (meta["title"], meta["question"]) == (debate.title, debate.question)
    assert [p["label"] for p in meta["perspectives"]] == [p.label for p in debate.perspectives]
    assert meta["resolutions"] == [r.id for r in debate.resolutions]
    assert sorted(s["id"] for s in meta["sources"]) == sorted(s.id for s in debate.sources)


# ---- the export's text (no CLI needed) ------------------------------------------------------

def test_the_title_and_question_are_in_the_front_matter():
    debate = load(DEBATES["small"])
    head = _export(DEBATES["small"]).split("\n===\n", 1)[0]
    assert head.startswith("===\n")
    assert f"title: {json.dumps(debate.title)}" in head
    assert f"subTitle: {json.dumps(debate.question)}" in head


def test_a_claim_with_several_relations_is_defined_once_and_referred_to_elsewhere():
    """Each relation is written under its target: a claim that relates to several is defined
    under one of them (or at top level) and referred to, ``[id]``, under the others."""
    text = _export(DEBATES["bundled"])
    debate = load(DEBATES["bundled"])
    leaving = Counter(r.source for r in debate.relations)
    top_level = set(re.findall(r"^\[([^\]]+)\]: ", text, re.M))
    several = [c for c, n in leaving.items() if n > 1]
    assert several
    for claim in several:
        name = re.escape(claim)
        assert len(re.findall(rf"^ *(?:[+_-] )?\[{name}\]: ", text, re.M)) == 1
        assert len(re.findall(rf"^ +[+_-] \[{name}\]$", text, re.M)) == \
            leaving[claim] - (claim not in top_level)


def test_the_export_is_the_same_on_every_run():
    assert _export(DEBATES["bundled"]) == _export(DEBATES["bundled"])


# ---- round trip: export, the CLI's JSON, import, export again -------------------------------

@pytest.mark.argdown
@pytest.mark.parametrize("name", ["bundled", "small", "awkward", "random"])
def test_export_import_export_gives_the_same_graph(parsed, name, tmp_path):
    original = load(parsed["debates"][name])
    back = _imported(parsed, name, tmp_path)
    assert graph_without_ids(back) == graph_without_ids(original)


@pytest.mark.argdown
@pytest.mark.parametrize("name", ["bundled", "small"])
def test_the_ids_come_back_as_they_were(parsed, name, tmp_path):
    """argmap's ids are the statements' titles, so an argmap map comes back with its ids."""
    original, back = load(parsed["debates"][name]), _imported(parsed, name, tmp_path)
    for part in ("claims", "resolutions", "perspectives", "topics", "sources"):
        assert sorted(x.id for x in getattr(back, part)) == \
            sorted(x.id for x in getattr(original, part))


@pytest.mark.argdown
def test_from_argdown_runs_the_cli_and_gives_the_same_graph(parsed, cli, tmp_path):
    result = cli("import", "--from", "argdown", str(parsed["files"]["small"]), "-o", "back")
    assert result.exit_code == 0, result.output
    assert graph_without_ids(load(tmp_path / "back")) == \
        graph_without_ids(load(DEBATES["small"]))


# ---- importing maps written in Argdown ------------------------------------------------------

@pytest.fixture
def library(parsed, tmp_path):
    return _imported(parsed, "library", tmp_path)


def _claim(debate, text_start: str):
    [claim] = [c for c in debate.claims if c.text.startswith(text_start)]
    return claim


@pytest.mark.argdown
def test_each_argument_and_each_titled_statement_becomes_one_claim(library):
    assert sorted(c.id for c in library.claims) == sorted([
        "working-families", "saturday-is-enough", "study-space", "staff-costs", "Volunteers",
        "fixed-budget", "fewer-weekday-hours", "Heating"])


@pytest.mark.argdown
def test_a_thesis_that_nothing_leaves_becomes_a_resolution(library):
    assert [(r.id, r.text) for r in library.resolutions] == \
        [("sunday-opening", "The town library should open on Sundays.")]


@pytest.mark.argdown
def test_an_argument_reused_by_reference_is_one_claim_with_every_relation(library):
    families = library.claims_by_id["working-families"]
    assert {(r.kind, r.target) for r in families.relations} == \
        {("supports", "sunday-opening"), ("attacks", "fewer-weekday-hours")}


@pytest.mark.argdown
def test_an_undercut_stays_an_undercut(library):
    assert [(r.kind, r.target) for r in library.claims_by_id["Volunteers"].relations] == \
        [("undercuts", "staff-costs")]


@pytest.mark.argdown
def test_a_premise_supports_its_argument_and_the_argument_its_conclusion(library):
    assert [(r.kind, r.target) for r in library.claims_by_id["fixed-budget"].relations] == \
        [("supports", "staff-costs")]
    assert [(r.kind, r.target) for r in library.claims_by_id["staff-costs"].relations] == \
        [("supports", "fewer-weekday-hours")]


@pytest.mark.argdown
def test_the_premise_conclusion_structure_is_in_the_arguments_note(library):
    note = library.claims_by_id["staff-costs"].note
    assert "(1) [Fixed budget]: The library budget is fixed for the year." in note
    assert "(2) Sunday shifts are paid at a higher rate. --" in note
    assert "(3) [Fewer weekday hours]: Opening on Sundays would mean fewer weekday hours." \
        in note


@pytest.mark.argdown
def test_an_untitled_premise_is_no_claim_of_its_own(library):
    assert not [c for c in library.claims if "higher rate" in c.text]


@pytest.mark.argdown
def test_a_paragraph_of_prose_is_left_out(library):
    assert not [c for c in library.claims if "paragraph" in c.text]


@pytest.mark.argdown
def test_a_statement_written_twice_is_one_claim_with_the_other_wording_in_its_note(library):
    budget = library.claims_by_id["fixed-budget"]
    assert budget.text == "The library's yearly budget cannot grow."
    assert "Also written as: The library budget is fixed for the year." in budget.note


@pytest.mark.argdown
def test_tags_become_perspectives_and_untagged_claims_one_more(library):
    assert [p.label for p in library.perspectives] == ["open", "closed", "Unattributed"]
    assert library.claims_by_id["saturday-is-enough"].perspective == "closed"
    assert library.claims_by_id["Heating"].perspective == "unattributed"


@pytest.mark.argdown
def test_a_further_tag_the_heading_and_data_are_kept_in_the_note(library):
    assert "Argdown tags: #students." in library.claims_by_id["study-space"].note
    staff = library.claims_by_id["staff-costs"].note
    assert "Argdown section: Costs." in staff
    assert 'Argdown data: {"source": "budget report 2024"}.' in staff


@pytest.mark.argdown
def test_with_tags_as_topics_every_tag_is_a_topic_and_there_is_one_perspective(parsed,
                                                                               tmp_path):
    debate = _imported(parsed, "library", tmp_path, tags_as="topics")
    assert [t.label for t in debate.topics] == ["open", "closed", "students"]
    assert [p.label for p in debate.perspectives] == ["Unattributed"]
    assert debate.claims_by_id["study-space"].tags == ("open", "students")


@pytest.mark.argdown
def test_contradictory_statements_attack_each_other(parsed, tmp_path):
    debate = _imported(parsed, "contradiction", tmp_path)
    assert {(r.source, r.kind, r.target, r.note) for r in debate.relations} == {
        ("Cheaper", "supports", "Bridge", ""),
        ("Cheaper", "attacks", "Dearer", "Argdown: contradictory."),
        ("Dearer", "attacks", "Cheaper", "Argdown: contradictory.")}


@pytest.mark.argdown
def test_from_argdown_takes_the_title_from_the_front_matter(cli, tmp_path):
    argdown()
    result = cli("import", "--from", "argdown", str(ARGDOWN_FIXTURES / "library.argdown"),
                 "-o", "library")
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "library").title == "Sunday opening of the town library"


@pytest.mark.argdown
def test_an_argdown_syntax_error_is_a_diagnostic_at_its_line_and_exit_1(cli, tmp_path):
    argdown()
    (tmp_path / "broken.argdown").write_text("[A]: A claim.\n    + [B]: Support.\n\n"
                                             "    - [C]: An attack after a blank line.\n",
                                             encoding="utf-8")
    result = cli("import", "--from", "argdown", "broken.argdown", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("broken.argdown:4:1: error: the Argdown CLI could not "
                                    "parse the file")
    assert not (tmp_path / "out").exists()


# ---- errors ---------------------------------------------------------------------------------

def test_malformed_json_is_a_diagnostic_at_its_line_and_column_and_exit_1(cli, tmp_path):
    (tmp_path / "map.json").write_text('{\n  "statements": {,\n}\n', encoding="utf-8")
    result = cli("import", "--from", "argdown-json", "map.json", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("map.json:2:18: error: not JSON")
    assert not (tmp_path / "out").exists()


def test_json_that_is_not_argdowns_is_a_diagnostic_and_exit_1(cli, tmp_path):
    (tmp_path / "map.json").write_text('{"nodes": [], "edges": []}', encoding="utf-8")
    result = cli("import", "--from", "argdown-json", "map.json", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("map.json:1:1: error: not Argdown JSON")


def test_from_argdown_without_the_cli_is_an_error_line_and_exit_2(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("ARGMAP_ARGDOWN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    (tmp_path / "map.argdown").write_text("[A]: A claim.\n", encoding="utf-8")
    result = cli("import", "--from", "argdown", "map.argdown", "-o", "out")
    assert result.exit_code == 2
    assert re.match(r"error: .*Argdown CLI.*not found", result.stderr)
    assert not (tmp_path / "out").exists()


def test_a_folder_with_files_is_not_written_without_force(cli, tmp_path):
    (tmp_path / "map.json").write_text('{"statements": {}, "arguments": {}, "relations": []}',
                                       encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "debate.yaml").write_text("keep me\n", encoding="utf-8")
    result = cli("import", "--from", "argdown-json", "map.json", "-o", "out")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["debate.yaml"]
    assert (tmp_path / "out" / "debate.yaml").read_text(encoding="utf-8") == "keep me\n"


# ---- the peer itself ------------------------------------------------------------------------

@pytest.fixture
def no_argdown(monkeypatch, tmp_path):
    """As on a machine without the Argdown CLI: no ARGMAP_ARGDOWN, nothing on PATH."""
    monkeypatch.delenv("ARGMAP_ARGDOWN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    return monkeypatch


def test_without_the_cli_the_peer_tests_skip_outside_ci(no_argdown):
    no_argdown.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        argdown()


def test_without_the_cli_the_peer_tests_fail_in_ci(no_argdown):
    no_argdown.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        argdown()
