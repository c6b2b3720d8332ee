"""Helpers for the interchange tests (AIF, Kialo): the real arguebuf, and a debate's graph
with its ids taken out, so that two debates can be compared "ids aside"."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.loader import check

HERE = Path(__file__).parent
COUNTS_SCRIPT = HERE / "peers" / "arguebuf_counts.py"


def arguebuf_python() -> str:
    """The python that has arguebuf: ``ARGMAP_ARGUEBUF_PYTHON`` (set by ``.ci/run``), else
    this python when it can import arguebuf. Absent: a skip here, a failure in CI."""
    configured = os.environ.get("ARGMAP_ARGUEBUF_PYTHON")
    if configured:
        if not os.access(configured, os.X_OK):
            pytest.fail(f"ARGMAP_ARGUEBUF_PYTHON={configured} is not an executable")
        return configured
    if importlib.util.find_spec("arguebuf") is not None:
        return sys.executable
    if os.environ.get("CI") == "true":
        pytest.fail("arguebuf is not installed: .ci/run installs it and sets "
                    "ARGMAP_ARGUEBUF_PYTHON; in CI these tests may not skip")
    pytest.skip("arguebuf is not installed (set ARGMAP_ARGUEBUF_PYTHON to a python that has it)")


def arguebuf_counts(fmt: str, *paths: Path) -> list[dict]:
    """What the real arguebuf reads from each file (see tests/peers/arguebuf_counts.py)."""
    done = subprocess.run([arguebuf_python(), str(COUNTS_SCRIPT), fmt, *map(str, paths)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def load(folder) -> object:
    result = check(str(folder), cache=False)
    assert result.ok, [str(d) for d in result.diagnostics if d.severity == "error"]
    return result.debate


def _text(debate, node_id: str) -> str:
    if node_id in debate.claims_by_id:
        return debate.claims_by_id[node_id].text
    return debate.resolutions_by_id[node_id].text


def relations(debate, undercut_as_attack: bool = False, notes: bool = True) -> list[tuple]:
    """``(claim text, kind, target text, note)`` for every relation, sorted."""
    out = []
    for c in debate.claims:
        for r in c.relations:
            kind = "attacks" if undercut_as_attack and r.kind == "undercuts" else r.kind
            out.append((c.text, kind, _text(debate, r.target), r.note if notes else ""))
    return sorted(out)


def _source(debate, source_id: str) -> dict:
    s = debate.sources_by_id[source_id]
    fields = ("title", "author", "publisher", "type", "work", "container_title", "volume",
              "issue", "pages", "doi", "url", "published", "accessed")
    out = {f: getattr(s, f) for f in fields}
    out["cites"] = sorted(debate.sources_by_id[c].title for c in s.cites)
    out["perspective"] = (debate.perspectives_by_id[s.perspective].label
                          if s.perspective else "")
    return out


def _evidence(debate, items) -> list[tuple]:
    return sorted((debate.sources_by_id[e.source].title, e.quote, e.finding, e.locator,
                   debate.sources_by_id[e.traced_to].title if e.traced_to else "")
                  for e in items)


def graph_without_ids(debate) -> dict:
    """Everything a debate says, with each id replaced by the text or label it stands for
    (archive snapshots aside: they are files, not part of the map)."""
    label = {p.id: p.label for p in debate.perspectives}
    topic = {t.id: t.label for t in debate.topics}
    claims = {}
    for c in debate.claims:
        claims[c.text] = {
            "perspective": label[c.perspective], "kind": c.kind, "note": c.note,
            "tags": [topic[t] for t in c.tags],
            "agreed_by": sorted(label[p] for p in c.agreed_by),
            "evidence": _evidence(debate, c.evidence),
            "relation_evidence": sorted((r.kind, _text(debate, r.target),
                                         tuple(_evidence(debate, r.evidence)))
                                        for r in c.relations if r.evidence)}
    return {
        "title": debate.title, "question": debate.question,
        "perspectives": [(p.label, p.summary, p.color) for p in debate.perspectives],
        "topics": [t.label for t in debate.topics],
        "resolutions": [r.text for r in debate.resolutions],
        "claims": claims, "relations": relations(debate),
        "sources": sorted((_source(debate, s.id) for s in debate.sources),
                          key=lambda s: json.dumps(s, sort_keys=True)),
    }
