"""What the report and source pages share: perspective colours, one stylesheet, one policy.

Both pages are single self-contained files (``report.html``, ``sources.html``) beside the map
(``index.html``): no script, no network, styles inline. Their Content-Security-Policy allows
only their own stylesheet, named by its SHA-256 hash, so nothing in the data can load or run
anything. Colours of perspectives come from the data; everything else is neutral grey, and
nothing is coloured as good or bad.
"""

from __future__ import annotations

import base64
import hashlib

import networkx as nx

from .mapdata import perspectives, safe_url
from .templating import environment

__all__ = ["MAP_PAGE", "perspective_styles", "perspective_css", "stylesheet", "page_css",
           "page_csp", "csp_hash", "claim_href",
           "claim_link", "scope_of", "scope_css", "css_string",
           "escape_html", "safe_url", "by_stance_rows", "content_note_of", "handout_css",
           "handout_values", "NOTE_CSS"]

MAP_PAGE = "index.html"  # the interactive map; every claim has the address MAP_PAGE#<id>


def perspective_styles(graph: nx.MultiDiGraph) -> list[dict]:
    """The map payload's perspectives (``id``, ``label``, ``summary``, ``color``, ``tint``),
    each with ``css``, its class name."""
    return [{**p, "css": f"p{i}"} for i, p in enumerate(perspectives(graph))]


def perspective_css(styles: list[dict]) -> str:
    """Each perspective's class (``css`` of :func:`perspective_styles`): its colour and tint
    as the variables a stylesheet draws with. The colours are checked hex values."""
    return "".join(f".{p['css']} {{ --pc: {p['color']}; --pt: {p['tint']}; }}\n"
                   for p in styles)


def stylesheet(name: str, styles: list[dict], env=None, **values) -> str:
    """Stylesheet ``name`` after the perspectives' colour rules: copied verbatim, or, when it
    takes ``values``, rendered as a template (as code, a large stylesheet took longer to
    compile than many a page takes to render)."""
    env = env or environment()
    text = env.get_template(name).render(**values) if values else \
        env.loader.get_source(env, name)[0]
    return perspective_css(styles) + text


def page_css(perspectives: list[dict], env=None) -> str:
    return stylesheet("pages.css", perspectives, env)


def scope_of(graph: nx.MultiDiGraph) -> str:
    """The line that says which part of the debate a page shows (:mod:`argmap.scope`), or
    "" for the whole debate."""
    return graph.graph.get("scope", "")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, safe inside ``<style>``: quotes, backslashes, line
    ends and ``<`` (which could close the element) written as escapes."""
    out = []
    for ch in text:
        out.append(f"\\{ord(ch):x} " if ch in '"\\<>\n\r\x0c' else ch)
    return '"' + "".join(out) + '"'


def scope_css(scope: str) -> str:
    """The print rule that repeats the scope line at the top of every printed page (a page
    margin box), so a sheet that leaves the pile still says it shows only part of the
    debate; "" for the whole debate."""
    if not scope:
        return ""
    return ("@page { @top-center { content: " + css_string(scope)
            + "; font: 8pt sans-serif; color: #333; } }\n"
            ".scope-note { border: 1px solid #888; padding: 4px 8px; font-size: 0.9em; }\n")


def content_note_of(graph: nx.MultiDiGraph) -> str:
    """The debate's content note (``content_note`` in debate.yaml), or ""."""
    return graph.graph.get("content_note", "")


# The content note opens every handout's first page, set apart but not alarming: a frame,
# no warning colour. Glossary links read as text that can be followed, and print as text.
NOTE_CSS = (".content-note { border: 1px solid #888; border-left-width: 4px; padding: 4px 8px; "
            "margin: 6px 0; font-size: 0.95em; break-inside: avoid; }\n"
            "a.term { color: inherit; text-decoration: underline dotted; "
            "text-underline-offset: 2px; }\n"
            "@media print { a.term { text-decoration: none; } }\n")


def audience_css(graph: nx.MultiDiGraph) -> str:
    """A student's build prints no internal ids (``argmap build --audience student`` marks
    its graph): ids serve those who edit or check the map, teachers and researchers, and on
    a student's paper they are only clutter. On screen they stay, as links."""
    if graph.graph.get("audience") != "student":
        return ""
    return "@media print { .id, .at-id { display: none !important; } }\n"


def handout_css(graph: nx.MultiDiGraph) -> str:
    """What every printed page adds to its own stylesheet: the scope line repeated on each
    sheet (:func:`scope_css`), the content note's frame, the glossary links' look and, for
    students, no ids (:func:`audience_css`)."""
    return scope_css(scope_of(graph)) + NOTE_CSS + audience_css(graph)


def handout_values(graph: nx.MultiDiGraph, root: str = "") -> dict:
    """The values every page template receives for its shared parts: the content note
    (``content-note.html.jinja2``) and ``root``, the way from the page's folder to the
    output folder's top ("" or "../"), which its glossary links start with."""
    return {"content_note": content_note_of(graph), "root": root}


def csp_hash(text: str) -> str:
    """How a Content-Security-Policy names an inline style or script: its SHA-256."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def page_csp(css: str) -> str:
    """No network, no script; only this page's own stylesheet (and ``data:`` images)."""
    return f"default-src 'none'; style-src {csp_hash(css)}; img-src data:; " \
           "base-uri 'none'; form-action 'none'"


def claim_href(claim_id: str) -> str:
    return f"{MAP_PAGE}#{claim_id}"


def escape_html(text: str) -> str:
    """``text`` (a plain str, not ``Markup``) escaped as the templates escape it, for HTML
    written in Python: the same five replacements as ``markupsafe.escape``, by ``str.replace``,
    which for the short texts of a page is twice as fast as ``escape`` and its ``Markup``
    (and a ``Markup`` in an f-string takes Python's slow formatting path). Letters and digits
    alone (most ids) need no escaping, and are checked faster."""
    if text.isalnum():
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def claim_link(claim_id: str) -> str:
    """A claim's id as a link to it on the map, as HTML."""
    eid = escape_html(claim_id)
    return f'<a class="id" href="{_CLAIM_HREF}{eid}">{eid}</a>'


_CLAIM_HREF = escape_html(claim_href(""))  # the same for every claim: escaped once


def by_stance_rows(counts: dict[str, int], perspective_ids: list[str]) -> list[tuple[str, int]]:
    """Counts by stance as rows: perspectives in their declared order, then the rest ("none
    stated") alphabetically, so tables read in the same order as the rest of the page."""
    keys = [k for k in perspective_ids if k in counts] + sorted(set(counts) - set(perspective_ids))
    return [(k, counts[k]) for k in keys]
