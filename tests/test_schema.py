"""The editor schema explains itself (#16): it accepts every debate argmap accepts, rejects a
misspelled key, and gives every property a description."""

from __future__ import annotations

import pytest

from argmap.jsonschema import json_schema
from argmap.loader import discover
from argmap.yamlreader import read_yaml_positioned

from conftest import FIXTURES, ROOT

jsonschema = pytest.importorskip("jsonschema")

DEBATES = [ROOT / "claims", *sorted(p.parent for p in FIXTURES.glob("*/debate.yaml"))]


def read(path) -> object:
    """A file as an editor's YAML 1.2 reader sees it (argmap's reader keeps dates and
    numbers as written, as those readers do with an unquoted date)."""
    tree, diags = read_yaml_positioned(path.read_bytes(), str(path))
    assert not diags
    return tree


def errors(data, debate_file: bool) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema(debate_file))
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("folder", DEBATES, ids=[p.name for p in DEBATES])
def test_the_schema_accepts_every_file_of_the_bundled_map_and_the_fixtures(folder):
    for rel in discover(str(folder)):
        assert errors(read(folder / rel), rel == "debate.yaml") == [], rel


def test_the_schema_rejects_a_misspelled_key_and_names_it():
    data = {"claims": [{"id": "a", "perspective": "p", "text": "t",
                        "evidence": [{"source": "s", "qoute": "words"}]}]}
    assert errors(data, False) == [
        "claims/0/evidence/0: Additional properties are not allowed ('qoute' was unexpected)"]


def test_an_unquoted_date_is_accepted(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: s1\n    title: T\n    published: 2021-03-01\n"
                    "    accessed: 2024-05-06\n")
    assert errors(read(path), False) == []


def _properties(node, where="$"):
    """Every (place, property schema) in a schema, however deeply nested."""
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{where}.{key}" if key != "properties" else where)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}[{i}]")


@pytest.mark.parametrize("debate_file", [False, True], ids=["data file", "debate.yaml"])
def test_every_property_has_a_description(debate_file):
    found = list(_properties(json_schema(debate_file)))
    assert len(found) > 40  # the walk reached the nested objects (claims, evidence, ...)
    assert [where for where, prop in found if not prop.get("description")] == []


def test_new_points_each_yaml_file_at_the_schema_written_beside_it(cli, tmp_path):
    assert cli("new", "mine").exit_code == 0
    folder = tmp_path / "mine"
    for rel in discover(str(folder)):
        first = (folder / rel).read_text(encoding="utf-8").splitlines()[0]
        name = "debate.schema.json" if rel == "debate.yaml" else "argmap.schema.json"
        assert first == f"# yaml-language-server: $schema={name}", rel
        assert (folder / name).is_file()
