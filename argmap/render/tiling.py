"""Graphviz's ``map.pdf`` on paper: one page when the map fits it at a readable size; else the
map at a readable size tiled across A4 or Letter pages (after an overview of the whole map
when there are more than four tiles), row by row, each tile overlapping its neighbours a
little (as Rationale prints a large map), so a box cut by one page's edge is whole on the next.

Graphviz's PDF output ignores the ``page`` attribute (only PostScript honours it), so the
tiles are cut here from its one large page with pypdf, without redrawing anything.
"""

from __future__ import annotations

import io
from math import ceil

__all__ = ["PAPER", "MIN_SCALE", "tile_pdf"]

PAPER = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}  # points, portrait
# Graphviz sets claims at 11 pt: at 0.75 they print at about 8 pt, the smallest to read.
MIN_SCALE = 0.75
MARGIN = 28.35    # 10 mm
OVERLAP = 28.35


def tile_pdf(data: bytes, paper: str = "a4") -> bytes:
    """``data`` (a one-page PDF) as pages of ``paper`` size (a4 or letter)."""
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(io.BytesIO(data)).pages[0]
    width, height = float(source.mediabox.width), float(source.mediabox.height)
    page_w, page_h = PAPER[paper.lower()]
    if width > height:  # a wide map prints on landscape pages
        page_w, page_h = page_h, page_w
    usable_w, usable_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN
    fit = min(usable_w / width, usable_h / height)
    writer = PdfWriter()
    drawing = _as_form(writer, source, width, height)

    def place(scale: float, left: float, top: float) -> None:
        """A page showing the map at ``scale`` from the point (left, top) of the scaled map,
        measured from its top left corner."""
        dx = MARGIN - left
        dy = page_h - MARGIN - (height * scale - top)
        _add_page(writer, drawing, page_w, page_h, (scale, dx, dy))

    if fit >= MIN_SCALE:
        scale = min(fit, 1.0)
        place(scale, -(usable_w - width * scale) / 2, 0.0)
    else:
        scaled_w, scaled_h = width * MIN_SCALE, height * MIN_SCALE
        step_w, step_h = usable_w - OVERLAP, usable_h - OVERLAP
        columns = max(1, ceil((scaled_w - OVERLAP) / step_w))
        rows = max(1, ceil((scaled_h - OVERLAP) / step_h))
        if rows * columns > 4:  # the whole map first, to find one's way among many tiles
            place(fit, -(usable_w - width * fit) / 2, 0.0)
        for row in range(rows):
            for column in range(columns):
                place(MIN_SCALE, column * step_w, row * step_h)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
