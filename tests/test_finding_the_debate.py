"""Commands find the debate (#16): run inside it, or from a repository root with claims/;
with neither, they say what they looked for and exit 2."""

from __future__ import annotations

from conftest import copy_fixture


def test_run_inside_the_debate_the_current_folder_is_the_debate(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(copy_fixture("small", tmp_path))
    result = cli("check")
    assert result.exit_code == 0
    assert result.stdout.startswith(".: 7 claims, 3 sources, 2 perspectives;")


def test_run_from_a_repository_root_the_debate_is_claims(cli, tmp_path):
    copy_fixture("small", tmp_path).rename(tmp_path / "claims")
    result = cli("check")
    assert result.exit_code == 0 and result.stdout.startswith("claims: 7 claims,")


def test_a_debate_yaml_here_wins_over_a_claims_folder(cli, tmp_path, monkeypatch):
    debate = copy_fixture("small", tmp_path)
    (debate / "claims").mkdir()
    monkeypatch.chdir(debate)
    assert cli("check").stdout.startswith(".: 7 claims,")


def test_with_neither_the_command_says_what_it_looked_for_and_exits_2(cli):
    result = cli("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: no debate found: there is no debate.yaml in the current folder and no "
        "claims/ folder; name the debate folder (argmap build DIR) or run the command "
        "inside it")


def test_a_named_folder_is_used_as_given(cli, tmp_path):
    copy_fixture("small", tmp_path)
    result = cli("check", "small")
    assert result.exit_code == 0 and result.stdout.startswith("small: 7 claims,")
