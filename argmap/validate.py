"""Validate parsed YAML files against the format and build the immutable model.

Three passes, so that every problem is reported in one run:
1. shape: each file's keys, types and id syntax, against the tables in ``schema.py``;
2. references: unique ids, known perspectives, sources, targets, topics; self-relations;
3. structure: support cycles and claims connected to nothing (warnings).
Quotes are checked against archives afterwards (``quotes.py``), on the positions kept here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import schema
from .confine import relative_path_problem
from .diagnostics import CONTROL, Diagnostics
from .model import (Claim, Debate, Evidence, Location, Perspective, Relation, Resolution,
                    Source, Topic, RELATION_KINDS)
from .suggest import did_you_mean, key_hint
from .yamlreader import LocMap, Pos

__all__ = ["validate", "ParsedFile", "QuoteSite"]

_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
               int: "a number", float: "a number", type(None): "empty"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(dict if isinstance(value, dict) else type(value), "a value")


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """One file: ``display`` as the user would type it, ``rel`` relative to the debate."""

    display: str
    rel: str
    tree: Any
    failed: bool = False  # the file could not be read (a YAML syntax error, say)


class QuoteSite:
    """Where a quote was written, for verification against its source's archive.

    ``pos`` is a position handle (``get()`` gives ``(line, col)``), made only when a
    diagnostic asks: most quotes never need one.
    """

    __slots__ = ("display", "quote", "source", "claim", "_evidence")

    def __init__(self, display: str, evidence: LocMap, quote: str, source: str, claim: str):
        self.display, self.quote, self.source, self.claim = display, quote, source, claim
        self._evidence = evidence

    @property
    def pos(self) -> Pos:
        return self._evidence.at_value("quote")


_ID_FIELD = schema.Field("id")
_TEXT_FIELD = schema.Field("text")
_ID_MATCH = schema.ID_RE.match
_CONTROL_SEARCH = CONTROL.search


_REQUIRED = {id(spec): tuple(k for k, f in spec.items() if f.required)
             for spec in (schema.DEBATE, schema.DATA_FILE, schema.CLAIM, schema.EVIDENCE,
                          schema.RELATION, schema.SOURCE, schema.PERSPECTIVE, schema.RESOLUTION,
                          schema.TOPIC)}


_SCALAR_KINDS = frozenset({"text", "id", "enum", "url", "doi", "color"})


def _scalar_problem(value: Any, field: schema.Field, key: str) -> tuple[str, str] | None:
    """``(message, code)`` when ``value`` is not valid for ``field``, else None.

    Most values of a large debate are valid strings: they are accepted first, with no
    look-up (a debate of 10,000 claims holds some 80,000 of them)."""
    if value.__class__ is str:
        kind = field.kind
        if kind == "text":
            if (not field.required or (value and not value.isspace())) and \
                    _CONTROL_SEARCH(value) is None:
                return None
        elif kind == "id":
            if len(value) <= schema.ID_MAX and _ID_MATCH(value) is not None:
                return None
        elif kind == "enum" and value in field.choices:
            return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        expected = "an id" if field.kind == "id" else "text"
        return f"'{key}' must be {expected}, not {_type_name(value)}", "type"
    text = value if isinstance(value, str) else str(value)
    kind = field.kind
    if field.required and not text.strip():
        return f"'{key}' must not be empty", "empty"
    control = CONTROL.search(text)
    if control is not None:
        code = ord(control.group())
        name = "noncharacter" if code >= 0xFDD0 and (code <= 0xFDEF or code & 0xFFFE == 0xFFFE) \
            else "control character"
        return (f"'{key}' holds the {name} U+{code:04X}, which "
                "no page, spreadsheet or terminal should receive: remove it", "control")
    if kind == "id" and len(text) > schema.ID_MAX:
        return (f"'{text[:40]}…' is {len(text)} characters long: an id may have at most "
                f"{schema.ID_MAX}", "id-length")
    if kind == "id" and not schema.ID_RE.match(text):
        return (f"'{text}' is not a valid id: use letters, digits, '-', '_' and '.', starting "
                "with a letter or digit", "id-format")
    if kind == "enum" and text not in field.choices:
        return (f"'{text}' is not a valid {key}: expected one of {', '.join(field.choices)}"
                f"{did_you_mean(text, field.choices)}", "enum")
    if kind == "url":
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError:  # "http://[::1": an address urllib cannot even split
            return f"'{text}' is not a valid URL", "url"
        if parts.scheme not in ("http", "https") or not parts.hostname or any(
                ch.isspace() for ch in text):
            return f"'{text}' is not an http or https URL", "url"
    if kind == "doi" and not schema.DOI_RE.match(text):
        return (f"'{text}' is not a DOI: write it bare, as 10.1234/abc (no https://doi.org/)",
                "doi")
    if kind == "color" and not schema.COLOR_RE.match(text):
        return f"'{text}' is not a colour: write it as #rrggbb", "color"
    return None


class _Ctx:
    __slots__ = ("display", "rel")

    def __init__(self, display: str, rel: str):
        self.display, self.rel = display, rel


# The clean values of one object (``shape``) are a dict of its valid keys:
# - text, id, enum, url, color: the string;
# - list (evidence, claims, ...): ``(clean, mapping)`` per valid item; ``mapping.at()`` places
#   it (a list item's position is its mapping's);
# - ids, texts: ``(value, index)`` per valid item; ``parent.at_item(key, index)`` places it;
# - relations: ``(target, position, note, evidence, mapping)`` per valid item, ``mapping``
#   being the item's own mapping, or None for a plain id (then ``position`` is the target's).
_ITEM_WHAT = {"claims": "a claim", "sources": "a source", "perspectives": "a perspective",
              "resolutions": "a resolution", "topics": "a topic",
              "evidence": "an evidence item"}


def _target_pos(position, mapping: LocMap | None):
    """Where the target of a relation (a record of ``shape``'s) was written."""
    return position if mapping is None else mapping.at_value("target")


class _Validator:
    def __init__(self, unread_ids: frozenset | None = None) -> None:
        # With files that could not be read, what they declare is missing: references to
        # the ids written in them are not reported, nor claims that seem connected to nothing.
        self.unread_ids = unread_ids
        self.debate_read = True  # debate.yaml was read (it alone declares perspectives...)
        self.diags = Diagnostics()
        self.perspectives: list[tuple[dict, LocMap, _Ctx]] = []
        self.resolutions: list[tuple[dict, LocMap, _Ctx]] = []
        self.topics: list[tuple[dict, LocMap, _Ctx]] = []
        self.claims: list[tuple[dict, LocMap, _Ctx]] = []
        self.sources: list[tuple[dict, LocMap, _Ctx]] = []
        self.debate: tuple[dict, LocMap, _Ctx] | None = None
        self.quote_sites: list[QuoteSite] = []

    # -- pass 1: shape ---------------------------------------------------------------------

    def shape(self, mapping: Any, spec: dict, ctx: _Ctx, what: str, pos) -> dict | None:
        """Check one object against its field table; return its clean values or None."""
        if not isinstance(mapping, LocMap):
            self.diags.error(ctx.display, pos, f"{what} must be a mapping, not "
                             f"{_type_name(mapping)}", "type")
            return None
        clean: dict = {}
        required = _REQUIRED[id(spec)]
        for key, value in mapping.items():
            field = spec.get(key)
            if field is not None and value.__class__ is str and field.kind in _SCALAR_KINDS \
                    and _scalar_problem(value, field, key) is None:
                clean[key] = value  # most values: nothing to look up, no position needed
                continue
            if field is None:
                self.diags.error(ctx.display, mapping.at_key(key), f"unknown key '{key}' in "
                                 f"{what}{key_hint(key, spec)}", "unknown-key")
                continue
            if value is None and not field.required:
                continue  # `note:` left empty means no note
            checked = self.value(value, field, ctx, key, mapping, what)
            if checked is not None:
                clean[key] = checked
        for key in required:
            if key not in mapping:
                self.diags.error(ctx.display, mapping.at(), f"{what} is missing the required key "
                                 f"'{key}'", "missing-key")
        return clean

    def shape_item(self, item: Any, spec: dict, ctx: _Ctx, what: str, parent: LocMap,
                   key: str, index: int) -> dict | None:
        """One item of the list ``parent[key]``, through ``shape``. Its position is made only
        for an item that is not a mapping (a mapping knows its own): most items of a large
        debate are, and need none."""
        pos = None if item.__class__ is LocMap else parent.at_item(key, index)
        return self.shape(item, spec, ctx, what, pos)

    def value(self, value: Any, field: schema.Field, ctx: _Ctx, key: str, parent: LocMap,
              what: str) -> Any:
        kind = field.kind
        if kind in _SCALAR_KINDS:
            return self.scalar(value, field, ctx, key, parent, None)
        if not isinstance(value, list):
            self.diags.error(ctx.display, parent.at_value(key), f"'{key}' must be a list, not "
                             f"{_type_name(value)}", "type")
            return None
        if kind == "list":
            item_what = _ITEM_WHAT.get(key, f"an item of '{key}'")
            out = []
            for i, item in enumerate(value):
                clean = self.shape_item(item, field.item, ctx, item_what, parent, key, i)
                if clean is not None:
                    out.append((clean, item))
            return out
        if kind in ("ids", "texts"):
            item_field = _ID_FIELD if kind == "ids" else _TEXT_FIELD
            out = []
            for i, item in enumerate(value):
                if item.__class__ is str and _scalar_problem(item, item_field, key) is None:
                    out.append((item, i))
                    continue
                checked = self.scalar(item, item_field, ctx, key, parent, i)
                if checked is not None:
                    out.append((checked, i))
            return out
        if kind == "relations":
            out = []
            for i, item in enumerate(value):
                if isinstance(item, LocMap):
                    clean = self.shape_item(item, schema.RELATION, ctx, f"an item of '{key}'",
                                            parent, key, i)
                    if clean and "target" in clean:
                        out.append((clean["target"], parent.at_item(key, i),
                                    clean.get("note", ""), clean.get("evidence", ()), item))
                else:
                    target = item if item.__class__ is str and _ID_MATCH(item) else \
                        self.scalar(item, _ID_FIELD, ctx, key, parent, i)
                    if target is not None:
                        out.append((target, parent.at_item(key, i), "", (), None))
            return out
        raise AssertionError(kind)  # pragma: no cover - schema tables use only the kinds above

    def scalar(self, value: Any, field: schema.Field, ctx: _Ctx, key: str, parent: LocMap,
               index: int | None) -> str | None:
        """Check one scalar under ``parent[key]`` (item ``index`` of it, for lists)."""
        problem = _scalar_problem(value, field, key)
        if problem is None:
            return value if value.__class__ is str else str(value)  # `locator: 12` is fine
        pos = parent.at_value(key) if index is None else parent.at_item(key, index)
        self.diags.error(ctx.display, pos, *problem)
        return None

    def read_file(self, parsed: ParsedFile, is_debate: bool) -> None:
        ctx = _Ctx(parsed.display, parsed.rel)
        tree = parsed.tree
        if tree is None:
            if is_debate and not parsed.failed:  # a file not read has said so already
                self.diags.error(ctx.display, (1, 1), "debate.yaml is empty: it needs at least "
                                 "'title' and 'perspectives'", "missing-key")
            return
        spec = schema.DEBATE if is_debate else schema.DATA_FILE
        what = "debate.yaml" if is_debate else "a debate file"
        clean = self.shape(tree, spec, ctx, what, (1, 1))
        if clean is None:
            return
        if is_debate:
            self.debate = (clean, tree, ctx)
            if isinstance(tree.get("perspectives"), list) and not tree["perspectives"]:
                self.diags.error(ctx.display, tree.at_value("perspectives"),
                                 "'perspectives' must declare at least one perspective",
                                 "empty")
        for key, bucket in (("perspectives", self.perspectives),
                            ("resolutions", self.resolutions), ("topics", self.topics),
                            ("claims", self.claims), ("sources", self.sources)):
            for item, mapping in clean.get(key, ()):
                bucket.append((item, mapping, ctx))

    # -- pass 2: references ----------------------------------------------------------------
    # Each look-up is a set membership test; a position handle is made only for a diagnostic.

    def unknown(self, ctx: _Ctx, pos, value: str, known, what: str, key: str,
                listed: tuple[str, str, set] | None = None) -> None:
        """``value`` under ``key`` names nothing ``known``: say what is close, or else, when
        ``listed`` (singular, plural, ids) holds few ids, which ones there are."""
        if self.unread_ids is not None and value in self.unread_ids:
            return  # declared, most likely, in a file that could not be read
        hint = did_you_mean(value, known)
        if not hint and listed is not None and self.complete(listed[0]):
            hint = _listing(*listed)
        self.diags.error(ctx.display, pos, f"'{value}' in {key} is not {what}{hint}",
                         "unknown-ref")

    def complete(self, kind: str) -> bool:
        """Whether every id of ``kind`` was read: claims and sources may be in any file,
        perspectives, resolutions and topics only in debate.yaml."""
        return self.unread_ids is None or (self.debate_read and kind in _DEBATE_ONLY)

    def check_ids(self) -> dict[str, tuple[_Ctx, LocMap]]:
        """Duplicate ids across perspectives, resolutions, claims and sources, and among
        topics. Returns the topics by id."""
        owners: dict[str, tuple[str, _Ctx, LocMap]] = {}
        for label, bucket in (("perspective", self.perspectives),
                              ("resolution", self.resolutions), ("claim", self.claims),
                              ("source", self.sources)):
            for item, mapping, ctx in bucket:
                if "id" not in item:
                    continue
                first = owners.get(item["id"])
                if first is None:
                    owners[item["id"]] = (label, ctx, mapping)
                else:
                    other, octx, omap = first
                    opos = omap.value_pos["id"]
                    self.diags.error(ctx.display, mapping.at_value("id"), f"duplicate id "
                                     f"'{item['id']}': already "
                                     f"used by the {other} at {octx.display}:{opos[0]}:{opos[1]}",
                                     "duplicate-id")
        folded: dict[str, tuple[str, _Ctx, LocMap]] = {}
        for item, mapping, ctx in self.perspectives:
            pid = item.get("id")
            if pid is None:
                continue
            first = folded.setdefault(pid.casefold(), (pid, ctx, mapping))
            if first[0] != pid:  # the same id twice is reported above as a duplicate
                opos = first[2].value_pos["id"]
                self.diags.error(ctx.display, mapping.at_value("id"), f"perspective id "
                                 f"'{pid}' differs from '{first[0]}' (at {first[1].display}:"
                                 f"{opos[0]}:{opos[1]}) only in case: their briefs would be "
                                 "one file on Windows and macOS", "duplicate-id")
        topic_ids: dict[str, tuple[_Ctx, LocMap]] = {}
        for item, mapping, ctx in self.topics:
            if "id" in item:
                pos = mapping.at_value("id")
                if item["id"] in topic_ids:
                    octx, omap = topic_ids[item["id"]]
                    opos = omap.value_pos["id"]
                    self.diags.error(ctx.display, pos, f"duplicate topic id '{item['id']}': "
                                     f"already declared at {octx.display}:{opos[0]}:{opos[1]}",
                                     "duplicate-id")
                else:
                    topic_ids[item["id"]] = (ctx, mapping)
        return topic_ids

    def check_references(self) -> None:
        topic_ids = self.check_ids()
        perspectives = {i["id"] for i, _, _ in self.perspectives if "id" in i}
        sources = {i["id"] for i, _, _ in self.sources if "id" in i}
        claims = {i["id"] for i, _, _ in self.claims if "id" in i}
        resolutions = {i["id"] for i, _, _ in self.resolutions if "id" in i}
        targets = claims | resolutions
        relation_targets = [(kind, claims, "a claim", ("claim", "claims", claims))
                            if kind == "undercuts" else
                            (kind, targets, "a claim or resolution",
                             ("resolution", "resolutions", resolutions))
                            for kind in RELATION_KINDS]
        listed_perspectives = ("perspective", "perspectives", perspectives)
        warn = self.diags.warning
        for item, mapping, ctx in self.claims:
            cid = item.get("id", "")
            perspective = item.get("perspective")
            if perspective is not None and perspective not in perspectives:
                self.unknown(ctx, mapping.at_value("perspective"), perspective, perspectives,
                             "a declared perspective", "perspective", listed_perspectives)
            for other, index in item.get("agreed_by", ()):
                if other == perspective:
                    self.diags.error(ctx.display, mapping.at_item("agreed_by", index),
                                     f"'{other}' in agreed_by is the claim's own perspective: "
                                     "agreed_by names the other perspectives that hold it",
                                     "self-relation")
                elif other not in perspectives:
                    self.unknown(ctx, mapping.at_item("agreed_by", index), other, perspectives,
                                 "a declared perspective", "agreed_by", listed_perspectives)
            if topic_ids:
                for tag, index in item.get("tags", ()):
                    if tag not in topic_ids and (self.unread_ids is None
                                                 or tag not in self.unread_ids):
                        hint = did_you_mean(tag, topic_ids) or (
                            _listing("topic", "topics", set(topic_ids))
                            if self.complete("topic") else "")
                        warn(ctx.display, mapping.at_item("tags", index), f"tag '{tag}' is not "
                             f"one of the topics{hint}", "unknown-tag")
            evidence = item.get("evidence")
            if evidence:
                self.check_evidence(evidence, ctx, cid, sources)
            else:
                warn(ctx.display, mapping.at_key("evidence") if "evidence" in mapping else
                     mapping.at(), f"claim '{cid}' has no evidence", "no-evidence")
            for kind, known, what, listed in relation_targets:
                for target, pos, _, rel_evidence, rel_map in item.get(kind, ()):
                    if target == cid:
                        self.diags.error(ctx.display, _target_pos(pos, rel_map),
                                         f"claim '{cid}' {kind} itself", "self-relation")
                    elif target not in known:
                        self.unknown(ctx, _target_pos(pos, rel_map), target, known, what, kind,
                                     listed)
                    if rel_evidence:
                        self.check_evidence(rel_evidence, ctx, cid, sources)
        if self.debate is not None:
            head, head_map, head_ctx = self.debate
            for name, index in head.get("archives", ()):
                problem = relative_path_problem(name)
                if problem:
                    self.diags.error(head_ctx.display, head_map.at_item("archives", index),
                                     f"archive folder '{name}' is refused: {problem}; "
                                     "'archives' names folders inside the debate folder (name "
                                     "others with --archives)", "archive-outside")
        for item, mapping, ctx in self.sources:
            archive = item.get("archive")
            if archive is not None and relative_path_problem(archive):
                self.diags.error(ctx.display, mapping.at_value("archive"), f"archive "
                                 f"'{archive}' is refused: {relative_path_problem(archive)}; "
                                 "'archive' names a file inside the archive folders",
                                 "archive-outside")
            perspective = item.get("perspective")
            if perspective is not None and perspective not in perspectives:
                self.unknown(ctx, mapping.at_value("perspective"), perspective, perspectives,
                             "a declared perspective", "perspective", listed_perspectives)
            for cited, index in item.get("cites", ()):
                if cited == item.get("id"):
                    self.diags.error(ctx.display, mapping.at_item("cites", index),
                                     f"source '{cited}' cites itself", "self-relation")
                elif cited not in sources:
                    self.unknown(ctx, mapping.at_item("cites", index), cited, sources,
                                 "a source", "cites", ("source", "sources", sources))

    def check_evidence(self, items: list, ctx: _Ctx, claim_id: str, sources: set) -> None:
        """The sources an evidence list names; note each quote for verification."""
        for ev, ev_map in items:
            source = ev.get("source")
            if source is not None and source not in sources:
                self.unknown(ctx, ev_map.at_value("source"), source, sources, "a source",
                             "source", ("source", "sources", sources))
            traced_to = ev.get("traced_to")
            if traced_to is not None and traced_to not in sources:
                self.unknown(ctx, ev_map.at_value("traced_to"), traced_to, sources, "a source",
                             "traced_to", ("source", "sources", sources))
            if source is None:
                continue
            if "quote" in ev:
                self.quote_sites.append(QuoteSite(ctx.display, ev_map, ev["quote"], source,
                                                  claim_id))
            elif "finding" not in ev:
                self.diags.warning(ctx.display, ev_map.at(), "evidence without a quote or a "
                                   "finding", "no-quote")

    # -- pass 3: structure -----------------------------------------------------------------

    def check_structure(self) -> None:
        claim_at = {i["id"]: (m, c) for i, m, c in self.claims if "id" in i}
        supports: dict[str, list[str]] = {}
        touched: set[str] = set()
        for item, mapping, _ in self.claims:
            cid = item.get("id")
            if "supports" in mapping or "attacks" in mapping or "undercuts" in mapping:
                touched.add(cid)  # a broken relation list is reported already, not as this
            for relation in item.get("supports", ()):
                target = relation[0]
                touched.add(target)
                if target in claim_at:
                    supports.setdefault(cid, []).append(target)
            for kind in ("attacks", "undercuts"):
                for relation in item.get(kind, ()):
                    touched.add(relation[0])
        for component in _cycles(supports):
            first = min(component, key=lambda c: (claim_at[c][1].rel, claim_at[c][0].pos))
            mapping, ctx = claim_at[first]
            path = " -> ".join(_cycle_path(first, supports, set(component)))
            self.diags.warning(ctx.display, mapping.at_key("supports"),
                               f"support cycle: {path}", "support-cycle")
        perspective_of = {i["id"]: i.get("perspective") for i, _, _ in self.claims if "id" in i}
        for item, _mapping, ctx in self.claims:
            for kind in ("attacks", "undercuts"):
                for target, pos, note, _, rel_map in item.get(kind, ()):
                    if (not note and target in perspective_of and target != item.get("id")
                            and perspective_of[target] != item.get("perspective")):
                        self.diags.warning(ctx.display, _target_pos(pos, rel_map),
                                           f"'{item.get('id')}' {kind} '{target}' of another "
                                           "perspective with no note: say what the "
                                           "disagreement is about, in neutral words "
                                           "({target: ..., note: ...})", "no-note")
        for cid, (mapping, ctx) in claim_at.items():
            if cid not in touched and self.unread_ids is None:  # else it may be, unread
                self.diags.warning(ctx.display, mapping.at_value("id"), f"claim '{cid}' is "
                                   "connected to nothing: it supports, attacks or undercuts "
                                   "nothing and nothing relates to it", "disconnected")

    # -- the model -------------------------------------------------------------------------

    def build(self, root: str) -> Debate:
        declared = {i["color"].lower() for i, _, _ in self.perspectives if i.get("color")}
        # A default colour never repeats one that another perspective declared.
        palette = iter([c for c in schema.DEFAULT_PALETTE if c.lower() not in declared] * 4)

        perspectives = []
        for item, mapping, ctx in self.perspectives:
            if "id" in item:
                color = item.get("color") or next(palette, "#777777")
                perspectives.append(Perspective(item["id"], item.get("label", item["id"]),
                                                Location(ctx.rel, mapping.at()),
                                                item.get("summary", ""), color))
        resolutions = [Resolution(i["id"], i["text"], Location(c.rel, m.at()))
                       for i, m, c in self.resolutions if "id" in i and "text" in i]
        topics = [Topic(i["id"], i.get("label", i["id"]), Location(c.rel, m.at()))
                  for i, m, c in self.topics if "id" in i]
        claims = [_claim(item, mapping, ctx.rel) for item, mapping, ctx in self.claims
                  if "id" in item and "perspective" in item and "text" in item]
        sources = [Source(i["id"], i["title"], Location(c.rel, m.at()), i.get("author", ""),
                          i.get("publisher", ""), i.get("type", ""), i.get("perspective", ""),
                          i.get("url", ""), i.get("published", ""), i.get("accessed", ""),
                          _safe_archive(i.get("archive", "")),
                          tuple(x for x, _ in i.get("cites", ())),
                          i.get("work", ""), i.get("container_title", ""), i.get("volume", ""),
                          i.get("issue", ""), i.get("pages", ""), i.get("doi", ""))
                   for i, m, c in self.sources if "id" in i and "title" in i]
        if self.debate is not None:
            head, head_map, head_ctx = self.debate
            title, question = head.get("title", ""), head.get("question", "")
            archives = tuple(a for a, _ in head.get("archives", ())
                             if relative_path_problem(a) is None)
            location = Location(head_ctx.rel, head_map.at())
            note = head.get("content_note", "")
        else:
            title, question, archives, note = "", "", (), ""
            location = Location("debate.yaml", 1, 1)
        return Debate(title, location, root, question, tuple(perspectives), tuple(resolutions),
                      tuple(topics), tuple(claims), tuple(sources), archives, note)


# When nothing is close to an unknown id, the ids it could be are named if there are this few.
_FEW = 5
_DEBATE_ONLY = frozenset({"perspective", "resolution", "topic"})


def _listing(singular: str, plural: str, ids: set) -> str:
    """``; the debate's one resolution is 'x'`` and the like, or nothing when there are many."""
    if not ids:
        return f"; the debate declares no {plural}"
    if len(ids) > _FEW:
        return ""
    names = [f"'{i}'" for i in sorted(ids)]
    if len(names) == 1:
        return f"; the debate's one {singular} is {names[0]}"
    return f"; the debate's {plural} are {', '.join(names[:-1])} and {names[-1]}"


def _safe_archive(name: str) -> str:
    """A source's archive name, or none when it leads out of the archive folders."""
    return name if name and relative_path_problem(name) is None else ""


def _evidence(items: list, rel: str) -> tuple[Evidence, ...]:
    return tuple([Evidence(ev["source"], Location(rel, ev_map.at()), ev.get("quote", ""),
                           ev.get("locator", ""), ev.get("traced_to", ""),
                           ev.get("finding", ""))
                  for ev, ev_map in items if "source" in ev])


def _claim(item: dict, mapping: LocMap, rel: str) -> Claim:
    """The model of one claim from its clean values (it has an id, perspective and text)."""
    cid = item["id"]
    relations = []
    for kind in RELATION_KINDS:
        for target, pos, note, evidence, _ in item.get(kind, ()):
            relations.append(Relation(kind, cid, target, Location(rel, pos), note,
                                      _evidence(evidence, rel) if evidence else ()))
    evidence = item.get("evidence")
    tags = item.get("tags")
    agreed = item.get("agreed_by")
    return Claim(cid, item["perspective"], item["text"], Location(rel, mapping.at()),
                 item.get("kind", ""), tuple(t for t, _ in tags) if tags else (),
                 _evidence(evidence, rel) if evidence else (), tuple(relations),
                 item.get("note", ""), tuple(p for p, _ in agreed) if agreed else ())


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in edges:
                    continue  # it supports no claim, so it is on no cycle: no need to visit it
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
    return found


def _cycle_path(start: str, edges: dict[str, list[str]], members: set[str]) -> list[str]:
    """One concrete cycle through ``start`` inside its component, for the message."""
    parents = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in edges.get(node, ()):
            if child == start:
                path = [node]
                while parents[path[-1]] is not None:
                    path.append(parents[path[-1]])
                return list(reversed(path)) + [start]
            if child in members and child not in parents:
                parents[child] = node
                queue.append(child)
    return [start, start]  # pragma: no cover - a component always has a cycle


def validate(files: list[ParsedFile], root: str, unread_ids: frozenset | None = None
             ) -> tuple[Debate, Diagnostics, list[QuoteSite]]:
    """Validate parsed files (``debate.yaml`` among them) and build the model.
    ``unread_ids``: when some files could not be read, the ids written in them (see
    :meth:`_Validator.unknown`); None when every file was read."""
    v = _Validator(unread_ids)
    for parsed in files:
        is_debate = parsed.rel == "debate.yaml"
        v.read_file(parsed, is_debate)
        if is_debate and parsed.failed:
            v.debate_read = False
    v.check_references()
    v.check_structure()
    return v.build(root), v.diags, v.quote_sites
