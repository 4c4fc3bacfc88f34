"""Invariants of audit() over generated texts (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.audit.auditor import AuditOptions, audit
from retold.data import Report, Severity

_WORDS = st.sampled_from(
    [
        "Police",
        "arrested",
        "three",
        "men",
        "on",
        "Saturday",
        "in",
        "Leeds",
        "the",
        "mayor",
        "said",
        "not",
        "will",
        "may",
        "12,000",
        "$4.2",
        "million",
        "Oct.",
        "7",
        "U.S.",
        "officials",
        "“We",
        "won’t",
        "stop,”",
        "Alright,",
        "about",
        "percent",
        "Mr.",
        "Blinken",
        "J.",
        "S.",
        "scroll",
        "to",
        "top",
        "rose",
        "fell",
    ]
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
_TEXT = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


def _check(report: Report, source: str | None, rewrite: str) -> None:
    assert 0.0 <= report.score <= 1.0
    assert all(0.0 <= s <= 1.0 for s in report.sentence_scores)
    for issue in report.issues:
        assert issue.severity in Severity.ALL
        assert issue.code and issue.message
        if issue.rewrite_span is not None:
            a, b = issue.rewrite_span
            assert 0 <= a <= b <= len(rewrite)
        if issue.source_span is not None:
            assert source is not None
            a, b = issue.source_span
            assert 0 <= a <= b <= len(source)
    report.to_json()


@settings(max_examples=40, deadline=None)
@given(_TEXT, _TEXT, st.sampled_from(["rewrite", "summary"]))
def test_audit_invariants(source: str, rewrite: str, mode: str) -> None:
    report = audit(source, rewrite, AuditOptions(mode=mode))
    _check(report, source, rewrite)
    covered = sorted(i for a in report.alignments for i in a.rewrite)
    assert covered == list(range(len(report.sentence_scores)))


@settings(max_examples=40, deadline=None)
@given(_TEXT)
def test_a_text_audited_against_itself_has_no_fidelity_error(text: str) -> None:
    report = audit(text, text)
    _check(report, text, text)
    assert not [i for i in report.errors if i.code.startswith("F")], report.issues


@settings(max_examples=30, deadline=None)
@given(_TEXT)
def test_source_free_invariants(text: str) -> None:
    report = audit(text)
    _check(report, None, text)
    assert all(i.source_span is None for i in report.issues)
