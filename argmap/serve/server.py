"""The local web server of ``argmap serve``: the live build's files, on 127.0.0.1 only.

Routes: ``/`` and every file of the build (HTML pages with the live script, see
:mod:`.page`), and ``/_argmap/wait?seen=N``, which answers (JSON: ``version``, ``built``,
``ok``, ``errors``, ``summary``, ``seconds``: how long the check and build took, ``run``)
once a check newer than ``N`` has finished, or after
``WAIT`` seconds: the page's long poll. Only a Host of 127.0.0.1 or localhost is answered,
so a web page elsewhere cannot reach the server through a rebinding of its own name.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .livebuild import LiveBuild
from .page import live_page, waiting_page
from .watch import Watcher

__all__ = ["Preview", "WAIT"]

# The Host a page of this server sends: anything else (a name that resolves here, as in a
# DNS rebinding attack) is refused.
_LOCAL_HOST = re.compile(r"(?:127\.0\.0\.1|localhost)(?::\d{1,5})?")
WAIT = 20.0  # seconds a long poll is held open
IDLE = 30.0  # seconds a connection may send nothing before it is closed (more than WAIT)
_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json",
          ".dot": "text/vnd.graphviz; charset=utf-8", ".css": "text/css; charset=utf-8"}


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # a preview's terminal is for the debate's diagnostics, not a request log

    def setup(self) -> None:
        # An idle connection holds a thread: it is closed after IDLE seconds of silence.
        self.timeout = self.server.idle
        super().setup()

    def handle(self) -> None:
        # A client that resets or goes silent mid-request is gone: nothing to answer, and
        # nothing for the terminal (which is for the debate's diagnostics).
        with contextlib.suppress(ConnectionError, TimeoutError):
            super().handle()

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if not _LOCAL_HOST.fullmatch(self.headers.get("Host") or ""):
            return self._send(403, b"argmap serve answers only 127.0.0.1\n", "text/plain")
        url = urlsplit(self.path)
        live = self.server.live
        if url.path == "/_argmap/wait":
            try:
                seen = int(parse_qs(url.query).get("seen", ["0"])[0])
            except ValueError:
                seen = 0
            state = live.wait(seen, self.server.wait)
            return self._send(200, json.dumps(state).encode("utf-8"), "application/json")
        name = unquote(url.path).lstrip("/") or "index.html"
        if name.endswith("/"):
            name += "index.html"
        try:
            found = live.file(name)
        except Exception as exc:  # noqa: BLE001 - one page that fails is one answer
            message = f"{name} could not be made ({type(exc).__name__}: {exc})\n"
            return self._send(500, message.encode("utf-8"), "text/plain; charset=utf-8")
        if found is None:
            if name == "index.html":
                return self._send(200, waiting_page(live.root, live.run), _TYPES[".html"])
            return self._send(404, b"not in this build\n", "text/plain")
        built, content = found
        kind = _TYPES.get(name[name.rfind("."):]) or mimetypes.guess_type(name)[0] or \
            "application/octet-stream"
        if kind.startswith("text/html"):
            content = live_page(content, built, live.run)
        self._send(200, content, kind)

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        # the page may go away while it is being answered
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a long poll held open must not keep the process alive
    live: LiveBuild
    wait: float
    idle: float = IDLE


class Preview:
    """A live preview of the debate in ``root``: ``start()`` checks and builds it, serves it
    on ``127.0.0.1:port`` (0: a free port) and watches the folder in a thread; ``stop()``
    ends both. ``url`` is where it answers."""

    def __init__(self, root: str, port: int = 0, archives=(), strict: bool = False,
                 interval: float = 0.025, wait: float = WAIT, idle: float = IDLE):
        self.live = LiveBuild(root, archives, strict)
        self.watcher = Watcher(root, *archives, interval=interval)
        self.httpd = _HTTPServer(("127.0.0.1", port), _Handler)
        self.httpd.live, self.httpd.wait, self.httpd.idle = self.live, wait, idle
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.on_rebuild = None  # called with the LiveBuild after each check

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def start(self) -> Preview:
        self.live.rebuild()
        self._report()
        # serve_forever looks for stop() every poll_interval: a tenth of a second to stop
        for target in (lambda: self.httpd.serve_forever(poll_interval=0.1), self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _watch(self) -> None:
        while not self._stop.is_set():
            if self.watcher.wait_for_change(self._stop) and self.live.rebuild() is not None:
                self._report()

    def _report(self) -> None:
        if self.on_rebuild is not None:
            self.on_rebuild(self.live)

    def stop(self) -> None:
        self._stop.set()
        self.live.close()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> Preview:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
