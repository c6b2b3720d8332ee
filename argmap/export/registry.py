"""Export formats by name, for ``argmap export --format NAME``.

Each format is ``name: (module, function, help)``; the function takes ``(debate, graph)``
and returns the file's text. Modules are imported only when their format is used, so the
CLI stays quick. To add a format, write its module in ``argmap/export/`` and add a line here.

A format named in :data:`FOLDER_FORMATS` writes a folder: its function returns
``{file name: text}``, and ``argmap export`` writes the files all or none (``-o`` required).

A format named in :data:`RECORDS_FORMATS` reads only what :class:`argmap.graph.GraphRecords`
offers, so ``argmap export`` hands it the graph's records and never imports networkx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING
from collections.abc import Callable

if TYPE_CHECKING:  # the CLI imports this module at start-up: keep networkx out of it
    import networkx as nx

    from ..graph import GraphRecords
    from ..model import Debate

__all__ = ["FORMATS", "FOLDER_FORMATS", "RECORDS_FORMATS", "names", "exporter", "describe",
           "is_folder", "reads_records"]

Exporter = Callable[["Debate", "nx.MultiDiGraph | GraphRecords"], str]

FORMATS: dict[str, tuple[str, str, str]] = {
    "csl-json": ("argmap.export.citations", "to_csl_json",
                 "the sources as CSL-JSON (Zotero, pandoc --citeproc)"),
    "bibtex": ("argmap.export.citations", "to_bibtex", "the sources as BibTeX entries"),
    "graphml": ("argmap.export.graphfiles", "to_graphml",
                "the graph as GraphML (yEd, Gephi; lists as JSON text)"),
    "json": ("argmap.export.graphfiles", "to_json", "the graph as node-link JSON (networkx)"),
    "csv": ("argmap.export.csvtables", "to_csv_tables",
            "a folder of CSV tables: claims, evidence, relations, sources, debate"),
    "mermaid": ("argmap.export.mermaid", "to_mermaid",
                "a Mermaid flowchart for Markdown pages"),
    "aif": ("argmap.export.aif", "to_aif",
            "AIF JSON (AIFdb, OVA, arguebuf), sources and speakers as locutions"),
    "kialo": ("argmap.export.kialo", "to_kialo", "Kialo's text export (Pro/Con tree)"),
    "argdown": ("argmap.export.argdown", "to_argdown",
                "an Argdown document (argdown.org): claims as statements, evidence as data"),
    "dot": ("argmap.export.dot", "to_dot",
            "the Graphviz source of the map alone (the build's map.dot; no layout run)"),
}


FOLDER_FORMATS = frozenset({"csv"})

RECORDS_FORMATS = frozenset({"dot"})


def is_folder(name: str) -> bool:
    """Whether format ``name`` writes a folder of files rather than one file."""
    return name in FOLDER_FORMATS


def reads_records(name: str) -> bool:
    """Whether format ``name`` takes the graph's records instead of the networkx graph."""
    return name in RECORDS_FORMATS


def names() -> list[str]:
    return list(FORMATS)


def exporter(name: str) -> Exporter:
    """The function that writes format ``name``; KeyError for an unknown name."""
    module, function, _ = FORMATS[name]
    return getattr(importlib.import_module(module), function)


def describe(name: str) -> str:
    return FORMATS[name][2]
