"""The argument map as Graphviz DOT, and SVG/PDF through the real `dot` when it is installed.

Stable by construction: nodes and edges are written sorted by id, so the same input gives a
byte-identical file and adding a claim adds lines without moving the others.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache
from typing import TYPE_CHECKING
from collections.abc import Iterator

from ..graph import perspectives_of
from ..errors import ArgmapError
from ..model import Debate
from ..vocabulary import tint, title_of
from .templating import dot_escape, environment, render_with_inserts

if TYPE_CHECKING:  # the DOT export runs without networkx (see render_dot)
    import networkx as nx

    from ..graph import GraphRecords

__all__ = ["render_dot", "RELATION_STYLES", "dot_available", "run_dot",
           "GraphvizError"]

# Line style and arrowhead tell the relations apart in black and white; colour only helps.
# The colours are the interactive map's (black, and a colour-blind-safe purple and brown);
# an undercut ends on the claim whose inference it attacks, in both.
RELATION_STYLES = {
    "supports": {"line": "solid", "head": "normal", "color": "#1a1a1a", "label": "supports"},
    "attacks": {"line": "dashed", "head": "tee", "color": "#7b3294", "label": "attacks"},
    "undercuts": {"line": "dotted", "head": "odiamond", "color": "#8c510a",
                  "label": "undercuts (attacks the inference)"},
}
# A claim with more replies than this has them staggered over several ranks (as Graphviz's
# `unflatten` does), so sixty replies to one resolution make rows, not a 160-inch strip.
FAN = 6

LABEL_WIDTH = 34


def _tint(color: str, amount: float = 0.82) -> str:
    """The DOT fill: a little stronger than the HTML map's, as Graphviz prints darker."""
    return tint(color, amount)


@lru_cache(maxsize=8)
def _line_pattern(width: int) -> re.Pattern:
    """A line of at most ``width`` characters that ends before a space or the end."""
    return re.compile(rf"(\S.{{0,{width - 1}}})(?: |\Z)")


# Graphviz refuses a quoted string over 16,384 bytes (and with it the whole map). A box's
# label and a tooltip are cut well under that, at a word, in characters of up to 4 bytes
# each, escapes included; the map page and the briefs keep every text whole.
LABEL_MAX = 1500
TOOLTIP_MAX = 3000


