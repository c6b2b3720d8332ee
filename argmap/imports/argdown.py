"""Argdown maps into a debate: ``--from argdown-json`` reads the JSON the Argdown CLI writes
(``argdown json FILE DIR``); ``--from argdown`` runs that CLI on a ``.argdown`` file first.

Argdown's own parser does the reading: argmap reads only its JSON model (``statements``,
``arguments``, ``relations``, ``sections``), never Argdown syntax.

What becomes what:

- Every argument (``<Title>: text``) and every titled statement (an equivalence class
  ``[Title]``) becomes one claim, however often it is written or referred to. An untitled
  statement does too when it has relations of its own outside an argument (``+ text``);
  inside an argument's premise-conclusion structure it stands for that argument, and a
  paragraph of prose is left out: the statements Argdown's own map shows. A claim's text is
  the one Argdown treats as canonical (the last definition), without the tags at its end; an
  argument with no description takes its title as text. Ids come from titles (Argdown's
  generated titles, ``Untitled 3``, give way to the text); the front matter's title (or the
  file's name) is the debate's.
- Relations: support and entails become ``supports``; attack ``attacks``; undercut
  ``undercuts`` (an undercut of a resolution is kept as an attack, with a note); contrary
  becomes an attack and contradictory an attack each way, each with a note naming it.
- Premise-conclusion structures (PCS): each titled premise (and intermediary conclusion)
  supports its argument and the argument supports its titled main conclusion, as Argdown's
  map draws them; the numbered structure and its inference rules are written into the
  argument's note.
- Tags become perspectives (the first tag of a claim; ``--tags-as topics`` makes every tag a
  topic instead); untagged claims go to one perspective, "Unattributed"; further tags, data
  argmap has no field for, other formulations of the same statement and the heading a claim
  stands under are kept in its note.
- Resolutions: a statement that stands at top level as a thesis: no relation leaves it (a
  premise supports its argument, so no premise is one), at least one reaches it, and it has
  no tags or data (a resolution has nowhere to keep them), nor is it undercut.
- Maps written by ``argmap export --format argdown`` carry the debate's own fields as data
  (see :mod:`argmap.export.argdown`): its title, question, perspectives, topics, resolutions
  and sources, and each claim's kind, evidence, note, agreed_by and relation notes. Tags
  declared there as perspectives or topics are read as such whatever ``--tags-as`` says.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ArgmapError
from ..model import CLAIM_KINDS
from .draft import Draft, ImportProblem, read_json

__all__ = ["read_argdown_json", "read_argdown", "argdown_cli", "run_argdown_json",
           "ArgdownMissing", "CLI_ENV"]

CLI_ENV = "ARGMAP_ARGDOWN"  # the Argdown CLI to run, when it is not ``argdown`` on PATH
METADATA_KEY = "argmap"  # as in argmap.export.argdown (not imported: it pulls in networkx)
UNATTRIBUTED = "Unattributed"
_CLI_TIMEOUT = 300
_UNTITLED = re.compile(r"Untitled \d+\Z")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_AT = re.compile(r"At (\d+):(\d+)")
_EVIDENCE_KEYS = ("source", "quote", "finding", "locator", "traced_to")
_SOURCE_KEYS = ("author", "publisher", "type", "work", "container_title", "volume", "issue",
                "pages", "doi", "url", "published", "accessed")


class ArgdownMissing(ArgmapError):
    """``--from argdown`` without a working Argdown CLI (exit 2: the environment, not the
    file, is at fault)."""


# ---- the Argdown CLI ------------------------------------------------------------------------

def argdown_cli() -> str | None:
    """The Argdown CLI to run: ``$ARGMAP_ARGDOWN``, else ``argdown`` on PATH, else None."""
    configured = os.environ.get(CLI_ENV)
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) \
            else None
    return shutil.which("argdown")


def run_argdown_json(path: str, cli: str | None = None) -> tuple[int, str, dict | None]:
    """Run ``argdown json`` on the file at ``path``: ``(exit code, the CLI's messages, the
    JSON it wrote or None)``. The file is copied under a plain name first, so a path that
    looks like a glob pattern to the CLI (which takes one) is read as itself."""
    cli = cli or argdown_cli()
    if cli is None:
        configured = os.environ.get(CLI_ENV)
        where = (f"{CLI_ENV}={configured} is not an executable file" if configured
                 else "it was not found on PATH")
        raise ArgdownMissing(
            f"--from argdown runs the Argdown CLI, and {where}: install it with 'npm install "
            f"-g @argdown/cli' or set {CLI_ENV} to its path, or convert the file with "
            "'argdown json FILE DIR' and import the JSON with --from argdown-json")
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as scratch:
        source, out = Path(scratch, "map.argdown"), Path(scratch, "out")
        shutil.copyfile(path, source)
        done = subprocess.run([cli, "json", str(source), str(out)], capture_output=True,
                              text=True, timeout=_CLI_TIMEOUT, cwd=scratch)
        messages = _ANSI.sub("", done.stderr + done.stdout).strip()
        written = out / "map.json"
        doc = read_json(path, written.read_text(encoding="utf-8"), "Argdown") \
            if written.is_file() else None
        return done.returncode, messages, doc


def read_argdown(path: str, tags_as: str = "perspectives", **_options) -> Draft:
    """A ``.argdown`` file, parsed by the Argdown CLI (see the module docstring)."""
    text = _read_text(path)
    code, messages, doc = run_argdown_json(path)
    detail = " ".join(messages.split()) or f"it exited with code {code}"
    at = _AT.search(messages)
    if doc is None and at:  # Argdown's syntax errors say where: "At LINE:COL"
        raise ImportProblem(path, f"the Argdown CLI could not parse the file: {detail}",
                            *map(int, at.groups()))
    if doc is None:  # the CLI itself failed (no Node.js, a broken install)
        raise ArgdownMissing(f"the Argdown CLI wrote no JSON for '{path}': {detail}")
    return _Reader(doc, path, tags_as, _front_matter(text)).draft()


def read_argdown_json(path: str, tags_as: str = "perspectives", **_options) -> Draft:
    """The JSON the Argdown CLI writes (``argdown json``): see the module docstring."""
    text = _read_text(path)
    doc = read_json(path, text, "Argdown")
    return _Reader(doc, path, tags_as, {}).draft()


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except UnicodeDecodeError as e:
        raise ImportProblem(path, f"not UTF-8 text ({e.reason})") from None


def _front_matter(text: str) -> dict:
    """The YAML front matter of an Argdown file (its title): Argdown's JSON leaves it out."""
    import yaml

    match = re.match(r"\s*={3,}[ \t]*\n(.*?)\n={3,}", text, re.DOTALL)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# ---- reading the JSON model -----------------------------------------------------------------

