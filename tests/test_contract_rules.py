"""One test per rule of the YAML contract in docs/format.md, each pinning file, line and column."""

from __future__ import annotations

import argmap

from conftest import ONE_CLAIM, diags_of


def test_a_valid_debate_has_no_diagnostics(debate_dir):
    assert diags_of(debate_dir, {"c.yaml": ONE_CLAIM}) == []


def test_unknown_key_is_an_error_with_a_suggestion(debate_dir):
    text = ONE_CLAIM.replace("    text: A claim.\n", "    text: A claim.\n    atacks: []\n")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:5:5: error: unknown key 'atacks' in a claim (did you mean 'attacks'?)"]


def test_unknown_top_level_key_in_a_data_file(debate_dir):
    assert diags_of(debate_dir, {"c.yaml": ONE_CLAIM + "claim: []\n"}) == [
        "c.yaml:12:1: error: unknown key 'claim' in a debate file (did you mean 'claims'?)"]


def test_wrong_type_points_at_the_value(debate_dir):
    text = ONE_CLAIM.replace("text: A claim.", "text: [a, b]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:4:11: error: 'text' must be text, not a list"]


def test_a_list_field_given_a_string(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]", "supports: motion")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:5:15: error: 'supports' must be a list, not text"]


def test_missing_required_key_points_at_the_mapping(debate_dir):
    text = ONE_CLAIM.replace("    text: A claim.\n", "")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:2:5: error: a claim is missing the required key 'text'"]


def test_debate_yaml_requires_a_title(debate_dir):
    debate = "perspectives:\n  - id: pro\n"
    assert diags_of(debate_dir, {}, debate=debate) == [
        "debate.yaml:1:1: error: debate.yaml is missing the required key 'title'"]


def test_debate_yaml_requires_at_least_one_perspective(debate_dir):
    assert diags_of(debate_dir, {}, debate="title: T\nperspectives: []\n") == [
        "debate.yaml:2:15: error: 'perspectives' must declare at least one perspective"]


def test_bad_id_format(debate_dir):
    text = ONE_CLAIM.replace("id: c1", "id: -c1")
    assert diags_of(debate_dir, {"c.yaml": text})[0] == (
        "c.yaml:2:9: error: '-c1' is not a valid id: use letters, digits, '-', '_' and '.', "
        "starting with a letter or digit")


def test_duplicate_id_across_kinds_names_both_places(debate_dir):
    text = ONE_CLAIM.replace("  - id: s1\n", "  - id: c1\n").replace("source: s1", "source: c1")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:10:9: error: duplicate id 'c1': already used by the claim at c.yaml:2:9"]


def test_duplicate_id_across_files(debate_dir):
    other = "claims:\n  - id: motion\n    perspective: pro\n    text: Dup.\n    supports: [c1]\n"
    result = diags_of(debate_dir, {"a.yaml": ONE_CLAIM, "b.yaml": other})
    assert any(m.startswith("b.yaml:2:9: error: duplicate id 'motion': already used by the "
                            "resolution at ") and m.endswith("debate.yaml:8:9") for m in result)


def test_unknown_reference_with_suggestion(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]", "supports: [motoin]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:5:16: error: 'motoin' in supports is not a claim or resolution "
        "(did you mean 'motion'?)"]


def test_unknown_evidence_source(debate_dir):
    text = ONE_CLAIM.replace("- source: s1", "- source: s2")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:7:17: error: 's2' in source is not a source (did you mean 's1'?)"]


def test_unknown_traced_to(debate_dir):
    text = ONE_CLAIM.replace("quote: Something said.", "quote: Something said.\n"
                             "        traced_to: study")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:9:20: error: 'study' in traced_to is not a source; the debate's one source is 's1'"]


def test_unknown_perspective(debate_dir):
    text = ONE_CLAIM.replace("perspective: pro", "perspective: prop")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:3:18: error: 'prop' in perspective is not a declared perspective "
        "(did you mean 'pro'?)"]


def test_undercut_must_target_a_claim(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]", "supports: [motion]\n    undercuts: [motion]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:6:17: error: 'motion' in undercuts is not a claim; the debate's one claim is 'c1'"]


def test_self_relation(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]", "supports: [motion]\n    attacks: [c1]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:6:15: error: claim 'c1' attacks itself"]


def test_relation_mapping_form_points_at_its_target(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]",
                             "supports:\n      - target: motoin\n        note: why")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:6:17: error: 'motoin' in supports is not a claim or resolution "
        "(did you mean 'motion'?)"]


def test_url_must_be_http_or_https(debate_dir):
    text = ONE_CLAIM + "    url: javascript:alert(1)\n"
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:12:10: error: 'javascript:alert(1)' is not an http or https URL"]


def test_bad_enum_value_suggests(debate_dir):
    text = ONE_CLAIM.replace("text: A claim.", "text: A claim.\n    kind: statistc")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:5:11: error: 'statistc' is not a valid kind: expected one of empirical, causal, "
        "statistic, normative, definitional, policy, testimony (did you mean 'statistic'?)"]


def test_bad_colour(debate_dir):
    debate = "title: T\nperspectives:\n  - id: pro\n    color: blue\n"
    assert diags_of(debate_dir, {}, debate=debate) == [
        "debate.yaml:4:12: error: 'blue' is not a colour: write it as #rrggbb"]


