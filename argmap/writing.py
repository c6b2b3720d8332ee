"""Write output files so that none is ever left half-written, and a failed build leaves the
previous outputs as they were.

Each file goes to a temporary file in its final folder as soon as it is rendered (so a large
build never holds every output in memory at once); only when all are staged are they renamed
over their targets, which is atomic per file on POSIX and Windows.

Content is text, bytes, or text as an iterable of pieces: a renderer that yields its page
piece by piece never holds the whole page (tens of megabytes on a big map, twice that as a
Python string with any non-Latin-1 character) in memory at all.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
import time
import uuid
from collections.abc import Iterable

from .folders import walk
from .errors import ArgmapError
from .outfolder import OutputFolderRefused, check_output_folder, confined

__all__ = ["write_atomic", "write_all", "StagedFiles", "Content", "remove_stale_temporaries",
           "folder_lock", "OutputFolderBusy"]

Content = str | bytes | Iterable[str]

_CHUNK = 1 << 20  # encode large texts piecewise: a 20 MB page is not copied whole to bytes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_temp(path: str, data: Content, prefix: str = ".argmap-") -> str:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, str):
                for start in range(0, len(data), _CHUNK):
                    fh.write(data[start:start + _CHUNK].encode("utf-8"))
            elif isinstance(data, (bytes, bytearray)):
                fh.write(data)
            else:
                _write_pieces(fh, data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _write_pieces(fh, pieces: Iterable[str]) -> None:
    """Encode and write text pieces. A page is tens of thousands of small pieces: the text
    layer's ``writelines`` gathers them into large writes without a Python step per piece."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    try:
        text.writelines(pieces)
        text.flush()
    finally:
        text.detach()  # leave ``fh`` open for its owner to close
        # A renderer stopped part-way (a write failed) is closed now, so what it holds
        # open ends with it rather than with the exception's traceback.
        close = getattr(pieces, "close", None)
        if close is not None:
            close()


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _named_for(path: str, exc: OSError) -> OSError:
    """``exc`` naming ``path``, the file the user asked for, not the temporary file."""
    return OSError(exc.errno, exc.strerror or str(exc), path)


def write_atomic(path: str, data: Content) -> None:
    try:
        tmp = _write_temp(path, data)
    except OSError as exc:
        raise _named_for(path, exc) from None
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


class OutputFolderBusy(ArgmapError):
    """Another argmap process is putting its files into the same output folder."""


