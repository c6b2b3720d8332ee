"""The debate as an Argdown document (argdown.org), which the Argdown CLI parses without an
error or a warning into exactly one statement per claim and resolution and one relation per
relation.

Layout::

    ===
    title: "…"
    subTitle: "…"                                 the question, which Argdown's HTML shows
    color: {tagColors: {perspective-id: "#…"}}    claims take their side's colour in the map
    ===

    [resolution-id]: text
        + [claim-id]: text #perspective #topic {kind: …, evidence: […]}
            - [other-claim]: text #other-perspective
        _ [claim-id]                               reached again: a reference, not a copy

    # argmap data {isGroup: false, argmap: {title, question, perspectives, topics,
                   resolutions, sources}}

Each claim is written once, as a titled statement ``[id]: text``, under the first claim or
resolution it relates to; every other relation reaching it is written with a reference
``[id]``. A statement's children are the claims that support (``+``), attack (``-``) or
undercut (``_``) it, so each relation is written exactly once, under its target. Trees start
at the resolutions, then at claims that relate to nothing, then (for claims only reachable
through a cycle) at the first claim not yet written.

Argdown's data (``{…}``, YAML) keeps what it has no syntax for: a claim's ``kind``,
``evidence`` (source, quote, finding, locator, traced_to), ``note``, ``agreed_by`` and the notes
and evidence of its relations (``relation_notes``). The title, question, perspectives,
topics, resolution ids and sources (without ``archive``, a file of the exporting machine) are
data on a heading at the end: the CLI's JSON does not include the front matter, and a
heading's data survives into its ``sections``. ``isGroup: false`` keeps the heading out of
the map.

Escaping follows Argdown's lexer (packages/argdown-core/src/lexer.ts): text is one line
(whitespace collapsed), and every character that could start Argdown syntax where it stands
is preceded by a backslash, which Argdown drops again. Data is flow YAML written as JSON,
with ``{``, ``}`` and line separators inside strings written as ``\\u`` escapes, since
Argdown finds the end of a data block by its braces before YAML reads it.
"""

from __future__ import annotations

import json
import re
import unicodedata

import networkx as nx

from ..graph import perspectives_of, relation_edges
from ..lookup import node_ids
from ..model import Debate

__all__ = ["to_argdown", "argdown_text", "argdown_data", "argdown_tag", "METADATA_KEY"]

# The key of the heading data that carries the debate's own fields; the importer looks for it.
METADATA_KEY = "argmap"
METADATA_HEADING = "argmap data"

# A child line's relation to its parent (the claim it is written under).
_SYMBOL = {"supports": "+", "attacks": "-", "undercuts": "_"}
_INDENT = "    "

# Characters that start Argdown syntax anywhere in a line: titles and references ([ ] < >),
# data ({ }), tags (#), bold and italic (* _) and the escape itself.
_ALWAYS = set("\\[]<>{}#*_")
# Argdown's "special characters" (shortcodes such as .^. or :heart:): a . or : that opens
# one of these would be replaced by a symbol.
_SPECIAL = re.compile(r"\.[^\s]+?\.|:[^\s]+?:")
_PLAIN_TAG = re.compile(r"[A-Za-z0-9-]+\Z")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_BRACES = {"{": "\\u007b", "}": "\\u007d"}


def argdown_text(text: str) -> str:
    """``text`` as Argdown free text on one line, read back by Argdown as the same words
    (whitespace collapsed)."""
    text = " ".join(text.split())
    out = []
    for i, c in enumerate(text):
        nxt = text[i + 1:i + 2]
        if (c in _ALWAYS
                or (c == "/" and text[i - 1:i] == "/")  # // starts a comment
                or (c == "=" and nxt == "=")  # === starts front matter, anywhere
                or (c in ".:" and _SPECIAL.match(text, i))):
            out.append("\\")
        out.append(c)
    return "".join(out)


def argdown_tag(name: str) -> str:
    """``#name``, or ``#(name)`` when the name has characters a bare tag cannot hold."""
    return f"#{name}" if _PLAIN_TAG.match(name) else f"#({name})"


def _string(value: str) -> str:
    """A double-quoted YAML (and JSON) string that holds no brace, line separator or
    control character as itself."""
    encoded = json.dumps(value, ensure_ascii=False)
    return "".join(_BRACES.get(c) or (json.dumps(c)[1:-1] if unicodedata.category(c) in
                   ("Zl", "Zp", "Cc", "Cf") else c) for c in encoded)


