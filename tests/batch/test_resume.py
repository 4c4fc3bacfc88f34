"""Resuming: a run killed with SIGKILL and started again writes every line once."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from retold.batch import BatchOptions, run_batch
from retold.batch.inputs import expand
from retold.batch.journal import Journal
from retold.batch.runner import command_of
from retold.errors import OptionsError
from tests.batch.conftest import RETOLD, ids, journal_entries, kill_9_when


def tiny_corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"id": f"t{i}", "text": f"Item {i} is here. It ends."}) + "\n")


def test_kill_9_midway_then_the_same_command_writes_each_line_once(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 2000)
    out = tmp_path / "out.jsonl"
    command = [*RETOLD, "batch", str(corpus), "-o", str(out), "--task", "segment"]
    command += ["--workers", "2", "--chunk-size", "2"]
    journal = tmp_path / "out.jsonl.journal"
    kill_9_when(command, lambda: journal_entries(journal) >= 60)
    assert not out.exists() and (tmp_path / "out.jsonl.part").exists()

    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "resumed after" in again.stderr
    assert ids(out) == [f"t{i}" for i in range(2000)]
    reference = tmp_path / "reference.jsonl"
    run_batch([str(corpus)], str(reference), BatchOptions(task="segment", workers=0))
    assert out.read_bytes() == reference.read_bytes()
    assert not journal.exists()


def test_a_torn_journal_line_and_unjournalled_results_are_dropped(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 40)
    out = tmp_path / "out.jsonl"
    options = BatchOptions(task="segment", workers=0, chunk_size=5)
    reference = tmp_path / "reference.jsonl"
    run_batch([str(corpus)], str(reference), options)

    # A crash as it can look on disk: some chunks journalled, results of a
    # later chunk in the part file but not journalled, a half-written entry.
    files = expand([str(corpus)])
    journal = Journal.open(str(out), command_of(files, options))
    lines = reference.read_bytes().splitlines(keepends=True)
    journal.write(lines[:10])
    offset = sum(len(raw) for raw in corpus.read_bytes().splitlines(keepends=True)[:10])
    journal.commit(replace(journal.state, line=11, offset=offset, done=10))
    journal.write(lines[10:13])
    journal.close()
    with open(str(out) + ".journal", "a", encoding="utf-8") as torn:
        torn.write('{"file": 0, "line": 16, "off')

    summary = run_batch([str(corpus)], str(out), options)
    assert summary.resumed == 10
    assert out.read_bytes() == reference.read_bytes()


def test_a_journal_of_another_command_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 10)
    out = tmp_path / "out.jsonl"
    Journal.open(
        str(out), command_of(expand([str(corpus)]), BatchOptions(task="summarize"))
    ).close()
    with pytest.raises(OptionsError, match="another batch run"):
        run_batch([str(corpus)], str(out), BatchOptions(task="segment", workers=0))


def test_two_runs_cannot_write_one_output(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 10)
    out = tmp_path / "out.jsonl"
    options = BatchOptions(task="segment", workers=0)
    held = Journal.open(str(out), command_of(expand([str(corpus)]), options))
    try:
        with pytest.raises(OptionsError, match="another batch run is writing"):
            run_batch([str(corpus)], str(out), options)
    finally:
        held.close()


def test_a_missing_part_file_is_named(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 10)
    out = tmp_path / "out.jsonl"
    options = BatchOptions(task="segment", workers=0)
    Journal.open(str(out), command_of(expand([str(corpus)]), options)).close()
    os.unlink(str(out) + ".part")
    with pytest.raises(OptionsError, match="missing"):
        run_batch([str(corpus)], str(out), options)


def test_shards_hold_n_results_each_and_survive_a_crash_at_a_shard_boundary(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 23)
    whole = tmp_path / "whole.jsonl"
    run_batch([str(corpus)], str(whole), BatchOptions(task="segment", workers=0))
    options = BatchOptions(task="segment", workers=0, chunk_size=4, shard_lines=10)
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(corpus)], str(out), options)
    assert summary.output == str(tmp_path / "out-*.jsonl")
    shards = sorted(tmp_path.glob("out-*.jsonl"))
    assert [p.name for p in shards] == ["out-00000.jsonl", "out-00001.jsonl", "out-00002.jsonl"]
    assert [len(p.read_bytes().splitlines()) for p in shards] == [10, 10, 3]
    assert b"".join(p.read_bytes() for p in shards) == whole.read_bytes()

    # Killed just after shard 0 was renamed into place, before the journal
    # said so: the journalled state is 8 results into shard 0.
    for p in shards:
        p.unlink()
    lines = whole.read_bytes().splitlines(keepends=True)
    journal = Journal.open(str(out), command_of(expand([str(corpus)]), options), 10)
    journal.write(lines[:8])
    offset = sum(len(raw) for raw in corpus.read_bytes().splitlines(keepends=True)[:8])
    journal.commit(replace(journal.state, line=9, offset=offset, done=8))
    journal.write(lines[8:12])  # fills shard 0, renames it, starts shard 1
    journal.close()
    assert (tmp_path / "out-00000.jsonl").exists()
    summary = run_batch([str(corpus)], str(out), options)
    assert summary.resumed == 8
    again = sorted(tmp_path.glob("out-*.jsonl"))
    assert [len(p.read_bytes().splitlines()) for p in again] == [10, 10, 3]
    assert b"".join(p.read_bytes() for p in again) == whole.read_bytes()
    assert not list(tmp_path.glob("*.part"))


def test_options_given_as_tuples_resume_their_own_journal(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    tiny_corpus(corpus, 10)
    out = tmp_path / "out.jsonl"
    options = BatchOptions(task="rewrite", options={"backends": ("rules",)}, workers=0)
    Journal.open(str(out), command_of(expand([str(corpus)]), options)).close()
    run_batch([str(corpus)], str(out), options)
    assert ids(out) == [f"t{i}" for i in range(10)]
