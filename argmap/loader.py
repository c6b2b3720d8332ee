"""Load a debate folder: find its YAML files, parse them, validate, verify quotes.

``load(path)`` is the library's front door: ``(Debate, [Diagnostic])``, never an exception
for bad data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .confine import Refused, inside, read_regular
from .diagnostics import Diagnostic, Diagnostics, count, first_of_each_kind
from .fingerprint import check_fingerprints
from .folders import Unreadable, walk
from .tuning import long_lived
from .model import Debate, Location
from .quotes import MemoryFolder, QuoteReport, verify_quotes
from .validate import ParsedFile, validate
from .reading import read_yaml

__all__ = ["load", "check", "CheckResult", "discover", "discover_in", "display_path"]


def display_path(root: str, rel: str) -> str:
    """A file inside the debate as the user would type it, given how they named the folder.
    A root ending in ``:`` is a git revision's top folder (``HEAD~1:``): ``HEAD~1:x.yaml``."""
    if root in (".", "./", ""):
        return rel
    if root.endswith(":"):
        return root + rel
    return os.path.join(root.rstrip("/\\") or "/", *rel.split("/"))


def discover(root: str, unreadable: Unreadable | None = None) -> list[str]:
    """Every ``*.yaml`` / ``*.yml`` below ``root`` (hidden files and folders skipped), sorted,
    POSIX; folders that could not be read go to ``unreadable`` when given."""
    found = []
    for folder, files in walk(root, hidden=False, unreadable=unreadable):
        rel_folder = os.path.relpath(folder, root)
        for name in files:
            if name.endswith((".yaml", ".yml")):
                rel = name if rel_folder == "." else os.path.join(rel_folder, name)
                found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def discover_in(files: Mapping[str, bytes]) -> list[str]:
    """As :func:`discover`, for a debate held in memory (POSIX path → bytes)."""
    return sorted(rel for rel in files if rel.endswith((".yaml", ".yml"))
                  and not any(part.startswith(".") for part in rel.split("/")))


