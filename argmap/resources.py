"""Where argmap's packaged files are: the templates and the data files beside them (the flow
sheets' speech orders), in the wheel (``argmap/templates``) or in a source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["templates_dir"]


def templates_dir() -> Path:
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"
