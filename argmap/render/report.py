"""The analysis report (``argmap.analysis.analyze``) as JSON, text, Markdown or HTML.

Text and Markdown come from one outline of blocks (headings, paragraphs, lists, tables), so
both say the same thing; HTML is the template ``report.html.jinja2``, with links into the map
and bar charts drawn as inline SVG. All wording is neutral: the report counts and lists what
the map holds and never says which perspective is right.

    files["report.html"] = "".join(render_report_html(debate, graph, result.quotes))
"""

from __future__ import annotations

import json
import re
from functools import cache
from collections.abc import Iterator

import networkx as nx
from markupsafe import Markup

from ..analysis import GROUNDED_HEADING, analyze
from ..lookup import NONE_STATED
from ..model import Debate
from ..quotes import QuoteReport
from ..vocabulary import plural
from .pages import (MAP_PAGE, NOTE_CSS, audience_css, by_stance_rows, claim_link,
                    content_note_of, escape_html, page_css, page_csp, perspective_styles,
                    scope_css)
from .templating import environment

__all__ = ["FORMATS", "INTRO", "render_report", "totals_line", "report_json", "report_text",
           "report_markdown", "report_html", "render_report_html"]

FORMATS = ("text", "json", "markdown", "html")

INTRO = ("This report counts and lists what the map holds. It does not judge which "
         "perspective is right: numbers describe what the map's authors wrote down.")

def report_json(data: dict) -> str:
    """Sorted keys and a trailing newline: equal debates give byte-identical files."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---- the shared outline ------------------------------------------------------------------
# Blocks: ("h", level, text) | ("p", text) | ("ul", [[line, more lines...], ...])
#         | ("table", header, rows). Every string is plain text; emitters escape it.

class _Lookup:
    """Labels for ids, from the report's own indexes."""

    def __init__(self, data: dict):
        self.data = data
        self.plabels = {p["id"]: p["label"] for p in data["perspectives"]}
        self.tlabels = {t["id"]: t["label"] for t in data["topics"]}

    def perspective(self, pid: str) -> str:
        return self.plabels.get(pid, pid) or NONE_STATED

    def text(self, node_id: str) -> str:
        if node_id in self.data["claims"]:
            return self.data["claims"][node_id]["text"]
        return self.data["resolutions"].get(node_id, {}).get("text", "")

    def who(self, node_id: str) -> str:
        """The claim's perspective, or for common ground every perspective that holds it."""
        claim = self.data["claims"].get(node_id)
        if claim and claim.get("held_by"):  # in the declared order, whoever wrote it down
            return common_label([self.perspective(p) for p in self.plabels
                                 if p in claim["held_by"]])
        return self.perspective(claim["perspective"]) if claim else "resolution"

    def claim(self, node_id: str) -> str:
        """``id [perspective]: text``"""
        return f"{node_id} [{self.who(node_id)}]: {self.text(node_id)}"


def common_label(labels: list[str]) -> str:
    """How a claim more than one perspective holds is labelled: never as one side's."""
    return "Common ground: " + ", ".join(labels)


def common_ids(data: dict) -> set[str]:
    return {g["claim"] for g in data["common_ground"]}


def totals_line(t: dict) -> str:
    """``3 perspectives, 12 claims, ...``: the size of the map in one line."""
    r = t["relations"]
    return (f"{plural(t['perspectives'], 'perspective')}, {plural(t['claims'], 'claim')}, "
            f"{plural(t['resolutions'], 'resolution')}, {plural(t['sources'], 'source')}, "
            f"{plural(t['evidence'], 'evidence item')}; relations: {r['supports']} supports, "
            f"{r['attacks']} attacks, {r['undercuts']} undercuts.")