@dataclass
class CheckResult:
    debate: Debate
    found: list[Diagnostic]  # in the order the check met them: file by file, in each in order
    quotes: QuoteReport = field(default_factory=QuoteReport)
    files: int = 0
    unread: int = 0  # files that could not be read (YAML syntax, encoding, not a file)
    # source id → SHA-256 of its archived file, as hashed so far (see ``fingerprint``)
    fingerprints: dict[str, str] = field(default_factory=dict)

    def fingerprint(self, source_id: str) -> str:
        """The SHA-256 (hex) of the archived file the source's quotes were checked against,
        or "" when it has none found; hashed on first asking (once per file and run)."""
        if source_id not in self.fingerprints:
            from .confine import Refused
            from .fingerprint import archive_path, sha256_of

            source = self.debate.sources_by_id.get(source_id)
            where = archive_path(source, self.quotes.folders) if source is not None else None
            try:
                self.fingerprints[source_id] = sha256_of(*where) if where else ""
            except Refused:
                self.fingerprints[source_id] = ""
        return self.fingerprints[source_id]

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic in the order they are printed: those of a file that could not be
        read first (until it is fixed, the rest is about an incomplete debate), then by file,
        line and column. Looks up every position; :meth:`first_of_each_kind` only those it
        keeps."""
        return sorted(self.found, key=_print_order)

    def first_of_each_kind(self, limit: int) -> tuple[list[Diagnostic], dict[str, int]]:
        """:func:`argmap.diagnostics.first_of_each_kind` of the first ``limit`` warnings of
        each kind the check met, in print order. Positions are looked up for those kept only:
        a debate with 6,000 warnings of one kind costs 25 look-ups, not 6,000."""
        sorted_already = "diagnostics" in self.__dict__
        kept, left = first_of_each_kind(self.diagnostics if sorted_already else self.found,
                                        limit)
        return (kept if sorted_already else sorted(kept, key=_print_order)), left

    @property
    def errors(self) -> int:
        return count(self.found)[0]

    @property
    def warnings(self) -> int:
        return count(self.found)[1]

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self) -> dict:
        d = self.debate
        return {"files": self.files, "perspectives": len(d.perspectives),
                "resolutions": len(d.resolutions), "claims": len(d.claims),
                "sources": len(d.sources), "unread_files": self.unread,
                "errors": self.errors, "warnings": self.warnings,
                "quotes": self.quotes.as_dict()}


def check(root: str, archives: tuple[str, ...] | list[str] = (), strict: bool = False,
          cache: bool = True, read=None, files: Mapping[str, bytes] | None = None,
          release_trees: bool = True) -> CheckResult:
    """Load and validate the debate in folder ``root``; verify quotes against archives.

    ``archives`` are extra folders of source snapshots (``--archives``); the debate's own
    ``archives:`` entries are read relative to ``root``. With ``strict``, unverified quotes are
    reported and every warning becomes an error. With ``cache`` (and no ``ARGMAP_NO_CACHE``
    in the environment), files parsed before are read from the user's parse cache
    (:mod:`argmap.parsecache`), and PDF and web-page archives' text from its
    ``extracted`` folder (:class:`argmap.archives.TextCache`); nothing is written into
    ``root``. ``read(data, path)``, when
    given, parses each file instead of the readers and their cache (``(tree, diagnostics)``,
    as :func:`argmap.reading.read_yaml`): ``argmap serve`` keeps what each file parsed to,
    and parses again only the files that changed.

    ``files``, when given, is the whole debate folder held in memory (a POSIX path inside it
    → its bytes: its YAML and its archived texts), as ``argmap diff`` reads a git revision:
    nothing of the debate is read from disk then (``archives`` still are), and ``root`` only
    names the folder in messages (``HEAD~1:claims``; see :func:`display_path`).

    ``release_trees``: the model lets every file's parse tree and bytes go (its positions
    then read a file again on first use), which a caller that goes on working with the
    model wants. ``argmap check``, which ends once it has printed, skips that step.
    """
    parse_cache = text_cache = None
    if cache:  # imported only here: `--no-cache` runs need neither it nor hashlib
        from .parsecache import ParseCache, enabled_by_env
        if enabled_by_env():
            from .archives import TextCache
            text_cache = TextCache()  # what PDF and web-page archives extract to
            if read is None:
                parse_cache = ParseCache()
    with long_lived():
        result = _check(root, archives, strict, parse_cache, read, text_cache, files,
                        release_trees)
    for used in (parse_cache, text_cache):
        if used is not None:
            used.close()
    return result


def _check(root: str, archives, strict: bool, parse_cache, read=None,
           text_cache=None, files: Mapping[str, bytes] | None = None,
           release_trees: bool = True) -> CheckResult:
    diags = Diagnostics()
    if ("debate.yaml" not in files) if files is not None else \
            not os.path.isfile(os.path.join(root, "debate.yaml")):
        diags.error(display_path(root, "debate.yaml"), (1, 1), f"no debate.yaml in '{root}': "
                    "a debate folder needs one", "no-debate")
        return CheckResult(Debate("", Location("debate.yaml", 1, 1), root), list(diags))
    unreadable = Unreadable()
    rels = discover(root, unreadable) if files is None else discover_in(files)
    parsed = []
    unread_ids: set[str] = set()  # ids written in files that could not be read
    unread = 0
    for folder, reason in unreadable:
        shown = display_path(root, os.path.relpath(folder, root))
        diags.error(shown, (1, 1), f"folder not read: {reason}; the debate's files in it, if "
                    "any, are missing from this check", "io")
    for rel in rels:
        shown = display_path(root, rel)
        try:
            data = read_regular(os.path.join(root, *rel.split("/")), root) \
                if files is None else files[rel]
        except Refused as why:
            diags.error(shown, (1, 1), f"not read: {why}; argmap reads only regular files "
                        "inside the debate folder", "io")
            unread += 1
            continue
        tree, file_diags = read_yaml(data, shown, parse_cache) if read is None else \
            read(data, shown)
        failed = tree is None and any(d.code in UNREAD_CODES for d in file_diags)
        if failed:
            unread += 1
            unread_ids |= ids_written_in(data)
            file_diags = [_said_unread(d) if i == 0 else d for i, d in enumerate(file_diags)]
        diags.extend(file_diags)
        parsed.append(ParsedFile(shown, rel, tree, failed))
    debate, more, sites = validate(parsed, root, frozenset(unread_ids) if unread else None)
    diags.extend(more)
    folders = (_archive_folders(root, debate, diags) if files is None else
               [MemoryFolder(display_path(root, name), files, name)
                for name in debate.archives]) + list(archives)
    quotes = verify_quotes(debate, sites, folders, diags, strict=strict, cache=text_cache)
    fingerprints = check_fingerprints(debate, folders, diags,
                                      lambda rel: display_path(root, rel))
    if release_trees:
        _settle(debate)
    found = list(diags)
    if strict:
        from .diagnostics import strictened
        found = strictened(found)
    return CheckResult(debate, found, quotes, len(rels), unread, fingerprints)


def _print_order(d: Diagnostic) -> tuple:
    return (d.code not in UNREAD_CODES, d.path, d.line, d.col)


# The codes of the diagnostics that leave a whole file unread.
UNREAD_CODES = frozenset({"yaml-syntax", "encoding", "yaml-depth", "yaml-tag", "yaml-value",
                          "alias-limit", "scalar-alias", "key-type", "io"})

_ID_WRITTEN = re.compile(rb"(?<![\w-])id[ \t]*:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9_.\-]*)")


def ids_written_in(data: bytes) -> set[str]:
    """The ids a file that could not be parsed appears to declare (``id: x`` anywhere in its
    text): references to them are not reported as unknown while the file is broken, as the
    user's fix will declare them."""
    return {m.group(1).decode("ascii") for m in _ID_WRITTEN.finditer(data)}


