"""``map.pdf``: the whole map as a printable diagram, on A4 or Letter.

A small map is one page. A large one cannot be both whole and legible on a page, so it
opens with an overview that is legible (the way the printed atlas opens): each resolution
with the claims that reply to it directly, drawn by Graphviz on a page of its own, the
replies split over as many pages as it takes to print them at a readable size. Then comes
the whole map, tiled at that size, without the tiles that show no box.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import networkx as nx

from ..branches import branches
from ..model import Debate
from ..vocabulary import title_of
from .dot import _wrap, render_dot, run_dot
from .tiling import MIN_SCALE, Box, page_fit, tile_pdf

__all__ = ["render_map_pdf", "page_count"]


def render_map_pdf(debate: Debate, graph: nx.MultiDiGraph, dot_text: str,
                   paper: str = "a4") -> bytes:
    """The PDF of ``dot_text`` (the DOT of ``graph``) laid out for ``paper``."""
    whole = run_dot(dot_text, "pdf")
    width, height = _size(whole)
    if page_fit(width, height, paper) >= MIN_SCALE:
        return tile_pdf(whole, paper)
    layout = json.loads(run_dot(dot_text, "json0"))
    return tile_pdf(whole, paper, boxes=_boxes(layout, width, height),
                    overview=list(_overview(debate, graph, paper)))


def page_count(data: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)


def _size(data: bytes) -> tuple[float, float]:
    from pypdf import PdfReader
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def _boxes(layout: dict, width: float, height: float) -> list[Box]:
    """Every labelled node of Graphviz's layout as a box in the PDF's page, measured from its
    top left corner (Graphviz counts from the bottom left of the drawing, which the PDF
    surrounds with an even pad)."""
    left, bottom, right, top = (float(v) for v in layout["bb"].split(","))
    pad_x, pad_y = (width - (right - left)) / 2, (height - (top - bottom)) / 2
    boxes = []
    for node in layout.get("objects", ()):
        if "pos" not in node or not node.get("label", "").strip():
            continue
        x, y = (float(v) for v in node["pos"].split(","))
        half_w, half_h = float(node["width"]) * 36, float(node["height"]) * 36  # inches
        cx, cy = x - left + pad_x, height - (y - bottom + pad_y)
        boxes.append((cx - half_w, cy - half_h, cx + half_w, cy + half_h))
    return boxes


def _overview(debate: Debate, graph: nx.MultiDiGraph, paper: str) -> Iterator[bytes]:
    """One drawing per page: each root of the map (its resolutions first) with its direct
    replies, as many of them on a page as print at a readable size."""
    found = branches(graph)
    roots = [found.by_node[r] for r in found.roots if r in found.by_node]
    title = _wrap(title_of(graph, debate), 60)
    for number, branch in enumerate(roots, 1):
        replies = [c for lane in branch.lanes for _, ids in lane.groups for c in ids]
        chunks = list(_chunks(debate, graph, branch.node, replies, paper))
        for part, chunk in enumerate(chunks, 1):
            where = f"Overview {number} of {len(roots)}" + (
                f", part {part} of {len(chunks)}" if len(chunks) > 1 else "")
            yield _draw(debate, graph, branch.node, chunk, f"{title}\n{where}")


# The most replies a page of the overview tries; the fewest it takes is one.
MOST = 6


def _chunks(debate, graph, node: str, replies: list[str], paper: str
            ) -> Iterator[list[str]]:
    """``replies`` in consecutive runs, each as long as prints legibly with ``node``."""
    start = 0
    while start < len(replies):
        for size in range(min(MOST, len(replies) - start), 0, -1):
            chunk = replies[start:start + size]
            # the heading's widest form, so that the final one fits as well
            drawing = _draw(debate, graph, node, chunk, "Overview 99 of 99, part 99 of 99")
            if size == 1 or page_fit(*_size(drawing), paper) >= MIN_SCALE:
                break
        yield chunk
        start += size


# A page of the overview is read without the whole map's legend (it would take a third of
# the page): its heading says how the lines read.
KEY = ("supports: solid line, arrow\nattacks: dashed line, bar\n"
       "undercuts (attacks the inference): dotted line, diamond")
ROW = 2  # replies side by side: rows of two fill a portrait page, the paper's own way up


def _draw(debate, graph, node: str, replies: list[str], heading: str) -> bytes:
    part = graph.subgraph([node, *replies])
    return run_dot("".join(render_dot(debate, part, title=f"{heading}\n{KEY}", fan=ROW,
                                      legend=False)), "pdf")
