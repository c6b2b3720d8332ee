"""``index.html``: the interactive argument map, one self-contained file.

Everything the page needs is inside it: the styles, the script (``templates/map.js``, written
for argmap, no third-party code), the data as JSON, and the outline as plain HTML, so the
page works offline, without JavaScript (outline only), and in print. The outline's rows sit
in a ``<noscript>``: a browser without JavaScript shows them as they are; with it they load
as raw text (at ten thousand claims they were half a million nodes and most of the page's
loading time) and the script makes them rows when the outline opens or the page prints.
A Content-Security-Policy allows no network access at all and runs only this build's own
style and script, named by their SHA-256 hashes.

    files["index.html"] = "".join(render_html(debate, graph))
    staged.stage("index.html", render_html(debate, graph))  # never held whole
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
from markupsafe import Markup

from ..branches import branches as map_branches
from ..layout import layout as compute_layout
from ..graph import perspectives_of, relation_edges
from ..model import Debate
from ..vocabulary import RELATION_LABELS, title_of, year_of
from .mapdata import (OPEN_CLAIMS, kinds, map_json, perspectives, safe_url, topics,
                      unanswered)
from .atlas import atlas_html_pieces
from .outline import Entry, outline
from .pages import (audience_css, content_note_of, csp_hash, escape_html, perspective_styles,
                    scope_css, scope_of, stylesheet)
from .templating import environment, render_with_inserts

__all__ = ["render_html", "content_security_policy", "RELATION_LABELS"]

def content_security_policy(css: str, js: str) -> str:
    """No network access of any kind; only this page's own style and script may run."""
    return "; ".join([
        "default-src 'none'",
        f"style-src {csp_hash(css)}",
        f"script-src {csp_hash(js)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def render_html(debate: Debate, graph: nx.MultiDiGraph, links: list[dict] | None = None,
                atlas: bool = True) -> Iterator[str]:
    """The page as pieces of text, in order: what a build writes, so that the page (tens of
    megabytes at ten thousand claims) is never held whole. ``links`` (``href``, ``label``,
    ``group``) are the other outputs the page leads to. ``atlas=False`` leaves out the
    printable atlas (a third of a large page, and of its rendering) for a page that is only
    looked at: a live preview."""
    yield from _render(debate, graph, links or [], atlas)


_NO_ATLAS = ('<section class="am-atlas-note"><p>This preview leaves out the printable '
             'map: print the index.html that argmap build writes.</p></section>\n')


def _link_groups(links: list[dict]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for link in links:
        groups.setdefault(link["group"], []).append(link)
    return list(groups.items())


def _render(debate: Debate, graph: nx.MultiDiGraph, links: list[dict], atlas: bool = True
            ) -> Iterator[str]:
    env = environment()
    relations = relation_edges(graph)
    lay = compute_layout(graph, relations)
    open_claims = unanswered(graph)
    styles = perspectives(graph)
    claims = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "claim")
    tree = outline(graph, lay, 2 if claims > OPEN_CLAIMS else None, relations)
    writer = _OutlineWriter(graph, open_claims)
    note = content_note_of(graph)
    # The styles and scripts are copied verbatim: they are code, not templates (see
    # pages.stylesheet). The content note's own few lines come only with a note.
    css = stylesheet("map.css", perspective_styles(graph), env) + \
        scope_css(scope_of(graph)) + audience_css(graph)
    js = env.loader.get_source(env, "map.js")[0]
    css += env.loader.get_source(env, "map-note.css")[0]
    if note:
        js += env.loader.get_source(env, "map-note.js")[0]
    title = title_of(graph, debate)
    question = graph.graph.get("question") or debate.question
    return render_with_inserts(
        env.get_template("map.html.jinja2"),
        {"title": title, "question": question, "perspectives": styles,
         "link_groups": _link_groups(links),
         "topics": topics(graph), "kinds": kinds(graph), "claim_count": claims,
         "relations": RELATION_LABELS, "css": Markup(css), "js": Markup(js),
         "scope": scope_of(graph), "content_note": note, "root": "",
         "csp": content_security_policy(css, js)},
        {"outline_trees": writer.tree(tree.trees) if tree.trees else None,
         "outline_others": writer.tree(tree.others) if tree.others else None,
         "atlas": (atlas_html_pieces(graph, map_branches, title, question, styles, claims)
                   if atlas else [_NO_ATLAS]),
         "data_json": map_json(debate, graph, lay, open_claims, relations)})


class _OutlineWriter:
    """The outline's rows as HTML, one string per tree.

    The outline holds a row for every claim, so its markup is written here with string
    formatting rather than by template macros: at ten thousand claims, Jinja's per-call and
    per-value overhead took seconds. ``map-outline.html.jinja2`` places the result.
    """

    def __init__(self, graph: nx.MultiDiGraph, open_claims: set[str]):
        listed = perspectives_of(graph)
        self.classes = {p["id"]: f" p{i}" for i, p in enumerate(listed)}
        self.labels = {p["id"]: p["label"] for p in listed}
        self.topics = {t["id"]: escape_html(t["label"]) for t in graph.graph.get("topics", [])}
        self.nodes = dict(graph.nodes(data=True))
        self.open = open_claims
        self.metas: dict[tuple[str, str], str] = {}
        self.citations: dict[str, tuple[str, str, str]] = {}
        self.relation_rows = {
            kind: f'<span class="ol-rel {kind}">{escape_html(label["out"])}</span>\n'
            for kind, label in RELATION_LABELS.items()}

    def tree(self, events: list[tuple[str, Entry]]) -> Iterator[str]:
        """One ``<ul class="ol-tree">`` of the events' rows, nested as they open and close:
        the resolutions' trees, or the section of the other claims."""
        row = self.row
        yield '<ul class="ol-tree">\n'
        for action, e in events:
            yield row(e) if action == "open" else "</ul></li>\n" if e.children else "</li>\n"
        yield "</ul>\n"

    def row(self, e: Entry) -> str:
        """A row up to its replies, which follow in its ``<ul>`` when it has any."""
        node = self.nodes[e.node]
        node_id = escape_html(e.node)
        claim = node["type"] == "claim"
        unanswered = claim and e.node in self.open
        number = e.number
        if e.relation:
            relation = self.relation_rows[e.relation]
        else:
            relation = "" if claim else '<span class="ol-rel resolution">Resolution</span>\n'
        if e.ref:
            after = f'<span class="ol-see">(in full at {number})</span>\n'
        else:
            after = self.meta(node, unanswered) if claim else ""
        return "".join([
            '<li class="ol-item',
            self.classes.get(node["perspective"], " p-1") if claim else " ol-resolution",
            " ol-ref" if e.ref else "", " is-unanswered" if unanswered else "",
            '" data-claim="', node_id, '">\n<div class="ol-claim">\n<div class="ol-row">\n',
            f'<button type="button" class="ol-toggle" aria-expanded='
            f'"{"false" if e.collapsed else "true"}" aria-controls="ol-{number}" '
            f'aria-label="Replies to {number}"></button>\n' if e.children else "",
            relation,
            "" if e.ref else f'<span class="ol-num">{number}.</span>\n',
            '<a class="ol-open" href="#', node_id, '">', escape_html(node["text"]), "</a>\n",
            after, "</div>\n",
            self.relation_evidence(e) if e.note or e.evidence else "",
            self.claim_evidence(node) if claim and not e.ref and (
                node["evidence"] or node["note"]) else "",
            "</div>\n",
            f'<ul class="ol-children" id="ol-{number}"{" hidden" if e.collapsed else ""}>'
            if e.children else ""])

    def relation_evidence(self, e: Entry) -> str:
        """The note and evidence a row's relation gives."""
        note = (f'<p class="ol-note">{escape_html(RELATION_LABELS[e.relation]["out"])}, note: '
                f'{escape_html(e.note)}</p>\n' if e.note else "")
        return f'<div class="ol-evidence ol-relation">\n{note}{self.evidence(e.evidence)}\n</div>\n'

    def claim_evidence(self, node: dict) -> str:
        """A claim's own note and evidence."""
        note = f'<p class="ol-note">Note: {escape_html(node["note"])}</p>\n' if node["note"] else ""
        return f'<div class="ol-evidence">\n{note}{self.evidence(node["evidence"])}\n</div>\n'

    def meta(self, node: dict, unanswered: bool) -> str:
        """A claim's perspective, kind, topics and unanswered badge."""
        perspective = node["perspective"]
        kind = node["kind"]
        head = self.metas.get((perspective, kind))
        if head is None:  # a few perspectives times a few kinds
            head = self.metas[perspective, kind] = "".join([
                '<span class="ol-meta"><span class="ol-persp">',
                escape_html(self.labels.get(perspective, perspective)), "</span>",
                f" · {escape_html(kind)}" if kind else ""])
        return "".join([
            head, "".join(map(self.topic, node["tags"])) if node["tags"] else "",
            ' <span class="am-badge">No reply recorded</span></span>\n' if unanswered else
            "</span>\n"])

    def topic(self, tag: str) -> str:
        label = self.topics.get(tag)
        return f' · <span class="ol-topic">{escape_html(tag) if label is None else label}</span>'

    def evidence(self, items) -> str:
        """A figure per evidence item: the quote and its source's citation."""
        return "".join(map(self.figure, items))

    def figure(self, ev: dict) -> str:
        """One evidence item: its quote, and its citation in the figure's caption."""
        head, stance, url = self.citation(ev["source"])
        return "".join([
            '<figure class="ol-ev">\n',
            f"<blockquote>{escape_html(ev['quote'])}</blockquote>\n" if ev["quote"] else "",
            "<figcaption>", head,
            f'<span class="ol-locator">Locator: {escape_html(ev["locator"])}.</span>\n'
            if ev["locator"] else "",
            stance,
            f'<span class="ol-traced">Figure traced to: {escape_html(self.title(ev["traced_to"]))}'
            ".</span>\n" if ev["traced_to"] else "",
            url, "</figcaption>\n</figure>\n"])

    def title(self, source_id: str) -> str:
        """A source's title, for the source a figure is traced to."""
        node = self.nodes.get(source_id)
        # an unknown source is a validation error; show the id anyway
        return node["title"] if node is not None and node["type"] == "source" else source_id

    def citation(self, source_id: str) -> tuple[str, str, str]:
        """A source's citation, as the parts before the locator, between it and the
        tracing, and after: the same for every quote from that source, so made once."""
        made = self.citations.get(source_id)
        if made is not None:
            return made
        node = self.nodes.get(source_id)
        if node is None or node["type"] != "source":
            made = (f"<cite>{escape_html(source_id)}</cite>.\n", "", "")
        else:
            year = year_of(node["published"])
            stance = self.labels.get(node["perspective"], node["perspective"])
            url = safe_url(node["url"])
            made = ("".join([
                f"{escape_html(node['author'])}, " if node["author"] else "",
                f"<cite>{escape_html(node['title'])}</cite>",
                f". {escape_html(node['publisher'])}" if node["publisher"] else "",
                f" ({escape_html(node['source_type'])})" if node["source_type"] else "",
                f", {escape_html(year)}" if year else "", ".\n"]),
                f'<span class="ol-stance">Source perspective: {escape_html(stance)}.</span>\n'
                if stance else "",
                f'<a class="ol-url" href="{escape_html(url)}" rel="noopener noreferrer">'
                f"{escape_html(url)}</a>\n" if url else "")
        self.citations[source_id] = made
        return made
