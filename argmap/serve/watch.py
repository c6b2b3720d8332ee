"""Notice when the files of a debate folder change, by polling their sizes and times.

Why a poll and not the operating system's notifications (``watchfiles``, ``watchdog``): a
debate is a few dozen files, so one look at all of them (a ``stat`` each) takes well under a
millisecond and can run forty times a second; a poll needs no dependency and no compiled
wheel, behaves the same on Linux, macOS, Windows, network drives and containers (where
notifications are often lost), and cannot miss an editor's save-by-rename.
"""

from __future__ import annotations

import os
import time

from ..folders import walk

__all__ = ["snapshot", "Watcher"]


def snapshot(*roots: str) -> dict[str, tuple[int, int]]:
    """Every file below the ``roots`` (hidden files and folders skipped, as the loader skips
    them) as path → ``(mtime_ns, size)``. A file that vanishes while being looked at is
    simply left out."""
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        _look(root, found)
    return found


def _look(root: str, found: dict) -> None:
    for folder, files in walk(root, hidden=False):
        for name in files:
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found[path] = (st.st_mtime_ns, st.st_size)


class Watcher:
    """``wait_for_change()`` returns the changed paths once the folders (the debate's and
    any archive folders outside it) have changed and then stayed quiet for ``settle``
    seconds (debounced: a save that writes several files, or a ``git checkout``, is one
    change), or an empty set when ``stop`` was set."""

    def __init__(self, *roots: str, interval: float = 0.025, settle: float = 0.015,
                 longest_wait: float = 0.5):
        self.roots = roots
        self.interval, self.settle, self.longest_wait = interval, settle, longest_wait
        self.seen = snapshot(*roots)

    def wait_for_change(self, stop) -> set[str]:
        while not stop.is_set():
            now = snapshot(*self.roots)
            if now != self.seen:
                return self._settled(now, stop)
            stop.wait(self.interval)
        return set()

    def _settled(self, now: dict, stop) -> set[str]:
        """Wait until two looks ``settle`` apart agree (at most ``longest_wait``): what the
        folder holds then is what a build reads."""
        deadline = time.monotonic() + self.longest_wait
        while not stop.is_set() and time.monotonic() < deadline:
            stop.wait(self.settle)
            again = snapshot(*self.roots)
            if again == now:
                break
            now = again
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        return changed
