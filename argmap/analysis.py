"""Analyses of a debate map: balance, unanswered claims, clash points, evidence coverage,
statistics and their origins, contested and central claims, and the grounded labelling.

Every function is pure: it reads the graph (attributes: ``argmap/graph.py``) and returns plain
dicts and lists of ids, sorted, so equal debates give equal results. ``analyze`` gathers them
into the report whose JSON form is documented in ``docs/report-json.md``.

All of this describes the *map*, never the world: a count is a count of what the map's authors
wrote down, and the grounded labelling is a structural property of the attack graph, not a
verdict on who is right.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .lookup import (ATTACKS, NONE_STATED, RELATIONS, UNSPECIFIED, claim_sources, node_ids,
                     relation_edges)
from .model import Debate
from .quotes import MISMATCHED, UNVERIFIED, QuoteReport

__all__ = ["VERSION", "GROUNDED_NOTE", "UNANSWERED_NOTE", "balance", "source_breakdown",
           "unanswered", "clash_points", "coverage", "statistics", "contested", "central",
           "grounded_labelling", "analyze"]

VERSION = 1  # of the report's JSON shape; bump it when a key changes meaning or goes away

TOP = 10

UNANSWERED_NOTE = "Unanswered: attacked or undercut by no claim of another perspective."
GROUNDED_NOTE = ("A structural property of the map: which claims stand unattacked or defended "
                 "within this map; not a verdict on who is right. IN: every attacker is OUT "
                 "(or there is none). OUT: some attacker is IN. UNDEC: neither, as in a cycle "
                 "of attacks.")


def _claims(graph: nx.MultiDiGraph) -> list[str]:
    return node_ids(graph, "claim")


def _counts(values) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def source_breakdown(graph: nx.MultiDiGraph, source_ids) -> dict:
    """The given sources counted by type and by stance (``"none stated"`` when empty)."""
    nodes = graph.nodes
    ids = sorted(set(source_ids))
    return {"by_type": _counts(nodes[s]["source_type"] or UNSPECIFIED for s in ids),
            "by_stance": _counts(nodes[s]["perspective"] or NONE_STATED for s in ids)}


def _perspective_ids(graph: nx.MultiDiGraph) -> list[str]:
    return [p["id"] for p in graph.graph.get("perspectives", [])]


def balance(graph: nx.MultiDiGraph) -> dict:
    """Per perspective: claims, evidence items, distinct sources, kinds, topics, sources.

    Evidence items are those a perspective's claims give, for themselves or for one of their
    relations (``attacks: [{target, evidence}]``); sources are the distinct sources of those.
    Claims without tags are counted as ``untagged`` beside the per-tag ``topics``.
    """
    nodes = graph.nodes
    claims_of: dict[str, list[str]] = {p: [] for p in _perspective_ids(graph)}
    for c in _claims(graph):
        claims_of.setdefault(nodes[c]["perspective"], []).append(c)
    relation_evidence: dict[str, list[dict]] = defaultdict(list)
    for u, _, d in relation_edges(graph):
        relation_evidence[u].extend(d.get("evidence", ()))
    per = {}
    for pid, claims in claims_of.items():
        items = [ev for c in claims for ev in (*nodes[c]["evidence"], *relation_evidence[c])]
        sources = {ev["source"] for ev in items if ev["source"] in nodes}
        per[pid] = {
            "claims": len(claims),
            "evidence": len(items),
            "sources": len(sources),
            "kinds": _counts(nodes[c]["kind"] or UNSPECIFIED for c in claims),
            "topics": _counts(t for c in claims for t in dict.fromkeys(nodes[c]["tags"])),
            "untagged": sum(1 for c in claims if not nodes[c]["tags"]),
            **{f"sources_{k}": v for k, v in source_breakdown(graph, sources).items()},
        }
    everything = node_ids(graph, "source")
    return {"perspectives": per,
            "sources": {"total": len(everything), **source_breakdown(graph, everything)}}


def _answered(graph: nx.MultiDiGraph) -> set[str]:
    """Claims attacked or undercut by a claim of another perspective."""
    nodes = graph.nodes
    return {v for u, v, _ in relation_edges(graph, ATTACKS)
            if nodes[v]["type"] == "claim" and nodes[u]["perspective"] != nodes[v]["perspective"]}


def unanswered(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Per perspective, the claims no claim of *another* perspective attacks or undercuts.

    An answer from the claim's own perspective (a side qualifying itself) does not count:
    in debate terms the other side has still dropped the argument.
    """
    answered = _answered(graph)
    result: dict[str, list[str]] = {p: [] for p in _perspective_ids(graph)}
    for c in _claims(graph):
        if c not in answered:
            result.setdefault(graph.nodes[c]["perspective"], []).append(c)
    return {p: sorted(ids) for p, ids in result.items()}


