"""``argmap serve``: a live preview of a debate, rebuilt in memory as its files change.

- :mod:`.watch` notices changes (a poll of the files' sizes and times);
- :mod:`.livebuild` checks again and keeps the last good build, rendered on demand;
- :mod:`.page` adds the reloading script (``live.js``) to the served copies of the pages;
- :mod:`.server` answers on 127.0.0.1.
"""

from .server import Preview

__all__ = ["Preview"]
