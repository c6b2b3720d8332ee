"""The balance audit (#24): research, critique, the last word and common ground counted per
perspective for any debate, with a plain sentence for each asymmetry past a threshold."""

from __future__ import annotations

import json

import argmap
from argmap.structure import structure

from conftest import write_debate

DEBATE = """\
title: Audit
perspectives:
  - {id: a, label: Side A}
  - {id: b, label: Side B}
resolutions:
  - {id: ra, text: A's law.}
  - {id: rb, text: B's law.}
"""

SOURCES = """\
sources:
  - {id: study, title: A study, type: academic}
  - {id: leaflet, title: A leaflet, type: advocacy}
"""


def claim(cid, side, *, supports=None, attacks=(), undercuts=(), research=False,
          agreed_by=None) -> str:
    lines = [f"  - id: {cid}", f"    perspective: {side}", f"    text: Claim {cid}.",
             "    evidence:", "      - source: " + ("study" if research else "leaflet"),
             "        finding: What it reports."]
    if supports:
        lines.append(f"    supports: [{supports}]")
    for kind, targets in (("attacks", attacks), ("undercuts", undercuts)):
        if targets:
            lines.append(f"    {kind}:")
            lines += [f"      - {{target: {t}, note: At issue.}}" for t in targets]
    if agreed_by:
        lines.append(f"    agreed_by: [{agreed_by}]")
    return "\n".join(lines)


def audit(tmp_path, *claims: str) -> dict:
    root = write_debate(tmp_path / "d", {"c.yaml": "claims:\n" + "\n".join(claims) + "\n"
                                         + SOURCES}, DEBATE)
    result = argmap.check(str(root))
    assert result.ok, [str(d) for d in result.diagnostics]
    return structure(argmap.build_graph(result.debate))


BASE = (claim("a1", "a", supports="ra"), claim("b1", "b", supports="rb"))


def test_research_with_the_last_word_is_counted_and_flagged_past_two(tmp_path):
    s = audit(tmp_path, *BASE, *(claim(f"b{i}", "b", attacks=["a1"], research=True)
                                 for i in range(2, 6)))
    assert s["perspectives"]["b"]["last_word"] == {"research": ["b2", "b3", "b4", "b5"],
                                                   "other": []}
    assert s["perspectives"]["a"]["last_word"] == {"research": [], "other": []}
    assert s["flags"][0] == ("The last word on research: 0 of the 0 claims of Side A that "
                             "attack another side with no reply recorded rest on research; "
                             "4 of 4 of Side B.")


def test_an_answered_attack_has_no_last_word(tmp_path):
    s = audit(tmp_path, *BASE, claim("b2", "b", attacks=["a1"], research=True),
              claim("a2", "a", attacks=["b2"]))
    assert s["perspectives"]["b"]["last_word"]["research"] == []
    assert s["perspectives"]["a"]["last_word"]["other"] == ["a2"]
    assert s["perspectives"]["b"]["research_claims"] == 1
    assert s["perspectives"]["b"]["research_answered"] == 1


def test_two_research_claims_with_the_last_word_are_within_the_threshold(tmp_path):
    s = audit(tmp_path, *BASE, *(claim(f"b{i}", "b", attacks=["a1"], research=True)
                                 for i in (2, 3)))
    assert not [f for f in s["flags"] if f.startswith("The last word")]


def test_undercuts_made_are_counted_and_flagged_past_two(tmp_path):
    s = audit(tmp_path, *BASE, claim("a2", "a", attacks=["b1"]),
              *(claim(f"b{i}", "b", undercuts=["a2"]) for i in range(2, 5)))
    assert s["perspectives"]["b"]["undercuts_made"] == 3
    assert s["perspectives"]["a"]["undercuts_received"] == 3
    assert "Undercuts (critique of another side's reasoning or evidence): Side A makes 0, " \
           "Side B makes 3." in s["flags"]


def test_common_ground_supporting_one_contested_resolution_is_flagged(tmp_path):
    s = audit(tmp_path, *BASE, claim("both", "a", supports="rb", agreed_by="b"))
    assert s["common_ground_supports"] == {"ra": 0, "rb": 1}
    assert s["contested_resolutions"] == ["ra", "rb"]
    assert "Common ground supports the contested resolutions unequally: ra 0, rb 1." \
        in s["flags"]


def test_an_attack_on_a_resolution_nobody_argues_for_is_no_last_word(tmp_path):
    debate = DEBATE + "  - {id: third, text: A third option.}\n"
    root = write_debate(tmp_path / "d", {"c.yaml": "claims:\n" + "\n".join(
        [*BASE, claim("a2", "a", attacks=["third"]), claim("a3", "a", attacks=["rb"])])
        + "\n" + SOURCES}, debate)
    s = structure(argmap.build_graph(argmap.load(str(root))[0]))
    assert s["perspectives"]["a"]["last_word"]["other"] == ["a3"]


def test_notes_are_counted_with_their_words(tmp_path):
    s = audit(tmp_path, *BASE, claim("b2", "b", attacks=["a1"]))
    assert (s["perspectives"]["b"]["notes"], s["perspectives"]["b"]["note_words"]) == (1, 2)


def test_report_fail_on_flags_exits_1_after_writing_the_report(cli, tmp_path):
    write_debate(tmp_path / "d", {"c.yaml": "claims:\n" + "\n".join(
        [*BASE, *(claim(f"b{i}", "b", attacks=["a1"], research=True) for i in range(2, 6))])
        + "\n" + SOURCES}, DEBATE)
    result = cli("report", "d", "--format", "json", "--fail-on-flags")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["structure"]["flags"]) == 2  # on research, and overall
    assert "flag: The last word on research" in result.stderr
    assert cli("report", "d", "--format", "json").exit_code == 0


def test_report_fail_on_flags_passes_a_balanced_map(cli, tmp_path):
    write_debate(tmp_path / "d", {"c.yaml": "claims:\n" + "\n".join(BASE) + "\n" + SOURCES},
                 DEBATE)
    assert cli("report", "d", "--fail-on-flags").exit_code == 0


def test_critique_of_research_is_counted_and_flagged_past_two(tmp_path):
    s = audit(tmp_path, claim("a1", "a", supports="ra", research=True),
              claim("b1", "b", supports="rb"),
              *(claim(f"b{i}", "b", undercuts=["a1"]) for i in range(2, 5)),
              *(claim(f"a{i}", "a", undercuts=[f"b{i}"]) for i in range(2, 5)))
    assert s["perspectives"]["b"]["undercuts_on_research"] == 3
    assert s["perspectives"]["a"]["undercuts_on_research"] == 0
    assert "Critique of research: Side A undercuts claims resting on research 0 times, " \
           "Side B 3 times." in s["flags"]


def test_the_last_word_overall_is_flagged_past_three(tmp_path):
    s = audit(tmp_path, *BASE, *(claim(f"b{i}", "b", attacks=["a1"]) for i in range(2, 6)))
    assert "The last word overall: 0 claims of Side A attack another side with no reply " \
           "recorded; 4 of " \
           "Side B." in s["flags"]
