"""A build kept in memory, for ``argmap serve``: checked again when the folder changes, its
outputs rendered only when first asked for, the last good one kept while the data has errors.

Nothing is written anywhere: not into the debate folder, not into an output folder, not into
the user's parse cache (what each file parsed to is kept here, in memory, by its bytes, so a
change re-parses only the files that changed).

Versions: ``version`` counts finished checks, ``built`` is the version of the build being
served, ``run`` names this server's run (a page from an earlier run reloads). A page knows the
``built`` it was made from and asks :meth:`LiveBuild.wait` for news.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time

from ..diagnostics import ERROR

__all__ = ["LiveBuild", "KeptParses"]


class KeptParses:
    """What each file of the folder parsed to, by its path and its bytes: a check parses
    again only the files that changed, whichever reader they need (a hand-written file often
    needs the positioned one, which no parse cache keeps). Nothing after parsing changes a
    tree (validation reads it, the model keeps copies of values and positions), so the trees
    of the last check serve the next. ``forget_unused()`` after a check drops the files it
    did not read."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, bytes], tuple] = {}
        self._used: set[tuple[str, bytes]] = set()

    def read(self, data: bytes, path: str) -> tuple:
        from ..reading import read_yaml

        key = (path, hashlib.blake2b(data, digest_size=20).digest())
        self._used.add(key)
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = read_yaml(data, path)
        return kept

    def forget_unused(self) -> None:
        self._kept = {k: v for k, v in self._kept.items() if k in self._used}
        self._used = set()


class _Generation:
    """One good build: its render context, the files rendered so far, the outputs not yet."""

    def __init__(self, version: int, ctx, outputs: list):
        self.version, self.ctx = version, ctx
        self.files: dict[str, bytes] = {}
        self.pending = list(outputs)
        self.lock = threading.Lock()  # one render at a time per build

    def file(self, name: str) -> bytes | None:
        with self.lock:
            while name not in self.files and self.pending:
                # The output whose files are asked for is not known before it is rendered
                # (the briefs name theirs): render in table order until the file appears.
                # The map page is rendered when the build is made, the rest on demand.
                self._render(self.pending[0])
            return self.files.get(name)

    def render(self, output_name: str) -> None:
        with self.lock:
            for output in self.pending:
                if output.name == output_name:
                    self._render(output)
                    return

    def _render(self, output) -> None:
        """Render ``output``; it stays pending if that fails, so a later request says why."""
        files = {name: _as_bytes(content) for name, content in output.render(self.ctx)}
        self.files.update(files)
        self.pending.remove(output)


def _as_bytes(content) -> bytes:
    if isinstance(content, bytes):
        return content
    if isinstance(content, str):
        return content.encode("utf-8")
    return "".join(content).encode("utf-8")