def clash_points(graph: nx.MultiDiGraph) -> list[dict]:
    """Attacks and undercuts between claims of different perspectives, grouped by topic.

    A relation's topics are the tags of the attacking and the attacked claim together; it is
    listed under each of them, or under ``untagged`` (``topic: null``) when both have none.
    Attacks on a resolution are not clashes between perspectives and are left out. Groups
    follow the declared topics' order, then other tags alphabetically, then ``untagged``.
    """
    nodes = graph.nodes
    labels = {t["id"]: t["label"] for t in graph.graph.get("topics", [])}
    groups: dict[str | None, list[dict]] = defaultdict(list)
    for u, v, d in relation_edges(graph, ATTACKS):
        if nodes[v]["type"] != "claim" or nodes[u]["perspective"] == nodes[v]["perspective"]:
            continue
        relation = {"type": d["type"], "source": u, "source_perspective": nodes[u]["perspective"],
                    "target": v, "target_perspective": nodes[v]["perspective"],
                    "note": d.get("note", "")}
        topics = list(dict.fromkeys([*nodes[u]["tags"], *nodes[v]["tags"]])) or [None]
        for topic in topics:
            groups[topic].append(relation)
    declared = list(labels)
    order = ([t for t in declared if t in groups]
             + sorted(t for t in groups if t is not None and t not in labels)
             + ([None] if None in groups else []))
    return [{"topic": t, "label": labels.get(t, t) if t is not None else "untagged",
             "relations": sorted(groups[t], key=lambda r: (r["source"], r["target"], r["type"]))}
            for t in order]


def _quote_summary(quotes: QuoteReport | None) -> dict:
    if quotes is None:  # nothing was checked: say so rather than count zero problems
        return {"checked": False, "verified": None, "mismatched": None, "unverified": None,
                "problems": []}
    problems = [{"claim": claim, "source": source, "quote": quote, "status": status}
                for (claim, source, quote), status in quotes.status.items()
                if status in (UNVERIFIED, MISMATCHED)]
    problems.sort(key=lambda p: (p["claim"], p["source"], p["quote"]))
    return {"checked": True, **quotes.as_dict(), "problems": problems}


def coverage(graph: nx.MultiDiGraph, quotes: QuoteReport | None = None) -> dict:
    """Where the map's evidence is thin, claim by claim (sorted by id).

    - ``no_evidence``: claims with no evidence items of their own;
    - ``single_source``: claims whose evidence all comes from one source;
    - ``support_only``: claims with no evidence of their own that other claims support;
    - ``quotes``: counts of quote statuses and each unverified or mismatched quote, from
      ``quotes`` (``checked: false`` and null counts when no report is given).
    """
    supporters: dict[str, list[str]] = defaultdict(list)
    for u, v, _ in relation_edges(graph, ("supports",)):
        supporters[v].append(u)
    none, single, support_only = [], [], []
    for c in sorted(_claims(graph)):
        sources = claim_sources(graph, c)
        if not sources:
            none.append(c)
            if supporters[c]:
                support_only.append({"claim": c, "supported_by": sorted(set(supporters[c]))})
        elif len(sources) == 1:
            single.append({"claim": c, "source": sources[0]})
    return {"no_evidence": none, "single_source": single, "support_only": support_only,
            "quotes": _quote_summary(quotes)}


def statistics(graph: nx.MultiDiGraph) -> list[dict]:
    """Each ``kind: statistic`` claim with the origins its figure is traced to.

    ``confidence`` is the claim's ``note``, where authors record how sure the origin is.
    Untraced statistics come first, then traced ones; each group sorted by id.
    """
    nodes = graph.nodes
    result = []
    for c in _claims(graph):
        if nodes[c]["kind"] != "statistic":
            continue
        origins = {(v, d["via"]) for _, v, d in graph.out_edges(c, data=True)
                   if d["type"] == "traced_to"}
        result.append({
            "claim": c, "perspective": nodes[c]["perspective"], "traced": bool(origins),
            "origins": [{"source": s, "title": nodes[s]["title"], "via": via}
                        for s, via in sorted(origins)],
            "confidence": nodes[c]["note"]})
    return sorted(result, key=lambda s: (s["traced"], s["claim"]))


def contested(graph: nx.MultiDiGraph, limit: int = TOP) -> list[dict]:
    """The claims with the most incoming attacks and undercuts (from any perspective)."""
    nodes = graph.nodes
    tally: dict[str, Counter] = defaultdict(Counter)
    for _, v, d in relation_edges(graph, ATTACKS):
        if nodes[v]["type"] == "claim":
            tally[v][d["type"]] += 1
    ranked = [{"claim": c, "perspective": nodes[c]["perspective"], "attacks": t["attacks"],
               "undercuts": t["undercuts"], "total": t["attacks"] + t["undercuts"]}
              for c, t in tally.items()]
    return sorted(ranked, key=lambda r: (-r["total"], r["claim"]))[:limit]


