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
