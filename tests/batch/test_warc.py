"""WARC input (issue 14): each HTML or plain-text 200 response is one article.

The WARC files are real, written with warcio's WARCWriter: plain and gzip
(one member per record), with records that are no article (warcinfo, a
request, an image, a 404) and gzip members cut short.
"""

from __future__ import annotations

import gzip
import json
import struct
import subprocess
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
import zstandard

from retold import jobs
from retold.batch import BatchOptions, WarcItem, expand, run_batch
from retold.batch.inputs import chunks
from retold.batch.journal import Journal
from retold.batch.runner import command_of
from retold.errors import InputError, OptionsError
from retold.ingest.loader import article_from_bytes
from tests.batch import warcs
from tests.batch.conftest import RETOLD, ids, journal_entries, kill_9_when


def compressed(plain: list[bytes], form: str) -> bytes:
    """Plain WARC records as a file of ``form`` holds them."""
    if form == "warc.gz":  # one gzip member per record, as warcio writes it
        return b"".join(gzip.compress(record) for record in plain)
    if form == "warc.zst":
        return warcs.zstd_frames(plain)
    if form == "warc.zst-one-frame":  # as `zstd crawl.warc` writes it
        return zstandard.ZstdCompressor().compress(b"".join(plain))
    return b"".join(plain)


def results(path: Path) -> list[dict[str, object]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines()]


def test_each_html_or_text_response_is_one_article(tmp_path: Path) -> None:
    plain = warcs.write(tmp_path / "crawl.warc", gzip=False)
    packed = warcs.write(tmp_path / "crawl.warc.gz", gzip=True)
    options = BatchOptions(task="segment", workers=0, chunk_size=3)
    summary = run_batch([str(plain)], str(tmp_path / "plain.out"), options)
    assert (summary.done, summary.failed, summary.skipped) == (3, 0, warcs.SKIPPED)
    assert ids(tmp_path / "plain.out") == warcs.DOCUMENTS
    run_batch([str(packed)], str(tmp_path / "packed.out"), options)
    assert (tmp_path / "packed.out").read_bytes() == (tmp_path / "plain.out").read_bytes()

    bridge, cafe, note = results(tmp_path / "plain.out")
    texts = [s["text"] for s in bridge["sentences"]]  # type: ignore[index]
    assert (
        texts[0] == "The city council voted 7-2 on Tuesday to close the Harbor Bridge for repairs."
    )
    assert not any("scroll to top" in t or "Sport" in t for t in texts)
    assert "café on Main Street" in cafe["sentences"][0]["text"]  # type: ignore[index]
    assert [s["text"] for s in note["sentences"]] == [  # type: ignore[index]
        "Police said no one was hurt.",
        "The road reopened at noon.",
    ]
    # The same ingest path as a page fetched from that URL.
    article = article_from_bytes(warcs.BRIDGE.encode(), url=warcs.DOCUMENTS[0])
    assert bridge == jobs.segment(jobs.SegmentRequest(id=warcs.DOCUMENTS[0], article=article))


def test_a_folder_of_warc_and_jsonl_and_worker_processes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    warcs.write(folder / "a.warc.gz", gzip=True)
    (folder / "b.jsonl").write_text(json.dumps({"id": "j1", "text": warcs.NOTE}) + "\n")
    assert [f.kind for f in expand([str(folder)])] == ["warc", "jsonl"]
    local = BatchOptions(task="summarize", options={"sentences": 1}, workers=0, chunk_size=2)
    run_batch([str(folder)], str(tmp_path / "one.out"), local)
    assert ids(tmp_path / "one.out") == [*warcs.DOCUMENTS, "j1"]
    two = replace(local, workers=2)
    summary = run_batch([str(folder)], str(tmp_path / "two.out"), two)
    assert summary.skipped == warcs.SKIPPED
    assert (tmp_path / "two.out").read_bytes() == (tmp_path / "one.out").read_bytes()


