"""The bundled map page as its readers meet it (#26): the map gets the screen, print gives
what you see, the whole map stays readable zoomed out, and phones get pages that fit.

One build of the bundled debate per module, in a real headless Chromium (as
tests/test_browser.py: Debian's chromium and Playwright's Python package).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from browsing import require_chromium  # noqa: E402

require_chromium()

import argmap  # noqa: E402

from conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.browser

BUNDLED = ROOT / "claims"
PHONE = (390, 844)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "argmap", "build", str(BUNDLED), "-o", str(out)],
                   check=True, capture_output=True, env=env)
    return out


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(path: Path, size=(1366, 768), fragment="", touch=False):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                      has_touch=touch)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri() + fragment)
        if path.name == "index.html":
            page.wait_for_function("() => window.argmapReady === true")
        page.errors = errors
        return page
    yield open_
    for context in contexts:
        context.close()


def wholly_in_view(page, selector: str) -> int:
    return page.evaluate("""(sel) => Array.from(document.querySelectorAll(sel))
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && r.top >= 0 && r.left >= 0 &&
                              r.bottom <= innerHeight && r.right <= innerWidth; }).length""",
                         selector)


# ---- 1. the map gets the screen

def test_at_1366x768_six_claim_cards_are_wholly_in_view_at_first(open_page, built):
    page = open_page(built / "index.html")
    # the bundled debate's content note (#26 item 7) takes one card's room until hidden
    assert wholly_in_view(page, ".fv-card") >= 5
    page.click("#am-content-note button")
    assert wholly_in_view(page, ".fv-card") >= 6
    assert page.errors == []


def test_the_links_to_other_outputs_open_from_a_menu_button_and_escape_closes_it(open_page,
                                                                                  built):
    page = open_page(built / "index.html")
    button = page.locator(".am-menu-toggle")
    assert page.is_hidden("#am-outputs") and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert page.is_visible('#am-outputs a[href="report.html"]')
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.is_hidden("#am-outputs") and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('am-menu-toggle')")


# ---- 2. print what you see

def pdf_pages(data: bytes) -> int:
    import pypdf
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def test_printing_under_a_topic_filter_prints_that_topic_in_a_quarter_of_the_pages(open_page,
                                                                                   built):
    page = open_page(built / "index.html")
    whole = pdf_pages(page.pdf(format="A4", print_background=True))
    page.select_option('select[name="topic"]', "health")
    part = page.pdf(format="A4", print_background=True)
    assert pdf_pages(part) <= whole / 4
    page.emulate_media(media="print")
    assert page.is_hidden(".am-atlas")
    assert page.inner_text(".pp-part").startswith("Part of the map: Topic: Health")
    printed = set(page.evaluate("""() => Array.from(document.querySelectorAll(
        '.am-print-part .fv-card:not(.is-context)')).map(c => c.getAttribute('data-id'))"""))
    health = {c.id for c in argmap.load(str(BUNDLED))[0].claims if "health" in c.tags}
    assert printed and printed <= health
    in_outline = set(page.evaluate("""() => Array.from(document.querySelectorAll(
        '.am-outline-view .ol-item:not(.pr-out):not(.pr-context)'))
        .filter(li => li.offsetParent !== null).map(li => li.getAttribute('data-claim'))"""))
    assert in_outline == health


def test_the_print_the_whole_map_button_prints_without_the_filter(open_page, built):
    page = open_page(built / "index.html")
    assert page.is_hidden("#am-print-whole")
    page.select_option('select[name="topic"]', "health")
    page.evaluate("""() => { window.print = () => { window.__part = document.documentElement
                                  .classList.contains('am-print-part-on'); }; }""")
    page.click("#am-print-whole")
    assert page.evaluate("window.__part") is False
    assert "am-print-part-on" in page.get_attribute("html", "class")


def test_printing_with_a_claim_open_prints_that_claim_and_its_replies(open_page, built):
    page = open_page(built / "index.html", fragment="#em-inherently-violent")
    page.emulate_media(media="print")
    assert "Claim:" in page.inner_text(".pp-part")
    assert page.locator(".am-print-part .fv-branch").first.locator(
        ".fv-parent").count() == 1


# ---- 3. a whole map you can read zoomed out

SCREEN_FONTS = """() => {
    const scale = parseFloat(document.querySelector('.am-viewport').getAttribute('transform')
                             .match(/scale\\(([\\d.]+)\\)/)[1]);
    const svg = document.getElementById('am-svg').getBoundingClientRect();
    return Array.from(document.querySelectorAll('.am-nodes .am-node, .am-nodes .am-group'))
      .filter(g => {
        const r = g.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left >= svg.left && r.right <= svg.right &&
               r.top >= svg.top && r.bottom <= svg.bottom; })
      .map(g => Array.from(g.querySelectorAll('text')).filter(t => t.textContent.trim())
                  .map(t => parseFloat(getComputedStyle(t).fontSize) * scale)); }"""
SCALE = """() => parseFloat(document.querySelector('.am-viewport').getAttribute('transform')
                           .split('scale(')[1])"""


def whole_map(page):
    page.click("#am-tab-diagram")
    page.wait_for_timeout(150)


def test_the_whole_map_opens_fitted_in_group_boxes_with_no_text_under_11_px(open_page, built):
    page = open_page(built / "index.html")
    whole_map(page)
    boxes = page.evaluate(SCREEN_FONTS)
    drawn = page.locator(".am-nodes .am-node, .am-nodes .am-group").count()
    assert len(boxes) == drawn  # all of it in view
    assert all(box for box in boxes)  # every box has text...
    assert min(size for box in boxes for size in box) >= 11  # ...of 11 px or more
    assert page.locator(".am-nodes .am-node.claim").count() == 0
    # at least one group box per lane, each naming its perspective and its claims
    labels = page.evaluate("""() => Array.from(document.querySelectorAll('.am-group'))
        .map(g => [g.getAttribute('aria-label'), g.textContent.trim()])""")
    perspectives = argmap.load(str(BUNDLED))[0].perspectives
    for p in perspectives:
        assert any(name.startswith(p.label + " \u2014 ") for name, _ in labels), p.label
    claims = sum(int(name.split(" \u2014 ")[1].split()[0]) for name, _ in labels)
    assert claims == len(argmap.load(str(BUNDLED))[0].claims)
    # the accessible name is the visible text; group boxes are in the tab order
    assert all(name == text for name, text in labels)
    assert page.evaluate("""() => Array.from(document.querySelectorAll('.am-group'))
        .every(g => g.getAttribute('role') === 'button' && g.tabIndex === 0)""")


def test_zoomed_in_a_little_every_box_in_view_shows_text_of_11_px_or_more(open_page, built):
    page = open_page(built / "index.html")
    whole_map(page)
    # "+" until the claim boxes replace the group boxes (a few steps from fitted; how many
    # depends on the room the header leaves the map)
    for _ in range(6):
        page.click('[data-zoom="in"]')
        page.wait_for_timeout(150)
        if page.locator(".am-nodes .am-group").count() == 0:
            break
    boxes = page.evaluate(SCREEN_FONTS)
    assert page.locator(".am-nodes .am-group").count() == 0
    assert len(boxes) >= 20
    assert all(box and min(box) >= 11 for box in boxes)


def test_zoomed_in_to_100_percent_claim_boxes_show_their_whole_text(open_page, built):
    page = open_page(built / "index.html")
    whole_map(page)
    while page.evaluate(SCALE) < 1:
        page.click('[data-zoom="in"]')
    page.wait_for_timeout(150)
    texts = page.evaluate("""() => { const svg = document.getElementById('am-svg')
        .getBoundingClientRect();
      return Array.from(document.querySelectorAll('.am-nodes .am-node.claim')).filter(g => {
        const r = g.getBoundingClientRect();
        return r.left >= svg.left && r.right <= svg.right && r.top >= svg.top &&
               r.bottom <= svg.bottom; }).map(g => g.querySelector('.txt').textContent); }""")
    assert len(texts) >= 4 and all(len(t) > 40 for t in texts)


@pytest.mark.parametrize("how", ["click", "Enter"])
def test_a_group_box_zooms_in_to_its_claims_with_text(open_page, built, how):
    page = open_page(built / "index.html")
    whole_map(page)
    group = page.locator(".am-group").nth(2)
    name = group.get_attribute("aria-label")
    if how == "click":
        group.click()
    else:
        group.focus()
        page.keyboard.press("Enter")
    page.wait_for_timeout(150)
    assert page.locator(".am-nodes .am-group").count() == 0
    boxes = page.evaluate(SCREEN_FONTS)
    assert len(boxes) >= 10 and all(box and min(box) >= 11 for box in boxes)
    label = name.split(" \u2014 ")[0]
    in_view = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.am-nodes .am-node.claim')).filter(g => { const r = g.getBoundingClientRect();
          const svg = document.getElementById('am-svg').getBoundingClientRect();
          return r.left >= svg.left && r.right <= svg.right && r.top >= svg.top &&
                 r.bottom <= svg.bottom; }).map(g => g.getAttribute('aria-label'))""")
    assert sum(label in n for n in in_view) >= 10
    assert page.evaluate("document.activeElement.classList.contains('am-node')")


