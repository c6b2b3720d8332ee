"""The fast reader: rapidyaml parses, its JSON emitter hands the tree to Python's C json.

PyYAML builds a Python object for every event and node, and that alone costs more than the
whole ``check`` budget on a large debate. rapidyaml (C++) parses the same files ~30x faster
but reports no positions through its Python binding and differs from PyYAML in corners of
YAML 1.1 (``yes`` is a bool to PyYAML, a string to rapidyaml). So this reader only takes the
files whose meaning cannot differ, and gives up (returns None) on anything else, which the
positioned PyYAML reader then reads: anchors, aliases, tags, merge keys, several documents,
tabs, control characters, plain scalars that PyYAML would read as a bool, null or number,
duplicate keys, and anything rapidyaml or json refuse.

Positions are filled in only when something asks for one (a diagnostic, a trace), and cost
what is asked for, not a second parse of the file: every key of a fast-read file starts a
line (the reader checks that), so one regular-expression pass over the text finds where each
mapping starts and ends, and a mapping that asks has just its own lines read by the
positioned reader. Whatever that cannot place exactly (an empty ``{}``, a mapping whose
lines are not its own) falls back to reading the whole file with positions, once.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import sys
from typing import Any

from .yamlreader import LocMap, Pos, read_yaml_positioned

__all__ = ["read_fast", "parse_fast", "tree_from_json", "available", "detach"]

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency; keep working without it
    ryml = None


def available() -> bool:
    return ryml is not None


# PyYAML's (YAML 1.1) implicit types: a plain scalar spelled like one of these is not a str.
_TOKENS = (
    r"(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|~|null|Null|NULL"
    r"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|<<|=)[ \t]*(?:$|[,\]}#:])"
)
# A run of spaces or tabs is never followed by a match that starts with one, so nothing is
# lost by not backtracking into it; with Python 3.11's possessive quantifiers the engine does
# not try (every line's indentation, tried again one space shorter at a time, was half the cost
# of the line checks). Older Pythons backtrack: slower, same result.
_P = "+" if sys.version_info >= (3, 11) else ""
_STRAY = r"[ ]*" + _P + r"[\]}@`,:]"  # an indicator where no scalar may start

# Each pattern starts with a literal character, so the regex engine skips through the text at
# C speed; one alternation starting with a character class is ten times slower. The lookahead
# rejects, in one step, the many places where no token can start (`id: c1`, `text: "...`).
_TOKEN_START = r"(?=[yYnNtTfFoO~+\-0-9.<=])"  # the first character of every one of _TOKENS
# ... and the characters YAML 1.1 (PyYAML) counts as line breaks but rapidyaml does not.
_CONTROLS = re.compile(
    r"[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff"
    r"\u2028\u2029]")
_ASCII_PRINTABLE = bytes(range(0x20, 0x7f)) + b"\n"
_UNSAFE = [re.compile(p, re.MULTILINE) for p in (
    r"<<[ ]*" + _P + ":",                        # merge keys
    r"\n(?:---|\.\.\.|%)",                        # document markers, directives
    r"\\[uU]0*[dD][89a-fA-F]",                    # escaped surrogates, which PyYAML refuses
    r":[ \t]+" + _P + _TOKEN_START + _TOKENS,     # plain scalars PyYAML reads as bool,
    r"-[ \t]+" + _P + _TOKEN_START + _TOKENS,     # null or number
    r"\[[ \t]*" + _P + _TOKEN_START + _TOKENS, r"\{[ \t]*" + _P + _TOKEN_START + _TOKENS,
    r",[ \t]*" + _P + _TOKEN_START + _TOKENS,
    r":" + _STRAY, r"-" + _STRAY, r"," + _STRAY, r"\[" + _STRAY, r"\{" + _STRAY,
    r"\n" + _STRAY,
    # in a flow: a complex key, a `%`, or a block scalar (none may start a flow item)
    r"\[[ \t]*" + _P + r"[?%|>]", r"\{[ \t]*" + _P + r"[?%|>]", r",[ \t]*" + _P + r"[?%|>]",
)]
# A block scalar whose header is anything but `|` or `>` with an optional chomping indicator:
# rapidyaml forgives `|1a`, and reads an explicit indentation (`|1`) its own way. Found in
# two steps, as a single pattern would have to start with a character class: the header
# characters (rare in a debate), then what stands before each on its line.
_ODD_HEADER = [re.compile(c + r"(?![+-]?[ \t]*(?:#[^\n]*)?$)", re.MULTILINE)
               for c in (r"\|", ">")]
_HEADER_PLACE = re.compile(r"(?:^[ \t]*|[:\-?][ \t]+)\Z", re.MULTILINE)  # line start, `: `
# ... and at a line's start: a wrapped flow item (`[a,\n  .inf]`), a key (`no: x`). Searched
# in "\n" + text, so that the first line counts too.
_LINE_START_TOKEN = re.compile(r"\n[ \t]*" + _P + _TOKEN_START + _TOKENS, re.MULTILINE)
_NODE_PROPERTY = re.compile(r"[\s\[\]{},][&*!]")  # anchors, aliases, tags
_QUESTION = re.compile(r"\?(?=[ \t\n]|$)")     # a complex key, if it starts its line


def _has_controls(text: str) -> bool:
    """Tabs or control characters (which the parsers treat differently) anywhere."""
    if text.isascii():  # the usual case: one C-speed pass over the bytes instead of a regex
        return bool(text.encode("ascii").translate(None, _ASCII_PRINTABLE))
    return _CONTROLS.search(text) is not None


def _unsafe(text: str) -> bool:
    """True when PyYAML and rapidyaml might read ``text`` differently."""
    if text[:1] in ("&", "*", "!", "%", "?", "]", "}", "@", "`", ",", ":") or \
            text.startswith(("---", "...")):
        return True
    if _has_controls(text) or any(pattern.search(text) for pattern in _UNSAFE):
        return True
    for pattern in _ODD_HEADER:
        for match in pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            if _HEADER_PLACE.search(text, line_start, match.start()):
                return True
    if _LINE_START_TOKEN.search("\n" + text):
        return True
    if ("&" in text or "*" in text or "!" in text) and _NODE_PROPERTY.search(text):
        return True
    for match in _QUESTION.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text[line_start:match.start()].strip(" -"):
            return True
    return False


# A line that starts a block mapping entry. rapidyaml forgives some bad indentation by
# reading a `key: value` line as the continuation of a scalar, where PyYAML refuses the file;
# counting these lines against the keys parsed catches that (flow mappings, and `key: ` text
# inside block or quoted scalars, also make the counts differ: those files go the slow way).
_KEY_LINE = re.compile(  # counted on "\n" + text: a literal start is faster than ^
    r"\n[ ]*" + _P + r"(?:-[ ]+" + _P + r")*" + _P
    + r"(?:(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\n]|'')*')[ ]*" + _P + r":(?:[ ]|$)"
    # a plain key: up to the first colon followed by a space or the line's end, taken as
    # runs of other characters (one step each), not one character at a time
    + r"|[^\s#'\"\[\]{},&*!|>%@`?:-][^:\n]*" + _P + r"(?::(?![ ]|$)[^:\n]*" + _P + r")*" + _P
    + r":(?:[ ]|$))", re.MULTILINE)


@contextlib.contextmanager
def _quiet_stderr():
    """rapidyaml prints its parse errors to file descriptor 2; the user should only see
    argmap's diagnostic for the file, which the positioned reader gives."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (embedded); nothing to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class _GiveUp(Exception):
    pass


