"""Growth with article length: time and peak RSS of every command at 100 to 10,000 sentences.

    python benchmarks/growth.py                                # every command, every size
    python benchmarks/growth.py --sizes 100,1000 --commands audit,rewrite
    python benchmarks/growth.py --sizes 100 --keep /tmp/growth  # keep the inputs

The articles are ../shared/data/cnndm_dev.jsonl (99 CNN/DailyMail articles,
relative to the repository root) concatenated, one paragraph each, repeated
from the start when they run out, and cut after the N-th sentence as
``retold segment`` counts them: sentences of ordinary news length (about 25
words). The rewrite an ``audit`` compares with its source is a deterministic
light edit of the same text (a word or phrase swapped in every second
sentence, every tenth sentence joined to the next with a semicolon), so the
pair aligns the way a real rewrite does and the audit has work to do in
every group.

Each figure runs ``.venv/bin/retold CMD FILE`` (``audit SOURCE REWRITE``) as
a subprocess, its output written to a file, and samples the peak RSS of its
process tree every 0.1 s (psutil). Besides the wall time it gives the CPU
time the command used (user + system, from the kernel's accounting of the
child): on a shared machine the wall time grows with the load, the CPU time
much less. A run longer than ``--cap`` minutes is
killed and reported as such, and the larger sizes of that command are
skipped, so the benchmark never hangs. The last line of each command gives
the growth ratio of its largest size to the one ten times smaller
(10k/1k by default): linear cost is 10x.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from retold.segment import segment

ROOT = Path(__file__).resolve().parent.parent
CNNDM = ROOT.parent / "shared" / "data" / "cnndm_dev.jsonl"
RETOLD = ROOT / ".venv" / "bin" / "retold"
COMMANDS = ("segment", "facts", "summarize", "rewrite", "audit")
SIZES = (100, 1_000, 10_000)

# The light edit: one swap per edited sentence, the first of these that fits.
_SWAPS = (
    (r"\bsaid\b", "stated"),
    (r"\bafter\b", "following"),
    (r"\bbut\b", "yet"),
    (r"\babout\b", "roughly"),
    (r"\balso\b", "as well"),
    (r"\bbecause\b", "since"),
    (r"\bbig\b", "large"),
    (r"\bstarted\b", "began"),
)


def article(sentences: int) -> str:
    """The first ``sentences`` sentences of the dev articles, concatenated and repeated."""
    with CNNDM.open(encoding="utf-8") as handle:
        bodies = [json.loads(line)["article"].strip() for line in handle if line.strip()]
    text, count, k = "", 0, 0
    while count < sentences:
        body = bodies[k % len(bodies)]
        k += 1
        found = segment(body)
        if count + len(found) >= sentences:
            body = body[: found[sentences - count - 1].end]
            count = sentences
        else:
            count += len(found)
        text += ("\n\n" if text else "") + body
    return text + "\n"


def light_edit(text: str) -> str:
    """``text`` lightly reworded, sentence by sentence, paragraphs kept."""
    out: list[str] = []
    last = 0
    sents = segment(text)
    for k, s in enumerate(sents):
        out.append(text[last : s.start])
        body = s.text
        if k % 2 == 0:
            for pattern, repl in _SWAPS:
                changed = re.sub(pattern, repl, body, count=1)
                if changed != body:
                    body = changed
                    break
        nxt = sents[k + 1] if k + 1 < len(sents) else None
        joins = k % 10 == 9 and nxt is not None and nxt.paragraph == s.paragraph
        if joins and body.endswith(".") and nxt is not None and nxt.text[:1].isupper():
            body = body[:-1] + ";"
        out.append(body)
        last = s.end
    out.append(text[last:])
    return "".join(out)


@dataclass
class Run:
    command: str
    sentences: int
    seconds: float
    cpu: float
    peak_rss: int
    exit: int | None  # None: killed at the cap
    error: str = ""


def measure(command: str, files: list[Path], out: Path, cap: float) -> Run:
    args = [str(RETOLD), command, *map(str, files)]
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    with out.open("wb") as sink:
        proc = subprocess.Popen(args, stdout=sink, stderr=subprocess.PIPE)
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not stop.is_set():
                try:
                    tree = [root, *root.children(recursive=True)]
                    total = sum(p.memory_info().rss for p in tree)
                except psutil.Error:
                    total = 0
                peak = max(peak, total)
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, err = proc.communicate(timeout=cap)
            code: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
            code = None
        stop.set()
        sampler.join()
    seconds = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = err.decode("utf-8", "replace").strip().splitlines()
    return Run(command, 0, seconds, cpu, peak, code, lines[-1] if lines and code != 0 else "")


def print_run(r: Run) -> None:
    status = "" if r.exit == 0 else (" KILLED at the cap" if r.exit is None else f" exit {r.exit}")
    error = f" ({r.error[:120]})" if r.error else ""
    print(
        f"{r.command:9s} {r.sentences:6d} sentences: {r.seconds:7.1f} s wall, "
        f"{r.cpu:7.1f} s CPU, peak RSS {r.peak_rss / 2**20:6.0f} MB{status}{error}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="e.g. 100,1000")
    parser.add_argument("--commands", default=",".join(COMMANDS), help="e.g. audit,rewrite")
    parser.add_argument("--cap", type=float, default=15.0, help="minutes per run (default 15)")
    parser.add_argument("--keep", type=Path, help="write the inputs and outputs here")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = sorted(int(x) for x in args.sizes.split(","))
    commands = [c for c in args.commands.split(",") if c]
    unknown = sorted(set(commands) - set(COMMANDS))
    if unknown:
        parser.error(f"unknown command(s) {', '.join(unknown)}; choose from {', '.join(COMMANDS)}")
    print(
        f"# retold growth benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="retold-growth-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        inputs: dict[int, tuple[Path, Path]] = {}
        for n in sizes:
            text = article(n)
            source, edited = folder / f"article-{n}.txt", folder / f"rewrite-{n}.txt"
            source.write_text(text, encoding="utf-8")
            edited.write_text(light_edit(text), encoding="utf-8")
            inputs[n] = (source, edited)
            print(f"# {n} sentences: {len(text):,} characters, {len(text.split()):,} words")
        for command in commands:
            capped = False
            mine: dict[int, Run] = {}
            for n in sizes:
                if capped:
                    print(f"{command:9s} {n:6d} sentences: skipped (a smaller size hit the cap)")
                    continue
                source, edited = inputs[n]
                files = [source, edited] if command == "audit" else [source]
                run = measure(command, files, folder / f"{command}-{n}.out", args.cap * 60)
                run.sentences = n
                print_run(run)
                runs.append(run)
                mine[n] = run
                capped = run.exit is None
            for n in sizes:
                small = mine.get(n // 10)
                big = mine.get(n)
                if small and big and small.exit == 0 and big.exit == 0:
                    time_x = big.seconds / small.seconds
                    cpu_x = big.cpu / max(small.cpu, 1e-9)
                    print(
                        f"{command:9s} growth {n}/{n // 10}: wall time {time_x:.1f}x, "
                        f"CPU time {cpu_x:.1f}x, "
                        f"peak RSS {big.peak_rss / max(small.peak_rss, 1):.1f}x",
                        flush=True,
                    )
    if args.json:
        figures: list[dict[str, Any]] = [
            {
                "command": r.command,
                "sentences": r.sentences,
                "seconds": round(r.seconds, 2),
                "cpu_seconds": round(r.cpu, 2),
                "peak_rss_mb": round(r.peak_rss / 2**20),
                "exit": r.exit,
                "error": r.error,
            }
            for r in runs
        ]
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
