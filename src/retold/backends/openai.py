"""The ``openai`` backend: candidates from any OpenAI-compatible chat endpoint.

A hosted service, or a local llama.cpp or vLLM server: anything that answers
``POST {api_base}/chat/completions``. The service only proposes; the ranker
and the audit gate decide, as for every backend. Each reply is repaired
first (:mod:`retold.backends.repair`): the locked facts the model changed
are put back, and a reply that dropped one is discarded.

Failures never lose an article. Each request is bounded by a timeout (the
whole answer must arrive within it, however slowly a server sends it) and
its answer by a size (``max_bytes``: a larger one is refused after reading
that much, never read whole). A request is retried with exponential backoff
on a timeout, a refused or dropped connection, a 5xx answer or a rate limit
(429, honouring ``Retry-After`` up to a bound). A request that still fails
costs only its sentence; after ``max_failures`` failed sentences in a row
the backend stops for the rest of the article and raises
:class:`~retold.errors.BackendError` with what it had, and
:func:`retold.rewrite.rewrite` falls back to the other backends and records
a warning. A dead endpoint is paid for once, not once per article: for the
next ``pause`` seconds the backend is skipped at once (the warning says so);
then one sentence tries it again, and one more failure skips it for another
pause.

Configuration comes from :class:`OpenAIOptions` (on the command line,
``--backend-option openai.FIELD=VALUE``), whose defaults read the
environment: ``RETOLD_API_BASE``, ``RETOLD_MODEL`` and the key from the
variable named by ``key_env`` (``OPENAI_API_KEY`` by default), read by
:func:`retold.backends.get_key`. The backend does not ``need`` a key: none is
sent when the variable is unset, as local servers need none.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import urllib3
import urllib3.connection
from urllib3.exceptions import HTTPError as Urllib3Error

from retold.backends import get_key, register
from retold.backends.base import Backend, Candidate, GenerateOptions, SentenceContext
from retold.backends.repair import repair_candidate
from retold.backends.smollm import clean_reply
from retold.errors import MAX_SECONDS, BackendError, OptionsError, check_range

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You rewrite one sentence of a news article in new words. Keep its meaning "
    "exactly: every name, number, date, time and quotation stays as written, "
    "nothing is added and nothing is left out. Reply with the rewritten "
    "sentence only."
)
# The mode and the frozen terms of a sentence follow SYSTEM_PROMPT in the
# system message (GenerateOptions.instructions).

_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


@dataclass(frozen=True, slots=True)
class OpenAIOptions:
    """Where and how to call the endpoint.

    ``api_base`` ends before ``/chat/completions`` (e.g.
    ``http://127.0.0.1:8000/v1``). ``timeout`` bounds each request (seconds);
    ``retries`` is how many times a failed request is tried again, waiting
    ``backoff``, then twice that, and so on (a server's ``Retry-After`` is
    honoured up to ``max_wait``). After ``max_failures`` failed sentences in
    a row the endpoint is skipped for ``pause`` seconds (0: never skipped).
    ``candidates`` is how many replies are asked for each sentence (one
    request each, the later ones at ``temperature``). ``max_bytes`` bounds
    each answer's body: a larger answer costs its sentence, unread.
    """

    api_base: str = field(default_factory=lambda: _env("RETOLD_API_BASE"))
    model: str = field(default_factory=lambda: _env("RETOLD_MODEL"))
    key_env: str = "OPENAI_API_KEY"
    timeout: float = 30.0
    retries: int = 2
    backoff: float = 0.5
    max_wait: float = 30.0
    max_failures: int = 3
    pause: float = 60.0
    candidates: int = 1
    temperature: float = 0.7
    max_tokens: int = 200
    max_bytes: int = 1024 * 1024

    def __post_init__(self) -> None:
        for name, low, high, kind, example in _RANGES:
            check_range(
                f"the openai backend's {name}",
                getattr(self, name),
                low,
                high,
                above=kind == "above",
                whole=kind == "whole",
                example=f"--backend-option openai.{name}={example}",
            )

    def endpoint(self) -> str:
        if not self.api_base:
            raise OptionsError(
                "the openai backend has no endpoint",
                "pass --backend-option openai.api_base=URL (e.g. http://127.0.0.1:8000/v1) "
                "or set RETOLD_API_BASE",
            )
        if not self.api_base.startswith(("http://", "https://")):
            raise OptionsError(
                f"the API base {self.api_base!r} is not an http(s) URL",
                "pass e.g. --backend-option openai.api_base=http://127.0.0.1:8000/v1",
            )
        return self.api_base.rstrip("/") + "/chat/completions"


# Each number's range: name, low, high, kind ("above": low itself is refused;
# "whole": an integer; "": any number from low to high) and an example.
_RANGES: tuple[tuple[str, float, float, str, str], ...] = (
    ("timeout", 0, MAX_SECONDS, "above", "30"),
    ("retries", 0, 100, "whole", "2"),
    ("backoff", 0, 3600, "", "0.5"),
    ("max_wait", 0, MAX_SECONDS, "", "30"),
    ("max_failures", 1, 10**6, "whole", "3"),
    ("pause", 0, MAX_SECONDS, "", "60"),
    ("candidates", 1, 100, "whole", "1"),
    ("temperature", 0, 2, "", "0.7"),
    ("max_tokens", 1, 10**6, "whole", "200"),
    ("max_bytes", 1, 1 << 30, "whole", "1048576"),
)
_CHUNK = 64 * 1024


# The request this thread is making: its deadline (monotonic seconds), and
# the timer that shuts its connection's socket down when the deadline comes.
_REQUEST = threading.local()


class _Deadlined:
    """A connection whose request ends at the request's deadline, however
    slowly the server sends its headers or body: the read timeout bounds only
    each wait for a byte, so a server that trickles would hold us as long as
    it liked. The timer is armed once the request is sent and disarmed by
    the backend when it is done with the answer."""

    sock: Any

    def getresponse(self) -> Any:
        deadline: float | None = getattr(_REQUEST, "deadline", None)
        if deadline is not None and self.sock is not None:
            _disarm()
            timer = threading.Timer(max(deadline - time.monotonic(), 0.0), _shut, (self.sock,))
            timer.daemon = True
            timer.start()
            _REQUEST.timer = timer
        return super().getresponse()  # type: ignore[misc]


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already: the answer came in time
        sock.shutdown(socket.SHUT_RDWR)


def _disarm() -> None:
    timer: threading.Timer | None = getattr(_REQUEST, "timer", None)
    if timer is not None:
        timer.cancel()
        _REQUEST.timer = None


class _HTTPConnection(_Deadlined, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Deadlined, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Failure(Exception):
    """One request failed; ``retry`` says whether trying again may help."""

    def __init__(self, reason: str, retry: bool, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry
        self.wait = wait


@register
class OpenAIBackend(Backend):
    """Candidates from an OpenAI-compatible chat completions endpoint."""

    name = "openai"
    # A hosted service needs a key, a local llama.cpp or vLLM server none: the
    # key is sent when its variable is set, and its absence is no error.
    needs_key = False
    key_env_var = "OPENAI_API_KEY"
    Options = OpenAIOptions

    def __init__(self, options: OpenAIOptions | None = None) -> None:
        self.options = options or OpenAIOptions()
        self._pool = urllib3.PoolManager(retries=False)
        self._pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        # The endpoint's state across articles: skipped until ``_down_until``
        # (monotonic seconds) after it failed; ``_probe``: it failed before,
        # so one failed sentence is enough to skip it again.
        self._down_until = 0.0
        self._down_reason = ""
        self._probe = False

    def key_variable(self) -> str:
        return self.options.key_env

    def check(self) -> None:
        self.options.endpoint()

    def candidates_many(
        self, contexts: Sequence[SentenceContext], options: GenerateOptions
    ) -> list[tuple[Candidate, ...]]:
        url = self.options.endpoint()
        if time.monotonic() < self._down_until:
            raise BackendError(
                f"the openai backend at {self.options.api_base} is skipped: it failed on an "
                f"earlier article ({self._down_reason}); it is tried again after a pause of "
                f"{self.options.pause:g} s",
                "check the server; the other backends' candidates were used",
                partial=[() for _ in contexts],
            )
        out: list[tuple[Candidate, ...]] = []
        failures: list[str] = []
        limit = 1 if self._probe else self.options.max_failures
        for context in contexts:
            if context.wholly_locked:
                out.append(())
                continue
            try:
                out.append(self._sentence(url, context, options))
                failures.clear()
                self._probe = False
                limit = self.options.max_failures
            except _Failure as exc:
                log.warning("openai backend: %s", exc.reason)
                failures.append(exc.reason)
                out.append(())
                if len(failures) >= limit:
                    self._give_up(exc.reason)
                    counted = "1 sentence" if len(failures) == 1 else f"{len(failures)} sentences"
                    raise BackendError(
                        f"the openai backend at {self.options.api_base} failed "
                        f"{counted} in a row ({failures[-1]})",
                        "check --api-base, the model name and the server; the other "
                        "backends' candidates were used",
                        partial=[*out, *([()] * (len(contexts) - len(out)))],
                    ) from exc
        return out

    def _give_up(self, reason: str) -> None:
        if self.options.pause > 0:
            self._down_until = time.monotonic() + self.options.pause
            self._down_reason = reason
            self._probe = True
            log.info(
                "openai backend: skipped for %g s after failing (%s)", self.options.pause, reason
            )

    def _sentence(
        self, url: str, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        found: list[Candidate] = []
        system = " ".join(filter(None, (SYSTEM_PROMPT, options.instructions(context.text))))
        for k in range(self.options.candidates):
            temperature = 0.0 if k == 0 else self.options.temperature
            reply = self._ask(url, system, context.text, temperature)
            text = clean_reply(reply, context.text)
            if not text:
                continue
            fixed = repair_candidate(context, Candidate(text, self.name, ("openai",)), options)
            if fixed and fixed.text != context.text and all(fixed.text != c.text for c in found):
                found.append(fixed)
        return tuple(found)

    def _ask(self, url: str, system: str, sentence: str, temperature: float) -> str:
        """One chat completion, retried with backoff; its reply text."""
        body = {
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": sentence},
            ],
            "temperature": temperature,
            "max_tokens": self.options.max_tokens,
        }
        if self.options.model:
            body["model"] = self.options.model
        attempt = 0
        while True:
            try:
                return self._post(url, body)
            except _Failure as exc:
                if not exc.retry or attempt >= self.options.retries:
                    raise
                wait = self.options.backoff * (2**attempt)
                if exc.wait is not None:
                    wait = max(wait, exc.wait)
                wait = min(wait, self.options.max_wait)
                log.info("openai backend: %s; trying again in %.1f s", exc.reason, wait)
                time.sleep(wait)
                attempt += 1

    def _post(self, url: str, body: dict[str, Any]) -> str:
        headers = {"Content-Type": "application/json"}
        key = get_key(self)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        deadline = time.monotonic() + self.options.timeout
        _REQUEST.deadline = deadline
        try:
            try:
                response = self._pool.request(
                    "POST",
                    url,
                    body=json.dumps(body).encode("utf-8"),
                    headers=headers,
                    timeout=urllib3.Timeout(total=self.options.timeout),
                    redirect=False,
                    preload_content=False,
                )
            except Urllib3Error as exc:
                reason = self._late(deadline) or f"request failed: {_reason(exc)}"
                raise _Failure(reason, retry=True) from exc
            try:
                status = response.status
                if status in _RETRY_STATUS:
                    raise _Failure(
                        f"the server answered {status}", retry=True, wait=_retry_after(response)
                    )
                if status >= 400:
                    data = self._body(response, deadline, 4096, cut=True)
                    raise _Failure(f"the server answered {status}: {_snippet(data)}", retry=False)
                text = _reply_text(self._body(response, deadline, self.options.max_bytes))
            except BaseException:
                # closed, not drained: what is left of a refused answer is not read
                response.close()
                raise
            finally:
                _disarm()
                response.release_conn()
            return text
        finally:
            _REQUEST.deadline = None
            _disarm()

    def _late(self, deadline: float) -> str:
        """The failure's reason when the request's time is up, else ""."""
        if time.monotonic() < deadline:
            return ""
        return f"timed out: the answer took longer than {self.options.timeout:g} s"

    def _body(self, response: Any, deadline: float, limit: int, *, cut: bool = False) -> bytes:
        """The answer's body, read until ``deadline`` and up to ``limit`` bytes
        (``cut``: the first ``limit`` bytes are enough, else more is a failure)."""
        length = response.headers.get("Content-Length", "")
        if not cut and length.strip().isdigit() and int(length) > limit:
            raise _Failure(_too_large(int(length), limit), retry=False)
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.read1(_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if cut:
                        break
                    raise _Failure(_too_large(None, limit), retry=False)
                if late := self._late(deadline):
                    raise _Failure(late, retry=True)
        except Urllib3Error as exc:
            reason = self._late(deadline) or f"reading the answer failed: {_reason(exc)}"
            raise _Failure(reason, retry=True) from exc
        if late := self._late(deadline):  # the deadline cut the answer short
            raise _Failure(late, retry=True)
        return b"".join(chunks)[:limit] if cut else b"".join(chunks)


def _reply_text(data: bytes) -> str:
    """``choices[0].message.content`` of a chat completion, or a _Failure."""
    try:
        payload = json.loads(data.decode("utf-8"))
        content = payload["choices"][0]["message"]["content"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
        raise _Failure(
            f"the server's answer is not a chat completion: {_snippet(data)}", True
        ) from exc
    if not isinstance(content, str):
        raise _Failure("the server's answer has no text content", retry=False)
    return content


def _too_large(length: int | None, limit: int) -> str:
    if length is not None:
        return f"the server's answer of {length} bytes is over the limit of {limit}; not read"
    return f"the server's answer is over the limit of {limit} bytes; the rest was not read"


def _retry_after(response: Any) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _reason(exc: BaseException) -> str:
    inner = getattr(exc, "reason", None)
    text = str(inner or exc)
    if "timed out" in text.lower() or "timeout" in type(inner or exc).__name__.lower():
        return "timed out"
    if "refused" in text.lower():
        return "connection refused"
    return text[:200]


def _snippet(data: bytes) -> str:
    text = data[:120].decode("utf-8", "replace").replace("\n", " ")
    return repr(text) + ("…" if len(data) > 120 else "")
