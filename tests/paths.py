"""Where the tests find the repository's files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "harbor-bridge.txt"
README = ROOT / "README.md"
