"""``argmap build``: load, check, then render and write every output.

The rule (from MkDocs): check all data first, then write. A debate with errors writes
nothing, and a build that fails half-way leaves the previous outputs untouched: each output
is written to a temporary file piece by piece as it is rendered (so no page of a large map
is ever held whole in memory) and all are renamed into place together at the end.

On a large debate, with more than one CPU and ``os.fork``, a forked worker renders half of
the outputs (:mod:`argmap.parallel`) while this process renders the rest: the model and graph
are shared copy-on-write, and only the names of the staged files come back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .loader import CheckResult, check
from .writing import Content, StagedFiles, remove_stale_temporaries

__all__ = ["BuildResult", "render_outputs", "build", "PARALLEL_MIN_CLAIMS"]

Output = tuple[str, Content]
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


# What each output costs to render, relative to the others (seconds at 10,000 claims, one
# core): what the split between this process and the worker goes by.
_COSTS = {"index": 1.06, "worksheets": 0.75, "briefs": 0.63, "report": 0.58, "json": 0.39,
          "dot": 0.32, "sources": 0.22}
_AVERAGE = sum(_COSTS.values()) / len(_COSTS)


def _jobs(result: CheckResult, graph, graphviz: bool, worksheets: bool,
          notes: list[str], pdf: bool = False, paper: str = "a4"
          ) -> tuple[list[Job], list[Job]]:
    """The outputs as two lists of jobs of about equal cost on a large map: the first for
    this process, the second for a worker when there is one. Notes for the user are made
    here, before any job runs in another process."""
    from .export.jsongraph import node_link_json_pieces
    from .render import dot
    from .render.briefs import iter_materials
    from .render.html import render_html_pieces
    from .render.report import render_report_html_pieces
    from .render.sources import render_sources_html_pieces
    from .render.worksheets import WORKSHEET_MODES

    debate = result.debate
    lay_out = graphviz and _can_lay_out(len(debate.claims), notes)
    links = planned_links(graph, lay_out, worksheets, pdf)

    def dot_files() -> Iterator[Output]:
        if not lay_out:
            yield "map.dot", dot.render_dot_pieces(debate, graph)
            return
        from .render.tiling import tile_pdf
        dot_text = dot.render_dot(debate, graph)
        yield "map.dot", dot_text
        yield "map.svg", dot.run_dot(dot_text, "svg")
        yield "map.pdf", tile_pdf(dot.run_dot(dot_text, "pdf"), paper)

    jobs: dict[str, Job] = {
        "json": lambda: [("argmap.json", node_link_json_pieces(graph))],
        "index": lambda: [("index.html", render_html_pieces(debate, graph, links=links))],
        "sources": lambda: [("sources.html", render_sources_html_pieces(debate, graph))],
        "dot": dot_files,
        "report": lambda: [("report.html", render_report_html_pieces(debate, graph,
                                                                     result.quotes))],
        "briefs": lambda: iter_materials(debate, graph, "briefs", ("brief",)),
    }
    if worksheets:
        jobs["worksheets"] = lambda: iter_materials(debate, graph, "worksheets",
                                                    WORKSHEET_MODES)
    here, worker = _balanced(list(jobs))
    return [jobs[name] for name in here], [jobs[name] for name in worker]


def planned_links(graph, graphviz: bool, worksheets: bool, pdf: bool
                  ) -> list[dict[str, str]]:
    """What the map page links to: every other file the build writes, as ``href``,
    ``label`` and ``group``, in the order a reader wants them (``index.html`` leads to all)."""
    from .render.briefs import FOLDERS, index_name, page_name
    from .render.worksheets import WORKSHEET_MODES

    perspectives = graph.graph.get("perspectives", [])
    ids = [p["id"] for p in perspectives]
    links = [{"href": "report.html", "label": "Report", "group": "Analysis"},
             {"href": "sources.html", "label": "Sources", "group": "Analysis"}]
    for p in perspectives:
        links.append({"href": f"{FOLDERS['brief']}/{page_name('brief', p['id'], ids)}",
                      "label": p["label"], "group": "Briefs"})
    if worksheets:
        for p in perspectives:
            for mode in WORKSHEET_MODES:
                label = p["label"] + (" (answer key)" if mode == "key" else "")
                links.append({"href": f"{FOLDERS[mode]}/{page_name(mode, p['id'], ids)}",
                              "label": label, "group": "Worksheets"})
    if graphviz:
        links.append({"href": "map.pdf", "label": "Diagram (PDF)", "group": "Map files"})
        links.append({"href": "map.svg", "label": "Diagram (SVG)", "group": "Map files"})
    links.append({"href": "map.dot", "label": "Graphviz source", "group": "Map files"})
    links.append({"href": "argmap.json", "label": "Graph data (JSON)", "group": "Map files"})
    if pdf:
        pages = ["index.html", "report.html", "sources.html"] + [
            link["href"] for link in links if link["group"] in ("Briefs", "Worksheets")]
        pages += [f"{FOLDERS['brief']}/{index_name(ids)}"] + (
            [f"{FOLDERS['worksheet']}/{index_name(ids)}"] if worksheets else [])
        for page in sorted(pages):
            links.append({"href": page[:-5] + ".pdf", "label": page[:-5], "group": "PDFs"})
    return links


def _balanced(names: list[str]) -> tuple[list[str], list[str]]:
    """``names`` split in two lists whose costs (``_COSTS``) are as even as they can be:
    every split is tried, as there are only a handful of outputs. The first list holds the
    index, the costliest."""
    best: tuple[float, list[str], list[str]] | None = None
    for mask in range(1 << len(names)):
        first = [n for i, n in enumerate(names) if mask >> i & 1]
        if "index" in names and "index" not in first:
            continue
        second = [n for n in names if n not in first]
        # an output with no measured cost yet counts as an average one, never a KeyError
        worse = max(sum(_COSTS.get(n, _AVERAGE) for n in first),
                    sum(_COSTS.get(n, _AVERAGE) for n in second))
        if best is None or worse < best[0]:
            best = (worse, first, second)
    return best[1], best[2]


def _can_lay_out(claims: int, notes: list[str]) -> bool:
    """Whether Graphviz is there to lay out the map, and the map small enough for it; if
    not, a note for the user says so."""
    from .render.dot import dot_available

    if not dot_available():
        notes.append("note: Graphviz `dot` is not installed, so map.svg and map.pdf were "
                     "not written (install Graphviz, e.g. `apt-get install graphviz`)")
        return False
    if claims > GRAPHVIZ_MAX_CLAIMS:
        notes.append(f"note: {claims} claims is more than Graphviz lays out "
                     f"quickly ({GRAPHVIZ_MAX_CLAIMS}); map.svg and map.pdf were skipped: "
                     "run `dot -Tsvg map.dot -o map.svg` yourself, or use index.html")
        return False
    return True


def render_outputs(result: CheckResult, graphviz: bool = True, worksheets: bool = False,
                   pdf: bool = False, paper: str = "a4", notes: list[str] | None = None
                   ) -> Iterator[tuple[str, "str | bytes"]]:
    """Every default output as ``(relative file name, content)``, one at a time, in this
    process; notes for the user are appended to ``notes``."""
    from .graph import build_graph

    notes = [] if notes is None else notes
    here, worker = _jobs(result, build_graph(result.debate), graphviz, worksheets, notes, pdf,
                         paper)
    pages: dict[str, str] = {}  # kept only when they are printed to PDF at the end
    for job in here + worker:
        for name, content in job():
            if not isinstance(content, (str, bytes)):
                content = "".join(content)
            if pdf and name.endswith(".html"):
                pages[name] = content
            yield name, content
    if pdf:  # last, so every page above is printed; map.pdf stays Graphviz's
        from .render.pdf import html_to_pdf
        yield from html_to_pdf(dict(sorted(pages.items())), paper).items()


def _use_worker(result: CheckResult, jobs: int | str) -> bool:
    """Whether to render half the outputs in a forked worker: only when the caller asks
    (``jobs=2``, or ``"auto"``: a large map, two or more CPUs, fork available)."""
    if jobs in (None, 1) or os.environ.get("ARGMAP_JOBS", "") == "1" or \
            not hasattr(os, "fork"):
        return False
    if jobs == 2:
        return True
    if len(result.debate.claims) < PARALLEL_MIN_CLAIMS:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # macOS has no sched_getaffinity
        return (os.cpu_count() or 1) > 1


def build(root: str, out_dir: str = "output", archives: tuple[str, ...] = (),
          strict: bool = False, graphviz: bool = True, worksheets: bool = False,
          pdf: bool = False, paper: str = "a4", cache: bool = True,
          jobs: int | str = 1) -> BuildResult:
    """Build every output of the debate in ``root`` into ``out_dir``.

    Nothing is written when the data has errors (check ``result.check.ok``). With
    ``graphviz=False`` the SVG and PDF layouts are skipped even when Graphviz is installed;
    ``cache`` is :func:`argmap.loader.check`'s. ``jobs``: 1 renders everything in this
    process (the default: a library never forks its caller unasked); 2 renders half in a
    forked worker; ``"auto"`` (what the ``argmap`` command passes) forks for a large map on
    two or more CPUs.
    """
    result = check(root, archives, strict=strict, cache=cache)
    if not result.ok:
        return BuildResult(result)
    notes: list[str] = []
    if os.path.isdir(out_dir):
        remove_stale_temporaries(out_dir)
    with StagedFiles(out_dir) as staged:
        if pdf:  # the pages are kept whole, to be printed at the end
            for name, content in render_outputs(result, graphviz, worksheets, pdf, paper,
                                                notes):
                staged.stage(name, content)
        else:
            from .graph import build_graph

            here, worker = _jobs(result, build_graph(result.debate), graphviz, worksheets,
                                 notes, paper=paper)
            if _use_worker(result, jobs):
                from .parallel import run_with_worker
                run_with_worker(here, worker, staged)
            else:
                for job in here + worker:
                    for name, content in job():
                        staged.stage(name, content)
        written = staged.commit()
    _own(out_dir, written)
    return BuildResult(result, written, notes)


def _own(out_dir: str, written: list[str]) -> None:
    """Remove what the previous build wrote and this one did not; record this one's files."""
    from .manifest import previous, prune, record

    rel = [os.path.relpath(p, out_dir).replace(os.sep, "/") for p in written]
    prune(out_dir, previous(out_dir), rel)
    record(out_dir, rel)
