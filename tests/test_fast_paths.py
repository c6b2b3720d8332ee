"""The shortcuts `check` takes on large debates give exactly what the long way gives.

- The validator accepts plainly valid objects in one loop (``_fast_shape``); anything else
  goes through the detailed walk (``_Validator.shape``), which alone reports problems.
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
import yaml

from argmap import schema
from argmap.fastyaml import available, read_fast
from argmap.loader import check
from argmap.model import Claim, Evidence, Location, Relation, Source
from argmap.validate import _Ctx, _fast_shape, _Validator
from argmap.yamlreader import Pos, read_yaml_positioned

from conftest import FIXTURES

# Values to put under every key of a claim, source, evidence item and relation: valid ones
# and every kind of problem the detailed walk reports.
VALUES = [None, "", "  ", "plain text", "c1", "bad id!", "empirical", "causl", "academic",
          "http://example.org/a", "ftp://example.org", "#1b6ca8", "red", 12, 1.5, True, [],
          ["c1", "c2"], ["c1", "bad id!"], [None], [["c1"]], {"target": "c1"},
          [{"target": "c1", "note": "n"}], [{"note": "no target"}],
          [{"target": "c1", "evidence": [{"source": "s1", "quote": "q"}]}],
          [{"source": "s1", "quote": "q", "locator": "p. 1"}], [{"source": "bad id!"}],
          [{"quote": "no source"}], [{"source": "s1", "extra": 1}], ["not a mapping"]]

SPECS = {"a claim": schema.CLAIM, "a source": schema.SOURCE,
         "an evidence item": schema.EVIDENCE, "an item of 'supports'": schema.RELATION}

BASES = {
    "a claim": {"id": "c1", "perspective": "pro", "text": "A claim.", "kind": "causal",
                "tags": ["t1"], "evidence": [{"source": "s1", "quote": "q"}],
                "supports": ["motion", {"target": "c2", "note": "n"}], "note": "n"},
    "a source": {"id": "s1", "title": "T", "url": "https://example.org", "type": "news",
                 "cites": ["s2"], "published": "2020-01-01"},
    "an evidence item": {"source": "s1", "quote": "q", "locator": "p. 2", "traced_to": "s2"},
    "an item of 'supports'": {"target": "c2", "note": "n",
                              "evidence": [{"source": "s1", "quote": "q"}]},
}


def _plain(value):
    """Position handles as the positions they stand for, so results can be compared."""
    if isinstance(value, Pos):
        return ("at", value.get())
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def _variants():
    for what, base in BASES.items():
        yield what, base
        for key in [*SPECS[what], "bogus"]:
            for value in VALUES:
                yield what, {**base, key: value}
            yield what, {k: v for k, v in base.items() if k != key}


def test_the_fast_path_gives_what_the_detailed_walk_gives_or_steps_aside():
    taken = 0
    for what, data in _variants():
        mapping, diags = read_yaml_positioned(yaml.safe_dump(data).encode(), "f.yaml")
        assert not diags
        validator = _Validator()
        slow = validator.shape(mapping, SPECS[what], _Ctx("f.yaml", "f.yaml"), what, (1, 1))
        fast = _fast_shape(mapping, SPECS[what])
        if fast is not None:
            assert list(validator.diags) == [], (what, data)
            assert _plain(fast) == _plain(slow), (what, data)
            taken += 1
    assert taken > len(BASES)  # valid variants take the fast path, not only the bases


def test_the_fast_path_takes_the_plainly_valid_objects():
    for what, base in BASES.items():
        mapping, _ = read_yaml_positioned(yaml.safe_dump(base).encode(), "f.yaml")
        assert _fast_shape(mapping, SPECS[what]) is not None, what


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
    from argmap.yamlreader import LocMap, Pos
    result = check(str(FIXTURES / "uniforms"), cache=False)
    locations = [c.location for c in result.debate.claims] + \
        [s.location for s in result.debate.sources]
    assert not [loc for loc in locations if isinstance(loc._at, (LocMap, Pos))]
    slow = check(str(FIXTURES / "uniforms"), cache=False)  # positions found by re-reading
    assert [(loc.file, loc.line, loc.col) for loc in locations] == \
        [(c.location.file, c.location.line, c.location.col) for c in slow.debate.claims] + \
        [(s.location.file, s.location.line, s.location.col) for s in slow.debate.sources]
    assert all(loc.line > 1 for loc in locations[:3])
