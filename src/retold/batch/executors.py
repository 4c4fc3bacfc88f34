"""Where chunks run: in this process, in local worker processes, or on Dask.

Each executor takes a chunk and gives back something whose ``result()`` is
the chunk's outcomes; the runner keeps a bounded number of them in flight
and takes their results in submission order, which is the back-pressure:
no more than ``window`` chunks are read ahead of the output.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from retold.batch.inputs import Chunk
from retold.batch.work import Outcome, Part, init_worker, process_partition, warm_up
from retold.errors import OptionsError

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
    """``workers`` processes, each loading the models once when it starts."""

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
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(task, dict(options), os.getpid()),
        )

    def submit(self, chunk: Chunk) -> Pending:
        part = Part(self.task, self.options, chunk.path, chunk.start)
        future: Future[list[Outcome]] = self._pool.submit(process_partition, chunk.lines, part)
        return future

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        for name, value in self._environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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
        part = Part(self.task, self.options, chunk.path, chunk.start)
        bag = self._bag.from_sequence(chunk.lines, npartitions=1)
        future: Pending = self._client.compute(bag.map_partitions(process_partition, part))
        return future

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


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
