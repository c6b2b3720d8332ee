"""'Did you mean ...?' suggestions for misspelt keys and ids."""

from __future__ import annotations

from typing import Iterable

__all__ = ["closest", "did_you_mean"]


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
