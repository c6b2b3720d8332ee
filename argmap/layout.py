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

from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from math import ceil, log
from itertools import accumulate, chain
from typing import NamedTuple

import networkx as nx

__all__ = ["Box", "Layout", "layout", "relation_edges", "wrap", "text_width", "RELATIONS"]

RELATIONS = ("supports", "attacks", "undercuts")

CLAIM_WIDTH = 230.0
RESOLUTION_WIDTH = 300.0
PADDING = 10.0
HEADER_HEIGHT = 18.0       # the perspective label above a claim's text
CLAIM_FONT = 13.0
RESOLUTION_FONT = 14.0
LINE_HEIGHT = 1.3          # in em
MAX_LINES = 7              # longer texts are cut with an ellipsis; the panel shows them whole
GAP_X = 28.0
GAP_Y = 70.0               # between layers
SUB_GAP = 30.0             # between the wrapped rows of one layer
CELL_W = CLAIM_WIDTH + GAP_X
LANE_GAP = 90.0            # between perspectives' lanes
ASPECT = 1.6               # the whole map's shape: a screen's, not a strip
SAFETY = 1.04              # a little room: DejaVu Sans, a common fallback, is wider still

# Advance widths of Arial (and its metric twins Liberation Sans and Helvetica) in thousandths
# of an em; other characters count as 556, wide scripts as a full em.
_WIDTHS = {
    222: "ijl’‘", 278: " .,:;!/[]ftI\\", 191: "'", 260: "|", 333: "-()r“”\"`{}*",
    500: "ckszvxyJ^", 584: "+<>=~", 611: "FTZ", 667: "ABEKPSVXY&", 722: "CDHNRUw",
    778: "GOQ", 833: "mM", 889: "%", 944: "W", 1000: "—…", 1015: "@",
}
_CHAR = {ch: width for width, chars in _WIDTHS.items() for ch in chars}
BOLD = 1.08


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


def text_width(text: str, font_size: float) -> float:
    """Estimated rendered width of ``text`` in pixels (regular weight; bold is ``BOLD``×)."""
    units = 0
    for ch in text:
        units += _CHAR.get(ch, 1000 if ord(ch) >= 0x2E80 else 556)
    return units * font_size * SAFETY / 1000


_SPACE_UNITS = _CHAR[" "]
_ELLIPSIS_UNITS = _CHAR["…"]


class _WordAdvances(dict):
    """A word's advance in thousandths of an em, with the space after it, measured once:
    debates reuse their words, and in whole units a line's width is an exact integer sum."""

    def __missing__(self, word: str) -> int:
        units = _SPACE_UNITS
        for ch in word:
            units += _CHAR.get(ch, 1000 if ord(ch) >= 0x2E80 else 556)
        if len(self) >= 1 << 16:
            self.clear()
        self[word] = units
        return units


_ADVANCES = _WordAdvances()


