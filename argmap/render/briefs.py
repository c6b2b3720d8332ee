"""Per-side briefs: ``briefs/<perspective>.html``, one self-contained printable page each.

A brief holds, for one perspective (the structure comes from :mod:`argmap.sides`):

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

from typing import Callable

import networkx as nx
from markupsafe import Markup

from .. import sides
from ..model import Debate
from ..lookup import RELATIONS
from .cards import blank_evidence, blanked, claim_card, evidence_card, source_citation
from .pages import page_csp, perspective_styles
from .templating import environment

__all__ = ["MODES", "FOLDERS", "brief_context", "index_name", "page_name", "render_pages",
           "render_index", "render_briefs"]

# What a page shows in place of each card text: the brief itself, a worksheet with the
# passages blanked for students to find, or the worksheet's answer key.
MODES = ("brief", "worksheet", "key")
FOLDERS = {"brief": "briefs", "worksheet": "worksheets", "key": "worksheets"}

NO_TOPIC = "No topic"
STANCE_HEADINGS = {sides.FOR: "For the resolution", sides.AGAINST: "Against the resolution"}
NO_RESOLUTION = "Not linked to a resolution"


def _topic_labels(graph: nx.MultiDiGraph) -> Callable[[str | None], str]:
    labels = {t["id"]: t["label"] for t in graph.graph.get("topics", [])}
    return lambda topic: NO_TOPIC if topic is None else labels.get(topic, topic)


def _text(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("text", node) if node in graph.nodes else node


def _links(graph: nx.MultiDiGraph, claim: str, blank: bool) -> list[dict]:
    """The claim's relations, each with its note and the evidence given for it alone. A bare
    ``supports`` of a resolution is left out: the group heading already says it."""
    links = []
    for _, v, d in graph.out_edges(claim, data=True):
        if d["type"] not in RELATIONS:
            continue
        resolution = graph.nodes[v]["type"] == "resolution"
        if resolution and d["type"] == "supports" and not d["note"] and not d["evidence"]:
            continue
        evidence = [evidence_card(graph, ev) for ev in d["evidence"]]
        links.append({"type": d["type"], "resolution": resolution, "text": _text(graph, v),
                      "note": d["note"],
                      "evidence": [blank_evidence(ev) for ev in evidence] if blank
                      else evidence})
    return links


def _card(graph: nx.MultiDiGraph, claim: str, relation: dict | None = None,
          blank: bool = False) -> dict:
    """A card as filed in the case (with its relations: ``links``), or as an answer to one
    argument (``relation``: just that one)."""
    card = claim_card(graph, claim, relation)
    card["links"] = [] if relation else _links(graph, claim, blank)
    return blanked(card) if blank else card


def _case(graph: nx.MultiDiGraph, perspective: str, label, blank: bool) -> list[dict]:
    topics = []
    for topic in sides.case_groups(graph, perspective):
        groups = []
        for g in topic["groups"]:
            stance, res = g["stance"], g["resolution"]
            cards = []
            for c in g["claims"]:
                card = _card(graph, c, blank=blank)
                card["also"] = [f"{STANCE_HEADINGS[s]}: {_text(graph, r)}"
                                for r, s in g["also"][c]]
                cards.append(card)
            groups.append({"heading": STANCE_HEADINGS[stance] if stance else NO_RESOLUTION,
                           "resolution": _text(graph, res) if res else "", "cards": cards})
        topics.append({"label": label(topic["topic"]), "groups": groups})
    return topics


def _cites(graph: nx.MultiDiGraph, claim: str) -> list[str]:
    """Short cites of a claim's evidence, each source once: what the other side reads."""
    seen = dict.fromkeys(ev["source"] for ev in graph.nodes[claim]["evidence"])
    return [source_citation(graph, s)["short"] for s in seen]


def _answers(graph: nx.MultiDiGraph, perspective: str, label, names: dict, blank: bool
             ) -> list[dict]:
    topics: list[dict] = []
    for arg in sides.opposing_arguments(graph, perspective):
        c = arg["claim"]
        block = {"id": c, "tag": _text(graph, c),
                 "perspective": names.get(graph.nodes[c]["perspective"],
                                          graph.nodes[c]["perspective"]),
                 "cites": _cites(graph, c),
                 "targets": [{"type": t["type"], "note": t["note"], "id": t["target"],
                              "text": _text(graph, t["target"]),
                              "resolution": graph.nodes[t["target"]]["type"] == "resolution"}
                             for t in arg["targets"]],
                 "answers": [_card(graph, a["source"], a, blank) for a in arg["answers"]]}
        block["unanswered"] = not block["answers"]
        if not topics or topics[-1]["topic"] != arg["topic"]:
            topics.append({"topic": arg["topic"], "label": label(arg["topic"]), "blocks": []})
        topics[-1]["blocks"].append(block)
    return topics


