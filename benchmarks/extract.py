"""Article-body extraction on ../shared/data/extraction_dev, side by side with alternatives.

Metric: the ScrapingHub article-extraction benchmark's (scrapinghub/
article-extraction-benchmark, evaluate.py): texts are tokenised with ``\\w+``,
4-token shingles are counted, per-document TP/FP/FN are normalised to sum to
1, precision and recall are averaged over documents, and F1 is the harmonic
mean of the two averages. We also print milliseconds per page and, for ours
against trafilatura's default, a paired bootstrap interval of the F1
difference.

Run from the repository root:  .venv/bin/python benchmarks/extract.py
Alternatives that are not installed are reported as skipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from retold.errors import EmptyInputError
from retold.ingest.extract import _PRUNE_XPATH, extract

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "extraction_dev"

TpFpFn = tuple[float, float, float]
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def match(true: str, pred: str) -> TpFpFn:
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(scores: list[TpFpFn]) -> tuple[float, float, float]:
    p = statistics.mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    return p, r, 2 * p * r / (p + r)


# --- extractors ----------------------------------------------------------------


def _ours(html: str) -> str:
    try:
        return extract(html).text
    except EmptyInputError:
        return ""


def _trafilatura(**kwargs: object) -> Callable[[str], str]:
    def run(html: str) -> str:
        return trafilatura.extract(html, include_comments=False, **kwargs) or ""

    return run


def _readability() -> Callable[[str], str] | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def run(html: str) -> str:
        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
        blocks = root.xpath("//p|//h1|//h2|//h3|//h4|//li|//blockquote|//pre")
        text = "\n".join(" ".join(b.text_content().split()) for b in blocks)
        return text or root.text_content()

    return run


def _justext() -> Callable[[str], str] | None:
    try:
        import justext
    except ImportError:
        return None
    stoplist = justext.get_stoplist("English")

    def run(html: str) -> str:
        paragraphs = justext.justext(html.encode("utf-8"), stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _without_cleaning(html: str) -> str:
    return (
        trafilatura.extract(
            html, include_comments=False, favor_precision=True, prune_xpath=_PRUNE_XPATH
        )
        or ""
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    pages = {}
    for key in ids:
        with gzip.open(args.data / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as handle:
            pages[key] = handle.read()
    print(f"pages {len(ids)}")

    candidates: list[tuple[str, Callable[[str], str] | None]] = [
        ("trafilatura_default", _trafilatura()),
        ("trafilatura_precision", _trafilatura(favor_precision=True)),
        ("trafilatura_recall", _trafilatura(favor_recall=True)),
        ("trafilatura_baseline", lambda html: trafilatura.baseline(html)[1]),
        ("readability_lxml", _readability()),
        ("justext_english", _justext()),
        ("ours_without_cleaning", _without_cleaning),
        ("ours", _ours),
    ]
    per_doc: dict[str, list[TpFpFn]] = {}
    for name, run in candidates:
        if run is None:
            print(f"skipped {name} (not installed)")
            continue
        run(pages[ids[0]])  # warm up caches and lazy imports outside the timing
        started = time.perf_counter()
        predictions = {key: run(pages[key]) for key in ids}
        elapsed = time.perf_counter() - started
        scores = [match(truth[key].get("articleBody", ""), predictions[key]) for key in ids]
        per_doc[name] = scores
        p, r, f1 = metrics(scores)
        print(f"precision {name} {p:.4f}")
        print(f"recall {name} {r:.4f}")
        print(f"f1 {name} {f1:.4f}")
        print(f"ms_per_page {name} {1000 * elapsed / len(ids):.1f}")

    if args.bootstrap and "ours" in per_doc:
        rng = random.Random(0)
        ours, base = per_doc["ours"], per_doc["trafilatura_default"]
        diffs = []
        for _ in range(args.bootstrap):
            sample = [rng.randrange(len(ids)) for _ in ids]
            diffs.append(
                metrics([ours[i] for i in sample])[2] - metrics([base[i] for i in sample])[2]
            )
        mean, ci = statistics.mean(diffs), 1.96 * statistics.stdev(diffs)
        print(f"f1_gain_over_trafilatura_default {mean:.4f} +- {ci:.4f} (95% bootstrap)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
