"""BUMP task 1, row by row: each row's reference and edited summary scores and issue codes.

    python benchmarks/bump_rows.py OUT.jsonl
    PYTHONPATH=/path/to/worktree/src python benchmarks/bump_rows.py OLD.jsonl

Two such files, from two commits (a git worktree on PYTHONPATH picks the
code), show which rows a change won or lost in `benchmarks/audit.py bump`'s
pairwise accuracy and which issues moved. Reads
../shared/data/bump_task1_dev.json (relative to the repository root).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from retold.audit.auditor import AuditOptions, audit_many
from retold.data import Report

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _codes(report: Report) -> list[str]:
    return sorted(f"{i.code}:{i.severity[0]}" for i in report.issues)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    rows = json.loads((DATA / "bump_task1_dev.json").read_text())
    pairs = []
    for r in rows:
        pairs += [(r["article"], r["reference_summary"]), (r["article"], r["edited_summary"])]
    reports = list(audit_many(pairs, AuditOptions(mode="summary")))
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for k, r in enumerate(rows):
            ref, edit = reports[2 * k], reports[2 * k + 1]
            record = {
                "k": k,
                "type": r["corrected_error_type"],
                "ref": ref.score,
                "edit": edit.score,
                "ref_codes": _codes(ref),
                "edit_codes": _codes(edit),
            }
            out.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
