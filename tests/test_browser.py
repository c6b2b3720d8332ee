"""index.html in a real headless Chromium: it runs offline, opens claims, filters, resists
markup injection, follows deep links, prints every claim, and copes with 2,000 claims.

Needs Debian's ``chromium`` at /usr/bin/chromium and Playwright's Python package (no
browser download). Save the screenshot the README shows with
``python tests/test_browser.py --screenshot docs/map-screenshot.png [DEBATE_DIR]``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if __name__ != "__main__":
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"needs headless Chromium at {CHROMIUM} (apt-get install chromium)",
                    allow_module_level=True)
    pytest.importorskip("playwright.sync_api",
                        reason="needs Playwright's Python package (pip install playwright)")

import argmap  # noqa: E402
from argmap.render.html import render_html  # noqa: E402

from conftest import FIXTURES, write_debate  # noqa: E402
from synthetic import synthetic_debate  # noqa: E402

pytestmark = pytest.mark.browser

HOSTILE = ('<script>window.__pwned=1</script>'
           '<img src=x onerror="window.__pwned=1">')


def write_page(debate, path: Path) -> Path:
    path.write_text(render_html(debate, argmap.build_graph(debate)), encoding="utf-8")
    return path


def load(root) -> argmap.model.Debate:
    debate, _ = argmap.load(str(root))
    return debate


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


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
            "hostile": write_page(load(hostile), out / "hostile.html")}


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
    v.page.click('.am-node[data-id="lanes-cut-injuries"]')
    v.page.click("#am-tab-outline")
    assert v.errors == []
    assert v.requests == [v.url]


def test_clicking_a_claim_shows_its_evidence(visit, pages):
    v = visit(pages["small"])
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


def test_the_perspective_filter_hides_the_other_side_s_claims(visit, pages):
    v = visit(pages["small"])
    assert v.page.locator(".am-nodes .am-node.p1").count() == 4
    v.page.uncheck('input[name="perspective"][value="parking"]')
    assert v.page.locator(".am-nodes .am-node.p1").count() == 0
    assert v.page.locator(".am-nodes .am-node.p0").count() == 3
    v.page.click("#am-tab-outline")
    assert not v.page.is_visible('.ol-item[data-claim="deliveries-blocked"] > .ol-claim')
    assert v.page.is_visible('.ol-item[data-claim="loading-zones-answer"] > .ol-claim')
    assert v.page.inner_text("#am-count") == "3 of 7 claims shown"


def test_search_and_the_unanswered_switch(visit, pages):
    v = visit(pages["small"])
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
    assert v.panel_title() == HOSTILE
    assert "window.__pwned=2" in v.page.inner_text("#am-panel")   # the note, as text
    v.page.click("#am-tab-outline")
    assert v.page.inner_text('.ol-item[data-claim="hostile"] .ol-open') == HOSTILE
    assert v.page.evaluate("typeof window.__pwned") == "undefined"
    assert v.page.evaluate("document.querySelectorAll('img').length") == 0
    assert v.requests == [v.url]  # no image request for src=x either
    assert v.errors == []


def test_a_deep_link_opens_its_claim_on_load_and_on_hash_change(visit, pages):
    v = visit(pages["small"], "#study-too-small")
    assert v.panel_title().startswith("The injury study covered one street")
    selected = v.page.get_attribute('.am-nodes .am-node[data-id="study-too-small"]', "class")
    assert "is-selected" in selected
    v.page.evaluate("location.hash = '#deliveries-blocked'")
    v.page.wait_for_function(
        "() => document.getElementById('am-panel-title').textContent.startsWith('Lanes would')")


def test_the_keyboard_reaches_claims_enter_opens_and_escape_closes(visit, pages):
    v = visit(pages["small"])
    for _ in range(40):
        v.page.keyboard.press("Tab")
        if v.page.evaluate("document.activeElement.classList.contains('am-node')"):
            break
    node = v.page.evaluate("document.activeElement.getAttribute('data-id')")
    assert node == "build-lanes"  # the first box in reading order
    assert "Resolution:" in v.page.evaluate("document.activeElement.getAttribute('aria-label')")
    v.page.keyboard.press("Tab")
    v.page.keyboard.press("Enter")
    assert v.page.is_visible("#am-panel")
    assert v.page.evaluate("document.activeElement.id") == "am-panel-title"
    assert v.page.inner_text("#am-announce").startswith("Details:")
    v.page.keyboard.press("Escape")
    assert v.page.is_hidden("#am-panel")
    assert v.page.evaluate("document.activeElement.classList.contains('am-node')")


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
            fh.write(data)
            fh.flush()
            text = subprocess.run(["pdftotext", "-layout", fh.name, "-"], capture_output=True,
                                  text=True, check=True).stdout
    else:
        pypdf = pytest.importorskip("pypdf", reason="needs pdftotext or pypdf to read PDFs")
        import io
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_gives_every_claim_quote_and_source(visit, pages, paper):
    v = visit(pages["small"])
    v.page.uncheck('input[name="perspective"][value="parking"]')  # print ignores filters
    text = pdf_text(v.page.pdf(format=paper, print_background=True))
    debate = load(FIXTURES / "small")
    assert "City cycling policy" in text and "Legend" in text
    for claim in debate.claims:
        assert claim.text in text, claim.id
        for ev in claim.evidence:
            assert ev.quote in text, claim.id
    assert "Main Street Merchants Association" in text
    assert "Diagram" not in text and "Highlight unanswered" not in text  # no controls


def test_a_2000_claim_map_opens_and_stays_responsive(visit, tmp_path):
    page_file = write_page(synthetic_debate(2000), tmp_path / "big.html")
    v = visit(page_file)
    p = v.page
    drawn = p.locator(".am-nodes .am-node").count()
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
    p.wait_for_function("() => document.querySelectorAll('.am-nodes .am-node').length > 200")
    all_seconds = time.perf_counter() - started
    timing = p.evaluate("window.argmapTiming")
    print(f"\n2,000 claims: {page_file.stat().st_size / 1e6:.1f} MB; interactive after "
          f"{v.load_seconds:.2f} s (script {timing['script'] / 1000:.2f} s); {drawn} boxes "
          f"drawn at first; a click opened a claim in {click_seconds:.2f} s; every level, "
          f"zoomed to fit, in {all_seconds:.2f} s")
    assert drawn < 400  # deep levels start collapsed and off-screen boxes are not drawn
    assert v.errors == []
    assert v.load_seconds < 20  # a sanity bound, not a benchmark


def save_screenshot(target: str, root: str) -> None:
    """The diagram view of ``root`` as a PNG, for the README."""
    from playwright.sync_api import sync_playwright

    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = write_page(load(root), Path(tmp) / "index.html")
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = chromium.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_file.resolve().as_uri())
            page.wait_for_function("() => window.argmapReady === true")
            page.wait_for_timeout(300)
            page.screenshot(path=target)
            chromium.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--screenshot":
        sys.exit("usage: python tests/test_browser.py --screenshot OUT.png [DEBATE_DIR]")
    sys.path.insert(0, str(Path(__file__).parent))
    save_screenshot(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else str(FIXTURES / "small"))
