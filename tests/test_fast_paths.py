"""The shortcuts `check` takes on large debates give exactly what the long way gives.

- Each scalar rule of the validator accepts the common case, a string valid as it is, before
  any closer look: what it accepts quickly is exactly what its full checks accept.
- Trees from the fast reader hold no reference cycles, so they are freed as soon as they are
  dropped, and each mapping still finds its positions later.
- The model's records are built through their slots; they are still frozen dataclasses.
"""

from __future__ import annotations

import dataclasses
import gc
import inspect
import pickle

import pytest

from argmap.fastyaml import available, read_fast
from argmap.loader import check
from argmap.model import Claim, Evidence, Location, Relation, Source
from argmap.reading import read_yaml
from argmap.validate import ParsedFile, validate
from argmap.yamlreader import Pos, read_yaml_positioned

from conftest import FIXTURES

DEBATE = (b"title: T\nperspectives:\n  - id: pro\n    label: Pro\n  - id: con\n"
          b"    label: Con\nresolutions:\n  - id: motion\n    text: The motion.\n")


def _diagnostics(claim: str) -> list[tuple[int, int, str]]:
    """``(line, col, code)`` of the errors validating one claim (YAML text, beside a valid
    debate.yaml and the claim it supports) reports about it."""
    files = []
    for rel, data in (("debate.yaml", DEBATE), ("claims.yaml", (
            "claims:\n  - id: c2\n    perspective: con\n    text: Another.\n"
            "    supports: [motion]\n" + claim).encode())):
        tree, diags = read_yaml(data, rel, None)
        assert not diags, diags
        files.append(ParsedFile(rel, rel, tree, False))
    _, diags, _ = validate(files, ".")
    return [(d.line, d.col, d.code) for d in diags
            if d.path == "claims.yaml" and d.severity == "error"]


# Strings at the edge of each scalar rule, and what the rule says of them (None: valid).
# Each is written quoted at line 6, column 11 of the file (under `text:`, `id:` or `kind:`).
EDGES = {
    "text": [("A claim.", None), ("", "empty"), ("   ", "empty"), ("a\\tb", None),
             ("a\\u0007b", "control"), ("a\\ufffeb", "control"), ("a\\u2028b", "control"),
             ("a\\x85b", "control")],
    "id": [("c1", None), ("c-1.x_2", None), ("-c1", "id-format"), ("c 1", "id-format"),
           ("c/1", "id-format"), ("c" * 200, "id-length"), ("", "empty")],
    "kind": [("causal", None), ("causl", "enum"), ("Causal", "enum"), ("", "enum")],
}
CLAIM = {"id": "c1", "perspective": "pro", "text": "A claim.", "kind": "causal"}


@pytest.mark.parametrize("key,value,code", [(k, v, c) for k, edges in EDGES.items()
                                            for v, c in edges])
def test_each_scalar_rule_accepts_and_refuses_exactly_its_edge_cases(key, value, code):
    fields = {**CLAIM, key: value}
    lines = "".join(f"    {k}: \"{v}\"\n" for k, v in fields.items() if k != "id")
    claim = f"  - id: \"{fields['id']}\"\n{lines}    supports: [motion]\n"
    found = [c for _, _, c in _diagnostics(claim) if c != "control" or code == "control"]
    assert found == ([] if code is None else [code])


def test_a_valid_claim_is_accepted_with_no_diagnostic():
    assert _diagnostics("  - id: c1\n    perspective: pro\n    text: A claim.\n"
                        "    supports: [motion, {target: c2, note: n}]\n") == []


@pytest.mark.skipif(not available(), reason="rapidyaml is not installed")
def test_a_fast_read_tree_needs_no_cycle_collector_and_keeps_its_positions():
    data = (FIXTURES / "small" / "lanes.yaml").read_bytes()
    slow, _ = read_yaml_positioned(data, "lanes.yaml")
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        tree = read_fast(data, "lanes.yaml")
        claim = tree["claims"][1]
        del tree
        assert gc.collect() == 0  # everything dropped was freed by reference counting
    finally:
        if was_enabled:
            gc.enable()
    twin = slow["claims"][1]
    assert (claim.pos, claim.key_pos, claim.value_pos) == (twin.pos, twin.key_pos,
                                                           twin.value_pos)
    assert claim["attacks"][0].pos == twin["attacks"][0].pos


