"""Student worksheets: each side's brief with the card texts left for students to find.

``worksheets/<perspective>.html`` shows every card's tag, source and locator, with a "find
the evidence" box of ruled lines where the card text would be; a worksheet's cards are
written by a writer that reads each quote only for its length
(:class:`argmap.render.cards.CardWriter`), so none can reach the page.
``worksheets/<perspective>-key.html`` is the matching answer key, the same page with each
passage restored in its box. ``worksheets/index.html`` links them.

    files.update(render_worksheets(debate, graph))
"""

from __future__ import annotations

import networkx as nx

from ..model import Debate
from .briefs import render_materials

__all__ = ["render_worksheets", "WORKSHEET_MODES"]

WORKSHEET_MODES = ("worksheet", "key")  # a worksheet and its answer key per side


def render_worksheets(debate: Debate | None, graph: nx.MultiDiGraph) -> dict[str, str]:
    """``{"worksheets/<id>.html": ..., "worksheets/<id>-key.html": ...,
    "worksheets/index.html": ...}``."""
    return render_materials(debate, graph, "worksheets", WORKSHEET_MODES)
