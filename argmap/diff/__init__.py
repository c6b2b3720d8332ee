"""``argmap diff``: what changed between two versions of a debate.

- :mod:`.sources`: the two inputs, folders or git revisions read into memory;
- :mod:`.compare`: the comparison, :func:`compare` → :class:`DebateDiff` (plain data);
- :mod:`.render`: the diff as text for a terminal, Markdown, or JSON (``docs/diff-json.md``).
"""

from .compare import VERSION, DebateDiff, compare, word_diff

__all__ = ["VERSION", "DebateDiff", "compare", "word_diff"]
