"""Where chunks run: in this process, in local worker processes, or on Dask.

Each executor takes a chunk and gives back something whose ``result()`` is
the chunk's outcomes; the runner keeps a bounded number of them in flight
and takes their results in submission order, which is the back-pressure:
no more than ``window`` chunks are read ahead of the output. A worker that
dies on some input (a crash, an out-of-memory kill) does not stop the run:
the chunk it held is run again, line by line, and a line that keeps killing
workers becomes an error record.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace
from multiprocessing import connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from retold.batch.inputs import Chunk, Item
from retold.batch.work import Outcome, Part, died, process_partition, serve, warm_up
from retold.errors import InternalError, OptionsError

__all__ = ["DaskExecutor", "Executor", "InProcess", "LocalPool", "Pending", "make"]

log = logging.getLogger(__name__)

_ONE_THREAD = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


class Pending(Protocol):
    def result(self) -> list[Outcome]: ...


class Executor(Protocol):
    workers: int

    def submit(self, chunk: Chunk) -> Pending: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, outcomes: list[Outcome]) -> None:
        self._outcomes = outcomes

    def result(self) -> list[Outcome]:
        return self._outcomes


class InProcess:
    """Runs each chunk at once, in this process (``--workers 0``)."""

    workers = 1

    def __init__(self, task: str, options: Mapping[str, Any]) -> None:
        self.task, self.options = task, options

    def submit(self, chunk: Chunk) -> Pending:
        part = Part(self.task, self.options, chunk.path, chunk.start)
        return _Done(process_partition(chunk.lines, part))

    def close(self) -> None:
        pass


class LocalPool:
    """``workers`` processes, each loading the models once when it starts.

    Not a ``ProcessPoolExecutor``: when one of its workers dies (a segfault,
    the kernel's out-of-memory killer), that pool breaks as a whole, every
    chunk in flight fails, and it cannot tell which chunk killed it. Here
    each worker is a process with a pipe of its own, so a death is seen with
    the chunk the worker held and its exit status, and only that worker is
    started again. The chunk is then run again line by line; a line whose
    worker dies is run once more, alone, and if it kills that worker too it
    becomes an error record (:func:`~retold.batch.work.died`) and the run
    goes on.
    """

    def __init__(self, task: str, options: Mapping[str, Any], workers: int) -> None:
        self.task, self.options, self.workers = task, options, workers
        # One thread per math library per worker, as a Dask nanny sets for
        # its workers: N workers that each start a BLAS or OpenMP thread per
        # core fight over the cores (summaries ran no faster on 2 workers).
        # A spawned worker reads its environment when it starts, so this
        # stays set (unless the user set it) until the pool is closed.
        self._environ = {name: os.environ.get(name) for name in _ONE_THREAD}
        for name in _ONE_THREAD:
            os.environ.setdefault(name, "1")
        # spawn, not fork: a worker starts clean, as a Dask worker does, and
        # no thread of ours (the progress bar's) is copied mid-lock.
        self._context = multiprocessing.get_context("spawn")
        self._queue: deque[_Task] = deque()
        self._failed_starts = 0
        self._workers: list[_Worker] = []
        self._workers = [self._start() for _ in range(workers)]

    def submit(self, chunk: Chunk) -> Pending:
        job = _Job(self, Part(self.task, self.options, chunk.path, chunk.start))
        self._queue.append(_Task(job, chunk.lines, chunk.start))
        self._pump(0)
        return job

    def close(self) -> None:
        for worker in self._workers:
            if worker.ready and worker.task is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:  # busy or still loading: its work is not wanted now
                worker.process.terminate()
        for worker in self._workers:
            worker.process.join(10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []
        for name, value in self._environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=serve,
            args=(theirs, self.task, dict(self.options), os.getpid()),
            name="retold-batch-worker",
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _pump(self, timeout: float | None) -> None:
        """Hand queued tasks to idle workers, then take what the workers
        say (results, deaths), waiting up to ``timeout`` for something."""
        self._dispatch()
        waits: list[Any] = [w.conn for w in self._workers]
        waits += [w.process.sentinel for w in self._workers]
        ready = set(connection.wait(waits, timeout))
        for index, worker in enumerate(self._workers):
            if worker.conn in ready:
                try:
                    kind, value = worker.conn.recv()
                except (EOFError, OSError):
                    self._death(index)
                    continue
                self._message(worker, kind, value)
            elif worker.process.sentinel in ready:
                self._death(index)
        self._dispatch()

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and worker.task is None:
                task = self._queue.popleft()
                try:
                    worker.conn.send((task.items, replace(task.job.part, start=task.start)))
                except OSError:  # it died: _pump sees it
                    self._queue.appendleft(task)
                    continue
                worker.task = task

    def _message(self, worker: _Worker, kind: str, value: Any) -> None:
        if kind == "ready":
            worker.ready = True
            self._failed_starts = 0
            return
        task, worker.task = worker.task, None
        if task is None:  # loading the models failed: no worker can run
            raise value
        if kind == "error":
            task.job.fail(value)
        else:
            task.job.done(task.start, value)

    def _death(self, index: int) -> None:
        worker = self._workers[index]
        worker.process.join()
        worker.conn.close()
        cause = exit_cause(worker.process.exitcode)
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts >= 2:
                raise InternalError(
                    f"the worker processes die while loading the models ({cause})",
                    "check the memory available, or run with --workers 0 to see the error",
                )
        self._workers[index] = self._start()
        task = worker.task
        if task is None:
            return
        task.deaths += 1
        job = task.job
        last = task.start + len(task.items) - 1
        lines = f"lines {task.start}-{last}" if last > task.start else f"line {last}"
        where = f"{job.part.path} {lines}"
        if len(task.items) > 1 or not task.alone:
            log.warning("a worker died (%s) running %s; running them one by one", cause, where)
            alone = [
                _Task(job, (item,), number, alone=True)
                for number, item in enumerate(task.items, task.start)
            ]
            job.split(len(alone))
            self._queue.extendleft(reversed(alone))
        elif task.deaths < 2:
            log.warning("a worker died (%s) running %s alone; once more", cause, where)
            self._queue.appendleft(task)
        else:
            log.warning("a worker died (%s) running %s alone again; an error record", cause, where)
            job.done(task.start, died(task.items[0], task.start, job.part, cause))


def exit_cause(code: int | None) -> str:
    """A dead process's exit code in words: "exit signal 9 (SIGKILL)"."""
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            return f"exit signal {-code}"
        return f"exit signal {-code} ({name})"
    return f"exit status {code}"


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    task: _Task | None = None
    ready: bool = False


@dataclass(eq=False)
class _Task:
    """Lines of a chunk (all of them, or one, ``alone``) for one worker."""

    job: _Job
    items: tuple[Item, ...]
    start: int
    alone: bool = False
    deaths: int = 0


class _Job:
    """A chunk in a :class:`LocalPool`: its outcomes, gathered from one task,
    or from one task per line once a worker died on it."""

    def __init__(self, pool: LocalPool, part: Part) -> None:
        self._pool = pool
        self.part = part
        self._parts: dict[int, list[Outcome]] = {}
        self._waiting = 1
        self._error: BaseException | None = None

    def split(self, count: int) -> None:
        self._waiting += count - 1

    def done(self, start: int, outcomes: list[Outcome]) -> None:
        self._parts[start] = outcomes
        self._waiting -= 1

    def fail(self, error: BaseException) -> None:
        self._error = self._error or error
        self._waiting -= 1

    def result(self) -> list[Outcome]:
        while self._waiting:
            self._pool._pump(None)
        if self._error is not None:
            raise self._error
        return [o for start in sorted(self._parts) for o in self._parts[start]]


class DaskExecutor:
    """The same per-partition function over ``dask.bag`` partitions on a cluster.

    ``address`` is a scheduler's (``tcp://host:8786``) or ``local:N``, which
    starts a cluster of N worker processes on loopback for this run. Each
    chunk is one bag of one partition, computed as a future, so the client
    holds only the chunks in flight whatever the corpus size.
    """

    def __init__(self, task: str, options: Mapping[str, Any], address: str) -> None:
        try:
            # Typed as Any: neither package's API is fully annotated.
            self._bag: Any = importlib.import_module("dask.bag")
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:  # pragma: no cover - both are dependencies
            raise OptionsError(
                "--dask needs dask[bag] and distributed", "pip install 'dask[bag]' distributed"
            ) from exc
        self.task, self.options = task, options
        self.killed: type[BaseException] = distributed.KilledWorker
        self._cluster: Any = None
        if address.startswith("local:"):
            count = worker_count(address)
            self._cluster = distributed.LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            self._client = distributed.Client(self._cluster)
        else:
            try:
                self._client = distributed.Client(address, timeout="20s")
            except OSError as exc:
                raise OptionsError(
                    f"cannot reach the Dask scheduler at {address!r}: {exc}",
                    "check the address (tcp://HOST:PORT), or use --dask local:N",
                ) from exc
        workers = self._client.scheduler_info().get("workers", {})
        self.workers = max(1, len(workers))
        # Each worker loads the models once, before the first chunk.
        self._client.run(warm_up, task, dict(options))

    def submit(self, chunk: Chunk) -> Pending:
        return _DaskJob(self, chunk)

    def compute(self, items: tuple[Item, ...], part: Part) -> Any:
        """A future of ``items``' outcomes, as one bag of one partition."""
        bag = self._bag.from_sequence(items, npartitions=1)
        return self._client.compute(bag.map_partitions(process_partition, part))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


class _DaskJob:
    """A chunk on Dask. The scheduler runs a task again when its worker dies,
    and gives up (``KilledWorker``) after ``distributed.scheduler.allowed-failures``
    deaths; the chunk is then run line by line, and a line Dask gives up on
    becomes an error record."""

    def __init__(self, executor: DaskExecutor, chunk: Chunk) -> None:
        self._executor = executor
        self._chunk = chunk
        self._part = Part(executor.task, executor.options, chunk.path, chunk.start)
        self._future = executor.compute(chunk.lines, self._part)

    def result(self) -> list[Outcome]:
        try:
            outcomes: list[Outcome] = self._future.result()
        except self._executor.killed:
            log.warning("Dask workers died running %s line %d on; one by one", *self._where())
        else:
            return outcomes
        outcomes = []
        for number, item in enumerate(self._chunk.lines, self._chunk.start):
            part = replace(self._part, start=number)
            try:
                outcomes += self._executor.compute((item,), part).result()
            except self._executor.killed:
                cause = "its Dask workers died on every try (the scheduler gave up: KilledWorker)"
                outcomes += died(item, number, part, cause)
        return outcomes

    def _where(self) -> tuple[str, int]:
        return self._chunk.path, self._chunk.start


def worker_count(address: str) -> int:
    """N of ``local:N``."""
    text = address.partition(":")[2]
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise OptionsError(f"--dask local:{text} needs a worker count", "e.g. --dask local:2")
    return count


def make(task: str, options: Mapping[str, Any], workers: int, dask: str | None) -> Executor:
    """The executor a run asks for."""
    if dask:
        return DaskExecutor(task, options, dask)
    if workers < 0:
        raise OptionsError(f"--workers {workers} is negative", "give 0 (this process) or more")
    if workers == 0:
        return InProcess(task, options)
    return LocalPool(task, options, workers)
