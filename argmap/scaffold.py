"""``argmap new``: a starter debate folder that passes ``argmap check`` as written.

Each YAML file starts with a line that points editors with a YAML language server (VS Code's
Red Hat YAML extension, among others) at the format's JSON Schema, written beside them
(``argmap schema``): they then complete keys and explain each one while the file is typed.
"""

from __future__ import annotations

import json
import os

from .errors import FileExists, FolderNotEmpty
from .writing import write_all

__all__ = ["new_debate", "STARTER", "SCHEMAS"]

# The schema files `new` writes, and the line that points a YAML file at its schema.
SCHEMAS = {"debate.schema.json": True, "argmap.schema.json": False}  # name: of debate.yaml?
_DEBATE_LINE = "# yaml-language-server: $schema=debate.schema.json\n"
_FILE_LINE = "# yaml-language-server: $schema=argmap.schema.json\n"

STARTER = {
    "debate.yaml": _DEBATE_LINE + """\
# The debate: its title, the perspectives in it, and the propositions debated.
title: Your debate's title
question: The question in neutral words?
perspectives:
  - id: side-a
    label: First perspective
    summary: One line its own advocates would accept.
  - id: side-b
    label: Second perspective
    summary: One line its own advocates would accept.
resolutions:
  - id: the-motion
    text: The proposition being debated.
topics:
  - id: first-topic
    label: First topic
archives: [archive]   # folders of plain-text snapshots of the sources, to verify quotes
""",
    "side-a.yaml": _FILE_LINE + """\
claims:
  - id: a-first-claim
    perspective: side-a
    text: A claim of the first perspective, in a paraphrase its advocates would accept.
    kind: empirical
    tags: [first-topic]
    evidence:
      - source: example-source
        quote: "The words of the source, verbatim."
        locator: p. 1
    supports: [the-motion]
""",
    "side-b.yaml": _FILE_LINE + """\
claims:
  - id: b-first-claim
    perspective: side-b
    text: A claim of the second perspective that answers the first.
    kind: empirical
    tags: [first-topic]
    evidence:
      - source: example-source
        quote: "Other words of the source, verbatim."
        locator: p. 2
    attacks:
      - target: a-first-claim
        note: What the two claims disagree about, in neutral words
""",
    "sources.yaml": _FILE_LINE + """\
sources:
  - id: example-source
    title: Title of the source
    publisher: Who published it
    type: academic
    url: https://example.org/
    published: "2024"
    archive: example-source.txt
""",
    "archive/example-source.txt": "A plain-text snapshot of the source. The words of the "
                                  "source, verbatim. Other words of the source, verbatim.\n",
}


def new_debate(folder: str) -> list[str]:
    """Write the starter debate into ``folder`` (which must be empty or new)."""
    if os.path.isdir(folder) and os.listdir(folder):
        raise FolderNotEmpty(folder)
    from .jsonschema import json_schema

    files = dict(STARTER)
    for name, of_debate in SCHEMAS.items():
        files[name] = json.dumps(json_schema(of_debate), indent=2) + "\n"
    return write_all(folder, files)


def new_spreadsheet(path: str) -> str:
    """Write the spreadsheet template (the header of ``argmap import --from csv`` and three
    example rows) to ``path``, which must not exist yet."""
    from .csvsafe import csv_text
    from .imports.spreadsheet import TEMPLATE
    from .writing import write_atomic

    if os.path.lexists(path):
        raise FileExists(path)
    write_atomic(path, csv_text(TEMPLATE))
    return path
