"""Property: no YAML input, random or mangled, ever produces a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.loader import check
from argmap.reading import read_yaml

from conftest import FIXTURES

VALID = (FIXTURES / "small" / "lanes.yaml").read_bytes()
DEBATE = (FIXTURES / "small" / "debate.yaml").read_bytes()

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["id", "claims", "sources", "text", "perspective", "evidence", "supports", "attacks",
         "title", "quote", "source", "target", "x"]), inner, max_size=5)), max_leaves=20)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data):
    read_yaml(data, "f.yaml")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.binary(min_size=0, max_size=8),
       st.integers(min_value=0, max_value=20))
def test_mangled_valid_files_never_raise(position, insert, cut):
    read_yaml(VALID[:position] + insert + VALID[position + cut:], "f.yaml")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=yaml_values, debate_cut=st.integers(min_value=0, max_value=len(DEBATE)))
def test_random_structures_through_the_whole_check_never_raise(tmp_path_factory, value,
                                                               debate_cut):
    import yaml
    root = tmp_path_factory.mktemp("fuzz")
    (root / "debate.yaml").write_bytes(DEBATE[:debate_cut])
    (root / "data.yaml").write_text(yaml.safe_dump({"claims": value}), encoding="utf-8")
    result = check(str(root))
    for d in result.diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.severity in ("error", "warning")
