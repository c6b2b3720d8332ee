"""``argmap build``: load, check, render every output in memory, then write.

The rule (from MkDocs): gather all data first, then write. A debate with errors writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .loader import CheckResult, check
from .writing import write_all

__all__ = ["BuildResult", "render_outputs", "build"]


@dataclass
class BuildResult:
    check: CheckResult
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Above this many claims Graphviz's layout takes minutes; the DOT is still written.
GRAPHVIZ_MAX_CLAIMS = 1500


def render_outputs(result: CheckResult, graphviz: bool = True, worksheets: bool = False,
                   pdf: bool = False, paper: str = "a4"
                   ) -> tuple[dict[str, str | bytes], list[str]]:
    """Every default output as ``{relative file name: content}``, plus notes for the user."""
    from .export.jsongraph import to_node_link_json
    from .graph import build_graph
    from .render import dot

    debate = result.debate
    graph = build_graph(debate)
    files: dict[str, str | bytes] = {"argmap.json": to_node_link_json(graph)}
    notes: list[str] = []
    from .render.html import render_html
    from .render.report import render_report_html
    from .render.sources import render_sources_html

    files["index.html"] = render_html(debate, graph)
    files["report.html"] = render_report_html(debate, graph, result.quotes)
    files["sources.html"] = render_sources_html(debate, graph)
    from .render.briefs import render_briefs
    files.update(render_briefs(debate, graph))
    if worksheets:
        from .render.worksheets import render_worksheets
        files.update(render_worksheets(debate, graph))
    files["map.dot"] = dot_text = dot.render_dot(debate, graph)
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
        files["map.svg"] = dot.run_dot(dot_text, "svg")
        files["map.pdf"] = dot.run_dot(dot_text, "pdf")
    if pdf:  # last, so every page above is printed; map.pdf stays Graphviz's
        from .render.pdf import html_to_pdf
        files.update(html_to_pdf({n: t for n, t in files.items() if n.endswith(".html")}, paper))
    return files, notes


def build(root: str, out_dir: str = "output", archives: tuple[str, ...] = (),
          strict: bool = False, graphviz: bool = True, worksheets: bool = False,
          pdf: bool = False, paper: str = "a4") -> BuildResult:
    """Build every output of the debate in ``root`` into ``out_dir``.

    Nothing is written when the data has errors (check ``result.check.ok``). With
    ``graphviz=False`` the SVG and PDF layouts are skipped even when Graphviz is installed.
    """
    result = check(root, archives, strict=strict)
    if not result.ok:
        return BuildResult(result)
    files, notes = render_outputs(result, graphviz, worksheets, pdf, paper)
    return BuildResult(result, write_all(out_dir, files), notes)
