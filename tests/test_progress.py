"""Progress on long work: a bar on standard error when it is a terminal, nothing in a pipe
or with --quiet; the library only calls the callback it is given."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.builder import build

from conftest import FIXTURES, require

ROOT = Path(__file__).resolve().parent.parent
# A bar redraws its line: a carriage return not followed by a line feed (a terminal turns
# each line's end into "\r\n").
REDRAW = re.compile(r"\r(?!\n)")


def run(args: list[str], cwd: Path, terminal: bool) -> tuple[int, str]:
    """``argmap ARGS`` with standard error on a pseudo-terminal (``terminal``) or a pipe;
    the exit code and what standard error got. A bar shows from the first step on."""
    env = {**os.environ, "ARGMAP_PROGRESS_AFTER": "0", "PYTHONPATH": str(ROOT),
           "NO_COLOR": "1"}
    command = [sys.executable, "-m", "argmap", *args]
    if not terminal:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=120)
        return done.returncode, done.stderr.decode()
    master, slave = pty.openpty()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    got = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other end closed: the command ended
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    proc.communicate(timeout=120)
    return proc.returncode, got.decode()


def test_a_build_on_a_terminal_shows_each_step_and_how_far_it_is(tmp_path):
    code, err = run(["build", str(FIXTURES / "small"), "-o", "out", "--no-graphviz"],
                    tmp_path, terminal=True)
    assert code == 0
    assert "writing index" in err and "writing briefs" in err
    assert "building" in err and REDRAW.search(err)


def test_a_build_into_a_pipe_shows_no_progress(tmp_path):
    code, err = run(["build", str(FIXTURES / "small"), "-o", "out", "--no-graphviz"],
                    tmp_path, terminal=False)
    assert code == 0 and "writing index" not in err and not REDRAW.search(err)


def test_quiet_shows_no_progress_even_on_a_terminal(tmp_path):
    code, err = run(["build", str(FIXTURES / "small"), "-o", "out", "--no-graphviz",
                     "--quiet"], tmp_path, terminal=True)
    assert code == 0 and "writing index" not in err and not REDRAW.search(err)


@pytest.mark.browser
def test_a_pdf_build_on_a_terminal_names_each_page_it_prints(tmp_path):
    from argmap.render.pdf import PdfUnavailable, check_available
    try:
        check_available()
    except PdfUnavailable as exc:
        require(False, str(exc))
    code, err = run(["build", str(FIXTURES / "small"), "-o", "out", "--no-graphviz", "--pdf"],
                    tmp_path, terminal=True)
    assert code == 0 and "printing briefs/lanes.pdf" in err


def test_the_library_tells_its_callback_every_step_and_writes_nothing(tmp_path, capfd):
    told: list[tuple[int, int, str]] = []
    build(str(FIXTURES / "small"), str(tmp_path / "out"), graphviz=False, cache=False,
          progress=lambda done, total, what: told.append((done, total, what)))
    assert [d for d, _, _ in told] == list(range(len(told)))  # one step after another
    assert told[-1][0] == told[-1][1] and "writing index" in {w for _, _, w in told}
    out, err = capfd.readouterr()
    assert out == "" and err == ""
