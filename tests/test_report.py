"""``argmap report`` and ``report.html``: formats, the page's structure, neutral wording."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re

import pytest
from bs4 import BeautifulSoup

import argmap
from argmap.analysis import analyze
from argmap.graph import build_graph
from argmap.render.report import render_report, render_report_html

from conftest import FIXTURES, copy_fixture


@functools.cache
def counted():
    result = argmap.check(str(FIXTURES / "counted"))
    return result, build_graph(result.debate)


@functools.cache
def page() -> str:
    result, graph = counted()
    return "".join(render_report_html(result.debate, graph, result.quotes))


def soup() -> BeautifulSoup:
    return BeautifulSoup(page(), "html.parser")


def rendered(fmt: str) -> str:
    result, graph = counted()
    return render_report(result.debate, graph, result.quotes, fmt)


# Words that would read as a verdict on the debate. Checked against the whole output, whose
# data (tests/fixtures/counted) uses none of them.
VERDICT = re.compile(r"\b(wins?|winning|winner|loses?|losing|loser|true|false|correct|wrong|"
                     r"defeated|victory|refuted|debunked)\b", re.IGNORECASE)


# ---- wording -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_report_uses_no_verdict_words(fmt):
    from argmap.analysis import LABELS_CAVEAT  # which says what the labels are not
    out = rendered(fmt)
    assert LABELS_CAVEAT in out
    assert VERDICT.findall(out.replace(LABELS_CAVEAT, "")) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_grounded_labelling_leads_with_what_out_means_and_is_no_verdict(fmt):
    text = re.sub(r"</?a\b[^>]*>", "", rendered(fmt))  # a glossary link is inside a word run
    out = " ".join(re.sub(r"<[^>]+>|^[=-]+$|#", " ", text, flags=re.M).split())
    assert "what stands" not in out and "stands in this map" not in out
    section = out[out.index("Grounded labelling: how the recorded attacks fit together"):]
    assert section.startswith("Grounded labelling: how the recorded attacks fit together OUT "
                              "means: at least one claim attacking it is IN: the map records "
                              "no reply to that attacker that itself holds")
    assert ("It describes the map as recorded, not whether a claim is true or strong: one "
            "mapped reply can change it; the labels weigh no evidence.") in section
    assert "defeated" not in out.lower()


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_unanswered_is_defined_in_neutral_words(fmt):
    out = rendered(fmt)
    assert "No reply recorded: no claim of another perspective attacks or undercuts it in " \
        "the map." in out
    assert "nanswered" not in re.sub(r'([a-z-]+)="[^"]*"', "", out)


# ---- text and Markdown ---------------------------------------------------------------------

def test_text_report_lists_unanswered_claims_under_their_perspective():
    text = rendered("text")
    block = text.split("Protect the book budget (1)\n", 1)[1].split("\n\n", 1)[0]
    assert block == ("  - survey-self-selected: The survey's respondents chose themselves, so "
                     "it cannot speak for all students.")


def test_text_report_aligns_the_balance_table():
    assert "  Distinct sources                4                        3                      2" \
        in rendered("text")


def test_markdown_report_has_headings_and_tables():
    md = rendered("markdown")
    assert "\n## Balance\n" in md
    assert "| Claims | 5 | 5 | 3 |" in md


def test_markdown_escapes_claim_text_so_it_cannot_inject_markup(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: c1
            perspective: pro
            text: "*bold* <img src=x> [link](http://x)"
        """})
    result = argmap.check(str(root))
    md = render_report(result.debate, build_graph(result.debate), result.quotes, "markdown")
    assert r"\*bold\* \<img src=x\> \[link\](http://x)" in md
    assert re.search(r"(?<!\\)[<\[*]", md) is None  # every one escaped


def test_json_report_is_the_analysis():
    result, graph = counted()
    assert json.loads(rendered("json")) == analyze(result.debate, graph, result.quotes)


# ---- the HTML page -------------------------------------------------------------------------

def test_the_page_parses_with_a_title_and_every_section():
    s = soup()
    assert s.title.string == "Report: Sunday library opening"
    assert [sec["id"] for sec in s.select("main > section")] == [
        "balance", "structure", "unanswered", "common-ground", "clashes", "coverage", "statistics",
        "contested", "grounded"]


