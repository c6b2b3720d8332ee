"""The argument map as Graphviz DOT, and SVG/PDF through the real `dot` when it is installed.

Stable by construction: nodes and edges are written sorted by id, so the same input gives a
byte-identical file and adding a claim adds lines without moving the others.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import networkx as nx

from ..model import Debate
from .templating import environment

__all__ = ["render_dot", "RELATION_STYLES", "dot_available", "run_dot", "GraphvizError"]

# Line style and arrowhead tell the relations apart in black and white; colour only helps.
RELATION_STYLES = {
    "supports": {"line": "solid", "head": "normal", "color": "#1a1a1a", "label": "supports"},
    "attacks": {"line": "dashed", "head": "tee", "color": "#1a1a1a", "label": "attacks"},
    "undercuts": {"line": "dotted", "head": "odiamond", "color": "#1a1a1a",
                  "label": "undercuts (attacks the inference)"},
}

LABEL_WIDTH = 34


def _tint(color: str, amount: float = 0.82) -> str:
    """``color`` mixed with white, for a fill light enough for black text."""
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Greedy word wrap; textwrap does the same ten times slower, which tells on big maps."""
    lines: list[str] = []
    line = ""
    for word in text.split():
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


def _tooltip(node: dict, graph: nx.MultiDiGraph) -> str:
    parts = [node["text"]]
    for ev in node.get("evidence", ()):
        source = graph.nodes.get(ev["source"], {})
        cite = source.get("title", ev["source"])
        if ev["quote"]:
            parts.append(f"“{ev['quote']}” — {cite}" + (f", {ev['locator']}" if ev["locator"]
                                                          else ""))
    return "\n\n".join(parts)


def render_dot(debate: Debate, graph: nx.MultiDiGraph, link_base: str = "index.html") -> str:
    """DOT text for ``graph``: resolutions on top, claims coloured by perspective, a legend."""
    perspectives = {p["id"]: p for p in graph.graph.get("perspectives", ())}
    claims, resolutions = [], []
    for node_id in sorted(graph.nodes):
        node = graph.nodes[node_id]
        if node["type"] == "resolution":
            resolutions.append({"id": node_id, "label": _wrap(node["text"], 40),
                                "tooltip": node["text"], "url": f"{link_base}#{node_id}"})
        elif node["type"] == "claim":
            p = perspectives.get(node["perspective"], {"label": node["perspective"],
                                                        "color": "#777777"})
            claims.append({"id": node_id, "url": f"{link_base}#{node_id}",
                           "label": f"{p['label']}\n\n{_wrap(node['text'])}",
                           "tooltip": _tooltip(node, graph), "color": p["color"],
                           "fill": _tint(p["color"]), "style": "rounded,filled"})
    edges = []
    for source, target, key, data in sorted(graph.edges(keys=True, data=True),
                                            key=lambda e: (e[0], e[1], e[2])):
        style = RELATION_STYLES.get(data["type"])
        if style is not None:
            edges.append({"source": source, "target": target, "style": style,
                          "tooltip": data.get("note", "")})
    legend = [{"id": p["id"], "label": p["label"], "color": p["color"],
               "fill": _tint(p["color"]), "style": "rounded,filled"}
              for p in graph.graph.get("perspectives", ())]
    kinds = [{"name": name, **style} for name, style in RELATION_STYLES.items()]
    template = environment().get_template("map.dot.jinja2")
    return template.render(title=graph.graph.get("title") or debate.title,
                           resolutions=resolutions, claims=claims, edges=edges,
                           perspectives=legend, relation_kinds=kinds)


class GraphvizError(RuntimeError):
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
