"""Wording the two sides' fairness reviewers asked for: no label reads as a verdict, a claim
nobody answers in the map is not called conceded, and a finding is no mark against a source."""

from __future__ import annotations

import pytest

from argmap.analysis import LABELS_CAVEAT
from argmap.glossary import terms

GLOSSARY = {t["id"]: t for t in terms()}


@pytest.mark.parametrize("term_id", ["grounded-labelling", "label-in", "label-out"])
def test_every_grounded_label_says_what_it_is_not(term_id):
    assert LABELS_CAVEAT in GLOSSARY[term_id]["definition"]


def test_no_reply_recorded_is_not_a_concession():
    entry = GLOSSARY["unanswered"]  # the id the map page links stays
    assert entry["term"] == "No reply recorded"
    assert ("In a debate round an unanswered argument is often treated as conceded; in the "
            "map it is not: a reply may exist that is not mapped.") in entry["definition"]


def test_the_last_word_is_where_the_record_stops():
    assert "It says where the map's record of the exchange stops, not who won it." in \
        GLOSSARY["last-word"]["definition"]


def test_cards_findings_and_claims_are_described_evenly():
    assert ("the source's words exactly as written or, where the map holds no copy of the "
            "source, the map's account of what it reports, marked \"Finding, not a quote\"") \
        in GLOSSARY["evidence-card"]["definition"]
    assert "Whether the map holds a copy says nothing about a source's quality." in \
        GLOSSARY["finding"]["definition"]
    assert "not a conclusion of the map" in GLOSSARY["claim"]["definition"]
    assert "main claims" not in GLOSSARY["clash"]["definition"]


@pytest.fixture(scope="module")
def bundled_report():
    import argmap
    from argmap.analysis import analyze
    from conftest import ROOT
    debate, _ = argmap.load(str(ROOT / "claims"))
    graph = argmap.build_graph(debate)
    return debate, graph, analyze(debate, graph)


def test_common_ground_is_shown_with_every_holder_never_under_one_side(bundled_report):
    import re
    from argmap.render.report import render_report
    debate, graph, data = bundled_report
    common = {g["claim"]: g["perspectives"] for g in data["common_ground"]}
    assert common
    labels = {p["id"]: p["label"] for p in data["perspectives"]}
    text = render_report(debate, graph, None, "text")
    html = render_report(debate, graph, None, "html")
    for c, holders in common.items():
        assert data["claims"][c]["held_by"] == holders
        label = "Common ground: " + ", ".join(labels[p] for p in labels if p in holders)
        for line in [ln for ln in text.splitlines() if re.search(rf"\b{c} \[", ln)]:
            assert f"{c} [{label}]" in line
        assert label in html
    # the unanswered lists of each side hold no common ground; a group of its own does
    section = text.split("Claims with no reply recorded")[1].split("\nCommon ground\n")[0]
    side_lists = section.split("Common ground (")[0]
    assert not any(f"  - {c}:" in side_lists for c in common)
