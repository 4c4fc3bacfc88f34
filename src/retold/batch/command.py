"""``retold batch``: the command line of batch runs (parse, call, print).

The only part of the package that writes to the terminal: a progress bar
with rate and ETA on standard error when it is a terminal, the first failed
lines, and the summary at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from functools import partial
from typing import Any

from retold.batch.inputs import count_lines, expand
from retold.batch.runner import TASKS, BatchOptions, Progress, run_batch
from retold.errors import OptionsError, parse_number

__all__ = ["add_parser", "run"]

EXIT_OK = 0
EXIT_FAILED_LINES = 2
# Failed lines named on standard error; the rest are only error records.
SHOWN_FAILURES = 10


def add_parser(sub: Any) -> None:
    """Add the ``batch`` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "batch",
        help="run a command over many JSONL files on every core or a Dask cluster, resumably",
        description="Run TASK on every line of the JSONL inputs (files, globs or folders; "
        "gzip and zstd are read as they are), or on every HTML or text page of WARC "
        "files (.warc, .warc.gz, .warc.zst; needs pip install 'retold[warc]'), and write one JSON "
        "result per line to OUT, in input order; a failed line is an error record "
        "{id, file, line, error}, and a line whose worker process dies does not stop the "
        "run. A run "
        "that is killed resumes when the same command is run again, and writes each "
        "line's result exactly once (OUT.part and OUT.journal hold it meanwhile). Exit "
        "status 2 when some lines failed.",
    )
    p.add_argument(
        "inputs",
        metavar="IN",
        nargs="+",
        help="JSONL or WARC files, globs ('data/*.jsonl.gz') or folders",
    )
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the JSONL output file")
    p.add_argument(
        "--task", choices=TASKS, default="rewrite", help="the command to run (default rewrite)"
    )
    p.add_argument(
        "--options",
        metavar="JSON",
        help="the task's options as its request fields, e.g. '{\"sentences\": 2}' for "
        'summarize, \'{"backends": ["rules"], "strength": "light"}\' for rewrite, '
        '\'{"mode": "summary"}\' for audit',
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=partial(
            parse_number, "--workers", low=0, high=1024, whole=True, example="--workers 2"
        ),
        metavar="N",
        help="local worker processes, each loading the models once (default: the cores; "
        "0: in this process)",
    )
    where.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster instead: its scheduler (tcp://HOST:PORT; the inputs "
        "must be readable at the same paths on its workers), or local:N for N worker "
        "processes on this machine",
    )
    p.add_argument(
        "--chunk-size",
        type=partial(
            parse_number, "--chunk-size", low=1, high=10**6, whole=True, example="--chunk-size 16"
        ),
        default=16,
        metavar="LINES",
        help="lines sent to a worker at once (default 16)",
    )
    p.add_argument(
        "--shard-lines",
        type=partial(
            parse_number,
            "--shard-lines",
            low=1,
            high=10**12,
            whole=True,
            example="--shard-lines 1000",
        ),
        metavar="N",
        help="cut the output into files of N results each: OUT 'out.jsonl' becomes "
        "out-00000.jsonl, out-00001.jsonl, ... (in input order across them)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=run)


def _options(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OptionsError(
            f"--options is not JSON ({exc.msg})", "give a JSON object, e.g. '{\"sentences\": 2}'"
        ) from exc
    if not isinstance(value, dict):
        raise OptionsError("--options must be a JSON object", "e.g. '{\"sentences\": 2}'")
    return value


def run(args: argparse.Namespace) -> int:
    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    options = BatchOptions(
        task=args.task,
        options=_options(args.options),
        workers=workers,
        dask=args.dask,
        chunk_size=args.chunk_size,
        shard_lines=args.shard_lines,
    )
    files = expand(args.inputs)
    show = not args.no_progress and sys.stderr.isatty()
    report = _Report(files, show)
    try:
        summary = run_batch(args.inputs, args.output, options, report, files)
    except KeyboardInterrupt:
        report.close()
        print("retold: batch: interrupted; run the same command to resume", file=sys.stderr)
        raise
    finally:
        report.close()
    if summary.failed > SHOWN_FAILURES:
        print(
            f"retold: ... and {summary.failed - SHOWN_FAILURES} more failed line(s), "
            f"each an error record in {args.output}",
            file=sys.stderr,
        )
    print(f"retold: batch: {summary.line()}", file=sys.stderr)
    return EXIT_FAILED_LINES if summary.failed else EXIT_OK


class _Report:
    """The progress bar (when shown) and the first failures."""

    def __init__(self, files: Any, show: bool) -> None:
        self._shown = 0
        self._bar: Any = None
        if show:
            from tqdm import tqdm  # type: ignore[import-untyped]

            self._bar = tqdm(total=None, unit=" lines", file=sys.stderr, dynamic_ncols=True)
            # Counting a large corpus takes a while: the bar starts without
            # a total (no ETA) and gets one when the count is in.
            threading.Thread(target=self._count, args=(files,), daemon=True).start()

    def _count(self, files: Any) -> None:
        try:
            total = count_lines(files)
        except Exception:  # an unreadable input fails the run itself, not the bar
            return
        if self._bar is not None:
            self._bar.total = total

    def __call__(self, progress: Progress) -> None:
        for path, line, id_, message in progress.failures:
            if self._shown < SHOWN_FAILURES:
                where = os.path.basename(path)
                if f"line {line}:" not in message and f"record {line} " not in message:
                    where += f" line {line}"
                self._write(f"retold: error: {where} (id {id_}): {message}")
            self._shown += 1
        bar = self._bar
        if bar is None:
            return
        if bar.n == 0 and progress.state.lines > progress.chunk_lines:
            # A resumed run: start the bar where the last one stopped, so
            # the rate and ETA are this run's.
            bar.n = bar.last_print_n = progress.state.lines - progress.chunk_lines
        bar.update(progress.chunk_lines)
        bar.set_postfix(failed=progress.state.failed, refresh=False)

    def _write(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
