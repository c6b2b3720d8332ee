"""Student worksheets: each side's brief with the card texts left for students to find.

``worksheets/<perspective>.html`` shows every card's tag, source and locator, with a "find
the evidence" box of ruled lines where the card text would be; the quotes are removed from
the data before rendering (:func:`argmap.render.cards.blanked`), so none can reach the page.
``worksheets/<perspective>-key.html`` is the matching answer key, the same page with each
passage restored in its box. ``worksheets/index.html`` links them.

    files.update(render_worksheets(debate, graph))
"""

from __future__ import annotations

import networkx as nx

from ..model import Debate
from .briefs import index_name, render_index, render_pages

__all__ = ["render_worksheets"]


def render_worksheets(debate: Debate | None, graph: nx.MultiDiGraph,
                      template_dir: str | None = None) -> dict[str, str]:
    """``{"worksheets/<id>.html": ..., "worksheets/<id>-key.html": ...,
    "worksheets/index.html": ...}``."""
    files = render_pages(debate, graph, "worksheet", template_dir)
    files.update(render_pages(debate, graph, "key", template_dir))
    ids = [p["id"] for p in graph.graph.get("perspectives", [])]
    files[f"worksheets/{index_name(ids)}"] = render_index(graph, "worksheets", template_dir)
    return files
