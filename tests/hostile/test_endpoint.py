"""A model endpoint on 127.0.0.1 that misbehaves in the middle of an article.

The server speaks the OpenAI chat-completions protocol over real HTTP and
follows a script, one step per request: answer well, answer garbage (not
JSON, bytes, an HTML error page, the wrong shape, markup and terminal
escapes), answer slowly, hang up half way, send a body of 50 MB, stop
listening, or stop and come back. Whatever it does, the rewrite must come
out whole (every source sentence once, in order), any failure must be a
one-line warning naming the endpoint, and the rendered page must be inert.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest

from retold.backends.openai import OpenAIBackend, OpenAIOptions
from retold.data import Article
from retold.render.article import to_html
from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import RewriteOptions, Rewritten
from retold.segment.splitter import segment
from tests.fuzz.invariants import assert_inert, json_round_trip, rewrite_whole
from tests.hostile.servers import Handler, Loopback

ARTICLE = Article(
    id="bridge",
    text=(
        "The council voted on Monday to close the bridge. Officials said repairs will "
        "take a year. The ferry will run every 20 minutes instead. Residents said they "
        "were worried about the cost.\n\nThe mayor said the city would pay for the work. "
        "Engineers said the bridge was safe until the closure. Shops near the bridge "
        "said trade had fallen. The council will meet again next week."
    ),
)
HUGE = 50 * (1 << 20)


class Endpoint(Loopback):
    """An OpenAI-compatible endpoint that follows ``script``, one step per request
    ("ok" once the script runs out)."""

    def __init__(self) -> None:
        super().__init__()
        self.script: list[str] = []
        self.answered: list[str] = []
        self.routes["/v1/chat/completions"] = self._complete

    def _complete(self, h: Handler) -> None:
        with self.lock:
            step = self.script.pop(0) if self.script else "ok"
            self.answered.append(step)
        sentence = json.loads(h.body)["messages"][-1]["content"]
        getattr(self, "_" + step.replace("-", "_"))(h, sentence)

    @staticmethod
    def _reply(h: Handler, content: object) -> None:
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
        h.send(200, body.encode("utf-8"), "application/json")

    def _ok(self, h: Handler, sentence: str) -> None:
        self._reply(h, sentence.replace(" said", " stated"))

    def _not_json(self, h: Handler, sentence: str) -> None:
        h.send(200, b'{"choices": [{"message": {"content": "cut', "application/json")

    def _bytes(self, h: Handler, sentence: str) -> None:
        h.send(200, bytes(range(256)) * 4, "application/json")

    def _html(self, h: Handler, sentence: str) -> None:
        h.send(200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")

    def _shape(self, h: Handler, sentence: str) -> None:
        h.send(200, b'{"choices": [], "error": null}', "application/json")

    def _number(self, h: Handler, sentence: str) -> None:
        self._reply(h, 42)

    def _markup(self, h: Handler, sentence: str) -> None:
        payload = "<script>window.__pwned=1</script>\x1b]0;PWNED\x07<img src=x onerror=alert(1)>"
        self._reply(h, payload + sentence)

    def _long_reply(self, h: Handler, sentence: str) -> None:
        self._reply(h, sentence + " and" * 5_000)

    def _slow(self, h: Handler, sentence: str) -> None:
        for _ in range(40):  # 4 s, past the client's timeout
            if h.stopping():
                return
            time.sleep(0.1)
        self._ok(h, sentence)

    def _hang_up(self, h: Handler, sentence: str) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        h.wfile.write(b'{"choices": [')
        h.wfile.flush()
        h.close_connection = True

    def _server_error(self, h: Handler, sentence: str) -> None:
        h.send(500, b'{"error": "the model crashed"}', "application/json")

    def _huge(self, h: Handler, sentence: str) -> None:
        head = b'{"choices": [{"message": {"content": "'
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(HUGE))
        h.end_headers()
        h.wfile.write(head)
        block = b"a" * (1 << 20)
        sent = len(head)
        try:
            while sent + len(block) <= HUGE and not h.stopping():
                h.wfile.write(block)
                sent += len(block)
                self.count(len(block))
        finally:
            h.close_connection = True

    def _stop(self, h: Handler, sentence: str) -> None:
        h.close_connection = True
        threading.Thread(target=self.stop, daemon=True).start()

    def _restart(self, h: Handler, sentence: str) -> None:
        h.close_connection = True

        def bounce() -> None:
            self.stop()
            time.sleep(0.5)
            self.start()

        threading.Thread(target=bounce, daemon=True).start()


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _run(endpoint: Endpoint, script: list[str], **options: float) -> Rewritten:
    endpoint.script = list(script)
    settings: dict[str, float] = {
        "timeout": 1.0,
        "retries": 1,
        "backoff": 0.05,
        "max_wait": 0.2,
        "max_failures": 3,
        "pause": 0,
        **options,
    }
    backend = OpenAIBackend(OpenAIOptions(api_base=f"{endpoint.url}/v1", **settings))  # type: ignore[arg-type]
    result = rewrite(ARTICLE, RewriteOptions(backends=("rules", backend)))
    rewrite_whole(ARTICLE.text, segment(ARTICLE.text), result)
    json_round_trip(result.to_json())
    assert_inert(to_html(result, ARTICLE))
    for warning in result.warnings:
        assert "\n" not in warning and endpoint.url in warning, warning
    return result


def test_a_well_behaved_endpoint_is_used(endpoint: Endpoint) -> None:
    result = _run(endpoint, [])
    assert result.warnings == ()
    # asked once per sentence, and nothing went wrong (the gate may still
    # prefer the rules' candidates)
    assert len(endpoint.answered) == len(segment(ARTICLE.text))


BAD = ["not-json", "bytes", "html", "shape", "number", "hang-up", "server-error", "slow"]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("fault", BAD)
def test_garbage_mid_article_costs_only_its_sentences(endpoint: Endpoint, fault: str) -> None:
    # two good answers, then the fault on every request (its retry included)
    # for two sentences, then good answers again
    result = _run(endpoint, ["ok", "ok", fault, fault])
    assert result.warnings == (), endpoint.answered
    assert fault in endpoint.answered and endpoint.answered[-1] == "ok"


@pytest.mark.timeout(120)
@pytest.mark.parametrize("fault", ["bytes", "hang-up", "server-error", "number"])
def test_an_endpoint_that_keeps_failing_is_given_up_with_a_clear_warning(
    endpoint: Endpoint, fault: str
) -> None:
    result = _run(endpoint, ["ok", *[fault] * 100])
    assert len(result.warnings) == 1
    assert "failed 3 sentences in a row" in result.warnings[0]


def test_markup_and_escapes_in_replies_never_reach_the_page(endpoint: Endpoint) -> None:
    result = _run(endpoint, ["markup"] * 100)
    for s in result.sentences:
        assert "<script>" not in s.rewrite and "\x1b" not in s.rewrite, s


@pytest.mark.timeout(120)
def test_a_very_long_reply_is_not_taken(endpoint: Endpoint) -> None:
    result = _run(endpoint, ["ok", "long-reply", "long-reply", "ok"])
    assert all(len(s.rewrite) < 2_000 for s in result.sentences)


@pytest.mark.timeout(120)
def test_a_huge_body_is_cut_off_at_a_size_limit(endpoint: Endpoint) -> None:
    _run(endpoint, ["ok", "huge", "huge", "ok"])
    assert endpoint.sent < HUGE // 2, f"the client read {endpoint.sent} bytes of one answer"


def test_an_endpoint_that_stops_mid_article(endpoint: Endpoint) -> None:
    result = _run(endpoint, ["ok", "ok", "stop"])
    assert len(result.warnings) == 1
    assert "connection refused" in result.warnings[0] or "failed" in result.warnings[0]


def test_an_endpoint_that_restarts_mid_article(endpoint: Endpoint) -> None:
    # a sentence's tries span 0.3 + 0.6 + 1.2 s: longer than the server is away
    result = _run(endpoint, ["ok", "restart"], max_failures=100, retries=3, backoff=0.3, max_wait=2)
    assert result.warnings == ()
    # it came back, and later sentences were asked again
    assert endpoint.answered.count("ok") >= 2
