"""What the interactive map knows: the graph and its layout as one JSON-ready dict.

The page's script reads only this payload, embedded in the page as
``<script type="application/json" id="argmap-data">`` (see :func:`script_json`). Its shape:

- ``title``, ``question``;
- ``perspectives``: ``id``, ``label``, ``summary``, ``color``, ``tint`` (a light fill);
- ``topics``: ``id``, ``label``; ``kinds``: the claim kinds in use, in the model's order;
- ``nodes`` (resolutions, then claims, in the files' order): ``id``, ``type``, ``text``,
  ``box`` ``[x, y, w, h]``, ``layer``, ``lines`` (the wrapped text); claims also
  ``perspective``, ``p`` (the perspective's index, for its colour), ``header`` (perspective
  label and kind, cut to the box), ``kind``, ``tags``, ``note``, ``evidence`` (``source``,
  ``quote``, ``finding``, ``locator``, ``traced_to``), ``file``, ``unanswered``, and
  ``agreed`` (the other perspectives that hold it) for a claim of common ground;
- ``edges``: ``source``, ``target``, ``type`` (supports / attacks / undercuts), ``note``,
  ``evidence``; ``relations``: each kind's headings, ``out`` and ``in``;
- ``sources``: id → ``title``, ``author``, ``publisher``, ``type``, ``perspective``, ``url``
  (http/https only, else ""), ``year``, ``published``, ``accessed``;
- ``view``: ``width``, ``height``, ``layers``, ``lanes`` (each perspective's band: ``p``,
  ``x``, ``w``), ``initialDepth`` (layers drawn at first: big
  maps open collapsed), ``metrics`` (padding, header height, font sizes and line height the
  boxes were sized for).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as _str

import networkx as nx

from .. import layout as metrics
from ..graph import perspective_labels, perspectives_of, relation_edges, topics_in_use
from ..layout import CLAIM_WIDTH, PADDING, Layout
from ..textfit import wrap
from ..model import CLAIM_KINDS, Debate
from ..vocabulary import RELATION_LABELS, safe_color, tint, title_of, year_of

__all__ = ["map_json", "perspectives", "topics", "kinds",
           "unanswered", "script_json", "tint", "safe_color", "safe_url", "year_of",
           "OPEN_CLAIMS"]

# A map with more claims than this opens with its deeper layers collapsed.
OPEN_CLAIMS = 300

def safe_url(url: str) -> str:
    """Only http(s) links reach the page; a ``javascript:`` URL must never become a link."""
    return url if re.match(r"https?://", url or "", re.IGNORECASE) else ""


def unanswered(graph: nx.MultiDiGraph) -> set[str]:
    """Claims that no claim of another perspective attacks or undercuts (the report's rule)."""
    from ..analysis import unanswered as per_perspective

    return {c for ids in per_perspective(graph).values() for c in ids}


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


def perspectives(graph: nx.MultiDiGraph) -> list[dict]:
    """The payload's ``perspectives``."""
    return [{"id": p["id"], "label": p["label"], "summary": p.get("summary", ""),
             "color": safe_color(p["color"]), "tint": tint(p["color"])}
            for p in perspectives_of(graph)]


def topics(graph: nx.MultiDiGraph) -> list[dict]:
    """The payload's ``topics``: the declared ones; in a part of the debate
    (:mod:`argmap.scope`), those its claims carry, so the filter offers no empty topic."""
    shown = topics_in_use(graph) if "scope" in graph.graph else graph.graph.get("topics", [])
    return [{"id": t["id"], "label": t["label"]} for t in shown]


def kinds(graph: nx.MultiDiGraph) -> list[str]:
    """The payload's ``kinds``: the claim kinds in use, the model's first, then the others."""
    used = {d["kind"] for _, d in graph.nodes(data=True) if d["type"] == "claim" and d["kind"]}
    return [k for k in CLAIM_KINDS if k in used] + sorted(used - set(CLAIM_KINDS))


def map_json(debate: Debate, graph: nx.MultiDiGraph, layout: Layout,
             open_claims: set[str] | None = None,
             relations: list[tuple[str, str, dict]] | None = None) -> Iterator[str]:
    """The payload as JSON text safe inside ``<script>`` (see :func:`script_json`), keys
    sorted, no spaces, in pieces for a page that is written as it is made. ``open_claims``
    (:func:`unanswered`) and ``relations`` (:func:`argmap.graph.relation_edges`): when the
    caller has them already.

    Nodes, edges and sources are written straight from the graph as text, one small format
    per object with its keys in sorted order, rather than built as dicts for ``json.dumps``:
    ten thousand claims made hundreds of thousands of objects only to be encoded. Strings go
    through the encoder ``json.dumps`` itself uses, so the text is the same.
    """
    edges = _edges_json(relation_edges(graph) if relations is None else relations)
    for piece in _joined([
            ['{"edges":['], _commas(edges), ['],"kinds":', _dump(kinds(graph)), ',"nodes":['],
            _commas(_nodes_json(debate, graph, layout, open_claims)),
            ['],"perspectives":', _dump(perspectives(graph)),
             ',"question":', _dump(graph.graph.get("question") or debate.question),
             ',"relations":', _dump(_relations()),
             ',"sources":{'], _commas(_sources_json(graph)),
            ['},"title":', _dump(title_of(graph, debate)),
             ',"topics":', _dump(topics(graph)), ',"view":', _dump(_view(layout)), '}']]):
        yield _script_safe(piece)


def _commas(items: Iterable[str]) -> Iterator[str]:
    """``items`` with a comma between each two."""
    first = True
    for item in items:
        if first:
            first = False
        else:
            yield ","
        yield item


_PIECE = 1 << 16  # characters: a few hundred objects at a time through the escaping


def _joined(groups: list[Iterable[str]]) -> Iterator[str]:
    """The groups' pieces gathered into pieces of about ``_PIECE`` characters."""
    batch: list[str] = []
    size = 0
    for group in groups:
        for piece in group:
            batch.append(piece)
            size += len(piece)
            if size >= _PIECE:
                yield "".join(batch)
                batch, size = [], 0
    if batch:
        yield "".join(batch)


def _relations() -> dict:
    """The payload's ``relations``: kind -> its headings seen from the claim (``out``) and
    from its target (``in``); the script has no words of its own for them."""
    return {kind: {"out": label["out"], "in": label["in"]}
            for kind, label in RELATION_LABELS.items()}


def _view(layout: Layout) -> dict:
    """The payload's ``view``."""
    return {"width": layout.width, "height": layout.height, "layers": layout.layers,
            "lanes": [{"p": p, "x": x, "w": w} for p, x, w in layout.lanes],
            "initialDepth": _initial_depth(layout),
            # the numbers the layout sized boxes with, so the script draws text to fit
            "metrics": {"padding": PADDING, "header": metrics.HEADER_HEIGHT,
                        "claimFont": metrics.CLAIM_FONT,
                        "resolutionFont": metrics.RESOLUTION_FONT,
                        "lineHeight": metrics.LINE_HEIGHT}}


_dump = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
_BOOL = {True: "true", False: "false"}


def _strings(items) -> str:
    """A JSON array of strings."""
    return "[" + ",".join(map(_str, items)) + "]"


def _agreed_json(agreed: list[str]) -> str:
    """The ``agreed`` key of a claim held by other perspectives too (common ground); left
    out for every other claim, so most payloads do not change."""
    return f'"agreed":{_strings(agreed)},'


def _evidence_json(items) -> str:
    """A JSON array of evidence items (``source``, ``quote``, ``locator``, ``traced_to``)."""
    return "[" + ",".join([
        f'{{"finding":{_str(e.get("finding", ""))},"locator":{_str(e["locator"])},'
        f'"quote":{_str(e["quote"])},'
        f'"source":{_str(e["source"])},"traced_to":{_str(e["traced_to"])}}}'
        for e in items]) + "]"


def _nodes_json(debate: Debate, graph: nx.MultiDiGraph, layout: Layout,
                open_claims: set[str] | None):
    """Each resolution's and claim's object, in the graph's order."""
    index = {p["id"]: i for i, p in enumerate(perspectives_of(graph))}
    labels = perspective_labels(graph)
    open_ = unanswered(graph) if open_claims is None else open_claims
    claims_by_id = debate.claims_by_id
    boxes = layout.boxes
    headers: dict[tuple[str, str], str] = {}  # as JSON: a few perspectives times a few kinds
    for node_id, d in graph.nodes(data=True):
        kind = d["type"]
        if kind == "source":
            continue
        box = boxes[node_id]
        box_json = f"[{box.x!r},{box.y!r},{box.w!r},{box.h!r}]"
        lines_json = _strings(box.lines)
        if kind != "claim":
            yield (f'{{"box":{box_json},"id":{_str(node_id)},"layer":{box.layer!r},'
                   f'"lines":{lines_json},"text":{_str(d["text"])},"type":{_str(kind)}}}')
            continue
        perspective = d["perspective"]
        header = headers.get((perspective, d["kind"]))
        if header is None:
            label = labels.get(perspective, perspective)
            header = headers[perspective, d["kind"]] = _str(wrap(
                ", ".join(filter(None, (label, d["kind"]))), CLAIM_WIDTH - 2 * PADDING, 11,
                max_lines=1)[0])
        claim = claims_by_id.get(node_id)
        agreed = d.get("agreed_by")
        yield (f'{{{_agreed_json(agreed) if agreed else ""}"box":{box_json},'
               f'"evidence":{_evidence_json(d["evidence"])},'
               f'"file":{_str(claim.location.file if claim is not None else "")},'
               f'"header":{header},"id":{_str(node_id)},"kind":{_str(d["kind"])},'
               f'"layer":{box.layer!r},"lines":{lines_json},"note":{_str(d["note"])},'
               f'"p":{index.get(perspective, -1)!r},'
               f'"perspective":{_str(perspective)},"tags":{_strings(d["tags"])},'
               f'"text":{_str(d["text"])},"type":"claim",'
               f'"unanswered":{_BOOL[node_id in open_]}}}')


def _edges_json(relations: list[tuple[str, str, dict]]):
    """Each relation's object, in the graph's order."""
    for u, v, d in relations:
        yield (f'{{"evidence":{_evidence_json(d.get("evidence", ()))},'
               f'"note":{_str(d.get("note", ""))},"source":{_str(u)},'
               f'"target":{_str(v)},"type":{_str(d["type"])}}}')


def _sources_json(graph: nx.MultiDiGraph):
    """``"id":{...}`` per source, sorted by id as ``sort_keys`` would."""
    found = [(node_id, d) for node_id, d in graph.nodes(data=True) if d["type"] == "source"]
    found.sort(key=lambda item: item[0])
    for node_id, d in found:
        yield (f'{_str(node_id)}:{{"accessed":{_str(d["accessed"])},'
               f'"author":{_str(d["author"])},"perspective":{_str(d["perspective"])},'
               f'"published":{_str(d["published"])},"publisher":{_str(d["publisher"])},'
               f'"title":{_str(d["title"])},"type":{_str(d["source_type"])},'
               f'"url":{_str(safe_url(d["url"]))},'
               f'"year":{_str(year_of(d["published"]))}}}')


def script_json(data: dict) -> str:
    """``data`` as JSON safe inside a ``<script>`` element: sorted keys, no spaces, and no
    ``<``, ``>`` or ``&``.

    Those three only occur inside JSON strings, where ``\\u003c`` means the same, so
    ``</script>`` or ``<!--`` in a claim can never end the element early. (U+2028 and U+2029
    are escaped too, for any tool that reads the payload as JavaScript.)
    """
    return _script_safe(json.dumps(data, sort_keys=True, ensure_ascii=False,
                                   separators=(",", ":")))


def _script_safe(text: str) -> str:
    """``text`` with the characters :func:`script_json` escapes escaped."""
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        if raw in text:
            text = text.replace(raw, escaped)
    return text
