"""``run_batch``: many JSONL (or WARC) files through one command, resumable, in order.

The input is read chunk by chunk; at most ``window`` chunks are in flight
(read, sent to a worker, not yet written), so memory stays bounded however
large the corpus. Results are written in input order through the
:class:`~retold.batch.journal.Journal`, which makes a killed run resumable
with every line's result written exactly once.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from retold import jobs
from retold.batch import executors
from retold.batch.inputs import Chunk, InputFile, chunks, expand
from retold.batch.journal import Journal, State, shard_path
from retold.batch.warc import require_warcio
from retold.batch.work import Outcome
from retold.errors import OptionsError

__all__ = ["BatchOptions", "Progress", "Summary", "command_of", "run_batch"]

log = logging.getLogger(__name__)

TASKS = ("segment", "facts", "summarize", "audit", "rewrite")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run: the command (``task``) with its request options as plain
    data (``{"sentences": 2}``, ``{"backends": ["rules"]}``), where (``workers``
    local processes, 0 for this one, or a Dask scheduler ``dask`` address or
    ``local:N``), and how many lines a chunk holds."""

    task: str = "segment"
    options: Mapping[str, Any] = field(default_factory=dict)
    workers: int = 1
    dask: str | None = None
    chunk_size: int = 16
    # Results per output file (out-00000.jsonl, ...); None: one file.
    shard_lines: int | None = None
    # Chunks in flight per worker: enough to keep every worker busy while
    # the output waits for the oldest chunk.
    per_worker: int = 4

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise OptionsError(f"no batch task {self.task!r}", f"choose from: {', '.join(TASKS)}")
        if self.shard_lines is not None and self.shard_lines < 1:
            raise OptionsError("a shard must hold at least 1 line", "e.g. --shard-lines 100000")
        if self.chunk_size < 1:
            raise OptionsError("the chunk size must be at least 1", "e.g. --chunk-size 16")
        if self.dask is not None and self.dask.startswith("local:"):
            executors.worker_count(self.dask)
        # The request's options are checked before any input is read.
        jobs.request_from_dict(self.task, self.options)


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported after every chunk written: the counts so far and the chunk's
    failed lines as (file, line, id, message)."""

    state: State
    chunk_lines: int
    failures: tuple[tuple[str, int, str, str], ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """A finished run: results written (``done``, error records included),
    ``failed`` lines, ``skipped`` blank lines and WARC records that hold no
    article, lines (or records) a previous run had
    already done (``resumed``), the seconds this run took and its workers."""

    output: str
    done: int
    failed: int
    skipped: int
    resumed: int
    seconds: float
    workers: int

    def line(self) -> str:
        rate = (self.done + self.skipped - self.resumed) / self.seconds * 60 if self.seconds else 0
        text = (
            f"{self.done} done, {self.failed} failed, {self.skipped} skipped (blank or no article) "
            f"in {self.seconds:.1f} s ({rate:.0f} lines/min, {self.workers} worker(s))"
        )
        if self.resumed:
            text += f"; resumed after {self.resumed} lines"
        return text + f" -> {self.output}"


def command_of(files: Sequence[InputFile], options: BatchOptions) -> dict[str, Any]:
    """What a journal records to recognise the same command again."""
    return {
        "task": options.task,
        "options": dict(options.options),
        "inputs": [[f.path, f.size, f.mtime_ns] for f in files],
    }


def run_batch(
    inputs: Sequence[str],
    output: str,
    options: BatchOptions,
    progress: Callable[[Progress], None] | None = None,
    files: Sequence[InputFile] | None = None,
) -> Summary:
    """Run ``options.task`` on every line of ``inputs`` into ``output``.

    A run killed before it finished is resumed by calling this again with
    the same inputs and options. ``files`` is ``expand(inputs)`` when the
    caller has it already.
    """
    began = time.monotonic()
    files = tuple(files) if files is not None else expand(inputs)
    if output == "-" or os.path.isdir(output):
        raise OptionsError(f"the output {output!r} must be a file path", "e.g. -o results.jsonl")
    warc = [f.path for f in files if f.kind == "warc"]
    if warc:
        require_warcio()
        if options.task == "audit":
            raise OptionsError(
                f"{warc[0]!r} is a WARC file, which holds pages, not the source and "
                "rewrite pairs that --task audit needs",
                "give audit a JSONL file of {id, source, rewrite}, or choose another task",
            )
    journal = Journal.open(output, command_of(files, options), options.shard_lines)
    resumed = journal.state
    if resumed.lines:
        log.info("resuming %s after %d lines", output, resumed.lines)
    try:
        if not resumed.complete:
            executor = executors.make(options.task, options.options, options.workers, options.dask)
            try:
                _drive(journal, files, options, executor, progress)
            finally:
                executor.close()
            workers = executor.workers
        else:
            workers = 0
        journal.finish()
    except BaseException:
        journal.close()
        raise
    end = journal.state
    return Summary(
        shard_path(output, None) if options.shard_lines else output,
        end.done,
        end.failed,
        end.skipped,
        resumed.lines,
        time.monotonic() - began,
        workers,
    )


def _drive(
    journal: Journal,
    files: Sequence[InputFile],
    options: BatchOptions,
    executor: executors.Executor,
    progress: Callable[[Progress], None] | None,
) -> None:
    start = journal.state
    window = max(2, executor.workers * options.per_worker)
    pending: deque[tuple[Chunk, executors.Pending]] = deque()
    source = chunks(files, options.chunk_size, start.file, start.line, start.offset)
    for chunk in source:
        pending.append((chunk, executor.submit(chunk)))
        if len(pending) >= window:
            _write(journal, *pending.popleft(), progress)
    while pending:
        _write(journal, *pending.popleft(), progress)


def _write(
    journal: Journal,
    chunk: Chunk,
    pending: executors.Pending,
    progress: Callable[[Progress], None] | None,
) -> None:
    outcomes: list[Outcome] = pending.result()
    journal.write([(o.json + "\n").encode("utf-8") for o in outcomes])
    failures = tuple((chunk.path, o.line, o.id, o.error) for o in outcomes if o.error is not None)
    # The next chunk starts right after this one (a file at its end gives
    # no more chunks, and the next file starts at its first line).
    before = journal.state
    state = replace(
        before,
        file=chunk.file,
        line=chunk.next_line,
        offset=chunk.end_offset,
        done=before.done + len(outcomes),
        failed=before.failed + len(failures),
        skipped=before.skipped + len(chunk.lines) - len(outcomes),
    )
    journal.commit(state)
    if progress is not None:
        progress(Progress(state, len(chunk.lines), failures))
