"""The outputs of a build, as data: each one a name, what it costs to render, whether this
build wants it, one function that yields its files as ``(relative name, content)``, and one
that names those files before anything is rendered (with the label and group under which
a page links each, which pages do (the map page, the teacher's page), and for whom the file
is: the pages' links and the print packs are made from this table, never kept by hand).

A build is for an audience (:data:`AUDIENCES`): a teacher's build has everything; a
student's leaves out every file whose audience is the teacher (the answer keys, the teacher's
page, the teacher's pack), so that no page of it can link one.

Adding an output is one entry here (and its renderer). The builder reads this table to
choose what to render and, on a large map, to split the work between this process and a
forked worker by cost; an output whose cost is not known yet counts as an average one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Iterable, Iterator

from .loader import CheckResult
from .writing import Content

__all__ = ["Output", "RenderContext", "OUTPUTS", "wanted", "balanced", "files_of",
           "planned_files", "links_of", "LINK_GROUPS", "AUDIENCES", "TEACHER", "STUDENT",
           "INDEX_PAGE", "TEACHER_PAGE"]

Files = Iterable[tuple[str, Content]]
# A file an output writes: ``href`` (its name in the output folder); the ``label`` and
# ``group`` a page links it under (both "" for a file no page lists); ``pages``, the pages
# that list it; ``audience``, "" for everyone or TEACHER for the teacher's build only; and
# ``output``, the name of the output that writes it (what the print packs are ordered by).
Planned = dict

TEACHER, STUDENT = "teacher", "student"
AUDIENCES = (TEACHER, STUDENT)
INDEX_PAGE, TEACHER_PAGE = "index.html", "teacher.html"

# The groups of links, in the order a reader wants them, on the map page and the teacher's.
LINK_GROUPS = ("For the teacher", "Print packs", "Analysis", "Briefs", "Cut-out evidence cards",
               "Clash sheets (one page per topic)", "Worksheets", "Answer keys", "Map files",
               "PDFs")


@dataclass
class RenderContext:
    """What every output is rendered from."""

    result: CheckResult
    graph: object
    graphviz: bool = False     # Graphviz is there and the map small enough for it
    worksheets: bool = False
    paper: str = "a4"
    links: list[dict] = field(default_factory=list)
    atlas: bool = True         # the map page's printable atlas (a live preview leaves it out)
    drawn: dict = field(default_factory=dict)  # Graphviz's files, made once (see _drawn)
    audience: str = TEACHER    # whom the build is for: TEACHER has everything (AUDIENCES)
    teacher_links: list[dict] = field(default_factory=list)  # what the teacher's page lists
    pdf: bool = False          # the pages are printed too, and the print packs made

    @property
    def debate(self):
        return self.result.debate

    @property
    def view(self):
        """The graph's one read model (:func:`argmap.graphview.view_of`): the same view
        every renderer of this build reads, made once."""
        from .graphview import view_of
        return view_of(self.graph)


@dataclass(frozen=True)
class Output:
    name: str
    cost: float  # seconds at 10,000 claims on one core: what the split between processes goes by
    render: Callable[[RenderContext], Files]
    wanted: Callable[[RenderContext], bool] = lambda ctx: True
    files: Callable[[RenderContext], list[Planned]] = lambda ctx: []


def _file(href: str, label: str = "", group: str = "", audience: str = "",
          pages: tuple[str, ...] = (INDEX_PAGE,)) -> Planned:
    return {"href": href, "label": label, "group": group, "audience": audience,
            "pages": pages if group else ()}


def _key(href: str, label: str) -> Planned:
    """An answer key: for the teacher, listed on the teacher's page only."""
    return _file(href, label, "Answer keys", TEACHER, (TEACHER_PAGE,))


def _side_pages(ctx: RenderContext, folder: str, modes: tuple[str, ...], group: str
                ) -> list[Planned]:
    from .graph import perspectives_of
    from .render.briefs import FOLDERS, index_name, page_name

    perspectives = perspectives_of(ctx.graph)
    ids = [p["id"] for p in perspectives]
    pages = [_key(f"{FOLDERS[mode]}/{page_name(mode, p['id'], ids)}", p["label"])
             if mode == "key" else
             _file(f"{FOLDERS[mode]}/{page_name(mode, p['id'], ids)}", p["label"], group)
             for p in perspectives for mode in modes]
    return pages + [_file(f"{folder}/{index_name(ids)}")]


def _dot_files(ctx: RenderContext) -> list[Planned]:
    if not ctx.graphviz:
        return [_file("map.dot", "Graphviz source", "Map files")]
    from .render.mappdf import page_count
    from .vocabulary import plural
    # The link says how much paper it is, so the map is laid out before the page is made.
    pages = plural(page_count(_drawn(ctx)["map.pdf"]), "page")
    return [_file("map.pdf", f"Whole map as a printable diagram (PDF, {pages})", "Map files"),
            _file("map.svg", "Whole map as a diagram (SVG)", "Map files"),
            _file("map.dot", "Graphviz source", "Map files")]


