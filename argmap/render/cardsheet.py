"""Cut-out evidence cards: ``cards/<perspective>.html``, eight cards to a printed page.

Each card is one evidence item of one claim, as debaters file them: the side, the tag line
(the claim it is evidence for), the cite (short cite and the source's title), and the quote
with its locator; a finding (a study's result in the map's words) is marked as not a quote.
Cards have a fixed size, 91 x 56 mm, two across and four down on the area A4 and Letter
share, with dashed cut lines; they are placed on pages here, in Python, so a card can never
split across two pages. A card whose words would not fit at the usual size is set smaller
(:mod:`argmap.textfit` estimates the lines), down to a floor; below it the quote is cut
with "[…]" and the card says the rest is in the brief.

Cards come in the order of the brief's case: topic by topic, each side's claims with the
most evidence and relations made first (``GraphView.strength``), the same rule for every
side. A claim both sides hold (``agreed_by``) is in each holder's deck, marked as common
ground, and a card whose source states the other side's stance says so.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
from markupsafe import Markup

from ..graph import perspective_labels, perspectives_of
from ..graphview import view_of
from ..textfit import wrap_all
from ..vocabulary import title_of
from .briefs import FOLDERS, page_name
from .cards import source_citation
from .pages import (escape_html, handout_css, handout_values, page_csp, perspective_styles,
                    scope_of, stylesheet)
from .templating import environment, render_with_inserts

__all__ = ["FOLDER", "PER_PAGE", "has_cards", "card_items", "render_card_sheets"]

FOLDER = "cards"
PER_PAGE = 8
_PX_PER_MM = 96 / 25.4
CARD_W = (91 - 7) * _PX_PER_MM     # less the padding and the side band
CARD_H = (56 - 9) * _PX_PER_MM     # less the padding and the side's line
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


class _Cards:
    """What every side's cards share, made once: the graph's side structure, the ranking,
    each source's cite."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        view = view_of(graph)
        self.index = view.sides
        self.rank = view.strength
        self._sources: dict[str, dict] = {}

    def source(self, source_id: str) -> dict:
        if source_id not in self._sources:
            self._sources[source_id] = source_citation(self.graph, source_id)
        return self._sources[source_id]

    def items(self, perspective: str) -> list[dict]:
        g, rank = self.graph, self.rank
        order = [c for topic in self.index.case_groups(perspective) for group in topic["groups"]
                 for c in sorted(group["claims"], key=rank.__getitem__)]
        # common ground another side holds with this one is in this side's deck too
        order += sorted((c for c in self.index.claims
                         if perspective in (g.nodes[c].get("agreed_by") or ())
                         and g.nodes[c]["perspective"] != perspective), key=rank.__getitem__)
        labels = perspective_labels(g)
        cards = []
        for c in order:
            d = g.nodes[c]
            holders = [d["perspective"], *(d.get("agreed_by") or ())]
            side = labels.get(d["perspective"], d["perspective"]) if len(holders) == 1 else \
                "Common ground: " + ", ".join(labels.get(h, h) for h in holders)
            for ev in d["evidence"]:
                if not (ev["quote"] or ev["finding"]):
                    continue
                source = self.source(ev["source"])
                stance = g.nodes[ev["source"]].get("perspective") if ev["source"] in g else None
                other = labels.get(stance, stance) if stance and stance not in holders else ""
                cards.append({"claim": c, "source": ev["source"], "tag": d["text"],
                              "cite": source["short"],
                              "title": source["title"], "quote": ev["quote"] or "",
                              "finding": ev["finding"] or "", "locator": ev["locator"] or "",
                              "side": side, "other": other})
        return _fit_all(cards)


def card_items(graph: nx.MultiDiGraph, perspective: str) -> list[dict]:
    """The side's cards in brief order: ``claim``, ``tag``, ``cite``, ``title``, ``quote``,
    ``finding``, ``locator``, ``size`` (points) and ``cut`` (the quote was shortened)."""
    return _Cards(graph).items(perspective)


def _cite_line(card: dict) -> str:
    """"Okafor 2021. Title" ("LIFT n.d. Title": no second full stop)."""
    return f'{card["cite"]}{"" if card["cite"].endswith(".") else "."} {card["title"]}'


def _parts(card: dict) -> tuple[str, str, str, str]:
    """The card's texts as the height estimate measures them: tag, cite line (with the note
    that the source is the other side's), body, where."""
    other = f' From a document of {card["other"]}.' if card.get("other") else ""
    return (card["tag"], _cite_line(card) + other, card["quote"] or card["finding"],
            f'Where: {card["locator"]}' if card["locator"] else "")


