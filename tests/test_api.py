"""The package's public surface: one module per stage, each with its call.

Regression for issue 10: ``retold.segment.segment(text)`` raised
AttributeError because the package re-exported each function under its
module's name.
"""

from __future__ import annotations

import importlib
import logging

import retold


def test_stages_compose_through_their_modules() -> None:
    text = "Sen. Ana Ruiz (D-Calif.) voted no on Oct. 7. The bill failed by 3 votes."
    sentences = retold.segment.segment(text)
    assert [s.text for s in sentences] == [
        "Sen. Ana Ruiz (D-Calif.) voted no on Oct. 7.",
        "The bill failed by 3 votes.",
    ]
    facts = retold.analyze.analyze(text, sentences)
    assert {(f.kind, f.value) for f in facts} >= {("date", "--10-07"), ("number", "3")}
    report = retold.audit.audit(text, text.replace("3 votes", "5 votes"), retold.AuditOptions())
    assert any(i.kind == "number" and i.severity == "error" for i in report.issues)


def test_a_stage_module_imported_by_name_is_the_module() -> None:
    for stage in ("segment", "analyze", "summarize", "audit", "rewrite", "ingest", "render"):
        module = importlib.import_module(f"retold.{stage}")
        assert getattr(retold, stage) is module
        for name in module.__all__:
            assert hasattr(module, name), f"retold.{stage}.{name}"


def test_options_and_results_are_exported(example_article: retold.Article) -> None:
    summary = retold.summarize.summarize(example_article, retold.SummarizeOptions(sentences=2))
    assert isinstance(summary, retold.Summary)
    assert len(summary.sentences) == 2
    for chosen in summary.sentences:
        assert example_article.text[chosen.start : chosen.end] == chosen.text


def test_the_package_logger_is_silent_by_default() -> None:
    handlers = logging.getLogger("retold").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)