def _count_tables(data: dict, look: _Lookup) -> list[dict]:
    """The balance's per-perspective counts as tables: ``title``, ``key`` and ``rows``, each
    row ``{"key", "label", "values"}`` (one value per perspective, in their order)."""
    per = data["balance"]["perspectives"]
    pids = [p["id"] for p in data["perspectives"]]
    tables = []
    for title, key, label, order in (
            ("Claims by kind", "kinds", str, []),
            ("Claims by topic", "topics", lambda k: look.tlabels.get(k, k), list(look.tlabels)),
            ("Sources cited, by type", "sources_by_type", str, []),
            ("Sources cited, by stance", "sources_by_stance",
             lambda k: k if k == NONE_STATED else look.perspective(k), pids)):
        keys = set().union(*(per[p][key] for p in pids)) if pids else set()
        ordered = [k for k in order if k in keys] + sorted(keys - set(order))
        rows = [{"key": k, "label": label(k), "values": [per[p][key].get(k, 0) for p in pids]}
                for k in ordered]
        if key == "topics":
            rows.append({"key": None, "label": "untagged",
                         "values": [per[p]["untagged"] for p in pids]})
        tables.append({"title": title, "key": key, "rows": rows})
    return tables


def stance_rows(data: dict) -> list[tuple[str, int]]:
    """All sources by stance: perspectives in their declared order, then "none stated"."""
    return by_stance_rows(data["balance"]["sources"]["by_stance"],
                          [p["id"] for p in data["perspectives"]])


# What each section shows, said once for the text, Markdown and HTML reports alike.
NOTES = {
    "common_ground": "Claims that more than one perspective holds (marked agreed_by in the "
                     "data), with the sources of each side's stance that the claim cites.",
    "clashes": "Attacks and undercuts between claims of different perspectives, by topic "
               "(the tags of both claims).",
    "statistics": "Each statistic, the primary source its figure is traced to, and the "
                  "confidence noted for that origin. Untraced ones first.",
    "contested": "The claims with the most incoming attacks and undercuts.",
    "central": "The claims in the most relations (supports, attacks, undercuts; both ways).",
}


STRUCTURE_NOTE = ("What each perspective's research, critique and replies "
                  "amount to across the whole map. Research: claims with evidence from an "
                  "academic or government source. The last word: claims that attack or "
                  "undercut another side and that no other side answers. Flags name each "
                  "difference past the thresholds in docs/report-json.md; they describe the "
                  "map's shape, not who is right.")


def structure_rows(data: dict) -> tuple[list[str], list[list]]:
    """The audit's per-perspective counts as one table: row labels, then one value per
    perspective (their declared order)."""
    per = data["structure"]["perspectives"]
    pids = [p["id"] for p in data["perspectives"]]
    rows = [
        ("Claims resting on research", lambda v: v["research_claims"]),
        ("... answered by another side", lambda v: v["research_answered"]),
        ("Undercuts made", lambda v: v["undercuts_made"]),
        ("Undercuts received", lambda v: v["undercuts_received"]),
        ("... made on claims resting on research", lambda v: v["undercuts_on_research"]),
        ("The last word: resting on research", lambda v: len(v["last_word"]["research"])),
        ("The last word: other claims", lambda v: len(v["last_word"]["other"])),
        ("Notes", lambda v: v["notes"]),
        ("Words in notes", lambda v: v["note_words"]),
    ]
    return pids, [[label, *(get(per[p]) for p in pids)] for label, get in rows]


def _structure_blocks(data: dict, look: _Lookup) -> list[tuple]:
    s = data["structure"]
    pids, rows = structure_rows(data)
    b: list[tuple] = [("h", 2, "Balance in structure"), ("p", STRUCTURE_NOTE),
                      ("table", [""] + [look.perspective(p) for p in pids], rows)]
    b.append(("h", 3, "Flags"))
    b.append(("ul", [[f] for f in s["flags"]]) if s["flags"] else ("p", "None."))
    b.append(("h", 3, "Common ground: supports per resolution"))
    b.append(("table", ["Resolution", "Supports"],
              [[r, n] for r, n in s["common_ground_supports"].items()]))
    for pid in pids:
        ids = s["perspectives"][pid]["last_word"]["research"]
        if ids:
            b.append(("h", 3, f"The last word on research: {look.perspective(pid)}"))
            b.append(("ul", [[look.claim(c)] for c in ids]))
    return b


