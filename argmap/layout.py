"""A deterministic layered layout of the argument map, computed in Python (no Graphviz).

- Layers: resolutions on layer 0; every claim on the layer of its distance from the nearest
  resolution, counting supports / attacks / undercuts edges in either direction. Claims that
  reach no resolution go on further layers below, measured from the claims they lead to.
- Order within a layer: the barycentre (mean rank) of a node's neighbours on the layer above,
  then the id. One top-down sweep, no crossing-minimisation loops: a claim's place depends
  only on the layers above it, so adding a claim leaves the layers above untouched and keeps
  the order of the others on its own layer.
- Lanes: each perspective's claims in a lane of their own, side by side, as Argdown groups a
  side in its cluster; resolutions span the lanes on top. A lane's part of a long layer wraps
  onto sub-rows, and the columns per lane are chosen (by bisection) so the whole map is
  shaped like a screen, not a strip: the bundled debate's 60-box rows made a 20:1 map.
- Box sizes come from the text wrapped at an estimated width per character (Arial metrics
  with a margin, so wider fallback fonts still fit).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from math import ceil, log
from typing import NamedTuple

import networkx as nx

from .graph import perspectives_of, relation_edges
from .textfit import BOLD, wrap_all

__all__ = ["Box", "Layout", "layout"]

CLAIM_WIDTH = 230.0
RESOLUTION_WIDTH = 300.0
PADDING = 10.0
HEADER_HEIGHT = 18.0       # the perspective label above a claim's text
CLAIM_FONT = 13.0
RESOLUTION_FONT = 14.0
LINE_HEIGHT = 1.3          # in em
GAP_X = 28.0
GAP_Y = 70.0               # between layers
SUB_GAP = 30.0             # between the wrapped rows of one layer
CELL_W = CLAIM_WIDTH + GAP_X
LANE_GAP = 90.0            # between perspectives' lanes
ASPECT = 1.6               # the whole map's shape: a screen's, not a strip

class Box(NamedTuple):
    """A node's box: top-left corner, size, layer, and its text as wrapped lines. (A tuple:
    a big map has tens of thousands.)"""

    x: float
    y: float
    w: float
    h: float
    layer: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    layers: int
    width: float
    height: float
    # each perspective's lane: (the perspective's index in the debate, left x, width)
    lanes: tuple[tuple[int, float, float], ...] = ()

    def order(self) -> list[str]:
        """Node ids top to bottom, left to right: the reading order of the diagram."""
        boxes = self.boxes
        return sorted(boxes, key=lambda n: (boxes[n].layer, boxes[n].y, boxes[n].x, n))



def _sizes(drawn: dict[str, dict]) -> dict[str, tuple[float, float, tuple[str, ...]]]:
    """Each resolution's and claim's box width, height and wrapped text."""
    sizes = {}
    for kind, width, font, header in (
            ("resolution", RESOLUTION_WIDTH, RESOLUTION_FONT * BOLD, 0.0),
            ("claim", CLAIM_WIDTH, CLAIM_FONT, HEADER_HEIGHT)):
        ids = [n for n, d in drawn.items() if d["type"] == kind]
        texts = [drawn[n].get("text", "") for n in ids]
        for n, lines in zip(ids, wrap_all(texts, width - 2 * PADDING, font), strict=True):
            height = 2 * PADDING + header + len(lines) * round(font) * LINE_HEIGHT
            sizes[n] = (width, round(height, 1), lines)
    return sizes


def _assign_layers(nodes: list[str], resolutions: list[str], neighbours: dict[str, list[str]],
                   has_target: set[str]) -> dict[str, int]:
    layer: dict[str, int] = {}

    def bfs(starts: list[str], first: int) -> None:
        queue = deque()
        for s in starts:
            if s not in layer:
                layer[s] = first
                queue.append(s)
        while queue:
            n = queue.popleft()
            for m in neighbours[n]:
                if m not in layer:
                    layer[m] = layer[n] + 1
                    queue.append(m)

    bfs(resolutions, 0)
    offset = max(layer.values(), default=-1) + 1
    # What is left reaches no resolution: start from the claims that target nothing (the
    # conclusions of their cluster); a cycle with no such claim starts from its smallest id.
    rest = sorted(n for n in nodes if n not in layer)
    bfs([n for n in rest if n not in has_target], offset)
    for n in rest:
        bfs([n], offset)
    return layer


def _above(layer: dict[str, int], neighbours: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each node's neighbours on the layer above it, in id order."""
    # layers are breadth-first distances: neighbours are at most a layer apart
    return {n: [m for m in ms if layer[m] < layer[n]] for n, ms in neighbours.items()}


