"""'Did you mean ...?' suggestions for misspelt keys and ids."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest", "did_you_mean", "key_hint", "NEAR_MISSES"]


def closest(word: str, choices: Iterable[str], cutoff: float = 70.0) -> str | None:
    """The choice most similar to ``word``, or None when nothing is similar enough. Of
    equally similar choices, the first in sorted order: the same answer on every run,
    whatever container (a set, say) the choices came in."""
    from rapidfuzz import fuzz, process  # imported late: only misspellings pay for it
    from rapidfuzz.distance import DamerauLevenshtein

    choices = sorted(set(choices))
    if not choices:
        return None
    best = process.extractOne(word, choices, scorer=fuzz.ratio)
    if best is None:
        return None
    # A ratio alone misses one-letter slips in short ids ('s2' for 's1' is only 50% alike).
    if best[1] >= cutoff or DamerauLevenshtein.distance(word, best[0]) <= max(1, len(word) // 4):
        return best[0]
    return None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or the empty string."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match is not None else ""


# Keys people write for a field argmap calls something else, from other tools and habits:
# key → (field, hint) choices; the first whose field the object has is given. No spelling
# distance finds these ('page' is far from 'locator').
NEAR_MISSES: dict[str, tuple[tuple[str, str], ...]] = {
    "page": (("locator", "the page goes in 'locator', as in locator: p. 12"),),
    "pages": (("locator", "the pages go in 'locator', as in locator: pp. 12-14"),),
    "location": (("locator", "where in the source goes in 'locator', as in locator: "
                  "section 3"),),
    "source_id": (("source", "the source's id goes in 'source'"),),
    "sources": (("source", "one evidence item names one source, in 'source'"),),
    "quotes": (("quote", "one quote per evidence item, in 'quote': give each quote its own "
                "item"),),
    "url": (("source", "the address belongs to the source: give it 'url' where the source "
             "is declared, and name the source's id here in 'source'"),),
    "link": (("url", "a source's address goes in 'url'"),
             ("source", "the address belongs to the source: give it 'url' where the source "
              "is declared, and name the source's id here in 'source'")),
    "href": (("url", "a source's address goes in 'url'"),),
    "description": (("summary", "a perspective's description goes in 'summary'"),
                    ("note", "a description goes in 'note'"),
                    ("text", "the proposition goes in 'text'"),
                    ("label", "the name shown goes in 'label'")),
    "name": (("label", "the name shown goes in 'label'"),
             ("title", "a source's name goes in 'title'")),
    "authors": (("author", "all authors go in one 'author', as in author: Family, Given; "
                 "Family, Given"),),
    "date": (("published", "the date goes in 'published' (or 'accessed'), as in published: "
              "2021-03-01"),),
    "year": (("published", "the year goes in 'published', as in published: 2021"),),
    "type": (("kind", "a claim's type is its 'kind'"),),
    "side": (("perspective", "a claim's side is its 'perspective'"),),
    "tag": (("tags", "topics go in the list 'tags', as in tags: [topic-id]"),),
    "claim": (("text", "the claim's words go in 'text'"),),
}


def key_hint(key: str, fields) -> str:
    """For an unknown ``key`` of an object with ``fields``: ``: <hint>`` from the table of
    near misses, else `` (did you mean 'x'?)``, else the empty string."""
    for field, hint in NEAR_MISSES.get(key.lower(), ()):
        if field in fields:
            return f": {hint}"
    return did_you_mean(key, fields)