def _said_unread(d: Diagnostic) -> Diagnostic:
    """The first error of a file that could not be read, saying so once."""
    return d.replace(message=f"{d.message}; nothing in this file was read (its claims and "
                     "sources are missing until this is fixed)")


def _settle(debate: Debate) -> None:
    """Let every file's parse tree and bytes go: each place the model remembers becomes a
    known position, or a handle that reads its file again when first asked."""
    from .fastyaml import detach

    refs: dict = {}
    for location in _locations(debate):
        location.settle(lambda at: detach(at, refs))


def _locations(debate: Debate):
    yield debate.location
    for group in (debate.perspectives, debate.resolutions, debate.topics, debate.sources):
        for item in group:
            yield item.location
    for source in debate.sources:
        if source.sha256_location is not None:
            yield source.sha256_location
    for claim in debate.claims:
        yield claim.location
        for ev in claim.evidence:
            yield ev.location
        for relation in claim.relations:
            yield relation.location
            for ev in relation.evidence:
                yield ev.location


def _archive_folders(root: str, debate: Debate, diags: Diagnostics) -> list[str]:
    """The debate's own archive folders that stay inside it (the validator has refused names
    that lead out; here a folder that is a link out of the debate is refused)."""
    folders = []
    for name in debate.archives:
        folder = os.path.join(root, name)
        if inside(folder, root):
            folders.append(folder)
        else:
            loc = debate.location
            diags.error(display_path(root, loc.file), (loc.line, loc.col), f"archive folder "
                        f"'{name}' is a link to a folder outside the debate folder: not read "
                        "(name folders outside it with --archives)", "archive-outside")
    return folders


def load(root: str, archives: tuple[str, ...] | list[str] = ()) -> tuple[Debate,
                                                                          list[Diagnostic]]:
    """Load the debate in ``root``: ``(model, diagnostics)``. The model holds what was valid."""
    result = check(root, archives)
    return result.debate, result.diagnostics
