"""Reading printed text back as words, so that a test compares what a reader sees and not
where a line happened to break.

pdftotext turns a hyphen at a line's end into nothing ("sex-worker-led" broken after "sex-"
comes back as "sexworker-led"), keeps it in other cases, and may give ligatures ("ﬁ"). Both
sides of a comparison go through ``words`` once, so any line breaking compares equal.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata

PAPERS = {"A4": (595.92, 842.88), "Letter": (612.0, 792.0)}  # portrait, in points

_HYPHEN = re.compile(r"[-\u2010\u2011]\s*")  # a hyphen and any line break after it
_SOFT_HYPHEN = "\u00ad"


def words(text: str) -> str:
    """``text`` with compatibility characters unfolded, hyphens dropped and white space
    folded to single spaces: the form both sides of a PDF-text comparison take."""
    text = unicodedata.normalize("NFKC", text).replace(_SOFT_HYPHEN, "")
    return " ".join(_HYPHEN.sub("", text).split())


def pdftotext(data: bytes, page: int | None = None, *, from_page: int | None = None,
              layout: bool = False) -> str:
    """The text of a PDF as poppler's pdftotext reads it: of one ``page``, or of the pages
    ``from_page`` on, when given; with ``layout``, in the order of the printed lines."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        pages = (["-f", str(page), "-l", str(page)] if page
                 else ["-f", str(from_page)] if from_page else [])
        mode = ["-layout"] if layout else []
        return subprocess.run(["pdftotext", *mode, *pages, fh.name, "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")


def pages_and_size(data: bytes) -> tuple[int, tuple[float, float]]:
    count = len(re.findall(rb"/Type\s*/Page\b", data))
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    return count, (float(box.group(1)), float(box.group(2)))
