"""Read one YAML file safely into plain Python values that remember where they were.

Why not ``yaml.safe_load``: it forgets positions, silently keeps the last of two duplicate
keys, and expands aliases without limit. We compose the node tree (PyYAML's C parser when
available) and convert it ourselves, so every mapping and sequence keeps the 1-based line and
column of itself, of each key and of each value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostics

if TYPE_CHECKING:
    import yaml

__all__ = ["LocMap", "Pos", "read_yaml_positioned", "ALIAS_BUDGET", "ALIASED_CHARS_BUDGET"]

# Re-using an anchored node costs its size again; past this many re-used nodes a file is
# refused. Billion-laughs style documents hit it after a few milliseconds.
ALIAS_BUDGET = 100_000
# Counting nodes alone misses one long text re-used many times (100 KB aliased 2,000 times is
# 2,000 nodes and 200 MB in every output): the characters an alias brings in again are
# counted too. Aliases of a bare text are refused outright (the format never needs one), so
# this budget bounds what aliases of lists and mappings repeat: a shared block of evidence
# re-used a few dozen times is well under it.
ALIASED_CHARS_BUDGET = 1_000_000

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


class LocMap(dict):
    """A mapping that knows where it, each key, each value and each list item under a key is.

    Positions are 1-based ``(line, col)``. A mapping read by the fast reader gets them only
    when first asked (``_src.resolve(self)`` re-reads its file with positions, once, and finds
    this mapping's twin by ``_index``): valid files never pay for positions nobody looks at.
    """

    __slots__ = ("_pos", "_key_pos", "_value_pos", "_items_pos", "_src", "_index")

    # The two ways a mapping is made; no other module writes its slots.
    @classmethod
    def positioned(cls, pos: tuple[int, int]) -> LocMap:
        """An empty mapping at ``pos``, filled with :meth:`place` by the positioned reader."""
        m = cls()
        m.set_positions(pos, {}, {}, {})
        return m

    @classmethod
    def lazy(cls, pairs, source, index: int) -> LocMap:
        """A mapping of the fast reader: its positions are found when first asked, by
        ``source.resolve(mapping)`` (the file read again with positions), via ``index``."""
        m = cls(pairs)
        m._pos, m._src, m._index = None, source, index
        return m

    def place(self, key: str, value, key_pos, value_pos, items_pos=None) -> None:
        """Add ``key: value`` with where the key, the value and a list's items were."""
        self._key_pos[key] = key_pos
        self._value_pos[key] = value_pos
        if items_pos is not None:
            self._items_pos[key] = items_pos
        self[key] = value

    def set_positions(self, pos, key_pos: dict, value_pos: dict, items_pos: dict) -> None:
        """Give a lazy mapping its positions (or a new one its empty tables)."""
        self._pos, self._key_pos, self._value_pos, self._items_pos = (pos, key_pos, value_pos,
                                                                      items_pos)
        self._src = None

    @property
    def pending_source(self):
        """The fast reader's source of a mapping whose positions are not known yet, or None."""
        return self._src if self._pos is None else None

    @property
    def source_index(self) -> int:
        """A lazy mapping's place in its file, in the order the fast reader closed them."""
        return self._index

    def positions(self) -> tuple:
        """``(pos, key_pos, value_pos, items_pos)``, for a twin to copy."""
        r = self._resolved()
        return r._pos, r._key_pos, r._value_pos, r._items_pos

    def _resolved(self) -> LocMap:
        if self._pos is None:
            self._src.resolve(self)
        return self

    @property
    def pos(self) -> tuple[int, int]:
        return self._resolved()._pos

    @property
    def key_pos(self) -> dict:
        return self._resolved()._key_pos

    @property
    def value_pos(self) -> dict:
        return self._resolved()._value_pos

    def item_pos(self, key: str) -> list:
        return self._resolved()._items_pos.get(key, [])

    # Handles for positions that are only needed if something goes wrong.
    def at(self) -> Pos:
        return Pos(self, "map", None, 0)

    def at_key(self, key: str) -> Pos:
        return Pos(self, "key", key, 0)

    def at_value(self, key: str) -> Pos:
        return Pos(self, "value", key, 0)

    def at_item(self, key: str, index: int) -> Pos:
        return Pos(self, "item", key, index)


class Pos:
    """A position not looked up yet: ``get()`` gives ``(line, col)``."""

    __slots__ = ("mapping", "what", "key", "index")

    def __init__(self, mapping: LocMap, what: str, key, index: int):
        self.mapping, self.what, self.key, self.index = mapping, what, key, index

    def get(self) -> tuple[int, int]:
        m = self.mapping
        if self.what == "map":
            return m.pos
        if self.what == "key":
            return m.key_pos[self.key]
        if self.what == "value":
            return m.value_pos[self.key]
        return m.item_pos(self.key)[self.index]


class _Refused(Exception):
    def __init__(self, pos: tuple[int, int], message: str, code: str):
        self.pos, self.message, self.code = pos, message, code


class _AliasRefused(Exception):
    """An alias to refuse, placed later: a composed node keeps its anchor's position, not
    the alias's, so the alias is found again in the event stream (only on this path)."""

    def __init__(self, message: str, code: str, of_scalar: bool):
        self.message, self.code, self.of_scalar = message, code, of_scalar


def _alias_position(yaml, text: str, of_scalar: bool) -> tuple[tuple[int, int], str]:
    """Where the first alias (of a bare text, with ``of_scalar``) stands, and its name."""
    scalars: set[str] = set()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                scalars.add(event.anchor)
            elif isinstance(event, yaml.AliasEvent) and (not of_scalar
                                                          or event.anchor in scalars):
                mark = event.start_mark
                return (mark.line + 1, mark.column + 1), event.anchor
    finally:
        loader.dispose()
    return (1, 1), ""


def _pos(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class _Converter:
    def __init__(self, path: str, diags: Diagnostics):
        import yaml  # late, as in read_yaml_positioned
        self.yaml = yaml
        self.path = path
        self.diags = diags
        self.seen: set[int] = set()
        self.reused = 0
        self.in_alias = 0  # how deep inside a re-used (aliased) node the conversion is
        self.aliased_chars = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node) -> Any:
        key = id(node)
        if key not in self.seen:
            self.seen.add(key)
            return self._convert(node)
        if isinstance(node, self.yaml.ScalarNode) and not self.in_alias:
            # (inside a re-used list or mapping every node is met again: only a text met
            # again outside one is itself an alias)
            raise _AliasRefused("an alias of a text: argmap's format never needs one (write "
                                "the text where it is used, or give the claim an id and "
                                "refer to it)", "scalar-alias", of_scalar=True)
        self.reused += 1
        if self.reused > ALIAS_BUDGET:
            raise _Refused(_pos(node), f"aliases expand to more than {ALIAS_BUDGET} "
                           "nodes; refusing the file (an alias bomb?)", "alias-limit")
        self.in_alias += 1
        try:
            return self._convert(node)
        finally:
            self.in_alias -= 1

    def _convert(self, node: yaml.Node) -> Any:
        yaml = self.yaml
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if self.in_alias:
                self.aliased_chars += len(node.value)
                if self.aliased_chars > ALIASED_CHARS_BUDGET:
                    raise _AliasRefused(
                        f"aliases repeat more than {ALIASED_CHARS_BUDGET:,} characters of "
                        "text; refusing the file (an alias bomb?)", "alias-limit",
                        of_scalar=False)
            if tag == _STR:
                return node.value
            if tag not in _SCALAR_TAGS:
                raise _Refused(_pos(node), f"the YAML tag {tag!r} is not allowed", "yaml-tag")
            if tag.endswith(("timestamp", "int", "float")):
                # Dates and numbers stay as the text the user wrote: `id: 010` is the id
                # "010", not 8; `text: 3.10` is "3.10"; `locator: 0x1F` is "0x1F". The format
                # has no numeric field, so nothing is lost, and nothing is silently changed.
                return node.value
            try:
                return self.constructor.construct_object(node, deep=True)
            except (ValueError, OverflowError, yaml.YAMLError) as exc:
                raise _Refused(_pos(node), f"bad {tag[len(_TAG):]} value: {exc}",
                              "yaml-value") from exc
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                raise _Refused(_pos(node), f"the YAML tag {tag!r} is not allowed", "yaml-tag")
            return [self.convert(child) for child in node.value]
        if tag != _MAP:
            raise _Refused(_pos(node), f"the YAML tag {tag!r} is not allowed", "yaml-tag")
        mapping = LocMap.positioned(_pos(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(_pos(key_node), "a mapping key must be a plain string", "key-type")
            name = key_node.value
            if name in mapping:
                first = mapping.key_pos[name]
                self.diags.error(self.path, _pos(key_node),
                                 f"duplicate key '{name}' (first defined at line {first[0]}, "
                                 f"column {first[1]})", "duplicate-key")
                continue
            items = [_pos(child) for child in value_node.value] \
                if isinstance(value_node, yaml.SequenceNode) else None
            mapping.place(name, self.convert(value_node), _pos(key_node), _pos(value_node),
                          items)
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


def read_yaml_positioned(data: bytes, path: str) -> tuple[Any, Diagnostics]:
    """Parse ``data`` (the bytes of file ``path``) into LocMap/list/scalars with positions.

    Returns ``(value, diagnostics)``; ``value`` is ``None`` when the file could not be read or
    is empty. Never raises for bad input.
    """
    diags = Diagnostics()
    text = _decode(data, path, diags)
    if text is None:
        return None, diags
    # Imported only now: the files the fast reader takes never need PyYAML, and importing it
    # is ~20 ms of every run. Its C parser is ~10x faster, where libyaml is installed.
    import yaml
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        from .yamlhints import explain  # only a file with a syntax error pays for it

        pos, message = explain(exc, text)
        diags.error(path, pos, message, "yaml-syntax")
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
    except _AliasRefused as exc:
        pos, name = _alias_position(yaml, text, exc.of_scalar)
        diags.error(path, pos, f"*{name}: {exc.message}" if name else exc.message, exc.code)
        return None, diags
    except RecursionError:
        diags.error(path, _pos(node), "the YAML nests too deeply", "yaml-depth")
        return None, diags
    return value, diags
