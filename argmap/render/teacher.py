"""``teacher.html``: the teacher's page of a teacher's build. It holds what students are not
given: the lesson plan (the order the materials are used in, and the commands that make the
students' set and the teacher's), the answer keys and the print packs, listed from the
build's planned files (:func:`argmap.outputs.links_of`), never by hand.

The plan is argmap's, the same for every debate: it names materials, not the topic.
"""

from __future__ import annotations

import shlex

import networkx as nx
from markupsafe import Markup

from ..vocabulary import title_of
from .pages import (MAP_PAGE, handout_css, handout_values, page_css, page_csp,
                    perspective_styles, scope_of)
from .templating import environment

__all__ = ["render_teacher_html", "lesson_commands"]


def lesson_commands(graph: nx.MultiDiGraph, debate_dir: str) -> list[tuple[str, str]]:
    """The commands of a lesson, each with what it makes: the teacher's set, the students'
    set, and a flow sheet of the same part of the debate. They take the topics this build
    was cut to, when it was, else a placeholder to fill in."""
    topics = graph.graph.get("scope_topics") or ["TOPIC"]
    part = " ".join(f"--topic {shlex.quote(t)}" for t in topics) + " --strongest 5"
    folder = shlex.quote(debate_dir or ".")
    return [
        (f"argmap build {folder} {part} --worksheets --pdf -o lesson",
         "the teacher's set: this page, the answer keys, both print packs"),
        (f"argmap build {folder} {part} --worksheets --pdf --audience student "
         "-o lesson-student",
         "the students' set: the same handouts and the student pack, with no answer key "
         "and no link to one"),
        (f"argmap flow {folder} {part} --pdf -o lesson/flow",
         "a flow sheet of the same claims, to take notes on during the debate"),
    ]


def _groups(links: list[dict]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for link in links:
        groups.setdefault(link["group"], []).append(link)
    return list(groups.items())


def render_teacher_html(graph: nx.MultiDiGraph, links: list[dict], worksheets: bool,
                        pdf: bool, debate_dir: str = ".") -> str:
    """The page, linking ``links`` (the planned files the teacher's page lists) by group;
    ``worksheets`` and ``pdf`` say whether this build has the keys and the packs, so the
    page can say how to get them when it does not."""
    env = environment()
    css = page_css(perspective_styles(graph), env) + handout_css(graph)
    return env.get_template("teacher.html.jinja2").render(
        title=title_of(graph), question=graph.graph.get("question", ""),
        scope=scope_of(graph), link_groups=_groups(links), worksheets=worksheets, pdf=pdf,
        commands=lesson_commands(graph, debate_dir), map_page=MAP_PAGE, css=Markup(css),
        csp=page_csp(css), **handout_values(graph))
