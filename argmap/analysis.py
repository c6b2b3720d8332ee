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

import heapq
from collections import Counter, defaultdict

import networkx as nx

from .graph import perspective_ids, perspectives_of
from .graphview import GraphView, view_of
from .structure import structure
from .lookup import NONE_STATED, RELATIONS, UNSPECIFIED
from .model import Debate
from .quotes import MISMATCHED, UNVERIFIED, VERIFIED, QuoteReport

__all__ = ["VERSION", "GROUNDED_NOTE", "GROUNDED_HEADING", "LABELS_CAVEAT", "UNANSWERED_NOTE",
           "balance", "source_breakdown",
           "unanswered", "common_ground", "clash_points", "coverage", "statistics", "contested",
           "central", "grounded_labelling", "analyze"]

VERSION = 1  # of the report's JSON shape; bump it when a key changes meaning or goes away

TOP = 10

Graph = nx.MultiDiGraph | GraphView  # every analysis takes the graph or a view of it

# Sources whose own report of a figure counts as its origin (``statistics``).
PRIMARY = ("academic", "government")
UNANSWERED_NOTE = ("No reply recorded: no claim of another perspective attacks or undercuts "
                   "it in the map. A reply may exist that is not mapped.")
# Said wherever grounded labels are explained (the report, the glossary).
LABELS_CAVEAT = ("It describes the map as recorded, not whether a claim is true or strong: "
                 "one mapped reply can change it; the labels weigh no evidence.")
GROUNDED_PART_NOTE = (" In this part of the debate each claim has the label it has in the "
                      "whole debate, with every recorded attack.")
GROUNDED_HEADING = "Grounded labelling: how the recorded attacks fit together"
GROUNDED_NOTE = ("OUT means: at least one claim attacking it is IN: the map records no reply "
                 "to that attacker that itself holds. IN: every claim attacking it is OUT, or "
                 "there is none. UNDEC: neither, as in a cycle of attacks. " + LABELS_CAVEAT)


def _counts(values) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def source_breakdown(graph: Graph, source_ids) -> dict:
    """The given sources counted by type and by stance (``"none stated"`` when empty)."""
    nodes = graph.nodes
    ids = sorted(set(source_ids))
    return {"by_type": _counts(nodes[s]["source_type"] or UNSPECIFIED for s in ids),
            "by_stance": _counts(nodes[s]["perspective"] or NONE_STATED for s in ids)}


def _perspective_ids(graph: Graph) -> list[str]:
    return perspective_ids(graph)


def balance(graph: Graph) -> dict:
    """Per perspective: claims, evidence items, distinct sources, kinds, topics, sources.

    Evidence items are those a perspective's claims give, for themselves or for one of their
    relations (``attacks: [{target, evidence}]``); sources are the distinct sources of those.
    Claims without tags are counted as ``untagged`` beside the per-tag ``topics``.
    """
    index = view_of(graph)
    nodes = index.nodes
    claims_of: dict[str, list[str]] = {p: [] for p in _perspective_ids(index)}
    for c in index.claims:
        claims_of.setdefault(nodes[c]["perspective"], []).append(c)
    relation_evidence: dict[str, list[dict]] = defaultdict(list)
    for u, _, d in index.relations:
        if d.get("evidence"):
            relation_evidence[u] += d["evidence"]
    per = {}
    for pid, claims in claims_of.items():
        cited = [ev["source"] for c in claims for ev in nodes[c]["evidence"]]
        cited += [ev["source"] for c in claims for ev in relation_evidence.get(c, ())]
        sources = {s for s in cited if s in nodes}
        per[pid] = {
            "claims": len(claims),
            "evidence": len(cited),
            "sources": len(sources),
            "kinds": _counts([nodes[c]["kind"] or UNSPECIFIED for c in claims]),
            "topics": _counts([t for c in claims for t in dict.fromkeys(nodes[c]["tags"])]),
            "untagged": len([c for c in claims if not nodes[c]["tags"]]),
            **{f"sources_{k}": v for k, v in source_breakdown(index, sources).items()},
        }
    everything = index.by_type["source"]
    return {"perspectives": per,
            "sources": {"total": len(everything), **source_breakdown(index, everything)}}


