"""``argmap trace``: the provenance of one claim, on ``tests/fixtures/counted``."""

from __future__ import annotations

import functools
import json

import pytest

import argmap
from argmap.graph import build_graph
from argmap.trace import UnknownClaim, format_trace, trace, trace_source

from conftest import FIXTURES, copy_fixture


@functools.cache
def counted():
    result = argmap.check(str(FIXTURES / "counted"))
    return result, build_graph(result.debate)


def traced(claim_id: str) -> dict:
    result, graph = counted()
    return trace(result, graph, claim_id)


def chain_ids(entry: dict) -> list[tuple[int, str, str, str, bool]]:
    return [(c["depth"], c["from"], c["relation"], c["source"]["id"], c["repeat"])
            for c in entry["chain"]]


# ---- the library ---------------------------------------------------------------------------

def test_trace_gives_the_claims_text_perspective_label_and_kind():
    c = traced("demand-sundays")["claim"]
    assert (c["text"], c["perspective"], c["perspective_label"], c["kind"]) == (
        "A third of residents say Sunday is the only day they can visit the library.",
        "extend", "Open on Sundays", "statistic")


def test_trace_gives_each_evidence_items_quote_locator_and_status():
    ev = traced("students-need-space")["evidence"]
    assert [(e["source"]["id"], e["locator"], e["status"]) for e in ev] == [
        ("town-survey", "p. 6", "verified"), ("student-letter", "paragraph 1", "unverified")]
    assert ev[1]["quote"] == "We have nowhere quiet to study on Sundays."


def test_trace_gives_the_full_citation_of_each_source():
    source = traced("demand-sundays")["evidence"][0]["source"]
    assert source == {
        "id": "town-survey", "title": "Residents' library survey 2024", "author": "",
        "publisher": "Town Library Board", "type": "government", "stance": "",
        "stance_label": "none stated", "url": "https://example.org/library/survey",
        "published": "2024-03-01", "accessed": "2025-01-10", "archive": "town-survey.txt",
        "container": "", "doi": ""}


def test_trace_names_a_sources_stance_by_its_perspective_label():
    source = traced("nearby-hours-differ")["evidence"][0]["source"]
    assert (source["stance"], source["stance_label"]) == ("budget", "Protect the book budget")


def test_trace_follows_traced_to_then_cites_two_steps_deep():
    ev = traced("demand-sundays")["evidence"][0]
    assert chain_ids(ev)[:2] == [(1, "town-survey", "traced_to", "census-panel", False),
                                 (2, "census-panel", "cites", "national-stats", False)]
    assert ev["chain"][1]["source"]["title"] == "National time-use study"


def test_trace_stops_at_a_cycle_of_cites_and_marks_sources_seen_before():
    ev = traced("demand-sundays")["evidence"][0]
    # national-stats cites census-panel back; town-survey also cites census-panel
    assert chain_ids(ev)[2:] == [(3, "national-stats", "cites", "census-panel", True),
                                 (1, "town-survey", "cites", "census-panel", True)]


def test_trace_of_evidence_whose_source_cites_nothing_has_an_empty_chain():
    assert traced("volunteers-suffice")["evidence"][0]["chain"] == []


def test_trace_shows_the_note_with_the_confidence_of_a_statistics_origin():
    assert traced("low-turnout-elsewhere")["claim"]["note"] == (
        "Confidence of origin: medium. The report cites the counts but does not reproduce them.")


def test_trace_lists_what_the_claim_supports_and_who_attacks_it_with_notes():
    rel = traced("demand-sundays")["relations"]
    assert [r["id"] for r in rel["outgoing"]["supports"]] == ["open-sundays"]
    assert rel["outgoing"]["supports"][0]["node_type"] == "resolution"
    attacker = rel["incoming"]["attacks"][0]
    assert (attacker["id"], attacker["perspective_label"], attacker["note"]) == (
        "low-turnout-elsewhere", "Protect the book budget",
        "Whether stated demand turns into visits")