def _drawn(ctx: RenderContext) -> dict:
    """map.dot, map.svg and map.pdf, laid out by Graphviz once per build (before a worker
    is forked, the planning of the links needs them)."""
    if not ctx.drawn:
        from .render import dot
        from .render.mappdf import render_map_pdf
        text = "".join(dot.render_dot(ctx.debate, ctx.graph))
        ctx.drawn.update({"map.dot": text, "map.svg": dot.run_dot(text, "svg"),
                          "map.pdf": render_map_pdf(ctx.debate, ctx.graph, text, ctx.paper)})
    return ctx.drawn


def _clash_files(ctx: RenderContext) -> list[Planned]:
    from .render.clashsheet import FOLDER, sheet_topics
    return [_file(f"{FOLDER}/{t['id']}.html", t["label"], "Clash sheets (one page per topic)")
            for t in sheet_topics(ctx.graph)]


def _card_files(ctx: RenderContext) -> list[Planned]:
    from .graph import perspectives_of
    from .render.cardsheet import FOLDER, has_cards
    return [_file(f"{FOLDER}/{p['id']}.html", p["label"], "Cut-out evidence cards")
            for p in perspectives_of(ctx.graph) if has_cards(ctx.graph, p["id"])]


def _worksheet_modes(ctx: RenderContext) -> tuple[str, ...]:
    """A worksheet per side, and for a teacher's build its answer key."""
    from .render.worksheets import WORKSHEET_MODES
    return tuple(m for m in WORKSHEET_MODES if m != "key" or ctx.audience == TEACHER)


def _worksheet_files(ctx: RenderContext) -> list[Planned]:
    return _side_pages(ctx, "worksheets", _worksheet_modes(ctx), "Worksheets")


def _index(ctx: RenderContext) -> Files:
    from .render.html import render_html
    yield "index.html", render_html(ctx.debate, ctx.graph, links=ctx.links, atlas=ctx.atlas)


def _json(ctx: RenderContext) -> Files:
    from .export.jsongraph import node_link_json_pieces
    yield "argmap.json", node_link_json_pieces(ctx.graph)


def _sources(ctx: RenderContext) -> Files:
    from .render.sources import render_sources_html
    yield "sources.html", render_sources_html(ctx.debate, ctx.graph, ctx.result)


def _report(ctx: RenderContext) -> Files:
    from .render.report import render_report_html
    yield "report.html", render_report_html(ctx.debate, ctx.graph, ctx.result.quotes)


def _dot(ctx: RenderContext) -> Files:
    from .render import dot
    if not ctx.graphviz:
        yield "map.dot", dot.render_dot(ctx.debate, ctx.graph)
        return
    yield from _drawn(ctx).items()


def _briefs(ctx: RenderContext) -> Files:
    from .render.briefs import iter_materials
    return iter_materials(ctx.debate, ctx.graph, "briefs", ("brief",))


def _worksheets(ctx: RenderContext) -> Files:
    from .render.briefs import iter_materials
    return iter_materials(ctx.debate, ctx.graph, "worksheets", _worksheet_modes(ctx))


def _glossary(ctx: RenderContext) -> Files:
    from .render.glossary import render_glossary_html
    yield GLOSSARY, render_glossary_html(ctx.graph)


def _teacher(ctx: RenderContext) -> Files:
    from .render.teacher import render_teacher_html
    yield TEACHER_PAGE, render_teacher_html(ctx.graph, ctx.teacher_links, ctx.worksheets,
                                            ctx.pdf, ctx.debate.root)


GLOSSARY = "glossary.html"


# Clash sheets and cut-out cards are for printing a lesson: beyond this many claims (the
# printed atlas's limit too) a build leaves them out and says how to cut the debate down.
HANDOUT_MAX_CLAIMS = 2000


def handouts_fit(graph) -> bool:
    """Whether a map is small enough for clash sheets and cards."""
    from .lookup import node_ids
    return len(node_ids(graph, "claim")) <= HANDOUT_MAX_CLAIMS


def _clash(ctx: RenderContext) -> Files:
    from .render.clashsheet import render_clash_sheets
    return render_clash_sheets(ctx.graph)


def _cards(ctx: RenderContext) -> Files:
    from .render.cardsheet import render_card_sheets
    return render_card_sheets(ctx.graph)


