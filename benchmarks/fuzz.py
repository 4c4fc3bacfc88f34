"""Coverage-guided fuzzing of HTML ingest and the segmenter, for a fixed time budget.

Targets:
  - ``segment``: any Unicode text (lone surrogates included) through
    ``retold.segment.segment``; the sentences and the gaps between them must
    rebuild the text, offsets must round-trip, gaps hold only whitespace and
    invisible format characters.
  - ``html``: any bytes through ``retold.ingest.article_from_bytes`` (binary
    checks, decoding, HTML detection, trafilatura, furniture removal), and
    the same bytes decoded as Latin-1 wrapped in a page through
    ``article_from_html``; the result must be an article with text, or a
    typed ``InputError``.

Any other exception, or a broken invariant, is a crash: its input is saved
under ``--out`` (one file per distinct place it failed), a line is printed,
and fuzzing goes on. The engine is atheris (libFuzzer, coverage of retold's
and trafilatura's Python code) when it is installed, else Hypothesis driving
the same target from random buffers (not coverage-guided; says so).

Not part of the test suite: the property tests in tests/fuzz are. Run from
the repository root::

    .venv/bin/python benchmarks/fuzz.py --target segment --seconds 600
    .venv/bin/python benchmarks/fuzz.py --target html --seconds 600

Prints one line per figure: "fuzz <target> <figure> <value>".
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(tempfile.gettempdir()) / "retold-fuzz"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# Inputs that start the corpus: the hard cases of the segmenter and a few pages.
SEEDS = {
    "segment": [
        "Dr. Ruiz arrived. She spoke.",
        '"Why now?" Ms. Cohen asked. U.S. officials said 12 people died on Oct. 7.',
        "1. The first item 2. The second item\n\n• a bullet • another",
        "He said... that.... She left. . . . The end…",
        "“We will not rest. We will bring them home,” he said. (See below.)",
        "\ufeffFirst one. \u200bSecond one.\u200b\n\n\u2060\n\nThird 👨‍👩‍👧.",
    ],
    "html": [
        "<!DOCTYPE html><html><head><title>T</title></head><body><article>"
        "<h1>T</h1><p>The council met on Monday.</p><p>It voted 7-2.</p></article></body></html>",
        "<p>A fragment.</p><script>alert(1)</script>",
        "<html><body><nav>Home</nav><div class='tooltiptext'>tip</div><p>Text.</p>",
        "<meta charset='windows-1252'><p>caf\xe9</p>",
    ],
}


def _segment_target() -> Callable[[bytes], None]:
    from retold.segment.splitter import segment

    def check(data: bytes) -> None:
        text = data.decode("utf-8", "surrogatepass") if _valid(data) else data.decode("latin-1")
        sentences = segment(text)
        pos = 0
        for i, s in enumerate(sentences):
            assert s.index == i, "sentence numbers run from 0"
            assert pos <= s.start < s.end <= len(text), "sentences in order, not overlapping"
            assert text[s.start : s.end] == s.text, "offsets round-trip"
            gap = text[pos : s.start]
            assert all(c.isspace() or c in INVISIBLE for c in gap), "a gap holds no text"
            assert s.text[0] not in INVISIBLE and not s.text[0].isspace(), "sentence starts clean"
            assert s.text[-1] not in INVISIBLE and not s.text[-1].isspace(), "sentence ends clean"
            pos = s.end
        assert all(c.isspace() or c in INVISIBLE for c in text[pos:]), "nothing lost at the end"

    return check


def _valid(data: bytes) -> bool:
    try:
        data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


def _html_target() -> Callable[[bytes], None]:
    from retold.data import Article
    from retold.errors import InputError
    from retold.ingest.loader import article_from_bytes, article_from_html

    def check(data: bytes) -> None:
        calls: tuple[Callable[[], Article], ...] = (
            lambda: article_from_bytes(data),
            lambda: article_from_html("<html><body>" + data.decode("latin-1")),
        )
        for call in calls:
            try:
                article = call()
            except InputError:
                continue
            assert article.text.strip(), "an article has text"
            assert "\n\n\n" not in article.text, "paragraphs are separated by one blank line"
            article.text.encode("utf-8")  # no lone surrogate

    return check


TARGETS = {"segment": _segment_target, "html": _html_target}


class Crashes:
    """Distinct failures, keyed by the place they were raised; inputs saved."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.seen: set[str] = set()
        out.mkdir(parents=True, exist_ok=True)

    def record(self, data: bytes, exc: BaseException) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        where = frames[-1] if frames else None
        key = f"{type(exc).__name__}@{where.filename}:{where.lineno}" if where else repr(exc)
        if key in self.seen:
            return
        self.seen.add(key)
        digest = hashlib.sha1(key.encode()).hexdigest()[:12]
        (self.out / f"crash-{digest}.bin").write_bytes(data)
        (self.out / f"crash-{digest}.txt").write_text(
            f"{key}\n{type(exc).__name__}: {exc}\n\n" + "".join(traceback.format_exception(exc)),
            encoding="utf-8",
        )
        print(f"fuzz crash {key} {type(exc).__name__}: {str(exc)[:200]!r}", flush=True)