def argdown_data(value) -> str:
    """``value`` (mappings, lists, strings, numbers, booleans) as one line of flow YAML that
    Argdown's lexer keeps whole and js-yaml reads back as ``value``."""
    if isinstance(value, dict):
        items = (f"{k if _PLAIN_KEY.match(k) else _string(k)}: {argdown_data(v)}"
                 for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(argdown_data(v) for v in value) + "]"
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return _string(str(value))


def _compact(d: dict) -> dict:
    """``d`` without empty values: the data stays short, and absent means empty."""
    return {k: v for k, v in d.items() if v not in ("", None, [], (), {})}


def _evidence(items: list[dict]) -> list[dict]:
    return [_compact({k: e.get(k, "") for k in ("source", "quote", "finding", "locator",
                                                 "traced_to")}) for e in items]


_SOURCE_FIELDS = ("title", "author", "publisher", "source_type", "work", "container_title",
                  "volume", "issue", "pages", "doi", "perspective", "url", "published",
                  "accessed")


def _metadata(graph: nx.MultiDiGraph) -> dict:
    sources = []
    for s in node_ids(graph, "source"):
        d = graph.nodes[s]
        item = {"id": s}
        item.update(_compact({("type" if k == "source_type" else k): d.get(k, "")
                              for k in _SOURCE_FIELDS}))
        cites = [v for _, v, k in graph.out_edges(s, keys=True) if k == "cites"]
        if cites:
            item["cites"] = cites
        sources.append(item)
    return _compact({
        "title": graph.graph.get("title", ""),
        "question": graph.graph.get("question", ""),
        "perspectives": [_compact(dict(p)) for p in perspectives_of(graph)],
        "topics": [dict(t) for t in graph.graph.get("topics", [])],
        "resolutions": node_ids(graph, "resolution"),
        "sources": sources,
    })


def _front_matter(graph: nx.MultiDiGraph) -> list[str]:
    # Front matter is YAML that Argdown also reads as settings; strings are JSON-quoted, with
    # '=' escaped because three of them anywhere would end the front matter.
    def q(s: str) -> str:
        return _string(s).replace("=", "\\u003d")

    lines = ["==="]
    lines.append(f"title: {q(graph.graph.get('title', ''))}")
    if graph.graph.get("question"):
        lines.append(f"subTitle: {q(graph.graph['question'])}")
    colours = [(p["id"], p["color"]) for p in perspectives_of(graph) if p.get("color")]
    if colours:
        lines += ["color:", "    tagColors:"]
        lines += [f"        {q(pid)}: {q(colour)}" for pid, colour in colours]
    lines.append("===")
    return lines


class _Writer:
    """Writes the relation trees; knows which statements are already defined."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.incoming: dict[str, list[tuple[str, str]]] = {}
        self.outgoing: dict[str, list[tuple[str, str, dict]]] = {}
        for u, v, data in relation_edges(graph):
            self.incoming.setdefault(v, []).append((u, data["type"]))
            self.outgoing.setdefault(u, []).append((v, data["type"], data))
        self.defined: set[str] = set()
        self.lines: list[str] = []

    def definition(self, node: str) -> str:
        d = self.graph.nodes[node]
        line = f"[{node}]: {argdown_text(d['text'])}"
        if d["type"] != "claim":
            return line
        tags = [d["perspective"], *d.get("tags", [])]
        line += " " + " ".join(argdown_tag(t) for t in dict.fromkeys(tags))
        notes = [_compact({"kind": kind, "target": target, "note": data.get("note", ""),
                           "evidence": _evidence(data.get("evidence", []))})
                 for target, kind, data in self.outgoing.get(node, [])
                 if data.get("note") or data.get("evidence")]
        data = _compact({"kind": d.get("kind", ""), "evidence": _evidence(d["evidence"]),
                         "note": d.get("note", ""), "agreed_by": list(d.get("agreed_by", [])),
                         "relation_notes": notes})
        return f"{line} {argdown_data(data)}" if data else line

    def tree(self, root: str) -> None:
        """The tree under ``root``: depth first, with an explicit stack (a debate can be
        deeper than Python's recursion limit)."""
        self.defined.add(root)
        self.lines.append(self.definition(root))
        stack = [(root, 1, iter(self.incoming.get(root, [])))]
        while stack:
            _, depth, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            source, kind = child
            prefix = _INDENT * depth + _SYMBOL[kind] + " "
            if source in self.defined:
                self.lines.append(f"{prefix}[{source}]")
                continue
            self.defined.add(source)
            self.lines.append(prefix + self.definition(source))
            stack.append((source, depth + 1, iter(self.incoming.get(source, []))))


def to_argdown(debate: Debate | None, graph: nx.MultiDiGraph) -> str:
    """The debate as an Argdown document (see the module docstring)."""
    writer = _Writer(graph)
    claims = node_ids(graph, "claim")
    roots = node_ids(graph, "resolution") + \
        [c for c in claims if c not in writer.outgoing] + claims
    blocks = [_front_matter(graph)]
    for root in roots:
        if root not in writer.defined:
            writer.lines = []
            writer.tree(root)
            blocks.append(writer.lines)
    blocks.append([f"# {argdown_text(METADATA_HEADING)} "
                   f"{argdown_data({'isGroup': False, METADATA_KEY: _metadata(graph)})}"])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
