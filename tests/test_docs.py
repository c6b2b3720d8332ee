"""The documents a user reads keep up with the code: every key of the format is in
docs/format.md, every command is in the README, and nothing points outside the repository."""

from __future__ import annotations

import re

import pytest

from argmap import schema
from argmap.cli import main

from conftest import ROOT

FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", ["DEBATE", "PERSPECTIVE", "RESOLUTION", "TOPIC", "CLAIM",
                                   "EVIDENCE", "SOURCE"])
def test_every_key_of_the_format_is_documented(table):
    for key in getattr(schema, table):
        assert f"`{key}`" in FORMAT, f"{table}.{key} is not in docs/format.md"


def test_every_command_is_in_the_readme():
    for name in main.list_commands(None):
        assert f"`argmap {name}" in README, name


def test_the_readme_points_to_nothing_outside_the_repository():
    assert not re.search(r"\]\(\.\./", README)
    for target in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (ROOT / target).exists(), target


@pytest.mark.parametrize("name", sorted(main.list_commands(None)))
def test_every_command_has_help_with_an_example(name):
    from click.testing import CliRunner
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Example" in result.output and f"argmap {name}" in \
        result.output


@pytest.mark.parametrize("name", ["check", "build", "trace", "report", "export", "flow"])
def test_every_command_that_loads_a_debate_takes_no_cache(name):
    from click.testing import CliRunner
    assert "--no-cache" in CliRunner().invoke(main, [name, "--help"]).output
