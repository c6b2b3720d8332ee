"""The debate as a folder of CSV tables, for spreadsheets, pandas, R and Gephi.

Five files, one row per thing, every cell made safe for spreadsheets (:mod:`argmap.csvsafe`);
lists inside a cell are joined with ``;``:

- ``claims.csv``: one row per resolution (``kind`` = ``resolution``) and per claim, with the
  header of the spreadsheet ``argmap import --from csv`` reads (:data:`CLAIM_COLUMNS`), so the
  export is itself a spreadsheet to start from. Its ``source``, ``quote`` and ``locator``
  columns are left empty: every evidence item is in ``evidence.csv``.
- ``evidence.csv``: one row per evidence item, in each claim's order; ``relation`` and
  ``target`` are filled for an item that backs one relation rather than the claim.
- ``relations.csv``: one row per supports / attacks / undercuts, with its note (``source`` and
  ``target`` are the columns Gephi's edge-list import looks for).
- ``sources.csv``: one row per source, every field of the format.
- ``debate.csv``: the title, the question, the perspectives (label, summary, colour) and the
  topics (label), which the other four cannot hold.

``argmap import --from csv claims.csv`` reads the folder back into the same debate.
"""

from __future__ import annotations

import networkx as nx

from ..csvsafe import csv_text
from ..graph import perspectives_of
from ..lookup import node_ids

__all__ = ["to_csv_tables", "CLAIM_COLUMNS", "EVIDENCE_COLUMNS", "RELATION_COLUMNS",
           "SOURCE_COLUMNS", "DEBATE_COLUMNS", "TABLES", "SEPARATOR"]

SEPARATOR = ";"  # between the values of a list in one cell

CLAIM_COLUMNS = ("id", "perspective", "text", "kind", "tags", "supports", "attacks",
                 "undercuts", "source", "quote", "locator", "note", "agreed_by")
EVIDENCE_COLUMNS = ("claim", "source", "quote", "finding", "locator", "traced_to",
                    "relation", "target")
RELATION_COLUMNS = ("source", "kind", "target", "note")
SOURCE_COLUMNS = ("id", "title", "author", "publisher", "type", "work", "container_title",
                  "volume", "issue", "pages", "doi", "perspective", "url", "published",
                  "accessed", "archive", "cites")
DEBATE_COLUMNS = ("part", "id", "label", "text", "color")
TABLES = {"claims.csv": CLAIM_COLUMNS, "evidence.csv": EVIDENCE_COLUMNS,
          "relations.csv": RELATION_COLUMNS, "sources.csv": SOURCE_COLUMNS,
          "debate.csv": DEBATE_COLUMNS}

_RELATIONS = ("supports", "attacks", "undercuts")
_EVIDENCE_FIELDS = ("source", "quote", "finding", "locator", "traced_to")


def _join(values) -> str:
    return SEPARATOR.join(values)


def _relations(graph: nx.MultiDiGraph, claim: str) -> list[tuple[str, str, dict]]:
    """``(kind, target, data)`` of a claim's relations, by kind, then in the graph's order."""
    out = [(d["type"], v, d) for v, keyed in graph.adj[claim].items()
           for d in keyed.values() if d["type"] in _RELATIONS]
    return sorted(out, key=lambda r: _RELATIONS.index(r[0]))


def to_csv_tables(debate, graph: nx.MultiDiGraph) -> dict[str, str]:
    """``{file name: CSV text}`` for the folder (see the module docstring)."""
    rows = {name: [list(columns)] for name, columns in TABLES.items()}
    for r in node_ids(graph, "resolution"):
        rows["claims.csv"].append([r, "", graph.nodes[r]["text"], "resolution"]
                                  + [""] * (len(CLAIM_COLUMNS) - 4))
    for c in node_ids(graph, "claim"):
        d = graph.nodes[c]
        related = _relations(graph, c)
        by_kind = {k: _join(t for kind, t, _ in related if kind == k) for k in _RELATIONS}
        rows["claims.csv"].append([c, d["perspective"], d["text"], d["kind"], _join(d["tags"]),
                                   by_kind["supports"], by_kind["attacks"],
                                   by_kind["undercuts"], "", "", "", d["note"],
                                   _join(d["agreed_by"])])
        for ev in d["evidence"]:
            rows["evidence.csv"].append([c] + [ev[f] for f in _EVIDENCE_FIELDS] + ["", ""])
        for kind, target, data in related:
            rows["relations.csv"].append([c, kind, target, data["note"]])
            for ev in data["evidence"]:
                rows["evidence.csv"].append([c] + [ev[f] for f in _EVIDENCE_FIELDS]
                                            + [kind, target])
    for s in node_ids(graph, "source"):
        d = dict(graph.nodes[s], type=graph.nodes[s]["source_type"])
        cites = [v for v, keyed in graph.adj[s].items() if "cites" in keyed]
        rows["sources.csv"].append([s] + [d.get(f, "") for f in SOURCE_COLUMNS[1:-1]]
                                   + [_join(cites)])
    table = rows["debate.csv"]
    table.append(["title", "", "", graph.graph.get("title") or "", ""])
    if graph.graph.get("question"):
        table.append(["question", "", "", graph.graph["question"], ""])
    if graph.graph.get("content_note"):
        table.append(["content_note", "", "", graph.graph["content_note"], ""])
    for p in perspectives_of(graph):
        table.append(["perspective", p["id"], p["label"], p["summary"], p["color"]])
    for t in graph.graph.get("topics", []):
        table.append(["topic", t["id"], t["label"], "", ""])
    return {name: csv_text(table) for name, table in rows.items()}
