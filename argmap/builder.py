"""``argmap build``: load, check, then render and write every output.

The rule (from MkDocs): check all data first, then write. A debate with errors writes
nothing, and a build that fails half-way leaves the previous outputs untouched: each output
is staged as soon as it is rendered (so a large map never holds them all in memory) and all
are renamed into place together at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from .loader import CheckResult, check
from .writing import StagedFiles

__all__ = ["BuildResult", "render_outputs", "build"]


@dataclass
class BuildResult:
    check: CheckResult
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Above this many claims Graphviz's layout takes minutes; the DOT is still written.
GRAPHVIZ_MAX_CLAIMS = 1500


def render_outputs(result: CheckResult, graphviz: bool = True, worksheets: bool = False,
                   pdf: bool = False, paper: str = "a4", notes: list[str] | None = None
                   ) -> Iterator[tuple[str, str | bytes]]:
    """Every default output as ``(relative file name, content)``, one at a time; notes for
    the user are appended to ``notes``."""
    from .export.jsongraph import to_node_link_json
    from .graph import build_graph
    from .render import dot
    from .render.briefs import render_briefs
    from .render.html import render_html
    from .render.report import render_report_html
    from .render.sources import render_sources_html

    notes = [] if notes is None else notes
    debate = result.debate
    graph = build_graph(debate)
    pages: dict[str, str] = {}  # kept only when they are printed to PDF at the end

    def page(name: str, text: str) -> tuple[str, str]:
        if pdf:
            pages[name] = text
        return name, text

    yield "argmap.json", to_node_link_json(graph)
    yield page("index.html", render_html(debate, graph))
    yield page("report.html", render_report_html(debate, graph, result.quotes))
    yield page("sources.html", render_sources_html(debate, graph))
    for name, text in render_briefs(debate, graph).items():
        yield page(name, text)
    if worksheets:
        from .render.worksheets import render_worksheets
        for name, text in render_worksheets(debate, graph).items():
            yield page(name, text)
    dot_text = dot.render_dot(debate, graph)
    yield "map.dot", dot_text
    if not graphviz:
        pass
    elif not dot.dot_available():
        notes.append("note: Graphviz `dot` is not installed, so map.svg and map.pdf were not "
                     "written (install Graphviz, e.g. `apt-get install graphviz`)")
    elif len(debate.claims) > GRAPHVIZ_MAX_CLAIMS:
        notes.append(f"note: {len(debate.claims)} claims is more than Graphviz lays out "
                     f"quickly ({GRAPHVIZ_MAX_CLAIMS}); map.svg and map.pdf were skipped: run "
                     "`dot -Tsvg map.dot -o map.svg` yourself, or use index.html")
    else:
        yield "map.svg", dot.run_dot(dot_text, "svg")
        yield "map.pdf", dot.run_dot(dot_text, "pdf")
    if pdf:  # last, so every page above is printed; map.pdf stays Graphviz's
        from .render.pdf import html_to_pdf
        yield from html_to_pdf(pages, paper).items()


def build(root: str, out_dir: str = "output", archives: tuple[str, ...] = (),
          strict: bool = False, graphviz: bool = True, worksheets: bool = False,
          pdf: bool = False, paper: str = "a4", cache: bool = True) -> BuildResult:
    """Build every output of the debate in ``root`` into ``out_dir``.

    Nothing is written when the data has errors (check ``result.check.ok``). With
    ``graphviz=False`` the SVG and PDF layouts are skipped even when Graphviz is installed;
    ``cache`` is :func:`argmap.loader.check`'s.
    """
    result = check(root, archives, strict=strict, cache=cache)
    if not result.ok:
        return BuildResult(result)
    notes: list[str] = []
    with StagedFiles(out_dir) as staged:
        for name, content in render_outputs(result, graphviz, worksheets, pdf, paper, notes):
            staged.stage(name, content)
        written = staged.commit()
    return BuildResult(result, written, notes)
