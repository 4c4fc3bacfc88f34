"""The openai backend's answers are bounded in size and in time (issue 15).

A loopback server speaks the chat-completions protocol and answers every
request with 200 MB (declared, or streamed without a length), or with a
small answer sent one byte at a time. Before, the backend read a whole answer
into memory and a 200 MB completion aborted the process, losing the article;
now the answer is read in pieces and refused at ``max_bytes`` (1 MB by
default) or at ``timeout``, the sentence keeps its source, and the article
comes out whole. No model is needed: the server is the fault.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from retold.backends.openai import OpenAIBackend, OpenAIOptions
from retold.data import Article
from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import RewriteOptions
from retold.segment.splitter import segment

ARTICLE = Article(
    id="bridge",
    text="The council voted on Monday to close the bridge. Officials said repairs "
    "will take a year.",
)
HUGE = 200 * (1 << 20)
BLOCK = b"a" * (1 << 20)
HEAD = b'{"choices": [{"message": {"role": "assistant", "content": "'


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent = 0  # body bytes the server got out, over all requests
        self.stop = threading.Event()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, _State]]:
    state = _State()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _count(self, n: int) -> None:
            with state.lock:
                state.sent += n

        def _drip_headers(self) -> None:
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X-Pad: 1\r\n" * 20
            try:
                for byte in head:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if state.stop.wait(0.2):
                        return
            except OSError:
                pass  # the client hung up at its deadline
            self.close_connection = True

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            kind = self.path.split("/")[1]
            if kind == "drip-headers":
                self._drip_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if kind == "declared":
                self.send_header("Content-Length", str(HUGE))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                if kind == "slow":
                    reply = json.dumps({"choices": [{"message": {"content": "Slowly."}}]})
                    for byte in reply.encode():
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        self._count(1)
                        if state.stop.wait(0.2):
                            return
                    return
                self.wfile.write(HEAD)
                for _ in range(HUGE // len(BLOCK)):
                    if state.stop.is_set():
                        return
                    self.wfile.write(BLOCK)
                    self._count(len(BLOCK))
            except OSError:
                pass  # the client hung up: it refused the rest

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()


def _rewrite(base: str, **settings: float) -> tuple[list[str], tuple[str, ...]]:
    options = OpenAIOptions(
        api_base=base,
        retries=0,
        max_failures=2,
        pause=0,
        **settings,  # type: ignore[arg-type]
    )
    result = rewrite(ARTICLE, RewriteOptions(backends=(OpenAIBackend(options), "rules")))
    # the article comes out whole: every source sentence once, in order
    sources = [s.text for s in segment(ARTICLE.text)]
    assert [s.source.text for s in result.sentences] == sources
    assert all(s.rewrite.strip() for s in result.sentences)
    return [s.rewrite for s in result.sentences], result.warnings


@pytest.mark.parametrize("kind", ["declared", "streamed"])
def test_a_200_mb_completion_is_refused_unread(endpoint: tuple[str, _State], kind: str) -> None:
    base, state = endpoint
    with state.lock:
        state.sent = 0
    _, warnings = _rewrite(f"{base}/{kind}/v1")
    assert len(warnings) == 1, warnings
    assert "over the limit of 1048576" in warnings[0], warnings
    with state.lock:
        sent = state.sent
    # two requests of 200 MB each were offered; little of them left the server
    assert sent < 32 * (1 << 20), f"the client took {sent} bytes"


def test_the_size_limit_is_an_option(endpoint: tuple[str, _State]) -> None:
    base, _ = endpoint
    _, warnings = _rewrite(f"{base}/streamed/v1", max_bytes=4096)
    assert "over the limit of 4096 bytes" in warnings[0], warnings


@pytest.mark.parametrize("kind", ["slow", "drip-headers"])
def test_an_answer_that_trickles_is_cut_at_the_timeout(
    endpoint: tuple[str, _State], kind: str
) -> None:
    base, _ = endpoint
    # each byte of the body (or of the headers) comes well within the
    # timeout; the whole answer does not
    _, warnings = _rewrite(f"{base}/{kind}/v1", timeout=1.0)
    assert len(warnings) == 1, warnings
    assert "the answer took longer than 1 s" in warnings[0], warnings
