"""``sources.html``: the bibliography of the map, one self-contained page.

Every source with who is behind it (type, stated stance, author, publisher), when it was
published and read, where to find it (http/https links only), what it cites and what cites
it, which claims trace a figure to it, and the claims on each side that cite it, grouped by
perspective and linked into the map (``index.html#<claim-id>``). Each source's entry has the
address ``sources.html#<source-id>``.

    files["sources.html"] = "".join(render_sources_html(debate, graph))
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from collections.abc import Iterator

import networkx as nx
from markupsafe import Markup

from ..graph import perspective_ids
from ..analysis import source_breakdown
from ..lookup import NONE_STATED, RELATIONS, citation
from ..model import Debate
from .pages import (MAP_PAGE, by_stance_rows, claim_link, escape_html, page_css, page_csp,
                    perspective_styles, safe_url, scope_of, handout_css, handout_values)
from ..vocabulary import title_of
from .templating import environment

__all__ = ["sources_data", "render_sources_html"]

# A claim's use of a source: (claim id, evidence item, the relation it is given for or None).
Use = tuple[str, dict, "dict | None"]


def _sort_key(c: dict) -> tuple:
    """Bibliography order: by who is named first (author, else publisher, else title)."""
    lead = c["author"] or c["publisher"] or c["title"]
    return (lead.casefold(), c["title"].casefold(), c["id"])


class _Bibliography:
    """The graph read once into plain dicts: one pass over the nodes and one over the edges
    gather everything the page shows, where networkx views would cost a look-up each."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.nodes: dict[str, dict] = dict(graph.nodes(data=True))
        self.cites: dict[str, list[str]] = defaultdict(list)
        self.cited_by: dict[str, list[str]] = defaultdict(list)
        self.traced_from: dict[str, list[dict]] = defaultdict(list)
        self.relation_uses: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        # the order of edges(data=True), without its generator's cost per edge
        for u, targets in graph.adjacency():
            for v, parallel in targets.items():
                for d in parallel.values():
                    kind = d["type"]
                    if kind == "cites":
                        self.cites[u].append(v)
                        self.cited_by[v].append(u)
                    elif kind == "traced_to":
                        self.traced_from[v].append({"claim": u, "via": d["via"]})
                    elif kind in RELATIONS and d.get("evidence"):
                        self.relation_uses[u] += [(ev, {"type": kind, "target": v})
                                                  for ev in d["evidence"]]

    def uses(self) -> dict[str, dict[str, list[Use]]]:
        """Source id → perspective → every use of the source by a claim of that perspective:
        the claim's own evidence, or evidence for one of its relations (``relation``: its
        ``type`` and ``target``); in the claims' order (the files'), a claim's own evidence
        before its relations'."""
        uses: dict[str, dict[str, list[Use]]] = defaultdict(dict)
        for c, d in self.nodes.items():
            if d["type"] != "claim":
                continue
            for ev in d["evidence"]:
                uses[ev["source"]].setdefault(d["perspective"], []).append((c, ev, None))
            for ev, relation in self.relation_uses.get(c, ()):
                uses[ev["source"]].setdefault(d["perspective"], []).append((c, ev, relation))
        return uses

    def entries(self) -> list[dict]:
        """As ``sources_data``, but each use a ``Use`` tuple rather than a dict."""
        nodes = self.nodes
        order = perspective_ids(self.graph)
        uses = self.uses()
        result = []
        for s, d in nodes.items():
            if d["type"] != "source":
                continue
            entry = citation(self.graph, s)
            by_side = uses.get(s, {})
            sides = [{"perspective": p, "uses": by_side[p]} for p in order if p in by_side]
            sides += [{"perspective": p, "uses": by_side[p]}
                      for p in sorted(set(by_side) - set(order))]
            cites, cited_by = self.cites.get(s, []), self.cited_by.get(s, [])
            traced_from = self.traced_from.get(s, [])
            entry.update(link=safe_url(entry["url"]), cites=cites, cited_by=sorted(cited_by),
                         traced_from=traced_from, sides=sides,
                         title_of={t: nodes[t]["title"] for t in
                                   [*cites, *cited_by, *(x["via"] for x in traced_from)]})
            result.append(entry)
        return sorted(result, key=_sort_key)


