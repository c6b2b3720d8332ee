"""A debate drafted in a spreadsheet (``argmap import --from csv``).

One row per claim, under a header row naming the columns (any order; only ``text`` and
``perspective`` are required)::

    id, perspective, text, kind, tags, supports, attacks, undercuts, source, quote, locator,
    note, agreed_by

- A row whose ``kind`` is ``resolution`` is a resolution (a proposition debated): it has an
  ``id`` and a ``text`` and nothing else.
- ``perspective``, ``tags`` and ``agreed_by`` name perspectives and topics; they are declared
  from what appears (a value that is a valid id is used as the id, anything else as the label,
  with an id made from it).
- ``tags``, ``supports``, ``attacks``, ``undercuts`` and ``agreed_by`` hold several values
  separated by ``;``. ``supports`` and ``attacks`` name ids of claims or resolutions in the
  spreadsheet, ``undercuts`` ids of claims.
- ``source``, ``quote`` and ``locator`` are one evidence item; a source not described
  elsewhere becomes a source whose title is its id.
- An empty ``id`` is made from the text.

When the file is named ``claims.csv`` and ``debate.csv``, ``sources.csv``, ``evidence.csv`` or
``relations.csv`` sit beside it (the folder ``argmap export --format csv`` writes), they are
read too, so that export then import gives the same debate (see
:mod:`argmap.export.csvtables` for their columns).

Reading: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" writes one); the
separator is read from the header row (``,``, ``;`` as European Excel writes, or a tab); a
cell written safe by argmap's export (a leading ``'`` before ``=``, ``+``, ``-``, ``@``…) is
read back without it. Problems are reported all at once, each at its spreadsheet row and
column (the header is row 1): ``claims.csv:4:6: error: …``.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import tempfile

from ..csvsafe import safe_cell
from ..export.csvtables import (CLAIM_COLUMNS, DEBATE_COLUMNS, EVIDENCE_COLUMNS,
                                RELATION_COLUMNS, SEPARATOR, SOURCE_COLUMNS)
from ..model import CLAIM_KINDS, RELATION_KINDS, SOURCE_TYPES, WORK_TYPES
from ..schema import ID_RE
from .draft import Draft, ImportProblem, ImportProblems

__all__ = ["read_spreadsheet", "TEMPLATE"]

RESOLUTION = "resolution"
_CLAIM_ONLY = ("perspective", "kind", "tags", "supports", "attacks", "undercuts", "source",
               "quote", "locator", "note", "agreed_by")
_DELIMITERS = (",", ";", "\t")
_SIBLINGS = {"debate.csv": DEBATE_COLUMNS, "sources.csv": SOURCE_COLUMNS,
             "evidence.csv": EVIDENCE_COLUMNS, "relations.csv": RELATION_COLUMNS}

# Reading argmap check's errors on the written YAML back to cells: an item starts at
# ``- id: …``; its keys are ``- key:`` or ``  key:``; some keys are another column's name.
_ITEM_LINE = re.compile(r"- id: (.+)")
_KEY_LINE = re.compile(r"(?:- |  )([a-z_]+):")
_KEY_COLUMNS = {"summary": "text", "evidence": "source"}

# What ``argmap new --csv`` writes: the header and three rows in neutral words.
TEMPLATE = [
    list(CLAIM_COLUMNS),
    ["the-motion", "", "The proposition being debated.", RESOLUTION] + [""] * 9,
    ["a-first-claim", "First perspective", "A claim of the first perspective, in a "
     "paraphrase its advocates would accept.", "empirical", "first-topic", "the-motion", "",
     "", "example-source", "The words of the source, verbatim.", "p. 1", "", ""],
    ["b-first-claim", "Second perspective", "A claim of the second perspective that answers "
     "the first.", "empirical", "first-topic", "", "a-first-claim", "", "example-source",
     "Other words of the source, verbatim.", "p. 2", "", ""],
]


class _Cell(str):
    """A cell's text, knowing its row and column (1-based, as a spreadsheet counts)."""

    row: int
    col: int

    def __new__(cls, text: str, row: int, col: int):
        cell = super().__new__(cls, text)
        cell.row, cell.col = row, col
        return cell


