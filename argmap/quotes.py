"""Quote verification against archived source texts.

A quote is *verified* when it occurs in the source's archive after normalising whitespace,
quotes and apostrophes, dashes, ellipses and letter case; *mismatched* when the archive exists
and it does not occur (an error, with the closest passage as a hint); *unverified* when there
is no archive to check against.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .confine import Refused, read_regular
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


def normalize(text: str) -> str:
    """Fold the differences that copying a quote by hand introduces."""
    text = text.translate(_FOLD).replace("\u2026", "...").casefold()
    return _SPACE.sub(" ", text).strip()


class Archive:
    """An archived text, normalised once, with a map back to the original characters."""

    def __init__(self, text: str):
        self.text = text
        chars: list[str] = []
        origin: list[int] = []
        in_space = True  # also drops leading whitespace
        for i, ch in enumerate(text):
            if ch.isspace():
                if not in_space:
                    chars.append(" ")
                    origin.append(i)
                in_space = True
                continue
            in_space = False
            folded = normalize(ch) if not ch.isascii() or ch == "`" else ch.lower()
            for piece in folded or ch:
                chars.append(piece)
                origin.append(i)
        self.normalized = "".join(chars)
        self.origin = origin

    def contains(self, quote: str) -> bool:
        needle = normalize(quote)
        return bool(needle) and needle in self.normalized

    def original(self, start: int, end: int) -> str:
        """The original text behind normalised positions ``start:end``."""
        if not self.origin or start >= end:
            return ""
        return _SPACE.sub(" ", self.text[self.origin[start]: self.origin[end - 1] + 1]).strip()


def closest_passage(quote: str, archive: Archive) -> tuple[str, float]:
    """The passage of the archive most like ``quote`` and its similarity (0-100)."""
    from rapidfuzz import fuzz  # late: only mismatches pay for it

    needle = normalize(quote)
    if not needle or not archive.normalized:
        return "", 0.0
    hit = fuzz.partial_ratio_alignment(needle, archive.normalized)
    if hit is None:
        return "", 0.0
    return archive.original(hit.dest_start, hit.dest_end), hit.score


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
    folders: list[str] = field(default_factory=list)  # where archives were looked for
    not_found: set[str] = field(default_factory=set)   # archive names no folder held

    def as_dict(self) -> dict:
        return {"verified": self.verified, "mismatched": self.mismatched,
                "unverified": self.unverified}


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def verify_quotes(debate: Debate, sites, folders: list[str], diags: Diagnostics,
                  strict: bool = False) -> QuoteReport:
    """Check every quote site against its source's archive; add diagnostics; count."""
    report = QuoteReport(folders=list(folders))
    archives: dict[str, Archive | None] = {}
    missing_reported: set[str] = set()
    for site in sites:
        source = debate.sources_by_id.get(site.source)
        archive = None
        if source is not None and source.archive:
            if source.archive not in archives:
                found = find_archive(source.archive, folders) if folders else None
                archives[source.archive] = None
                if found is not None:
                    try:
                        data = read_regular(*found)
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
