"""URL fetching against a real HTTP server on 127.0.0.1 that each test module starts and stops."""

from __future__ import annotations

import ipaddress
import logging
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from retold.errors import BinaryInputError, EmptyInputError, FetchError
from retold.ingest.fetch import FetchOptions, fetch, is_public_address
from retold.ingest.loader import IngestOptions, load
from tests.paths import DATA

HTML_DIR = DATA / "html"
ARTICLE = (HTML_DIR / "harbour_bridge.html").read_bytes()
PLAIN_LATIN1 = "Café owners in Bergen paid 12 øre more per litre of milk.\n".encode("latin-1")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
BIG = 300 * 1024
LIMIT = 100 * 1024

PRIVATE = FetchOptions(allow_private=True, timeout=2.0)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        try:
            if self.path == "/article":
                self._send(200, ARTICLE, "text/html; charset=utf-8")
            elif self.path == "/caf%C3%A9?q=cr%C3%A8me":
                self._send(200, b"found", "text/plain")
            elif self.path == "/plain-latin1":
                self._send(200, PLAIN_LATIN1, "text/plain; charset=ISO-8859-1")
            elif self.path == "/image":
                self._send(200, PNG, "image/png")
            elif self.path == "/not-found":
                self._send(404, b"no such page", "text/plain")
            elif self.path == "/broken":
                self._send(500, b"server error", "text/plain")
            elif self.path == "/big":
                # no Content-Length: the client must count while it reads
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                for _ in range(BIG // 4096):
                    self.wfile.write(b"a" * 4095 + b"\n")
            elif self.path == "/big-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(10**9))
                self.end_headers()
                self.wfile.write(b"a" * 1024)
            elif self.path == "/to-article":
                self._redirect("/article")
            elif self.path == "/to-localhost":
                self._redirect(f"http://localhost:{port}/article")
            elif self.path == "/loop":
                self._redirect("/loop")
            elif self.path == "/stall-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b"partial")
                self.wfile.flush()
                self.server.stop.wait(10)
            else:
                self._send(404, b"", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up on purpose (size limit, timeout)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel completes them) but never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


@pytest.fixture
def closed_port() -> int:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def test_fetch_with_private_allowed_returns_body_and_type(base: str) -> None:
    got = fetch(f"{base}/article", PRIVATE)
    assert got.status == 200
    assert got.content == ARTICLE
    assert got.media_type == "text/html"
    assert got.charset == "utf-8"
    assert got.url == f"{base}/article"


def test_non_ascii_path_is_percent_encoded(base: str) -> None:
    assert fetch(f"{base}/café?q=crème", PRIVATE).content == b"found"


def test_loopback_is_refused_by_default(base: str) -> None:
    with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1") as info:
        fetch(f"{base}/article")
    assert info.value.hint


def test_localhost_name_is_refused_after_resolution(base: str) -> None:
    port = base.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="localhost resolves to the non-public address"):
        fetch(f"http://localhost:{port}/article")


def test_redirect_is_followed_and_final_url_reported(base: str) -> None:
    got = fetch(f"{base}/to-article", PRIVATE)
    assert got.content == ARTICLE
    assert got.url == f"{base}/article"


def test_redirect_to_private_address_is_refused_at_the_hop(base: str) -> None:
    # 127.0.0.1 itself is trusted by name; the redirect leads to another name
    # ("localhost") that resolves to loopback, and each hop is checked again
    trusted_first_hop = FetchOptions(allowed_hosts=("127.0.0.1",), timeout=2.0)
    assert fetch(f"{base}/article", trusted_first_hop).status == 200
    with pytest.raises(FetchError, match="localhost resolves to the non-public address"):
        fetch(f"{base}/to-localhost", trusted_first_hop)


def test_redirect_loop_is_bounded(base: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{base}/loop", FetchOptions(allow_private=True, max_redirects=3))


def test_server_that_never_answers_times_out(silent_port: int) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"http://127.0.0.1:{silent_port}/", FetchOptions(allow_private=True, timeout=0.5))
    assert time.monotonic() - started < 5


