"""Batch runs: throughput, scaling from 1 to 2 workers, peak RSS, and the crash test.

    python benchmarks/batch.py                      # every figure, one line each
    python benchmarks/batch.py --articles summarize=600,audit=120,rewrite=24
    python benchmarks/batch.py --only crash

The corpus repeats ../shared/data/cnndm_dev.jsonl (99 CNN/DailyMail articles,
relative to the repository root) with new ids (``ARTICLE_ID-REPEAT``) up to
the size asked for each task. The audit corpus pairs each article with its
rules-backend rewrite, taken from this benchmark's own rewrite run (so the
audit task repeats as many distinct pairs as the rewrite run had articles).

Each task runs through ``retold.batch.run_batch`` three times: 1 local
worker, 2 local workers, and a 2-worker Dask ``LocalCluster`` (``--dask
local:2``: loopback, processes, no dashboard). Throughput is given overall
(start-up and model loading included) and steady (from the first chunk
written to the last). Peak RSS is sampled every 0.2 s over every process the
run started (the largest per worker process is reported), and so is the CPU
time of each (per article, start-up included), beside this process's own:
when the workers' CPU per article grows from 1 to 2 workers, the two cores
are slowing each other down.

The crash test runs ``retold batch --task summarize --workers 2`` as a
subprocess, kills it with SIGKILL at 5 random moments (the same command
started again after each), lets the last run finish, and checks that every
id is there exactly once, in order, and that the output equals the
uninterrupted 1-worker run byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from retold.batch import BatchOptions, Progress, run_batch

ROOT = Path(__file__).resolve().parent.parent
CNNDM = ROOT.parent / "shared" / "data" / "cnndm_dev.jsonl"
DEFAULT_SIZES = {"summarize": 600, "audit": 120, "rewrite": 24}
# Lines per chunk: small enough that 2 workers share a small corpus evenly.
CHUNK = {"summarize": 8, "audit": 2, "rewrite": 1}
CONFIGS = (("local", 1), ("local", 2), ("dask", 2))


def articles() -> list[dict[str, Any]]:
    with CNNDM.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_corpus(path: Path, rows: list[dict[str, Any]], count: int) -> None:
    """``count`` lines repeating ``rows``; each repeat gets new ids."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            row = dict(rows[n % len(rows)])
            row["id"] = f"{row['id']}-{n // len(rows)}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def texts() -> list[dict[str, Any]]:
    return [{"id": str(a["article_id"]), "text": a["article"]} for a in articles()]


def pairs(rewrites: Path) -> list[dict[str, Any]]:
    """Each rewritten article with its source: {"id", "source", "rewrite"}."""
    sources = {str(a["article_id"]): a["article"] for a in articles()}
    rows: dict[str, dict[str, Any]] = {}
    for line in rewrites.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        base = result["id"].rsplit("-", 1)[0]
        if "error" in result or base in rows:
            continue
        text = " ".join(s["rewrite"] for s in result["sentences"])
        rows[base] = {"id": base, "source": sources[base], "rewrite": text}
    return list(rows.values())


@dataclass
class Sampler:
    """Peak RSS of every process below this one, sampled in a thread."""

    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)  # user + system seconds, last seen
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                    name = " ".join(child.cmdline()[-2:])
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[child.pid] = times.user + times.system
                if rss > self.peaks.get(child.pid, ("", 0))[1]:
                    self.peaks[child.pid] = (name, rss)
            self._stop.wait(0.2)

    @contextmanager
    def sampling(self) -> Iterator[Sampler]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()

    def workers(self, count: int) -> list[int]:
        """The ``count`` largest peaks (the workers; nannies and helpers are small)."""
        return sorted((rss for _, rss in self.peaks.values()), reverse=True)[:count]


@dataclass
class Timing:
    first: float | None = None
    first_lines: int = 0

    def __call__(self, progress: Progress) -> None:
        if self.first is None:
            self.first = time.monotonic()
            self.first_lines = progress.state.lines


def measure(task: str, where: str, workers: int, corpus: Path, out: Path) -> dict[str, Any]:
    options = BatchOptions(
        task=task,
        workers=workers if where == "local" else 1,
        dask=f"local:{workers}" if where == "dask" else None,
        chunk_size=CHUNK[task],
    )
    timing = Timing()
    began = time.monotonic()
    own = psutil.Process().cpu_times()
    with Sampler().sampling() as sampler:
        summary = run_batch([str(corpus)], str(out), options, timing)
    ended = time.monotonic()
    mine = psutil.Process().cpu_times()
    parent_cpu = (mine.user + mine.system) - (own.user + own.system)
    lines = summary.done + summary.skipped
    steady = None
    if timing.first is not None and ended > timing.first and lines > timing.first_lines:
        steady = (lines - timing.first_lines) / (ended - timing.first) * 60
    peaks = sampler.workers(workers)
    return {
        "task": task,
        "where": where,
        "workers": workers,
        "articles": lines,
        "failed": summary.failed,
        "seconds": ended - began,
        "per_min": lines / (ended - began) * 60,
        "steady_per_min": steady,
        "peak_rss_mb": [round(p / 2**20) for p in peaks],
        # CPU seconds per article in the worker processes (as last sampled, so
        # a slight undercount) and in this process (reading, ordering,
        # writing): when the workers' figure grows from 1 to 2 workers, the
        # two cores slow each other (shared caches, hyper-threads), which no
        # change in retold can undo.
        "worker_cpu_per_article": sum(sampler.cpu.values()) / max(1, lines),
        "parent_cpu_per_article": parent_cpu / max(1, lines),
    }


