"""Snapshots of every rendered page of the small fixture, for review: a change to a page shows
up as a readable diff. Stylesheets and scripts are replaced by their names and hashes (they
are tested in a browser), so a CSS or JS edit is one changed line here.

Refresh every snapshot after an intended change with one command, and review the diff:

    python tests/test_snapshots.py --update
    (or: ARGMAP_UPDATE_GOLDEN=1 pytest tests/test_snapshots.py)
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"


def placeholders(text: str) -> str:
    """Inline styles and scripts (not the JSON payload) as ``/* name, sha256 … */``."""
    def one(match: re.Match) -> str:
        digest = hashlib.sha256(match.group(2).encode("utf-8")).hexdigest()[:16]
        name = "css" if match.group(1) == "style" else "js"
        return f"<{match.group(1)}>/* {name}, sha256 {digest}… */</{match.group(1)}>"
    return re.sub(r"<(style|script)>(.*?)</\1>", one, text, flags=re.S)


def pages() -> dict[str, str]:
    """Golden file name → the page as rendered now."""
    sys.path.insert(0, str(HERE))
    import argmap
    from argmap.render.briefs import render_briefs
    from argmap.render.flowsheet import render_flow
    from argmap.render.report import render_report_html
    from argmap.render.sources import render_sources_html
    from conftest import FIXTURES

    checked = argmap.check(str(FIXTURES / "small"), cache=False)
    graph = argmap.build_graph(checked.debate)
    uniforms, _ = argmap.load(str(FIXTURES / "uniforms"))
    briefs = render_briefs(checked.debate, graph)
    return {
        "small.sources.html": "".join(render_sources_html(checked.debate, graph)),
        "small.report.html": "".join(render_report_html(checked.debate, graph, checked.quotes)),
        "small.brief.lanes.html": briefs["briefs/lanes.html"],
        "uniforms.flow.html": render_flow(uniforms, argmap.build_graph(uniforms), "ld")
        ["flow.html"],
    }


def update() -> list[str]:
    written = []
    for name, text in pages().items():
        (GOLDEN / name).write_text(placeholders(text), encoding="utf-8")
        written.append(name)
    return written


@pytest.mark.parametrize("name", ["small.sources.html", "small.report.html",
                                  "small.brief.lanes.html", "uniforms.flow.html"])
def test_the_page_matches_its_snapshot(name):
    rendered = placeholders(pages()[name])
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        (GOLDEN / name).write_text(rendered, encoding="utf-8")
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    if rendered != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True),
                                                 rendered.splitlines(True), "snapshot",
                                                 "rendered"))[:60])
        pytest.fail(f"{name} changed; if intended, refresh with "
                    f"python tests/test_snapshots.py --update and review:\n{diff}")


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit("usage: python tests/test_snapshots.py --update")
    for name in update():
        print(f"wrote tests/golden/{name}")
    # the map page and the DOT map keep their own golden tests; refresh them too
    os.environ["ARGMAP_UPDATE_GOLDEN"] = "1"
    import subprocess
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    str(HERE / "test_render_html.py"), str(HERE / "test_render_dot.py"),
                    "-k", "golden"], check=True)