@contextlib.contextmanager
def folder_lock(out_dir: str):
    """Hold the output folder's lock while files are renamed into place and recorded, so two
    builds finishing at once cannot leave a mix of both (the second is told, and writes
    nothing). The lock is on the folder itself (flock on its descriptor), so no lock file
    is left among the outputs."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks; commits stay atomic
        yield
        return
    os.makedirs(out_dir, exist_ok=True)
    fd = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputFolderBusy(f"another argmap build is writing into '{out_dir}'; "
                                   "nothing was written: run this one again when it is "
                                   "done") from None
        yield
    finally:
        os.close(fd)


class StagedFiles:
    """Files written to temporary names now, renamed into place together by ``commit()``.

    Used as a context manager, anything staged but not committed is removed on the way out,
    so an exception half-way through a build leaves the output folder untouched.

    Files are written only inside ``out_dir``: a folder that is, or holds, a link out of it is
    refused at once, and each write and rename checks again where it lands
    (:mod:`argmap.outfolder`).
    """

    def __init__(self, out_dir: str):
        check_output_folder(out_dir)
        self.out_dir = out_dir
        self._top = os.path.realpath(out_dir)
        self._staged: list[tuple[str, str]] = []  # (temporary, final path)
        # This staging's own temporary names: an abort (Ctrl-C, SIGTERM) that lands between
        # a file's creation and its listing here still finds it by name, and never touches
        # another build's files in the same folder.
        self._prefix = f".argmap-{uuid.uuid4().hex[:12]}-"
        self._folders: set[str] = set()

    def _confine(self, path: str) -> None:
        if not confined(path, self._top):
            raise OutputFolderRefused(
                f"'{path}' would be written through a link out of the output folder "
                f"'{self.out_dir}'; nothing was written")

    def stage(self, name: str, data: Content) -> None:
        path = os.path.join(self.out_dir, *name.split("/"))
        self._confine(path)
        self._folders.add(os.path.dirname(os.path.abspath(path)))
        try:
            self._staged.append((_write_temp(path, data, self._prefix), path))
        except OSError as exc:
            raise _named_for(path, exc) from None

    def stage_all(self, files: Iterable[tuple[str, Content]]) -> None:
        """Stage each ``(relative name, content)`` as it comes: the one staging loop of a
        build, in this process and in a worker alike."""
        for name, data in files:
            self.stage(name, data)

    def staged_html(self) -> dict[str, str]:
        """``{relative name: text}`` of the HTML files staged so far, read back from their
        temporary files (for printing them to PDF)."""
        pages = {}
        for tmp, path in self._staged:
            if path.endswith(".html"):
                name = os.path.relpath(path, self.out_dir).replace(os.sep, "/")
                with open(tmp, encoding="utf-8") as fh:
                    pages[name] = fh.read()
        return pages

    @property
    def staged(self) -> list[tuple[str, str]]:
        """``(temporary path, final path)`` of every file staged and not yet committed."""
        return list(self._staged)

    def adopt(self, staged: Iterable[tuple[str, str]]) -> None:
        """Take over files another process staged (``staged`` of its StagedFiles)."""
        self._staged.extend((tmp, path) for tmp, path in staged)

    def commit(self) -> list[str]:
        """Rename every staged file into place, all or none; return the final paths, sorted.

        Each existing target is first moved aside, so that a rename failing part-way (a full
        disk, a file made read-only meanwhile) puts every earlier target back: the folder
        then holds the previous build whole, never a mix of old and new files.
        """
        aside: list[tuple[str, str]] = []   # (target, where its old file went)
        placed: list[str] = []
        try:
            for _, path in self._staged:  # a link made since staging is not followed out
                self._confine(path)
            for tmp, path in self._staged:
                if os.path.lexists(path) and not os.path.isdir(path):
                    backup = f"{path}.argmap-{uuid.uuid4().hex[:12]}.tmp"
                    os.replace(path, backup)
                    aside.append((path, backup))
                os.replace(tmp, path)
                placed.append(path)
        except BaseException:
            for path in placed:
                _unlink(path)
            for path, backup in aside:
                with contextlib.suppress(OSError):
                    os.replace(backup, path)
            raise
        for _, backup in aside:
            _unlink(backup)
        written = sorted(path for _, path in self._staged)
        self._staged = []
        return written

    def discard(self) -> None:
        for tmp, _ in self._staged:
            _unlink(tmp)
        self._staged = []
        for folder in self._folders:  # what an abort left between creating and listing
            with contextlib.suppress(OSError):
                for name in os.listdir(folder):
                    if name.startswith(self._prefix) and name.endswith(".tmp"):
                        _unlink(os.path.join(folder, name))

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def write_all(out_dir: str, files: dict[str, Content] | Iterable[tuple[str, Content]]
              ) -> list[str]:
    """Write ``{relative name: content}`` (or ``(name, content)`` pairs) under ``out_dir``,
    all or nothing; return the paths written, sorted."""
    items = files.items() if isinstance(files, dict) else files
    with StagedFiles(out_dir) as staged:
        for name, data in items:
            staged.stage(name, data)
        with folder_lock(out_dir):
            return staged.commit()


STALE_AFTER = 3600.0  # seconds: older temporary files are not a running build's


def remove_stale_temporaries(out_dir: str) -> list[str]:
    """Remove the temporary files (``.argmap-*.tmp``) that builds killed part-way left in
    ``out_dir``, once they are an hour old: a build running right now is never disturbed.
    Only regular files with that name are touched."""
    removed = []
    now = time.time()
    for folder, files in walk(out_dir):
        for name in files:
            if ".argmap-" not in name or not name.endswith(".tmp"):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER:
                _unlink(path)
                removed.append(path)
    return removed
