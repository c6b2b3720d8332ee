"""Outputs are written whole or not at all, and text given as pieces (what a build streams)
is written exactly as the same text given whole."""

from __future__ import annotations

import pytest

import argmap
from argmap.outputs import RenderContext, links_of, wanted
from argmap import writing
from argmap.builder import build
from argmap.export.jsongraph import to_node_link_json
from argmap.render.dot import render_dot
from argmap.render.html import render_html
from argmap.render.report import render_report_html
from argmap.render.sources import render_sources_html

from conftest import FIXTURES


def test_text_given_as_pieces_is_written_as_the_same_bytes_as_whole_text(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(writing, "_CHUNK", 7)  # so the whole text is encoded in several parts
    text = "Claim — «quoted» ✓\n" * 5 + "end"
    pieces = [text[i:i + 3] for i in range(0, len(text), 3)]
    writing.write_atomic(str(tmp_path / "whole.txt"), text)
    writing.write_atomic(str(tmp_path / "pieces.txt"), iter(pieces))
    assert (tmp_path / "pieces.txt").read_bytes() == text.encode("utf-8")
    assert (tmp_path / "pieces.txt").read_bytes() == (tmp_path / "whole.txt").read_bytes()


def test_pieces_that_fail_part_way_leave_neither_the_file_nor_a_temporary(tmp_path):
    def failing():
        yield "half a page"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError, match="renderer failed"):
        writing.write_atomic(str(tmp_path / "page.html"), failing())
    assert list(tmp_path.iterdir()) == []


def test_a_failure_part_way_keeps_the_earlier_file_as_it_was(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("earlier build", encoding="utf-8")

    def failing():
        yield "new page, half"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        writing.write_all(str(tmp_path), {"other.html": "fine", "page.html": failing()})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    assert target.read_text(encoding="utf-8") == "earlier build"


def test_a_build_writes_exactly_what_the_renderers_yield(tmp_path):
    checked = argmap.check(str(FIXTURES / "small"), cache=False)
    debate = checked.debate
    graph = argmap.build_graph(debate)
    build(str(FIXTURES / "small"), str(tmp_path), graphviz=False, cache=False)
    ctx = RenderContext(checked, graph)
    whole = {
        "index.html": "".join(render_html(debate, graph, links=links_of(ctx, wanted(ctx)))),
        "argmap.json": to_node_link_json(graph),
        "map.dot": "".join(render_dot(debate, graph)),
        "report.html": "".join(render_report_html(debate, graph, checked.quotes)),
        "sources.html": "".join(render_sources_html(debate, graph, checked)),
    }
    for name, text in whole.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text, name


def test_a_write_that_fails_closes_the_renderer_it_was_reading(tmp_path):
    closed = []

    def renderer():
        try:
            yield "a piece"
            yield "\ud800"  # a lone surrogate: UTF-8 cannot encode it, so the write fails
            yield "never reached"
        finally:
            closed.append(True)

    pieces = renderer()
    with pytest.raises(UnicodeEncodeError):
        writing.write_atomic(str(tmp_path / "page.html"), pieces)
    assert closed == [True]
    assert list(tmp_path.iterdir()) == []