@lru_cache(maxsize=64)
def _line_units(width: float, font_size: float) -> int | None:
    """The most units a line of ``width`` pixels holds; None when ``width`` is within float
    rounding of a whole number of units, where a sum of pixel widths could fall either side
    of it: such lines are measured in pixels (:func:`_wrap_by_pixels`)."""
    exact = width * 1000 / (font_size * SAFETY)
    whole = int(exact // 1)
    return whole if 1e-6 < exact - whole < 1 - 1e-6 else None


def _break_word(word: str, width: float, font_size: float) -> list[str]:
    """A word wider than the box, cut into pieces that fit: each piece the longest run of
    letters (at least one) whose width fits, measured letter by letter in one pass, so a
    pasted URL or a run of CJK text of any length takes time in proportion to its length."""
    scale = font_size * SAFETY / 1000
    pieces = []
    start, used = 0, 0
    for i, ch in enumerate(word):
        units = _CHAR.get(ch, 1000 if ord(ch) >= 0x2E80 else 556)
        if i > start and (used + units) * scale > width:
            pieces.append(word[start:i])
            start, used = i, 0
        used += units
    pieces.append(word[start:])
    return pieces


def _wrap_by_pixels(words: list[str], width: float, font_size: float) -> list[str]:
    """Greedy word wrap summing pixel widths; cuts words wider than a line."""
    space = text_width(" ", font_size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        w = text_width(word, font_size)
        pieces = [word] if w <= width else _break_word(word, width, font_size)
        for piece in pieces:
            w = w if len(pieces) == 1 else text_width(piece, font_size)
            if line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used = used + space + w if line else w
            line.append(piece)
    if line:
        lines.append(" ".join(line))
    return lines


def _lines_by_units(words: list[str], ends: list[int], start: int, end: int, limit: int,
                    max_lines: int, width: float, font_size: float) -> tuple[str, ...] | None:
    """:func:`wrap` of ``words[start:end]`` (not empty), or None when one of them is wider
    than a line of ``limit`` units.

    ``ends[k]`` is the width of ``words[:k]``, each word with the space after it, so each
    line's last word is found by bisection instead of by measuring word after word, and no
    more than the ``max_lines + 1`` lines needed to know where to cut the text are made.
    """
    reach = limit + _SPACE_UNITS
    after = end + 1
    lines = []
    for _ in range(max_lines):
        stop = bisect_right(ends, ends[start] + reach, start + 1, after) - 1
        if stop == start:
            return None
        lines.append(" ".join(words[start:stop]))
        if stop == end:
            return tuple(lines)
        first, start = start, stop
    if bisect_right(ends, ends[start] + reach, start + 1, after) - 1 == start:
        return None  # the next word is too wide: the first of its pieces may join this line
    # Too long: the last line drops words until it has room for " …".
    while stop - first > 1 and ends[stop] - ends[first] + _ELLIPSIS_UNITS > limit:
        stop -= 1
    last = " ".join(words[first:stop])
    if stop - first == 1:  # one word left: it loses letters
        last = _cut_to_fit(last, width, font_size)
    lines[-1] = last + " …"
    return tuple(lines)


def _lines_by_pixels(words: list[str], width: float, font_size: float, max_lines: int
                     ) -> tuple[str, ...]:
    """:func:`wrap` of ``words``, measured in pixels: for words wider than a line."""
    lines = _wrap_by_pixels(words, width, font_size)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [_cut_to_fit(lines[max_lines - 1], width, font_size)
                                         + " …"]
    return tuple(lines) or ("",)


def _cut_to_fit(last: str, width: float, font_size: float) -> str:
    """The last line shortened, word by word, then letter by letter, until " …" fits."""
    while last and text_width(last + " …", font_size) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return last


def wrap(text: str, width: float, font_size: float, max_lines: int = MAX_LINES
         ) -> tuple[str, ...]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` pixels; a text longer
    than ``max_lines`` is cut, its last line ending in " …"."""
    return wrap_all([text], width, font_size, max_lines)[0]


_WRAP_BATCH = 500  # texts measured together: their words and widths are held at once


def wrap_all(texts: list[str], width: float, font_size: float, max_lines: int = MAX_LINES
             ) -> list[tuple[str, ...]]:
    """:func:`wrap` of each of ``texts``, their words measured together, a batch at a time
    (all of them at once held every word of a large map, tens of megabytes)."""
    wrapped: list[tuple[str, ...]] = []
    for first in range(0, len(texts), _WRAP_BATCH):
        wrapped += _wrap_batch(texts[first:first + _WRAP_BATCH], width, font_size, max_lines)
    return wrapped


def _wrap_batch(texts: list[str], width: float, font_size: float, max_lines: int
                ) -> list[tuple[str, ...]]:
    split = [text.split() for text in texts]
    limit = _line_units(width, font_size)
    if limit is None or max_lines < 1:
        return [_lines_by_pixels(words, width, font_size, max_lines) for words in split]
    words = list(chain.from_iterable(split))
    ends = list(accumulate(map(_ADVANCES.__getitem__, words), initial=0))
    wrapped = []
    start = 0
    for own in split:
        end = start + len(own)
        lines = (_lines_by_units(words, ends, start, end, limit, max_lines, width, font_size)
                 if own else ("",))
        wrapped.append(lines if lines is not None else
                       _lines_by_pixels(own, width, font_size, max_lines))
        start = end
    return wrapped


def _sizes(drawn: dict[str, dict]) -> dict[str, tuple[float, float, tuple[str, ...]]]:
    """Each resolution's and claim's box width, height and wrapped text."""
    sizes = {}
    for kind, width, font, header in (
            ("resolution", RESOLUTION_WIDTH, RESOLUTION_FONT * BOLD, 0.0),
            ("claim", CLAIM_WIDTH, CLAIM_FONT, HEADER_HEIGHT)):
        ids = [n for n, d in drawn.items() if d["type"] == kind]
        texts = [drawn[n].get("text", "") for n in ids]
        for n, lines in zip(ids, wrap_all(texts, width - 2 * PADDING, font)):
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


def relation_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    """The supports, attacks and undercuts edges as ``(source, target, data)``, in the
    graph's order. Read from the adjacency dicts: ``graph.edges`` makes a view object per
    edge, and the map's renderers walk these edges several times."""
    return [(u, v, data) for u, targets in graph.adjacency() for v, keyed in targets.items()
            for data in keyed.values() if data.get("type") in RELATIONS]


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
        rank.update(zip(row, range(len(row))))

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
    order = {p["id"]: i for i, p in enumerate(graph.graph.get("perspectives", []))}
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

    def arrange(scale: float):
        columns = _columns(counts, scale)
        staggered = [any(len(parts[i]) > columns[i] for _, parts in split)
                     for i in range(lane_count)]
        lane_w = [c * CELL_W + (CELL_W / 2 if st else 0) for c, st in zip(columns, staggered)]
        lane_x, x = [], 0.0
        for w in lane_w:
            lane_x.append(x)
            x += (w + LANE_GAP) if w else 0
        total = max(x - LANE_GAP, 0.0)
        placed: dict[str, tuple[float, float]] = {}
        y = 0.0
        for top, parts in split:
            if top:  # resolutions: packed rows centred over the lanes
                y = _centred_rows(top, sizes, max(total, RESOLUTION_WIDTH), y, placed)
            layer_bottom = y
            for i, nodes in enumerate(parts):
                sub_y = y
                for start in range(0, len(nodes), columns[i] or 1):
                    sub = nodes[start:start + columns[i]]
                    shift = CELL_W / 2 if (start // columns[i]) % 2 else 0.0
                    for j, n in enumerate(sub):
                        placed[n] = (lane_x[i] + shift + j * CELL_W, sub_y)
                    sub_y += max(sizes[n][1] for n in sub) + SUB_GAP
                layer_bottom = max(layer_bottom, sub_y - SUB_GAP)
            if any(parts):
                y = layer_bottom + GAP_Y
        return placed, total, y

    best = None
    low, high = 1.0, float(max(counts, default=1) or 1)
    for _ in range(12):  # the shape grows wider with the scale: bisect for the aspect
        mid = (low + high) / 2
        placed, w, h = arrange(mid)
        ratio = w / h if h else ASPECT
        score = abs(log(ratio / ASPECT)) if ratio > 0 else float("inf")
        if best is None or score < best[0]:
            best = (score, placed)
        if ratio < ASPECT:
            low = mid
        else:
            high = mid
    for scale in (1.0, float(max(counts, default=1) or 1)):  # the two ends, in case
        placed, w, h = arrange(scale)
        ratio = w / h if h else ASPECT
        score = abs(log(ratio / ASPECT)) if ratio > 0 else float("inf")
        if score < best[0]:
            best = (score, placed)
    placed = best[1] if best else {}
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
