"""Per-side briefs: ``briefs/<perspective>.html``, one self-contained printable page each.

A brief holds, for one perspective (the structure comes from :class:`argmap.graphview.SideIndex`):

1. **The case**: the side's claims as evidence cards (:mod:`argmap.render.cards`), grouped
   by topic (declared order, then untagged) and under the resolution each serves;
2. **Answers**: an "A2" block per claim of another side that attacks this side's claims or a
   resolution it argues for, holding this side's answers as cards, or flagged *unanswered*;
3. **Frontlines**: per claim of this side, what other sides say against it.

The same page, with the card texts blanked or marked as answers, is the students' worksheet
and its answer key (:mod:`argmap.render.worksheets`): ``MODES``. Wording is the project's,
and neutral; each side's own words appear only in its claims and its sources' quotes.

    files.update(render_briefs(debate, graph))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from operator import itemgetter
from collections.abc import Callable, Iterator

import networkx as nx
from markupsafe import Markup

from ..graph import perspective_ids, perspective_labels
from ..graphview import AGAINST, FOR
from ..model import Debate
from ..graphview import view_of
from .cards import VERBS, CardWriter, Fragments, fill
from .pages import (escape_html, handout_css, handout_values, page_csp, perspective_styles,
                    scope_of, stylesheet)
from .templating import environment

__all__ = ["MODES", "FOLDERS", "Briefing", "index_name", "page_name", "render_materials",
           "render_briefs"]

# What a page shows in place of each card text: the brief itself, a worksheet with the
# passages blanked for students to find, or the worksheet's answer key.
MODES = ("brief", "worksheet", "key")
FOLDERS = {"brief": "briefs", "worksheet": "worksheets", "key": "worksheets"}

NO_TOPIC = "No topic"
STANCE_HEADINGS = {FOR: "For the resolution", AGAINST: "Against the resolution"}
NO_RESOLUTION = "Not linked to a resolution"


def _topic_labels(graph: nx.MultiDiGraph) -> Callable[[str | None], str]:
    labels = {t["id"]: t["label"] for t in graph.graph.get("topics", [])}
    return lambda topic: NO_TOPIC if topic is None else labels.get(topic, topic)


@dataclass
class _Side:
    """One side's structure (:class:`argmap.graphview.SideIndex`)."""

    case: list[dict]
    arguments: list[dict]
    order: list[str]  # its claims in case order
    attacks: dict[str, list[dict]]  # claim → what other sides say against it
    answered: set[str]  # the opposing claims this side answers


@dataclass
class _Written:
    """One side's page as HTML, written once for its brief, worksheet and key: the cards
    (``case`` groups' and ``answers`` topics' ``pieces``) with their evidence boxes open
    (:class:`argmap.render.cards.CardWriter`), the rest complete."""

    case: list[dict]
    answers: list[dict]
    frontlines: str
    unattacked: str


