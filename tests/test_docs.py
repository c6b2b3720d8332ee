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
