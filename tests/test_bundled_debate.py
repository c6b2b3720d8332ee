"""The bundled debate in claims/: complete, fair in form, and every quote verbatim.

The content rules (counts, verified quotes, notes on every clash, statistics traced) are
checked here; fairness of wording is the editorial policy in claims/README.md.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from argmap.loader import check

from conftest import ROOT, SEEDS, require

CLAIMS = ROOT / "claims"


@pytest.fixture
def seeds():
    """The archived source documents, which the project does not redistribute: they sit in
    ``../shared/seeds`` beside a maintainer's checkout, not in a user's clone."""
    require(SEEDS.is_dir(), f"the seed documents are not at {SEEDS}: "
                            "quotes cannot be verified against them here")
    return SEEDS


@pytest.fixture(scope="module")
def result():
    return check(str(CLAIMS), [str(SEEDS)] if SEEDS.is_dir() else [])


@pytest.fixture(scope="module")
def debate(result):
    return result.debate


def test_the_bundled_debate_passes_a_strict_check_against_the_seeds(seeds):
    strict = check(str(CLAIMS), [str(seeds)], strict=True)
    assert [str(d) for d in strict.diagnostics] == []
    assert strict.quotes.mismatched == 0 and strict.quotes.unverified == 0


def test_the_bundled_debate_checks_without_the_seeds():
    assert check(str(CLAIMS)).ok


def test_two_perspectives_with_the_agreed_ids(debate):
    assert [p.id for p in debate.perspectives] == ["equality-model", "decriminalization"]
    assert all(p.summary for p in debate.perspectives)


def test_resolutions_cover_the_three_policy_options(debate):
    ids = {r.id for r in debate.resolutions}
    assert {"adopt-equality-model", "full-decriminalization", "legalization-regulation"} <= ids


def test_at_least_70_claims_and_25_per_perspective(debate):
    per_side = Counter(c.perspective for c in debate.claims)
    assert len(debate.claims) >= 70
    assert min(per_side.values()) >= 25, per_side


def test_every_claim_has_kind_tags_and_located_evidence_quoted_or_reported(debate):
    for claim in debate.claims:
        assert claim.kind and claim.tags, claim.id
        assert claim.evidence, claim.id
        for ev in claim.evidence:
            assert (ev.quote or ev.finding) and ev.locator, claim.id


def test_a_finding_comes_from_a_source_a_reader_can_reach(debate):
    """Research that is not archived is reported by its finding, never quoted, and its
    source has a DOI or an address."""
    for claim in debate.claims:
        for ev in claim.evidence:
            if ev.finding:
                source = debate.sources_by_id[ev.source]
                assert not ev.quote and (source.doi or source.url), (claim.id, source.id)


def test_articles_carry_their_journal(debate):
    for source in debate.sources:
        if source.work == "article" and source.type == "academic":
            assert source.container_title and source.volume, source.id


def test_both_sides_argue_the_contest_with_at_least_fifty_claims(debate):
    contest = {"adopt-equality-model", "full-decriminalization"}
    for side in ("equality-model", "decriminalization"):
        claims = [c for c in debate.claims if c.perspective == side]
        about_legalization = [c for c in claims if "legalization" in c.tags
                              and not any(r.target in contest for r in c.relations)]
        assert len(claims) - len(about_legalization) >= 50, side


def test_common_ground_is_documented_by_both_sides(debate):
    agreed = [c for c in debate.claims if c.agreed_by]
    assert len(agreed) >= 3
    for claim in agreed:
        stances = {debate.sources_by_id[ev.source].perspective for ev in claim.evidence}
        assert {claim.perspective, *claim.agreed_by} <= stances, claim.id


def test_no_note_speaks_of_seeds(debate):
    texts = [c.note for c in debate.claims] + [r.note for r in debate.relations]
    assert not [t for t in texts if "seed" in t.lower()]


def test_every_attack_across_perspectives_names_the_point_at_issue(debate):
    side = {c.id: c.perspective for c in debate.claims}
    for relation in debate.relations:
        if relation.kind in ("attacks", "undercuts") and relation.target in side and \
                side[relation.target] != side[relation.source]:
            assert relation.note, (relation.source, relation.target)


def test_quotes_are_short(debate):
    for claim in debate.claims:
        for ev in claim.evidence:
            assert len(ev.quote.split()) <= 45, f"{claim.id}: quote, don't copy"


def test_every_seed_is_quoted_at_least_four_times(debate):
    archive_of = {s.id: s.archive for s in debate.sources if s.archive}
    quoted = Counter(archive_of[ev.source] for c in debate.claims for ev in c.evidence
                     if ev.source in archive_of)
    assert len(quoted) == 5 and min(quoted.values()) >= 4, quoted


def cross_attacks(debate):
    side = {c.id: c.perspective for c in debate.claims}
    return [(c, r) for c in debate.claims for r in c.relations
            if r.kind in ("attacks", "undercuts") and r.target in side
            and side[r.target] != c.perspective]


def test_at_least_12_cross_perspective_attacks_each_way(debate):
    directions = Counter(c.perspective for c, _ in cross_attacks(debate))
    assert min(directions.values()) >= 12 and len(directions) == 2, directions


def test_every_cross_perspective_attack_says_what_the_clash_is_about(debate):
    missing = [f"{c.id} -> {r.target}" for c, r in cross_attacks(debate) if not r.note.strip()]
    assert missing == []


def test_statistics_are_traced_or_say_how_confident_the_origin_is(debate):
    for claim in debate.claims:
        if claim.kind == "statistic":
            traced = any(ev.traced_to for ev in claim.evidence)
            assert traced or re.search(r"unconfirmed|unknown|confidence", claim.note, re.I), \
                claim.id
            assert claim.note, f"{claim.id}: a statistic states the confidence of its origin"


def test_the_mortality_figure_is_marked_unconfirmed(debate):
    figures = [c for c in debate.claims if re.search(r"40.?50", " ".join(
        ev.quote for ev in c.evidence))]
    assert figures, "the '40-50 times' mortality figure is mapped"
    for claim in figures:
        assert not any(ev.traced_to for ev in claim.evidence)
        assert "unconfirmed" in claim.note.lower()


def test_the_editorial_policy_is_written_down():
    text = (CLAIMS / "README.md").read_text(encoding="utf-8").lower()
    for topic in ("paraphrase", "terminolog", "correction"):
        assert topic in text


def test_project_wording_outside_claims_avoids_each_sides_terms(debate):
    # Each side's own terms belong in that side's claims, not in the project's own labels.
    own_words = [debate.title, debate.question] + [r.text for r in debate.resolutions] + \
        [t.label for t in debate.topics]
    for text in own_words:
        assert "prostituted" not in text.lower() and "sex worker" not in text.lower(), text
