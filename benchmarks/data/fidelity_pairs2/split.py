"""Split the written pairs into a tuning half and a test half, by passage.

Every pair of one passage lands on the same side, chosen by a hash of the
passage id, so the split does not depend on the order of writing and cannot
be nudged by looking at results. Run once, before any tuning:

    python benchmarks/data/fidelity_pairs2/split.py

Reads w*.jsonl beside this file; writes tune.jsonl and test.jsonl.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def side(passage: str) -> str:
    digest = hashlib.sha256(passage.encode("utf-8")).digest()
    return "test" if digest[0] % 2 else "tune"


def main() -> None:
    rows = []
    for path in sorted(HERE.glob("w*.jsonl")):
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    halves: dict[str, list[dict[str, str]]] = {"tune": [], "test": []}
    for row in rows:
        halves[side(row["passage"])].append(row)
    for name, half in halves.items():
        (HERE / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in half), encoding="utf-8"
        )
        labels = Counter(r["label"] for r in half)
        kinds = Counter(r["kind"] for r in half if r["label"] == "corrupt")
        print(f"{name}: {len(half)} pairs {dict(labels)} {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main()