def _answered(index: GraphView) -> set[str]:
    """Claims another perspective answers (the rule: :attr:`GraphView.answering`)."""
    return set(index.answering)


def unanswered(graph: Graph) -> dict[str, list[str]]:
    """Per perspective, the claims no claim of *another* perspective attacks or undercuts.

    An answer from the claim's own perspective (a side qualifying itself) does not count:
    in debate terms the other side has still dropped the argument.
    """
    index = view_of(graph)
    answered = _answered(index)
    result: dict[str, list[str]] = {p: [] for p in _perspective_ids(index)}
    for c in index.claims:
        if c not in answered:
            result.setdefault(index.nodes[c]["perspective"], []).append(c)
    return {p: sorted(ids) for p, ids in result.items()}


def clash_points(graph: Graph) -> list[dict]:
    """Attacks and undercuts between claims of different perspectives, grouped by topic.

    A relation's topics are the tags of the attacking and the attacked claim together; it is
    listed under each of them, or under ``untagged`` (``topic: null``) when both have none.
    Attacks on a resolution are not clashes between perspectives and are left out. Groups
    follow the declared topics' order, then other tags alphabetically, then ``untagged``.
    """
    index = view_of(graph)
    nodes = index.nodes
    labels = {t["id"]: t["label"] for t in index.graph.get("topics", [])}
    groups: dict[str | None, list[dict]] = defaultdict(list)
    for u, v, d in index.clashes:
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


def common_ground(graph: Graph) -> list[dict]:
    """The claims more than one perspective holds (``agreed_by``), in the files' order: each
    ``{claim, perspectives, sources}``, ``perspectives`` the holder then the others in the
    debate's order, ``sources`` perspective id → the sources of that stance the claim cites
    (so a reader sees that each side's agreement is documented, or that it is not)."""
    index = view_of(graph)
    order = {p: i for i, p in enumerate(_perspective_ids(index))}
    found = []
    for c in index.claims:
        d = index.nodes[c]
        others = d.get("agreed_by") or []
        if not others:
            continue
        holders = [d["perspective"]] + sorted(set(others) - {d["perspective"]},
                                              key=lambda p: (order.get(p, len(order)), p))
        cited: dict[str, list[str]] = {p: [] for p in holders}
        for ev in d["evidence"]:
            stance = index.nodes.get(ev["source"], {}).get("perspective", "")
            if stance in cited and ev["source"] not in cited[stance]:
                cited[stance].append(ev["source"])
        found.append({"claim": c, "perspectives": holders, "sources": cited})
    return found


def _quote_summary(quotes: QuoteReport | None, claims: set[str] | None = None) -> dict:
    """The quotes' statuses; with ``claims`` (a part of the debate), those of its claims."""
    if quotes is None:  # nothing was checked: say so rather than count zero problems
        return {"checked": False, "verified": None, "mismatched": None, "unverified": None,
                "problems": []}
    status = quotes.status if claims is None else \
        {key: s for key, s in quotes.status.items() if key[0] in claims}
    flagged = sorted((key, s) for key, s in status.items() if s in (UNVERIFIED, MISMATCHED))
    problems = [{"claim": claim, "source": source, "quote": quote, "status": s}
                for (claim, source, quote), s in flagged]
    counts = quotes.as_dict() if claims is None else \
        {"verified": sum(s == VERIFIED for s in status.values()),
         "mismatched": sum(s == MISMATCHED for s in status.values()),
         "unverified": sum(s == UNVERIFIED for s in status.values())}
    return {"checked": True, **counts, "problems": problems}


