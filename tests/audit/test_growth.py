"""Issue 15: what the audit reads of a whole source, it reads once, the same way.

The audit of a long article must not search the whole source again for each
of its sentences; the indexes that replace those searches must find exactly
what the searches found.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.audit.auditor import AuditOptions, audit
from retold.audit.checks.textscan import in_source as _in_source
from retold.audit.scoring import sentence_scores
from retold.data import AlignKind, Alignment, Issue, Report, Sentence, Severity

_PIECES = st.sampled_from(
    ["Labor", "Statistics", "Sky", "Bridge", "said", "The", ". ", " ", "\t", "-", "'s", "x", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), _PIECES, _PIECES, st.booleans())
def test_the_word_index_finds_what_a_search_finds(
    source: str, left: str, right: str, fold: bool
) -> None:
    if not re.match(r"\w", left):
        left = "Sky"
    a, b = re.escape(left), re.escape(right)
    flags = re.IGNORECASE if fold else 0
    for pattern, first in (
        (rf"(?<![\w.]){a}{b}(?!\w)", left + right),
        (rf"(?<![\w.]){a}[ \t]+{b}\b", left),
        (rf"\b{a}\.\s+{b}\b", left),
        (rf"\b{a}\W+{b}\W*(?:[.!?]|$)", left),
        (rf"\b{a}\W+{b}[ \t]+\w", left),
    ):
        expected = re.search(pattern, source, flags) is not None
        assert _in_source(pattern, first, source, flags) == expected, (pattern, source)


def test_sentence_scores_take_each_issue_in_its_own_sentence() -> None:
    sents = (Sentence("One two.", 0, 8, 0), Sentence("Three four.", 9, 20, 1))
    issue = Issue("T204", "doubled", Severity.ERROR, "m", rewrite_span=(10, 12))
    warning = Issue("T204", "doubled", Severity.WARNING, "m", rewrite_span=(9, 10))
    outside = Issue("T204", "doubled", Severity.ERROR, "m", rewrite_span=(8, 9))
    aligned = tuple(Alignment((i,), (i,), AlignKind.ONE_TO_ONE, 1.0) for i in range(2))
    scores = sentence_scores(aligned, sents, (issue, warning, outside), {})
    assert scores == (1.0, 1.0 * 0.5 * 0.95)


def test_a_long_pair_is_audited_with_every_sentence_scored() -> None:
    """A source of 200 sentences (many alignments, each reading the whole
    source): every sentence aligned, scored and in the report."""
    paragraph = (
        "Police in Leeds arrested three men on Saturday after a robbery. "
        "The shop owner, Ahmed Khan, said he had lost $1.2 million. "
        '"We will not rest," Chief Inspector Jane Smith told reporters. '
        "Officers are appealing for witnesses to come forward."
    )
    source = "\n\n".join(paragraph.replace("three", str(k)) for k in range(50))
    rewrite = source.replace("arrested", "detained").replace("said", "stated")
    report = audit(source, rewrite, AuditOptions())
    assert len(report.sentence_scores) == len(report.rewrite_sentences) == 200
    assert sorted(i for a in report.alignments for i in a.rewrite) == list(range(200))
    assert all(a.kind == AlignKind.ONE_TO_ONE for a in report.alignments)
    assert report.score > 0.8


_SOURCE = (
    "The council approved the harbor bridge on Tuesday. It will cost $48 million. "
    "Mayor Ines Duarte said construction would start in March. "
    "Opponents said the city had not studied the traffic."
)
_ROUNDS = (
    "On Tuesday, the council approved the harbor bridge. It will cost $48 million. "
    "Construction would start in March, Mayor Ines Duarte said. "
    "Opponents said the city had not studied the traffic.",
    # The next round puts one sentence back as the source has it.
    "On Tuesday, the council approved the harbor bridge. It will cost $48 million. "
    "Mayor Ines Duarte said construction would start in March. "
    "Opponents said the city had not studied the traffic.",
)


def _summary(r: Report) -> tuple[object, ...]:
    """What a reader sees of a report: its issues, alignments and score (to 3 places)."""
    issues = tuple((i.code, i.severity, i.source_span, i.rewrite_span) for i in r.issues)
    return issues, r.alignments, round(r.score, 3)


def test_rounds_of_a_whole_article_audit_parse_the_source_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The gate's rounds keep the source prepared (issue 15): each later round
    parses only its new body, and reports what a fresh audit reports."""
    from retold.audit import auditor

    parsed: list[str] = []
    real = auditor.parse_many

    def counting(texts: list[str], **kw: Any) -> Any:
        parsed.extend(texts)
        return real(texts, **kw)

    monkeypatch.setattr(auditor, "parse_many", counting)
    keep = auditor.Prepared()
    for body in _ROUNDS:
        kept = next(auditor.audit_many([(_SOURCE, body)], keep=keep))
        fresh = next(auditor.audit_many([(_SOURCE, body)]))
        assert _summary(kept) == _summary(fresh)
    # Fresh audits parse the source every time; with `keep`, once.
    with_keep = [t for t in parsed if t == _SOURCE]
    assert len(with_keep) == 1 + len(_ROUNDS)
    assert set(keep.texts) == {_SOURCE, *_ROUNDS}
