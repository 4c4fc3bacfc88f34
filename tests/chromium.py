"""Open a page in Debian's headless Chromium: a screenshot and the built DOM.

Flags as this machine needs them: no sandbox (root), no GPU, no background
networking or component updates (the network is closed), a fresh profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Headless Chromium offline: no sandbox (we run as root), no GPU, no
# background network or updates. The browser tests through Playwright use
# the same flags.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def _run(
    page: Path, *args: str, text: bool = False
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    chromium = shutil.which("chromium")
    assert chromium, "scripts/setup-system.sh installs Debian's chromium"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                chromium,
                "--headless",
                *FLAGS,
                f"--user-data-dir={profile}",
                *args,
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            text=text,
            timeout=120,
        )


def screenshot(page: Path, png: Path, size: str = "1200,900") -> bytes:
    """Render ``page`` and save a PNG screenshot; returns its bytes."""
    _run(page, f"--screenshot={png}", f"--window-size={size}")
    return png.read_bytes()


def dom(page: Path) -> str:
    """The DOM Chromium built from ``page``, serialised."""
    out = _run(page, "--dump-dom", text=True).stdout
    assert isinstance(out, str)
    return out
