"""``argmap export --format csl-json|bibtex``: the map's sources as a bibliography."""

from __future__ import annotations

import functools
import json

import pytest

import argmap
from argmap.export import registry
from argmap.export.citations import (bibtex_escape, csl_items, date_parts, split_names, to_bibtex,
                                     to_csl_json)
from argmap.graph import build_graph

from conftest import FIXTURES, copy_fixture


@functools.cache
def counted():
    debate, _ = argmap.load(str(FIXTURES / "counted"))
    return debate, build_graph(debate)


def items() -> dict[str, dict]:
    return {item["id"]: item for item in json.loads(to_csl_json(*counted()))}


def odd_graph():
    """The counted map with one source full of characters special to TeX."""
    debate, _ = argmap.load(str(FIXTURES / "counted"))
    graph = build_graph(debate)
    graph.nodes["visitor-counts"].update(
        title="Odd {chars} 50% & $5 #1 a_b ^ ~ \\ end}", author="Müller, Jörg & {Weird} Org")
    return debate, graph


# ---- names and dates -----------------------------------------------------------------------

def test_family_given_names_split_at_semicolons():
    assert split_names("Okafor, Ngozi; Lind, Per") == (
        [{"family": "Okafor", "given": "Ngozi"}, {"family": "Lind", "given": "Per"}], False)


def test_names_split_at_and_or_ampersand_when_there_is_no_semicolon():
    assert split_names("Brandt, Clara and Lind, Per")[0] == [
        {"family": "Brandt", "given": "Clara"}, {"family": "Lind", "given": "Per"}]


def test_a_name_without_one_comma_stays_literal():
    assert split_names("Student Council of North High School") == (
        [{"literal": "Student Council of North High School"}], False)
    assert split_names("Ana Rivera")[0] == [{"literal": "Ana Rivera"}]


def test_et_al_is_recognised_and_removed_from_the_names():
    assert split_names("Platt, Lucy et al.") == ([{"family": "Platt", "given": "Lucy"}], True)


def test_iso_dates_become_integer_date_parts():
    assert date_parts("2024-03-01") == {"date-parts": [[2024, 3, 1]]}
    assert date_parts("2022-11") == {"date-parts": [[2022, 11]]}
    assert date_parts("2023") == {"date-parts": [[2023]]}


def test_other_dates_stay_literal_and_empty_is_none():
    assert date_parts("Spring 2020") == {"literal": "Spring 2020"}
    assert date_parts("") is None


# ---- CSL-JSON ------------------------------------------------------------------------------

def test_csl_json_has_one_item_per_source_sorted_by_id():
    data = json.loads(to_csl_json(*counted()))
    assert [item["id"] for item in data] == sorted(
        ["town-survey", "census-panel", "national-stats", "student-letter", "council-budget",
         "regional-report", "visitor-counts", "friends-newsletter"])


def test_every_csl_item_has_id_type_and_title_and_no_empty_field():
    for item in items().values():
        assert {"id", "type", "title"} <= set(item)
        assert all(value not in ("", [], {}, None) for value in item.values())


def test_csl_dates_are_lists_of_integer_lists():
    for item in items().values():
        for key in ("issued", "accessed"):
            if key in item and "date-parts" in item[key]:
                parts = item[key]["date-parts"]
                assert isinstance(parts, list) and len(parts) == 1
                assert all(isinstance(p, int) for p in parts[0]) and 1 <= len(parts[0]) <= 3


def test_csl_types_follow_the_source_types():
    types = {i: item["type"] for i, item in items().items()}
    assert types == {
        "census-panel": "report", "council-budget": "report", "town-survey": "report",
        "national-stats": "article-journal", "regional-report": "report",
        "visitor-counts": "report",
        "student-letter": "report",  # advocacy without a URL
        "friends-newsletter": "report"}


def test_csl_item_carries_author_publisher_url_and_dates():
    assert items()["town-survey"] == {
        "id": "town-survey", "type": "report", "title": "Residents' library survey 2024",
        "publisher": "Town Library Board", "URL": "https://example.org/library/survey",
        "issued": {"date-parts": [[2024, 3, 1]]}, "accessed": {"date-parts": [[2025, 1, 10]]}}
    assert items()["student-letter"]["author"] == [
        {"literal": "Student Council of North High School"}]


# ---- BibTeX --------------------------------------------------------------------------------

def test_bibtex_escapes_every_tex_special_character():
    assert bibtex_escape("{a} 50% & $5 #1 a_b ^ ~ \\") == (
        r"\textbraceleft{}a\textbraceright{} 50\% \& \$5 \#1 a\_b \textasciicircum{} "
        r"\textasciitilde{} \textbackslash{}")


def test_bibtex_braces_stay_balanced_whatever_the_data():
    text = to_bibtex(*odd_graph())
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0


def test_bibtex_entry_for_a_government_report():
    entry = to_bibtex(*counted()).split("\n\n")[1]
    assert entry == (
        "@techreport{council-budget,\n"
        "  title = {{Library budget 2025 \\& staffing plan}},\n"
        "  institution = {Town Council},\n"
        "  year = {2024},\n"
        "  date = {2024-12-15},\n"
        "  url = {https://example.org/budget_2025?part=2#staff},\n"
        "  urldate = {2025-01-12}\n"
        "}")


def test_bibtex_authors_are_joined_with_and_and_corporate_names_braced():
    text = to_bibtex(*counted())
    assert "author = {Okafor, Ngozi and Lind, Per}" in text
    assert "author = {{Student Council of North High School}}" in text