class LiveBuild:
    """The served build of the debate in ``root``. :meth:`rebuild` checks the folder again
    (a watcher calls it); :meth:`file` and :meth:`wait` answer the server's requests from any
    thread."""

    def __init__(self, root: str, archives: tuple[str, ...] = (), strict: bool = False):
        self.root, self.archives, self.strict = root, tuple(archives), strict
        self.parses = KeptParses()
        self.version = 0
        self.built = 0
        self.run = secrets.token_hex(4)
        self.errors: list[dict] = []
        self.result = None   # the last CheckResult, None when the folder could not be read
        self.seconds = 0.0  # how long the last rebuild took
        self._generation: _Generation | None = None
        self._changed = threading.Condition()
        self._closed = False
        self._last_inputs: bytes | None = None

    def _inputs(self, archives: tuple[str, ...]) -> bytes:
        """A digest of what a check reads: the folder's YAML files, read exactly as the check
        reads them (:func:`argmap.confine.read_regular`, so a FIFO, a device or a link out of
        the folder is refused, never opened for reading), and the entries of the archive
        folders (``archives``, the debate's, when they stay inside it, and ``--archives``)
        by their metadata only: an archive is opened by the check alone, and only when a
        source names it."""
        from ..confine import Refused, inside, read_regular
        from ..folders import walk
        from ..loader import discover

        digest = hashlib.blake2b(digest_size=20)
        for rel in discover(self.root):
            path = os.path.join(self.root, *rel.split("/"))
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
            try:
                digest.update(read_regular(path, self.root))
            except Refused as why:  # the check will say so; a change of reason is a change
                digest.update(str(why).encode("utf-8", "replace"))
            digest.update(b"\0")
        own = [os.path.join(self.root, a) for a in archives]
        for folder in [f for f in own if inside(f, self.root)] + list(self.archives):
            for base, names in walk(folder):  # links to folders are not followed
                for name in names:
                    path = os.path.join(base, name)
                    try:
                        st = os.lstat(path)
                        seen = f"{st.st_mode} {st.st_size} {st.st_mtime_ns} {st.st_ino}"
                    except OSError as exc:
                        seen = str(exc)
                    digest.update(f"{path}\0{seen}\0".encode("utf-8", "surrogateescape"))
        return digest.digest()

    def rebuild(self) -> bool | None:
        """Check the folder and, when the data is good, make the new build (the map page
        rendered). Returns whether the data was good, or None when nothing a check reads has
        changed since the last one (a file saved unchanged, a note beside the debate): then
        nothing is done, and the open page is not reloaded for nothing."""
        from ..loader import check

        started = time.perf_counter()
        archives = self.result.debate.archives if self.result is not None else ()
        inputs = self._inputs(archives)
        if inputs == self._last_inputs:
            return None
        self._last_inputs = inputs
        try:
            result = check(self.root, self.archives, strict=self.strict,
                           read=self.parses.read)
        except OSError as exc:  # the folder went away, or a file could not be read
            errors = [{"where": self.root, "message": f"not read: {exc.strerror or exc}"}]
            self._publish(None, None, errors, started)
            return False
        self.parses.forget_unused()
        if result.debate.archives != archives:
            # The digest did not cover the archive folders this check read: the next change
            # anywhere is taken as a change (digesting them now could miss an edit made
            # since the check read them).
            self._last_inputs = None
        errors = [{"where": f"{d.path}:{d.line}:{d.col}", "message": d.message}
                  for d in result.diagnostics if d.severity == ERROR]
        generation = None
        if result.ok:
            try:
                generation = self._make(result)
            except Exception as exc:  # noqa: BLE001 - a preview outlives one failed render
                # A renderer's failure is argmap's bug, not the data's; the server keeps
                # the last good map and says what failed rather than stop watching.
                errors = [{"where": self.root, "message": f"the map could not be made "
                           f"({type(exc).__name__}: {exc}); the last good map is shown"}]
        self._publish(generation, result, errors, started)
        return result.ok and generation is not None

    def _make(self, result) -> _Generation:
        from ..graph import build_graph
        from ..outputs import RenderContext, links_of, wanted

        # No Graphviz layout (seconds on a large map) and no PDFs: a preview shows the map
        # page and the pages that need no other program.
        ctx = RenderContext(result, build_graph(result.debate), atlas=False)
        chosen = wanted(ctx)
        ctx.links = links_of(ctx, chosen)
        generation = _Generation(self.version + 1, ctx, chosen)
        generation.render("index")
        return generation

    def _publish(self, generation, result, errors: list[dict], started: float) -> None:
        previous = self._generation, self.result
        with self._changed:
            self.version += 1
            if generation is not None:
                generation.version = self.version
                self._generation = generation
                self.built = self.version
            self.errors, self.result = errors, result
            self.seconds = time.perf_counter() - started
            self._changed.notify_all()
        # The previous build and check are let go only now, after the pages waiting were
        # told: freeing a large model and graph takes a while.
        del previous

    def file(self, name: str) -> tuple[int, bytes] | None:
        """``(built, content)`` of file ``name`` of the served build, or None."""
        generation = self._generation
        if generation is None:
            return None
        content = generation.file(name)
        return None if content is None else (generation.version, content)

    def state(self) -> dict:
        with self._changed:
            return {"run": self.run, "version": self.version, "built": self.built,
                    "ok": not self.errors, "errors": self.errors,
                    "summary": self.result.summary() if self.result else None,
                    "seconds": round(self.seconds, 4)}

    def wait(self, seen: int, timeout: float) -> dict:
        """The state as soon as ``version`` is past ``seen`` (or after ``timeout`` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version > seen or self._closed, timeout)
        return self.state()

    def close(self) -> None:
        """Answer every waiting page now: the server is stopping."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