def test_a_truncated_gzip_member_is_an_error_record_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    members = warcs.members(gzip=True)
    # Record 3 (the bridge page) cut in the middle, the others after it whole.
    cut = members[2][: len(members[2]) // 2]
    offset = sum(len(m) for m in members[:2])
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"".join(members[:2]) + cut + b"".join(members[3:]))
    # And a file that ends inside its last member (a crawler killed mid-write).
    ending = tmp_path / "ending.warc.gz"
    ending.write_bytes(b"".join(members[:-1]) + members[-1][:-20])
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [*RETOLD, "batch", str(broken), str(ending), "-o", str(out), "--task", "summarize",
         "--workers", "0"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith(
        "retold: batch: 6 done, 2 failed, 8 skipped (blank or no article)"
    )
    records = results(out)
    assert [r["id"] for r in records] == [
        "record 3", warcs.DOCUMENTS[1], warcs.DOCUMENTS[2],  # broken.warc.gz
        warcs.DOCUMENTS[0], warcs.DOCUMENTS[1], "record 7",  # ending.warc.gz
    ]  # fmt: skip
    first, last = records[0], records[-1]
    assert first["file"] == str(broken) and first["line"] == 3 and first["offset"] == offset
    assert first["error"]["code"] == "E100"  # type: ignore[index]
    assert f"record 3 (offset {offset}): its gzip member is " in first["error"]["message"]  # type: ignore[index]
    assert last["line"] == 7 and last["offset"] == sum(len(m) for m in members[:-1])
    assert "cut short (the file ends inside it)" in last["error"]["message"]  # type: ignore[index]
    assert all("error" not in r for r in records[1:-1])


def test_a_truncated_plain_record_at_the_end_is_an_error_record(tmp_path: Path) -> None:
    members = warcs.members(gzip=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(members[:-1]) + members[-1][:-30])
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(path)], str(out), BatchOptions(task="segment", workers=0))
    assert (summary.done, summary.failed) == (3, 1)
    last = results(out)[-1]
    assert last["line"] == 7 and last["offset"] == sum(len(m) for m in members[:-1])
    assert "is cut short" in last["error"]["message"]  # type: ignore[index]


def test_a_record_without_content_length_is_an_error_record_not_the_rest_of_the_file(
    tmp_path: Path,
) -> None:
    # Read as warcio reads it, such a record's body would run to the end of
    # the file and hide every record after it.
    members = warcs.members(gzip=False)
    bad = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: x\r\n\r\n<p>lost</p>\r\n\r\n"
    path = tmp_path / "bad.warc"
    path.write_bytes(b"".join(members[:3]) + bad + b"".join(members[3:]))
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(path)], str(out), BatchOptions(task="segment", workers=0))
    assert (summary.done, summary.failed, summary.skipped) == (4, 1, warcs.SKIPPED)
    records = results(out)
    assert [r["id"] for r in records] == [warcs.DOCUMENTS[0], "record 4", *warcs.DOCUMENTS[1:]]
    assert records[1]["offset"] == sum(len(m) for m in members[:3])
    assert "no valid Content-Length header" in records[1]["error"]["message"]  # type: ignore[index]


def test_a_warc_gz_in_one_gzip_stream_says_to_recompress_it(tmp_path: Path) -> None:
    path = tmp_path / "single.warc.gz"
    path.write_bytes(gzip.compress(b"".join(warcs.members(gzip=False))))
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(path)], str(out), BatchOptions(task="segment", workers=0))
    assert (summary.done, summary.failed) == (1, 1)
    assert "warcio recompress" in results(out)[0]["error"]["message"]  # type: ignore[index]


@pytest.mark.parametrize("form", ["warc.gz", "warc", "warc.zst", "warc.zst-one-frame"])
def test_a_run_killed_between_chunks_resumes_at_the_next_record(tmp_path: Path, form: str) -> None:
    # Four crawls in one file: twelve articles among sixteen skipped records.
    path = tmp_path / f"crawl.{form}"
    path.write_bytes(compressed(warcs.members(gzip=False) * 4, form))
    options = BatchOptions(task="segment", workers=0, chunk_size=5)
    reference = tmp_path / "reference.jsonl"
    run_batch([str(path)], str(reference), options)
    assert len(ids(reference)) == 12

    # A crash as it looks on disk: two chunks (records 1-10) journalled, a
    # result of the third written but not journalled.
    files = expand([str(path)])
    first, second = list(chunks(files, 5))[:2]
    out = tmp_path / "out.jsonl"
    journal = Journal.open(str(out), command_of(files, options))
    lines = reference.read_bytes().splitlines(keepends=True)
    journal.write(lines[:4])  # records 1-10 hold four articles (3, 6, 7 and 10)
    journal.commit(
        replace(journal.state, line=second.next_line, offset=second.end_offset, done=4, skipped=6)
    )
    journal.write(lines[4:5])
    journal.close()
    # On disk, but in the decompressed stream when the file is one zstd frame.
    end = len(b"".join(warcs.members(gzip=False) * 4)) if form.endswith("frame") else None
    assert first.end_offset < second.end_offset < (end or path.stat().st_size)

    summary = run_batch([str(path)], str(out), options)
    assert summary.resumed == 10
    assert out.read_bytes() == reference.read_bytes()
    assert (summary.done, summary.skipped) == (12, 16)


