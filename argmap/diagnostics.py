"""Diagnostics: one problem in the data, located at ``path:line:col``.

The text form is a contract (see docs/format.md): ``PATH:LINE:COL: SEVERITY: MESSAGE``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from collections.abc import Iterable

__all__ = ["Diagnostic", "ERROR", "WARNING", "Diagnostics", "count", "to_json", "strictened",
           "printable", "CONTROL"]

# Characters that must never reach a terminal, a spreadsheet or a page as they are: C0 and C1
# controls (escape sequences, NUL, carriage return), the Unicode line separators, and the
# noncharacters (U+FDD0-U+FDEF and the last two of every plane, such as U+FFFE), which XML
# forbids: map.svg and GraphML with one in them are not well-formed.
class _Controls:
    """The pattern of those characters, with ``search`` and ``sub`` as a compiled pattern
    has them. A class holding the 32 noncharacters beyond U+FFFF makes every search six
    times slower, so an ASCII text (most of them; ``isascii`` is nearly free) is searched
    for the characters it can hold, and only other texts with the whole class."""

    _BMP = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    bmp = re.compile(f"[{_BMP}]")
    every = re.compile("[" + _BMP + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF)
                                            for plane in range(1, 17)) + "]")

    def _for(self, text: str) -> re.Pattern:
        return self.bmp if text.isascii() else self.every

    def search(self, text: str):
        return self._for(text).search(text)

    def sub(self, repl, text: str) -> str:
        return self._for(text).sub(repl, text)


CONTROL = _Controls()


def printable(text: str) -> str:
    """``text`` for one line of a terminal: every control character (a newline too, which
    could forge a second diagnostic) written as an escape such as ``\\x1b`` or ``\\n``."""
    if "\n" not in text and not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                       text.replace("\n", "\\n"))


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem. ``line`` and ``col`` are 1-based; ``path`` is as the user typed it."""

    path: str
    line: int
    col: int
    severity: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        return (f"{printable(self.path)}:{self.line}:{self.col}: {self.severity}: "
                f"{printable(self.message)}")

    def as_dict(self) -> dict:
        return asdict(self)


class Diagnostics(list):
    """A list of diagnostics with helpers to add them at a position.

    ``pos`` is ``(line, col)`` or anything with ``get()`` returning one (a position looked up
    only now, see ``yamlreader.Pos``).
    """

    def error(self, path: str, pos, message: str, code: str = "") -> None:
        line, col = pos if isinstance(pos, tuple) else pos.get()
        self.append(Diagnostic(path, line, col, ERROR, message, code))

    def warning(self, path: str, pos, message: str, code: str = "") -> None:
        line, col = pos if isinstance(pos, tuple) else pos.get()
        self.append(Diagnostic(path, line, col, WARNING, message, code))


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """Return ``(errors, warnings)``."""
    errors = warnings = 0
    for d in diagnostics:
        if d.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def strictened(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``--strict``: every warning becomes an error."""
    return [replace(d, severity=ERROR) if d.severity == WARNING else d for d in diagnostics]


def to_json(diagnostics: Iterable[Diagnostic], summary: dict | None = None) -> str:
    payload = {"diagnostics": [d.as_dict() for d in diagnostics]}
    if summary is not None:
        payload["summary"] = summary
    return json.dumps(payload, indent=2, ensure_ascii=False)
