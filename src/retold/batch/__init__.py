"""Batch runs: millions of JSONL articles through one command, resumable.

``run_batch(inputs, output, BatchOptions(task="summarize", workers=2))``
reads JSONL files, globs or folders (gzip and zstd too, and WARC crawls:
:mod:`retold.batch.warc`), runs the command's
job (:mod:`retold.jobs`) on every line in worker processes or on a Dask
cluster, and writes one result per line, in input order, to ``output``. A
run killed at any point is resumed by running it again; see
:mod:`retold.batch.journal` for why each line is then written exactly once.
"""

import logging

from retold.batch.inputs import Chunk, InputFile, count_lines, expand
from retold.batch.runner import TASKS, BatchOptions, Progress, Summary, run_batch
from retold.batch.warc import WarcItem
from retold.batch.work import Outcome, Part, process_partition

__all__ = [
    "TASKS",
    "BatchOptions",
    "Chunk",
    "InputFile",
    "Outcome",
    "Part",
    "Progress",
    "Summary",
    "WarcItem",
    "count_lines",
    "expand",
    "process_partition",
    "run_batch",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
