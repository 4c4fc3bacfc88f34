"""Benchmark the audit on the fidelity pairs that writers made apart from the code.

Run from the repository root:

    .venv/bin/python benchmarks/fidelity_pairs.py [--set 1|2] [--half tune|test] \\
        [--mode rewrite|summary]

Set 1 is in benchmarks/data/fidelity_pairs/, set 2 (written later, by other
writers, after set 1's test half had been reported) in
benchmarks/data/fidelity_pairs2/; each folder's WRITING.md says how its pairs
were written, and its split.py split them by passage before any tuning. Tune on the
``tune`` half; the ``test`` half is reported once, at the end of the work it
measures, beside the tuned figure.

The audit is run as a user runs it, through the command line (``retold
audit --jsonl``), and judged here against the writers' labels; this script
shares no code with retold. Prints one line per figure:

- detection: the share of corruptions with at least one error-severity
  issue (the report's policy), overall and per kind;
- the gate: corruptions the rewrite gate would accept (each report's
  ``gate.accept``, the gate's stricter policy), per kind, and the share of
  faithful and heavy paraphrases it would reject (a rejected paraphrase costs
  a rewrite, not a fact);
- false alarms: the share of faithful, and of heavy, paraphrases with at
  least one error-severity issue; the codes behind them, most frequent first.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "1": ROOT / "benchmarks" / "data" / "fidelity_pairs",
    "2": ROOT / "benchmarks" / "data" / "fidelity_pairs2",
}
RETOLD = ROOT / ".venv" / "bin" / "retold"


def line(name: str, value: float | int | str, note: str = "") -> None:
    v = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"{name:<52} {v:>8}  {note}".rstrip(), flush=True)


def audit_all(rows: list[dict[str, str]], mode: str) -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        pairs = Path(tmp) / "pairs.jsonl"
        pairs.write_text(
            "".join(
                json.dumps({"id": r["id"], "source": r["source"], "rewrite": r["rewrite"]}) + "\n"
                for r in rows
            ),
            encoding="utf-8",
        )
        done = subprocess.run(
            [str(RETOLD), "audit", "--mode", mode, "--jsonl", str(pairs)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode not in (0, 2):
        sys.exit(f"retold audit failed ({done.returncode}): {done.stderr.strip()}")
    reports = [json.loads(x) for x in done.stdout.splitlines() if x.strip()]
    return {str(r["id"]): r for r in reports}


def errors(report: dict[str, object]) -> list[str]:
    issues = report.get("issues") or []
    return [i["code"] for i in issues if i["severity"] == "error"]  # type: ignore[union-attr, index]


def gate_accepts(report: dict[str, object]) -> bool:
    gate = report.get("gate")
    if not isinstance(gate, dict):  # a retold from before the gate's policy: errors only
        return not errors(report)
    return bool(gate["accept"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="2")
    ap.add_argument("--half", choices=["tune", "test"], default="tune")
    ap.add_argument("--mode", choices=["rewrite", "summary"], default="rewrite")
    args = ap.parse_args()
    rows = [
        json.loads(x)
        for x in (SETS[args.set] / f"{args.half}.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    start = time.perf_counter()
    reports = audit_all(rows, args.mode)
    seconds = time.perf_counter() - start
    line("half", args.half, f"set {args.set}, {len(rows)} pairs, audit mode {args.mode}")
    failed = [r["id"] for r in rows if "error" in reports.get(r["id"], {"error": 1})]
    if failed:
        line("pairs the audit could not read", len(failed), ", ".join(failed[:5]))

    corrupt = [r for r in rows if r["label"] == "corrupt" and r["id"] not in failed]
    caught = [r for r in corrupt if errors(reports[r["id"]])]
    line("detection, all corruptions", len(caught) / len(corrupt), f"{len(caught)}/{len(corrupt)}")
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for r in corrupt:
        by_kind[r["kind"]].append(bool(errors(reports[r["id"]])))
    for kind, hits in sorted(by_kind.items()):
        line(f"detection, {kind}", sum(hits) / len(hits), f"{sum(hits)}/{len(hits)}")
    passed = [r for r in corrupt if gate_accepts(reports[r["id"]])]
    behind = ", ".join(f"{k} {n}" for k, n in Counter(r["kind"] for r in passed).most_common())
    line("corruptions the gate would accept", len(passed), behind)
    for label in ("faithful", "heavy"):
        clean = [r for r in rows if r["label"] == label and r["id"] not in failed]
        refused = [r for r in clean if not gate_accepts(reports[r["id"]])]
        line(f"gate rejects, {label}", len(refused) / len(clean), f"{len(refused)}/{len(clean)}")

    for label in ("faithful", "heavy"):
        clean = [r for r in rows if r["label"] == label and r["id"] not in failed]
        alarmed = [r for r in clean if errors(reports[r["id"]])]
        codes = Counter(c for r in alarmed for c in set(errors(reports[r["id"]])))
        behind = ", ".join(f"{c} {n}" for c, n in codes.most_common())
        share = len(alarmed) / len(clean)
        line(f"false alarms, {label}", share, f"{len(alarmed)}/{len(clean)}; {behind}")
    line("seconds for the whole half (one process)", seconds)


if __name__ == "__main__":
    main()
