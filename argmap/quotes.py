"""Quote verification against archived source texts.

A quote is *verified* when it occurs in the source's archive after normalising whitespace,
quotes and apostrophes, dashes, ellipses and letter case; *mismatched* when the archive exists
and it does not occur (an error, with the closest passage as a hint); *unverified* when there
is no archive to check against.
"""

from __future__ import annotations

import os
import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

from .confine import Refused
from .diagnostics import Diagnostics
from .model import Debate

__all__ = ["normalize", "Archive", "closest_passage", "find_archive", "verify_quotes",
           "QuoteReport", "VERIFIED", "MISMATCHED", "UNVERIFIED"]

VERIFIED, MISMATCHED, UNVERIFIED = "verified", "mismatched", "unverified"

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


_WHOLE_SEARCH = 2_000_000  # characters: beyond this, only passages near the quote's words
_PLACES = 40               # occurrences of each of the quote's words looked at


def closest_passage(quote: str, archive: Archive) -> tuple[str, float]:
    """The passage of the archive most like ``quote`` and its similarity (0-100).

    A fuzzy alignment over a whole archive costs its length times the quote's: on a large
    archive only the stretches around the quote's longest words are aligned, so each
    mismatched quote costs about the same however large its source is."""
    from rapidfuzz import fuzz  # late: only mismatches pay for it

    needle = normalize(quote)
    hay = archive.normalized
    if not needle or not hay:
        return "", 0.0
    if len(hay) <= _WHOLE_SEARCH:
        hit = fuzz.partial_ratio_alignment(needle, hay)
        return ("", 0.0) if hit is None else (
            archive.original(*_whole_words(hay, hit.dest_start, hit.dest_end)), hit.score)
    best = None
    span = 2 * len(needle)
    for word in sorted(set(needle.split()), key=len, reverse=True)[:3]:
        if len(word) < 4:
            break
        at = hay.find(word)
        for _ in range(_PLACES):
            if at < 0:
                break
            lo = max(0, at - span)
            hit = fuzz.partial_ratio_alignment(needle, hay[lo:at + span])
            if hit is not None and (best is None or hit.score > best[2]):
                best = (lo + hit.dest_start, lo + hit.dest_end, hit.score)
            at = hay.find(word, at + len(word))
    if best is None:
        return "", 0.0
    return archive.original(*_whole_words(hay, best[0], best[1])), best[2]


