"""YAML syntax errors in words that say how to fix them.

The parser says what it met ("mapping values are not allowed in this context"); someone
writing a debate by hand needs to hear what they did (a colon in an unquoted title, a tab,
a quote never closed) and what to write instead. :func:`explain` turns the parser's error
into a position and a message; a case it does not know keeps the parser's words.
"""

from __future__ import annotations

import re

__all__ = ["explain"]

# `key: value` on one line, with an optional list dash: where the value starts.
_KEY_VALUE = re.compile(r"(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):[ \t]+(\S.*?)\s*$")


def explain(exc, text: str) -> tuple[tuple[int, int], str]:
    """``((line, col), message)`` for PyYAML's ``MarkedYAMLError`` ``exc`` in ``text``."""
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    line = _line(text, pos[0])
    if "mapping values are not allowed" in problem:
        found = _KEY_VALUE.match(line)
        if found and ": " in found.group(3) + " ":
            return _unquoted_colon(pos[0], found)
        # a line that continues a value (its words wrapped onto it) and holds ': '
        return pos, ("YAML syntax: this ': ' is read as the start of another key; if it "
                     "belongs to a value, put the whole value in quotes, or write it as a "
                     "block: the key, then '>-', then the text indented on the lines below")
    if "tab character" in problem or "'\\t'" in problem or (0 < pos[1] <= len(line)
                                                            and line[pos[1] - 1] == "\t"):
        return pos, ("YAML syntax: a tab character in the indentation: YAML indents with "
                     "spaces only; replace the tab with spaces")
    if (exc.context or "").startswith("while scanning a quoted scalar") and exc.context_mark:
        start = exc.context_mark
        opening = _line(text, start.line + 1)[start.column:start.column + 1]
        opening = opening if opening in ('"', "'") else '"'
        return (start.line + 1, start.column + 1), (
            f"YAML syntax: the quote {opening} that opens this value is never closed: end "
            f"the value with {opening}")
    return pos, f"YAML syntax: {problem}"


def _line(text: str, number: int) -> str:
    """Line ``number`` (1-based) of ``text``, or "" when the parser counted lines otherwise
    (it also breaks lines at a lone carriage return)."""
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _unquoted_colon(line_no: int, found: re.Match) -> tuple[tuple[int, int], str]:
    key, value = found.group(2), found.group(3)
    quote = '"' if '"' not in value else "'" if "'" not in value else ""
    example = f", as in {key}: {quote}{_short(value)}{quote}" if quote else ""
    return (line_no, found.start(3) + 1), (
        f"YAML syntax: the value of '{key}' holds ': ', which YAML reads as the start of "
        f"another key: put the value in quotes{example}")


def _short(value: str, limit: int = 60) -> str:
    """The value for an example, cut at a word boundary when long."""
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0]
    return cut + "\u2026"
