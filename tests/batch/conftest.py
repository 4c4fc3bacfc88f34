"""Small JSONL corpora for the batch tests, written as a user would have them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import psutil
import pytest

RETOLD = [sys.executable, "-m", "retold.cli"]

TEXTS = (
    "Dr. Ruiz arrived at 9 a.m. on Monday. She spoke for 20 minutes.",
    "The council approved $4.5 million for the bridge. Work starts in May.",
    "Police said no one was hurt. The road reopened at noon.",
)


def line(i: int) -> bytes:
    return json.dumps({"id": f"a{i}", "text": TEXTS[i % 3] + f" Item {i}."}).encode() + b"\n"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Twelve lines: good articles and, in place, each kind of bad line."""
    lines = [line(i) for i in range(12)]
    lines[2] = b"{not json\n"  # invalid JSON
    lines[4] = b'{"id": "a\xff4", "text": "x"}\n'  # invalid UTF-8 on this line only
    lines[6] = b"\n"  # blank: skipped
    lines[8] = b'{"id": "a8"}\n'  # no text
    lines[10] = b'{"id": "a10", "text": "   "}\n'  # a document that fails (empty)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join(lines))
    return path


def ids(path: Path) -> list[str]:
    return [json.loads(raw)["id"] for raw in path.read_text(encoding="utf-8").splitlines()]


def journal_entries(path: Path) -> int:
    """How many chunks a run's journal records (its first line is the header)."""
    try:
        return path.read_bytes().count(b"\n") - 1
    except FileNotFoundError:
        return 0


def kill_9_when(command: Sequence[str], ready: Callable[[], bool]) -> None:
    """Start ``command`` (a batch run), kill it with SIGKILL as soon as
    ``ready()`` holds, and wait until its worker processes are gone too."""
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not ready() and run.poll() is None:
        assert time.monotonic() < deadline, "the run wrote no progress"
        time.sleep(0.02)
    workers = psutil.Process(run.pid).children(recursive=True)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=10)
    assert run.returncode == -signal.SIGKILL, "the run ended before it was killed"
    # Orphaned workers notice the parent is gone and stop.
    # A worker still importing when the parent died stops once it starts
    # (it is given the parent's pid); under load that can take a while.
    _gone, alive = psutil.wait_procs(workers, timeout=60)
    assert not alive
