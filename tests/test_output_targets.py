"""``-o`` never overwrites a file of the debate it reads: its YAML (or a new YAML file that
would join it) or its archived texts. Such a target is a usage error (exit 2)."""

from __future__ import annotations

import pytest

from conftest import copy_fixture

COMMANDS = [("report", "--format", "json"), ("export", "--format", "bibtex")]


@pytest.fixture
def small(tmp_path):
    root = copy_fixture("small", tmp_path)
    (root / "archive").mkdir(exist_ok=True)
    (root / "archive" / "kept.txt").write_text("archived words")
    return root


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_o_onto_the_debate_yaml_is_refused_and_the_file_kept(cli, small, command):
    before = (small / "debate.yaml").read_bytes()
    result = cli(command[0], "small", *command[1:], "-o", "small/debate.yaml")
    assert result.exit_code == 2
    assert "'small/debate.yaml' is not written: it is a YAML file inside the debate folder" \
        in result.output
    assert (small / "debate.yaml").read_bytes() == before


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_o_onto_a_new_yaml_file_in_the_debate_is_refused(cli, small, command):
    result = cli(command[0], "small", *command[1:], "-o", "small/sub/new.yml")
    assert result.exit_code == 2 and not (small / "sub" / "new.yml").exists()


def test_o_into_an_archive_folder_named_with_archives_is_refused(cli, small):
    result = cli("report", "small", "--archives", "small/archive", "-o",
                 "small/archive/kept.txt")
    assert result.exit_code == 2 and "inside the archive folder" in result.output
    assert (small / "archive" / "kept.txt").read_text() == "archived words"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_o_onto_another_file_in_the_debate_folder_is_written(cli, small, command):
    result = cli(command[0], "small", *command[1:], "-o", "small/notes-out.txt")
    assert result.exit_code == 0 and (small / "notes-out.txt").stat().st_size > 0