def _dicts(value) -> dict:
    return {k: v for k, v in value.items() if isinstance(v, dict)} \
        if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _str(value) -> str:
    return value if isinstance(value, str) else ""


# Argdown's tag token (lexer.ts): the tag a range starts with, however the range ends.
_TAG = re.compile(r"#(?:\([^)]+\)|[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)")


def _plain(member: dict) -> str:
    """A member's text on one line, without the tags at its end (where Argdown files put
    them: ``text #pro``); a tag inside a sentence stays, as part of it."""
    text = _str(member.get("text"))
    starts = sorted((r["start"] for r in _list(member.get("ranges"))
                     if isinstance(r, dict) and r.get("type") == "tag"
                     and isinstance(r.get("start"), int)), reverse=True)
    for start in starts:
        tag = _TAG.match(text, start)
        if tag is None or text[tag.end():].strip():
            break  # not a tag (Argdown removed it already), or words follow it
        text = text[:start]
    return " ".join(text.split())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _canonical(item: dict) -> dict:
    """The member Argdown treats as canonical: marked ``isCanonical``, else the last
    definition (a member that is not a reference), else the first member."""
    members = [m for m in _list(item.get("members")) if isinstance(m, dict)]
    definitions = [m for m in members if not m.get("isReference")]
    for m in reversed(definitions):
        if isinstance(m.get("data"), dict) and m["data"].get("isCanonical"):
            return m
    return (definitions or members or [{}])[-1]


class _Item:
    """One argument or statement of the map, as it will become a claim or resolution."""

    def __init__(self, kind: str, title: str, raw: dict):
        self.kind, self.title, self.raw = kind, title, raw  # kind: "argument" | "statement"
        canonical = _canonical(raw)
        self.text = _plain(canonical) or title
        self.tags = [t for t in _list(raw.get("tags")) if isinstance(t, str)]
        self.data = dict(raw["data"]) if isinstance(raw.get("data"), dict) else {}
        self.others = list(dict.fromkeys(
            t for m in _list(raw.get("members")) if isinstance(m, dict)
            and not m.get("isReference") and m is not canonical
            for t in [_plain(m)] if t and t != self.text))
        lines = [m.get("startLine") for m in _list(raw.get("members")) if isinstance(m, dict)]
        lines += [raw.get("startLine")]
        self.line = min((n for n in lines if isinstance(n, int)), default=10 ** 9)
        self.id = ""
        self.relation_notes: list = []  # argmap's own: the notes and evidence of relations

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.title)

    def wanted_id(self) -> str | None:
        if _ID.match(self.title):
            return self.title
        if _UNTITLED.match(self.title):
            return None  # the Draft makes one from the text
        from .draft import slug

        return slug(self.title)

    def label(self) -> str:
        return f"<{self.title}>" if self.kind == "argument" else f"[{self.title}]"


