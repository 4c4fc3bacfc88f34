"""The README's promises that code can keep: its issue-code table lists the
catalogue exactly."""

from __future__ import annotations

import re

import pytest

from retold.audit.catalogue import CATALOGUE
from tests.paths import README


def test_issue_code_table_matches_the_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Audit issue codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([FT]\d{3})` \| (\w+) \| (\w+) \| ([^|]+) \|", section, re.M)
    listed = [(code, kind, severity, title.strip()) for code, kind, severity, title in rows]
    expected = [(t.code, t.kind, t.severity, t.title) for t in CATALOGUE]
    assert listed == expected


def _python_snippets(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)


def test_every_python_snippet_of_the_readme_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    snippets = _python_snippets(README.read_text(encoding="utf-8"))
    assert len(snippets) >= 2
    monkeypatch.chdir(README.parent)
    for snippet in snippets:
        exec(compile(snippet, str(README), "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    # The audit example must find the changed number and nothing about the date.
    assert "('F101', 'error')" in printed
    assert "F111" not in printed
