"""Read only what the user named: regular files inside the debate folder and the archive
folders, never through a link that leads out of them.

A debate folder may come from a stranger. Its ``archives:`` and ``archive:`` entries, and
links among its files, must not make argmap read ``/etc/shadow`` (and print its "closest
passage"), hang on a FIFO or fill memory from ``/dev/zero``.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["relative_path_problem", "inside", "within", "Refused", "read_regular", "open_regular",
           "write_target_problem", "output_folder_problem"]


class Refused(Exception):
    """A file argmap will not read; the message says why, for a diagnostic."""


def relative_path_problem(text: str) -> str | None:
    """Why ``text`` is not a relative path that stays inside its folder, or None."""
    if not text.strip():
        return "it is empty"
    slashed = text.replace("\\", "/")
    if (slashed.startswith(("/", "~")) or os.path.isabs(text)
            or (len(slashed) > 1 and slashed[1] == ":")):
        return "it is not a path relative to the folder"
    if ".." in posixpath.normpath(slashed).split("/") or ".." in slashed.split("/"):
        return "it leads out of the folder ('..')"
    return None


def inside(path: str, folder: str) -> bool:
    """Whether ``path``, links resolved, lies inside ``folder`` (links resolved)."""
    return within(os.path.realpath(path), os.path.realpath(folder))


def within(real: str, top: str) -> bool:
    """Whether the resolved path ``real`` is the resolved folder ``top`` or inside it (for
    callers that resolve ``top`` once and test many paths against it)."""
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def read_regular(path: str, folder: str, limit: int | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file inside ``folder``; else :class:`Refused`.

    Opened without blocking, so a FIFO that slipped in between the check and the open still
    cannot hang the read. ``limit`` bounds how much is read (``Refused`` past it).
    """
    with open_regular(path, folder) as (fh, info):
        if limit is not None and info.st_size > limit:
            raise Refused(f"it is larger than {limit:,} bytes")
        return fh.read() if limit is None else fh.read(limit + 1)


@contextlib.contextmanager
def open_regular(path: str, folder: str | None) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """``(file, its stat)`` of ``path`` opened for reading if it is a regular file (inside
    ``folder``, links resolved, when one is given); else :class:`Refused`. Opened without
    blocking, so a FIFO that slipped in between the check and the open cannot hang it."""
    if folder is not None and not inside(path, folder):
        raise Refused(f"it is a link to a file outside {folder}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused("it is not a regular file")
        yield fh, info


def write_target_problem(target: str, root: str, archive_folders=()) -> str | None:
    """Why writing the file ``target`` would change the debate in ``root``, or None.

    A debate's files are its YAML (any ``*.yaml``/``*.yml`` inside the folder is read as part
    of it, so a new one would join it too) and its archived source texts.
    """
    if inside(target, root) and target.lower().endswith((".yaml", ".yml")):
        return f"it is a YAML file inside the debate folder '{root}', part of the debate"
    for folder in archive_folders:
        if inside(target, folder):
            return f"it is inside the archive folder '{folder}'"
    return None


def output_folder_problem(out_dir: str, root: str, archive_folders=()) -> str | None:
    """Why writing a build's (or a flow's) files into the folder ``out_dir`` would change the
    debate in ``root``, or None: the debate folder itself, or an archive folder or a folder
    inside one (a page named like an archived text would replace it)."""
    if os.path.realpath(out_dir) == os.path.realpath(root):
        return f"it is the debate folder '{root}' itself; build into a folder of its own"
    for folder in archive_folders:
        if inside(out_dir, folder):
            return f"it is inside the archive folder '{folder}'"
    return None
