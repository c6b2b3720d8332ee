"""Load files with the real arguebuf and print what it read, as JSON (one object per file).

Run by tests/test_interop_aif.py and tests/test_interop_kialo.py with the python of the
environment arguebuf is installed in (``ARGMAP_ARGUEBUF_PYTHON``, set up by ``.ci/run``), so
arguebuf's dependencies never enter argmap's own test environment.

    python arguebuf_counts.py aif FILE...    # arguebuf.load.file (AIF JSON)
    python arguebuf_counts.py kialo FILE...  # arguebuf.load.kialo (Kialo's text export)
"""

import json
import logging
import sys

import arguebuf


class _Count(logging.Handler):
    """Counts arguebuf's warnings (a skipped edge, a node it cannot read)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def counts(fmt, path):
    handler = _Count()
    logging.getLogger("arguebuf").addHandler(handler)
    try:
        if fmt == "kialo":
            with open(path, encoding="utf-8") as fh:
                graph = arguebuf.load.kialo(fh)
        else:
            graph = arguebuf.load.file(path)
    finally:
        logging.getLogger("arguebuf").removeHandler(handler)
    kinds = {}
    for node in graph.scheme_nodes.values():
        name = type(node.scheme).__name__ if node.scheme is not None else "None"
        kinds[name] = kinds.get(name, 0) + 1
    return {"file": path, "atoms": len(graph.atom_nodes), "schemes": len(graph.scheme_nodes),
            "edges": len(graph.edges), "schemes_by_kind": kinds,
            "atom_texts": sorted(n.plain_text for n in graph.atom_nodes.values()),
            "warnings": handler.messages}


if __name__ == "__main__":
    fmt, paths = sys.argv[1], sys.argv[2:]
    print(json.dumps([counts(fmt, p) for p in paths]))
