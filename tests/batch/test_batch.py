"""Batch runs for real: order, error records, compressed inputs, workers, the CLI."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard

from retold import jobs
from retold.batch import BatchOptions, expand, run_batch
from retold.errors import OptionsError
from tests.batch.conftest import ids, line

RETOLD = [sys.executable, "-m", "retold.cli"]


def test_results_in_input_order_with_an_error_record_per_bad_line(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(mixed)], str(out), BatchOptions(task="segment", workers=0))
    records = [json.loads(raw) for raw in out.read_text(encoding="utf-8").splitlines()]
    # One result per non-blank line, in order; the blank line 7 gives none.
    assert [r["id"] for r in records] == [
        "a0", "a1", "3", "a3", "5", "a5", "a7", "a8", "a9", "a10", "a11",
    ]  # fmt: skip
    errors = {r["line"]: r for r in records if "error" in r}
    assert sorted(errors) == [3, 5, 9, 11]
    assert "not valid JSON" in errors[3]["error"]["message"]
    assert "not valid UTF-8" in errors[5]["error"]["message"]
    assert errors[9]["error"]["code"] == "E120"  # no text field
    assert errors[11]["error"]["code"] == "E101"  # an empty document
    assert all(r["file"] == str(mixed) for r in errors.values())
    assert (summary.done, summary.failed, summary.skipped) == (11, 4, 1)
    # A good line's result is exactly the jobs layer's (and so `--jsonl`'s).
    good = [r for r in records if "error" not in r]
    expected = [
        r.data
        for r in jobs.run_records(jobs.SegmentRequest(), mixed.read_bytes().splitlines())
        if r.error is None
    ]
    assert good == expected
    assert not (tmp_path / "out.jsonl.part").exists()
    assert not (tmp_path / "out.jsonl.journal").exists()


def test_gzip_and_zstd_inputs_read_as_plain(tmp_path: Path) -> None:
    data = b"".join(line(i) for i in range(7))
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(data)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl.gz").write_bytes(gzip.compress(data))
    # Two zstd frames, as pzstd (or cat of two .zst files) writes them: both are read.
    half = data.index(b"\n", len(data) // 2) + 1
    frames = [zstandard.ZstdCompressor().compress(part) for part in (data[:half], data[half:])]
    (folder / "b.jsonl.zst").write_bytes(b"".join(frames))
    (folder / "notes.txt").write_text("not an input")
    options = BatchOptions(task="summarize", options={"sentences": 1}, workers=0, chunk_size=3)
    run_batch([str(plain)], str(tmp_path / "plain.out"), options)
    run_batch([str(folder)], str(tmp_path / "both.out"), options)
    expected = (tmp_path / "plain.out").read_bytes()
    assert (tmp_path / "both.out").read_bytes() == expected * 2
    # A glob names files in sorted order; each file's line numbers are its own.
    assert [Path(f.path).name for f in expand([str(folder / "*.jsonl.*")])] == [
        "a.jsonl.gz",
        "b.jsonl.zst",
    ]


def test_worker_processes_give_the_in_process_output(mixed: Path, tmp_path: Path) -> None:
    options = BatchOptions(task="segment", workers=0, chunk_size=2)
    run_batch([str(mixed)], str(tmp_path / "one.out"), options)
    two = BatchOptions(task="segment", workers=2, chunk_size=2)
    summary = run_batch([str(mixed)], str(tmp_path / "two.out"), two)
    assert summary.workers == 2
    assert (tmp_path / "two.out").read_bytes() == (tmp_path / "one.out").read_bytes()


def test_options_are_checked_before_any_input_is_read(tmp_path: Path) -> None:
    with pytest.raises(OptionsError, match="sentences"):
        BatchOptions(task="summarize", options={"sentence": 2})
    with pytest.raises(OptionsError, match="choose from"):
        BatchOptions(task="translate")


def test_cli_batch_reports_failed_lines_and_exits_2(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.out"
    done = subprocess.run(
        [*RETOLD, "batch", str(mixed), "-o", str(out), "--task", "segment", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[-1].startswith("retold: batch: 11 done, 4 failed, 1 skipped")
    assert sum(line.startswith("retold: error: mixed.jsonl") for line in lines) == 4
    assert ids(out)[:3] == ["a0", "a1", "3"]
