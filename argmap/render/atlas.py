"""The printable map atlas: every branch of the map drawn as a diagram, paginated for paper.

Printing ``index.html`` gives these sheets first, then the outline. Sheet 1 opens with the
title, the question and the resolutions' branches (the overview: each resolution with the
claims that reply to it); then comes the branch of every claim that has replies, depth first,
so related branches stay near each other. In a branch the parent is on top and the replies
sit below it in one lane per perspective, grouped by how they reply; each group hangs from the
parent on its own line: solid with an arrowhead for supports, dashed with a bar for attacks,
dotted with a diamond for undercuts, so the diagram reads the same in black and white. A reply
that has replies of its own says on which page they are; a branch too long for one sheet goes
on with "continued on page N". Every sheet carries the legend.

Sheets are laid out here, in Python, with the text widths estimated as for the map, so each
sheet is one printed page on A4 and on Letter alike (the sheet is the smaller of the two
printable areas, and the estimate errs wide): page numbers are known when the page is made.
"""

from __future__ import annotations

from typing import NamedTuple
from collections.abc import Iterator

import networkx as nx

from ..branches import Branches, Lane
from ..textfit import wrap
from ..vocabulary import RELATION_LABELS
from .pages import escape_html

__all__ = ["MAX_ATLAS_CLAIMS", "Sheet", "paginate", "atlas_html_pieces"]

MAX_ATLAS_CLAIMS = 2000   # beyond this the print gives the outline only, with a note

# Geometry in points. The sheet is 186 mm x 250 mm: inside A4 (210 x 297 mm) and Letter
# (216 x 279 mm) with the 12 mm margins the print stylesheet sets.
SHEET_W = 527.0
SHEET_H = 708.0
RUN_H = 16.0              # the running head: title, page N of M
LEGEND_H = 26.0           # the legend at the foot of every sheet
BODY_H = SHEET_H - RUN_H - LEGEND_H - 8.0
LANE_GAP = 12.0
GUTTER = 8.0              # per relation group: the room its line takes left of the boxes
BOX_PAD = 4.0
BOX_GAP = 5.0
FONT = 8.5                # claim text in pt: the smallest text that carries content is 8 pt
META_FONT = 7.0           # the line above and below a claim's text
LINE = 1.25               # line height, em
PARENT_FONT = 9.5
GROUP_HEAD = 11.0         # "Supports", "Attacks", ... above a group
LANE_HEAD = 13.0
BRANCH_GAP = 16.0
WIDE = 1.18               # the estimate errs wide: DejaVu Sans and Verdana outrun Arial
TITLE_FONT = 14.0

def _lines(text: str, width: float, font: float) -> int:
    return len(wrap(text, width / WIDE, font, max_lines=10_000))


class Placed(NamedTuple):
    """A part of a branch on one sheet: the parent (``continued`` on later sheets) and, per
    lane, the groups (kind, ids, whether the group began on an earlier sheet) shown here."""

    node: str
    continued: bool
    lanes: tuple[tuple[str, tuple[tuple[str, tuple[str, ...], bool], ...]], ...]
    goes_on: bool          # the branch continues on the next sheet


class Sheet(NamedTuple):
    parts: tuple[Placed, ...]


class _Measure:
    def __init__(self, graph: nx.MultiDiGraph, lanes: int):
        self.graph = graph
        self.lane_w = (SHEET_W - (lanes - 1) * LANE_GAP) / max(lanes, 1)
        self.cache: dict[tuple[str, float], float] = {}

    def box(self, node: str, gutter: float) -> float:
        """The height of a reply's box in a lane whose relation lines take ``gutter``."""
        key = (node, gutter)
        if key not in self.cache:
            inner = self.lane_w - gutter - 2 * BOX_PAD - 3
            text = self.graph.nodes[node]["text"]
            self.cache[key] = (2 * BOX_PAD + META_FONT * LINE
                               + _lines(text, inner, FONT) * FONT * LINE + 1)
        return self.cache[key]

    def parent(self, node: str, continued: bool) -> float:
        text = self.graph.nodes[node]["text"]
        lines = min(2, _lines(text, SHEET_W - 2 * BOX_PAD - 3, PARENT_FONT)) if continued else \
            _lines(text, SHEET_W - 2 * BOX_PAD - 3, PARENT_FONT)
        return (2 * BOX_PAD + META_FONT * LINE * (2 if continued else 1)
                + lines * PARENT_FONT * LINE + 6)


def _lane_ids(found: Branches) -> list[str]:
    """Every perspective that replies anywhere, in the debate's order: each keeps its column
    on every sheet, so a reader always finds a side in the same place."""
    ids: dict[str, None] = {}
    for branch in found.order:
        for lane in branch.lanes:
            ids.setdefault(lane.perspective, None)
    order = {p: i for i, p in enumerate(found.perspectives)}
    return sorted(ids, key=lambda p: (order.get(p, len(order)), p))


