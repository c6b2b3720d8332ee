"""Walking a folder tree that may come from a stranger: iteratively, so a tree nested a
thousand folders deep cannot exhaust the stack (Python 3.11's ``os.walk`` recurses), and
saying which folders could not be read instead of passing over them in silence.

Links to folders are never followed (a debate's own archive folders are named, and checked,
separately); a folder's entries come sorted, so every walk is repeatable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

__all__ = ["walk", "Unreadable"]


class Unreadable(list):
    """The folders a walk could not read, each ``(path, reason)``."""


def walk(root: str, hidden: bool = True, unreadable: Unreadable | None = None
         ) -> Iterator[tuple[str, list[str]]]:
    """``(folder, file names)`` for ``root`` and every folder below it, top-down, the
    folders and files of each in name order; with ``hidden=False``, names starting with "."
    are left out (files and folders). A folder that cannot be read is added to
    ``unreadable`` (when given) and its contents are left out."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                found = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            if unreadable is not None:
                unreadable.append((folder, exc.strerror or str(exc)))
            continue
        files, folders = [], []
        for entry in found:
            if not hidden and entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            (folders if is_folder else files).append(entry.name)
        yield folder, files
        stack.extend(os.path.join(folder, name) for name in reversed(folders))
