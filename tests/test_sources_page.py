"""``sources.html``: the bibliography page, on ``tests/fixtures/counted``."""

from __future__ import annotations

import functools
import re

from bs4 import BeautifulSoup

import argmap
from argmap.graph import build_graph
from argmap.render.sources import render_sources_html

from conftest import FIXTURES


@functools.cache
def page() -> str:
    debate, _ = argmap.load(str(FIXTURES / "counted"))
    return "".join(render_sources_html(debate, build_graph(debate)))


def soup() -> BeautifulSoup:
    return BeautifulSoup(page(), "html.parser")


def entry(source_id: str):
    return soup().find("article", id=source_id)


def fields(source_id: str) -> dict[str, str]:
    dl = entry(source_id).find("dl")
    return {dt.text: dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in dl.find_all("dt")}


def test_every_source_has_an_entry_in_bibliography_order():
    assert [a["id"] for a in soup().select("main > article")] == [
        "regional-report", "friends-newsletter", "national-stats", "visitor-counts",
        "census-panel", "student-letter", "council-budget", "town-survey"]


def test_an_entry_gives_type_stance_author_publisher_dates_and_archive():
    assert fields("regional-report") == {
        "Id": "regional-report", "Author": "Brandt, Clara",
        "Publisher": "Regional Library Network", "Type": "ngo",
        "Stated stance": "Protect the book budget", "Published": "2023-06",
        "URL": "https://example.org/regional", "Archived copy": "regional-report.txt"}


def test_a_source_without_a_stance_says_none_stated():
    assert fields("town-survey")["Stated stance"] == "none stated"


def test_urls_are_links_with_the_address_intact():
    link = entry("council-budget").find("dd").find_next("a", href=re.compile("^https"))
    assert link["href"] == "https://example.org/budget_2025?part=2#staff"


def test_an_entry_lists_what_it_cites_and_what_cites_it():
    census = entry("census-panel")
    dd = {dt.text: dt.find_next_sibling("dd") for dt in census.find_all("dt")}
    assert [a["href"] for a in dd["Cites"].find_all("a")] == ["#national-stats"]
    assert [a["href"] for a in dd["Cited by"].find_all("a")] == ["#national-stats",
                                                                  "#town-survey"]


def test_an_entry_lists_the_claims_whose_figures_are_traced_to_it():
    items = entry("census-panel").select("ul.items")[0].find_all("li")
    assert [a["href"] for a in items[0].find_all("a")] == ["index.html#demand-sundays",
                                                           "#town-survey"]


def test_claims_citing_a_source_are_grouped_by_perspective_in_declared_order():
    council = entry("council-budget")
    groups = [(p.get_text(strip=True), [a.text for a in p.find_next_sibling("ul")
                                        .select("li > a.id:first-child")])
              for p in council.find_all("p") if p.find("span", class_="persp")]
    assert groups == [
        ("Open on Sundays", ["staff-cost-small"]),
        ("Protect the book budget", ["cost-too-high", "paid-staff-costly",
                                     "paid-staff-costly"]),
        ("Volunteer-run Sundays", ["volunteers-suffice", "volunteers-cut-cost"])]


def test_claims_link_into_the_map():
    hrefs = {a["href"] for a in entry("friends-newsletter").select("li > a.id")}
    assert hrefs == {"index.html#volunteers-suffice", "index.html#volunteers-cut-cost",
                     "index.html#volunteers-need-training"}


def test_evidence_given_for_a_relation_says_so():
    text = entry("council-budget").get_text(" ", strip=True)
    assert "for its relation: attacks paid-staff-costly" in text


def test_a_source_no_claim_cites_says_so():
    assert "No claim cites this source directly." in entry("visitor-counts").get_text()


def test_the_page_loads_nothing_from_the_network():
    s = soup()
    assert s.find_all(["script", "img", "iframe", "object", "embed"]) == []
    assert [t["rel"] for t in s.find_all("link")] == [["icon"]]
    css = s.style.string
    assert "url(" not in css and "@import" not in css
    csp = s.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert csp.startswith("default-src 'none'; ")


def test_only_http_and_https_become_links():
    schemes = {a["href"].split(":", 1)[0] for a in soup().find_all("a")
               if ":" in a["href"]}
    assert schemes == {"https"}


def test_the_page_shares_the_report_pages_print_stylesheet():
    assert "@media print" in soup().style.string


def test_a_url_that_is_not_http_is_shown_but_never_linked(monkeypatch):
    # Validation refuses such URLs; the page must not rely on that.
    debate, _ = argmap.load(str(FIXTURES / "counted"))
    graph = build_graph(debate)
    graph.nodes["town-survey"]["url"] = "javascript:alert(1)"
    s = BeautifulSoup("".join(render_sources_html(debate, graph)), "html.parser")
    assert not s.find("a", href=re.compile("^javascript"))
    assert "javascript:alert(1)" in s.find("article", id="town-survey").get_text()


def test_the_stance_table_follows_the_declared_perspectives_then_none_stated():
    table = soup().select("header table")[1]
    assert [tr.td.get_text(strip=True) for tr in table.select("tbody tr")] == [
        "Open on Sundays", "Protect the book budget", "Volunteer-run Sundays", "none stated"]


# ---- what rests on a source, and how a reader checks its quotes (#28 items 5, 7) ------------

@functools.cache
def checked_page() -> BeautifulSoup:
    result = argmap.check(str(FIXTURES / "counted"))
    return BeautifulSoup("".join(render_sources_html(result.debate,
                                                     build_graph(result.debate), result)),
                         "html.parser")


def test_a_source_links_to_every_claim_resting_on_it_and_the_sources_citing_it():
    article = checked_page().find("article", id="census-panel")
    links = [a["href"] for a in article.find_all("a")]
    assert "index.html#demand-sundays" in links       # its figure is traced to census-panel
    assert {"#town-survey", "#national-stats"} <= set(links)   # they cite it
    survey = checked_page().find("article", id="town-survey")
    assert [a["href"] for a in survey.select("li > a.id")] == [
        "index.html#demand-sundays", "index.html#students-need-space",
        "index.html#survey-self-selected"]


def test_a_verified_quote_shows_the_archives_fingerprint_and_the_date_read():
    import hashlib
    digest = hashlib.sha256((FIXTURES / "counted" / "archive" / "town-survey.txt")
                            .read_bytes()).hexdigest()
    notes = checked_page().find("article", id="town-survey").select(".checked")
    assert len(notes) == 3
    assert notes[0].get_text() == (f"Verified in the archived copy, sha256 {digest[:12]}, "
                                   "accessed 2025-01-10")
    assert notes[0].code["title"] == digest


def test_an_unverified_quote_shows_no_fingerprint():
    assert checked_page().find("article", id="council-budget").select(".checked") == []
