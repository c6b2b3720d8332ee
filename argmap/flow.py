"""Flow sheets: the map's clashes laid out the way debaters take notes during a round.

A flow has one column per speech, in the format's speech order (the formats are data:
``templates/flow-formats.yaml``, packaged as ``argmap/templates``; a file of the same shape
adds or replaces formats). Speeches that are questioning periods (cross-examination,
crossfire) get no column: they are not flowed as arguments.

Two perspectives take part: side 1 (the side that speaks first: the affirmative, or team A in
Public Forum) and side 2. They are the perspectives named by ``side_order``, else the first two
in the debate's declared order. Claims of any other perspective are left out, and listed.

Rows are pre-filled from the map's clashes:

- *Sheet 1* opens with side 1's claims in its first speech's column, in the order of its case
  (the read model's ``sides.case_order``), leaving out those that answer a claim of side 2 (they
  appear beside what they answer);
- *Sheet 2* opens likewise with side 2's own claims in side 2's first speech;
- every answer (an attack or undercut by the other side) sits on the SAME row as the claim it
  answers, in the other side's next speech; answers to that answer go further right, in the
  first side's next speech after it, and so on. Several answers to one claim are numbered
  down the column, one row each. A cycle of answers is followed once round.
- a claim's answers are written out once, at its first place on the flow; where the claim
  comes again (it answers several claims), its cell refers to that row ("its answers: see
  row N") instead of writing them again. So the rows grow with the claims and relations,
  never with the paths through them (layers of claims each answering every claim of the
  layer before would otherwise give K^L rows).

Claims that would appear nowhere (two claims that only answer each other, or answers that
would come after the last speech) open rows of their own side's sheet, so every claim of the
two sides is on the flow. Cells left empty are where debaters write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .graph import perspective_ids
from .lookup import ATTACKS, node_ids
from .resources import templates_dir
from .graphview import view_of

__all__ = ["FORMATS_FILE", "Speech", "FlowFormat", "FlowError", "Cell", "Sheet", "Flow",
           "parse_formats", "load_formats", "choose_sides", "build_flow"]

FORMATS_FILE = "flow-formats.yaml"


class FlowError(ValueError):
    """A flow cannot be made as asked: an unknown format, a bad formats file, bad sides.
    ``option`` names the command-line option at fault, when one is (``--side-order``)."""

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class Speech:
    id: str
    name: str
    side: int  # 1 or 2; 0 for a questioning period that belongs to both
    title: str = ""
    minutes: float | None = None
    flow: bool = True


@dataclass(frozen=True)
class FlowFormat:
    id: str
    label: str
    sides: tuple[str, str]
    speeches: tuple[Speech, ...]

    @property
    def columns(self) -> tuple[Speech, ...]:
        """The speeches a flow sheet has a column for, in speaking order."""
        return tuple(s for s in self.speeches if s.flow)


def _speech(raw, where: str) -> Speech:
    if not isinstance(raw, dict):
        raise FlowError(f"{where}: a speech must be a mapping with id, name and side")
    unknown = set(raw) - {"id", "name", "title", "side", "minutes", "flow"}
    if unknown:
        raise FlowError(f"{where}: unknown key '{sorted(unknown)[0]}' in a speech")
    for key in ("id", "name"):
        if not isinstance(raw.get(key), (str, int)) or str(raw.get(key)).strip() == "":
            raise FlowError(f"{where}: a speech needs a {key}")
    side, minutes, flowed = raw.get("side"), raw.get("minutes"), raw.get("flow", True)
    # argmap's YAML reader keeps numbers as the text written: read them here, strictly
    side = {"0": 0, "1": 1, "2": 2}.get(side, side) if isinstance(side, str) else side
    if isinstance(minutes, str):
        try:
            minutes = float(minutes) if len(minutes) < 12 else None
        except ValueError:
            minutes = None
        if minutes is None or not 0 <= minutes <= 600:
            raise FlowError(f"{where}: speech '{raw['id']}' has minutes {raw.get('minutes')!r}"
                            "; give a number of minutes up to 600")
        minutes = int(minutes) if minutes == int(minutes) else minutes
    if side not in (0, 1, 2) or isinstance(side, bool):
        raise FlowError(f"{where}: speech '{raw['id']}' has side {side!r}; use 1, 2 (or 0 for "
                        "a questioning period)")
    if not isinstance(flowed, bool) or (flowed and side == 0):
        raise FlowError(f"{where}: speech '{raw['id']}': flow must be true or false, and a "
                        "speech of side 0 cannot have a column")
    if minutes is not None and (isinstance(minutes, bool)
                                or not isinstance(minutes, (int, float))):
        raise FlowError(f"{where}: speech '{raw['id']}' has minutes {minutes!r}")
    return Speech(str(raw["id"]), str(raw["name"]), side, str(raw.get("title") or ""),
                  minutes, flowed)


def parse_formats(data, origin: str) -> dict[str, FlowFormat]:
    """Formats from the parsed YAML of a formats file; :class:`FlowError` names what is
    wrong with it (``origin`` is the file, for messages)."""
    if not isinstance(data, dict) or not data:
        raise FlowError(f"{origin}: expected a mapping of format names to formats")
    formats = {}
    for name, raw in data.items():
        where = f"{origin}: format '{name}'"
        if not isinstance(raw, dict) or set(raw) - {"label", "sides", "speeches"}:
            raise FlowError(f"{where}: expected the keys label, sides and speeches")
        names = raw.get("sides")
        if not (isinstance(names, list) and len(names) == 2
                and all(isinstance(n, str) for n in names)):
            raise FlowError(f"{where}: sides must be a list of two names")
        speeches = raw.get("speeches")
        if not isinstance(speeches, list) or not speeches:
            raise FlowError(f"{where}: speeches must be a non-empty list")
        parsed = tuple(_speech(s, where) for s in speeches)
        ids = [s.id for s in parsed]
        if len(set(ids)) != len(ids):
            raise FlowError(f"{where}: speech ids must be unique")
        if {s.side for s in parsed if s.flow} != {1, 2}:
            raise FlowError(f"{where}: both sides need at least one flowed speech")
        formats[str(name)] = FlowFormat(str(name), str(raw.get("label") or name),
                                        (names[0], names[1]), parsed)
    return formats


def load_formats(extra: str | Path | None = None) -> dict[str, FlowFormat]:
    """The packaged formats, plus (replacing same-named ones) those in the file ``extra``.

    Read with argmap's own safe reader, as debate files are: duplicate keys, object tags,
    alias bombs and deep nesting are refused with their position, never a traceback."""
    from .yamlreader import read_yaml_positioned

    paths = [templates_dir() / FORMATS_FILE] + ([Path(extra)] if extra else [])
    formats: dict[str, FlowFormat] = {}
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise FlowError(f"{path}: cannot read the file: {exc.strerror}") from None
        data, diags = read_yaml_positioned(raw, str(path))
        if diags:
            raise FlowError(f"not a valid formats file: {diags[0]}")
        formats.update(parse_formats(data, str(path)))
    return formats


def choose_sides(graph: nx.MultiDiGraph, side_order=None) -> tuple[str, str]:
    """The two perspectives on the flow: ``side_order`` (one or two ids; the first speaks
    first), completed from the declared order; by default the first two declared."""
    declared = perspective_ids(graph)
    wanted = [p for p in (side_order or []) if p]
    for p in wanted:
        if p not in declared:
            raise FlowError(f"'{p}' is not a perspective of this debate (its perspectives: "
                            f"{', '.join(declared) or 'none'})", "--side-order")
    if len(wanted) > 2 or len(set(wanted)) != len(wanted):
        raise FlowError("the side order names two different perspectives, the first "
                        "speaking first", "--side-order")
    chosen = wanted + [p for p in declared if p not in wanted][:2 - len(wanted)]
    if len(chosen) < 2:
        raise FlowError("a flow needs two perspectives; this debate declares "
                        f"{len(declared)}")
    return chosen[0], chosen[1]


@dataclass(frozen=True)
class Cell:
    """A claim on the flow. ``relation`` is "" for a claim that opens a row, else how it
    answers the claim to its left (attacks / undercuts); ``number`` numbers the answers to one
    claim (0 for an opening claim); ``unanswered``: the other side has no answer to it in the
    map; ``beyond``: answers it has that come after the last speech; ``see``: its answers
    are written at its first place, sheet and row given (numbered from 1), not again here."""

    claim: str
    relation: str = ""
    number: int = 0
    unanswered: bool = False
    beyond: int = 0
    see: tuple[int, int] | None = None  # (sheet, row), 1-based: where its answers are written


@dataclass
class Sheet:
    perspective: str
    side: int
    rows: list[list[Cell | None]] = field(default_factory=list)


@dataclass
class Flow:
    format: FlowFormat
    sides: tuple[str, str]
    sheets: list[Sheet]
    left_out: list[str]

    @property
    def columns(self) -> tuple[Speech, ...]:
        return self.format.columns


class _Filler:
    """Lays claims out on rows; remembers where each claim's answers were written."""

    def __init__(self, graph: nx.MultiDiGraph, fmt: FlowFormat, sides: tuple[str, str]):
        self.graph, self.columns, self.sides = graph, fmt.columns, sides
        self.view = view_of(graph)
        self.placed: set[str] = set()
        self.written: dict[str, tuple[int, int]] = {}  # claim -> (sheet, row) of its answers

    def side_of(self, claim: str) -> int:
        return self.sides.index(self.graph.nodes[claim]["perspective"]) + 1

    def next_column(self, after: int, side: int) -> int | None:
        return next((i for i in range(after + 1, len(self.columns))
                     if self.columns[i].side == side), None)

    def place(self, sheet: Sheet, number_of_sheet: int, claim: str, col: int, relation: str,
              number: int, path: frozenset) -> None:
        """Append the rows for ``claim`` in column ``col`` and everything answering it,
        rightwards, to ``sheet``. Depth is bounded by the number of columns, so the
        recursion is shallow; each claim's answers are written once (a later place refers
        to that row), so the rows grow with the claims and relations, not the paths."""
        self.placed.add(claim)
        other = 3 - self.side_of(claim)
        every = self.view.answers(claim, self.sides[other - 1])
        # An answer already on this row (a cycle) is not repeated, but it still answers.
        answers = [a for a in every if a["source"] not in path]
        nxt = self.next_column(col, other)
        # in a part of the debate (argmap.scope), answers left out of it still count
        unanswered = not self.view.answered_by(claim, self.sides[other - 1])
        start = len(sheet.rows)
        if nxt is not None and answers and claim in self.written:
            cell = Cell(claim, relation, number, unanswered, see=self.written[claim])
        else:
            cell = Cell(claim, relation, number, unanswered,
                        beyond=len(answers) if nxt is None else 0)
            if nxt is not None and answers:
                self.written[claim] = (number_of_sheet, start + 1)
                for i, a in enumerate(answers, 1):
                    self.place(sheet, number_of_sheet, a["source"], nxt, a["type"], i,
                               path | {a["source"]})
        if len(sheet.rows) == start:
            sheet.rows.append([None] * len(self.columns))
        sheet.rows[start][col] = cell


