"""PDFs of briefs, worksheets and flows printed by headless Chromium, on A4 and Letter: the
cards are in them, whole on one page, and a missing browser is a clear message.

The printing tests need Debian's ``chromium`` (or ``ARGMAP_CHROMIUM``), Playwright's Python
package and ``pdftotext`` (poppler-utils); each is skipped, with the reason, without them.
"""

from __future__ import annotations

import functools
import os

import pytest

import argmap
from argmap.render import pdf as pdfmod
from argmap.render.briefs import render_briefs

from conftest import FIXTURES, copy_fixture
from pdftext import PAPERS, pages_and_size, pdftotext, words



@functools.cache
def loaded():
    debate, _ = argmap.load(str(FIXTURES / "uniforms"))
    return debate, argmap.build_graph(debate)


def quotes(perspective: str) -> list[str]:
    debate, _ = loaded()
    return [ev.quote for c in debate.claims if c.perspective == perspective
            for ev in c.evidence if ev.quote]


# ---- without a browser ---------------------------------------------------------------------

def test_a_missing_chromium_is_a_clear_error_naming_what_to_install(monkeypatch):
    monkeypatch.setenv("ARGMAP_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(pdfmod.PdfUnavailable) as caught:
        pdfmod.html_to_pdf({"a.html": "<p>x</p>"})
    message = str(caught.value)
    assert "pip install 'argmap[pdf]'" in message
    assert "apt-get install chromium" in message


def test_a_missing_playwright_is_a_clear_error_too(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_playwright(name, *args, **kwargs):
        if name.startswith("playwright"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_playwright)
    with pytest.raises(pdfmod.PdfUnavailable, match=r"pip install 'argmap\[pdf\]'"):
        pdfmod.check_available()


def test_the_cli_turns_a_missing_chromium_into_a_clean_exit(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    copy_fixture("uniforms", tmp_path)
    result = cli("flow", "uniforms", "--pdf", "-o", "out")
    assert result.exit_code == 2
    assert "apt-get install chromium" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_paper_names():
    assert pdfmod.pdf_name("briefs/a.html") == "briefs/a.pdf"
    with pytest.raises(ValueError, match="a4, letter"):
        pdfmod.html_to_pdf({}, paper="A5")


# ---- printing ------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("paper", list(PAPERS))
def test_a_brief_prints_with_every_card_on_the_paper_asked_for(printer, paper):
    html = render_briefs(*loaded())["briefs/uniform.html"]
    data = printer({"briefs/uniform.html": html}, paper=paper)["briefs/uniform.pdf"]
    assert data.startswith(b"%PDF")
    count, size = pages_and_size(data)
    assert size == pytest.approx(PAPERS[paper], abs=1)
    text = words(pdftotext(data))
    debate, _ = loaded()
    for c in debate.claims:
        if c.perspective == "uniform":
            assert words(c.text) in text
    for q in quotes("uniform"):
        assert words(q) in text
    assert "Okafor 2021" in text and "NO REPLY RECORDED" in text.upper()
    # break-inside: avoid keeps each card (tag, cite and card text) whole on one page
    pages = [words(pdftotext(data, n)) for n in range(1, count + 1)]
    assert count >= 3
    for c in debate.claims:
        if c.perspective == "uniform":
            for ev in c.evidence:
                assert any(words(c.text) in page and words(ev.quote) in page
                           for page in pages), c.id


@pytest.mark.browser
@pytest.mark.parametrize("paper", list(PAPERS))
def test_a_flow_prints_landscape(printer, paper):
    from argmap.render.flowsheet import render_flow

    html = render_flow(*loaded())["flow.html"]
    data = printer({"flow.html": html}, paper=paper)["flow.pdf"]
    _, (width, height) = pages_and_size(data)
    assert (width, height) == pytest.approx(tuple(reversed(PAPERS[paper])), abs=1)
    text = words(pdftotext(data))
    for name in ("1AC", "1NC", "2AR"):
        assert name in text
    assert "Uniforms lower what families spend" in text


@pytest.mark.browser
def test_a_worksheet_pdf_has_no_quotes_and_its_key_has_them(printer):
    from argmap.render.worksheets import render_worksheets

    files = render_worksheets(*loaded())
    pdfs = printer({k: files[k] for k in ("worksheets/uniform.html",
                                          "worksheets/uniform-key.html")}, paper="Letter")
    sheet = words(pdftotext(pdfs["worksheets/uniform.pdf"]))
    key = words(pdftotext(pdfs["worksheets/uniform-key.pdf"]))
    assert "FIND THE EVIDENCE" in sheet.upper()
    debate, _ = loaded()
    has_address = {s.id: bool(s.url or s.doi) for s in debate.sources}
    findable = {ev.quote for c in debate.claims for ev in c.evidence if has_address[ev.source]}
    for q in quotes("uniform"):
        # a passage from a source students cannot look up is printed for them to work from
        assert (words(q) not in sheet) == (q in findable)
        assert words(q) in key


@pytest.mark.browser
def test_pdfs_are_repeatable_and_independent_of_the_pages_printed_with_them(printer):
    files = render_briefs(*loaded())
    alone = printer({"briefs/choice.html": files["briefs/choice.html"]})
    again = printer(files)
    assert alone["briefs/choice.pdf"] == again["briefs/choice.pdf"]
    assert b"/CreationDate (D:00000000000000" in alone["briefs/choice.pdf"]


@pytest.mark.browser
def test_the_cli_writes_flow_pdf(printer, cli, tmp_path):
    copy_fixture("uniforms", tmp_path)
    result = cli("flow", "uniforms", "--pdf", "--paper", "letter", "-o", "out")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "out" / "flow.pdf").read_bytes()
    assert pages_and_size(data)[1] == pytest.approx((792.0, 612.0), abs=1)


def test_the_chromium_path_can_be_overridden(monkeypatch):
    monkeypatch.delenv("ARGMAP_CHROMIUM", raising=False)
    assert pdfmod.chromium_path() == "/usr/bin/chromium"
    monkeypatch.setenv("ARGMAP_CHROMIUM", "/opt/chromium")
    assert pdfmod.chromium_path() == "/opt/chromium"


def test_a_program_that_is_not_chromium_is_a_clear_error(monkeypatch):
    pytest.importorskip("playwright.sync_api", reason="needs Playwright's Python package")
    if not os.path.exists("/bin/false"):
        pytest.skip("needs /bin/false")
    monkeypatch.setenv("ARGMAP_CHROMIUM", "/bin/false")
    with pytest.raises(pdfmod.PdfUnavailable, match="did not start"):
        pdfmod.html_to_pdf({"a.html": "<p>x</p>"})
