"""Per-side briefs (``briefs/<perspective>.html``) on ``tests/fixtures/uniforms``, whose
``debate.yaml`` says by hand what each brief must hold. Checked by structure."""

from __future__ import annotations

import functools
import re

import pytest
from bs4 import BeautifulSoup

import argmap
from argmap.render.briefs import render_briefs
from argmap.render.cards import lead_name, short_cite, year

from conftest import FIXTURES, ONE_CLAIM

UNIFORM = ["uniforms-cut-costs", "fewer-distractions", "attendance-rose", "resale-market",
           "belonging", "replicated-elsewhere", "exchange-online"]
CHOICE = ["upfront-cost", "expression-matters", "study-too-small", "free-dress-cheaper",
          "resale-rare"]


@functools.cache
def loaded(name: str = "uniforms"):
    debate, _ = argmap.load(str(FIXTURES / name))
    return debate, argmap.build_graph(debate)


@functools.cache
def files() -> dict[str, str]:
    return render_briefs(*loaded())


def soup(perspective: str) -> BeautifulSoup:
    return BeautifulSoup(files()[f"briefs/{perspective}.html"], "html.parser")


def claims(node) -> list[str]:
    return [a["data-claim"] for a in node.select("article.card")]


def quotes_of(claim_id: str) -> list[str]:
    debate, _ = loaded()
    return [ev.quote for ev in debate.claims_by_id[claim_id].evidence]


def test_one_brief_per_perspective_and_an_index():
    assert sorted(files()) == ["briefs/choice.html", "briefs/index.html",
                               "briefs/uniform.html"]
    index = BeautifulSoup(files()["briefs/index.html"], "html.parser")
    assert [a["href"] for a in index.select("ul.materials a")] == ["uniform.html",
                                                                   "choice.html"]


@pytest.mark.parametrize("perspective, expected", [("uniform", UNIFORM), ("choice", CHOICE)])
def test_the_case_holds_exactly_that_sides_claims_once_each(perspective, expected):
    case = claims(soup(perspective).find(id="case"))
    assert sorted(case) == sorted(expected)
    assert len(case) == len(set(case))


def test_the_case_is_grouped_by_topic_in_declared_order_then_by_resolution():
    case = soup("uniform").find(id="case")
    topics = case.select("section.topic")
    assert [t.h3.get_text() for t in topics] == ["Cost to families", "Learning", "No topic"]
    cost, learning, untagged = topics
    assert [g.h4.get_text(" ", strip=True) for g in cost.select("section.group")] == [
        "For the resolution: Riverside School should require uniforms.",
        "Not linked to a resolution"]
    assert [claims(g) for g in cost.select("section.group")] == [
        ["uniforms-cut-costs"], ["resale-market", "exchange-online"]]
    # attendance-rose serves the resolution through the claim it supports
    assert claims(learning.select("section.group")[0]) == ["fewer-distractions",
                                                          "attendance-rose"]
    assert claims(untagged) == ["belonging"]


def test_a_claim_against_the_resolution_is_grouped_as_such():
    learning = soup("choice").find(id="case").select("section.topic")[1]
    first = learning.select("section.group")[0]
    assert first.h4.get_text(" ", strip=True).startswith("Against the resolution:")
    assert claims(first) == ["expression-matters"]


def test_a_card_is_tag_then_short_cite_then_full_citation_then_card_text_and_locator():
    card = soup("uniform").find(id="card-uniforms-cut-costs")
    assert card.select_one(".tag").get_text() == \
        "Uniforms lower what families spend on school clothes over a year."
    ev = card.select_one(".evidence")
    parts = [c for c in ev.find_all(recursive=False)]
    assert [p.get("class")[0] for p in parts] == ["cite", "citation", "card-text", "locator"]
    assert ev.select_one(".cite strong").get_text() == "Okafor 2021"
    citation = ev.select_one(".citation")
    assert {cls: citation.select_one(f".{cls}").get_text() for cls in (
        "c-author", "c-title", "c-publisher", "c-date", "c-url", "c-accessed")} == {
        "c-author": "Okafor, Ngozi", "c-title": "“Uniform costs in public schools”",
        "c-publisher": "Education Policy Review 12(2):40-58", "c-date": "2021-03-15",
        "c-url": "https://example.org/okafor-2021", "c-accessed": "Accessed 2024-02-01"}
    assert citation.select_one(".c-url a")["href"] == "https://example.org/okafor-2021"
    assert ev.select_one(".locator").get_text() == "Where in the source: p. 44"


