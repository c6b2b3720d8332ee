"""A cache of parsed files, keyed by their content, in the user's own cache folder.

Re-reading a large debate where one file changed should only parse that file. For each file
the fast reader accepted, the cache keeps what it parsed (rapidyaml's JSON of the file) under
a hash of the file's bytes and of the readers' code and versions, so an edited file, or an
argmap whose reader changed, never meets a stale entry.

Why the user's cache folder (``ARGMAP_CACHE_DIR``, else the platform's, e.g.
``~/.cache/argmap``) and not the debate folder: a debate folder may come from a stranger.
Whatever it holds could be planted (an entry that says a file holds what it never said, a
FIFO, a link to ``/dev/zero``, a ``parsed`` folder linked to somewhere else whose files the
clean-up would delete); the user's own folder holds only what argmap wrote there. argmap
still trusts nothing blindly: an entry is read only if it is a regular file of bounded size
whose first line repeats its key, and the clean-up deletes only regular files whose names
are argmap's own, in a ``parsed`` folder that is a real folder owned by the user.

Entries not used for ``_KEEP_DAYS`` days are removed, at most once a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import time

__all__ = ["ParseCache", "cache_root", "enabled_by_env"]

_ENTRIES = "parsed"
_HEADER = b"argmap-parse-1 "
_NAME = re.compile(r"[0-9a-f]{40}\Z")
_KEEP_DAYS = 30
_DAY = 86400.0
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This folder is a cache made by argmap; see https://bford.info/cachedir/\n")
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def enabled_by_env() -> bool:
    """``ARGMAP_NO_CACHE=1`` turns the cache off (as ``--no-cache`` does)."""
    return os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")


def cache_root() -> str:
    """``ARGMAP_CACHE_DIR``, else the platform's user cache folder for argmap."""
    configured = os.environ.get("ARGMAP_CACHE_DIR", "")
    if configured:
        return configured
    from platformdirs import user_cache_dir
    return user_cache_dir("argmap", appauthor=False)


def _salt() -> bytes:
    """What makes an entry valid besides the file: argmap's version, the fast reader's source,
    and rapidyaml's and PyYAML's versions (the fast reader's gates are defined by how PyYAML
    reads a file, and a different parser may read the same bytes differently)."""
    from . import __version__, fastyaml
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    with open(fastyaml.__file__, "rb") as fh:
        digest.update(fh.read())
    digest.update(str(getattr(fastyaml.ryml, "version", "")).encode())
    # PyYAML's own __init__.py (which sets its __version__), found without importing it or
    # reading package metadata: either costs more than the rest of a small check.
    from importlib.util import find_spec
    try:
        spec = find_spec("yaml")
        with open(spec.origin, "rb") as fh:
            digest.update(fh.read())
    except (AttributeError, TypeError, ValueError, OSError):  # no PyYAML found: less specific
        digest.update(b"PyYAML ?")
    return digest.digest()


def _max_entry_size(data: bytes) -> int:
    """The largest JSON a file of this size can parse to. rapidyaml writes each character of
    a value at most as a six-character escape, keys and structure add a few bytes per line."""
    return 8 * len(data) + 65536


class ParseCache:
    """Get and put a file's parse by its bytes; ``close()`` keeps the folder tidy.

    ``root`` is the cache folder (default :func:`cache_root`). A folder that cannot be made,
    or that is not a real folder of the user's, means no cache: never an error.
    """

    entries = _ENTRIES    # the folder of entries inside the cache root
    header = _HEADER      # each entry's first line: this, then its key

    def __init__(self, root: str | None = None):
        self.folder = os.path.join(root or cache_root(), self.entries)
        self._salt: bytes | None = None  # made on first use: most text caches are never used
        self._used: list[str] = []
        self._usable: bool | None = None  # decided on first use

    def salt(self) -> bytes:
        """What makes an entry valid besides the file's bytes."""
        return _salt()

    def limit(self, data: bytes) -> int:
        """The largest entry a file of these bytes may have."""
        return _max_entry_size(data)

    def _key(self, data: bytes) -> str:
        if self._salt is None:
            self._salt = self.salt()
        return hashlib.blake2b(data, digest_size=20, key=self._salt).hexdigest()

    def _ready(self, create: bool) -> bool:
        """Whether ``folder`` is a real folder owned by this user (made when ``create``)."""
        if self._usable is not None and (self._usable or not create):
            return self._usable
        try:
            info = os.lstat(self.folder)
        except FileNotFoundError:
            if not create:
                return False
            try:
                self._make_folder()
                info = os.lstat(self.folder)
            except OSError:
                self._usable = False
                return False
        except OSError:
            self._usable = False
            return False
        owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        self._usable = stat.S_ISDIR(info.st_mode) and owner_ok
        return self._usable

    def _make_folder(self) -> None:
        top = os.path.dirname(self.folder)
        os.makedirs(top, mode=0o700, exist_ok=True)
        os.mkdir(self.folder, 0o700)
        # Created, never opened through a link: in a shared cache folder another user could
        # plant CACHEDIR.TAG as a link to one of your files (an existing tag is left alone).
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(os.path.join(top, "CACHEDIR.TAG"), flags, 0o644)
        except FileExistsError:
            return
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_TAG)

    def get(self, data: bytes) -> bytes | None:
        """The stored parse of ``data``, or None (no entry, or one not to be trusted)."""
        key = self._key(data)
        self._used.append(key)
        if not self._ready(create=False):
            return None
        try:
            fd = os.open(os.path.join(self.folder, key),
                         os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            limit = self.limit(data) + len(self.header) + 41
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            with os.fdopen(fd, "rb") as fh:
                fd = -1
                raw = fh.read(limit + 1)
        except OSError:
            return None
        finally:
            if fd >= 0:
                os.close(fd)
        head, _, body = raw.partition(b"\n")
        if head != self.header + key.encode("ascii") or len(raw) > limit:
            return None
        return body

    def put(self, data: bytes, parsed: bytes) -> None:
        if len(parsed) > self.limit(data) or not self._ready(create=True):
            return
        key = self._key(data)
        self._used.append(key)
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(self.header + key.encode("ascii") + b"\n")
                    fh.write(parsed)
                os.replace(tmp, os.path.join(self.folder, key))
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            self._usable = False  # read-only folder, full disk: carry on without a cache

    def close(self) -> None:
        """Mark the entries used as fresh; once a day, remove those unused for 30 days."""
        if not self._used or not self._ready(create=False):
            return
        now = time.time()
        for key in set(self._used):
            with contextlib.suppress(OSError):
                os.utime(os.path.join(self.folder, key), (now, now), follow_symlinks=False)
        stamp = os.path.join(self.folder, ".pruned")
        try:
            if now - os.lstat(stamp).st_mtime < _DAY:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        try:
            with open(stamp, "w", encoding="utf-8"):
                pass
        except OSError:
            return
        self._prune(now)

    def _prune(self, now: float) -> None:
        """Delete stale entries: only regular files with argmap's own names."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if _NAME.match(name):
                age = _KEEP_DAYS * _DAY
            elif name.startswith(".tmp-"):
                age = _DAY  # left by a process that was killed while writing
            else:
                continue
            path = os.path.join(self.folder, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > age:
                _unlink(path)


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):  # gone already, or not ours to remove after all
        os.unlink(path)
