"""Process-wide speed tricks, behind one door, off unless the process asks for them.

Loading a debate creates hundreds of thousands of small objects that live until the command
ends. Python's cyclic collector would walk all of them again each time enough new objects
pile up: at 10,000 claims that was a third of ``check`` and most of building the graph. Two
tricks remove that cost, and both change the whole process, so a library must not play them
on its caller (a web server or a notebook that imports argmap):

- while a phase builds long-lived data (loading, the graph), the collector is paused;
- after it, what the phase built is frozen (``gc.freeze``): no later collection walks it, and
  a forked worker shares it copy-on-write without touching its pages.

The library marks those phases with :func:`long_lived`, which does nothing unless
:func:`enable` was called; the ``argmap`` command calls it once, at its start. This module is
the only one that touches the collector; :mod:`argmap.parallel` is the only one that forks,
and only when the caller asks for a worker (``build(..., jobs=2)``).

A third trick is for the end of the ``argmap`` program only (:func:`leave`): tearing down the
interpreter frees every object one by one, a tenth of a second after a large build, for a
process that is about to vanish; the program leaves without it once its output is flushed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

__all__ = ["enable", "disable", "enabled", "session", "long_lived", "shared_with_fork",
           "leave"]

_enabled = False


def enable() -> None:
    """Let argmap pause and freeze the collector in this process (the CLI does)."""
    global _enabled
    _enabled = True


def disable() -> None:
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled


@contextlib.contextmanager
def session():
    """Tuning on for one command, and the process as it was afterwards (the collector on,
    nothing left frozen): a command run inside a longer process, as the tests run it, leaves
    no trace."""
    frozen_before = gc.get_freeze_count()
    was_enabled = gc.isenabled()
    enable()
    try:
        yield
    finally:
        disable()
        if not frozen_before:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def long_lived():
    """A phase that only builds data living to the end of the command: with tuning on, the
    collector is paused during it and what it built is frozen after it."""
    if not _enabled:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def shared_with_fork():
    """Around a fork: what exists now is frozen, so neither process's collector walks it
    (which would also copy its pages); thawed afterwards unless tuning keeps it frozen."""
    already = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not _enabled and not already:
            gc.unfreeze()


def leave(code: int) -> None:
    """End the program with exit status ``code`` without freeing its objects one by one:
    its streams are flushed and its exit handlers run first, as a normal exit does. Only for
    a program's last line (``argmap.cli.run``); a thread still running gets a normal exit."""
    import atexit
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None:  # an interpreter without it: leave the usual way
        sys.exit(code)
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), a closed stream
            pass
    os._exit(code)
