"""Text fitted into boxes: estimated widths and greedy word wrap.

Widths are Arial's advance widths (and its metric twins Liberation Sans and Helvetica) with a
margin (``SAFETY``), so wider fallback fonts still fit; the map's diagram, the printed atlas
and the Graphviz labels all wrap with these functions. Measuring is done in whole units of a
thousandth of an em where it can be, which makes a line's width an exact integer sum, and a
word too wide for a line is broken in one pass.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain

__all__ = ["text_width", "wrap", "wrap_all", "MAX_LINES", "SAFETY", "BOLD"]

MAX_LINES = 7              # longer texts are cut with an ellipsis; the panel shows them whole
SAFETY = 1.04              # a little room: DejaVu Sans, a common fallback, is wider still

# Advance widths of Arial (and its metric twins Liberation Sans and Helvetica) in thousandths
# of an em; other characters count as 556, wide scripts as a full em.
_WIDTHS = {
    222: "ijl’‘", 278: " .,:;!/[]ftI\\", 191: "'", 260: "|", 333: "-()r“”\"`{}*",
    500: "ckszvxyJ^", 584: "+<>=~", 611: "FTZ", 667: "ABEKPSVXY&", 722: "CDHNRUw",
    778: "GOQ", 833: "mM", 889: "%", 944: "W", 1000: "—…", 1015: "@",
}
_CHAR = {ch: width for width, chars in _WIDTHS.items() for ch in chars}
BOLD = 1.08


def text_width(text: str, font_size: float) -> float:
    """Estimated rendered width of ``text`` in pixels (regular weight; bold is ``BOLD``×)."""
    units = 0
    for ch in text:
        units += _CHAR.get(ch, 1000 if ord(ch) >= 0x2E80 else 556)
    return units * font_size * SAFETY / 1000


_SPACE_UNITS = _CHAR[" "]
_ELLIPSIS_UNITS = _CHAR["…"]


class _WordAdvances(dict):
    """A word's advance in thousandths of an em, with the space after it, measured once:
    debates reuse their words, and in whole units a line's width is an exact integer sum."""

    def __missing__(self, word: str) -> int:
        units = _SPACE_UNITS
        for ch in word:
            units += _CHAR.get(ch, 1000 if ord(ch) >= 0x2E80 else 556)
        if len(self) >= 1 << 16:
            self.clear()
        self[word] = units
        return units


_ADVANCES = _WordAdvances()


