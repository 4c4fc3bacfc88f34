"""The service's web page given a hostile article: nothing runs, nothing leaves.

``retold serve`` runs as a user starts it; headless Chromium pastes a hostile
page's HTML into the rewrite form and a hostile pair into the audit form.
Every request the page makes must go to the service itself (none to the
loopback beacon the payloads name), no payload may run (title, a global,
dialogs), and the article's facts must show as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.hostile.browser import chromium
from tests.hostile.servers import Loopback, loopback
from tests.hostile.test_pages import SENTENCES, _payloads, page
from tests.service.server import Server, running

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def beacon() -> Iterator[Loopback]:
    with loopback() as server:
        server.fallback = lambda h: h.send(200, b"", "text/plain")
        yield server


@pytest.fixture(scope="module")
def service() -> Iterator[Server]:
    with running() as server:
        yield server


def test_the_service_page_runs_no_payload_and_calls_only_its_server(
    service: Server, beacon: Loopback
) -> None:
    payloads = _payloads(beacon.url)
    hostile_html = page("all", payloads["svg"] + payloads["handlers"] + payloads["markup-as-text"])
    hostile_text = "\n\n".join(SENTENCES) + "\n\n" + payloads["script"] + payloads["handlers"]
    with chromium() as browser:
        context = browser.new_context()
        tab = context.new_page()
        requests: list[str] = []
        problems: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
        tab.goto(service.url + "/")
        tab.wait_for_selector("#health:has-text('Ready')", timeout=120_000)

        tab.fill("#source", hostile_html)
        tab.click("#run")
        tab.wait_for_selector("#result:not([hidden])", timeout=180_000)
        shown = tab.inner_text("#article")
        for fact in ("7-2", "$4.2 million", "May 3", "20 minutes"):
            assert fact in shown

        tab.click("#tab-audit")
        tab.fill("#audit-source", hostile_text)
        tab.fill("#audit-rewrite", hostile_text.replace("7-2", "6-3"))
        tab.click("#audit-run")
        tab.wait_for_selector("#audit-result:not([hidden])", timeout=180_000)
        report: Any = tab.frame_locator("#audit-report")
        assert "6-3" in report.locator("body").inner_text()
        tab.wait_for_timeout(300)

        assert tab.title() == "retold"
        assert tab.evaluate("() => window.__pwned === undefined")
        frame_pwned = [f.evaluate("() => window.__pwned === undefined") for f in tab.frames[1:]]
        context.close()
    assert problems == []
    assert frame_pwned and all(frame_pwned), "a script ran in the audit report's frame"
    assert beacon.requests == []
    leaving = [u for u in requests if not u.startswith((service.url, "about:", "data:", "blob:"))]
    assert leaving == [], leaving