OUTPUTS: tuple[Output, ...] = (
    Output("json", 0.31, _json,
           files=lambda ctx: [_file("argmap.json", "Graph data (JSON)", "Map files")]),
    Output("index", 1.06, _index, files=lambda ctx: [_file("index.html")]),
    Output("sources", 0.22, _sources,
           files=lambda ctx: [_file("sources.html", "Sources", "Analysis")]),
    Output("dot", 0.32, _dot, files=_dot_files),
    Output("report", 0.58, _report,
           files=lambda ctx: [_file("report.html", "Report", "Analysis")]),
    Output("briefs", 0.63, _briefs,
           files=lambda ctx: _side_pages(ctx, "briefs", ("brief",), "Briefs")),
    Output("worksheets", 0.75, _worksheets, lambda ctx: ctx.worksheets, _worksheet_files),
    Output("clash", 0.06, _clash, lambda ctx: handouts_fit(ctx.graph), _clash_files),
    Output("cards", 0.31, _cards, lambda ctx: handouts_fit(ctx.graph), _card_files),
    Output("glossary", 0.01, _glossary,
           files=lambda ctx: [_file(GLOSSARY, "Glossary", "Analysis",
                                    pages=(INDEX_PAGE, TEACHER_PAGE))]),
    Output("teacher", 0.01, _teacher, lambda ctx: ctx.audience == TEACHER,
           lambda ctx: [_file(TEACHER_PAGE, "Teacher's page: lesson plan, answer keys",
                              "For the teacher", TEACHER)]),
)

# Within a group of links, the outputs in this order (the report before the sources list).
_LINK_ORDER = ("teacher", "report", "sources", "glossary", "briefs", "cards", "clash",
               "worksheets", "dot", "json")


def planned_files(ctx: RenderContext, outputs: Iterable[Output], pdf: bool = False
                  ) -> list[Planned]:
    """Every file ``outputs`` write for this build, named before any is rendered; with
    ``pdf``, each HTML page's PDF too (group "PDFs", on the page that lists the HTML page,
    or on the teacher's page for teacher's material) and the print packs."""
    planned = [{**f, "output": o.name} for o in outputs for f in o.files(ctx)]
    if pdf:
        from .packs import pack_files
        from .render.pdf import pdf_name
        pages = sorted((f for f in planned if f["href"].endswith(".html")),
                       key=lambda f: f["href"])
        planned += [{**_file(pdf_name(f["href"]), f["href"][:-5], "PDFs", f["audience"],
                             (TEACHER_PAGE,) if f["audience"] == TEACHER else (INDEX_PAGE,)),
                     "output": f["output"]} for f in pages]
        planned += [{**_file(href, label, "Print packs", audience,
                             (TEACHER_PAGE,) if audience == TEACHER else
                             (INDEX_PAGE, TEACHER_PAGE)), "output": "packs"}
                    for href, label, audience in pack_files(ctx.audience)]
    return planned


def links_of(ctx: RenderContext, outputs: Iterable[Output], pdf: bool = False,
             page: str = INDEX_PAGE) -> list[Planned]:
    """What ``page`` (the map page, or the teacher's) links to: every other file
    ``outputs`` write that a reader visits from it, in :data:`LINK_GROUPS` order. The
    teacher's page leads to everything the map page does as well as to what only teachers
    get, so that it is where a lesson is run from."""
    rank = {name: i for i, name in enumerate(_LINK_ORDER)}
    ordered = sorted(outputs, key=lambda o: rank.get(o.name, len(rank)))

    def listed(f: Planned) -> bool:
        if page == TEACHER_PAGE:
            return f["href"] != TEACHER_PAGE and bool({INDEX_PAGE, TEACHER_PAGE} & set(f["pages"]))
        return page in f["pages"]
    links = [f for f in planned_files(ctx, ordered, pdf) if listed(f)]
    return sorted(links, key=lambda f: LINK_GROUPS.index(f["group"]))


def wanted(ctx: RenderContext, outputs: Iterable[Output] | None = None) -> list[Output]:
    """The outputs this build renders (of ``outputs``, by default the table)."""
    return [o for o in (OUTPUTS if outputs is None else outputs) if o.wanted(ctx)]


def balanced(outputs: list[Output]) -> tuple[list[Output], list[Output]]:
    """``outputs`` split in two lists whose costs are as even as they can be: every split is
    tried, as there are only a handful. The first list holds the index, the costliest."""
    known = [o.cost for o in outputs if o.cost > 0]
    average = sum(known) / len(known) if known else 1.0
    cost = {o.name: o.cost if o.cost > 0 else average for o in outputs}
    best: tuple[float, list[Output], list[Output]] | None = None
    for mask in range(1 << len(outputs)):
        first = [o for i, o in enumerate(outputs) if mask >> i & 1]
        if any(o.name == "index" for o in outputs) and all(o.name != "index" for o in first):
            continue
        second = [o for o in outputs if o not in first]
        worse = max(sum(cost[o.name] for o in first), sum(cost[o.name] for o in second))
        if best is None or worse < best[0]:
            best = (worse, first, second)
    return (best[1], best[2]) if best else ([], [])


def files_of(outputs: list[Output], ctx: RenderContext, step=None
             ) -> Iterator[tuple[str, Content]]:
    """The files of ``outputs``; ``step(what)`` is told as each output starts."""
    for output in outputs:
        if step is not None:
            step(f"writing {output.name}")
        yield from output.render(ctx)
