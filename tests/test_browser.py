"""index.html in a real headless Chromium: it runs offline, opens claims, filters, resists
markup injection, follows deep links, prints every claim, and copes with 2,000 claims.

Needs Debian's ``chromium`` at /usr/bin/chromium and Playwright's Python package (no
browser download). Make the README's pictures with
``python tests/test_browser.py --pictures docs claims``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from browsing import ARGS, CHROMIUM, require_chromium  # noqa: E402

if __name__ != "__main__":
    require_chromium()

import argmap  # noqa: E402
from argmap.render.html import render_html  # noqa: E402

from conftest import FIXTURES, ROOT, require, write_debate  # noqa: E402
from pdftext import pdftotext, words  # noqa: E402
from synthetic import synthetic_debate  # noqa: E402

pytestmark = pytest.mark.browser

BUNDLED = ROOT / "claims"
HOSTILE = ('<script>window.__pwned=1</script>'
           '<img src=x onerror="window.__pwned=1">')


def write_page(debate, path: Path) -> Path:
    path.write_text("".join(render_html(debate, argmap.build_graph(debate))), encoding="utf-8")
    return path


def load(root) -> argmap.model.Debate:
    debate, _ = argmap.load(str(root))
    return debate


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Built pages by name: ``small`` (the fixture debate) and ``hostile``."""
    out = tmp_path_factory.mktemp("pages")
    hostile = write_debate(out / "hostile-debate", {"c.yaml": f"""\
        claims:
          - id: hostile
            perspective: pro
            text: '{HOSTILE}'
            note: '<img src=x onerror="window.__pwned=2">'
            supports: [motion]
        """})
    return {"small": write_page(load(FIXTURES / "small"), out / "small.html"),
            "hostile": write_page(load(hostile), out / "hostile.html"),
            "bundled": write_page(load(BUNDLED), out / "bundled.html")}