def test_under_a_filter_group_boxes_count_what_it_leaves_and_fit_frames_it(open_page, built):
    page = open_page(built / "index.html")
    whole_map(page)
    page.select_option('select[name="topic"]', "health")
    page.wait_for_timeout(150)
    names = page.evaluate("""() => Array.from(document.querySelectorAll('.am-group'))
        .map(g => g.getAttribute('aria-label'))""")
    health = [c for c in argmap.load(str(BUNDLED))[0].claims if "health" in c.tags]
    assert sum(int(n.split(" \u2014 ")[1].split()[0]) for n in names) == len(health)
    assert all(" of " in n for n in names)
    page.click('[data-zoom="in"]')
    page.click('[data-zoom="fit"]')
    page.wait_for_timeout(150)
    assert len(page.evaluate(SCREEN_FONTS)) == page.locator(
        ".am-nodes .am-node, .am-nodes .am-group").count()  # all of it in view


def test_two_fingers_pinch_the_whole_map_to_zoom(open_page, built):
    page = open_page(built / "index.html", touch=True)
    whole_map(page)
    before = page.evaluate("document.querySelector('.am-viewport').getAttribute('transform')")
    cdp = page.context.new_cdp_session(page)
    box = page.locator("#am-svg").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def touch(kind, gap):
        points = [] if kind == "touchEnd" else [{"x": cx - gap, "y": cy, "id": 1},
                                                 {"x": cx + gap, "y": cy, "id": 2}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    touch("touchStart", 40)
    for gap in (60, 90, 120):
        touch("touchMove", gap)
    touch("touchEnd", 0)
    page.wait_for_timeout(100)
    after = page.evaluate("document.querySelector('.am-viewport').getAttribute('transform')")

    def scale(transform: str) -> float:
        return float(transform.split("scale(")[1].rstrip(")"))
    assert scale(after) == pytest.approx(3 * scale(before), rel=0.05)


# ---- 9. phones

def test_on_a_phone_no_page_is_wider_than_the_screen(open_page, built):
    page = open_page(built / "index.html", size=PHONE)
    page.click(".am-filters-toggle")
    assert page.is_visible(".am-filters")
    widths = {"index.html with the filters open":
              page.evaluate("document.documentElement.scrollWidth")}
    for name in ["report.html", "sources.html"] + [
            f"cards/{p.name}" for p in sorted((built / "cards").glob("*.html"))]:
        other = open_page(built / name, size=PHONE)
        widths[name] = other.evaluate("document.documentElement.scrollWidth")
    assert {name: w for name, w in widths.items() if w > PHONE[0]} == {}


def test_on_a_phone_each_side_s_replies_are_one_tap_away(open_page, built):
    page = open_page(built / "index.html", size=PHONE, fragment="#em-inherently-violent")
    sides = page.locator(".fv-side")
    assert sides.count() == 2
    for i in range(sides.count()):
        sides.nth(i).click()
        page.evaluate("document.getElementById('am-focus-view').scrollTop = 0")
        top = page.evaluate("""() => { const lane = Array.from(document.querySelectorAll(
            '#am-focus-body .at-lane')).find(l => l.offsetParent !== null);
            return lane.querySelector('.fv-card').getBoundingClientRect().top; }""")
        assert top < 2 * PHONE[1]  # reachable without scrolling two screens (#26 item 9)


def test_on_a_phone_tap_targets_are_at_least_24_px_square(open_page, built):
    page = open_page(built / "index.html", size=PHONE, fragment="#em-inherently-violent")
    page.click(".am-filters-toggle")
    small = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.am-header a, .am-header button, .am-toolbar button, .am-toolbar select, ' +
        '.am-toolbar input[type=search], .am-filters label, #am-crumbs a, .fv-side, ' +
        '.fv-evidence summary, .fv-targets a'))
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && (r.width < 24 || r.height < 24); })
        .map(e => e.textContent.trim().slice(0, 30))""")
    assert small == []


def test_on_a_phone_each_header_control_takes_its_own_taps(open_page, built):
    # the views' tabs once ran under the filters' button, and a tap on Outline opened Filters
    page = open_page(built / "index.html", size=PHONE)
    covered = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.am-header button, .am-header a')).filter(e => {
          const r = e.getBoundingClientRect();
          if (!r.width) return false;
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return hit !== e && !e.contains(hit); })
        .map(e => e.textContent.trim().slice(0, 30))""")
    assert covered == []
