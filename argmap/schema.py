"""The YAML format as data: which keys each object takes, which are required, of what type.

This table is the single description of the contract in docs/format.md; the validator walks it
and ``argmap schema`` can print it.
"""

from __future__ import annotations

import re

from .model import CLAIM_KINDS, SOURCE_TYPES, WORK_TYPES

__all__ = ["ID_RE", "ID_MAX", "Field", "DEBATE", "PERSPECTIVE", "RESOLUTION", "TOPIC", "CLAIM",
           "EVIDENCE", "RELATION", "SOURCE", "DATA_FILE", "COLOR_RE", "DOI_RE", "DEFAULT_PALETTE"]

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")
# Ids name files (a perspective's brief, a topic's clash sheet) and page anchors; a file name
# has at most 255 bytes, and no one reads an id longer than a sentence.
ID_MAX = 100
DOI_RE = re.compile(r"10\.\d{4,9}/\S+\Z")
COLOR_RE = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z")

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies; the
# first two (blue, orange) carry no good/bad connotation.
DEFAULT_PALETTE = ("#0072B2", "#E69F00", "#56B4E9", "#CC79A7", "#009E73", "#F0E442",
                   "#D55E00", "#000000")


class Field:
    """One key of an object: ``kind`` is one of text, id, ids, enum, url, doi, color, list,
    relations.

    ``list`` fields hold mappings described by ``item`` (another field table). ``doc`` says
    what the key holds and ``examples`` shows values, for people: an editor shows them while
    typing (``argmap schema``), so they are written for someone new to the format.
    """

    __slots__ = ("kind", "required", "choices", "item", "doc", "examples")

    def __init__(self, kind: str, required: bool = False, choices: tuple = (), item=None,
                 doc: str = "", examples: tuple = ()):
        self.kind, self.required, self.choices, self.item = kind, required, choices, item
        self.doc, self.examples = doc, examples


EVIDENCE = {
    "source": Field("id", required=True, doc="The id of the source this evidence comes from "
                    "(declared under 'sources').", examples=("who-2021-report",)),
    "quote": Field("text", doc="The source's own words, verbatim and short; checked against "
                   "the source's archived text when there is one.",
                   examples=("Arrests fell by a third in the first year.",)),
    "finding": Field("text", doc="For a source whose text is not archived: what it reports, in "
                     "a neutral paraphrase. Never shown as a quote.",
                     examples=("Reports a fall in arrests in the first year",)),
    "locator": Field("text", doc="Where in the source: page, section, paragraph or table.",
                     examples=("p. 12", "section 3.2", "table 4")),
    "traced_to": Field("id", doc="The id of the source a figure originates from, when this "
                       "source only repeats it.", examples=("national-survey-2019",)),
}

RELATION = {  # the mapping form of one item of supports / attacks / undercuts
    "target": Field("id", required=True, doc="The id of the claim (or resolution) related to.",
                    examples=("claim-id",)),
    "note": Field("text", doc="What the disagreement (or the link) is about, in neutral "
                  "words.", examples=("Whether the fall in arrests was caused by the law",)),
    "evidence": Field("list", item=EVIDENCE, doc="Evidence for this relation itself: that the "
                      "one claim bears on the other."),
}

_RELATION_DOC = ("A list of ids of claims or resolutions; an item may also be a mapping "
                 "{target, note, evidence} that annotates the relation.")

CLAIM = {
    "id": Field("id", required=True, doc="Unique among claims, sources, resolutions and "
                "perspectives: letters, digits, '-', '_' and '.'.",
                examples=("fewer-arrests",)),
    "perspective": Field("id", required=True, doc="The id of the declared perspective that "
                         "holds the claim.", examples=("side-a",)),
    "text": Field("text", required=True, doc="The claim in a paraphrase its own side would "
                  "sign as fair.", examples=("Arrests fell after the law changed.",)),
    "kind": Field("enum", choices=CLAIM_KINDS, doc="What sort of claim it is."),
    "tags": Field("ids", doc="Topic ids (declared under 'topics' in debate.yaml).",
                  examples=(["health", "policing"],)),
    "agreed_by": Field("ids", doc="Other perspectives that hold the claim too: common ground.",
                       examples=(["side-b"],)),
    "evidence": Field("list", item=EVIDENCE, doc="The evidence for the claim: each item names "
                      "a source and quotes it or states its finding."),
    "supports": Field("relations", doc="What the claim supports. " + _RELATION_DOC,
                      examples=(["the-motion"],)),
    "attacks": Field("relations", doc="What the claim attacks. " + _RELATION_DOC,
                     examples=([{"target": "other-claim",
                                 "note": "What the two disagree about"}],)),
    "undercuts": Field("relations", doc="Claims whose inference this claim attacks (claims "
                       "only). " + _RELATION_DOC, examples=(["other-claim"],)),
    "note": Field("text", doc="Anything a reader should know, in neutral words."),
}

