"""The debate model: typed, immutable records, each knowing where it was defined.

Renderers and exporters read this model (and the graph built from it), never YAML.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from collections.abc import Mapping

__all__ = [
    "Location", "Perspective", "Resolution", "Topic", "Evidence", "Relation", "Claim",
    "Source", "Debate", "CLAIM_KINDS", "SOURCE_TYPES", "WORK_TYPES", "RELATION_KINDS",
]

CLAIM_KINDS = ("empirical", "causal", "statistic", "normative", "definitional", "policy",
               "testimony")
SOURCE_TYPES = ("advocacy", "academic", "government", "ngo", "news", "legal", "other")
# What kind of work a source is, for citation managers (CSL-JSON and BibTeX types).
WORK_TYPES = ("article", "book", "chapter", "report", "webpage", "thesis", "law", "other")
RELATION_KINDS = ("supports", "attacks", "undercuts")


def _slot_init(cls):
    """Give a frozen, slotted dataclass an ``__init__`` that fills its slots directly.

    The generated one calls ``object.__setattr__`` for each field, to get past the frozen
    ``__setattr__``; setting through the slot descriptors does the same at half the cost, which
    shows when a large debate builds tens of thousands of claims, evidence items and relations.
    Same parameters, defaults and effect.
    """
    params, body, namespace = [], [], {}
    for f in fields(cls):
        assert f.init and f.default_factory is MISSING, f"{cls.__name__}.{f.name}"
        namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is MISSING:
            params.append(f.name)
        else:
            params.append(f"{f.name}=_default_{f.name}")
            namespace[f"_default_{f.name}"] = f.default
        body.append(f"    _set_{f.name}(self, {f.name})\n")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body)}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = cls.__init__.__annotations__
    cls.__init__ = init
    return cls


class Location:
    """Where something was defined: ``file`` is relative to the debate folder (POSIX).

    ``Location(file, line, col)``, or ``Location(file, at)`` where ``at.get()`` gives
    ``(line, col)`` on first use: files read by the fast reader learn their positions only
    when somebody asks.
    """

    __slots__ = ("file", "_at")

    def __init__(self, file: str, line_or_at, col: int | None = None):
        self.file = file
        self._at = (line_or_at, col) if col is not None else line_or_at

    def settle(self, convert) -> None:
        """Replace the lazy handle by ``convert(handle)`` (the loader lets parse trees go)."""
        self._at = convert(self._at)

    def _pos(self) -> tuple[int, int]:
        if not isinstance(self._at, tuple):
            self._at = self._at.get()
        return self._at

    @property
    def line(self) -> int:
        return self._pos()[0]

    @property
    def col(self) -> int:
        return self._pos()[1]

    def __eq__(self, other) -> bool:
        return isinstance(other, Location) and (self.file, self._pos()) == \
            (other.file, other._pos())

    def __hash__(self) -> int:
        return hash((self.file, self._pos()))

    def __repr__(self) -> str:
        return f"Location({self.file!r}, {self.line}, {self.col})"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@_slot_init
@dataclass(frozen=True, slots=True)
class Perspective:
    id: str
    label: str
    location: Location = field(compare=False)
    summary: str = ""
    color: str = ""  # resolved colour: declared, or taken from the default palette


@_slot_init
@dataclass(frozen=True, slots=True)
class Resolution:
    id: str
    text: str
    location: Location = field(compare=False)


@_slot_init
@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    location: Location = field(compare=False)


@_slot_init
@dataclass(frozen=True, slots=True)
class Evidence:
    source: str
    location: Location = field(compare=False)
    quote: str = ""
    locator: str = ""
    traced_to: str = ""
    finding: str = ""  # what a source without archived text reports, in paraphrase


@_slot_init
@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` (a claim id) supports / attacks / undercuts ``target``."""

    kind: str
    source: str
    target: str
    location: Location = field(compare=False)
    note: str = ""
    evidence: tuple[Evidence, ...] = ()


@_slot_init
@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    perspective: str
    text: str
    location: Location = field(compare=False)
    kind: str = ""
    tags: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    relations: tuple[Relation, ...] = ()
    note: str = ""
    agreed_by: tuple[str, ...] = ()  # other perspectives that hold this claim too

    def related(self, kind: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.kind == kind)


@_slot_init
@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    location: Location = field(compare=False)
    author: str = ""
    publisher: str = ""
    type: str = ""
    perspective: str = ""
    url: str = ""
    published: str = ""
    accessed: str = ""
    archive: str = ""
    cites: tuple[str, ...] = ()
    work: str = ""
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""


def _index(items) -> Mapping:
    return MappingProxyType({item.id: item for item in items})


@dataclass(frozen=True)
class Debate:
    """A whole debate. Look-ups by id: ``debate.claims_by_id[...]`` and friends."""

    title: str
    location: Location = field(compare=False)
    root: str = "."  # the folder as the user named it, for messages
    question: str = ""
    perspectives: tuple[Perspective, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    topics: tuple[Topic, ...] = ()
    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    archives: tuple[str, ...] = ()
    content_note: str = ""
    perspectives_by_id: Mapping[str, Perspective] = field(init=False, repr=False, compare=False)
    resolutions_by_id: Mapping[str, Resolution] = field(init=False, repr=False, compare=False)
    topics_by_id: Mapping[str, Topic] = field(init=False, repr=False, compare=False)
    claims_by_id: Mapping[str, Claim] = field(init=False, repr=False, compare=False)
    sources_by_id: Mapping[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("perspectives", "resolutions", "topics", "claims", "sources"):
            object.__setattr__(self, f"{name}_by_id", _index(getattr(self, name)))

    @property
    def relations(self) -> tuple[Relation, ...]:
        return tuple(r for c in self.claims for r in c.relations)