def test_warc_input_is_refused_for_audit(tmp_path: Path) -> None:
    path = warcs.write(tmp_path / "crawl.warc", gzip=False)
    with pytest.raises(OptionsError, match="source and rewrite pairs"):
        run_batch([str(path)], str(tmp_path / "out"), BatchOptions(task="audit", workers=0))


def test_without_warcio_a_warc_input_says_how_to_install_it(tmp_path: Path) -> None:
    path = warcs.write(tmp_path / "crawl.warc.gz", gzip=True)
    # As if warcio were not installed: an import of it fails.
    argv = ["batch", str(path), "-o", str(tmp_path / "out"), "--workers", "0"]
    script = (
        "import sys; sys.modules['warcio'] = None; from retold.cli import main; "
        f"sys.exit(main({argv!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "[E200] reading WARC input needs the warcio package" in done.stderr
    assert "pip install 'retold[warc]'" in done.stderr


def grown(journal: Path, goal: int) -> bool:
    return journal_entries(journal) >= goal


def test_kill_9_at_four_points_of_a_warc_run_then_each_record_once(tmp_path: Path) -> None:
    # Twelve crawls, each of its own site: 84 records, 36 of them articles,
    # 42 chunks: enough that four kills land before the end even when each
    # kill arrives a few chunks after its mark (a quiet machine is fast).
    sites = [f"https://n{i}.example.org" for i in range(12)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(b"".join(warcs.members(True, site)) for site in sites))
    expected = [url for site in sites for url in warcs.documents(site)]

    def command(out: Path) -> list[str]:
        return [*RETOLD, "batch", str(path), "-o", str(out), "--task", "summarize",
                "--workers", "2", "--chunk-size", "2"]  # fmt: skip

    reference = tmp_path / "reference.jsonl"
    whole = subprocess.run(command(reference), capture_output=True, text=True, timeout=300)
    assert whole.returncode == 0, whole.stderr
    assert ids(reference) == expected

    out = tmp_path / "out.jsonl"
    journal, part = tmp_path / "out.jsonl.journal", tmp_path / "out.jsonl.part"
    # Killed as soon as the run has begun, then each time after its journal
    # (and part file) grew by a few more chunks.
    kill_9_when(command(out), journal.exists)
    reached = [journal_entries(journal)]
    for more in (2, 3, 4):
        goal = reached[-1] + more
        kill_9_when(command(out), partial(grown, journal, goal))
        reached.append(journal_entries(journal))
        assert reached[-1] >= goal and part.exists() and not out.exists()
    assert reached[-1] < 42  # chunks in all: the last run has work left

    final = subprocess.run(command(out), capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert "resumed after" in final.stderr
    assert final.stderr.splitlines()[-1].startswith(
        "retold: batch: 36 done, 0 failed, 48 skipped (blank or no article)"
    )
    assert ids(out) == expected
    assert out.read_bytes() == reference.read_bytes()
    assert not journal.exists() and not part.exists()


# --- .warc.zst ----------------------------------------------------------------

# A dictionary as crawlers train one on their own records (zstd --train).
SAMPLES: list[bytes | bytearray | memoryview] = [*warcs.members(gzip=False) * 30]
TRAINED = zstandard.train_dictionary(2048, SAMPLES).as_bytes()


@pytest.mark.parametrize(
    "dictionary, packed",
    [(None, False), (TRAINED, False), (TRAINED, True), (b"".join(warcs.members(False)[:3]), False)],
    ids=["frames", "dictionary", "compressed-dictionary", "raw-content-dictionary"],
)
def test_a_warc_zst_of_one_frame_per_record_reads_as_the_warc(
    tmp_path: Path, dictionary: bytes | None, packed: bool
) -> None:
    plain = warcs.write(tmp_path / "crawl.warc", gzip=False)
    path = tmp_path / "crawl.warc.zst"
    head, frames = warcs.zstd_parts(warcs.members(gzip=False), dictionary, packed)
    path.write_bytes(head + b"".join(frames))
    assert [f.kind for f in expand([str(path)])] == ["warc"]
    options = BatchOptions(task="segment", workers=0, chunk_size=3)
    run_batch([str(plain)], str(tmp_path / "plain.out"), options)
    summary = run_batch([str(path)], str(tmp_path / "zst.out"), options)
    assert (summary.done, summary.failed, summary.skipped) == (3, 0, warcs.SKIPPED)
    assert (tmp_path / "zst.out").read_bytes() == (tmp_path / "plain.out").read_bytes()
    # Offsets are each record's frame on disk (after the dictionary frame).
    items = [item for chunk in chunks(expand([str(path)]), 3) for item in chunk.lines]
    starts = [len(head) + len(b"".join(frames[:i])) for i in range(len(frames))]
    assert [item.offset for item in items if isinstance(item, WarcItem)] == starts


def test_a_warc_zst_in_one_frame_or_cut_anywhere_reads_as_the_warc(tmp_path: Path) -> None:
    data = b"".join(warcs.members(gzip=False))
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(data)
    one = tmp_path / "one.warc.zst"  # as `zstd crawl.warc` writes it
    one.write_bytes(zstandard.ZstdCompressor().compress(data))
    # Frames that end anywhere, not at a record's end (as pzstd writes them).
    cut = tmp_path / "cut.warc.zst"
    cut.write_bytes(
        b"".join(
            zstandard.ZstdCompressor().compress(data[i : i + 700]) for i in range(0, len(data), 700)
        )
    )
    options = BatchOptions(task="segment", workers=0, chunk_size=2)
    run_batch([str(plain)], str(tmp_path / "plain.out"), options)
    for path in (one, cut):
        out = tmp_path / (path.name + ".out")
        summary = run_batch([str(path)], str(out), options)
        assert (summary.done, summary.failed, summary.skipped) == (3, 0, warcs.SKIPPED)
        assert out.read_bytes() == (tmp_path / "plain.out").read_bytes()


def test_a_broken_zstd_frame_is_an_error_record_and_the_rest_is_read(tmp_path: Path) -> None:
    frames = [warcs.zstd_frames([m]) for m in warcs.members(gzip=False)]
    # Record 3's frame (the bridge page) with bytes inside it changed: its
    # checksum no longer holds; and a file that ends inside its last frame.
    bad = bytearray(frames[2])
    bad[len(bad) // 2 : len(bad) // 2 + 8] = b"\xff" * 8
    offset = sum(len(f) for f in frames[:2])
    broken = tmp_path / "broken.warc.zst"
    broken.write_bytes(b"".join(frames[:2]) + bytes(bad) + b"".join(frames[3:]))
    ending = tmp_path / "ending.warc.zst"
    ending.write_bytes(b"".join(frames[:-1]) + frames[-1][:-20])
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        [str(broken), str(ending)], str(out), BatchOptions(task="segment", workers=0)
    )
    assert (summary.done, summary.failed) == (6, 2)
    records = results(out)
    assert [r["id"] for r in records] == [
        "record 3", warcs.DOCUMENTS[1], warcs.DOCUMENTS[2],  # broken.warc.zst
        warcs.DOCUMENTS[0], warcs.DOCUMENTS[1], "record 7",  # ending.warc.zst
    ]  # fmt: skip
    first, last = records[0], records[-1]
    assert first["line"] == 3 and first["offset"] == offset
    assert f"record 3 (offset {offset}): its zstd frame is corrupt" in first["error"]["message"]  # type: ignore[index]
    assert last["line"] == 7 and last["offset"] == sum(len(f) for f in frames[:-1])
    assert "cut short (the file ends inside it)" in last["error"]["message"]  # type: ignore[index]


def test_a_dictionary_that_cannot_be_read_says_so_and_how_to_convert(tmp_path: Path) -> None:
    # The dictionary frame holds a zstd frame cut short (a copy that failed).
    _head, frames = warcs.zstd_parts(warcs.members(gzip=False), TRAINED)
    stored = zstandard.ZstdCompressor().compress(TRAINED)[:-40]
    path = tmp_path / "crawl.warc.zst"
    path.write_bytes(struct.pack("<II", 0x184D2A5D, len(stored)) + stored + b"".join(frames))
    with pytest.raises(InputError, match="dictionary cannot be read") as info:
        run_batch([str(path)], str(tmp_path / "out"), BatchOptions(task="segment", workers=0))
    assert "without a dictionary" in info.value.hint
    done = subprocess.run(
        [*RETOLD, "batch", str(path), "-o", str(tmp_path / "out"), "--workers", "0"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "[E100]" in done.stderr and "whose dictionary cannot be read" in done.stderr