@pytest.mark.parametrize("perspective", ["uniform", "choice"])
def test_card_text_is_the_verbatim_quote_never_altered(perspective):
    page = soup(perspective)
    seen = 0
    for card in page.find(id="case").select("article.card"):
        texts = [b.get_text() for b in card.select("blockquote.card-text")]
        assert texts == [q for q in quotes_of(card["data-claim"]) if q]
        seen += len(texts)
    expected = UNIFORM if perspective == "uniform" else CHOICE
    assert seen == sum(1 for c in expected for q in quotes_of(c) if q) >= 3
    # characters HTML must escape come back exactly
    assert "Families spent $180 a year on school clothes with uniforms & $310 without." in \
        [b.get_text() for b in soup("uniform").select("blockquote.card-text")]


def test_every_short_cite_names_author_or_organisation_and_year():
    cites = {b.get_text() for b in soup("uniform").select(".cite strong")} | \
        {b.get_text() for b in soup("choice").select(".cite strong")}
    assert cites == {"Okafor 2021", "Riverside Parents Forum 2019", "Lee et al. n.d.",
                     "Diaz & Chen 2022", "Student Council of Riverside School 2023"}


def test_a_claim_without_evidence_says_so_neutrally():
    card = soup("uniform").find(id="card-belonging")
    assert card.select_one(".tag").get_text() == \
        "A shared uniform gives students a sense of belonging to the school."
    assert card.select(".evidence") == []
    assert "No evidence card" in card.select_one(".no-evidence").get_text()


def test_an_evidence_item_without_a_quote_keeps_its_cite_and_locator():
    card = soup("choice").find(id="card-study-too-small")
    assert card.select("blockquote") == []
    assert card.select_one(".cite strong").get_text() == \
        "Student Council of Riverside School 2023"
    assert card.select_one(".locator").get_text() == "Where in the source: appendix B"


def blocks(perspective: str) -> dict[str, dict]:
    result = {}
    for b in soup(perspective).find(id="answers").select("section.block"):
        result[b["id"]] = {"title": b.select_one(".block-title").get_text(),
                           "answers": claims(b), "unanswered": "unanswered" in b["class"],
                           "flag": b.select_one(".flag")}
    return result


def test_answer_blocks_for_every_opposing_attack_with_this_sides_answers():
    got = blocks("uniform")
    assert list(got) == ["a2-upfront-cost", "a2-resale-rare", "a2-expression-matters",
                         "a2-study-too-small"]
    assert got["a2-upfront-cost"]["title"] == \
        "A2: A full uniform set is a large cost that falls on families all at once."
    assert {k: v["answers"] for k, v in got.items()} == {
        "a2-upfront-cost": ["resale-market"], "a2-resale-rare": ["exchange-online"],
        "a2-expression-matters": [], "a2-study-too-small": ["replicated-elsewhere"]}


def test_the_one_opposing_attack_without_an_answer_is_flagged_unanswered():
    got = blocks("uniform")
    flagged = [k for k, v in got.items() if v["unanswered"]]
    assert flagged == ["a2-expression-matters"]
    flag = got["a2-expression-matters"]["flag"]
    assert flag.select_one(".flag-label").get_text() == "No reply recorded"
    assert all(v["flag"] is None for k, v in got.items() if k not in flagged)


def test_a_block_says_what_the_opposing_claim_attacks():
    block = soup("uniform").find(id="a2-expression-matters")
    assert [li.get_text(" ", strip=True) for li in block.select("ul.targets li")] == [
        "Attacks the resolution: Riverside School should require uniforms."]
    undercut = soup("uniform").find(id="a2-study-too-small")
    assert undercut.select_one("ul.targets li").get_text(" ", strip=True).startswith(
        "Undercuts: Attendance went up")
    assert undercut.select_one(".who").get_text() == "Keep free dress"


