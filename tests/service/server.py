"""Start the real ``retold serve`` in a subprocess on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from tests.processes import stop


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def running(*args: str, ready_within: float = 180.0) -> Iterator[Server]:
    """``retold serve ARGS`` until the block ends; yields once /healthz answers 200."""
    port = free_port()
    command = [sys.executable, "-m", "retold.cli", "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise AssertionError(f"retold serve exited {process.returncode}: {output}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "retold serve was not ready in time"
            time.sleep(0.2)
        yield Server(url, process)
    finally:
        stop(process)
        if process.stdout:
            process.stdout.close()