def test_trace_lists_undercuts_both_ways():
    assert [r["id"] for r in traced("survey-self-selected")["relations"]["outgoing"]
            ["undercuts"]] == ["students-need-space"]
    assert [r["id"] for r in traced("students-need-space")["relations"]["incoming"]
            ["undercuts"]] == ["survey-self-selected"]


def test_trace_gives_evidence_given_for_a_relation_with_its_status():
    attack = traced("volunteers-suffice")["relations"]["outgoing"]["attacks"][0]
    assert attack["evidence"] == [{"source": "council-budget", "locator": "p. 16",
                                   "quote": "Volunteers may staff the desk under supervision.",
                                   "status": "unverified", "fingerprint": "", "accessed": ""}]


def test_trace_of_a_bare_model_marks_quotes_unchecked():
    result, graph = counted()
    data = trace(result.debate, graph, "demand-sundays")
    assert data["evidence"][0]["status"] == "unchecked"


def test_trace_says_where_the_claim_is_written():
    c = traced("budget-priority")["claim"]
    assert (c["file"], c["line"]) == ("budget.yaml", 54)
    assert c["location"].endswith("budget.yaml:54:5")


def test_an_unknown_claim_raises_with_the_closest_id():
    result, graph = counted()
    with pytest.raises(UnknownClaim) as info:
        trace(result, graph, "demand-sunday")
    assert info.value.suggestion == "demand-sundays"
    assert info.value.describe("claims") == (
        "no claim 'demand-sunday' in claims (did you mean 'demand-sundays'?)")


def test_text_shows_the_chain_indented_by_depth():
    text = format_trace(traced("demand-sundays"))
    assert "        traced to census-panel: Household panel 2023." in text
    assert "          cites national-stats: Okafor, Ngozi; Lind, Per. National time-use" in text
    assert "            cites census-panel (shown above)" in text


def test_text_shows_quote_locator_and_status_on_one_line():
    text = format_trace(traced("demand-sundays"))
    assert ("[1] town-survey: \u201cOne in three residents said Sunday was the only day they "
            "could visit the library.\u201d (p. 4) \u2014 verified") in text


# ---- the command ---------------------------------------------------------------------------

def test_cli_trace_prints_the_text_and_exits_0(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "demand-sundays", "counted")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("demand-sundays: A third of residents")
    assert "defined at counted/extend.yaml:2:5" in result.stdout


