"""What the command line writes for hostile JSONL input: valid UTF-8 JSON, one line each.

The CLI runs as a user runs it (a real process, its output read as bytes),
over one file of hostile lines per command: every line that holds something
gets exactly one output line, in input order, a bad one (a lone surrogate
included) as an error record with its line number; the output is UTF-8 and
every line is valid JSON; the process never reports an internal error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.strategies import long_article

RETOLD = [sys.executable, "-m", "retold.cli"]

_TEXTS = (
    "Police said 12 people were hurt on Oct. 7. The mayor did not comment.",
    "\u202eReversed\u202c text said 3 men fled. “We won’t stop,” she said.",
    "e\u0301\u0301 combining. 👩‍👩‍👧‍👦 emoji family. \u200b\u200bZero width.",
    "NUL \u0000 inside. ESC \u001b[31m red. Done.",
    "x" * 3_000 + ". Then a sentence.",
    long_article(12),
)
_GOOD = [json.dumps({"id": f"t{i}", "text": t}) for i, t in enumerate(_TEXTS)]
_BAD = [
    "{",  # malformed JSON
    "[1, 2]",  # not an object
    '{"id": "n", "text": 3}',  # wrong type
    '{"id": "e", "text": "   "}',  # empty article
    '{"id": "u", "url": "http://127.0.0.1:1/"}',  # private address, refused
    '{"id": "h", "html": "<script>alert(1)</script>"}',  # no article in the page
]
_SURROGATE = '{"id": "s", "text": "A lone \\ud800 surrogate. Then more."}'
_AUDIT_GOOD = [
    json.dumps({"id": f"p{i}", "source": t, "rewrite": t[::-1] if i % 2 else t})
    for i, t in enumerate(_TEXTS[:4])
]
_AUDIT_SURROGATE = '{"id": "s", "source": "A \\udfff b.", "rewrite": "A b."}'


def _run(command: str, lines: list[str], tmp_path: Path) -> tuple[list[dict[str, object]], str]:
    path = tmp_path / f"{command}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [*RETOLD, command, "--jsonl", str(path)],
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr
    assert proc.returncode in (0, 2), stderr
    out = proc.stdout.decode("utf-8")  # strict: the output is UTF-8
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(lines), (len(results), len(lines), stderr[-2000:])
    return results, stderr


@pytest.mark.parametrize("command", ["segment", "facts", "summarize", "rewrite"])
def test_every_line_gets_valid_json_in_order(command: str, tmp_path: Path) -> None:
    lines = [x for pair in zip(_GOOD, _BAD, strict=True) for x in pair] + [_SURROGATE, _GOOD[0]]
    results, stderr = _run(command, lines, tmp_path)
    for n, (line, result) in enumerate(zip(lines, results, strict=True), 1):
        if line in _BAD or line == _SURROGATE:
            assert "error" in result, result
            assert str(result["error"]["message"]).startswith("["), result  # type: ignore[index]
            assert f"line {n}" in stderr
        else:
            assert "error" not in result, result
            assert result["id"] == json.loads(line)["id"]


def test_audit_pairs_get_valid_json_in_order(tmp_path: Path) -> None:
    lines = [*_AUDIT_GOOD[:2], "{", _AUDIT_SURROGATE, '{"id": "r"}', *_AUDIT_GOOD[2:]]
    results, _ = _run("audit", lines, tmp_path)
    assert [r.get("id") for r in results[:2] + results[5:]] == ["p0", "p1", "p2", "p3"]
    assert all("error" not in r for r in results[:2] + results[5:])
    assert all("error" in r for r in results[2:5])
