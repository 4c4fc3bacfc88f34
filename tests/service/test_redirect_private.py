"""A trusted host that redirects to a private address, over real HTTP (issue 13).

``retold serve --allow-host localhost`` trusts one host name. An origin server
on 127.0.0.1 answers for "localhost" with a redirect to a host that is not
trusted (127.0.0.1 itself, ::1, a private or a link-local address): the
service must answer E110 without ever requesting the redirect's target, since
each hop is resolved and checked before it is connected to. A redirect chain
that stays on the trusted host is followed. The origin server logs every
request it gets, with its Host header.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.service.server import Server, running

ARTICLE = (
    "<html><head><title>Bridge to close</title></head><body><article>"
    "<h1>Bridge to close</h1>"
    "<p>The city council voted 7-2 on Tuesday to close the Harbor Bridge for repairs.</p>"
    "<p>Repairs will cost $4.5 million and should end in May, the mayor said.</p>"
    "<p>Drivers will use the Elm Street crossing while the work goes on.</p>"
    "</article></body></html>"
)


@dataclass
class Origin:
    """The origin server: its port and the (path, Host) of every request."""

    port: int
    requests: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture(scope="module")
def origin() -> Iterator[Origin]:
    site = Origin(0)
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                site.requests.append((self.path, self.headers.get("Host", "")))
            parts = urlsplit(self.path)
            if parts.path == "/redirect":  # to wherever ?to= says
                self._answer(302, location=parse_qs(parts.query)["to"][0])
            elif parts.path == "/hop":  # relative: the same host
                self._answer(302, location="/hop2")
            elif parts.path == "/hop2":
                self._answer(301, location=f"http://localhost:{site.port}/article")
            elif parts.path == "/article":
                self._answer(200, body=ARTICLE.encode())
            else:  # /private: what a redirect must never reach
                self._answer(200, body=b"<p>The private page.</p>")

        def _answer(self, status: int, location: str = "", body: bytes = b"") -> None:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def trusting() -> Iterator[Server]:
    """The service trusting the host name "localhost" and nothing else private."""
    with running("--allow-host", "localhost") as srv:
        yield srv


def summarize(server: Server, url: str) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/summarize", json={"id": "r", "url": url}, timeout=120)


@pytest.mark.parametrize(
    ("target", "address"),
    [
        ("http://127.0.0.1:{port}/private", "127.0.0.1"),
        ("http://[::1]:{port}/private", "::1"),
        ("http://10.0.0.1/private", "10.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ],
    ids=["loopback", "ipv6-loopback", "private", "link-local"],
)
def test_a_redirect_from_the_trusted_host_to_a_private_address_is_refused(
    trusting: Server, origin: Origin, target: str, address: str
) -> None:
    origin.requests.clear()
    to = target.format(port=origin.port)
    start = f"http://localhost:{origin.port}/redirect"
    answer = summarize(trusting, str(httpx.URL(start, params={"to": to})))
    assert answer.status_code == 422, answer.text
    error = answer.json()
    assert error["code"] == "E110"
    assert f"refusing to fetch {to}" in error["message"]
    assert f"the non-public address {address}" in error["message"]
    # The first hop was fetched from the trusted host; the target never was.
    assert [(urlsplit(path).path, host) for path, host in origin.requests] == [
        ("/redirect", f"localhost:{origin.port}")
    ]


def test_a_redirect_chain_that_stays_on_the_trusted_host_is_followed(
    trusting: Server, origin: Origin
) -> None:
    origin.requests.clear()
    answer = summarize(trusting, f"http://localhost:{origin.port}/hop")
    assert answer.status_code == 200, answer.text
    texts = [s["text"] for s in answer.json()["sentences"]]
    assert any("Harbor Bridge" in t for t in texts)
    host = f"localhost:{origin.port}"
    assert origin.requests == [("/hop", host), ("/hop2", host), ("/article", host)]


def test_the_trusted_host_is_reached_and_its_address_is_not(
    trusting: Server, origin: Origin
) -> None:
    origin.requests.clear()
    # The same server by its address: not the trusted name, so refused.
    answer = summarize(trusting, f"http://127.0.0.1:{origin.port}/article")
    assert (answer.status_code, answer.json()["code"]) == (422, "E110")
    assert origin.requests == []
    assert summarize(trusting, f"http://localhost:{origin.port}/article").status_code == 200
    assert origin.requests == [("/article", f"localhost:{origin.port}")]