def _gutter(lane: Lane) -> float:
    return GUTTER * len(lane.groups) + 2


def paginate(graph: nx.MultiDiGraph, found: Branches, first_sheet_taken: float = 0.0
             ) -> list[Sheet]:
    """Lay the branches out on sheets. ``first_sheet_taken``: points of sheet 1 used by the
    title block."""
    lane_ids = _lane_ids(found)
    measure = _Measure(graph, len(lane_ids))
    sheets: list[list[Placed]] = [[]]
    room = BODY_H - first_sheet_taken

    def new_sheet() -> float:
        sheets.append([])
        return BODY_H

    for branch in found.order:
        own = {lane.perspective: lane for lane in branch.lanes}
        lanes = [own.get(p, Lane(p, ())) for p in lane_ids]
        queues = [[(kind, ids) for kind, ids in lane.groups] for lane in lanes]
        gutters = [_gutter(lane) for lane in lanes]
        started: set[tuple[int, str]] = set()
        continued = False
        while True:
            head = measure.parent(branch.node, continued) + LANE_HEAD
            # A branch that fits a sheet is never split: it starts a new sheet if need be.
            # A longer one starts where at least the parent and a reply per lane fit.
            whole = head + max(_lane_height(q, g, measure)
                               for q, g in zip(queues, gutters, strict=True))
            least = head + max(GROUP_HEAD + measure.box(q[0][1][0], g) + BOX_GAP
                               for q, g in zip(queues, gutters, strict=True) if q)
            if sheets[-1] and (whole > room and (whole <= BODY_H or least > room)):
                room = new_sheet()
            avail = room - head
            placed_lanes = []
            used = 0.0
            for i, (queue, gutter) in enumerate(zip(queues, gutters, strict=True)):
                lane_used = 0.0
                groups = []
                while queue:
                    kind, ids = queue[0]
                    take = []
                    cost = GROUP_HEAD
                    for node in ids:
                        h = measure.box(node, gutter) + BOX_GAP
                        if lane_used + cost + h > avail and (take or groups or lane_used):
                            break
                        take.append(node)
                        cost += h
                    if not take:
                        break
                    groups.append((kind, tuple(take), (i, kind) in started))
                    started.add((i, kind))
                    lane_used += cost
                    rest = ids[len(take):]
                    if rest:
                        queue[0] = (kind, rest)
                        break
                    queue.pop(0)
                placed_lanes.append((lanes[i].perspective, tuple(groups)))
                used = max(used, lane_used)
            goes_on = any(queues)
            sheets[-1].append(Placed(branch.node, continued, tuple(placed_lanes), goes_on))
            room = avail - used - BRANCH_GAP
            if not goes_on:
                break
            continued = True
            room = new_sheet()
    return [Sheet(tuple(parts)) for parts in sheets if parts]


def _lane_height(queue, gutter: float, measure: _Measure) -> float:
    return sum(GROUP_HEAD + sum(measure.box(n, gutter) + BOX_GAP for n in ids)
               for _, ids in queue)


def _title_height(title: str, question: str) -> float:
    h = _lines(title, SHEET_W, TITLE_FONT) * TITLE_FONT * 1.25 + 6
    if question:
        h += _lines(question, SHEET_W, 10) * 10 * 1.3 + 4
    return h + 3 * 8 * 1.35 + 10  # the two-line note on how to read the atlas, and a gap


def atlas_html_pieces(graph: nx.MultiDiGraph, found, title: str, question: str,
                      perspectives: list[dict], claim_count: int) -> Iterator[str]:
    """The ``<section class="am-atlas">`` of index.html (shown only in print). ``found``:
    the map's :class:`~argmap.branches.Branches`, or a function that makes them (called
    only when the map is small enough to have an atlas)."""
    if claim_count > MAX_ATLAS_CLAIMS:
        yield ('<section class="am-atlas-note"><p>This map has '
               f'{claim_count:,} claims, more than the printable atlas takes '
               f'({MAX_ATLAS_CLAIMS:,}): the print holds the outline only.</p></section>\n')
        return
    if callable(found):
        found = found(graph)
    sheets = paginate(graph, found, _title_height(title, question))
    if not sheets:
        return
    writer = _Writer(graph, found, perspectives, sheets)
    total = len(sheets)
    yield '<section class="am-atlas" aria-label="Printable map">\n'
    for number, sheet in enumerate(sheets, 1):
        yield '<div class="at-sheet">'
        yield (f'<div class="at-run"><span>{escape_html(title)}</span>'
               f'<span>Map, page {number} of {total}</span></div>\n')
        if number == 1:
            yield f'<h1 class="at-title">{escape_html(title)}</h1>'
            if question:
                yield f'<p class="at-question">{escape_html(question)}</p>'
            yield ('<p class="at-how">Each branch shows a resolution or claim and, below it, '
                   'the claims that reply to it, in one column per perspective. A page number '
                   'beside a claim leads to its own replies. The outline after the map lists '
                   'every claim with its evidence.</p>\n')
        for part in sheet.parts:
            yield from writer.part(part, number)
        yield writer.legend
        yield '</div>\n'
    yield '</section>\n'


