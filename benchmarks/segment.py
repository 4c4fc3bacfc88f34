"""Sentence segmentation: retold against pySBD, blingfire, syntok and spaCy's sentencizer.

For each segmenter, in one run, on the same inputs:
  - English Golden Rules passed (../shared/data/golden_rules_en.json, 48 rules);
  - wrong and missed splits on our news suite (tests/data/segmentation);
  - speed in MB/s (UTF-8 bytes of input per CPU second of segmenting: CPU
    time, not wall time, so that other work on a shared machine does not
    skew the comparison; every tool here runs on one thread), on the
    news suite repeated to about --mb megabytes, and on the CNN/Daily Mail
    articles in ../shared/data/cnndm_dev.jsonl repeated likewise; each
    document is segmented on its own call.

Boundaries are compared by the number of non-space characters before them,
so a segmenter that changes whitespace is not penalised for it.

Run from the repository root:  .venv/bin/python benchmarks/segment.py [--mb 2]
Prints one line per figure: "segment <figure> <tool> <value>".
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
SUITE_READER = ROOT / "tests" / "data" / "segmentation" / "suite.py"

Segmenter = Callable[[str], list[str]]


def _retold() -> Segmenter:
    from retold.segment.splitter import segment

    return lambda text: [s.text for s in segment(text)]


def _pysbd() -> Segmenter:
    import pysbd  # type: ignore[import-untyped]

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def _blingfire() -> Segmenter:
    import blingfire  # type: ignore[import-untyped]

    return lambda text: [s for s in blingfire.text_to_sentences(text).split("\n") if s.strip()]


def _syntok() -> Segmenter:
    from syntok import segmenter  # type: ignore[import-untyped]

    def run(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append(text[start:end])
        return out

    return run


def _spacy_sentencizer() -> Segmenter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return lambda text: [s.text for s in nlp(text).sents if s.text.strip()]


TOOLS: dict[str, Callable[[], Segmenter]] = {
    "retold": _retold,
    "pysbd": _pysbd,
    "blingfire": _blingfire,
    "syntok": _syntok,
    "spacy-sentencizer": _spacy_sentencizer,
}


def _load_suite() -> list[tuple[str, list[str]]]:
    spec = importlib.util.spec_from_file_location("segmentation_suite", SUITE_READER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return [(d.text, list(d.sentences)) for d in module.load()]


def _boundaries(sentences: Sequence[str]) -> set[int]:
    """Non-space characters before each boundary between sentences."""
    out, count = set(), 0
    for s in sentences[:-1]:
        count += sum(1 for c in s if not c.isspace())
        out.add(count)
    return out


def _inside_quotation(expected: Sequence[str], boundary: int) -> bool:
    """Whether a boundary falls inside a quotation or bracket of an expected sentence."""
    count = 0
    for sentence in expected:
        nonspace = [i for i, c in enumerate(sentence) if not c.isspace()]
        if count + len(nonspace) > boundary:
            head = sentence[: nonspace[boundary - count]]
            return (
                head.count("“") > head.count("”")
                or head.count('"') % 2 == 1
                or head.count("(") > head.count(")")
            )
        count += len(nonspace)
    return False


def _report(figure: str, tool: str, value: object) -> None:
    print(f"segment {figure:<24} {tool:<18} {value}", flush=True)


def _speed(run: Segmenter, docs: Sequence[str], size: int) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for doc in docs:
            run(doc)
        elapsed = time.process_time() - t0
        best = min(best, elapsed)
        if elapsed > 5:  # slow tools: one run is enough to tell
            break
    return size / 1e6 / best


def _repeat(docs: list[str], megabytes: float) -> list[str]:
    size = sum(len(d.encode("utf-8")) for d in docs)
    return docs * max(1, round(megabytes * 1e6 / size))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="size of each speed corpus")
    parser.add_argument("--tools", nargs="*", default=list(TOOLS), choices=list(TOOLS))
    args = parser.parse_args(argv)

    rules = json.loads((DATA / "golden_rules_en.json").read_text(encoding="utf-8"))["rules"]
    suite = _load_suite()
    cnndm = [
        json.loads(line)["article"]
        for line in (DATA / "cnndm_dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    corpora = {
        "news": _repeat([text for text, _ in suite], args.mb),
        "cnndm": _repeat(cnndm, args.mb),
    }
    sizes = {name: sum(len(d.encode("utf-8")) for d in docs) for name, docs in corpora.items()}
    n_sentences = sum(len(expected) for _, expected in suite)
    print(
        f"# {len(rules)} golden rules; news suite: {len(suite)} documents, {n_sentences} "
        f"sentences; speed corpora: "
        + ", ".join(f"{k} {v / 1e6:.2f} MB in {len(corpora[k])} docs" for k, v in sizes.items())
    )

    for name in args.tools:
        try:
            run = TOOLS[name]()
        except ImportError as exc:
            print(f"# {name}: not installed ({exc}); pip install -e '.[bench]'")
            continue
        passed = sum(1 for r in rules if [s.strip() for s in run(r["text"])] == r["sentences"])
        _report("golden_rules_passed", name, f"{passed}/{len(rules)}")
        wrong = missed = in_quotes = 0
        for text, expected in suite:
            got, want = _boundaries(run(text)), _boundaries(expected)
            wrong += len(got - want)
            missed += len(want - got)
            in_quotes += sum(1 for b in got - want if _inside_quotation(expected, b))
        _report("news_wrong_splits", name, wrong)
        # Of those, splits inside a closed quotation or bracket, which our suite
        # keeps whole by convention (see the header of news_suite.txt).
        _report("news_wrong_in_quotes", name, in_quotes)
        _report("news_missed_splits", name, missed)
        for corpus, docs in corpora.items():
            _report(f"speed_{corpus}_MB_per_s", name, f"{_speed(run, docs, sizes[corpus]):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
