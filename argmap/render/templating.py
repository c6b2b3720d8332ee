"""The one place a Jinja2 environment is made (never at import time).

Templates are the packaged ones (``argmap/templates`` in a wheel, the top-level
``templates/`` in a source checkout). Autoescaping is on for HTML; DOT has its own escape
filter, ``dot``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import jinja2
from markupsafe import Markup

from ..resources import templates_dir

__all__ = ["environment", "templates_dir", "dot_escape", "render_with_inserts"]


def dot_escape(value: object) -> str:
    """Text for a double-quoted DOT string: backslashes, quotes and line breaks escaped.

    Argdown escapes only double quotes; a backslash at the end of a label then swallows the
    closing quote and breaks the file.
    """
    text = str(value)
    # Most strings hold none of these characters, and a replace that finds nothing still
    # costs ten times an `in` (it counts with a slower search): a tenth of a big DOT map.
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "\\n")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment for the packaged templates. One, kept: compiling the templates
    again for every page cost a live preview (``argmap serve``) a good part of each
    rebuild. Jinja's loader still notices a template file that changes on disk."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.jinja2")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dot"] = dot_escape
    env.globals["term"] = _term
    return env


@jinja2.pass_context
def _term(context, term_id: str, text: str | None = None) -> Markup:
    """``{{ term("undercut", "Undercuts") }}`` in a page: the words linked to their glossary
    entry, from the page's folder (its ``root``)."""
    from ..glossary import term_link
    return term_link(term_id, text, context.get("root", ""))


_SLOT = re.compile(r"\x00(\w+)\x00")


def render_with_inserts(template: jinja2.Template, values: dict,
                        inserts: dict[str, Iterable[str] | None]) -> Iterator[str]:
    """``template`` rendered with ``values`` and ``inserts``, as pieces of text. Inserts are
    ready-made text (safe HTML, in a page) given as pieces; ``None`` for one known to be
    empty (an empty iterable also writes nothing, but counts as present for ``{% if %}``).

    Inserts are the parts of an output that list every claim, megabytes on a big map, which
    Jinja would copy (and autoescape) on their way through, and which are best written as
    they are made: the template gets a placeholder for each and they are put in afterwards.
    An empty insert stays empty, so ``{% if %}`` on it still works; should a placeholder turn
    up anywhere else (a template that filters an insert, say), the template renders them all.
    """
    slots = {name: Markup(f"\x00{name}\x00" if text is not None else "")
             for name, text in inserts.items()}
    parts = _SLOT.split(template.render(**values, **slots))
    names = parts[1::2]
    if sorted(names) != sorted(name for name, text in inserts.items() if text is not None):
        yield template.render(**values, **{k: Markup("".join(v) if v is not None else "")
                                           for k, v in inserts.items()})
        return
    for i, part in enumerate(parts):
        if i % 2:
            yield from inserts[part]
        else:
            yield part