def _no_numbers(text: str):
    raise _GiveUp  # rapidyaml and PyYAML disagree on some numbers; let PyYAML decide


class _Source:
    """One fast-read file: enough to fill in its mappings' positions later.

    It holds no reference to the tree (the tree's mappings point to it), so a tree that is no
    longer used is freed at once, without waiting for the cyclic garbage collector. A mapping
    asks with its ``_index``: json makes the mappings in the order they close, children
    first; :func:`_mapping_spans` finds them in the text in that same order.
    """

    __slots__ = ("data", "path", "twins", "mappings", "spans", "lines")

    def __init__(self, data: bytes, path: str):
        self.data, self.path, self.twins, self.mappings = data, path, None, 0
        self.spans: list[tuple[int, int, int]] | None = None
        self.lines: list[str] | None = None

    def resolve(self, mapping: LocMap) -> None:
        if self.twins is None and self._resolve_alone(mapping):
            return
        if self.twins is None:
            positioned, _ = read_yaml_positioned(self.data, self.path)
            self.twins = _in_closing_order(positioned)
        index = mapping.source_index
        twin = self.twins[index] if index < len(self.twins) else None
        if isinstance(twin, LocMap) and twin.keys() == mapping.keys():
            mapping.set_positions(*twin.positions())
        else:  # cannot happen for a file both parsers read alike; never leave it unresolved
            everywhere = {k: (1, 1) for k in mapping}
            mapping.set_positions((1, 1), everywhere, everywhere, {})

    def _resolve_alone(self, mapping: LocMap) -> bool:
        """Read just the mapping's own lines with positions; False when that cannot be done
        exactly (the caller then reads the whole file)."""
        if self.spans is None:
            text = self.data.decode("utf-8")
            text = text[1:] if text.startswith("\ufeff") else text
            self.lines = text.replace("\r\n", "\n").split("\n")
            self.spans = _mapping_spans(self.lines)
            if len(self.spans) != self.mappings:  # an empty {} json made, or a surprise
                self.spans = []
        index = mapping.source_index
        if index >= len(self.spans):
            return False
        first, col, last = self.spans[index]
        lines = self.lines[first - 1:_span_end(self.lines, col, last) - 1]
        # the mapping's first line without what stands before its first key ("- " of an
        # item), so that the lines parse as one mapping at their own columns and lines
        lines[0] = " " * (col - 1) + lines[0][col - 1:]
        tree, diags = read_yaml_positioned(("\n".join(lines) + "\n").encode("utf-8"),
                                           self.path)
        if diags or not isinstance(tree, LocMap) or tree.keys() != mapping.keys() \
                or tree.pos != (1, col):
            return False
        shift = first - 1  # the lines were read from the mapping's first, as line 1

        def moved(pos: tuple[int, int]) -> tuple[int, int]:
            return pos[0] + shift, pos[1]
        pos, keys, values, items = tree.positions()
        mapping.set_positions(moved(pos), {k: moved(p) for k, p in keys.items()},
                              {k: moved(p) for k, p in values.items()},
                              {k: [moved(p) for p in ps] for k, ps in items.items()})
        return True


