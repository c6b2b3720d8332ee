"""``argmap build``: load, check, then render and write every output.

The rule (from MkDocs): check all data first, then write. A debate with errors writes
nothing, and a build that fails half-way leaves the previous outputs untouched: each output
is written to a temporary file piece by piece as it is rendered (so no page of a large map
is ever held whole in memory) and all are renamed into place together at the end.

The outputs are data (:mod:`argmap.outputs`): a build chooses those it wants, renders them
through one staging loop (:meth:`StagedFiles.stage_all`), prints the staged pages to PDF and
joins them into the print packs (:mod:`argmap.packs`) when asked, and commits everything
together. A build is for an audience: a teacher's (the default) has everything, a student's
leaves out the answer keys, the teacher's page and the teacher's pack. When the caller asks
(``jobs``), a forked worker renders about half of them by cost (:mod:`argmap.parallel`) while
this process renders the rest: the model and graph are shared copy-on-write, and only the
names of the staged files come back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .loader import CheckResult, check
from .writing import StagedFiles, folder_lock, remove_stale_temporaries

__all__ = ["BuildResult", "build", "PARALLEL_MIN_CLAIMS"]


@dataclass
class BuildResult:
    check: CheckResult
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Above this many claims Graphviz's layout takes minutes; the DOT is still written.
GRAPHVIZ_MAX_CLAIMS = 1500
# Below this many claims a whole build takes well under a second: not worth a second process.
PARALLEL_MIN_CLAIMS = 2000


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
          jobs: int | str = 1, scope=None, progress=None, audience: str = "teacher"
          ) -> BuildResult:
    """Build every output of the debate in ``root`` into ``out_dir``.

    Nothing is written when the data has errors (check ``result.check.ok``). With
    ``graphviz=False`` the SVG and PDF layouts are skipped even when Graphviz is installed;
    ``cache`` is :func:`argmap.loader.check`'s. ``jobs``: 1 renders everything in this
    process (the default: a library never forks its caller unasked); 2 renders half in a
    forked worker; ``"auto"`` (what the ``argmap`` command passes) forks for a large map on
    two or more CPUs. ``scope`` (:class:`argmap.scope.Scope`) limits every output to a part
    of the debate; an id it names that the debate lacks raises
    :class:`argmap.scope.ScopeError`. ``progress`` (:data:`argmap.progress.Progress`) is
    told each step as it starts: an output to render, a page to print. ``audience``:
    "teacher" (everything) or "student" (no answer keys, teacher's page or teacher's pack,
    and no page links one).
    """
    from .outputs import AUDIENCES
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    result = check(root, archives, strict=strict, cache=cache)
    if not result.ok:
        return BuildResult(result)
    from .confine import output_folder_problem
    from .errors import TargetRefused

    folders = [os.path.join(root, a) for a in result.debate.archives] + list(archives)
    problem = output_folder_problem(out_dir, root, folders)
    if problem:  # before anything is rendered or written
        raise TargetRefused(f"-o: '{out_dir}' is not written into: {problem}")
    from .graph import build_graph
    from .outputs import (HANDOUT_MAX_CLAIMS, TEACHER_PAGE, RenderContext, balanced, files_of,
                          handouts_fit, links_of, planned_files, wanted)
    from .scope import scoped

    notes: list[str] = []
    graph = build_graph(result.debate)
    if scope:
        graph = scoped(graph, scope)
    ctx = RenderContext(result, graph, worksheets=worksheets, paper=paper, audience=audience,
                        pdf=pdf)
    ctx.graphviz = graphviz and _can_lay_out(len(result.debate.claims), notes)
    if not handouts_fit(ctx.graph):
        notes.append(f"note: clash sheets and cut-out cards are made for maps of up to "
                     f"{HANDOUT_MAX_CLAIMS:,} claims; cut this one with --topic, "
                     "--resolution, --from-claim or --strongest to print them")
    chosen = wanted(ctx)
    from .progress import Steps
    steps = Steps(progress, 1 + len(chosen))
    steps("laying out the map" if ctx.graphviz else "planning the outputs")
    ctx.links = links_of(ctx, chosen, pdf)
    ctx.teacher_links = links_of(ctx, chosen, pdf, TEACHER_PAGE)
    if pdf:  # each page is a step too (the planned files are known now)
        steps.total += sum(f["href"].endswith(".html") for f in planned_files(ctx, chosen))
    with StagedFiles(out_dir) as staged:  # refuses an output folder that links out of itself
        if os.path.isdir(out_dir):
            remove_stale_temporaries(out_dir)
        if _use_worker(result, jobs) and not pdf:
            from .parallel import run_with_worker
            here, worker = balanced(chosen)
            run_with_worker(lambda: files_of(here, ctx), lambda: files_of(worker, ctx),
                            staged)
        else:
            staged.stage_all(files_of(chosen, ctx, steps))
        if pdf:  # last: every page is staged, and is printed from its staged file
            from .packs import make_packs
            from .render.pdf import html_to_pdf
            from .vocabulary import title_of
            pdfs = html_to_pdf(staged.staged_html(), paper,
                               step=lambda name: steps(f"printing {name}"))
            staged.stage_all(pdfs.items())
            staged.stage_all(make_packs(planned_files(ctx, chosen, pdf), pdfs,
                                        title_of(graph, result.debate)))
        steps.finish()
        with folder_lock(out_dir):  # the commit and the manifest: one build's, whole
            written = staged.commit()
            _own(out_dir, written)
    return BuildResult(result, written, notes)


def _own(out_dir: str, written: list[str]) -> None:
    """Remove what the previous build wrote and this one did not; record this one's files."""
    from .manifest import previous, prune, record

    rel = [os.path.relpath(p, out_dir).replace(os.sep, "/") for p in written]
    prune(out_dir, previous(out_dir), rel)
    record(out_dir, rel)