class _Reader:
    def __init__(self, doc, path: str, tags_as: str, front: dict):
        if not isinstance(doc, dict) or not isinstance(doc.get("statements"), dict) \
                or not isinstance(doc.get("arguments"), dict) \
                or not isinstance(doc.get("relations"), list):
            raise ImportProblem(path, "not Argdown JSON: expected an object with "
                                "'statements', 'arguments' and 'relations' (argdown json "
                                "FILE DIR writes it)")
        self.doc, self.path, self.tags_as, self.front = doc, path, tags_as, front
        self.sections = self._sections()
        self.meta = self._metadata()
        self.stands = self._select()
        self.items: dict[tuple[str, str], _Item] = {}
        for title, raw in _dicts(doc["statements"]).items():
            if self.stands.get(("statement", title)) == ("statement", title):
                self.items[("statement", title)] = _Item("statement", title, raw)
        for title, raw in _dicts(doc["arguments"]).items():
            self.items[("argument", title)] = _Item("argument", title, raw)
        self.relations = self._relations()

    # the document ---------------------------------------------------------------------
    def _sections(self) -> dict[str, dict]:
        found: dict[str, dict] = {}
        stack = list(reversed(_list(self.doc.get("sections"))))
        while stack:
            s = stack.pop()
            if isinstance(s, dict) and isinstance(s.get("id"), str):
                found[s["id"]] = s
                stack.extend(reversed(_list(s.get("children"))))
        return found

    def _metadata(self) -> dict:
        for s in self.sections.values():
            data = s.get("data")
            if isinstance(data, dict) and isinstance(data.get(METADATA_KEY), dict):
                return data[METADATA_KEY]
        return {}

    def _section_path(self, section_id) -> str:
        titles, seen = [], set()
        while isinstance(section_id, str) and section_id in self.sections \
                and section_id not in seen:
            seen.add(section_id)
            s = self.sections[section_id]
            titles.append(" ".join(_str(s.get("title")).split()))
            section_id = s.get("parent")
        return " > ".join(reversed(titles))

    def _select(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Which item each statement and argument stands for. Arguments and titled statements
        stand for themselves, as do untitled statements with relations of their own outside
        an argument: what Argdown's map shows by default (StatementSelectionPlugin,
        "with-title"). An untitled statement inside an argument's premise-conclusion
        structure stands for that argument, as in Argdown's map, where its relations are the
        argument's. Other untitled statements (paragraphs of prose) are left out."""
        owner: dict[str, str] = {}
        for title, raw in _dicts(self.doc["arguments"]).items():
            for s in _list(raw.get("pcs")):
                if isinstance(s, dict) and isinstance(s.get("title"), str):
                    owner.setdefault(s["title"], title)
        stands: dict[tuple[str, str], tuple[str, str]] = {}
        for title in _dicts(self.doc["arguments"]):
            stands[("argument", title)] = ("argument", title)
        for title, raw in _dicts(self.doc["statements"]).items():
            shown = (not _UNTITLED.match(title)
                     or (_list(raw.get("relations")) and title not in owner)
                     or (isinstance(raw.get("data"), dict) and raw["data"].get("isInMap")))
            if shown:
                stands[("statement", title)] = ("statement", title)
            elif title in owner:
                stands[("statement", title)] = ("argument", owner[title])
        return stands

    def _endpoint(self, type_, title) -> tuple[str, str] | None:
        kind = "argument" if type_ in ("argument", "inference") else "statement"
        if (kind, title) not in self.stands:
            known = title in _dicts(self.doc["arguments" if kind == "argument"
                                             else "statements"])
            if known:
                return None  # a paragraph of prose: left out
            raise ImportProblem(self.path, f"a relation names {type_} '{title}', which the "
                                "file does not define")
        return self.stands[(kind, title)]

    def _relations(self) -> list[tuple[tuple, str, tuple]]:
        """``(source, Argdown relation type, target)`` for every relation: the file's own,
        then those its premise-conclusion structures imply (a premise supports its argument,
        which supports its main conclusion), between the items they stand for."""
        out = []
        for r in _list(self.doc["relations"]):
            if not isinstance(r, dict) or not isinstance(r.get("from"), str) \
                    or not isinstance(r.get("to"), str):
                raise ImportProblem(self.path, "not Argdown JSON: a relation without "
                                    "'from' and 'to'")
            out.append((self._endpoint(r.get("fromType"), r["from"]),
                        _str(r.get("relationType")), self._endpoint(r.get("toType"), r["to"])))
        for item in self.items.values():
            for s in _list(item.raw.get("pcs")) if item.kind == "argument" else ():
                if not isinstance(s, dict):
                    continue
                statement = self.stands.get(("statement", _str(s.get("title"))))
                if s.get("role") == "main-conclusion":
                    out.append((item.key, "support", statement))
                else:
                    out.append((statement, "support", item.key))
        return [(a, kind, b) for a, kind, b in out if a and b and a != b]

    # what becomes what ----------------------------------------------------------------
    def _resolutions(self) -> set[tuple[str, str]]:
        leaving = {source for source, _, _ in self.relations}
        if isinstance(self.meta.get("resolutions"), list):
            return {("statement", t) for t in self.meta["resolutions"] if isinstance(t, str)
                    and ("statement", t) in self.items and ("statement", t) not in leaving}
        reached = {target for _, _, target in self.relations}
        undercut = {target for _, kind, target in self.relations if kind == "undercut"}
        return {key for key, item in self.items.items()
                if item.kind == "statement" and key in reached and key not in leaving
                and key not in undercut and not item.tags and not item.data
                and item.raw.get("isUsedAsTopLevelStatement")}

    def draft(self) -> Draft:
        meta, front = self.meta, self.front
        title = _str(meta.get("title")) or _str(front.get("title")) or Path(self.path).stem
        d = Draft(title=" ".join(title.split()), question=_str(meta.get("question")) or None)
        self.d = d
        self.perspective_of: dict[str, str] = {}  # tag -> perspective id
        self.topic_of: dict[str, str] = {}  # tag -> topic id
        for p in _list(meta.get("perspectives")):
            if isinstance(p, dict) and _str(p.get("id")):
                self.perspective_of[p["id"]] = d.add_perspective(
                    _str(p.get("label")) or p["id"], p["id"], _str(p.get("summary")) or None,
                    _str(p.get("color")) or None)
        for t in _list(meta.get("topics")):
            if isinstance(t, dict) and _str(t.get("id")):
                self.topic_of[t["id"]] = d.add_topic(_str(t.get("label")) or t["id"], t["id"])
        self.source_of = self._sources()

        resolutions = self._resolutions()
        ordered = sorted(self.items.values(), key=lambda i: (i.line, i.kind, i.title))
        for item in ordered:
            if item.key in resolutions:
                item.id = d.add_resolution(item.text, item.wanted_id())
            else:
                item.id = self._claim(item)
        self._relate(resolutions)
        return d

    def _sources(self) -> dict[str, str]:
        ids: dict[str, str] = {}
        entries = []
        for s in _list(self.meta.get("sources")):
            if not isinstance(s, dict) or not _str(s.get("id")):
                continue
            fields = {k: s[k] for k in _SOURCE_KEYS if _str(s.get(k))}
            if _str(s.get("perspective")) in self.perspective_of:
                fields["perspective"] = self.perspective_of[s["perspective"]]
            ids[s["id"]] = self.d.add_source(_str(s.get("title")) or s["id"], s["id"],
                                             **fields)
            entries.append((self.d.sources[-1], s.get("cites")))
        for entry, cites in entries:  # a source may cite one listed after it
            known = [ids[c] for c in _list(cites) if isinstance(c, str) and c in ids]
            if known:
                entry["cites"] = known
        return ids

    def _source(self, name: str) -> str:
        """The id of source ``name`` from a claim's evidence, added (titled by its name) when
        the file did not list it."""
        if name not in self.source_of:
            self.source_of[name] = self.d.add_source(name, name)
        return self.source_of[name]

    def _evidence(self, items) -> list[dict] | None:
        """Evidence items as argmap writes them, or None when they are something else."""
        if not isinstance(items, list) or not all(
                isinstance(e, dict) and _str(e.get("source")) and set(e) <= set(_EVIDENCE_KEYS)
                and all(isinstance(v, str) for v in e.values()) for e in items):
            return None
        out = []
        for e in items:
            item = {k: e[k] for k in _EVIDENCE_KEYS if e.get(k)}
            item["source"] = self._source(e["source"])
            if item.get("traced_to"):
                item["traced_to"] = self._source(item["traced_to"])
            out.append(item)
        return out

    def _claim(self, item: _Item) -> str:
        d = self.d
        perspective, topics, other_tags = None, [], []
        for tag in item.tags:
            if tag in self.topic_of:
                topics.append(self.topic_of[tag])
            elif tag in self.perspective_of and perspective is None:
                perspective = self.perspective_of[tag]
            elif tag in self.perspective_of:
                other_tags.append(tag)  # a claim has one perspective: the first tag's
            elif self.tags_as == "topics":
                self.topic_of[tag] = d.add_topic(tag)
                topics.append(self.topic_of[tag])
            elif perspective is None and not self.meta:
                perspective = self.perspective_of[tag] = d.add_perspective(tag)
            else:
                other_tags.append(tag)
        if perspective is None:
            perspective = d.add_perspective(
                UNATTRIBUTED, summary="Claims the imported file did not attribute to a side.")

        data = dict(item.data)
        kind = data.pop("kind") if data.get("kind") in CLAIM_KINDS else None
        evidence = self._evidence(data.get("evidence"))
        if evidence is not None:
            data.pop("evidence")
        agreed = data.get("agreed_by")
        agreed_by = []
        if isinstance(agreed, list) and all(isinstance(a, str) and a in self.perspective_of
                                            for a in agreed):
            agreed_by = [self.perspective_of[a] for a in data.pop("agreed_by")
                         if self.perspective_of[a] != perspective]
        own = data.pop("note") if _str(data.get("note")) else ""  # argmap's note, verbatim
        notes = []
        if isinstance(data.get("relation_notes"), list):
            item.relation_notes = data.pop("relation_notes")

        wanted = item.wanted_id()
        if wanted is not None and wanted != item.title:
            notes.append(f"Argdown {item.kind} {item.label()}")
        notes += [f"Also written as: {text}" for text in item.others]
        pcs = self._pcs(item)
        if pcs:
            notes.append(f"Premise-conclusion structure: {pcs}")
        section = self._section_path(item.raw.get("section"))
        if section:
            notes.append(f"Argdown section: {section}")
        if other_tags:
            notes.append("Argdown tags: " + " ".join(f"#{t}" for t in other_tags))
        if data:
            notes.append("Argdown data: " + json.dumps(data, ensure_ascii=False,
                                                       sort_keys=True))
        return d.add_claim(item.text, perspective, wanted, kind=kind, tags=topics,
                           evidence=evidence or (), agreed_by=agreed_by,
                           note=" ".join([own] * bool(own) + [_sentence(n) for n in notes])
                           or None)

    def _pcs(self, item: _Item) -> str:
        """An argument's premise-conclusion structure as one line: ``(1) … (2) … --
        rule -- (3) …``."""
        parts = []
        for n, s in enumerate((s for s in _list(item.raw.get("pcs")) if isinstance(s, dict)),
                              start=1):
            inference = s.get("inference")
            if isinstance(inference, dict):
                rules = ", ".join(r for r in _list(inference.get("inferenceRules"))
                                  if isinstance(r, str))
                parts.append(f"-- {rules} --" if rules else "--")
            statement = self.items.get(("statement", _str(s.get("title"))))
            text = _plain(s) or (statement.text if statement else "")
            title = _str(s.get("title"))
            named = f"[{title}]: " if title and not _UNTITLED.match(title) else ""
            parts.append(f"({n}) {named}{text}")
        return " ".join(parts)

    def _relate(self, resolutions: set) -> None:
        for source, kind, target in self.relations:
            if source in resolutions:
                continue  # a resolution states; it relates to nothing (argmap has no field)
            src, dst = self.items[source], self.items[target]
            if kind == "undercut" and target in resolutions:
                self._add(src, "attacks", dst, "An undercut in the Argdown map (of a "
                                               "statement read here as a resolution).")
            elif kind in ("support", "entails", "attack", "undercut"):
                relation = {"support": "supports", "entails": "supports", "attack": "attacks",
                            "undercut": "undercuts"}[kind]
                self._add(src, relation, dst, "Argdown: entails." if kind == "entails" else "")
            elif kind in ("contrary", "contradictory"):
                self._add(src, "attacks", dst, f"Argdown: {kind}.")
                if kind == "contradictory" and target not in resolutions:
                    self._add(dst, "attacks", src, f"Argdown: {kind}.")

    def _add(self, src: _Item, kind: str, dst: _Item, note: str) -> None:
        evidence = []
        for r in src.relation_notes:
            if isinstance(r, dict) and r.get("kind") == kind and r.get("target") == dst.title:
                note = _str(r.get("note")) or note
                evidence = self._evidence(r.get("evidence")) or []
        self.d.relate(src.id, kind, dst.id, note or None, evidence)
