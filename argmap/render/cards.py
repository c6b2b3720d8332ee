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
"""

from __future__ import annotations

import re

import networkx as nx

from ..export.citations import split_names
from ..lookup import NONE_STATED, citation
from .mapdata import safe_url

__all__ = ["NO_DATE", "year", "lead_name", "short_cite", "source_citation", "evidence_card",
           "claim_card", "ruled_lines", "blank_evidence", "blanked"]

NO_DATE = "n.d."
_YEAR = re.compile(r"\b(\d{4})\b")
# "Skarhed (special investigator)": a qualification belongs in the full cite, not the
# words read aloud.
_QUALIFICATION = re.compile(r"\s*\([^)]*\)\s*\Z")


def year(published: str) -> str:
    m = _YEAR.search(published or "")
    return m.group(1) if m else NO_DATE


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
                "accessed": "", "archive": "", "short": f"{source_id} {NO_DATE}", "link": ""}
    entry = citation(graph, source_id)
    entry.update(short=short_cite(entry), link=safe_url(entry["url"]))
    return entry


def evidence_card(graph: nx.MultiDiGraph, evidence: dict) -> dict:
    """One evidence item as ``{"source": citation, "quote", "locator"}``; the quote is passed
    through untouched (the template escapes it, nothing else may change it)."""
    return {"source": source_citation(graph, evidence["source"]), "quote": evidence["quote"],
            "locator": evidence["locator"]}


def claim_card(graph: nx.MultiDiGraph, claim_id: str, relation: dict | None = None) -> dict:
    """A claim as a card: ``id``, ``tag`` (its text), ``perspective``, ``kind``, ``note``,
    ``evidence`` (cards of its own evidence items) and, when the card is filed as an answer,
    ``relation`` (``type`` and ``note``) and ``relation_evidence`` (evidence given for that
    relation only)."""
    node = graph.nodes[claim_id]
    return {"id": claim_id, "tag": node["text"], "perspective": node["perspective"],
            "kind": node["kind"], "note": node["note"],
            "evidence": [evidence_card(graph, ev) for ev in node["evidence"]],
            "relation": relation and {"type": relation["type"], "note": relation["note"]},
            "relation_evidence": [evidence_card(graph, ev)
                                  for ev in (relation or {}).get("evidence", ())]}


def ruled_lines(quote: str, per_line: int = 60) -> int:
    """Lines to copy a passage onto: about one per ``per_line`` characters, plus one spare."""
    return max(2, min(12, -(-len(quote) // per_line) + 1)) if quote else 3


def blank_evidence(ev: dict) -> dict:
    """An evidence card without its quote, and ``lines`` to write it on."""
    return {**ev, "quote": "", "lines": ruled_lines(ev["quote"])}


def blanked(card: dict) -> dict:
    """The card for a worksheet: every quote removed from the data (not merely hidden), with
    ``lines`` to write on in its place, so no template can print what students must find."""
    return {**card, "evidence": [blank_evidence(ev) for ev in card["evidence"]],
            "relation_evidence": [blank_evidence(ev) for ev in card["relation_evidence"]]}
