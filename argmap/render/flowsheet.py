"""A flow (:func:`argmap.flow.build_flow`) as a printable page (``flow.html``, landscape, one
sheet per page, empty cells to write in) and as a spreadsheet (``flow.csv``).

Each cell shows the claim's text (the side's words), the short cites of its evidence, a
number when it is one of several answers to the claim on its left, and how it answers
("undercuts" is marked; an attack is the default). Rows are numbered, so that a claim that
comes again can say where its answers are written ("its answers: see row 12"). A claim the
other side never answers in the map has a dashed border, and a legend says so: visible in
black and white.
"""

from __future__ import annotations

import networkx as nx
from markupsafe import Markup

from ..csvsafe import csv_text
from ..flow import Cell, Flow, FlowError, FlowFormat, build_flow, load_formats
from ..vocabulary import title_of
from .cards import source_citation
from .pages import handout_css, handout_values, page_csp, perspective_styles, scope_of
from .templating import environment

__all__ = ["BLANK_ROWS", "cell_data", "flow_context", "flow_html", "flow_csv", "render_flow"]

# Rows left empty under each sheet, for arguments made in the round that the map lacks.
BLANK_ROWS = 4


def _cites(graph: nx.MultiDiGraph, claim: str) -> list[str]:
    seen = dict.fromkeys(ev["source"] for ev in graph.nodes[claim]["evidence"])
    return [source_citation(graph, s)["short"] for s in seen]


def cell_data(graph: nx.MultiDiGraph, cell: Cell | None, side: int,
              current_sheet: int = 1) -> dict | None:
    if cell is None:
        return None
    return {"id": cell.claim, "text": graph.nodes[cell.claim]["text"],
            "cites": _cites(graph, cell.claim), "relation": cell.relation,
            "number": cell.number, "unanswered": cell.unanswered, "beyond": cell.beyond,
            "see": see_text(cell.see, current_sheet) if cell.see else "", "side": side}


def see_text(see: tuple[int, int], current_sheet: int) -> str:
    """Where a claim's answers are written, in words: "row 12", or "sheet 1, row 12" when
    they are on another sheet."""
    sheet, row = see
    return f"row {row}" if sheet == current_sheet else f"sheet {sheet}, row {row}"


def _sheet_heading(flow: Flow, sheet, labels: dict) -> str:
    first = next(c for c in flow.columns if c.side == sheet.side)
    return f"{labels.get(sheet.perspective, sheet.perspective)}: arguments opened in the " \
           f"{first.name}"


def flow_context(flow: Flow, graph: nx.MultiDiGraph) -> dict:
    """What the template receives besides the page frame (also what the CSV is made of)."""
    styles = {p["id"]: p for p in perspective_styles(graph)}
    labels = {pid: p["label"] for pid, p in styles.items()}
    sides = [{"number": i + 1, "name": flow.format.sides[i], "perspective": pid,
              "label": labels.get(pid, pid), "css": styles[pid]["css"]}
             for i, pid in enumerate(flow.sides)]
    columns = [{"id": s.id, "name": s.name, "title": s.title, "minutes": s.minutes,
                "side": s.side} for s in flow.columns]
    sheets = [{"heading": _sheet_heading(flow, sheet, labels), "side": sheet.side,
               "rows": [[cell_data(graph, cell, columns[i]["side"], n)
                         for i, cell in enumerate(row)] for row in sheet.rows]}
              for n, sheet in enumerate(flow.sheets, 1)]
    left_out = [{"id": c, "text": graph.nodes[c]["text"],
                 "perspective": labels.get(graph.nodes[c]["perspective"],
                                           graph.nodes[c]["perspective"])}
                for c in flow.left_out]
    return {"format": {"id": flow.format.id, "label": flow.format.label}, "sides": sides,
            "columns": columns, "sheets": sheets, "left_out": left_out}


def only_used_speeches(context: dict) -> dict:
    """``context`` with only the speeches (columns) that hold an argument from the map, and
    ``unused``: the names of the others. A format has up to eight speeches and a map fills
    two or three: eight narrow columns printed mostly empty tripled the pages."""
    used = sorted({i for sheet in context["sheets"] for row in sheet["rows"]
                   for i, cell in enumerate(row) if cell is not None})
    return {**context,
            "columns": [context["columns"][i] for i in used],
            "sheets": [{**sheet, "rows": [[row[i] for i in used] for row in sheet["rows"]]}
                       for sheet in context["sheets"]],
            "unused": [c["name"] for i, c in enumerate(context["columns"]) if i not in used]}


def flow_html(flow: Flow, graph: nx.MultiDiGraph, title: str = "",
              all_speeches: bool = False) -> str:
    """The printable flow: by default only the speeches the map has arguments for
    (:func:`only_used_speeches`); ``all_speeches`` keeps every column, to flow a round."""
    env = environment()
    styles = perspective_styles(graph)
    context = flow_context(flow, graph)
    context = {**context, "unused": []} if all_speeches else only_used_speeches(context)
    css = env.get_template("flow.css").render(perspectives=styles,
                                              columns=max(1, len(context["columns"])))
    css += handout_css(graph)
    return env.get_template("flow.html.jinja2").render(
        title=title or graph.graph.get("title", ""), question=graph.graph.get("question", ""),
        blank_rows=BLANK_ROWS, css=Markup(css), csp=page_csp(css), scope=scope_of(graph),
        **handout_values(graph), **context)


def _csv_cell(cell: dict | None) -> str:
    if cell is None:
        return ""
    text = (f"{cell['number']}. " if cell["number"] else "") + cell["text"]
    if cell["relation"] == "undercuts":
        text += " [undercuts]"
    if cell["cites"]:
        text += f" ({'; '.join(cell['cites'])})"
    if cell["see"]:
        text += f" [its answers: see {cell['see']}]"
    return text


def flow_csv(flow: Flow, graph: nx.MultiDiGraph) -> str:
    """One line per row: the sheet's heading and the row's number on it, then a column per
    speech (the header names them). Cells hold the claim's text, its number among several
    answers, its cites, and where its answers are when they are written at another row."""
    ctx = flow_context(flow, graph)
    rows = [["sheet", "row", *(c["name"] for c in ctx["columns"])]]
    for sheet in ctx["sheets"]:
        for number, row in enumerate(sheet["rows"], 1):
            rows.append([sheet["heading"], number, *(_csv_cell(c) for c in row)])
    return csv_text(rows)


def render_flow(debate, graph: nx.MultiDiGraph, fmt: str = "policy", side_order=None,
                formats: dict[str, FlowFormat] | None = None, all_speeches: bool = False
                ) -> dict[str, str]:
    """``{"flow.html": ..., "flow.csv": ..., "glossary.html": ...}`` for format ``fmt`` (a
    name in ``formats``, by default the packaged formats). The CSV has every speech; the page
    those the map fills, or with ``all_speeches`` every one. The glossary goes beside the
    sheet, which links its terms there wherever the sheet is written."""
    formats = load_formats() if formats is None else formats
    if fmt not in formats:
        raise FlowError(f"unknown format '{fmt}' (formats: {', '.join(formats)})")
    flow = build_flow(graph, formats[fmt], side_order)
    title = title_of(graph, debate)
    from .glossary import render_glossary_html
    return {"flow.html": flow_html(flow, graph, title, all_speeches),
            "flow.csv": flow_csv(flow, graph), "glossary.html": render_glossary_html(graph)}
