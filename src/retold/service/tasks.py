"""Jobs that run in the background: ``POST /v1/jobs/<command>``, then poll.

A long rewrite is better watched than waited for: the service takes the
request, answers 202 with the job's id at once, and ``GET /v1/jobs/<id>``
tells its state (``queued``, ``running``, ``done`` or ``failed``), its
stage and how far that stage has gone (``done`` of ``total``), how much of
the whole job is done (``progress``, 0 to 1, by the stages' shares of the
run time in :data:`retold.jobs.STAGES`), and in the end its result (and,
when a format was asked, its rendering) or its error. The ids are
unguessable (``secrets.token_urlsafe``): a job is seen only by whoever
started it.

The store is bounded: a job that is not finished holds one of the server's
slots (so there are at most ``--max-concurrent`` of them), and a finished
job is kept for ``ttl`` seconds and among the last ``keep`` finished jobs
only; after that its id is unknown (404).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.context import SpawnContext
from typing import Any

from retold import jobs
from retold.errors import RetoldError
from retold.progress import fraction

__all__ = ["DONE", "FAILED", "QUEUED", "RUNNING", "Relay", "Report", "Task", "Tasks"]

log = logging.getLogger(__name__)

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"


@dataclass
class Task:
    """One background job and what is known of it so far.

    ``done``, ``total`` and ``stage`` are written by the worker that runs
    the job (see :mod:`retold.progress`), and ``fraction`` follows from
    them; the state changes under the task's lock, so a late worker cannot
    revive a job that timed out. ``format`` is the rendering asked besides
    the JSON result ("json": none), ``rendered`` that rendering.
    """

    id: str
    command: str
    format: str = "json"
    state: str = QUEUED
    done: int = 0
    total: int = 0
    stage: str = ""
    fraction: float = 0.0
    result: dict[str, Any] | None = None
    rendered: str | None = None
    error: RetoldError | None = None
    status: int = 200
    finished: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def progress(self, done: int, total: int, stage: str) -> None:
        """The job's progress callback: ``done`` of ``total`` in ``stage``."""
        stages = jobs.STAGES.get(self.command, ())
        with self._lock:
            if self.state in (QUEUED, RUNNING):
                self.state = RUNNING
                self.done, self.total, self.stage = done, total, stage
                # never back: a stage outside the table (or none yet) stays where it was
                self.fraction = max(self.fraction, fraction(stages, done, total, stage))

    def start(self) -> bool:
        """Mark the job running; False when it already ended (timed out while queued)."""
        with self._lock:
            if self.state != QUEUED:
                return False
            self.state = RUNNING
            return True

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            out: dict[str, Any] = {
                "id": self.id,
                "command": self.command,
                "state": self.state,
                "done": self.done,
                "total": self.total,
                "stage": self.stage,
                "progress": round(self.fraction, 3),
                "format": self.format,
            }
            if self.state == DONE:
                out["result"] = self.result
                if self.rendered is not None:
                    out["rendered"] = self.rendered
            elif self.state == FAILED and self.error is not None:
                out["error"] = jobs.error_json(self.error)
                out["status"] = self.status
            return out


class Tasks:
    """The jobs the server knows: unfinished ones, and recently finished ones."""

    def __init__(self, keep: int, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.keep = keep
        self.ttl = ttl
        self._clock = clock
        self._tasks: dict[str, Task] = {}
        self._finished: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def new(self, command: str, format: str = "json") -> Task:
        """A new queued job with a fresh unguessable id (``format``: a rendering besides JSON)."""
        task = Task(secrets.token_urlsafe(16), command, format)
        with self._lock:
            self._expire()
            self._tasks[task.id] = task
        return task

    def get(self, task_id: str) -> Task | None:
        with self._lock:
            self._expire()
            return self._tasks.get(task_id)

    def finish(
        self,
        task: Task,
        result: dict[str, Any] | None = None,
        error: RetoldError | None = None,
        status: int = 200,
        rendered: str | None = None,
    ) -> None:
        """End ``task`` with its result (and its rendering), or with ``error``
        answered as ``status``."""
        with task._lock:
            if task.state in (DONE, FAILED):
                return
            if error is None:
                task.state, task.result, task.rendered = DONE, result, rendered
                task.done, task.fraction = max(task.done, task.total), 1.0
            else:
                task.state, task.error, task.status = FAILED, error, status
            task.finished = self._clock()
        with self._lock:
            self._finished[task.id] = task.finished
            self._expire()

    def __len__(self) -> int:
        with self._lock:
            return len(self._tasks)

    def _expire(self) -> None:
        """Forget finished jobs past ``ttl``, and the oldest beyond ``keep``."""
        now = self._clock()
        while self._finished:
            oldest, finished = next(iter(self._finished.items()))
            if now - finished < self.ttl and len(self._finished) <= self.keep:
                break
            del self._finished[oldest]
            self._tasks.pop(oldest, None)


@dataclass(frozen=True)
class Report:
    """A job's progress callback that works in another process: it sends
    ``(id, done, total, stage)`` through the relay's queue."""

    queue: Any
    task_id: str

    def __call__(self, done: int, total: int, stage: str) -> None:
        self.queue.put((self.task_id, done, total, stage))


class Relay:
    """Progress from worker processes to the jobs they run in this one.

    A manager's queue takes every worker's :class:`Report`; a thread here
    reads it and updates the job. Progress that arrives after the job ended
    is dropped by :meth:`Task.progress`.
    """

    def __init__(self, tasks: Tasks, context: SpawnContext) -> None:
        self._tasks = tasks
        self._manager = context.Manager()
        self._queue = self._manager.Queue()
        self._thread = threading.Thread(target=self._read, name="retold-progress", daemon=True)
        self._thread.start()

    def report(self, task_id: str) -> Report:
        return Report(self._queue, task_id)

    def _read(self) -> None:
        while True:
            try:
                item = self._queue.get()
            except (EOFError, OSError):  # the manager is gone: the server stops
                return
            if item is None:
                return
            task_id, done, total, stage = item
            task = self._tasks.get(task_id)
            if task is not None:
                task.progress(done, total, stage)

    def close(self) -> None:
        try:
            self._queue.put(None)
            self._thread.join(timeout=5)
        except (EOFError, OSError):
            log.debug("the progress relay was already closed")
        self._manager.shutdown()
