"""Bytes of a YAML file to the tree the validator reads: the one door to the two readers.

The fast reader (:mod:`argmap.fastyaml`, rapidyaml) takes every file whose meaning cannot
differ from PyYAML's; the positioned reader (:mod:`argmap.yamlreader`) reads the rest and
gives every diagnostic. A parse cache (:mod:`argmap.parsecache`), when given, is consulted
here, before any parsing: a hit is the fast reader's tree rebuilt from the JSON it kept.
Either way the result is the same LocMap/list/scalar tree.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import Diagnostics
from .fastyaml import parse_fast, tree_from_json
from .yamlreader import read_yaml_positioned

__all__ = ["read_yaml"]


def read_yaml(data: bytes, path: str, cache=None) -> tuple[Any, Diagnostics]:
    """Parse ``data`` (the bytes of file ``path``); ``cache``: a ``ParseCache`` or None."""
    if cache is not None:
        kept = cache.get(data)
        if kept is not None:
            tree = tree_from_json(kept, data, path)
            if tree is not None:
                return tree, Diagnostics()
    parsed = parse_fast(data, path)
    if parsed is not None:
        tree, emitted = parsed
        if cache is not None:
            cache.put(data, emitted)
        return tree, Diagnostics()
    return read_yaml_positioned(data, path)