# -- warnings ---------------------------------------------------------------------------------

def test_claim_without_evidence_is_a_warning(debate_dir):
    text = "claims:\n  - id: c1\n    perspective: pro\n    text: Bare.\n    supports: [motion]\n"
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:2:5: warning: claim 'c1' has no evidence"]


def test_evidence_without_quote_is_a_warning(debate_dir):
    text = ONE_CLAIM.replace("        quote: Something said.\n", "        locator: p. 1\n")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:7:9: warning: evidence without a quote or a finding"]


def test_support_cycle_is_a_warning(debate_dir):
    text = """\
    claims:
      - id: a
        perspective: pro
        text: A.
        supports: [b]
      - id: b
        perspective: pro
        text: B.
        supports: [a]
    """
    found = [m for m in diags_of(debate_dir, {"c.yaml": text}) if "cycle" in m]
    assert found == ["c.yaml:5:5: warning: support cycle: a -> b -> a"]


def test_disconnected_claim_is_a_warning(debate_dir):
    text = ONE_CLAIM.replace("    supports: [motion]\n", "")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:2:9: warning: claim 'c1' is connected to nothing: it supports, attacks or "
        "undercuts nothing and nothing relates to it"]


def test_tag_not_in_topics_is_a_warning_when_topics_exist(debate_dir):
    debate = "title: T\nperspectives:\n  - id: pro\nresolutions:\n  - id: motion\n    text: M.\n" \
             "topics:\n  - id: safety\n"
    text = ONE_CLAIM.replace("text: A claim.", "text: A claim.\n    tags: [safty]")
    assert diags_of(debate_dir, {"c.yaml": text}, debate=debate) == [
        "c.yaml:5:12: warning: tag 'safty' is not one of the topics (did you mean 'safety'?)"]


def test_tags_are_free_when_no_topics_are_declared(debate_dir):
    text = ONE_CLAIM.replace("text: A claim.", "text: A claim.\n    tags: [anything]")
    assert diags_of(debate_dir, {"c.yaml": text}) == []


def test_every_problem_is_reported_in_one_run(debate_dir):
    text = ONE_CLAIM.replace("perspective: pro", "perspective: nope").replace(
        "supports: [motion]", "supports: [nothing]").replace("title: A source", "titel: x")
    found = diags_of(debate_dir, {"c.yaml": text})
    assert len([m for m in found if ": error: " in m]) == 4


def test_files_are_read_recursively_in_sorted_order(debate_dir):
    first = ONE_CLAIM
    second = "claims:\n  - id: c1\n    perspective: pro\n    text: Again.\n    supports: [motion]\n"
    found = diags_of(debate_dir, {"b/z.yml": second, "a.yaml": first})
    assert found[-1].startswith("b/z.yml:2:9: error: duplicate id 'c1': already used by the "
                                "claim at ")


def test_load_returns_model_and_diagnostics(debate_dir):
    root = debate_dir({"c.yaml": ONE_CLAIM})
    debate, diagnostics = argmap.load(str(root))
    assert diagnostics == []
    assert [c.id for c in debate.claims] == ["c1"]
    claim = debate.claims_by_id["c1"]
    assert (claim.location.file, claim.location.line, claim.location.col) == ("c.yaml", 2, 5)
    assert claim.evidence[0].quote == "Something said."


def test_a_suggestion_between_equally_close_ids_is_the_same_on_every_run():
    from argmap.suggest import closest
    # 'side-z' is one letter from both: whichever order they come in, the first sorted wins
    assert closest("side-z", ["side-b", "side-a"]) == "side-a"
    assert closest("side-z", {"side-a", "side-b"}) == "side-a"
    assert closest("side-z", ["side-a", "side-b"]) == "side-a"


def test_a_required_text_of_only_spaces_is_empty(debate_dir):
    text = ONE_CLAIM.replace("text: A claim.", 'text: "   "')
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:4:11: error: 'text' must not be empty"]


def test_an_attack_on_another_perspective_without_a_note_is_a_warning(debate_dir):
    text = ONE_CLAIM + """\
  - id: c2
    perspective: con
    text: A reply.
    attacks: [c1]
    evidence:
      - source: s1
        quote: Something said.
"""
    text = text.replace("sources:\n  - id: s1\n    title: A source\n", "") + \
        "sources:\n  - id: s1\n    title: A source\n"
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:12:15: warning: 'c2' attacks 'c1' of another perspective with no note: say "
        "what the disagreement is about, in neutral words ({target: ..., note: ...})"]


def test_an_attack_with_a_note_or_within_one_perspective_needs_none(debate_dir):
    reply = """\
  - id: c2
    perspective: {side}
    text: A reply.
    attacks: [{target}]
    evidence:
      - source: s1
        quote: Something said.
sources:
  - id: s1
    title: A source
"""
    base = ONE_CLAIM.replace("sources:\n  - id: s1\n    title: A source\n", "")
    noted = reply.format(side="con", target="{target: c1, note: Whether it is so}")
    same_side = reply.format(side="pro", target="c1")
    assert diags_of(debate_dir, {"c.yaml": base + noted}) == []
    assert diags_of(debate_dir, {"c.yaml": base + same_side}) == []
