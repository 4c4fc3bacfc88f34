"""Hostile servers on 127.0.0.1, run in a thread by the tests and stopped by them.

:class:`Loopback` answers each path with a route function that writes the
raw response itself (so it can lie about lengths, trickle bytes, or stop
half way), and records the paths it was asked for: used for hostile pages
and transports, as a beacon that any leaked request would hit, and as an
OpenAI-compatible model endpoint that misbehaves on demand.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        owner = self.server.owner
        with owner.lock:
            owner.requests.append(self.path)
        route = owner.routes.get(self.path.split("?", 1)[0]) or owner.fallback
        if route is None:
            self.send(404, b"not found", "text/plain")
            return
        # the client may give up on us, as it should
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    do_GET = do_POST = do_HEAD = _dispatch

    def send(
        self,
        status: int,
        body: bytes,
        media_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def stopping(self) -> bool:
        return self.server.owner.stopped.is_set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: Loopback

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a hostile answer is what the tests want


class Loopback:
    """A threaded HTTP server on 127.0.0.1 with routes set by the test."""

    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.fallback: Route | None = None
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.sent = 0  # bytes written by routes that count them
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> None:
        server = _Server(("127.0.0.1", self._port), Handler)
        server.owner = self
        self._port = server.server_address[1]
        self._server = server
        self.stopped.clear()
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; routes still running see :meth:`Handler.stopping`."""
        self.stopped.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def count(self, sent: int) -> None:
        with self.lock:
            self.sent += sent


@contextmanager
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- transport routes ---------------------------------------------------------------


def bomb(size: int = 1 << 30, fill: bytes = b"\0", first: bytes = b"") -> bytes:
    """A gzip stream that inflates to ``first`` and then ``size`` bytes of ``fill``.

    Gzip members may follow one another (RFC 1952), so one member of a
    megabyte repeated makes the bomb in milliseconds: about 1 MB for 1 GB.
    """
    block = gzip.compress(fill * (1 << 20), compresslevel=9, mtime=0)
    return (gzip.compress(first, mtime=0) if first else b"") + block * (size >> 20)


def deflate_bomb(size: int = 64 << 20) -> bytes:
    """``size`` zero bytes as one zlib stream (HTTP's "deflate")."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 15)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()


def trickle(every: float, body: bytes = b"<html><body><p>" + b"a" * 100_000) -> Route:
    """Headers at once, then the body one byte every ``every`` seconds."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for i in range(len(body)):
            if h.stopping():
                return
            h.wfile.write(body[i : i + 1])
            h.wfile.flush()
            time.sleep(every)

    return route


def slow_headers(every: float) -> Route:
    """The status line and headers one byte every ``every`` seconds, never finished."""

    def route(h: Handler) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 10_000
        for i in range(len(head)):
            if h.stopping():
                return
            h.wfile.write(head[i : i + 1])
            h.wfile.flush()
            time.sleep(every)

    return route


def silent(h: Handler) -> None:
    """Accept the request and answer nothing until stopped."""
    while not h.stopping():
        time.sleep(0.1)


def redirect(to: str, status: int = 302) -> Route:
    def route(h: Handler) -> None:
        h.send(status, b"", headers={"Location": to})

    return route


def endless_chain(h: Handler) -> None:
    """/chain/N redirects to /chain/N+1, forever."""
    n = int(h.path.rsplit("/", 1)[1] or 0)
    h.send(302, b"", headers={"Location": f"/chain/{n + 1}"})
