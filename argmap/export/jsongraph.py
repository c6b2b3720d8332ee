"""``argmap.json``: the graph as node-link JSON, in a stable order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import networkx as nx

__all__ = ["to_node_link_json", "node_link_json_pieces"]

_OPTIONS = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
# Lines go to the writer in runs of this many: a piece per line cost a Python step per line
# there as well as here.
_RUN = 1000


def to_node_link_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes``, ``edges``), the shape ``nx.node_link_graph`` reads back.

    Nodes and edges keep the graph's insertion order (the files' order); keys inside each
    object are sorted, so equal debates give byte-identical files. One node or edge per line:
    readable in a diff, and compact, since ``indent`` would force json's slow pure-Python
    encoder.
    """
    return "".join(node_link_json_pieces(graph))


def node_link_json_pieces(graph: nx.MultiDiGraph) -> Iterator[str]:
    """:func:`to_node_link_json` as pieces of text, for a build that writes it as it is made.
    The objects are those of ``nx.node_link_data``, made and encoded one at a time rather
    than all kept in a list first."""
    encode = _encoder()
    head = json.dumps({"directed": graph.is_directed(), "multigraph": graph.is_multigraph(),
                       "graph": graph.graph}, **_OPTIONS)
    nodes = (encode({**d, "id": n}) for n, d in graph.nodes(data=True))
    if graph.is_directed() and graph.is_multigraph():  # argmap's graph: the fast path
        edges = (encode({**d, "source": u, "target": v, "key": k})
                 for u, targets in graph.adjacency() for v, keyed in targets.items()
                 for k, d in keyed.items())
    elif graph.is_multigraph():
        edges = (encode({**d, "source": u, "target": v, "key": k})
                 for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        edges = (encode({**d, "source": u, "target": v}) for u, v, d in graph.edges(data=True))
    yield "{" + head[1:-1] + ",\n"
    yield from _array("nodes", nodes, "],")
    yield from _array("edges", edges, "]")
    yield "}\n"


def _encoder() -> Callable[[object], str]:
    """``json.JSONEncoder(**_OPTIONS).encode``, the same text, with json's C encoder made
    once: ``encode`` makes a new one at every call, which for the 30,000 small objects of a
    large map cost about as much as encoding them."""
    make = json.encoder.c_make_encoder
    if make is None:  # a Python without json's C accelerator
        return json.JSONEncoder(**_OPTIONS).encode
    # the arguments JSONEncoder.iterencode gives it for _OPTIONS: circular check on, no
    # default, no indent, non-ASCII kept, keys sorted, no key skipped, NaN allowed
    try:
        iterencode = make({}, None, json.encoder.encode_basestring, None, ":", ",", True,
                          False, True)
    except TypeError:  # a Python whose private encoder takes other arguments
        return json.JSONEncoder(**_OPTIONS).encode
    return lambda o: "".join(iterencode(o, 0))


def _array(name: str, items: Iterable[str], close: str) -> Iterator[str]:
    """The lines of a ``"name":[...]`` member, one item per line."""
    yield f'"{name}":[\n'
    items = iter(items)
    run = ",\n".join(islice(items, _RUN))  # an item is never empty: "" means none left
    if run:
        while True:
            yield run
            run = ",\n".join(islice(items, _RUN))
            if not run:
                break
            yield ",\n"
        yield "\n"
    yield close + "\n"
