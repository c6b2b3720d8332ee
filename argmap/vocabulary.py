"""The words and small rules every output shares, written once: relation kinds and their
labels (the map's script gets them in its payload), a source's year, plurals, the light fill
of a perspective's colour. Two copies of a rule drift apart: the year of "20210301" was 2021
on the map and "n.d." on the briefs.
"""

from __future__ import annotations

import re

from .model import RELATION_KINDS
from .schema import COLOR_RE

__all__ = ["RELATION_KINDS", "RELATION_LABELS", "NO_DATE", "year_of", "plural", "tint",
           "safe_color", "FALLBACK_COLOR", "title_of"]

# Headings for a claim's relations, seen from the claim and from its target, how the maps
# draw each (for legends), and its entry in the glossary (argmap.glossary).
RELATION_LABELS = {
    "supports": {"out": "Supports", "in": "Supported by", "legend": "solid line, filled arrow",
                 "term": "support"},
    "attacks": {"out": "Attacks", "in": "Attacked by", "legend": "dashed line, bar at the end",
                "term": "attack"},
    "undercuts": {"out": "Undercuts", "in": "Undercut by",
                  "legend": "dotted line, open diamond: attacks the inference a claim draws",
                  "term": "undercut"},
}
assert tuple(RELATION_LABELS) == RELATION_KINDS

NO_DATE = "n.d."
_LEADING_YEAR = re.compile(r"\s*(\d{4})(?:\d{4})?(?!\d)")  # 2021, 2021-03-01, 20210301
_ANY_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")             # "March 2021", "c. 1998"
FALLBACK_COLOR = "#777777"


def year_of(published: str) -> str:
    """The year of a source's ``published`` as written (an ISO date, basic or extended, or
    the first four-digit number standing alone), or "" when there is none."""
    m = _LEADING_YEAR.match(published or "") or _ANY_YEAR.search(published or "")
    return m.group(1) if m else ""


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def safe_color(color: str) -> str:
    """``color`` if it is a hex colour, else grey: colours end up in CSS and DOT."""
    return color if COLOR_RE.match(color or "") else FALLBACK_COLOR


def tint(color: str, amount: float = 0.85) -> str:
    """``color`` mixed with white: a fill light enough for black text."""
    value = safe_color(color).lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def title_of(graph, debate=None) -> str:
    """The debate's title: the graph's, else the model's (a graph built by hand may lack it)."""
    return graph.graph.get("title") or (debate.title if debate is not None else "")
