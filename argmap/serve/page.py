"""The served copy of a page: the build's HTML with the live script (``live.js``) added, and
a Content-Security-Policy that lets that one script run and ask the server for news.

A built page's policy forbids all network access, so that nothing in the data can load or
send anything; the served copy allows only ``connect-src 'self'`` (the local server) and the
live script by its hash. This copy exists only in ``argmap serve``'s answers: no built file
ever carries it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from importlib.resources import files

__all__ = ["live_page", "waiting_page", "live_csp"]

_CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@lru_cache(maxsize=1)
def _script() -> str:
    return files(__package__).joinpath("live.js").read_text(encoding="utf-8")


def live_csp(policy: str) -> str:
    """``policy`` with the live script allowed and requests to this server: its script-src
    gains the script's hash (or is made), connect-src is ``'self'``."""
    from ..render.pages import csp_hash

    directives: list[list[str]] = [d.split() for d in policy.split(";") if d.strip()]
    script = csp_hash(_script())
    for directive in directives:
        if directive[0] == "script-src":
            directive[1:] = [s for s in directive[1:] if s != "'none'"] + [script]
            break
    else:
        directives.append(["script-src", script])
    directives = [d for d in directives if d[0] != "connect-src"] + [["connect-src", "'self'"]]
    return "; ".join(" ".join(d) for d in directives)


def _meta(built: int, run: str) -> str:
    return (f'<meta name="argmap-built" content="{built}">'
            f'<meta name="argmap-run" content="{html.escape(run)}">')


def live_page(page: bytes, built: int, run: str) -> bytes:
    """A built HTML page as served: its policy adjusted, which build of which run of the
    server it shows in meta tags, and the live script before ``</body>``. A page without a
    policy is served as it is."""
    found = _CSP_META.search(page, 0, 8192)
    if found is None:
        return page
    policy = live_csp(html.unescape(found.group(1).decode("utf-8")))
    head = (f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
            + _meta(built, run)).encode("utf-8")
    page = page[:found.start()] + head + page[found.end():]
    script = f"<script>{_script()}</script>".encode()
    end = page.rfind(b"</body>")
    return page[:end] + script + page[end:] if end >= 0 else page + script


def waiting_page(folder: str, run: str) -> bytes:
    """The page served before the debate has ever checked clean: the diagnostics only."""
    policy = live_csp("default-src 'none'; base-uri 'none'; form-action 'none'")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
            f'{_meta(0, run)}<title>argmap serve: '
            f'{html.escape(folder)}</title></head><body><h1>{html.escape(folder)}</h1>'
            f'<p>No map yet.</p><script>{_script()}</script></body></html>').encode()
