"""The map as a Mermaid flowchart, for Markdown pages (GitHub, GitLab, Obsidian, MkDocs).

Claims are boxes inside one subgraph per perspective, outlined in the perspective's colour;
resolutions are hexagons outside them. Relations differ by line style, never by colour
alone: ``-->`` (solid) supports, ``-.->`` (dotted) attacks, ``==>`` (thick) undercuts.

Mermaid's node ids are short and numbered in the map's order (``r1`` for resolutions, ``c1``
for claims, ``p1`` for perspectives): no id can be read as a keyword such as ``end`` or as
part of an arrow, and the diagram stays small. Mermaid refuses to draw a diagram of more than
50,000 characters (its ``maxTextSize``, which a diagram cannot raise for itself); with the
debates' ids as node ids the bundled debate would pass it, with numbers it takes ~31,000. Text
goes in double-quoted labels, whole, with the characters that mean something there written as
Mermaid's entity codes (:func:`mermaid_text`). A map of several hundred claims is beyond what
Mermaid draws: use the map page, or GraphML in yEd or Gephi.
"""

from __future__ import annotations

import json
import re

import networkx as nx

from ..graph import perspectives_of, relation_edges
from ..lookup import node_ids

__all__ = ["to_mermaid", "mermaid_text", "ARROWS"]

ARROWS = {"supports": "-->", "attacks": "-.->", "undercuts": "==>"}

# In a quoted label: '"' ends it, '#…;' is an entity, '<' '>' '&' would be HTML, a backtick
# starts a Markdown string, '%%{' a directive. Each becomes a numeric entity code.
_SPECIAL = re.compile(r'["#<>&`%{}]')


def mermaid_text(text: str) -> str:
    """``text`` for a double-quoted Mermaid label: one line, special characters as
    entity codes (``#34;`` for ``"``…)."""
    return _SPECIAL.sub(lambda m: f"#{ord(m.group())};", " ".join(text.split()))


def to_mermaid(debate, graph: nx.MultiDiGraph) -> str:
    """The flowchart's text (see the module docstring)."""
    resolutions, claims = node_ids(graph, "resolution"), node_ids(graph, "claim")
    ids = {r: f"r{i}" for i, r in enumerate(resolutions, 1)}
    ids.update((c, f"c{i}") for i, c in enumerate(claims, 1))
    title = graph.graph.get("title") or ""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---",
             "flowchart LR",
             "  %% --> supports, -.-> attacks (dotted), ==> undercuts (thick)"]
    lines.extend(f'  {ids[r]}{{{{"{mermaid_text(graph.nodes[r]["text"])}"}}}}'
                 for r in resolutions)
    styles = []
    for i, p in enumerate(perspectives_of(graph), 1):
        held = [c for c in claims if graph.nodes[c]["perspective"] == p["id"]]
        lines.append(f'  subgraph p{i}["{mermaid_text(p["label"])}"]')
        lines.extend(f'    {ids[c]}["{mermaid_text(graph.nodes[c]["text"])}"]' for c in held)
        lines.append("  end")
        if p.get("color"):
            styles.append(f"  style p{i} stroke:{p['color']},stroke-width:2px")
            if held:
                styles.append(f"  classDef p{i} stroke:{p['color']},stroke-width:2px")
                styles.append(f"  class {','.join(ids[c] for c in held)} p{i}")
    lines.extend(f"  {ids[u]} {ARROWS[d['type']]} {ids[v]}" for u, v, d in relation_edges(graph))
    lines.extend(styles)
    return "\n".join(lines) + "\n"
