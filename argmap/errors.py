"""The errors argmap's library raises for the command line to report: each says what went
wrong in words for the user and which exit code it means. The library never prints; the CLI
turns these (and any ``OSError`` from reading or writing files) into one ``error:`` line and
that exit code, in one place (:mod:`argmap.cli`), so no failure reaches the user as a
traceback.

Exit codes (a contract): 0 fine, 1 the data has errors, 2 usage or environment (an option,
a path, a program argmap needs, a file it cannot write).
"""

from __future__ import annotations

__all__ = ["ArgmapError", "EXIT_OK", "EXIT_DATA", "EXIT_USAGE", "FolderNotEmpty",
           "FileExists", "TargetRefused", "UnknownClaim"]

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class ArgmapError(Exception):
    """A failure to report to the user as ``error: <message>``, exiting ``exit_code``."""

    exit_code = EXIT_USAGE

    def lines(self) -> list[str]:
        """What the CLI prints for it, a line each (one ``error:`` line, unless a subclass
        reports diagnostics of its own)."""
        return [f"error: {self}"]


class FolderNotEmpty(ArgmapError):
    """``argmap new`` into a folder that has files: nothing is written."""

    def __init__(self, folder: str):
        super().__init__(f"'{folder}' is not empty; choose a new folder")
        self.folder = folder


class FileExists(ArgmapError):
    """A file argmap would create exists already: nothing is written."""

    def __init__(self, path: str):
        super().__init__(f"'{path}' exists; choose a new file name")
        self.path = path


class TargetRefused(ArgmapError):
    """``-o`` names a file of the debate itself (its YAML, a file of an archive folder):
    nothing is written."""


class UnknownClaim(ArgmapError, LookupError):
    """``claim_id`` names no claim in the debate at ``where``. ``suggestion``: the closest
    claim id, or None; ``node_type``: what the id does name ("source", "resolution"), or
    None. Exit 1: the id asked for is not in the data."""

    exit_code = EXIT_DATA

    def __init__(self, claim_id: str, suggestion: str | None, node_type: str | None,
                 where: str = "the debate", what: str = "claim"):
        self.claim_id, self.suggestion, self.node_type = claim_id, suggestion, node_type
        self.what = what  # what was looked for: "claim", "source", "claim or source"
        super().__init__(self.describe(where))

    def describe(self, where: str) -> str:
        """``no claim 'x' in DIR (did you mean 'y'?)``, for the user."""
        if self.node_type:
            return f"no {self.what} '{self.claim_id}' in {where} (it is a {self.node_type})"
        hint = f" (did you mean '{self.suggestion}'?)" if self.suggestion else ""
        return f"no {self.what} '{self.claim_id}' in {where}{hint}"
