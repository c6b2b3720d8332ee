"""Archived copies of sources, of three kinds: plain text, PDF and saved web pages.

``read_archive(path, folder, cache)`` gives an :class:`argmap.quotes.Archive` for the file
``path`` in archive folder ``folder``:

- ``.pdf`` (or any file that starts ``%PDF``): its text page by page, extracted by pdfminer.six
  in a child process with bounded time and memory (:mod:`argmap.pdfextract`), with the
  page labels the file prints (``/PageLabels``) where it has them. Lines that repeat at the
  top or bottom of the pages (running heads, page numbers) are left out, so a quote that runs
  across a page break still reads as one passage.
- ``.html`` / ``.htm`` / ``.xhtml``: a saved web page's main text (its navigation, footer,
  cookie banner left out) extracted by trafilatura, block by block, with the headings above
  each block; and every heading of the page, for checking ``section:`` locators.
- anything else: UTF-8 text, as before.

What PDFs and web pages extract to is kept in the user's cache folder (``extracted/`` beside
the parse cache's ``parsed/``), keyed by a hash of the file's bytes and of the extractors'
versions: checking again costs a hash and a read, not an extraction.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import posixpath
import re
from collections import Counter

from .confine import Refused, read_regular
from .parsecache import ParseCache
from .pdfextract import PdfLimits, PdfProblem, extract_pdf, limit_from_env
from .textmatch import Archive

__all__ = ["read_archive", "prefetch", "ArchiveProblem", "TextCache", "kind_of", "HTML_MAX_BYTES"]

HTML_MAX_BYTES = 20_000_000  # ARGMAP_HTML_MAX_BYTES
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class ArchiveProblem(Exception):
    """An archive file whose text cannot be had; the message is one line."""


def kind_of(name: str, data: bytes) -> str:
    """``pdf``, ``html`` or ``text``."""
    lower = name.lower()
    if lower.endswith(".pdf") or data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    return "text"


class TextCache(ParseCache):
    """What PDFs and web pages extract to, by their bytes (see :mod:`argmap.parsecache`)."""

    entries = "extracted"
    header = b"argmap-extract-1 "

    def salt(self) -> bytes:
        from importlib.metadata import PackageNotFoundError, version

        from . import __version__, pdfextract
        digest = hashlib.blake2b(digest_size=16)
        digest.update(__version__.encode())
        for module in (pdfextract.__file__, __file__):
            with open(module, "rb") as fh:
                digest.update(fh.read())
        for package in ("pdfminer.six", "trafilatura"):
            try:
                digest.update(f"{package} {version(package)}".encode())
            except PackageNotFoundError:
                digest.update(f"{package} ?".encode())
        return digest.digest()

    def limit(self, data: bytes) -> int:
        # Text and JSON escapes: at most the character limit, six bytes a character.
        return 6 * PdfLimits.from_env().max_chars + 65536


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


def _read(path: str, folder: str) -> bytes:
    lower = path.lower()
    if lower.endswith(".pdf"):
        limit = PdfLimits.from_env().max_bytes
    elif lower.endswith(_HTML_SUFFIXES):
        limit = limit_from_env("ARGMAP_HTML_MAX_BYTES", HTML_MAX_BYTES)
    else:
        limit = None
    data = folder.find(path) if isinstance(folder, MemoryFolder) else \
        read_regular(path, folder, limit)
    if limit is not None and len(data) > limit:
        raise Refused(f"it is larger than {limit:,} bytes")
    return data


def prefetch(found: list[tuple[str, str]], cache: ParseCache | None) -> dict[str, str]:
    """Extract, side by side (a child process each, as many as there are cores), the PDFs and
    web pages among ``found`` (``(path, folder)``) that the cache does not hold yet, into the
    cache: pdfminer.six takes a few tenths of a second a page, and a debate may archive
    dozens of papers. Returns the problems met (path → reason), so that a file that failed is
    not tried again. Without a cache nothing is done ahead: each file is extracted when its
    quotes are checked, and only one file's text is held at a time."""
    if cache is None:
        return {}
    todo = []
    for path, folder in found:
        if not path.lower().endswith((".pdf", *_HTML_SUFFIXES)):
            continue
        try:
            data = _read(path, folder)
        except Refused:
            continue  # reported when its quotes are checked
        if cache.get(data) is None:
            todo.append(path)
        del data
    if len(todo) < 2:
        return {}
    from concurrent.futures import ThreadPoolExecutor

    problems: dict[str, str] = {}
    folder_of = dict(found)

    def work(path: str) -> None:
        try:
            data = _read(path, folder_of[path])
            _cached(data, cache, kind_of(path, data))
        except (Refused, ArchiveProblem) as why:
            problems[path] = str(why)

    with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        list(pool.map(work, todo))
    return problems