def test_body_that_stalls_times_out(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{base}/stall-body", FetchOptions(allow_private=True, timeout=0.5))
    assert time.monotonic() - started < 5


def test_streamed_response_over_limit_is_refused(base: str) -> None:
    small = FetchOptions(allow_private=True, max_bytes=LIMIT, timeout=2.0)
    with pytest.raises(FetchError, match=f"larger than {LIMIT} bytes"):
        fetch(f"{base}/big", small)
    # the same download fits under a limit above its size
    roomy = FetchOptions(allow_private=True, max_bytes=2 * BIG, timeout=2.0)
    assert len(fetch(f"{base}/big", roomy).content) == (BIG // 4096) * 4096


def test_declared_length_over_limit_is_refused_before_reading(base: str) -> None:
    small = FetchOptions(allow_private=True, max_bytes=LIMIT, timeout=2.0)
    with pytest.raises(FetchError, match="larger than"):
        fetch(f"{base}/big-declared", small)


@pytest.mark.parametrize(("path", "status"), [("/not-found", 404), ("/broken", 500)])
def test_non_2xx_status_is_an_error(base: str, path: str, status: int) -> None:
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetch(f"{base}{path}", PRIVATE)


def test_closed_port_is_an_error(closed_port: int) -> None:
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{closed_port}/", PRIVATE)


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "http:///x"])
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


# --- load() of URLs: fetching, then reading the bytes ------------------------

INGEST_PRIVATE = IngestOptions(allow_private=True, timeout=2.0)


def test_load_url_extracts_the_article(base: str) -> None:
    article = load(f"{base}/to-article", INGEST_PRIVATE)
    assert article.title == "Harbour bridge reopens after 14-month repair"
    assert "212 million kroner" in article.text
    assert "scroll to top" not in article.text.lower()


def test_load_url_uses_the_charset_the_server_declares(base: str) -> None:
    article = load(f"{base}/plain-latin1", INGEST_PRIVATE)
    assert article.text == PLAIN_LATIN1.decode("latin-1")
    assert article.url == f"{base}/plain-latin1"


def test_load_url_of_an_image_is_binary(base: str) -> None:
    with pytest.raises(BinaryInputError):
        load(f"{base}/image", INGEST_PRIVATE)


def test_load_url_refuses_loopback_by_default(base: str) -> None:
    with pytest.raises(FetchError, match="non-public"):
        load(f"{base}/article")


# --- https: certificates are verified for the host name, not the address -------


@pytest.fixture(scope="module")
def tls_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """An https server on 127.0.0.1 with a fresh certificate valid for "localhost" only."""
    openssl = shutil.which("openssl")
    assert openssl is not None, "scripts/setup-system.sh installs openssl for these tests"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = _Server()
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{server.server_address[1]}", str(cert)
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_https_with_trusted_certificate(tls_base: tuple[str, str]) -> None:
    port, cert = tls_base
    options = FetchOptions(allow_private=True, timeout=2.0, ca_file=cert)
    got = fetch(f"https://localhost:{port}/article", options)
    assert got.content == ARTICLE


def test_https_with_untrusted_certificate_is_refused(tls_base: tuple[str, str]) -> None:
    port, _cert = tls_base
    with pytest.raises(FetchError, match=r"TLS check failed.*certificate verify failed"):
        fetch(f"https://localhost:{port}/article", FetchOptions(allow_private=True, timeout=2.0))


def test_https_certificate_must_match_the_host_name(tls_base: tuple[str, str]) -> None:
    port, cert = tls_base
    options = FetchOptions(allow_private=True, timeout=2.0, ca_file=cert)
    with pytest.raises(FetchError, match=r"TLS check failed.*doesn.t match"):
        fetch(f"https://127.0.0.1:{port}/article", options)


# --- broken answers: one line that names the cause (issue 16) ------------------