def _guarded(check: Callable[[bytes], None], crashes: Crashes) -> Callable[[bytes], None]:
    from retold.errors import RetoldError

    def one(data: bytes) -> None:
        try:
            check(data)
        except RetoldError as exc:
            if "\n" in exc.message:
                crashes.record(data, AssertionError(f"a multi-line error message: {exc}"))
        except RecursionError as exc:
            crashes.record(data, exc)
        except Exception as exc:
            crashes.record(data, exc)

    return one


def _run_atheris(target: str, seconds: int, out: Path) -> None:
    import atheris  # type: ignore[import-untyped]

    with atheris.instrument_imports(include=["retold", "trafilatura", "justext", "htmldate"]):
        check = TARGETS[target]()
    crashes = Crashes(out / target)
    one = _guarded(check, crashes)
    corpus = out / target / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(SEEDS[target]):
        (corpus / f"seed-{i}").write_bytes(seed.encode("utf-8", "surrogatepass"))
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={seconds}",
            "-max_len=65536",
            "-rss_limit_mb=4096",
            "-timeout=30",
            "-print_final_stats=1",
            # libFuzzer's own finds (slow units, timeouts) go beside ours, not
            # into the working directory.
            f"-artifact_prefix={out / target}/",
            str(corpus),
        ],
        one,
    )
    atheris.Fuzz()


def _run_hypothesis(target: str, seconds: int, out: Path) -> None:
    import random

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    check = TARGETS[target]()
    crashes = Crashes(out / target)
    one = _guarded(check, crashes)
    seeds = [s.encode("utf-8", "surrogatepass") for s in SEEDS[target]]
    blob = st.binary(max_size=4096) | st.sampled_from(seeds)
    text = st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass"))

    @settings(database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(blob | text)
    def fuzz_one(data: bytes) -> None:
        one(data)

    rng = random.Random(0)
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        fuzz_one.hypothesis.fuzz_one_input(rng.randbytes(rng.randint(1, 8192)))  # type: ignore[attr-defined]
        runs += 1
    print(f"fuzz {target} runs {runs}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=sorted(TARGETS), required=True)
    parser.add_argument("--seconds", type=int, default=600, help="time budget")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("--out", type=Path, default=OUT, help="crashes and corpus go here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "hypothesis"
    if args.child:
        runner = _run_atheris if engine == "atheris" else _run_hypothesis
        runner(args.target, args.seconds, args.out)
        return 0
    print(f"fuzz {args.target} engine {engine}")
    if engine == "hypothesis":
        print(f"fuzz {args.target} note not coverage-guided (install atheris for that)")
    print(f"fuzz {args.target} budget_s {args.seconds}")
    for old in (args.out / args.target).glob("crash-*"):
        old.unlink()  # a run reports what it found itself; the corpus is kept
    started = time.monotonic()
    # libFuzzer ends the process when the budget is spent; the parent reads
    # what it found and prints the figures.
    child = subprocess.run(
        [sys.executable, __file__, *sys.argv[1:], "--engine", engine, "--child"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    log = (child.stdout or "") + (child.stderr or "")
    for line in log.splitlines():
        if line.startswith(("fuzz crash", "stat::")) or " runs " in line or "\tDONE " in line:
            print(line if line.startswith("fuzz") else f"fuzz {args.target} {line}")
    crashes = sorted((args.out / args.target).glob("crash-*.txt"))
    print(f"fuzz {args.target} elapsed_s {time.monotonic() - started:.0f}")
    print(f"fuzz {args.target} distinct_crashes {len(crashes)}")
    for path in crashes:
        print(f"fuzz {args.target} crash_file {path}")
    if child.returncode not in (0,):
        print(f"fuzz {args.target} engine_exit {child.returncode}")
        print(log[-3000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
