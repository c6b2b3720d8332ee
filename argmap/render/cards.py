"""Evidence cards: a claim as a debater files it.

A card has three parts kept visibly apart: the **tag** (the claim's text, the debater's
words), the **cite** (who and when, in one short line read aloud, e.g. "Okafor 2021", then
the full citation), and the **card text** (the source's words: the evidence item's quote,
verbatim and never altered, with its locator).

The short cite names the author's family name, or the organisation (publisher) when no
author is given; "n.d." stands for a missing year. Author names are split as the citation
exports split them (:func:`argmap.export.citations.split_names`): a name written
``Family, Given`` gives its family name; any other name is kept whole, since guessing which
word of "Ana Rivera" or "Amnesty International" is a family name would be wrong as often as
right. Two authors read "A & B", three or more "A et al.".

Cards are written as HTML here rather than by a template macro: a brief of 10,000 claims
holds tens of thousands of cards, and a macro call per card (with a template attribute
look-up per field) took seconds. A card is written once, with its evidence boxes left open,
for a brief, a worksheet and an answer key alike (:class:`CardWriter`, :func:`fill`). Every
value goes through ``markupsafe.escape``, as the templates' autoescaping would; a quote is
never altered in any other way, and on a worksheet only its length (the lines to copy it
onto) reaches the page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator

import networkx as nx

from ..export.citations import split_names
from ..lookup import NONE_STATED, citation
from ..graphview import SideIndex
from ..vocabulary import NO_DATE, year_of
from .mapdata import safe_url
from .pages import escape_html

__all__ = ["NO_DATE", "VERBS", "year", "lead_name", "short_cite", "source_citation",
           "citation_html", "ruled_lines", "Fragments", "CardWriter", "fill"]

VERBS = {"supports": "Supports", "attacks": "Attacks", "undercuts": "Undercuts"}
# "Skarhed (special investigator)": a qualification belongs in the full cite, not the
# words read aloud.
_QUALIFICATION = re.compile(r"\s*\([^)]*\)\s*\Z")


def year(published: str) -> str:
    return year_of(published) or NO_DATE


def _name(entry: dict) -> str:
    return entry.get("family") or _QUALIFICATION.sub("", entry.get("literal", "")) \
        or entry.get("literal", "")


def lead_name(author: str, publisher: str, title: str) -> str:
    """Who a short cite names: author family name(s), else the publisher, else the title."""
    names, others = split_names(author or "")
    if not names:
        return (publisher or title).strip()
    first = _name(names[0])
    if len(names) == 1 and not others:
        return first
    if len(names) == 2 and not others:
        return f"{first} & {_name(names[1])}"
    return f"{first} et al."


def short_cite(source: dict) -> str:
    """``"Okafor 2021"``: the words read aloud before the card text."""
    return f"{lead_name(source['author'], source['publisher'], source['title'])} " \
           f"{year(source['published'])}"


def source_citation(graph: nx.MultiDiGraph, source_id: str) -> dict:
    """Every field of a full citation plus ``short`` (the short cite) and ``link`` (a safe
    http/https URL or ""). A source id the map does not define (only possible in data with
    errors) is cited by its id rather than failing."""
    if source_id not in graph.nodes or graph.nodes[source_id]["type"] != "source":
        return {"id": source_id, "title": source_id, "author": "", "publisher": "", "type": "",
                "stance": "", "stance_label": NONE_STATED, "url": "", "published": "",
                "accessed": "", "archive": "", "container": "", "doi": "",
                "short": f"{source_id} {NO_DATE}", "link": ""}
    entry = citation(graph, source_id)
    entry.update(short=short_cite(entry), link=safe_url(entry["url"]))
    return entry


def _stop(field: str, enders: str = ".") -> str:
    """The full stop after a citation field, unless it ends in one of ``enders`` already."""
    return "" if field[-1:] in enders else "."


def citation_html(s: dict) -> str:
    """The full citation of a :func:`source_citation` entry: ``<p class="citation">``."""
    parts = ['<p class="citation">\n']
    if s["author"]:
        parts.append(f'<span class="c-author">{escape_html(s["author"])}</span>'
                     f'{_stop(s["author"])} ')
    parts.append(f'<span class="c-title">“{escape_html(s["title"])}”</span>'
                 f'{_stop(s["title"], "?!.")}\n')
    if s.get("container"):
        parts.append(f'<span class="c-container">{escape_html(s["container"])}</span>'
                     f'{_stop(s["container"])} ')
    if s["publisher"]:
        parts.append(f'<span class="c-publisher">{escape_html(s["publisher"])}</span>'
                     f'{_stop(s["publisher"])} ')
    parts.append(f'<span class="c-date">{escape_html(s["published"] or "n.d.")}</span>'
                 f'{"." if s["published"] else ""}\n')
    if s.get("doi"):
        parts.append(f'<span class="c-doi">doi:{escape_html(s["doi"])}</span>. ')
    if s["url"]:
        url = escape_html(s["url"])
        link = f'<a href="{escape_html(s["link"])}" rel="noreferrer noopener">{url}</a>' \
            if s["link"] else url
        parts.append(f'<span class="c-url">{link}</span>. ')
    if s["accessed"]:
        parts.append(f'<span class="c-accessed">Accessed {escape_html(s["accessed"])}</span>. ')
    parts.append(f'<span class="c-who">[{escape_html(s["type"] or "type not given")}; '
                 f'stated stance: {escape_html(s["stance_label"])}]</span>\n</p>\n')
    return "".join(parts)


def ruled_lines(quote: str, per_line: int = 60) -> int:
    """Lines to copy a passage onto: about one per ``per_line`` characters, plus one spare."""
    return max(2, min(12, -(-len(quote) // per_line) + 1)) if quote else 3


class Fragments:
    """The HTML that every page of one debate's briefs and worksheets shares, each piece
    written once however often it appears: a node's id and text, escaped, and each
    source's short cite and the opening of its evidence cards (short cite, full citation)."""

    def __init__(self, index: SideIndex):
        self.index = index
        self._nodes: dict[str, tuple[str, str]] = {}
        self._sources: dict[str, tuple[str, str]] = {}
        self._findable: dict[str, bool] = {}

    def findable(self, source_id: str) -> bool:
        """Whether a student can get hold of the source from its citation: it has a web
        address or a DOI. An archived copy does not count: its file name
        ("000_76c5….txt") is the maintainers' snapshot, not an address anyone can follow."""
        found = self._findable.get(source_id)
        if found is None:
            s = source_citation(self.index.view, source_id)
            found = self._findable[source_id] = bool(s["link"] or s["doi"])
        return found

    def node(self, node_id: str) -> tuple[str, str]:
        """``(id, text)``; a node the map does not define stands for itself."""
        html = self._nodes.get(node_id)
        if html is None:
            d = self.index.nodes.get(node_id)
            text = node_id if d is None else d.get("text", node_id)
            html = self._nodes[node_id] = escape_html(node_id), escape_html(text)
        return html

    def text(self, node_id: str) -> str:
        return self.node(node_id)[1]

    def _source(self, source_id: str) -> tuple[str, str]:
        html = self._sources.get(source_id)
        if html is None:
            s = source_citation(self.index.view, source_id)
            short = escape_html(s["short"])
            head = f'<div class="evidence" data-source="{escape_html(s["id"])}">\n' \
                   f'<p class="cite"><strong class="cite-key">{short}</strong></p>\n' \
                   f'{citation_html(s)}\n'
            html = self._sources[source_id] = short, head
        return html

    def short_cite(self, source_id: str) -> str:
        return self._source(source_id)[0]

    def evidence_head(self, source_id: str) -> str:
        return self._source(source_id)[1]


