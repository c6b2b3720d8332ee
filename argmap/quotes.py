"""Quote verification against archived source texts.

A quote is *verified* when it occurs in the source's archive after normalising whitespace,
quotes and apostrophes, dashes, ellipses and letter case; *mismatched* when the archive exists
and it does not occur (an error, with the closest passage as a hint); *unverified* when there
is no archive to check against.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from array import array
from dataclasses import dataclass, field

from .confine import Refused, read_regular
from .diagnostics import Diagnostics
from .model import Debate

__all__ = ["normalize", "Archive", "closest_passage", "find_archive", "verify_quotes",
           "MemoryFolder",
           "QuoteReport", "VERIFIED", "MISMATCHED", "UNVERIFIED"]

VERIFIED, MISMATCHED, UNVERIFIED = "verified", "mismatched", "unverified"

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")


def compatible(text: str) -> str:
    """``text`` in Unicode's compatibility form (NFKC), without soft hyphens: text extracted
    from a PDF often holds ligatures ("ﬁ"), decomposed accents, fullwidth letters and soft
    hyphens that a quote typed by hand does not. An archive is kept in this form, so the
    closest passage shown for a mismatch reads as the quote would."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.replace("\u00ad", "") if "\u00ad" in text else text


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
    """

    def __init__(self, text: str):
        self.text = compatible(text)
        self.normalized = normalize(self.text)
        self._origin: array | None = None

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

    def contains(self, quote: str) -> bool:
        needle = normalize(quote)
        return bool(needle) and needle in self.normalized

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


class MemoryFolder(str):
    """An archive folder held in memory: the folder ``name`` of ``files`` (a debate read
    from a git revision, POSIX path → bytes), named ``shown`` in messages (the string)."""

    def __new__(cls, shown: str, files, name: str):
        folder = super().__new__(cls, shown)
        folder.files = files
        folder.prefix = name.strip("/").replace("\\", "/") + "/"
        return folder

    def find(self, name: str) -> bytes | None:
        return self.files.get(posixpath.normpath(self.prefix + name))


def find_archive(name: str, folders: list[str]) -> tuple[str, str] | None:
    """``(path, folder)`` of the first archive folder that has a file ``name``, or None."""
    for folder in folders:
        if isinstance(folder, MemoryFolder):
            if folder.find(name) is not None:
                return name, folder
            continue
        path = os.path.join(folder, name)
        if os.path.lexists(path):
            return path, folder
    return None


def _read_archive(path: str, folder: str) -> bytes:
    if isinstance(folder, MemoryFolder):
        return folder.find(path)
    return read_regular(path, folder)


@dataclass
class QuoteReport:
    """Counts of quote statuses, and each (claim, source) → status for the trace and reports."""

    verified: int = 0
    mismatched: int = 0
    unverified: int = 0
    status: dict[tuple[str, str, str], str] = field(default_factory=dict)
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
                  strict: bool = False) -> QuoteReport:
    """Check every quote site against its source's archive; add diagnostics; count."""
    report = QuoteReport(folders=list(folders))
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
                        data = _read_archive(*found)
                        archives[source.archive] = Archive(data.decode("utf-8", "replace"))
                    except Refused as why:
                        missing_reported.add(source.archive)
                        loc = source.location
                        diags.error(os.path.join(debate.root, loc.file), (loc.line, loc.col),
                                    f"archive '{source.archive}' of source '{source.id}' is "
                                    f"not read: {why}; argmap reads only regular files inside "
                                    "the archive folders", "archive-outside")
            archive = archives[source.archive]
            if archive is None:
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
                    "its archive was not found"
                diags.warning(site.display, site.pos, f"quote from '{site.source}' is unverified: "
                              f"{why}", "unverified")
        elif archive.contains(site.quote):
            report.verified += 1
            report.status[key] = VERIFIED
        else:
            report.mismatched += 1
            report.status[key] = MISMATCHED
            passage, score = closest_passage(site.quote, archive)
            hint = f"; closest passage ({score:.0f}% alike): \"{_shorten(passage)}\"" \
                if passage else ""
            diags.error(site.display, site.pos, f"quote not found in the archive of "
                        f"'{site.source}' ({source.archive}){hint}", "quote-mismatch")
    return report
