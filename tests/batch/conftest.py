"""Small JSONL corpora for the batch tests, written as a user would have them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
