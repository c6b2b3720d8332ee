"""Print HTML pages to PDF with headless Chromium, through Playwright's Python package.

Chromium is the route because a PDF printed by it is exactly what a reader gets from the
browser's own *Print*: the pages' print stylesheets (``@page`` margins, cards that never
split, landscape flow sheets) are honoured as written, with nothing to keep in step.

Only the system's Chromium is used (``/usr/bin/chromium``, or the path in the environment
variable ``ARGMAP_CHROMIUM``): argmap never downloads a browser. Pages are loaded from
memory, and every request they might make is refused, so printing needs no network.

PDFs are repeatable: Chromium stamps the time of printing into ``/CreationDate`` and
``/ModDate``; those digits are zeroed (same length, so the cross-reference table stays valid).

    pdfs = html_to_pdf({"briefs/a.html": html}, paper="Letter")   # {"briefs/a.pdf": b"%PDF..."}
"""

from __future__ import annotations
from ..errors import ArgmapError

import os
import re

__all__ = ["PdfUnavailable", "PdfError", "PAPERS", "DEFAULT_CHROMIUM", "CHROMIUM_ARGS",
           "chromium_path", "check_available", "pdf_name", "html_to_pdf"]

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PAPERS = {"a4": "A4", "letter": "Letter"}  # what --paper accepts → Chromium's paper format

INSTALL_HINT = ("install Playwright's Python package (pip install 'argmap[pdf]') and "
                "Chromium (apt-get install chromium), or set ARGMAP_CHROMIUM to a Chromium "
                "executable")
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d+)")


class PdfUnavailable(ArgmapError, RuntimeError):
    """Printing to PDF needs something that is not installed; the message says what."""


class PdfError(ArgmapError, RuntimeError):
    """Chromium failed to print a page (the message names the page)."""


def chromium_path() -> str:
    return os.environ.get("ARGMAP_CHROMIUM") or DEFAULT_CHROMIUM


def check_available() -> str:
    """The Chromium executable to use; :class:`PdfUnavailable` if it or Playwright is
    missing. Cheap (nothing is launched), so a command can check before doing any work."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise PdfUnavailable(f"PDF output needs Playwright's Python package, which is not "
                             f"installed: {INSTALL_HINT}") from None
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise PdfUnavailable(f"PDF output needs Chromium, and there is no executable at "
                             f"'{path}': {INSTALL_HINT}")
    return path


def pdf_name(name: str) -> str:
    """``briefs/a.html`` → ``briefs/a.pdf``."""
    return (name[:-5] if name.endswith(".html") else name) + ".pdf"


def _paper(paper: str) -> str:
    try:
        return PAPERS[paper.lower()]
    except KeyError:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}") from None


def repeatable(pdf: bytes) -> bytes:
    return _PDF_DATE.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), pdf)


def html_to_pdf(html_files: dict[str, str], paper: str = "A4",
                timeout_ms: float = 120_000, step=None) -> dict[str, bytes]:
    """``{name.html: html}`` → ``{name.pdf: pdf bytes}``, printed on ``paper`` (A4 or
    Letter, any case). One browser serves every page; ``step(name)``, when given, is told
    as each page starts printing.

    Raises :class:`PdfUnavailable` when Playwright or Chromium is missing or Chromium cannot
    start, and :class:`PdfError` when a page fails to print.
    """
    fmt = _paper(paper)
    executable = check_available()
    if not html_files:
        return {}
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out: dict[str, bytes] = {}
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise PdfUnavailable(f"Chromium at '{executable}' did not start ({first}): "
                                 f"{INSTALL_HINT}") from None
        try:
            context = browser.new_context(offline=True, java_script_enabled=True)
            # Pages are self-contained; anything they ask the network for is refused.
            context.route("**/*", lambda route: route.abort())
            for name in sorted(html_files):
                if step is not None:
                    step(pdf_name(name))
                # A fresh tab per file: set_content writes into the current document, which
                # keeps the previous page's Content-Security-Policy (and would then block
                # this page's own stylesheet).
                page = context.new_page()
                page.set_default_timeout(timeout_ms)
                try:
                    page.set_content(html_files[name], wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    data = page.pdf(format=fmt, print_background=True)
                except PlaywrightError as exc:
                    raise PdfError(f"could not print {name}: {exc}") from None
                finally:
                    page.close()
                out[pdf_name(name)] = repeatable(data)
        finally:
            browser.close()
    return out
