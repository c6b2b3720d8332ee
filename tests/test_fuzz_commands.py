"""Random well-formed debates through every command: whatever the texts and the shape of the
map, each command answers with exit 0, 1 or 2 and never a traceback. CI runs a few dozen
debates; ARGMAP_FUZZ_EXAMPLES=2000 runs a longer campaign."""

from __future__ import annotations

import os

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main

WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def debates(draw):
    sides = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    claim_ids = draw(st.lists(IDS, min_size=1, max_size=12, unique=True).filter(
        lambda ids: not set(ids) & set(sides) and "motion" not in ids and "s1" not in ids))
    claims = []
    for i, cid in enumerate(claim_ids):
        targets = ["motion"] + claim_ids[:i]
        claim = {"id": cid, "perspective": draw(st.sampled_from(sides)), "text": draw(WORDS),
                 "evidence": [{"source": "s1", "quote": draw(WORDS)}]}
        kind = draw(st.sampled_from(["supports", "attacks", "undercuts"]))
        target = draw(st.sampled_from(targets))
        if kind != "undercuts" or target != "motion":
            claim[kind] = [{"target": target, "note": draw(WORDS)}]
        if draw(st.booleans()):
            claim["note"] = draw(WORDS)
        claims.append(claim)
    debate = {"title": draw(WORDS), "question": draw(WORDS),
              "perspectives": [{"id": p, "label": draw(WORDS)} for p in sides],
              "resolutions": [{"id": "motion", "text": draw(WORDS)}]}
    sources = [{"id": "s1", "title": draw(WORDS), "url": "https://example.org/a"}]
    return debate, {"claims": claims, "sources": sources}, claim_ids[0]


COMMANDS = [["check", "d", "--strict"], ["build", "d", "-o", "out", "--no-graphviz"],
            ["report", "d", "--format", "json"], ["report", "d", "--format", "html"],
            ["export", "d", "--format", "bibtex"], ["export", "d", "--format", "csl-json"],
            ["flow", "d", "--format", "ld", "-o", "flow"]]


@settings(max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(debate=debates())
def test_every_command_answers_any_well_formed_debate_with_an_exit_code(tmp_path_factory,
                                                                        debate):
    head, data, first = debate
    root = tmp_path_factory.mktemp("fuzzed")
    (root / "d").mkdir()
    (root / "d" / "debate.yaml").write_text(yaml.safe_dump(head, allow_unicode=True),
                                            encoding="utf-8")
    (root / "d" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                          encoding="utf-8")
    old = os.getcwd()
    os.chdir(root)
    try:
        for args in COMMANDS + [["trace", first, "d"]]:
            result = CliRunner().invoke(main, args)
            assert result.exception is None or isinstance(result.exception, SystemExit), \
                (args, result.output)
            assert result.exit_code in (0, 1, 2), (args, result.output)
    finally:
        os.chdir(old)


# ---- the shapes of hardening round 2: layered fans, aliases of long texts ----

@settings(max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "25")), deadline=None)
@given(layers=st.integers(1, 9), width=st.integers(1, 9))
def test_a_flow_of_any_layered_fan_has_rows_linear_in_the_relations(layers, width):
    """Each claim of every layer attacks every claim of the layer before (K**L paths): the
    flow's rows never outgrow the claims and relations (N3)."""
    import argmap
    from argmap.flow import build_flow, load_formats

    from synthetic import layered_debate

    debate = layered_debate(layers, width)
    flow = build_flow(argmap.build_graph(debate), load_formats()["policy"])
    rows = sum(len(sheet.rows) for sheet in flow.sheets)
    assert rows <= len(debate.claims) + sum(len(c.relations) for c in debate.claims)


@settings(max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "25")), deadline=None)
@given(size=st.integers(1, 200_000), aliases=st.integers(1, 3000),
       in_block=st.booleans())
def test_aliases_of_long_texts_are_refused_fast_however_many(size, aliases, in_block):
    """One long text anchored once and aliased many times, bare or inside a block (N4): the
    reader refuses it (a scalar alias, or past the character budget) or reads it within the
    budget, without a traceback (and, being refused at the first alias, without the work
    the expansion would cost: the benchmark and the closing note give the time)."""
    from argmap.reading import read_yaml

    words = ("word " * (size // 5 + 1)).strip()
    anchor = f"a: &k [{{text: {words}}}]\n" if in_block else f"a: &k {words}\n"
    text = anchor + "".join(f"b{i}: *k\n" for i in range(aliases))
    value, diags = read_yaml(text.encode(), "f.yaml")
    if not in_block:
        assert value is None and [d.code for d in diags] == ["scalar-alias"]
    elif size * aliases > 1_000_000:
        assert value is None and [d.code for d in diags] == ["alias-limit"]