def sources_data(graph: nx.MultiDiGraph) -> list[dict]:
    """Each source's citation plus ``link`` (a safe URL or ""), ``cites``, ``cited_by``,
    ``traced_from`` (claims whose figures trace to it, with ``via``) and ``sides`` (per
    perspective, in declared order, the claims citing it with quote and locator)."""
    entries = _Bibliography(graph).entries()
    for side in (side for entry in entries for side in entry["sides"]):
        side["uses"] = [{"claim": c, "quote": ev["quote"], "locator": ev["locator"],
                         "relation": relation} for c, ev, relation in side["uses"]]
    return entries


# A claim's address is the map's plus "#<id>", so the escaped id serves for both halves of
# its link: one escape rather than two, where escaping is most of the page's cost.

# The optional fields of an entry, in the page's order: (key, label, class of the value).
_FIELDS_BEFORE_TYPE = (("author", "Author", ""), ("container", "In", ""),
                       ("publisher", "Publisher", ""))
_FIELDS_AFTER_STANCE = (("published", "Published", ""), ("doi", "DOI", ' class="id"'))
_FIELDS_AFTER_URL = (("accessed", "Accessed", ""), ("archive", "Archived copy", ' class="id"'))


class _EntryWriter:
    """Each source's ``<article>`` as HTML, written here rather than in the template: a large
    map has one per source and a row in it per citing claim, and Jinja's loops, look-ups
    and calls cost far more than the HTML they write. Escaping is most of what is left, so
    each claim's link and text, and each perspective's badge, is made once."""

    def __init__(self, nodes: dict[str, dict], style: dict[str, dict]):
        self.style = style
        badges = {pid: Markup(f'<span class="persp {escape_html(p["css"])}">'
                              f'{escape_html(p["label"])}</span>') for pid, p in style.items()}

        def persp(pid: str) -> Markup:
            """A perspective's badge ("none stated" for no id)."""
            if pid in badges:
                return badges[pid]
            return Markup(f'<span class="persp">{escape_html(pid)}</span>' if pid
                          else escape_html(NONE_STATED))

        def head(claim: str) -> str:
            """A claim's id, linked into the map, and its text."""
            return f"{claim_link(claim)} {escape_html(nodes[claim]['text'])}"

        # Each made once: a hit costs a dict look-up in C, not a Python call. (Closures
        # rather than methods, so that no cycle through self outlives the page.)
        self.persp = persp
        self.head = cache(head)
        self.locator = cache(escape_html)  # few and repeated: "p. 12"

    def article(self, s: dict) -> Markup:
        stance = (f" {escape_html(self.style[s['stance']]['css'])}" if s["stance"] in self.style
                  else "")
        return Markup(f'<article class="entry{stance}" id="{escape_html(s["id"])}">\n'
                      f'  <h3>{escape_html(s["title"])}</h3>\n'
                      f'  <dl class="fields">\n{self.fields(s)}  </dl>\n'
                      f'{self.traced(s)}{self.sides(s)}</article>')

    def fields(self, s: dict) -> str:
        """The citation as a list of fields, empty ones left out. Lines break only after
        the fields every source has, as they did when the template wrote them."""
        return (f'    <dt>Id</dt><dd class="id">{escape_html(s["id"])}</dd>\n'
                f'{_fields(s, _FIELDS_BEFORE_TYPE)}'
                f'    <dt>Type</dt><dd>{escape_html(s["type"] or "not given")}</dd>\n'
                f'    <dt>Stated stance</dt><dd>{self.persp(s["stance"])}</dd>\n'
                f'{_fields(s, _FIELDS_AFTER_STANCE)}{_url(s)}{_fields(s, _FIELDS_AFTER_URL)}'
                f'{_titles("Cites", s["cites"], s["title_of"])}'
                f'{_titles("Cited by", s["cited_by"], s["title_of"])}')

    def traced(self, s: dict) -> str:
        """The claims whose figures are traced to the source."""
        if not s["traced_from"]:
            return ""
        head = self.head
        rows = "\n".join([
            f'    <li>{head(t["claim"])} <span class="note">as reported in '
            f'<a href="#{escape_html(t["via"])}">'
            f'{escape_html(s["title_of"][t["via"]])}</a></span></li>'
            for t in s["traced_from"]])
        return ("  <p><strong>Figures traced to this source</strong></p>\n"
                f'  <ul class="items">\n{rows}\n  </ul>\n')

    def sides(self, s: dict) -> str:
        """The claims citing the source, per perspective: each claim for itself or for one
        of its relations, with the quote and where in the source it is."""
        if not s["sides"]:
            return '  <p class="muted">No claim cites this source directly.</p>\n'
        head, quoted = self.head, self.quoted
        return "  <p><strong>Cited by claims</strong></p>\n" + "".join([
            f'  <p>{self.persp(side["perspective"])}</p>\n  <ul class="items">\n'
            + "\n".join([f"    <li>{head(claim)}\n{_relation(relation) if relation else ''}"
                         f"{quoted(ev['quote'], ev['locator'])}</li>"
                         for claim, ev, relation in side["uses"]])
            + "\n  </ul>\n" for side in s["sides"]])

    def quoted(self, quote: str, locator: str) -> str:
        if quote:
            where = f' <span class="muted">({self.locator(locator)})</span>' if locator else ""
            return f"<blockquote>{escape_html(quote)}{where}</blockquote>"
        return f'<span class="note">{self.locator(locator)}</span>' if locator else ""