class Briefing:
    """One debate's briefs and worksheets. What several pages share is made once: the graph
    read into plain dicts (:class:`argmap.graphview.SideIndex`), each side's structure, the HTML
    of ids, texts and citations (:class:`argmap.render.cards.Fragments`), and the
    templates. The parts of a page that repeat per claim (cards, A2 blocks, frontlines) are
    written as HTML here and in :class:`argmap.render.cards.CardWriter`; the page template
    lays them out."""

    def __init__(self, debate: Debate | None, graph: nx.MultiDiGraph):
        self.debate, self.graph = debate, graph
        self.view = view_of(graph)
        self.index = self.view.sides
        self.html = Fragments(self.index)
        self.label = _topic_labels(graph)
        self.names = perspective_labels(graph)
        self._who: dict[str, str] = {}
        self._sides: dict[str, _Side] = {}

    @cached_property
    def env(self):
        return environment()

    @cached_property
    def styles(self) -> list[dict]:
        return perspective_styles(self.graph)

    @cached_property
    def css(self) -> str:
        return stylesheet("briefs.css", self.styles, self.env) + handout_css(self.graph)

    def side(self, perspective: str) -> _Side:
        if perspective not in self._sides:
            case = self.index.case_groups(perspective)
            order = [c for topic in case for group in topic["groups"] for c in group["claims"]]
            arguments = self.index.opposing_arguments(perspective)
            self._sides[perspective] = _Side(
                case, arguments, order, {c: self.index.attackers(c) for c in order},
                {a["claim"] for a in arguments
                 if a["answers"] or self._answered_outside(a["claim"], perspective)})
        return self._sides[perspective]

    def counts(self, perspective: str) -> dict:
        side = self.side(perspective)
        return {"claims": len(side.order), "blocks": len(side.arguments),
                "unanswered": len(side.arguments) - len(side.answered)}

    def context(self, perspective: str, mode: str = "brief") -> dict:
        """What the page template receives besides the page-wide values: ``case`` (topics,
        each with ``label`` and ``groups``: ``heading``, ``resolution``, ``cards``),
        ``answers`` (topics: ``label``, ``blocks``), ``frontlines``, ``unattacked`` and
        ``counts``. Cards and blocks come as pieces of HTML (:func:`argmap.render.cards.fill`),
        frontlines and the list of claims nothing attacks as HTML."""
        return self._context(perspective, self._write(perspective), mode)

    def _context(self, perspective: str, written: _Written, mode: str) -> dict:
        return {"case": [{"label": topic["label"],
                          "groups": [{"heading": g["heading"], "resolution": g["resolution"],
                                      "cards": fill(g["pieces"], mode)}
                                     for g in topic["groups"]]}
                         for topic in written.case],
                "answers": [{"label": topic["label"], "blocks": fill(topic["pieces"], mode)}
                            for topic in written.answers],
                "frontlines": Markup(written.frontlines),
                "unattacked": Markup(written.unattacked),
                "counts": self.counts(perspective)}

    def _write(self, perspective: str) -> _Written:
        side, cards = self.side(perspective), CardWriter(self.html)
        return _Written(
            [{"label": self.label(topic["topic"]),
              "groups": [self._group(cards, g) for g in topic["groups"]]}
             for topic in side.case],
            [{"label": self.label(topic), "pieces": self._blocks(cards, same, perspective)}
             for topic, same in _by_topic(side.arguments)],
            "".join([self._frontline(side, c) for c in side.order if side.attacks[c]]),
            "".join([f"<li>{self.html.text(c)}{self._attacked_outside(c)}</li>"
                     for c in side.order if not side.attacks[c]]))

    def _plain_text(self, node: str) -> str:
        d = self.index.nodes.get(node)
        return node if d is None else d.get("text", node)

    def _group(self, cards: CardWriter, group: dict) -> dict:
        stance, res, also = group["stance"], group["resolution"], group["also"]
        pieces: list = []
        for c in group["claims"]:
            cards.case_card(c, [f"{STANCE_HEADINGS[s]}: {self._plain_text(r)}"
                                for r, s in also[c]], pieces)
        return {"heading": STANCE_HEADINGS[stance] if stance else NO_RESOLUTION,
                "resolution": self._plain_text(res) if res else "", "pieces": pieces}

    def _perspective(self, claim: str) -> str:
        """The label of the claim's perspective, as HTML."""
        perspective = self.index.nodes[claim]["perspective"]
        if perspective not in self._who:
            self._who[perspective] = escape_html(self.names.get(perspective, perspective))
        return self._who[perspective]

    def _cites(self, claim: str, before: str) -> str:
        """Short cites of a claim's evidence, each source once: what the other side reads."""
        seen = dict.fromkeys(ev["source"] for ev in self.index.nodes[claim]["evidence"])
        return "".join([f"{before}<strong>{self.html.short_cite(s)}</strong>" for s in seen])

    def _blocks(self, cards: CardWriter, arguments: list[dict], perspective: str) -> list:
        """An A2 block per argument: the opposing claim, what of this side's it attacks,
        and this side's answers to it as cards (or the flag that there are none)."""
        pieces: list = []
        for arg in arguments:
            pieces.append(self._block_head(arg, perspective))
            for answer in arg["answers"]:
                cards.answer_card(answer, pieces)
            if arg["answers"]:
                pieces.append("</section>\n")
            elif self._answered_outside(arg["claim"], perspective):
                pieces.append('<p class="flag"><span class="flag-label">Answered outside '
                              'this selection</span> This side\'s answers are in the full '
                              'map.</p>\n</section>\n')
            else:
                pieces.append('<p class="flag"><span class="flag-label">No reply recorded'
                              '</span> The map records no answer from this side: its '
                              'documents may not take it up, or a published answer is not '
                              'mapped.</p>\n'
                              '</section>\n')
        return pieces

    def _attacked_outside(self, claim: str) -> str:
        """In a part of the debate: a note on a claim that claims left out attack, for the
        list of claims nothing attacks ("" when nothing does in the whole map either)."""
        if self.view.attacked_outside(claim):
            return (' <span class="note">(attacked outside this selection: the replies are '
                    'in the full map)</span>')
        return ""

    def _answered_outside(self, claim: str, perspective: str) -> bool:
        """In a part of the debate (:mod:`argmap.scope`): this side answers ``claim`` with a
        claim that was left out."""
        return self.view.answered_outside(claim, perspective)

    def _block_head(self, arg: dict, perspective: str) -> str:
        cid, tag = self.html.node(arg["claim"])
        targets = "".join([self._target(t) for t in arg["targets"]])
        open_ = not arg["answers"] and not self._answered_outside(arg["claim"], perspective)
        return f'<section class="block{" unanswered" if open_ else ""}" ' \
               f'id="a2-{cid}">\n<h4 class="block-title">A2: {tag}</h4>\n' \
               f'<p class="block-meta"><span class="who">{self._perspective(arg["claim"])}' \
               f'</span>{self._cites(arg["claim"], " · ")}</p>\n' \
               f'<ul class="targets">\n{targets}</ul>\n'

    def _target(self, relation: dict) -> str:
        v = relation["target"]
        res = " the resolution" if self.index.nodes[v]["type"] == "resolution" else ""
        note = f' <span class="note">({escape_html(relation["note"])})</span>' \
            if relation["note"] else ""
        return f'<li>{VERBS[relation["type"]]}{res}: {self.html.text(v)}{note}</li>\n'

    def _frontline(self, side: _Side, claim: str) -> str:
        """What other sides say against one of this side's claims, and whether this side
        answers each."""
        cid, tag = self.html.node(claim)
        items = "".join([self._against(side, rel) for rel in side.attacks[claim]])
        return f'<section class="frontline" id="front-{cid}">\n<h4>{tag}</h4>\n' \
               f'<ul class="against">\n{items}</ul>\n</section>\n'

    def _against(self, side: _Side, rel: dict) -> str:
        u = rel["source"]
        uid, text = self.html.node(u)
        note = f'<span class="note">Point of clash: {escape_html(rel["note"])}</span>' \
            if rel["note"] else ""
        if u in side.answered and not self.index.answers(
                u, self.index.nodes[rel["target"]]["perspective"]):
            answered = "answered"  # its A2 block says so: the reply was left out of the part
            status = f'<a href="#a2-{uid}">Answered outside this selection</a>: the reply ' \
                'is in the full map'
        elif u in side.answered:
            answered = "answered"
            status = f'Answered: <a href="#a2-{uid}">see its A2 block</a>'
        else:
            answered, status = "unanswered", '<span class="flag-label">No reply recorded</span>'
        return f'<li class="{answered}"><span class="who">{self._perspective(u)}</span> ' \
               f'{VERBS[rel["type"]].lower()} it: {text}{self._cites(u, " ")}{note}' \
               f'<span class="status">{status}</span></li>\n'

    def pages(self, *modes: str) -> dict[str, str]:
        """One page per perspective in each of ``modes`` (see ``MODES``; by default the
        briefs), keyed by their file names (``briefs/<id>.html``; ``worksheets/<id>.html``;
        ``worksheets/<id>-key.html``)."""
        return {name: "".join(pieces) for name, pieces in self.iter_pages(*modes)}

    def iter_pages(self, *modes: str) -> Iterator[tuple[str, Iterator[str]]]:
        """:meth:`pages` one at a time, side by side, each as pieces of text: each side is
        written once for all the modes, and no page is ever held whole."""
        modes = modes or ("brief",)
        for mode in modes:
            if mode not in MODES:
                raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        ids = [p["id"] for p in self.styles]
        for p in self.styles:
            for mode, html in zip(modes, self._side_pages(p, modes), strict=True):
                yield f"{FOLDERS[mode]}/{page_name(mode, p['id'], ids)}", html

    def _side_pages(self, perspective: dict, modes: tuple[str, ...]) -> list[Iterator[str]]:
        template = self.env.get_template("brief.html.jinja2")
        written = self._write(perspective["id"])
        return [template.generate(perspective=perspective, **self._common(mode),
                                  **self._context(perspective["id"], written, mode))
                for mode in modes]

    def _common(self, mode: str) -> dict:
        debate_title = self.debate.title if self.debate else ""
        return {"title": self.graph.graph.get("title") or debate_title,
                "question": self.graph.graph.get("question", ""), "mode": mode,
                "css": Markup(self.css), "csp": page_csp(self.css),
                "scope": scope_of(self.graph), **handout_values(self.graph, "../")}

    def index_page(self, kind: str, keys: bool = True) -> str:
        """``briefs/index.html`` or ``worksheets/index.html``: one link per perspective (and,
        with ``keys``, to each worksheet's answer key)."""
        ids = [p["id"] for p in self.styles]
        entries = [{**p, "counts": self.counts(p["id"]),
                    "page": page_name("brief", p["id"], ids),
                    "key": page_name("key", p["id"], ids)} for p in self.styles]
        return self.env.get_template("materials-index.html.jinja2").render(
            kind=kind, keys=keys, title=self.graph.graph.get("title", ""),
            question=self.graph.graph.get("question", ""), perspectives=entries,
            css=Markup(self.css), csp=page_csp(self.css), scope=scope_of(self.graph),
            **handout_values(self.graph, "../"))


