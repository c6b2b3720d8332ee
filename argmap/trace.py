"""The provenance of one claim: where it comes from, and what it answers and is answered by.

``trace(result, graph, claim_id)`` returns a JSON-ready dict; ``format_trace`` turns it into
text. For each evidence item: the quote, its locator and verification status (and, for a
quote verified in a PDF or a saved web page, where it was found: its page or section), and the full
citation of its source; then the chain beyond that source (the primary source a figure is
traced to, and what each source cites, recursively, each source expanded once so cycles end);
then the claims it supports, attacks and undercuts, and those that do so to it.
"""

from __future__ import annotations

import networkx as nx

from .errors import UnknownClaim
from .loader import CheckResult, display_path
from .lookup import RELATIONS, citation, perspective_labels
from .model import Debate
from .quotes import QuoteReport
from .suggest import closest

__all__ = ["UnknownClaim", "trace", "format_trace", "format_citation", "NO_QUOTE", "FINDING",
           "UNCHECKED"]

VERSION = 1

# Statuses besides the QuoteReport's verified / mismatched / unverified.
NO_QUOTE = "no quote"     # the evidence item gives a source but no quote
FINDING = "reported finding, not a quote"  # research cited by what it reports
UNCHECKED = "unchecked"   # traced from a bare model: quotes were never checked

_IN_LABELS = {"supports": "Supported by", "attacks": "Attacked by", "undercuts": "Undercut by"}
_OUT_LABELS = {"supports": "Supports", "attacks": "Attacks", "undercuts": "Undercuts"}


def _status(quotes: QuoteReport | None, claim_id: str, ev: dict) -> str:
    if not ev["quote"]:
        return FINDING if ev.get("finding") else NO_QUOTE
    if quotes is None:
        return UNCHECKED
    return quotes.status.get((claim_id, ev["source"], ev["quote"]), "unverified")


def _chain(graph: nx.MultiDiGraph, start: str, traced_to: str) -> list[dict]:
    """What lies beyond source ``start``, depth first: the source its figure is traced to,
    then what it cites, recursively. A source met again is listed with ``repeat: true`` and
    not expanded again, so cycles of ``cites`` end and shared sources print once."""
    nodes = graph.nodes
    seen = {start}
    entries: list[dict] = []

    def cites(source: str) -> list[str]:
        return [v for _, v, d in graph.out_edges(source, data=True) if d["type"] == "cites"]

    def visit(source: str, relation: str, parent: str, depth: int) -> None:
        repeat = source in seen
        seen.add(source)
        entries.append({"depth": depth, "relation": relation, "from": parent,
                        "source": citation(graph, source), "repeat": repeat})
        if not repeat:
            for cited in cites(source):
                visit(cited, "cites", source, depth + 1)

    if traced_to and traced_to in nodes:
        visit(traced_to, "traced_to", start, 1)
    for cited in cites(start):
        visit(cited, "cites", start, 1)
    return entries


def _related(graph: nx.MultiDiGraph, node_id: str, claim_id: str, quotes, data: dict) -> dict:
    d = graph.nodes[node_id]
    perspective = d.get("perspective", "")
    return {"id": node_id, "node_type": d["type"], "perspective": perspective,
            "perspective_label": perspective_labels(graph).get(perspective, perspective),
            "text": d["text"], "note": data.get("note", ""),
            "evidence": [{"source": ev["source"], "quote": ev["quote"], "locator": ev["locator"],
                          "status": _status(quotes, claim_id, ev)}
                         for ev in data.get("evidence", ())]}


def _where(debate: Debate, claim) -> dict:
    """``file`` (in the debate folder), ``line``, and ``location`` as PATH:LINE:COL the way
    diagnostics print it, so an editor can jump there."""
    if claim is None:
        return {"file": "", "line": 0, "location": ""}
    loc = claim.location
    return {"file": loc.file, "line": loc.line,
            "location": f"{display_path(debate.root, loc.file)}:{loc.line}:{loc.col}"}


