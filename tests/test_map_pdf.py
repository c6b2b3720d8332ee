"""map.pdf on paper: Graphviz's one large page becomes A4 or Letter pages, through the real
`dot` (skipped without Graphviz)."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

import argmap
from argmap.render import dot
from argmap.render.tiling import MIN_SCALE, PAPER, tile_pdf

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


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_large_map_is_an_overview_then_tiles_of_the_paper_asked_for(paper):
    source = graphviz_pdf(synthetic_debate(150))
    big = PdfReader(io.BytesIO(source)).pages[0]
    data = tile_pdf(source, paper)
    pages = sizes(data)
    w, h = (round(x) for x in PAPER[paper])
    assert len(pages) > 2 and set(pages) <= {(w, h), (h, w)}
    # the tiles together cover the whole drawing at the readable scale
    area = float(big.mediabox.width) * float(big.mediabox.height) * MIN_SCALE ** 2
    assert (len(pages) - 1) * w * h >= area


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
