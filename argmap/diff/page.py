"""``argmap diff --format html``: the new version's map page (:func:`argmap.render.html.
render_html`, unchanged) with the changes laid over it from outside.

The page gets a JSON island of the changes (``<script type="application/json"
id="argmap-diff">``, made from the same :func:`~argmap.diff.render.sections` as the text and
Markdown outputs), and its own style and script (``templates/diff.css``, ``templates/diff.js``)
after the map's, each named by its hash in the page's Content-Security-Policy, which is
otherwise kept as the map page has it: no network access, nothing else runs.

The script lists every change, steps through them (buttons, or the keys j/k and n/p), opens
each changed claim on the map, and marks changed claims wherever the map draws them, with a
word (added, reworded, renamed from ..., changed) as well as a colour.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..render.mapdata import script_json
from ..render.pages import csp_hash, escape_html
from .compare import DebateDiff
from .render import sections, summary

__all__ = ["diff_page", "diff_data"]

_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def _target(line, new_ids: set[str], removed: bool) -> str | None:
    """The claim on the new map a line is about: its first id that is on the map."""
    if removed:
        return None
    ids = [text for style, text in line.runs if style == "id" and text in new_ids]
    if line.mark == ">" and len(ids) > 1:  # old renamed new, old now targets new
        return ids[0] if ids[0] in new_ids else ids[1]
    return ids[0] if ids else None


def diff_data(diff: DebateDiff) -> dict:
    """The changes as the page's script reads them: the summary, the sections (title, and
    each line's mark, runs, lines under it, the claim it opens on the map, and for a removed
    claim its old text), and per claim on the new map the words that mark it."""
    new, old = diff.new_debate, diff.old_debate
    on_map = set(new.claims_by_id) if new is not None else set()
    on_map |= {r.id for r in (new.resolutions if new is not None else ())}
    marks: dict[str, list[str]] = {}

    def mark(claim: str, word: str) -> None:
        if claim in on_map and word not in marks.setdefault(claim, []):
            marks[claim].append(word)

    claims = diff.claims
    for i in claims.added:
        mark(i, "added")
    for was, now in claims.renamed:
        mark(now, f"renamed from {was}")
    for i, fields in claims.changed.items():
        if "text" in fields:
            mark(i, "reworded")
        if set(fields) - {"text"}:
            mark(i, "changed")
    rel = diff.relations
    for r in [*rel.added, *rel.removed, *(r for r, _ in rel.changed)]:
        mark(r[0], "changed")
    for source, *_ in rel.retargeted:
        mark(source, "changed")
    ev = diff.evidence
    for item in [*ev.added, *ev.removed, *(e.new for e in ev.changed)]:
        mark(item.claim, "changed")

    removed = set(claims.removed)
    out = []
    for section in sections(diff):
        lines = []
        for line in section.lines:
            gone = section.title == "Claims" and line.mark == "-"
            entry = {"mark": line.mark, "runs": [list(r) for r in line.runs],
                     "more": [[list(r) for r in more] for more in line.more],
                     "target": _target(line, on_map, gone)}
            if gone:
                claim_id = line.runs[0][1]
                claim = old.claims_by_id.get(claim_id) if old is not None else None
                if claim_id in removed and claim is not None:
                    entry["old"] = {"id": claim_id, "text": claim.text,
                                    "perspective": claim.perspective}
            lines.append(entry)
        out.append({"title": section.title, "lines": lines})
    said = summary(diff)
    sides = f"{diff.old} \u2192 {diff.new}: "
    said = said[len(sides):] if said.startswith(sides) else said  # the page names them
    return {"old": diff.old, "new": diff.new, "summary": said, "empty": diff.empty,
            "sections": out, "marks": marks}


def _template(name: str) -> str:
    from ..render.templating import environment

    env = environment()
    return env.loader.get_source(env, name)[0]  # copied verbatim: code, not a template


def diff_page(diff: DebateDiff) -> Iterator[str]:
    """The page as pieces of text: the new version's map page with the changes over it."""
    import argmap
    from ..render.html import render_html

    debate = diff.new_debate
    css, js = _template("diff.css"), _template("diff.js")
    pieces = list(render_html(debate, argmap.build_graph(debate)))
    if len(pieces) == 1:  # a page rendered whole: cut it after its head
        at = pieces[0].find("</head>") + len("</head>")
        pieces = [pieces[0][:at], pieces[0][at:]]
    head, end = pieces[0], pieces[-1]
    found = _CSP.search(head)
    if found is None or "</head>" not in head or "</body>" not in end:
        raise RuntimeError("the map page's head or end is not where the diff page looks")
    directives = []
    for directive in html.unescape(found.group(2)).split(";"):
        name = directive.split()[0] if directive.strip() else ""
        extra = {"style-src": css, "script-src": js}.get(name)
        directives.append(directive.strip() + (f" {csp_hash(extra)}" if extra else ""))
    policy = escape_html("; ".join(directives))
    head = head[:found.start(2)] + policy + head[found.end(2):]
    head = head.replace("<title>", "<title>Changes: ", 1)
    head = head.replace("</head>", f"<style>{css}</style>\n</head>", 1)
    at = end.rindex("</body>")
    end = (end[:at] + '<script type="application/json" id="argmap-diff">'
           + script_json(diff_data(diff)) + f"</script>\n<script>{js}</script>\n" + end[at:])
    yield head
    yield from pieces[1:-1]
    yield end
