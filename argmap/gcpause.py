"""Pause Python's cyclic garbage collector around work that only builds long-lived data.

Loading a debate creates hundreds of thousands of small, acyclic objects that live until the
end of the command. Each time enough new objects pile up, the collector walks all of them
again, for nothing: at 10,000 claims that was a third of ``check`` and most of building the
graph. Reference counting still frees everything as usual while the collector is paused.
"""

from __future__ import annotations

import contextlib
import gc

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