def _heights(cards: list[dict], size: float) -> list[float]:
    """Each card's estimated height at ``size``, its texts wrapped a batch at a time
    (:func:`argmap.textfit.wrap_all`: one measurement of every word, not one per text)."""
    small = size - 1
    parts = [_parts(c) for c in cards]

    def lines(i: int, font: float, bold: bool = False) -> list[int]:
        texts = [p[i] for p in parts]
        width = CARD_W / (1.08 if bold else 1.0)
        wrapped = wrap_all(texts, width, _pt(font), max_lines=10_000)
        return [len(w) if text else 0 for w, text in zip(wrapped, texts, strict=True)]

    tag, cite, body, where = lines(0, size, True), lines(1, small), lines(2, size), lines(3, small)
    return [((tag[i] + body[i]) * _pt(size) + (cite[i] + 1 + where[i]) * _pt(small)) * LINE
            + 3 * 4 for i in range(len(cards))]


def _fit_all(cards: list[dict]) -> list[dict]:
    """Each card at the largest of ``SIZES`` it fits at; a card that fits at none has its
    quote (or finding) shortened, with "[…]", at the smallest."""
    out: list[dict | None] = [None] * len(cards)
    left = list(range(len(cards)))
    for size in SIZES:
        heights = _heights([cards[i] for i in left], size)
        still = []
        for i, h in zip(left, heights, strict=True):
            if h <= CARD_H:
                out[i] = {**cards[i], "size": size, "cut": False}
            else:
                still.append(i)
        left = still
        if not left:
            break
    for i in left:
        out[i] = _shortened(cards[i])
    return out


def _shortened(card: dict) -> dict:
    size = SIZES[-1]
    key = "quote" if card["quote"] else "finding"
    words = card[key].split()
    while words and _heights([{**card, key: " ".join(words) + " […]"}], size)[0] > CARD_H:
        words = words[:-max(1, len(words) // 10)]
    return {**card, key: " ".join(words) + " […]", "size": size, "cut": True}


def _card_html(card: dict, side: str) -> str:
    """One card's ``<article>``, written here rather than by a template macro: a big map
    has tens of thousands of cards."""
    body = (f'<p class="quote">\u201c{escape_html(card["quote"])}\u201d</p>' if card["quote"]
            else f'<p class="quote finding">{escape_html(card["finding"])}</p>')
    where = f'<p class="where">Where: {escape_html(card["locator"])}</p>' \
        if card["locator"] else ""
    cut = '<p class="where cut">Shortened to fit: the brief has it whole.</p>' \
        if card["cut"] else ""
    stop = "" if card["cite"].endswith(".") else "."
    other = f' <span class="other">From a document of {escape_html(card["other"])}.</span>' \
        if card.get("other") else ""
    return (f'<article class="card s{int(card["size"] * 10)}">\n'
            f'<p class="tag">{escape_html(card["tag"])}</p>\n'
            f'<p class="cite"><strong>{escape_html(card["cite"])}</strong>{stop} '
            f'<span class="title">{escape_html(card["title"])}</span>{other}</p>\n'
            f'{body}\n{where}{cut}<span class="side">{escape_html(card.get("side") or side)}'
            '</span>\n</article>\n')


def _sheets(cards: list[dict], side: str) -> Iterator[str]:
    for first in range(0, len(cards), PER_PAGE):
        yield (f'<section class="sheet" aria-label="Page {first // PER_PAGE + 1} of '
               'cards">\n')
        for card in cards[first:first + PER_PAGE]:
            yield _card_html(card, side)
        yield "</section>\n"


def render_card_sheets(graph: nx.MultiDiGraph) -> Iterator[tuple[str, Iterator[str]]]:
    """``(cards/<perspective>.html, pieces of html)`` for each perspective with cards."""
    env = environment()
    styles = perspective_styles(graph)
    css = stylesheet("cardsheet.css", styles, env) + handout_css(graph)
    ids = [p["id"] for p in perspectives_of(graph)]
    template = env.get_template("cardsheet.html.jinja2")
    shared = _Cards(graph)
    for p in styles:
        cards = shared.items(p["id"])
        if not cards:
            continue
        yield f"{FOLDER}/{p['id']}.html", render_with_inserts(
            template,
            {"title": title_of(graph, None), "perspective": p, "count": len(cards),
             "claims": len({c["claim"] for c in cards}), "scope": scope_of(graph),
             "brief": f"../{FOLDERS['brief']}/{page_name('brief', p['id'], ids)}",
             "css": Markup(css), "csp": page_csp(css), **handout_values(graph, "../")},
            {"sheets": _sheets(cards, escape_html(p["label"]))})
