"""The package's public surface: ``retold.<stage>`` are the stage functions."""

from __future__ import annotations

import retold


def test_public_names_are_the_stage_functions() -> None:
    for name in ("load", "segment", "analyze", "summarize", "audit", "rewrite"):
        assert callable(getattr(retold, name)), name
    assert set(retold.__all__) >= {"Article", "Sentence", "Fact", "Report", "RetoldError"}


def test_stages_compose() -> None:
    text = "Sen. Ana Ruiz (D-Calif.) voted no on Oct. 7. The bill failed by 3 votes."
    sentences = retold.segment(text)
    assert [s.text for s in sentences] == [
        "Sen. Ana Ruiz (D-Calif.) voted no on Oct. 7.",
        "The bill failed by 3 votes.",
    ]
    facts = retold.analyze(text, sentences)
    assert {(f.kind, f.value) for f in facts} >= {("date", "--10-07"), ("number", "3")}
    report = retold.audit(text, text.replace("3 votes", "5 votes"))
    assert any(i.kind == "number" and i.severity == "error" for i in report.issues)
