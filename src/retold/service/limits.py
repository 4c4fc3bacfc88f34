"""What the service allows: its options, the body-size limit and the slots.

CPU-bound work runs in a bounded thread pool (``workers`` threads), never on
the event loop. At most ``max_concurrent`` requests are admitted at once
(running or waiting for a thread); one more is answered at once with 503
and ``Retry-After`` instead of a queue that grows without bound. A request
that runs past ``timeout`` is answered with 504; its thread finishes the
work (a thread cannot be stopped), and its slot stays taken until then, so
the cap counts what really runs. A background job takes its slot when it
is sent (:meth:`Slots.admit`), so a full server refuses it at once.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from retold.errors import MAX_SECONDS, OptionsError, check_range
from retold.ingest.loader import IngestOptions
from retold.service.errors import BodyTooLargeError, BusyError, TimedOutError

__all__ = ["BodyLimit", "ServiceOptions", "Slots"]

T = TypeVar("T")
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ServiceOptions:
    """How ``retold serve`` runs.

    ``max_body`` bounds a request body in bytes and ``max_chars`` each
    article text in it (``text``, ``html``, ``source``, ``rewrite``); a URL's
    download is bounded by ``max_download`` bytes and ``fetch_timeout``.
    ``allow_private`` lets URLs reach loopback and private addresses;
    ``allowed_hosts`` does so for the named hosts only (each redirect's
    target is checked again, so a trusted host cannot redirect elsewhere).
    A background job (``POST /v1/jobs/<command>``) is kept ``job_ttl``
    seconds after it ends, and at most ``keep_jobs`` ended jobs are kept.
    ``processes`` runs the jobs in ``workers`` processes instead of threads,
    each with its own models: parsing and the audit's checks hold Python's
    GIL, so on two cores two processes audit about 1.5x as fast as two
    threads; a summary's model runs outside the GIL, and threads suffice.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = max(1, min(4, os.cpu_count() or 1))
    max_concurrent: int = 32
    timeout: float = 60.0
    max_body: int = 2 * MB
    max_chars: int = 200_000
    max_download: int = 5 * MB
    fetch_timeout: float = 10.0
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    warm_up: bool = True
    keep_jobs: int = 100
    job_ttl: float = 600.0
    processes: bool = False

    def __post_init__(self) -> None:
        if self.workers < 1 or self.max_concurrent < 1:
            raise OptionsError("workers and max_concurrent must be at least 1", "e.g. --workers 2")
        if self.max_concurrent < self.workers:
            raise OptionsError(
                f"max_concurrent ({self.max_concurrent}) is below workers ({self.workers})",
                "admit at least as many requests as there are threads",
            )
        if self.keep_jobs < 1:
            raise OptionsError("keep_jobs must be at least 1", "e.g. keep_jobs=100")
        for name in ("timeout", "fetch_timeout", "job_ttl"):  # NaN and inf too (issue 15)
            check_range(name, getattr(self, name), 0, MAX_SECONDS, above=True, example=f"{name}=60")
        if min(self.max_body, self.max_chars, self.max_download) <= 0:
            raise OptionsError("size limits must be positive", "e.g. --max-body 2097152")
        if not 0 <= self.port <= 65535:
            raise OptionsError(f"no port {self.port}", "choose a port from 1 to 65535")

    def ingest(self) -> IngestOptions:
        """How the service fetches a ``url``: the host's setting, not the caller's."""
        return IngestOptions(
            max_bytes=self.max_download,
            timeout=self.fetch_timeout,
            total_timeout=min(self.timeout, 6 * self.fetch_timeout),
            allow_private=self.allow_private,
            allowed_hosts=self.allowed_hosts,
        )


class Slots:
    """The worker pool (threads, or processes) and the admission count in front of it.

    With processes, ``work`` must be picklable (a module-level function and
    its arguments, e.g. a ``functools.partial``); ``initializer`` runs once
    in each process as it starts (to load the models).
    """

    def __init__(
        self, options: ServiceOptions, initializer: Callable[[], object] | None = None
    ) -> None:
        self.capacity = options.max_concurrent
        self.timeout = options.timeout
        self.busy = 0
        self.workers = options.workers
        self.processes = options.processes
        self.pool: Executor
        if options.processes:
            self.pool = ProcessPoolExecutor(
                options.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=initializer,
            )
        else:
            self.pool = ThreadPoolExecutor(options.workers, thread_name_prefix="retold-worker")

    def admit(self) -> None:
        """Take a slot, or refuse with 503 when every slot is taken."""
        if self.busy >= self.capacity:
            raise BusyError(
                f"the server is busy: {self.busy} requests are running or waiting",
                "retry after a second, or start the server with a higher --max-concurrent",
            )
        self.busy += 1

    async def run(self, work: Callable[[], T]) -> T:
        """``work()`` in a worker thread; 503 when full, 504 past the time limit."""
        self.admit()
        return await self.run_admitted(work)

    async def run_admitted(self, work: Callable[[], T]) -> T:
        """``work()`` in a worker thread, in the slot :meth:`admit` took; 504 past the limit."""
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self.pool, work)
        except BaseException:
            self.busy -= 1
            raise
        # The slot is freed when the thread is done, not when the client is answered.
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError as exc:
            raise TimedOutError(
                f"the request took longer than {self.timeout:g} s",
                "send a shorter article, or start the server with a higher --timeout",
            ) from exc

    def _release(self, future: asyncio.Future[Any]) -> None:
        self.busy -= 1
        if not future.cancelled():
            future.exception()  # retrieved, so a late failure is not logged as lost

    def close(self) -> None:
        running = getattr(self.pool, "_processes", None) or {}  # pid -> Process
        processes = list(running.values()) if self.processes else []
        self.pool.shutdown(wait=False, cancel_futures=True)
        # A process in the middle of a long job would hold the server's exit
        # until the job ends; nobody waits for its answer any more.
        for process in processes:
            if process.is_alive():
                process.terminate()


class BodyLimit:
    """ASGI middleware: a body over ``limit`` bytes is answered with 413.

    A declared ``Content-Length`` over the limit is refused before anything
    is read; a chunked body is counted as it arrives.
    """

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _send_error(send, self._error(int(declared)))
            return
        seen = 0
        started = False

        async def counted_receive() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _Oversize(seen)
            return message

        async def tracked_send(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _Oversize as exc:
            if not started:
                await _send_error(send, self._error(exc.size))

    def _error(self, size: int) -> BodyTooLargeError:
        return BodyTooLargeError(
            f"the request body has {size} bytes, more than the {self.limit} this server accepts",
            "send a shorter article, or start the server with a higher --max-body",
        )


class _Oversize(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


async def _send_error(send: Any, error: BodyTooLargeError) -> None:
    body = json.dumps({"code": error.code, "message": str(error)}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
