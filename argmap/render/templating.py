"""The one place a Jinja2 environment is made (never at import time).

Search path: a user template folder first (so a user can override any template), then the
packaged templates (``argmap/templates`` in a wheel, the top-level ``templates/`` in a source
checkout). Autoescaping is on for HTML; DOT has its own escape filter, ``dot``.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

__all__ = ["environment", "templates_dir", "dot_escape"]


def templates_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def dot_escape(value: object) -> str:
    """Text for a double-quoted DOT string: backslashes, quotes and line breaks escaped.

    Argdown escapes only double quotes; a backslash at the end of a label then swallows the
    closing quote and breaks the file.
    """
    text = str(value)
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n")
            .replace("\r", "\n").replace("\n", "\\n"))


def environment(user_dir: str | None = None) -> jinja2.Environment:
    paths = ([user_dir] if user_dir else []) + [str(templates_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.jinja2")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dot"] = dot_escape
    return env
