"""The README's promises that code can keep: its issue-code table lists the
catalogue exactly."""

from __future__ import annotations

import re
from pathlib import Path

from retold.audit.catalogue import CATALOGUE

README = Path(__file__).resolve().parent.parent / "README.md"


def test_issue_code_table_matches_the_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Audit issue codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([FT]\d{3})` \| (\w+) \| (\w+) \| ([^|]+) \|", section, re.M)
    listed = [(code, kind, severity, title.strip()) for code, kind, severity, title in rows]
    expected = [(t.code, t.kind, t.severity, t.title) for t in CATALOGUE]
    assert listed == expected
