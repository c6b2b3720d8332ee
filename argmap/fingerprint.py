"""Fingerprints of archived files: the SHA-256 that ``argmap archive`` records in a source's
``sha256:``, which ``argmap check`` compares with the file (a changed archive means its
quotes were checked against another text), and which the trace and the sources page show
beside each verified quote, so that a reader holding a copy can tell it is the same one.
"""

from __future__ import annotations

import os

from .confine import Refused, open_regular
from .diagnostics import Diagnostics
from .model import Debate, Source
from .quotes import find_archive

__all__ = ["sha256_of", "short", "archive_path", "check_fingerprints", "SHORT"]

SHORT = 12  # hex digits shown: enough to tell two copies apart by eye
_CHUNK = 1 << 20

# (real path, size, mtime, inode) → digest: ``argmap serve`` checks again on every save, and
# an archive that did not change is not read again.
_known: dict[tuple, str] = {}


def sha256_of(path: str, folder: str | None = None) -> str:
    """The SHA-256 (hex) of the regular file ``path``, read a chunk at a time; with
    ``folder``, only when the file (links resolved) lies inside it. :class:`Refused` else."""
    with open_regular(path, folder) as (fh, info):
        key = (os.path.realpath(path), info.st_size, info.st_mtime_ns, info.st_ino)
        if key in _known:
            return _known[key]
        import hashlib  # late: a check with no recorded sha256 never needs it

        digest = hashlib.sha256()
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    _known[key] = digest.hexdigest()
    return _known[key]


def short(digest: str) -> str:
    """The first :data:`SHORT` hex digits of a digest, as pages and the trace show it."""
    return digest[:SHORT].lower()


def archive_path(source: Source, folders: list[str]) -> tuple[str, str] | None:
    """``(path, folder)`` of the source's archived file, or None when it has none found."""
    if not source.archive or not folders:
        return None
    return find_archive(source.archive, folders)


def check_fingerprints(debate: Debate, folders: list[str], diags: Diagnostics,
                       display=lambda rel: rel) -> dict[str, str]:
    """Compare each recorded ``sha256:`` with its archived file; warn, at the recorded value,
    for each that differs (``display(rel)``: a file of the debate as the user names it).
    Returns source id → the file's SHA-256, for those hashed. An archive not found or not
    read is reported by the quote check already."""
    found: dict[str, str] = {}
    for source in debate.sources:
        if not source.sha256:
            continue
        where = archive_path(source, folders)
        if where is None:
            continue
        try:
            digest = sha256_of(*where)
        except Refused:
            continue
        found[source.id] = digest
        if digest != source.sha256.lower():
            loc = source.sha256_location or source.location
            diags.warning(display(loc.file), (loc.line, loc.col),
                          f"the archived copy '{source.archive}' of source '{source.id}' "
                          f"changed since it was recorded (its sha256 is now "
                          f"{short(digest)}…, recorded {short(source.sha256)}…); re-check "
                          f"its quotes, then record it again with argmap archive {source.id} "
                          "FILE", "archive-changed")
    return found
