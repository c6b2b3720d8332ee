"""The debate as AIF JSON, the Argument Interchange Format of AIFdb and OVA (read by arguebuf).

The argument layer, as AIF has it:

* an **I-node** for each resolution and each claim, holding its text;
* an **RA-node** ("Default Inference") for each support: premise -> RA -> conclusion;
* a **CA-node** ("Default Conflict") for each attack: attacker -> CA -> target;
* a **CA-node** for each undercut, pointing into the inference it attacks: argmap's undercut
  of a claim attacks "the inference the claim draws towards what it supports", so the CA has
  an edge into the RA of *each* support the undercut claim makes (one CA per undercut, so one
  scheme node per relation). A claim that supports nothing has no RA: the CA then points into
  the CA of each attack the claim makes, and a claim with no relation at all is attacked
  directly (CA -> its I-node), the scheme node saying it is an undercut (below).

No edge joins two I-nodes, as AIF requires.

The dialogue layer keeps who said what and on what evidence. Each perspective is a
**participant**; each claim is asserted in **L-nodes** (locutions) linked to its I-node by a
**YA-node** ("Asserting"): one locution per evidence item, whose text is the quote (or the
finding) and whose ``locutions`` entry names the speaker and the source; a claim without
evidence is asserted in its own words; a perspective that agrees (``agreed_by``) asserts it
too, after the claim's own. Evidence given for one relation is a locution linked by a YA
("Arguing") to that relation's scheme node. So an import reads back every source and quote.

AIF has no place for the rest (resolutions as such, a claim's kind, tags and note, a
relation's note, the sources' bibliographic fields, topics, the title). Those travel in keys
named ``argmap`` — on a node, a participant and the top level — which AIF tools ignore:
arguebuf reads only ``nodeID``, ``type``, ``text``, ``scheme`` and ``timestamp`` of a node and
the ``nodes`` and ``edges`` lists. Node ids are numbers in writing order, as AIFdb's are.

Timestamps are AIF's ``YYYY-MM-DD HH:mm:ss``; argmap records no time of utterance, so every
node carries the same fixed one (:data:`TIMESTAMP`) and the file is the same on every run.
"""

from __future__ import annotations

import json

import networkx as nx

from ..model import Claim, Debate, Evidence, Relation

__all__ = ["to_aif", "aif_document", "TIMESTAMP", "EXTENSION"]

TIMESTAMP = "2000-01-01 00:00:00"  # fixed: argmap knows no times, and output is deterministic
EXTENSION = "argmap"  # the key of argmap's own data wherever AIF has no field for it
SUPPORT_TEXT, CONFLICT_TEXT = "Default Inference", "Default Conflict"


def _evidence(ev: Evidence) -> dict:
    """An evidence item's fields for its locution, empty ones left out."""
    out = {"source": ev.source}
    for key in ("quote", "finding", "locator", "traced_to"):
        if getattr(ev, key):
            out[key] = getattr(ev, key)
    return out


def _source(s) -> dict:
    fields = ("title", "author", "publisher", "type", "work", "container_title", "volume",
              "issue", "pages", "doi", "perspective", "url", "published", "accessed", "archive")
    out = {"id": s.id}
    out.update({f: getattr(s, f) for f in fields if getattr(s, f)})
    if s.cites:
        out["cites"] = list(s.cites)
    return out


class _Writer:
    """Numbers nodes and edges as they are added, in a fixed order."""

    def __init__(self, debate: Debate):
        self.debate = debate
        self.nodes: list[dict] = []
        self.edges: list[dict] = []
        self.locutions: list[dict] = []
        self.person = {p.id: str(i) for i, p in enumerate(debate.perspectives, 1)}
        self.label = {p.id: p.label for p in debate.perspectives}

    def node(self, type_: str, text: str, scheme: str | None = None, ext: dict | None = None):
        nid = str(len(self.nodes) + 1)
        node = {"nodeID": nid, "text": text, "type": type_, "timestamp": TIMESTAMP}
        if scheme:
            node["scheme"] = scheme
        if ext:
            node[EXTENSION] = ext
        self.nodes.append(node)
        return nid

    def edge(self, from_id: str, to_id: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": from_id,
                           "toID": to_id, "formEdgeID": None})

    def say(self, perspective: str, text: str, target: str, illocution: str,
            evidence: Evidence | None = None) -> None:
        """A locution by ``perspective`` (speaker prefix as AIFdb writes it), anchored in
        ``target`` by a YA-node of ``illocution``."""
        ext = _evidence(evidence) if evidence else None
        loc = self.node("L", f"{self.label[perspective]} : {text}", ext=ext)
        source = self.debate.sources_by_id.get(evidence.source) if evidence else None
        self.locutions.append({"nodeID": loc, "personID": self.person[perspective],
                               "timestamp": TIMESTAMP, "start": None, "end": None,
                               "source": (source.url or source.title) if source else None})
        ya = self.node("YA", illocution, scheme=illocution)
        self.edge(loc, ya)
        self.edge(ya, target)


