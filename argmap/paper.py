"""The paper a printout is made for when the user does not say: US Letter where it is the
norm, A4 everywhere else.

It is read from the locale as the C library reads it: ``LC_ALL``, then ``LC_PAPER``, then
``LANG``; the first that names a territory (``en_US.UTF-8`` → ``US``) decides. A locale with
no territory (``C``, ``POSIX``, ``C.UTF-8``) says nothing, and the next one is asked.
``ARGMAP_PAPER`` (``a4`` or ``letter``) overrides them all. Letter territories: the United
States and Canada, and the countries of the Americas and the Philippines that use it too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

__all__ = ["PAPERS", "LETTER_TERRITORIES", "default_paper"]

PAPERS = ("a4", "letter")
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "GT", "CR",
                                "PA", "DO", "SV", "NI", "BZ"})
_TERRITORY = re.compile(r"[A-Za-z]{2,3}_([A-Za-z]{2})\b")


def default_paper(environ: Mapping[str, str] | None = None) -> str:
    """``"letter"`` or ``"a4"`` for the locale in ``environ`` (the process's by default)."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("ARGMAP_PAPER", "").strip().lower()
    if chosen in PAPERS:
        return chosen
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        found = _TERRITORY.match(environ.get(name, ""))
        if found:
            return "letter" if found.group(1).upper() in LETTER_TERRITORIES else "a4"
    return "a4"
