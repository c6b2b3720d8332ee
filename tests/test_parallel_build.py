"""A large build renders half its outputs in a forked worker: the outputs must be the same
bytes as a build in one process, and a failure on either side must leave the output folder
as it was."""

from __future__ import annotations

import dataclasses
import os

import pytest

from argmap import builder, outputs
from argmap.builder import build
from argmap.parallel import WorkerFailed

from conftest import FIXTURES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def parallel(monkeypatch):
    """Use the worker even for a small debate, and even on one CPU."""
    monkeypatch.setattr(builder, "PARALLEL_MIN_CLAIMS", 0)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.delenv("ARGMAP_JOBS", raising=False)


def tree(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def test_a_build_with_a_worker_writes_the_same_bytes_as_one_without(tmp_path, parallel,
                                                                     monkeypatch):
    with_worker = build(str(FIXTURES / "small"), str(tmp_path / "two"), graphviz=False,
                        worksheets=True, cache=False, jobs=2)
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    alone = build(str(FIXTURES / "small"), str(tmp_path / "one"), graphviz=False,
                  worksheets=True, cache=False)
    assert [os.path.relpath(p, tmp_path / "two") for p in with_worker.written] == \
        [os.path.relpath(p, tmp_path / "one") for p in alone.written]
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    here, worker = outputs.balanced(list(outputs.OUTPUTS))
    assert here and worker  # both processes rendered some of what was compared


def test_a_failure_in_the_worker_leaves_an_earlier_build_untouched(tmp_path, parallel,
                                                                   monkeypatch):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    before = tree(out)

    def broken(*args):  # fails part-way through writing the page
        yield "<!doctype html>"
        raise RuntimeError("report renderer failed")
    monkeypatch.setattr("argmap.render.report.render_report_html", broken)
    with pytest.raises(WorkerFailed, match="report renderer failed"):
        build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False, jobs=2)
    assert tree(out) == before  # and no temporary files were left behind


def test_a_failure_here_discards_what_the_worker_staged(tmp_path, parallel, monkeypatch):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    before = tree(out)

    def page():  # fails part-way through writing the page
        yield "<!doctype html>"
        raise RuntimeError("a renderer here failed")
    default = [o for o in outputs.OUTPUTS if o.name != "worksheets"]
    victim = next(o for o in outputs.balanced(default)[0] if o.name != "index")  # here
    monkeypatch.setattr(outputs, "OUTPUTS", tuple(
        dataclasses.replace(o, render=lambda ctx: [("broken.html", page())])
        if o is victim else o for o in outputs.OUTPUTS))
    with pytest.raises(RuntimeError, match="a renderer here failed") as raised:
        build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False, jobs=2)
    assert raised.type is RuntimeError  # this process's own failure, not WorkerFailed
    assert tree(out) == before


def test_an_output_with_no_measured_cost_is_balanced_as_an_average_one():
    new = outputs.Output("a-new-output", 0, lambda ctx: [])
    here, worker = outputs.balanced([*outputs.OUTPUTS[:2], new])
    assert sorted(o.name for o in here + worker) == ["a-new-output", "index", "json"]


def test_adding_an_output_is_one_entry_in_the_table(tmp_path, monkeypatch):
    extra = outputs.Output("extra", 0.1, lambda ctx: [("extra.txt", ctx.debate.title)])
    monkeypatch.setattr(outputs, "OUTPUTS", (*outputs.OUTPUTS, extra))
    result = build(str(FIXTURES / "small"), str(tmp_path / "out"), graphviz=False,
                   cache=False)
    assert (tmp_path / "out" / "extra.txt").read_text() == "City cycling policy"
    assert str(tmp_path / "out" / "extra.txt") in result.written
