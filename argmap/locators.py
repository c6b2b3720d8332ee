"""Locators checked against where a quote was found in its archive.

A quote found in a PDF has a page: a locator ``p. N``, ``pp. N–M`` (en dash or hyphen),
``page N`` or ``pages N–M`` that names no page the quote is on is a warning saying where it
is. Pages are matched by the label the PDF prints (its ``/PageLabels``: "xii", "S3") and by
the physical page number, so either way of counting agrees.

A quote found in a web page has the headings above it: a locator ``section: Heading`` whose
heading is not on the page (allowing for small differences: case, punctuation, a typo, a
heading cut short with "...") is a warning naming the closest heading; one that is on the
page but not above the quote is a warning naming the section the quote is in.
"""

from __future__ import annotations

import re

from .textmatch import Archive, normalize

__all__ = ["page_range", "section_name", "found_where", "locator_problem"]

_PAGE = re.compile(r"(?<![\w])(?:pp?\.?|pages?)\s*([A-Za-z]?\d+|[ivxlcdm]+)"
                   r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014]\s*([A-Za-z]?\d+|[ivxlcdm]+))?"
                   r"(?![\w])", re.IGNORECASE)
_SECTION = re.compile(r"^\s*(?:section|sect\.|sec\.|\u00a7)\s*:?\s*(.+?)\s*$",
                      re.IGNORECASE | re.DOTALL)
_SIMILAR = 85  # rapidfuzz ratio (0-100) from which a heading counts as the one named


def page_range(locator: str) -> tuple[str, str] | None:
    """The first and last page a locator names (the same for one page), or None."""
    m = _PAGE.search(locator)
    if m is None:
        return None
    first, last = m.group(1), m.group(2) or m.group(1)
    if first.isdigit() and last.isdigit() and int(last) < int(first) \
            and len(last) < len(first):  # "pp. 123-25": the last page written short
        last = first[: len(first) - len(last)] + last
    return first, last


def section_name(locator: str) -> str | None:
    """The heading a ``section: ...`` locator names, or None."""
    m = _SECTION.match(locator)
    return m.group(1) if m else None


def _pages_named(first: str, last: str) -> set[str]:
    if first.isdigit() and last.isdigit() and 0 <= int(last) - int(first) <= 10_000:
        return {str(n) for n in range(int(first), int(last) + 1)}
    return {first.casefold(), last.casefold()}


def _page_text(archive: Archive, i: int) -> str:
    label = archive.labels[i] if i < len(archive.labels) else str(i + 1)
    return label if label == str(i + 1) else f"{label} (the PDF's page {i + 1})"


def found_where(archive: Archive, span: tuple[int, int]) -> str:
    """Where a quote found at ``span`` is, for people: "p. 14", "pp. 14–15", "section:
    Costs", or "" (a text archive; a web page's text before its first heading)."""
    first, last = archive.part_of(span[0]), archive.part_of(span[1] - 1)
    if archive.kind == "pdf":
        if first == last:
            return f"p. {_page_text(archive, first)}"
        return f"pp. {_page_text(archive, first)}\u2013{_page_text(archive, last)}"
    if archive.kind == "html" and first < len(archive.paths) and archive.paths[first]:
        return f"section: {archive.paths[first][-1]}"
    return ""


def _same_heading(named: str, heading: str) -> bool:
    from rapidfuzz import fuzz

    a, b = _plain(named), _plain(heading)
    if not a or not b:
        return False
    if a == b:
        return True
    if named.rstrip().endswith(("...", "\u2026")) and b.startswith(a):
        return True
    return fuzz.ratio(a, b) >= _SIMILAR


def _plain(text: str) -> str:
    """A heading compared without case, punctuation or a trailing ellipsis, "&" as "and"."""
    text = normalize(text).replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _closest(named: str, headings: list[str]) -> str:
    from rapidfuzz import fuzz, process

    best = process.extractOne(_plain(named), {h: _plain(h) for h in headings},
                              scorer=fuzz.WRatio)
    return best[2] if best else ""


def locator_problem(archive: Archive, span: tuple[int, int], locator: str) -> str | None:
    """Why ``locator`` disagrees with where the quote was found, or None."""
    if not locator:
        return None
    first, last = archive.part_of(span[0]), archive.part_of(span[1] - 1)
    if archive.kind == "pdf":
        named = page_range(locator)
        if named is None:
            return None
        pages = _pages_named(*named)
        for i in range(first, last + 1):
            label = archive.labels[i] if i < len(archive.labels) else str(i + 1)
            if label.casefold() in pages or str(i + 1) in pages:
                return None
        return f"quote found on {found_where(archive, span)}, locator says {locator.strip()}"
    if archive.kind == "html":
        named = section_name(locator)
        if named is None:
            return None
        if not any(_same_heading(named, h) for h in archive.headings):
            closest = _closest(named, archive.headings) if archive.headings else ""
            hint = f"; closest heading: '{closest}'" if closest else \
                "; the page has no headings"
            return f"locator names section '{named}', but no heading of the page matches{hint}"
        path = archive.paths[first] if first < len(archive.paths) else ()
        if not any(_same_heading(named, h) for h in path):
            where = f"under section '{path[-1]}'" if path else "before the page's first heading"
            return f"quote found {where}, locator says section '{named}'"
    return None