_KEY_START = re.compile(r"[ ]*(?:-[ ]+)*")


def _mapping_spans(lines: list[str]) -> list[tuple[int, int, int]]:
    """Each block mapping of a fast-read file as ``(first line, column of its first key,
    line of its last key)``, 1-based, in the order its end is written (children first, as
    json closes them). Every key starts a line there, so the key lines alone give the
    structure: a key further right than the open mapping's opens a mapping inside it, one
    further left closes it, and a "- " before a key at the same column starts the next
    item. (Where its last value's lines end is found for the one mapping that asks.)"""
    spans: list[tuple[int, int, int]] = []
    open_: list[list[int]] = []  # [first line, column, line of its last key]
    numbered = "\n".join(lines)
    line_of = {}
    start = 0
    for n, text in enumerate(lines, 1):
        line_of[start] = n
        start += len(text) + 1
    key_start = _KEY_START.match
    for match in _KEY_LINE.finditer("\n" + numbered):
        line = line_of[match.start()]
        text = lines[line - 1]
        lead = key_start(text).end()
        col, item = lead + 1, "-" in text[:lead]
        while open_ and (open_[-1][1] > col or (open_[-1][1] == col and item)):
            spans.append(tuple(open_.pop()))
        if open_ and open_[-1][1] == col:
            open_[-1][2] = line
        else:
            open_.append([line, col, line])
    while open_:
        spans.append(tuple(open_.pop()))
    return spans


def _span_end(lines: list[str], col: int, last: int) -> int:
    """The line after a mapping whose last key is on line ``last``: its last value goes on
    while lines are blank, comments, or indented at least as far as its keys (column
    ``col``)."""
    end = last + 1
    while end <= len(lines):
        text = lines[end - 1]
        stripped = text.lstrip(" ")
        if stripped and not stripped.startswith("#") and len(text) - len(stripped) < col - 1:
            break
        end += 1
    return end


class _FileRef:
    """A fast-read file known by its path and a digest of its bytes: what a model keeps,
    instead of the file's tree and bytes, to find positions later. The first position asked
    for reads the file again (positions of an edited file are not guessed: they read 1:1)."""

    __slots__ = ("path", "digest", "twins")

    def __init__(self, path: str, data: bytes):
        self.path, self.digest, self.twins = path, hashlib.blake2b(data).digest(), None

    def twin(self, index: int, keys: tuple) -> LocMap | None:
        if self.twins is None:
            try:
                with open(self.path, "rb") as fh:
                    data = fh.read()
            except OSError:
                data = b""
            if hashlib.blake2b(data).digest() != self.digest:
                self.twins = []
            else:
                positioned, _ = read_yaml_positioned(data, self.path)
                self.twins = _in_closing_order(positioned)
        twin = self.twins[index] if index < len(self.twins) else None
        return twin if isinstance(twin, LocMap) and tuple(twin.keys()) == keys else None


