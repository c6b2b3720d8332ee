"""Authoring helpers: `argmap new` starts a debate that checks; `argmap schema` describes it."""

from __future__ import annotations

import json

from argmap.loader import check
from argmap.scaffold import STARTER


def test_new_writes_a_starter_that_passes_a_strict_check(cli, tmp_path):
    result = cli("new", "mine")
    assert result.exit_code == 0
    checked = check(str(tmp_path / "mine"), strict=True)
    assert [str(d) for d in checked.diagnostics] == []
    assert checked.quotes.verified == 2


def test_new_refuses_a_folder_that_is_not_empty(cli, tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("x")
    result = cli("new", "busy")
    assert result.exit_code == 2 and "not empty" in result.stderr


def test_schema_describes_every_starter_file(cli):
    jsonschema = __import__("pytest").importorskip("jsonschema")
    import yaml
    data_schema = json.loads(cli("schema").stdout)
    debate_schema = json.loads(cli("schema", "--debate").stdout)
    for name, text in STARTER.items():
        if name.endswith(".yaml"):
            schema = debate_schema if name == "debate.yaml" else data_schema
            jsonschema.validate(yaml.safe_load(text), schema)


def test_schema_rejects_an_unknown_key(cli):
    jsonschema = __import__("pytest").importorskip("jsonschema")
    data_schema = json.loads(cli("schema").stdout)
    bad = {"claims": [{"id": "a", "perspective": "p", "text": "t", "atacks": []}]}
    try:
        jsonschema.validate(bad, data_schema)
    except jsonschema.ValidationError as exc:
        assert "atacks" in str(exc)
    else:
        raise AssertionError("an unknown key passed the schema")