def test_check_leaves_no_collection_of_what_it_built_pending(debate_dir):
    # big enough that what it builds would set off a collection (700 new objects)
    claims = "".join(f"  - {{id: c{i}, perspective: pro, text: Claim {i}., supports: [motion],"
                     f" evidence: [{{source: s1, quote: Q}}]}}\n" for i in range(300))
    sources = "sources:\n  - {id: s1, title: S}\n"
    folder = debate_dir({"claims.yaml": "claims:\n" + claims + sources})
    from argmap import tuning
    gc.collect()
    with tuning.session():  # as the argmap command runs it
        before = [s["collections"] for s in gc.get_stats()]
        result = check(str(folder), cache=False)
        allocations = [[] for _ in range(50)]  # would set off a collection that was pending
        assert [s["collections"] for s in gc.get_stats()] == before
    assert result.ok and allocations


@pytest.mark.parametrize("cls", [Claim, Evidence, Relation, Source])
def test_model_records_are_still_frozen_dataclasses_with_the_same_signature(cls):
    params = list(inspect.signature(cls).parameters.values())
    assert [(p.name, p.default) for p in params] == \
        [(f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
         for f in dataclasses.fields(cls)]
    required = {p.name: f"{p.name}-value" for p in params if p.default is p.empty}
    record = cls(**required)
    assert all(getattr(record, name) == value for name, value in required.items())
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, params[0].name, "other")
    assert pickle.loads(pickle.dumps(record)) == record
    assert dataclasses.replace(record) == record
    with pytest.raises(TypeError):
        cls()


def test_a_claim_is_built_by_position_and_by_keyword_alike():
    here = Location("x.yaml", 1, 1)
    by_position = Claim("c", "p", "t", here, "causal", ("a",), (), (), "n")
    by_keyword = Claim(id="c", perspective="p", text="t", location=here, kind="causal",
                       tags=("a",), note="n")
    assert by_position == by_keyword and repr(by_position) == repr(by_keyword)


@pytest.mark.skipif(not available(), reason="rapidyaml is not installed")
def test_hashing_and_comparing_model_records_never_reads_a_file_again(monkeypatch):
    from argmap import fastyaml
    result = check(str(FIXTURES / "uniforms"), cache=False)
    again = check(str(FIXTURES / "uniforms"), cache=False)

    def refuse(*args):
        raise AssertionError("a position was looked up")
    monkeypatch.setattr(fastyaml, "read_yaml_positioned", refuse)
    records = set(result.debate.claims) | set(result.debate.sources)  # hashing: B5
    assert len(records) == len(result.debate.claims) + len(result.debate.sources)
    assert again.debate.claims == result.debate.claims


@pytest.mark.skipif(not available(), reason="rapidyaml is not installed")
def test_the_model_keeps_no_parse_tree_and_no_file_bytes_yet_knows_every_position():
    from argmap.yamlreader import LocMap
    result = check(str(FIXTURES / "uniforms"), cache=False)
    locations = [c.location for c in result.debate.claims] + \
        [s.location for s in result.debate.sources]
    assert not [loc for loc in locations if isinstance(loc._at, (LocMap, Pos))]
    slow = check(str(FIXTURES / "uniforms"), cache=False)  # positions found by re-reading
    assert [(loc.file, loc.line, loc.col) for loc in locations] == \
        [(c.location.file, c.location.line, c.location.col) for c in slow.debate.claims] + \
        [(s.location.file, s.location.line, s.location.col) for s in slow.debate.sources]
    assert all(loc.line > 1 for loc in locations[:3])


def test_a_check_that_keeps_its_parse_trees_knows_the_same_positions():
    kept = check(str(FIXTURES / "uniforms"), cache=False, release_trees=False)
    released = check(str(FIXTURES / "uniforms"), cache=False)
    assert any(isinstance(c.location._at, Pos) for c in kept.debate.claims)  # not let go

    def places(result):
        return [(loc.file, loc.line, loc.col) for loc in
                [c.location for c in result.debate.claims] +
                [s.location for s in result.debate.sources]] + \
            [(d.path, d.line, d.col, d.code) for d in result.diagnostics]
    assert places(kept) == places(released)
