"""A debate being imported, as plain data, and how it becomes a debate folder.

Importers do not write YAML themselves: they add perspectives, topics, sources, resolutions,
claims and relations to a :class:`Draft`, which derives readable ids from the text (made
unique), keeps what argmap has no field for in ``note``, and writes the folder. The folder is
checked with argmap's own loader before it is put in place, so an import either gives a
debate that passes ``argmap check`` or writes nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field

import yaml

from ..errors import EXIT_DATA, ArgmapError

__all__ = ["Draft", "ImportProblem", "ImportProblems", "FolderExists", "slug"]

_WORD = re.compile(r"[a-z0-9]+")
_SLUG_WORDS = 6
_SLUG_CHARS = 48


class ImportProblem(ArgmapError):
    """The file to import cannot be read as its format: reported as a diagnostic,
    ``PATH:LINE:COL: error: MESSAGE``, exit 1 (the data has errors)."""

    exit_code = EXIT_DATA

    def __init__(self, path: str, message: str, line: int = 1, col: int = 1):
        super().__init__(f"{path}:{line}:{col}: error: {message}")
        self.path, self.message, self.line, self.col = path, message, line, col

    def lines(self) -> list[str]:
        """A diagnostic, as ``argmap check`` prints them (no ``error:`` prefix before it)."""
        return [str(self)]


class ImportProblems(ImportProblem):
    """Several problems found in one reading of the file, each an :class:`ImportProblem`
    (``problems``, in the file's order), so the user can fix them all in one go."""

    def __init__(self, problems):
        first = problems[0]
        super().__init__(first.path, first.message, first.line, first.col)
        self.problems = list(problems)

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def _number(text: str):
    """A JSON number as written when it is too long for an int (Python refuses to convert
    one of more than 4,300 digits, with a ValueError): ids and counts never need one."""
    return int(text) if len(text) <= 100 else text


def read_json(path: str, text: str, what: str):
    """The JSON document ``text`` of the file ``path`` to import as ``what`` ("AIF"), or an
    :class:`ImportProblem`: never a traceback, however deep it nests or long its numbers."""
    import json

    try:
        return json.loads(text, parse_int=_number)
    except json.JSONDecodeError as e:
        raise ImportProblem(path, f"not JSON: {e.msg}", e.lineno, e.colno) from None
    except RecursionError:
        raise ImportProblem(path, f"not {what} JSON: nested too deeply") from None
    except ValueError as e:  # a number json itself cannot convert
        raise ImportProblem(path, f"not {what} JSON: {e}") from None


class FolderExists(ArgmapError):
    """The target folder holds files and ``--force`` was not given (exit 2)."""


def slug(text: str, fallback: str = "item") -> str:
    """A readable id from ``text``: its first words, ASCII, lower case, joined by ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _WORD.findall(ascii_text.lower())[:_SLUG_WORDS]
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > _SLUG_CHARS:
            break
        out = candidate
    return out or (words[0][:_SLUG_CHARS] if words else fallback)


@dataclass
class Draft:
    """A debate as the YAML format's plain data. Every ``add_*`` returns the id it used."""

    title: str
    question: str | None = None
    perspectives: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)
    resolutions: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    content_note: str | None = None
    _ids: set[str] = field(default_factory=set, repr=False)
    _claims: dict[str, dict] = field(default_factory=dict, repr=False)

    # ids ---------------------------------------------------------------------------------
    def new_id(self, wanted: str | None, text: str = "", fallback: str = "item") -> str:
        """A fresh id: ``wanted`` when it is a valid id, else the slug of ``text``; then
        ``-2``, ``-3``… until it is unused among everything in the draft."""
        base = wanted if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", wanted or "") \
            else slug(text or wanted or "", fallback)
        candidate, n = base, 1
        while candidate.lower() in self._ids:
            n += 1
            candidate = f"{base}-{n}"
        self._ids.add(candidate.lower())
        return candidate

    # parts -------------------------------------------------------------------------------
    def add_perspective(self, label: str, id: str | None = None, summary: str | None = None,
                        color: str | None = None) -> str:
        """The perspective labelled ``label`` (case-insensitive), added if new."""
        for p in self.perspectives:
            if p["label"].casefold() == label.casefold():
                return p["id"]
        item = {"id": self.new_id(id, label, "perspective"), "label": label}
        if summary:
            item["summary"] = summary
        if color:
            item["color"] = color
        self.perspectives.append(item)
        return item["id"]

    def add_topic(self, label: str, id: str | None = None) -> str:
        for t in self.topics:
            if t["label"].casefold() == label.casefold():
                return t["id"]
        item = {"id": self.new_id(id, label, "topic"), "label": label}
        self.topics.append(item)
        return item["id"]

    def add_source(self, title: str, id: str | None = None, **fields) -> str:
        """A source; ``fields`` are the format's source keys (author, url, published…)."""
        item = {"id": self.new_id(id, title, "source"), "title": title}
        item.update({k: v for k, v in fields.items() if v not in (None, "", [], ())})
        self.sources.append(item)
        return item["id"]

    def add_resolution(self, text: str, id: str | None = None) -> str:
        item = {"id": self.new_id(id, text, "resolution"), "text": text}
        self.resolutions.append(item)
        return item["id"]

    def add_claim(self, text: str, perspective: str, id: str | None = None, *,
                  kind: str | None = None, tags=(), evidence=(), agreed_by=(),
                  note: str | None = None) -> str:
        """A claim held by ``perspective`` (an id from :meth:`add_perspective`). ``evidence``
        items are mappings of the format's evidence keys (source, quote, finding, locator)."""
        item: dict = {"id": self.new_id(id, text, "claim"), "perspective": perspective,
                      "text": text}
        if kind:
            item["kind"] = kind
        if tags:
            item["tags"] = list(dict.fromkeys(tags))
        if evidence:
            item["evidence"] = [dict(e) for e in evidence]
        if agreed_by:
            item["agreed_by"] = list(dict.fromkeys(agreed_by))
        if note:
            item["note"] = note
        self.claims.append(item)
        self._claims[item["id"]] = item
        return item["id"]

    def relate(self, claim: str, kind: str, target: str, note: str | None = None,
               evidence=()) -> None:
        """``claim`` supports / attacks / undercuts ``target`` (``kind`` is the key's name),
        with an optional note and evidence items (mappings, as for a claim); a repeated
        relation is kept once."""
        if kind not in ("supports", "attacks", "undercuts"):
            raise ValueError(f"unknown relation {kind!r}")
        targets = self._claims[claim].setdefault(kind, [])
        entry: str | dict = target
        if note or evidence:
            entry = {"target": target}
            if note:
                entry["note"] = note
            if evidence:
                entry["evidence"] = [dict(e) for e in evidence]
        if not any((t if isinstance(t, str) else t["target"]) == target for t in targets):
            targets.append(entry)

    def add_note(self, claim: str, text: str) -> None:
        """Add ``text`` to a claim's note (what argmap has no field for is kept there)."""
        item = self._claims[claim]
        item["note"] = f"{item['note']} {text}" if item.get("note") else text

    def claim(self, id: str) -> dict:
        return self._claims[id]

    # output ------------------------------------------------------------------------------
    def files(self) -> dict[str, str]:
        """``{file name: YAML text}``: ``debate.yaml``, ``sources.yaml`` (when there are
        sources) and ``claims.yaml``."""
        if not self.perspectives:
            self.add_perspective("Unattributed", summary="Claims the imported file did not "
                                                        "attribute to a side.")
        debate: dict = {"title": self.title}
        if self.question:
            debate["question"] = self.question
        if self.content_note:
            debate["content_note"] = self.content_note
        debate["perspectives"] = self.perspectives
        if self.resolutions:
            debate["resolutions"] = self.resolutions
        if self.topics:
            debate["topics"] = self.topics
        out = {"debate.yaml": _dump(debate)}
        if self.sources:
            out["sources.yaml"] = _dump({"sources": self.sources})
        out["claims.yaml"] = _dump({"claims": self.claims})
        return out

    def write(self, folder: str, force: bool = False, origin: str = "") -> list[str]:
        """Write the debate into ``folder`` (new, empty, or with ``force`` any folder, whose
        top-level YAML files are then replaced). The files are checked with argmap's loader
        first: if they do not pass, nothing is written and :class:`ImportProblem` says why.
        Returns the paths written."""
        from ..loader import check

        files = self.files()
        if os.path.isdir(folder) and _has_files(folder) and not force:
            raise FolderExists(f"'{folder}' is not empty: choose a new folder, or give "
                               "--force to replace its debate files")
        if os.path.lexists(folder) and not os.path.isdir(folder):
            raise FolderExists(f"'{folder}' exists and is not a folder")
        with tempfile.TemporaryDirectory(prefix="argmap-import-") as scratch:
            for name, text in files.items():
                with open(os.path.join(scratch, name), "w", encoding="utf-8") as fh:
                    fh.write(text)
            result = check(scratch, cache=False)
            if not result.ok:
                first = next(d for d in result.diagnostics if d.severity == "error")
                raise ImportProblem(origin or folder, "the imported debate does not pass "
                                    f"argmap check ({first.message}); nothing was written")
        os.makedirs(folder, exist_ok=True)
        if force:
            for name in os.listdir(folder):
                path = os.path.join(folder, name)
                if name.endswith((".yaml", ".yml")) and name not in files \
                        and os.path.isfile(path) and not os.path.islink(path):
                    os.unlink(path)
        from ..writing import write_all

        return write_all(folder, files)


def _has_files(folder: str) -> bool:
    with os.scandir(folder) as entries:
        return any(True for _ in entries)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, keys in the order argmap's own files use, long text unwrapped. LibYAML's
    emitter when PyYAML has it: the same text, written about ten times faster."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)

