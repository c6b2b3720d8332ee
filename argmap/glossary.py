"""The terms argmap's pages use, from the one list that defines them (``glossary.yaml``
beside the templates): the glossary page is made from it, and every page links a term where
it first appears to its entry there. One list, so a page can never link a term the glossary
lacks (:func:`term_link` refuses an unknown id) and the glossary never defines a word no page
uses.

    term_link("undercut", root="../")   # <a class="term" href="../glossary.html#undercut">…
"""

from __future__ import annotations

import functools

from markupsafe import Markup, escape

from .resources import templates_dir

__all__ = ["GLOSSARY_PAGE", "GLOSSARY_FILE", "terms", "term_link", "term_href"]

GLOSSARY_PAGE = "glossary.html"
GLOSSARY_FILE = "glossary.yaml"


@functools.lru_cache(maxsize=1)
def terms() -> tuple[dict, ...]:
    """Every term, in the glossary's order: ``id`` (the page anchor), ``term``, ``also``
    (other forms the pages use) and ``definition``."""
    import yaml  # a packaged file argmap writes itself, never a user's

    # libyaml's loader when there is one: PyYAML's own took a page's first term ~20 ms
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((templates_dir() / GLOSSARY_FILE).read_text(encoding="utf-8"), loader)
    return tuple({"id": t["id"], "term": t["term"], "also": tuple(t.get("also", ())),
                  "definition": " ".join(t["definition"].split())} for t in data["terms"])


@functools.lru_cache(maxsize=1)
def _by_id() -> dict[str, dict]:
    return {t["id"]: t for t in terms()}


def term_href(term_id: str, root: str = "") -> str:
    """The address of a term's entry from a page ``root`` away from the output folder's top
    ("" or "../"); a term the glossary lacks is a programming error, raised at once."""
    if term_id not in _by_id():
        raise KeyError(f"'{term_id}' is not a term of {GLOSSARY_FILE}")
    return f"{root}{GLOSSARY_PAGE}#{term_id}"


def term_link(term_id: str, text: str | None = None, root: str = "") -> Markup:
    """``text`` (by default the term as the glossary spells it) linked to its entry."""
    label = _by_id()[term_id]["term"] if text is None else text
    return Markup('<a class="term" href="{}">{}</a>').format(term_href(term_id, root),
                                                            escape(label))