def central(graph: nx.MultiDiGraph, limit: int = TOP) -> list[dict]:
    """The claims in the most relations, counting supports, attacks and undercuts both ways.

    Plain degree, not PageRank: a reader can check it by counting the claim's lines.
    """
    nodes = graph.nodes
    degree: dict[str, Counter] = defaultdict(Counter)
    for u, v, d in relation_edges(graph, RELATIONS):
        degree[u][f"{d['type']}_out"] += 1
        degree[v][f"{d['type']}_in"] += 1
    ranked = [{"claim": c, "perspective": nodes[c]["perspective"],
               "relations": sum(degree[c].values()),
               "supports": degree[c]["supports_out"], "supported_by": degree[c]["supports_in"],
               "attacks": degree[c]["attacks_out"] + degree[c]["undercuts_out"],
               "attacked_by": degree[c]["attacks_in"] + degree[c]["undercuts_in"]}
              for c in _claims(graph) if degree[c]]
    return sorted(ranked, key=lambda r: (-r["relations"], r["claim"]))[:limit]


def grounded_labelling(graph: nx.MultiDiGraph) -> dict:
    """Dung's grounded labelling of the attack graph: ids labelled ``in``, ``out``, ``undec``.

    Arguments are the claims and resolutions; attacks are the attacks and undercuts edges.
    The standard iteration: an argument all of whose attackers are OUT (or that has none)
    is IN; one with an IN attacker is OUT; repeat until nothing changes; the rest are UNDEC.
    Done with a work list, each argument entering it once, so it is linear in the edges.
    """
    args = [n for n, d in graph.nodes(data=True) if d["type"] in ("claim", "resolution")]
    attackers: dict[str, set[str]] = {a: set() for a in args}
    targets: dict[str, set[str]] = {a: set() for a in args}
    for u, v, _ in relation_edges(graph, ATTACKS):
        if u in attackers and v in attackers:
            attackers[v].add(u)
            targets[u].add(v)
    waiting = {a: len(attackers[a]) for a in args}  # attackers not yet known to be OUT
    label: dict[str, str] = {}
    work = [a for a in args if waiting[a] == 0]
    for a in work:
        label[a] = "in"
    while work:
        for beaten in targets[work.pop()]:
            if beaten in label:
                continue
            label[beaten] = "out"
            for t in targets[beaten]:
                waiting[t] -= 1
                if waiting[t] == 0 and t not in label:
                    label[t] = "in"
                    work.append(t)
    result = {"in": [], "out": [], "undec": []}
    for a in args:
        result[label.get(a, "undec")].append(a)
    return {**{k: sorted(v) for k, v in result.items()}, "note": GROUNDED_NOTE}


def _claim_index(debate: Debate | None, graph: nx.MultiDiGraph) -> dict[str, dict]:
    """What a reader of the report needs about each claim it mentions, by id."""
    nodes = graph.nodes
    by_id = debate.claims_by_id if debate is not None else {}
    index = {}
    for c in _claims(graph):
        d = nodes[c]
        claim = by_id.get(c)
        index[c] = {"perspective": d["perspective"], "text": d["text"], "kind": d["kind"],
                    "tags": list(d["tags"]),
                    "file": claim.location.file if claim is not None else ""}
    return index


def _totals(graph: nx.MultiDiGraph) -> dict:
    kinds = Counter(d["type"] for _, _, d in graph.edges(data=True))
    nodes = Counter(d["type"] for _, d in graph.nodes(data=True))
    # as in balance(): the claims' own evidence items and those given for a relation
    evidence = sum(len(d["evidence"]) for _, d in graph.nodes(data=True) if d["type"] == "claim")
    evidence += sum(len(d.get("evidence", ())) for _, _, d in relation_edges(graph))
    return {"perspectives": len(graph.graph.get("perspectives", [])),
            "claims": nodes["claim"], "resolutions": nodes["resolution"],
            "sources": nodes["source"], "evidence": evidence,
            "relations": {k: kinds[k] for k in RELATIONS}}


def analyze(debate: Debate | None, graph: nx.MultiDiGraph, quotes: QuoteReport | None = None,
            limit: int = TOP) -> dict:
    """The whole report as one JSON-ready dict (``docs/report-json.md`` describes each key).

    ``debate`` adds where each claim was written (``claims[id].file``); ``quotes`` (the
    ``QuoteReport`` of ``argmap.check``) adds the quote statuses.
    """
    return {
        "version": VERSION,
        "title": graph.graph.get("title", ""),
        "question": graph.graph.get("question", ""),
        "perspectives": [{"id": p["id"], "label": p["label"], "color": p.get("color", "")}
                         for p in graph.graph.get("perspectives", [])],
        "topics": [{"id": t["id"], "label": t["label"]} for t in graph.graph.get("topics", [])],
        "totals": _totals(graph),
        "claims": _claim_index(debate, graph),
        "resolutions": {r: {"text": graph.nodes[r]["text"]}
                        for r in node_ids(graph, "resolution")},
        "balance": balance(graph),
        "unanswered": {"note": UNANSWERED_NOTE, "perspectives": unanswered(graph)},
        "clashes": clash_points(graph),
        "coverage": coverage(graph, quotes),
        "statistics": statistics(graph),
        "contested": contested(graph, limit),
        "central": central(graph, limit),
        "grounded": grounded_labelling(graph),
    }
