"""The text of a PDF, page by page, extracted in a separate process with bounded resources.

A PDF archive may come from a stranger: it may be malformed, encrypted, hold a
decompression bomb or a million empty pages. Its text is extracted by pdfminer.six in a child
process (``python -m argmap.pdfextract``) that reads the PDF's bytes on its standard input and
writes JSON on its standard output, under limits on memory (the address space, where the
system has ``RLIMIT_AS``), CPU time, wall-clock time, pages and extracted characters. Whatever
goes wrong, the parent gets a one-line reason, never a traceback and never a hang.

Nothing in a PDF is executed or followed: pdfminer.six interprets only the page content
streams (text-drawing operators) and fonts; it has no JavaScript engine, and it never opens an
external reference (``/URI``, ``/Launch``, remote ``GoTo``, external streams), a file named
by the PDF, or the network.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass

__all__ = ["PdfLimits", "PdfProblem", "extract_pdf", "limit_from_env"]


def limit_from_env(name: str, default: int) -> int:
    """A positive whole number from the environment variable ``name``, else ``default``."""
    try:
        value = int(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class PdfLimits:
    """How much one PDF archive may cost; each can be lowered (or raised) by its variable."""

    max_bytes: int = 100_000_000      # ARGMAP_PDF_MAX_BYTES: the file's size
    max_pages: int = 1_000            # ARGMAP_PDF_MAX_PAGES
    max_chars: int = 20_000_000       # ARGMAP_PDF_MAX_CHARS: extracted characters, all pages
    seconds: int = 300                # ARGMAP_PDF_TIMEOUT: wall-clock time for one PDF
    memory_mb: int = 1_024            # ARGMAP_PDF_MAX_MEMORY_MB: the extractor's address space

    @classmethod
    def from_env(cls) -> PdfLimits:
        d = cls()
        return cls(max_bytes=limit_from_env("ARGMAP_PDF_MAX_BYTES", d.max_bytes),
                   max_pages=limit_from_env("ARGMAP_PDF_MAX_PAGES", d.max_pages),
                   max_chars=limit_from_env("ARGMAP_PDF_MAX_CHARS", d.max_chars),
                   seconds=limit_from_env("ARGMAP_PDF_TIMEOUT", d.seconds),
                   memory_mb=limit_from_env("ARGMAP_PDF_MAX_MEMORY_MB", d.memory_mb))


class PdfProblem(Exception):
    """A PDF whose text cannot be had; the message is one line, for a diagnostic."""


def extract_pdf(data: bytes, limits: PdfLimits | None = None) -> dict:
    """``{"pages": [text, ...], "labels": [label, ...]}`` for the PDF ``data``, or
    :class:`PdfProblem`. ``labels`` are the printed page labels (``/PageLabels``) where the
    file has them, else the physical page numbers."""
    limits = limits or PdfLimits.from_env()
    if len(data) > limits.max_bytes:
        raise PdfProblem(f"it is larger than {limits.max_bytes:,} bytes "
                         "(ARGMAP_PDF_MAX_BYTES)")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfProblem("it is not a PDF (it does not start with %PDF)")
    # Run from the folder that holds the argmap package: ``-m`` puts the current folder first
    # on the child's path, and the current folder may be a stranger's debate folder.
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = [sys.executable, "-m", "argmap.pdfextract", str(limits.max_pages),
            str(limits.max_chars), str(limits.seconds), str(limits.memory_mb)]
    try:
        done = subprocess.run(args, input=data, capture_output=True, cwd=top,
                              timeout=limits.seconds, check=False)
    except subprocess.TimeoutExpired:
        raise PdfProblem(f"extracting its text took longer than {limits.seconds} s "
                         "(ARGMAP_PDF_TIMEOUT)") from None
    except OSError as exc:
        raise PdfProblem(f"the PDF text extractor could not be started: {exc}") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        if done.returncode < 0:
            raise PdfProblem(f"the PDF text extractor was stopped (signal {-done.returncode}); "
                             "the file may need more memory or time than allowed") from None
        raise PdfProblem(f"the PDF text extractor failed (exit {done.returncode})") from None
    if "error" in answer:
        raise PdfProblem(answer["error"])
    return answer


# ---- the child process ---------------------------------------------------------------------

def _limit_resources(seconds: int, memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the wall-clock timeout and the counts still hold
        return
    for which, amount in ((getattr(resource, "RLIMIT_AS", None), memory_mb << 20),
                          (getattr(resource, "RLIMIT_CPU", None), seconds + 1)):
        if which is None:
            continue
        with contextlib.suppress(ValueError, OSError):  # a lower hard limit stands
            resource.setrlimit(which, (amount, amount))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:200] + "\u2026") if len(text) > 200 else text


class StreamTooLarge(Exception):
    pass


def _bounded_zlib(limit: int):
    """A stand-in for the ``zlib`` module pdfminer inflates streams with, whose
    ``decompress`` stops past ``limit`` bytes: a decompression bomb (a few KB that inflate to
    gigabytes) fails at once rather than when memory runs out."""
    import types
    import zlib

    def decompress(data: bytes, *args) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, limit + 1)
        if len(out) > limit:
            raise StreamTooLarge(limit)
        return out

    return types.SimpleNamespace(decompress=decompress, decompressobj=zlib.decompressobj,
                                 error=zlib.error)


def _extract(data: bytes, max_pages: int, max_chars: int, max_stream: int = 256 << 20) -> dict:
    import io
    import logging
    logging.disable(logging.CRITICAL)  # pdfminer's warnings about fonts are not the user's

    import pdfminer.pdftypes
    pdfminer.pdftypes.zlib = _bounded_zlib(max_stream)  # only in this child process

    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        return {"error": "it is encrypted: it needs a password to be read; archive a copy "
                         "without one"}
    except PDFEncryptionError as exc:
        return {"error": f"it is encrypted in a way that cannot be read ({_one_line(exc)})"}
    try:
        count = resolve1(resolve1(document.catalog.get("Pages")).get("Count"))
    except Exception:  # noqa: BLE001 - no usable count: the pages are counted as they come
        count = None
    if isinstance(count, int) and count > max_pages:
        return {"error": f"it has {count:,} pages, more than {max_pages:,} "
                         "(ARGMAP_PDF_MAX_PAGES)"}
    manager = PDFResourceManager(caching=True)
    out = io.StringIO()
    interpreter = PDFPageInterpreter(manager, TextConverter(manager, out, laparams=LAParams()))
    pages: list[str] = []
    total = 0
    for page in PDFPage.create_pages(document):
        if len(pages) >= max_pages:
            return {"error": f"it has more than {max_pages:,} pages (ARGMAP_PDF_MAX_PAGES)"}
        out.seek(0)
        out.truncate()
        interpreter.process_page(page)
        text = out.getvalue()
        total += len(text)
        if total > max_chars:
            return {"error": f"its text is longer than {max_chars:,} characters "
                             "(ARGMAP_PDF_MAX_CHARS)"}
        pages.append(text)
    if not pages:
        return {"error": "it has no pages"}
    labels = [str(n) for n in range(1, len(pages) + 1)]
    try:
        for i, label in zip(range(len(pages)), document.get_page_labels(), strict=False):
            labels[i] = str(label)
    except Exception:  # noqa: BLE001 - no /PageLabels (or broken ones): physical numbers
        pass
    return {"pages": pages, "labels": labels}


def main(argv: list[str]) -> int:
    max_pages, max_chars, seconds, memory_mb = (int(a) for a in argv[:4])
    _limit_resources(seconds, memory_mb)
    data = sys.stdin.buffer.read()
    try:
        answer = _extract(data, max_pages, max_chars, min(256, memory_mb // 4) << 20)
    except StreamTooLarge as exc:
        answer = {"error": f"one of its streams inflates to more than {exc.args[0] >> 20:,} MB "
                           "(a decompression bomb?)"}
    except MemoryError:
        answer = {"error": f"extracting its text needs more than {memory_mb:,} MB of memory "
                           "(a decompression bomb?) (ARGMAP_PDF_MAX_MEMORY_MB)"}
    except RecursionError:
        answer = {"error": "it is malformed: its objects nest too deeply"}
    except Exception as exc:  # noqa: BLE001 - any failure of the parser is a malformed file
        answer = {"error": f"it is not a readable PDF ({type(exc).__name__}: "
                           f"{_one_line(exc) or 'no details'})"}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
