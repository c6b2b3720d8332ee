"""A :class:`~argmap.diff.compare.DebateDiff` as text for a terminal, as Markdown for a pull
request's review, or as JSON (``docs/diff-json.md``); the HTML page is
:mod:`argmap.diff.page`.

Text and Markdown are made from one list of sections (:func:`sections`): each line a mark
(``+`` added, ``-`` removed, ``~`` changed, ``>`` renamed or retargeted) and runs of text,
each with a style (``id``, ``name``, ``old``, ``new``, ``note`` or plain); an HTML page can
be made from the same list. The wording is the project's own and takes no side: "answered"
and the grounded labels describe what the map records (as in ``argmap report``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..diagnostics import printable
from ..vocabulary import plural
from .compare import DebateDiff, EvidenceItem, word_diff

__all__ = ["FORMATS", "render", "sections", "Section", "Line", "summary"]

FORMATS = ("text", "markdown", "json")  # and html: argmap.diff.page, a page of its own

Run = tuple[str, str]  # (style, text): style "", "id", "name", "old", "new", "note"


@dataclass
class Line:
    mark: str
    runs: list[Run]
    more: list[list[Run]] = field(default_factory=list)  # lines under it (a field's change)


@dataclass
class Section:
    title: str
    lines: list[Line]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(value) if value else "(none)"
    if value is None:
        return "(none)"
    return str(value) if value != "" else "(none)"


def _change(name: str, old, new) -> list[Run]:
    """One field's change: a word-level diff for prose that mostly stayed, old → new for the
    rest (a text rewritten reads better whole than as a patchwork of words)."""
    if isinstance(old, str) and isinstance(new, str) and old and new and \
            (" " in old or " " in new):
        words = word_diff(old, new)
        kept = sum(len(text) for op, text in words if op == "=")
        if kept * 2 >= max(len(old), len(new)):  # mostly the same: word by word
            return [("", f"{name}: "), *(({"=": "", "-": "old", "+": "new"}[op], text)
                                         for op, text in words)]
    return [("", f"{name}: "), ("old", _value(old)), ("", " \u2192 "), ("new", _value(new))]


def _changed_fields(changed: dict) -> list[list[Run]]:
    return [_change(name, o, n) for name, (o, n) in changed.items()]


def _claim_text(debate, claim_id: str) -> str:
    claim = debate.claims_by_id.get(claim_id) if debate is not None else None
    return _short(claim.text) if claim is not None else ""


def _rel(rel) -> list[Run]:
    source, kind, target = rel[:3]
    return [("id", source), ("", f" {kind} "), ("id", target)]


def _evidence_runs(item: EvidenceItem) -> list[Run]:
    ev = item.evidence
    runs: list[Run] = [("id", item.claim), ("", " \u2190 "), ("id", ev.source)]
    if item.relation is not None:
        runs += [("", " (for "), *_rel(item.relation), ("", ")")]
    if ev.quote:
        runs.append(("", f": \u201c{_short(ev.quote)}\u201d"))
    elif ev.finding:
        runs.append(("", f": finding \u201c{_short(ev.finding)}\u201d"))
    if item.status:
        runs.append(("note", f" [{item.status}]"))
    return runs


def _items(title: str, changes, debate_old, debate_new, describe) -> Section | None:
    if not changes:
        return None
    lines = [Line("+", [("id", i), *describe(debate_new, i)]) for i in changes.added]
    lines += [Line("-", [("id", i), *describe(debate_old, i)]) for i in changes.removed]
    lines += [Line("~", [("id", i)], _changed_fields(c)) for i, c in changes.changed.items()]
    return Section(title, lines)


def _nothing(debate, item_id) -> list[Run]:
    return []


def _source_title(debate, source_id) -> list[Run]:
    source = debate.sources_by_id.get(source_id) if debate is not None else None
    return [("", f": {_short(source.title)}")] if source is not None else []


def _claim_line(debate, claim_id) -> list[Run]:
    claim = debate.claims_by_id.get(claim_id) if debate is not None else None
    if claim is None:
        return []
    return [("note", f" ({claim.perspective})"), ("", f": {_short(claim.text)}")]


def sections(diff: DebateDiff) -> list[Section]:
    """The diff as sections of lines, in reading order; empty sections left out."""
    old, new = diff.old_debate, diff.new_debate
    out: list[Section] = []
    if diff.debate:
        out.append(Section("Debate", [Line("~", [], [_change(k, o, n)])
                                      for k, (o, n) in diff.debate.items()]))
    for title, changes, describe in (("Perspectives", diff.perspectives, _nothing),
                                     ("Resolutions", diff.resolutions, _nothing),
                                     ("Topics", diff.topics, _nothing)):
        section = _items(title, changes, old, new, describe)
        if section:
            out.append(section)
    claims = diff.claims
    if claims:
        lines = [Line("+", [("id", i), *_claim_line(new, i)]) for i in claims.added]
        lines += [Line("-", [("id", i), *_claim_line(old, i)]) for i in claims.removed]
        lines += [Line(">", [("id", o), ("", " renamed "), ("id", n)]) for o, n in claims.renamed]
        lines += [Line("~", [("id", i)], _changed_fields(c)) for i, c in claims.changed.items()]
        out.append(Section("Claims", lines))
    rel = diff.relations
    if rel:
        lines = []
        for r in rel.added:
            lines.append(Line("+", _rel(r), _note(new, r)))
        for r in rel.removed:
            lines.append(Line("-", _rel(r)))
        for source, kind, was, now in rel.retargeted:
            lines.append(Line(">", [*_rel((source, kind, was)), ("", " now targets "),
                                    ("id", now)]))
        for r, c in rel.changed:
            lines.append(Line("~", _rel(r), _changed_fields(c)))
        out.append(Section("Relations", lines))
    ev = diff.evidence
    if ev:
        lines = [Line("+", _evidence_runs(e)) for e in ev.added]
        lines += [Line("-", _evidence_runs(e)) for e in ev.removed]
        for e in ev.changed:
            more = _changed_fields(e.changed)
            if e.old.status != e.new.status:
                more.append(_change("quote verified", e.old.status or "(no quote)",
                                    e.new.status or "(no quote)"))
            runs = [("id", e.new.claim), ("", " \u2190 "), ("id", e.new.evidence.source)]
            if e.new.relation is not None:
                runs += [("", " (for "), *_rel(e.new.relation), ("", ")")]
            lines.append(Line("~", runs, more))
        out.append(Section("Evidence", lines))
    section = _items("Sources", diff.sources, old, new, _source_title)
    if section:
        out.append(section)
    out += _consequence_sections(diff)
    return out


def _note(debate, rel) -> list[list[Run]]:
    claim = debate.claims_by_id.get(rel[0]) if debate is not None else None
    for r in claim.relations if claim is not None else ():
        if (r.kind, r.target) == rel[1:] and r.note:
            return [[("", "note: "), ("note", _short(r.note, 160))]]
    return []


def _consequence_sections(diff: DebateDiff) -> list[Section]:
    c = diff.consequences
    if not c:
        return []
    new = diff.new_debate
    lines = []
    for claim in c.newly_unanswered:
        lines.append(Line("~", [("", "now unanswered: "), ("id", claim),
                                ("", f": {_claim_text(new, claim)}")]))
    for claim in c.newly_answered:
        lines.append(Line("~", [("", "now answered: "), ("id", claim),
                                ("", f": {_claim_text(new, claim)}")]))
    for node, (was, now) in c.grounded.items():
        lines.append(Line("~", [("", "grounded label of "), ("id", node), ("", ": "),
                                ("old", was.upper()), ("", " \u2192 "), ("new", now.upper())]))
    labels = {p.id: p.label for d in (diff.old_debate, new) if d is not None
              for p in d.perspectives}
    for p, figures in c.balance.items():
        lines.append(Line("~", [("", "balance audit, "), ("name", labels.get(p, p)), ("", ":")],
                          [[("", f"{name.replace('_', ' ')}: "), ("old", _value(o)),
                            ("", " \u2192 "), ("new", _value(n))]
                           for name, (o, n) in figures.items()]))
    for flag in c.flags["added"]:
        lines.append(Line("+", [("", "flag: "), ("note", flag)]))
    for flag in c.flags["removed"]:
        lines.append(Line("-", [("", "flag: "), ("note", flag)]))
    return [Section("Consequences", lines)]


def summary(diff: DebateDiff) -> str:
    """One line: how much changed, or that nothing did."""
    if diff.empty:
        return f"no differences between {diff.old} and {diff.new}"
    c = diff.claims
    parts = [f"{what} {n}" for what, n in (("added", len(c.added)), ("removed", len(c.removed)),
                                            ("renamed", len(c.renamed)),
                                            ("changed", len(c.changed))) if n]
    rel = diff.relations
    n_rel = len(rel.added) + len(rel.removed) + len(rel.retargeted) + len(rel.changed)
    ev = diff.evidence
    n_ev = len(ev.added) + len(ev.removed) + len(ev.changed)
    n_src = len(diff.sources.added) + len(diff.sources.removed) + len(diff.sources.changed)
    bits = [f"claims: {', '.join(parts)}" if parts else "claims: no change",
            f"{plural(n_rel, 'relation')} changed", f"{plural(n_ev, 'evidence item')} changed",
            f"{plural(n_src, 'source')} changed"]
    return f"{diff.old} \u2192 {diff.new}: " + "; ".join(bits)


# ---- formats ---------------------------------------------------------------------------------

_MARK_COLOUR = {"+": "green", "-": "red", "~": "yellow", ">": "cyan"}


def _text(diff: DebateDiff, colour: bool) -> str:
    import click

    def run(style: str, text: str) -> str:
        text = printable(text)
        if not colour:
            return {"old": f"[-{text}-]", "new": f"{{+{text}+}}"}.get(style, text) \
                if style in ("old", "new") else text
        if style in ("id", "name"):
            return click.style(text, bold=True)
        if style == "old":
            return click.style(text, fg="red", strikethrough=True)
        if style == "new":
            return click.style(text, fg="green", underline=True)
        if style == "note":
            return click.style(text, dim=True)
        return text

    out = [summary(diff)]
    for section in sections(diff):
        out += ["", click.style(section.title, bold=True) if colour else section.title]
        for line in section.lines:
            mark = click.style(line.mark, fg=_MARK_COLOUR[line.mark], bold=True) \
                if colour else line.mark
            out.append(f"  {mark} " + "".join(run(s, t) for s, t in line.runs))
            out += ["      " + "".join(run(s, t) for s, t in more) for more in line.more]
    return "\n".join(out) + "\n"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|~"})


def _md(text: str) -> str:
    return printable(text).translate(_MD_SPECIAL)


def _markdown(diff: DebateDiff) -> str:
    def run(style: str, text: str) -> str:
        if not text.strip():
            return text
        lead, body, trail = _spaces(text)
        if style == "id":
            return f"{lead}`{printable(body)}`{trail}"
        if style == "old":
            return f"{lead}~~{_md(body)}~~{trail}"
        if style in ("new", "name"):
            return f"{lead}**{_md(body)}**{trail}"
        if style == "note":
            return f"{lead}*{_md(body)}*{trail}"
        return _md(text)

    marks = {"+": "*added* ", "-": "*removed* ", "~": "*changed* ", ">": ""}

    def runs(line: list[Run]) -> str:
        # a space between the old words and the new ones, which the text output runs together
        return "".join(run(s, t) + (" " if s == "old" and i + 1 < len(line) and
                                    line[i + 1][0] == "new" else "")
                       for i, (s, t) in enumerate(line))

    out = [f"### argmap diff: `{printable(diff.old)}` \u2192 `{printable(diff.new)}`", "",
           _md(summary(diff))]
    for section in sections(diff):
        out += ["", f"#### {section.title}", ""]
        for line in section.lines:
            out.append(f"- {marks[line.mark]}" + runs(line.runs))
            out += ["  - " + runs(more) for more in line.more]
    return "\n".join(out) + "\n"


def _spaces(text: str) -> tuple[str, str, str]:
    body = text.strip()
    start = text.index(body)
    return text[:start], body, text[start + len(body):]


def render(diff: DebateDiff, fmt: str = "text", colour: bool = False) -> str:
    """``diff`` as text, ``markdown`` or ``json``; ``colour``: ANSI colours (text only). The
    HTML page is :func:`argmap.diff.page.diff_page`'s, which builds on this module's sections
    (so this module does not import it back)."""
    if fmt == "json":
        return json.dumps(diff.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(diff)
    return _text(diff, colour)
