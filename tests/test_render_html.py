"""index.html, read as a document: structure, safety, determinism and a golden file.

What the page does in a browser is tested in ``test_browser.py``. Refresh the golden file
after an intended change with ``python tests/test_render_html.py --update`` (or
``ARGMAP_UPDATE_GOLDEN=1 pytest tests/test_render_html.py``) and review the diff.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import os
import re
import sys

import pytest

import argmap
from argmap.model import Claim, Debate, Location, Perspective, Relation, Resolution, Source
from argmap.render.html import render_html

from conftest import FIXTURES, HERE, ROOT
from synthetic import synthetic_debate

bs4 = pytest.importorskip("bs4", reason="needs beautifulsoup4 (pip install beautifulsoup4)")

GOLDEN = HERE / "golden" / "small.index.html"
REFRESH = ("python tests/test_render_html.py --update (or ARGMAP_UPDATE_GOLDEN=1 pytest "
           "tests/test_render_html.py)")
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def html_of(root) -> str:
    debate, _ = argmap.load(str(root))
    return "".join(render_html(debate, argmap.build_graph(debate)))


def soup_of(html: str):
    return bs4.BeautifulSoup(html, "html.parser")


def payload(soup) -> dict:
    return json.loads(soup.find("script", id="argmap-data").string)


def payload_of(html: str) -> dict:
    """The payload without parsing the page: html.parser is slow on big, deep outlines."""
    start = html.index('<script type="application/json" id="argmap-data">')
    return json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])


@pytest.fixture(scope="module")
def small_html() -> str:
    return html_of(FIXTURES / "small")


@pytest.fixture(scope="module")
def small(small_html):
    return soup_of(small_html)


@pytest.fixture(scope="module")
def small_debate():
    debate, _ = argmap.load(str(FIXTURES / "small"))
    return debate


# ---- structure

def test_title_and_question_come_from_the_debate(small):
    assert small.title.string == "City cycling policy"
    assert small.h1.string == "City cycling policy"
    assert "protected bike lanes on Main Street?" in small.find(class_="am-question").string


def test_every_claim_is_in_the_embedded_data(small, small_debate):
    ids = {n["id"] for n in payload(small)["nodes"] if n["type"] == "claim"}
    assert ids == {c.id for c in small_debate.claims}


def test_every_claim_is_in_the_outline_in_full_exactly_once(small, small_debate):
    outline = small.find(id="am-outline-view")
    full = [li["data-claim"] for li in outline.select(".ol-item:not(.ol-ref)")]
    claims = {c.id for c in small_debate.claims}
    assert sorted(n for n in full if n in claims) == sorted(claims)


def test_a_claim_replying_to_two_claims_is_referenced_where_it_is_not_in_full(small):
    # lanes-bring-customers supports the resolution and attacks parking-needed-for-shops
    refs = small.select('.ol-ref[data-claim="lanes-bring-customers"]')
    assert len(refs) == 1
    full = small.select_one('.ol-item:not(.ol-ref)[data-claim="lanes-bring-customers"]')
    number = full.select_one(".ol-num").string.strip(".")
    assert f"in full at {number}" in refs[0].get_text()


def test_the_outline_holds_every_quote_and_source_for_print(small, small_debate):
    text = small.find(id="am-outline-view").get_text(" ")
    for claim in small_debate.claims:
        for ev in claim.evidence:
            assert ev.quote in text
    assert "Main Street pilot evaluation" in text
    assert "Locator: paragraph 2" in text
    assert "Figure traced to: City crash records 2020-2023" in text
    assert "Whether shoppers arrive mainly by car" in text  # a relation's note


def test_a_legend_names_every_perspective_and_relation(small):
    legend = small.find(class_="am-legend").get_text(" ")
    for words in ("Build the lanes", "Keep the parking", "Supports", "Attacks", "Undercuts",
                  "solid line", "dashed line", "dotted line", "No reply recorded"):
        assert words in legend


def test_perspective_colours_come_from_the_data(small):
    colors = [p["color"] for p in payload(small)["perspectives"]]
    style = small.style.string
    for i, color in enumerate(colors):
        assert f".p{i} {{ --pc: {color};" in style


# ---- offline and safe

def test_a_content_security_policy_forbids_network_access(small):
    meta = small.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert "unsafe-inline" not in meta["content"]
    assert "http" not in meta["content"]


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_exactly_the_page_s_own_style_and_script(small):
    policy = small.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    code = [s for s in small.find_all("script") if not s.get("type")]
    assert len(code) == 1 and len(small.find_all("style")) == 1
    assert f"script-src {sha256(code[0].string)}" in policy
    assert f"style-src {sha256(small.style.string)}" in policy


def test_nothing_is_loaded_from_the_network(small):
    for tag in small.find_all(True):
        for attr in ("src", "href", "srcset", "data", "action", "poster"):
            value = tag.get(attr)
            if value is None or (tag.name == "a" and attr == "href"):
                continue  # a link is followed only when clicked
            assert not re.match(r"\s*(https?:)?//", value), f"<{tag.name} {attr}={value}>"
    assert not small.find_all(["iframe", "object", "embed", "base"])
    assert all(not s.get("src") for s in small.find_all("script"))
    assert all(link.get("href", "").startswith("data:") for link in small.find_all("link"))


def hostile_debate(debate_dir):
    return debate_dir({"c.yaml": f"""\
        claims:
          - id: hostile
            perspective: pro
            text: '{HOSTILE}'
            note: '</noscript></script><script>alert(2)</script>'
            supports: [motion]
        """})


def test_markup_in_a_claim_is_escaped_in_the_html(debate_dir):
    html = html_of(hostile_debate(debate_dir))
    soup = soup_of(html)
    assert "<img" not in html
    assert not soup.find_all("img")
    assert len(soup.find_all("script")) == 2  # the data and the page's own script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert soup.select_one('.ol-item[data-claim="hostile"] .ol-open').string == HOSTILE


def test_markup_in_the_payload_cannot_end_its_script_element(debate_dir):
    html = html_of(hostile_debate(debate_dir))
    data = html[html.index('id="argmap-data">'):]
    data = data[:data.index("</script>")]
    assert "<" not in data.split(">", 1)[1] and "&" not in data
    hostile = next(n for n in payload(soup_of(html))["nodes"] if n["id"] == "hostile")
    assert hostile["text"] == HOSTILE
    assert hostile["note"] == "</noscript></script><script>alert(2)</script>"


def test_the_script_never_parses_text_as_html_or_code():
    script = (ROOT / "templates" / "map.js").read_text(encoding="utf-8")
    for sink in (".innerHTML", ".outerHTML", "document.write", "eval(",
                 "new Function", "setTimeout(\"", "DOMParser", "createContextualFragment"):
        assert sink not in script, sink
    # The one exception: the outline's rows, which the build wrote as markup into a
    # <noscript>, become rows when first needed. That is the page's own markup, parsed as the
    # browser parses the rest of the file; no text from the data is ever parsed as HTML.
    assert script.count("insertAdjacentHTML(") == 1
    assert 'rows.insertAdjacentHTML("afterend", rows.textContent)' in script


def test_no_text_in_the_outline_can_end_the_noscript_that_holds_it(debate_dir):
    html = html_of(hostile_debate(debate_dir))
    rows = html[html.index('<noscript class="am-outline-rows">'):]
    rows = rows[len('<noscript class="am-outline-rows">'):rows.index("</noscript>")]
    assert 'data-claim="hostile"' in rows  # the hostile claim's row is inside, whole
    assert "<noscript" not in rows.lower() and "<script" not in rows.lower()
    assert "&lt;/noscript&gt;" in rows  # the note that tried to end it, as text


def test_an_empty_debate_still_gives_a_page():
    here = Location("x.yaml", 1, 1)
    debate = Debate("Nothing yet", here, perspectives=(Perspective("p", "P", here),))
    soup = soup_of("".join(render_html(debate, argmap.build_graph(debate))))
    assert soup.title.string == "Nothing yet"
    assert payload(soup)["nodes"] == []


def test_only_http_and_https_source_urls_become_links():
    here = Location("x.yaml", 1, 1)
    debate = Debate("T", here, perspectives=(Perspective("p", "P", here, color="#123456"),),
                    sources=(Source("bad", "Bad", here, url="javascript:alert(1)"),
                             Source("good", "Good", here, url="https://example.org/a")))
    html = "".join(render_html(debate, argmap.build_graph(debate)))
    assert "javascript:" not in html
    sources = payload(soup_of(html))["sources"]
    assert sources["bad"]["url"] == "" and sources["good"]["url"] == "https://example.org/a"


def test_a_colour_that_is_not_hex_never_reaches_the_css():
    here = Location("x.yaml", 1, 1)
    debate = Debate("T", here, perspectives=(
        Perspective("p", "P", here, color="red; } body { display: none"),))
    html = "".join(render_html(debate, argmap.build_graph(debate)))
    assert "display: none" not in soup_of(html).style.string.split("*/", 1)[1].split(":root")[0]


# ---- what the page is told

def test_unanswered_claims_are_those_no_other_perspective_attacks_or_undercuts(small):
    unanswered = {n["id"] for n in payload(small)["nodes"] if n.get("unanswered")}
    assert unanswered == {"lanes-bring-customers", "loading-zones-answer", "study-too-small",
                          "slower-traffic-safer"}


def test_an_attack_from_the_same_perspective_does_not_answer_a_claim(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: a
            perspective: pro
            text: A.
            supports: [motion]
          - id: friendly-fire
            perspective: pro
            text: B.
            attacks: [a]
        """})
    nodes = {n["id"]: n for n in payload(soup_of(html_of(root)))["nodes"]}
    assert nodes["a"]["unanswered"] is True