# What a raw socket server on 127.0.0.1 answers to "GET /<name>", byte for byte.
_RAW = {
    "bad-header-no-body": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Ty",
    "bad-header-with-body": (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nNot a header line\r\n\r\n"
        b"The council voted 7-2 on Monday to close the harbour bridge."
    ),
    "headers-cut-off": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n",
    "empty-body": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n",
    "not-http": b"SSH-2.0-OpenSSH_9.2\r\n",
    "no-answer": b"",
}


def _trickle(conn: socket.socket, path: str) -> None:
    """Send a byte or a header line every 0.1 s for 5 s: each read is quick,
    so only a deadline on the whole download stops it."""
    if path == "trickle-headers":
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for i in range(50):
            conn.sendall(b"X-Slow-%d: yes\r\n" % i)
            time.sleep(0.1)
        conn.sendall(b"Content-Length: 5\r\n\r\nhello")
    else:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
        for _ in range(50):
            conn.sendall(b"a")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def raw_base() -> Iterator[str]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode("ascii").lstrip("/")
            try:
                if path.startswith("trickle-"):
                    _trickle(conn, path)
                else:
                    conn.sendall(_RAW.get(path, b"HTTP/1.1 404 Not Found\r\n\r\n"))
                    # a slow server: the answer stops, then the connection closes
                    time.sleep(0.3)
            except OSError:
                pass  # the client hung up on purpose (its total timeout)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        server.close()


def _one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_malformed_headers_without_a_body_name_the_headers(
    raw_base: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(FetchError) as info:
        load(f"{raw_base}/bad-header-no-body", INGEST_PRIVATE)
    message = _one_line(info.value)
    assert "sent malformed HTTP headers and no body" in message
    assert "is empty" not in message
    # urllib3's own warning, with its traceback, reaches no handler of the user's
    assert [r for r in caplog.records if r.name.startswith("urllib3")] == []
    assert all(r.exc_info is None for r in caplog.records)


def test_malformed_headers_with_a_body_are_one_warning_line(
    raw_base: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        article = load(f"{raw_base}/bad-header-with-body", INGEST_PRIVATE)
    assert article.text == "The council voted 7-2 on Monday to close the harbour bridge."
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert warnings[0].name == "retold.ingest.fetch"
    assert "malformed HTTP headers" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()


@pytest.mark.parametrize("path", ["headers-cut-off", "empty-body"])
def test_an_empty_answer_says_the_server_sent_no_page(raw_base: str, path: str) -> None:
    with pytest.raises(EmptyInputError) as info:
        load(f"{raw_base}/{path}", INGEST_PRIVATE)
    assert f"{raw_base}/{path} answered HTTP 200 with an empty body" in _one_line(info.value)


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("not-http", "its status line is 'SSH-2.0-OpenSSH_9.2'"),
        ("no-answer", "the server closed the connection without answering"),
    ],
)
def test_an_answer_that_is_not_http_is_named(raw_base: str, path: str, cause: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch(f"{raw_base}/{path}", PRIVATE)
    message = _one_line(info.value)
    assert f"{raw_base}/{path} sent no valid HTTP answer: {cause}" in message
    assert "cannot connect" not in message


def test_the_program_prints_one_line_for_malformed_headers(raw_base: str) -> None:
    program = shutil.which("retold", path=str(Path(sys.executable).parent))
    assert program
    done = subprocess.run(
        [program, "segment", f"{raw_base}/bad-header-no-body", "--allow-private"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert "malformed HTTP headers" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("path", ["trickle-headers", "trickle-body"])
def test_a_trickling_server_is_cut_off_at_the_total_timeout(raw_base: str, path: str) -> None:
    options = FetchOptions(allow_private=True, timeout=2.0, total_timeout=1.0)
    with pytest.raises(FetchError) as info:
        fetch(f"{raw_base}/{path}", options)
    # the message names the limit that held (the server would take 5 s)
    assert f"download of {raw_base}/{path} took longer than 1 s" in _one_line(info.value)
