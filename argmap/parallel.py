"""Run two lists of output jobs at once: one here, one in a forked worker process.

fork (not spawn) is the point: the worker starts with the model and graph already in memory,
shared copy-on-write, so nothing big is pickled either way. The worker stages its files
itself and sends back only their temporary and final paths, so the caller's
:class:`~argmap.writing.StagedFiles` commits (or discards) everything together.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Iterable

from .errors import ArgmapError
from .tuning import shared_with_fork
from .writing import StagedFiles

__all__ = ["run_with_worker", "WorkerFailed"]


class WorkerFailed(ArgmapError, RuntimeError):
    """The worker process raised, or died; its message says what happened."""


def _worker(files: Callable[[], Iterable], out_dir: str, pipe_w: int) -> None:
    """In the child: stage the jobs' files, report, and leave without running any of the
    parent's clean-up (``os._exit``: no atexit handlers, no flushing of inherited buffers)."""
    status = 0
    mine = StagedFiles(out_dir)
    try:
        mine.stage_all(files())
        report = {"staged": mine.staged}
    except BaseException as exc:  # noqa: BLE001 - everything must reach the parent
        mine.discard()
        report = {"error": f"{type(exc).__name__}: {exc}",
                  "traceback": traceback.format_exc()}
        status = 1
    try:
        with os.fdopen(pipe_w, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(report))
    finally:
        os._exit(status)


def run_with_worker(here: Callable[[], Iterable], worker: Callable[[], Iterable],
                    staged: StagedFiles) -> None:
    """Stage the files ``here()`` yields in this process and those ``worker()`` yields in a
    forked one."""
    # The model and graph, shared with the worker, are frozen meanwhile: the collector of
    # neither process walks them (which would also copy their pages).
    with shared_with_fork():
        pipe_r, pipe_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child; its effects are tested
            os.close(pipe_r)
            _worker(worker, staged.out_dir, pipe_w)
        os.close(pipe_w)
        try:
            staged.stage_all(here())
        finally:
            with os.fdopen(pipe_r, "r", encoding="utf-8") as fh:
                text = fh.read()
            os.waitpid(pid, 0)
            try:
                report = json.loads(text)
            except ValueError:
                report = {"error": "the worker process ended without a report"}
            staged.adopt(report.get("staged", []))  # so a failure here discards them too
    if "error" in report:
        raise WorkerFailed(f"rendering in the worker process failed: {report['error']}")