def _claim_ext(c: Claim) -> dict:
    ext: dict = {"id": c.id}
    if c.kind:
        ext["kind"] = c.kind
    if c.tags:
        ext["tags"] = list(c.tags)
    if c.note:
        ext["note"] = c.note
    return ext


def _relation_ext(r: Relation) -> dict:
    ext = {"relation": r.kind}
    if r.note:
        ext["note"] = r.note
    return ext


def aif_document(debate: Debate) -> dict:
    """The AIF JSON document as a dict (see the module docstring for its layout)."""
    w = _Writer(debate)
    inode: dict[str, str] = {}
    for r in debate.resolutions:
        inode[r.id] = w.node("I", r.text, ext={"id": r.id, "role": "resolution"})
    for c in debate.claims:
        inode[c.id] = w.node("I", c.text, ext=_claim_ext(c))
        for ev in c.evidence:
            w.say(c.perspective, ev.quote or ev.finding or c.text, inode[c.id], "Asserting", ev)
        if not c.evidence:
            w.say(c.perspective, c.text, inode[c.id], "Asserting")
        for other in c.agreed_by:
            w.say(other, c.text, inode[c.id], "Asserting")

    # Supports and attacks first, so that every undercut finds the inferences it attacks.
    inferences: dict[str, list[str]] = {}  # claim id -> its RA-nodes
    conflicts: dict[str, list[str]] = {}   # claim id -> the CA-nodes of its attacks
    undercuts: list[tuple[Claim, Relation]] = []
    for c in debate.claims:
        for r in c.relations:
            if r.kind == "undercuts":
                undercuts.append((c, r))
                continue
            if r.target not in inode:
                continue
            support = r.kind == "supports"
            text = SUPPORT_TEXT if support else CONFLICT_TEXT
            s = w.node("RA" if support else "CA", text, scheme=text, ext=_relation_ext(r))
            w.edge(inode[c.id], s)
            w.edge(s, inode[r.target])
            (inferences if support else conflicts).setdefault(c.id, []).append(s)
            for ev in r.evidence:
                w.say(c.perspective, ev.quote or ev.finding or c.text, s, "Arguing", ev)
    for c, r in undercuts:
        if r.target not in inode:
            continue
        s = w.node("CA", CONFLICT_TEXT, scheme=CONFLICT_TEXT, ext=_relation_ext(r))
        w.edge(inode[c.id], s)
        for into in inferences.get(r.target) or conflicts.get(r.target) or [inode[r.target]]:
            w.edge(s, into)
        for ev in r.evidence:
            w.say(c.perspective, ev.quote or ev.finding or c.text, s, "Arguing", ev)

    participants = [{"participantID": w.person[p.id], "firstname": p.label, "surname": "",
                     EXTENSION: {k: v for k, v in (("id", p.id), ("summary", p.summary),
                                                   ("color", p.color)) if v}}
                    for p in debate.perspectives]
    top: dict = {"version": 1, "title": debate.title}
    if debate.question:
        top["question"] = debate.question
    if debate.topics:
        top["topics"] = [{"id": t.id, "label": t.label} for t in debate.topics]
    top["sources"] = [_source(s) for s in debate.sources]
    return {"nodes": w.nodes, "edges": w.edges, "locutions": w.locutions,
            "participants": participants, EXTENSION: top}


def to_aif(debate: Debate, graph: nx.MultiDiGraph | None = None) -> str:
    """The debate as AIF JSON text (the graph is not needed: the model has it all)."""
    return json.dumps(aif_document(debate), indent=1, ensure_ascii=False) + "\n"
