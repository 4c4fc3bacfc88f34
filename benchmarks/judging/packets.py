"""Blind judging of rewritten sentences: build packets for readers, score labels.

    .venv/bin/python benchmarks/judging/packets.py prepare REWRITE_JSONL OUT_DIR
        [--controls 0.2] [--seed 7] [--per-packet 60]
    .venv/bin/python benchmarks/judging/packets.py score OUT_DIR
    .venv/bin/python benchmarks/judging/packets.py novelty REWRITE_JSONL

``prepare`` reads the JSON lines of ``retold rewrite --jsonl`` and takes every
rewritten sentence, plus a share of kept sentences as controls (their
rewrite is their source), shuffles them with a fixed seed, and writes
packets that show only SOURCE and REWRITE (``packet-NN.txt``), the
instructions beside them, and a key (``key.jsonl``) that the readers never
see. Readers answer into ``labels-NN.jsonl`` (see INSTRUCTIONS.md).
``score`` joins the labels with the key and prints one line per figure:
the share of good / awkward / broken / changed among rewritten sentences,
and among controls (controls should be good: they show how strict the
readers are). ``novelty`` prints the share of the rewritten bodies' word
4-grams that their sources do not have (a duplicate-content checker's view),
and the share of sentences rewritten. Nothing here imports retold: the judgment does not share its
code.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("good", "awkward", "broken", "changed")


def prepare(results: Path, out: Path, controls: float, seed: int, per_packet: int) -> None:
    items = []
    kept = []
    for line in results.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for s in doc.get("sentences", []):
            entry = {
                "doc": doc["id"],
                "index": s["index"],
                "source": s["source"]["text"],
                "rewrite": s["rewrite"],
                "status": s["status"],
                "backend": s.get("backend"),
                "operations": s.get("operations", []),
            }
            (items if s["status"] == "rewritten" else kept).append(entry)
    rng = random.Random(seed)
    rng.shuffle(kept)
    chosen = items + kept[: round(controls * len(items))]
    rng.shuffle(chosen)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "INSTRUCTIONS.md", out / "INSTRUCTIONS.md")
    with (out / "key.jsonl").open("w", encoding="utf-8") as key:
        for n, entry in enumerate(chosen, 1):
            key.write(json.dumps({"item": n, **entry}, ensure_ascii=False) + "\n")
    for p in range(0, len(chosen), per_packet):
        lines = []
        for n in range(p + 1, min(p + per_packet, len(chosen)) + 1):
            e = chosen[n - 1]
            lines.append(f"ITEM {n}\nSOURCE: {e['source']}\nREWRITE: {e['rewrite']}\n")
        (out / f"packet-{p // per_packet + 1:02d}.txt").write_text(
            "\n".join(lines), encoding="utf-8"
        )
    print(f"items {len(chosen)} ({len(items)} rewritten, {len(chosen) - len(items)} controls)")


def score(out: Path) -> None:
    key = {
        e["item"]: e
        for e in map(json.loads, (out / "key.jsonl").read_text(encoding="utf-8").splitlines())
    }
    labels: dict[int, str] = {}
    for path in sorted(out.glob("labels-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("label") in LABELS:
                    labels[int(row["item"])] = row["label"]
    missing = sorted(set(key) - set(labels))
    for group in ("rewritten", "kept"):
        got = Counter(labels[n] for n, e in key.items() if e["status"] == group and n in labels)
        total = sum(got.values())
        name = "rewritten" if group == "rewritten" else "controls"
        print(f"{name + ' judged':<40} {total:>6}")
        for label in LABELS:
            share = got[label] / total if total else 0.0
            print(f"{name + ' ' + label:<40} {share:>6.3f}  ({got[label]})")
    print(f"{'items without a label':<40} {len(missing):>6}")


def _grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+(?:['’]\w+)*", text.lower())
    return {tuple(words[k : k + 4]) for k in range(len(words) - 3)}


def novelty(results: Path) -> None:
    new = total = rewritten = sentences = 0
    for line in results.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        source = " ".join(s["source"]["text"] for s in doc.get("sentences", []))
        body = " ".join(s["rewrite"] for s in doc.get("sentences", []))
        grams, seen = _grams(body), _grams(source)
        new += len(grams - seen)
        total += len(grams)
        sentences += len(doc.get("sentences", []))
        rewritten += sum(s["status"] == "rewritten" for s in doc.get("sentences", []))
    print(f"{'word 4-gram novelty of the bodies':<40} {new / total if total else 0.0:>6.3f}")
    print(f"{'share of sentences rewritten':<40} {rewritten / sentences:>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("results", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--controls", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--per-packet", type=int, default=60)
    p = sub.add_parser("score")
    p.add_argument("out", type=Path)
    p = sub.add_parser("novelty")
    p.add_argument("results", type=Path)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.results, args.out, args.controls, args.seed, args.per_packet)
    elif args.command == "novelty":
        novelty(args.results)
    else:
        score(args.out)


if __name__ == "__main__":
    main()
