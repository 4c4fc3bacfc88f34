"""Open a page in headless Chromium and report everything it tried to run or load.

A hostile payload does three things when it runs: it sets ``window.__pwned``,
changes ``document.title`` and asks a loopback beacon for a URL. The
:class:`Visit` records every request the page made (besides its own file),
every dialog and page error, and the title and global after load; a test
asserts none of them happened and that the beacon saw no request.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.chromium import FLAGS


@dataclass
class Visit:
    url: str
    title: str = ""
    pwned: Any = None
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    text: str = ""

    def assert_inert(self, title: str) -> None:
        assert self.pwned is None, "a script ran: window.__pwned is set"
        assert self.title == title, f"a script ran: the title is {self.title!r}"
        assert self.dialogs == [], self.dialogs
        assert self.requests == [], f"the page made requests: {self.requests}"


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's, through Playwright) for the block."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "scripts/setup-system.sh installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()


def visit(browser: Any, page_file: Path, settle_ms: int = 300, hover: int = 60) -> Visit:
    """Load ``page_file``, wait for its scripts and timers, and report what it did."""
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    seen = Visit(page_file.as_uri())
    own = page_file.as_uri()
    page.on("request", lambda r: None if r.url == own else seen.requests.append(r.url))

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    try:
        page.goto(own, wait_until="load")
        # onload handlers, timers and meta refreshes get their chance to run
        page.wait_for_timeout(settle_ms)
        # hover and focus every element once: onmouseover= and onfocus= payloads
        for handle in page.query_selector_all("body *")[:hover]:
            # an element without a box cannot be hovered
            with contextlib.suppress(Exception):
                handle.hover(timeout=100, force=True)
        page.wait_for_timeout(100)
        seen.title = page.title()
        seen.pwned = page.evaluate("() => window.__pwned === undefined ? null : window.__pwned")
        seen.text = page.inner_text("body") if page.query_selector("body") else ""
    finally:
        context.close()
    return seen