def _outline(data: dict) -> list[tuple]:
    look = _Lookup(data)
    b: list[tuple] = [("h", 1, f"Report: {data['title']}")]
    if data["question"]:
        b.append(("p", data["question"]))
    if data.get("scope"):
        b.append(("p", data["scope"]))
    b.append(("p", INTRO))
    b.append(("p", totals_line(data["totals"])))

    pids = [p["id"] for p in data["perspectives"]]
    header = [""] + [look.perspective(p) for p in pids]
    per = data["balance"]["perspectives"]
    b.append(("h", 2, "Balance"))
    b.append(("table", header, [[name] + [per[p][key] for p in pids] for name, key in
                                (("Claims", "claims"), ("Evidence items", "evidence"),
                                 ("Distinct sources", "sources"))]))
    for table in _count_tables(data, look):
        b += [("h", 3, table["title"]),
              ("table", header, [[row["label"], *row["values"]] for row in table["rows"]])]
    everything = data["balance"]["sources"]
    b.append(("h", 3, f"All {everything['total']} sources in the map"))
    b.append(("table", ["Type", "Sources"], [[k, v] for k, v in everything["by_type"].items()]))
    b.append(("table", ["Stance", "Sources"],
              [[look.perspective(k) if k != NONE_STATED else k, v]
               for k, v in stance_rows(data)]))

    b += _structure_blocks(data, look)

    b.append(("h", 2, "Claims with no reply recorded"))
    b.append(("p", data["unanswered"]["note"]))
    common = common_ids(data)
    held = []
    for pid in pids:
        ids = data["unanswered"]["perspectives"].get(pid, [])
        held += [c for c in ids if c in common]
        ids = [c for c in ids if c not in common]
        b.append(("h", 3, f"{look.perspective(pid)} ({len(ids)})"))
        b.append(("ul", [[f"{c}: {look.text(c)}"] for c in ids]) if ids else ("p", "None."))
    if held:
        b.append(("h", 3, f"Common ground ({len(held)})"))
        b.append(("ul", [[look.claim(c)] for c in held]))

    b.append(("h", 2, "Common ground"))
    b.append(("p", NOTES["common_ground"]))
    b.append(("ul", [[look.claim(g["claim"]),
                      "held by " + ", ".join(look.perspective(p) for p in g["perspectives"]),
                      "; ".join(f"{look.perspective(p)} sources: " + (", ".join(ids) or "none")
                                for p, ids in g["sources"].items())]
                     for g in data["common_ground"]]) if data["common_ground"]
             else ("p", "None marked."))

    b.append(("h", 2, "Clash points"))
    b.append(("p", NOTES["clashes"]))
    if not data["clashes"]:
        b.append(("p", "None."))
    for group in data["clashes"]:
        b.append(("h", 3, f"{group['label']} ({len(group['relations'])})"))
        b.append(("ul", [[look.claim(rel["source"]),
                          f"{rel['type']} {look.claim(rel['target'])}"]
                         + ([f"note: {rel['note']}"] if rel["note"] else [])
                         for rel in group["relations"]]))

    cov = data["coverage"]
    b.append(("h", 2, "Evidence coverage"))
    for title, items in (
            ("Claims with no evidence", [[look.claim(c)] for c in cov["no_evidence"]]),
            ("Claims resting on one source",
             [[f"{e['claim']} [{look.who(e['claim'])}]: source {e['source']}"]
              for e in cov["single_source"]]),
            ("Claims supported only by other claims",
             [[f"{e['claim']} [{look.who(e['claim'])}]: supported by "
               f"{', '.join(e['supported_by'])}"] for e in cov["support_only"]])):
        b.append(("h", 3, f"{title} ({len(items)})"))
        b.append(("ul", items) if items else ("p", "None."))
    q = cov["quotes"]
    b.append(("h", 3, "Quotes"))
    if not q["checked"]:
        b.append(("p", "Quotes were not checked."))
    else:
        b.append(("p", f"{q['verified']} verified, {q['mismatched']} mismatched, "
                       f"{q['unverified']} unverified (no archived copy to check against)."))
        if q["problems"]:
            b.append(("ul", [[f"{p['status']}: {p['claim']} quoting {p['source']}",
                              f"\u201c{p['quote']}\u201d"] for p in q["problems"]]))

    b.append(("h", 2, "Statistics and their origins"))
    b.append(("p", NOTES["statistics"]))
    items = []
    for s in data["statistics"]:
        lines = [look.claim(s["claim"])]
        lines += [f"traced to {o['source']}: {o['title']} "
                  + (f"(via {o['via']})" if o["via"] else "(cited directly)")
                  for o in s["origins"]] or ["not traced to a primary source"]
        if s["confidence"]:
            lines.append(f"confidence (note): {s['confidence']}")
        items.append(lines)
    b.append(("ul", items) if items else ("p", "None."))

    b.append(("h", 2, "Most contested claims"))
    b.append(("p", NOTES["contested"]))
    b.append(("table", ["Claim", "Perspective", "Attacks", "Undercuts", "Total"],
              [[c["claim"], look.perspective(c["perspective"]), c["attacks"], c["undercuts"],
                c["total"]] for c in data["contested"]]))
    b.append(("h", 2, "Central claims"))
    b.append(("p", NOTES["central"]))
    b.append(("table", ["Claim", "Perspective", "Relations", "Supports", "Supported by",
                        "Attacks", "Attacked by"],
              [[c["claim"], look.perspective(c["perspective"]), c["relations"], c["supports"],
                c["supported_by"], c["attacks"], c["attacked_by"]] for c in data["central"]]))

    g = data["grounded"]
    b.append(("h", 2, GROUNDED_HEADING))
    b.append(("p", g["note"]))
    for key in ("in", "out", "undec"):
        b.append(("h", 3, f"{key.upper()} ({len(g[key])})"))
        b.append(("ul", [[look.claim(c)] for c in g[key]]) if g[key] else ("p", "None."))
    return b


