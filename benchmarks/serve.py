"""Load on ``retold serve`` over loopback, against the library's own throughput.

    python benchmarks/serve.py                  # 60 s per phase
    python benchmarks/serve.py --duration 20    # shorter phases

Starts the real server (``python -m retold.cli serve``, default limits) in a
subprocess on a free port of 127.0.0.1; this process is the load generator:
an asyncio client (httpx) with 1, 4 and 16 concurrent clients posting to
``/v1/summarize`` (an 800-word article, ``examples/harbor-bridge.txt``) and
``/v1/audit`` (that article against its rules rewrite) for ``--duration``
seconds each. Per phase: throughput, p50/p99 latency, errors by status (503
is the documented answer of a saturated server), the server's RSS, the
server's CPU time per answer and the load average at the end of the phase
(the machine may be shared: a latency means little without them). The
library's own throughput on the same inputs (``retold.jobs`` in this
process, one call after another, with the server idle) is timed before and
after each endpoint's phases; the ratio to their mean is the figure. Last,
one request and one library call are taken in turn for half a phase, so
that both see the same load from the rest of a shared machine.
Figures print one line each; every request goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from retold import jobs

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "harbor-bridge.txt").read_text(encoding="utf-8")
CLIENTS = (1, 4, 16)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds the process has used, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "retold.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"retold serve exited with status {server.returncode}")
        time.sleep(0.2)
    server.kill()
    raise SystemExit("retold serve was not ready within 180 s")


async def load(
    url: str, body: dict[str, Any], clients: int, duration: float
) -> tuple[list[float], Counter[int], float]:
    """``clients`` loops posting ``body`` until ``duration`` is up: latencies of
    the 200 answers, a count of every status (0: no answer), elapsed seconds."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:
        start = time.perf_counter()
        stop = start + duration

        async def one_client() -> None:
            while time.perf_counter() < stop:
                sent = time.perf_counter()
                try:
                    answer = await client.post(url, json=body)
                except httpx.HTTPError:
                    statuses[0] += 1
                    continue
                statuses[answer.status_code] += 1
                if answer.status_code == 200:
                    latencies.append(time.perf_counter() - sent)
                elif answer.status_code == 503:
                    await asyncio.sleep(float(answer.headers.get("retry-after", "1")))

        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    return latencies, statuses, elapsed


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def library_rate(call: Callable[[], object], duration: float) -> tuple[float, float]:
    """Calls per second of ``call`` one after another, and its median seconds."""
    times: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < duration or len(times) < 3:
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return len(times) / (time.perf_counter() - start), statistics.median(times)


def interleaved(
    url: str, body: dict[str, Any], call: Callable[[], object], duration: float
) -> tuple[float, float]:
    """Median milliseconds of one request and of one library call, taken in turn
    (so both see the same load from the rest of the machine)."""
    served: list[float] = []
    own: list[float] = []
    start = time.perf_counter()
    with httpx.Client(timeout=300) as client:
        while time.perf_counter() - start < duration or len(own) < 3:
            t0 = time.perf_counter()
            client.post(url, json=body).raise_for_status()
            served.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            call()
            own.append(time.perf_counter() - t0)
    return statistics.median(served) * 1000, statistics.median(own) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase")
    args = parser.parse_args()

    rewrite = " ".join(s["rewrite"] for s in jobs.rewrite({"text": ARTICLE})["sentences"])
    bodies = {
        "summarize": {"id": "bench", "text": ARTICLE, "sentences": 3},
        "audit": {"id": "bench", "source": ARTICLE, "rewrite": rewrite},
    }
    words = len(ARTICLE.split())
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; article {words} words; {args.duration:g} s per phase; "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )

    calls: dict[str, Callable[[], object]] = {
        "summarize": lambda: jobs.summarize(bodies["summarize"]),
        "audit": lambda: jobs.audit(bodies["audit"]),
    }
    port = free_port()
    server = start_server(port)
    try:
        print(f"server: ready, RSS {rss_mb(server.pid):.0f} MB")
        for command, body in bodies.items():
            # The machine is shared: the library is timed just before and just
            # after the command's load phases, and the ratio uses their mean.
            before, median = library_rate(calls[command], min(30.0, args.duration))
            print(
                f"library jobs.{command} (before): {before:.2f} calls/s one after "
                f"another, median {median * 1000:.0f} ms"
            )
            url = f"http://127.0.0.1:{port}/v1/{command}"
            asyncio.run(load(url, body, 1, min(5.0, args.duration)))  # warm the path
            served: dict[int, float] = {}
            for clients in CLIENTS:
                spent = cpu_seconds(server.pid)
                latencies, statuses, elapsed = asyncio.run(load(url, body, clients, args.duration))
                spent = cpu_seconds(server.pid) - spent
                ok = statuses.get(200, 0)
                busy = statuses.get(503, 0)
                errors = sum(n for status, n in statuses.items() if status not in (200, 503))
                served[clients] = ok / elapsed
                print(
                    f"serve /v1/{command} clients={clients}: {ok / elapsed:.2f} req/s, "
                    f"p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
                    f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, {ok} ok, "
                    f"503 busy {busy}, other errors {errors}, "
                    f"server RSS {rss_mb(server.pid):.0f} MB, "
                    f"server CPU {spent * 1000 / max(ok, 1):.0f} ms per answer, "
                    f"load average {os.getloadavg()[0]:.1f}"
                )
            after, median = library_rate(calls[command], min(30.0, args.duration))
            print(
                f"library jobs.{command} (after): {after:.2f} calls/s one after "
                f"another, median {median * 1000:.0f} ms"
            )
            rate = (before + after) / 2
            for clients in CLIENTS:
                print(
                    f"ratio server/library {command} clients={clients}: "
                    f"{served[clients] / rate:.2f}"
                )
            server_ms, library_ms = interleaved(url, body, calls[command], args.duration / 2)
            print(
                f"interleaved {command}, one call at a time: server median {server_ms:.0f} ms, "
                f"library median {library_ms:.0f} ms, ratio {library_ms / server_ms:.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
