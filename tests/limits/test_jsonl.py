"""``--jsonl`` in every command: a bad line is an error record for that line,
every other line is processed and written in order, and the exit status is
2 (issue 15).

Before: a lone surrogate (``"\\ud800"``) was an internal UnicodeEncodeError
and the lines after it got no output; one invalid UTF-8 byte refused the
whole file ([E100]); a byte-order mark made line 1 invalid JSON; a document
that raised anything but a retold error stopped the run.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from retold import backends
from retold.backends import Backend, Candidate, GenerateOptions, SentenceContext
from retold.cli import main
from retold.ingest.records import lone_surrogate

TEXT = "Dr. Ruiz arrived at 9 a.m. on Monday. She spoke for 20 minutes."
REWRITE = "At 9 a.m. on Monday, Dr. Ruiz arrived. She spoke for 20 minutes."


def _good(command: str, id_: str) -> dict[str, str]:
    if command == "audit":
        return {"id": id_, "source": TEXT, "rewrite": REWRITE}
    return {"id": id_, "text": TEXT}


def _line(obj: object) -> bytes:
    return json.dumps(obj).encode() + b"\n"


def _bad_file(command: str, path: Path) -> dict[int, str]:
    """Write a JSONL file with each kind of bad line; return {line: what is wrong}."""
    field = "rewrite" if command == "audit" else "text"
    lines = [
        codecs.BOM_UTF8 + _line(_good(command, "a1")),  # 1: a BOM before line 1
        _line(_good(command, "a2")),
        b'{"id": "a3", "%s": "bad \xff byte"}\n' % field.encode(),  # 3: not UTF-8
        b'{"id": "a4", "%s": "lone \\ud800 escaped"}\n' % field.encode(),  # 4
        b'{"id": "a5", "%s": "lone \xed\xa0\x80 raw"}\n' % field.encode(),  # 5
        b'{"id": "a6", "%s": \n' % field.encode(),  # 6: malformed JSON
        b"[1, 2]\n",  # 7: not an object
        _line({"id": "a8", field: "   "}),  # 8: a document that fails (empty)
        b"\n",  # 9: blank, skipped
        _line(_good(command, "a10")),
        _line(
            {"id": "\U0001f600 a11", **{k: v for k, v in _good(command, "").items() if k != "id"}}
        ),
    ]
    path.write_bytes(b"".join(lines))
    return {
        3: "not valid UTF-8",
        4: "lone surrogate",
        5: "not valid UTF-8",
        6: "not valid JSON",
        7: "expected a JSON object",
        8: "empty",
    }


def _records(out: bytes) -> list[dict[str, Any]]:
    text = out.decode("utf-8")  # strict: the output is valid UTF-8
    records = [json.loads(line) for line in text.splitlines()]
    for record in records:
        assert lone_surrogate(record) is None, record
    return records


@pytest.mark.parametrize("command", ["segment", "facts", "summarize", "audit", "rewrite"])
def test_every_bad_line_is_its_own_error_record(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    bad = _bad_file(command, source)
    out = tmp_path / "out.jsonl"
    code = main([command, "--jsonl", str(source), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    records = _records(out.read_bytes())
    # one output line per non-blank input line, in input order
    assert [r["id"] for r in records] == [
        "a1", "a2", "3", "4", "5", "6", "7", "a8", "a10", "\U0001f600 a11"
    ]  # fmt: skip
    for record in records:
        if "error" in record:
            reason = bad[record["line"]]
            assert record["error"]["message"].startswith("[E1"), record
            assert f"line {record['line']}" in record["error"]["message"] or record["line"] == 8
            assert reason in record["error"]["message"], record
        else:
            assert record["id"] in {"a1", "a2", "a10", "\U0001f600 a11"}
    assert sorted(r["line"] for r in records if "error" in r) == sorted(bad)
    assert "Traceback" not in err and "internal error" not in err
    assert err.strip().splitlines()[-1] == ("retold: 6 line(s) failed; the others were processed")


def test_the_program_writes_valid_utf8_and_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _bad_file("segment", source)
    done = subprocess.run(
        [sys.executable, "-m", "retold.cli", "segment", "--jsonl", "-"],
        input=source.read_bytes(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    records = _records(done.stdout)
    assert len(records) == 10
    assert b"Traceback" not in done.stderr


class _Crash(Backend):
    """A plugin backend with a bug: it raises on sentences that say CRASH."""

    name = "crash-on-word"

    def candidates_many(
        self, contexts: Sequence[SentenceContext], options: GenerateOptions
    ) -> list[tuple[Candidate, ...]]:
        if any("CRASH" in c.text for c in contexts):
            raise ZeroDivisionError("a plugin's bug")
        return [() for _ in contexts]


@pytest.fixture
def crash_backend() -> Iterator[str]:
    backends.register(_Crash)
    try:
        yield _Crash.name
    finally:
        backends.unregister(_Crash.name)


def test_a_document_that_fails_for_any_reason_costs_only_its_line(
    crash_backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        _line({"id": "a1", "text": TEXT})
        + _line({"id": "a2", "text": "The CRASH came at noon. Nobody was hurt."})
        + _line({"id": "a3", "text": TEXT})
    )
    code = main(["rewrite", "--jsonl", str(source), "--backend", crash_backend])
    out, err = capsys.readouterr()
    assert code == 2
    records = _records(out.encode("utf-8"))
    assert [r["id"] for r in records] == ["a1", "a2", "a3"]
    assert "sentences" in records[0] and "sentences" in records[2]
    assert records[1]["line"] == 2
    assert records[1]["error"]["code"] == "E900"
    assert "internal error: ZeroDivisionError: a plugin's bug" in records[1]["error"]["message"]
    assert "Traceback" not in err
