"""What changed between two versions of a debate: :func:`compare` reads two checked debates
and returns a :class:`DebateDiff`, plain data that every output (text, Markdown, JSON, an
HTML page) renders without working anything out again.

Things are matched by id. A claim whose id is gone while a new id appeared with closely the
same text, the same perspective and mostly the same relations is *renamed*, not removed and
added (:data:`RENAME_TEXT`, :data:`RENAME_RELATIONS`); everything that refers to it is then
compared under its new id, so a rename alone changes nothing else.

A claim added or removed brings its own relations and evidence with it: those are part of
the claim, not listed again under ``relations`` and ``evidence``. Relations and evidence are
compared for the claims both versions hold.

The consequences are worked out from the two graphs' read models (:mod:`argmap.graphview`)
and the analyses the report shows: which claims became answered or unanswered (another
perspective attacks or undercuts them), the grounded labels that moved, and the balance
audit's figures per side (:mod:`argmap.structure`). Like the report, they describe the map,
never who is right.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields

from ..model import Claim, Debate, Evidence, Relation, Source
from ..quotes import QuoteReport

__all__ = ["VERSION", "RENAME_TEXT", "RENAME_RELATIONS", "DebateDiff", "Changes", "ClaimChanges",
           "RelationChanges", "EvidenceChanges", "Consequences", "compare", "word_diff",
           "BALANCE_FIGURES"]

VERSION = 1  # of the JSON shape (docs/diff-json.md); bump when a key changes meaning or goes

RENAME_TEXT = 80        # least text similarity (rapidfuzz ratio, 0-100) of a renamed claim
RENAME_RELATIONS = 0.5  # least share of relations in common (made and received), when any
_RENAME_PAIRS = 4_000_000  # removed × added claims past which only identical texts pair up

CLAIM_FIELDS = ("perspective", "text", "kind", "tags", "note", "agreed_by")
EVIDENCE_FIELDS = ("quote", "finding", "locator", "traced_to")
SOURCE_FIELDS = tuple(f.name for f in fields(Source) if f.name not in ("id", "location"))
# The balance audit's figures per side, as structure() names them (last_word split in two)
BALANCE_FIGURES = ("claims", "research_claims", "research_answered", "undercuts_made",
                   "undercuts_received", "undercuts_on_research", "last_word_research",
                   "last_word_other", "notes", "note_words")

Rel = tuple[str, str, str]  # (source claim, kind, target), in the new version's ids


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


@dataclass
class Changes:
    """Items with ids (sources, perspectives, resolutions, topics): ids added and removed in
    the files' order, and per id kept, each field that changed as ``(old, new)``."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict:
        return {"added": list(self.added), "removed": list(self.removed),
                "changed": {i: {f: [_plain(o), _plain(n)] for f, (o, n) in c.items()}
                            for i, c in self.changed.items()}}


@dataclass
class ClaimChanges(Changes):
    """As :class:`Changes`, with ``renamed`` ``(old id, new id)`` pairs. ``changed`` is keyed
    by the new id (a renamed claim whose text was reworded too is in both)."""

    renamed: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.renamed) or Changes.__bool__(self)

    def as_dict(self) -> dict:
        return {**Changes.as_dict(self), "renamed": [list(p) for p in self.renamed]}