class _Writer:
    def __init__(self, graph: nx.MultiDiGraph, found: Branches, perspectives: list[dict],
                 sheets: list[Sheet]):
        self.graph = graph
        self.css = {p["id"]: f"p{i}" for i, p in enumerate(perspectives)}
        self.labels = {p["id"]: p["label"] for p in perspectives}
        self.page_of: dict[str, int] = {}
        self.next_page: dict[tuple[str, int], int] = {}
        for number, sheet in enumerate(sheets, 1):
            for part in sheet.parts:
                if not part.continued:
                    self.page_of.setdefault(part.node, number)
        self.legend = self._legend(perspectives)

    def _legend(self, perspectives: list[dict]) -> str:
        items = [f'<span class="at-key p{i}"><i class="at-swatch"></i>'
                 f'{escape_html(p["label"])}</span>' for i, p in enumerate(perspectives)]
        items += [f'<span class="at-key"><i class="at-line {kind}"></i>{words["out"]}</span>'
                  for kind, words in RELATION_LABELS.items()]
        return '<div class="at-legend">' + "".join(items) + '</div>'

    def _meta(self, node: str, in_lane: bool = False, goto: str = "") -> str:
        """The line above a claim's text: who holds it (left out in a lane, whose head says
        it), its kind and its id; in a lane also where its own replies are."""
        d = self.graph.nodes[node]
        if d["type"] == "resolution":
            who = "Resolution"
        else:
            label = "" if in_lane else self.labels.get(d["perspective"], d["perspective"])
            shared = "common ground" if d.get("agreed_by") else ""
            who = " · ".join(filter(None, (escape_html(label), escape_html(d["kind"]),
                                           shared)))
        return (f'<div class="at-meta"><span class="at-who">{who}</span>'
                f'<span class="at-id">{escape_html(node)}</span>{goto}</div>')

    def _goto(self, node: str, here: int) -> str:
        page = self.page_of.get(node)
        if not page:
            return ""
        where = "replies: this page" if page == here else f"replies: page {page}"
        return f'<span class="at-goto">{where}</span>'

    def part(self, part: Placed, here: int) -> Iterator[str]:
        d = self.graph.nodes[part.node]
        side = self.css.get(d.get("perspective"), "")
        cls = "resolution" if d["type"] == "resolution" else f"claim {side}"
        more = " continued" if part.continued else ""
        yield f'<div class="at-branch{more}">'
        kicker = '<div class="at-cont">(continued)</div>' if part.continued else ""
        yield (f'<div class="at-parent {cls}">{kicker}{self._meta(part.node)}'
               f'<div class="at-text">{escape_html(d["text"])}</div></div>')
        yield f'<div class="at-lanes n{min(max(len(part.lanes), 1), 6)}">'
        for perspective, groups in part.lanes:
            yield (f'<div class="at-lane {self.css.get(perspective, "")}">'
                   '<div class="at-lane-head">'
                   f'{escape_html(self.labels.get(perspective, perspective))}</div>')
            if groups:
                yield from self._nest(list(groups), here)
            elif not part.continued:
                yield '<p class="at-none">No replies from this perspective.</p>'
            yield '</div>'
        yield '</div>'
        if part.goes_on:
            yield f'<p class="at-goes-on">Continued on page {here + 1}.</p>'
        yield '</div>\n'

    def _nest(self, groups: list, here: int) -> Iterator[str]:
        """The groups as nested blocks: the last group's line is the outermost and longest,
        so no line crosses another group's boxes."""
        if not groups:
            return
        kind, ids, was_started = groups[-1]
        yield f'<div class="at-rel {kind}">'
        yield from self._nest(groups[:-1], here)
        word = RELATION_LABELS[kind]["out"] + (" (continued)" if was_started else "")
        yield f'<div class="at-gh">{word}</div>'
        for node in ids:
            d = self.graph.nodes[node]
            yield (f'<div class="at-box {kind} {self.css.get(d.get("perspective"), "")}">'
                   f'{self._meta(node, True, self._goto(node, here))}'
                   f'<div class="at-text">{escape_html(d["text"])}</div></div>')
        yield '</div>'