def _clip(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters cut at a word and marked ``[…]``."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + " […]"


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Greedy word wrap, a line at most ``width`` characters: found by a regular expression
    on the words joined by single spaces; by hand only when a word is longer than a line.
    (textwrap does the same ten times slower, which tells on big maps.)"""
    words = _clip(text, LABEL_MAX).split()
    if not words:
        return " "
    joined = " ".join(words)
    wrapped = "\n".join(_line_pattern(width).findall(joined))
    # The expression skips what it cannot fit, a word longer than a line, and only then is
    # the result shorter: a cheaper test than measuring every word first.
    if len(wrapped) == len(joined):
        return wrapped
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:  # a word longer than a line is cut, as textwrap does
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return "\n".join(lines) or " "


def _tooltip(text: str, evidence, titles: dict[str, str]) -> str:
    """The claim's text, then each quote with its source's title and locator."""
    parts = [text]
    for ev in evidence:
        quote = ev["quote"]
        if quote:
            cite = titles.get(ev["source"], ev["source"])
            locator = ev["locator"]
            parts.append(f"“{quote}” — {cite}, {locator}" if locator else f"“{quote}” — {cite}")
    return _clip("\n\n".join(parts), TOOLTIP_MAX)


def render_dot(debate: Debate, graph: nx.MultiDiGraph | GraphRecords,
               link_base: str = "index.html", title: str | None = None,
               fan: int | None = None, legend: bool = True) -> Iterator[str]:
    """DOT text for ``graph``, in pieces: resolutions on top, each perspective a cluster of
    claims in its colour, a legend. The template holds the file's frame and legend; the
    statements for nodes and edges, thousands on a big map, are formatted here (see
    :func:`_statements`). ``title`` heads the drawing (the debate's title by default);
    ``fan`` replies to one claim make a row (:data:`FAN` by default); ``legend=False``
    leaves the legend out.

    ``graph`` is read only through ``graph``, ``nodes(data=True)`` and ``adjacency()``, so
    :func:`argmap.graph.graph_records` serves as well as the networkx graph: keep it so."""
    keys = [{"id": p["id"], "label": p["label"], "color": p["color"],
             "fill": _tint(p["color"]), "style": "rounded,filled"}
            for p in perspectives_of(graph)]
    kinds = [{"name": name, **style} for name, style in RELATION_STYLES.items()]
    resolutions, claims, edges = _statements(graph, link_base, fan or FAN)
    template = environment().get_template("map.dot.jinja2")
    yield from render_with_inserts(
        template, {"title": title or title_of(graph, debate),
                   "perspectives": keys, "relation_kinds": kinds, "legend": legend},
        {"resolution_statements": resolutions, "claim_statements": claims,
         "edge_statements": edges})


def _statements(graph: nx.MultiDiGraph | GraphRecords, link_base: str, fan: int = FAN
                ) -> tuple[list[str], Iterator[str], Iterator[str]]:
    """The resolutions (with their rank), the claims and the edges as DOT statements, each
    group sorted by id, each statement ending in a newline. Every string is escaped with
    ``dot_escape``, like the template's ``dot`` filter."""
    nodes = dict(graph.nodes(data=True))
    ids = sorted(nodes)
    names = {n: dot_escape(n) for n in ids}  # each id is written several times
    url = dot_escape(f"{link_base}#")
    resolutions = [
        f'  "{names[node_id]}" [label="{dot_escape(_wrap(node["text"], 40))}", '
        f'shape=box, style="filled,bold", fillcolor="#f0f0f0",\n    color="#222222", '
        f'penwidth=3, fontsize=13, tooltip="{dot_escape(_clip(node["text"], TOOLTIP_MAX))}", '
        f'URL="{url}{names[node_id]}", target="_top"];\n'
        for node_id in ids if (node := nodes[node_id])["type"] == "resolution"]
    if resolutions:
        resolutions.append("  { rank=max; " + "".join(
            f'"{names[n]}"; ' for n in ids if nodes[n]["type"] == "resolution") + "}\n")
    return (resolutions, _claim_statements(graph, nodes, ids, names, url),
            _edge_statements(dict(graph.adjacency()), ids, names, fan))


def _claim_statements(graph: nx.MultiDiGraph | GraphRecords, nodes: dict[str, dict],
                      ids: list[str], names: dict[str, str], url: str) -> Iterator[str]:
    """The claims' statements: each perspective's claims in a labelled cluster of its own (a
    lane, as Argdown draws a side), the perspectives in the debate's order, the claims in
    ``ids`` order within each; then common ground (claims more than one perspective holds)
    in a cluster of its own, each box naming every side that holds it, filled with their
    colours and drawn with a double border (so a black-and-white print shows it too)."""
    titles = {n: d["title"] for n, d in nodes.items() if "title" in d}
    styles = {}  # per perspective: its label and colours, escaped once
    listed = perspectives_of(graph)
    for p in listed:
        styles[p["id"]] = (dot_escape(p["label"] + "\n\n"), p["color"], _tint(p["color"]))
    by_side: dict[str, list[str]] = {}
    common: list[str] = []
    for node_id in ids:
        if nodes[node_id]["type"] == "claim":
            if nodes[node_id].get("agreed_by"):
                common.append(node_id)
            else:
                by_side.setdefault(nodes[node_id]["perspective"], []).append(node_id)
    order = [p["id"] for p in listed if p["id"] in by_side] + sorted(
        set(by_side) - {p["id"] for p in listed})
    labels = {p["id"]: p["label"] for p in listed}
    for number, side in enumerate(order):
        color = styles[side][1] if side in styles else "#777777"
        yield (f'  subgraph "cluster_side_{number}" {{\n    label="'
               f'{dot_escape(labels.get(side, side))}"; fontsize=16; style="rounded,filled"; '
               f'color="{color}"; fillcolor="{_tint(color, 0.94)}"; penwidth=1.5;\n')
        yield from _claims_of(by_side[side], nodes, names, url, styles, titles)
        yield "  }\n"
    if common:
        yield ('  subgraph "cluster_common_ground" {\n    label="Common ground"; fontsize=16; '
               'style="rounded,dashed"; color="#555555"; penwidth=1.5;\n')
        rank = {p["id"]: i for i, p in enumerate(listed)}
        for node_id in common:
            node = nodes[node_id]
            holders = sorted([node["perspective"], *node["agreed_by"]],
                             key=lambda p: rank.get(p, len(rank)))
            names_of = [labels.get(p, p) for p in holders]
            colors = [styles[p][1] if p in styles else "#777777" for p in holders]
            head = dot_escape(_wrap("Common ground: held by " + " and ".join(names_of))
                              + "\n\n")
            fill = ":".join(_tint(c) for c in colors[:2]) if len(colors) > 1 else _tint(colors[0])
            yield (f'    "{names[node_id]}" [label="{head}{dot_escape(_wrap(node["text"]))}", '
                   f'color="#444444", fillcolor="{fill}", gradientangle=0, '
                   f'peripheries=2,\n    style="rounded,filled", '
                   f'tooltip="{dot_escape(_tooltip(node["text"], node["evidence"], titles))}", '
                   f'URL="{url}{names[node_id]}", target="_top"];\n')
        yield "  }\n"


def _claims_of(claim_ids: list[str], nodes: dict[str, dict], names: dict[str, str],
               url: str, styles: dict, titles: dict[str, str]) -> Iterator[str]:
    for node_id in claim_ids:
        node = nodes[node_id]
        perspective = node["perspective"]
        style = styles.get(perspective)
        if style is None:
            style = styles[perspective] = (dot_escape(perspective + "\n\n"), "#777777",
                                           _tint("#777777"))
        label, color, fill = style
        yield (f'    "{names[node_id]}" [label="{label}{dot_escape(_wrap(node["text"]))}", '
               f'color="{color}", fillcolor="{fill}",\n    style="rounded,filled", '
               f'tooltip="{dot_escape(_tooltip(node["text"], node["evidence"], titles))}", '
               f'URL="{url}{names[node_id]}", target="_top"];\n')


def _edge_statements(adjacency: dict, ids: list[str], names: dict[str, str],
                     fan: int = FAN):
    """The relations' statements, by source, target and key (``ids`` sorted): nested sorts
    of the adjacency rather than one sort of every edge's tuple, walked once, as a target's
    row (its fan-in) must be known before its first edge is written."""
    heads = {kind: f'[style={s["line"]}, arrowhead={s["head"]}, color="{s["color"]}"'
             for kind, s in RELATION_STYLES.items()}
    relations = []  # (source, target, head, note), in the order they are written
    fan_in: dict[str, list[str]] = {}
    for u in ids:
        targets = adjacency[u]
        if not targets:
            continue
        for v in sorted(targets) if len(targets) > 1 else targets:
            keyed = targets[v]
            related = False
            for k in sorted(keyed) if len(keyed) > 1 else keyed:
                d = keyed[k]
                head = heads.get(d["type"])
                if head is not None:
                    relations.append((u, v, head, d.get("note")))
                    related = True
            if related:
                fan_in.setdefault(v, []).append(u)
    stagger = {}  # (source, target) -> minlen, for targets with many replies
    for v, sources in fan_in.items():
        if len(sources) > fan:
            levels = -(-len(sources) // fan)
            for i, u in enumerate(sources):  # sources are in id order
                if i % levels:
                    stagger[u, v] = f", minlen={1 + i % levels}"
    for u, v, head, note in relations:
        yield (f'  "{names[u]}" -> "{names[v]}" {head}{stagger.get((u, v), "")}'
               + (f', tooltip="{dot_escape(_clip(note, TOOLTIP_MAX))}"];\n' if note
                  else "];\n"))


class GraphvizError(ArgmapError, RuntimeError):
    """`dot` failed on a file argmap wrote: a bug in argmap, reported with dot's own words."""


def dot_available() -> bool:
    return shutil.which("dot") is not None


def run_dot(dot_text: str, fmt: str, timeout: float = 300) -> bytes:
    """Lay out ``dot_text`` with the real Graphviz and return the ``fmt`` (svg, pdf) bytes."""
    # A fixed SOURCE_DATE_EPOCH keeps cairo's PDF creation date out, so builds are repeatable.
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    proc = subprocess.run(["dot", f"-T{fmt}"], input=dot_text.encode("utf-8"),
                          capture_output=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        raise GraphvizError(proc.stderr.decode("utf-8", "replace").strip())
    if fmt == "pdf":  # not every cairo honours SOURCE_DATE_EPOCH; same length keeps the xref
        return _PDF_DATE.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), proc.stdout)
    return proc.stdout


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d+)")
