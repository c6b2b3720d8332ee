"""Clash sheets: ``clash/<topic>.html``, one printed page per topic that says where the sides
meet on it. For a lesson on one topic, before the briefs.

A sheet holds the question, each side's main claims on the topic side by side (one column
per perspective, in the declared order), the points where they clash (attacks and undercuts
between claims of different perspectives, with the point at issue as the data states it),
what no other side answers, and the common ground. Every side gets the same room and the
same rule for what comes first (:attr:`argmap.graphview.GraphView.strength`: the claims with
the most evidence and relations made, research first); clashes are taken in turn from each
attacking side, a different side first from topic to topic; a claim both sides hold appears
only as common ground; what does not fit is counted, never silently left out ("and 4 more:
see the brief").

The page is filled in Python, by estimated height (:mod:`argmap.textfit`), so that a sheet
is one page on A4 and on Letter: the area both papers share (186 x 250 mm) less the
margins. Claim texts are never cut: an item that does not fit is left for the count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterator

import networkx as nx
from markupsafe import Markup

from ..graph import perspective_labels, perspectives_of, topics_in_use
from ..lookup import node_ids
from ..graphview import view_of
from ..textfit import BOLD, wrap
from ..vocabulary import plural, title_of
from .cards import source_citation
from .pages import handout_css, handout_values, page_csp, perspective_styles, scope_of, stylesheet
from .templating import environment

__all__ = ["sheet_topics", "clash_sheet", "render_clash_sheets", "FOLDER"]

FOLDER = "clash"

# The page, in CSS pixels (96 per inch) at the print sizes clash.css sets: the area A4 and
# Letter share (186 x 255 mm inside 12 mm margins) less the body's padding and a band for
# what the estimate misses (a heading that wraps, rounding of line boxes).
_PX_PER_MM = 96 / 25.4
PAGE_W = 182 * _PX_PER_MM
PAGE_H = 255 * _PX_PER_MM - 16 - 36
# Lines are wrapped by Arial's widths (argmap.textfit); the widest common fallback for
# system-ui, DejaVu Sans (Linux, where it is often the only sans font), sets the sheet's
# texts about 10% wider, measured in Chromium on the bundled debate. Wrapping to a line that
# much narrower estimates its lines, so the sheet fits in it and in every narrower font.
WIDEST_FONT = 1.1
BODY_PX, BODY_LINE = 12.0, 15.6    # 9 pt text, 1.3 line height
SMALL_PX, SMALL_LINE = 10.7, 13.9  # 8 pt
H1_PX, H1_LINE = 20.0, 23.0 + 4    # 15 pt, 1.15 line height, and its margins
ITEM_GAP = 5.0                     # between items of a list
HEAD = 34.0                        # a section heading with its rule and margins
COLUMN_HEAD = 22.0                 # a perspective's heading over its column
FOOTER = 3 * 13 + 20               # the colophon: three lines of 7.5 pt, rule and margin
OPEN_EXTRA = 2 * SMALL_LINE       # the open part's explanation
NOTE = SMALL_LINE + 3              # a line under a list: "and N more", "None.", "N of them ..."


@dataclass
class Sheet:
    topic: str
    label: str
    columns: list[dict] = field(default_factory=list)   # per perspective: claims, more
    clashes: list[dict] = field(default_factory=list)
    clashes_more: int = 0
    open_: list[dict] = field(default_factory=list)     # per perspective: claims, more
    common: list[dict] = field(default_factory=list)
    common_more: int = 0


def sheet_topics(graph: nx.MultiDiGraph) -> list[dict]:
    """The topics that have claims, in the declared order: ``id`` and ``label``; in a part
    of the debate cut by topic (:mod:`argmap.scope`), only the topics it was cut by."""
    topics = topics_in_use(graph)
    if "scope_topics" in graph.graph:
        return [t for t in topics if t["id"] in graph.graph["scope_topics"]]
    return topics


def _height(text: str, width: float, px: float, line: float) -> float:
    return len(wrap(text, width / WIDEST_FONT, px, max_lines=10_000)) * line


def _parts_height(heights: dict) -> float:
    """The printed height of the parts, given each queue's height (its items and the lines
    under them): a part in columns is as tall as its tallest column."""
    total = 0.0
    for part in ("claims", "clashes", "open", "common"):
        keys = [k for k in heights if k[0] == part]
        if not keys:
            continue
        total += HEAD + max(heights[k] for k in keys)
        if part in ("claims", "open"):
            total += COLUMN_HEAD
        if part == "open":
            total += OPEN_EXTRA
    return total


class _Writer:
    """Chooses a topic's items by rank until each part's share of the page is used."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.view = view_of(graph)
        self.rank = self.view.strength
        self.perspectives = perspectives_of(graph)
        self.labels = perspective_labels(graph)
        self.claims = node_ids(graph, "claim")
        self._cite: dict[str, str] = {}
        self._heights_seen: dict[tuple, float] = {}

    def cite(self, claim: str) -> str:
        """The short cites of the claim's sources, each once ("" for none); a source whose
        stated stance is another perspective's is marked as that side's document."""
        if claim not in self._cite:
            g = self.graph
            own = g.nodes[claim]["perspective"]
            seen = dict.fromkeys(e["source"] for e in g.nodes[claim]["evidence"])
            cites = []
            for s in seen:
                stance = g.nodes[s].get("perspective") if s in g else None
                other = f" (a document of {self._label(stance)})" \
                    if stance and stance != own else ""
                cites.append(source_citation(g, s)["short"] + other)
            self._cite[claim] = "; ".join(cites)
        return self._cite[claim]

    def sheet(self, topic: dict) -> Sheet:
        """The topic's sheet: items are taken one at a time, in turn from each side's main
        claims, the clashes, each side's unanswered claims and the common ground, while the
        page has room, so every part and every side gets its share of the page."""
        g = self.graph
        mine = sorted((c for c in self.claims if topic["id"] in g.nodes[c]["tags"]),
                      key=self.rank.__getitem__)
        # A claim both sides hold is common ground: shown there only, never as one side's
        common = [c for c in mine if g.nodes[c].get("agreed_by")]
        held = {p["id"]: [c for c in mine if g.nodes[c]["perspective"] == p["id"]
                          and not g.nodes[c].get("agreed_by")]
                for p in self.perspectives}
        open_ = {pid: [c for c in ids if self._unanswered(c)] for pid, ids in held.items()}
        clashes = self._clashes(set(mine), self._first_side(topic["id"]))
        taken = self._fill(self._groups(held, open_, clashes, common), topic)
        return self._assemble(topic, held, open_, clashes, common, taken)

    def _groups(self, held: dict, open_: dict, clashes: list, common: list) -> list[list]:
        """Each part as a group of queues taken a row at a time: one more claim for every
        side or none, so the sides show as many claims each as they have, up to what fits.
        A queue is ``(part, column, items, height of an item, width)``."""
        ncol = max(1, len(self.perspectives))
        col_w = (PAGE_W - 12 * (ncol - 1)) / ncol
        groups = [[("claims", pid, held[pid], self._claim_height, col_w) for pid in held],
                  [("clashes", None, clashes, self._clash_height, PAGE_W)],
                  [("open", pid, open_[pid], self._open_height, col_w) for pid in held]]
        if common:
            groups.append([("common", None, common, self._common_height, PAGE_W)])
        return groups

    def _fill(self, groups: list[list], topic: dict) -> dict:
        """How many items of each queue fit: a group takes a row while the page's estimated
        height stays within ``PAGE_H``; a group whose next row does not fit is closed and
        the others go on, so a short item of one part can still use the room a long item
        of another part left."""
        taken = {(part, col): 0 for group in groups for part, col, *_ in group}
        fixed = self._header_height(topic) + FOOTER
        open_groups = list(groups)
        while open_groups:
            for group in list(open_groups):
                row = [(part, col) for part, col, items, *_ in group
                       if taken[(part, col)] < len(items)]
                for key in row:
                    taken[key] += 1
                if not row or fixed + _parts_height(self._heights(groups, taken)) > PAGE_H:
                    for key in row:
                        taken[key] -= 1
                    open_groups.remove(group)
        return taken

    def _heights(self, groups: list[list], taken: dict) -> dict:
        """Each queue's printed height with its first ``taken`` items; an unanswered claim
        printed in its side's column above is not printed again in the open part."""
        main = {c for part, col, items, *_ in groups[0] for c in items[:taken[(part, col)]]}
        heights = {}
        for group in groups:
            for part, col, items, height_of, width in group:
                n = taken[(part, col)]
                printed = [i for i in items[:n] if not (part == "open" and i in main)]
                above = part == "open" and any(i in main for i in items)
                heights[(part, col)] = sum(
                    self._item_height(height_of, item, width) + ITEM_GAP for item in printed) \
                    + NOTE * ((n < len(items)) + above + (not printed and not above))
        return heights

    def _item_height(self, height_of, item, width: float) -> float:
        # a clash by its claims (a dict's id is reused once it is freed, as the next
        # topic's clashes are made)
        name = item if isinstance(item, str) else \
            (item["source"]["id"], item["target"]["id"], item["mutual"])
        key = (height_of.__name__, name, width)
        if key not in self._heights_seen:
            self._heights_seen[key] = height_of(item, width)
        return self._heights_seen[key]

    def _assemble(self, topic: dict, held: dict, open_: dict, clashes: list, common: list,
                  taken: dict) -> Sheet:
        sheet = Sheet(topic["id"], topic["label"])
        for p in self.perspectives:
            n = taken[("claims", p["id"])]
            shown = held[p["id"]][:n]
            sheet.columns.append({"perspective": p, "claims": [self._claim(c) for c in shown],
                                  "more": len(held[p["id"]]) - n, "total": len(held[p["id"]])})
            # a claim printed in its column above is not printed again in this list
            listed = [c for c in open_[p["id"]][:taken[("open", p["id"])]] if c not in shown]
            rest = [c for c in open_[p["id"]] if c not in shown and c not in listed]
            sheet.open_.append({"perspective": p, "claims": [self._claim(c) for c in listed],
                                "more": len(rest), "total": len(open_[p["id"]]),
                                "above": sum(c in shown for c in open_[p["id"]])})
        n = taken[("clashes", None)]
        sheet.clashes, sheet.clashes_more = clashes[:n], len(clashes) - n
        n = taken.get(("common", None), 0)
        sheet.common = [self._claim(c) for c in common[:n]]
        sheet.common_more = len(common) - n
        return sheet

    def _header_height(self, topic: dict) -> float:
        """The kicker (two lines), the topic's heading and the question; the scope note is
        not printed (the running header at the top of the page says it, in the margin)."""
        g = self.graph.graph
        height = 14  # the rule and margins
        height += _height(f"Clash sheet: {title_of(self.graph, None)}".upper(), PAGE_W,
                          SMALL_PX * BOLD * 1.1, SMALL_LINE)  # bold, spaced capitals
        height += _height(topic["label"], PAGE_W, H1_PX * BOLD, H1_LINE)
        height += _height(g.get("question", ""), PAGE_W, BODY_PX, BODY_LINE)
        if g.get("content_note"):  # "Content note: " leads it, in a frame
            height += _height("Content note: " + g["content_note"], PAGE_W - 20, SMALL_PX,
                              SMALL_LINE) + 16
        return height

    def _claim(self, c: str) -> dict:
        d = self.graph.nodes[c]
        return {"id": c, "text": d["text"], "kind": d["kind"], "cite": self.cite(c),
                "agreed_by": [self._label(p) for p in d.get("agreed_by") or []],
                "perspective": self._label(d["perspective"])}

    def _label(self, pid: str) -> str:
        return self.labels.get(pid, pid)

    def _claim_height(self, c: str, width: float) -> float:
        cite = self.cite(c)
        return (_height(self.graph.nodes[c]["text"], width - 8, BODY_PX, BODY_LINE)
                + (_height(cite, width - 8, SMALL_PX, SMALL_LINE) if cite else 0))

    def _open_height(self, c: str, width: float) -> float:
        return _height(self.graph.nodes[c]["text"], width - 8, SMALL_PX, SMALL_LINE)

    def _common_height(self, c: str, width: float) -> float:
        return self._open_height(c, width) + SMALL_LINE  # "held by ...", a line of its own

    def _clash_height(self, clash: dict, width: float) -> float:
        half = (width - 72) / 2  # two columns beside the verb's
        verb = 3 * SMALL_LINE if clash["mutual"] else SMALL_LINE  # "attack each other" wraps
        return max(_height(clash["source"]["text"], half, SMALL_PX, SMALL_LINE),
                   _height(clash["target"]["text"], half, SMALL_PX, SMALL_LINE), verb) \
            + SMALL_LINE + (_height("Point at issue: " + clash["note"], width, SMALL_PX,
                                    SMALL_LINE) if clash["note"] else 0)

    def _first_side(self, topic: str) -> int:
        """Which side's clash comes first on the topic's sheet: the sides take turns from
        topic to topic, by the topic's place among the declared topics (the whole debate's,
        so a lesson's sheet is the whole build's), so that a sheet with room for one clash
        is not always the same side's."""
        declared = [t["id"] for t in self.graph.graph.get("topics", [])]
        place = declared.index(topic) if topic in declared else sum(map(ord, topic))
        return place % max(1, len(self.perspectives))

    def _clashes(self, on_topic: set[str], first: int = 0) -> list[dict]:
        """Attacks and undercuts between perspectives with both claims on the topic, taken
        in turn from each attacking side, the ``first``-th declared side first and the
        others after it in the declared order, each side's by the rank of the pair; two
        claims that attack each other are one clash, both ways."""
        g = self.graph
        found: dict[frozenset, dict] = {}
        for u, v, d in self.view.clashes:  # the clash rule: the read model's, once
            if u not in on_topic or v not in on_topic:
                continue
            pair = frozenset((u, v))
            if pair in found:
                found[pair]["verb"] = "attack each other"
                found[pair]["mutual"] = True
                continue
            found[pair] = {"type": d["type"], "verb": d["type"], "mutual": False,
                           "source": self._claim(u), "target": self._claim(v),
                           "note": d.get("note", ""), "side": g.nodes[u]["perspective"],
                           "key": min(self.rank[u], self.rank[v])}
        by_side: dict[str, list[dict]] = {}
        for clash in sorted(found.values(), key=lambda x: x["key"]):
            by_side.setdefault(clash["side"], []).append(clash)
        sides = self.perspectives[first:] + self.perspectives[:first]
        order = [by_side.get(p["id"], []) for p in sides]
        turns = []
        for i in range(max((len(x) for x in order), default=0)):
            turns += [x[i] for x in order if i < len(x)]
        return turns

    def _unanswered(self, c: str) -> bool:
        return not self.view.answered(c)


def clash_sheet(graph: nx.MultiDiGraph, topic: dict, writer: _Writer | None = None) -> str:
    """One topic's sheet as HTML (``topic``: ``id`` and ``label``)."""
    env = environment()
    styles = perspective_styles(graph)
    css = stylesheet("clash.css", styles, env, columns=max(1, len(styles))) + \
        handout_css(graph)
    sheet = (writer or _Writer(graph)).sheet(topic)
    css_of = {p["id"]: p["css"] for p in styles}
    return env.get_template("clash.html.jinja2").render(
        title=title_of(graph, None), question=graph.graph.get("question", ""),
        sheet=sheet, css_of=css_of, plural=plural, scope=scope_of(graph),
        css=Markup(css), csp=page_csp(css), **handout_values(graph, "../"))


def render_clash_sheets(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """``(clash/<topic>.html, html)`` for each topic that has claims."""
    writer = _Writer(graph)
    for topic in sheet_topics(graph):
        yield f"{FOLDER}/{topic['id']}.html", clash_sheet(graph, topic, writer)
