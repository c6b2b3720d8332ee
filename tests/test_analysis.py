"""The analyses equal the hand counts of ``tests/fixtures/counted`` (worked out in its
``debate.yaml``), plus small inline cases for what that fixture cannot show."""

from __future__ import annotations

import functools

import networkx as nx
import pytest

import argmap
from argmap import analysis
from argmap.graph import build_graph
from argmap.render.report import report_json

from conftest import FIXTURES


@functools.cache
def counted():
    result = argmap.check(str(FIXTURES / "counted"))
    assert result.ok, [str(d) for d in result.diagnostics]
    return result, build_graph(result.debate)


def report() -> dict:
    result, graph = counted()
    return analysis.analyze(result.debate, graph, result.quotes)


def per(key: str) -> dict:
    return {p: v[key] for p, v in report()["balance"]["perspectives"].items()}


# ---- balance -------------------------------------------------------------------------------

def test_balance_counts_claims_per_perspective():
    assert per("claims") == {"extend": 5, "budget": 5, "volunteers": 3}


def test_balance_counts_evidence_items_including_those_given_for_a_relation():
    # volunteers: 1 + 1 (for its attack on paid-staff-costly) + 2 + 1
    assert per("evidence") == {"extend": 5, "budget": 5, "volunteers": 5}


def test_balance_counts_distinct_sources_per_perspective():
    assert per("sources") == {"extend": 4, "budget": 3, "volunteers": 2}


def test_balance_counts_claims_by_kind():
    assert per("kinds") == {
        "extend": {"empirical": 2, "normative": 1, "statistic": 2},
        "budget": {"causal": 2, "empirical": 1, "normative": 1, "statistic": 1},
        "volunteers": {"causal": 1, "empirical": 1, "policy": 1}}


def test_balance_counts_claims_by_topic_and_untagged():
    assert per("topics") == {"extend": {"cost": 1, "demand": 3},
                             "budget": {"cost": 2, "demand": 2, "staffing": 1},
                             "volunteers": {"cost": 1, "staffing": 2}}
    assert per("untagged") == {"extend": 1, "budget": 1, "volunteers": 0}


def test_balance_counts_the_sources_each_perspective_cites_by_type():
    assert per("sources_by_type") == {
        "extend": {"advocacy": 1, "government": 2, "ngo": 1},
        "budget": {"government": 2, "ngo": 1},
        "volunteers": {"advocacy": 1, "government": 1}}


def test_balance_counts_the_sources_each_perspective_cites_by_stance():
    assert per("sources_by_stance") == {
        "extend": {"budget": 1, "extend": 1, "none stated": 2},
        "budget": {"budget": 1, "none stated": 2},
        "volunteers": {"none stated": 1, "volunteers": 1}}


def test_balance_counts_every_source_in_the_map_by_type_and_stance():
    assert report()["balance"]["sources"] == {
        "total": 8,
        "by_type": {"academic": 1, "advocacy": 2, "government": 3, "ngo": 2},
        "by_stance": {"budget": 1, "extend": 1, "none stated": 5, "volunteers": 1}}


def test_totals_count_the_whole_map():
    assert report()["totals"] == {
        "perspectives": 3, "claims": 13, "resolutions": 1, "sources": 8, "evidence": 15,
        "relations": {"supports": 5, "attacks": 11, "undercuts": 1}}


# ---- unanswered and clashes ----------------------------------------------------------------

def test_unanswered_claims_per_perspective():
    assert report()["unanswered"]["perspectives"] == {
        "extend": ["libraries-civic", "nearby-hours-differ"],
        "budget": ["survey-self-selected"],
        "volunteers": ["volunteers-cut-cost", "volunteers-need-training"]}


def test_an_attack_from_the_claims_own_perspective_does_not_answer_it():
    # volunteers-cut-cost is attacked, but only by volunteers-need-training (same side)
    _, graph = counted()
    assert graph.has_edge("volunteers-need-training", "volunteers-cut-cost", key="attacks")
    assert "volunteers-cut-cost" in analysis.unanswered(graph)["volunteers"]


def test_an_undercut_from_another_perspective_answers_a_claim():
    _, graph = counted()
    assert "students-need-space" not in analysis.unanswered(graph)["extend"]


def clash_pairs(group: dict) -> list[tuple[str, str, str]]:
    return [(r["source"], r["type"], r["target"]) for r in group["relations"]]