class _Detached:
    """A position of a fast-read mapping, kept without the mapping: ``get()`` as ``Pos``."""

    __slots__ = ("ref", "index", "keys", "what", "key", "item")

    def __init__(self, ref: _FileRef, index: int, keys: tuple, what: str, key, item: int):
        self.ref, self.index, self.keys = ref, index, keys
        self.what, self.key, self.item = what, key, item

    def get(self) -> tuple[int, int]:
        twin = self.ref.twin(self.index, self.keys)
        if twin is None:
            return (1, 1)
        return Pos(twin, self.what, self.key, self.item).get()


def detach(pos, refs: dict):
    """``pos`` (a ``Pos`` or a tuple) as something a model can keep without holding the
    parse tree or the file's bytes: a tuple when the position is known already, else a
    handle that reads the file again on first use. ``refs`` shares one per file."""
    if isinstance(pos, tuple):
        return pos
    mapping = pos.mapping
    source = mapping.pending_source
    if source is None:
        return pos.get()
    ref = refs.get(id(source))
    if ref is None:
        ref = refs[id(source)] = _FileRef(source.path, source.data)
    return _Detached(ref, mapping.source_index, tuple(mapping.keys()), pos.what, pos.key,
                     pos.index)


def _in_closing_order(tree: Any) -> list:
    """The mappings of ``tree`` in the order their ends are written: children first, then
    document order (the order in which json calls ``object_pairs_hook``)."""
    found, stack = [], [tree]
    while stack:  # a pre-order walk, last children first, is the reverse of that order
        node = stack.pop()
        if isinstance(node, dict):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    found.reverse()
    return found


def read_fast(data: bytes, path: str) -> Any | None:
    """The tree of ``data``, or None when only the positioned reader can be trusted with it."""
    parsed = parse_fast(data, path)
    return None if parsed is None else parsed[0]


def parse_fast(data: bytes, path: str) -> tuple[Any, bytes] | None:
    """``(tree, rapidyaml's JSON of the file)``, or None when only the positioned reader can
    be trusted with it. The JSON is what a parse cache keeps (:func:`tree_from_json`)."""
    if ryml is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if _unsafe(text):
        return None
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_arena(text.encode("utf-8"))
            emitted = ryml.emit_json_malloc(tree, tree.root_id())
        if not emitted or not emitted.strip():
            return None
        root, keys = _tree(emitted, data, path)
    except (_GiveUp, ValueError, RuntimeError, ryml.ExceptionBasic):
        return None  # rapidyaml's or json's refusal: the positioned reader says what is wrong
    if not isinstance(root, LocMap) or keys != len(_KEY_LINE.findall("\n" + text)):
        return None
    return root, emitted.encode("utf-8") if isinstance(emitted, str) else bytes(emitted)


def tree_from_json(emitted: bytes, data: bytes, path: str) -> Any | None:
    """The tree a parse cache kept for ``data`` (the JSON :func:`parse_fast` gave), or None
    when the entry cannot be used (damaged, or refused as a tree)."""
    try:
        return _tree(emitted, data, path)[0]
    except (_GiveUp, ValueError, RecursionError):
        return None


def _tree(emitted, data: bytes, path: str) -> tuple[Any, int]:
    """rapidyaml's JSON of a file as a LocMap tree, and how many keys it has."""
    source = _Source(data, path)
    keys = [0]
    closing = itertools.count()

    def mapping(pairs):
        m = LocMap.lazy(pairs, source, next(closing))
        if len(m) != len(pairs):
            raise _GiveUp  # a duplicate key: the positioned reader reports it
        keys[0] += len(pairs)
        return m

    root = json.loads(emitted, object_pairs_hook=mapping, parse_int=_no_numbers,
                      parse_float=_no_numbers, parse_constant=_no_numbers)
    if not isinstance(root, LocMap):
        raise _GiveUp
    source.mappings = next(closing)
    return root, keys[0]