# ---- text ----------------------------------------------------------------------------------

def _text_table(header: list, rows: list) -> list[str]:
    """Aligned columns; numbers to the right."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list) -> str:
        return "  " + "  ".join(str(c).rjust(w) if isinstance(c, int) else str(c).ljust(w)
                                for c, w in zip(row, widths, strict=True)).rstrip()
    return [line(header), "  " + "  ".join("-" * w for w in widths), *map(line, rows)]


def report_text(data: dict) -> str:
    out: list[str] = []
    previous = ""
    for block in _outline(data):
        kind = block[0]
        if kind != "h" and previous in ("ul", "table"):
            out.append("")  # a list or table ends with a blank line before more text
        previous = kind
        if kind == "h":
            _, level, text = block
            if out:
                out.append("")
            out.append(text)
            if level < 3:
                out.append(("=" if level == 1 else "-") * len(text))
        elif kind == "p":
            out.append(block[1])
        elif kind == "ul":
            for lines in block[1]:
                out.append(f"  - {lines[0]}")
                out += [f"    {more}" for more in lines[1:]]
        elif kind == "table":
            out += _text_table(block[1], block[2]) if block[2] else ["  (none)"]
    return "\n".join(out) + "\n"


# ---- Markdown ------------------------------------------------------------------------------

# Inline markup anywhere (emphasis, code, links, HTML, table cells, strikethrough), each
# escaped with a backslash; the backslash first, so those added are not escaped again ...
_MD_SPECIAL = "\\`*_[]<>|~"
# ... and block markup where a line starts (headings, lists, quotes, setext underlines).
_MD_LEADING = re.compile(r"^([#+=>-]|\d+(?=[.)]))")


def _md(text) -> str:
    """Plain text safe in Markdown: whatever could start markup is escaped, so a claim can
    never inject HTML, links or structure into a rendered report."""
    text = " ".join(str(text).split())
    for c in _MD_SPECIAL:  # str.replace per character: several times faster than re.sub
        if c in text:
            text = text.replace(c, "\\" + c)
    return _MD_LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                           else "\\" + m.group(1), text)


def report_markdown(data: dict) -> str:
    out: list[str] = []
    for block in _outline(data):
        kind = block[0]
        if kind == "h":
            out += ["#" * block[1] + " " + _md(block[2]), ""]
        elif kind == "p":
            out += [_md(block[1]), ""]
        elif kind == "ul":
            for lines in block[1]:
                out.append(f"- {_md(lines[0])}")
                out += [f"  - {_md(more)}" for more in lines[1:]]  # details as a sublist
            out.append("")
        elif kind == "table":
            header, rows = block[1], block[2]
            if not rows:
                out += ["(none)", ""]
                continue
            out.append("| " + " | ".join(_md(h) for h in header) + " |")
            out.append("|" + "|".join("---:" if isinstance(rows[0][i], int) else "---"
                                      for i in range(len(header))) + "|")
            out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- HTML ----------------------------------------------------------------------------------

BAR_WIDTH = 240  # px of the longest bar


def _bars(data: dict, styles: list[dict]) -> list[dict]:
    """The balance as bar charts: one per measure, one bar per perspective."""
    per = data["balance"]["perspectives"]
    charts = []
    for title, key in (("Claims", "claims"), ("Evidence items", "evidence"),
                       ("Distinct sources", "sources")):
        top = max((per[p["id"]][key] for p in styles), default=0) or 1
        charts.append({"title": title, "rows": [
            {"label": p["label"], "css": p["css"], "color": p["color"],
             "value": per[p["id"]][key],
             "width": round(BAR_WIDTH * per[p["id"]][key] / top)} for p in styles]})
    return charts


# A claim's address is the map's plus "#<id>", so the escaped id serves for both halves of
# its link.
class _Fragments:
    """The HTML of the page's repeated parts: perspective badges, claim references and the
    rows of the long lists (one per claim at most, thousands in a large map).

    They are written here rather than as template macros because a macro call costs far
    more than the HTML it writes; and escaping is the bulk of what is left, so each id is
    escaped, and each claim's reference made, once however often the page mentions it.
    Every ``*_items`` method returns exactly what the template's loops wrote before, rows
    joined by newlines, for the template to wrap in its lists.
    """

    def __init__(self, data: dict, style: dict[str, dict], look: _Lookup):
        claims = data["claims"]
        badges = {pid: Markup(f'<span class="persp {escape_html(p["css"])}">'
                              f'{escape_html(p["label"])}</span>') for pid, p in style.items()}

        def persp(pid: str) -> Markup:
            """A perspective's badge, by id; a claim-less id ("") is the resolution's."""
            if pid in badges:
                return badges[pid]
            return Markup(f'<span class="persp">{escape_html(pid) if pid else "resolution"}</span>')

        def reference(node_id: str) -> str:
            """The id (a link into the map), perspective badge and text of a claim or
            resolution."""
            claim = claims.get(node_id)
            if claim and claim.get("held_by"):  # common ground: every holder, no one side
                badge = (f'<span class="persp common">'
                         f'{escape_html(look.who(node_id))}</span>')
            else:
                badge = persp(claim["perspective"] if claim else "")
            return (f'{links(node_id)} {badge} '
                    f'<span class="claim-text">{escape_html(look.text(node_id))}</span>')

        # Each made once: a hit costs a dict look-up in C, not a Python call. (Closures
        # rather than methods, so that no cycle through self outlives the page.)
        self.persp = persp
        self.ids = cache(escape_html)  # of sources, statuses and relation types: few, repeated
        self.links = links = cache(claim_link)
        self.references = cache(reference)

    def claim(self, node_id: str) -> Markup:
        return Markup(self.references(node_id))

    def claim_items(self, ids: list[str]) -> Markup:
        refs = self.references
        return Markup("\n".join([f"  <li>{refs(c)}</li>" for c in ids]))

    def clash_items(self, relations: list[dict]) -> Markup:
        refs, ids = self.references, self.ids
        return Markup("\n".join([
            f"    <li>{refs(rel['source'])}\n"
            f"      <em>{ids(rel['type'])}</em> {refs(rel['target'])}\n"
            + (f'<span class="note">Note: {escape_html(rel["note"])}</span>' if rel["note"] else "")
            + "</li>" for rel in relations]))

    def single_source_items(self, entries: list[dict]) -> Markup:
        refs, ids = self.references, self.ids
        return Markup("\n".join([
            f'    <li>{refs(e["claim"])} <span class="note">Source: '
            f'<a href="sources.html#{ids(e["source"])}">{ids(e["source"])}</a></span></li>'
            for e in entries]))

    def support_only_items(self, entries: list[dict]) -> Markup:
        refs, links = self.references, self.links
        return Markup("\n".join([
            f'    <li>{refs(e["claim"])} <span class="note">Supported by: '
            + ", ".join([links(s) for s in e["supported_by"]]) + "</span></li>"
            for e in entries]))

    def quote_problem_items(self, problems: list[dict]) -> Markup:
        links, ids = self.links, self.ids
        return Markup("\n".join([
            f'    <li><span class="label">{ids(p["status"])}</span> {links(p["claim"])} '
            f'quoting <a class="id" href="sources.html#{ids(p["source"])}">'
            f'{ids(p["source"])}</a><blockquote>{escape_html(p["quote"])}</blockquote></li>'
            for p in problems]))

    def statistic_items(self, statistics: list[dict]) -> Markup:
        refs = self.references
        return Markup("\n".join([f"    <li>{refs(s['claim'])}\n{self.origins(s)}</li>"
                                  for s in statistics]))

    def origins(self, statistic: dict) -> str:
        """Where a statistic's figure is traced to (or that it is not), and the confidence."""
        ids = self.ids
        html = "".join([f'<span class="note">Traced to: '
                        f'<a href="sources.html#{ids(o["source"])}">{escape_html(o["title"])}</a> '
                        + (f'(via <a href="sources.html#{ids(o["via"])}">{ids(o["via"])}</a>)'
                           if o["via"] else "(cited directly)") + "</span>"
                        for o in statistic["origins"]]) or _UNTRACED
        if statistic["confidence"]:
            html += ('<span class="note">Confidence (note): '
                     f'{escape_html(statistic["confidence"])}</span>')
        return html