def layout(graph: nx.MultiDiGraph, relations: list[tuple[str, str, dict]] | None = None
           ) -> Layout:
    """Positions for every resolution and claim of ``graph`` (sources are not drawn).
    ``relations``: :func:`relation_edges`, when the caller has them already."""
    drawn = {n: d for n, d in graph.nodes(data=True) if d["type"] in ("resolution", "claim")}
    nodes = list(drawn)
    resolutions = [n for n, d in drawn.items() if d["type"] == "resolution"]
    neighbour_sets: dict[str, set[str]] = {n: set() for n in nodes}
    has_target: set[str] = set()
    for u, v, _ in relation_edges(graph) if relations is None else relations:
        if u != v:
            neighbour_sets[u].add(v)
            neighbour_sets[v].add(u)
            has_target.add(u)
    neighbours = {n: sorted(ms) for n, ms in neighbour_sets.items()}
    layer = _assign_layers(nodes, resolutions, neighbours, has_target)
    count = max(layer.values(), default=-1) + 1
    above = _above(layer, neighbours)

    rows: list[list[str]] = [[] for _ in range(count)]
    for n in nodes:  # declared order: resolutions keep the order the debate gives them
        rows[layer[n]].append(n)
    rank: dict[str, int] = {}
    rank_of = rank.__getitem__

    def key(n: str) -> tuple[float, str]:
        parents = above[n]
        return (sum(map(rank_of, parents)) / len(parents) if parents else float("inf"), n)
    for i, row in enumerate(rows):
        if i:
            row.sort(key=key)
        rank.update((n, i) for i, n in enumerate(row))

    sizes = _sizes(drawn)
    lanes, perspective_of_lane = _lanes(graph, drawn)
    boxes = _place(rows, lanes, sizes)
    width = max((b.x + b.w for b in boxes.values()), default=0.0)
    height = max((b.y + b.h for b in boxes.values()), default=0.0)
    extents: dict[int, list[float]] = {}
    for n, b in boxes.items():
        if lanes[n] >= 0:
            left, right = extents.setdefault(lanes[n], [b.x, b.x + b.w])
            extents[lanes[n]] = [min(left, b.x), max(right, b.x + b.w)]
    spans = tuple((perspective_of_lane[i], round(x0, 1), round(x1 - x0, 1))
                  for i, (x0, x1) in sorted(extents.items()))
    return Layout(boxes, count, round(width, 1), round(height, 1), spans)


def _lanes(graph: nx.MultiDiGraph, drawn: dict[str, dict]
           ) -> tuple[dict[str, int], list[int]]:
    """Each claim's lane: its perspective's place in the debate's order (undeclared
    perspectives after the declared ones), counting only perspectives with claims;
    resolutions have none (-1): they span the map. Also each lane's perspective index."""
    order = {p["id"]: i for i, p in enumerate(perspectives_of(graph))}
    extra = sorted({d.get("perspective", "") for d in drawn.values() if d["type"] == "claim"}
                   - set(order))
    for i, p in enumerate(extra, len(order)):
        order[p] = i
    used = sorted({order[d.get("perspective", "")] for d in drawn.values()
                   if d["type"] == "claim"})
    compact = {lane: i for i, lane in enumerate(used)}
    return ({n: compact[order[d.get("perspective", "")]] if d["type"] == "claim" else -1
             for n, d in drawn.items()}, used)


def _columns(counts: list[int], scale: float) -> list[int]:
    """Columns per lane for a given scale: the lane's widest row times ``scale``, at least
    one, at most the row itself."""
    widest = max(counts, default=1) or 1
    return [max(1, min(c, ceil(scale * c / widest))) if c else 0 for c in counts]