def test_clash_points_are_grouped_by_topic_in_declared_order_then_untagged():
    groups = report()["clashes"]
    assert [(g["topic"], g["label"], len(g["relations"])) for g in groups] == [
        ("demand", "Demand", 3), ("cost", "Cost", 5), ("staffing", "Staffing", 4),
        (None, "untagged", 1)]


def test_a_clash_is_listed_under_the_tags_of_both_claims():
    demand, cost, staffing, _ = report()["clashes"]
    # staff-cost-small is tagged cost, volunteers-suffice staffing: the attack is under both
    assert ("staff-cost-small", "attacks", "volunteers-suffice") in clash_pairs(cost)
    assert ("staff-cost-small", "attacks", "volunteers-suffice") in clash_pairs(staffing)
    assert ("staff-cost-small", "attacks", "volunteers-suffice") not in clash_pairs(demand)


def test_clash_points_list_attacker_target_type_and_note_sorted():
    demand = report()["clashes"][0]
    assert clash_pairs(demand) == [
        ("low-turnout-elsewhere", "attacks", "demand-sundays"),
        ("nearby-hours-differ", "attacks", "low-turnout-elsewhere"),
        ("survey-self-selected", "undercuts", "students-need-space")]
    assert demand["relations"][2] == {
        "type": "undercuts", "source": "survey-self-selected", "source_perspective": "budget",
        "target": "students-need-space", "target_perspective": "extend",
        "note": "Whether the survey's answers speak for all students"}


def test_clash_points_leave_out_attacks_on_resolutions_and_within_one_perspective():
    listed = {pair for g in report()["clashes"] for pair in clash_pairs(g)}
    assert ("cost-too-high", "attacks", "open-sundays") not in listed
    assert ("volunteers-need-training", "attacks", "volunteers-cut-cost") not in listed
    assert len(listed) == 9


def test_an_attack_between_untagged_claims_is_a_clash_under_untagged():
    untagged = report()["clashes"][-1]
    assert untagged["topic"] is None
    assert clash_pairs(untagged) == [("libraries-civic", "attacks", "budget-priority")]


# ---- coverage ------------------------------------------------------------------------------

def test_claims_with_no_evidence():
    assert report()["coverage"]["no_evidence"] == ["budget-priority", "libraries-civic"]


def test_claims_resting_on_one_source_even_with_several_items_from_it():
    single = {e["claim"]: e["source"] for e in report()["coverage"]["single_source"]}
    assert single == {
        "cost-too-high": "council-budget", "demand-sundays": "town-survey",
        "low-turnout-elsewhere": "regional-report", "nearby-hours-differ": "regional-report",
        "paid-staff-costly": "council-budget",  # two quotes, one source
        "staff-cost-small": "council-budget", "survey-self-selected": "town-survey",
        "volunteers-need-training": "friends-newsletter",
        "volunteers-suffice": "friends-newsletter"}


def test_claims_supported_only_by_other_claims():
    # libraries-civic has no evidence either, but nothing supports it
    assert report()["coverage"]["support_only"] == [
        {"claim": "budget-priority", "supported_by": ["cost-too-high"]}]


def test_quote_counts_come_from_the_quote_report():
    quotes = report()["coverage"]["quotes"]
    assert (quotes["checked"], quotes["verified"], quotes["mismatched"],
            quotes["unverified"]) == (True, 5, 0, 10)


def test_unverified_quotes_are_listed_with_claim_and_source():
    problems = report()["coverage"]["quotes"]["problems"]
    assert len(problems) == 10
    assert {p["status"] for p in problems} == {"unverified"}
    assert {"claim": "volunteers-suffice", "source": "council-budget",
            "quote": "Volunteers may staff the desk under supervision.",
            "status": "unverified"} in problems  # evidence given for a relation
    assert not any(p["source"] in ("town-survey", "regional-report") for p in problems)


def test_a_mismatched_quote_is_listed_as_mismatched(debate_dir):
    root = debate_dir({
        "claims.yaml": """\
            claims:
              - id: c1
                perspective: pro
                text: A claim.
                evidence:
                  - source: s1
                    quote: "words that are not in the archive"
            sources:
              - id: s1
                title: A source
                archive: s1.txt
            """,
        "archive/s1.txt": "Something else entirely.\n"},
        debate="title: T\nperspectives: [{id: pro, label: Pro}]\narchives: [archive]\n")
    result = argmap.check(str(root))
    quotes = analysis.coverage(build_graph(result.debate), result.quotes)["quotes"]
    assert quotes["problems"] == [{"claim": "c1", "source": "s1",
                                   "quote": "words that are not in the archive",
                                   "status": "mismatched"}]


