"""What a student reads on a printed handout: whole sentences when screen-only parts are
hidden, titles punctuated once, no internal ids, and a lesson's commands that cut every
material alike."""

from __future__ import annotations

import re
import shlex

import pytest
from bs4 import BeautifulSoup

import argmap
from argmap.render.briefs import render_briefs
from argmap.render.cardsheet import render_card_sheets
from argmap.render.clashsheet import render_clash_sheets
from argmap.render.flowsheet import render_flow
from argmap.render.worksheets import render_worksheets
from argmap.flow import load_formats

from conftest import FIXTURES, ROOT


def printed_text(html: str) -> str:
    """The page's text as printed: what is marked screen-only left out."""
    page = BeautifulSoup(html, "html.parser")
    for hidden in page.select(".screen-only, script, style, title"):
        hidden.decompose()
    return " ".join(page.get_text(" ").split())


def test_a_card_sheet_printed_keeps_whole_sentences(debate_dir):
    debate, _ = argmap.load(str(FIXTURES / "uniforms"))
    for name, pieces in render_card_sheets(argmap.build_graph(debate)):
        about = BeautifulSoup("".join(pieces), "html.parser").select_one("p.about")
        for hidden in about.select(".screen-only"):
            hidden.decompose()
        sentences = [s.strip() for s in re.split(r"(?<=\.)\s+", about.get_text(" "))]
        assert all(s[:1].isupper() or s[:1].isdigit() for s in sentences if s), name


def test_a_title_that_ends_in_a_question_mark_takes_no_colon(debate_dir):
    root = debate_dir({"debate.yaml": """\
        title: Should schools require uniforms?
        question: How should a school decide what students wear?
        perspectives: [{id: pro, label: Pro}, {id: con, label: Con}]
        resolutions: [{id: motion, text: Schools should require uniforms.}]
        """, "c.yaml": """\
        claims:
          - {id: a, perspective: pro, text: Claim A., supports: [motion]}
          - {id: b, perspective: con, text: Claim B., attacks: [a]}
        """})
    debate, _ = argmap.load(str(root))
    pages = render_briefs(debate, argmap.build_graph(debate))
    text = printed_text(pages["briefs/pro.html"])
    assert "?:" not in text and "uniforms? How should" in text


def student_handouts() -> dict[str, str]:
    debate, _ = argmap.load(str(FIXTURES / "uniforms"))
    graph = argmap.build_graph(debate)
    pages = {**render_briefs(debate, graph), **dict(render_card_sheets(graph)),
             **dict(render_clash_sheets(graph)),
             "flow.html": render_flow(debate, graph, "policy", None, load_formats(None))[
                 "flow.html"]}
    pages.update({n: h for n, h in render_worksheets(debate, graph).items()
                  if not n.endswith("-key.html")})
    return {n: h if isinstance(h, str) else "".join(h) for n, h in pages.items()}


def test_student_handouts_print_no_internal_id():
    debate, _ = argmap.load(str(FIXTURES / "uniforms"))
    # ids as a reader would spot them (with a hyphen: "belonging" is a word too), outside
    # web addresses, where a source's id may well recur
    ids = [i for i in [c.id for c in debate.claims] + [s.id for s in debate.sources]
           if "-" in i]
    for name, html in student_handouts().items():
        text = re.sub(r"https?://\S+", "", printed_text(html))
        assert [i for i in ids if re.search(rf"\b{re.escape(i)}\b", text)] == [], name


def lesson_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text()
    block = readme[readme.index("## Planning a lesson"):]
    block = block[block.index("```sh"):]
    block = block[:block.index("```", 5)]
    return [shlex.split(line) for line in block.splitlines() if line.startswith("argmap ")]


SCOPE_FLAGS = ("--topic", "--resolution", "--from-claim", "--strongest")


@pytest.mark.parametrize("flag", SCOPE_FLAGS)
def test_the_readme_s_lesson_commands_cut_every_material_alike(flag):
    commands = lesson_commands()
    assert len(commands) >= 2

    def values(args: list[str]) -> list[str]:
        return [args[i + 1] for i, a in enumerate(args) if a == flag]
    assert len({tuple(values(c)) for c in commands}) == 1, commands