def trace(result_or_debate: CheckResult | Debate, graph: nx.MultiDiGraph, claim_id: str) -> dict:
    """The provenance of ``claim_id`` as a JSON-ready dict; raises ``UnknownClaim``.

    Pass the ``CheckResult`` of ``argmap.check`` to get each quote's verification status;
    with a bare ``Debate`` the statuses read ``unchecked``.
    """
    if isinstance(result_or_debate, CheckResult):
        debate, quotes = result_or_debate.debate, result_or_debate.quotes
    else:
        debate, quotes = result_or_debate, None
    nodes = graph.nodes
    if claim_id not in nodes or nodes[claim_id]["type"] != "claim":
        node_type = nodes[claim_id]["type"] if claim_id in nodes else None
        claims = [n for n, d in graph.nodes(data=True) if d["type"] == "claim"]
        raise UnknownClaim(claim_id, None if node_type else closest(claim_id, claims), node_type,
                           debate.root or "the debate")
    d = nodes[claim_id]
    claim = debate.claims_by_id.get(claim_id)
    evidence = []
    for i, ev in enumerate(d["evidence"]):
        known = ev["source"] in nodes
        evidence.append({
            "index": i, "quote": ev["quote"], "finding": ev.get("finding", ""),
            "locator": ev["locator"],
            "status": _status(quotes, claim_id, ev), "traced_to": ev["traced_to"],
            # where a verified quote was found in a PDF or web-page archive: "p. 14"
            "found": quotes.where.get((claim_id, ev["source"], ev["quote"]), "")
            if quotes is not None and ev["quote"] else "",
            "source": citation(graph, ev["source"]) if known else {"id": ev["source"]},
            "chain": _chain(graph, ev["source"], ev["traced_to"]) if known else []})
    outgoing = {k: [] for k in RELATIONS}
    incoming = {k: [] for k in RELATIONS}
    for _, v, data in graph.out_edges(claim_id, data=True):
        if data["type"] in RELATIONS:
            outgoing[data["type"]].append(_related(graph, v, claim_id, quotes, data))
    for u, _, data in graph.in_edges(claim_id, data=True):
        if data["type"] in RELATIONS:
            incoming[data["type"]].append(_related(graph, u, u, quotes, data))
    return {
        "version": VERSION,
        "claim": {"id": claim_id, "perspective": d["perspective"],
                  "perspective_label": perspective_labels(graph).get(d["perspective"],
                                                                     d["perspective"]),
                  "text": d["text"], "kind": d["kind"], "tags": list(d["tags"]),
                  "note": d["note"],
                  **_where(debate, claim)},
        "evidence": evidence,
        "relations": {"outgoing": outgoing, "incoming": incoming},
    }


# ---- text ----------------------------------------------------------------------------------

def format_citation(c: dict) -> str:
    """One line: author. title. container. publisher, published. DOI. type; stance. URL.
    accessed. archive."""
    if "title" not in c:  # an unknown source (only in data that failed validation)
        return f"{c['id']} (not a known source)"
    parts = [c["author"], c["title"], c.get("container", ""),
             ", ".join(filter(None, (c["publisher"], c["published"]))),
             c.get("doi") and f"doi:{c['doi']}"]
    parts.append("; ".join(filter(None, (c["type"] and f"type: {c['type']}",
                                         f"stance: {c['stance_label']}"))))
    parts += [c["url"], c["accessed"] and f"accessed {c['accessed']}",
              c["archive"] and f"archive: {c['archive']}"]
    text = ""
    for part in (p for p in parts if p):
        if text:
            text += " " if text[-1] in ".?!" else ". "
        text += part
    return text if text[-1:] in ".?!" else text + "."


def _quote_line(ev: dict) -> str:
    locator = f" ({ev['locator']})" if ev["locator"] else ""
    if ev["quote"]:
        quote = f"\u201c{ev['quote']}\u201d"
    elif ev.get("finding"):
        quote = f"finding: {ev['finding']}"
    else:
        quote = "(no quote)"
    found = f", found on {ev['found']}" if ev.get("found", "").startswith("p") else \
        f", found in {ev['found']}" if ev.get("found") else ""
    return f"{quote}{locator} \u2014 {ev['status']}{found}"


def format_trace(data: dict) -> str:
    """The trace as plain text, for a terminal."""
    c = data["claim"]
    out = [f"{c['id']}: {c['text']}"]
    facts = [f"perspective: {c['perspective_label']}", c["kind"] and f"kind: {c['kind']}",
             c["tags"] and f"tags: {', '.join(c['tags'])}",
             c["location"] and f"defined at {c['location']}"]
    out.append("  " + " \u00b7 ".join(f for f in facts if f))
    if c["note"]:  # for a statistic, where authors say how sure its origin is
        out.append(f"  note: {c['note']}")
    out.append("")
    out.append(f"Evidence ({len(data['evidence'])})" if data["evidence"] else
               "Evidence: none given")
    for ev in data["evidence"]:
        out.append(f"  [{ev['index'] + 1}] {ev['source']['id']}: {_quote_line(ev)}")
        out.append(f"      {format_citation(ev['source'])}")
        if ev["chain"]:
            out.append(f"      beyond {ev['source']['id']}:")
        for link in ev["chain"]:
            pad = "      " + "  " * link["depth"]
            verb = "traced to" if link["relation"] == "traced_to" else "cites"
            s = link["source"]
            if link["repeat"]:
                out.append(f"{pad}{verb} {s['id']} (shown above)")
            else:
                out.append(f"{pad}{verb} {s['id']}: {format_citation(s)}")
    for direction, labels in (("outgoing", _OUT_LABELS), ("incoming", _IN_LABELS)):
        for kind in RELATIONS:
            related = data["relations"][direction][kind]
            if not related:
                continue
            out.append("")
            out.append(f"{labels[kind]} ({len(related)})")
            for r in related:
                who = r["perspective_label"] or r["node_type"]
                out.append(f"  {r['id']} [{who}]: {r['text']}")
                if r["note"]:
                    out.append(f"      note: {r['note']}")
                for ev in r["evidence"]:
                    out.append(f"      evidence {ev['source']}: {_quote_line(ev)}")
    return "\n".join(out) + "\n"
