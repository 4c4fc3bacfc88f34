"""Benchmark the rewriter (default backend: rules) with its audit gate.

Run from the repository root:

    .venv/bin/python benchmarks/rewrite.py [cnndm] [examples] [smollm] [--limit N]
        [--no-gate] [--strength light|medium|strong] [--backend NAME]... [--no-fluency]
        [--smollm-limit N]

With no section named, cnndm, examples and smollm run. Prints one line per figure.

- cnndm: CNN/DailyMail dev articles (../shared/data/cnndm_dev.jsonl).
- examples: the example articles (examples/*.txt).
- smollm: the ``smollm`` backend alone on the first ``--smollm-limit`` CNN/DM
  articles (default 10), with the gate switched off and then on, side by
  side: how many facts it changes unchecked, and its time per article.

Figures per section: changed facts left in the output by the whole-article
audit (error issues about numbers, dates, times, names, quotes, negation or
modality; the gate should hold this at 0), every error issue, the share of
source sentences rewritten, real change (word-level edit distance over the
longer length, mean over all sentences and over rewritten ones), meaning kept
(embedding cosine of rewrite and source, same two means), seconds per
800-word article after the models are loaded with the time of each stage,
fluency (SmolLM2's mean per-token log-likelihood of the output against the
sources', over all sentences and over rewritten ones; the target is at most
10% below), and peak memory. ``--no-gate`` shows what the gate stops.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from retold import models
from retold.data import Article
from retold.models.lm import Likelihood
from retold.rewrite.pipeline import rewrite
from retold.rewrite.rank import word_change
from retold.rewrite.result import REWRITTEN, RewriteOptions, Rewritten

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
FACT_KINDS = {"number", "date", "time", "entity", "quote", "negation", "modality"}


def line(name: str, value: float | int | str, note: str = "") -> None:
    v = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"{name:<58} {v:>10}  {note}".rstrip(), flush=True)


def cnndm(limit: int) -> list[Article]:
    rows = [json.loads(x) for x in (DATA / "cnndm_dev.jsonl").read_text().splitlines() if x]
    rows = rows[:limit] if limit else rows
    return [Article(text=r["article"], id=str(r.get("article_id", k))) for k, r in enumerate(rows)]


def examples(limit: int) -> list[Article]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    paths = paths[:limit] if limit else paths
    return [Article(text=p.read_text(encoding="utf-8"), id=p.stem) for p in paths]


_SCORED: dict[str, Likelihood] = {}


def fluency(sources: list[str], outputs: list[str]) -> tuple[float, float]:
    """Mean per-token log-likelihood (SmolLM2) of the sources and of the outputs."""
    lm = models.smollm()
    todo = sorted({*sources, *outputs} - _SCORED.keys())
    _SCORED.update(zip(todo, lm.likelihoods(todo), strict=True))

    def mean(texts: list[str]) -> float:
        scored = [_SCORED[t] for t in texts]
        return sum(x.total for x in scored) / max(1, sum(x.tokens for x in scored))

    return mean(sources), mean(outputs)


def measure(name: str, articles: list[Article], opts: RewriteOptions, fluent: bool) -> None:
    results: list[Rewritten] = []
    seconds: list[float] = []
    words = 0
    stages: dict[str, float] = defaultdict(float)
    for a in articles:
        t = time.perf_counter()
        results.append(rewrite(a, opts))
        seconds.append(time.perf_counter() - t)
        words += len(a.text.split())
        for stage, s in results[-1].timings:
            stages[stage] += s
    sents = [s for r in results for s in r.sentences if s.reason != "headline"]
    rewritten = [s for s in sents if s.status == REWRITTEN]
    # a join stands for two source sentences: count source sentences
    weight = np.array([len(s.indices) or 1 for s in sents], dtype=float)
    done = np.array([s.status == REWRITTEN for s in sents])
    n = len(sents)
    errors = [i for r in results for i in r.report.errors]
    fact_errors = [i for i in errors if i.kind in FACT_KINDS]
    # an error on a kept sentence (text identical to its source) is the audit's false alarm
    on_rewritten = [
        i for s in sents if s.status == REWRITTEN for i in s.issues if i.severity == "error"
    ]
    for s in sents:
        for i in s.issues:
            if s.status == REWRITTEN and i.severity == "error":
                print(
                    f"  error {i.code} {i.message} | {s.source.text!r} -> {s.rewrite!r}",
                    file=sys.stderr,
                )
    on_kept = [i for s in sents if s.status != REWRITTEN for i in s.issues if i.severity == "error"]
    change = [word_change(s.source.text, s.rewrite) for s in sents]
    vecs = models.embedder().encode([s.source.text for s in sents] + [s.rewrite for s in sents])
    cos = np.sum(vecs[:n] * vecs[n:], axis=1)
    ops = Counter(op for s in rewritten for op in s.operations)
    per_800 = sum(seconds) / words * 800 if words else 0.0
    tag = f"{name} ({len(articles)} articles, {n} sentences, gate {'on' if opts.gate else 'off'})"
    print(tag, flush=True)
    line(f"{name}: changed facts in the output (audit errors)", len(fact_errors), "target 0")
    line(f"{name}: all error issues in the output", len(errors))
    line(f"{name}: error issues on rewritten sentences", len(on_rewritten), "target 0")
    line(f"{name}: error issues on kept sentences (source text unchanged)", len(on_kept))
    share = float(weight[done].sum() / weight.sum()) if n else 0.0
    line(f"{name}: source sentences rewritten", share, "target >= 0.80")
    joined = float(weight[weight > 1].sum() / weight.sum()) if n else 0.0
    line(f"{name}: source sentences joined with a neighbour (share)", joined)
    mean_change = float(np.average(change, weights=weight))
    line(f"{name}: real change, mean over all sentences", mean_change, "target >= 0.35")
    line(
        f"{name}: real change, mean over rewritten sentences",
        float(np.mean(np.array(change)[done])) if done.any() else 0.0,
    )
    meaning = float(np.average(cos, weights=weight))
    line(f"{name}: meaning kept, mean over all sentences", meaning, "target >= 0.85")
    line(
        f"{name}: meaning kept, mean over rewritten sentences",
        float(np.mean(cos[done])) if done.any() else 0.0,
    )
    if fluent:
        t = time.perf_counter()
        src_all, out_all = fluency([s.source.text for s in sents], [s.rewrite for s in sents])
        done_src = [s.source.text for s in sents if s.status == REWRITTEN]
        src_re, out_re = fluency(done_src, [s.rewrite for s in sents if s.status == REWRITTEN])
        line(f"{name}: fluency, sources (mean log-likelihood per token)", src_all)
        line(f"{name}: fluency, output, all sentences", out_all)
        line(
            f"{name}: fluency, output below sources, all sentences",
            (src_all - out_all) / abs(src_all),
            "target <= 0.10",
        )
        line(
            f"{name}: fluency, output below sources, rewritten sentences",
            (src_re - out_re) / abs(src_re) if done_src else 0.0,
        )
        line(f"{name}: (fluency scoring took, seconds)", time.perf_counter() - t)
    line(f"{name}: seconds per article", sum(seconds) / max(1, len(articles)))
    line(f"{name}: seconds per 800-word article", per_800, "target <= 5")
    for stage, s in stages.items():
        line(f"{name}: seconds per 800-word article, stage {stage}", s / words * 800)
    for op, count in ops.most_common():
        line(f"{name}: rewritten sentences using {op}", count)
    reasons = Counter(
        s.reason.split(":")[0] for s in sents if s.status != REWRITTEN for _ in s.indices or (0,)
    )
    for reason, count in reasons.most_common():
        line(f"{name}: kept source sentences: {reason[:40]}", count)
    kinds = Counter(i.code for i in errors)
    for code, count in kinds.most_common():
        line(f"{name}: error issues {code}", count)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sections", nargs="*", default=["cnndm", "examples", "smollm"])
    parser.add_argument("--limit", type=int, default=0, help="articles per section (0: all)")
    parser.add_argument("--no-gate", action="store_true")
    parser.add_argument("--strength", default="medium")
    parser.add_argument("--backend", action="append", help="default: rules")
    parser.add_argument("--no-fluency", action="store_true", help="skip the SmolLM2 fluency")
    parser.add_argument("--smollm-limit", type=int, default=10)
    parser.add_argument(
        "--lm-rank", action="store_true", help="rank with SmolLM2's fluency and likelihood too"
    )
    args = parser.parse_args()
    chosen = tuple(args.backend or ("rules",))
    opts = RewriteOptions(
        backends=chosen,
        strength=args.strength,
        gate=not args.no_gate,
        language_model=args.lm_rank,
    )
    models.nlp()
    models.embedder()
    models.smollm()
    # one warm-up article so that lazy imports and caches are not timed
    warm = Article(text="The committee approved the plan on Tuesday. It was late.")
    rewrite(warm, replace(opts, backends=(*chosen, "smollm")))
    for section in args.sections:
        if section == "smollm":
            articles = cnndm(args.smollm_limit)
            for gate in (False, True):
                smol = RewriteOptions(backends=("smollm",), strength=args.strength, gate=gate)
                measure(f"smollm gate {'on' if gate else 'off'}", articles, smol, False)
            continue
        loader = {"cnndm": cnndm, "examples": examples}.get(section)
        if loader is None:
            sys.exit(f"unknown section {section!r}; choose from: cnndm, examples, smollm")
        measure(section, loader(args.limit), opts, not args.no_fluency)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line("peak memory (MB)", f"{peak:.0f}")


if __name__ == "__main__":
    main()
