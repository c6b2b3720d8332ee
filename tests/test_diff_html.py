"""``argmap diff --format html`` in a real headless Chromium: the new map with the changes
listed, stepped through, marked on the map, the word diff shown, and nothing fetched.

Needs what tests/test_browser.py needs (Debian's ``chromium``, Playwright's Python package).
Make the README's picture with ``python tests/test_diff_html.py docs/diff-page.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browsing import ARGS, CHROMIUM
from test_browser import Visit
from test_diff import TWO_SIDES, bundled_changed, diff_of, two

from argmap.diff.page import diff_page
from argmap.diff.render import sections

pytestmark = pytest.mark.browser


def write(diff, path: Path) -> Path:
    path.write_text("".join(diff_page(diff)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The bundled debate and a copy with five edits: the page, and the diff it shows."""
    out = tmp_path_factory.mktemp("diff-page")
    diff = diff_of(*bundled_changed(out))
    return write(diff, out / "changes.html"), diff


@pytest.fixture
def visit(browser):  # noqa: F811
    opened = []

    def open_(path: Path, **kwargs) -> Visit:
        v = Visit(browser, path, **kwargs)
        v.page.wait_for_function("() => window.argmapDiffReady === true")
        opened.append(v)
        return v
    yield open_
    for v in opened:
        v.context.close()


def listed(v: Visit) -> list[tuple[str, list[str]]]:
    return v.page.evaluate("""() => Array.from(document.querySelectorAll('.dv-section'))
        .map(s => [s.querySelector('h3').textContent,
                   Array.from(s.querySelectorAll('.dv-item')).map(b => b.textContent)])""")


def test_the_page_lists_exactly_the_changes_by_section(visit, changed):
    page, diff = changed
    v = visit(page)
    got = listed(v)
    want = sections(diff)
    assert [title for title, _ in got] == [s.title for s in want]
    for (title, items), section in zip(got, want, strict=True):
        assert len(items) == len(section.lines), title
        for item, line in zip(items, section.lines, strict=True):
            assert "".join(text for _, text in line.runs) in item
    claims = dict(got)["Claims"]
    assert claims[0].startswith("removed dec-amnesty-recommends")
    assert claims[1] == "dec-rights-based-approach renamed dec-human-rights-approach"
    assert claims[2] == "changed dec-excluded-from-services"
    assert dict(got)["Relations"] == [
        "added dec-sex-worker-led-knowledge attacks em-model-definition"]
    assert v.page.inner_text(".dv-pos") == "8 changes"
    assert v.errors == []
    assert v.requests == [v.url]  # self-contained: nothing fetched, no policy refusal


def test_next_steps_through_every_change_opening_and_marking_each_claim(visit, changed):
    page, diff = changed
    v = visit(page)
    steps = [line for s in v.page.evaluate(
        "() => JSON.parse(document.getElementById('argmap-diff').textContent).sections")
        for line in s["lines"]]
    new = diff.new_debate.claims_by_id
    seen = []
    for i, line in enumerate(steps, 1):
        v.page.click(".dv-next")
        assert v.page.inner_text(".dv-pos") == f"{i} of {len(steps)}"
        assert v.page.get_attribute(f'.dv-item[data-step="{i - 1}"]', "aria-current") == "step"
        target = line["target"]
        if line.get("old"):  # the removed claim: its old text, and no claim opened
            assert "Not on the new map" in v.page.inner_text(".dv-current")
            assert v.page.inner_text(".dv-old-text").startswith("Amnesty International voted")
            continue
        if target is None:  # the balance audit's figures: about the map as a whole
            assert "nothing to open" in v.page.inner_text(".dv-current")
            continue
        v.page.wait_for_function("(id) => location.hash === '#' + id", arg=target)
        assert v.focus_title() == new[target].text
        assert v.page.evaluate("document.activeElement.id") == "am-focus-title"
        seen.append(target)
        if target in ("dec-human-rights-approach", "dec-excluded-from-services",
                      "dec-sex-worker-led-knowledge"):
            badges = v.page.inner_text(".fv-parent.dv-marked .at-meta .dv-badges")
            assert badges.strip() in ("renamed from dec-rights-based-approach", "reworded",
                                      "changed")
    assert seen[:3] == ["dec-human-rights-approach", "dec-excluded-from-services",
                        "dec-sex-worker-led-knowledge"]
    v.page.click(".dv-next")  # past the last: back to the first
    assert v.page.inner_text(".dv-pos") == f"1 of {len(steps)}"
    assert v.errors == []


def test_the_word_diff_strikes_the_old_words_and_underlines_the_new(visit, changed):
    v = visit(changed[0])
    v.page.click('.dv-item[data-target="dec-excluded-from-services"]')
    old = v.page.locator(".dv-current del.dv-old")
    new = v.page.locator(".dv-current ins.dv-new")
    assert old.inner_text() == "shut out of"
    assert new.inner_text() == "excluded from"
    assert "line-through" in old.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in new.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert new.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert v.page.inner_text(".dv-current").count("health care, housing") == 1


def test_keys_step_forward_and_back_but_not_while_typing(visit, changed):
    v = visit(changed[0])
    v.page.keyboard.press("j")
    v.page.keyboard.press("n")
    assert v.page.inner_text(".dv-pos") == "2 of 8"
    v.page.keyboard.press("k")
    assert v.page.inner_text(".dv-pos") == "1 of 8"
    v.page.keyboard.press("p")
    assert v.page.inner_text(".dv-pos") == "8 of 8"
    v.page.fill('input[name="q"]', "jnkp")
    assert v.page.inner_text(".dv-pos") == "8 of 8"


def test_changed_claims_are_marked_in_words_on_the_whole_map_and_the_outline(visit, changed):
    v = visit(changed[0])
    v.page.click('.dv-item[data-target="dec-excluded-from-services"]')
    v.whole_map()
    node = v.page.locator('.am-nodes .am-node[data-id="dec-excluded-from-services"]')
    node.wait_for()
    assert node.locator(".dv-tag text").text_content() == "reworded"
    assert "dv-current" in node.get_attribute("class")
    assert node.get_attribute("aria-label").startswith("(reworded) ")
    assert v.page.inner_text("#am-panel .am-panel-kicker .dv-badges").strip() == "reworded"
    v.page.click("#am-tab-outline")
    row = v.page.locator('.ol-item[data-claim="dec-human-rights-approach"] .dv-badges').first
    assert row.inner_text().strip() == "renamed from dec-rights-based-approach"
    assert v.errors == []


def test_a_page_of_no_differences_says_so(visit, tmp_path):
    page = write(diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES})),
                 tmp_path / "same.html")
    v = visit(page)
    assert v.page.inner_text(".dv-none").startswith("No differences")
    assert v.page.locator(".dv-next").count() == 0
    assert v.errors == [] and v.requests == [v.url]


def picture(out: str) -> None:
    """The README's picture: the bundled debate with the five edits, at the reworded claim."""
    import tempfile

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page = write(diff_of(*bundled_changed(Path(tmp))), Path(tmp) / "changes.html")
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            view = chromium.new_page(viewport={"width": 1366, "height": 768})
            view.goto(page.resolve().as_uri())
            view.wait_for_function("() => window.argmapDiffReady === true")
            for _ in range(3):
                view.click(".dv-next")
            view.wait_for_timeout(300)
            view.screenshot(path=out)
            chromium.close()


if __name__ == "__main__":
    picture(sys.argv[1] if len(sys.argv) > 1 else "docs/diff-page.png")
