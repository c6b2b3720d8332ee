"""The errors argmap's library raises for the command line to report: each says what went
wrong in words for the user and which exit code it means. The library never prints; the CLI
turns these (and any ``OSError`` from reading or writing files) into one ``error:`` line and
that exit code, in one place (:mod:`argmap.cli`), so no failure reaches the user as a
traceback.

Exit codes (a contract): 0 fine, 1 the data has errors, 2 usage or environment (an option,
a path, a program argmap needs, a file it cannot write).
"""

from __future__ import annotations

__all__ = ["ArgmapError", "EXIT_DATA", "EXIT_USAGE"]

EXIT_DATA = 1
EXIT_USAGE = 2


class ArgmapError(Exception):
    """A failure to report to the user as ``error: <message>``, exiting ``exit_code``."""

    exit_code = EXIT_USAGE