_UNTRACED = ('<span class="note"><span class="label">untraced</span> not traced to a primary '
             'source</span>')


def report_html(data: dict, styles: list[dict], content_note: str = "", extra_css: str = ""
                ) -> Iterator[str]:
    """The report page from ``analyze``'s data and ``perspective_styles(graph)``, as pieces
    of text in order, with the debate's ``content_note`` first; ``extra_css`` is added to
    its stylesheet (a student's build: :func:`argmap.render.pages.audience_css`)."""
    env = environment()
    css = page_css(styles, env) + scope_css(data.get("scope", "")) + NOTE_CSS + extra_css
    look = _Lookup(data)
    style = {p["id"]: p for p in styles}
    parts = _Fragments(data, style, look)
    return env.get_template("report.html.jinja2").generate(
        data=data, perspectives=styles, style=style,
        bars=_bars(data, styles), bar_width=BAR_WIDTH, intro=INTRO,
        count_tables=_count_tables(data, look), map_page=MAP_PAGE, notes=NOTES,
        totals=totals_line(data["totals"]), stance_rows=stance_rows(data),
        structure_note=STRUCTURE_NOTE, structure_rows=structure_rows(data)[1],
        css=Markup(css), csp=page_csp(css), none_stated=NONE_STATED,
        content_note=content_note, root="",
        persp=parts.persp, claim=parts.claim, claim_items=parts.claim_items,
        clash_items=parts.clash_items, single_source_items=parts.single_source_items,
        support_only_items=parts.support_only_items,
        quote_problem_items=parts.quote_problem_items, statistic_items=parts.statistic_items)


def render_report_html(debate: Debate | None, graph: nx.MultiDiGraph,
                       quotes: QuoteReport | None) -> Iterator[str]:
    """``report.html``, the analysis report as one self-contained page, in pieces for a
    build that writes it as it is made."""
    yield from report_html(analyze(debate, graph, quotes), perspective_styles(graph),
                           content_note_of(graph), audience_css(graph))


def render_report(debate: Debate | None, graph: nx.MultiDiGraph, quotes: QuoteReport | None,
                  fmt: str) -> str:
    """The report in one of ``FORMATS``."""
    return _formatted(analyze(debate, graph, quotes), graph, fmt)


def _formatted(data: dict, graph: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "json":
        return report_json(data)
    if fmt == "text":
        return report_text(data)
    if fmt == "markdown":
        return report_markdown(data)
    if fmt == "html":
        return "".join(report_html(data, perspective_styles(graph), content_note_of(graph)))
    raise ValueError(f"unknown report format {fmt!r}; one of {', '.join(FORMATS)}")