@dataclass
class RelationChanges:
    """``added``/``removed``: ``(source, kind, target)``; ``retargeted``: ``(source, kind,
    old target, new target)``; ``changed``: ``((source, kind, target), {field: (old, new)})``
    for a relation whose ``kind`` or ``note`` changed (the triple is the new one)."""

    added: list[Rel] = field(default_factory=list)
    removed: list[Rel] = field(default_factory=list)
    retargeted: list[tuple[str, str, str, str]] = field(default_factory=list)
    changed: list[tuple[Rel, dict[str, tuple]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.retargeted or self.changed)

    def as_dict(self) -> dict:
        return {"added": [list(r) for r in self.added],
                "removed": [list(r) for r in self.removed],
                "retargeted": [list(r) for r in self.retargeted],
                "changed": [{"relation": list(r), "changed": {f: list(v) for f, v in c.items()}}
                            for r, c in self.changed]}


@dataclass
class EvidenceItem:
    """An evidence item where it is: under ``claim``, or under one of its relations
    (``relation``, the new version's triple, or the old one's for a removed relation)."""

    claim: str
    evidence: Evidence
    relation: Rel | None = None
    status: str = ""  # the quote's verification: verified, mismatched, unverified; "" none

    def as_dict(self) -> dict:
        ev = self.evidence
        d = {"claim": self.claim, "source": ev.source,
             **{f: getattr(ev, f) for f in EVIDENCE_FIELDS if getattr(ev, f)}}
        if self.relation is not None:
            d["relation"] = list(self.relation)
        if self.status:
            d["status"] = self.status
        return d


@dataclass
class EvidenceChange:
    """An evidence item in both versions (same holder, same source) whose quote, finding,
    locator or traced_to changed, or whose quote's verification did."""

    old: EvidenceItem
    new: EvidenceItem
    changed: dict[str, tuple[str, str]]

    def as_dict(self) -> dict:
        d = {"claim": self.new.claim, "source": self.new.evidence.source,
             "changed": {f: list(v) for f, v in self.changed.items()}}
        if self.new.relation is not None:
            d["relation"] = list(self.new.relation)
        if self.old.status or self.new.status:
            d["status"] = [self.old.status, self.new.status]
        return d


@dataclass
class EvidenceChanges:
    added: list[EvidenceItem] = field(default_factory=list)
    removed: list[EvidenceItem] = field(default_factory=list)
    changed: list[EvidenceChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict:
        return {"added": [e.as_dict() for e in self.added],
                "removed": [e.as_dict() for e in self.removed],
                "changed": [e.as_dict() for e in self.changed]}


@dataclass
class Consequences:
    """What the changes do to the map as a whole (claims in both versions, new ids):
    ``newly_unanswered`` / ``newly_answered`` (claim ids, the new version's files' order);
    ``grounded``: id → ``(old label, new label)`` (``in``, ``out``, ``undec``) for claims and
    resolutions whose label moved; ``balance``: perspective → figure → ``(old, new)`` for the
    figures of :data:`BALANCE_FIGURES` that changed (None on a side that lacks the
    perspective); ``flags``: the balance audit's flags raised (``added``) and cleared
    (``removed``)."""

    newly_unanswered: list[str] = field(default_factory=list)
    newly_answered: list[str] = field(default_factory=list)
    grounded: dict[str, tuple[str, str]] = field(default_factory=dict)
    balance: dict[str, dict[str, tuple]] = field(default_factory=dict)
    flags: dict[str, list[str]] = field(default_factory=lambda: {"added": [], "removed": []})

    def __bool__(self) -> bool:
        return bool(self.newly_unanswered or self.newly_answered or self.grounded
                    or self.balance or self.flags["added"] or self.flags["removed"])

    def as_dict(self) -> dict:
        return {"newly_unanswered": list(self.newly_unanswered),
                "newly_answered": list(self.newly_answered),
                "grounded": {i: list(v) for i, v in self.grounded.items()},
                "balance": {p: {f: list(v) for f, v in figs.items()}
                            for p, figs in self.balance.items()},
                "flags": {k: list(v) for k, v in self.flags.items()}}


@dataclass
class DebateDiff:
    """Everything that changed from ``old`` to ``new`` (their labels: a folder, or
    ``REV:path``). ``debate``: the title, question and archive folders that changed, each
    ``(old, new)``. ``old_debate``/``new_debate``: the two models, for a renderer that shows
    more than ids (texts, labels, files)."""

    old: str
    new: str
    debate: dict[str, tuple] = field(default_factory=dict)
    perspectives: Changes = field(default_factory=Changes)
    resolutions: Changes = field(default_factory=Changes)
    topics: Changes = field(default_factory=Changes)
    claims: ClaimChanges = field(default_factory=ClaimChanges)
    relations: RelationChanges = field(default_factory=RelationChanges)
    evidence: EvidenceChanges = field(default_factory=EvidenceChanges)
    sources: Changes = field(default_factory=Changes)
    consequences: Consequences = field(default_factory=Consequences)
    old_debate: Debate | None = field(default=None, repr=False, compare=False)
    new_debate: Debate | None = field(default=None, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        """No difference at all."""
        return not (self.debate or self.perspectives or self.resolutions or self.topics
                    or self.claims or self.relations or self.evidence or self.sources
                    or self.consequences)

    def as_dict(self) -> dict:
        """The JSON shape (``docs/diff-json.md``)."""
        return {"version": VERSION, "old": self.old, "new": self.new,
                "debate": {k: [_plain(o), _plain(n)] for k, (o, n) in self.debate.items()},
                "perspectives": self.perspectives.as_dict(),
                "resolutions": self.resolutions.as_dict(),
                "topics": self.topics.as_dict(),
                "claims": self.claims.as_dict(),
                "relations": self.relations.as_dict(),
                "evidence": self.evidence.as_dict(),
                "sources": self.sources.as_dict(),
                "consequences": self.consequences.as_dict()}


# ---- comparing -------------------------------------------------------------------------------

def _fields_changed(old, new, names) -> dict[str, tuple]:
    return {f: (getattr(old, f), getattr(new, f)) for f in names
            if getattr(old, f) != getattr(new, f)}


def _compare_items(old_items, new_items, names) -> Changes:
    old_by, new_by = {i.id: i for i in old_items}, {i.id: i for i in new_items}
    changes = Changes([i for i in new_by if i not in old_by],
                      [i for i in old_by if i not in new_by])
    for i, item in new_by.items():
        if i in old_by:
            changed = _fields_changed(old_by[i], item, names)
            if changed:
                changes.changed[i] = changed
    return changes


def _related(debate: Debate, ids) -> dict[str, set[tuple[str, str, str]]]:
    """For each claim of ``ids``: its relations made and received, as ("out"/"in", kind,
    the other end)."""
    wanted = set(ids)
    found: dict[str, set] = {i: set() for i in wanted}
    for c in debate.claims:
        for r in c.relations:
            if r.source in wanted:
                found[r.source].add(("out", r.kind, r.target))
            if r.target in wanted:
                found[r.target].add(("in", r.kind, r.source))
    return found


def _renames(old: Debate, new: Debate, removed: list[str], added: list[str]
             ) -> list[tuple[str, str]]:
    """Pairs (old id, new id) of removed and added claims that are one claim renamed: the
    same perspective, texts at least :data:`RENAME_TEXT` alike, and, when either has
    relations, at least :data:`RENAME_RELATIONS` of them in common. Best pairs first."""
    if not removed or not added:
        return []
    from rapidfuzz import fuzz, process

    by_side: dict[str, list[str]] = {}
    for a in added:
        by_side.setdefault(new.claims_by_id[a].perspective, []).append(a)
    old_rel, new_rel = _related(old, removed), _related(new, added)
    fuzzy = len(removed) * len(added) <= _RENAME_PAIRS
    candidates = []
    for r in removed:
        claim = old.claims_by_id[r]
        pool = by_side.get(claim.perspective)
        if not pool:
            continue
        choices = {a: new.claims_by_id[a].text for a in pool}
        if fuzzy:
            hits = process.extract(claim.text, choices, scorer=fuzz.ratio,
                                   score_cutoff=RENAME_TEXT, limit=5)
            scored = [(score, a) for _, score, a in hits]
        else:
            scored = [(100.0, a) for a, text in choices.items() if text == claim.text][:5]
        for score, a in scored:
            mine, theirs = old_rel[r], new_rel[a]
            share = len(mine & theirs) / len(mine | theirs) if mine or theirs else 1.0
            if share >= RENAME_RELATIONS:
                candidates.append((-score, -share, r, a))
    candidates.sort(key=lambda c: (c[0], c[1]))
    used_old, used_new, pairs = set(), set(), []
    for _, _, r, a in candidates:
        if r not in used_old and a not in used_new:
            used_old.add(r)
            used_new.add(a)
            pairs.append((r, a))
    order = {r: i for i, r in enumerate(removed)}
    return sorted(pairs, key=lambda p: order[p[0]])


def _pair(old: list, new: list, same) -> tuple[list[tuple], list, list]:
    """``(pairs, old left, new left)``: equal items paired first, then items ``same(o, n)``
    says belong together, each in order."""
    left_old = list(old)
    pairs, left_new = [], []
    for n in new:
        for i, o in enumerate(left_old):
            if o == n:
                pairs.append((left_old.pop(i), n))
                break
        else:
            left_new.append(n)
    still_new = []
    for n in left_new:
        for i, o in enumerate(left_old):
            if same(o, n):
                pairs.append((left_old.pop(i), n))
                break
        else:
            still_new.append(n)
    return pairs, left_old, still_new


class _Comparer:
    def __init__(self, old: Debate, new: Debate, old_quotes: QuoteReport | None,
                 new_quotes: QuoteReport | None):
        self.old, self.new = old, new
        self.old_quotes = old_quotes.status if old_quotes is not None else {}
        self.new_quotes = new_quotes.status if new_quotes is not None else {}
        # with archives, a quote's verification may change while its claim does not
        self.statuses = any(s != "unverified" for q in (self.old_quotes, self.new_quotes)
                            for s in q.values())
        self.rename: dict[str, str] = {}  # old claim id → new claim id
        self.relations = RelationChanges()
        self.evidence = EvidenceChanges()

    def new_id(self, old_id: str) -> str:
        return self.rename.get(old_id, old_id)

    def claims(self) -> ClaimChanges:
        old_by, new_by = self.old.claims_by_id, self.new.claims_by_id
        added = [c for c in new_by if c not in old_by]
        removed = [c for c in old_by if c not in new_by]
        renamed = _renames(self.old, self.new, removed, added)
        self.rename = dict(renamed)
        gone = {a for _, a in renamed}
        changes = ClaimChanges([a for a in added if a not in gone],
                               [r for r in removed if r not in self.rename], renamed=renamed)
        back = {n: o for o, n in renamed}
        for c in self.new.claims:
            before = old_by.get(back.get(c.id, c.id))
            if before is None:
                continue
            if before == c and not self.statuses:
                continue  # nothing of it changed (a renamed target makes them differ)
            changed = _fields_changed(before, c, CLAIM_FIELDS)
            if changed:
                changes.changed[c.id] = changed
            self._relations(before, c)
            self._evidence(before.id, c.id, before.evidence, c.evidence, None, None)
        return changes

    def _rel(self, r: Relation, translate: bool) -> Rel:
        if translate:
            return (self.new_id(r.source), r.kind, self.new_id(r.target))
        return (r.source, r.kind, r.target)

    def _relations(self, before: Claim, after: Claim) -> None:
        old = [(self._rel(r, True), r) for r in before.relations]
        new = [(self._rel(r, False), r) for r in after.relations]
        out = self.relations
        pairs, gone, came = _pair([o[0] for o in old], [n[0] for n in new],
                                  lambda o, n: o[0] == n[0] and o[2] == n[2])  # kind changed
        by_old, by_new = dict(old), dict(new)
        kept = []
        for o, n in pairs:
            changed = {}
            if o[1] != n[1]:
                changed["kind"] = (o[1], n[1])
            if by_old[o].note != by_new[n].note:
                changed["note"] = (by_old[o].note, by_new[n].note)
            if changed:
                out.changed.append((n, changed))
            kept.append((o, n))
        # what is left of one kind: a relation that now has another target
        retargeted, gone, came = _pair(gone, came, lambda o, n: o[1] == n[1])
        for o, n in retargeted:
            out.retargeted.append((n[0], n[1], o[2], n[2]))
            if by_old[o].note != by_new[n].note:
                out.changed.append((n, {"note": (by_old[o].note, by_new[n].note)}))
            kept.append((o, n))
        out.removed.extend(gone)
        out.added.extend(came)
        for o, n in kept:
            self._evidence(before.id, after.id, by_old[o].evidence, by_new[n].evidence, o, n)

    def _evidence(self, old_claim: str, new_claim: str, old: tuple[Evidence, ...],
                  new: tuple[Evidence, ...], old_rel: Rel | None, new_rel: Rel | None) -> None:
        if old == new and not self.statuses:
            return
        out = self.evidence
        pairs, gone, came = _pair(list(old), list(new), lambda o, n: o.source == n.source)
        for o, n in pairs:
            was = EvidenceItem(new_claim, o, old_rel, self._status(old_claim, o, 0))
            now = EvidenceItem(new_claim, n, new_rel, self._status(new_claim, n, 1))
            changed = _fields_changed(o, n, EVIDENCE_FIELDS)
            if changed or was.status != now.status:
                out.changed.append(EvidenceChange(was, now, changed))
        out.removed.extend(EvidenceItem(new_claim, o, old_rel, self._status(old_claim, o, 0))
                           for o in gone)
        out.added.extend(EvidenceItem(new_claim, n, new_rel, self._status(new_claim, n, 1))
                         for n in came)

    def _status(self, claim: str, ev: Evidence, side: int) -> str:
        if not ev.quote:
            return ""
        return (self.old_quotes, self.new_quotes)[side].get((claim, ev.source, ev.quote), "")


def compare(old: Debate, new: Debate, old_quotes: QuoteReport | None = None,
            new_quotes: QuoteReport | None = None, old_label: str = "old",
            new_label: str = "new", old_graph=None, new_graph=None) -> DebateDiff:
    """What changed from ``old`` to ``new`` (two checked debates; their quote reports for
    the verification of each quote). ``old_graph``/``new_graph``: their graphs when built
    already (built here otherwise)."""
    comparer = _Comparer(old, new, old_quotes, new_quotes)
    claims = comparer.claims()
    diff = DebateDiff(
        old_label, new_label,
        debate=_fields_changed(old, new, ("title", "question", "archives")),
        perspectives=_compare_items(old.perspectives, new.perspectives,
                                    ("label", "summary", "color")),
        resolutions=_compare_items(old.resolutions, new.resolutions, ("text",)),
        topics=_compare_items(old.topics, new.topics, ("label",)),
        claims=claims, relations=comparer.relations, evidence=comparer.evidence,
        sources=_compare_items(old.sources, new.sources, SOURCE_FIELDS),
        old_debate=old, new_debate=new)
    if _reaches_the_map(diff):
        diff.consequences = _consequences(old, new, comparer.rename, old_graph, new_graph)
    return diff


# ---- consequences ----------------------------------------------------------------------------

# The fields of a claim the consequences read: its side, its note (the audit counts notes and
# their words) and who else holds it (common ground). Its text, kind and tags they do not.
_MAP_FIELDS = frozenset({"perspective", "note", "agreed_by"})


def _reaches_the_map(diff: DebateDiff) -> bool:
    """Whether a change can move a consequence: otherwise (texts reworded, quotes, locators
    or a title changed) the two graphs and audits would be worked out only to agree, which
    on a large debate costs more than both checks."""
    claims = diff.claims
    return bool(claims.added or claims.removed or claims.renamed or diff.relations
                or diff.evidence.added or diff.evidence.removed or diff.sources
                or diff.perspectives or diff.resolutions
                or any(_MAP_FIELDS & c.keys() for c in claims.changed.values()))


def _figures(audit: dict) -> dict[str, dict[str, int]]:
    per = {}
    for p, v in audit["perspectives"].items():
        figures = {k: v[k] for k in BALANCE_FIGURES if k in v}
        figures["last_word_research"] = len(v["last_word"]["research"])
        figures["last_word_other"] = len(v["last_word"]["other"])
        per[p] = {k: figures[k] for k in BALANCE_FIGURES}
    return per


def _consequences(old: Debate, new: Debate, rename: dict[str, str], old_graph,
                  new_graph) -> Consequences:
    from ..analysis import grounded_labelling
    from ..graph import build_graph
    from ..graphview import view_of
    from ..structure import structure

    old_view = view_of(old_graph if old_graph is not None else build_graph(old))
    new_view = view_of(new_graph if new_graph is not None else build_graph(new))
    back = {n: o for o, n in rename.items()}
    result = Consequences()
    old_answered, new_answered = old_view.answering, new_view.answering
    old_claims = old.claims_by_id
    for c in new_view.claims:
        was = back.get(c, c)
        if was not in old_claims:
            continue
        before, now = was in old_answered, c in new_answered
        if before and not now:
            result.newly_unanswered.append(c)
        elif now and not before:
            result.newly_answered.append(c)
    old_labels = _labels(grounded_labelling(old_view))
    new_labels = _labels(grounded_labelling(new_view))
    for a in [*new_view.claims, *new_view.resolutions]:
        was = old_labels.get(back.get(a, a))
        if was is not None and was != new_labels[a]:
            result.grounded[a] = (was, new_labels[a])
    old_audit, new_audit = structure(old_view), structure(new_view)
    old_fig, new_fig = _figures(old_audit), _figures(new_audit)
    for p in [*new_fig, *(p for p in old_fig if p not in new_fig)]:
        a, b = old_fig.get(p), new_fig.get(p)
        moved = {f: (a[f] if a else None, b[f] if b else None) for f in BALANCE_FIGURES
                 if (a[f] if a else None) != (b[f] if b else None)}
        if moved:
            result.balance[p] = moved
    result.flags = {"added": [f for f in new_audit["flags"] if f not in old_audit["flags"]],
                    "removed": [f for f in old_audit["flags"] if f not in new_audit["flags"]]}
    return result


def _labels(grounded: dict) -> dict[str, str]:
    return {a: label for label in ("in", "out", "undec") for a in grounded[label]}


# ---- words -----------------------------------------------------------------------------------

_TOKENS = re.compile(r"^\s+|\S+\s*")  # words with the spaces after them


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` to ``new`` word by word: ``(op, text)`` runs, op ``=`` (in both), ``-`` (only in
    the old), ``+`` (only in the new). Joining the ``=`` and ``-`` texts gives ``old``; the
    ``=`` and ``+`` texts, ``new``."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[tuple[str, str]] = []

    def put(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            put("=", "".join(a[i1:i2]))
            continue
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        space = gone[len(gone.rstrip()):]
        if tag == "replace" and space and came.endswith(space):  # the space after: in both
            put("-", gone[:-len(space)])
            put("+", came[:-len(space)])
            put("=", space)
        else:
            put("-", gone)
            put("+", came)
    return runs
