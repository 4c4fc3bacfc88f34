"""``retold batch`` loses no line to a bad one (issue 15).

Before, a lone surrogate escaped in one line ("\\ud800") stopped the whole
run with an internal UnicodeEncodeError and wrote nothing; a byte-order mark
made line 1 an error. Now each bad line is an error record with its file and
line, the others are processed in order, and the exit status is 2.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

from retold.ingest.records import lone_surrogate
from tests.batch.conftest import line

RETOLD = [sys.executable, "-m", "retold.cli"]


def test_surrogates_and_a_byte_order_mark_cost_only_their_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        codecs.BOM_UTF8
        + line(0)
        + b'{"id": "a1", "text": "a lone \\ud800 escaped"}\n'
        + b'{"id": "a2", "text": "a lone \xed\xa0\x80 raw"}\n'
        + b'{"id": "a3", "text": "a pair \\ud83d\\ude00 is fine. It is."}\n'
        + line(4)
    )
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [*RETOLD, "batch", str(source), "-o", str(out), "--task", "segment", "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    records = [json.loads(raw) for raw in out.read_bytes().decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a0", "2", "3", "a3", "a4"]
    assert all(lone_surrogate(r) is None for r in records)
    assert "lone surrogate" in records[1]["error"]["message"] and records[1]["line"] == 2
    assert "not valid UTF-8" in records[2]["error"]["message"] and records[2]["line"] == 3
    assert records[3]["sentences"][0]["text"].startswith("a pair \U0001f600")


def test_a_fifo_is_refused_as_a_batch_input(tmp_path: Path) -> None:
    fifo = tmp_path / "lines.fifo"
    os.mkfifo(fifo)
    done = subprocess.run(
        [*RETOLD, "batch", str(fifo), "-o", str(tmp_path / "out.jsonl"), "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "[E105]" in done.stderr and "not a regular file (a FIFO or a device)" in done.stderr