def coverage(graph: Graph, quotes: QuoteReport | None = None) -> dict:
    """Where the map's evidence is thin, claim by claim (sorted by id).

    - ``no_evidence``: claims with no evidence items of their own;
    - ``single_source``: claims whose evidence all comes from one source;
    - ``support_only``: claims with no evidence of their own that other claims support;
    - ``quotes``: counts of quote statuses and each unverified or mismatched quote, from
      ``quotes`` (``checked: false`` and null counts when no report is given).
    """
    index = view_of(graph)
    nodes = index.nodes
    supporters: dict[str, list[str]] = defaultdict(list)
    for u, v, d in index.relations:
        if d["type"] == "supports":
            supporters[v].append(u)
    none, single, support_only = [], [], []
    for c in sorted(index.claims):
        evidence = nodes[c]["evidence"]
        if not evidence:
            none.append(c)
            if c in supporters:
                support_only.append({"claim": c, "supported_by": sorted(set(supporters[c]))})
        elif len(evidence) == 1 or len({ev["source"] for ev in evidence}) == 1:
            single.append({"claim": c, "source": evidence[0]["source"]})
    return {"no_evidence": none, "single_source": single, "support_only": support_only,
            "quotes": _quote_summary(quotes, set(index.claims) if "scope" in index.graph
                                     else None)}


def statistics(graph: Graph) -> list[dict]:
    """Each ``kind: statistic`` claim with the origins its figure is traced to: the sources
    its evidence names with ``traced_to`` (``via`` the source that reports the figure), and
    the primary studies its evidence cites directly (an academic or government source, with
    a ``finding`` or a DOI: ``via`` is ``""``).

    ``confidence`` is the claim's ``note``, where authors record how sure the origin is.
    Untraced statistics come first, then traced ones; each group sorted by id.
    """
    index = view_of(graph)
    nodes = index.nodes
    result = []
    for c in index.claims:
        if nodes[c]["kind"] != "statistic":
            continue
        origins = sorted(set(index.traced.get(c, ())) | {
            (ev["source"], "") for ev in nodes[c]["evidence"]
            if ev["source"] in nodes and nodes[ev["source"]].get("source_type") in PRIMARY
            and (ev.get("finding") or nodes[ev["source"]].get("doi"))})
        result.append({
            "claim": c, "perspective": nodes[c]["perspective"], "traced": bool(origins),
            "origins": [{"source": s, "title": nodes[s]["title"], "via": via}
                        for s, via in origins],
            "confidence": nodes[c]["note"]})
    return sorted(result, key=lambda s: (s["traced"], s["claim"]))


def _kinds_of(relations: list[tuple[str, str, dict]], ids: set[str]) -> tuple[Counter, Counter]:
    """The relations from and to the given ids, counted by ``(id, type)``: only for the few
    claims ranked at the top, since a tuple key costs more to hash than an id."""
    return (Counter([(u, d["type"]) for u, _, d in relations if u in ids]),
            Counter([(v, d["type"]) for _, v, d in relations if v in ids]))


def contested(graph: Graph, limit: int = TOP) -> list[dict]:
    """The claims with the most incoming attacks and undercuts (from any perspective)."""
    index = view_of(graph)
    nodes = index.nodes
    total = Counter([v for _, v, _ in index.attacks if nodes[v]["type"] == "claim"])
    top = heapq.nsmallest(limit, [(-n, c) for c, n in total.items()])
    hits = _kinds_of(index.attacks, {c for _, c in top})[1]
    return [{"claim": c, "perspective": nodes[c]["perspective"], "attacks": hits[c, "attacks"],
             "undercuts": hits[c, "undercuts"], "total": -n} for n, c in top]


def central(graph: Graph, limit: int = TOP) -> list[dict]:
    """The claims in the most relations, counting supports, attacks and undercuts both ways.

    Plain degree, not PageRank: a reader can check it by counting the claim's lines.
    """
    index = view_of(graph)
    nodes = index.nodes
    relations = index.relations
    degree = Counter([u for u, _, _ in relations] + [v for _, v, _ in relations])
    top = heapq.nsmallest(limit, [(-n, c) for c, n in degree.items()
                                  if nodes[c]["type"] == "claim"])
    out, into = _kinds_of(relations, {c for _, c in top})
    return [{"claim": c, "perspective": nodes[c]["perspective"], "relations": -n,
             "supports": out[c, "supports"], "supported_by": into[c, "supports"],
             "attacks": out[c, "attacks"] + out[c, "undercuts"],
             "attacked_by": into[c, "attacks"] + into[c, "undercuts"]}
            for n, c in top]