def _frontlines(graph: nx.MultiDiGraph, perspective: str, names: dict
                ) -> tuple[list[dict], list[dict]]:
    """``(attacked, unattacked)``: this side's claims in case order, with what other sides
    say against each (and whether this side answers that)."""
    attacked, unattacked = [], []
    for c in sides.case_order(graph, perspective):
        against = []
        for rel in sides.attackers(graph, c):
            u = rel["source"]
            against.append({"id": u, "text": _text(graph, u), "type": rel["type"],
                            "note": rel["note"], "cites": _cites(graph, u),
                            "perspective": names.get(graph.nodes[u]["perspective"],
                                                     graph.nodes[u]["perspective"]),
                            "answered": bool(sides.answers(graph, u, perspective))})
        entry = {"id": c, "tag": _text(graph, c), "against": against}
        (attacked if against else unattacked).append(entry)
    return attacked, unattacked


def brief_context(graph: nx.MultiDiGraph, perspective: str, mode: str = "brief") -> dict:
    """Everything one side's brief shows, as plain data (what the template receives). For a
    worksheet the quotes are taken out of the data (:func:`argmap.render.cards.blanked`)."""
    blank = mode == "worksheet"
    label = _topic_labels(graph)
    names = {p["id"]: p["label"] for p in graph.graph.get("perspectives", [])}
    attacked, unattacked = _frontlines(graph, perspective, names)
    answers = _answers(graph, perspective, label, names, blank)
    blocks = [b for t in answers for b in t["blocks"]]
    case = _case(graph, perspective, label, blank)
    return {"case": case, "answers": answers, "frontlines": attacked, "unattacked": unattacked,
            "counts": {"claims": sum(len(g["cards"]) for t in case for g in t["groups"]),
                       "blocks": len(blocks),
                       "unanswered": sum(1 for b in blocks if b["unanswered"])}}


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


def render_pages(debate: Debate | None, graph: nx.MultiDiGraph, mode: str = "brief",
                 template_dir: str | None = None) -> dict[str, str]:
    """One page per perspective in ``mode`` (see ``MODES``), keyed by their file names
    (``briefs/<id>.html``; ``worksheets/<id>.html``; ``worksheets/<id>-key.html``)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    env = environment(template_dir)
    styles = perspective_styles(graph)
    css = env.get_template("briefs.css").render(perspectives=styles)
    common = {"title": graph.graph.get("title") or (debate.title if debate else ""),
              "question": graph.graph.get("question", ""), "mode": mode,
              "css": Markup(css), "csp": page_csp(css)}
    template = env.get_template("brief.html.jinja2")
    folder = FOLDERS[mode]
    ids = [p["id"] for p in styles]
    return {f"{folder}/{page_name(mode, p['id'], ids)}":
            template.render(perspective=p, **brief_context(graph, p["id"], mode), **common)
            for p in styles}


def render_index(graph: nx.MultiDiGraph, kind: str, template_dir: str | None = None) -> str:
    """``briefs/index.html`` or ``worksheets/index.html``: one link per perspective."""
    env = environment(template_dir)
    styles = perspective_styles(graph)
    css = env.get_template("briefs.css").render(perspectives=styles)
    ids = [p["id"] for p in styles]
    entries = [{**p, "counts": brief_context(graph, p["id"])["counts"],
                "page": page_name("brief", p["id"], ids),
                "key": page_name("key", p["id"], ids)} for p in styles]
    return env.get_template("materials-index.html.jinja2").render(
        kind=kind, title=graph.graph.get("title", ""), question=graph.graph.get("question", ""),
        perspectives=entries, css=Markup(css), csp=page_csp(css))


def render_briefs(debate: Debate | None, graph: nx.MultiDiGraph,
                  template_dir: str | None = None) -> dict[str, str]:
    """``{"briefs/<perspective-id>.html": html, ..., "briefs/index.html": html}``."""
    files = render_pages(debate, graph, "brief", template_dir)
    ids = [p["id"] for p in graph.graph.get("perspectives", [])]
    files[f"briefs/{index_name(ids)}"] = render_index(graph, "briefs", template_dir)
    return files
