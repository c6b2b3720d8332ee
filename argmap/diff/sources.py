"""The two sides of ``argmap diff``: a debate folder on disk, or a debate folder as a git
revision holds it, read through git's plumbing (``git ls-tree``, ``git cat-file --batch``)
into memory. Nothing is checked out, no work tree or index is changed, and no temporary
folder is written: the loader checks the revision's files from memory
(:func:`argmap.loader.check` with ``files``).

How the arguments are read, as ``git diff`` reads them:

- ``argmap diff OLD NEW``: each is a folder when it is one, else a revision;
- ``argmap diff REV``: the revision against the working tree;
- ``argmap diff REV [REV] -- PATH``: after ``--``, the debate folder inside the repository;
  before it, revisions only.

A revision side reads the same folder as the folder side (``argmap diff HEAD~1 claims``), or
the folder after ``--``, or else the debate the other commands would find (``claims``, or the
current folder when it holds ``debate.yaml``).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from ..errors import ArgmapError
from ..vocabulary import plural

__all__ = ["Side", "DiffInputError", "DebateFails", "resolve_sides", "read_revision",
           "check_side", "GIT_TIMEOUT"]

GIT_TIMEOUT = 120  # seconds for one git command: a huge repository, not a hung one


class DiffInputError(ArgmapError):
    """An input of ``argmap diff`` that cannot be read: a revision that is not in the
    repository, a folder outside it, no git where a revision needs one. Exit 2."""


@dataclass(frozen=True)
class Side:
    """One side of a diff. ``label``: as shown to the user (``claims``, ``HEAD~1:claims``).
    ``folder``: the debate folder on disk, or None for a revision; ``files``: for a
    revision, the folder's files (POSIX path inside it → bytes); ``revision``: as the user
    wrote it, ``commit``: the commit it names."""

    label: str
    folder: str | None = None
    revision: str | None = None
    commit: str | None = None
    files: dict | None = None


def _git(args: list[str], cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise DiffInputError("git is not installed (or not on PATH); a revision can be "
                             "compared only with git; compare two folders instead") from None


def _top_level(cwd: str, what: str) -> str:
    run = _git(["rev-parse", "--show-toplevel"], cwd)
    if run.returncode != 0:
        raise DiffInputError(f"'{what}' is neither a folder nor a revision: "
                             f"'{os.path.abspath(cwd)}' is not in a git repository")
    return run.stdout.decode("utf-8", "surrogateescape").strip()


def _commit(revision: str, top: str) -> str:
    if revision.startswith("-"):  # never an option to git
        raise DiffInputError(f"'{revision}' is not a revision in the repository at '{top}'")
    run = _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                f"{revision}^{{commit}}"], top)
    if run.returncode != 0:
        raise DiffInputError(f"'{revision}' is neither a folder nor a revision in the "
                             f"repository at '{top}'")
    return run.stdout.decode("ascii").strip()


def _path_in_repository(folder: str, top: str) -> str:
    """``folder`` (as the user named it, from the current folder) relative to the top of the
    repository, POSIX, "" for the top itself; a folder outside the repository is refused."""
    real_top = os.path.realpath(top)
    real = os.path.realpath(folder)
    rel = os.path.relpath(real, real_top)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        raise DiffInputError(f"'{folder}' is outside the git repository at '{top}'")
    return "" if rel == "." else rel.replace(os.sep, "/")


def read_revision(revision: str, folder: str, cwd: str = ".") -> Side:
    """The debate folder ``folder`` (a path from ``cwd``) as ``revision`` holds it."""
    top = _top_level(cwd, revision)
    commit = _commit(revision, top)
    inside = _path_in_repository(os.path.join(cwd, folder), top)
    label = f"{revision}:{inside}"
    prefix = inside + "/" if inside else ""
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit,
                    *(["--", inside] if inside else [])], top)
    if listing.returncode != 0:
        raise DiffInputError(f"git could not list '{label}': "
                             f"{listing.stderr.decode('utf-8', 'replace').strip()}")
    blobs: list[tuple[str, str]] = []  # (path inside the folder, object id)
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        head, _, path = entry.partition(b"\t")
        mode, kind, oid = head.decode("ascii").split()
        # regular files only: a link (mode 120000) holds a path, not the file; a submodule
        # (a commit) holds another repository
        if kind != "blob" or mode == "120000":
            continue
        name = path.decode("utf-8", "surrogateescape")
        if name.startswith(prefix):
            blobs.append((name[len(prefix):], oid))
    if not blobs:
        raise DiffInputError(f"'{inside or '.'}' is not a folder in revision '{revision}' "
                             f"({commit[:12]})")
    return Side(label, revision=revision, commit=commit, files=_cat_files(blobs, top))


def _cat_files(blobs: list[tuple[str, str]], top: str) -> dict[str, bytes]:
    """Every blob's bytes through one ``git cat-file --batch``."""
    run = _git(["cat-file", "--batch"], top,
               stdin="".join(f"{oid}\n" for _, oid in blobs).encode("ascii"))
    if run.returncode != 0:
        raise DiffInputError("git cat-file failed: "
                             f"{run.stderr.decode('utf-8', 'replace').strip()}")
    out, at, files = run.stdout, 0, {}
    for name, oid in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3 or header[0].decode("ascii") != oid:
            raise DiffInputError(f"git cat-file gave no object for '{name}' ({oid})")
        size = int(header[2])
        files[name] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the content, then a newline
    return files


def resolve_sides(old: str, new: str | None, path: str | None,
                  default_folder, cwd: str = ".") -> tuple[Side, Side]:
    """The two sides the arguments name (the module docstring's rules). ``path``: the folder
    given after ``--``; ``default_folder()``: the debate to read when none is named."""
    def is_folder(arg: str | None) -> bool:
        return arg is not None and path is None and os.path.isdir(os.path.join(cwd, arg))

    folders = [a for a in (old, new) if is_folder(a)]
    folder = path if path is not None else (folders[0] if folders else None)
    if folder is None:
        folder = default_folder()

    def side(arg: str | None) -> Side:
        if arg is None:  # the working tree
            if not os.path.isdir(os.path.join(cwd, folder)):
                raise DiffInputError(f"'{folder}' is not a folder")
            return Side(folder, folder=folder)
        if is_folder(arg):
            return Side(arg, folder=arg)
        return read_revision(arg, folder, cwd)

    return side(old), side(new)


class DebateFails(ArgmapError):
    """One side of a diff does not pass ``argmap check``: its errors, then one ``error:``
    line. Exit 2: nothing was compared."""

    def __init__(self, side: Side, result):
        self.side, self.result = side, result
        super().__init__(f"{side.label} has {plural(result.errors, 'error')} "
                         "(argmap check lists them the same way); nothing was compared")

    def lines(self) -> list[str]:
        return [str(d) for d in self.result.diagnostics if d.severity == "error"] + \
            [f"error: {self}"]


def check_side(side: Side, archives=(), cache: bool = True, release_trees: bool = True):
    """``argmap check`` of one side (its ``CheckResult``), or :class:`DebateFails`.
    ``release_trees`` as :func:`argmap.loader.check`'s."""
    from ..loader import check

    if side.files is not None:
        # a revision's files are named REV:path, as `git show` takes them
        result = check(side.label, archives, cache=cache, files=side.files,
                       release_trees=release_trees)
    else:
        result = check(side.folder, archives, cache=cache, release_trees=release_trees)
    if not result.ok:
        raise DebateFails(side, result)
    return result