def print_figure(r: dict[str, Any]) -> None:
    steady = f"{r['steady_per_min']:.0f}" if r["steady_per_min"] else "n/a"
    print(
        f"{r['task']:9s} {r['where']:5s} {r['workers']} worker(s): {r['articles']} articles "
        f"({r['failed']} failed) in {r['seconds']:.1f} s = {r['per_min']:.0f} articles/min "
        f"overall, {steady}/min steady; peak RSS per worker {r['peak_rss_mb']} MB; CPU per "
        f"article {r['worker_cpu_per_article'] * 1000:.0f} ms in workers (start-up included), "
        f"{r['parent_cpu_per_article'] * 1000:.1f} ms in the parent",
        flush=True,
    )


def crash_test(corpus: Path, reference: Path, folder: Path, kills: int, seed: int) -> None:
    out = folder / "crash.jsonl"
    command = [sys.executable, "-m", "retold.cli", "batch", str(corpus), "-o", str(out)]
    command += ["--task", "summarize", "--workers", "2", "--chunk-size", str(CHUNK["summarize"])]
    rng = random.Random(seed)
    delivered = 0
    moments = []
    for _ in range(kills):
        delay = rng.uniform(1.0, 12.0)
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            run.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(run.pid, signal.SIGKILL)
            run.wait()
            delivered += 1
            part = Path(str(out) + ".part")
            done = part.read_bytes().count(b"\n") if part.exists() else 0
            moments.append(f"{delay:.1f}s/{done} lines")
    final = subprocess.run(command, capture_output=True, text=True)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [json.loads(line)["id"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    once = len(ids) == len(set(ids)) and ids == expected
    same = out.read_bytes() == reference.read_bytes()
    print(
        f"crash test: {delivered} kill -9 delivered (at {', '.join(moments)}), final run "
        f"exit {final.returncode}; every id exactly once and in order: {once}; equal to the "
        f"uninterrupted run: {same}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles",
        default=",".join(f"{k}={v}" for k, v in DEFAULT_SIZES.items()),
        help="corpus size per task, e.g. summarize=600,audit=120,rewrite=24",
    )
    parser.add_argument("--only", choices=["throughput", "crash"], help="one part only")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = {k: int(v) for k, v in (item.split("=") for item in args.articles.split(","))}
    print(
        f"# retold batch benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="retold-batch-bench-") as tmp:
        folder = Path(tmp)
        corpus = {task: folder / f"{task}.jsonl" for task in sizes}
        if "summarize" in sizes:
            write_corpus(corpus["summarize"], texts(), sizes["summarize"])
        if args.only != "crash":
            for task in ("summarize", "rewrite", "audit"):
                if task not in sizes:
                    continue
                if task == "rewrite":
                    write_corpus(corpus[task], texts(), sizes[task])
                if task == "audit":
                    rewrites = folder / "rewrite-local-1.jsonl"
                    if not rewrites.exists():
                        print("audit needs the rewrite run; skipped", flush=True)
                        continue
                    write_corpus(corpus[task], pairs(rewrites), sizes[task])
                by_config = {}
                for where, workers in CONFIGS:
                    out = folder / f"{task}-{where}-{workers}.jsonl"
                    figure = measure(task, where, workers, corpus[task], out)
                    print_figure(figure)
                    figures.append(figure)
                    by_config[(where, workers)] = figure
                reference = (folder / f"{task}-local-1.jsonl").read_bytes()
                same = all(
                    (folder / f"{task}-{w}-{n}.jsonl").read_bytes() == reference for w, n in CONFIGS
                )
                one = by_config[("local", 1)]
                two = by_config[("local", 2)]
                dask = by_config[("dask", 2)]
                ratio = two["per_min"] / one["per_min"]
                steady = (
                    two["steady_per_min"] / one["steady_per_min"]
                    if two["steady_per_min"] and one["steady_per_min"]
                    else float("nan")
                )
                dratio = dask["per_min"] / one["per_min"]
                print(
                    f"{task:9s} scaling 1->2 workers: {ratio:.2f}x overall, {steady:.2f}x "
                    f"steady; dask 2 workers vs 1 local: {dratio:.2f}x; outputs identical "
                    f"across the three runs: {same}",
                    flush=True,
                )
        if args.only != "throughput" and "summarize" in sizes:
            reference = folder / "summarize-local-1.jsonl"
            if not reference.exists():
                options = BatchOptions(task="summarize", workers=0)
                run_batch([str(corpus["summarize"])], str(reference), options)
            crash_test(corpus["summarize"], reference, folder, args.kills, args.seed)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
