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
"""

from __future__ import annotations

import contextlib
import gc

__all__ = ["enable", "disable", "enabled", "session", "long_lived", "shared_with_fork"]

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
