"""Golden file for the audit JSON that users and scripts see (reviewed like code).

Scores are measured figures and are left out; alignments and issues (codes,
severities, messages, spans) are compared exactly. After an intended change,
regenerate with:

    RETOLD_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_audit_golden.py
"""

from __future__ import annotations

import json
import os
from typing import Any

from retold.audit.auditor import audit
from tests.paths import DATA

GOLDEN = DATA / "audit" / "golden_report.json"
SOURCE = (
    "U.S. officials said on Oct. 7 that more than 34,000 people had fled. "
    "“We will not give up,” Mayor Ruth Kline said. Police arrested three men in Leeds."
)
REWRITE = (
    "On October 9, U.S. officials said about 34,000 people had fled. "
    "Alright, Mayor Ruth Kline said: “We will never give up.” "
    "Police released three men in Leeds. scroll to top"
)


def _stable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "alignments": [
            {k: a[k] for k in ("source", "rewrite", "kind")} for a in data["alignments"]
        ],
        "issues": data["issues"],
    }


def test_audit_json_matches_golden_file() -> None:
    got = _stable(audit(SOURCE, REWRITE).to_json())
    if os.environ.get("RETOLD_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
    for issue in got["issues"]:
        if issue["rewrite_span"]:
            a, b = issue["rewrite_span"]
            assert REWRITE[a:b]