def test_without_a_quote_report_quotes_are_marked_not_checked():
    _, graph = counted()
    assert analysis.coverage(graph)["quotes"] == {
        "checked": False, "verified": None, "mismatched": None, "unverified": None,
        "problems": []}


# ---- statistics ----------------------------------------------------------------------------

def test_statistics_untraced_first_then_traced_by_id():
    assert [(s["claim"], s["traced"]) for s in report()["statistics"]] == [
        ("staff-cost-small", False), ("demand-sundays", True),
        ("low-turnout-elsewhere", True)]


def test_a_statistic_shows_its_origin_with_title_and_the_source_reporting_it():
    traced = report()["statistics"][1]
    assert traced["origins"] == [{"source": "census-panel", "title": "Household panel 2023",
                                  "via": "town-survey"}]


def test_a_statistic_shows_the_confidence_from_its_note():
    untraced = report()["statistics"][0]
    assert untraced["origins"] == []
    assert untraced["confidence"].startswith("Confidence of origin: low.")


# ---- contested and central -----------------------------------------------------------------

def test_most_contested_claims_by_incoming_attacks_then_id():
    contested = report()["contested"]
    assert [(c["claim"], c["total"]) for c in contested] == [
        ("paid-staff-costly", 2), ("budget-priority", 1), ("cost-too-high", 1),
        ("demand-sundays", 1), ("low-turnout-elsewhere", 1), ("staff-cost-small", 1),
        ("students-need-space", 1), ("volunteers-cut-cost", 1), ("volunteers-suffice", 1)]


def test_contested_counts_undercuts_apart_from_attacks():
    entry = next(c for c in report()["contested"] if c["claim"] == "students-need-space")
    assert (entry["attacks"], entry["undercuts"]) == (0, 1)


def test_contested_keeps_only_the_top_entries():
    _, graph = counted()
    assert [c["claim"] for c in analysis.contested(graph, limit=3)] == [
        "paid-staff-costly", "budget-priority", "cost-too-high"]


def test_central_claims_by_number_of_relations_then_id_top_ten():
    central = report()["central"]
    assert [(c["claim"], c["relations"]) for c in central] == [
        ("volunteers-cut-cost", 4), ("budget-priority", 3), ("cost-too-high", 3),
        ("paid-staff-costly", 3), ("demand-sundays", 2), ("libraries-civic", 2),
        ("low-turnout-elsewhere", 2), ("staff-cost-small", 2), ("students-need-space", 2),
        ("volunteers-suffice", 2)]


def test_central_claims_break_down_their_relations():
    top = report()["central"][0]
    assert top == {"claim": "volunteers-cut-cost", "perspective": "volunteers",
                   "relations": 4, "supports": 1, "supported_by": 0, "attacks": 2,
                   "attacked_by": 1}


# ---- grounded labelling --------------------------------------------------------------------

def test_grounded_labelling_equals_the_hand_labelling():
    g = report()["grounded"]
    assert g["in"] == ["cost-too-high", "demand-sundays", "libraries-civic",
                       "nearby-hours-differ", "survey-self-selected", "volunteers-need-training"]
    assert g["out"] == ["budget-priority", "low-turnout-elsewhere", "open-sundays",
                        "students-need-space", "volunteers-cut-cost"]
    assert g["undec"] == ["paid-staff-costly", "staff-cost-small", "volunteers-suffice"]


def test_an_odd_cycle_of_attacks_is_undecided():
    cycle = {"staff-cost-small", "volunteers-suffice", "paid-staff-costly"}
    assert cycle <= set(report()["grounded"]["undec"])


def test_a_claim_whose_attacker_is_out_is_reinstated():
    # low-turnout-elsewhere attacks demand-sundays but is itself OUT (nearby-hours-differ)
    g = report()["grounded"]
    assert "low-turnout-elsewhere" in g["out"] and "demand-sundays" in g["in"]


def test_grounded_labelling_says_it_is_not_a_verdict():
    note = report()["grounded"]["note"]
    assert "not whether a claim is true or strong" in note and "weigh no evidence" in note
    assert "stands" not in note


