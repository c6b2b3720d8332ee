"""The balance audit: whether a map is balanced in its structure, not only claim by claim.

A map can be fair in every paraphrase and still lean: one side's research answered and the
other's not, critique mapped as claims for one side and as notes for the other, common ground
drawn for one resolution. This module counts, per perspective, what a reader of the whole
map weighs, from the graph's one read model (:mod:`argmap.graphview`), for any debate:

- **research**: claims resting on research, i.e. with an evidence item (for the claim or for
  one of its relations) from a source of type ``academic`` or ``government``; and how many
  of them another perspective answers;
- **undercuts** made and received between perspectives;
- **the last word**: claims that attack or undercut a claim of another perspective (or a
  resolution another perspective argues for) and that no other perspective answers (the
  read model's answered rule), split into those resting on research and the others;
- **common ground**: the supports of claims more than one perspective holds, per resolution;
- claims per topic, notes (claims' and relations' notes) and their words, sources by stance.

``flags`` says each asymmetry past a threshold (below) in a plain sentence. The thresholds
are part of the report's contract (``docs/report-json.md``): a debate repository's CI can fail
on them (``argmap report --fail-on-flags``). A flag describes the map's shape, never which
side is right; where a map's authors decide an asymmetry is warranted, they say so in their
own notes, and the flag stays visible.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from .graph import perspectives_of
from .graphview import RESEARCH_TYPES, GraphView, view_of

__all__ = ["RESEARCH_TYPES", "LAST_WORD_GAP", "LAST_WORD_ALL_GAP", "UNDERCUT_GAP",
           "ATTACKED_SHARE_GAP", "structure"]

# Flags: past these differences between two perspectives, the map's shape is said to lean.
LAST_WORD_GAP = 2         # claims resting on research that have the last word
LAST_WORD_ALL_GAP = 3     # claims that have the last word, research or not
UNDERCUT_GAP = 2          # undercuts made (critique of the other side's inferences), and
                          # undercuts made on claims resting on research
ATTACKED_SHARE_GAP = 0.5  # share of a side's research claims that another side answers
# Common ground: its supports must be equal for every resolution some perspective argues for.


def _words(text: str) -> int:
    return len(text.split())


def _research(view: GraphView) -> set[str]:
    return set(view.research)


def _contested(view: GraphView) -> list[str]:
    """Resolutions some perspective argues for, in declared order."""
    argued = {r for c in view.claims for r, stance in view.sides.served.get(c, ())
              if stance == "for"}
    return [r for r in view.resolutions if r in argued]


def structure(graph: nx.MultiDiGraph | GraphView) -> dict:
    """The audit as a JSON-ready dict (``docs/report-json.md``, key ``structure``)."""
    view = view_of(graph)
    nodes = view.nodes
    pids = [p["id"] for p in perspectives_of(view)]
    labels = {p["id"]: p["label"] for p in perspectives_of(view)}
    research = _research(view)
    side = {c: nodes[c]["perspective"] for c in view.claims}

    per = {p: {"claims": 0, "research_claims": 0, "research_answered": 0,
               "undercuts_made": 0, "undercuts_received": 0, "undercuts_on_research": 0,
               "last_word": {"research": [], "other": []},
               "topics": Counter(), "notes": 0, "note_words": 0} for p in pids}
    for c in view.claims:
        p = per.get(side[c])
        if p is None:  # a perspective the debate does not declare (data with errors)
            continue
        d = nodes[c]
        p["claims"] += 1
        p["topics"].update(dict.fromkeys(d["tags"], 1) or {None: 1})
        if d["note"]:
            p["notes"] += 1
            p["note_words"] += _words(d["note"])
        if c in research:
            p["research_claims"] += 1
            p["research_answered"] += view.answered(c)
    # the last word is had against another side: its claims, or a resolution it argues for
    argued = {p: view.sides.resolutions_argued_for(p) for p in pids}
    argued_by_others = {p: set().union(*(argued[q] for q in pids if q != p)) for p in pids}
    attacking = set()
    for u, v, d in view.relations:
        if u not in side or side[u] not in per:
            continue
        if d.get("note"):
            per[side[u]]["notes"] += 1
            per[side[u]]["note_words"] += _words(d["note"])
        if d["type"] == "undercuts" and v in side and side[v] != side[u]:
            per[side[u]]["undercuts_made"] += 1
            per[side[u]]["undercuts_on_research"] += v in research
            if side[v] in per:
                per[side[v]]["undercuts_received"] += 1
        if d["type"] in ("attacks", "undercuts") and (
                side.get(v, side[u]) != side[u] or v in argued_by_others[side[u]]):
            attacking.add(u)
    for c in view.claims:  # in the files' order
        if c in attacking and not view.answered(c) and side[c] in per:
            per[side[c]]["last_word"]["research" if c in research else "other"].append(c)

    contested = _contested(view)
    common = Counter()
    for c in view.claims:
        if nodes[c].get("agreed_by"):
            common.update(v for _, v, d in view.out.get(c, ()) if d["type"] == "supports"
                          and nodes[v]["type"] == "resolution")
    stance = Counter(nodes[s].get("perspective") or "" for s in view.by_type["source"])

    result = {
        "research_types": list(RESEARCH_TYPES),
        "perspectives": {p: {**v, "topics": {("untagged" if t is None else t): n
                                             for t, n in v["topics"].items()}}
                         for p, v in per.items()},
        "common_ground_supports": {r: common.get(r, 0) for r in view.resolutions},
        "contested_resolutions": contested,
        "sources_by_stance": {(k or "none stated"): n for k, n in stance.items()},
    }
    result["flags"] = _flags(result, pids, labels)
    return result


def _flags(s: dict, pids: list[str], labels: dict[str, str]) -> list[str]:
    per = s["perspectives"]
    name = labels.get
    flags = []
    for a in pids:
        for b in pids:
            if a >= b:
                continue
            ra, rb = (len(per[x]["last_word"]["research"]) for x in (a, b))
            la, lb = (ra + len(per[a]["last_word"]["other"]),
                      rb + len(per[b]["last_word"]["other"]))
            if abs(ra - rb) > LAST_WORD_GAP:
                flags.append(f"The last word on research: {ra} of the {la} claims of "
                             f"{name(a, a)} that attack another side with no reply "
                             f"recorded rest on research; {rb} of {lb} of {name(b, b)}.")
            if abs(la - lb) > LAST_WORD_ALL_GAP:
                flags.append(f"The last word overall: {la} claims of {name(a, a)} attack "
                             f"another side with no reply recorded; {lb} of {name(b, b)}.")
            ua, ub = per[a]["undercuts_made"], per[b]["undercuts_made"]
            if abs(ua - ub) > UNDERCUT_GAP:
                flags.append(f"Undercuts (critique of another side's reasoning or evidence): "
                             f"{name(a, a)} makes {ua}, {name(b, b)} makes {ub}.")
            qa, qb = per[a]["undercuts_on_research"], per[b]["undercuts_on_research"]
            if abs(qa - qb) > UNDERCUT_GAP:
                flags.append(f"Critique of research: {name(a, a)} undercuts claims resting on "
                             f"research {qa} times, {name(b, b)} {qb} times.")
            shares = []
            for x in (a, b):
                n = per[x]["research_claims"]
                shares.append(per[x]["research_answered"] / n if n else None)
            if None not in shares and abs(shares[0] - shares[1]) > ATTACKED_SHARE_GAP:
                flags.append(
                    f"Research answered: {per[a]['research_answered']} of "
                    f"{per[a]['research_claims']} claims of {name(a, a)} resting on research "
                    f"are answered by another side; {per[b]['research_answered']} of "
                    f"{per[b]['research_claims']} of {name(b, b)}.")
    counts = {r: s["common_ground_supports"].get(r, 0) for r in s["contested_resolutions"]}
    if len(set(counts.values())) > 1:
        flags.append("Common ground supports the contested resolutions unequally: "
                     + ", ".join(f"{r} {n}" for r, n in counts.items()) + ".")
    return flags