def test_answer_cards_carry_the_relation_note_and_point_to_the_card_with_the_text():
    """An answer whose case card is on the page points to it rather than printing the same
    evidence twice (a one-topic lesson brief stays within twelve pages)."""
    page = soup("uniform")
    card = page.find(id="a2-upfront-cost").select_one("article.card")
    assert card.select_one(".relation").get_text() == \
        "Attacks it: Whether the up-front cost must be paid at once"
    assert card.select("blockquote") == []
    assert card.select_one(".see-card a")["href"] == "#card-resale-market"
    assert [b.get_text() for b in page.find(id="card-resale-market").select("blockquote")] == \
        quotes_of("resale-market")


def test_the_other_sides_blocks():
    got = blocks("choice")
    assert {k: (v["answers"], v["unanswered"]) for k, v in got.items()} == {
        "a2-resale-market": (["resale-rare"], False),
        "a2-exchange-online": ([], True),
        "a2-replicated-elsewhere": ([], True)}


def test_answers_and_cards_are_only_this_sides_claims():
    debate, _ = loaded()
    for perspective in ("uniform", "choice"):
        ids = claims(soup(perspective))
        assert {debate.claims_by_id[c].perspective for c in ids} == {perspective}


def test_frontlines_list_what_the_other_side_says_against_each_claim():
    page = soup("uniform").find(id="frontlines")
    fronts = {f["id"]: f for f in page.select("section.frontline[id]")}
    assert list(fronts) == ["front-uniforms-cut-costs", "front-resale-market",
                            "front-attendance-rose"]
    item = fronts["front-uniforms-cut-costs"].select_one("ul.against li")
    assert "A full uniform set is a large cost" in item.get_text()
    assert item.select_one(".note").get_text() == \
        "Point of clash: Timing of the cost, not only its yearly total"
    assert item.select_one(".status a")["href"] == "#a2-upfront-cost"
    assert "undercuts it" in fronts["front-attendance-rose"].get_text()
    assert "Not attacked in the map" in page.get_text()
    assert "A shared uniform gives students" in page.get_text()


def test_an_unanswered_attack_in_the_frontlines_is_marked():
    fronts = soup("choice").find(id="frontlines")
    li = fronts.find(id="front-resale-rare").select_one("ul.against li")
    assert "unanswered" in li["class"]
    assert li.select_one(".flag-label").get_text() == "No reply recorded"


def test_both_briefs_use_the_same_neutral_headings():
    for perspective in ("uniform", "choice"):
        page = soup(perspective)
        assert [h.get_text() for h in page.select("h2")] == ["The case", "Answers",
                                                            "Frontlines"]
        assert page.select_one(".kicker").get_text() == "Brief"


@pytest.mark.parametrize("perspective", ["uniform", "choice"])
def test_a_brief_is_self_contained_and_print_ready(perspective):
    html = files()[f"briefs/{perspective}.html"]
    page = BeautifulSoup(html, "html.parser")
    assert page.find("script") is None
    assert page.find("link", rel="stylesheet") is None
    assert not page.select("[src^=http]")
    css = page.style.get_text()
    assert re.search(r"@page\s*\{[^}]*margin", css)
    assert re.search(r"\.card[^{]*\{[^}]*break-inside:\s*avoid", css)
    for value, unit in re.findall(r"(?<![-\w])(?:min-|max-)?width:\s*([\d.]+)(px|mm|cm|in)",
                                  css):
        limit = {"px": 680, "mm": 180, "cm": 18, "in": 7}[unit]  # A4's printable width
        assert float(value) <= limit