def _by_topic(arguments: list[dict]) -> Iterator[tuple[str | None, list[dict]]]:
    """Runs of arguments with one topic (they come in topic order)."""
    for topic, same in groupby(arguments, key=itemgetter("topic")):
        yield topic, list(same)


def index_name(ids) -> str:
    """``index.html``, unless a perspective is called "index" (ids never start with "_")."""
    return "_index.html" if "index" in ids else "index.html"


def page_name(mode: str, perspective: str, ids) -> str:
    """A page's name in its folder. An answer key is ``<id>-key.html``, or ``_keys/<id>.html``
    when that name is another perspective's page."""
    if mode != "key":
        return f"{perspective}.html"
    name = f"{perspective}-key"
    return f"_keys/{perspective}.html" if name in ids or name == "index" else f"{name}.html"


def render_materials(debate: Debate | None, graph: nx.MultiDiGraph, folder: str,
                     modes: tuple[str, ...]) -> dict[str, str]:
    """The pages of each of ``modes`` and the index of their ``folder`` ("briefs" or
    "worksheets")."""
    return {name: page if isinstance(page, str) else "".join(page)
            for name, page in iter_materials(debate, graph, folder, modes)}


def iter_materials(debate: Debate | None, graph: nx.MultiDiGraph, folder: str,
                   modes: tuple[str, ...]
                   ) -> Iterator[tuple[str, str | Iterator[str]]]:
    """:func:`render_materials` one page at a time, a page as text or as pieces of text:
    what a build writes, so that no page is ever held whole."""
    briefing = Briefing(debate, graph)
    yield from briefing.iter_pages(*modes)
    ids = perspective_ids(graph)
    yield f"{folder}/{index_name(ids)}", briefing.index_page(folder, "key" in modes)


def render_briefs(debate: Debate | None, graph: nx.MultiDiGraph) -> dict[str, str]:
    """``{"briefs/<perspective-id>.html": html, ..., "briefs/index.html": html}``."""
    return render_materials(debate, graph, "briefs", ("brief",))
