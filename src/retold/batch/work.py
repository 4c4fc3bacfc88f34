"""The per-partition function: one chunk of JSONL lines in, its results out.

The same function runs in a local worker process and on a Dask worker, so a
run gives the same output wherever it runs. It calls the jobs layer
(:func:`retold.jobs.run_records`), which runs the command on each line; a
worker builds the request once and keeps it, and the models the jobs load
stay loaded in the worker for every later chunk. A chunk of WARC records
(:class:`~retold.batch.warc.WarcItem`) is read record by record: a document's
payload goes through the ingest path of a fetched page, then the same job.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

from retold import jobs
from retold.batch.warc import WarcItem
from retold.errors import InputError, InternalError, RetoldError
from retold.ingest import loader
from retold.ingest.records import read_records

__all__ = ["Outcome", "Part", "died", "process_partition", "serve", "warm_up"]

log = logging.getLogger(__name__)

# A short article that takes every path the commands take (numbers, names,
# a quotation, a negation), so that a warm worker loads nothing more later.
_WARM_SOURCE = (
    "The city council voted 7-2 on Tuesday to close the Harbor Bridge for repairs. "
    '"We cannot wait any longer," said Mayor Ana Ruiz, who did not expect delays. '
    "Repairs will cost $4.5 million and should end in May."
)
_WARM_REWRITE = (
    "On Tuesday the city council voted 7-2 to shut the Harbor Bridge for repairs. "
    '"We cannot wait any longer," Mayor Ana Ruiz said; she did not expect delays. '
    "The repairs will cost $4.5 million and should be done in May."
)
_WARM_UP = {
    "audit": {"id": "warm-up", "source": _WARM_SOURCE, "rewrite": _WARM_REWRITE},
}
_WARM_TEXT = {"id": "warm-up", "text": _WARM_SOURCE}


@dataclass(frozen=True, slots=True)
class Part:
    """Which command to run and where a partition's lines come from.

    An object rather than loose strings: Dask reads a string argument of a
    task as a possible key of its graph.
    """

    task: str
    options: Mapping[str, Any]
    path: str
    start: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """One non-blank line's result: ``json`` is the output line (no newline);
    ``error`` is the error's message when the line failed."""

    line: int
    id: str
    json: str
    error: str | None = None


_requests: dict[str, jobs.Request] = {}


def _request(task: str, options: Mapping[str, Any]) -> jobs.Request:
    key = json.dumps([task, options], sort_keys=True)
    request = _requests.get(key)
    if request is None:
        request = jobs.request_from_dict(task, options)
        _requests[key] = request
    return request


def process_partition(lines: Sequence[bytes | WarcItem], part: Part) -> list[Outcome]:
    """Run ``part``'s command on every line; blank lines give nothing.

    A line that fails, whatever the reason, becomes an error record that
    names its file and line; the other lines are still run. WARC records
    that hold no article give nothing either.
    """
    request = _request(part.task, part.options)
    items = list(lines)  # a Dask partition may be any iterable
    if any(isinstance(item, WarcItem) for item in items):
        return [
            o for item in items if isinstance(item, WarcItem) for o in _record(request, item, part)
        ]
    raw_lines = [item for item in items if isinstance(item, bytes)]
    try:
        results = list(jobs.run_records(request, raw_lines, start=part.start))
    except Exception:
        # Not a retold error (those are records already): run the lines one
        # by one, so that only the line that raised fails.
        log.debug("a chunk of %s raised; running its lines one by one", part.path, exc_info=True)
        return [
            o for n, raw in enumerate(raw_lines, part.start) for o in _one(request, raw, n, part)
        ]
    return [_outcome(r, part) for r in results]


def _one(request: jobs.Request, raw: bytes, number: int, part: Part) -> list[Outcome]:
    try:
        return [_outcome(r, part) for r in jobs.run_records(request, [raw], start=number)]
    except Exception as exc:
        error = RetoldError(
            f"line {number}: internal error: {type(exc).__name__}: {exc}",
            "please report it, with this line",
        )
        data = {"id": str(number), "error": jobs.error_json(error)}
        return [_outcome(jobs.RecordResult(number, str(number), data, error), part)]


