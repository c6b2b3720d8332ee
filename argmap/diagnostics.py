"""Diagnostics: one problem in the data, located at ``path:line:col``.

The text form is a contract (see docs/format.md): ``PATH:LINE:COL: SEVERITY: MESSAGE``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

__all__ = ["Diagnostic", "ERROR", "WARNING", "Diagnostics", "count", "to_json", "strictened",
           "first_of_each_kind",
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


class Diagnostic:
    """One problem. ``line`` and ``col`` are 1-based; ``path`` is as the user typed it.

    ``Diagnostic(path, line, col, severity, message, code)``; or, through
    :meth:`Diagnostics.error` / :meth:`Diagnostics.warning`, with a position handle (see
    ``yamlreader.Pos``) looked up when ``line`` or ``col`` is first read: a check that finds
    thousands of warnings and prints 25 of them looks up 25 positions. Immutable.
    """

    __slots__ = ("path", "_at", "severity", "message", "code")

    def __init__(self, path: str, line, col: int | None, severity: str, message: str,
                 code: str = "") -> None:
        setattr_ = object.__setattr__
        setattr_(self, "path", path)
        setattr_(self, "_at", (line, col) if col is not None else line)
        setattr_(self, "severity", severity)
        setattr_(self, "message", message)
        setattr_(self, "code", code)

    def __setattr__(self, name, value):
        raise AttributeError(f"a Diagnostic is immutable (use replace(): {name})")

    def _pos(self) -> tuple[int, int]:
        at = self._at
        if at.__class__ is not tuple:
            at = at.get()
            object.__setattr__(self, "_at", at)
        return at

    @property
    def line(self) -> int:
        return self._pos()[0]

    @property
    def col(self) -> int:
        return self._pos()[1]

    @property
    def placed(self) -> bool:
        """Whether the position is known already (reading it costs nothing)."""
        return self._at.__class__ is tuple

    def replace(self, **changes) -> Diagnostic:
        """A copy with ``changes`` (``severity``, ``message``...); a position not looked up
        yet stays so."""
        values = {"path": self.path, "severity": self.severity, "message": self.message,
                  "code": self.code, **changes}
        at = self._at
        return Diagnostic(values["path"], at, None, values["severity"], values["message"],
                          values["code"])

    def _fields(self) -> tuple:
        return (self.path, self.line, self.col, self.severity, self.message, self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, Diagnostic) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return ("Diagnostic(path={!r}, line={!r}, col={!r}, severity={!r}, message={!r}, "
                "code={!r})".format(*self._fields()))

    def __str__(self) -> str:
        return (f"{printable(self.path)}:{self.line}:{self.col}: {self.severity}: "
                f"{printable(self.message)}")

    def as_dict(self) -> dict:
        return dict(zip(("path", "line", "col", "severity", "message", "code"),
                        self._fields(), strict=True))


class Diagnostics(list):
    """A list of diagnostics with helpers to add them at a position.

    ``pos`` is ``(line, col)`` or anything with ``get()`` returning one (a position looked up
    only now, see ``yamlreader.Pos``).
    """

    def error(self, path: str, pos, message: str, code: str = "") -> None:
        self.append(Diagnostic(path, pos, None, ERROR, message, code))

    def warning(self, path: str, pos, message: str, code: str = "") -> None:
        self.append(Diagnostic(path, pos, None, WARNING, message, code))


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """Return ``(errors, warnings)``."""
    errors = warnings = 0
    for d in diagnostics:
        if d.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def first_of_each_kind(diagnostics: Iterable[Diagnostic], limit: int
                       ) -> tuple[list[Diagnostic], dict[str, int]]:
    """``(kept, left)``: every error, and of each kind of warning (its code) the first
    ``limit``, in the order given; ``left`` counts the others by kind."""
    seen: dict[str, int] = {}
    left: dict[str, int] = {}
    kept = []
    for d in diagnostics:
        if d.severity == WARNING:
            kind = d.code or d.message
            seen[kind] = seen.get(kind, 0) + 1
            if seen[kind] > limit:
                left[kind] = left.get(kind, 0) + 1
                continue
        kept.append(d)
    return kept, left


def strictened(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``--strict``: every warning becomes an error."""
    return [d.replace(severity=ERROR) if d.severity == WARNING else d for d in diagnostics]


def to_json(diagnostics: Iterable[Diagnostic], summary: dict | None = None) -> str:
    payload = {"diagnostics": [d.as_dict() for d in diagnostics]}
    if summary is not None:
        payload["summary"] = summary
    return json.dumps(payload, indent=2, ensure_ascii=False)
