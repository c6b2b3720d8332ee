"""The YAML format as data: which keys each object takes, which are required, of what type.

This table is the single description of the contract in docs/format.md; the validator walks it
and ``argmap schema`` can print it.
"""

from __future__ import annotations

import re

from .model import CLAIM_KINDS, SOURCE_TYPES, WORK_TYPES

__all__ = ["ID_RE", "Field", "DEBATE", "PERSPECTIVE", "RESOLUTION", "TOPIC", "CLAIM",
           "EVIDENCE", "RELATION", "SOURCE", "DATA_FILE", "COLOR_RE", "DOI_RE", "DEFAULT_PALETTE"]

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")
DOI_RE = re.compile(r"10\.\d{4,9}/\S+\Z")
COLOR_RE = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z")

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies; the
# first two (blue, orange) carry no good/bad connotation.
DEFAULT_PALETTE = ("#0072B2", "#E69F00", "#56B4E9", "#CC79A7", "#009E73", "#F0E442",
                   "#D55E00", "#000000")


class Field:
    """One key of an object: ``kind`` is one of text, id, ids, enum, url, doi, color, list, relations.

    ``list`` fields hold mappings described by ``item`` (another field table).
    """

    __slots__ = ("kind", "required", "choices", "item")

    def __init__(self, kind: str, required: bool = False, choices: tuple = (), item=None):
        self.kind, self.required, self.choices, self.item = kind, required, choices, item


EVIDENCE = {
    "source": Field("id", required=True),
    "quote": Field("text"),
    "finding": Field("text"),
    "locator": Field("text"),
    "traced_to": Field("id"),
}

RELATION = {  # the mapping form of one item of supports / attacks / undercuts
    "target": Field("id", required=True),
    "note": Field("text"),
    "evidence": Field("list", item=EVIDENCE),
}

CLAIM = {
    "id": Field("id", required=True),
    "perspective": Field("id", required=True),
    "text": Field("text", required=True),
    "kind": Field("enum", choices=CLAIM_KINDS),
    "tags": Field("ids"),
    "agreed_by": Field("ids"),
    "evidence": Field("list", item=EVIDENCE),
    "supports": Field("relations"),
    "attacks": Field("relations"),
    "undercuts": Field("relations"),
    "note": Field("text"),
}

SOURCE = {
    "id": Field("id", required=True),
    "title": Field("text", required=True),
    "author": Field("text"),
    "publisher": Field("text"),
    "type": Field("enum", choices=SOURCE_TYPES),
    "work": Field("enum", choices=WORK_TYPES),
    "container_title": Field("text"),
    "volume": Field("text"),
    "issue": Field("text"),
    "pages": Field("text"),
    "doi": Field("doi"),
    "perspective": Field("id"),
    "url": Field("url"),
    "published": Field("text"),
    "accessed": Field("text"),
    "archive": Field("text"),
    "cites": Field("ids"),
}

PERSPECTIVE = {
    "id": Field("id", required=True),
    "label": Field("text"),
    "summary": Field("text"),
    "color": Field("color"),
}

RESOLUTION = {
    "id": Field("id", required=True),
    "text": Field("text", required=True),
}

TOPIC = {
    "id": Field("id", required=True),
    "label": Field("text"),
}

DATA_FILE = {  # any *.yaml in the folder
    "claims": Field("list", item=CLAIM),
    "sources": Field("list", item=SOURCE),
}

DEBATE = {  # debate.yaml; it may hold claims and sources too
    "title": Field("text", required=True),
    "question": Field("text"),
    "perspectives": Field("list", required=True, item=PERSPECTIVE),
    "resolutions": Field("list", item=RESOLUTION),
    "topics": Field("list", item=TOPIC),
    "archives": Field("texts"),
    **DATA_FILE,
}
