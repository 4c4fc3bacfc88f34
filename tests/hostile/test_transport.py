"""Hostile servers on 127.0.0.1: compression bombs, endless redirects, slow and silent servers.

Each must end in a typed error that says what happened, within the limits
the options set: the size limit holds for the decompressed body (memory
stays bounded), redirects stop at ``max_redirects``, and the total deadline
holds however the server dribbles (a hang is caught by the test's timeout,
not by a timed assertion).
"""

from __future__ import annotations

import resource
from collections.abc import Iterator

import pytest

from retold.errors import BinaryInputError, FetchError, InputError, InputTooLargeError
from retold.ingest.loader import IngestOptions, load
from tests.hostile.servers import (
    Handler,
    Loopback,
    bomb,
    deflate_bomb,
    endless_chain,
    loopback,
    redirect,
    silent,
    slow_headers,
    trickle,
)

OPTIONS = IngestOptions(allow_private=True, timeout=2, total_timeout=4, max_redirects=5)
MB = 1 << 20


@pytest.fixture(scope="module")
def gzip_zeros() -> bytes:
    return bomb(1 << 30)  # 1 GB of zeros, about 1 MB compressed


@pytest.fixture(scope="module")
def server(gzip_zeros: bytes) -> Iterator[Loopback]:
    gzip_spaces = bomb(1 << 30, b" ", first=b"<html><body><p>")  # a 1 GB page of spaces
    deflate_zeros = deflate_bomb(64 * MB)
    with loopback() as s:
        s.routes.update(
            {
                "/gzip-bomb": _encoded(gzip_zeros, "gzip", "text/html"),
                "/gzip-bomb-spaces": _encoded(gzip_spaces, "gzip", "text/html"),
                "/deflate-bomb": _encoded(deflate_zeros, "deflate", "text/html"),
                "/gzip-file": lambda h: h.send(200, gzip_zeros, "application/octet-stream"),
                "/gzip-file-as-html": lambda h: h.send(200, gzip_zeros, "text/html"),
                "/loop": redirect("/loop"),
                "/to-file": redirect("file:///etc/passwd"),
                "/to-ftp": redirect("ftp://127.0.0.1/x"),
                "/to-javascript": redirect("javascript:alert(1)"),
                "/drip-body": trickle(0.5),
                "/drip-headers": slow_headers(0.5),
                "/silent": silent,
                "/short-body": _short_body,
            }
        )
        s.fallback = lambda h: endless_chain(h) if h.path.startswith("/chain/") else None
        yield s


def _encoded(body: bytes, encoding: str, media_type: str):  # type: ignore[no-untyped-def]
    def route(h: Handler) -> None:
        h.send(200, body, media_type, {"Content-Encoding": encoding})

    return route


def _short_body(h: Handler) -> None:
    """Promises a megabyte, sends a few bytes and hangs up."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(MB))
    h.end_headers()
    h.wfile.write(b"<html><body><p>Cut short")
    h.wfile.flush()
    h.close_connection = True


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.timeout(120)
@pytest.mark.parametrize("path", ["/gzip-bomb", "/gzip-bomb-spaces", "/deflate-bomb"])
def test_a_compression_bomb_is_refused_with_bounded_memory(server: Loopback, path: str) -> None:
    before = _peak_rss_mb()
    with pytest.raises(InputError) as raised:
        load(server.url + path, OPTIONS)
    assert isinstance(raised.value, InputTooLargeError | FetchError | BinaryInputError)
    assert "larger than" in str(raised.value) or "binary" in str(raised.value), raised.value
    # inflating the whole bomb would hold 64 MB to 1 GB
    assert _peak_rss_mb() < before + 200


@pytest.mark.parametrize("path", ["/gzip-file", "/gzip-file-as-html"])
def test_a_compressed_file_is_not_text(server: Loopback, path: str) -> None:
    with pytest.raises(BinaryInputError, match="E102"):
        load(server.url + path, OPTIONS)


@pytest.mark.parametrize("path", ["/loop", "/chain/0"])
def test_endless_redirects_stop_at_the_limit(server: Loopback, path: str) -> None:
    before = len(server.requests)
    with pytest.raises(FetchError, match="redirect") as raised:
        load(server.url + path, OPTIONS)
    assert "E110" in str(raised.value)
    assert len(server.requests) - before == OPTIONS.max_redirects + 1


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp", "/to-javascript"])
def test_a_redirect_out_of_http_is_refused(server: Loopback, path: str) -> None:
    with pytest.raises(FetchError, match="E110"):
        load(server.url + path, OPTIONS)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers", "/silent"])
def test_a_slow_server_meets_the_deadline(server: Loopback, path: str) -> None:
    # the server would take a day: only the deadline ends the download
    with pytest.raises(FetchError, match="E110") as raised:
        load(server.url + path, OPTIONS)
    message = str(raised.value)
    assert "second" in message or "timed out" in message or " s" in message, message


def test_a_body_cut_short_is_an_error(server: Loopback) -> None:
    with pytest.raises(FetchError, match="E110"):
        load(server.url + "/short-body", OPTIONS)
