"""``argmap build``: load, check, then render and write every output.

The rule (from MkDocs): check all data first, then write. A debate with errors writes
nothing, and a build that fails half-way leaves the previous outputs untouched: each output
is staged as soon as it is rendered (so a large map never holds them all in memory) and all
are renamed into place together at the end.

On a large debate, with more than one CPU and ``os.fork``, a forked worker renders half of
the outputs (:mod:`argmap.parallel`) while this process renders the rest: the model and graph
are shared copy-on-write, and only the names of the staged files come back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .loader import CheckResult, check
from .writing import StagedFiles

__all__ = ["BuildResult", "render_outputs", "build", "PARALLEL_MIN_CLAIMS"]

Output = tuple[str, "str | bytes"]
Job = Callable[[], Iterable[Output]]


@dataclass
class BuildResult:
    check: CheckResult
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Above this many claims Graphviz's layout takes minutes; the DOT is still written.
GRAPHVIZ_MAX_CLAIMS = 1500
# Below this many claims a whole build takes well under a second: not worth a second process.
PARALLEL_MIN_CLAIMS = 2000


def _jobs(result: CheckResult, graph, graphviz: bool, worksheets: bool,
          notes: list[str]) -> tuple[list[Job], list[Job]]:
    """The outputs as two lists of jobs of about equal cost on a large map: the first for
    this process (with Graphviz, which runs in its own process anyway), the second for a
    worker when there is one."""
    from .export.jsongraph import to_node_link_json
    from .render import dot
    from .render.briefs import render_briefs
    from .render.html import render_html
    from .render.report import render_report_html
    from .render.sources import render_sources_html

    debate = result.debate

    def dot_files() -> Iterator[Output]:
        dot_text = dot.render_dot(debate, graph)
        yield "map.dot", dot_text
        if not graphviz:
            return
        if not dot.dot_available():
            notes.append("note: Graphviz `dot` is not installed, so map.svg and map.pdf were "
                         "not written (install Graphviz, e.g. `apt-get install graphviz`)")
        elif len(debate.claims) > GRAPHVIZ_MAX_CLAIMS:
            notes.append(f"note: {len(debate.claims)} claims is more than Graphviz lays out "
                         f"quickly ({GRAPHVIZ_MAX_CLAIMS}); map.svg and map.pdf were skipped: "
                         "run `dot -Tsvg map.dot -o map.svg` yourself, or use index.html")
        else:
            yield "map.svg", dot.run_dot(dot_text, "svg")
            yield "map.pdf", dot.run_dot(dot_text, "pdf")

    def worksheet_files() -> Iterable[Output]:
        from .render.worksheets import render_worksheets
        return render_worksheets(debate, graph).items()

    here: list[Job] = [
        lambda: [("argmap.json", to_node_link_json(graph))],
        lambda: [("index.html", render_html(debate, graph))],
        lambda: [("sources.html", render_sources_html(debate, graph))],
        dot_files,
    ]
    worker: list[Job] = [
        lambda: [("report.html", render_report_html(debate, graph, result.quotes))],
        lambda: render_briefs(debate, graph).items(),
    ]
    if worksheets:
        worker.append(worksheet_files)
    return here, worker


def render_outputs(result: CheckResult, graphviz: bool = True, worksheets: bool = False,
                   pdf: bool = False, paper: str = "a4", notes: list[str] | None = None
                   ) -> Iterator[Output]:
    """Every default output as ``(relative file name, content)``, one at a time, in this
    process; notes for the user are appended to ``notes``."""
    from .graph import build_graph

    notes = [] if notes is None else notes
    here, worker = _jobs(result, build_graph(result.debate), graphviz, worksheets, notes)
    pages: dict[str, str] = {}  # kept only when they are printed to PDF at the end
    for job in here + worker:
        for name, content in job():
            if pdf and name.endswith(".html"):
                pages[name] = content
            yield name, content
    if pdf:  # last, so every page above is printed; map.pdf stays Graphviz's
        from .render.pdf import html_to_pdf
        yield from html_to_pdf(dict(sorted(pages.items())), paper).items()


def _use_worker(result: CheckResult, pdf: bool) -> bool:
    if pdf or len(result.debate.claims) < PARALLEL_MIN_CLAIMS:
        return False  # printing PDFs drives a browser from this process: keep it single
    if os.environ.get("ARGMAP_JOBS", "") == "1" or not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # macOS has no sched_getaffinity
        return (os.cpu_count() or 1) > 1


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
        if _use_worker(result, pdf):
            from .graph import build_graph
            from .parallel import run_with_worker

            here, worker = _jobs(result, build_graph(result.debate), graphviz, worksheets,
                                 notes)
            run_with_worker(here, worker, staged)
        else:
            for name, content in render_outputs(result, graphviz, worksheets, pdf, paper,
                                                notes):
                staged.stage(name, content)
        written = staged.commit()
    return BuildResult(result, written, notes)
