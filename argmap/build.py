"""``argmap build``: load, check, render every output in memory, then write.

The rule (from MkDocs): gather all data first, then write. A debate with errors writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .loader import CheckResult, check
from .writing import write_all

__all__ = ["BuildResult", "render_outputs", "build"]


@dataclass
class BuildResult:
    check: CheckResult
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def render_outputs(result: CheckResult) -> tuple[dict[str, str | bytes], list[str]]:
    """Every default output as ``{relative file name: content}``, plus notes for the user."""
    from .export.jsongraph import to_node_link_json
    from .graph import build_graph

    graph = build_graph(result.debate)
    files: dict[str, str | bytes] = {"argmap.json": to_node_link_json(graph)}
    notes: list[str] = []
    return files, notes


def build(root: str, out_dir: str = "output", archives: tuple[str, ...] = (),
          strict: bool = False) -> BuildResult:
    """Build every output of the debate in ``root`` into ``out_dir``.

    Nothing is written when the data has errors (check ``result.check.ok``).
    """
    result = check(root, archives, strict=strict)
    if not result.ok:
        return BuildResult(result)
    files, notes = render_outputs(result)
    return BuildResult(result, write_all(out_dir, files), notes)