def test_the_page_makes_no_network_references():
    s = soup()
    assert s.find_all(["script", "link", "img", "iframe", "object", "embed"],
                      src=True) == []
    assert not [t for t in s.find_all("link") if t.get("rel") != ["icon"]]
    assert not re.search(r"https?://|//[a-z]|@import|url\(", page(), re.IGNORECASE)


def test_the_page_allows_only_its_own_stylesheet():
    s = soup()
    csp = s.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    css = s.style.string
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert csp.startswith("default-src 'none'; ")
    assert f"style-src 'sha256-{digest}'" in csp


def test_the_page_has_a_print_stylesheet():
    assert "@media print" in soup().style.string


def test_perspective_colours_come_from_the_data():
    css = soup().style.string
    assert ".p0 { --pc: #0072b2;" in css and ".p1 { --pc: #e69f00;" in css


def test_balance_bars_are_inline_svg_scaled_to_the_largest():
    claims_chart = soup().select("#balance table.bars")[0]
    bars = [(row.th.get_text(strip=True), int(row.rect["width"]), row.select("td")[-1].text)
            for row in claims_chart.select("tr")]
    assert bars == [("Open on Sundays", 240, "5"), ("Protect the book budget", 240, "5"),
                    ("Volunteer-run Sundays", 144, "3")]


def test_every_bar_has_a_text_alternative():
    svgs = soup().select("#balance svg")
    assert len(svgs) == 9  # three charts, three perspectives
    assert all(svg.get("role") == "img" and svg.get("aria-label") for svg in svgs)


def test_unanswered_claims_link_into_the_map():
    links = [a["href"] for a in soup().select("#unanswered a:not(.term)")]
    assert links == ["index.html#libraries-civic", "index.html#nearby-hours-differ",
                     "index.html#survey-self-selected", "index.html#volunteers-cut-cost",
                     "index.html#volunteers-need-training"]


def test_clash_points_show_both_claims_and_the_note():
    first = soup().select("#clashes li")[0]
    assert [a.text for a in first.select("a.id")] == ["low-turnout-elsewhere",
                                                      "demand-sundays"]
    assert "Note: Whether stated demand turns into visits" in first.get_text(" ", strip=True)


def test_grounded_labels_list_the_undecided_cycle():
    headings = [h.get_text(" ", strip=True) for h in soup().select("#grounded h3")]
    assert headings == ["IN (6)", "OUT (5)", "UNDEC (3)"]


def test_the_page_escapes_the_data(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: c1
            perspective: pro
            text: "</span><script>alert(1)</script>"
        """})
    result = argmap.check(str(root))
    html = "".join(render_report_html(result.debate, build_graph(result.debate), result.quotes))
    s = BeautifulSoup(html, "html.parser")
    assert s.find("script") is None
    assert "</span><script>alert(1)</script>" in s.get_text()


def test_a_report_without_a_quote_report_says_quotes_were_not_checked():
    result, graph = counted()
    html = "".join(render_report_html(result.debate, graph, None))
    assert "Quotes were not checked." in html


# ---- the command ---------------------------------------------------------------------------

def test_cli_report_prints_text_by_default(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("report", "counted")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Report: Sunday library opening\n")


def test_cli_report_json_has_version_1(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("report", "counted", "--format", "json")
    assert json.loads(result.stdout)["version"] == 1


def test_cli_report_writes_the_file_given_by_o(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    result = cli("report", "counted", "--format", "html", "-o", "out/report.html")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8") == page()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report.html"]


def test_cli_report_refuses_an_unknown_format_with_exit_2(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    assert cli("report", "counted", "--format", "pdf").exit_code == 2


def test_cli_report_exits_1_when_the_data_has_errors(cli, debate_dir):
    debate_dir({"c.yaml": "claims:\n  - id: c1\n    perspective: pro\n"})
    result = cli("report", "debate")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_markdown_escapes_block_markup_at_the_start_of_a_line(debate_dir):
    root = debate_dir({}, debate="title: T\nquestion: '# Not a heading'\n"
                                 "perspectives: [{id: pro, label: '1. Pro'}]\n")
    result = argmap.check(str(root))
    md = render_report(result.debate, build_graph(result.debate), result.quotes, "markdown")
    assert "\n\\# Not a heading\n" in md
    assert "### 1\\. Pro (0)" in md


def test_the_command_offers_exactly_the_renderers_formats():
    from argmap.commands.report import FORMATS as offered
    from argmap.render.report import FORMATS
    assert offered == FORMATS