def grounded_labelling(graph: Graph) -> dict:
    """Dung's grounded labelling of the attack graph: ids labelled ``in``, ``out``, ``undec``.

    Arguments are the claims and resolutions; attacks are the attacks and undercuts edges
    (:attr:`argmap.graphview.GraphView.grounded`). In a part of the debate
    (:mod:`argmap.scope`) each argument keeps the label it has in the whole debate: labels
    worked out on the part alone would read attacks left out as never made.
    """
    index = view_of(graph)
    label = index.grounded
    result: dict[str, list[str]] = {"in": [], "out": [], "undec": []}
    for a in [*index.claims, *index.by_type["resolution"]]:
        result[label[a]].append(a)
    note = GROUNDED_NOTE + (GROUNDED_PART_NOTE if "grounded" in index.graph else "")
    return {**{k: sorted(v) for k, v in result.items()}, "note": note}


def _claim_index(debate: Debate | None, index: GraphView,
                 common: list[dict]) -> dict[str, dict]:
    """What a reader of the report needs about each claim it mentions, by id (``common``:
    :func:`common_ground`)."""
    nodes = index.nodes
    by_id = debate.claims_by_id if debate is not None else {}
    held = {g["claim"]: g["perspectives"] for g in common}
    result = {}
    for c in index.claims:
        d = nodes[c]
        claim = by_id.get(c)
        result[c] = {"perspective": d["perspective"], "text": d["text"], "kind": d["kind"],
                     "tags": list(d["tags"]), "held_by": held.get(c, []),
                     "file": claim.location.file if claim is not None else ""}
    return result


def _totals(index: GraphView) -> dict:
    nodes = index.nodes
    # as in balance(): the claims' own evidence items and those given for a relation
    evidence = sum([len(nodes[c]["evidence"]) for c in index.claims])
    evidence += sum([len(d.get("evidence", ())) for _, _, d in index.relations])
    kinds = Counter([d["type"] for _, _, d in index.relations])
    return {"perspectives": len(perspectives_of(index)),
            "claims": len(index.claims), "resolutions": len(index.by_type["resolution"]),
            "sources": len(index.by_type["source"]), "evidence": evidence,
            "relations": {k: kinds[k] for k in RELATIONS}}


def analyze(debate: Debate | None, graph: nx.MultiDiGraph, quotes: QuoteReport | None = None,
            limit: int = TOP) -> dict:
    """The whole report as one JSON-ready dict (``docs/report-json.md`` describes each key).

    ``debate`` adds where each claim was written (``claims[id].file``); ``quotes`` (the
    ``QuoteReport`` of ``argmap.check``) adds the quote statuses.
    """
    index = view_of(graph)
    common = common_ground(index)
    return {
        "version": VERSION,
        "title": graph.graph.get("title", ""),
        "question": graph.graph.get("question", ""),
        "scope": graph.graph.get("scope", ""),
        "perspectives": [{"id": p["id"], "label": p["label"], "color": p.get("color", "")}
                         for p in perspectives_of(graph)],
        "topics": [{"id": t["id"], "label": t["label"]} for t in graph.graph.get("topics", [])],
        "totals": _totals(index),
        "claims": _claim_index(debate, index, common),
        "resolutions": {r: {"text": index.nodes[r]["text"]} for r in index.by_type["resolution"]},
        "balance": balance(index),
        "common_ground": common,
        "unanswered": {"note": UNANSWERED_NOTE, "perspectives": unanswered(index)},
        "clashes": clash_points(index),
        "coverage": coverage(index, quotes),
        "statistics": statistics(index),
        "contested": contested(index, limit),
        "central": central(index, limit),
        "grounded": grounded_labelling(index),
        "structure": structure(index),
    }
