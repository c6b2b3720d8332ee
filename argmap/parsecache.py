"""A cache of parsed files, keyed by their content, in ``<debate>/.argmap-cache/``.

Re-reading a large debate where one file changed should only parse that file. For each file
the fast reader accepted, the cache keeps what it parsed (rapidyaml's JSON of the file) under
a hash of the file's bytes and of the reader's own code, so an edited file, or an argmap
whose reader changed, never meets a stale entry. Entries no file uses any more are removed
after each run. The folder holds a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, like
pytest's and ruff's, so it is never committed or backed up; a folder that cannot be written
simply goes without a cache.
"""

from __future__ import annotations

import hashlib
import os
import tempfile

__all__ = ["ParseCache", "FOLDER", "enabled_by_env"]

FOLDER = ".argmap-cache"
_ENTRIES = "parsed"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This folder is a cache made by argmap; see https://bford.info/cachedir/\n")


def enabled_by_env() -> bool:
    """``ARGMAP_NO_CACHE=1`` turns the cache off (as ``--no-cache`` does)."""
    return os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")


def _salt() -> bytes:
    """What makes an entry valid besides the file: argmap's version, the reader's source and
    rapidyaml's version (a different parser may read the same bytes differently)."""
    from . import __version__, fastyaml
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    try:
        with open(fastyaml.__file__, "rb") as fh:
            digest.update(fh.read())
    except OSError:
        digest.update(b"unknown reader")
    digest.update(str(getattr(fastyaml.ryml, "version", "")).encode())
    return digest.digest()


class ParseCache:
    """Get and put a file's parse by its bytes; ``close()`` drops entries not used."""

    def __init__(self, root: str):
        self.folder = os.path.join(root, FOLDER, _ENTRIES)
        self._salt = _salt()
        self._used: set[str] = set()
        self._writable = True

    def _key(self, data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20, key=self._salt).hexdigest()

    def get(self, data: bytes) -> bytes | None:
        key = self._key(data)
        self._used.add(key)
        try:
            with open(os.path.join(self.folder, key), "rb") as fh:
                return fh.read()
        except OSError:
            return None

    def put(self, data: bytes, parsed: bytes) -> None:
        if not self._writable:
            return
        key = self._key(data)
        self._used.add(key)
        try:
            self._ensure_folder()
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(parsed)
            os.replace(tmp, os.path.join(self.folder, key))
        except OSError:
            self._writable = False  # read-only folder, full disk: carry on without a cache

    def _ensure_folder(self) -> None:
        if os.path.isdir(self.folder):
            return
        os.makedirs(self.folder, exist_ok=True)
        top = os.path.dirname(self.folder)
        for name, text in ((".gitignore", "# made by argmap\n*\n"), ("CACHEDIR.TAG", _TAG)):
            with open(os.path.join(top, name), "w", encoding="utf-8") as fh:
                fh.write(text)

    def close(self) -> None:
        """Remove the entries of content no file has any more (and stray temporary files)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in self._used:
                try:
                    os.unlink(os.path.join(self.folder, name))
                except OSError:
                    pass
