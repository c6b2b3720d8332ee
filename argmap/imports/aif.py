"""``argmap import --from aif``: AIF JSON (AIFdb nodesets, OVA, argmap's own AIF export).

What becomes what:

* each **I-node** becomes a claim (or a resolution, when argmap's export marked it so);
* an **RA-node** makes each of its premises support each of its conclusions; a **CA-node**
  makes each premise attack its target, and a CA pointing into an RA or CA (an attack on an
  inference) makes each premise undercut the premises of that inference;
* **who said what**: the speakers of the locutions (L-nodes) that YA-nodes link to a claim
  become perspectives: the first speaker holds the claim, later ones are ``agreed_by``. A
  speaker is the participant named by the locution's ``personID``; AIFdb files often have no
  participants, so the name is then read from the locution text's ``NAME : text`` prefix
  (the ``personID`` is kept in the perspective's summary). A claim no locution asserts is
  "Unattributed".
* Files argmap wrote carry their evidence on the locutions and the rest under ``argmap`` keys
  (see :mod:`argmap.export.aif`); these are read back as they were. In other files, each
  locution's speaker, illocution, timestamp and text are kept in the claim's ``note``, as are
  rephrase (MA) and preference (PA) links and scheme names other than the default ones.
  Transitions (TA-nodes) are not kept: argmap has no dialogue order.

Ids are made from the text, as for every import. Bad input is reported as one
``FILE:LINE:COL: error: ...`` line (exit 1), never a traceback.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict

from .draft import Draft, ImportProblem, read_json

__all__ = ["read_aif"]

EXT = "argmap"
_SPEAKER = re.compile(r"\s*([^:\n]{1,60}?)\s+:\s")  # AIFdb's "CL : text" prefix
_DEFAULT_SCHEMES = {"", "RA", "CA", "Default Inference", "Default Conflict"}
_SOURCE_FIELDS = ("author", "publisher", "type", "work", "container_title", "volume", "issue",
                  "pages", "doi", "url", "published", "accessed")


def _load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8-sig") as fh:  # a byte-order mark, as Kialo's and CSV
            text = fh.read()
    except UnicodeDecodeError as e:
        raise ImportProblem(path, f"not UTF-8 text ({e.reason})") from None
    doc = read_json(path, text, "AIF")
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) \
            or not isinstance(doc.get("edges"), list):
        raise ImportProblem(path, "not AIF JSON: expected an object with 'nodes' and 'edges' "
                                  "lists")
    first: dict[str, int] = {}
    for i, n in enumerate(doc["nodes"]):
        if not isinstance(n, dict) or not isinstance(n.get("nodeID"), (str, int)) \
                or not isinstance(n.get("type"), str):
            raise ImportProblem(path, f"AIF node {i + 1} has no 'nodeID' or 'type'")
        node_id = str(n["nodeID"])
        if node_id in first:  # a second node under one id would silently replace the first
            raise ImportProblem(path, f"AIF node {i + 1} repeats nodeID '{node_id}' (node "
                                      f"{first[node_id] + 1} has it): ids must be unique")
        first[node_id] = i
        if n["type"] in ("I", "L") and not isinstance(n.get("text"), str):
            raise ImportProblem(path, f"AIF node {n['nodeID']} ({n['type']}) has no 'text'")
    for i, e in enumerate(doc["edges"]):
        if not isinstance(e, dict) or "fromID" not in e or "toID" not in e:
            raise ImportProblem(path, f"AIF edge {i + 1} has no 'fromID' or 'toID'")
    return doc


def _items(value) -> list:
    """A list from the file, or nothing: a field of the wrong type is ignored, not trusted."""
    return value if isinstance(value, list) else []


def _ext(item) -> dict:
    value = item.get(EXT) if isinstance(item, dict) else None
    return value if isinstance(value, dict) else {}


class _Reader:
    def __init__(self, path: str, doc: dict):
        self.path, self.doc = path, doc
        self.top = _ext(doc)
        self.ours = bool(self.top)  # written by argmap: evidence and notes as it left them
        self.nodes = {str(n["nodeID"]): n for n in doc["nodes"]}
        self.order = {str(n["nodeID"]): i for i, n in enumerate(doc["nodes"])}
        self.into = defaultdict(list)   # node id -> ids of nodes with an edge into it
        self.out = defaultdict(list)    # node id -> ids of nodes it has an edge to
        for e in doc["edges"]:
            a, b = str(e["fromID"]), str(e["toID"])
            if a in self.nodes and b in self.nodes:
                self.out[a].append(b)
                self.into[b].append(a)
        self.people = {}
        for p in _items(doc.get("participants")):
            if isinstance(p, dict) and "participantID" in p:
                name = " ".join(str(p.get(k) or "").strip() for k in ("firstname", "surname"))
                self.people[str(p["participantID"])] = (name.strip(), _ext(p))
        self.person_of = {}  # locution node id -> personID, from the "locutions" list
        for loc in _items(doc.get("locutions")):
            if isinstance(loc, dict) and loc.get("personID") is not None:
                self.person_of.setdefault(str(loc.get("nodeID")), str(loc["personID"]))
        title = self.top.get("title") or _stem(path)
        question = self.top.get("question")
        self.draft = Draft(title=str(title), question=str(question) if question else None)
        self.claim_of: dict[str, str] = {}   # I-node id -> claim or resolution id
        self.resolutions: set[str] = set()
        self.sources: dict[str, str] = {}    # the file's source id -> the draft's
        self.perspective_ids: dict[str, str] = {}  # the export's perspective id -> the draft's
        self.topic_ids: dict[str, str] = {}        # the export's topic id -> the draft's

    def type(self, nid: str) -> str:
        return self.nodes[nid]["type"]

    def text(self, nid: str) -> str:
        return " ".join(str(self.nodes[nid].get("text") or "").split())

    # speakers ----------------------------------------------------------------------------
    def participant(self, person: str | None) -> str | None:
        """The perspective of a named participant, added on first sight; None if unnamed."""
        name, ext = self.people.get(person, ("", {}))
        if not name:
            return None
        summary = ext.get("summary") or f"Participant {person} in the AIF file."
        color = ext.get("color") if isinstance(ext.get("color"), str) else None
        pid = self.draft.add_perspective(name, summary=str(summary), color=color)
        if ext.get("id"):
            self.perspective_ids.setdefault(str(ext["id"]), pid)
        return pid

    def speaker(self, loc: str) -> str | None:
        """The perspective of the locution's speaker: its participant, else the name its text
        begins with (``CL : ...``), else its bare personID."""
        person = self.person_of.get(loc)
        named = self.participant(person)
        if named:
            return named
        m = _SPEAKER.match(str(self.nodes[loc].get("text") or ""))
        if m:
            about = f" (AIF person {person})" if person else ""
            return self.draft.add_perspective(
                m.group(1), summary=f"Speaker {m.group(1)} in the AIF file{about}.")
        if person:
            return self.draft.add_perspective(f"Person {person}",
                                              summary=f"AIF person {person}.")
        return None

    def locutions(self, target: str) -> list[tuple[str, str]]:
        """``[(L-node, YA-node)]`` anchored in ``target``, in file order."""
        pairs = [(loc, ya) for ya in self.into[target] if self.type(ya) == "YA"
                 for loc in self.into[ya] if self.type(loc) == "L"]
        return sorted(pairs, key=lambda p: self.order[p[0]])

    def describe(self, loc: str, ya: str) -> str:
        """A foreign locution, for a note: who, how, when, and the words."""
        person = self.person_of.get(loc)
        who = self.nodes[loc].get("text", "")
        m = _SPEAKER.match(who)
        name = self.people.get(person, ("",))[0] or (m.group(1) if m else "") or "someone"
        bits = [b for b in (f"person {person}" if person else "", self.text(ya),
                            str(self.nodes[loc].get("timestamp") or "")) if b]
        return f'Locution by {name} ({", ".join(bits)}): "{self.text(loc)}".'

    # parts -------------------------------------------------------------------------------
    def read_context(self) -> None:
        for p in _items(self.doc.get("participants")):  # declared order, even if silent
            if isinstance(p, dict) and "participantID" in p:
                self.participant(str(p["participantID"]))
        for t in _items(self.top.get("topics")):
            if isinstance(t, dict) and t.get("label"):
                self.topic_ids[str(t.get("id"))] = self.draft.add_topic(str(t["label"]))
        for s in _items(self.top.get("sources")):
            if isinstance(s, dict) and s.get("title"):
                fields = {k: str(s[k]) for k in _SOURCE_FIELDS if s.get(k)}
                self.sources[str(s.get("id"))] = self.draft.add_source(str(s["title"]),
                                                                       **fields)
        # References between sources, once every source has its new id.
        by_new = {item["id"]: item for item in self.draft.sources}
        for s in _items(self.top.get("sources")):
            if not isinstance(s, dict) or str(s.get("id")) not in self.sources:
                continue
            item = by_new[self.sources[str(s["id"])]]
            cites = [self.sources[str(c)] for c in _items(s.get("cites"))
                     if str(c) in self.sources]
            if cites:
                item["cites"] = cites
            if str(s.get("perspective")) in self.perspective_ids:
                item["perspective"] = self.perspective_ids[str(s["perspective"])]

    def evidence(self, loc: str) -> dict | None:
        """The evidence item argmap's export put on a locution, with the draft's ids."""
        ext = _ext(self.nodes[loc])
        if str(ext.get("source")) not in self.sources:
            return None
        item = {"source": self.sources[str(ext["source"])]}
        for key in ("quote", "finding", "locator"):
            if ext.get(key):
                item[key] = str(ext[key])
        if str(ext.get("traced_to")) in self.sources:
            item["traced_to"] = self.sources[str(ext["traced_to"])]
        return item

    def read_atoms(self) -> None:
        for nid, node in self.nodes.items():
            if node["type"] != "I":
                continue
            text = self.text(nid) or f"(AIF node {nid} has no text)"
            ext = _ext(node)
            if ext.get("role") == "resolution":
                self.claim_of[nid] = self.draft.add_resolution(text)
                self.resolutions.add(nid)
                continue
            speakers, evidence, notes = [], [], []
            for loc, ya in self.locutions(nid):
                who = self.speaker(loc)
                if who and who not in speakers:
                    speakers.append(who)
                item = self.evidence(loc)
                if item:
                    evidence.append(item)
                elif not self.ours:
                    notes.append(self.describe(loc, ya))
            perspective = speakers[0] if speakers else self.draft.add_perspective(
                "Unattributed", summary="Claims no locution in the AIF file asserts.")
            tags = [self.topic_ids[str(t)] for t in _items(ext.get("tags"))
                    if str(t) in self.topic_ids]
            note = " ".join(([str(ext["note"])] if ext.get("note") else []) + notes) or None
            kind = str(ext["kind"]) if ext.get("kind") else None
            self.claim_of[nid] = self.draft.add_claim(
                text, perspective, kind=kind, tags=tags, evidence=evidence,
                agreed_by=speakers[1:], note=note)

    def premises(self, scheme: str) -> list[str]:
        return [n for n in self.into[scheme] if self.type(n) == "I"]

    def targets(self, scheme: str, kind: str, relation) -> list[tuple[str, str]]:
        """``[(relation, target id)]`` for an RA or CA node: what its premises relate to."""
        if relation not in ("supports", "attacks", "undercuts"):  # not argmap's own file
            relation = "supports" if kind == "RA" else "attacks"
        out = []
        for c in self.out[scheme]:
            if self.type(c) == "I":
                if relation != "undercuts" or c not in self.resolutions:
                    out.append((relation, self.claim_of[c]))
            elif kind == "CA" and self.type(c) in ("RA", "CA"):
                # An attack on an inference: argmap's undercut of the inference's premises.
                out += [("undercuts", self.claim_of[p]) for p in self.premises(c)
                        if p not in self.resolutions]
        return out

    def read_schemes(self) -> None:
        for nid, node in self.nodes.items():
            kind = node["type"]
            if kind not in ("RA", "CA", "MA", "PA"):
                continue
            ext = _ext(node)
            claims = [p for p in self.premises(nid) if p not in self.resolutions]
            note = str(ext["note"]) if ext.get("note") else None
            scheme = str(node.get("scheme") or node.get("text") or "")
            if not self.ours and scheme not in _DEFAULT_SCHEMES and kind in ("RA", "CA"):
                note = f"AIF scheme: {scheme}."
            if kind in ("MA", "PA"):
                word = "rephrases" if kind == "MA" else "is preferred to"
                for p in claims:
                    for c in self.out[nid]:
                        if self.type(c) == "I":
                            self.draft.add_note(self.claim_of[p],
                                                f'In the AIF file it {word}: "{self.text(c)}".')
                continue
            targets = self.targets(nid, kind, ext.get("relation"))
            evidence = [e for e in (self.evidence(loc) for loc, _ in self.locutions(nid)) if e]
            for p in claims:
                for relation, target in targets:
                    if target != self.claim_of[p]:
                        self.draft.relate(self.claim_of[p], relation, target, note=note,
                                          evidence=evidence)


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0] or "Imported AIF map"


def read_aif(path: str, **options) -> Draft:
    """The AIF JSON file at ``path`` as a :class:`Draft`."""
    reader = _Reader(path, _load(path))
    reader.read_context()
    reader.read_atoms()
    reader.read_schemes()
    return reader.draft