@lru_cache(maxsize=64)
def _line_units(width: float, font_size: float) -> int | None:
    """The most units a line of ``width`` pixels holds; None when ``width`` is within float
    rounding of a whole number of units, where a sum of pixel widths could fall either side
    of it: such lines are measured in pixels (:func:`_wrap_by_pixels`)."""
    exact = width * 1000 / (font_size * SAFETY)
    whole = int(exact // 1)
    return whole if 1e-6 < exact - whole < 1 - 1e-6 else None


def _break_word(word: str, width: float, font_size: float) -> list[str]:
    """A word wider than the box, cut into pieces that fit: each piece the longest run of
    letters (at least one) whose width fits, measured letter by letter in one pass, so a
    pasted URL or a run of CJK text of any length takes time in proportion to its length."""
    scale = font_size * SAFETY / 1000
    pieces = []
    start, used = 0, 0
    for i, ch in enumerate(word):
        units = _CHAR.get(ch, 1000 if ord(ch) >= 0x2E80 else 556)
        if i > start and (used + units) * scale > width:
            pieces.append(word[start:i])
            start, used = i, 0
        used += units
    pieces.append(word[start:])
    return pieces


def _wrap_by_pixels(words: list[str], width: float, font_size: float) -> list[str]:
    """Greedy word wrap summing pixel widths; cuts words wider than a line."""
    space = text_width(" ", font_size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        w = text_width(word, font_size)
        pieces = [word] if w <= width else _break_word(word, width, font_size)
        for piece in pieces:
            w = w if len(pieces) == 1 else text_width(piece, font_size)
            if line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used = used + space + w if line else w
            line.append(piece)
    if line:
        lines.append(" ".join(line))
    return lines


def _lines_by_units(words: list[str], ends: list[int], start: int, end: int, limit: int,
                    max_lines: int, width: float, font_size: float) -> tuple[str, ...] | None:
    """:func:`wrap` of ``words[start:end]`` (not empty), or None when one of them is wider
    than a line of ``limit`` units.

    ``ends[k]`` is the width of ``words[:k]``, each word with the space after it, so each
    line's last word is found by bisection instead of by measuring word after word, and no
    more than the ``max_lines + 1`` lines needed to know where to cut the text are made.
    """
    reach = limit + _SPACE_UNITS
    after = end + 1
    lines = []
    for _ in range(max_lines):
        stop = bisect_right(ends, ends[start] + reach, start + 1, after) - 1
        if stop == start:
            return None
        lines.append(" ".join(words[start:stop]))
        if stop == end:
            return tuple(lines)
        first, start = start, stop
    if bisect_right(ends, ends[start] + reach, start + 1, after) - 1 == start:
        return None  # the next word is too wide: the first of its pieces may join this line
    # Too long: the last line drops words until it has room for " …".
    while stop - first > 1 and ends[stop] - ends[first] + _ELLIPSIS_UNITS > limit:
        stop -= 1
    last = " ".join(words[first:stop])
    if stop - first == 1:  # one word left: it loses letters
        last = _cut_to_fit(last, width, font_size)
    lines[-1] = last + " …"
    return tuple(lines)


def _lines_by_pixels(words: list[str], width: float, font_size: float, max_lines: int
                     ) -> tuple[str, ...]:
    """:func:`wrap` of ``words``, measured in pixels: for words wider than a line."""
    lines = _wrap_by_pixels(words, width, font_size)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [_cut_to_fit(lines[max_lines - 1], width, font_size)
                                         + " …"]
    return tuple(lines) or ("",)


def _cut_to_fit(last: str, width: float, font_size: float) -> str:
    """The last line shortened, word by word, then letter by letter, until " …" fits."""
    while last and text_width(last + " …", font_size) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return last


def wrap(text: str, width: float, font_size: float, max_lines: int = MAX_LINES
         ) -> tuple[str, ...]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` pixels; a text longer
    than ``max_lines`` is cut, its last line ending in " …"."""
    return wrap_all([text], width, font_size, max_lines)[0]


_WRAP_BATCH = 500  # texts measured together: their words and widths are held at once


def wrap_all(texts: list[str], width: float, font_size: float, max_lines: int = MAX_LINES
             ) -> list[tuple[str, ...]]:
    """:func:`wrap` of each of ``texts``, their words measured together, a batch at a time
    (all of them at once held every word of a large map, tens of megabytes)."""
    wrapped: list[tuple[str, ...]] = []
    for first in range(0, len(texts), _WRAP_BATCH):
        wrapped += _wrap_batch(texts[first:first + _WRAP_BATCH], width, font_size, max_lines)
    return wrapped


def _wrap_batch(texts: list[str], width: float, font_size: float, max_lines: int
                ) -> list[tuple[str, ...]]:
    split = [text.split() for text in texts]
    limit = _line_units(width, font_size)
    if limit is None or max_lines < 1:
        return [_lines_by_pixels(words, width, font_size, max_lines) for words in split]
    words = list(chain.from_iterable(split))
    ends = list(accumulate(map(_ADVANCES.__getitem__, words), initial=0))
    wrapped = []
    start = 0
    for own in split:
        end = start + len(own)
        lines = (_lines_by_units(words, ends, start, end, limit, max_lines, width, font_size)
                 if own else ("",))
        wrapped.append(lines if lines is not None else
                       _lines_by_pixels(own, width, font_size, max_lines))
        start = end
    return wrapped