def build_flow(graph: nx.MultiDiGraph, fmt: FlowFormat, side_order=None) -> Flow:
    """The flow of the map for format ``fmt`` (see the module docstring for the layout)."""
    sides = choose_sides(graph, side_order)
    filler = _Filler(graph, fmt, sides)
    first = {side: filler.next_column(-1, side) for side in (1, 2)}
    cases = {side: view_of(graph).sides.case_order(sides[side - 1]) for side in (1, 2)}
    sheets = [Sheet(sides[0], 1), Sheet(sides[1], 2)]

    def answers_other_side(claim: str, side: int) -> bool:
        return any(d["type"] in ATTACKS and v in graph.nodes
                   and graph.nodes[v].get("perspective") == sides[2 - side]
                   for _, v, d in graph.out_edges(claim, data=True))

    for n, sheet in enumerate(sheets, 1):
        for c in cases[sheet.side]:
            if not answers_other_side(c, sheet.side):
                filler.place(sheet, n, c, first[sheet.side], "", 0, frozenset([c]))
    # Claims still nowhere only answer claims that are nowhere either (a cycle of answers):
    # each opens a row on its own side's sheet, which places the rest of its cycle.
    for n, sheet in enumerate(sheets, 1):
        for c in cases[sheet.side]:
            if c not in filler.placed:
                filler.place(sheet, n, c, first[sheet.side], "", 0, frozenset([c]))
    left_out = [c for c in node_ids(graph, "claim")
                if graph.nodes[c]["perspective"] not in sides]
    return Flow(fmt, sides, sheets, left_out)
