"""A build owns what it writes: ``.argmap-build.json`` in the output folder lists the files
the last build wrote, so the next build can remove those it no longer writes (an old
``map.svg`` after ``--no-graphviz``, ``worksheets/`` after a build without them) and never
touch any other file in the folder.

The list is read as untrusted input (the output folder may have been shared, or planted in
a cloned repository): only relative paths that reach their file through real folders inside
the output folder, with no link on the way, and that name regular files are ever removed; and
only such paths are recorded.
"""

from __future__ import annotations

import json
import os
import stat

from .confine import relative_path_problem
from .outfolder import confined, plain_path
from .writing import write_atomic

__all__ = ["MANIFEST", "previous", "prune", "record"]

MANIFEST = ".argmap-build.json"
_LIMIT = 1 << 22  # a list of a few thousand names; anything larger is not ours


def previous(out_dir: str) -> list[str]:
    """The files the last build recorded, or [] (none, or a list not to be trusted)."""
    path = os.path.join(out_dir, MANIFEST)
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LIMIT:
            return []
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return []
    return [f for f in files if isinstance(f, str) and relative_path_problem(f) is None
            and plain_path(out_dir, f)]


def prune(out_dir: str, old: list[str], new: list[str]) -> list[str]:
    """Remove the files of ``old`` not in ``new`` (regular files only), and folders they
    leave empty; return the names removed."""
    keep = set(new)
    removed = []
    top = os.path.abspath(out_dir)
    top_real = os.path.realpath(out_dir)
    for rel in sorted(set(old) - keep):
        if relative_path_problem(rel) or not plain_path(out_dir, rel):
            continue
        path = os.path.join(top, *rel.split("/"))
        try:
            if not confined(path, top_real) or not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            os.unlink(path)
        except OSError:
            continue
        removed.append(rel)
        folder = os.path.dirname(path)
        while folder != top and folder.startswith(top + os.sep):
            if os.path.islink(folder) or not confined(os.path.join(folder, "x"), top_real):
                break
            try:
                os.rmdir(folder)  # only when empty
            except OSError:
                break
            folder = os.path.dirname(folder)
    return removed


def record(out_dir: str, files: list[str]) -> None:
    from . import __version__
    plain = sorted(f for f in files if plain_path(out_dir, f))
    write_atomic(os.path.join(out_dir, MANIFEST),
                 json.dumps({"argmap": __version__, "files": plain}, indent=1) + "\n")