def _finding_text(ev: dict) -> str:
    """A source without archived words is carded by what it reports, marked as the map's
    paraphrase (never dressed as a quote)."""
    return ('<p class="card-text finding"><span class="finding-label">What it reports '
            f'(the map\'s paraphrase):</span> {escape_html(ev["finding"])}</p>')


def _brief_body(ev: dict) -> str:
    if ev["quote"]:
        text = f'<blockquote class="card-text">{escape_html(ev["quote"])}</blockquote>\n'
    elif ev.get("finding"):
        text = _finding_text(ev) + "\n"
    else:
        text = '<p class="no-quote">No card text: the map records where this evidence is, ' \
               'not its words.</p>\n'
    return text + _locator_line(ev["locator"])


# Locators repeat ("p. 12", "Table 3") across thousands of cards: each is written once.
@lru_cache(maxsize=4096)
def _locator_line(locator: str) -> str:
    return f'<p class="locator">Where in the source: {escape_html(locator)}</p>' \
        if locator else ""


@lru_cache(maxsize=4096)
def _find_label(locator: str) -> str:
    where = f' <span class="locator">({escape_html(locator)})</span>' if locator else ""
    return f'<div class="find">\n<p class="find-label">Find the evidence{where}</p>\n'


def _worksheet_body(ev: dict) -> str:
    if not ev.get("findable", True) and (ev["quote"] or ev.get("finding")):
        return _work_from(ev)
    # The quote is read only for its length: what students must find never reaches the page.
    lines = '<span class="line"></span>' * ruled_lines(ev["quote"])
    return f'{_find_label(ev["locator"])}' \
           f'<div class="lines" role="img" aria-label="lines to write on">{lines}</div>\n</div>\n'


def _work_from(ev: dict) -> str:
    """A student cannot find a passage in a document the citation gives no way to get: the
    worksheet prints the passage to work from instead of lines to copy it onto."""
    where = f' <span class="locator">({escape_html(ev["locator"])})</span>' \
        if ev["locator"] else ""
    text = f'<blockquote class="card-text">{escape_html(ev["quote"])}</blockquote>' \
        if ev["quote"] else _finding_text(ev)
    return (f'<div class="find work-from">\n<p class="find-label">The passage to work from'
            f'{where}: this source has no web address or DOI to look it up'
            f'</p>\n{text}\n</div>\n')