class Visit:
    """One page in a fresh context, with its console errors and network requests."""

    def __init__(self, browser, path: Path, fragment: str = "", viewport=(1280, 860)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        started = time.perf_counter()
        self.page.goto(self.url + fragment)
        self.page.wait_for_function("() => window.argmapReady === true", timeout=30_000)
        self.load_seconds = time.perf_counter() - started

    def panel_title(self) -> str:
        return self.page.inner_text("#am-panel-title")

    def focus_title(self) -> str:
        return self.page.inner_text("#am-focus-title")

    def whole_map(self) -> Visit:
        self.page.click("#am-tab-diagram")
        return self

    def boxes_in_view(self, selector: str) -> int:
        """How many elements matching ``selector`` lie wholly inside the window."""
        return self.page.evaluate("""(sel) => Array.from(document.querySelectorAll(sel))
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && r.top >= 0 && r.left >= 0 &&
                                  r.bottom <= innerHeight && r.right <= innerWidth; }).length""",
                                  selector)


@pytest.fixture
def visit(browser):
    opened = []

    def open_(path: Path, fragment: str = "", **kwargs) -> Visit:
        v = Visit(browser, path, fragment, **kwargs)
        opened.append(v)
        return v
    yield open_
    for v in opened:
        v.context.close()


def test_the_page_loads_without_errors_or_network_requests(visit, pages):
    v = visit(pages["small"])
    v.page.click('.fv-card[data-id="lanes-cut-injuries"]')
    v.whole_map()
    v.page.click('.am-node[data-id="lanes-cut-injuries"]')
    v.page.click("#am-tab-outline")
    assert v.errors == []
    assert v.requests == [v.url]


def test_clicking_a_claim_in_the_whole_map_shows_its_evidence(visit, pages):
    v = visit(pages["small"]).whole_map()
    assert v.page.is_hidden("#am-panel")
    v.page.click('.am-node[data-id="lanes-cut-injuries"]')
    quote = v.page.locator("#am-panel blockquote")
    assert quote.is_visible()
    assert quote.inner_text() == "Injuries to cyclists fell by 40 percent after the lanes opened."
    panel = v.page.text_content("#am-panel")
    assert "Main Street pilot evaluation" in panel and "Locator: p. 3" in panel
    assert "Undercut by" in panel and "The injury study covered one street" in panel


def test_a_claim_opens_from_the_outline_and_links_to_the_claims_it_answers(visit, pages):
    v = visit(pages["small"])
    v.page.click("#am-tab-outline")
    v.page.click('.ol-item:not(.ol-ref) > .ol-claim .ol-open[href="#loading-zones-answer"]')
    assert v.panel_title() == "Loading zones on side streets keep deliveries running."
    v.page.click('#am-panel a[href="#deliveries-blocked"]')
    assert v.panel_title() == "Lanes would block delivery trucks."
    assert v.page.evaluate("location.hash") == "#deliveries-blocked"


def test_the_outline_s_rows_are_made_only_when_the_outline_opens(visit, pages):
    rows_in_file = pages["bundled"].read_text(encoding="utf-8").count('<li class="ol-item')
    v = visit(pages["bundled"])
    assert v.page.locator(".ol-item").count() == 0  # a large map loads without them
    v.page.click("#am-tab-outline")
    assert v.page.locator(".ol-item").count() == rows_in_file
    assert v.page.locator("#am-outline-view noscript").count() == 0
    assert v.errors == []


def test_a_filter_set_before_the_outline_opens_applies_to_its_rows(visit, pages):
    v = visit(pages["small"])
    v.page.uncheck('input[name="perspective"][value="parking"]')
    v.page.click("#am-tab-outline")
    hidden = v.page.locator('.ol-item.is-filtered[data-claim="study-too-small"]')
    assert hidden.count() == 1 and not hidden.is_visible()


def test_without_javascript_the_outline_shows_every_claim(browser, pages):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(pages["bundled"].resolve().as_uri())
        rows = pages["bundled"].read_text(encoding="utf-8").count('<li class="ol-item')
        assert page.locator(".ol-item").count() == rows
        assert page.locator(".ol-item >> nth=0").is_visible()
    finally:
        context.close()


def test_the_perspective_filter_hides_the_other_side_s_claims(visit, pages):
    v = visit(pages["small"]).whole_map()
    assert v.page.locator(".am-nodes .am-node.p1").count() == 4
    v.page.uncheck('input[name="perspective"][value="parking"]')
    assert v.page.locator(".am-nodes .am-node.p1").count() == 0
    assert v.page.locator(".am-nodes .am-node.p0").count() == 3
    v.page.click("#am-tab-outline")
    # the other side's claim stays, dimmed, only as the context of a reply shown under it
    assert "is-context" in v.page.get_attribute('.ol-item[data-claim="deliveries-blocked"]',
                                                "class")
    assert v.page.is_hidden('.ol-item[data-claim="study-too-small"] > .ol-claim')
    assert v.page.is_visible('.ol-item[data-claim="loading-zones-answer"] > .ol-claim')
    assert v.page.inner_text("#am-count") == "3 of 7 claims shown"


def test_search_and_the_unanswered_switch(visit, pages):
    v = visit(pages["small"]).whole_map()
    v.page.fill('input[name="q"]', "delivery trucks")
    v.page.wait_for_function(
        "() => document.querySelectorAll('.am-nodes .am-node.claim').length === 1")
    v.page.fill('input[name="q"]', "")
    v.page.check('input[name="unanswered"]')
    ring = v.page.locator('.am-nodes .am-node[data-id="study-too-small"] .ua-ring')
    assert ring.is_visible()
    assert v.page.locator('.am-nodes .am-node[data-id="deliveries-blocked"] .ua-ring').is_hidden()


def test_markup_in_a_claim_shows_as_text_and_runs_nothing(visit, pages):
    v = visit(pages["hostile"], "#hostile")
    assert v.focus_title() == HOSTILE
    assert "window.__pwned=2" in v.page.inner_text("#am-focus-view")   # the note, as text
    v.whole_map()
    assert v.panel_title() == HOSTILE
    v.page.click("#am-tab-outline")
    assert v.page.inner_text('.ol-item[data-claim="hostile"] .ol-open') == HOSTILE
    assert v.page.evaluate("typeof window.__pwned") == "undefined"
    assert v.page.evaluate("document.querySelectorAll('img').length") == 0
    assert v.requests == [v.url]  # no image request for src=x either
    assert v.errors == []


def test_a_deep_link_opens_its_claim_on_load_and_on_hash_change(visit, pages):
    v = visit(pages["small"], "#study-too-small")
    assert v.focus_title().startswith("The injury study covered one street")
    v.page.evaluate("location.hash = '#deliveries-blocked'")
    v.page.wait_for_function(
        "() => document.getElementById('am-focus-title').textContent.startsWith('Lanes would')")
    v.whole_map()
    assert v.panel_title().startswith("Lanes would")
    selected = v.page.get_attribute('.am-nodes .am-node[data-id="deliveries-blocked"]', "class")
    assert "is-selected" in selected


def test_the_keyboard_reaches_claims_enter_opens_and_escape_closes(visit, pages):
    v = visit(pages["small"]).whole_map()
    for _ in range(60):
        v.page.keyboard.press("Tab")
        if v.page.evaluate("document.activeElement.classList.contains('am-node')"):
            break
    node = v.page.evaluate("document.activeElement.getAttribute('data-id')")
    assert node == "build-lanes"  # the first box in reading order
    assert "Resolution:" in v.page.evaluate("document.activeElement.getAttribute('aria-label')")
    v.page.keyboard.press("Tab")
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector("#am-panel:not([hidden])")  # opened on the hash change
    assert v.page.evaluate("document.activeElement.id") == "am-panel-title"
    v.page.wait_for_function(
        "() => document.getElementById('am-announce').textContent.startsWith('Details:')")
    v.page.keyboard.press("Escape")
    assert v.page.is_hidden("#am-panel")
    assert v.page.evaluate("document.activeElement.classList.contains('am-node')")


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        return words(pdftotext(data, layout=True))
    pypdf = pytest.importorskip("pypdf", reason="needs pdftotext or pypdf to read PDFs")
    import io
    return words("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_gives_every_claim_quote_and_source(visit, pages, paper):
    v = visit(pages["small"])  # unfiltered: a filter prints its part (tests/test_map_page.py)
    text = pdf_text(v.page.pdf(format=paper, print_background=True))
    debate = load(FIXTURES / "small")
    assert "City cycling policy" in text and "Supports" in text and "Undercuts" in text
    for claim in debate.claims:
        assert words(claim.text) in text, claim.id
        for ev in claim.evidence:
            assert words(ev.quote) in text, claim.id
    assert "Main Street Merchants Association" in text
    assert "Diagram" not in text and "Highlight claims" not in text  # no controls


def test_a_2000_claim_map_opens_and_stays_responsive(visit, tmp_path):
    page_file = write_page(synthetic_debate(2000), tmp_path / "big.html")
    v = visit(page_file).whole_map()
    p = v.page
    drawn = p.locator(".am-nodes .am-node, .am-nodes .am-group").count()
    if p.locator(".am-nodes .am-group").count():  # zoomed out: a group box zooms to claims
        p.click(".am-nodes .am-group >> nth=0")
    in_view = p.evaluate("""() => Array.from(document.querySelectorAll('.am-nodes .am-node.claim'))
        .find(g => { const r = g.getBoundingClientRect(), s = document.getElementById('am-svg')
                                                                   .getBoundingClientRect();
                     return r.left > s.left && r.right < s.right && r.top > s.top
                            && r.bottom < s.bottom; }).getAttribute('data-id')""")
    started = time.perf_counter()
    p.click(f'.am-node[data-id="{in_view}"]')
    p.wait_for_selector("#am-panel-title")
    click_seconds = time.perf_counter() - started
    started = time.perf_counter()
    p.select_option("#am-depth", label="All")
    p.click('[data-zoom="fit"]')
    p.wait_for_function("""() => Array.from(document.querySelectorAll('.am-group'),
        g => parseInt(g.getAttribute('aria-label').split(' \u2014 ')[1]))
        .reduce((a, b) => a + b, 0) === 2000""")  # fitted: group boxes count every claim
    all_seconds = time.perf_counter() - started
    timing = p.evaluate("window.argmapTiming")
    print(f"\n2,000 claims: {page_file.stat().st_size / 1e6:.1f} MB; interactive after "
          f"{v.load_seconds:.2f} s (script {timing['script'] / 1000:.2f} s); {drawn} boxes "
          f"drawn at first; a click opened a claim in {click_seconds:.2f} s; every level, "
          f"zoomed to fit, in {all_seconds:.2f} s")
    assert drawn < 400  # deep levels start collapsed and off-screen boxes are not drawn
    assert v.errors == []
    assert v.load_seconds < 20  # a sanity bound, not a benchmark


# ---- the bundled debate, as its readers meet it (#12)

def test_the_bundled_map_opens_on_readable_claims(visit, pages):
    v = visit(pages["bundled"], viewport=(1600, 1000))
    assert v.boxes_in_view(".fv-card") >= 6
    sizes = v.page.evaluate("""() => Array.from(document.querySelectorAll('.fv-card .at-text'))
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert min(sizes) >= 12
    assert v.errors == []


def test_choosing_a_claim_shows_its_replies_by_side_and_a_way_back(visit, pages):
    v = visit(pages["small"])
    v.page.click('.fv-card[data-id="lanes-cut-injuries"]')
    assert v.focus_title() == "Protected lanes cut cyclist injuries on the streets that get them."
    heads = v.page.locator("#am-focus-body .at-lane-head").all_inner_texts()
    assert heads == ["Build the lanes", "Keep the parking"]
    group = v.page.locator('#am-focus-body .at-rel.undercuts .fv-card[data-id="study-too-small"]')
    assert group.count() == 1
    crumbs = v.page.locator("#am-crumbs li").all_inner_texts()
    assert crumbs[0] == "Overview" and crumbs[-1].startswith("Protected lanes")
    v.page.click("#am-crumbs a >> text=Overview")
    v.page.wait_for_function("() => !document.getElementById('am-focus-title')")
    assert v.page.locator("#am-focus-body .fv-parent.resolution").count() == 1


def test_a_deep_link_into_the_bundled_map_opens_its_claim_with_its_path(visit, pages):
    v = visit(pages["bundled"], "#em-model-works", viewport=(1600, 1000))
    assert v.focus_title() == load(BUNDLED).claims_by_id["em-model-works"].text
    assert len(v.page.locator("#am-crumbs li").all_inner_texts()) >= 3


def fit_is_exact(v: Visit) -> bool:
    """Every box drawn lies inside the diagram, and their union fills it in one direction."""
    return v.page.evaluate(r"""() => {
        const svg = document.getElementById('am-svg').getBoundingClientRect();
        const boxes = Array.from(document.querySelectorAll(
                '.am-nodes .am-node .frame, .am-nodes .am-group .frame'))
            .map(e => e.getBoundingClientRect());
        if (!boxes.length) return false;
        const inside = boxes.every(r => r.left >= svg.left - 1 && r.right <= svg.right + 1 &&
                                        r.top >= svg.top - 1 && r.bottom <= svg.bottom + 1);
        const w = Math.max(...boxes.map(r => r.right)) - Math.min(...boxes.map(r => r.left));
        const h = Math.max(...boxes.map(r => r.bottom)) - Math.min(...boxes.map(r => r.top));
        const cx = (Math.max(...boxes.map(r => r.right)) + Math.min(...boxes.map(r => r.left))) / 2;
        const scale = parseFloat(document.querySelector('.am-viewport').getAttribute('transform')
                                 .match(/scale\(([\d.]+)\)/)[1]);
        const centred = Math.abs(cx - (svg.left + svg.width / 2)) < svg.width * 0.1;
        // filled in one direction, unless already at full size (Fit never enlarges past it)
        return inside && centred && (w >= svg.width * 0.8 || h >= svg.height * 0.7 ||
                                     scale >= 0.999);
    }""")


@pytest.mark.parametrize("step", ["kind", "perspective", "levels", "topic"])
def test_fit_after_a_filter_frames_exactly_the_visible_claims(visit, pages, step):
    v = visit(pages["bundled"], viewport=(1600, 1000)).whole_map()
    if step == "kind":
        v.page.select_option('select[name="kind"]', "statistic")
    elif step == "perspective":
        v.page.uncheck('input[name="perspective"][value="equality-model"]')
    elif step == "topic":
        v.page.select_option('select[name="topic"]', index=2)
    else:
        v.page.select_option("#am-depth", "0")
    v.page.click('[data-zoom="fit"]')
    v.page.wait_for_timeout(150)
    assert fit_is_exact(v)
    if step == "kind":  # claim boxes, or zoomed out the group boxes' counts
        shown = v.page.locator(".am-nodes .am-node.claim").count() or sum(
            int(name.split(" \u2014 ")[1].split()[0]) for name in v.page.evaluate(
                "() => Array.from(document.querySelectorAll('.am-group'), "
                "g => g.getAttribute('aria-label'))"))
        statistics = sum(1 for c in load(BUNDLED).claims if c.kind == "statistic")
        assert shown == statistics


def test_the_filtered_outline_never_puts_a_claim_under_a_claim_it_does_not_answer(visit, pages):
    v = visit(pages["bundled"])
    v.page.click("#am-tab-outline")
    v.page.select_option('select[name="kind"]', "statistic")
    misplaced = v.page.evaluate("""() => Array.from(document.querySelectorAll('.ol-item'))
        .filter(li => li.querySelector(':scope > .ol-claim').offsetParent !== null)
        .filter(li => { const up = li.parentElement.closest('.ol-item');
                        return up
                               && up.querySelector(':scope > .ol-claim').offsetParent === null; })
        .map(li => li.getAttribute('data-claim'))""")
    assert misplaced == []


def test_on_a_phone_the_map_gets_most_of_the_screen(visit, pages):
    v = visit(pages["bundled"], viewport=(390, 844))
    # the content note comes first; once read, its button hides it and the map takes its room
    v.page.click("#am-content-note button")
    top = v.page.evaluate("document.querySelector('.am-main').getBoundingClientRect().top")
    assert top < 200
    assert v.boxes_in_view(".fv-card, .fv-parent") >= 2
    assert v.page.is_hidden(".am-filters")
    v.page.click(".am-filters-toggle")
    assert v.page.is_visible(".am-filters") and v.page.is_visible(".am-legend")


def printed_in_order(text: str, printed: str) -> bool:
    """Whether the letters and digits of ``text`` occur in order within a short stretch of
    ``printed``. Text read back from a PDF interleaves the lines of side-by-side columns and
    splits words at line ends ("33–" / "46%"), so a claim is in order but not contiguous."""
    want = "".join(ch for ch in text if ch.isalnum())
    have = "".join(ch for ch in printed if ch.isalnum())
    window = 3 * len(want) + 400
    start = have.find(want[:12])
    while start >= 0:
        i = 0
        for ch in have[start:start + window]:
            if ch == want[i]:
                i += 1
                if i == len(want):
                    return True
        start = have.find(want[:12], start + 1)
    return False


def atlas_pages(data: bytes) -> list[str]:
    """Each printed page's words (pdftotext ends each page with a form feed)."""
    require(shutil.which("pdftotext") is not None,
            "needs pdftotext (apt-get install poppler-utils) to read the printed pages")
    return [words(page) for page in pdftotext(data).split("\f")[:-1]]


def page_size(data: bytes) -> tuple[float, float]:
    import io

    import pypdf
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


@pytest.mark.parametrize("paper,size", [("A4", (595, 842)), ("Letter", (612, 792))])
@pytest.mark.parametrize("name", ["small", "bundled"])
def test_printing_gives_the_atlas_first_every_claim_in_a_diagram(visit, pages, paper, size,
                                                                   name):
    v = visit(pages[name])
    v.page.emulate_media(media="print")
    overflowing = v.page.evaluate("""() => Array.from(document.querySelectorAll('.at-sheet'))
        .filter(s => { const legend = s.querySelector('.at-legend').getBoundingClientRect();
                       return Array.from(s.querySelectorAll('.at-branch, .at-goes-on'))
                         .some(b => b.getBoundingClientRect().bottom > legend.top + 1); })
        .length""")
    assert overflowing == 0  # no branch runs into the legend or off its page
    data = v.page.pdf(format=paper, print_background=True)
    width, height = page_size(data)
    assert abs(width - size[0]) <= 1.5 and abs(height - size[1]) <= 1.5
    texts = atlas_pages(data)
    sheets = v.page.locator(".at-sheet").count()
    assert sheets >= 1
    for number in range(1, sheets + 1):  # each sheet is exactly one printed page
        assert f"Map, page {number} of {sheets}" in texts[number - 1]
    atlas = " ".join(texts[:sheets])
    for claim in load(FIXTURES / "small" if name == "small" else BUNDLED).claims:
        assert printed_in_order(claim.text, atlas), claim.id
    assert "Outline" in texts[sheets]  # then the outline, on a page of its own


def save_pictures(folder: str, root: str) -> None:
    """The README's pictures of the map of ``root``: the claim-by-claim view and one branch
    on screen, the whole map, and the first page of the printed atlas (needs pdftoppm)."""
    from playwright.sync_api import sync_playwright

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    debate = load(root)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = write_page(debate, Path(tmp) / "index.html")
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = chromium.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_file.resolve().as_uri())
            page.wait_for_function("() => window.argmapReady === true")
            page.screenshot(path=str(out / "map-overview.png"))
            graph = argmap.build_graph(debate)
            busiest = max((c.id for c in debate.claims), key=lambda c: sum(
                1 for _, _, d in graph.in_edges(c, data=True)
                if d["type"] in ("supports", "attacks", "undercuts")))
            page.evaluate(f"location.hash = '#{busiest}'")
            page.wait_for_timeout(200)
            page.screenshot(path=str(out / "map-branch.png"))
            page.click("#am-tab-diagram")
            page.click('[data-zoom="fit"]')
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / "map-whole.png"))
            pdf = Path(tmp) / "print.pdf"
            page.emulate_media(media="print")
            pdf.write_bytes(page.pdf(format="A4", print_background=True))
            chromium.close()
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(out / "atlas-page")], check=True)
    for name in ("map-overview", "map-branch", "map-whole", "atlas-page"):
        print(f"wrote {out / name}.png")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--pictures":
        sys.exit("usage: python tests/test_browser.py --pictures FOLDER [DEBATE_DIR]")
    sys.path.insert(0, str(Path(__file__).parent))
    save_pictures(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else str(FIXTURES / "small"))


