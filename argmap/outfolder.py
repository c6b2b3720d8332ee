"""Write only inside the output folder: never through a link that leads out of it.

The default output folder, ``output/``, sits inside a cloned debate repository, and git stores
links. A stranger's repository can ship ``output`` itself, or ``output/briefs``, as a link to a
folder elsewhere, with a planted build manifest naming files there; a build that followed
them would overwrite and delete files outside the folder the user meant. So:

- an output folder that is a link, or holds a link to a folder outside it, is refused before
  anything is written (:func:`check_output_folder`);
- every write, rename and removal checks that the folder it acts in, links resolved, is the
  output folder or inside it (:func:`confined`), so a link made after that check is still
  not followed out;
- a name is recorded in, or taken from, the build manifest only when no link lies on its way
  (:func:`plain_path`).

Links to *files* are harmless to a build: a rename replaces the link itself, and a removal
touches only regular files.
"""

from __future__ import annotations

import os

from .confine import within
from .errors import ArgmapError

__all__ = ["OutputFolderRefused", "check_output_folder", "confined", "plain_path"]

# A folder tree deeper than this is not an output folder argmap made; walking it further
# would only cost time (and a recursive walk, the stack).
MAX_DEPTH = 64


class OutputFolderRefused(ArgmapError):
    """The output folder is, or holds, a link out of it: nothing is written."""


def check_output_folder(out_dir: str) -> None:
    """Raise :class:`OutputFolderRefused` when ``out_dir`` is a link, or holds (at any depth)
    a link to a folder outside it. A folder that does not exist yet is fine."""
    if os.path.islink(out_dir):
        raise OutputFolderRefused(
            f"the output folder '{out_dir}' is a link (to '{os.readlink(out_dir)}'); argmap "
            "writes only into a real folder: remove the link or name the folder with -o")
    if not os.path.isdir(out_dir):
        return
    top = os.path.realpath(out_dir)
    stack = [(out_dir, 0)]
    while stack:  # iterative: a deep tree cannot exhaust the stack
        folder, depth = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # unreadable: nothing will be written or removed through it either
        for entry in entries:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.isdir(target) and not within(target, top):
                    raise OutputFolderRefused(
                        f"the output folder '{out_dir}' holds '{entry.path}', a link to the "
                        f"folder '{target}' outside it; argmap will not write through it: "
                        "remove the link, or build into another folder with -o")
            elif entry.is_dir(follow_symlinks=False) and depth < MAX_DEPTH:
                stack.append((entry.path, depth + 1))


def confined(path: str, top_real: str) -> bool:
    """Whether the folder holding ``path`` is, links resolved, ``top_real`` (the output
    folder's real path) or inside it: where a write, rename or removal may act."""
    return within(os.path.realpath(os.path.dirname(os.path.abspath(path))), top_real)


def plain_path(out_dir: str, rel: str) -> bool:
    """Whether ``rel`` reaches its file from ``out_dir`` through real folders only: no link
    on the way (the file itself may be anything)."""
    parts = rel.split("/")
    folder = os.path.dirname(os.path.join(os.path.abspath(out_dir), *parts))
    expected = os.path.join(os.path.realpath(out_dir), *parts[:-1]).rstrip(os.sep)
    return os.path.realpath(folder) == expected