def _record(request: jobs.Request, item: WarcItem, part: Part) -> list[Outcome]:
    """A WARC record's outcome: none when it holds no article."""
    if item.kind == "skipped":
        return []
    where = f"record {item.number} (offset {item.offset})"
    if item.kind == "broken":
        error: RetoldError = InputError(
            f"{where}: {item.reason}", "check or re-create the file; the other records were read"
        )
        return [_outcome(jobs.RecordResult(item.number, item.id, {}, error), part, item.offset)]
    try:
        article = loader.article_from_bytes(
            item.payload, url=item.url, name=f"{where}, {item.url or item.id}", charset=item.charset
        )
        output = jobs.run(replace(request, id="", article=replace(article, id=item.id)))
    except RetoldError as exc:
        error = exc
    except Exception as exc:  # a bug of ours costs its record only
        log.debug("%s of %s failed", where, part.path, exc_info=True)
        reason = " ".join(str(exc).split())[:300]
        error = InternalError(
            f"{where}: internal error: {type(exc).__name__}: {reason}",
            "please report it, with this record; the other records were processed",
        )
    else:
        return [_outcome(jobs.RecordResult(item.number, item.id, output.data), part)]
    return [_outcome(jobs.RecordResult(item.number, item.id, {}, error), part, item.offset)]


def died(item: bytes | WarcItem, number: int, part: Part, cause: str) -> list[Outcome]:
    """The error record of a line (or WARC record) whose worker process died
    while running it alone; ``cause`` is e.g. "exit signal 9 (SIGKILL)"."""
    offset: int | None = None
    if isinstance(item, WarcItem):
        if item.kind == "skipped":
            return []
        id_, offset = item.id, item.offset
        where, what = f"record {number} (offset {item.offset})", "record"
    else:
        parsed = list(read_records([item], number))
        if not parsed:
            return []  # a blank line
        id_, where, what = parsed[0].id, f"line {number}", "line"
    error = InternalError(
        f"{where}: the worker process died while processing this {what}: {cause}",
        "it was run alone and its worker died again: a crash in a library, or too little "
        "memory for this document; the other lines were processed",
    )
    return [_outcome(jobs.RecordResult(number, id_, {}, error), part, offset)]


def _outcome(result: jobs.RecordResult, part: Part, offset: int | None = None) -> Outcome:
    if result.error is None:
        return Outcome(result.line, result.id, json.dumps(result.data, ensure_ascii=False))
    record: dict[str, Any] = {
        "id": result.id,
        "file": part.path,
        "line": result.line,
    }
    if offset is not None:
        record["offset"] = offset
    record["error"] = jobs.error_json(result.error)
    return Outcome(
        result.line, result.id, json.dumps(record, ensure_ascii=False), str(result.error)
    )


def warm_up(task: str, options: Mapping[str, Any]) -> None:
    """Build the request and load the models its command needs, once."""
    sample = _WARM_UP.get(task, _WARM_TEXT)
    process_partition([json.dumps(sample).encode()], Part(task, options, "warm-up", 1))


def init_worker(task: str, options: Mapping[str, Any], parent: int) -> None:
    """A local worker's start: watch the parent, then warm up.

    ``parent`` is the pid the parent gave, not ``os.getppid()`` read here: a
    parent killed while this worker was still importing has already been
    replaced by init, and the worker would watch init forever.
    """

    def watch() -> None:
        # A parent killed with SIGKILL cannot stop its workers; they stop
        # themselves instead of finishing chunks nobody will write.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="retold-parent-watch", daemon=True).start()
    warm_up(task, options)


def serve(conn: Connection, task: str, options: Mapping[str, Any], parent: int) -> None:
    """A local worker process: warm up, say "ready", then run each chunk the
    parent sends until it sends None (see :class:`~retold.batch.executors.LocalPool`)."""
    # Ctrl-C is the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        init_worker(task, options, parent)
    except BaseException as exc:
        _reply(conn, "error", exc)
        return
    if not _reply(conn, "ready", None):
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        lines, part = message
        reply: tuple[str, Any]
        try:
            reply = ("done", process_partition(lines, part))
        except Exception as exc:
            reply = ("error", exc)
        if not _reply(conn, *reply):
            return


def _reply(conn: Connection, kind: str, value: Any) -> bool:
    """Send the parent a message; False when the parent is gone."""
    try:
        try:
            conn.send((kind, value))
        except (pickle.PicklingError, TypeError, AttributeError):
            # An exception that cannot be pickled: its text still can.
            conn.send(("error", RuntimeError(f"{type(value).__name__}: {value}")))
    except OSError:
        return False
    return True