def test_a_topic_filter_shows_every_perspective_that_has_claims_on_the_topic(visit, pages):
    """The overview under a topic filter hides no side: a side whose claims on the topic
    answer the other side's claims (not the resolution) shows them further down, each under
    what it answers, dimmed (#24)."""
    v = visit(pages["bundled"], viewport=(1366, 900))
    debate = load(BUNDLED)
    labels = {p.id: p.label for p in debate.perspectives}
    for topic in debate.topics:
        holding = {labels[c.perspective] for c in debate.claims if topic.id in c.tags}
        v.page.select_option('select[name="topic"]', topic.id)
        shown = v.page.evaluate("""() => {
            const per = {};
            document.querySelectorAll('#am-focus-body .at-lane').forEach(l => {
              const h = l.querySelector('.at-lane-head').textContent;
              per[h] = (per[h] || 0) + l.querySelectorAll('.fv-card:not(.is-context)').length;
            });
            return per; }""")
        assert {p for p, n in shown.items() if n} == holding, topic.id
    v.page.select_option('select[name="topic"]', "health")
    paths = v.page.locator(".fv-deeper .fv-path").all_inner_texts()
    assert paths and all(p.split(":")[0].strip().lower() in ("supports", "attacks", "undercuts")
                         for p in paths)
    assert v.errors == []


def test_without_a_filter_the_overview_has_no_further_down_section(visit, pages):
    v = visit(pages["bundled"], viewport=(1366, 900))
    assert v.page.locator(".fv-deeper").count() == 0