def _place(rows: list[list[str]], lanes: dict[str, int],
           sizes: dict[str, tuple[float, float, tuple[str, ...]]]) -> dict[str, Box]:
    """Boxes for the layers ``rows`` (each in reading order): every perspective in its own
    lane, a lane's part of a long row wrapped onto as many sub-rows as it needs, with the
    number of columns per lane chosen so that the whole map's shape is near a screen's
    (``ASPECT``) rather than one very long strip. Every other sub-row is shifted by half a
    column, so a reply's line can rise between the boxes above it."""
    lane_count = max(lanes.values(), default=-1) + 1
    split = []  # per layer: the resolutions, then each lane's nodes, in the row's order
    for row in rows:
        parts: list[list[str]] = [[] for _ in range(lane_count)]
        top = []
        for n in row:
            (top if lanes[n] < 0 else parts[lanes[n]]).append(n)
        split.append((top, parts))
    counts = [max((len(parts[i]) for _, parts in split), default=0) for i in range(lane_count)]

    # each part's box heights, read once: the bisection below arranges the map 14 times
    heights = [[[sizes[n][1] for n in nodes] for nodes in parts] for _, parts in split]

    def arrange(scale: float, placed: dict[str, tuple[float, float]] | None = None
                ) -> tuple[float, float]:
        """The map's width and height with the lanes' columns at ``scale``; each box's place
        goes into ``placed`` when given (the search for the scale needs only the shape)."""
        columns = _columns(counts, scale)
        staggered = [any(len(parts[i]) > columns[i] for _, parts in split)
                     for i in range(lane_count)]
        lane_w = [c * CELL_W + (CELL_W / 2 if st else 0)
                  for c, st in zip(columns, staggered, strict=True)]
        lane_x, x = [], 0.0
        for w in lane_w:
            lane_x.append(x)
            x += (w + LANE_GAP) if w else 0
        total = max(x - LANE_GAP, 0.0)
        y = 0.0
        for (top, parts), part_heights in zip(split, heights, strict=True):
            if top:  # resolutions: packed rows centred over the lanes
                y = _centred_rows(top, sizes, max(total, RESOLUTION_WIDTH), y,
                                  {} if placed is None else placed)
            layer_bottom = y
            for i, hs in enumerate(part_heights):
                sub_y = y
                step = columns[i] or 1
                for start in range(0, len(hs), step):
                    if placed is not None:
                        shift = CELL_W / 2 if (start // step) % 2 else 0.0
                        for j, n in enumerate(parts[i][start:start + step]):
                            placed[n] = (lane_x[i] + shift + j * CELL_W, sub_y)
                    sub_y += max(hs[start:start + step]) + SUB_GAP
                layer_bottom = max(layer_bottom, sub_y - SUB_GAP)
            if any(parts):
                y = layer_bottom + GAP_Y
        return total, y

    best: tuple[float, float] | None = None  # (score, scale)
    low, high = 1.0, float(max(counts, default=1) or 1)
    for _ in range(12):  # the shape grows wider with the scale: bisect for the aspect
        mid = (low + high) / 2
        w, h = arrange(mid)
        ratio = w / h if h else ASPECT
        score = abs(log(ratio / ASPECT)) if ratio > 0 else float("inf")
        if best is None or score < best[0]:
            best = (score, mid)
        if ratio < ASPECT:
            low = mid
        else:
            high = mid
    for scale in (1.0, float(max(counts, default=1) or 1)):  # the two ends, in case
        w, h = arrange(scale)
        ratio = w / h if h else ASPECT
        score = abs(log(ratio / ASPECT)) if ratio > 0 else float("inf")
        if score < best[0]:
            best = (score, scale)
    placed: dict[str, tuple[float, float]] = {}
    if best:
        arrange(best[1], placed)
    layer_of = {n: i for i, row in enumerate(rows) for n in row}
    return {n: Box(round(x, 1), round(y, 1), sizes[n][0], sizes[n][1], layer_of[n], sizes[n][2])
            for n, (x, y) in placed.items()}


def _centred_rows(nodes: list[str], sizes, width: float, y: float,
                  placed: dict[str, tuple[float, float]]) -> float:
    """Boxes of different widths in rows no wider than ``width``, each row centred; the y
    below them."""
    row: list[str] = []
    used = 0.0

    def flush(y: float) -> float:
        x = (width - used) / 2
        for n in row:
            placed[n] = (x, y)
            x += sizes[n][0] + GAP_X
        return y + max(sizes[n][1] for n in row) + GAP_Y

    for n in nodes:
        w = sizes[n][0] + (GAP_X if row else 0)
        if row and used + w > width:
            y = flush(y)
            row, used = [], 0.0
            w = sizes[n][0]
        row.append(n)
        used += w
    return flush(y) if row else y