SOURCE = {
    "id": Field("id", required=True, doc="Unique among claims, sources, resolutions and "
                "perspectives; evidence names the source by it.",
                examples=("who-2021-report",)),
    "title": Field("text", required=True, doc="The title of the work.",
                   examples=("Report on the first year of the new law",)),
    "author": Field("text", doc="Authors as 'Family, Given; Family, Given', or an "
                    "organisation.", examples=("Smith, Jane; Lee, Kim",)),
    "publisher": Field("text", doc="The publishing house or organisation."),
    "type": Field("enum", choices=SOURCE_TYPES, doc="What kind of body published it."),
    "work": Field("enum", choices=WORK_TYPES, doc="What kind of work it is, for citation "
                  "managers."),
    "container_title": Field("text", doc="The journal or book it appears in.",
                             examples=("Journal of Policy Studies",)),
    "volume": Field("text", doc="The volume of the journal.", examples=("12",)),
    "issue": Field("text", doc="The issue of the journal.", examples=("3",)),
    "pages": Field("text", doc="The pages of the work in its journal or book.",
                   examples=("45-67",)),
    "doi": Field("doi", doc="The DOI, bare (no https://doi.org/).",
                 examples=("10.1234/abc.5678",)),
    "perspective": Field("id", doc="The perspective the source itself argues for, if any."),
    "url": Field("url", doc="Where to read it: an http or https address.",
                 examples=("https://example.org/report.pdf",)),
    "published": Field("text", doc="When it was published, as written: a year or a date "
                       "(quotes not needed).", examples=("2021", "2021-03-01")),
    "accessed": Field("text", doc="When it was read online, as written.",
                      examples=("2024-05-06",)),
    "archive": Field("text", doc="The file name of its plain-text snapshot in an archive "
                     "folder, to verify quotes against.", examples=("who-2021-report.txt",)),
    "cites": Field("ids", doc="Ids of sources this one relies on.",
                   examples=(["national-survey-2019"],)),
}

PERSPECTIVE = {
    "id": Field("id", required=True, doc="The perspective's id, which claims name in "
                "'perspective'.", examples=("side-a",)),
    "label": Field("text", doc="Its name as shown.", examples=("Supporters of the law",)),
    "summary": Field("text", doc="One line its own advocates would accept."),
    "color": Field("color", doc="Its colour, #rgb or #rrggbb (a colour-blind-safe palette "
                   "fills in the rest).", examples=("#0072B2",)),
}

RESOLUTION = {
    "id": Field("id", required=True, doc="The resolution's id, which claims support or "
                "attack.", examples=("the-motion",)),
    "text": Field("text", required=True, doc="The proposition debated.",
                  examples=("The city should adopt the new law.",)),
}

TOPIC = {
    "id": Field("id", required=True, doc="The topic's id, which claims name in 'tags'.",
                examples=("health",)),
    "label": Field("text", doc="Its name as shown.", examples=("Health",)),
}

DATA_FILE = {  # any *.yaml in the folder
    "claims": Field("list", item=CLAIM, doc="Claims, each held by one perspective."),
    "sources": Field("list", item=SOURCE, doc="Sources that evidence cites."),
}

DEBATE = {  # debate.yaml; it may hold claims and sources too
    "title": Field("text", required=True, doc="The debate's title, in neutral words.",
                   examples=("Should the city adopt the new law?",)),
    "question": Field("text", doc="The question the debate answers, in neutral words."),
    "content_note": Field("text", doc="A content note shown before the map and on the first "
                          "page of every handout: what distressing material the debate "
                          "quotes, in neutral words that take no side.",
                          examples=("The materials quote descriptions of violence and "
                                    "statistics about it.",)),
    "perspectives": Field("list", required=True, item=PERSPECTIVE, doc="The perspectives in "
                          "the debate (at least one)."),
    "resolutions": Field("list", item=RESOLUTION, doc="The propositions debated."),
    "topics": Field("list", item=TOPIC, doc="Labels for claims' 'tags', in display order."),
    "archives": Field("texts", doc="Folders of plain-text snapshots of the sources, relative "
                      "to the debate folder and inside it.", examples=(["archive"],)),
    **DATA_FILE,
}