def test_a_claim_serving_two_resolutions_appears_once_and_names_the_other(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: both
            perspective: pro
            text: One claim for two resolutions.
            supports: [motion, other]
        """}, debate="""\
title: T
perspectives:
  - {id: pro, label: Pro side}
resolutions:
  - {id: motion, text: The motion should pass.}
  - {id: other, text: The other motion should pass.}
""")
    debate, _ = argmap.load(str(root))
    page = BeautifulSoup(render_briefs(debate, argmap.build_graph(debate))["briefs/pro.html"],
                         "html.parser")
    assert claims(page) == ["both"]
    assert "Also for the resolution: The other motion should pass." in page.get_text()


def test_markup_in_the_data_is_text_and_unsafe_links_are_not_links(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: hostile
            perspective: pro
            text: '<script>alert(1)</script>'
            evidence:
              - source: s
                quote: '</blockquote><img src=x onerror=alert(2)>'
            supports: [motion]
        sources:
          - id: s
            title: '<b>t</b>'
            url: 'javascript:alert(3)'
        """})
    debate, _ = argmap.load(str(root))
    html = render_briefs(debate, argmap.build_graph(debate))["briefs/pro.html"]
    page = BeautifulSoup(html, "html.parser")
    assert page.find("script") is None and page.find("img") is None
    assert page.select_one(".tag").get_text() == "<script>alert(1)</script>"
    assert page.select_one("blockquote").get_text() == \
        "</blockquote><img src=x onerror=alert(2)>"
    assert page.select_one(".c-url a") is None


def test_a_perspective_called_index_keeps_its_brief(debate_dir):
    root = debate_dir({}, debate="""\
title: T
perspectives:
  - {id: index, label: I}
  - {id: other, label: O}
""")
    debate, _ = argmap.load(str(root))
    assert sorted(render_briefs(debate, argmap.build_graph(debate))) == [
        "briefs/_index.html", "briefs/index.html", "briefs/other.html"]


@pytest.mark.parametrize("author, publisher, title, expected", [
    ("Farley", "", "", "Farley"),
    ("Okafor, Ngozi", "", "", "Okafor"),
    ("Cunningham; Shah", "", "", "Cunningham & Shah"),
    ("Farley; Baral; Kiremire; Sezgin", "", "", "Farley et al."),
    ("Platt et al.", "", "", "Platt et al."),
    ("Skarhed (special investigator)", "", "", "Skarhed"),
    ("Amnesty International", "", "", "Amnesty International"),
    ("", "LIFT", "A title", "LIFT"),
    ("", "", "A title", "A title"),
])
def test_the_short_cite_names(author, publisher, title, expected):
    assert lead_name(author, publisher, title) == expected


def test_the_short_cite_year():
    assert year("1998") == "1998" and year("2024-05-01") == "2024" and year("") == "n.d."
    assert short_cite({"author": "Farley", "publisher": "", "title": "t",
                       "published": "1998"}) == "Farley 1998"


def test_evidence_given_for_one_relation_is_filed_with_the_claim(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - {id: a, perspective: pro, text: Claim A., supports: [motion]}
          - id: b
            perspective: con
            text: Claim B.
            attacks:
              - target: a
                note: the point of clash
                evidence:
                  - {source: s, quote: "A passage given for this attack only.", locator: p. 2}
        sources:
          - {id: s, title: S, author: "Ng, Lee", published: "2001"}
        """})
    debate, _ = argmap.load(str(root))
    out = render_briefs(debate, argmap.build_graph(debate))
    card = BeautifulSoup(out["briefs/con.html"], "html.parser").find(id="card-b")
    assert card.select_one(".link").get_text(" ", strip=True) == \
        "Attacks: Claim A. (the point of clash)"
    assert [b.get_text() for b in card.select(".link-evidence blockquote")] == [
        "A passage given for this attack only."]
    assert card.select_one(".link-evidence .cite strong").get_text() == "Ng 2001"
    assert card.select_one(".no-evidence") is None


def test_a_finding_is_carded_as_the_maps_paraphrase_not_as_missing(debate_dir):
    """Evidence from a source without archived words is carded by what it reports, marked
    as a paraphrase; "No card text" is only for evidence with neither (the cut-out card's
    'the brief has it whole' must be true)."""
    from bs4 import BeautifulSoup

    root = debate_dir({"c.yaml": ONE_CLAIM.replace(
        "quote: Something said.", "finding: The study reports that most people agreed.")})
    debate, _ = argmap.load(str(root))
    page = BeautifulSoup(render_briefs(debate, argmap.build_graph(debate))["briefs/pro.html"],
                         "html.parser")
    card = page.select_one(".card-text.finding")
    assert card is not None
    assert card.get_text(" ", strip=True) == ("What it reports (the map's paraphrase): The "
                                              "study reports that most people agreed.")
    assert "No card text" not in page.get_text()
