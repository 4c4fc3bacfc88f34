"""FIFOs and devices named as a path: each wait for data is bounded (issue 15).

Before, a FIFO that no one wrote to made every command wait forever (the
open itself blocked). Now a path that is a FIFO or a device must give data
within ``--timeout`` seconds (``IngestOptions.timeout``), or the command
stops with [E106]. Regular files are unchanged, and standard input (``-``)
still waits for its writer, as any filter does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from retold.cli import main
from retold.errors import EmptyInputError, InputTooLargeError, StalledInputError
from retold.ingest.loader import IngestOptions, load

TEXT = "Dr. Ruiz arrived on Monday. She spoke for 20 minutes.\n"
QUICK = IngestOptions(timeout=0.5)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "article.fifo"
    os.mkfifo(path)
    return path


class Writer:
    """A thread that opens the FIFO, waits, writes, and then closes it or
    (``hold``) keeps it open, silent, until the test ends."""

    def __init__(self, path: Path, data: bytes, *, delay: float = 0.0, hold: bool = False):
        self.path = path
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(data, delay, hold), daemon=True)
        self.thread.start()

    def _run(self, data: bytes, delay: float, hold: bool) -> None:
        # A writer that holds the FIFO opens it read-write, so that it needs
        # no reader to open; one that closes opens write-only and waits for
        # the reader, or the pipe (and what was written) would go with it.
        fd = os.open(self.path, os.O_RDWR if hold else os.O_WRONLY)
        try:
            time.sleep(delay)
            if data:
                os.write(fd, data)
            if hold:
                self.stop.wait(30)
        finally:
            os.close(fd)

    def close(self) -> None:
        self.stop.set()
        if self.thread.is_alive():
            # a writer still waiting for a reader in open(): be that reader
            os.close(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK))
        self.thread.join(30)


@pytest.fixture
def writers() -> Iterator[list[Writer]]:
    started: list[Writer] = []
    yield started
    for writer in started:
        writer.close()


def test_a_fifo_nobody_writes_to_is_an_error_not_a_hang(fifo: Path) -> None:
    with pytest.raises(StalledInputError) as info:
        load(str(fifo), QUICK)
    assert str(info.value).startswith(f"[E106] {fifo} gave no data for 0.5 s")
    assert "--timeout" in str(info.value)


def test_a_writer_that_opens_and_says_nothing_is_an_error(
    fifo: Path, writers: list[Writer]
) -> None:
    writers.append(Writer(fifo, b"", hold=True))
    with pytest.raises(StalledInputError):
        load(str(fifo), QUICK)


def test_a_writer_that_stops_half_way_is_an_error(fifo: Path, writers: list[Writer]) -> None:
    writers.append(Writer(fifo, TEXT.encode()[:20], hold=True))
    with pytest.raises(StalledInputError):
        load(str(fifo), QUICK)


def test_a_fifo_that_is_written_is_read_whole(fifo: Path, writers: list[Writer]) -> None:
    # the writer comes a little later than the reader, well within the timeout
    writers.append(Writer(fifo, TEXT.encode(), delay=0.2))
    article = load(str(fifo), IngestOptions(timeout=30))
    assert article.text == TEXT


def test_devices_end_or_hit_the_size_limit() -> None:
    with pytest.raises(EmptyInputError):
        load("/dev/null", QUICK)
    with pytest.raises(InputTooLargeError):
        load("/dev/zero", IngestOptions(timeout=0.5, max_bytes=1 << 16))


def test_the_command_line_names_the_fifo_and_exits_2(
    fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["segment", str(fifo), "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"retold: error: [E106] {fifo} gave no data for 0.5 s"), err
    assert err.count("\n") == 1


def test_jsonl_from_a_silent_fifo_is_an_error(
    fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["segment", "--jsonl", str(fifo), "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"[E106] {fifo} gave no data for 0.5 s" in err


def test_jsonl_from_a_fifo_is_read_line_by_line(
    fifo: Path, writers: list[Writer], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = b"".join(json.dumps({"id": f"a{i}", "text": TEXT}).encode() + b"\n" for i in range(3))
    writers.append(Writer(fifo, lines))
    code = main(["segment", "--jsonl", str(fifo), "--timeout", "30"])
    out = capsys.readouterr().out
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a0", "a1", "a2"]


def test_standard_input_from_a_pipe_still_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "retold.cli", "segment", "-", "--format", "text"],
        input=TEXT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Dr. Ruiz arrived on Monday.", "She spoke for 20 minutes."]
    assert done.stderr == ""  # no terminal: no note about Ctrl-D
