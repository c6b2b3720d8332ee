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
from .fingerprint import short
from .loader import CheckResult, display_path
from .lookup import RELATIONS, citation, perspective_labels
from .model import Debate
from .quotes import VERIFIED, QuoteReport
from .suggest import closest
from .vocabulary import plural

__all__ = ["UnknownClaim", "trace", "trace_source", "trace_id", "format_trace",
           "format_source_trace", "format_citation", "NO_QUOTE", "FINDING",
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


def _checked(result: CheckResult | None, graph: nx.MultiDiGraph, status: str,
             source: str) -> dict:
    """For a verified quote, what a reader needs to check it: ``fingerprint``, the SHA-256
    of the archived copy it was found in, and ``accessed``, the date the source was read;
    empty for any other status."""
    if status != VERIFIED or result is None or source not in graph.nodes:
        return {"fingerprint": "", "accessed": ""}
    return {"fingerprint": result.fingerprint(source),
            "accessed": graph.nodes[source].get("accessed", "")}


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


def _related(graph: nx.MultiDiGraph, node_id: str, claim_id: str, result, data: dict) -> dict:
    d = graph.nodes[node_id]
    perspective = d.get("perspective", "")
    quotes = result.quotes if result is not None else None
    evidence = []
    for ev in data.get("evidence", ()):
        status = _status(quotes, claim_id, ev)
        evidence.append({"source": ev["source"], "quote": ev["quote"], "locator": ev["locator"],
                         "status": status, **_checked(result, graph, status, ev["source"])})
    return {"id": node_id, "node_type": d["type"], "perspective": perspective,
            "perspective_label": perspective_labels(graph).get(perspective, perspective),
            "text": d["text"], "note": data.get("note", ""), "evidence": evidence}


def _unpack(result_or_debate) -> tuple[CheckResult | None, Debate, QuoteReport | None]:
    if isinstance(result_or_debate, CheckResult):
        return result_or_debate, result_or_debate.debate, result_or_debate.quotes
    return None, result_or_debate, None


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
    result, debate, quotes = _unpack(result_or_debate)
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
        status = _status(quotes, claim_id, ev)
        evidence.append({
            "index": i, "quote": ev["quote"], "finding": ev.get("finding", ""),
            "locator": ev["locator"],
            "status": status, **_checked(result, graph, status, ev["source"]),
            "traced_to": ev["traced_to"],
            # where a verified quote was found in a PDF or web-page archive: "p. 14"
            "found": quotes.where.get((claim_id, ev["source"], ev["quote"]), "")
            if quotes is not None and ev["quote"] else "",
            "source": citation(graph, ev["source"]) if known else {"id": ev["source"]},
            "chain": _chain(graph, ev["source"], ev["traced_to"]) if known else []})
    outgoing = {k: [] for k in RELATIONS}
    incoming = {k: [] for k in RELATIONS}
    for _, v, data in graph.out_edges(claim_id, data=True):
        if data["type"] in RELATIONS:
            outgoing[data["type"]].append(_related(graph, v, claim_id, result, data))
    for u, _, data in graph.in_edges(claim_id, data=True):
        if data["type"] in RELATIONS:
            incoming[data["type"]].append(_related(graph, u, u, result, data))
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


# ---- from a source's side ------------------------------------------------------------------

def _uses(graph: nx.MultiDiGraph):
    """``(claim, evidence item, relation or None)`` of every evidence item of the debate,
    in the files' order, a claim's own evidence before that of its relations."""
    for claim, d in graph.nodes(data=True):
        if d["type"] != "claim":
            continue
        for ev in d["evidence"]:
            yield claim, ev, None
        for _, target, data in graph.out_edges(claim, data=True):
            if data["type"] in RELATIONS:
                for ev in data.get("evidence", ()):
                    yield claim, ev, {"type": data["type"], "target": target}


def _claim_head(graph: nx.MultiDiGraph, claim: str) -> dict:
    d = graph.nodes[claim]
    return {"id": claim, "perspective": d["perspective"],
            "perspective_label": perspective_labels(graph).get(d["perspective"],
                                                               d["perspective"]),
            "text": d["text"]}


def trace_source(result_or_debate: CheckResult | Debate, graph: nx.MultiDiGraph,
                 source_id: str) -> dict:
    """What rests on source ``source_id``, as a JSON-ready dict: ``uses``, every evidence item
    that cites it (a claim's own, or given for one of its relations), with its quote,
    locator and status; ``traced``, the items of other sources whose figure is traced to it;
    ``cited_by``, the sources that cite it, and those that cite them (each met once), with
    the claims that cite each; ``chain``, what it cites in turn; ``summary``, the counts.
    Raises ``UnknownClaim`` for an id that is not a source."""
    result, debate, quotes = _unpack(result_or_debate)
    nodes = graph.nodes
    if source_id not in nodes or nodes[source_id]["type"] != "source":
        node_type = nodes[source_id]["type"] if source_id in nodes else None
        sources = [n for n, d in graph.nodes(data=True) if d["type"] == "source"]
        raise UnknownClaim(source_id, None if node_type else closest(source_id, sources),
                           node_type, debate.root or "the debate", what="source")
    uses, traced = [], []
    citing_claims: dict[str, list[str]] = {}  # source → claims whose evidence cites it
    for claim, ev, relation in _uses(graph):
        names = citing_claims.setdefault(ev["source"], [])
        if claim not in names:
            names.append(claim)
        if ev["source"] != source_id and ev["traced_to"] != source_id:
            continue
        status = _status(quotes, claim, ev)
        entry = {"claim": _claim_head(graph, claim), "relation": relation,
                 "source": ev["source"], "quote": ev["quote"],
                 "finding": ev.get("finding", ""), "locator": ev["locator"], "status": status,
                 **_checked(result, graph, status, ev["source"])}
        (uses if ev["source"] == source_id else traced).append(entry)
    cited_by: list[dict] = []
    seen = {source_id}

    def visit(source: str, parent: str, depth: int) -> None:
        repeat = source in seen
        seen.add(source)
        cited_by.append({"depth": depth, "cites": parent, "source": citation(graph, source),
                         "repeat": repeat, "claims": citing_claims.get(source, [])})
        if not repeat:
            for citing, _, data in graph.in_edges(source, data=True):
                if data["type"] == "cites":
                    visit(citing, source, depth + 1)

    for citing, _, data in graph.in_edges(source_id, data=True):
        if data["type"] == "cites":
            visit(citing, source_id, 1)
    source = debate.sources_by_id.get(source_id)
    fingerprint = result.fingerprint(source_id) if result is not None else ""
    direct = {u["claim"]["id"] for u in uses}
    figures = {t["claim"]["id"] for t in traced}
    indirect = {c for entry in cited_by if not entry["repeat"] for c in entry["claims"]}
    return {
        "version": VERSION,
        "source": {**citation(graph, source_id),
                   "sha256": source.sha256.lower() if source is not None else "",
                   "fingerprint": fingerprint, **_where(debate, source)},
        "summary": {"claims": len(direct | figures | indirect), "cite_it": len(direct),
                    "relations": sum(1 for u in uses if u["relation"] is not None),
                    "trace_to_it": len(figures),
                    "cite_citing_sources": len(indirect - direct - figures),
                    "citing_sources": len({e["source"]["id"] for e in cited_by} -
                                          {source_id})},
        "uses": uses,
        "traced": traced,
        "cited_by": cited_by,
        "chain": _chain(graph, source_id, ""),
    }


def trace_id(result_or_debate: CheckResult | Debate, graph: nx.MultiDiGraph,
             node_id: str) -> dict:
    """:func:`trace` of a claim or :func:`trace_source` of a source, whichever ``node_id``
    names; for anything else ``UnknownClaim``, suggesting the closest claim or source."""
    nodes = graph.nodes
    if node_id in nodes and nodes[node_id]["type"] == "source":
        return trace_source(result_or_debate, graph, node_id)
    if node_id not in nodes:
        _, debate, _ = _unpack(result_or_debate)
        ids = [n for n, d in graph.nodes(data=True) if d["type"] in ("claim", "source")]
        raise UnknownClaim(node_id, closest(node_id, ids), None, debate.root or "the debate",
                           what="claim or source")
    return trace(result_or_debate, graph, node_id)


def format_source_trace(data: dict) -> str:
    """A source's trace as plain text, for a terminal: what rests on it first."""
    s = data["source"]
    out = [f"{s['id']} (source): {s['title']}", f"  {format_citation(s)}"]
    facts = [s["location"] and f"defined at {s['location']}",
             s["fingerprint"] and f"archived copy sha256 {short(s['fingerprint'])}"
             + ("" if not s["sha256"] else " (as recorded)" if s["sha256"] == s["fingerprint"]
                else f" (recorded {short(s['sha256'])}: the copy changed)")]
    if any(facts):
        out.append("  " + " \u00b7 ".join(f for f in facts if f))
    n = data["summary"]
    def verb(count: int, text: str) -> str:  # "1 cites", "2 cite"
        return f"{count} {text.replace('VERB', 'cites' if count == 1 else 'cite')}"

    parts = [n["cite_it"] and verb(n["cite_it"], "VERB it") + (
                 f" ({plural(n['relations'], 'use')} for a relation)" if n["relations"] else ""),
             n["trace_to_it"] and f"{n['trace_to_it']} trace"
             f"{'s' if n['trace_to_it'] == 1 else ''} a figure to it",
             n["cite_citing_sources"] and verb(n["cite_citing_sources"],
                                               "VERB a source that cites it")]
    parts = [p for p in parts if p]
    out += ["", f"Rests on it: {plural(n['claims'], 'claim')}"
            + (f" \u2014 {'; '.join(parts)}" if parts else "")]
    for title, entries in (("Cited by claims", data["uses"]),
                           ("Figures traced to it", data["traced"])):
        if not entries:
            continue
        out += ["", f"{title} ({len(entries)})"]
        for e in entries:
            c = e["claim"]
            out.append(f"  {c['id']} [{c['perspective_label']}]: {c['text']}")
            if e["relation"]:
                out.append(f"      for its relation: {e['relation']['type']} "
                           f"{e['relation']['target']}")
            via = f"as reported in {e['source']}: " if e["source"] != s["id"] else ""
            out.append(f"      {via}{_quote_line(e)}")
    if data["cited_by"]:
        out += ["", f"Cited by sources ({data['summary']['citing_sources']})"]
        for e in data["cited_by"]:
            pad = "  " * e["depth"]
            c = e["source"]
            if e["repeat"]:
                out.append(f"{pad}{c['id']} (shown above)")
                continue
            out.append(f"{pad}{c['id']}, which cites {e['cites']}: {format_citation(c)}")
            if e["claims"]:
                out.append(f"{pad}    cited by claims: {', '.join(e['claims'])}")
    if data["chain"]:
        out += ["", f"Beyond {s['id']}"]
        for link in data["chain"]:
            pad = "  " * link["depth"]
            c = link["source"]
            out.append(f"{pad}cites {c['id']} (shown above)" if link["repeat"] else
                       f"{pad}cites {c['id']}: {format_citation(c)}")
    return "\n".join(out) + "\n"


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
    return f"{quote}{locator} \u2014 {ev['status']}{found}{_checked_text(ev)}"


def _checked_text(ev: dict) -> str:
    """`` (archive sha256 1a2b3c4d5e6f, accessed 2024-05-06)`` for a verified quote."""
    facts = [ev.get("fingerprint") and f"archive sha256 {short(ev['fingerprint'])}",
             ev.get("accessed") and f"accessed {ev['accessed']}"]
    facts = [f for f in facts if f]
    return f" ({', '.join(facts)})" if facts else ""


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