def test_claims_leading_to_no_resolution_have_an_outline_section_of_their_own(debate_dir):
    root = debate_dir({"c.yaml": """\
        claims:
          - id: linked
            perspective: pro
            text: Linked.
            supports: [motion]
          - id: loop-a
            perspective: pro
            text: Loop A.
            attacks: [loop-b]
          - id: loop-b
            perspective: con
            text: Loop B.
            attacks: [loop-a]
        """})
    soup = soup_of(html_of(root))
    trees = soup.select("#am-outline-view .am-outline-rows > .ol-tree")
    assert len(trees) == 2
    assert {li["data-claim"] for li in trees[1].select(".ol-item:not(.ol-ref)")} == \
        {"loop-a", "loop-b"}
    assert soup.find(class_="ol-others-title")


def test_a_chain_of_replies_deeper_than_python_s_recursion_limit_renders():
    here = Location("x.yaml", 1, 1)
    n = sys.getrecursionlimit() + 200
    claims = [Claim("c0", "p", "Start.", here, relations=(Relation("supports", "c0", "m", here),))]
    claims += [Claim(f"c{i}", "p", f"Reply {i}.", here,
                     relations=(Relation("attacks", f"c{i}", f"c{i - 1}", here),))
               for i in range(1, n)]
    debate = Debate("T", here, perspectives=(Perspective("p", "P", here, color="#123456"),),
                    resolutions=(Resolution("m", "Motion.", here),), claims=tuple(claims))
    html = "".join(render_html(debate, argmap.build_graph(debate)))
    outline = html[html.index('id="am-outline-view"'):html.index('<aside')]
    assert outline.count('<li class="ol-item') == n + 1
    assert outline.count("</li>") == n + 1  # every row closed, nested n deep


