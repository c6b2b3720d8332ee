"""How a long piece of work says how far it is: a callback, ``progress(done, total, what)``.

The library only calls what its caller hands it and writes nothing itself; the command line
hands it :func:`terminal_progress`, a click progress bar on standard error.

    with terminal_progress(quiet=False) as progress:
        build("claims", "output", pdf=True, progress=progress)
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator

__all__ = ["Progress", "terminal_progress", "Steps"]

Progress = Callable[[int, int, str], None]

# A build that ends sooner says nothing: a bar that flashes by is noise. ARGMAP_PROGRESS_AFTER
# (seconds) moves it, so that a test can see the bar of a quick build.
AFTER = 1.0


class Steps:
    """Counts the steps of one piece of work for a :data:`Progress` (which may be None)."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, what: str) -> None:
        """``what`` is the step about to start."""
        if self.progress is not None:
            self.progress(self.done, self.total, what)
        self.done += 1

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total, "done")


@contextlib.contextmanager
def terminal_progress(quiet: bool = False, stream=None) -> Iterator[Progress | None]:
    """A :data:`Progress` that draws a bar on ``stream`` (standard error) once the work has
    taken a second; None (nothing drawn) when ``quiet`` or the stream is not a terminal, so
    logs and pipes get no control characters."""
    import click

    stream = stream or sys.stderr
    if quiet or not (hasattr(stream, "isatty") and stream.isatty()):
        yield None
        return
    after = float(os.environ.get("ARGMAP_PROGRESS_AFTER", AFTER))
    start = time.monotonic()
    bar = None

    def progress(done: int, total: int, what: str) -> None:
        nonlocal bar
        if bar is None:
            if time.monotonic() - start < after:
                return
            bar = click.progressbar(length=total, file=stream, label="building",
                                    item_show_func=lambda item: item, show_pos=True, show_eta=False,
                                    width=24)
            bar.__enter__()
        bar.length = total  # a step may have told how many more there are
        bar.update(done - bar.pos, current_item=what)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