def _whole_words(hay: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to whole words: a hint that starts mid-word is hard to find."""
    while start > 0 and hay[start - 1] != " ":
        start -= 1
    while end < len(hay) and hay[end] != " ":
        end += 1
    return start, end


def find_archive(name: str, folders: list[str]) -> tuple[str, str] | None:
    """``(path, folder)`` of the first archive folder that has a file ``name``, or None."""
    for folder in folders:
        path = os.path.join(folder, name)
        if os.path.lexists(path):
            return path, folder
    return None


@dataclass
class QuoteReport:
    """Counts of quote statuses, and each (claim, source) → status for the trace and reports."""

    verified: int = 0
    mismatched: int = 0
    unverified: int = 0
    status: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # where each verified quote was found, for people: "p. 14", "section: Costs" (see
    # argmap.locators.found_where); absent for a text archive
    where: dict[tuple[str, str, str], str] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)  # where archives were looked for
    not_found: set[str] = field(default_factory=set)   # archive names no folder held

    def as_dict(self) -> dict:
        return {"verified": self.verified, "mismatched": self.mismatched,
                "unverified": self.unverified}


def _shorten(text: str, limit: int = 160) -> str:
    """``text`` cut to ``limit`` characters at a word boundary (a hint that ends mid-word is
    as hard to find in the source as one that starts mid-word)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "\u2026"


def verify_quotes(debate: Debate, sites, folders: list[str], diags: Diagnostics,
                  strict: bool = False, cache=None) -> QuoteReport:
    """Check every quote site against its source's archive; add diagnostics; count.

    Archives may be text, PDF or saved web pages (:mod:`argmap.archives`); ``cache`` (a
    :class:`argmap.archives.TextCache`) keeps what PDFs and pages extract to. A quote found in
    a PDF or a web page is placed (its page, its section) and its locator checked
    (:mod:`argmap.locators`)."""
    from .archives import ArchiveProblem, prefetch, read_archive
    from .locators import found_where, locator_problem

    report = QuoteReport(folders=list(folders))
    sites = list(sites)
    names = {source.archive for source in map(debate.sources_by_id.get, {s.source for s in sites})
             if source is not None and source.archive}
    located = [find_archive(name, folders) for name in sorted(names)] if folders else []
    problems = prefetch([f for f in located if f is not None], cache)
    archives: dict[str, Archive | None] = {}
    missing_reported: set[str] = set()

    # The quotes of one archive together, so that only one archive is held at a time.
    def archive_of(site) -> str:
        source = debate.sources_by_id.get(site.source)
        return source.archive if source is not None else ""
    ordered = sorted(sites, key=archive_of)
    current = None
    for site in ordered:
        name = archive_of(site)
        if name != current:
            archives.pop(current, None)  # done with it (sorted: it never comes back): let it go
            current = name
        source = debate.sources_by_id.get(site.source)
        archive = None
        if source is not None and source.archive:
            if source.archive not in archives:
                found = find_archive(source.archive, folders) if folders else None
                archives[source.archive] = None
                if found is not None:
                    try:
                        archives[source.archive] = read_archive(*found, cache=cache,
                                                                problems=problems)
                    except ArchiveProblem as why:
                        missing_reported.add(source.archive)
                        loc = source.location
                        diags.error(os.path.join(debate.root, loc.file), (loc.line, loc.col),
                                    f"archive '{source.archive}' of source '{source.id}' could "
                                    f"not be read: {why}", "archive-unreadable")
                    except Refused as why:
                        missing_reported.add(source.archive)
                        loc = source.location
                        diags.error(os.path.join(debate.root, loc.file), (loc.line, loc.col),
                                    f"archive '{source.archive}' of source '{source.id}' is "
                                    f"not read: {why}; argmap reads only regular files inside "
                                    "the archive folders", "archive-outside")
            archive = archives[source.archive]
            if archive is None and source.archive not in missing_reported:
                report.not_found.add(source.archive)
            if archive is None and folders and source.archive not in missing_reported:
                missing_reported.add(source.archive)
                loc = source.location
                diags.warning(os.path.join(debate.root, loc.file), (loc.line, loc.col),
                              f"archive '{source.archive}' of source '{source.id}' was not "
                              f"found in {', '.join(folders)}", "archive-missing")
        key = (site.claim, site.source, site.quote)
        if archive is None:
            report.unverified += 1
            report.status[key] = UNVERIFIED
            if strict:
                why = "it has no archive" if source is None or not source.archive else \
                    "its archive could not be read" if source.archive not in report.not_found \
                    else "its archive was not found"
                diags.warning(site.display, site.pos, f"quote from '{site.source}' is unverified: "
                              f"{why}", "unverified")
        elif (span := archive.find(site.quote)) is not None:
            report.verified += 1
            report.status[key] = VERIFIED
            if archive.kind != "text":
                report.where[key] = found_where(archive, span)
                problem = locator_problem(archive, span, site.locator)
                if problem:
                    diags.warning(site.display, site.locator_pos, problem,
                                  "locator-page" if archive.kind == "pdf" else
                                  "locator-section")
        else:
            report.mismatched += 1
            report.status[key] = MISMATCHED
            passage, score = closest_passage(site.quote, archive)
            hint = f"; closest passage ({score:.0f}% alike): \"{_shorten(passage)}\"" \
                if passage else ""
            diags.error(site.display, site.pos, f"quote not found in the archive of "
                        f"'{site.source}' ({source.archive}){hint}", "quote-mismatch")
    return report
