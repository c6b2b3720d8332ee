"""CSV that is safe to open in a spreadsheet.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and tab or
carriage return, which some strip first) as a formula: a claim text such as
``=HYPERLINK("http://…","click")`` would become a live link or worse. Such a cell is written
with a leading apostrophe, the spreadsheets' own mark for "this is text" (OWASP's advice for
CSV injection); the apostrophe is shown in a text editor, and only there.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

__all__ = ["safe_cell", "csv_text"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value) -> str:
    """``value`` as a cell no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(_TRIGGERS):
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable]) -> str:
    """Rows as CSV text (``\\n`` line ends), every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