def tiny(attacks: list[tuple[str, str]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for u, v in attacks:
        for n in (u, v):
            g.add_node(n, type="claim", perspective="p", tags=[], evidence=[], kind="",
                       text=n, note="")
        g.add_edge(u, v, key="attacks", type="attacks", note="", evidence=[])
    return g


def test_an_even_cycle_is_undecided_in_the_grounded_labelling():
    g = analysis.grounded_labelling(tiny([("a", "b"), ("b", "a")]))
    assert (g["in"], g["out"], g["undec"]) == ([], [], ["a", "b"])


def test_a_chain_of_attacks_alternates_in_and_out():
    g = analysis.grounded_labelling(tiny([("a", "b"), ("b", "c"), ("c", "d")]))
    assert (g["in"], g["out"]) == (["a", "c"], ["b", "d"])


def test_an_attack_from_an_undecided_claim_leaves_its_target_undecided():
    g = analysis.grounded_labelling(tiny([("a", "b"), ("b", "a"), ("b", "c")]))
    assert g["undec"] == ["a", "b", "c"]


# ---- the whole ------------------------------------------------------------------------------

def test_the_report_has_version_one():
    assert report()["version"] == 1


def test_the_report_json_is_the_same_every_time_with_sorted_keys():
    first = report_json(report())
    assert first == report_json(report())
    import json
    assert list(json.loads(first)) == sorted(json.loads(first))


def test_the_claims_index_says_where_each_claim_is_written():
    assert report()["claims"]["budget-priority"]["file"] == "budget.yaml"


@pytest.mark.parametrize("key", ["balance", "unanswered", "clashes", "coverage", "statistics",
                                 "contested", "central", "grounded"])
def test_every_section_of_the_report_is_documented(key):
    from conftest import ROOT
    doc = (ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")
    assert f"## `{key}`" in doc


def test_the_map_and_the_report_agree_on_which_claims_are_unanswered():
    from argmap.render.mapdata import unanswered as map_unanswered
    _, graph = counted()
    listed = {c for ids in analysis.unanswered(graph).values() for c in ids}
    assert listed == map_unanswered(graph)


def test_common_ground_lists_claims_held_by_several_perspectives_with_each_sides_sources(
        debate_dir):
    from argmap.analysis import common_ground
    root = debate_dir({"c.yaml": """\
        claims:
          - id: shared
            perspective: con
            agreed_by: [pro]
            text: Both hold this.
            supports: [motion]
            evidence: [{source: con-doc, quote: a}, {source: pro-doc, quote: b}]
          - id: asserted
            perspective: pro
            agreed_by: [con]
            text: Said to be shared.
            supports: [motion]
            evidence: [{source: pro-doc, quote: c}]
        sources:
          - {id: pro-doc, title: P, perspective: pro}
          - {id: con-doc, title: C, perspective: con}
        """})
    debate, _ = argmap.load(str(root))
    assert common_ground(argmap.build_graph(debate)) == [
        {"claim": "shared", "perspectives": ["con", "pro"],
         "sources": {"con": ["con-doc"], "pro": ["pro-doc"]}},
        {"claim": "asserted", "perspectives": ["pro", "con"],
         "sources": {"pro": ["pro-doc"], "con": []}}]


def test_a_statistic_whose_evidence_is_the_primary_study_counts_as_traced_to_it(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: rate
            perspective: pro
            kind: statistic
            text: Forty per cent said so.
            supports: [motion]
            evidence:
              - source: paper
                finding: Forty per cent of those asked said so.
          - id: leaflet-rate
            perspective: pro
            kind: statistic
            text: Half said so.
            supports: [motion]
            evidence:
              - source: leaflet
                finding: Half said so.
        sources:
          - {id: paper, title: The study, type: academic, doi: 10.1000/xyz}
          - {id: leaflet, title: A leaflet, type: advocacy}
        """})
    graph = argmap.build_graph(argmap.load(str(root))[0])
    by_claim = {s["claim"]: s for s in analysis.statistics(graph)}
    assert by_claim["rate"]["origins"] == [{"source": "paper", "title": "The study", "via": ""}]
    assert by_claim["rate"]["traced"] is True
    assert by_claim["leaflet-rate"]["traced"] is False  # an advocacy source is no origin