def test_bibtex_urls_are_not_tex_escaped_but_braces_are_percent_encoded():
    debate, graph = counted()
    graph = graph.copy()
    graph.nodes["regional-report"]["url"] = "https://example.org/a_b%20c/{x}"
    assert "url = {https://example.org/a_b%20c/%7Bx%7D}" in to_bibtex(debate, graph)


def test_bibtex_round_trips_through_bibtexparser():
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0")
    library = bibtexparser.parse_string(to_bibtex(*counted()))
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert sorted(entries) == [item for item in sorted(items())]
    council = entries["council-budget"]
    assert council.entry_type == "techreport"
    assert council.fields_dict["title"].value == "{Library budget 2025 \\& staffing plan}"
    assert council.fields_dict["url"].value == "https://example.org/budget_2025?part=2#staff"
    assert entries["national-stats"].fields_dict["author"].value == "Okafor, Ngozi and Lind, Per"


def test_bibtex_with_special_characters_parses_whole_in_bibtexparser():
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0")
    library = bibtexparser.parse_string(to_bibtex(*odd_graph()))
    assert library.failed_blocks == []
    odd = {e.key: e for e in library.entries}["visitor-counts"]
    assert odd.fields_dict["title"].value == "{" + bibtex_escape(
        "Odd {chars} 50% & $5 #1 a_b ^ ~ \\ end}") + "}"
    assert odd.fields_dict["institution"].value == "Regional Library Network"


# ---- the registry and the command ----------------------------------------------------------

def test_the_registry_offers_csl_json_and_bibtex():
    assert {"csl-json", "bibtex"} <= set(registry.names())
    assert registry.exporter("bibtex") is to_bibtex


@pytest.mark.parametrize("name", registry.names())
def test_every_registered_exporter_returns_text_or_a_folder_of_texts_and_has_help(name):
    written = registry.exporter(name)(*counted())
    if registry.is_folder(name):
        assert written and all(isinstance(k, str) and isinstance(v, str)
                               for k, v in written.items())
    else:
        assert isinstance(written, str)
    assert registry.describe(name)


def test_cli_export_prints_csl_json(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("export", "counted", "--format", "csl-json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(to_csl_json(*counted()))


def test_cli_export_writes_bibtex_to_the_file_given_by_o(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("export", "counted", "--format", "bibtex", "-o", "refs/sources.bib")
    assert result.exit_code == 0
    assert result.stdout == ""
    written = (tmp_path / "refs" / "sources.bib").read_text(encoding="utf-8")
    assert written == to_bibtex(*counted())
    assert [p.name for p in (tmp_path / "refs").iterdir()] == ["sources.bib"]


def test_cli_export_needs_a_known_format(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    assert cli("export", "counted").exit_code == 2
    assert cli("export", "counted", "--format", "ris").exit_code == 2


def test_cli_export_exits_1_when_the_data_has_errors(cli, debate_dir):
    debate_dir({"c.yaml": "claims:\n  - id: c1\n    perspective: pro\n"})
    result = cli("export", "debate", "--format", "bibtex")
    assert result.exit_code == 1
    assert result.stdout == ""


ARTICLE = """\
claims:
  - id: c1
    perspective: pro
    text: A claim.
    supports: [motion]
    evidence: [{source: study, finding: It found a fall., locator: table 2}]
sources:
  - id: study
    title: Protected lanes and cyclist injuries
    author: Lee, Min; Okafor
    type: academic
    work: article
    container_title: Journal of Transport & Health
    volume: "12"
    issue: "3"
    pages: 101–118
    doi: 10.1016/j.jth.2021.01.002
    published: "2021"
  - id: book
    title: Streets for People
    author: Rivera, Ana
    publisher: City Press
    work: book
    published: "2019"
"""


def article_graph(debate_dir):
    debate, _ = argmap.load(str(debate_dir({"c.yaml": ARTICLE})))
    return argmap.build_graph(debate)


def test_a_journal_article_is_a_bibtex_article_with_its_journal(debate_dir):
    entry = to_bibtex(None, article_graph(debate_dir)).split("\n\n")[1]
    assert entry.startswith("@article{study,")
    for field in ("author = {Lee, Min and Okafor}", "journal = {Journal of Transport \\& Health}",
                  "volume = {12}", "number = {3}", "pages = {101--118}",
                  "doi = {10.1016/j.jth.2021.01.002}", "year = {2021}"):
        assert field in entry, field


def test_a_book_is_a_bibtex_book_with_its_publisher(debate_dir):
    entry = to_bibtex(None, article_graph(debate_dir)).split("\n\n")[0]
    assert entry.startswith("@book{book,") and "publisher = {City Press}" in entry


def test_an_article_without_its_journal_stays_misc():
    from argmap.export.citations import _bibtex_type
    assert _bibtex_type({"work": "article", "container_title": "", "source_type": ""}) == "misc"


def test_csl_json_carries_the_container_volume_issue_pages_and_doi(debate_dir):
    item = {i["id"]: i for i in csl_items(article_graph(debate_dir))}["study"]
    assert item["type"] == "article-journal"
    assert (item["container-title"], item["volume"], item["issue"], item["page"],
            item["DOI"]) == ("Journal of Transport & Health", "12", "3", "101–118",
                             "10.1016/j.jth.2021.01.002")
    assert item["author"] == [{"family": "Lee", "given": "Min"}, {"family": "Okafor"}]


def test_the_bibliographic_bibtex_parses_in_bibtexparser(debate_dir):
    import bibtexparser
    library = bibtexparser.parse_string(to_bibtex(None, article_graph(debate_dir)))
    assert not library.failed_blocks
    fields = {f.key: f.value for f in library.entries_dict["study"].fields}
    assert fields["journal"] == "Journal of Transport \\& Health" and fields["pages"] == "101--118"