def _relation(relation: dict) -> str:
    return f'<span class="note">for its relation: {escape_html(relation["type"])} ' \
           f'{claim_link(relation["target"])}</span>'


def _fields(s: dict, fields: tuple) -> str:
    return "".join(f"<dt>{label}</dt><dd{css}>{escape_html(s[key])}</dd>"
                   for key, label, css in fields if s[key])


def _url(s: dict) -> str:
    """The URL, as a link only when it is a safe one (``link``)."""
    if not s["url"]:
        return ""
    url = escape_html(s["url"])
    if s["link"]:
        url = f'<a href="{escape_html(s["link"])}" rel="noreferrer noopener">{url}</a>'
    return f"<dt>URL</dt><dd>{url}</dd>"


def _titles(label: str, ids: list[str], title_of: dict[str, str]) -> str:
    """Other sources, by title, linked to their entries."""
    if not ids:
        return ""
    links = "; ".join(f'<a href="#{escape_html(t)}">{escape_html(title_of[t])}</a>' for t in ids)
    return f"<dt>{label}</dt><dd>{links}</dd>"


def render_sources_html(debate: Debate | None, graph: nx.MultiDiGraph) -> Iterator[str]:
    """``sources.html`` in pieces, for a build that writes it as it is made."""
    yield from _page(debate, graph)


def _page(debate: Debate | None, graph: nx.MultiDiGraph) -> Iterator[str]:
    env = environment()
    styles = perspective_styles(graph)
    style = {p["id"]: p for p in styles}
    css = page_css(styles, env) + handout_css(graph)
    # uses stay tuples until their entry is written, so the page's rows exist once, in its
    # text, rather than also as a list of dicts
    bibliography = _Bibliography(graph)
    sources = bibliography.entries()
    writer = _EntryWriter(bibliography.nodes, style)
    everything = source_breakdown(graph, [s["id"] for s in sources])
    return env.get_template("sources.html.jinja2").generate(
        title=title_of(graph, debate),
        question=graph.graph.get("question", ""), count=len(sources),
        entries=map(writer.article, sources), persp=writer.persp,
        by_type=everything["by_type"],
        by_stance=by_stance_rows(everything["by_stance"], [p["id"] for p in styles]),
        none_stated=NONE_STATED, map_page=MAP_PAGE, css=Markup(css), csp=page_csp(css),
        scope=scope_of(graph), **handout_values(graph))
