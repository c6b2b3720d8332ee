"""Quoted text and archived text made comparable: the normalisation every quote and archive
goes through, and :class:`Archive`, an archived text normalised once, in parts (a PDF's
pages, a web page's blocks) with a map back to its original characters.

The layer below :mod:`argmap.quotes` (verification), :mod:`argmap.archives` (reading each
kind of archive) and :mod:`argmap.locators` (where a quote was found).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right

__all__ = ["normalize", "compatible", "join_line_hyphens", "Archive"]

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")


_SPACED_ELLIPSIS = re.compile(r"\.[ \t\u00a0]\.[ \t\u00a0]\.")
# A word broken at a line end by a hyphen ("rehabil-\nitation"): letters either side.
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010][ \t]*\r?\n\s*(?=[^\W\d_])")
# A hyphen inside a word ("self-care"), in normalised text.
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def compatible(text: str) -> str:
    """``text`` in Unicode's compatibility form (NFKC), without soft hyphens, with a spaced
    ellipsis (". . .") closed up: text extracted from a PDF often holds ligatures ("ﬁ"),
    decomposed accents, fullwidth letters, soft hyphens and typeset ellipses that a quote typed
    by hand does not. An archive is kept in this form, so the closest passage shown for a
    mismatch reads as the quote would."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if ". ." in text or ".\u00a0." in text or ".\t." in text:
        text = _SPACED_ELLIPSIS.sub("...", text)
    return text.replace("\u00ad", "") if "\u00ad" in text else text


def join_line_hyphens(text: str) -> str:
    """Words hyphenated at a line end joined again ("rehabil-\nitation" → "rehabilitation").
    A hyphen that was part of the word ("self-\ncare") is joined too; :meth:`Archive.find`
    then also compares with the hyphens inside words left out, so "self-care" still matches."""
    return _LINE_HYPHEN.sub("", text) if "\n" in text else text


def normalize(text: str) -> str:
    """Fold the differences that copying a quote by hand introduces."""
    text = compatible(text).translate(_FOLD).replace("\u2026", "...").casefold()
    return _SPACE.sub(" ", text).strip()


_TOKEN = re.compile(r"\S+")


class Archive:
    """An archived text, normalised once, with a map back to the original characters.

    The normalised text is made by whole-string operations (every step of :func:`normalize`
    maps character by character, so this is the per-character folding, at C speed). The map
    back, needed only for the hint of a mismatched quote, is made on first use: an array of
    4-byte offsets built a word at a time (a whole range per plain ASCII word), about 5
    bytes a character rather than 50.

    An archive may come in ``parts``: a PDF's pages, a web page's blocks. Each part's start in
    the normalised text is kept (``starts``), so a quote found can be placed on its page or
    under its heading; a word hyphenated across two parts is joined like one across a line.
    ``kind`` is ``text``, ``pdf`` or ``html``; ``labels`` are a PDF's printed page labels (one
    a part), ``paths`` a web page's headings above each block (outermost first), ``headings``
    every heading of the web page.
    """

    def __init__(self, text: str = "", parts: list[str] | None = None, kind: str = "text",
                 labels: list[str] | None = None, paths: list[tuple[str, ...]] | None = None,
                 headings: list[str] | None = None):
        self.kind = kind
        self.labels = labels or []
        self.paths = paths or []
        self.headings = headings or []
        if parts is None:
            self.text = compatible(join_line_hyphens(text))
            self.normalized = normalize(self.text)
            self.starts = [0]
        else:
            self._join(parts)
        self._origin: array | None = None
        self._loose: tuple[str, list[int]] | None = None

    def _join(self, parts: list[str]) -> None:
        texts: list[str] = []
        norms: list[str] = []
        starts: list[int] = []
        pos = 0
        for raw in parts:
            text = compatible(join_line_hyphens(raw)).strip()
            norm = normalize(text)
            if not norm:
                starts.append(pos)
                continue
            if norms:
                prev = norms[-1]
                if (len(prev) > 1 and prev[-1] == "-" and prev[-2].isalpha()
                        and norm[0].isalpha()):  # hyphenated across the break
                    norms[-1] = prev[:-1]
                    texts[-1] = texts[-1][:-1]
                    pos -= 1
                else:
                    norms.append(" ")
                    texts.append("\n")
                    pos += 1
            starts.append(pos)
            norms.append(norm)
            texts.append(text)
            pos += len(norm)
        self.text = "".join(texts)
        self.normalized = "".join(norms)
        self.starts = starts

    @property
    def origin(self) -> array:
        if self._origin is None:
            self._origin = self._map_back()
        return self._origin

    def _map_back(self) -> array:
        text = self.text
        origin = array("I") if len(text) < 1 << 32 else array("Q")
        first = True
        for m in _TOKEN.finditer(text):
            start, token = m.start(), m.group()
            if not first:
                origin.append(start - 1)  # the whitespace before the word
            first = False
            if token.isascii() and "`" not in token:
                origin.extend(range(start, m.end()))
                continue
            for j, ch in enumerate(token):
                folded = normalize(ch) if not ch.isascii() or ch == "`" else ch.lower()
                origin.extend([start + j] * len(folded or ch))
        return origin

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where ``quote`` is in the normalised text (``start, end``), or None.

        Compared as normalised; failing that, with the hyphens inside words left out on both
        sides, so that a word hyphenated at a line end matches whether or not its hyphen
        belonged to it ("self-care" / "selfcare")."""
        needle = normalize(quote)
        if not needle:
            return None
        at = self.normalized.find(needle)
        if at >= 0:
            return at, at + len(needle)
        loose_needle = _WORD_HYPHEN.sub("", needle)
        loose, removed = self.loose
        at = loose.find(loose_needle) if loose_needle else -1
        if at < 0:
            return None
        # removed[i] - i is where the i-th removed hyphen would stand in the loose text
        def back(i: int) -> int:
            return i + bisect_right(removed, i)
        return back(at), back(at + len(loose_needle) - 1) + 1

    @property
    def loose(self) -> tuple[str, list[int]]:
        """The normalised text without hyphens inside words, and where each removed hyphen
        stood, counted in the loose text (for mapping a find back)."""
        if self._loose is None:
            spots = [m.start() for m in _WORD_HYPHEN.finditer(self.normalized)]
            self._loose = (_WORD_HYPHEN.sub("", self.normalized),
                           [at - i for i, at in enumerate(spots)])
        return self._loose

    def contains(self, quote: str) -> bool:
        return self.find(quote) is not None

    def part_of(self, at: int) -> int:
        """The index of the part (page, block) holding normalised position ``at``."""
        return max(0, bisect_right(self.starts, at) - 1)

    def original(self, start: int, end: int) -> str:
        """The original text behind normalised positions ``start:end``."""
        if not self.origin or start >= end:
            return ""
        return _SPACE.sub(" ", self.text[self.origin[start]: self.origin[end - 1] + 1]).strip()
