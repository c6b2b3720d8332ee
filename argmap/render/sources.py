"""``sources.html``: the bibliography of the map, one self-contained page.

Every source with who is behind it (type, stated stance, author, publisher), when it was
published and read, where to find it (http/https links only), what it cites and what cites
it, which claims trace a figure to it, and the claims on each side that cite it, grouped by
perspective and linked into the map (``index.html#<claim-id>``). Each source's entry has the
address ``sources.html#<source-id>``.

    files["sources.html"] = render_sources_html(debate, graph)
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from markupsafe import Markup

from ..analysis import source_breakdown
from ..lookup import NONE_STATED, RELATIONS, citation, node_ids
from ..model import Debate
from .pages import (MAP_PAGE, by_stance_rows, claim_href, page_css, page_csp,
                    perspective_styles, safe_url)
from .templating import environment

__all__ = ["sources_data", "render_sources_html"]


def _sort_key(c: dict) -> tuple:
    """Bibliography order: by who is named first (author, else publisher, else title)."""
    lead = c["author"] or c["publisher"] or c["title"]
    return (lead.casefold(), c["title"].casefold(), c["id"])


def _citing_claims(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Source id → every use by a claim: its own evidence, or evidence for a relation;
    in the claims' order (the files'), a claim's own evidence before its relations'."""
    uses: dict[str, list[dict]] = defaultdict(list)
    order = {c: i for i, c in enumerate(node_ids(graph, "claim"))}
    for c in node_ids(graph, "claim"):
        for ev in graph.nodes[c]["evidence"]:
            uses[ev["source"]].append({"claim": c, "quote": ev["quote"],
                                       "locator": ev["locator"], "relation": None})
    for u, v, d in graph.edges(data=True):
        if d["type"] in RELATIONS:
            for ev in d.get("evidence", ()):
                uses[ev["source"]].append({"claim": u, "quote": ev["quote"],
                                           "locator": ev["locator"],
                                           "relation": {"type": d["type"], "target": v}})
    for items in uses.values():
        items.sort(key=lambda use: order[use["claim"]])  # stable: keeps own evidence first
    return uses


def sources_data(graph: nx.MultiDiGraph) -> list[dict]:
    """Each source's citation plus ``link`` (a safe URL or ""), ``cites``, ``cited_by``,
    ``traced_from`` (claims whose figures trace to it, with ``via``) and ``sides`` (per
    perspective, in declared order, the claims citing it with quote and locator)."""
    nodes = graph.nodes
    order = [p["id"] for p in graph.graph.get("perspectives", [])]
    uses = _citing_claims(graph)
    cited_by: dict[str, list[str]] = defaultdict(list)
    traced_from: dict[str, list[dict]] = defaultdict(list)
    cites: dict[str, list[str]] = defaultdict(list)
    for u, v, d in graph.edges(data=True):
        if d["type"] == "cites":
            cites[u].append(v)
            cited_by[v].append(u)
        elif d["type"] == "traced_to":
            traced_from[v].append({"claim": u, "via": d["via"]})
    result = []
    for s in node_ids(graph, "source"):
        entry = citation(graph, s)
        by_side: dict[str, list[dict]] = defaultdict(list)
        for use in uses[s]:
            by_side[nodes[use["claim"]]["perspective"]].append(use)
        sides = [{"perspective": p, "uses": by_side[p]} for p in order if by_side.get(p)]
        sides += [{"perspective": p, "uses": by_side[p]}
                  for p in sorted(set(by_side) - set(order))]
        entry.update(link=safe_url(entry["url"]), cites=cites[s],
                     cited_by=sorted(cited_by[s]), traced_from=traced_from[s], sides=sides,
                     title_of={t: nodes[t]["title"] for t in
                               [*cites[s], *cited_by[s], *(x["via"] for x in traced_from[s])]})
        result.append(entry)
    return sorted(result, key=_sort_key)


def render_sources_html(debate: Debate | None, graph: nx.MultiDiGraph,
                        template_dir: str | None = None) -> str:
    """``sources.html`` as text. ``template_dir`` holds templates replacing the packaged ones."""
    env = environment(template_dir)
    styles = perspective_styles(graph)
    css = page_css(styles, env)
    sources = sources_data(graph)
    everything = source_breakdown(graph, [s["id"] for s in sources])
    texts = {c: graph.nodes[c]["text"] for c in node_ids(graph, "claim")}
    texts.update({r: graph.nodes[r]["text"] for r in node_ids(graph, "resolution")})
    return env.get_template("sources.html.jinja2").render(
        title=graph.graph.get("title") or (debate.title if debate is not None else ""),
        question=graph.graph.get("question", ""), sources=sources, perspectives=styles,
        style={p["id"]: p for p in styles},
        by_type=everything["by_type"],
        by_stance=by_stance_rows(everything["by_stance"], [p["id"] for p in styles]),
        none_stated=NONE_STATED, texts=texts, href=claim_href, map_page=MAP_PAGE,
        css=Markup(css), csp=page_csp(css))