def _key_body(ev: dict) -> str:
    text = f'<blockquote class="card-text answer">{escape_html(ev["quote"])}</blockquote>' \
        if ev["quote"] else _finding_text(ev) if ev.get("finding") else \
        '<p class="no-quote">The map records where this evidence is, not its words.</p>'
    return f'{_find_label(ev["locator"])}{text}</div>\n'


# What fills each evidence box: the card text (a brief), lines to copy it onto (a worksheet),
# or the card text as the worksheet's answer (its key).
_BODIES = {"brief": _brief_body, "worksheet": _worksheet_body, "key": _key_body}


def fill(pieces: list, mode: str) -> Iterator[str]:
    """Cards written by :class:`CardWriter` as the HTML of one kind of page, ``mode``:
    ``"brief"``, ``"worksheet"`` or ``"key"``, piece by piece (a page's cards run to tens of
    megabytes: joined, they would be copied again on their way into the page)."""
    body = _BODIES[mode]
    return (p if isinstance(p, str) else body(p) for p in pieces)


class CardWriter:
    """Cards as pieces of HTML with each evidence item's box left open (the item itself
    stands in the list where its box goes): a brief, a worksheet and its answer key differ
    only in what fills the boxes (:func:`fill`), so one writing serves all three.

    A card is the claim's tag; how it relates to what it is filed against; then its
    evidence, each item as short cite, full citation and its box. A claim whose case card
    is already on the page is filed as an answer by its tag and a pointer to that card, not
    with its evidence again (a one-topic lesson brief printed the same cards twice)."""

    def __init__(self, html: Fragments):
        self.html, self.index = html, html.index
        self.carded: set[str] = set()

    def evidence(self, items, out: list) -> None:
        head, findable = self.html.evidence_head, self.html.findable
        for ev in items:
            out += (head(ev["source"]), {**ev, "findable": findable(ev["source"])}, "</div>\n")

    def case_card(self, claim: str, also: list[str], out: list) -> None:
        """The claim as its side's case files it: with each of its relations (and the
        evidence given for that relation alone), and ``also``, the other groups it
        serves."""
        cid, tag = self.html.node(claim)
        self.carded.add(claim)
        out.append(f'<article class="card" id="card-{cid}" data-claim="{cid}">\n'
                   f'<h5 class="tag">{tag}</h5>\n')
        given = []
        for _, v, d in self.index.view.out.get(claim, ()):
            res = " the resolution" if self.index.nodes[v]["type"] == "resolution" else ""
            if res and d["type"] == "supports" and not d["note"] and not d["evidence"]:
                continue  # the group heading already says it
            note = f' <span class="note">({escape_html(d["note"])})</span>' if d["note"] else ""
            out.append(f'<p class="context link">{VERBS[d["type"]]}{res}: '
                       f'{self.html.text(v)}{note}</p>\n')
            if d["evidence"]:
                given.append((v, d, res))
        out += [f'<p class="context">Also {escape_html(line[:1].lower() + line[1:])}</p>'
                for line in also]
        own = self.index.nodes[claim]["evidence"]
        self.evidence(own, out)
        for v, d, res in given:
            out.append(f'<div class="link-evidence">\n<p class="context">Evidence given for '
                       f'this relation only ({VERBS[d["type"]].lower()}{res}: '
                       f'{self.html.text(v)}):</p>\n')
            self.evidence(d["evidence"], out)
            out.append("</div>\n")
        out.append("</article>\n" if own or given else _NO_EVIDENCE + "</article>\n")

    def answer_card(self, relation: dict, out: list) -> None:
        """The relation's source claim filed as an answer to its target: how it answers
        it, and the evidence given for that answer alone."""
        cid, tag = self.html.node(relation["source"])
        note = f': {escape_html(relation["note"])}' if relation["note"] else ""
        out.append(f'<article class="card" data-claim="{cid}">\n<h5 class="tag">{tag}</h5>\n'
                   f'<p class="context relation">{VERBS[relation["type"]]} it{note}</p>')
        own = self.index.nodes[relation["source"]]["evidence"]
        if own and relation["source"] in self.carded:
            out.append(f'<p class="context see-card">Its evidence: on <a href="#card-{cid}">'
                       'its card in the case above</a>.</p>\n')
        else:
            self.evidence(own, out)
        if relation["evidence"]:
            out.append('<p class="context">Evidence given for this answer:</p>\n')
            self.evidence(relation["evidence"], out)
        out.append("</article>\n" if own or relation["evidence"] else
                   _NO_EVIDENCE + "</article>\n")


_NO_EVIDENCE = '<p class="no-evidence">No evidence card: the map cites no source for this ' \
    'claim.</p>\n'