def read_archive(path: str, folder: str, cache: ParseCache | None = None,
                 problems: dict[str, str] | None = None) -> Archive:
    """The archive in file ``path`` (inside ``folder``); :class:`Refused` for a file that is not
    to be read (a link out, not a regular file), :class:`ArchiveProblem` for one that cannot
    (``problems``: those :func:`prefetch` met already)."""
    data = _read(path, folder)
    if problems and path in problems:
        raise ArchiveProblem(problems[path])
    kind = kind_of(os.path.basename(path), data)
    if kind == "text":
        return Archive(data.decode("utf-8", "replace"))
    extracted = _cached(data, cache, kind)
    if kind == "pdf":
        pages = strip_running_lines(extracted["pages"])
        return Archive(parts=pages, kind="pdf", labels=extracted["labels"])
    blocks = extracted["blocks"]
    return Archive(parts=[text for _, text in blocks], kind="html",
                   paths=_heading_paths(blocks), headings=extracted["headings"])


def _cached(data: bytes, cache: ParseCache | None, kind: str) -> dict:
    if cache is not None:
        stored = cache.get(data)
        if stored is not None:
            try:
                value = json.loads(stored)
                if isinstance(value, dict) and ("pages" in value or "blocks" in value):
                    return value
            except ValueError:
                pass
    needed = "pdfminer" if kind == "pdf" else "trafilatura"
    if importlib.util.find_spec(needed) is None:  # an optional extra: plain text needs neither
        raise ArchiveProblem(f"reading a {'PDF' if kind == 'pdf' else 'web page'} needs the "
                             "archives extra: pip install 'argmap[archives]'")
    try:
        value = extract_pdf(data) if kind == "pdf" else extract_html(data)
    except PdfProblem as why:
        raise ArchiveProblem(str(why)) from None
    if cache is not None:
        cache.put(data, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    return value


# ---- PDF: running heads and page numbers ---------------------------------------------------

_DIGITS = re.compile(r"\d+")
_EDGE = 3  # lines looked at at the top and at the bottom of each page


def _edge_key(line: str) -> str:
    return " ".join(_DIGITS.sub("#", line).split()).casefold()


def strip_running_lines(pages: list[str]) -> list[str]:
    """Each page without the lines at its top or bottom that recur on other pages' edges
    (digits counted as alike: "Rehabilitation Research and Practice 5", a lone "12"). A
    journal's running head would otherwise sit in the middle of a quote that runs across a page
    break. Only for three pages or more, and only lines found on the edges of two pages or
    more."""
    if len(pages) < 3:
        return pages
    split = [page.splitlines() for page in pages]
    seen: Counter[str] = Counter()
    for lines in split:
        filled = [ln for ln in lines if ln.strip()]
        seen.update({_edge_key(ln) for ln in filled[:_EDGE] + filled[-_EDGE:]})
    running = {key for key, n in seen.items() if n >= 2 and key}
    if not running:
        return pages
    out = []
    for lines in split:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(filled[:_EDGE] + filled[-_EDGE:])
        out.append("\n".join(ln for i, ln in enumerate(lines)
                             if i not in edges or _edge_key(ln) not in running))
    return out


# ---- web pages -----------------------------------------------------------------------------

def extract_html(data: bytes) -> dict:
    """``{"blocks": [[level, text], ...], "headings": [...]}``: the page's main text as
    trafilatura finds it, a block a paragraph (level 0) or a heading (level 1-6), and the text
    of every ``h1``-``h6`` of the whole page."""
    import logging
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    try:
        xml = trafilatura.extract(data, output_format="xml", include_comments=False,
                                  include_tables=True, favor_recall=True,
                                  with_metadata=False)
    except Exception as exc:  # noqa: BLE001 - a page trafilatura chokes on is unreadable
        raise ArchiveProblem(f"its text could not be extracted ({type(exc).__name__})") \
            from None
    blocks: list[list] = []
    if xml:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(xml.encode("utf-8"), parser)
        except etree.XMLSyntaxError:
            root = None
        main = root.find("main") if root is not None else None
        for element in (main if main is not None else ()):
            text = " ".join("".join(element.itertext()).split())
            if not text:
                continue
            level = 0
            if element.tag == "head":
                rend = element.get("rend", "h2")
                level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            blocks.append([level, text])
    if not blocks:
        text = trafilatura.html2txt(data) or ""
        if not text.strip():
            raise ArchiveProblem("no text was found in the page")
        blocks = [[0, text]]
    headings: list[str] = []
    try:
        page = lxml_html.fromstring(data)
        for element in page.iter("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(element.text_content().split())
            if text and text not in headings:
                headings.append(text)
    except (etree.ParserError, ValueError):
        pass
    for level, text in blocks:
        if level and text not in headings:
            headings.append(text)
    return {"blocks": blocks, "headings": headings}


def _heading_paths(blocks: list) -> list[tuple[str, ...]]:
    """For each block, the headings above it, outermost first (a heading's own path ends
    with itself)."""
    stack: list[tuple[int, str]] = []
    paths = []
    for level, text in blocks:
        if level:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text))
        paths.append(tuple(t for _, t in stack))
    return paths
