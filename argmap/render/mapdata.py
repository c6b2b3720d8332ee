"""What the interactive map knows: the graph and its layout as one JSON-ready dict.

The page's script reads only this payload, embedded in the page as
``<script type="application/json" id="argmap-data">`` (see :func:`script_json`). Its shape:

- ``title``, ``question``;
- ``perspectives``: ``id``, ``label``, ``summary``, ``color``, ``tint`` (a light fill);
- ``topics``: ``id``, ``label``; ``kinds``: the claim kinds in use, in the model's order;
- ``nodes`` (resolutions, then claims, in the files' order): ``id``, ``type``, ``text``,
  ``box`` ``[x, y, w, h]``, ``layer``, ``lines`` (the wrapped text); claims also
  ``perspective``, ``p`` (the perspective's index, for its colour), ``header`` (perspective
  label and kind, cut to the box), ``kind``, ``tags``, ``note``, ``evidence``, ``file``,
  ``unanswered``;
- ``edges``: ``source``, ``target``, ``type`` (supports / attacks / undercuts), ``note``,
  ``evidence``;
- ``sources``: id → ``title``, ``author``, ``publisher``, ``type``, ``perspective``, ``url``
  (http/https only, else ""), ``year``, ``published``, ``accessed``;
- ``view``: ``width``, ``height``, ``layers``, ``initialDepth`` (layers drawn at first: big
  maps open collapsed), ``printDiagram`` (whether the whole diagram fits a printed page),
  ``metrics`` (padding, header height, font sizes and line height the boxes were sized for).
"""

from __future__ import annotations

import json
import re

import networkx as nx

from .. import layout as metrics
from ..layout import CLAIM_WIDTH, PADDING, RELATIONS, Layout, wrap
from ..model import CLAIM_KINDS, Debate

__all__ = ["map_data", "unanswered", "script_json", "tint", "safe_color", "safe_url",
           "OPEN_CLAIMS"]

# A map with more claims than this opens with its deeper layers collapsed.
OPEN_CLAIMS = 300
# The diagram is printed only when it fits a portrait page at a legible scale (about 0.6):
# 180 mm of A4 width is 680 CSS pixels.
PRINT_MAX_WIDTH = 1150
PRINT_MAX_HEIGHT = 1500

_COLOR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z")
_YEAR = re.compile(r"\d{4}")
FALLBACK_COLOR = "#777777"


def safe_color(color: str) -> str:
    """``color`` if it is a hex colour, else grey: colours end up in the page's CSS."""
    return color if _COLOR.match(color or "") else FALLBACK_COLOR


def tint(color: str, amount: float = 0.85) -> str:
    """``color`` mixed with white: a fill light enough for black text."""
    value = safe_color(color).lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def safe_url(url: str) -> str:
    """Only http(s) links reach the page; a ``javascript:`` URL must never become a link."""
    return url if re.match(r"https?://", url or "", re.IGNORECASE) else ""


def unanswered(graph: nx.MultiDiGraph) -> set[str]:
    """Claims that no claim of another perspective attacks or undercuts (the report's rule)."""
    from ..analysis import unanswered as per_perspective

    return {c for ids in per_perspective(graph).values() for c in ids}


def _evidence(items) -> list[dict]:
    return [{"source": e["source"], "quote": e["quote"], "locator": e["locator"],
             "traced_to": e["traced_to"]} for e in items]


def _initial_depth(layout: Layout) -> int:
    """How many layers to draw first: all of them, unless that is more than OPEN_CLAIMS."""
    per_layer = [0] * layout.layers
    for box in layout.boxes.values():
        per_layer[box.layer] += 1
    shown, depth = 0, 0
    for depth, count in enumerate(per_layer):
        shown += count
        if shown > OPEN_CLAIMS and depth > 1:
            return depth - 1
    return max(depth, 0)


def map_data(debate: Debate, graph: nx.MultiDiGraph, layout: Layout) -> dict:
    """The payload described in the module docstring."""
    perspectives = graph.graph.get("perspectives", [])
    index = {p["id"]: i for i, p in enumerate(perspectives)}
    labels = {p["id"]: p["label"] for p in perspectives}
    open_ = unanswered(graph)
    claims_by_id = debate.claims_by_id
    nodes, sources = [], {}
    for node_id, d in graph.nodes(data=True):
        if d["type"] == "source":
            sources[node_id] = {
                "title": d["title"], "author": d["author"], "publisher": d["publisher"],
                "type": d["source_type"], "perspective": d["perspective"],
                "url": safe_url(d["url"]), "published": d["published"],
                "accessed": d["accessed"],
                "year": (_YEAR.search(d["published"] or "") or [""])[0]}
            continue
        box = layout.boxes[node_id]
        node = {"id": node_id, "type": d["type"], "text": d["text"],
                "box": [box.x, box.y, box.w, box.h], "layer": box.layer,
                "lines": list(box.lines)}
        if d["type"] == "claim":
            label = labels.get(d["perspective"], d["perspective"])
            header = " · ".join(filter(None, (label, d["kind"])))
            claim = claims_by_id.get(node_id)
            node.update({
                "perspective": d["perspective"], "p": index.get(d["perspective"], -1),
                "header": wrap(header, CLAIM_WIDTH - 2 * PADDING, 11, max_lines=1)[0],
                "kind": d["kind"], "tags": list(d["tags"]), "note": d["note"],
                "evidence": _evidence(d["evidence"]), "unanswered": node_id in open_,
                "file": claim.location.file if claim is not None else ""})
        nodes.append(node)
    edges = [{"source": u, "target": v, "type": d["type"], "note": d.get("note", ""),
              "evidence": _evidence(d.get("evidence", ()))}
             for u, v, d in graph.edges(data=True) if d["type"] in RELATIONS]
    used = {n.get("kind") for n in nodes if n.get("kind")}
    kinds = [k for k in CLAIM_KINDS if k in used] + sorted(used - set(CLAIM_KINDS))
    return {
        "title": graph.graph.get("title") or debate.title,
        "question": graph.graph.get("question") or debate.question,
        "perspectives": [{"id": p["id"], "label": p["label"], "summary": p.get("summary", ""),
                          "color": safe_color(p["color"]), "tint": tint(p["color"])}
                         for p in perspectives],
        "topics": [{"id": t["id"], "label": t["label"]} for t in graph.graph.get("topics", [])],
        "kinds": kinds,
        "nodes": nodes,
        "edges": edges,
        "sources": sources,
        "view": {"width": layout.width, "height": layout.height, "layers": layout.layers,
                 "initialDepth": _initial_depth(layout),
                 "printDiagram": (layout.width <= PRINT_MAX_WIDTH
                                  and layout.height <= PRINT_MAX_HEIGHT),
                 # the numbers the layout sized boxes with, so the script draws text to fit
                 "metrics": {"padding": PADDING, "header": metrics.HEADER_HEIGHT,
                             "claimFont": metrics.CLAIM_FONT,
                             "resolutionFont": metrics.RESOLUTION_FONT,
                             "lineHeight": metrics.LINE_HEIGHT}},
    }


def script_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` element: sorted keys, and no ``<``, ``>`` or ``&``.

    Those three only occur inside JSON strings, where ``\\u003c`` means the same, so
    ``</script>`` or ``<!--`` in a claim can never end the element early. (U+2028 and U+2029
    are escaped too, for any tool that reads the payload as JavaScript.)
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text
