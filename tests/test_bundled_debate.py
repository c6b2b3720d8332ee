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


# Counts in the READMEs come from the data: each figure the READMEs state about the bundled
# debate is computed here from the loaded debate and compared with the README's own words.
# When claims are added the test fails and its message gives every right figure, so the
# README can be brought up to date by copying them.

ROOT_README = ROOT / "README.md"


def _squash(path):
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def _all_evidence(claim):
    return list(claim.evidence) + [ev for r in claim.relations for ev in r.evidence]


def bundled_figures(debate):
    side = {c.id: c.perspective for c in debate.claims}
    relations = [r for c in debate.claims for r in c.relations]
    kinds = Counter(r.kind for r in relations)
    cross = Counter(side[r.source] for r in relations
                    if r.kind in ("attacks", "undercuts") and r.target in side
                    and side[r.target] != side[r.source])
    per_side = Counter(c.perspective for c in debate.claims)
    statistics = Counter(c.perspective for c in debate.claims if c.kind == "statistic")
    findings = Counter(c.perspective for c in debate.claims
                       if any(ev.finding for ev in _all_evidence(c)))
    return {
        "claims": len(debate.claims),
        "em claims": per_side["equality-model"],
        "dec claims": per_side["decriminalization"],
        "common ground": sum(1 for c in debate.claims if c.agreed_by),
        "supports": kinds["supports"],
        "attacks": kinds["attacks"],
        "undercuts": kinds["undercuts"],
        "cross": sum(cross.values()),
        "cross from dec": cross["decriminalization"],
        "cross from em": cross["equality-model"],
        "sources": len(debate.sources),
        "quotes": sum(1 for c in debate.claims for ev in _all_evidence(c) if ev.quote),
        "statistics": sum(statistics.values()),
        "em statistics": statistics["equality-model"],
        "dec statistics": statistics["decriminalization"],
        "dec findings": findings["decriminalization"],
        "em findings": findings["equality-model"],
    }


# (README, pattern with one group per figure, the figures' names), in the README's own words
README_FIGURES = [
    ("claims", r"The map holds (\d+) claims: (\d+) held by the Equality Model side and (\d+) "
               r"by the decriminalization side, (\d+) of them common ground",
     ("claims", "em claims", "dec claims", "common ground")),
    ("claims", r"joined by (\d+) supports, (\d+) attacks and (\d+) undercuts; (\d+) of the "
               r"attacks and undercuts run from a claim of one side to a claim of the other "
               r"\((\d+) from the decriminalization side, (\d+) from the Equality Model side\)",
     ("supports", "attacks", "undercuts", "cross", "cross from dec", "cross from em")),
    ("claims", r"They cite (\d+) sources, and all (\d+) quotes are verified",
     ("sources", "quotes")),
    ("claims", r"`kind: statistic`: (\d+) in all, (\d+) held by the Equality Model side and "
               r"(\d+) by the decriminalization side", ("statistics", "em statistics",
                                                        "dec statistics")),
    ("claims", r"(\d+) of its claims carry a research finding, against (\d+) of the Equality "
               r"Model side's", ("dec findings", "em findings")),
    ("root", r"note: (\d+) quotes could not be verified", ("quotes",)),
    ("root", r"claims: (\d+) claims, (\d+) sources, 2 perspectives; quotes: 0 verified, "
             r"0 mismatched, (\d+) unverified", ("claims", "sources", "quotes")),
    ("root", r"--strict` in CI, (\d+) verified", ("quotes",)),
    ("root", r"direct replies to the attacks it\s+keeps \(\d+ of (\d+) claims\)", ("claims",)),
]


def test_the_readmes_state_the_counts_of_the_data(debate):
    figures = bundled_figures(debate)
    texts = {"claims": _squash(CLAIMS / "README.md"), "root": _squash(ROOT_README)}
    wrong = []
    for where, pattern, names in README_FIGURES:
        found = re.search(pattern, texts[where])
        assert found, f"{where} README no longer says: {pattern}"
        for name, stated in zip(names, found.groups(), strict=True):
            if int(stated) != figures[name]:
                wrong.append(f"{where} README: {name} is {figures[name]}, not {stated}")
    assert not wrong, "\n".join(wrong + [f"all figures: {figures}"])


def test_the_stance_table_lists_every_source_with_its_label(debate):
    text = (CLAIMS / "README.md").read_text(encoding="utf-8")
    section = text.split("Fifth check: common ground and stance labels", 1)[-1]
    rows = dict(re.findall(r"^\| `([^`]+)` \| (equality-model|decriminalization|none) \|",
                           section, re.M))
    labels = {s.id: s.perspective or "none" for s in debate.sources}
    assert sorted(set(labels) - set(rows)) == [], "sources missing from the stance table"
    assert sorted(set(rows) - set(labels)) == [], "rows for sources the debate lacks"
    assert {k: v for k, v in rows.items() if labels[k] != v} == {}, \
        "the table's label differs from sources' perspective"


def test_common_ground_supports_both_contested_resolutions_or_neither(debate):
    contested = {"adopt-equality-model", "full-decriminalization"}
    for claim in debate.claims:
        if claim.agreed_by:
            supported = {r.target for r in claim.relations if r.kind == "supports"} & contested
            assert supported in (set(), contested), claim.id


def _notes(debate):
    for claim in debate.claims:
        if claim.note:
            yield claim.id, claim.note
        for relation in claim.relations:
            if relation.note:
                yield f"{claim.id} -> {relation.target}", relation.note


def test_notes_are_for_readers_short_and_name_no_ids_or_research_notes(debate):
    """The project's notes (#24 item 5): at most 60 words, no claim or source id (a claim is
    named in words), no mention of the maintainers' research notes."""
    ids = {c.id for c in debate.claims} | {s.id for s in debate.sources} | \
        {r.id for r in debate.resolutions}
    for where, note in _notes(debate):
        assert len(note.split()) <= 60, where
        assert "research notes" not in note.lower(), where
        named = {w for w in re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", note) if "-" in w} & ids
        assert not named, (where, named)


def test_the_balance_audit_flags_nothing_not_decided_in_the_readme(debate):
    """Balance in structure (#24): every flag of the bundled map's audit is decided in
    claims/README.md's section on the audit's flags (none is, today: the map has none)."""
    from argmap.graph import build_graph
    from argmap.structure import structure

    section = (CLAIMS / "README.md").read_text(encoding="utf-8").split(
        "### The balance audit's flags on this map", 1)[1].split("\n### ", 1)[0]
    section = " ".join(section.split())
    for flag in structure(build_graph(debate))["flags"]:
        assert flag in section, f"quote and decide this flag in claims/README.md: {flag}"


def test_research_with_the_last_word_differs_by_at_most_two_between_the_sides(debate):
    from argmap.graph import build_graph
    from argmap.structure import structure

    per = structure(build_graph(debate))["perspectives"]
    counts = [len(v["last_word"]["research"]) for v in per.values()]
    assert max(counts) - min(counts) <= 2, per
    assert len(set(structure(build_graph(debate))["common_ground_supports"][r]
                   for r in ("adopt-equality-model", "full-decriminalization"))) == 1
