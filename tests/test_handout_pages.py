"""Handouts without waste (#26 item 8): every handout of the bundled debate and of the
README's lesson pack, printed on A4 and on Letter, has no page that holds only a running
header, a colophon or an empty grid, and a clash sheet fills its one page before it says
"and N more". Each material is printed once per paper (module-scoped), read back with
pdftotext."""

from __future__ import annotations

import re
import subprocess
import tempfile

import pytest
from bs4 import BeautifulSoup

import argmap
from argmap.flow import load_formats
from argmap.render.briefs import render_briefs
from argmap.render.cardsheet import render_card_sheets
from argmap.render.clashsheet import render_clash_sheets
from argmap.render.flowsheet import render_flow
from argmap.scope import Scope, scoped
from argmap.render.worksheets import render_worksheets

from conftest import ROOT
from pdftext import pages_and_size, pdftotext, words

LESSON = Scope(topics=("sweden-record",), strongest=5)  # the README's lesson pack
# A page's own words, besides the running header, the colophon, the flow's headings and
# numbers: the shortest claim of the bundled debate is a sentence of about 12 words, and a
# page holding only a colophon or an empty grid has none, so a page with fewer is waste.
MIN_WORDS = 12
MIN_FILL = 0.78  # of the printable height; A4's is 18 mm taller than the area a sheet fits
MM = 72 / 25.4


def handouts(debate, graph) -> dict[str, str]:
    pages = {**render_briefs(debate, graph), **dict(render_card_sheets(graph)),
             **dict(render_clash_sheets(graph)), **render_worksheets(debate, graph),
             "flow.html": render_flow(debate, graph, "policy", None, load_formats(None))[
                 "flow.html"]}
    return {name: html if isinstance(html, str) else "".join(html)
            for name, html in pages.items() if not name.endswith("index.html")}


@pytest.fixture(scope="module")
def materials() -> dict[str, str]:
    debate, _ = argmap.load(str(ROOT / "claims"))
    graph = argmap.build_graph(debate)
    pages = {f"bundled/{n}": h for n, h in handouts(debate, graph).items()}
    pages.update({f"lesson/{n}": h for n, h in handouts(debate, scoped(graph, LESSON)).items()})
    return pages


@pytest.fixture(scope="module", params=["A4", "Letter"])
def printed(request, materials) -> tuple[str, dict[str, bytes]]:
    from argmap.render import pdf as pdfmod
    try:
        pdfmod.check_available()
    except pdfmod.PdfUnavailable as exc:
        pytest.skip(f"needs Chromium and Playwright: {exc}")
    return request.param, pdfmod.html_to_pdf(materials, request.param)


def furniture(html: str) -> list[str]:
    """What a page repeats that is not its content: the running header (the scope), the
    colophon, the flow's row of speeches."""
    page = BeautifulSoup(html, "html.parser")
    found = [el.get_text(" ") for el in page.select("footer, thead")]
    return [words(t) for t in [scope_of_html(page), *found] if t.strip()]


def scope_of_html(page: BeautifulSoup) -> str:
    note = page.select_one(".scope-note")
    return note.get_text(" ") if note else ""


def own_words(text: str, repeated: list[str]) -> list[str]:
    text = words(text)
    for piece in repeated:
        text = text.replace(piece, " ")
    return [w for w in text.split() if re.search(r"[^\W\d_]", w)]


def bottom_of_text(data: bytes) -> float:
    """How far down the printable height the lowest printed word ends (0 to 1)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        box = subprocess.run(["pdftotext", "-bbox", fh.name, "-"], capture_output=True,
                             check=True, text=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box).group(1))
    lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', box))
    return (lowest - 12 * MM) / (height - 24 * MM)  # clash.css's 12 mm margins


@pytest.mark.browser
def test_no_printed_handout_page_holds_only_a_header_a_colophon_or_an_empty_grid(
        printed, materials):
    paper, pdfs = printed
    waste = []
    for name, data in pdfs.items():
        html = materials[name[:-4] + ".html"]
        repeated = furniture(html)
        # one pdftotext call a material: its pages are parted by form feeds
        for page, text in enumerate(pdftotext(data).split("\f")[:-1], 1):
            if len(own_words(text, repeated)) < MIN_WORDS:
                waste.append(f"{name} page {page}")
    assert waste == [], paper


@pytest.mark.browser
def test_a_clash_sheet_is_one_page_that_shows_every_claim_or_is_filled_first(printed):
    paper, pdfs = printed
    for name, data in pdfs.items():
        if "/clash/" not in name:
            continue
        assert pages_and_size(data)[0] == 1, (paper, name)
        if re.search(r"and \d+ more", words(pdftotext(data))):
            assert bottom_of_text(data) >= MIN_FILL, (paper, name)
