"""Cut-out evidence cards: ``cards/<perspective>.html``, eight cards to a printed page.

Each card is one evidence item of one claim, as debaters file them: the side, the tag line
(the claim it is evidence for), the cite (short cite and the source's title), and the quote
with its locator; a finding (a study's result in the map's words) is marked as not a quote.
Cards have a fixed size, 91 x 56 mm, two across and four down on the area A4 and Letter
share, with dashed cut lines; they are placed on pages here, in Python, so a card can never
split across two pages. A card whose words would not fit at the usual size is set smaller
(:mod:`argmap.textfit` estimates the lines), down to a floor; below it the quote is cut
with "[…]" and the card says the rest is in the brief.

Cards come in the order of the brief's case: topic by topic, each side's claims with the most
replies first (:func:`argmap.scope.strength`), the same rule for every side.
"""

from __future__ import annotations

from typing import Iterator

import networkx as nx
from markupsafe import Markup

from ..graph import perspectives_of
from ..scope import strength
from ..sides import SideIndex
from ..textfit import wrap
from ..vocabulary import title_of
from .briefs import FOLDERS, page_name
from .cards import source_citation
from .pages import page_csp, perspective_styles, scope_css, scope_of
from .templating import environment

__all__ = ["FOLDER", "PER_PAGE", "has_cards", "card_items", "render_card_sheets"]

FOLDER = "cards"
PER_PAGE = 8
_PX_PER_MM = 96 / 25.4
CARD_W = (91 - 7) * _PX_PER_MM     # less the padding and the side band
CARD_H = (56 - 6) * _PX_PER_MM
SIZES = (8.5, 7.5, 6.5)            # points: the usual size, then smaller to fit
LINE = 1.25


def _pt(px_or_pt: float) -> float:
    return px_or_pt * 96 / 72


def has_cards(graph: nx.MultiDiGraph, perspective: str) -> bool:
    """Whether the side has a card: a claim with a quote or a finding (what the map page's
    links need to know, without fitting every card)."""
    return any(d["type"] == "claim" and d["perspective"] == perspective
               and any(ev["quote"] or ev["finding"] for ev in d["evidence"])
               for _, d in graph.nodes(data=True))


def card_items(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """The side's cards in brief order: ``claim``, ``tag``, ``cite``, ``title``, ``quote``,
    ``finding``, ``locator``, ``size`` (points) and ``cut`` (the quote was shortened)."""
    index = SideIndex(graph)
    rank = strength(graph)
    order = [c for topic in index.case_groups(perspective) for group in topic["groups"]
             for c in sorted(group["claims"], key=rank.__getitem__)]
    cards = []
    for c in order:
        d = graph.nodes[c]
        for ev in d["evidence"]:
            if not (ev["quote"] or ev["finding"]):
                continue
            source = source_citation(graph, ev["source"])
            cards.append(_fit({"claim": c, "tag": d["text"], "cite": source["short"],
                               "title": source["title"], "quote": ev["quote"] or "",
                               "finding": ev["finding"] or "", "locator": ev["locator"] or ""}))
    return cards


def _lines(text: str, size: float, bold: bool = False) -> int:
    width = CARD_W / (1.08 if bold else 1.0)
    return len(wrap(text, width, _pt(size), max_lines=10_000)) if text else 0


def _height(card: dict, size: float) -> float:
    small = size - 1
    body = card["quote"] or card["finding"]
    lines = (_lines(card["tag"], size, bold=True) * _pt(size)
             + (_lines(f'{card["cite"]}. {card["title"]}', small) + 1) * _pt(small)
             + _lines(body, size) * _pt(size)
             + (_lines(f'Where: {card["locator"]}', small) * _pt(small) if card["locator"]
                else 0))
    return lines * LINE + 3 * 4  # the gaps between the parts


def _fit(card: dict) -> dict:
    for size in SIZES:
        if _height(card, size) <= CARD_H:
            return {**card, "size": size, "cut": False}
    size = SIZES[-1]
    key = "quote" if card["quote"] else "finding"
    words = card[key].split()
    while words and _height({**card, key: " ".join(words) + " […]"}, size) > CARD_H:
        words = words[:-max(1, len(words) // 10)]
    return {**card, key: " ".join(words) + " […]", "size": size, "cut": True}


def render_card_sheets(graph: nx.MultiDiGraph, template_dir: str | None = None
                       ) -> Iterator[tuple[str, str]]:
    """``(cards/<perspective>.html, html)`` for each perspective with cards."""
    env = environment(template_dir)
    styles = perspective_styles(graph)
    css = env.get_template("cardsheet.css").render(perspectives=styles)
    css += scope_css(scope_of(graph))
    ids = [p["id"] for p in perspectives_of(graph)]
    template = env.get_template("cardsheet.html.jinja2")
    for p in styles:
        cards = card_items(graph, p["id"])
        if not cards:
            continue
        pages = [cards[i:i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)]
        yield f"{FOLDER}/{p['id']}.html", template.render(
            title=title_of(graph, None), perspective=p, pages=pages, count=len(cards),
            claims=len({c["claim"] for c in cards}), scope=scope_of(graph),
            brief=f"../{FOLDERS['brief']}/{page_name('brief', p['id'], ids)}",
            css=Markup(css), csp=page_csp(css))
