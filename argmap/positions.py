"""A position in a file, ``(line, col)``, known now or looked up when first read.

Files the fast reader parses learn their positions only when somebody asks: the model's
records and the diagnostics hold a handle (anything with ``get()`` giving ``(line, col)``,
such as ``yamlreader.Pos``) and ask it once, on first use of ``line`` or ``col``.
"""

from __future__ import annotations

__all__ = ["Positioned"]


class Positioned:
    """A base for records with a ``line`` and ``col`` kept in ``_at``: a tuple, or a handle
    replaced by its answer the first time either is read."""

    __slots__ = ("_at",)

    def _pos(self) -> tuple[int, int]:
        at = self._at
        if at.__class__ is not tuple:
            at = at.get()
            object.__setattr__(self, "_at", at)  # records may refuse other assignments
        return at

    @property
    def line(self) -> int:
        return self._pos()[0]

    @property
    def col(self) -> int:
        return self._pos()[1]
