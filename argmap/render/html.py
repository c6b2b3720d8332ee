"""``index.html``: the interactive argument map, one self-contained file.

Everything the page needs is inside it: the styles, the script (``templates/map.js``, written
for argmap, no third-party code), the data as JSON, and the outline as plain HTML, so the
page works offline, without JavaScript (outline only), and in print. A Content-Security-Policy
allows no network access at all and runs only this build's own style and script, named by
their SHA-256 hashes.

    files["index.html"] = render_html(debate, graph)
"""

from __future__ import annotations

import base64
import hashlib

import networkx as nx
from markupsafe import Markup

from ..layout import layout as compute_layout
from ..model import Debate
from .mapdata import OPEN_CLAIMS, map_data, script_json
from .outline import outline
from .templating import environment

__all__ = ["render_html", "content_security_policy", "RELATION_LABELS"]

# Headings for a claim's relations, seen from the claim and from its target.
RELATION_LABELS = {
    "supports": {"out": "Supports", "in": "Supported by", "legend": "solid line, filled arrow"},
    "attacks": {"out": "Attacks", "in": "Attacked by", "legend": "dashed line, bar at the end"},
    "undercuts": {"out": "Undercuts", "in": "Undercut by",
                  "legend": "dotted line, open diamond: attacks the inference a claim draws"},
}


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(css: str, js: str) -> str:
    """No network access of any kind; only this page's own style and script may run."""
    return "; ".join([
        "default-src 'none'",
        f"style-src {_hash(css)}",
        f"script-src {_hash(js)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def _citer(data: dict):
    """``cite(source_id)``: a source's fields for a citation, its stance as a label."""
    labels = {p["id"]: p["label"] for p in data["perspectives"]}

    def cite(source_id: str) -> dict:
        source = data["sources"].get(source_id)
        if source is None:  # an unknown source is a validation error; show the id anyway
            return {"title": source_id, "author": "", "publisher": "", "type": "", "year": "",
                    "stance": "", "url": ""}
        return {**source, "stance": labels.get(source["perspective"], source["perspective"])}
    return cite


def _outline_items(data: dict) -> dict[str, dict]:
    """What a row of the outline shows, per node id: the payload plus resolved labels."""
    labels = {p["id"]: p["label"] for p in data["perspectives"]}
    topics = {t["id"]: t["label"] for t in data["topics"]}
    items = {}
    for node in data["nodes"]:
        item = {"unanswered": False, **node}
        if node["type"] == "claim":
            item["label"] = labels.get(node["perspective"], node["perspective"])
            item["topics"] = [topics.get(tag, tag) for tag in node["tags"]]
        items[node["id"]] = item
    return items


def render_html(debate: Debate, graph: nx.MultiDiGraph, template_dir: str | None = None) -> str:
    """The page as text. ``template_dir`` holds templates that replace the packaged ones."""
    env = environment(template_dir)
    lay = compute_layout(graph)
    data = map_data(debate, graph, lay)
    claims = sum(1 for n in data["nodes"] if n["type"] == "claim")
    tree = outline(graph, lay, collapse_below=2 if claims > OPEN_CLAIMS else None)
    css = env.get_template("map.css").render(perspectives=data["perspectives"])
    # The script is copied verbatim: it is code, not a template, and its braces must not
    # be read as Jinja syntax.
    js = env.loader.get_source(env, "map.js")[0]
    return env.get_template("map.html.jinja2").render(
        title=data["title"], question=data["question"], perspectives=data["perspectives"],
        topics=data["topics"], kinds=data["kinds"], claim_count=claims,
        outline=tree, items=_outline_items(data), cite=_citer(data), relations=RELATION_LABELS,
        css=Markup(css), js=Markup(js), data_json=Markup(script_json(data)),
        csp=content_security_policy(css, js),
    )
