"""A build's outputs as one set: the map page leads to every other file the build wrote, and
the next build removes what it no longer writes, never anything else in the folder."""

from __future__ import annotations

import json
import os

import pytest

import argmap
from bs4 import BeautifulSoup

from argmap.builder import build
from argmap.manifest import MANIFEST
from argmap.render.dot import dot_available

from conftest import FIXTURES


def links_of(out, page: str = "index.html") -> list[str]:
    """The build's files a page links: the map page's header, or the teacher's page's lists
    (its links to the map, the glossary and terms aside)."""
    soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
    if page == "index.html":
        return [a["href"] for a in soup.select(".am-outputs a")]
    return [a["href"] for a in soup.select("main ul.items a")]


def written(out) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {MANIFEST}


@pytest.mark.parametrize("graphviz", [False, pytest.param(True, marks=pytest.mark.skipif(
    not dot_available(), reason="needs Graphviz"))])
def test_every_link_of_the_map_page_resolves_to_a_file_the_build_wrote(tmp_path, graphviz):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=graphviz, worksheets=True, cache=False)
    links = links_of(out) + links_of(out, "teacher.html")
    assert {"report.html", "sources.html", "briefs/lanes.html", "briefs/parking.html",
            "worksheets/lanes.html", "worksheets/lanes-key.html", "teacher.html",
            "glossary.html"} <= set(links)
    assert ("map.pdf" in links) == graphviz and ("map.svg" in links) == graphviz
    for href in links:
        assert (out / href).is_file(), href
    # and every file worth a reader's visit is linked (the index pages list the briefs)
    unlinked = written(out) - set(links) - {"index.html", "briefs/index.html",
                                            "worksheets/index.html"}
    assert unlinked == set()


def test_a_second_build_with_fewer_outputs_removes_the_first_builds_extras(tmp_path):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=dot_available(), worksheets=True,
          cache=False)
    assert (out / "worksheets" / "lanes-key.html").exists()
    (out / "my-notes.txt").write_text("mine")
    (out / "worksheets" / "mine.html").write_text("mine too")
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    assert not (out / "map.svg").exists() and not (out / "map.pdf").exists()
    assert not (out / "worksheets" / "lanes-key.html").exists()
    assert (out / "my-notes.txt").read_text() == "mine"  # never touches what it did not write
    assert (out / "worksheets" / "mine.html").exists()
    assert written(out) == {"index.html", "argmap.json", "map.dot", "report.html",
                            "sources.html", "briefs/index.html", "briefs/lanes.html",
                            "briefs/parking.html", "my-notes.txt", "worksheets/mine.html",
                            "cards/lanes.html", "cards/parking.html", "clash/safety.html",
                            "clash/business.html", "glossary.html", "teacher.html"}
    assert set(json.loads((out / MANIFEST).read_text())["files"]) == \
        written(out) - {"my-notes.txt", "worksheets/mine.html"}


def test_a_folder_left_empty_by_the_clean_up_is_removed(tmp_path):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, worksheets=True, cache=False)
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    assert not (out / "worksheets").exists()


@pytest.mark.parametrize("planted", ["../outside.txt", "/etc/hostname", "sub/../../x"])
def test_a_planted_manifest_cannot_delete_outside_the_output_folder(tmp_path, planted):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "outside.txt"
    victim.write_text("keep")
    (out / MANIFEST).write_text(json.dumps({"files": [planted, str(victim)]}))
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    assert victim.read_text() == "keep"


def test_a_manifest_entry_that_is_a_link_is_not_followed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    os.symlink(victim, out / "old.html")
    (out / MANIFEST).write_text(json.dumps({"files": ["old.html"]}))
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    assert victim.read_text() == "keep" and (out / "old.html").is_symlink()


@pytest.mark.parametrize("worksheets", [False, True])
def test_every_output_names_before_rendering_exactly_the_files_it_writes(tmp_path, worksheets):
    from argmap.outputs import RenderContext, planned_files, wanted

    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, worksheets=worksheets,
          cache=False)
    result = argmap.check(str(FIXTURES / "small"), cache=False)
    ctx = RenderContext(result, argmap.build_graph(result.debate), worksheets=worksheets)
    assert {f["href"] for f in planned_files(ctx, wanted(ctx))} == written(out)


def test_the_map_pages_links_come_from_the_outputs_in_reading_order(tmp_path):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, worksheets=True, cache=False)
    assert links_of(out) == [
        "teacher.html", "report.html", "sources.html", "glossary.html", "briefs/lanes.html",
        "briefs/parking.html", "cards/lanes.html", "cards/parking.html", "clash/safety.html",
        "clash/business.html", "worksheets/lanes.html", "worksheets/parking.html", "map.dot",
        "argmap.json"]
    assert links_of(out, "teacher.html") == [  # everything, and the keys after the handouts
        "report.html", "sources.html", "glossary.html", "briefs/lanes.html",
        "briefs/parking.html", "cards/lanes.html", "cards/parking.html", "clash/safety.html",
        "clash/business.html", "worksheets/lanes.html", "worksheets/parking.html",
        "worksheets/lanes-key.html", "worksheets/parking-key.html", "map.dot", "argmap.json"]
