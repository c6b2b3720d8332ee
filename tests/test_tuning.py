"""argmap as a library leaves its caller's process as it found it: the collector on, nothing
frozen, no child process; the ``argmap`` command tunes its own process, and only its own."""

from __future__ import annotations

import gc
import os

import pytest

import argmap
from argmap import builder, tuning
from argmap.builder import build

from conftest import write_debate
from synthetic import synthetic_debate


@pytest.fixture
def big_debate(tmp_path):
    """A 2,000-claim debate on disk: large enough that the command would use a worker."""
    debate = synthetic_debate(builder.PARALLEL_MIN_CLAIMS)
    lines = ["claims:"]
    for c in debate.claims:
        rel = c.relations[0]
        lines += [f"  - id: {c.id}", f"    perspective: {c.perspective}",
                  f"    text: {c.text}", f"    {rel.kind}: [{rel.target}]"]
    head = ("title: Big\nperspectives:\n  - id: side-a\n  - id: side-b\nresolutions:\n"
            "  - {id: motion-a, text: A.}\n  - {id: motion-b, text: B.}\n")
    return write_debate(tmp_path / "big", {"c.yaml": "\n".join(lines) + "\n"}, head)


@pytest.fixture
def no_fork(monkeypatch):
    def refuse():
        raise AssertionError("argmap forked the caller's process")
    monkeypatch.setattr(os, "fork", refuse)


def test_check_as_a_library_leaves_the_collector_as_it_was(big_debate):
    frozen = gc.get_freeze_count()
    result = argmap.check(str(big_debate), cache=False)
    assert len(result.debate.claims) == builder.PARALLEL_MIN_CLAIMS
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_build_as_a_library_never_forks_and_leaves_the_collector_on(big_debate, tmp_path,
                                                                   no_fork):
    frozen = gc.get_freeze_count()
    result = build(str(big_debate), str(tmp_path / "out"), graphviz=False, cache=False)
    assert result.written and gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_library_caller_may_ask_for_a_worker(big_debate, tmp_path, monkeypatch):
    forks = []
    real = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real())
    build(str(big_debate), str(tmp_path / "out"), graphviz=False, cache=False, jobs=2)
    assert forks == [1] and gc.isenabled() and gc.get_freeze_count() == 0


def test_the_command_tunes_its_run_and_leaves_no_trace(cli, big_debate):
    assert cli("check", str(big_debate), "--no-cache").exit_code == 0
    assert not tuning.enabled() and gc.isenabled() and gc.get_freeze_count() == 0


def test_within_a_command_loading_is_frozen_for_the_rest_of_it(big_debate):
    with tuning.session():
        argmap.check(str(big_debate), cache=False)
        assert gc.get_freeze_count() > 10_000 and gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_only_one_module_touches_the_collector_and_one_forks():
    import pathlib
    import re
    package = pathlib.Path(argmap.__file__).parent
    touching, forking = set(), set()
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"gc\.(disable|freeze|unfreeze|enable)\(", text):
            touching.add(path.name)
        if "os.fork(" in text:
            forking.add(path.name)
    assert touching == {"tuning.py"} and forking == {"parallel.py"}


def test_a_renderer_dropped_half_read_in_a_reference_cycle_leaves_the_collector_on():
    from argmap.render.sources import render_sources_html
    debate = synthetic_debate(30)
    pieces = render_sources_html(debate, argmap.build_graph(debate))
    next(pieces)
    box = [pieces]
    box.append(box)  # what an exception's traceback does: a cycle only the collector frees
    del pieces, box
    assert gc.isenabled()  # B1: a paused collector could never come back to free it


def _program(*args: str, code: str | None = None, **kwargs):
    import subprocess
    import sys
    from pathlib import Path
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "argmap", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parent.parent, **kwargs)


def test_the_program_leaves_with_its_command_s_status_and_all_its_output(debate_dir):
    good = debate_dir({"c.yaml": """\
        claims:
          - id: fine
            perspective: pro
            text: A claim.
            supports: [motion]
        """})
    ok = _program("check", str(good))
    assert ok.returncode == 0 and "0 errors" in ok.stdout
    bad = debate_dir({"c.yaml": """\
        claims:
          - id: broken
            perspective: nobody
            text: A claim.
        """})
    failed = _program("check", str(bad))
    assert failed.returncode == 1 and "nobody" in failed.stderr and "1 error" in failed.stderr
    assert _program("check", "--no-such-flag").returncode == 2


def test_leaving_quickly_still_runs_exit_handlers_and_flushes_output():
    done = _program(code="import atexit; from argmap import tuning; "
                         "atexit.register(lambda: print('handler ran')); "
                         "print('written', end=' '); tuning.leave(3)")
    assert done.returncode == 3
    assert done.stdout == "written handler ran\n"


def test_leaving_with_a_thread_still_running_waits_for_it():
    done = _program(code="import threading, time; from argmap import tuning; "
                         "threading.Thread(target=lambda: (time.sleep(0.3), "
                         "print('thread done'))).start(); tuning.leave(0)")
    assert done.returncode == 0 and done.stdout == "thread done\n"
