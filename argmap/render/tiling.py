"""Graphviz's ``map.pdf`` on paper: one page when the map fits it at a readable size; else
the overview pages the caller drew (each fitted to a page of its own), then the map at a
readable size tiled across A4 or Letter pages, row by row, each tile overlapping its
neighbours a little (as Rationale prints a large map), so a box cut by one page's edge is
whole on the next. A tile with no box in it (the empty corners of a wide layout) is left
out: a printed page of stray lines is paper wasted.

Graphviz's PDF output ignores the ``page`` attribute (only PostScript honours it), so the
tiles are cut here from its one large page with pypdf, without redrawing anything.
"""

from __future__ import annotations

import io
from math import ceil
from collections.abc import Iterable, Sequence

__all__ = ["PAPER", "MIN_SCALE", "tile_pdf", "page_fit", "Box"]

PAPER = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}  # points, portrait
# Graphviz sets claims at 11 pt: at 0.75 they print at about 8 pt, the smallest to read.
MIN_SCALE = 0.75
MARGIN = 28.35    # 10 mm
OVERLAP = 28.35
# A tile is printed when it shows at least this share of a box each way: a sliver of a box's
# edge carries no words, and the tiles overlap, so the box's larger part is on another.
SHOWN = 0.5

# A box in the source drawing: left, top, right, bottom in points from its top left corner.
Box = tuple[float, float, float, float]


def _page(paper: str, width: float, height: float) -> tuple[float, float]:
    """The page (width, height) for a drawing: landscape when the drawing is wide."""
    page_w, page_h = PAPER[paper.lower()]
    return (page_h, page_w) if width > height else (page_w, page_h)


def page_fit(width: float, height: float, paper: str = "a4") -> float:
    """The scale at which a drawing of ``width`` x ``height`` points fills one page."""
    page_w, page_h = _page(paper, width, height)
    return min((page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN) / height)


def _size(page) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def tile_pdf(data: bytes, paper: str = "a4", boxes: Iterable[Box] | None = None,
             overview: Sequence[bytes] = ()) -> bytes:
    """``data`` (a one-page PDF) as pages of ``paper`` size (a4 or letter). When it does not
    fit one page legibly: first each of ``overview`` (one-page PDFs) on a page of its own,
    then the tiles, leaving out those that show none of ``boxes`` (all are kept when
    ``boxes`` is None)."""
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(io.BytesIO(data)).pages[0]
    width, height = _size(source)
    writer = PdfWriter()
    fit = page_fit(width, height, paper)
    if fit >= MIN_SCALE:
        _fitted(writer, source, paper)
    else:
        for drawing in overview:
            _fitted(writer, PdfReader(io.BytesIO(drawing)).pages[0], paper)
        _tiles(writer, source, paper, None if boxes is None else list(boxes))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fitted(writer, source, paper: str) -> None:
    """``source`` on one page, centred at the top, as large as fits (never enlarged)."""
    width, height = _size(source)
    page_w, page_h = _page(paper, width, height)
    scale = min(page_fit(width, height, paper), 1.0)
    dx = MARGIN + (page_w - 2 * MARGIN - width * scale) / 2
    dy = page_h - MARGIN - height * scale
    _add_page(writer, _as_form(writer, source, width, height), page_w, page_h,
              (scale, dx, dy))


def _tiles(writer, source, paper: str, boxes: list[Box] | None) -> None:
    width, height = _size(source)
    page_w, page_h = _page(paper, width, height)
    usable_w, usable_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN
    drawing = _as_form(writer, source, width, height)
    step_w, step_h = usable_w - OVERLAP, usable_h - OVERLAP
    columns = max(1, ceil((width * MIN_SCALE - OVERLAP) / step_w))
    rows = max(1, ceil((height * MIN_SCALE - OVERLAP) / step_h))
    for row in range(rows):
        for column in range(columns):
            left, top = column * step_w, row * step_h  # in the scaled map, from its top left
            window = (left / MIN_SCALE, top / MIN_SCALE, (left + usable_w) / MIN_SCALE,
                      (top + usable_h) / MIN_SCALE)
            if boxes is not None and not any(_shows(window, box) for box in boxes):
                continue
            dy = page_h - MARGIN - (height * MIN_SCALE - top)
            _add_page(writer, drawing, page_w, page_h, (MIN_SCALE, MARGIN - left, dy))


def _shows(window: Box, box: Box) -> bool:
    seen_w = min(window[2], box[2]) - max(window[0], box[0])
    seen_h = min(window[3], box[3]) - max(window[1], box[1])
    return seen_w >= SHOWN * (box[2] - box[0]) and seen_h >= SHOWN * (box[3] - box[1])


def _as_form(writer, source, width: float, height: float):
    """The source page as one Form XObject: every page shows it through its own window, so
    the drawing is stored once however many pages it spans."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, \
        StreamObject

    form = StreamObject()
    form.set_data(source.get_contents().get_data())
    form = form.flate_encode()
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(width),
                                          FloatObject(height)]),
        NameObject("/Resources"): source.get("/Resources", DictionaryObject()).clone(writer),
    })
    return _register(writer, form)


def _add_page(writer, drawing, page_w: float, page_h: float,
              placement: tuple[float, float, float]) -> None:
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    scale, dx, dy = placement
    page = writer.add_blank_page(width=page_w, height=page_h)
    content = StreamObject()
    content.set_data(f"q {scale:.5f} 0 0 {scale:.5f} {dx:.3f} {dy:.3f} cm /Map Do Q"
                     .encode("ascii"))
    page[NameObject("/Contents")] = _register(writer, content)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/Map"): drawing})})


def _register(writer, obj):
    """``obj`` added to the file, as a reference (pypdf names this method privately)."""
    add = getattr(writer, "add_object", None) or writer._add_object
    return add(obj)
