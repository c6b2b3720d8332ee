"""Student worksheets and answer keys, on ``tests/fixtures/uniforms``: the worksheet holds
no quote at all, the key restores every one, and both hold the same cards."""

from __future__ import annotations

import functools
import html as htmllib
import re

from bs4 import BeautifulSoup

import argmap
from argmap.render.worksheets import render_worksheets

from conftest import FIXTURES

PERSPECTIVES = ("uniform", "choice")


@functools.cache
def loaded():
    debate, _ = argmap.load(str(FIXTURES / "uniforms"))
    return debate, argmap.build_graph(debate)


@functools.cache
def files() -> dict[str, str]:
    return render_worksheets(*loaded())


def soup(name: str) -> BeautifulSoup:
    return BeautifulSoup(files()[f"worksheets/{name}.html"], "html.parser")


def all_quotes(findable: bool | None = None) -> list[str]:
    """The quotes of the fixture; with ``findable``, only those from sources that have (or
    lack) a web address or DOI."""
    debate, _ = loaded()
    has_address = {s.id: bool(s.url or s.doi) for s in debate.sources}
    found = [ev for c in debate.claims for ev in c.evidence]
    found += [ev for r in debate.relations for ev in r.evidence]
    return [ev.quote for ev in found if ev.quote and
            (findable is None or has_address[ev.source] == findable)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_a_worksheet_and_a_key_per_perspective_and_an_index():
    assert sorted(files()) == ["worksheets/choice-key.html", "worksheets/choice.html",
                               "worksheets/index.html", "worksheets/uniform-key.html",
                               "worksheets/uniform.html"]
    index = BeautifulSoup(files()["worksheets/index.html"], "html.parser")
    assert [a["href"] for a in index.select("ul.materials a")] == [
        "uniform.html", "uniform-key.html", "choice.html", "choice-key.html"]


def test_the_student_worksheet_holds_no_quote_a_student_can_look_up():
    quotes = all_quotes(findable=True)
    assert len(quotes) >= 3
    for p in PERSPECTIVES:
        raw = files()[f"worksheets/{p}.html"]
        text = squash(soup(p).get_text(" "))
        for q in quotes:
            assert q not in raw and htmllib.escape(q) not in raw and \
                htmllib.escape(q, quote=False) not in raw
            assert squash(q) not in text
        assert soup(p).select(".find:not(.work-from) blockquote") == []


def test_a_source_with_no_address_gives_the_passage_to_work_from_instead_of_lines():
    unfindable = all_quotes(findable=False)
    assert unfindable
    text = " ".join(squash(soup(p).get_text(" ")) for p in PERSPECTIVES)
    for q in unfindable:
        assert squash(q) in text
    for p in PERSPECTIVES:
        for box in soup(p).select(".work-from"):
            assert box.select(".lines") == [] and box.select_one("blockquote")
            assert "no web address or doi" in squash(box.get_text(" "))


def test_each_card_text_becomes_a_find_the_evidence_box_with_source_locator_and_lines():
    page = soup("uniform")
    card = page.find(id="card-uniforms-cut-costs")
    ev = card.select_one(".evidence")
    assert ev.select_one(".cite strong").get_text() == "Okafor 2021"
    assert ev.select_one(".c-title").get_text() == "“Uniform costs in public schools”"
    box = ev.select_one(".find")
    assert box.select_one(".find-label").get_text(" ", strip=True) == \
        "Find the evidence (p. 44)"
    assert len(box.select(".lines .line")) >= 2
    # every evidence item of the page has its box
    assert len(page.select(".evidence")) == len(page.select(".evidence .find"))


def test_the_key_restores_every_quote_in_the_box_the_worksheet_left_empty():
    for p in PERSPECTIVES:
        sheet, key = soup(p), soup(f"{p}-key")
        boxes = [(e.find_parent("article")["data-claim"], e["data-source"])
                 for e in sheet.select(".evidence")]
        answers = [(e.find_parent("article")["data-claim"], e["data-source"])
                   for e in key.select(".evidence")]
        assert boxes == answers
    restored = [b.get_text() for p in PERSPECTIVES
                for b in soup(f"{p}-key").select(".find blockquote.card-text.answer")]
    assert set(restored) == set(all_quotes())
    assert soup("uniform-key").select(".lines") == []


def test_worksheet_and_key_hold_the_same_cards_as_the_brief():
    from argmap.render.briefs import render_briefs

    brief = BeautifulSoup(render_briefs(*loaded())["briefs/uniform.html"], "html.parser")
    ids = [a["data-claim"] for a in brief.select("article.card")]
    assert [a["data-claim"] for a in soup("uniform").select("article.card")] == ids
    assert [a["data-claim"] for a in soup("uniform-key").select("article.card")] == ids


def test_pages_say_what_they_are():
    assert soup("uniform").select_one(".kicker").get_text() == "Worksheet"
    assert soup("uniform-key").select_one(".kicker").get_text() == "Answer key"
    assert soup("uniform").select_one(".name-line") is not None


def test_quotes_given_for_a_relation_are_blanked_too(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: a
            perspective: pro
            text: Claim A.
            supports: [motion]
          - id: b
            perspective: con
            text: Claim B.
            attacks:
              - target: a
                evidence:
                  - {source: s, quote: "A passage given for this attack only.", locator: p. 2}
        sources:
          - {id: s, title: S, url: "https://example.org/s"}
        """})
    debate, _ = argmap.load(str(root))
    out = render_worksheets(debate, argmap.build_graph(debate))
    assert "A passage given for this attack only." not in out["worksheets/con.html"]
    key = BeautifulSoup(out["worksheets/con-key.html"], "html.parser")
    assert [b.get_text() for b in key.select("blockquote")] == [
        "A passage given for this attack only."]


def test_key_names_never_collide_with_a_perspectives_page(debate_dir):
    root = debate_dir({}, debate="""\
title: T
perspectives:
  - {id: a, label: A}
  - {id: a-key, label: A key}
""")
    debate, _ = argmap.load(str(root))
    assert sorted(render_worksheets(debate, argmap.build_graph(debate))) == [
        "worksheets/_keys/a.html", "worksheets/a-key-key.html", "worksheets/a-key.html",
        "worksheets/a.html", "worksheets/index.html"]
