"""``argmap import --from kialo``: Kialo's text export (and argmap's ``--format kialo``).

The file: ``Discussion Title: ...``, a blank line, ``1. <thesis>``, then one line per claim,
``<path> Pro|Con: <text>``, whose parent is the path without its last number; a text may run
onto following lines; ``-> See <path>`` reuses the claim at that path.

* **Theses.** When the children of line ``1.`` have no Pro/Con, the discussion is
  multi-thesis: line ``1.`` is the question and each child a resolution. Otherwise line ``1.``
  is the one resolution. A deeper line without Pro/Con becomes a claim with no relation (its
  place is kept in its note).
* **Relations.** ``Pro`` supports the parent, ``Con`` attacks it. Kialo has no undercut.
* **Sides.** Kialo's Pro/Con is relative to the parent, so a claim's perspective is its side
  of the thesis it stands under: a Pro of the thesis is on the Pro side, a Con of a Pro on the
  Con side, a Pro of a Con on the Con side, and so on (the parity of the Cons on the way up).
  With one thesis the perspectives are "Pro" and "Con"; with several, each thesis has its own
  pair, "Pro 1.2." and "Con 1.2.". A claim reached again (``-> See``) keeps the side of its
  first place.
* **Sources.** A Markdown link in a claim's text, ``[title](url)``, becomes a source (one per
  URL) and an evidence item of the claim; the link's text stays in the claim's text, except
  for a closing ``\\([title](url); ...\\)`` group (the form argmap's export writes), which is
  taken out whole. Kialo's backslash escapes are removed.

Anything that is not this format is one ``FILE:LINE:COL: error: ...`` line, exit 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .draft import Draft, ImportProblem

__all__ = ["read_kialo"]

_TITLE = re.compile(r"Discussion Title: ?(.*)\Z")
_LINE = re.compile(r"((?:\d+\.)+) (?:(Pro|Con): )?(.*)\Z")
_SEE = re.compile(r"-> See ((?:\d+\.)+)\s*\Z")
# [words](target); Kialo escapes parentheses inside the target too: (...\\(b\\))
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(((?:\\.|[^()\s\\])*)\)")
_TRAILING_LINKS = re.compile(
    r"\s*\\\(((?:\[(?:\\.|[^\]\\])*\]\((?:\\.|[^()\s\\])*\)(?:;\s*)?)+)\\\)\s*\Z")
_ESCAPED = re.compile(r"\\([\\()\[\]*_#>`~-])")


@dataclass
class _Line:
    path: str
    stance: str | None
    text: str
    number: int  # line number in the file, for diagnostics
    raw: str = ""  # the line as written, for a diagnostic's column
    children: list = field(default_factory=list)


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _parse(path: str) -> tuple[str, list[_Line]]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            raw = fh.read().splitlines()
    except UnicodeDecodeError as e:
        raise ImportProblem(path, f"not UTF-8 text ({e.reason})") from None
    title = _TITLE.match(raw[0].strip()) if raw else None
    if title is None:
        raise ImportProblem(path, "not a Kialo export: the first line should be "
                                  "'Discussion Title: ...'")
    if len(raw) < 2 or raw[1].strip():
        raise ImportProblem(path, "not a Kialo export: the second line should be blank", 2)
    lines: list[_Line] = []
    for number, text in enumerate(raw[2:], 3):
        m = _LINE.match(text.strip())
        if m and (m.group(1) == "1." if not lines else m.group(1).startswith("1.")):
            lines.append(_Line(m.group(1), m.group(2), m.group(3).strip(), number, text))
        elif not lines:
            if text.strip():
                raise ImportProblem(path, "not a Kialo export: the thesis should follow as "
                                          "'1. text'", number)
        elif text.strip():
            lines[-1].text = f"{lines[-1].text} {text.strip()}"  # a text running on
    if not lines:
        raise ImportProblem(path, "not a Kialo export: there is no thesis line '1. text'",
                            len(raw) + 1)
    return title.group(1).strip(), lines


def _tree(path: str, lines: list[_Line]) -> dict[str, _Line]:
    """``{path: line}``, each line attached to its parent; a missing parent or a repeated
    path is a diagnostic."""
    by_path: dict[str, _Line] = {}
    for line in lines:
        if line.path in by_path:
            raise ImportProblem(path, f"path {line.path} appears twice", line.number)
        if line is not lines[0]:
            parent = _parent(line.path)
            if parent not in by_path:
                raise ImportProblem(path, f"{line.path} has no parent line {parent} above it",
                                    line.number)
            by_path[parent].children.append(line)
        by_path[line.path] = line
    for line in lines:
        see = _SEE.match(line.text)
        if see and see.group(1) not in by_path:
            raise ImportProblem(path, f"'-> See {see.group(1)}' points at no line",
                                line.number, line.raw.find("-> See") + 1)
        if see and line is lines[0]:
            raise ImportProblem(path, "the thesis cannot be a '-> See' line", line.number)
    return by_path


class _Reader:
    def __init__(self, path: str, title: str, lines: list[_Line]):
        self.path, self.lines = path, lines
        self.by_path = _tree(path, lines)
        self.draft = Draft(title=title or "Imported Kialo discussion")
        self.node: dict[str, str] = {}    # path -> claim or resolution id
        self.sources: dict[str, str] = {}  # url -> source id

    def text_and_evidence(self, text: str) -> tuple[str, list[dict]]:
        links: list[tuple[str, str]] = []
        trailing = _TRAILING_LINKS.search(text)
        if trailing:
            links += _LINK.findall(trailing.group(1))
            text = text[: trailing.start()]
        links += _LINK.findall(text)
        text = _LINK.sub(lambda m: m.group(1), text)
        evidence, seen = [], set()
        for title, url in links:
            # argmap's export encodes parentheses in a target; Kialo escapes them
            url = _unescape(url).replace("%28", "(").replace("%29", ")")
            title = _unescape(title).strip() or url
            if url not in self.sources:
                fields = {"url": url} if re.match(r"https?://", url) else {}
                self.sources[url] = self.draft.add_source(title, **fields)
            if url not in seen:
                seen.add(url)
                evidence.append({"source": self.sources[url]})
        return " ".join(_unescape(text).split()), evidence

    def sides(self, thesis: _Line, multi: bool) -> tuple[str, str]:
        """The (Pro, Con) perspective ids for the claims under ``thesis``."""
        if not multi:
            return (self.draft.add_perspective("Pro", summary="Claims on the thesis's side: "
                                               "its Pros, the Pros of those, the Cons of its "
                                               "Cons."),
                    self.draft.add_perspective("Con", summary="Claims against the thesis: its "
                                               "Cons, the Pros of those, the Cons of its Pros."))
        return tuple(self.draft.add_perspective(
            f"{side} {thesis.path}", summary=f"Claims on the {side} side of thesis "
            f"{thesis.path}: {_plain(thesis.text)}") for side in ("Pro", "Con"))

    def read(self) -> Draft:
        root = self.lines[0]
        multi = bool(root.children) and all(c.stance is None for c in root.children)
        theses = root.children if multi else [root]
        if multi:
            self.draft.question = _plain(root.text)
        sides = {}
        for thesis in theses:
            self.node[thesis.path] = self.draft.add_resolution(_plain(thesis.text))
            sides[thesis.path] = self.sides(thesis, multi)
        thesis_of = self.add_claims(theses, sides)
        self.add_relations(theses, thesis_of)
        return self.draft

    def add_claims(self, theses: list[_Line], sides: dict) -> dict[str, str]:
        """A claim for each line that is not a thesis or a '-> See', on its side of its thesis
        (the parity of the Cons from the thesis down). Claims come before relations, in file
        order (a parent's line comes before its children's), so that a '-> See' may point
        forwards as well as back. Returns ``{path: its thesis's path}``."""
        cons: dict[str, int] = {t.path: 0 for t in theses}
        thesis_of = {t.path: t.path for t in theses}
        for line in self.lines[1:]:
            if line.path in self.node:
                continue
            parent = _parent(line.path)
            thesis_of[line.path] = thesis_of[parent]
            cons[line.path] = cons[parent] + (line.stance == "Con")
            if not _SEE.match(line.text):
                text, evidence = self.text_and_evidence(line.text)
                side = sides[thesis_of[line.path]][cons[line.path] % 2]
                self.node[line.path] = self.draft.add_claim(
                    text or f"(empty line {line.number})", side, evidence=evidence)
        return thesis_of

    def add_relations(self, theses: list[_Line], thesis_of: dict[str, str]) -> None:
        """Each line but a thesis: Pro supports its parent, Con attacks it."""
        theses_ids = {self.node[t.path] for t in theses}
        for line in self.lines[1:]:
            if thesis_of.get(line.path) == line.path:
                continue
            claim = self.resolve(line)
            if claim in theses_ids:
                raise ImportProblem(self.path, "'-> See' points at a thesis, which cannot "
                                    "support or attack", line.number, line.raw.find("->") + 1)
            parent = self.resolve(self.by_path[_parent(line.path)])
            if line.stance is None:
                self.draft.add_note(claim, f"In the Kialo file it stands under line "
                                    f"{_parent(line.path)} without Pro or Con.")
            elif claim != parent:
                self.draft.relate(claim, "supports" if line.stance == "Pro" else "attacks",
                                  parent)

    def resolve(self, line: _Line) -> str:
        """The claim (or resolution) a line stands for, following '-> See' lines; a problem
        is reported at the line that started the chase."""
        start, seen = line, set()
        while line.path not in self.node:
            see = _SEE.match(line.text)
            if see is None:  # the question of a multi-thesis discussion
                raise ImportProblem(self.path, f"line {line.path} is the question, which no "
                                    "claim can support, attack or repeat", start.number)
            if line.path in seen:
                raise ImportProblem(self.path, "'-> See' lines refer to each other and to no "
                                    "claim", start.number)
            seen.add(line.path)
            line = self.by_path[see.group(1)]
        return self.node[line.path]


def _parent(path: str) -> str:
    return path[: path[:-1].rfind(".") + 1]


def _plain(text: str) -> str:
    """A text without Markdown links (their words kept) and escapes."""
    return " ".join(_unescape(_LINK.sub(lambda m: m.group(1), text)).split())


def read_kialo(path: str, **options) -> Draft:
    """The Kialo text export at ``path`` as a :class:`Draft`."""
    title, lines = _parse(path)
    return _Reader(path, title, lines).read()
