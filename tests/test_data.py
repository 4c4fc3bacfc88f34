"""The data model: records whose JSON field names are a contract, closed vocabularies
that are their plain strings."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest

from retold.data import (
    GATE_KINDS,
    AlignKind,
    Alignment,
    Article,
    AuditMode,
    Fact,
    FactKind,
    Issue,
    Report,
    Sentence,
    Severity,
    blocks,
)
from retold.errors import JsonlError, RetoldError
from retold.ingest.records import BadLine, Record, read_records


@pytest.mark.parametrize(
    ("vocabulary", "values"),
    [
        (
            FactKind,
            ("number", "date", "time", "person", "org", "place", "quote", "negation", "modality"),
        ),
        (Severity, ("error", "warning", "info")),
        (AlignKind, ("1:1", "1:n", "n:1", "n:m", "added", "dropped")),
        (AuditMode, ("rewrite", "summary", "text")),
    ],
)
def test_closed_vocabularies_are_their_plain_strings(
    vocabulary: type[StrEnum], values: tuple[str, ...]
) -> None:
    assert tuple(vocabulary) == values
    assert values == vocabulary.ALL  # type: ignore[attr-defined]
    for member, plain in zip(vocabulary, values, strict=True):
        assert member == plain and {plain: 1}[member] == 1
        assert f"{member}" == plain and json.dumps(member) == json.dumps(plain)
        # printed in a list or tuple, as README's examples print them
        assert repr([member, (member,)]) == repr([plain, (plain,)])
    assert vocabulary(values[0]) is next(iter(vocabulary))
    with pytest.raises(ValueError):
        vocabulary("no such value")


def test_json_is_the_same_for_enum_members_and_plain_strings() -> None:
    def issue(kind: str, severity: str) -> Issue:
        return Issue("F101", kind, severity, "the number changed", (0, 5), (0, 5))

    def report(issue: Issue, kind: str, mode: str) -> Report:
        alignment = Alignment((0,), (0,), kind, 0.81234)
        return Report(0.5, (alignment,), (issue,), (0.5,), mode, "a1")

    with_enums = report(
        issue(FactKind.NUMBER, Severity.ERROR), AlignKind.ONE_TO_ONE, AuditMode.SUMMARY
    )
    with_strings = report(issue("number", "error"), "1:1", "summary")
    assert json.dumps(with_enums.to_json()) == json.dumps(with_strings.to_json())
    assert with_enums.errors == with_strings.errors == with_enums.issues


def test_report_json_leaves_out_the_texts_it_carries() -> None:
    text = "Police arrested a man. He was released."
    sentences = (Sentence(text[:22], 0, 22, 0), Sentence(text[23:], 23, len(text), 1))
    bare = Report(1.0, sentence_scores=(1.0, 1.0), id="x")
    carrying = Report(
        1.0,
        sentence_scores=(1.0, 1.0),
        id="x",
        source_sentences=sentences,
        rewrite_sentences=sentences,
        source_text=text,
        rewrite_text=text,
    )
    assert carrying.to_json() == bare.to_json()
    assert list(carrying.to_json()) == [
        "id",
        "score",
        "mode",
        "gate",
        "alignments",
        "issues",
        "sentence_scores",
    ]
    assert all(text[s.start : s.end] == s.text for s in carrying.rewrite_sentences)
    assert text not in repr(carrying)  # a long article does not flood a log line


def test_report_errors_are_its_error_issues_in_order() -> None:
    issues = tuple(
        Issue(code, "x", severity, "m")
        for code, severity in [("F101", "error"), ("F123", "warning"), ("T201", "error")]
    )
    assert [i.code for i in Report(0.1, issues=issues).errors] == ["F101", "T201"]


def test_sentence_json_names() -> None:
    text = "Mr. Lee left. He returned."
    s = Sentence(text[14:], 14, len(text), 1, paragraph=0)
    assert s.to_json() == {
        "index": 1,
        "text": "He returned.",
        "start": 14,
        "end": 26,
        "paragraph": 0,
    }
    assert text[s.start : s.end] == s.text


def test_fact_json_names_and_optional_fields() -> None:
    fact = Fact(FactKind.NUMBER, "more than 1,200", "1200", 10, 25, 2, "more than", "")
    out = fact.to_json()
    assert out == {
        "kind": "number",
        "text": "more than 1,200",
        "value": "1200",
        "start": 10,
        "end": 25,
        "sentence": 2,
        "qualifier": "more than",
    }
    json.dumps(out)  # serialisable as is
    assert "qualifier" not in Fact(FactKind.PERSON, "Lee", "Lee", 0, 3).to_json()


def test_article_json_round_trip() -> None:
    article = Article("Body.", title="T", url="https://example.org/a", id="a1")
    assert Article(**article.to_json()) == article


def test_errors_carry_code_and_hint() -> None:
    error = JsonlError("line 3: not valid JSON", "each line must hold one JSON object")
    assert isinstance(error, RetoldError)
    assert str(error) == "[E120] line 3: not valid JSON (each line must hold one JSON object)"


def test_read_records_reports_bad_lines_in_place() -> None:
    lines = ['{"id": "a", "text": "x"}', "", "{oops", "[1]", '{"text": "no id"}']
    items = list(read_records(lines))
    assert [type(i) for i in items] == [Record, BadLine, BadLine, Record]
    assert items[0].id == "a" and items[0].line == 1
    assert isinstance(items[1], BadLine) and items[1].line == 3
    assert "line 3" in str(items[1].error)
    assert items[3].id == "5"  # no id: the line number stands in


def test_record_rejects_non_string_text() -> None:
    (record,) = read_records(['{"id": "a", "text": 5}'])
    assert isinstance(record, Record)
    with pytest.raises(JsonlError, match="must be a string"):
        record.text_field("text")


def _issue(kind: str, severity: str) -> Issue:
    return Issue(code="X999", kind=kind, severity=severity, message="m")


def test_the_gate_blocks_every_error_and_every_warning_about_a_fact() -> None:
    for kind in GATE_KINDS:
        assert blocks(_issue(kind, Severity.WARNING)), kind
        assert not blocks(_issue(kind, Severity.INFO)), kind
    assert blocks(_issue("text", Severity.ERROR))
    assert not blocks(_issue("text", Severity.WARNING))
    assert not blocks(_issue("meaning", Severity.WARNING))


def test_a_report_says_what_the_gate_would_do_and_why() -> None:
    warned = Report(score=0.9, issues=(_issue("predicate", Severity.WARNING),))
    assert warned.errors == ()
    assert warned.to_json()["gate"] == {"accept": False, "blockers": ["X999"]}
    noted = Report(score=1.0, issues=(_issue("meaning", Severity.WARNING),))
    assert noted.to_json()["gate"] == {"accept": True, "blockers": []}
