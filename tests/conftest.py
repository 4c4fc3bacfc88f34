"""Fixtures every test package shares: the repository's paths and example article.

Markers (registered in pyproject.toml): ``smollm`` for tests that load the
small language model (llama.cpp and SmolLM2), ``browser`` for tests that
drive headless Chromium. Both run in CI; select or skip them with ``-m``.
"""

from __future__ import annotations

import pytest

from retold.data import Article
from retold.ingest import load
from tests.paths import EXAMPLE


@pytest.fixture(scope="session")
def example_article() -> Article:
    """examples/harbor-bridge.txt, loaded as the CLI loads it."""
    return load(str(EXAMPLE))
