"""A dead model endpoint is paid for once, not once per article (issue 16).

Real loopback endpoints: a server that answers every request with 500 (and
counts them), and a port nobody listens on. Three articles go through
``retold rewrite --jsonl`` with the rules and openai backends; once the
endpoint has failed for the first article, the second and third skip it
(their ``warnings`` say so) instead of waiting the whole retry budget again.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from retold.backends import GenerateOptions
from retold.backends.openai import OpenAIBackend, OpenAIOptions
from retold.cli import main
from retold.data import Article
from retold.errors import BackendError
from retold.rewrite.context import sentence_contexts
from retold.rewrite.pipeline import rewrite
from retold.segment.splitter import segment

ARTICLES = (
    "The council met on Monday. It voted 7-2 to close the bridge. "
    "Repairs will cost $4 million. Work starts in May.",
    "The library reopened on Tuesday. A flood had closed it for 14 weeks. "
    "Repairs cost about $2.3 million. Visitors found new shelves.",
    "The ferry will run every 20 minutes. It leaves the harbour at 6 a.m. "
    "The last boat sails at midnight. Tickets cost $3.",
)
# Each failed sentence waits 0.2 s + 0.4 s between its three tries; three
# failed sentences in a row give up on the article.
FAST = ("retries=2", "backoff=0.2", "max_failures=3")
REQUESTS_PER_ARTICLE = 3 * 3


class _Handler(BaseHTTPRequestHandler):
    server: _Failing

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            self.server.requests += 1
        body = b'{"error": "the model is not loaded"}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Failing(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests = 0


@pytest.fixture
def failing() -> Iterator[_Failing]:
    server = _Failing()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def refused() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": text}) for i, text in enumerate(ARTICLES, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rewrite_jsonl(
    jsonl: Path, api_base: str, capsys: pytest.CaptureFixture[str], *options: str
) -> list[dict[str, object]]:
    settings = [f"openai.api_base={api_base}", *(f"openai.{o}" for o in (*FAST, *options))]
    argv = ["rewrite", "--jsonl", str(jsonl), "--backend", "rules", "--backend", "openai"]
    for setting in settings:
        argv += ["--backend-option", setting]
    capsys.readouterr()
    code = main(argv)
    assert code == 0
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module", autouse=True)
def _models_loaded() -> None:
    # spaCy and the embedder load once, before the runs
    rewrite(Article(text=ARTICLES[0]))


def test_an_endpoint_that_answers_500_is_asked_for_one_article_only(
    failing: _Failing, jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api_base = f"http://127.0.0.1:{failing.server_address[1]}/v1"
    results = _rewrite_jsonl(jsonl, api_base, capsys)
    assert [r["id"] for r in results] == ["a1", "a2", "a3"]
    assert failing.requests == REQUESTS_PER_ARTICLE
    first, *later = (r["warnings"] for r in results)
    assert len(first) == 1 and "failed 3 sentences in a row" in first[0]
    for warnings in later:
        assert len(warnings) == 1 and "skipped" in warnings[0], warnings
        assert "tried again after" in warnings[0]
    # every article still comes out whole, rewritten by the rules
    for result, text in zip(results, ARTICLES, strict=True):
        sentences = result["sentences"]
        assert isinstance(sentences, list)
        spans = [(s["source"]["start"], s["source"]["end"]) for s in sentences]
        assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_a_refused_endpoint_costs_the_retry_budget_once(
    refused: str, jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = _rewrite_jsonl(jsonl, refused, capsys)
    # the later articles skip the endpoint instead of waiting out the retry
    # budget again (how long that takes is a benchmark's matter, not a test's)
    assert ["skipped" in r["warnings"][0] for r in results] == [False, True, True]


def test_with_no_pause_every_article_tries_again(
    failing: _Failing, jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api_base = f"http://127.0.0.1:{failing.server_address[1]}/v1"
    results = _rewrite_jsonl(jsonl, api_base, capsys, "pause=0")
    assert failing.requests == 3 * REQUESTS_PER_ARTICLE
    assert all("failed 3 sentences in a row" in r["warnings"][0] for r in results)


def test_after_the_pause_one_sentence_probes_the_endpoint(failing: _Failing) -> None:
    api_base = f"http://127.0.0.1:{failing.server_address[1]}/v1"
    backend = OpenAIBackend(
        OpenAIOptions(api_base=api_base, retries=0, backoff=0.0, max_failures=3, pause=0.5)
    )
    contexts = sentence_contexts(segment(ARTICLES[0]))
    gen = GenerateOptions()
    with pytest.raises(BackendError, match="failed 3 sentences in a row"):
        backend.candidates_many(contexts, gen)
    assert failing.requests == 3
    with pytest.raises(BackendError, match="skipped") as skipped:
        backend.candidates_many(contexts, gen)
    assert failing.requests == 3 and skipped.value.partial == [()] * len(contexts)
    time.sleep(0.6)
    # still down: one failed sentence is enough to skip it again
    with pytest.raises(BackendError, match="failed 1 sentence"):
        backend.candidates_many(contexts, gen)
    assert failing.requests == 4
    with pytest.raises(BackendError, match="skipped"):
        backend.candidates_many(contexts, gen)
    assert failing.requests == 4