def test_cli_trace_json_is_the_library_trace(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "demand-sundays", "counted", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["evidence"][0]["chain"] == traced("demand-sundays")["evidence"][0]["chain"]


def test_cli_trace_unknown_id_suggests_the_closest_and_exits_1(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "demand-sunday", "counted")
    assert result.exit_code == 1
    assert result.stderr == ("error: no claim or source 'demand-sunday' in counted "
                             "(did you mean 'demand-sundays'?)\n")
    assert result.stdout == ""


def test_cli_trace_of_a_misspelt_source_id_suggests_the_source(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "census-panl", "counted")
    assert (result.exit_code, result.stderr) == (
        1, "error: no claim or source 'census-panl' in counted (did you mean 'census-panel'?)\n")


def test_cli_trace_of_a_resolution_says_it_is_a_resolution(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "open-sundays", "counted")
    assert result.exit_code == 1
    assert result.stderr == "error: no claim 'open-sundays' in counted (it is a resolution)\n"


# ---- from a source's side ------------------------------------------------------------------

def source_traced(source_id: str) -> dict:
    result, graph = counted()
    return trace_source(result, graph, source_id)


def test_trace_of_a_source_lists_the_claims_citing_it_with_status_and_locator():
    uses = source_traced("town-survey")["uses"]
    assert [(u["claim"]["id"], u["locator"], u["status"], u["relation"]) for u in uses] == [
        ("survey-self-selected", "appendix", "verified", None),
        ("demand-sundays", "p. 4", "verified", None),
        ("students-need-space", "p. 6", "verified", None)]


def test_trace_of_a_source_lists_relations_whose_evidence_cites_it():
    uses = source_traced("council-budget")["uses"]
    relations = [(u["claim"]["id"], u["relation"]) for u in uses if u["relation"]]
    assert relations == [("volunteers-suffice",
                          {"type": "attacks", "target": "paid-staff-costly"})]
    assert source_traced("council-budget")["summary"]["relations"] == 1


def test_trace_of_a_source_lists_figures_traced_to_it_with_the_source_reporting_them():
    traced_items = source_traced("census-panel")["traced"]
    assert [(t["claim"]["id"], t["source"], t["status"]) for t in traced_items] == [
        ("demand-sundays", "town-survey", "verified")]


def test_trace_of_a_source_lists_the_sources_citing_it_and_the_claims_on_them():
    cited_by = source_traced("census-panel")["cited_by"]
    assert [(e["depth"], e["source"]["id"], e["cites"], e["repeat"]) for e in cited_by] == [
        (1, "town-survey", "census-panel", False), (1, "national-stats", "census-panel", False),
        (2, "census-panel", "national-stats", True)]
    assert cited_by[0]["claims"] == ["survey-self-selected", "demand-sundays",
                                     "students-need-space"]
    assert source_traced("census-panel")["summary"] == {
        "claims": 3, "cite_it": 0, "relations": 0, "trace_to_it": 1,
        "cite_citing_sources": 2, "citing_sources": 2}


def test_trace_of_a_source_gives_each_verified_quote_the_archives_fingerprint_and_date():
    import hashlib
    digest = hashlib.sha256((FIXTURES / "counted" / "archive" / "town-survey.txt")
                            .read_bytes()).hexdigest()
    use = source_traced("town-survey")["uses"][1]
    assert (use["fingerprint"], use["accessed"]) == (digest, "2025-01-10")
    unverified = source_traced("council-budget")["uses"][0]
    assert (unverified["fingerprint"], unverified["accessed"]) == ("", "")
    assert f"verified (archive sha256 {digest[:12]}, accessed 2025-01-10)" in \
        format_trace(traced("demand-sundays"))


def test_cli_trace_of_a_source_says_what_rests_on_it(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "census-panel", "counted")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("census-panel (source): Household panel 2023\n")
    assert "Rests on it: 3 claims \u2014 1 traces a figure to it; 2 cite a source that " \
        "cites it\n" in out
    assert "      as reported in town-survey: \u201cOne in three" in out
    assert "      cited by claims: survey-self-selected, demand-sundays, students-need-space" \
        in out


def test_cli_trace_of_a_source_as_json_is_the_library_trace(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("trace", "town-survey", "counted", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [u["claim"]["id"] for u in data["uses"]] == [
        u["claim"]["id"] for u in source_traced("town-survey")["uses"]]
    assert data["source"]["location"] == "counted/sources.yaml:2:5"


def test_cli_trace_exits_1_with_diagnostics_when_the_data_has_errors(cli, debate_dir):
    debate_dir({"c.yaml": """\
        claims:
          - id: c1
            perspective: nobody
            text: A claim.
        """})
    result = cli("trace", "c1", "debate")
    assert result.exit_code == 1
    assert "error: 'nobody' in perspective is not a declared perspective" in result.stderr


def test_a_finding_is_traced_as_a_finding_never_as_a_quote(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: c1
            perspective: pro
            text: A claim.
            supports: [motion]
            evidence: [{source: s1, finding: The study reports a fall., locator: table 2}]
        sources:
          - {id: s1, title: Is it so?, container_title: J, volume: "8", issue: "4",
             pages: 1–9, doi: 10.1234/x}
        """})
    result = argmap.check(str(root))
    text = format_trace(trace(result, build_graph(result.debate), "c1"))
    assert "finding: The study reports a fall. (table 2) — reported finding, not a quote" in text
    assert "Is it so? J 8(4): 1–9. doi:10.1234/x." in text and "?." not in text
