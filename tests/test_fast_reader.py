"""The fast reader (rapidyaml) must mean exactly what the positioned PyYAML reader means.

Whenever the fast reader accepts a file, its tree equals the positioned reader's, and the
positions it fills in later are the positioned reader's. Everything else it hands back.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.fastyaml import available, read_fast
from argmap.yamlreader import LocMap, read_yaml_positioned

from conftest import FIXTURES

pytestmark = pytest.mark.skipif(not available(), reason="rapidyaml is not installed")


def plain(value):
    """The tree without positions, for comparing the two readers."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def positions(value, out=None, path=()):
    out = {} if out is None else out
    if isinstance(value, LocMap):
        out[path] = (value.pos, dict(value.key_pos), dict(value.value_pos),
                     {k: list(value.item_pos(k)) for k in value})
        for k, v in value.items():
            positions(v, out, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            positions(v, out, path + (i,))
    return out


def agree(data: bytes) -> None:
    fast = read_fast(data, "f.yaml")
    if fast is None:
        return
    slow, diags = read_yaml_positioned(data, "f.yaml")
    assert list(diags) == [], f"the fast reader accepted what PyYAML refuses: {diags}"
    assert plain(fast) == plain(slow)
    assert positions(fast) == positions(slow)


@pytest.mark.parametrize("name", ["debate.yaml", "lanes.yaml", "parking.yaml"])
def test_fixture_files_are_read_fast_and_alike(name):
    data = (FIXTURES / "small" / name).read_bytes()
    assert read_fast(data, name) is not None
    agree(data)


@pytest.mark.parametrize("text", [
    "a: yes\n", "a: ~\n", "a: 0x1F\n", "a: 1_000\n", "a: 1:30\n", "a: .inf\n", "a: 12\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "<<: {a: 1}\n",
    "a:\n\t- b\n", "- a\n- b\n", "a: [on, off]\n", "a: {b: NULL}\n", "? a\n: b\n",
    "a: [xxxx,\n  .inf]\n", "a: [xxxx,\n  yes]\n", "no: x\n", "a:\n  off: x\n", "a: {no: x}\n",
])
def test_ambiguous_or_unsafe_yaml_goes_to_the_positioned_reader(text):
    assert read_fast(text.encode(), "f.yaml") is None


def test_quoted_look_alikes_stay_on_the_fast_path():
    tree = read_fast(b'a: "yes"\nb: "2020"\nc: \'12\'\n', "f.yaml")
    assert tree == {"a": "yes", "b": "2020", "c": "12"}


def test_crlf_and_bom_are_read_fast_with_the_same_positions():
    agree(b"\xef\xbb\xbfa: 1x\r\nb:\r\n  - c\r\n  - d: e\r\n")


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["yes", "no", "~", "1e3", "0x10",
                                                           "on", "- a", "a: b", "#c", "'q'",
                                                           "\"dq\"", "  lead", "trail  ",
                                                           "multi\nline", "p. 12", "*a"]))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=st.dictionaries(st.text(min_size=1, max_size=8), trees, min_size=1, max_size=4),
       style=st.sampled_from([None, False, True]), width=st.sampled_from([20, 80, 1000]))
def test_any_dumped_document_reads_alike(tree, style, width):
    agree(yaml.safe_dump(tree, default_flow_style=style, width=width,
                         allow_unicode=True).encode())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=st.dictionaries(st.text(min_size=1, max_size=8), trees, min_size=1, max_size=4))
def test_json_documents_read_alike(tree):
    agree(json.dumps(tree).encode())


VALID = (FIXTURES / "small" / "lanes.yaml").read_bytes()


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.binary(min_size=0, max_size=6),
       st.integers(min_value=0, max_value=12))
def test_mangled_files_read_alike_or_are_handed_back(position, insert, cut):
    agree(VALID[:position] + insert + VALID[position + cut:])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash_the_fast_reader(data):
    read_fast(data, "f.yaml")


# Documents made of YAML's own pieces (indicators, flow brackets, line separators, quotes)
# rather than of dumped values: where the two parsers' corner cases are.
PIECES = ["a", "b: ", "- ", "[", "]", "{", "}", ", ", "?", "? ", "%", "&x ", "*x", "!t ",
          '"q"', "'q'", "\n", "\n  ", " ", ": ", "#c", "\u2028", "\u2029", "\u0085", "|",
          ">", "-", ".", "1", "x:y", "@", "`", "\\", "\t", "---", "..."]


# CI runs 1,500 examples (a few seconds); a longer run, before a release or after touching
# the fast reader's gates: ARGMAP_FUZZ_EXAMPLES=200000 pytest tests/test_fast_reader.py -k pieces
@settings(max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "1500")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_documents_of_yaml_pieces_read_alike_or_are_handed_back(pieces):
    agree(("k: " + "".join(pieces) + "\n").encode())
    agree(("".join(pieces) + "\n").encode())


@pytest.mark.parametrize("text", ["a: x\u2028y\n", "a: [?a]\n", "a: [%, x]\n", "a: {?a: b}\n",
                                  "a: x\u0085y\n", "a: [b, ?c]\n"])
def test_the_red_team_s_disagreements_go_to_the_positioned_reader_or_agree(text):
    agree(text.encode())


@pytest.mark.parametrize("name", sorted(str(p.relative_to(FIXTURES))
                                         for p in FIXTURES.glob("*/*.yaml")))
def test_a_mapping_placed_from_its_own_lines_has_the_positions_of_the_whole_read(name):
    """A position asked of a fast-read file reads only the asking mapping's lines (#25: a
    warning costs its own mapping, not a second parse of the file), and every mapping's
    positions equal those of the positioned reader's whole-file read."""
    from argmap.fastyaml import _in_closing_order, parse_fast

    data = (FIXTURES / name).read_bytes()
    parsed = parse_fast(data, name)
    if parsed is None:
        return  # read by the positioned reader anyway
    whole, _ = read_yaml_positioned(data, name)
    mine, theirs = _in_closing_order(parsed[0]), _in_closing_order(whole)
    source = mine[0].pending_source
    for m, twin in zip(mine, theirs, strict=True):
        assert m.positions() == twin.positions()
    assert source.twins is None  # no mapping needed the whole file read again
