"""The data model: immutable records whose JSON field names are a contract."""

from __future__ import annotations

import dataclasses
import json

import pytest

from retold.data import Article, Fact, FactKind, Sentence
from retold.errors import JsonlError, RetoldError
from retold.ingest.records import BadLine, Record, read_records


def test_records_are_frozen() -> None:
    sentence = Sentence("Hello.", 0, 6, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.text = "Bye."  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Article("x").text = "y"  # type: ignore[misc]


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
