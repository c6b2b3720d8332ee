"""Import formats by name, for ``argmap import --from NAME``.

Each format is ``name: (module, function, help)``; the function takes ``(path, **options)``
and returns a :class:`~argmap.imports.draft.Draft`. Modules are imported only when their
format is used, so the CLI stays quick. To add a format, write its module in
``argmap/imports/`` and add a line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING
from collections.abc import Callable

if TYPE_CHECKING:
    from .draft import Draft

__all__ = ["FORMATS", "names", "importer", "describe"]

Importer = Callable[..., "Draft"]

FORMATS: dict[str, tuple[str, str, str]] = {
    "csv": ("argmap.imports.spreadsheet", "read_spreadsheet",
            "a spreadsheet, one row per claim (the header: docs/format.md), or the "
            "claims.csv of argmap export --format csv"),
    "aif": ("argmap.imports.aif", "read_aif",
            "AIF JSON (AIFdb, OVA, argmap's aif export); speakers become perspectives"),
    "kialo": ("argmap.imports.kialo", "read_kialo",
              "Kialo's text export; Pro/Con become the sides of each thesis"),
    "argdown-json": ("argmap.imports.argdown", "read_argdown_json",
                     "the Argdown CLI's JSON (argdown json FILE DIR); tags become perspectives"),
    "argdown": ("argmap.imports.argdown", "read_argdown",
                "an Argdown file, read by the Argdown CLI (ARGMAP_ARGDOWN or argdown on PATH)"),
}


def names() -> list[str]:
    return list(FORMATS)


def importer(name: str) -> Importer:
    """The function that reads format ``name``; KeyError for an unknown name."""
    module, function, _ = FORMATS[name]
    return getattr(importlib.import_module(module), function)


def describe(name: str) -> str:
    return FORMATS[name][2]
