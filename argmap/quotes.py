"""Quote verification against archived source texts.

A quote is *verified* when it occurs in the source's archive after normalising whitespace,
quotes and apostrophes, dashes, ellipses and letter case; *mismatched* when the archive exists
and it does not occur (an error, with the closest passage as a hint); *unverified* when there
is no archive to check against.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .confine import Refused
from .diagnostics import Diagnostics
from .model import Debate
from .archives import MemoryFolder
from .textmatch import Archive, compatible, normalize

__all__ = ["normalize", "compatible", "Archive", "closest_passage", "find_archive",
           "verify_quotes", "MemoryFolder",
           "QuoteReport", "VERIFIED", "MISMATCHED", "UNVERIFIED"]

VERIFIED, MISMATCHED, UNVERIFIED = "verified", "mismatched", "unverified"

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
        if isinstance(folder, MemoryFolder):
            if folder.find(name) is not None:
                return name, folder
            continue
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
