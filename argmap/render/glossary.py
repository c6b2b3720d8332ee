"""``glossary.html``: every term the pages use, defined in neutral, topic-free words, from the
one list of terms (:mod:`argmap.glossary`). Each entry's anchor is the term's id, which the
pages' term links point at."""

from __future__ import annotations

import networkx as nx
from markupsafe import Markup

from ..glossary import terms
from ..vocabulary import title_of
from .pages import MAP_PAGE, handout_css, page_css, page_csp, perspective_styles
from .templating import environment

__all__ = ["render_glossary_html"]


def render_glossary_html(graph: nx.MultiDiGraph) -> str:
    env = environment()
    css = page_css(perspective_styles(graph), env) + handout_css(graph)
    return env.get_template("glossary.html.jinja2").render(
        title=title_of(graph), terms=terms(), map_page=MAP_PAGE, css=Markup(css),
        csp=page_csp(css), root="")
