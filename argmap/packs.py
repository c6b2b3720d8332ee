"""The print packs: one PDF per audience holding that audience's materials in the order a
lesson uses them, so a teacher prints one file rather than twenty in the right order.

- ``pack-student.pdf``: the clash sheets (the topic at a glance), each side's brief, the
  cut-out cards, the worksheets, the sources (where the worksheets send students), and the
  glossary;
- ``pack-teacher.pdf`` (a teacher's build only): the teacher's page (the lesson plan), the
  same materials, then the answer keys and the report.

Every material's first page carries the debate's content note, so each pack opens with it.
Which files a pack holds comes from the build's planned files (:mod:`argmap.outputs`), by the
output that writes each and the audience it is for; nothing here lists file names. The PDFs
are joined with pypdf (a dependency of argmap's), each material a bookmark.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

__all__ = ["PACKS", "pack_files", "pack_pages", "make_packs"]

# Per pack: its file, its label, whom it is for, and its parts in lesson order, each the
# name of the output that writes the pages, the audience of the pages taken from it, and
# what a page of it is called in the pack's bookmarks.
_ALL, _TEACHER = "", "teacher"
_HANDOUTS = (("clash", _ALL, "Clash sheet"), ("briefs", _ALL, "Brief"),
             ("cards", _ALL, "Evidence cards"), ("worksheets", _ALL, "Worksheet"))
PACKS = (
    ("pack-student.pdf", "Student pack: every handout in lesson order", _ALL,
     (*_HANDOUTS, ("sources", _ALL, ""), ("glossary", _ALL, ""))),
    ("pack-teacher.pdf", "Teacher's pack: lesson plan, handouts, answer keys, report",
     _TEACHER,
     (("teacher", _TEACHER, ""), *_HANDOUTS, ("worksheets", _TEACHER, "Answer key"),
      ("sources", _ALL, ""), ("report", _ALL, ""), ("glossary", _ALL, ""))),
)


def pack_files(audience: str) -> list[tuple[str, str, str]]:
    """``(file, label, audience)`` of the packs a build for ``audience`` writes: a
    student's build has no teacher's pack."""
    return [(href, label, for_whom) for href, label, for_whom, _ in PACKS
            if for_whom == _ALL or audience == _TEACHER]


def pack_pages(planned: list[dict], pack: str) -> list[tuple[dict, str]]:
    """The planned HTML pages of ``pack`` in its order, each with its bookmark: each part's
    pages as the output names them, leaving out the pages no one links (a folder's index)."""
    parts = next(p for href, _, _, p in PACKS if href == pack)
    return [(f, f"{kind}: {f['label']}" if kind else f["label"])
            for output, audience, kind in parts for f in planned
            if f["output"] == output and f["audience"] == audience and f["label"]
            and f["href"].endswith(".html")]


def make_packs(planned: list[dict], pdfs: dict[str, bytes], title: str
               ) -> Iterator[tuple[str, bytes]]:
    """``(pack file, PDF bytes)`` for each pack in ``planned`` (see
    :func:`argmap.outputs.planned_files`), joined from ``pdfs`` (``{name.pdf: bytes}``)."""
    from pypdf import PdfReader, PdfWriter

    from .render.pdf import pdf_name

    for href in [f["href"] for f in planned if f.get("output") == "packs"]:
        label = next(lbl for h, lbl, _, _ in PACKS if h == href)
        writer = PdfWriter()
        for page, bookmark in pack_pages(planned, href):
            data = pdfs.get(pdf_name(page["href"]))
            if data is None:
                continue
            start = len(writer.pages)
            writer.append(PdfReader(io.BytesIO(data)))
            writer.add_outline_item(title=bookmark, page_number=start)
        writer.add_metadata({"/Title": f"{label.split(':')[0]}: {title}",
                             "/Producer": "argmap"})
        out = io.BytesIO()
        writer.write(out)
        yield href, out.getvalue()