class _Row(dict):
    """A row's non-empty cells by column name. ``row.get(name)`` is None for an empty cell;
    ``row[name]`` gives it as an empty :class:`_Cell`, at its place, for a message about it
    (a 10,000-claim export holds a few hundred thousand empty cells: they are not kept)."""

    def __init__(self, row: int, columns: dict[str, int]):
        super().__init__()
        self.row, self.columns = row, columns

    def __missing__(self, name: str) -> _Cell:
        return _Cell("", self.row, self.columns.get(name, 1))


class _Table:
    """One CSV file's rows (:class:`_Row`); problems go to ``report``."""

    def __init__(self, path: str, columns, required, report):
        self.path, self.rows, self.columns = path, [], {}
        self.usable = False  # read, with every required column
        self._report = report
        text = self._text()
        if text is None:
            return
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, columns))
        del text
        try:
            self._read(reader, columns, required)
        except csv.Error as exc:  # a NUL byte, an over-long field: give the row it is in
            self.problem(reader.line_num or 1, 1, f"the file cannot be read as CSV ({exc})")
            self.usable = False

    def _read(self, reader, columns, required) -> None:
        header = next(reader, None)
        if header is None:
            self.problem(1, 1, "the file is empty: the first row names the columns")
            return
        self.usable = self._header(header, columns, required)
        if not self.usable:
            return
        for row, record in enumerate(reader, start=2):
            cells = _Row(row, self.columns)
            for col, raw in enumerate(record, start=1):
                value = _clean(raw)
                name = self._names.get(col)
                if name and value:
                    cells[name] = _Cell(value, row, col)
                elif value and col not in self._ignored:
                    self.problem(row, col, f"a value in column {col}, which the header does "
                                           "not name")
            if cells:  # spreadsheets leave empty rows; they mean nothing
                self.rows.append(cells)

    def _text(self) -> str | None:
        with open(self.path, "rb") as fh:
            data = fh.read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self.problem(line, 1, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}): "
                                  "save it as \"CSV UTF-8\" or in another UTF-8 encoding")
            return None

    def _header(self, header, columns, required) -> bool:
        """Read the header row; False when a required column is missing."""
        self._names: dict[int, str] = {}
        self._ignored: set[int] = set()  # unknown columns: reported once, in the header
        for col, raw in enumerate(header, start=1):
            name = _clean(raw).lower().replace(" ", "_")
            if not name:  # a trailing separator; a value under it is reported
                continue
            if name not in columns:
                self.problem(1, col, f"unknown column '{_clean(raw)}'{_near(name, columns)}; "
                                     f"the columns are {', '.join(columns)}")
                self._ignored.add(col)
            elif name in self.columns:
                self.problem(1, col, f"the column '{name}' appears twice (first in column "
                                     f"{self.columns[name]})")
                self._ignored.add(col)
            else:
                self.columns[name] = col
                self._names[col] = name
        missing = [name for name in required if name not in self.columns]
        for name in missing:
            self.problem(1, 1, f"the header has no '{name}' column")
        return not missing

    def problem(self, row: int, col: int, message: str) -> None:
        self._report(ImportProblem(self.path, message, row, col))


def _clean(raw: str) -> str:
    """A cell's value: without the apostrophe argmap's export puts before a formula-like
    text (the exact inverse of :func:`argmap.csvsafe.safe_cell`), and trimmed."""
    if raw.startswith("'") and safe_cell(raw[1:]) == raw:
        raw = raw[1:]
    return raw.strip()


def _delimiter(text: str, columns) -> str:
    """The separator that splits the header row into the most known column names."""
    first = text.split("\n", 1)[0]

    def known(d: str) -> int:
        return sum(c.strip().lower().replace(" ", "_") in columns for c in first.split(d))
    return max(_DELIMITERS, key=known)


