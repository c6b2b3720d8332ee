"""Diagnostics as GitHub Actions workflow commands (``argmap check --format github``).

One line per diagnostic, ``::error file=F,line=L,col=C,title=T::MESSAGE`` (``::warning`` for
a warning), which the Actions runner turns into an annotation on that line of the file in a
pull request. The escaping is the runner's, as GitHub's toolkit (``@actions/core``,
``command.ts``) writes it: in the message ``%``, carriage return and line feed become
``%25``, ``%0D`` and ``%0A``; in a property value ``:`` and ``,`` also become ``%3A`` and
``%2C``, since they end a value. Other control characters (an escape sequence, a NUL) are
written as ``\\x1b``-style escapes, as in the text format: the runner's log is a terminal
too, and nothing in a debate's files may draw on it.

``file=`` is the file relative to the root of the git repository that holds the debate (the
nearest folder up from the debate with a ``.git`` in it): GitHub places an annotation by the
path in the repository, whatever folder the workflow step ran in. Outside a repository the
path is the one the user typed, tidied (``./claims/a.yaml`` is ``claims/a.yaml``).
"""

from __future__ import annotations

import os

from .diagnostics import Diagnostic, printable

__all__ = ["escape_data", "escape_property", "repository_root", "repository_path",
           "annotation"]


def escape_data(text: str) -> str:
    """``text`` as the message of a workflow command: ``%``, CR and LF escaped as GitHub
    unescapes them (a message of several lines stays one command), other controls as
    ``\\x..`` escapes."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """``text`` as a property value (``file=``, ``title=``): as :func:`escape_data`, and
    ``:`` and ``,``, which would end the value, as ``%3A`` and ``%2C``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_root(directory: str) -> str | None:
    """The nearest folder from ``directory`` up that holds ``.git`` (a folder, or the file a
    worktree or submodule has), as an absolute path; None when there is none."""
    here = os.path.abspath(directory)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def repository_path(path: str, root: str | None) -> str:
    """``path`` (as the user typed it) relative to the repository ``root``, with ``/``
    between folders; when there is no root or the file lies outside it, ``path`` tidied."""
    if root is not None:
        relative = os.path.relpath(os.path.abspath(path), root)
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative.replace(os.sep, "/")
    return os.path.normpath(path).replace(os.sep, "/")


def annotation(d: Diagnostic, file: str | None = None) -> str:
    """The workflow command for ``d``; ``file`` replaces its path (see
    :func:`repository_path`). The title names the kind of problem when it has one."""
    title = f"argmap check: {d.code}" if d.code else "argmap check"
    return (f"::{d.severity} file={escape_property(d.path if file is None else file)},"
            f"line={d.line},col={d.col},title={escape_property(title)}::"
            f"{escape_data(d.message)}")
