"""The total download deadline is a deadline, and the error names the limit
that held (issue 15).

A raw socket server on 127.0.0.1 sends its headers or its body one byte
every 5 s, redirects without end (slowly or at once), or never answers. The
read timeout is set far above the deadline, so only the deadline can stop
these downloads; each test then checks which limit the message names.
Before, a server that sent one byte every 5 s was refused only after about
200 s, though the download limit said 60 s; and the command line had no
way to set that limit.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from retold.cli import main
from retold.errors import FetchError
from retold.ingest.fetch import FetchOptions, fetch

DRIP = 5.0  # seconds between two bytes
# read timeout far above the deadline: only the deadline can end a drip
DEADLINE = FetchOptions(allow_private=True, timeout=30.0, total_timeout=1.0, max_redirects=100)


class _Server:
    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.sock.settimeout(0.2)
        self.stop = threading.Event()
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for byte in data:
            conn.sendall(bytes([byte]))
            if self.stop.wait(DRIP):
                return

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode("ascii")
            try:
                if path == "/drip-headers":
                    self._drip(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                elif path == "/drip-body":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
                    self._drip(conn, b"The council met on Monday. " * 10)
                elif path.startswith("/hop/"):  # a slow redirect, without end
                    if self.stop.wait(0.3):
                        return
                    n = int(path.rsplit("/", 1)[1]) + 1
                    conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /hop/%d\r\n\r\n" % n)
                elif path.startswith("/loop/"):  # a quick redirect, without end
                    n = int(path.rsplit("/", 1)[1]) + 1
                    conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /loop/%d\r\n\r\n" % n)
                elif path == "/silent":
                    self.stop.wait(30)
            except OSError:
                pass  # the client hung up: its deadline

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    running = _Server()
    try:
        yield running
    finally:
        running.close()


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body", "/hop/0", "/silent"])
def test_the_deadline_ends_every_slow_download(server: _Server, path: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch(server.base + path, DEADLINE)
    message = str(info.value)
    assert "took longer than 1 s" in message, message
    assert "(try again later, or allow a longer total timeout (--total-timeout))" in message
    assert "30 s" not in message  # not the read timeout, which did not hold


def test_endless_quick_redirects_hit_the_redirect_limit(server: _Server) -> None:
    options = FetchOptions(allow_private=True, timeout=30.0, total_timeout=30.0)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetch(server.base + "/loop/0", options)


def test_a_silent_server_hits_the_read_timeout_when_it_is_shorter(server: _Server) -> None:
    options = FetchOptions(allow_private=True, timeout=0.5, total_timeout=30.0)
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s waiting for"):
        fetch(server.base + "/silent", options)


def test_the_command_line_sets_and_names_the_total_timeout(
    server: _Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.base + "/drip-body"
    code = main(["segment", url, "--allow-private", "--timeout", "30", "--total-timeout", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"retold: error: [E110] download of {url} took longer than 1 s"), err
    assert err.count("\n") == 1
