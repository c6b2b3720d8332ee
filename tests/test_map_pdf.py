"""map.pdf on paper: Graphviz's one large page becomes A4 or Letter pages, through the real
`dot` (skipped without Graphviz)."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

import argmap
from argmap.render import dot
from argmap.render.mappdf import page_count, render_map_pdf
from argmap.render.tiling import PAPER, tile_pdf

from conftest import FIXTURES, require
from pdftext import pdftotext
from synthetic import synthetic_debate

pytestmark = [pytest.mark.graphviz,
              pytest.mark.skipif(not dot.dot_available(), reason="needs Graphviz `dot`")]


def graphviz_pdf(debate) -> bytes:
    return dot.run_dot("".join(dot.render_dot(debate, argmap.build_graph(debate))), "pdf")


def sizes(data: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_small_map_is_a_few_pages_of_the_paper_asked_for(paper):
    debate, _ = argmap.load(str(FIXTURES / "small"))
    pages = sizes(tile_pdf(graphviz_pdf(debate), paper))
    w, h = (round(x) for x in PAPER[paper])
    assert 1 <= len(pages) <= 4 and set(pages) <= {(w, h), (h, w)}


@pytest.fixture(scope="module")
def large_map_pdf() -> bytes:
    debate = synthetic_debate(150)
    graph = argmap.build_graph(debate)
    return render_map_pdf(debate, graph, "".join(dot.render_dot(debate, graph)), "a4")


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_large_map_is_pages_of_the_paper_asked_for(paper):
    debate = synthetic_debate(150)
    graph = argmap.build_graph(debate)
    data = render_map_pdf(debate, graph, "".join(dot.render_dot(debate, graph)), paper)
    w, h = (round(x) for x in PAPER[paper])
    assert len(sizes(data)) > 2 and set(sizes(data)) <= {(w, h), (h, w)}


def test_no_page_of_a_large_map_is_blank(large_map_pdf):
    require(shutil.which("pdftotext") is not None, "needs pdftotext (poppler-utils)")
    count = page_count(large_map_pdf)
    empty = [n for n in range(1, count + 1) if not pdftotext(large_map_pdf, n).split()]
    assert empty == []


def test_tiles_with_no_box_in_them_are_left_out():
    source = graphviz_pdf(synthetic_debate(150))
    width, height = (float(v) for v in PdfReader(io.BytesIO(source)).pages[0].mediabox[2:])
    all_tiles = page_count(tile_pdf(source, "a4", boxes=None))
    one_corner = page_count(tile_pdf(source, "a4", boxes=[(0, 0, 100, 60)]))
    assert all_tiles > 4 and one_corner == 1


def test_the_overview_prints_every_word_at_8_points_or_more(large_map_pdf):
    require(shutil.which("pdftotext") is not None, "needs pdftotext (poppler-utils)")
    count = page_count(large_map_pdf)
    overview = [n for n in range(1, count + 1)
                if pdftotext(large_map_pdf, n).lstrip().startswith("Overview")
                or "Overview" in pdftotext(large_map_pdf, n)[:200]]
    assert overview and overview == list(range(1, len(overview) + 1))  # first, in a run
    heights = [h for n in overview for h in word_heights(large_map_pdf, n)]
    # a word's box is its font's height (ascent and descent: about 1.15 em): 8 pt type
    # has boxes of about 9 pt
    assert min(heights) >= 8 * 1.1


def word_heights(data: bytes, page: int) -> list[float]:
    import re
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page),
                               fh.name, "-"], capture_output=True, check=True).stdout.decode()
    return [float(b) - float(a) for a, b in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
                       html)]


def test_the_map_page_names_map_pdf_as_the_whole_map_with_its_page_count(tmp_path):
    from argmap.builder import build
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), cache=False)
    pages = page_count((out / "map.pdf").read_bytes())
    noun = "page" if pages == 1 else "pages"
    assert (f"Whole map as a printable diagram (PDF, {pages} {noun})"
            in (out / "index.html").read_text())


def test_tiles_carry_the_map_s_text():
    debate = synthetic_debate(150)
    data = tile_pdf(graphviz_pdf(debate), "a4")
    require(shutil.which("pdftotext") is not None,
            "needs pdftotext (apt-get install poppler-utils) to read the tiles' text")
    text = pdftotext(data, from_page=2)  # every tile, after the overview
    assert "Side A" in text and "Side B" in text


def test_the_drawing_is_stored_once_however_many_pages_it_spans():
    source = graphviz_pdf(synthetic_debate(150))
    data = tile_pdf(source, "a4")
    assert len(PdfReader(io.BytesIO(data)).pages) > 4
    assert len(data) < 2 * len(source) + 50_000
