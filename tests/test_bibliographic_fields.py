"""The fields added for citation managers and common ground: DOI and container on sources,
``finding`` on evidence, ``agreed_by`` on claims."""

from __future__ import annotations

from argmap.loader import check

from conftest import messages

BASE = """\
claims:
  - id: c1
    perspective: pro
    text: A claim.
    supports: [motion]
    evidence:
      - source: study
        finding: The study reports a fall in the measured rate.
        locator: table 2
sources:
  - id: study
    title: A study
    author: Doe, Jane; Roe, Rick
    type: academic
    work: article
    container_title: Journal of Things
    volume: 8
    issue: "4"
    pages: 405–426
    published: "1998"
    doi: 10.1177/0959353598084002
"""


def diags_of(debate_dir, text):
    root = debate_dir({"c.yaml": text})
    result = check(str(root))
    prefix = str(root) + "/"
    return result, [m.replace(prefix, "") for m in messages(result.diagnostics)]


def test_a_study_cited_by_its_finding_is_valid_without_a_quote(debate_dir):
    result, diags = diags_of(debate_dir, BASE)
    assert diags == []
    evidence = result.debate.claims[0].evidence[0]
    assert evidence.quote == "" and evidence.finding.startswith("The study reports")


def test_bibliographic_fields_reach_the_model(debate_dir):
    result, _ = diags_of(debate_dir, BASE)
    source = result.debate.sources_by_id["study"]
    assert (source.work, source.container_title, source.volume, source.issue, source.pages,
            source.doi) == ("article", "Journal of Things", "8", "4", "405–426",
                            "10.1177/0959353598084002")


def test_a_doi_written_as_a_link_is_an_error_saying_how_to_write_it(debate_dir):
    text = BASE.replace("doi: 10.1177", "doi: https://doi.org/10.1177")
    _, diags = diags_of(debate_dir, text)
    assert diags == ["c.yaml:21:10: error: 'https://doi.org/10.1177/0959353598084002' is not a "
                     "DOI: write it bare, as 10.1234/abc (no https://doi.org/)"]


def test_an_unknown_work_type_is_an_error_listing_the_choices(debate_dir):
    _, diags = diags_of(debate_dir, BASE.replace("work: article", "work: artcle"))
    assert len(diags) == 1 and "c.yaml:15:11: error: 'artcle' is not a valid work" in diags[0]
    assert "did you mean 'article'" in diags[0]


def test_agreed_by_names_the_other_perspectives_holding_a_claim(debate_dir):
    text = BASE.replace("    supports: [motion]\n", "    supports: [motion]\n"
                        "    agreed_by: [con]\n")
    result, diags = diags_of(debate_dir, text)
    assert diags == [] and result.debate.claims[0].agreed_by == ("con",)


def test_agreed_by_its_own_perspective_is_an_error(debate_dir):
    text = BASE.replace("    supports: [motion]\n", "    supports: [motion]\n"
                        "    agreed_by: [pro]\n")
    _, diags = diags_of(debate_dir, text)
    assert diags == ["c.yaml:6:17: error: 'pro' in agreed_by is the claim's own perspective: "
                     "agreed_by names the other perspectives that hold it"]


def test_agreed_by_an_undeclared_perspective_is_an_error_with_a_suggestion(debate_dir):
    text = BASE.replace("    supports: [motion]\n", "    supports: [motion]\n"
                        "    agreed_by: [con2]\n")
    _, diags = diags_of(debate_dir, text)
    assert diags == ["c.yaml:6:17: error: 'con2' in agreed_by is not a declared perspective "
                     "(did you mean 'con'?)"]


def test_evidence_with_neither_quote_nor_finding_is_a_warning(debate_dir):
    text = BASE.replace("        finding: The study reports a fall in the measured rate.\n", "")
    _, diags = diags_of(debate_dir, text)
    assert diags == ["c.yaml:7:9: warning: evidence without a quote or a finding"]
