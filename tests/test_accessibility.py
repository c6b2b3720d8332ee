"""Every page a teacher's build of the bundled map writes, in each of the map page's views,
and the flow sheet, pass axe-core's WCAG 2.1 A and AA rules in a real Chromium (#26 item 11).

axe-core comes with axe-playwright-python (the ``test`` extra). It is injected into the page,
which the pages' Content-Security-Policy would refuse: this module's browser context
bypasses the CSP, and only this one. One build and one browser for the module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browsing import require_chromium  # noqa: E402

require_chromium()
pytest.importorskip("axe_playwright_python",
                    reason="needs axe-playwright-python (pip install 'argmap[test]')")

from conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.browser

BUNDLED = ROOT / "claims"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
    # experimental in axe, so off under runOnly: on, since #26 counted it on the map page
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("a11y")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for command in (["build", str(BUNDLED), "-o", str(out / "map"), "--worksheets",
                     "--audience", "teacher"],
                    ["flow", str(BUNDLED), "-o", str(out / "flow")]):
        subprocess.run([sys.executable, "-m", "argmap", *command], check=True,
                       capture_output=True, env=env)
    return out


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True)
    yield ctx
    ctx.close()


SCALE = """() => parseFloat(document.querySelector('.am-viewport').getAttribute('transform')
                           .split('scale(')[1])"""


def _whole_map(page):
    page.click("#am-tab-diagram")
    page.wait_for_timeout(150)


def _zoomed_in(page):
    """The first group box clicked, then the wheel at the map's left edge to full text.
    (The left edge stays in view: axe's visible text of a box the window's left edge cuts
    is its lines that reach into the window, gaps and all, which no name can contain.)"""
    _whole_map(page)
    page.click(".am-group >> nth=0")
    box = page.locator("#am-svg").bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] / 2)
    while page.evaluate(SCALE) < 1:
        page.mouse.wheel(0, -100)
    page.wait_for_timeout(150)


# the map page's views: a fragment to open and what to do then
VIEWS = {
    "claim by claim": ("", None),
    "a claim open": ("#em-inherently-violent", None),
    "outline": ("", lambda p: p.click("#am-tab-outline")),
    "whole map fitted": ("", _whole_map),
    "whole map zoomed in": ("", _zoomed_in),
    "whole map, a claim open": ("#em-inherently-violent",
                                lambda p: p.click("#am-tab-diagram")),
    "materials menu open": ("", lambda p: p.click(".am-menu-toggle")),
    "a topic filter": ("", lambda p: p.select_option('select[name="topic"]', "health")),
    "a topic filter, whole map": ("", lambda p: (
        p.select_option('select[name="topic"]', "health"), _whole_map(p))),
    "a topic filter, outline": ("", lambda p: (
        p.select_option('select[name="topic"]', "health"), p.click("#am-tab-outline"))),
}

# the other pages, a folder's pages together
PAGES = ["map/report.html", "map/sources.html", "map/teacher.html", "map/glossary.html",
         "map/briefs/*.html", "map/worksheets/*.html", "map/clash/*.html", "map/cards/*.html",
         "flow/flow.html"]


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}) on {len(v['nodes'])}: "
            + ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
            for v in found]


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_map_page_passes_axe(context, built, view):
    fragment, then = VIEWS[view]
    page = context.new_page()
    try:
        page.goto((built / "map" / "index.html").resolve().as_uri() + fragment)
        page.wait_for_function("() => window.argmapReady === true")
        if then:
            then(page)
        assert violations(page) == []
    finally:
        page.close()


@pytest.mark.parametrize("pattern", PAGES)
def test_the_page_passes_axe(context, built, pattern):
    files = sorted(built.glob(pattern))
    assert files, pattern
    found = {}
    for path in files:
        page = context.new_page()
        try:
            page.goto(path.resolve().as_uri())
            if problems := violations(page):
                found[str(path.relative_to(built))] = problems
        finally:
            page.close()
    assert found == {}
