"""Read one YAML file safely into plain Python values that remember where they were.

Why not ``yaml.safe_load``: it forgets positions, silently keeps the last of two duplicate
keys, and expands aliases without limit. We compose the node tree (PyYAML's C parser when
available) and convert it ourselves, so every mapping and sequence keeps the 1-based line and
column of itself, of each key and of each value.
"""

from __future__ import annotations

from typing import Any

import yaml

from .diagnostics import Diagnostics

__all__ = ["LocMap", "LocSeq", "read_yaml", "ALIAS_BUDGET"]

try:  # the C parser is ~10x faster; fall back quietly where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

# Re-using an anchored node costs its size again; past this many re-used nodes a file is
# refused. Billion-laughs style documents hit it after a few milliseconds.
ALIAS_BUDGET = 100_000

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


class LocMap(dict):
    """A mapping with ``pos`` (its own start), ``key_pos`` and ``value_pos`` per key."""

    __slots__ = ("pos", "key_pos", "value_pos")


class LocSeq(list):
    """A sequence with ``pos`` (its own start) and ``item_pos`` per item."""

    __slots__ = ("pos", "item_pos")


class _Refused(Exception):
    def __init__(self, pos: tuple[int, int], message: str, code: str):
        self.pos, self.message, self.code = pos, message, code


def _pos(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class _Converter:
    def __init__(self, path: str, diags: Diagnostics):
        self.path = path
        self.diags = diags
        self.seen: set[int] = set()
        self.reused = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node) -> Any:
        key = id(node)
        if key in self.seen:
            self.reused += 1
            if self.reused > ALIAS_BUDGET:
                raise _Refused(_pos(node), f"aliases expand to more than {ALIAS_BUDGET} "
                               "nodes; refusing the file (an alias bomb?)", "alias-limit")
        else:
            self.seen.add(key)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag not in _SCALAR_TAGS:
                raise _Refused(_pos(node), f"the YAML tag {tag!r} is not allowed", "yaml-tag")
            if tag.endswith("timestamp"):
                return node.value  # dates stay as the text the user wrote
            try:
                return self.constructor.construct_object(node, deep=True)
            except (ValueError, OverflowError, yaml.YAMLError) as exc:
                raise _Refused(_pos(node), f"bad {tag[len(_TAG):]} value: {exc}", "yaml-value")
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                raise _Refused(_pos(node), f"the YAML tag {tag!r} is not allowed", "yaml-tag")
            seq = LocSeq(self.convert(child) for child in node.value)
            seq.pos = _pos(node)
            seq.item_pos = [_pos(child) for child in node.value]
            return seq
        if tag != _MAP:
            raise _Refused(_pos(node), f"the YAML tag {tag!r} is not allowed", "yaml-tag")
        mapping = LocMap()
        mapping.pos = _pos(node)
        mapping.key_pos = {}
        mapping.value_pos = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(_pos(key_node), "a mapping key must be a plain string", "key-type")
            name = key_node.value
            if name in mapping.key_pos:
                first = mapping.key_pos[name]
                self.diags.error(self.path, _pos(key_node),
                                 f"duplicate key '{name}' (first defined at line {first[0]}, "
                                 f"column {first[1]})", "duplicate-key")
                continue
            mapping.key_pos[name] = _pos(key_node)
            mapping.value_pos[name] = _pos(value_node)
            mapping[name] = self.convert(value_node)
        return mapping


def _decode(data: bytes, path: str, diags: Diagnostics) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        diags.error(path, (line, col), f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                    f"at line {line})", "encoding")
        return None
    return text[1:] if text.startswith("\ufeff") else text


def read_yaml(data: bytes, path: str) -> tuple[Any, Diagnostics]:
    """Parse ``data`` (the bytes of file ``path``) into LocMap/LocSeq/scalars.

    Returns ``(value, diagnostics)``; ``value`` is ``None`` when the file could not be read or
    is empty. Never raises for bad input.
    """
    diags = Diagnostics()
    text = _decode(data, path, diags)
    if text is None:
        return None, diags
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error(path, pos, f"YAML syntax: {problem}", "yaml-syntax")
        return None, diags
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "?")
        diags.error(path, (line, col), f"YAML syntax: the character U+{char:04X} is not "
                    "allowed in YAML", "yaml-syntax")
        return None, diags
    except RecursionError:
        diags.error(path, (1, 1), "the YAML nests too deeply", "yaml-depth")
        return None, diags
    except yaml.YAMLError as exc:  # any other parser complaint, still without a traceback
        diags.error(path, (1, 1), f"YAML syntax: {exc}", "yaml-syntax")
        return None, diags
    if node is None:
        return None, diags
    try:
        value = _Converter(path, diags).convert(node)
    except _Refused as exc:
        diags.error(path, exc.pos, exc.message, exc.code)
        return None, diags
    except RecursionError:
        diags.error(path, _pos(node), "the YAML nests too deeply", "yaml-depth")
        return None, diags
    return value, diags