def test_a_big_map_opens_with_its_deeper_levels_collapsed():
    debate = synthetic_debate(2000)
    html = "".join(render_html(debate, argmap.build_graph(debate)))
    view = payload_of(html)["view"]
    assert view["initialDepth"] < view["layers"] - 1
    assert re.search(r'<ul class="ol-children" id="ol-\d+" hidden>', html)
    assert 'aria-expanded="false"' in html


def test_a_small_map_opens_whole_and_prints_its_atlas(small):
    view = payload(small)["view"]
    assert view["initialDepth"] == view["layers"] - 1
    assert not small.select(".ol-children[hidden]")
    assert small.select(".am-atlas .at-sheet .at-branch")


# ---- determinism and the golden file

def test_the_same_input_gives_byte_identical_html(small_html):
    assert html_of(FIXTURES / "small") == small_html


def for_golden(html: str) -> str:
    """The page with its stylesheet and script replaced by their names and hashes (pdoc's
    habit): the golden file reviews what the page says, and an edit of map.css or map.js is
    one changed line here, not a diff of the whole file (both are tested in a browser)."""
    def placeholder(match: re.Match) -> str:
        body = match.group(2)
        name = "map.css" if match.group(1) == "style" else "map.js"
        return f"<{match.group(1)}>/* {name}, sha256 {sha256(body)[8:24]}… */</{match.group(1)}>"
    return re.sub(r"<(style|script)>(.*?)</\1>", placeholder, html, flags=re.S)


def test_html_matches_the_golden_file(small_html):
    rendered = for_golden(small_html)
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if rendered != expected:
        diff = "".join(list(difflib.unified_diff(
            expected.splitlines(True), rendered.splitlines(True), "golden", "rendered"))[:60])
        pytest.fail(f"index.html changed; if intended, refresh with {REFRESH} and review "
                    f"the diff:\n{diff}")


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit(f"usage: {REFRESH.split(' (')[0]}")
    GOLDEN.write_text(for_golden(html_of(FIXTURES / "small")), encoding="utf-8")
    print(f"wrote {GOLDEN}")


def test_a_page_without_the_atlas_says_where_to_print_the_map_from():
    debate, _ = argmap.load(str(FIXTURES / "small"))
    html = "".join(render_html(debate, argmap.build_graph(debate), atlas=False))
    assert 'class="am-atlas"' not in html
    assert "This preview leaves out the printable map" in html
    assert 'class="am-atlas"' in "".join(render_html(debate, argmap.build_graph(debate)))