def _near(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _values(cell: _Cell | None) -> list[_Cell]:
    """The ``;``-separated values of a list cell (its row and column kept)."""
    if not cell:
        return []
    return [_Cell(v.strip(), cell.row, cell.col) for v in cell.split(SEPARATOR) if v.strip()]


def _title_from(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.lower() == "claims":  # an exported folder without its debate.csv
        stem = os.path.basename(os.path.dirname(os.path.abspath(path))) or stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported debate"


class _Reader:
    """Reads the spreadsheet (and its companions), collecting every problem, then fills a
    :class:`Draft`."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[ImportProblem] = []
        report = self.problems.append
        self.claims = _Table(path, CLAIM_COLUMNS, ("text", "perspective"), report)
        self.tables: dict[str, _Table | None] = dict.fromkeys(_SIBLINGS)
        if os.path.basename(path).lower() == "claims.csv":
            folder = os.path.dirname(path)
            for name, columns in _SIBLINGS.items():
                sibling = os.path.join(folder, name)
                if os.path.isfile(sibling):
                    required = {"debate.csv": ("part",), "sources.csv": ("id",),
                                "evidence.csv": ("claim", "source"),
                                "relations.csv": ("source", "kind", "target")}[name]
                    self.tables[name] = _Table(sibling, columns, required, report)
        # casefold id → (what: claim / resolution / source, its cell, its table)
        self.ids: dict[str, tuple[str, _Cell, _Table]] = {}
        # (written file, id) → (table, row) it came from, to place argmap check's errors
        self.where: dict[tuple[str, str], tuple[_Table, dict]] = {}

    def rows(self, name: str) -> list[tuple[_Table, dict]]:
        table = self.tables[name]
        return [(table, row) for row in table.rows] if table is not None else []

    def problem(self, table: _Table, cell: _Cell, message: str) -> None:
        self.problems.append(ImportProblem(table.path, message, cell.row, cell.col))

    def _stop(self):
        """Raise every problem found, file by file (the spreadsheet first), row by row."""
        order = [self.path] + [t.path for t in self.tables.values() if t is not None]
        raise ImportProblems(sorted(self.problems,
                                    key=lambda p: (order.index(p.path), p.line, p.col)))

    # ids ---------------------------------------------------------------------------------
    def record_id(self, table, cell: _Cell, what: str) -> bool:
        """Record an id written in a cell; False (and a problem) when it is bad or already
        used. ``what`` is claim, resolution or source."""
        if not ID_RE.match(cell):
            self.problem(table, cell, f"'{cell}' is not a valid id: use letters, digits, '-', "
                                      "'_' and '.', starting with a letter or digit")
            return False
        seen = self.ids.get(cell.casefold())
        if seen is not None:
            where = f"row {seen[1].row}" if seen[2] is table else \
                f"{os.path.basename(seen[2].path)} row {seen[1].row}"
            self.problem(table, cell, f"id '{cell}' is already used in {where}")
            return False
        self.ids[cell.casefold()] = (what, cell, table)
        return True

    def read(self) -> Draft:
        if not self.claims.usable:
            self._stop()
        rows = self.claims.rows
        kinds = {}
        for row in rows:
            kind = str(row.get("kind") or "").lower()
            if kind and kind != RESOLUTION and kind not in CLAIM_KINDS:
                cell = row["kind"]
                self.problem(self.claims, cell, f"'{cell}' is not a kind"
                             f"{_near(kind, CLAIM_KINDS + (RESOLUTION,))}; the kinds are "
                             f"{', '.join(CLAIM_KINDS)}, and {RESOLUTION} for a resolution's "
                             "row")
            kinds[id(row)] = kind
            if row.get("id"):
                self.record_id(self.claims, row["id"],
                              RESOLUTION if kind == RESOLUTION else "claim")
        described = {}
        for table, row in self.rows("sources.csv"):
            if not row["id"]:
                self.problem(table, row["id"], "the id is empty: every source needs one")
            elif self.record_id(table, row["id"], "source"):
                described[str(row["id"])] = row
        # Ids are handed out the spreadsheet's own first, so they stay as written; then the
        # rows without one get theirs from their text.
        self.alloc = Draft("")
        for _, cell, _ in self.ids.values():
            self.alloc.new_id(str(cell))
        ids = {id(row): str(row["id"]) if row.get("id") else
               self.alloc.new_id(None, str(row["text"]), "claim") for row in rows}
        for row in rows:
            self._check_row(row, kinds[id(row)] == RESOLUTION)
        relations = self._relations(rows, kinds, ids)
        evidence, relation_evidence = self._evidence(rows, kinds, ids, relations)
        self._check_sources()
        debate = self._debate()
        if self.problems:
            self._stop()
        draft = self._draft(rows, kinds, ids, relations, evidence, relation_evidence, debate,
                            described)
        self._final_check(draft)
        return draft

    def _check_row(self, row: dict, resolution: bool) -> None:
        what = "resolution" if resolution else "claim"
        if not row["text"]:
            self.problem(self.claims, row["text"], f"the text is empty: every {what} needs "
                                                   "its text")
        if resolution:
            for name in _CLAIM_ONLY:
                if name != "kind" and row.get(name):
                    self.problem(self.claims, row[name], f"a resolution has no {name}: leave "
                                 "the cell empty, or make the row a claim")
            return
        if not row["perspective"]:
            self.problem(self.claims, row["perspective"], "the perspective is empty: name the "
                                                          "side that holds the claim")
        if row.get("source") and not ID_RE.match(row["source"]):
            self.problem(self.claims, row["source"], f"'{row['source']}' is not a valid "
                         "source id: use letters, digits, '-', '_' and '.'")
        for name in ("quote", "locator"):
            if row.get(name) and not row.get("source"):
                self.problem(self.claims, row[name], f"a {name} needs its source: name the "
                             "source's id in the 'source' column")

    # relations ---------------------------------------------------------------------------
    def _target(self, table, kind: str, cell: _Cell) -> str | None:
        """The claim or resolution ``cell`` names, or None (and a problem)."""
        seen = self.ids.get(cell.casefold())
        if seen is None or seen[0] == "source":
            known = [c for k, c, _ in self.ids.values() if k != "source"]
            self.problem(table, cell, f"{kind}: '{cell}' is not the id of a claim or "
                                      f"resolution in the spreadsheet{_near(cell, known)}")
            return None
        if kind == "undercuts" and seen[0] == RESOLUTION:
            self.problem(table, cell, f"undercuts: '{cell}' is a resolution; an undercut "
                                      "names a claim (it attacks the inference the claim draws)")
            return None
        return str(seen[1])

    def _claim(self, table, cell: _Cell) -> str | None:
        seen = self.ids.get(cell.casefold())
        if seen is None or seen[0] in ("source", RESOLUTION):
            known = [c for k, c, _ in self.ids.values() if k not in ("source", RESOLUTION)]
            self.problem(table, cell, f"'{cell}' is not the id of a claim in "
                                      f"{os.path.basename(self.path)}{_near(cell, known)}")
            return None
        return str(seen[1])

    def _relations(self, rows, kinds, ids) -> dict[tuple[str, str, str], str]:
        """``{(claim, kind, target): note}``, the spreadsheet's cells first."""
        out: dict[tuple[str, str, str], str] = {}
        for row in rows:
            if kinds[id(row)] == RESOLUTION:
                continue
            for kind in RELATION_KINDS:
                for cell in _values(row.get(kind)):
                    target = self._target(self.claims, kind, cell)
                    if target:
                        out.setdefault((ids[id(row)], kind, target), "")
        for table, row in self.rows("relations.csv"):
            if not (row.get("source") and row.get("kind") and row.get("target")):
                name = next(n for n in ("source", "kind", "target") if not row.get(n))
                self.problem(table, row[name], f"the {name} is empty: a relation names the "
                                               "claim (source), its kind and its target")
                continue
            claim = self._claim(table, row["source"])
            kind = row["kind"].lower()
            if kind not in RELATION_KINDS:
                self.problem(table, row["kind"], f"'{row['kind']}' is not a relation: "
                                                 "supports, attacks or undercuts")
                continue
            target = self._target(table, kind, row["target"])
            if claim and target:
                out[(claim, kind, target)] = str(row.get("note") or "")
        return out

    # evidence ----------------------------------------------------------------------------
    def _evidence(self, rows, kinds, ids, relations):
        """Evidence items by claim, and by relation, as the format's mappings."""
        by_claim: dict[str, list[dict]] = {}
        by_relation: dict[tuple[str, str, str], list[dict]] = {}
        self.mentioned: list[tuple[_Table, _Cell]] = []  # source ids named anywhere
        for row in rows:
            if kinds[id(row)] == RESOLUTION or not row.get("source"):
                continue
            self.mentioned.append((self.claims, row["source"]))
            item = {k: str(row[k]) for k in ("source", "quote", "locator") if row.get(k)}
            by_claim.setdefault(ids[id(row)], []).append(item)
        for table, row in self.rows("evidence.csv"):
            if not (row.get("claim") and row.get("source")):
                name = "claim" if not row.get("claim") else "source"
                self.problem(table, row[name], f"the {name} is empty: every evidence item "
                                               "names its claim and its source")
                continue
            claim = self._claim(table, row["claim"])
            for name in ("source", "traced_to"):
                if row.get(name):
                    if ID_RE.match(row[name]):
                        self.mentioned.append((table, row[name]))
                    else:
                        self.problem(table, row[name], f"'{row[name]}' is not a valid "
                                                       "source id")
            item = {k: str(row[k]) for k in ("source", "quote", "finding", "locator",
                                             "traced_to") if row.get(k)}
            if claim is None:
                continue
            if row.get("relation") or row.get("target"):
                target = str(row.get("target") or "")
                target = str(self.ids.get(target.casefold(), (None, target))[1])
                key = (claim, (row.get("relation") or "").lower(), target)
                if key not in relations:
                    self.problem(table, row.get("relation") or row["target"],
                                 f"'{claim}' has no '{key[1]}' relation to '{key[2]}'")
                    continue
                by_relation.setdefault(key, []).append(item)
            elif item not in by_claim.setdefault(claim, []):  # also in claims.csv: once
                by_claim[claim].append(item)
        return by_claim, by_relation

    # sources -----------------------------------------------------------------------------
    def _check_sources(self) -> None:
        for table, row in self.rows("sources.csv"):
            if row["id"] and not row.get("title"):
                self.problem(table, row.get("title") or row["id"], "the title is empty: every "
                                                                   "source needs one")
            for name, allowed in (("type", SOURCE_TYPES), ("work", WORK_TYPES)):
                if row.get(name) and row[name] not in allowed:
                    self.problem(table, row[name], f"'{row[name]}' is not a {name}"
                                 f"{_near(row[name], allowed)}; the {name}s are "
                                 f"{', '.join(allowed)}")
            for cell in _values(row.get("cites")):
                if ID_RE.match(cell):
                    self.mentioned.append((table, cell))
                else:
                    self.problem(table, cell, f"'{cell}' is not a valid source id")
        for table, cell in self.mentioned:
            seen = self.ids.get(cell.casefold())
            if seen is not None and seen[0] != "source":
                self.problem(table, cell, f"'{cell}' is the id of a {seen[0]}, not of a "
                                          "source")

    # the debate --------------------------------------------------------------------------
    def _debate(self) -> dict:
        out = {"title": "", "question": "", "content_note": "", "perspectives": [],
               "topics": []}
        for table, row in self.rows("debate.csv"):
            part = row["part"].lower()
            if part in ("title", "question", "content_note"):
                out[part] = str(row.get("text") or "")
            elif part in ("perspective", "topic"):
                if not (row.get("id") or row.get("label")):
                    self.problem(table, row["part"], f"a {part} needs an id or a label")
                    continue
                out[part + "s"].append(row)
            else:
                self.problem(table, row["part"], f"'{row['part']}' is not a part of the "
                                                 "debate: title, question, content_note, "
                                                 "perspective, topic")
        return out

    def _draft(self, rows, kinds, ids, relations, evidence, relation_evidence, debate,
               described) -> Draft:
        draft = Draft(debate["title"] or _title_from(self.path), debate["question"] or None,
                      content_note=debate["content_note"] or None)
        table = self.tables["debate.csv"]
        perspectives = _Names(draft.add_perspective, self.alloc, "perspective", self.where)
        for row in debate["perspectives"]:
            perspectives.declare(row, table, summary=str(row.get("text") or "") or None,
                                 color=str(row.get("color") or "") or None)
        topics = _Names(draft.add_topic, self.alloc, "topic", self.where)
        for row in debate["topics"]:
            topics.declare(row, table)
        for row in rows:
            rid = ids[id(row)]
            if kinds[id(row)] == RESOLUTION:
                self.where[("debate.yaml", draft.add_resolution(str(row["text"]), id=rid))] = \
                    (self.claims, row)
                continue
            self.where[("claims.yaml", rid)] = (self.claims, row)
            draft.add_claim(str(row["text"]), perspectives.id(row["perspective"], self.claims),
                            id=rid,
                            kind=kinds[id(row)] or None,
                            tags=[topics.id(t, self.claims)
                                  for t in _values(row.get("tags"))],
                            evidence=evidence.get(rid, ()),
                            agreed_by=[perspectives.id(p, self.claims) for p in
                                       _values(row.get("agreed_by"))],
                            note=str(row.get("note") or "") or None)
        for (claim, kind, target), note in relations.items():
            draft.relate(claim, kind, target, note or None,
                         relation_evidence.get((claim, kind, target), ()))
        for source, row in described.items():
            fields = {k: str(row[k]) for k in SOURCE_COLUMNS[2:-1] if row.get(k)}
            if fields.get("perspective"):
                fields["perspective"] = perspectives.id(row["perspective"],
                                                        self.tables["sources.csv"])
            self.where[("sources.yaml", source)] = (self.tables["sources.csv"], row)
            cites = [str(c) for c in _values(row.get("cites"))]
            draft.add_source(str(row.get("title") or source), id=str(source), cites=cites,
                             **fields)
        named = {s.casefold() for s in described}
        for table, cell in self.mentioned:
            if cell.casefold() not in named:
                named.add(cell.casefold())
                draft.add_source(str(cell), id=str(cell))
                self.where[("sources.yaml", str(cell))] = (table, {"id": cell})
        return draft

    # argmap check, the judge -------------------------------------------------------------
    def _final_check(self, draft: Draft) -> None:
        """Check the debate as argmap check will, and put each error back at the cell it
        came from (what the spreadsheet's own rules cannot see: a claim supporting itself,
        a url or a colour argmap does not accept…)."""
        from ..loader import check

        files = draft.files()
        with tempfile.TemporaryDirectory(prefix="argmap-csv-") as scratch:
            for name, text in files.items():
                with open(os.path.join(scratch, name), "w", encoding="utf-8") as fh:
                    fh.write(text)
            result = check(scratch, cache=False)
        for d in result.diagnostics:
            if d.severity == "error":
                table, cell = self._cell_of(files, os.path.basename(d.path), d.line)
                self.problem(table, cell, d.message)
        if self.problems:
            self._stop()

    def _cell_of(self, files: dict[str, str], name: str, line: int) -> tuple[_Table, _Cell]:
        """The cell behind line ``line`` of the written file ``name``: the row of the item
        (``- id: …``) the line is in, the column of its key."""
        item = key = None
        for text in reversed(files.get(name, "").splitlines()[:line]):
            m = _KEY_LINE.match(text)
            if key is None and m:
                key = m.group(1)
            m = _ITEM_LINE.match(text)
            if m:
                item = m.group(1).strip("'\"")
                break
        table, row = self.where.get((name, item), (self.claims, None))
        if not row:
            return self.claims, _Cell("", 1, 1)
        column = _KEY_COLUMNS.get(key, key)
        if isinstance(row, _Row) and column in row.columns:
            return table, row[column]
        cell = row.get(column)
        return table, cell if cell is not None else min(row.values(), key=lambda c: c.col)


class _Names:
    """Perspectives or topics named in cells, declared on first use: a cell may give the id
    or the label (compared without regard to case). ``where`` learns the row or cell that
    declared each."""

    def __init__(self, add, alloc: Draft, fallback: str, where: dict):
        self._add, self._alloc, self._fallback, self._where = add, alloc, fallback, where
        self._by_key: dict[str, str] = {}

    def declare(self, row: dict, table, **extra) -> str:
        wanted = str(row.get("id") or "")
        label = str(row.get("label") or wanted)
        given = self._alloc.new_id(wanted or None, label, self._fallback)
        pid = self._add(label, id=given, **extra)
        for key in (wanted, label):
            if key:
                self._by_key.setdefault(key.casefold(), pid)
        self._where.setdefault(("debate.yaml", pid), (table, row))
        return pid

    def id(self, value: _Cell, table) -> str:
        """The id of the perspective or topic the cell ``value`` names."""
        found = self._by_key.get(value.casefold())
        if found is None:  # "pro" is an id; "Pro" or "Keep the parking" a label
            wanted = value if ID_RE.match(value) and value == value.lower() else ""
            found = self.declare({"id": _Cell(wanted, value.row, value.col), "label": value},
                                 table)
        return found


def read_spreadsheet(path: str, **options) -> Draft:
    """The debate in the spreadsheet at ``path`` (and its companion tables, when it is an
    exported ``claims.csv``); :class:`ImportProblems` lists every problem found."""
    return _Reader(path).read()
