"""Small edits to a user's YAML file that leave every other byte as it was.

argmap writes into files people wrote by hand (``argmap archive`` records a source's
``archive:``, ``accessed:`` and ``sha256:``): dumping the parsed data again would lose their
comments, their key order, their quoting and their line ends. Instead the file is composed
once more (PyYAML's pure-Python composer, whose marks are character offsets into the text)
and each change is made at the place the marks give: a value replaced where it stands, a
missing key added on a line of its own at the mapping's indentation. Every edit is then
checked by parsing the result: the data must be the old data with exactly the changes asked
for, or nothing is written.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["EditRefused", "set_keys", "plain_or_quoted", "source_mapping", "top_mapping"]


class EditRefused(Exception):
    """The change cannot be made as a small edit (say why, so the user can make it by hand)."""


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def plain_or_quoted(value: str) -> str:
    """``value`` as a YAML scalar that reads back as that very text: plain when it is a
    simple word (a file name, a digest, an ISO date, as people write them), else in double
    quotes (JSON's escapes are YAML's)."""
    if _DATE.match(value):
        return value  # a date is kept as written by argmap's reader
    if _PLAIN.match(value):
        import yaml
        if yaml.safe_load(value) == value:  # not a number, a boolean, null ...
            return value
    return json.dumps(value, ensure_ascii=False)


def _styled(value: str, style: str | None) -> str:
    """``value`` quoted as the value it replaces was: a user's quoting is theirs."""
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return plain_or_quoted(value)


def _compose(text: str):
    import yaml
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditRefused(f"it is not valid YAML ({str(exc).splitlines()[0]})") from None


def top_mapping(node):
    """The file's top mapping node (a block mapping), or EditRefused."""
    import yaml
    if not isinstance(node, yaml.MappingNode):
        raise EditRefused("the file is not a mapping")
    return node


def source_mapping(root, source_id: str, line: int | None = None):
    """``(index, node)`` of the mapping of source ``source_id`` in the ``sources:`` list of
    the file's top mapping (the one at ``line``, 1-based, when several claim the id)."""
    import yaml
    found = []
    for key, value in top_mapping(root).value:
        if key.value != "sources" or not isinstance(value, yaml.SequenceNode):
            continue
        for i, item in enumerate(value.value):
            if not isinstance(item, yaml.MappingNode):
                continue
            for k, v in item.value:
                if k.value == "id" and isinstance(v, yaml.ScalarNode) and v.value == source_id:
                    found.append((i, item))
    if not found:
        raise EditRefused(f"no source '{source_id}' in its 'sources:' list")
    for i, item in found:
        if line is not None and item.start_mark.line + 1 == line:
            return i, item
    return found[0]


def _line_end(text: str, index: int) -> int:
    """The offset just after the line break of the line holding ``index`` (or the end)."""
    if index > 0 and text[index - 1] in "\r\n":
        return index  # already at the start of a line
    at = text.find("\n", index)
    return len(text) if at < 0 else at + 1


def _content_end(node) -> int:
    """Where a block mapping's last line ends: after its deepest last scalar or flow
    collection (a block collection's own end mark lies at the next token, past any comment
    lines that belong to what follows)."""
    import yaml
    while not (isinstance(node, yaml.ScalarNode) or node.flow_style) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node.end_mark.index


def _plan(text: str, mapping, values: dict[str, str], raw: frozenset,
          after: str | None) -> list[tuple[int, int, str]]:
    """The edits ``(start, end, new text)`` that give ``mapping`` the ``values``."""
    import yaml
    if mapping.flow_style:
        raise EditRefused("it is written as a flow mapping ({...})")
    eol = "\r\n" if "\r\n" in text else "\n"
    have = {}
    for k, v in mapping.value:
        if k.value in values:
            if k.value in have:
                raise EditRefused(f"'{k.value}' is written twice")
            have[k.value] = v
    edits: list[tuple[int, int, str]] = []
    missing = []
    for key, value in values.items():
        node = have.get(key)
        if node is None:
            missing.append(key)
            continue
        if key in raw:
            raise EditRefused(f"'{key}' is there already")
        if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">") or \
                node.start_mark.line != node.end_mark.line:
            raise EditRefused(f"its '{key}' is not a one-line value")
        if node.value != value or node.tag != "tag:yaml.org,2002:str" and \
                not _DATE.match(value):
            edits.append((node.start_mark.index, node.end_mark.index, _styled(value,
                                                                             node.style)))
    if missing:
        indent = mapping.value[0][0].start_mark.column if mapping.value else 0
        anchor = have.get(after) if after else None
        if anchor is not None and anchor.start_mark.line == anchor.end_mark.line:
            at = _line_end(text, anchor.end_mark.index)
        else:
            at = _line_end(text, _content_end(mapping))
        lines = "".join(f"{' ' * indent}{key}: "
                        f"{values[key] if key in raw else plain_or_quoted(values[key])}{eol}"
                        for key in missing)
        if at == len(text) and text and not text.endswith("\n"):
            lines = eol + lines  # the last line had no line break
        edits.append((at, at, lines))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _read(text: str, path: str) -> Any:
    from .yamlreader import read_yaml_positioned
    tree, diags = read_yaml_positioned(text.encode("utf-8"), path)
    if any(d.severity == "error" for d in diags):
        raise EditRefused(f"it does not read back ({next(iter(diags)).message})")
    return _plain(tree)


def set_keys(text: str, values: dict[str, str], *, source: str | None = None,
             line: int | None = None, raw: frozenset = frozenset(), after: str | None = None,
             path: str = "the file") -> str:
    """``text`` with ``values`` set in the mapping of source ``source`` (at ``line``), or in
    the top mapping when ``source`` is None: values replaced where they stand, missing keys
    added after the key ``after`` (when the mapping has it on one line) or at the mapping's
    end. Keys in ``raw`` are added with their value as written (a flow list) and must be
    missing. The result is parsed again and must hold the old data with exactly these
    changes; :class:`EditRefused` otherwise."""
    node = _compose(text)
    if node is None:
        raise EditRefused("the file is empty")
    if source is None:
        index, mapping = None, top_mapping(node)
    else:
        index, mapping = source_mapping(node, source, line)
    new = _apply(text, _plan(text, mapping, values, raw, after))
    expected = _read(text, path)
    target = expected if source is None else expected["sources"][index]
    for key, value in values.items():
        target[key] = _read(f"{key}: {value}\n", path)[key] if key in raw else value
    got = _read(new, path)
    if got != expected:
        raise EditRefused("the edit would change more than the keys asked for")
    return new
