from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.service.server import Server, running


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the web page in headless Chromium")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The service as a user starts it: default limits, private addresses refused."""
    with running() as srv:
        yield srv
