"""The command line: exit codes, streams, formats, colour, and every command documented."""

from __future__ import annotations

import json
import os

import networkx as nx
import pytest

from argmap import __version__
from argmap.cli import main

from conftest import FIXTURES, ONE_CLAIM, write_debate

GOOD = {"c.yaml": ONE_CLAIM}
BAD = {"c.yaml": GOOD["c.yaml"].replace("perspective: pro", "perspective: nope")}
WARN = {"c.yaml": GOOD["c.yaml"].replace("        quote: Something said.\n", "")}


def test_check_exits_0_for_a_valid_debate(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    result = cli("check", "d")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "1 claim, 1 source, 2 perspectives" in result.stdout


def test_check_defaults_to_the_claims_folder(cli, tmp_path):
    write_debate(tmp_path / "claims", GOOD)
    result = cli("check")
    assert result.exit_code == 0 and result.stdout.startswith("claims: ")


def test_check_exits_1_with_diagnostics_on_stderr(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    result = cli("check", "d")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "d/c.yaml:3:18: error: 'nope' in perspective is not a declared perspective; the "
        "debate's perspectives are 'con' and 'pro'")
    assert result.stdout == ""


def test_warnings_alone_exit_0(cli, tmp_path):
    write_debate(tmp_path / "d", WARN)
    result = cli("check", "d")
    assert result.exit_code == 0
    assert "d/c.yaml:7:9: warning: evidence without a quote" in result.stderr


def test_strict_turns_warnings_into_errors(cli, tmp_path):
    write_debate(tmp_path / "d", WARN)
    result = cli("check", "d", "--strict")
    assert result.exit_code == 1
    assert "d/c.yaml:7:9: error: evidence without a quote" in result.stderr


def test_strict_reports_unverified_quotes(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    result = cli("check", "d", "--strict")
    assert result.exit_code == 1
    assert "d/c.yaml:8:16: error: quote from 's1' is unverified: it has no archive" \
        in result.stderr


def test_a_folder_without_debate_yaml_exits_1(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("check", "empty")
    assert result.exit_code == 1
    assert result.stderr.startswith("empty/debate.yaml:1:1: error: no debate.yaml in 'empty'")


def test_a_path_that_does_not_exist_exits_2(cli):
    result = cli("check", "missing")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_bad_option_exits_2(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    assert cli("check", "d", "--frobnicate").exit_code == 2
    assert cli("check", "d", "--format", "xml").exit_code == 2


def test_json_format_prints_diagnostics_and_summary(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    result = cli("check", "d", "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["diagnostics"][0] == {
        "path": "d/c.yaml", "line": 3, "col": 18, "severity": "error", "code": "unknown-ref",
        "message": "'nope' in perspective is not a declared perspective; the debate's "
                   "perspectives are 'con' and 'pro'"}
    assert payload["summary"]["errors"] == 1 and payload["summary"]["claims"] == 1


def test_no_colour_when_not_a_terminal(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    write_debate(tmp_path / "d", BAD)
    assert "\x1b[" not in cli("check", "d").stderr


def test_no_colour_with_NO_COLOR_even_on_a_terminal(monkeypatch):
    from argmap.commands import common as cli_module

    class Tty:
        def isatty(self):
            return True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli_module.use_colour(Tty()) is False
    monkeypatch.delenv("NO_COLOR")
    assert cli_module.use_colour(Tty()) is True


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_build_writes_node_link_json(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    result = cli("build", "d", "-o", "out")
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "out" / "argmap.json").read_text())
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.nodes["c1"]["type"] == "claim"
    assert ("c1", "motion", "supports") in graph.edges(keys=True)


def test_build_with_errors_writes_nothing(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    result = cli("build", "d", "-o", "out")
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_with_errors_leaves_an_earlier_build_untouched(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    assert cli("build", "d", "-o", "out").exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    write_debate(tmp_path / "d", BAD)
    assert cli("build", "d", "-o", "out").exit_code == 1
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


def test_a_build_that_fails_half_way_leaves_an_earlier_build_untouched(cli, tmp_path,
                                                                      monkeypatch):
    write_debate(tmp_path / "d", GOOD)
    assert cli("build", "d", "-o", "out").exit_code == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    write_debate(tmp_path / "d", {"c.yaml": GOOD["c.yaml"].replace("A claim.", "An edited claim.")})

    def broken(*args):  # rendered after argmap.json and index.html were staged
        yield "<!doctype html>"  # and fails part-way through its own file
        raise RuntimeError("renderer failed")
    monkeypatch.setattr("argmap.render.sources.render_sources_html", broken)
    with pytest.raises(RuntimeError):
        from argmap.builder import build
        build(str(tmp_path / "d"), str(tmp_path / "out"), graphviz=False)
    after = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


def test_build_leaves_no_temporary_files(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    cli("build", "d", "-o", "out")
    assert not [p for p in (tmp_path / "out").rglob(".argmap-*.tmp")]


def test_build_is_deterministic(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    cli("build", "d", "-o", "one")
    cli("build", "d", "-o", "two")
    for path in (tmp_path / "one").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one"))\
                .read_bytes(), path


def test_build_refuses_an_output_path_that_is_a_file(cli, tmp_path):
    write_debate(tmp_path / "d", GOOD)
    (tmp_path / "out").write_text("x")
    assert cli("build", "d", "-o", "out").exit_code == 2


def test_a_debate_on_another_topic_checks_and_builds(cli, tmp_path):
    # nothing in argmap knows the bundled debate: the small fixture is about bike lanes
    result = cli("build", str(FIXTURES / "small"), "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "argmap.json").exists()


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


COMMANDS = list(_commands(main))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(cli, path, command):
    result = cli(*path, "--help")
    assert result.exit_code == 0
    assert command.help and "Example" in result.stdout, f"argmap {' '.join(path)} needs an example"


def test_the_readme_documents_every_command():
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    for path, _ in _commands(main):
        assert f"argmap {' '.join(path)}" in readme, f"README lacks `argmap {' '.join(path)}`"


def test_python_dash_m_runs_the_cli(tmp_path):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True,
                         text=True, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"})
    assert out.returncode == 0 and __version__ in out.stdout


def test_check_says_when_archives_were_not_found_and_how_to_give_them(cli, tmp_path):
    from conftest import copy_fixture
    root = copy_fixture("small", tmp_path)
    (root / "debate.yaml").write_text((root / "debate.yaml").read_text().replace(
        "archives: [archive]\n", ""))
    result = cli("check", "small")
    assert result.exit_code == 0
    assert ("note: 6 quotes could not be verified: no archive folder holds the texts of "
            "2 sources (none under 'archives:' in debate.yaml, no --archives); give the "
            "folder that holds them with --archives DIR") in result.stderr
    assert cli("check", "small", "--archives", "small/archive").stderr.count("note:") == 0


def test_build_says_when_archives_were_not_found(cli, tmp_path):
    from conftest import copy_fixture
    root = copy_fixture("small", tmp_path)
    (root / "archive" / "safety-study.txt").unlink()
    result = cli("build", "small", "-o", "out", "--no-graphviz")
    assert result.exit_code == 0
    assert "could not be verified: the texts of 1 source were not found in small/archive" \
        in result.stderr


def many_unnoted_attacks(n: int) -> str:
    lines = ["claims:", "  - {id: base, perspective: pro, text: Base., supports: [motion],",
             "     evidence: [{source: s1, quote: Said.}]}"]
    lines += [f"  - {{id: a{i}, perspective: con, text: Attack {i}., attacks: [base],"
              f" evidence: [{{source: s1, quote: Said.}}]}}" for i in range(n)]
    return "\n".join(lines + ["sources:", "  - {id: s1, title: S}"]) + "\n"


def test_past_25_warnings_of_a_kind_check_prints_the_first_and_a_count(cli, debate_dir):
    debate_dir({"c.yaml": many_unnoted_attacks(30)})
    result = cli("check", "debate")
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 25
    assert "and 5 more attacks across perspectives with no note (argmap check --all lists " \
           "them)" in result.stderr
    assert "30 warnings" in result.output


def block_style_unnoted_attacks(n: int) -> str:
    """As :func:`many_unnoted_attacks`, written in block style: the fast reader's kind of
    file, whose positions are found only when asked for."""
    lines = ["claims:", "  - id: base", "    perspective: pro", "    text: Base.",
             "    supports: [motion]", "    evidence:", "      - source: s1",
             "        quote: Said."]
    for i in range(n):
        lines += [f"  - id: a{i}", "    perspective: con", f"    text: Attack {i}.",
                  "    attacks:", "      - base", "    evidence:", "      - source: s1",
                  "        quote: Said."]
    return "\n".join(lines + ["sources:", "  - id: s1", "    title: S"]) + "\n"


def test_check_looks_up_the_positions_of_the_warnings_it_prints_only(cli, debate_dir,
                                                                      monkeypatch):
    from argmap import yamlreader

    looked_up = []
    get = yamlreader.Pos.get
    monkeypatch.setattr(yamlreader.Pos, "get", lambda pos: looked_up.append(pos) or get(pos))
    debate_dir({"c.yaml": block_style_unnoted_attacks(300)})
    result = cli("check", "debate")
    assert "and 275 more attacks across perspectives with no note" in result.stderr
    assert 25 <= len(looked_up) < 50


def test_the_warnings_printed_are_the_first_by_position(cli, debate_dir):
    debate_dir({"c.yaml": block_style_unnoted_attacks(60)})
    first = [line for line in cli("check", "debate").stderr.splitlines() if ": warning: " in line]
    every = [line for line in cli("check", "debate", "--all").stderr.splitlines()
             if ": warning: " in line]
    assert first == every[:25]
    assert first[0].startswith("debate/c.yaml:13:")


def test_check_all_lists_every_warning_and_json_always_does(cli, debate_dir):
    import json

    debate_dir({"c.yaml": many_unnoted_attacks(30)})
    every = cli("check", "debate", "--all")
    assert len([line for line in every.stderr.splitlines() if ": warning: " in line]) == 30
    assert "more attacks" not in every.stderr
    data = json.loads(cli("check", "debate", "--format", "json").stdout)
    assert len([d for d in data["diagnostics"] if d["code"] == "no-note"]) == 30
